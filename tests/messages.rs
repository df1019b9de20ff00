//! Every message and hint a trainer can meet has its Chinese translation: each
//! fixture course is checked, and each text it produces must match a template of
//! the catalogue (`src/core/messages.zh-CN.yaml`). A check added without one
//! fails here, with the texts to add.

mod common;
use common::*;
use std::collections::BTreeSet;
use syllabus::core::messages::{translate, Lang};

/// The English texts `check --format json` prints for a course.
fn texts(course: &str) -> Vec<String> {
    let o = run(&["check", course, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let mut out = Vec::new();
    for d in v.as_array().expect("an array") {
        for key in ["message", "hint"] {
            if let Some(t) = d[key].as_str() {
                out.push(t.to_string());
            }
        }
    }
    out
}

#[test]
fn every_message_of_the_fixture_courses_has_a_chinese_translation() {
    let mut courses: Vec<String> = std::fs::read_dir(fixture(""))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().join("course.yaml").is_file())
        .map(|e| format!("tests/fixtures/{}", e.file_name().to_string_lossy()))
        .collect();
    courses.sort();
    courses.push("no/such/course".into());
    let mut missing = BTreeSet::new();
    let mut seen = 0;
    for course in &courses {
        for text in texts(course) {
            seen += 1;
            if translate(Lang::ZhCn, &text).is_none() {
                missing.insert(text);
            }
        }
    }
    assert!(seen > 50, "only {seen} texts");
    let list: Vec<String> = missing.into_iter().collect();
    assert!(
        list.is_empty(),
        "no zh-CN template in src/core/messages.zh-CN.yaml for:\n{}",
        list.join("\n")
    );
}

#[test]
fn the_lines_around_the_diagnostics_are_translated_too() {
    for line in [
        "3 errors, 1 warning",
        "1 error, 0 warnings",
        "built 12 pages into public in 35 ms",
        "built 12 pages into public in 35 ms (0 errors, 2 warnings)",
        "build failed: 2 errors, 0 warnings; public was left as it was",
        "01-a/02-b.md (page body): build failed (1 error, 0 warnings) in 12 ms; the browser shows the problems, the last good pages stay served",
        "hint: {0}",
    ] {
        assert!(translate(Lang::ZhCn, line).is_some(), "{line}");
    }
}
