//! The item-writing checks a trainer meets in `syllabus check` and `build`: a
//! course written to trip every one of them (`tests/fixtures/lint-trips`) gets
//! each warning at the worst offender with the exact message; a course written
//! well (`tests/fixtures/lint-clean`) gets none; `checks:` in course.yaml switches
//! a check off by name, and a name that is not a check is an error.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

const TRIPS: &str = "tests/fixtures/lint-trips";
const CLEAN: &str = "tests/fixtures/lint-clean";

/// Each check's name with the warning it gives on the trips course:
/// (check, file, line, column, message).
const EXPECTED: &[(&str, &str, u64, u64, &str)] = &[
    (
        "cjk_punctuation",
        "01-quiz/01-lesson.md",
        2,
        10,
        "3 half-width punctuation marks in Chinese text, at 2:10 `:`, 5:6 `,`, 12:14 `,`",
    ),
    (
        "longest_correct",
        "01-quiz/01-lesson.md",
        14,
        11,
        "the correct option is the longest in 4 of 7 single-choice questions",
    ),
    (
        "correct_position",
        "01-quiz/02-fixed.md",
        13,
        11,
        "the correct option is the last one in 3 of 3 single-choice questions with `shuffle: false`",
    ),
    (
        "duplicate_questions",
        "01-quiz/09-quiz.md",
        7,
        5,
        "2 groups of near-duplicate questions (4 in all)",
    ),
    (
        "wrong_option_feedback",
        "01-quiz/09-quiz.md",
        20,
        11,
        "3 wrong options on 2 graded questions have no feedback",
    ),
    (
        "binary_choices",
        "02-practice/01-roleplay.md",
        10,
        3,
        "in the course's role-play, most decision nodes offer only one good and one bad reply",
    ),
    (
        "longest_best_reply",
        "02-practice/01-roleplay.md",
        13,
        16,
        "in the course's role-play, the best-scoring reply is also the longest in most decision nodes",
    ),
    (
        "wrong_reply_passes",
        "02-practice/01-roleplay.md",
        16,
        16,
        "2 replies marked wrong (a forbidden phrase or a negative score) can still end in a pass",
    ),
    (
        "success_below_pass",
        "02-practice/01-roleplay.md",
        43,
        3,
        "1 ending marked `success` cannot reach `pass_score`",
    ),
    (
        "cjk_punctuation",
        "course.yaml",
        4,
        18,
        "1 half-width punctuation mark in Chinese text, at 4:18 `,`",
    ),
];

