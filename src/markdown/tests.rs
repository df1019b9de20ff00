use super::*;
use std::collections::HashMap;
use std::path::Path;

fn words() -> HashMap<String, String> {
    [
        ("alert_tip", "提示"),
        ("alert_case", "案例"),
        ("table", "表格"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn is_block(w: &str) -> bool {
    matches!(w, "quiz" | "reflect")
}

fn analyzed(md: &str, start: usize) -> (Analysis, PageLinks, Diagnostics) {
    let mut d = Diagnostics::new();
    let mut links = PageLinks::new(md);
    let a = analyze(
        Source::new(Path::new("a.md"), md),
        start,
        &words(),
        &is_block,
        &mut links,
        &mut d,
    );
    (a, links, d)
}

/// The body's HTML with links filled from `map` (destination as written → URL).
fn html_with(md: &str, map: &HashMap<&str, &str>) -> String {
    let (a, links, _) = analyzed(md, 0);
    a.body.fill_with(&links.prefix(), |n| {
        let dest = links.refs.get(n)?.dest.as_str();
        Some(map.get(dest).map_or(dest, |u| *u).to_string())
    })
}

fn html_of(md: &str) -> String {
    html_with(md, &HashMap::new())
}

#[test]
fn heading_ids_follow_github() {
    assert_eq!(heading_id("What is Service?"), "what-is-service");
    assert_eq!(heading_id("4P 到 4C:视角的转变"), "4p-到-4c视角的转变");
    assert_eq!(heading_id("  A_b-c  "), "a_b-c");
    let (a, ..) = analyzed("## 步骤\n\n## 步骤\n\n### x y\n", 0);
    assert!(a.body.0.contains("<h2 id=\"步骤\">"));
    assert!(a.body.0.contains("<h2 id=\"步骤-1\">"));
    assert_eq!(a.toc.len(), 3);
}

#[test]
fn alerts_become_titled_boxes() {
    let html = html_of("> [!TIP]\n> 先道歉。\n");
    assert_eq!(
        html,
        "<div class=\"alert alert-tip\" role=\"note\">\n<p class=\"alert-title\">提示</p>\n<p>先道歉。</p>\n</div>\n"
    );
    let html = html_of("> [!CASE]\n>\n> 月饼\n");
    assert!(html.starts_with("<div class=\"alert alert-case\" role=\"note\">\n<p class=\"alert-title\">案例</p>\n<p>月饼</p>"), "{html}");
    let (a, _, d) = analyzed("x\n\n> [!FOO]\n> bar\n", 0);
    assert!(a.blocks.is_empty());
    let w: Vec<_> = d.into_vec();
    assert_eq!(w.len(), 1);
    assert_eq!(
        w[0].message,
        "unknown alert `[!FOO]`; it renders as a plain quote"
    );
    assert_eq!(w[0].pos, Some(Pos::new(3, 3)));
    assert!(html_of("> [!FOO]\n> bar\n").starts_with("<blockquote>"));
}

#[test]
fn blocks_are_extracted_with_positions() {
    let md = "---\ntitle: t\n---\n# 标题\n\n```quiz\ntype: truefalse\nanswer: true\n```\n\n- item\n\n  ```reflect\n  id: r\n  ```\n";
    let start = md.find("# ").unwrap();
    let (a, ..) = analyzed(md, start);
    assert_eq!(a.blocks.len(), 2);
    assert_eq!(a.blocks[0].kind, "quiz");
    assert_eq!(a.blocks[0].fence, Pos::new(6, 1));
    assert_eq!(a.blocks[0].first_line, 7);
    assert_eq!(a.blocks[0].yaml, "type: truefalse\nanswer: true\n");
    assert_eq!(a.blocks[1].fence, Pos::new(13, 3));
    assert_eq!(a.blocks[1].yaml, "id: r\n");
    assert!(
        a.body.0.contains("<!--syllabus-block-0-->\n<ul>"),
        "{}",
        a.body.0
    );
    assert!(a.body.0.contains("<!--syllabus-block-1-->"));
}

#[test]
fn links_are_found_and_rewritten() {
    let md = "见 [步骤](../04-complaints/02-steps.md#第一步) 和 ![图](img/a.png)\n";
    let (_, links, _) = analyzed(md, 0);
    assert_eq!(links.refs.len(), 2);
    assert_eq!(links.refs[0].pos, Pos::new(1, 3));
    assert!(links.refs[1].image);
    let map = HashMap::from([(
        "../04-complaints/02-steps.md#第一步",
        "../complaints/steps.html#第一步",
    )]);
    let html = html_with(md, &map);
    assert!(
        html.contains("href=\"../complaints/steps.html#%E7%AC%AC%E4%B8%80%E6%AD%A5\"")
            || html.contains("href=\"../complaints/steps.html#第一步\""),
        "{html}"
    );
}

#[test]
fn link_targets_fill_placeholders_and_nothing_else() {
    // Text a trainer writes that looks like a placeholder stays as written.
    let md = "[a](01-a.md) [b](https://example.com/x?a=1&b=2) [c](01-a.md)\n\n\
              syllabus-link-0000000000000000-0. <a href=\"syllabus-link-1-0.\">raw</a>\n";
    let html = html_with(md, &HashMap::from([("01-a.md", "a.html")]));
    assert_eq!(
        html,
        "<p><a href=\"a.html\">a</a> <a href=\"https://example.com/x?a=1&amp;b=2\">b</a> \
         <a href=\"a.html\">c</a></p>\n<p>syllabus-link-0000000000000000-0. \
         <a href=\"syllabus-link-1-0.\">raw</a></p>\n"
    );
}

#[test]
fn tables_scroll_in_a_labelled_region() {
    let html = html_of("| a | b |\n|---|---|\n| 1 | 2 |\n");
    assert!(html.starts_with("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"表格\">\n<table>"), "{html}");
    assert!(html.trim_end().ends_with("</table>\n</div>"), "{html}");
}

#[test]
fn mail_addresses_stay_mail_links() {
    let (_, links, _) = analyzed("写信到 <a@example.com>\n", 0);
    assert!(links.refs.is_empty());
}

#[test]
fn body_positions_match_counting_from_the_top() {
    let text = "---\ntitle: 标题\n---\n第一行\n\nsecond 二\r\n\nx";
    let src = Source::new(Path::new("a.md"), text);
    let body = Body::new(src, 17);
    for offset in 0..text.len() - 17 + 3 {
        assert_eq!(body.pos(offset), src.pos_of(17 + offset), "offset {offset}");
    }
}
