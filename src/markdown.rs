//! Lesson bodies: pulldown-cmark events run through small named passes.
//!
//! A page body is parsed once. [`analyze`] runs the passes that find things
//! (interactive blocks, heading ids, links and images, unknown alerts) so the site
//! stage can check links across the whole course, and writes the HTML in the same
//! go, leaving a marker where each interactive block goes and a placeholder for
//! each link and image destination. Once links are resolved, [`BodyHtml::fill`]
//! puts their site URLs in.

use crate::blocks::{BlockKind, RawBlock};
use crate::diagnostics::{Diagnostics, Pos, Source};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

/// A heading with its GitHub-style id.
#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A link or image destination as written, with where it stands.
#[derive(Debug, Clone)]
pub struct LinkRef {
    pub dest: String,
    pub pos: Pos,
    pub image: bool,
}

/// What [`analyze`] finds in a page body.
#[derive(Debug, Default)]
pub struct Analysis {
    pub headings: Vec<Heading>,
    pub links: Vec<LinkRef>,
    pub blocks: Vec<RawBlock>,
    /// The body as HTML, waiting for its link targets. Shared, not copied, with
    /// the page's checked data.
    pub body: Arc<BodyHtml>,
}

/// A page body's HTML with a placeholder where each link or image destination
/// goes, and its table of contents (level 2 and 3 headings).
#[derive(Debug, Default)]
pub struct BodyHtml {
    html: String,
    /// The destinations as written, in the order of their placeholders.
    dests: Vec<String>,
    /// Part of every placeholder: a hash of the page's text, so that nothing a
    /// trainer writes can be mistaken for one.
    nonce: u64,
    pub toc: Vec<Heading>,
}

impl BodyHtml {
    fn placeholder_prefix(&self) -> String {
        format!("syllabus-link-{:016x}-", self.nonce)
    }

    /// The HTML with every destination replaced by its URL in the site from `links`
    /// (destination as written → URL); destinations missing from it stay as written.
    pub fn fill(&self, links: &HashMap<String, String>) -> String {
        let prefix = self.placeholder_prefix();
        let mut out = String::with_capacity(self.html.len() + self.dests.len() * 16);
        let mut rest = self.html.as_str();
        while let Some(at) = rest.find(&prefix) {
            out.push_str(&rest[..at]);
            let after = &rest[at + prefix.len()..];
            let number = after.find('.').and_then(|end| {
                let n: usize = after[..end].parse().ok()?;
                Some((self.dests.get(n)?, end))
            });
            match number {
                Some((dest, end)) => {
                    let url = links.get(dest).unwrap_or(dest);
                    // As pulldown-cmark writes `href` and `src`; a String never fails.
                    let _ = pulldown_cmark_escape::escape_href(&mut out, url);
                    rest = &after[end + 1..];
                }
                None => {
                    out.push_str(&prefix);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// UI words the passes write into pages (alert titles, labels).
pub trait Words {
    fn word(&self, key: &str) -> String;
}

impl Words for HashMap<String, String> {
    fn word(&self, key: &str) -> String {
        self.get(key).cloned().unwrap_or_else(|| key.to_string())
    }
}

/// The alert kinds: GitHub's five plus `CASE` and `DISCUSS`.
pub const ALERTS: &[&str] = &[
    "NOTE",
    "TIP",
    "IMPORTANT",
    "WARNING",
    "CAUTION",
    "CASE",
    "DISCUSS",
];

/// The marker left in the HTML where interactive block `i` of the page goes.
pub fn block_marker(i: usize) -> String {
    format!("<!--syllabus-block-{i}-->")
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

type Ev<'a> = (Event<'a>, Range<usize>);

/// Where a body sits in its file, for turning event offsets into file positions.
struct Body<'a> {
    src: Source<'a>,
    start: usize,
}

impl Body<'_> {
    fn pos(&self, offset: usize) -> Pos {
        self.src.pos_of(self.start + offset)
    }
}

fn parse(text: &str) -> Vec<Ev<'_>> {
    Parser::new_ext(text, options())
        .into_offset_iter()
        .collect()
}

/// Finds blocks, headings and links, warns about unknown alerts, and writes the
/// body's HTML with placeholders for link targets (see [`BodyHtml::fill`]).
pub fn analyze(
    src: Source,
    body_start: usize,
    words: &dyn Words,
    diags: &mut Diagnostics,
) -> Analysis {
    let body = Body {
        src,
        start: body_start,
    };
    let text = &src.text[body_start..];
    let mut analysis = Analysis::default();
    let events = parse(text);
    let events = extract_blocks(events, &body, Some(&mut analysis.blocks));
    let events = alerts(events, &body, words, Some(diags));
    let (events, headings) = heading_ids(events);
    let mut html = BodyHtml {
        nonce: xxhash_rust::xxh3::xxh3_64(src.text.as_bytes()),
        ..BodyHtml::default()
    };
    let events = link_placeholders(events, &html.placeholder_prefix(), |dest, at, image| {
        analysis.links.push(LinkRef {
            dest: dest.to_string(),
            pos: body.pos(at),
            image,
        });
        html.dests.push(dest.to_string());
    });
    let events = accessible_widgets(events, words);
    html.html.reserve(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html.html, events.into_iter().map(|(e, _)| e));
    html.toc = headings
        .iter()
        .filter(|h| h.level == 2 || h.level == 3)
        .cloned()
        .collect();
    analysis.headings = headings;
    analysis.body = Arc::new(html);
    analysis
}

/// Pass: fenced `quiz`/`roleplay`/`assessment`/`reflect` blocks become markers and,
/// when `found` is given, [`RawBlock`]s with their position in the file.
fn extract_blocks<'a>(
    events: Vec<Ev<'a>>,
    body: &Body,
    mut found: Option<&mut Vec<RawBlock>>,
) -> Vec<Ev<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut current: Option<(BlockKind, String, Pos)> = None;
    let mut count = 0;
    for (ev, range) in events {
        match (&ev, &mut current) {
            (Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))), None) => {
                if let Some(kind) = BlockKind::from_info(info) {
                    current = Some((kind, String::new(), body.pos(range.start)));
                    continue;
                }
                out.push((ev, range));
            }
            (Event::Text(t), Some((_, yaml, _))) => yaml.push_str(t),
            (Event::End(TagEnd::CodeBlock), Some(_)) => {
                if let Some((kind, yaml, fence)) = current.take() {
                    if let Some(list) = found.as_deref_mut() {
                        list.push(RawBlock {
                            kind,
                            yaml,
                            fence,
                            first_line: fence.line + 1,
                        });
                    }
                    out.push((
                        Event::Html(format!("{}\n", block_marker(count)).into()),
                        range,
                    ));
                    count += 1;
                }
            }
            (_, Some(_)) => {}
            _ => out.push((ev, range)),
        }
    }
    out
}

