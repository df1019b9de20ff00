//! The incremental rebuild behind `serve`, driven directly: after every edit in a
//! long series, the output folder must equal a fresh full build byte for byte.

mod common;

use std::path::{Path, PathBuf};
use syllabus::commands;
use syllabus::pipeline::BuildOptions;
use syllabus::serve::Site;

fn assert_same(step: &str, served: &Path, course: &Path, scratch: &Path) {
    let fresh = scratch.join(format!("fresh-{}", step.len()));
    let _ = std::fs::remove_dir_all(&fresh);
    commands::build(course, &fresh, BuildOptions { drafts: true })
        .unwrap_or_else(|d| panic!("{step}: full build failed:\n{}", d.render(false)));
    common::assert_same_sites(
        served,
        &fresh,
        &format!("after {step} (incremental, then full build)"),
    );
    std::fs::remove_dir_all(&fresh).expect("clean up");
}

/// A copy of `fixture` served into a folder beside it, built once: the temporary
/// folder (kept alive), the course, its canonical path, the output and the site.
fn served(fixture: &str) -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf, Site) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let course = tmp.path().join("course");
    common::copy_tree(&common::fixture(fixture), &course);
    let canon = course.canonicalize().expect("canonical");
    let out = tmp.path().join("served");
    let mut site = Site::new(&course, &out, BuildOptions { drafts: true }).expect("site");
    let first = site.build_all();
    assert!(first.ok, "{}", first.diagnostics.render(false));
    (tmp, course, canon, out, site)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

