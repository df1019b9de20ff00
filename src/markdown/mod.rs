//! Lesson bodies: pulldown-cmark events run through small named passes (see
//! [`passes`]), and the Markdown text fields of blocks ([`html`]).
//!
//! A page body is parsed once. [`analyze`] runs the passes that find things
//! (interactive blocks, heading ids, links and images, unknown alerts) and writes
//! the HTML in the same go, leaving a marker where each interactive block goes and
//! a placeholder for each link and image destination, to be filled once links are
//! resolved against the whole course.

pub mod html;
pub mod passes;
pub mod typography;

pub use html::{escape, inline, plain, Flow, LinkRef, LinkedHtml, PageLinks};

use crate::core::{Diagnostics, Pos, Source};
use pulldown_cmark::{Options, Parser};
use serde::Serialize;
use std::collections::HashMap;

/// A heading with its GitHub-style id.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A fenced block whose info string names an interactive block kind.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RawBlock {
    /// The first word of the info string: `quiz`, `roleplay`, ...
    pub kind: String,
    /// The block's YAML text, fences excluded.
    pub yaml: String,
    /// Where the opening fence stands in the file.
    pub fence: Pos,
    /// The file line of the YAML's first line (the line after the fence).
    pub first_line: usize,
}

/// What [`analyze`] finds in a page body.
#[derive(Debug, Default, Clone, PartialEq, Eq, Hash)]
pub struct Analysis {
    pub headings: Vec<Heading>,
    /// Level 2 and 3 headings, for the page's table of contents.
    pub toc: Vec<Heading>,
    pub blocks: Vec<RawBlock>,
    /// The body as HTML, with a marker per block and link placeholders.
    pub body: LinkedHtml,
    /// Half-width punctuation in the prose next to CJK text (byte offsets in the file).
    pub half_width: Vec<typography::Mark>,
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

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Where a body sits in its file, for turning event offsets into file positions.
pub struct Body<'a> {
    pub src: Source<'a>,
    pub start: usize,
    /// The byte offset of each line's start in the file: a page with thousands
    /// of links or headings asks for a position thousands of times, and counting
    /// lines from the top each time made a 5 MB lesson take minutes.
    line_starts: Vec<usize>,
}

impl<'a> Body<'a> {
    pub fn new(src: Source<'a>, start: usize) -> Self {
        let line_starts = std::iter::once(0)
            .chain(src.text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Body {
            src,
            start,
            line_starts,
        }
    }

    pub fn pos(&self, offset: usize) -> Pos {
        let text = self.src.text;
        let at =
            crate::core::source::floor_char_boundary(text, (self.start + offset).min(text.len()));
        let line = self.line_starts.partition_point(|&s| s <= at);
        let line_start = self.line_starts[line - 1];
        Pos::new(line, text[line_start..at].chars().count() + 1)
    }
}

/// Finds blocks (fenced blocks whose info word `is_block` accepts), headings and
/// links, warns about unknown alerts, and writes the body's HTML with placeholders
/// for link targets recorded in `links`.
pub fn analyze(
    src: Source,
    body_start: usize,
    words: &dyn Words,
    is_block: &dyn Fn(&str) -> bool,
    links: &mut PageLinks,
    diags: &mut Diagnostics,
) -> Analysis {
    let body = Body::new(src, body_start);
    let text = &src.text[body_start..];
    let mut analysis = Analysis::default();
    let events: Vec<_> = Parser::new_ext(text, options())
        .into_offset_iter()
        .collect();
    let events = passes::extract_blocks(events, &body, is_block, &mut analysis.blocks, diags);
    analysis.half_width = typography::prose(&events, &body);
    let events = passes::alerts(events, &body, words, diags);
    let (events, headings) = passes::heading_ids(events);
    let events = passes::link_placeholders(events, &body, links);
    let events = passes::accessible_widgets(events, words);
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(e, _)| e));
    analysis.toc = headings
        .iter()
        .filter(|h| h.level == 2 || h.level == 3)
        .cloned()
        .collect();
    analysis.headings = headings;
    analysis.body = LinkedHtml(html);
    analysis
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

#[cfg(test)]
mod tests;