/// Pass: a quote whose first line is `[!NOTE]` (or another known kind) becomes an
/// alert box with a title; an unknown `[!X]` is a warning and stays a plain quote.
fn alerts<'a>(
    events: Vec<Ev<'a>>,
    body: &Body,
    words: &dyn Words,
    mut diags: Option<&mut Diagnostics>,
) -> Vec<Ev<'a>> {
    let mut out: Vec<Ev<'a>> = Vec::with_capacity(events.len());
    // One entry per open quote: whether it became an alert.
    let mut open: Vec<bool> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let (ev, range) = &events[i];
        match ev {
            Event::Start(Tag::BlockQuote(_)) => {
                if let Some((kind, consumed)) = alert_marker(&events[i + 1..]) {
                    let known = ALERTS.contains(&kind.as_str());
                    if known {
                        let key = kind.to_ascii_lowercase();
                        let title = words.word(&format!("alert_{key}"));
                        let html = format!(
                            "<div class=\"alert alert-{key}\" role=\"note\">\n<p class=\"alert-title\">{}</p>\n",
                            escape(&title)
                        );
                        out.push((Event::Html(html.into()), range.clone()));
                        open.push(true);
                        // Drop the marker; keep the paragraph only if text follows it.
                        let rest = &events[i + 1 + consumed..];
                        let para_empty =
                            matches!(rest.first(), Some((Event::End(TagEnd::Paragraph), _)));
                        if para_empty {
                            i += 1 + consumed + 1;
                        } else {
                            out.push(events[i + 1].clone());
                            i += 1 + consumed;
                            if matches!(
                                events.get(i),
                                Some((Event::SoftBreak | Event::HardBreak, _))
                            ) {
                                i += 1;
                            }
                        }
                        continue;
                    }
                    if let Some(d) = diags.as_deref_mut() {
                        d.push(
                            body.src
                                .warning(
                                    body.pos(events[i + 1].1.start),
                                    format!(
                                        "unknown alert `[!{kind}]`; it renders as a plain quote"
                                    ),
                                )
                                .hint(format!("known alerts: {}", ALERTS.join(", "))),
                        );
                    }
                }
                open.push(false);
                out.push((ev.clone(), range.clone()));
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                if open.pop() == Some(true) {
                    out.push((Event::Html("</div>\n".into()), range.clone()));
                } else {
                    out.push((ev.clone(), range.clone()));
                }
            }
            _ => out.push((ev.clone(), range.clone())),
        }
        i += 1;
    }
    out
}

