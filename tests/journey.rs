//! The trainee journey as the generator writes it: the course data the progress
//! pages read (pinned in `tests/contract/course-data.json`), the work each sidebar
//! link carries, the progress, review and certificate pages, and `completion:` in
//! `course.yaml` checked as a trainer would want.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

/// The object `theme/course.<hash>.js` sets as `window.SyllabusCourse`.
fn course_data(out: &Path) -> Value {
    let theme = out.join("theme");
    let name = std::fs::read_dir(&theme)
        .expect("theme folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("course.") && n.ends_with(".js"))
        .expect("a course data script");
    let text = std::fs::read_to_string(theme.join(name)).expect("read");
    let json = text
        .split_once("window.SyllabusCourse = ")
        .expect("sets window.SyllabusCourse")
        .1
        .trim_end()
        .trim_end_matches(';');
    serde_json::from_str(json).expect("JSON")
}

/// The value with every hash blanked: they change with the blocks and key saved work.
fn without_hashes(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| {
                    let v = match k.as_str() {
                        "h" | "stamp" => Value::String(String::new()),
                        "questions" => without_hashes_in_map(v),
                        "a" => Value::Array(
                            v.as_array()
                                .expect("acts")
                                .iter()
                                .map(|act| {
                                    let mut act = act.as_array().expect("an act").clone();
                                    act[2] = Value::String(String::new());
                                    Value::Array(act)
                                })
                                .collect(),
                        ),
                        _ => without_hashes(v),
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_hashes).collect()),
        other => other.clone(),
    }
}

fn without_hashes_in_map(v: &Value) -> Value {
    Value::Object(
        v.as_object()
            .expect("a map")
            .keys()
            .map(|k| (k.clone(), Value::String(String::new())))
            .collect(),
    )
}

#[test]
fn the_course_data_is_what_the_progress_scripts_read() {
    let (_tmp, out) = build("tests/fixtures/valid-journey", &[]);
    let want: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/contract/course-data.json"),
        )
        .expect("contract"),
    )
    .expect("JSON");
    let got = course_data(&out);
    assert_eq!(without_hashes(&got), without_hashes(&want));
    // The hashes are the blocks' own: the store keys saved work with them.
    let quiz = read(&out, "start/check.html");
    let h = got["questions"]["check-first"].as_str().expect("hash");
    assert!(
        quiz.contains(&format!("\"hash\":\"{h}\"")),
        "the question's own hash"
    );
}

#[test]
fn only_the_pages_that_add_the_course_up_load_its_data() {
    let (_tmp, out) = build("tests/fixtures/valid-journey", &[]);
    for page in [
        "index.html",
        "progress.html",
        "certificate.html",
        "review.html",
    ] {
        assert!(
            read(&out, page).contains("<script src=\"theme/course."),
            "{page} loads the course data"
        );
    }
    for page in ["start/welcome.html", "start/index.html", "workbook.html"] {
        assert!(
            !read(&out, page).contains("theme/course."),
            "{page} stays light"
        );
    }
}

#[test]
fn sidebar_links_and_module_lists_carry_the_work_on_their_pages() {
    let (_tmp, out) = build("tests/fixtures/valid-journey", &[]);
    let data = course_data(&out);
    let h = |id: &str| data["questions"][id].as_str().expect("hash").to_string();
    let reflect = data["reflections"][0]["h"].as_str().expect("hash");
    let track = format!(
        "data-track='[[\"question\",\"check-first\",\"{}\",\"checked\"],[\"question\",\"check-refund\",\"{}\",\"checked\"],[\"reflect\",\"my-plan\",\"{reflect}\",\"done\"]]'",
        h("check-first"),
        h("check-refund"),
    );
    let lesson = read(&out, "start/welcome.html");
    assert!(
        lesson.contains(&format!("<a href=\"../start/check.html\" {track}")),
        "sidebar of a lesson"
    );
    assert!(
        lesson.contains("<a href=\"../start/welcome.html\" aria-current=\"page\""),
        "a page with no work carries nothing"
    );
    assert!(
        read(&out, "start/index.html").contains(&format!("<li class=\"kind-lesson\" {track}>")),
        "module page"
    );
    let exam = &data["quizzes"][1];
    assert_eq!(exam["exam"], true);
    assert!(read(&out, "practice/style.html").contains(&format!(
        "<a href=\"../practice/exam.html\" data-track='[[\"quiz\",\"practice/exam\",\"{}\",\"passed\"]]'",
        exam["h"].as_str().expect("hash")
    )));
}

#[test]
fn progress_review_and_certificate_pages_are_written() {
    let (_tmp, out) = build("tests/fixtures/valid-journey", &[]);
    let progress = read(&out, "progress.html");
    assert!(progress.contains("<h1>My progress</h1>"));
    assert!(progress.contains("class=\"jr-export\""));
    let review = read(&out, "review.html");
    // Every question of the course, with its own Check button, the graded ones too.
    for id in [
        "check-first",
        "check-refund",
        "quiz-greeting",
        "quiz-follow-up",
    ] {
        let at = review
            .find(&format!("<li class=\"review-item\" data-qid=\"{id}\""))
            .unwrap_or_else(|| panic!("{id} on the review page"));
        let end = review[at..].find("class=\"review-note\"").expect("end");
        let item = &review[at..at + end];
        assert!(item.contains("class=\"quiz-check\""), "{id} can be checked");
    }
    let cert = read(&out, "certificate.html");
    assert!(cert.contains("<h1>Certificate</h1>"));
    assert!(cert.contains("not an official proof"));
    assert!(cert.contains("<dd>2.0</dd>"), "the course version");
    assert!(read(&out, "start/welcome.html").contains("href=\"../certificate.html\""));
}

