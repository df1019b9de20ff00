//! Search: what the index holds (and never holds), how it ranks, the files a
//! build writes for it, and `search: false`.

mod common;
use common::*;
use syllabus::blocks::{quiz::Kind, Block};
use syllabus::pipeline::{BuildOptions, Pipeline};
use syllabus::search::{self, Index};

fn index_of(course: &str) -> (Pipeline, Index) {
    let p = Pipeline::load(&fixture_or_root(course), BuildOptions::default()).expect("loads");
    let i = search::index(&p);
    (p, i)
}

fn fixture_or_root(course: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(course)
}

fn urls(index: &Index, q: &str) -> Vec<String> {
    index
        .search(q)
        .iter()
        .map(|h| index.docs[h.doc].url.clone())
        .collect()
}

/// Every search file a build wrote, as one text.
fn search_files(out: &std::path::Path) -> String {
    files(out)
        .iter()
        .filter(|f| f.starts_with("search/"))
        .map(|f| read(out, f))
        .collect()
}

const NEVER: &[&str] = &[
    "zebrafish", // a graded question's explanation
    "xylophone", // an option's feedback
    "quokka",    // option texts (the correct one among them)
    "narwhal",   // a fill question's accepted answer
    "axolotl",   // order items, which are written in the answer order
    "ocelot",    // a match question's right-hand side
    "pangolin",  // a role-play reply's feedback
    "wombat",    // a role-play ending
    "kinkajou",  // a self-assessment's result band
];

#[test]
fn the_index_holds_what_a_trainee_reads_and_never_an_answer() {
    let (_p, index) = index_of("tests/fixtures/search-keys");
    for word in NEVER {
        assert!(urls(&index, word).is_empty(), "{word} is searchable");
        for d in &index.docs {
            assert!(!d.text.to_lowercase().contains(word), "{word} in {}", d.url);
        }
    }
    let graded = "basics/graded.html";
    assert_eq!(urls(&index, "capybara"), [graded], "a question prompt");
    assert_eq!(urls(&index, "lives in the sea"), [graded], "a fill prompt");
    let roleplay = "basics/roleplay.html";
    for q in ["meerkat", "异物", "具体情况", "toucan", "王女士"] {
        assert_eq!(urls(&index, q), [roleplay], "{q}");
    }

    let (_tmp, out) = build("tests/fixtures/search-keys", &[]);
    let shipped = search_files(&out).to_lowercase();
    assert!(shipped.contains("capybara"));
    for word in NEVER {
        assert!(!shipped.contains(word), "{word} is in the published index");
    }
}

#[test]
fn the_flagship_index_leaves_graded_explanations_and_feedback_out() {
    let (p, index) = index_of("content");
    let mut checked = 0;
    for pb in p.page_blocks().iter().filter(|pb| pb.page.is_graded()) {
        let Some(doc) = index.docs.iter().find(|d| d.url == pb.page.url) else {
            panic!("{} is not indexed", pb.page.url);
        };
        for b in pb.blocks.iter().flatten() {
            let Block::Quiz(q) = b else { continue };
            let mut secret: Vec<String> = q
                .explanation
                .iter()
                .map(|e| e.as_str().to_string())
                .collect();
            match &q.kind {
                Kind::Single { options } | Kind::Multiple { options } => {
                    secret.extend(
                        options
                            .iter()
                            .flat_map(|o| o.feedback.iter())
                            .map(|f| f.as_str().to_string()),
                    );
                    secret.extend(options.iter().filter(|o| o.correct).map(|o| o.text.clone()));
                }
                Kind::Fill { answers } => secret.extend(answers.iter().flatten().cloned()),
                _ => {}
            }
            for s in secret {
                let plain = strip_tags(&s);
                // Short answers ("是", "5") occur in any text; long ones only where copied.
                if plain.chars().count() >= 8 {
                    checked += 1;
                    assert!(
                        !doc.text.contains(&plain),
                        "{}: `{plain}` is indexed",
                        pb.page.url
                    );
                }
            }
        }
    }
    assert!(checked > 20, "only {checked} answers checked");
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    search::text::html_text(html, &mut out, &mut |_, _| {});
    out.trim().to_string()
}

#[test]
fn chinese_and_english_queries_find_the_flagship_pages_that_hold_them() {
    let (_p, index) = index_of("content");
    let disc = urls(&index, "DISC");
    assert_eq!(
        disc[0], "communication/communication-styles.html",
        "six mentions"
    );
    assert!(
        disc.contains(&"practice/disc-profile.html".to_string()),
        "{disc:?}"
    );
    assert_eq!(urls(&index, "disc"), disc, "case does not matter");
    let steps = urls(&index, "投诉处理的步骤");
    assert_eq!(steps[0], "complaints/steps.html", "{steps:?}");
    assert!(!urls(&index, "挽留").is_empty());
}