/// Looks for `[!KIND]` at the start of a quote's first paragraph. Returns the kind and
/// how many events after the quote start make up the paragraph start and the marker.
fn alert_marker(events: &[Ev]) -> Option<(String, usize)> {
    if !matches!(events.first(), Some((Event::Start(Tag::Paragraph), _))) {
        return None;
    }
    let mut text = String::new();
    for (n, (ev, _)) in events[1..].iter().enumerate() {
        match ev {
            Event::Text(t) => text.push_str(t),
            _ => return None,
        }
        if text.len() > 40 {
            return None;
        }
        if let Some(inner) = text.strip_prefix("[!").and_then(|t| t.strip_suffix(']')) {
            let kind = inner.trim();
            if !kind.is_empty() && kind.chars().all(|c| c.is_ascii_alphabetic()) {
                // The marker must end its line.
                return match events.get(n + 2) {
                    Some((
                        Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph),
                        _,
                    )) => Some((kind.to_ascii_uppercase(), n + 2)),
                    _ => None,
                };
            }
            return None;
        }
        if !"[!".starts_with(text.as_str()) && !text.starts_with("[!") {
            return None;
        }
    }
    None
}

/// GitHub's heading id: lower-cased, spaces to hyphens, punctuation dropped,
/// letters of every script (Chinese included) kept.
pub fn heading_id(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// Pass: gives every heading a unique id (`-1`, `-2` for repeats) and collects them.
fn heading_ids(mut events: Vec<Ev<'_>>) -> (Vec<Ev<'_>>, Vec<Heading>) {
    let mut headings = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &events[i].0 {
            let level = *level as u8;
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j].0 {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = heading_id(&text);
            let mut id = base.clone();
            let mut n = 1;
            while !seen.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i].0 {
                *slot = Some(CowStr::from(id.clone()));
            }
            headings.push(Heading {
                level,
                id,
                text: text.trim().to_string(),
            });
            i = j;
        }
        i += 1;
    }
    (events, headings)
}

/// Pass: each link and image destination is reported to `found` (destination,
/// offset, whether an image) and replaced by the placeholder `PREFIX{n}.`, `n`
/// counting from 0 in page order.
fn link_placeholders<'a>(
    mut events: Vec<Ev<'a>>,
    prefix: &str,
    mut found: impl FnMut(&str, usize, bool),
) -> Vec<Ev<'a>> {
    let mut n = 0;
    for (ev, range) in &mut events {
        let (dest_url, image) = match ev {
            // `<name@example.com>`: a mail address, written out as `mailto:`.
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                ..
            }) => continue,
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
            _ => continue,
        };
        found(dest_url, range.start, image);
        *dest_url = CowStr::from(format!("{prefix}{n}."));
        n += 1;
    }
    events
}

/// Pass: task-list boxes get a label, and tables sit in a labelled, focusable
/// region that scrolls sideways on a phone.
fn accessible_widgets<'a>(events: Vec<Ev<'a>>, words: &dyn Words) -> Vec<Ev<'a>> {
    let mut out = Vec::with_capacity(events.len() + 8);
    for (ev, range) in events {
        match ev {
            Event::TaskListMarker(done) => {
                let (label, checked) = if done {
                    (words.word("task_done"), " checked")
                } else {
                    (words.word("task_open"), "")
                };
                let html = format!(
                    "<input type=\"checkbox\" disabled{checked} aria-label=\"{}\"> ",
                    escape(&label)
                );
                out.push((Event::InlineHtml(html.into()), range));
            }
            Event::Start(Tag::Table(_)) => {
                let html = format!(
                    "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"{}\">\n",
                    escape(&words.word("table"))
                );
                out.push((Event::Html(html.into()), range.clone()));
                out.push((ev, range));
            }
            Event::End(TagEnd::Table) => {
                out.push((ev, range.clone()));
                out.push((Event::Html("</div>\n".into()), range));
            }
            _ => out.push((ev, range)),
        }
    }
    out
}

/// Renders a short Markdown text (a quiz prompt, an option) to HTML. A lone
/// paragraph loses its `<p>` so it can sit inside a label.
pub fn inline(text: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(text, options()));
    let trimmed = html.trim_end();
    if let Some(inner) = trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        if !inner.contains("<p>") {
            return inner.to_string();
        }
    }
    html
}

/// Renders a Markdown text that may hold several paragraphs.
pub fn block(text: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(text, options()));
    html
}