#[test]
fn a_series_of_edits_gives_what_a_full_build_gives() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let course = tmp.path().join("course");
    common::copy_tree(&common::fixture("valid-basic"), &course);
    let canon = course.canonicalize().expect("canonical");
    let out = tmp.path().join("served");
    let mut site = Site::new(&course, &out, BuildOptions { drafts: true }).expect("site");
    let first = site.build_all();
    assert!(first.ok, "{}", first.diagnostics.render(false));
    assert_same("the first build", &out, &course, tmp.path());

    let first_md = course.join("01-basics/01-first.md");
    let second_md = course.join("01-basics/02-second.md");
    let chinese = course.join("02-more/01-chinese.md");
    type Step = (&'static str, Box<dyn Fn()>, Vec<&'static str>, bool);
    let steps: Vec<Step> = vec![
        (
            "a body edit",
            Box::new({
                let p = second_md.clone();
                move || edit(&p, "Details here.", "Details here, and more.")
            }),
            vec!["01-basics/02-second.md"],
            true,
        ),
        (
            "a renamed heading another page links to",
            Box::new({
                let p = second_md.clone();
                move || edit(&p, "## Details", "## Particulars")
            }),
            vec!["01-basics/02-second.md"],
            false,
        ),
        (
            "the link fixed",
            Box::new({
                let p = first_md.clone();
                move || edit(&p, "02-second.md#details", "02-second.md#particulars")
            }),
            vec!["01-basics/01-first.md"],
            true,
        ),
        (
            "a title change",
            Box::new({
                let p = second_md.clone();
                move || edit(&p, "title: Second lesson", "title: The second lesson")
            }),
            vec!["01-basics/02-second.md"],
            true,
        ),
        (
            "a duration change",
            Box::new({
                let p = second_md.clone();
                move || edit(&p, "duration: 5", "duration: 9")
            }),
            vec!["01-basics/02-second.md"],
            true,
        ),
        (
            "a summary",
            Box::new({
                let p = second_md.clone();
                move || {
                    edit(
                        &p,
                        "duration: 9",
                        "summary: Now with a summary.\nduration: 9",
                    )
                }
            }),
            vec!["01-basics/02-second.md"],
            true,
        ),
        (
            "an empty title",
            Box::new({
                let p = second_md.clone();
                move || edit(&p, "title: The second lesson", "title: \"\"")
            }),
            vec!["01-basics/02-second.md"],
            false,
        ),
        (
            "the title back",
            Box::new({
                let p = second_md.clone();
                move || edit(&p, "title: \"\"", "title: The second lesson")
            }),
            vec!["01-basics/02-second.md"],
            true,
        ),
        (
            "a new page",
            Box::new({
                let c = course.clone();
                move || {
                    std::fs::write(
                        c.join("01-basics/03-third.md"),
                        "---\ntitle: Third\n---\n## Third\n\nText.\n",
                    )
                    .expect("write")
                }
            }),
            vec!["01-basics/03-third.md"],
            true,
        ),
        (
            "a draft page",
            Box::new({
                let c = course.clone();
                move || {
                    std::fs::write(
                        c.join("02-more/02-draft.md"),
                        "---\ntitle: Not yet\ndraft: true\n---\nSoon.\n",
                    )
                    .expect("write")
                }
            }),
            vec!["02-more/02-draft.md"],
            true,
        ),
        (
            "a weight that reorders",
            Box::new({
                let c = course.clone();
                move || {
                    edit(
                        &c.join("01-basics/03-third.md"),
                        "title: Third",
                        "title: Third\nweight: 0",
                    )
                }
            }),
            vec!["01-basics/03-third.md"],
            true,
        ),
        (
            "a broken quiz block",
            Box::new({
                let p = chinese.clone();
                move || {
                    let mut t = std::fs::read_to_string(&p).expect("read");
                    t.push_str("\n```quiz\ntype: single\nprompt: Pick one\noptions: [{text: A, correct: true}, {text: B}\n```\n");
                    std::fs::write(&p, t).expect("write");
                }
            }),
            vec!["02-more/01-chinese.md"],
            false,
        ),
        (
            "another body edit while broken",
            Box::new({
                let p = first_md.clone();
                move || edit(&p, "the picture below", "the picture shown below")
            }),
            vec!["01-basics/01-first.md"],
            false,
        ),
        (
            "the quiz fixed",
            Box::new({
                let p = chinese.clone();
                move || edit(&p, "{text: B}\n", "{text: B}]\n")
            }),
            vec!["02-more/01-chinese.md"],
            true,
        ),
        (
            "a page deleted",
            Box::new({
                let c = course.clone();
                move || std::fs::remove_file(c.join("01-basics/03-third.md")).expect("remove")
            }),
            vec!["01-basics/03-third.md"],
            true,
        ),
        (
            "a page renamed",
            Box::new({
                let c = course.clone();
                move || {
                    std::fs::rename(
                        c.join("02-more/01-chinese.md"),
                        c.join("02-more/05-chinese.md"),
                    )
                    .expect("rename")
                }
            }),
            vec!["02-more/01-chinese.md", "02-more/05-chinese.md"],
            true,
        ),
        (
            "a module title",
            Box::new({
                let c = course.clone();
                move || {
                    let p = c.join("02-more/index.md");
                    let t = std::fs::read_to_string(&p).expect("read");
                    let t = t.replacen("title: ", "title: Renamed ", 1);
                    std::fs::write(&p, t).expect("write");
                }
            }),
            vec!["02-more/index.md"],
            true,
        ),
        (
            "a module folder without its index.md",
            Box::new({
                let c = course.clone();
                move || std::fs::create_dir_all(c.join("03-extra")).expect("mkdir")
            }),
            vec!["03-extra"],
            false,
        ),
        (
            "the module's index.md",
            Box::new({
                let c = course.clone();
                move || {
                    std::fs::write(
                        c.join("03-extra/index.md"),
                        "---\ntitle: Extra\n---\nIntro.\n",
                    )
                    .expect("write")
                }
            }),
            vec!["03-extra/index.md"],
            true,
        ),
        (
            "a module folder renamed",
            Box::new({
                let c = course.clone();
                move || std::fs::rename(c.join("03-extra"), c.join("04-bonus")).expect("rename")
            }),
            vec!["03-extra", "04-bonus"],
            true,
        ),
        (
            "a module folder deleted",
            Box::new({
                let c = course.clone();
                move || std::fs::remove_dir_all(c.join("04-bonus")).expect("remove")
            }),
            vec!["04-bonus", "04-bonus/index.md"],
            true,
        ),
        (
            "an asset added",
            Box::new({
                let c = course.clone();
                move || std::fs::write(c.join("assets/new.txt"), "new").expect("write")
            }),
            vec!["assets/new.txt"],
            true,
        ),
        (
            "a linked file edited",
            Box::new({
                let c = course.clone();
                move || {
                    std::fs::write(c.join("01-basics/files/checklist.txt"), "changed")
                        .expect("write")
                }
            }),
            vec!["01-basics/files/checklist.txt"],
            true,
        ),
        (
            "course.yaml",
            Box::new({
                let c = course.clone();
                move || {
                    let p = c.join("course.yaml");
                    let t = std::fs::read_to_string(&p).expect("read");
                    std::fs::write(&p, t.replacen("title: ", "title: New ", 1)).expect("write");
                }
            }),
            vec!["course.yaml"],
            true,
        ),
    ];
    for (name, change, paths, ok) in steps {
        change();
        let paths: Vec<PathBuf> = paths.iter().map(|p| canon.join(p)).collect();
        let outcome = site.rebuild(&paths);
        // As `serve` does once the page is on disk and the browser told.
        site.settle();
        assert_eq!(
            outcome.ok,
            ok,
            "{name}: {}",
            outcome.diagnostics.render(false)
        );
        let expected = match name {
            "a body edit" => Some("(page body)"),
            "a title change" | "a summary" => Some("(page and its navigation)"),
            "a page deleted" => Some("(pages and navigation)"),
            "course.yaml" => Some("(everything)"),
            _ => None,
        };
        if let Some(e) = expected {
            assert!(outcome.what.ends_with(e), "{name}: {}", outcome.what);
        }
        // The page itself; for a title, also its module's pages (their sidebar and
        // the module page list it) and the next module's page (its "previous" link).
        let rendered = match name {
            "a body edit" => Some(1),
            "a title change" => Some(4),
            "a linked file edited" => Some(0),
            _ => None,
        };
        if let Some(n) = rendered {
            assert_eq!(outcome.rendered, n, "{name}: pages rendered");
        }
        if ok {
            assert_same(name, &out, &course, tmp.path());
        }
    }
}

