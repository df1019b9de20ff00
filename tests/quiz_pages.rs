//! What a trainee's browser receives for quizzes: real form controls that work
//! without JavaScript, a build-time shuffle that never shows the answer order and is
//! the same on every build, and exam pages that carry their pool.

mod common;
use common::*;

const COURSE: &str = "tests/fixtures/valid-quiz";

/// The `<div class="quiz ...">` block of question `id` in a page.
fn question<'a>(html: &'a str, id: &str) -> &'a str {
    let marker = format!("data-qid=\"{id}\"");
    let at = html
        .find(&marker)
        .unwrap_or_else(|| panic!("question {id} is not on the page"));
    let start = html[..at].rfind("<div class=\"quiz ").expect("block start");
    let end = html[at..]
        .find("<div class=\"quiz-explanation\"")
        .expect("block end")
        + at;
    &html[start..end]
}

/// The option indices in the order a `select` or list shows them.
fn values(block: &str, attr: &str) -> Vec<String> {
    block
        .split(attr)
        .skip(1)
        .map(|s| s.split('"').next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn every_type_renders_as_labelled_form_controls() {
    let (_t, out) = build(COURSE, &[]);
    let html = read(&out, "lessons/formative.html");
    let single = question(&html, "f-single");
    assert!(single.contains("<fieldset class=\"quiz-fieldset\">"));
    assert!(single.contains("<legend class=\"quiz-prompt\">What do you say <strong>first</strong> to an angry customer?</legend>"));
    assert_eq!(single.matches("type=\"radio\"").count(), 3);
    assert!(single.contains(
        "<details class=\"quiz-hint\"><summary>Hint</summary><p>Think about how they feel.</p>"
    ));
    let multiple = question(&html, "f-multiple");
    assert_eq!(multiple.matches("type=\"checkbox\"").count(), 4);
    let fill = question(&html, "f-fill");
    assert_eq!(
        fill.matches("<input type=\"text\" class=\"quiz-blank\"")
            .count(),
        2
    );
    assert!(fill.contains("aria-label=\"Blank 2\""));
    assert!(question(&html, "f-numeric").contains("<input type=\"number\" step=\"any\""));
    let order = question(&html, "f-order");
    assert_eq!(order.matches("<select").count(), 4);
    assert!(order.contains("<label for=\"") && order.contains(">Position 1</label>"));
    let matching = question(&html, "f-match");
    assert_eq!(matching.matches("<select").count(), 3);
    assert!(matching.contains("<option value=\"\">— choose —</option>"));
    // Check buttons wait for the script; the page says why in <noscript>.
    assert!(single.contains("<div class=\"quiz-actions\" hidden>"));
    assert!(html.contains("<noscript><p class=\"quiz-noscript\">"));
    assert!(html.contains("<script type=\"application/json\" id=\"quiz-strings\">"));
}

#[test]
fn shuffled_order_is_never_the_answer_order() {
    let (_t, out) = build(COURSE, &[]);
    let html = read(&out, "lessons/formative.html");
    let single = values(question(&html, "f-single"), "data-index=\"");
    assert_eq!(single.len(), 3);
    assert_ne!(single, ["0", "1", "2"]);
    // `shuffle: false` keeps "All of the above" last.
    assert_eq!(
        values(question(&html, "f-noshuffle"), "data-index=\""),
        ["0", "1", "2"]
    );
    // Order: position n starts on the n-th shuffled item, never the answer order.
    let order = question(&html, "f-order");
    let selected: Vec<String> = order
        .split("<option value=\"")
        .skip(1)
        .filter(|s| s.contains(" selected>"))
        .map(|s| s.split('"').next().unwrap_or("").to_string())
        .collect();
    assert_eq!(selected.len(), 4);
    assert_ne!(selected, ["0", "1", "2", "3"]);
    let first_select = order.split("</select>").next().unwrap_or("");
    assert_ne!(
        values(first_select, "<option value=\""),
        ["0", "1", "2", "3"]
    );
    let matching = question(&html, "f-match");
    let first_select = matching.split("</select>").next().unwrap_or("");
    assert_ne!(
        values(first_select, "<option value=\""),
        ["", "0", "1", "2"]
    );
}

#[test]
fn two_builds_give_the_same_graded_pages() {
    let (_a, one) = build(COURSE, &[]);
    let (_b, two) = build(COURSE, &[]);
    for page in [
        "checks/graded.html",
        "checks/never.html",
        "exam/final.html",
        "lessons/formative.html",
    ] {
        assert_eq!(
            read(&one, page),
            read(&two, page),
            "{page} differs between builds"
        );
    }
}

#[test]
fn a_graded_page_is_one_quiz_with_one_submit() {
    let (_t, out) = build(COURSE, &[]);
    let html = read(&out, "checks/graded.html");
    assert_eq!(html.matches("<div class=\"quiz-page\"").count(), 1);
    assert_eq!(html.matches("class=\"quiz-submit\"").count(), 1);
    assert_eq!(
        html.matches("class=\"quiz-check\"").count(),
        0,
        "no per-question check on a graded page"
    );
    assert_eq!(html.matches("<div class=\"quiz quiz-").count(), 7);
    assert!(
        html.contains("\"pass_mark\":60,\"draw\":null,\"attempts\":2,\"reveal\":\"after-submit\"")
    );
    assert!(html.contains("<li>Pass mark: 60%</li>"));
    assert!(html.contains("<li>Attempts: 2</li>"));
}

#[test]
fn an_exam_carries_its_pool_without_drafts_or_other_exams() {
    let (_t, out) = build(COURSE, &[]);
    let html = read(&out, "exam/final.html");
    assert!(html.contains(
        "\"pool\":[\"g-single\",\"g-multiple\",\"g-truefalse\",\"g-fill\",\"g-order\",\"g-match\",\"g-numeric\",\"p-one\",\"p-two\",\"n-one\",\"n-two\",\"n-three\"],\"total\":12"
    ));
    assert_eq!(html.matches("<div class=\"quiz quiz-").count(), 12);
    assert!(!html.contains("d-one"), "draft questions stay out");
    assert!(html.contains("5 of 12 questions are drawn at random for each attempt."));
    let module_exam = read(&out, "exam/checks-exam.html");
    assert_eq!(module_exam.matches("<div class=\"quiz quiz-").count(), 12);
    // With --drafts the draft quiz joins the pool.
    let (_d, drafts) = build(COURSE, &["--drafts"]);
    assert!(read(&drafts, "exam/final.html").contains("\"d-one\""));
}

/// The explanations of a page's graded questions, opened as the grading script
/// opens them.
fn explanations(html: &str) -> String {
    let mut out = String::new();
    for part in html
        .split("<script type=\"application/json\" class=\"quiz-data\">")
        .skip(1)
    {
        let json = part.split("</script>").next().unwrap_or_default();
        let q: serde_json::Value = serde_json::from_str(&json.replace("<\\/", "</")).unwrap();
        let (Some(salt), Some(sealed)) = (q["salt"].as_str(), q["sealed"].as_str()) else {
            continue;
        };
        let shown = syllabus::blocks::quiz::seal::unseal(salt, sealed).expect("sealed");
        out.push_str(shown["explanation"].as_str().unwrap_or_default());
    }
    out
}

#[test]
fn links_in_questions_point_at_site_pages_from_every_page_that_shows_them() {
    let (_t, out) = build(COURSE, &[]);
    // On its own page, relative to that page.
    assert!(explanations(&read(&out, "checks/after-pass.html"))
        .contains(r#"<a href="graded.html">graded quiz</a>"#));
    assert!(explanations(&read(&out, "checks/graded.html"))
        .contains(r#"href="../lessons/formative.html#single-choice""#));
    // In an exam in another module, re-aimed from the exam page.
    let exam = explanations(&read(&out, "exam/final.html"));
    assert!(
        exam.contains(r#"<a href="../checks/graded.html">graded quiz</a>"#),
        "{exam}"
    );
    assert!(exam.contains(r#"href="../lessons/formative.html#single-choice""#));
    assert!(
        !exam.contains(".md") && !read(&out, "exam/final.html").contains(".md"),
        "no link is left pointing at a .md file"
    );
}
