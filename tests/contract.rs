//! The data the generator writes for the theme's scripts, checked against the
//! files in `tests/contract/` that the scripts' own tests (`tests/js/`) run on: the
//! shown order of choices, and the JSON and `data-*` attributes of every block kind.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use syllabus::blocks::quiz::shuffle;

fn contract(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/contract")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn choices_are_shown_in_the_order_the_browser_computes() {
    let cases = contract("permutations.json");
    let cases = cases.as_array().expect("a list");
    assert!(cases.len() > 30);
    for c in cases {
        let seed = c["seed_text"].as_str().expect("seed_text");
        let n = c["n"].as_u64().expect("n") as usize;
        let want: Vec<usize> = c["permutation"]
            .as_array()
            .expect("permutation")
            .iter()
            .map(|v| v.as_u64().expect("index") as usize)
            .collect();
        assert_eq!(shuffle::for_question(n, seed), want, "{seed:?}, n = {n}");
    }
}

/// The text of the element that follows `marker` in `html`, up to `end`.
fn after<'a>(html: &'a str, marker: &str, end: &str) -> &'a str {
    let i = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} not in page"));
    let rest = &html[i + marker.len()..];
    &rest[..rest.find(end).expect("end")]
}

/// The JSON of the `<script type="application/json">` with this class or id; for
/// quiz data, the one inside question `qid`.
fn script(html: &str, class_or_id: &str, qid: Option<&str>) -> Value {
    let html = match qid {
        Some(q) => &html[html.find(&format!("data-qid=\"{q}\"")).expect("question")..],
        None => html,
    };
    let marker = ["class", "id"]
        .iter()
        .map(|a| format!("<script type=\"application/json\" {a}=\"{class_or_id}\">"))
        .find(|m| html.contains(m.as_str()))
        .unwrap_or_else(|| panic!("no script {class_or_id}"));
    serde_json::from_str(after(html, &marker, "</script>")).expect("JSON")
}

/// The `data-*` attributes of every element whose class list starts with `class`.
fn attributes(html: &str, class: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&format!("class=\"{class}")) {
        let start = rest[..i].rfind('<').expect("tag");
        let tag = &rest[start..start + rest[start..].find('>').expect("tag end")];
        let mut attrs = BTreeMap::new();
        for part in tag.split(" data-").skip(1) {
            let (name, value) = part.split_once('=').unwrap_or((part, "\"\""));
            let value = value.split('"').nth(1).unwrap_or("");
            attrs.insert(name.to_string(), Value::String(unescape(value)));
        }
        out.push(serde_json::to_value(attrs).expect("object"));
        rest = &rest[i + class.len()..];
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Hash values say which version of a definition a saved answer belongs to; they
/// are the generator's own business, so only their presence is compared. So are a
/// graded question's sealed answer key and its salt, which follow from the hash
/// (tests/js/answer-keys.test.js grades with them). Numbers compare as the browser
/// reads them (`1.0` is `1`).
fn without_hashes(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| {
                    let sealed = ["salt", "sealed", "key", "keys"].contains(&k.as_str());
                    let v = if k == "hash" || sealed {
                        Value::String("…".into())
                    } else {
                        without_hashes(v)
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_hashes).collect()),
        Value::Number(n) => n.as_f64().map_or(Value::Null, Value::from),
        other => other.clone(),
    }
}

#[test]
fn every_block_carries_the_data_its_script_reads() {
    let (_q, quiz) = build("tests/fixtures/valid-quiz", &[]);
    let (_r, rp) = build("tests/fixtures/valid-roleplay", &[]);
    let formative = read(&quiz, "lessons/formative.html");
    let graded = read(&quiz, "checks/graded.html");
    let cases: Vec<(&str, Value)> = vec![
        (
            "quiz-single.json",
            script(&formative, "quiz-data", Some("f-single")),
        ),
        (
            "quiz-multiple.json",
            script(&formative, "quiz-data", Some("f-multiple")),
        ),
        (
            "quiz-truefalse.json",
            script(&formative, "quiz-data", Some("f-truefalse")),
        ),
        (
            "quiz-fill.json",
            script(&formative, "quiz-data", Some("f-fill")),
        ),
        (
            "quiz-order.json",
            script(&formative, "quiz-data", Some("f-order")),
        ),
        (
            "quiz-match.json",
            script(&formative, "quiz-data", Some("f-match")),
        ),
        (
            "quiz-numeric.json",
            script(&formative, "quiz-data", Some("f-numeric")),
        ),
        (
            "quiz-numeric-range.json",
            script(&formative, "quiz-data", Some("f-range")),
        ),
        (
            "quiz-strings.json",
            script(&formative, "quiz-strings", None),
        ),
        (
            "quiz-page.json",
            script(&read(&quiz, "checks/graded.html"), "quiz-page-data", None),
        ),
        (
            "quiz-graded-single.json",
            script(&graded, "quiz-data", Some("g-single")),
        ),
        (
            "quiz-graded-multiple.json",
            script(&graded, "quiz-data", Some("g-multiple")),
        ),
        (
            "quiz-graded-truefalse.json",
            script(&graded, "quiz-data", Some("g-truefalse")),
        ),
        (
            "quiz-graded-fill.json",
            script(&graded, "quiz-data", Some("g-fill")),
        ),
        (
            "quiz-graded-numeric.json",
            script(&graded, "quiz-data", Some("g-numeric")),
        ),
        (
            "quiz-page-exam.json",
            script(&read(&quiz, "exam/final.html"), "quiz-page-data", None),
        ),
        (
            "roleplay.json",
            script(&read(&rp, "practice/mooncake.html"), "rp-data", None),
        ),
        (
            "roleplay-strings.json",
            script(&read(&rp, "practice/mooncake.html"), "rp-strings", None),
        ),
        (
            "assessment.json",
            script(&read(&rp, "basics/style.html"), "as-data", None),
        ),
        (
            "assessment-strings.json",
            script(&read(&rp, "basics/style.html"), "as-strings", None),
        ),
        (
            "reflect.json",
            attributes(&read(&rp, "basics/first-thoughts.html"), "reflect")[0].clone(),
        ),
        (
            "workbook-items.json",
            Value::Array(attributes(&read(&rp, "workbook.html"), "wb-item ")),
        ),
        (
            "workbook-strings.json",
            script(&read(&rp, "workbook.html"), "wb-strings", None),
        ),
    ];
    for (file, got) in cases {
        assert_eq!(
            without_hashes(&got),
            without_hashes(&contract(&format!("blocks/{file}"))),
            "{file}: the generator no longer writes what the scripts read"
        );
    }
}
