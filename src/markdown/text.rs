//! The text a reader sees on a page, without markup: what search indexes and
//! shows in snippets. [`prose`] reads it from a body's events in the same go as
//! the HTML is written (no second parse of the HTML); [`html_text`] reads it from
//! the HTML of blocks' text fields and of raw HTML in a lesson.
//!
//! White space is collapsed; each block-level element (paragraph, heading, list
//! item, table cell, ...) ends a line; white space between two CJK characters (a
//! soft line break in the source) is dropped, as it does not separate words.
//! Image descriptions and the contents of `script` and `style` are not text a
//! reader sees.

use super::{block_marker, passes::Ev};
use pulldown_cmark::{Event, Tag, TagEnd};

/// The text of a page body, and where its interactive blocks stand in it.
#[derive(Debug, Default, Clone, PartialEq, Eq, Hash)]
pub struct PlainText {
    /// One line per paragraph, list item, heading or table cell.
    pub text: String,
    /// (byte offset in `text`, block number), in page order: each block's place,
    /// at the start of a line.
    pub blocks: Vec<(usize, usize)>,
}

/// A character written in a script without spaces between words: Han
/// ideographs and kana (not their punctuation).
pub fn is_cjk(c: char) -> bool {
    // The common case first: the unified ideographs.
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return true;
    }
    matches!(c,
        '\u{3005}' | '\u{3007}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}')
}

/// The text of a body's events, as [`html_text`] would read the HTML they make.
pub fn prose(events: &[Ev]) -> PlainText {
    let mut out = PlainText {
        text: String::with_capacity(events.len() * 16),
        blocks: Vec::new(),
    };
    let mut space = false;
    let mut image = 0usize;
    // Raw HTML comes a line per event: it is read whole, so that a `<script>`
    // element's contents are skipped to its end.
    let mut raw = String::new();
    for (ev, _) in events {
        if !raw.is_empty() && !matches!(ev, Event::Html(_) | Event::InlineHtml(_)) {
            raw_html(&raw, &mut out, &mut space);
            raw.clear();
        }
        match ev {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                if image == 0 {
                    let mut rest: &str = t;
                    while !rest.is_empty() {
                        rest = &rest[text_until(rest, &mut out.text, &mut space, &LITERAL)..];
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => space = true,
            Event::Html(h) | Event::InlineHtml(h) => raw.push_str(h),
            Event::Start(Tag::Image { .. }) => image += 1,
            Event::End(TagEnd::Image) => image = image.saturating_sub(1),
            Event::Start(
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. },
            )
            | Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link,
            )
            | Event::TaskListMarker(_)
            | Event::FootnoteReference(_) => {}
            Event::Start(_) | Event::End(_) | Event::Rule => {
                line_break(&mut out.text);
                space = false;
            }
        }
    }
    if !raw.is_empty() {
        raw_html(&raw, &mut out, &mut space);
    }
    out
}

/// Raw HTML in a body: its text, and the place of each block marker in it.
fn raw_html(html: &str, out: &mut PlainText, space: &mut bool) {
    let PlainText { text, blocks } = out;
    html_into(html, text, space, &mut |i, t| blocks.push((t.len(), i)));
}

pub fn line_break(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Tags that sit inside a line of text: no break where they open or close.
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "del"
            | "dfn"
            | "em"
            | "i"
            | "ins"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "wbr"
    )
}

/// Appends the text of `html` to `out`: tags dropped (a line break for each
/// block-level one), entities decoded, white space collapsed, and each block
/// marker replaced by what `block(i, out)` writes. White space between two CJK
/// characters (a soft line break in the source) is dropped, as it does not
/// separate words.
pub fn html_text(html: &str, out: &mut String, block: &mut dyn FnMut(usize, &mut String)) {
    html_into(html, out, &mut false, block);
}

/// [`html_text`] continuing a line: `space` says whether white space is pending
/// before the next visible character, and is left so at the end.
fn html_into(
    html: &str,
    out: &mut String,
    space: &mut bool,
    block: &mut dyn FnMut(usize, &mut String),
) {
    let mut rest = html;
    while !rest.is_empty() {
        rest = &rest[text_until(rest, out, space, &CLASS)..];
        if rest.is_empty() {
            break;
        }
        if rest.starts_with('&') {
            let (decoded, used) = entity(rest);
            if decoded.is_whitespace() {
                *space = true;
            } else {
                push_run(decoded.encode_utf8(&mut [0; 4]), out, space);
            }
            rest = &rest[used..];
            continue;
        }
        if let Some(after) = rest.strip_prefix("<!--") {
            let end = after.find("-->").map_or(after.len(), |e| e + 3);
            let comment = &rest[..4 + end];
            if let Some(i) = marker_index(comment) {
                line_break(out);
                block(i, out);
                line_break(out);
                *space = false;
            }
            rest = &after[end..];
            continue;
        }
        let opens_tag = rest[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
        if !opens_tag {
            push_run("<", out, space);
            rest = &rest[1..];
            continue;
        }
        let end = tag_end(rest);
        let tag = &rest[1..end];
        let closing = tag.starts_with('/');
        let body = tag.strip_prefix('/').unwrap_or(tag);
        let name = &body[..body.bytes().take_while(u8::is_ascii_alphanumeric).count()];
        rest = &rest[(end + 1).min(rest.len())..];
        // Tags written by pulldown-cmark are lower case; raw HTML may not be.
        let lower;
        let name = if name.bytes().any(|b| b.is_ascii_uppercase()) {
            lower = name.to_ascii_lowercase();
            lower.as_str()
        } else {
            name
        };
        if matches!(name, "script" | "style") && !closing {
            let close = format!("</{name}");
            rest = rest.find(&close).map_or("", |i| &rest[i..]);
            continue;
        }
        if name == "br" {
            *space = true;
        } else if !is_inline(name) {
            line_break(out);
            *space = false;
        }
    }
}

/// Where the tag starting at `s[0] == '<'` ends (its `>`), quotes respected.
fn tag_end(s: &str) -> usize {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return i,
            _ => {}
        }
    }
    s.len()
}

