//! Markdown rendered to HTML with its link and image destinations left as numbered
//! placeholders, for the page's links to be resolved against the whole course
//! first. Page bodies and the Markdown text fields of blocks go through here alike,
//! so links are written one way everywhere (see `links::Filler`).

use super::options;
use crate::core::Pos;
use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd};

/// A link or image destination as written, with where it stands in its file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LinkRef {
    pub dest: String,
    pub pos: Pos,
    pub image: bool,
}

/// A page's link and image destinations, in the order their placeholders number
/// them. The nonce (a hash of the page's text) is part of every placeholder, so
/// that nothing a trainer writes can be taken for one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct PageLinks {
    pub nonce: u64,
    pub refs: Vec<LinkRef>,
    /// Links in blocks' text fields that were shown as plain text because of
    /// where they lead (see [`field`]), for a warning.
    pub dropped: Vec<LinkRef>,
}

impl PageLinks {
    pub fn new(text: &str) -> Self {
        PageLinks {
            nonce: xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
            refs: Vec::new(),
            dropped: Vec::new(),
        }
    }

    pub fn prefix(&self) -> String {
        placeholder_prefix(self.nonce)
    }

    /// Records a destination and returns the placeholder that stands for it.
    pub fn placeholder(&mut self, dest: &str, pos: Pos, image: bool) -> String {
        let n = self.refs.len();
        self.refs.push(LinkRef {
            dest: dest.to_string(),
            pos,
            image,
        });
        format!("{}{n}.", self.prefix())
    }
}

pub fn placeholder_prefix(nonce: u64) -> String {
    format!("syllabus-link-{nonce:016x}-")
}

/// HTML whose link destinations are still placeholders into a [`PageLinks`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct LinkedHtml(pub String);

impl LinkedHtml {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The HTML with placeholder `n` replaced by `url(n)` (escaped for an `href`);
    /// a placeholder `url` gives `None` for stays as written.
    pub fn fill_with(&self, prefix: &str, url: impl Fn(usize) -> Option<String>) -> String {
        let mut out = String::with_capacity(self.0.len() + 64);
        let mut rest = self.0.as_str();
        while let Some(at) = rest.find(prefix) {
            out.push_str(&rest[..at]);
            let after = &rest[at + prefix.len()..];
            let found = after.find('.').and_then(|end| {
                let n: usize = after[..end].parse().ok()?;
                Some((url(n)?, end))
            });
            match found {
                Some((u, end)) => {
                    // As pulldown-cmark writes `href` and `src`; a String never fails.
                    let _ = pulldown_cmark_escape::escape_href(&mut out, &u);
                    rest = &after[end + 1..];
                }
                None => {
                    out.push_str(prefix);
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// Whether a Markdown text field renders as a paragraph or inline (inside a label).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Block,
    Inline,
}

/// Renders a Markdown text field of a block (a quiz prompt, an option, a role-play
/// line) with its links as placeholders in `links`; `locate` says where a
/// destination stands in the file. Inline: a lone paragraph loses its `<p>`.
///
/// Block text is data, not page markup: raw HTML in it is shown as text, and a
/// link is kept only when it leads to a course file (a relative path), a web page
/// (`http`, `https`) or a mail address; any other (`javascript:`, `data:`, `//host`)
/// shows as its text and is recorded in `links.dropped`.
pub fn field(
    text: &str,
    flow: Flow,
    links: &mut PageLinks,
    locate: &dyn Fn(&str) -> Pos,
) -> LinkedHtml {
    let mut dropping = false;
    let events = Parser::new_ext(text, options()).filter_map(|ev| match ev {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link { ref dest_url, .. }) if !safe_field_link(dest_url) => {
            links.dropped.push(LinkRef {
                dest: dest_url.to_string(),
                pos: locate(dest_url),
                image: false,
            });
            dropping = true;
            None
        }
        Event::End(TagEnd::Link) if dropping => {
            dropping = false;
            None
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if link_type != LinkType::Email => {
            let p = links.placeholder(&dest_url, locate(&dest_url), false);
            Some(Event::Start(Tag::Link {
                link_type,
                dest_url: CowStr::from(p),
                title,
                id,
            }))
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let p = links.placeholder(&dest_url, locate(&dest_url), true);
            Some(Event::Start(Tag::Image {
                link_type,
                dest_url: CowStr::from(p),
                title,
                id,
            }))
        }
        other => Some(other),
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    LinkedHtml(match flow {
        Flow::Block => html,
        Flow::Inline => strip_lone_paragraph(html),
    })
}

/// Whether a link in a block's text may stay a link: a relative path (or
/// `#fragment`), or `http:`, `https:` or `mailto:`. Browsers ignore tabs and line
/// breaks in a URL and compare schemes in any case, so this does too.
pub fn safe_field_link(dest: &str) -> bool {
    let d: String = dest
        .trim_matches(|c: char| c.is_ascii_whitespace() || c.is_control())
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if d.starts_with("//") || d.starts_with("\\\\") || d.starts_with("/\\") || d.starts_with("\\/")
    {
        return false;
    }
    let end = d.find(['/', '?', '#']).unwrap_or(d.len());
    match d[..end].find(':') {
        None => true,
        Some(i) => {
            let scheme = d[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
    }
}

pub fn strip_lone_paragraph(html: String) -> String {
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

/// Renders a short Markdown text without links to resolve (UI-facing labels).
pub fn inline(text: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(text, options()));
    strip_lone_paragraph(html)
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

    #[test]
    fn only_course_web_and_mail_links_stay_links_in_fields() {
        for ok in [
            "01-a.md",
            "../assets/x.pdf#p",
            "#step",
            "https://example.com",
            "HTTP://example.com",
            "mailto:a@b.c",
            "a/b:c",
        ] {
            assert!(safe_field_link(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "\u{1}javascript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
            "//evil.example",
            "\\\\evil.example",
            "/\\evil.example",
        ] {
            assert!(!safe_field_link(bad), "{bad}");
        }
        let mut links = PageLinks::new("x");
        let html = field(
            "<b>x</b> [a](javascript:alert(1)) [b](https://e.com)",
            Flow::Inline,
            &mut links,
            &|_| Pos::new(1, 1),
        );
        assert!(
            html.0.starts_with("&lt;b&gt;x&lt;/b&gt; a <a href="),
            "{}",
            html.0
        );
        assert_eq!(links.refs.len(), 1);
        assert_eq!(links.dropped.len(), 1);
        assert_eq!(links.dropped[0].dest, "javascript:alert(1)");
    }

    #[test]
    fn fields_keep_their_links_as_placeholders() {
        let mut links = PageLinks::new("x");
        let html = field(
            "见 [第一课](01-a.md)",
            Flow::Inline,
            &mut links,
            &|_| Pos::new(3, 4),
        );
        assert_eq!(links.refs.len(), 1);
        assert_eq!(links.refs[0].dest, "01-a.md");
        assert_eq!(links.refs[0].pos, Pos::new(3, 4));
        let filled = html.fill_with(&links.prefix(), |_| Some("a.html".into()));
        assert_eq!(filled, "见 <a href=\"a.html\">第一课</a>");
    }
}
