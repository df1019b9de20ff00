//! The sidebar of a long module: a window of pages around the current one, so a
//! page's size does not grow with its module, and the module page lists them all.

mod common;
use common::*;

fn sidebar(html: &str) -> &str {
    let start = html.find("<nav id=\"nav\"").expect("sidebar");
    let end = html[start..].find("</nav>").expect("sidebar end");
    &html[start..start + end]
}

fn page_links(nav: &str) -> usize {
    nav.matches("class=\"kind-lesson\"").count()
}

#[test]
fn a_long_module_lists_a_window_of_pages_around_the_current_one() {
    let (_tmp, out) = build("tests/fixtures/valid-long-module", &[]);

    // Page 15 of 30: ten either side, and links to the module page for the rest.
    let html = read(&out, "handbook/page-15.html");
    let nav = sidebar(&html);
    assert_eq!(page_links(nav), 21, "{nav}");
    assert!(nav.contains(">Handbook page 05<") && nav.contains(">Handbook page 25<"));
    assert!(!nav.contains(">Handbook page 04<") && !nav.contains(">Handbook page 26<"));
    assert!(nav.contains(
        "<li class=\"nav-more\"><a href=\"../handbook/index.html\">4 earlier pages in this module</a></li>"
    ));
    assert!(nav.contains(
        "<li class=\"nav-more\"><a href=\"../handbook/index.html\">5 more pages in this module</a></li>"
    ));
    assert!(nav.contains("aria-current=\"page\" class=\"kind-lesson\">Handbook page 15<"));

    // Near the start the window keeps its width and nothing is left out before it.
    let nav_html = read(&out, "handbook/page-02.html");
    let nav = sidebar(&nav_html);
    assert_eq!(page_links(nav), 21);
    assert!(!nav.contains("earlier pages"));
    assert!(nav.contains("9 more pages in this module"));

    // One page left out is said in the singular.
    let nav_html = read(&out, "handbook/page-12.html");
    assert!(sidebar(&nav_html).contains(">1 earlier page in this module<"));

    // The module page lists every page in its body.
    let module = read(&out, "handbook/index.html");
    let body = &module[..module.find("<nav id=\"nav\"").expect("sidebar")];
    for i in 1..=30 {
        assert!(body.contains(&format!("Handbook page {i:02}")), "page {i}");
    }
}

#[test]
fn a_short_module_lists_every_page() {
    let (_tmp, out) = build("tests/fixtures/valid-basic", &[]);
    let html = read(&out, "basics/first.html");
    let nav = sidebar(&html);
    assert!(nav.contains(">First lesson<") && nav.contains(">Second lesson<"));
    assert!(!nav.contains("nav-more"));
}