fn marker_index(comment: &str) -> Option<usize> {
    let n: usize = comment
        .strip_prefix("<!--syllabus-block-")?
        .strip_suffix("-->")?
        .parse()
        .ok()?;
    (comment == block_marker(n)).then_some(n)
}

/// The character an entity at the start of `s` stands for, and its length; an
/// unknown one is a literal `&`.
fn entity(s: &str) -> (char, usize) {
    let Some(semi) = s.bytes().take(12).position(|b| b == b';') else {
        return ('&', 1);
    };
    let name = &s[1..semi];
    let c = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => name
            .strip_prefix("#x")
            .or_else(|| name.strip_prefix("#X"))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
            .and_then(char::from_u32),
    };
    match c {
        Some(c) => (c, semi + 1),
        None => ('&', 1),
    }
}

/// How the HTML scanner sees a byte: 0 text, 1 white space, 2 `<` or `&`.
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b' ' as usize] = 1;
    t[b'\n' as usize] = 1;
    t[b'\t' as usize] = 1;
    t[b'\r' as usize] = 1;
    t[0x0c] = 1;
    t[b'<' as usize] = 2;
    t[b'&' as usize] = 2;
    t
};

/// How plain text is seen: white space is collapsed, `<` and `&` are text.
const LITERAL: [u8; 256] = {
    let mut t = CLASS;
    t[b'<' as usize] = 0;
    t[b'&' as usize] = 0;
    t
};

/// Appends the text up to the first `<` or `&` with white space collapsed, and
/// returns how many bytes it read. A pending space is written only before the
/// next visible character, and dropped between two CJK characters. Copies runs of
/// bytes, a lone space between two ASCII characters staying in its run: this sees
/// every character of a course.
fn text_until(s: &str, out: &mut String, space: &mut bool, class: &[u8; 256]) -> usize {
    let b = s.as_bytes();
    let n = b.len();
    let cjk_before = |i: usize| b[i - 1] >= 0x80 && s[..i].chars().next_back().is_some_and(is_cjk);
    let cjk_at = |j: usize| b[j] >= 0x80 && s[j..].chars().next().is_some_and(is_cjk);
    let (mut i, mut from) = (0, 0);
    while i < n {
        match class[b[i] as usize] {
            0 => {
                i += b[i..]
                    .iter()
                    .position(|&x| class[x as usize] != 0)
                    .unwrap_or(n - i)
            }
            2 => break,
            _ => {
                let mut j = i + 1;
                while j < n && class[b[j] as usize] == 1 {
                    j += 1;
                }
                if i == from || j == n || class[b[j] as usize] == 2 {
                    // At either end of the piece: the space waits for what follows.
                    push_run(&s[from..i], out, space);
                    *space = true;
                    from = j;
                } else if cjk_before(i) && cjk_at(j) {
                    push_run(&s[from..i], out, space);
                    from = j;
                } else if j > i + 1 || b[i] != b' ' {
                    push_run(&s[from..i], out, space);
                    out.push(' ');
                    from = j;
                }
                // A lone space between words stays in its run.
                i = j;
            }
        }
    }
    push_run(&s[from..i], out, space);
    i
}

fn push_run(run: &str, out: &mut String, space: &mut bool) {
    if run.is_empty() {
        return;
    }
    if *space {
        let at_line_start = out.is_empty() || out.ends_with('\n');
        let cjk = |c: Option<char>| c.is_some_and(is_cjk);
        let between_cjk = cjk(run.chars().next()) && cjk(out.chars().next_back());
        if !at_line_start && !between_cjk {
            out.push(' ');
        }
        *space = false;
    }
    out.push_str(run);
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn text_of(md: &str) -> PlainText {
        let events: Vec<Ev> = Parser::new_ext(md, crate::markdown::options())
            .into_offset_iter()
            .collect();
        prose(&events)
    }

    #[test]
    fn lines_per_block_and_no_markup() {
        let t = text_of("# 投诉处理\n\n先**道歉**，\n再复述 `a < b` & [链接](x.md)。\n\n- 第一\n- 第二\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n");
        assert_eq!(
            t.text,
            "投诉处理\n先道歉， 再复述 a < b & 链接。\n第一\n第二\n甲\n乙\n1\n2\n"
        );
    }

    #[test]
    fn images_scripts_and_block_places() {
        let t = text_of(
            "看图 ![图说明](a.png) 后\n\n<script>\nvar x = 1;\n</script>\n\n<!--syllabus-block-0-->\n\n末尾 end\n",
        );
        assert_eq!(t.text, "看图后\n末尾 end\n");
        assert_eq!(t.blocks, [("看图后\n".len(), 0)]);
    }
}