#[test]
fn theme_edits_rebuild_everything_and_match_a_full_build() {
    let (tmp, course, canon, out, mut site) = served("valid-theme-override");
    assert_same("the first build", &out, &course, tmp.path());

    // A static file: its hashed name changes on every page.
    let css = course.join("mytheme/static/extra.css");
    let mut text = std::fs::read_to_string(&css).expect("read");
    text.push_str("\n.extra-rule { color: inherit; }\n");
    std::fs::write(&css, text).expect("write");
    let o = site.rebuild(&[canon.join("mytheme/static/extra.css")]);
    // As `serve` does once the page is on disk and the browser told.
    site.settle();
    assert!(o.ok && o.what.ends_with("(everything)"), "{}", o.what);
    assert_same("a theme stylesheet", &out, &course, tmp.path());

    // A template.
    let pager = course.join("mytheme/templates/pager.html");
    let text = std::fs::read_to_string(&pager).expect("read");
    std::fs::write(&pager, format!("<!-- pager -->\n{text}")).expect("write");
    let o = site.rebuild(&[canon.join("mytheme/templates/pager.html")]);
    // As `serve` does once the page is on disk and the browser told.
    site.settle();
    assert!(o.ok, "{}", o.diagnostics.render(false));
    assert_same("a theme template", &out, &course, tmp.path());

    // A broken template is reported against its file; fixing it recovers.
    std::fs::write(&pager, "{% if %}").expect("write");
    let o = site.rebuild(&[canon.join("mytheme/templates/pager.html")]);
    // As `serve` does once the page is on disk and the browser told.
    site.settle();
    assert!(!o.ok);
    assert!(
        o.diagnostics
            .iter()
            .any(|d| d.file.ends_with("mytheme/templates/pager.html")),
        "{}",
        o.diagnostics.render(false)
    );
    std::fs::write(&pager, text).expect("write");
    let o = site.rebuild(&[canon.join("mytheme/templates/pager.html")]);
    // As `serve` does once the page is on disk and the browser told.
    site.settle();
    assert!(o.ok, "{}", o.diagnostics.render(false));
    assert_same("the template fixed", &out, &course, tmp.path());
}

#[test]
fn the_search_index_follows_the_edited_page() {
    let (tmp, course, canon, out, mut site) = served("valid-basic");
    let index = |out: &Path| -> String {
        common::files(out)
            .iter()
            .filter(|f| f.starts_with("search/"))
            .map(|f| common::read(out, f))
            .collect()
    };
    assert!(!index(&out).contains("wombat"));
    edit(
        &course.join("01-basics/02-second.md"),
        "Details here.",
        "Details here, about a wombat.",
    );
    let o = site.rebuild(&[canon.join("01-basics/02-second.md")]);
    assert!(o.ok, "{}", o.diagnostics.render(false));
    // The page first; the index it leaves as it was, still whole.
    assert!(common::read(&out, "basics/second.html").contains("wombat"));
    assert!(!index(&out).is_empty() && !index(&out).contains("wombat"));
    assert!(site.settle().is_empty());
    assert!(index(&out).contains("wombat"));
    assert_same("the index settled", &out, &course, tmp.path());
}

