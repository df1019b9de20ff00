//! A course's own look in course.yaml: `logo` and `accent`, as a trainer writes them
//! (mistakes included) and as a trainee's pages show them.

mod common;
use common::*;

#[test]
fn mistakes_in_logo_and_accent_point_at_the_line_and_say_what_to_write() {
    let o = run(&["check", "tests/fixtures/invalid-brand"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("tests/fixtures/invalid-brand/course.yaml:3:7: error: logo `assets/missing.png` not found"),
        "{err}"
    );
    assert!(
        err.contains("put the image in the course's `assets/` folder"),
        "{err}"
    );
    assert!(
        err.contains("course.yaml:4:9: warning: accent colour `#ffcc00` is too light for text on a light page (contrast 1.4:1, WCAG AA needs 4.5:1)"),
        "{err}"
    );
    assert!(
        err.contains("hint: the light theme uses the darker `#856a00` instead"),
        "{err}"
    );
    let zh = run(&["check", "tests/fixtures/invalid-brand", "--lang", "zh-CN"]);
    assert!(
        stderr(&zh).contains("找不到标志 `assets/missing.png`"),
        "{}",
        stderr(&zh)
    );
}

#[test]
fn an_unquoted_colour_a_name_and_a_logo_outside_assets_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let course = dir.path().join("c");
    std::fs::create_dir_all(course.join("01-a")).unwrap();
    std::fs::write(course.join("01-a/index.md"), "---\ntitle: A\n---\n").unwrap();
    std::fs::write(course.join("logo.png"), "x").unwrap();
    let c = course.to_string_lossy().into_owned();
    std::fs::write(
        course.join("course.yaml"),
        "id: c\ntitle: C\naccent: #1d5fa8\nlogo: logo.png\n",
    )
    .unwrap();
    let err = stderr(&run(&["check", &c]));
    assert!(err.contains("course.yaml:3:1: error: the value of `accent` starts with `#`, which YAML reads as a comment"), "{err}");
    assert!(
        err.contains("put the colour in quotes, e.g. `accent: \"#1d5fa8\"`"),
        "{err}"
    );
    assert!(
        err.contains(
            "course.yaml:4:7: error: logo `logo.png` is not in the course's `assets/` folder"
        ),
        "{err}"
    );
    std::fs::write(
        course.join("course.yaml"),
        "id: c\ntitle: C\naccent: navy\n",
    )
    .unwrap();
    let err = stderr(&run(&["check", &c]));
    assert!(
        err.contains("course.yaml:3:9: error: `navy` is not a colour"),
        "{err}"
    );
}

#[test]
fn every_page_shows_the_logo_and_loads_the_accent_in_its_aa_shades() {
    let (_dir, out) = build("tests/fixtures/valid-basic", &[]);
    let home = read(&out, "index.html");
    assert!(
        home.contains(r#"<img class="course-logo" src="assets/logo.svg" alt="" height="32">"#),
        "{home}"
    );
    let lesson = read(&out, "basics/first.html");
    assert!(lesson.contains(r#"src="../assets/logo.svg""#));
    let css = files(&out)
        .into_iter()
        .find(|f| f.starts_with("theme/accent.") && f.ends_with(".css"))
        .expect("an accent stylesheet");
    assert!(lesson.contains(&format!(r#"<link rel="stylesheet" href="../{css}">"#)));
    let text = read(&out, &css);
    // #c8102e reads well on white as it is; dark mode gets a lighter shade.
    assert!(
        text.contains(":root { --accent: #c8102e; --accent-text: #ffffff;"),
        "{text}"
    );
    assert!(
        text.contains("@media (prefers-color-scheme: dark)"),
        "{text}"
    );
}
