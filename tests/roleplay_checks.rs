//! The checks a trainer meets when writing role-plays, self-assessments and
//! reflections: each defect is reported at its own line and column with the exact
//! message, and `check` prints the shape of every scenario.

mod common;
use common::*;
use std::sync::OnceLock;

const BROKEN: &str = "tests/fixtures/invalid-roleplay";

#[derive(Debug, PartialEq)]
struct Problem {
    severity: String,
    line: Option<u64>,
    column: Option<u64>,
    message: String,
    hint: Option<String>,
}

/// Every diagnostic of the broken course, by file (relative to the course).
fn problems() -> &'static Vec<(String, Problem)> {
    static ALL: OnceLock<Vec<(String, Problem)>> = OnceLock::new();
    ALL.get_or_init(|| {
        check_json(BROKEN)
            .iter()
            .map(|d| {
                let file = d["file"].as_str().unwrap_or_default();
                let rel = file
                    .strip_prefix(&format!("{BROKEN}/"))
                    .unwrap_or(file)
                    .to_string();
                let p = Problem {
                    severity: d["severity"].as_str().unwrap_or_default().to_string(),
                    line: d["line"].as_u64(),
                    column: d["column"].as_u64(),
                    message: d["message"].as_str().unwrap_or_default().to_string(),
                    hint: d["hint"].as_str().map(str::to_string),
                };
                (rel, p)
            })
            .collect()
    })
}

/// The diagnostics of one file as (severity, line, column, message).
fn of(file: &str) -> Vec<(&str, u64, u64, &str)> {
    problems()
        .iter()
        .filter(|(f, _)| f == file)
        .map(|(_, p)| {
            (
                p.severity.as_str(),
                p.line.unwrap_or(0),
                p.column.unwrap_or(0),
                p.message.as_str(),
            )
        })
        .collect()
}

fn hint(file: &str) -> String {
    problems()
        .iter()
        .find(|(f, _)| f == file)
        .and_then(|(_, p)| p.hint.clone())
        .unwrap_or_default()
}

#[test]
fn missing_start_points_at_the_block() {
    let f = "01-roleplay/01-no-start.md";
    assert_eq!(of(f), [("error", 5, 1, "role-play has no `start`")]);
    assert_eq!(
        hint(f),
        "name the node the conversation begins with: `start: open`"
    );
}

#[test]
fn next_to_an_unknown_name_points_at_that_next() {
    let f = "01-roleplay/02-unknown-next.md";
    assert_eq!(
        of(f),
        [("error", 13, 15, "`next: doen` names no node or ending")]
    );
    assert_eq!(hint(f), "did you mean `done`? known names: `open`, `done`");
}

#[test]
fn start_naming_nothing_points_at_start() {
    let f = "01-roleplay/10-start-unknown.md";
    assert_eq!(of(f), [("error", 7, 8, "`start: opne` names no node")]);
    assert_eq!(hint(f), "known nodes: `open`");
}

#[test]
fn node_and_ending_with_one_name_clash() {
    assert_eq!(
        of("01-roleplay/03-clash.md"),
        [("error", 18, 3, "`done` is both a node and an ending")]
    );
}

#[test]
fn skills_must_be_declared() {
    let f = "01-roleplay/04-skill.md";
    assert_eq!(
        of(f),
        [("error", 15, 18, "skill `同理` is not declared in `skills`")]
    );
    assert_eq!(
        hint(f),
        "declared skills: `倾听`; add it to `skills:` or fix the name"
    );
}

#[test]
fn a_node_without_choices_is_an_error() {
    assert_eq!(
        of("01-roleplay/05-no-choices.md"),
        [("error", 14, 3, "node `middle` has no choices")]
    );
}

#[test]
fn unreachable_nodes_point_at_their_key() {
    assert_eq!(
        of("01-roleplay/06-unreachable.md"),
        [(
            "error",
            13,
            3,
            "node `orphan` cannot be reached from `start` (open)"
        )]
    );
}

#[test]
fn a_loop_with_no_way_to_an_ending_is_named() {
    let f = "01-roleplay/07-loop.md";
    assert_eq!(
        of(f),
        [(
            "error",
            14,
            3,
            "no ending can be reached from the loop ask → again → ask"
        )]
    );
    assert_eq!(
        hint(f),
        "give one of these nodes a choice whose `next` leads to an ending"
    );
}

#[test]
fn an_ending_nobody_reaches_is_a_warning() {
    assert_eq!(
        of("01-roleplay/08-unused-ending.md"),
        [("warning", 15, 3, "ending `never` is never reached")]
    );
}

#[test]
fn one_roleplay_per_page() {
    assert_eq!(
        of("01-roleplay/09-two.md"),
        [(
            "error",
            17,
            1,
            "a page holds one role-play; this is a second one"
        )]
    );
}

#[test]
fn a_pass_score_out_of_reach_is_a_warning() {
    assert_eq!(
        of("01-roleplay/11-pass-score.md"),
        [(
            "warning",
            8,
            13,
            "`pass_score: 5` is more than the best possible score, 2"
        )]
    );
}