#[test]
fn a_title_hit_comes_before_many_mentions_in_a_body() {
    let (_p, index) = index_of("tests/fixtures/search-keys");
    assert_eq!(
        urls(&index, "retention"),
        ["basics/retention.html", "basics/mentions.html"]
    );
    assert_eq!(
        urls(&index, "挽留"),
        ["basics/retention.html", "basics/mentions.html"]
    );
    // Written across a soft line break in the source.
    assert_eq!(urls(&index, "投诉处理"), ["basics/mentions.html"]);
    assert_eq!(urls(&index, "literal entity"), ["basics/mentions.html"]);
}

#[test]
fn a_build_writes_the_search_page_the_index_and_a_header_box() {
    let (_tmp, out) = build("tests/fixtures/search-keys", &[]);
    let all = files(&out);
    let head: Vec<&String> = all
        .iter()
        .filter(|f| f.starts_with("search/index.") && f.ends_with(".js"))
        .collect();
    assert_eq!(head.len(), 1, "{all:?}");
    let page = read(&out, "search.html");
    assert!(
        page.contains(&format!("<script src=\"{}\" defer>", head[0])),
        "{page}"
    );
    assert!(page.contains("id=\"search-q\""));
    // The head names every other file: by kind, number and one hash per kind.
    let head_js = read(&out, head[0]);
    let json = &head_js[head_js.find("[\"head\",0,").unwrap() + 10..head_js.rfind("]);").unwrap()];
    let h: serde_json::Value = serde_json::from_str(json).expect("head JSON");
    let mut named = vec![head[0].clone()];
    for (n, hash) in h["terms"].as_array().unwrap().iter().enumerate() {
        named.push(format!("search/t{n}.{}.js", hash.as_str().unwrap()));
    }
    let docs = &h["docs"];
    let starts = docs["starts"].as_array().unwrap();
    assert_eq!(starts.len(), docs["hashes"].as_array().unwrap().len());
    for (n, hash) in docs["hashes"].as_array().unwrap().iter().enumerate() {
        named.push(format!("search/d{n}.{}.js", hash.as_str().unwrap()));
    }
    named.sort();
    let written: Vec<String> = all
        .iter()
        .filter(|f| f.starts_with("search/"))
        .cloned()
        .collect();
    assert_eq!(written, named);
    let lesson = read(&out, "basics/retention.html");
    assert!(lesson.contains("action=\"../search.html\""), "{lesson}");
    assert!(lesson.contains("data-pagefind-body"));
    assert!(
        !page.contains("class=\"header-search\""),
        "no second box on the search page"
    );
}

#[test]
fn search_false_leaves_search_out_of_the_site() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let course = tmp.path().join("course");
    copy_tree(&fixture("search-keys"), &course);
    let yaml = course.join("course.yaml");
    let text = std::fs::read_to_string(&yaml).expect("read") + "search: false\n";
    std::fs::write(&yaml, text).expect("write");
    let out = tmp.path().join("public");
    let o = run(&[
        "build",
        &course.to_string_lossy(),
        "-o",
        &out.to_string_lossy(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let all = files(&out);
    assert!(
        !all.iter()
            .any(|f| f == "search.html" || f.starts_with("search/")),
        "{all:?}"
    );
    for f in all.iter().filter(|f| f.ends_with(".html")) {
        let html = read(&out, f);
        assert!(!html.contains("search.html"), "{f} links to search");
        assert!(!html.contains("search-engine"), "{f} loads search scripts");
    }
}

/// `tests/contract/search-tokens.json`: how text and queries are cut, which the
/// browser's `search-engine.js` must reproduce (`tests/js/contract-search.test.js`).
#[test]
fn the_contract_cases_cut_as_the_browser_expects() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/contract/search-tokens.json");
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("JSON");
    let write = std::env::var_os("SYLLABUS_WRITE_CONTRACT").is_some();
    for case in doc["cases"].as_array_mut().expect("cases") {
        let text = case["text"].as_str().expect("text").to_string();
        let mut terms = Vec::new();
        search::tokens::terms(&text, |t| terms.push(t.to_string()));
        let got = serde_json::json!({
            "text": text,
            "terms": terms,
            "query": search::tokens::query(&text),
        });
        if write {
            *case = got;
        } else {
            assert_eq!(*case, got, "{text}");
        }
    }
    for m in doc["matches"].as_array().expect("matches") {
        let q = search::tokens::query(m["query"].as_str().unwrap());
        let term = m["term"].as_str().unwrap();
        assert_eq!(q[0].matches(term), m["matches"].as_bool().unwrap(), "{m}");
    }
    if write {
        let text = serde_json::to_string_pretty(&doc).expect("JSON") + "\n";
        std::fs::write(&path, text).expect("write");
    }
}
