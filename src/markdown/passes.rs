//! The named passes a page body goes through, each a function from events to events.

use super::{escape, Body, Heading, PageLinks, RawBlock, Words, ALERTS};
use crate::core::{Diagnostics, Pos};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;

pub type Ev<'a> = (Event<'a>, Range<usize>);

/// Pass: fenced interactive blocks become markers, and [`RawBlock`]s with their
/// position in the file. A block without its closing fence is reported at its
/// opening fence and left out: it swallowed the rest of the page (or the next
/// block), so its YAML would only mislead.
pub fn extract_blocks<'a>(
    events: Vec<Ev<'a>>,
    body: &Body,
    is_block: &dyn Fn(&str) -> bool,
    found: &mut Vec<RawBlock>,
    diags: &mut Diagnostics,
) -> Vec<Ev<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut current: Option<(String, String, Pos)> = None;
    for (ev, range) in events {
        match (&ev, &mut current) {
            (Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))), None) => {
                let word = info.split_whitespace().next().unwrap_or("");
                if is_block(word) {
                    current = Some((word.to_string(), String::new(), body.pos(range.start)));
                    continue;
                }
                out.push((ev, range));
            }
            (Event::Text(t), Some((_, yaml, _))) => yaml.push_str(t),
            (Event::End(TagEnd::CodeBlock), Some(_)) => {
                if let Some((kind, yaml, fence)) = current.take() {
                    if let Some(hint) = unclosed(body, range.clone()) {
                        diags.push(
                            body.src
                                .error(fence, format!("the `{kind}` block has no closing fence"))
                                .hint(hint),
                        );
                        continue;
                    }
                    let marker = super::block_marker(found.len());
                    found.push(RawBlock {
                        kind,
                        yaml,
                        fence,
                        first_line: fence.line + 1,
                    });
                    out.push((Event::Html(format!("{marker}\n").into()), range));
                }
            }
            (_, Some(_)) => {}
            _ => out.push((ev, range)),
        }
    }
    out
}

/// Why the fenced block at `range` of the body is not closed where the trainer
/// meant, as a hint; `None` when it is. Unclosed, a block runs to the end of the
/// page, or up to the closing fence of the next block, whose own opening fence
/// (it has an info word) cannot close it.
fn unclosed(body: &Body, range: Range<usize>) -> Option<String> {
    let block = body.src.text[body.start..].get(range.clone())?;
    // Lines without the quote or list indentation a nested block carries.
    let bare = |l: &str| l.trim_start_matches(['>', ' ']).trim_end().to_string();
    let mut lines = block.split_inclusive('\n').scan(0, |at, l| {
        let start = *at;
        *at += l.len();
        Some((start, bare(l)))
    });
    let (_, first) = lines.next()?;
    let mark = first.chars().next()?;
    let len = first.chars().take_while(|c| *c == mark).count();
    let fence: String = std::iter::repeat_n(mark, len).collect();
    // `None` for a line that is no fence, else whether it carries an info word.
    let fence_kind = |l: &str| {
        let n = l.chars().take_while(|c| *c == mark).count();
        (n >= len).then(|| !l.trim_start_matches(mark).trim().is_empty())
    };
    let mut last_is_fence = false;
    for (start, l) in lines {
        match fence_kind(&l) {
            Some(true) => {
                let at = body.pos(range.start + start).line;
                return Some(format!(
                    "end the block with a {fence} line before line {at}, where the next block starts; without it the two run together"
                ));
            }
            Some(false) => last_is_fence = true,
            None => last_is_fence = last_is_fence && l.is_empty(),
        }
    }
    if last_is_fence {
        return None;
    }
    let end = body.pos(range.end.saturating_sub(1)).line;
    Some(format!(
        "end the block with a {fence} line after its last line; without it everything down to line {end} is read as part of the block"
    ))
}

/// Pass: a quote whose first line is `[!NOTE]` (or another known kind) becomes an
/// alert box with a title; an unknown `[!X]` is a warning and stays a plain quote.
pub fn alerts<'a>(
    events: Vec<Ev<'a>>,
    body: &Body,
    words: &dyn Words,
    diags: &mut Diagnostics,
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
                    if ALERTS.contains(&kind.as_str()) {
                        let key = kind.to_ascii_lowercase();
                        let title = words.word(&format!("alert_{key}"));
                        let html = format!(
                            "<div class=\"alert alert-{key}\" role=\"note\">\n<p class=\"alert-title\">{}</p>\n",
                            escape(&title)
                        );
                        out.push((Event::Html(html.into()), range.clone()));
                        open.push(true);
                        i = skip_marker(&events, i, consumed, &mut out);
                        continue;
                    }
                    diags.push(
                        body.src
                            .warning(
                                body.pos(events[i + 1].1.start),
                                format!("unknown alert `[!{kind}]`; it renders as a plain quote"),
                            )
                            .hint(format!("known alerts: {}", ALERTS.join(", "))),
                    );
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

/// Drops an alert's `[!KIND]` marker (the quote start is at `i`); keeps its
/// paragraph only if text follows the marker. Returns the next event to read.
fn skip_marker<'a>(events: &[Ev<'a>], i: usize, consumed: usize, out: &mut Vec<Ev<'a>>) -> usize {
    let rest = &events[i + 1 + consumed..];
    if matches!(rest.first(), Some((Event::End(TagEnd::Paragraph), _))) {
        return i + 1 + consumed + 1;
    }
    out.push(events[i + 1].clone());
    let mut next = i + 1 + consumed;
    if matches!(
        events.get(next),
        Some((Event::SoftBreak | Event::HardBreak, _))
    ) {
        next += 1;
    }
    next
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

/// Pass: gives every heading a unique id (`-1`, `-2` for repeats) and collects them.
pub fn heading_ids(mut events: Vec<Ev<'_>>) -> (Vec<Ev<'_>>, Vec<Heading>) {
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
            let base = super::heading_id(&text);
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

/// Pass: each link and image destination is recorded in `links` and replaced by its
/// placeholder. `<name@example.com>` stays a mail link.
pub fn link_placeholders<'a>(
    mut events: Vec<Ev<'a>>,
    body: &Body,
    links: &mut PageLinks,
) -> Vec<Ev<'a>> {
    for (ev, range) in &mut events {
        let (dest_url, image) = match ev {
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                ..
            }) => continue,
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
            _ => continue,
        };
        let p = links.placeholder(dest_url, body.pos(range.start), image);
        *dest_url = CowStr::from(p);
    }
    events
}

/// Pass: task-list boxes get a label, and tables sit in a labelled, focusable
/// region that scrolls sideways on a phone.
pub fn accessible_widgets<'a>(events: Vec<Ev<'a>>, words: &dyn Words) -> Vec<Ev<'a>> {
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