/// The text of a Markdown snippet without markup, for titles and summaries.
pub fn plain(text: &str) -> String {
    let mut out = String::new();
    for ev in Parser::new_ext(text, options()) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    // Copies the runs between special bytes whole: templates escape every value
    // they print, so this runs for each of them on every page.
    let mut out = String::with_capacity(s.len() + 16);
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(rep);
        from = i + 1;
    }
    out.push_str(&s[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
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

    struct Rendered {
        html: String,
        toc: Vec<Heading>,
    }

    /// Analysis, then the links filled in: what a page's body becomes.
    fn render(
        src: Source,
        start: usize,
        links: &HashMap<String, String>,
        words: &dyn Words,
    ) -> Rendered {
        let mut d = Diagnostics::new();
        let a = analyze(src, start, words, &mut d);
        Rendered {
            html: a.body.fill(links),
            toc: a.body.toc.clone(),
        }
    }

    fn html_of(md: &str) -> String {
        render(
            Source::new(Path::new("a.md"), md),
            0,
            &HashMap::new(),
            &words(),
        )
        .html
    }

    #[test]
    fn heading_ids_follow_github() {
        assert_eq!(heading_id("What is Service?"), "what-is-service");
        assert_eq!(heading_id("4P 到 4C:视角的转变"), "4p-到-4c视角的转变");
        assert_eq!(heading_id("  A_b-c  "), "a_b-c");
        let r = render(
            Source::new(Path::new("a.md"), "## 步骤\n\n## 步骤\n\n### x y\n"),
            0,
            &HashMap::new(),
            &words(),
        );
        assert!(r.html.contains("<h2 id=\"步骤\">"));
        assert!(r.html.contains("<h2 id=\"步骤-1\">"));
        assert_eq!(r.toc.len(), 3);
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
        let mut d = Diagnostics::new();
        let a = analyze(
            Source::new(Path::new("a.md"), "x\n\n> [!FOO]\n> bar\n"),
            0,
            &words(),
            &mut d,
        );
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
        let mut d = Diagnostics::new();
        let a = analyze(Source::new(Path::new("a.md"), md), start, &words(), &mut d);
        assert_eq!(a.blocks.len(), 2);
        assert_eq!(a.blocks[0].fence, Pos::new(6, 1));
        assert_eq!(a.blocks[0].first_line, 7);
        assert_eq!(a.blocks[0].yaml, "type: truefalse\nanswer: true\n");
        assert_eq!(a.blocks[1].fence, Pos::new(13, 3));
        assert_eq!(a.blocks[1].yaml, "id: r\n");
        let r = render(
            Source::new(Path::new("a.md"), md),
            start,
            &HashMap::new(),
            &words(),
        );
        assert!(
            r.html.contains("<!--syllabus-block-0-->\n<ul>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<!--syllabus-block-1-->"));
    }

    #[test]
    fn links_are_found_and_rewritten() {
        let md = "见 [步骤](../04-complaints/02-steps.md#第一步) 和 ![图](img/a.png)\n";
        let mut d = Diagnostics::new();
        let a = analyze(Source::new(Path::new("a.md"), md), 0, &words(), &mut d);
        assert_eq!(a.links.len(), 2);
        assert_eq!(a.links[0].pos, Pos::new(1, 3));
        assert!(a.links[1].image);
        let mut map = HashMap::new();
        map.insert(
            "../04-complaints/02-steps.md#第一步".to_string(),
            "../complaints/steps.html#第一步".to_string(),
        );
        let r = render(Source::new(Path::new("a.md"), md), 0, &map, &words());
        assert!(
            r.html
                .contains("href=\"../complaints/steps.html#%E7%AC%AC%E4%B8%80%E6%AD%A5\"")
                || r.html.contains("href=\"../complaints/steps.html#第一步\""),
            "{}",
            r.html
        );
    }

    #[test]
    fn link_targets_fill_placeholders_and_nothing_else() {
        // Text a trainer writes that looks like a placeholder stays as written.
        let md = "[a](01-a.md) [b](https://example.com/x?a=1&b=2) [c](01-a.md)\n\n\
                  syllabus-link-0000000000000000-0. <a href=\"syllabus-link-1-0.\">raw</a>\n";
        let mut map = HashMap::new();
        map.insert("01-a.md".to_string(), "a.html".to_string());
        let html = render(Source::new(Path::new("a.md"), md), 0, &map, &words()).html;
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
    fn escape_replaces_the_five_specials_only() {
        assert_eq!(escape(""), "");
        assert_eq!(
            escape("投诉 & <b>\"退款\"</b> 'ok'"),
            "投诉 &amp; &lt;b&gt;&quot;退款&quot;&lt;/b&gt; &#39;ok&#39;"
        );
        assert_eq!(escape("&&"), "&amp;&amp;");
        assert_eq!(escape("plain 中文"), "plain 中文");
    }

    #[test]
    fn inline_strips_lone_paragraph() {
        assert_eq!(inline("**对**"), "<strong>对</strong>");
        assert_eq!(inline("a\n\nb").matches("<p>").count(), 2);
    }
}
