//! What trainees read: the `<main>` of every page of the fixture courses, compared
//! with reviewed copies in `tests/expected/`, and small courses written here to
//! show one behaviour each.

mod common;

use common::CourseTest;

#[test]
fn the_basic_course_reads_as_reviewed() {
    CourseTest::fixture("valid-basic")
        .build()
        .assert_pages_match("valid-basic");
}

#[test]
fn every_question_type_reads_as_reviewed() {
    CourseTest::fixture("valid-quiz")
        .build()
        .assert_pages_match("valid-quiz");
}

#[test]
fn role_plays_and_self_assessments_read_as_reviewed() {
    CourseTest::fixture("valid-roleplay")
        .build()
        .assert_pages_match("valid-roleplay");
}

const COURSE: &str = "id: t\ntitle: Test course\nlanguage: en\n";

#[test]
fn an_exam_question_keeps_its_links_from_the_page_it_is_written_on() {
    let site = CourseTest::new(COURSE)
        .file("01-a/index.md", "---\ntitle: A\n---\n")
        .file("01-a/01-lesson.md", "---\ntitle: Lesson\n---\n## Refunds\n\nText.\n")
        .file(
            "01-a/02-quiz.md",
            "---\ntitle: Quiz\nquiz: {}\n---\n```quiz\nid: q1\ntype: truefalse\nprompt: See [the lesson](01-lesson.md#refunds).\nanswer: true\n```\n",
        )
        .file("02-exam/index.md", "---\ntitle: Exam\n---\n")
        .file("02-exam/01-final.md", "---\ntitle: Final\nquiz: {from: course}\n---\n")
        .build();
    assert!(site
        .main("a/quiz.html")
        .contains("href=\"lesson.html#refunds\""));
    assert!(site
        .main("exam/final.html")
        .contains("href=\"../a/lesson.html#refunds\""));
}

#[test]
fn a_broken_link_is_reported_where_it_is_written_with_the_nearest_page() {
    let checked = CourseTest::new(COURSE)
        .file("01-a/index.md", "---\ntitle: A\n---\n")
        .file(
            "01-a/01-lesson.md",
            "---\ntitle: Lesson\n---\nSee [next](02-lesons.md).\n",
        )
        .file("01-a/02-lessons.md", "---\ntitle: Lessons\n---\n")
        .check();
    assert_eq!(checked.code, Some(1));
    let p = &checked.problems[0];
    assert_eq!(
        (p["line"].as_u64(), p["column"].as_u64()),
        (Some(4), Some(5))
    );
    assert_eq!(
        p["message"],
        "link to a page that does not exist: `01-a/02-lesons.md`"
    );
    assert_eq!(
        p["hint"],
        "did you mean `01-a/02-lessons.md`? links to pages are written relative to this file"
    );
    assert!(
        checked
            .stderr
            .contains("4 | See [next](02-lesons.md).\n  |     ^"),
        "{}",
        checked.stderr
    );
}

#[test]
fn the_journey_pages_read_as_reviewed() {
    CourseTest::fixture("valid-journey")
        .build()
        .assert_pages_match("valid-journey");
}
