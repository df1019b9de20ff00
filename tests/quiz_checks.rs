//! Every quiz mistake a trainer can make, reported at the line and column of the
//! `.md` file with the exact message (fixture `tests/fixtures/invalid-quiz`).

mod common;
use common::*;
use serde_json::Value;

const COURSE: &str = "tests/fixtures/invalid-quiz";

fn problems() -> Vec<Value> {
    check_json(COURSE)
}

#[test]
fn every_quiz_mistake_is_reported_at_its_line() {
    let expected: &[(&str, &str, u64, u64, &str)] = &[
        ("e", "01-mod/01-types.md", 5, 7, "unknown question type `singel`"),
        ("e", "01-mod/01-types.md", 12, 1, "quiz block: unknown field `optoins`"),
        ("e", "01-mod/01-types.md", 18, 1, "quiz option list has no correct answer"),
        ("e", "01-mod/01-types.md", 30, 5, "a `single` question has exactly one correct option, this one has 2"),
        ("e", "01-mod/01-types.md", 36, 1, "the prompt has 2 blanks but `answers` has 1 list"),
        ("e", "01-mod/01-types.md", 42, 8, "an `order` question needs at least 2 items, this one has 1"),
        ("e", "01-mod/01-types.md", 50, 12, "left side `A` appears twice"),
        ("e", "01-mod/01-types.md", 58, 22, "right side `x` appears twice"),
        ("e", "01-mod/01-types.md", 65, 12, "`tolerance` cannot be negative (-1)"),
        ("e", "01-mod/01-types.md", 71, 8, "`range` goes from 6 down to 5"),
        ("e", "01-mod/01-types.md", 78, 1, "a `numeric` question has both `answer` and `range`"),
        ("e", "01-mod/01-types.md", 84, 1, "`items` is not a field of a `single` question"),
        ("e", "01-mod/01-types.md", 99, 5, "question id `dup` is already used"),
        ("e", "01-mod/01-types.md", 106, 1, "quiz question has no `type`"),
        ("e", "01-mod/01-types.md", 113, 9, "a `truefalse` answer must be `true` or `false`"),
        ("w", "01-mod/01-types.md", 119, 1, "every option of this `multiple` question is correct"),
        ("e", "01-mod/01-types.md", 129, 1, "quiz option list has no correct answer"),
        ("e", "01-mod/01-types.md", 136, 9, "a `fill` prompt has no `___` blank"),
        ("e", "01-mod/01-types.md", 138, 9, "`points` must be more than 0, not 0"),
        ("e", "01-mod/01-types.md", 146, 18, "link to a page that does not exist: `01-mod/09-missing.md`"),
        ("e", "01-mod/02-graded.md", 4, 14, "`pass_mark` must be a percentage from 0 to 100, not 120"),
        ("e", "01-mod/02-graded.md", 5, 13, "`attempts` cannot be negative (-1)"),
        ("e", "01-mod/02-graded.md", 6, 11, "unknown `reveal` value `sometimes`"),
        ("e", "01-mod/02-graded.md", 7, 9, "`draw: 3` is more than the 1 question in the pool"),
        (
            "w",
            "01-mod/02-graded.md",
            9,
            1,
            "graded question has no `id`; it is saved as `mod/graded#1`, which changes when a question is inserted above it",
        ),
        ("e", "01-mod/03-empty.md", 3, 1, "graded quiz page has no questions"),
        ("e", "02-other/01-exam.md", 4, 15, "`from` names no module `nope`"),
        ("e", "02-other/02-draw-zero.md", 4, 9, "`draw` must be at least 1, not 0"),
        ("e", "02-other/03-from-bad.md", 4, 9, "`from` must be `page`, `course` or a list of module slugs"),
        ("e", "02-other/04-empty-quiz.md", 3, 1, "`quiz:` is empty, so this page is not a graded quiz"),
    ];
    let got: Vec<(String, String, u64, u64, String)> = problems()
        .iter()
        .map(|d| {
            (
                d["severity"].as_str().unwrap_or("")[..1].to_string(),
                d["file"]
                    .as_str()
                    .unwrap_or("")
                    .trim_start_matches(&format!("{COURSE}/"))
                    .to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String, u64, u64, String)> = expected
        .iter()
        .map(|(s, f, l, c, m)| (s.to_string(), f.to_string(), *l, *c, m.to_string()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn hints_say_how_to_fix_it() {
    let all = problems();
    let hint = |needle: &str| -> String {
        all.iter()
            .find(|d| d["message"].as_str().is_some_and(|m| m.contains(needle)))
            .and_then(|d| d["hint"].as_str())
            .unwrap_or_else(|| panic!("no hint for {needle}"))
            .to_string()
    };
    assert_eq!(
        hint("unknown question type"),
        "did you mean `single`? known types: single, multiple, truefalse, fill, order, match, numeric"
    );
    assert!(hint("unknown field `optoins`").contains("options"));
    assert_eq!(
        hint("id `dup` is already used"),
        "first used at tests/fixtures/invalid-quiz/01-mod/01-types.md:92; ids key saved answers and exam pools, so each must be unique in the course"
    );
    assert_eq!(hint("`from` names no module"), "module slugs: mod, other");
    assert_eq!(
        hint("unknown `reveal` value"),
        "known values: after-submit, after-pass, never"
    );
    assert_eq!(
        hint("`range` goes from"),
        "write the low end first: `range: [5, 6]`"
    );
    assert!(hint("graded question has no `id`").contains("add a stable `id:`"));
    assert_eq!(
        hint("`quiz:` is empty"),
        "write `quiz: {}` for a graded quiz with the default settings, or remove the line"
    );
}

#[test]
fn the_compiler_style_report_shows_the_line_and_a_caret() {
    let o = run(&["check", COURSE]);
    let err = stderr(&o);
    assert!(
        err.contains("tests/fixtures/invalid-quiz/01-mod/01-types.md:5:7: error: unknown question type `singel`\n  |\n5 | type: singel\n  |       ^\n"),
        "{err}"
    );
}

#[test]
fn the_valid_quiz_course_checks_clean() {
    let o = run(&["check", "tests/fixtures/valid-quiz", "--deny-warnings"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn odd_input_is_reported_never_a_crash() {
    let o = run(&[
        "check",
        "tests/fixtures/invalid-quiz-odd",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("check --format json prints JSON");
    let messages: Vec<(u64, String)> = v
        .as_array()
        .expect("an array")
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["line"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    for expected in [
        (
            4,
            "`from` must be `page`, `course` or a list of module slugs",
        ),
        (7, "quiz block is empty"),
        (10, "quiz block: expected `key: value` lines"),
        (15, "quiz block: expected `key: value` lines"),
        (21, "`range` needs two numbers, low and high"),
        (27, "a `numeric` answer must be a number"),
        (33, "the accepted answers for blank 2 must be text"),
        (37, "quiz block: unknown field `base`"),
        (48, "the question's `id` is empty"),
        (61, "quiz block: a tab in the indentation"),
    ] {
        assert!(
            messages.contains(&(expected.0, expected.1.to_string())),
            "missing {expected:?} in {messages:#?}"
        );
    }
}