#[test]
fn an_unknown_mood_lists_the_moods() {
    let f = "01-roleplay/12-bad-mood.md";
    assert_eq!(
        of(f),
        [("error", 11, 11, "roleplay block: unknown variant `furious`")]
    );
    assert_eq!(
        hint(f),
        "allowed values: angry, upset, doubtful, neutral, satisfied"
    );
}

#[test]
fn assessment_points_must_name_a_category() {
    let f = "02-assessment/01-undefined.md";
    assert_eq!(of(f), [("error", 18, 18, "category `warm` is not defined")]);
    assert_eq!(hint(f), "defined categories: `warmth`");
}

#[test]
fn assessment_bands_must_not_overlap() {
    assert_eq!(
        of("02-assessment/02-overlap.md"),
        [("error", 12, 15, "bands of `warmth` overlap: 0–2 and 2–4")]
    );
}

#[test]
fn assessment_bands_must_not_leave_a_gap() {
    assert_eq!(
        of("02-assessment/03-gap.md"),
        [(
            "error",
            12,
            15,
            "bands of `warmth` leave a gap: no band covers 2"
        )]
    );
}

#[test]
fn assessment_bands_start_at_zero() {
    assert_eq!(
        of("02-assessment/04-not-zero.md"),
        [("error", 11, 15, "bands of `warmth` start at 1, not 0")]
    );
}

#[test]
fn assessment_bands_reach_the_category_maximum() {
    let f = "02-assessment/05-short.md";
    assert_eq!(
        of(f),
        [(
            "error",
            11,
            23,
            "bands of `warmth` end at 2, but the category can reach 4"
        )]
    );
    assert_eq!(hint(f), "let the highest band end at `max: 4`");
}

#[test]
fn reflection_ids_are_unique_across_the_course() {
    assert_eq!(of("03-ids/01-a.md"), []);
    assert_eq!(
        of("03-ids/02-b.md"),
        [(
            "error",
            6,
            5,
            "reflect id `plan` is already used in tests/fixtures/invalid-roleplay/03-ids/01-a.md"
        )]
    );
}

#[test]
fn a_reflection_needs_an_id() {
    assert_eq!(
        of("03-ids/03-no-id.md"),
        [("error", 5, 1, "reflect block has no `id`")]
    );
}

#[test]
fn the_human_format_shows_the_line_and_a_caret() {
    let o = run(&["check", BROKEN]);
    let err = stderr(&o);
    assert!(
        err.contains(
            "tests/fixtures/invalid-roleplay/01-roleplay/02-unknown-next.md:13:15: error: `next: doen` names no node or ending\n   |\n13 |         next: doen\n   |               ^\n"
        ),
        "{err}"
    );
}

#[test]
fn check_prints_the_shape_of_each_scenario() {
    // The course is in Chinese; its summary line would be too.
    let o = run(&["check", "tests/fixtures/valid-roleplay", "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "tests/fixtures/valid-roleplay/02-practice/01-mooncake.md: role-play `practice/mooncake` \
         with 王女士: 11 nodes, 3 endings, 2–8 replies to an ending, score -5 to 8 (pass 6)\n\
         tests/fixtures/valid-roleplay: 0 errors, 0 warnings\n"
    );
}

#[test]
fn the_shape_of_a_looping_scenario_says_it_can_loop() {
    let dir = tempfile::tempdir().expect("temp dir");
    let course = dir.path();
    std::fs::create_dir_all(course.join("01-m")).unwrap();
    std::fs::write(course.join("course.yaml"), "id: loop\ntitle: Loop\n").unwrap();
    std::fs::write(course.join("01-m/index.md"), "---\ntitle: M\n---\n").unwrap();
    std::fs::write(
        course.join("01-m/01-p.md"),
        "---\ntitle: P\n---\n\n```roleplay\ncustomer: A\nstart: a\nnodes:\n  a:\n    say: x\n    choices:\n      - {reply: again, next: b, score: 1}\n      - {reply: end, next: e}\n  b:\n    say: y\n    choices:\n      - {reply: back, next: a, score: 2}\nendings:\n  e: {outcome: success, text: ok}\n```\n",
    )
    .unwrap();
    let o = run(&["check", &course.to_string_lossy()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(": role-play `m/p` with A: 2 nodes, 1 ending, 1 or more replies to an ending (it can loop), score 0 to 0\n"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_built_page_shows_the_persona_and_explains_the_need_for_javascript() {
    let (_dir, out) = build("tests/fixtures/valid-roleplay", &[]);
    let html = read(&out, "practice/mooncake.html");
    assert!(html.contains("<dt>顾客</dt><dd>王女士</dd>"), "{html}");
    assert!(html.contains("中秋前购买月饼礼盒的老顾客,情绪激动"));
    assert!(
        html.contains("class=\"rp-nojs\" role=\"note\">这个角色扮演是一段需要你一步步完成的对话")
    );
    assert!(html.contains("<script type=\"application/json\" class=\"rp-data\">"));
    assert!(!html.contains("style="));
    let wb = read(&out, "workbook.html");
    for text in [
        "投诉的第一印象",
        "你的电话沟通风格",
        "根据评估结果,写下你下周要尝试的",
        "data-kind=\"roleplay\"",
    ] {
        assert!(wb.contains(text), "workbook lacks {text}");
    }
    assert!(read(&out, "index.html").contains("href=\"workbook.html\""));
}