/// `check --format json` on a course that has no errors (exit 0).
fn warnings(course: &str) -> Vec<Value> {
    let o = run(&["check", course, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    v.as_array().expect("an array").clone()
}

/// (file relative to the course, line, column, message) of each warning.
fn places(course: &str, list: &[Value]) -> Vec<(String, u64, u64, String)> {
    list.iter()
        .map(|d| {
            assert_eq!(d["severity"], "warning", "{d}");
            let file = d["file"].as_str().unwrap_or_default();
            (
                file.strip_prefix(&format!("{course}/"))
                    .unwrap_or(file)
                    .to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn expected_except(off: &str) -> Vec<(String, u64, u64, String)> {
    EXPECTED
        .iter()
        .filter(|e| e.0 != off)
        .map(|&(_, f, l, c, m)| (f.to_string(), l, c, m.to_string()))
        .collect()
}

fn hint_of(list: &[Value], message_start: &str) -> String {
    list.iter()
        .find(|d| {
            d["message"]
                .as_str()
                .is_some_and(|m| m.starts_with(message_start))
        })
        .and_then(|d| d["hint"].as_str())
        .unwrap_or_default()
        .to_string()
}

#[test]
fn every_check_warns_once_at_its_worst_offender() {
    assert_eq!(places(TRIPS, &warnings(TRIPS)), expected_except(""));
}

#[test]
fn hints_name_the_worst_offenders_and_how_to_switch_the_check_off() {
    let list = warnings(TRIPS);
    let t = TRIPS;
    assert_eq!(
        hint_of(&list, "2 groups of near-duplicate"),
        format!(
            "a question asked twice tests the same fact twice and lets the first give the second away; merge them, or make one a scenario that applies the fact. \
             Worst: {t}/01-quiz/09-quiz.md:7 (same prompt as {t}/02-practice/09-quiz.md:7; asked together in {t}/03-exam/09-exam.md), \
             {t}/01-quiz/01-lesson.md:54 (same answers as {t}/01-quiz/09-quiz.md:27). \
             `checks: {{duplicate_questions: false}}` in course.yaml turns this check off"
        )
    );
    let replies = hint_of(&list, "2 replies marked wrong");
    assert!(
        replies.contains(&format!(
            "Worst: {t}/02-practice/01-roleplay.md:16 (its feedback calls it a forbidden phrase; a run through it scores up to 3, pass 3), \
             {t}/02-practice/01-roleplay.md:26 (scores -1; a run through it scores up to 3, pass 3)."
        )),
        "{replies}"
    );
    assert!(
        hint_of(&list, "in the course's role-play, the best-scoring").contains(
            "01-roleplay.md:13 (3 of 3 decision nodes; always picking the longest reply passes)"
        )
    );
    assert!(hint_of(&list, "1 ending marked `success`")
        .contains("01-roleplay.md:43 (`partial` scores at most 1, pass 3)"));
    assert!(hint_of(&list, "3 half-width").starts_with(
        "Chinese text takes full-width punctuation: write `：` for `:` (，：；！？（）); `checks: {cjk_punctuation: false}`"
    ));
}

#[test]
fn the_text_output_shows_the_worst_offender_and_labels_the_next() {
    // The course is in Chinese; these are the English messages.
    let o = run(&["--lang", "en", "check", TRIPS]);
    assert_eq!(o.status.code(), Some(0));
    let err = stderr(&o);
    let want = format!(
        "{TRIPS}/01-quiz/01-lesson.md:14:11: warning: the correct option is the longest in 4 of 7 single-choice questions\n   |\n14 |   - text: 先道歉，再耐心听顾客把话说完\n   |           ^^\n"
    );
    assert!(err.contains(&want), "{err}");
    assert!(
        err.contains(&format!(
            "::: {TRIPS}/01-quiz/01-lesson.md:25:11\n   |\n25 |   - text: 记下订单号和联系方式\n   |           -- 20 columns against at most 6\n"
        )),
        "{err}"
    );
}

#[test]
fn build_reports_the_same_warnings_and_still_builds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("public");
    let o = run(&["--lang", "en", "build", TRIPS, "-o", &out.to_string_lossy()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    for (_, file, line, col, message) in EXPECTED {
        assert!(
            err.contains(&format!("{TRIPS}/{file}:{line}:{col}: warning: {message}")),
            "{err}"
        );
    }
    assert!(out.join("quiz/lesson.html").is_file());
}

#[test]
fn a_course_written_well_passes_every_check() {
    let o = run(&["check", CLEAN, "--deny-warnings", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), "[]");
}

/// A copy of the trips course with `extra` added to its course.yaml.
fn trips_with(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(TRIPS).as_path(),
        dir.path(),
    );
    let yaml = dir.path().join("course.yaml");
    let mut text = std::fs::read_to_string(&yaml).expect("course.yaml");
    text.push_str(extra);
    std::fs::write(&yaml, text).expect("write course.yaml");
    dir
}

#[test]
fn switching_a_check_off_silences_it_and_nothing_else() {
    for (name, ..) in EXPECTED {
        let dir = trips_with(&format!("checks: {{{name}: false}}\n"));
        let course = dir.path().to_string_lossy().into_owned();
        assert_eq!(
            places(&course, &warnings(&course)),
            expected_except(name),
            "with {name} off"
        );
    }
    let dir = trips_with("checks:\n  longest_correct: true\n");
    let course = dir.path().to_string_lossy().into_owned();
    assert_eq!(places(&course, &warnings(&course)), expected_except(""));
}

#[test]
fn an_unknown_check_name_is_an_error_that_lists_the_known_ones() {
    let dir = trips_with("checks: {longest_corect: false, cjk_punctuation: no}\n");
    let course = dir.path().to_string_lossy().into_owned();
    let list = check_json(&course);
    let errors: Vec<(u64, u64, &str, &str)> = list
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap_or_default(),
                d["hint"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            (
                5,
                10,
                "unknown check `longest_corect`",
                "did you mean `longest_correct`? known checks: `longest_correct`, `correct_position`, `wrong_option_feedback`, `duplicate_questions`, `longest_best_reply`, `binary_choices`, `wrong_reply_passes`, `success_below_pass`, `cjk_punctuation`"
            ),
            (
                5,
                50,
                "check `cjk_punctuation` must be `true` or `false`",
                "every check is on unless set to `false`"
            ),
        ]
    );
}

#[test]
fn checks_must_be_a_mapping() {
    let dir = trips_with("checks: [longest_correct]\n");
    let course = dir.path().to_string_lossy().into_owned();
    let list = check_json(&course);
    let e = list
        .iter()
        .find(|d| d["severity"] == "error")
        .expect("an error");
    assert_eq!(
        e["message"],
        "`checks` must map check names to `true` or `false`"
    );
    assert_eq!(
        (e["line"].as_u64(), e["column"].as_u64()),
        (Some(5), Some(9))
    );
}

#[test]
fn an_english_course_may_quote_chinese_but_not_punctuate_it_half_width() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::write(
        root.join("course.yaml"),
        "id: en\ntitle: English\nlanguage: en\n",
    )
    .expect("write");
    std::fs::create_dir(root.join("01-words")).expect("mkdir");
    std::fs::write(
        root.join("01-words/index.md"),
        "---\ntitle: Words\n---\nThe word 服务, meaning service (服务) is common.\n\n服务,质量 are two words.\n",
    )
    .expect("write");
    let course = root.to_string_lossy().into_owned();
    assert_eq!(
        places(&course, &warnings(&course)),
        [(
            "01-words/index.md".to_string(),
            6,
            3,
            "1 half-width punctuation mark in Chinese text, at 6:3 `,`".to_string()
        )]
    );
}