#[test]
fn title_edits_in_a_long_module_match_a_full_build() {
    // 40 lessons: more than the sidebar lists in full, so each page shows a window.
    let tmp = tempfile::tempdir().expect("temp dir");
    let course = tmp.path().join("course");
    let module = course.join("01-long");
    std::fs::create_dir_all(&module).expect("mkdir");
    std::fs::write(
        course.join("course.yaml"),
        "id: long\ntitle: Long course\nlanguage: en\n",
    )
    .expect("write");
    std::fs::write(
        module.join("index.md"),
        "---\ntitle: Long module\n---\nAll.\n",
    )
    .expect("write");
    for i in 1..=40 {
        std::fs::write(
            module.join(format!("{i:02}-lesson-{i}.md")),
            format!("---\ntitle: Lesson {i}\nduration: 5\n---\nText {i}.\n"),
        )
        .expect("write");
    }
    let canon = course.canonicalize().expect("canonical");
    let out = tmp.path().join("served");
    let mut site = Site::new(&course, &out, BuildOptions { drafts: true }).expect("site");
    let first = site.build_all();
    assert!(first.ok, "{}", first.diagnostics.render(false));
    for i in [1, 12, 20, 29, 40] {
        let file = module.join(format!("{i:02}-lesson-{i}.md"));
        edit(
            &file,
            &format!("title: Lesson {i}\n"),
            &format!("title: Renamed {i}\n"),
        );
        let outcome = site.rebuild(&[canon.join(format!("01-long/{i:02}-lesson-{i}.md"))]);
        // As `serve` does once the page is on disk and the browser told.
        site.settle();
        assert!(outcome.ok, "{}", outcome.diagnostics.render(false));
        assert!(
            outcome.what.ends_with("(page and its navigation)"),
            "{}",
            outcome.what
        );
        assert_same(&format!("renaming lesson {i}"), &out, &course, tmp.path());
    }
}

#[test]
fn graded_pages_and_exams_render_again_only_when_their_questions_change() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let course = tmp.path().join("course");
    common::copy_tree(&common::fixture("valid-quiz"), &course);
    let canon = course.canonicalize().expect("canonical");
    let out = tmp.path().join("served");
    let mut site = Site::new(&course, &out, BuildOptions { drafts: true }).expect("site");
    let first = site.build_all();
    assert!(first.ok, "{}", first.diagnostics.render(false));
    assert_eq!(first.rendered, 10, "every page on the first build");
    let never = course.join("02-checks/03-never.md");
    let formative = course.join("01-lessons/01-formative.md");
    // (what, file, from, to, pages rendered: the page, plus whatever shows what changed)
    let steps: [(&str, &Path, &str, &str, usize); 6] = [
        // Both exams draw on this page's questions (`from: course`, `from: [checks]`).
        (
            "a question's prompt",
            &never,
            "Email replies need a greeting.",
            "Email replies open with a greeting.",
            3,
        ),
        (
            "text around the questions",
            &never,
            "Two of these three",
            "Two of the three",
            1,
        ),
        // Its module page lists the lesson with its questions' hashes (the progress
        // mark of a lesson is done once they are checked).
        (
            "a lesson's question",
            &formative,
            "Which of these are open questions?",
            "Which of these questions are open?",
            2,
        ),
        // The module's pages list it in their sidebar; no exam shows page titles.
        (
            "the page title",
            &never,
            "title: Spot check",
            "title: Quick check",
            5,
        ),
        // New settings start the quiz afresh (a new hash), which the module's pages
        // carry for the page's progress mark.
        ("the page's quiz settings", &never, "draw: 2", "draw: 3", 5),
        // Only a page quiz (`from: page`) feeds the exams: now it is an exam of its own.
        // Every quiz whose pool changed gets a new hash, so both modules' pages render.
        (
            "the page becomes an exam",
            &never,
            "draw: 3",
            "draw: 3\n  from: [checks]",
            8,
        ),
    ];
    for (what, file, from, to, rendered) in steps {
        edit(file, from, to);
        let rel = file.strip_prefix(&course).expect("in course");
        let o = site.rebuild(&[canon.join(rel)]);
        // As `serve` does once the page is on disk and the browser told.
        site.settle();
        assert!(o.ok, "{what}: {}", o.diagnostics.render(false));
        assert_same(what, &out, &course, tmp.path());
        assert_eq!(o.rendered, rendered, "{what}: pages rendered ({})", o.what);
    }
}
