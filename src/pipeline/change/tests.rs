//! Every classification rule, on the `valid-basic` fixture course.

use super::*;
use crate::pipeline::BuildOptions;

fn pipeline() -> Pipeline {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid-basic");
    Pipeline::load(&dir, BuildOptions { drafts: true }).expect("the fixture loads")
}

const SECOND: &str = "01-basics/02-second.md";

fn text_of(p: &Pipeline, id: &str) -> String {
    p.course
        .pages()
        .find(|pg| pg.id == id)
        .expect("page")
        .text
        .clone()
}

fn edit(rel: &str, text: Option<String>) -> Edit {
    Edit {
        rel: PathBuf::from(rel),
        exists: text.is_some(),
        text,
    }
}

fn file(rel: &str) -> Edit {
    Edit {
        rel: PathBuf::from(rel),
        exists: true,
        text: None,
    }
}

/// The change's description, the words the terminal prints.
fn kind(p: &Pipeline, edits: &[Edit]) -> &'static str {
    let copied = |rel: &Path| rel == Path::new("assets/diagram.svg");
    classify(edits, p, &copied).describe()
}

#[test]
fn each_kind_of_edit_gets_the_change_it_needs() {
    let p = pipeline();
    let second = text_of(&p, SECOND);
    let index = text_of(&p, "01-basics/index.md");
    let with = |from: &str, to: &str| Some(second.replacen(from, to, 1));
    let table: Vec<(&str, Vec<Edit>, &str)> = vec![
        (
            "body edit",
            vec![edit(SECOND, with("Details here.", "More details."))],
            "page body",
        ),
        (
            "title edit",
            vec![edit(
                SECOND,
                with("title: Second lesson", "title: Part two"),
            )],
            "page and its navigation",
        ),
        (
            "summary added",
            vec![edit(SECOND, with("duration: 5", "duration: 5\nsummary: s"))],
            "page and its navigation",
        ),
        (
            "slug set",
            vec![edit(SECOND, with("duration: 5", "duration: 5\nslug: two"))],
            "pages and navigation",
        ),
        (
            "weight set",
            vec![edit(SECOND, with("duration: 5", "duration: 5\nweight: 9"))],
            "pages and navigation",
        ),
        (
            "made a draft",
            vec![edit(
                SECOND,
                with("duration: 5", "duration: 5\ndraft: true"),
            )],
            "pages and navigation",
        ),
        (
            "front matter broken",
            vec![edit(SECOND, with("duration: 5", "duratoin: 5"))],
            "pages and navigation",
        ),
        (
            "module page",
            vec![edit(
                "01-basics/index.md",
                Some(index.replacen("title:", "title: New", 1)),
            )],
            "pages and navigation",
        ),
    ];
    for (what, edits, want) in table {
        assert_eq!(kind(&p, &edits), want, "{what}");
    }
}

#[test]
fn files_and_batches_get_the_change_they_need() {
    let p = pipeline();
    let second = text_of(&p, SECOND);
    let with = |from: &str, to: &str| Some(second.replacen(from, to, 1));
    let table: Vec<(&str, Vec<Edit>, &str)> = vec![
        (
            "page removed",
            vec![edit(SECOND, None)],
            "pages and navigation",
        ),
        (
            "new page",
            vec![edit(
                "01-basics/03-third.md",
                Some("---\ntitle: t\n---\n".into()),
            )],
            "pages and navigation",
        ),
        ("course.yaml", vec![file("course.yaml")], "everything"),
        ("asset edited", vec![file("assets/diagram.svg")], "copied"),
        (
            "new asset",
            vec![file("assets/new.svg")],
            "pages and navigation",
        ),
        (
            "asset removed",
            vec![Edit {
                rel: "assets/diagram.svg".into(),
                exists: false,
                text: None,
            }],
            "pages and navigation",
        ),
        (
            "asset and body",
            vec![
                file("assets/diagram.svg"),
                edit(SECOND, with("Details here.", "x")),
            ],
            "page body",
        ),
        (
            "body and course.yaml",
            vec![
                edit(SECOND, with("Details here.", "x")),
                file("course.yaml"),
            ],
            "everything",
        ),
        (
            "body and title",
            vec![
                edit(SECOND, with("Details here.", "x")),
                edit(
                    "01-basics/01-first.md",
                    Some(text_of(&p, "01-basics/01-first.md").replacen("title: ", "title: A ", 1)),
                ),
            ],
            "page and its navigation",
        ),
    ];
    for (what, edits, want) in table {
        assert_eq!(kind(&p, &edits), want, "{what}");
    }
}

#[test]
fn a_body_edit_keeps_the_page_and_only_swaps_its_text() {
    let p = pipeline();
    let new = text_of(&p, SECOND).replacen("Details here.", "More.", 1);
    match classify(&[edit(SECOND, Some(new.clone()))], &p, &|_| false) {
        Change::Pages {
            pages,
            front: false,
        } => {
            assert_eq!(pages.len(), 1);
            assert_eq!(pages[0].text, new);
            assert_eq!(pages[0].url, "basics/second.html");
        }
        other => panic!("{other:?}"),
    }
}
