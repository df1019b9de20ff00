//! `syllabus new`: the example course builds and checks clean as generated, and an
//! existing folder with anything in it is never touched.

mod common;

use common::{run, stderr};

#[test]
fn the_new_course_checks_with_no_warnings_and_builds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let course = dir.path().join("my-course");
    let course_s = course.to_string_lossy().into_owned();
    let o = run(&["new", &course_s]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(course.join("course.yaml").is_file());

    let o = run(&["check", &course_s, "--format", "json", "--deny-warnings"]);
    assert!(o.status.success(), "{}", common::stdout(&o));
    assert_eq!(common::stdout(&o).trim(), "[]");

    let (_tmp, out) = common::build(&course_s, &[]);
    let lesson = common::read(&out, "getting-started/welcome.html");
    assert!(lesson.contains("<table>"), "{lesson}");
    assert!(lesson.contains("服务的三个要素"));
    for page in [
        "getting-started/check-yourself.html",
        "practice/roleplay.html",
        "practice/quiz.html",
    ] {
        assert!(out.join(page).is_file(), "{page} missing");
    }
    // Every kind of block is there for a trainer to copy from.
    let text = |rel: &str| std::fs::read_to_string(course.join(rel)).expect("read");
    let questions = text("01-getting-started/02-check-yourself.md");
    for kind in [
        "single",
        "multiple",
        "truefalse",
        "fill",
        "order",
        "match",
        "numeric",
    ] {
        assert!(
            questions.contains(&format!("type: {kind}\n")),
            "no {kind} question"
        );
    }
    assert!(questions.contains("```assessment"));
    assert!(questions.contains("```reflect"));
    assert!(text("02-practice/01-roleplay.md").contains("```roleplay"));
    assert!(text("02-practice/02-quiz.md").contains("\nquiz:\n"));
}

#[test]
fn new_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("notes.md"), "mine").expect("write");
    let dir_s = dir.path().to_string_lossy().into_owned();
    let o = run(&["new", &dir_s]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("the folder is not empty; nothing was written"));
    assert_eq!(common::files(dir.path()), vec!["notes.md".to_string()]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.md")).expect("read"),
        "mine"
    );
}

#[test]
fn new_fills_an_empty_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dir_s = dir.path().to_string_lossy().into_owned();
    let o = run(&["new", &dir_s]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.path().join("01-getting-started/index.md").is_file());
}
