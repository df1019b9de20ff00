//! Building fixture courses: the pages a trainee gets, where they are, and what
//! they link to.

mod common;
use common::*;

#[test]
fn pages_land_at_the_paths_the_design_gives() {
    let (_tmp, out) = build("tests/fixtures/valid-basic", &[]);
    let all = files(&out);
    for page in [
        "index.html",
        "basics/index.html",
        "basics/first.html",
        "basics/second.html",
        "more/index.html",
        "more/chinese.html",
        "assets/diagram.svg",
        "basics/files/checklist.txt",
    ] {
        assert!(
            all.contains(&page.to_string()),
            "{page} missing from {all:?}"
        );
    }
    // Theme files carry a content hash in their names.
    assert!(all.iter().any(|f| f.starts_with("theme/syllabus.")
        && f.ends_with(".css")
        && f.len() > "theme/syllabus.css".len() + 5));
    // Nothing of the source layout leaks into the site.
    assert!(!all
        .iter()
        .any(|f| f.ends_with(".md") || f.contains("01-basics")));
}

#[test]
fn a_mail_address_in_angle_brackets_is_a_mail_link_not_a_missing_file() {
    let (_tmp, out) = build("tests/fixtures/valid-basic", &[]);
    let html = read(&out, "basics/second.html");
    assert!(
        html.contains(r#"<a href="mailto:training@example.com">training@example.com</a>"#),
        "{html}"
    );
}

#[test]
fn every_link_is_relative_and_names_a_file() {
    let (_tmp, out) = build("tests/fixtures/valid-basic", &[]);
    for page in files(&out).iter().filter(|f| f.ends_with(".html")) {
        let html = read(&out, page);
        for url in urls(&html) {
            let external = url.starts_with("https://") || url.starts_with("mailto:");
            assert!(!url.starts_with('/'), "{page}: absolute URL {url}");
            if external || url.starts_with('#') {
                continue;
            }
            let path = url.split('#').next().unwrap();
            assert!(
                !path.ends_with('/') && !path.is_empty(),
                "{page}: {url} does not name a file"
            );
            // The target exists in the output.
            let base = std::path::Path::new(page).parent().unwrap();
            let target = out.join(base).join(path.replace("%20", " "));
            assert!(target.exists(), "{page}: {url} points to nothing");
        }
    }
}

#[test]
fn pages_need_no_inline_script_or_style() {
    let (_tmp, out) = build("tests/fixtures/valid-basic", &[]);
    for page in files(&out).iter().filter(|f| f.ends_with(".html")) {
        let html = read(&out, page);
        assert!(!html.contains(" style="), "{page} has a style attribute");
        assert!(
            !html.contains(" onclick=") && !html.contains(" onload="),
            "{page} has an event handler attribute"
        );
        let mut rest = html.as_str();
        while let Some(i) = rest.find("<script") {
            let tag_end = rest[i..].find('>').unwrap() + i;
            let tag = &rest[i..tag_end];
            assert!(
                tag.contains(" src=") || tag.contains("type=\"application/json\""),
                "{page} has an inline script: {tag}"
            );
            rest = &rest[tag_end..];
        }
        assert!(
            html.contains("Content-Security-Policy"),
            "{page} lacks the CSP"
        );
    }
}

#[test]
fn a_lesson_shows_what_the_trainee_reads() {
    let (_tmp, out) = build("tests/fixtures/valid-basic", &[]);
    let html = read(&out, "basics/first.html");
    // Title, breadcrumbs, objectives, table of contents.
    assert!(html.contains("<h1>First lesson</h1>"));
    assert!(html.contains("<li><a href=\"../basics/index.html\">The basics</a></li>"));
    assert!(html.contains("<li>Use a table</li>"));
    assert!(html.contains("<a href=\"#lists-and-links\">Lists and links</a>"));
    // Every alert kind, titled in words.
    for (class, title) in [
        ("note", "Note"),
        ("tip", "Tip"),
        ("important", "Important"),
        ("warning", "Warning"),
        ("caution", "Caution"),
        ("case", "Case study"),
        ("discuss", "Group discussion"),
    ] {
        assert!(
            html.contains(&format!("<div class=\"alert alert-{class}\" role=\"note\">\n<p class=\"alert-title\">{title}</p>")),
            "alert {class} missing"
        );
    }
    // GFM: table in a scrolling region, task list, strikethrough, footnote.
    assert!(html.contains(
        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table\">"
    ));
    assert!(html.contains("<input type=\"checkbox\" disabled checked aria-label=\"Done\">"));
    assert!(html.contains("<del>struck</del>"));
    assert!(html.contains("footnote-definition"));
    // Links rewritten to output pages, fragments kept, images and files copied.
    assert!(html.contains("href=\"second.html#details\""));
    assert!(html.contains("href=\"../more/index.html\""));
    assert!(html.contains("src=\"../assets/diagram.svg\""));
    let second = read(&out, "basics/second.html");
    assert!(second.contains("href=\"files/checklist.txt\""));
    // Previous and next.
    assert!(html.contains("rel=\"prev\" href=\"../basics/index.html\""));
    assert!(html.contains("rel=\"next\" href=\"../basics/second.html\""));
}

#[test]
fn navigation_lists_modules_and_only_the_current_modules_pages() {
    let (_tmp, out) = build("tests/fixtures/valid-basic", &[]);
    let html = read(&out, "basics/first.html");
    let nav = &html[html.find("<nav id=\"nav\"").unwrap()..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    assert!(nav.contains("The basics") && nav.contains("More"));
    assert!(nav.contains("aria-current=\"page\" class=\"kind-lesson\">First lesson"));
    assert!(nav.contains("Second lesson"));
    assert!(
        !nav.contains("中文页面"),
        "pages of other modules stay out of the sidebar"
    );
    let other = read(&out, "more/chinese.html");
    assert!(other.contains("<h2 id=\"什么是服务\">") && other.contains("<h2 id=\"什么是服务-1\">"));
}

#[test]
fn the_home_page_lists_modules_with_durations_and_the_module_page_its_objectives() {
    let (_tmp, out) = build("tests/fixtures/valid-basic", &[]);
    let html = read(&out, "index.html");
    assert!(
        html.contains("<li>Total time: 23 min</li>"),
        "course time is the sum of the lessons"
    );
    assert!(html.contains("<li>2 modules</li>"));
    assert!(html.contains("<span class=\"num\">Module 1</span> The basics"));
    assert!(html.contains("15 min · 2 pages"));
    assert!(html.contains("<p>What this module covers.</p>"));
    assert!(html.contains("href=\"basics/index.html\">Start the course</a>"));
    // The cards stay short; a module's objectives open its own page.
    assert!(!html.contains("<li>Follow links</li>"));
    assert!(read(&out, "basics/index.html").contains("<li>Follow links</li>"));
}

#[test]
fn chinese_courses_get_chinese_ui_strings() {
    let (_tmp, out) = build("content", &[]);
    let html = read(&out, "index.html");
    assert!(html.contains("<html lang=\"zh-CN\">"));
    assert!(html.contains("开始学习"));
    assert!(html.contains("课程目录"));
}

#[test]
fn a_theme_folder_overrides_single_files() {
    let (_tmp, out) = build("tests/fixtures/valid-theme-override", &[]);
    let html = read(&out, "basics/index.html");
    assert!(
        html.contains("class=\"custom-pager\""),
        "the course's pager.html replaces the default"
    );
    assert!(
        html.contains("Onwards: First"),
        "the theme's strings override the default ones"
    );
    let html = read(&out, "basics/first.html");
    assert!(
        html.contains("<h1>First</h1>"),
        "other templates fall back to the default theme"
    );
    assert!(
        html.contains("Skip to content"),
        "strings the theme lacks fall back"
    );
    assert!(files(&out)
        .iter()
        .any(|f| f.starts_with("theme/extra.") && f.ends_with(".css")));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let (_tmp, out) = build("tests/fixtures/valid-theme-override", &[]);
    assert!(!out.join("basics/draft.html").exists());
    assert!(!read(&out, "basics/first.html").contains("Draft page"));
    let (_tmp2, out2) = build("tests/fixtures/valid-theme-override", &["--drafts"]);
    let html = read(&out2, "basics/draft.html");
    assert!(html.contains("class=\"draft-notice\""));
}

#[test]
fn output_is_the_same_for_two_builds() {
    let (_a, one) = build("tests/fixtures/valid-basic", &[]);
    let (_b, two) = build("tests/fixtures/valid-basic", &[]);
    assert_eq!(files(&one), files(&two));
    for f in files(&one) {
        assert_eq!(
            std::fs::read(one.join(&f)).unwrap(),
            std::fs::read(two.join(&f)).unwrap(),
            "{f} differs"
        );
    }
}

#[test]
fn a_folder_syllabus_did_not_write_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mine");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("thesis.docx"), "precious").unwrap();
    let o = run(&[
        "build",
        "tests/fixtures/valid-basic",
        "-o",
        &out.to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(
        "the output folder exists and was not written by syllabus; it is left untouched"
    ));
    assert_eq!(
        std::fs::read_to_string(out.join("thesis.docx")).unwrap(),
        "precious"
    );
}
