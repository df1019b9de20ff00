//! What a trainer reads when the course has mistakes: every problem at once, each
//! with file, line, column, the source line, a caret and a hint.

mod common;
use common::*;

const BROKEN: &str = "tests/fixtures/invalid-course";

/// severity, file, line, column, message
type Problem = (String, String, Option<u64>, Option<u64>, String);

fn json_problems(course: &str) -> Vec<Problem> {
    check_json(course)
        .iter()
        .map(|d| {
            (
                d["severity"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64(),
                d["column"].as_u64(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_problem_is_reported_with_its_position() {
    let p = format!("{BROKEN}/");
    let got = json_problems(BROKEN);
    let e = |file: &str, line: Option<u64>, col: Option<u64>, msg: &str| {
        (
            "error".to_string(),
            format!("{p}{file}"),
            line,
            col,
            msg.to_string(),
        )
    };
    let w = |file: &str, line: Option<u64>, col: Option<u64>, msg: &str| {
        (
            "warning".to_string(),
            format!("{p}{file}"),
            line,
            col,
            msg.to_string(),
        )
    };
    let expected = vec![
        e(
            "01-basics/01-links.md",
            Some(7),
            Some(5),
            "link to a page that does not exist: `01-basics/02-missing.md`",
        ),
        e(
            "01-basics/01-links.md",
            Some(7),
            Some(39),
            "`../../valid-basic/course.yaml` leaves the course folder",
        ),
        e(
            "01-basics/01-links.md",
            Some(9),
            Some(1),
            "image not found: `01-basics/img/nope.png`",
        ),
        e(
            "01-basics/01-links.md",
            Some(11),
            Some(9),
            "no heading with id `第二步` on this page",
        ),
        // 02-front.md has an unknown key, and is still read: its headings are checked.
        e(
            "01-basics/01-links.md",
            Some(11),
            Some(30),
            "`01-basics/02-front.md` has no heading with id `nowhere`",
        ),
        w(
            "01-basics/01-links.md",
            Some(13),
            Some(3),
            "unknown alert `[!NOPE]`; it renders as a plain quote",
        ),
        e(
            "01-basics/02-front.md",
            Some(3),
            Some(1),
            "front matter: unknown field `sumary`",
        ),
        e(
            "01-basics/03-yaml.md",
            Some(2),
            Some(8),
            "front matter: `title`: expected text here",
        ),
        e(
            "01-basics/04-二.md",
            None,
            None,
            "file name `04-二.md` does not give a valid slug",
        ),
        e(
            "01-basics/05-dup.md",
            Some(3),
            Some(1),
            "two pages in this module have the slug `links`",
        ),
        e(
            "02-broken-index/index.md",
            None,
            None,
            "module `02-broken-index` has no index.md",
        ),
        e(
            "03-多语言",
            None,
            None,
            "module folder name `03-多语言` does not give a valid slug",
        ),
        e("04-assets", None, None, "module slug `assets` is reserved"),
        e(
            "05-nofront/index.md",
            Some(1),
            Some(1),
            "the page has no front matter",
        ),
        e(
            "course.yaml",
            Some(5),
            Some(1),
            "course.yaml: unknown field `sertificate`",
        ),
        w(
            "notes.txt",
            None,
            None,
            "file `notes.txt` at the course root is ignored",
        ),
    ];
    assert_eq!(got, expected);
}

#[test]
fn errors_print_like_a_compiler() {
    let o = run(&["check", BROKEN]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(
            "tests/fixtures/invalid-course/01-basics/01-links.md:11:9: error: no heading with id `第二步` on this page\n   |\n11 | Jump to [a heading](#第二步) or [another page's heading](02-front.md#nowhere).\n   |         ^\n   |\n   = hint: did you mean `#第一步`? Heading ids are lower-case, spaces become `-`, punctuation is dropped\n"
        ),
        "{err}"
    );
    assert!(err.contains(
        "tests/fixtures/invalid-course/course.yaml:5:1: error: course.yaml: unknown field `sertificate`\n  |\n5 | sertificate: true\n  | ^\n  |\n  = hint: did you mean `certificate`? known keys: id, title, language, description, authors, version, pass_mark, completion, certificate, theme, checks, search, logo, accent\n"
    ));
    assert!(err.contains(
        "tests/fixtures/invalid-course/01-basics/04-二.md: error: file name `04-二.md` does not give a valid slug\n = hint: put the Chinese name in `title:`"
    ));
    assert!(err
        .trim_end()
        .ends_with("tests/fixtures/invalid-course: 14 errors, 2 warnings"));
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let out_s = out.to_string_lossy().into_owned();
    assert!(run(&["build", "tests/fixtures/valid-basic", "-o", &out_s])
        .status
        .success());
    let before: Vec<(String, Vec<u8>)> = files(&out)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(out.join(&f)).unwrap();
            (f, bytes)
        })
        .collect();
    let o = run(&["build", BROKEN, "-o", &out_s]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("build failed: 14 errors, 2 warnings;"));
    let after: Vec<(String, Vec<u8>)> = files(&out)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(out.join(&f)).unwrap();
            (f, bytes)
        })
        .collect();
    assert_eq!(before, after);
    // No temporary folders are left beside the output.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
}

#[test]
fn invalid_courses_never_crash_the_tool() {
    let root = fixture("");
    let mut seen = 0;
    for entry in std::fs::read_dir(&root).unwrap().filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with("invalid-") {
            continue;
        }
        seen += 1;
        let course = format!("tests/fixtures/{name}");
        for args in [
            vec!["check", &course],
            vec!["check", &course, "--format", "json"],
        ] {
            let o = run(&args);
            let err = stderr(&o);
            assert!(!err.contains("panicked"), "{name}: {err}");
            assert_eq!(
                o.status.code(),
                Some(1),
                "{name} should fail with exit 1:\n{err}"
            );
        }
    }
    assert!(seen >= 1);
}

#[test]
fn warnings_pass_unless_denied() {
    let dir = tempfile::tempdir().unwrap();
    let course = dir.path().join("c");
    std::fs::create_dir_all(course.join("01-a")).unwrap();
    std::fs::write(course.join("course.yaml"), "id: c\ntitle: C\n").unwrap();
    std::fs::write(
        course.join("01-a/index.md"),
        "---\ntitle: A\n---\n> [!HUH]\n> x\n",
    )
    .unwrap();
    let c = course.to_string_lossy().into_owned();
    let o = run(&["check", &c]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("1 warning"));
    let o = run(&["check", &c, "--deny-warnings"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn usage_errors_exit_with_2() {
    let o = run(&["check", "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_missing_course_folder_is_explained() {
    let o = run(&["check", "no/such/course"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "no/such/course: error: course folder not found\n = hint: name the folder that holds course.yaml, e.g. `syllabus check my-course`; `syllabus new my-course` creates one\n\nno/such/course: 1 error, 0 warnings\n"
    );
    let o = run(&["build", "no/such/course", "-o", "/nonexistent/out"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("e.g. `syllabus build my-course`"));
    // A folder without course.yaml.
    let o = run(&["check", "tests"]);
    assert!(stderr(&o).starts_with("tests/course.yaml: error: course.yaml not found\n"));
}

#[test]
fn a_theme_that_cannot_render_fails_the_build_and_leaves_the_previous_site() {
    let dir = tempfile::tempdir().unwrap();
    let course = dir.path().join("course");
    copy_tree(&fixture("valid-basic"), &course);
    let out = dir.path().join("site");
    let (course_s, out_s) = (
        course.to_string_lossy().into_owned(),
        out.to_string_lossy().into_owned(),
    );
    assert!(run(&["build", &course_s, "-o", &out_s]).status.success());
    let before = dir.path().join("before");
    copy_tree(&out, &before);

    // A course theme whose page and home templates print a value nothing has.
    let templates = dir.path().join("my-theme/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let broken =
        "{% extends \"base.html\" %}{% block main %}{{ page.nowhere.at_all }}{% endblock main %}";
    std::fs::write(templates.join("page.html"), broken).unwrap();
    std::fs::write(templates.join("index.html"), broken).unwrap();
    let yaml = course.join("course.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, format!("{text}theme: ../my-theme\n")).unwrap();

    let o = run(&["build", &course_s, "-o", &out_s]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("my-theme/templates/page.html: error: cannot render"),
        "{err}"
    );
    assert!(err.contains("cannot render the home page"), "{err}");
    assert!(err.contains("was left as it was"), "{err}");
    assert_same_sites(&out, &before, "the previous site after a failed build");
    // No temporary folders are left beside the output.
    let mut left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["before", "course", "my-theme", "site"]);
}