#[test]
fn certificate_false_writes_no_certificate_and_links_none() {
    let tmp = tempfile::tempdir().expect("temp");
    let course = tmp.path().join("course");
    copy_tree(&fixture("valid-journey"), &course);
    let yaml = std::fs::read_to_string(course.join("course.yaml")).expect("read");
    std::fs::write(
        course.join("course.yaml"),
        yaml.replace("certificate: true", "certificate: false"),
    )
    .expect("write");
    let (_t, out) = build(&course.to_string_lossy(), &[]);
    assert!(!out.join("certificate.html").exists());
    assert!(!read(&out, "start/welcome.html").contains("certificate.html"));
    assert_eq!(course_data(&out)["certificate"], false);
}

#[test]
fn a_course_whose_rules_count_nothing_is_complete_when_every_page_is_read() {
    let (_tmp, out) = build("tests/fixtures/valid-basic", &[]);
    let rules = &course_data(&out)["rules"];
    assert_eq!(rules["quizzes"], "passed");
    assert_eq!(rules["pages"], "visited");
}

/// A copy of valid-basic (no quizzes, no role-plays) with `completion:` lines added.
fn basic_with(completion: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp");
    copy_tree(&fixture("valid-basic"), tmp.path());
    let path = tmp.path().join("course.yaml");
    let mut yaml = std::fs::read_to_string(&path).expect("read");
    yaml.push_str(completion);
    std::fs::write(&path, yaml).expect("write");
    tmp
}

#[test]
fn a_rule_that_names_nothing_in_the_course_is_a_warning_at_the_rule() {
    let tmp = basic_with(
        "completion:\n  quizzes: none\n  roleplays: passed\n  exam: passed\n  pages: visited\n",
    );
    let dir = tmp.path().to_string_lossy().into_owned();
    let o = run(&["check", &dir]);
    assert_eq!(o.status.code(), Some(0), "warnings only: {}", stderr(&o));
    let err = stderr(&o);
    let yaml = format!("{dir}/course.yaml");
    assert!(
        err.contains(&format!("{yaml}:11:14: warning: completion rule `roleplays: passed` names nothing: the course has no role-plays")),
        "{err}"
    );
    assert!(err.contains(&format!("{yaml}:12:9: warning: completion rule `exam: passed` names nothing: the course has no exam")));
    assert!(err.contains(
        "hint: every trainee meets it at once; remove the line or write `roleplays: none`"
    ));
    assert!(
        !err.contains("`quizzes: none`"),
        "a rule set to none asks for nothing"
    );
    assert!(
        !err.contains("`pages: visited` names nothing"),
        "the course has pages"
    );
    assert!(err.contains("0 errors, 2 warnings"), "{err}");
    let o = run(&["check", &dir, "--deny-warnings"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn the_default_rules_are_never_reported() {
    let o = run(&["check", "tests/fixtures/valid-basic"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(!stderr(&o).contains("completion rule"), "{}", stderr(&o));
}

#[test]
fn an_unknown_rule_or_value_is_an_error_that_lists_the_known_ones() {
    let tmp = basic_with("completion:\n  quizes: passed\n");
    let diags = check_json(&tmp.path().to_string_lossy());
    let d = diags
        .iter()
        .find(|d| d["message"].as_str().unwrap_or("").contains("quizes"))
        .expect("the unknown key");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(10), Some(3))
    );
    assert_eq!(d["message"], "course.yaml: unknown field `quizes`");
    assert_eq!(
        d["hint"],
        "did you mean `quizzes`? known keys: quizzes, roleplays, exam, assessments, reflections, pages"
    );
    let tmp = basic_with("completion:\n  reflections: written\n");
    let diags = check_json(&tmp.path().to_string_lossy());
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(
        diags[0]["message"],
        "course.yaml: unknown variant `written`"
    );
    assert_eq!(diags[0]["hint"], "allowed values: done, none");
}

#[test]
fn review_is_a_reserved_module_slug() {
    let tmp = tempfile::tempdir().expect("temp");
    copy_tree(&fixture("valid-basic"), tmp.path());
    let m = tmp.path().join("09-review");
    std::fs::create_dir_all(&m).expect("mkdir");
    std::fs::write(m.join("index.md"), "---\ntitle: Review\n---\nText.\n").expect("write");
    let diags = check_json(&tmp.path().to_string_lossy());
    assert!(
        diags
            .iter()
            .any(|d| d["message"] == "module slug `review` is reserved"),
        "{diags:?}"
    );
}

#[test]
fn the_completion_warnings_read_in_chinese_too() {
    use syllabus::core::messages::{translate, Lang};
    let tmp = basic_with(
        "completion:\n  quizzes: passed\n  exam: attempted\n  roleplays: finished\n  assessments: done\n  reflections: done\n",
    );
    let o = run(&["check", &tmp.path().to_string_lossy(), "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let texts: Vec<&str> = v
        .as_array()
        .expect("an array")
        .iter()
        .flat_map(|d| [d["message"].as_str(), d["hint"].as_str()])
        .flatten()
        .collect();
    assert_eq!(texts.len(), 10, "{texts:?}");
    for t in texts {
        assert!(
            translate(Lang::ZhCn, t).is_some(),
            "no zh-CN template for: {t}"
        );
    }
    assert_eq!(
        translate(
            Lang::ZhCn,
            "completion rule `roleplays: finished` names nothing: the course has no role-plays"
        )
        .as_deref(),
        Some("完成规则 `roleplays: finished` 没有对应的内容：课程中没有角色扮演")
    );
}
