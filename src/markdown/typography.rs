//! Half-width punctuation in Chinese (and Japanese) text: `,` `:` `;` `!` `?` `(`
//! `)` where the text around them is CJK, which Chinese typography writes
//! full-width (`，：；！？（）`). The scanner works on a piece of Markdown text and
//! leaves code spans, URLs and link destinations alone; the pass collects what it
//! finds in a page body's prose. `blocks::lint` decides what to report.

use super::passes::Ev;
use super::Body;
use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

/// The half-width marks the lint looks for.
pub const MARKS: [char; 7] = [',', ':', ';', '!', '?', '(', ')'];

/// A half-width mark found next to CJK text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Mark {
    /// Byte offset in the scanned text (or, once located, in the file).
    pub at: usize,
    pub mark: char,
    /// CJK on both sides: wrong in any language. Otherwise the mark only follows
    /// CJK text (or `(` opens it), which is wrong in Chinese and Japanese text but
    /// fine in an English sentence that quotes a Chinese word.
    pub between: bool,
}

/// Han ideographs, kana, and the CJK and full-width punctuation around them.
/// Hangul is left out: Korean is written with half-width punctuation.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'   // CJK symbols and punctuation
        | '\u{3040}'..='\u{30FF}' // kana
        | '\u{3400}'..='\u{4DBF}' // extension A
        | '\u{4E00}'..='\u{9FFF}' // unified ideographs
        | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
        | '\u{FF01}'..='\u{FF60}' // full-width forms
        | '\u{20000}'..='\u{3134F}')
}

/// Byte ranges of `text` that are not prose: code spans, link destinations
/// (`](...)`), the `!` of an image and URLs.
fn masked(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'`' => {
                let run = b[i..].iter().take_while(|&&c| c == b'`').count();
                let fence = &text[i..i + run];
                let end = text[i + run..]
                    .find(fence)
                    .map_or(b.len(), |e| i + run + e + run);
                out.push((i, end));
                i = end;
            }
            b']' if b.get(i + 1) == Some(&b'(') => {
                let end = text[i..].find(')').map_or(b.len(), |e| i + e + 1);
                out.push((i, end));
                i = end;
            }
            b'!' if b.get(i + 1) == Some(&b'[') => {
                out.push((i, i + 1));
                i += 1;
            }
            b'h' | b'H' | b'f' | b'F' | b'm' | b'M' | b'w' | b'W' if starts_url(&text[i..]) => {
                let end = text[i..]
                    .find(|c: char| c.is_whitespace() || !c.is_ascii() || c == '>')
                    .map_or(b.len(), |e| i + e);
                out.push((i, end));
                i = end;
            }
            _ => i += text[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

fn starts_url(s: &str) -> bool {
    [
        "http://", "https://", "ftp://", "file://", "mailto:", "www.",
    ]
    .iter()
    .any(|p| s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)))
}

/// The half-width marks next to CJK text in `text`, a piece of Markdown.
/// `before` is the character that precedes the piece, when it continues one.
///
/// Runs over every piece of prose of a course, so it looks only at the marks'
/// bytes: a piece without any (most of them) costs one pass over its bytes.
pub fn scan(text: &str, before: Option<char>) -> Vec<Mark> {
    let b = text.as_bytes();
    let mut at = b.iter().position(|&c| MARK_BYTE[c as usize]);
    if at.is_none() {
        return Vec::new();
    }
    let skip = masked(text);
    let mut skip = skip.iter().peekable();
    let mut out = Vec::new();
    while let Some(i) = at {
        while skip.next_if(|&&(_, e)| e <= i).is_some() {}
        let in_mask = skip.peek().is_some_and(|&&(s, e)| (s..e).contains(&i));
        if !in_mask {
            let c = char::from(b[i]);
            // Quotation marks are seen through: `“好的”,然后` is a comma between 的 and 然.
            let prev = text[..i]
                .chars()
                .rev()
                .find(|c| !QUOTES.contains(c))
                .or(before);
            let next = text[i + 1..].chars().next();
            let after = prev.is_some_and(is_cjk);
            let before_cjk = next.is_some_and(is_cjk);
            if after || (c == '(' && before_cjk) {
                out.push(Mark {
                    at: i,
                    mark: c,
                    between: after && before_cjk,
                });
            }
        }
        at = b[i + 1..]
            .iter()
            .position(|&c| MARK_BYTE[c as usize])
            .map(|k| i + 1 + k);
    }
    out
}

/// The bytes of [`MARKS`].
const MARK_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < MARKS.len() {
        t[MARKS[i] as usize] = true;
        i += 1;
    }
    t
};

/// Quotation marks, which Chinese and English text share.
const QUOTES: [char; 6] = ['“', '”', '‘', '’', '"', '\''];

/// Pass (reads only): the marks in a page body's prose, at byte offsets into the
/// file. Code blocks, code spans, HTML and autolinks are not prose; interactive
/// blocks are gone by now (their text fields are scanned by `blocks::lint`).
pub fn prose(events: &[Ev], body: &Body) -> Vec<Mark> {
    let text = &body.src.text[body.start..];
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut code = 0usize;
    let mut autolink = 0usize;
    for (ev, range) in events {
        match ev {
            Event::Text(t) => {
                let written = text.get(range.clone()) == Some(t.as_ref());
                if code == 0 && autolink == 0 && written {
                    out.extend(scan(t, prev).into_iter().map(|m| Mark {
                        at: body.start + range.start + m.at,
                        ..m
                    }));
                }
                prev = t.chars().rev().find(|c| !QUOTES.contains(c)).or(prev);
            }
            Event::Start(Tag::CodeBlock(_)) => code += 1,
            Event::End(TagEnd::CodeBlock) => code = code.saturating_sub(1),
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => autolink += 1,
            Event::End(TagEnd::Link) => autolink = autolink.saturating_sub(1),
            // Inline markup keeps the text flowing: `**服务**,` is still a comma
            // after 务.
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => {}
            _ => prev = None,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(char, bool)> {
        scan(text, None)
            .into_iter()
            .map(|m| (m.mark, m.between))
            .collect()
    }

    #[test]
    fn marks_after_and_between_chinese_text() {
        assert_eq!(found("您好,请问"), [(',', true)]);
        assert_eq!(found("注意: 先道歉"), [(':', false)]);
        assert_eq!(found("真的吗?"), [('?', false)]);
        assert_eq!(found("客户(customer)"), [('(', false)]);
        assert_eq!(found("(见上文)"), [('(', false), (')', false)]);
        assert_eq!(found("“好的”,然后"), [(',', true)]);
    }

    #[test]
    fn leaves_english_code_and_urls_alone() {
        assert!(found("Hello, world: fine (really)!").is_empty());
        assert!(found("下午 3:00 到 5:00").is_empty());
        assert!(found("用 `a,b` 分隔").is_empty());
        assert!(found("网址https://例子.cn/a,b 里").is_empty());
        assert!(found("见[说明](01-服务.md)和![图](图,1.png)").is_empty());
        assert!(found("안녕하세요, 고객님").is_empty());
    }

    #[test]
    fn marks_between_masked_stretches() {
        assert_eq!(
            found("先`a,b`再,然后[见](x,y.md)好;`c`"),
            [(',', true), (';', false)]
        );
    }

    #[test]
    fn a_piece_can_continue_chinese_text() {
        let m = scan(", 然后", Some('好'));
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].at, 0);
    }
}
