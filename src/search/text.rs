//! A page as search sees it: its title, its headings, and the text a trainee
//! reads on it, in page order. Interactive blocks add only what the trainee sees
//! before answering: question prompts, role-play lines and replies, an
//! assessment's questions, a reflection's prompt. Never an answer key, option
//! correctness, feedback, an explanation or a role-play's endings, so that search
//! can never give a graded answer away.

use crate::blocks::{quiz::Question, roleplay::Roleplay, Block};
use crate::markdown::{block_marker, LinkedHtml};
use crate::model::Page;
use crate::pipeline::PageState;

/// The searchable text of one page.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageText {
    pub title: String,
    pub headings: Vec<String>,
    /// Summary, objectives and body (blocks in place), one line per paragraph,
    /// list item or heading.
    pub body: String,
}

/// The text of `page` as checked in `state`.
pub fn page_text(page: &Page, state: &PageState) -> PageText {
    let mut body = String::with_capacity(state.analysis.body.as_str().len() / 2);
    if let Some(s) = &page.front.summary {
        push_line(&mut body, s);
    }
    for o in &page.front.objectives {
        push_line(&mut body, o);
    }
    let blocks = &state.blocks;
    html_text(state.analysis.body.as_str(), &mut body, &mut |i, out| {
        if let Some(Some(b)) = blocks.get(i) {
            block_text(b, out);
        }
    });
    let trimmed = body.trim_end().len();
    body.truncate(trimmed);
    PageText {
        title: page.title().to_string(),
        headings: state
            .analysis
            .headings
            .iter()
            .map(|h| h.text.clone())
            .collect(),
        body,
    }
}

fn push_line(out: &mut String, text: &str) {
    let text = text.trim();
    if !text.is_empty() {
        out.push_str(text);
        out.push('\n');
    }
}

/// What a trainee sees of a block before answering it.
fn block_text(b: &Block, out: &mut String) {
    let mut html = |h: &LinkedHtml| {
        html_text(h.as_str(), out, &mut |_, _| {});
        line_break(out);
    };
    match b {
        Block::Quiz(q) => question_text(q, &mut html),
        Block::Roleplay(r) => roleplay_text(r, out),
        Block::Assessment(a) => a.visible_html().for_each(html),
        Block::Reflect(r) => html(&r.prompt_html),
    }
}

/// A question's prompt only: its options are shown shuffled on the page, and
/// listing them in the written order (or a match question's pairs side by side)
/// would tell the answer.
fn question_text(q: &Question, html: &mut impl FnMut(&LinkedHtml)) {
    html(&q.prompt_html);
}

fn roleplay_text(r: &Roleplay, out: &mut String) {
    if let Some(t) = &r.html.title {
        html_text(t.as_str(), out, &mut |_, _| {});
        line_break(out);
    }
    push_line(out, r.customer());
    if let Some(p) = &r.html.persona {
        html_text(p.as_str(), out, &mut |_, _| {});
        line_break(out);
    }
    for node in &r.html.nodes {
        html_text(node.say.as_str(), out, &mut |_, _| {});
        line_break(out);
        for (reply, _feedback) in &node.choices {
            html_text(reply.as_str(), out, &mut |_, _| {});
            line_break(out);
        }
    }
}

fn line_break(out: &mut String) {
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
    let mut rest = html;
    let mut space = false;
    while !rest.is_empty() {
        rest = &rest[text_until(rest, out, &mut space)..];
        if rest.is_empty() {
            break;
        }
        if rest.starts_with('&') {
            let (decoded, used) = entity(rest);
            if decoded.is_whitespace() {
                space = true;
            } else {
                push_run(decoded.encode_utf8(&mut [0; 4]), out, &mut space);
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
                space = false;
            }
            rest = &after[end..];
            continue;
        }
        let opens_tag = rest[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
        if !opens_tag {
            push_run("<", out, &mut space);
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
            space = true;
        } else if !is_inline(name) {
            line_break(out);
            space = false;
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

/// How the text scanner sees a byte: 0 text, 1 white space, 2 `<` or `&`.
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

/// Appends the text up to the first `<` or `&` with white space collapsed, and
/// returns how many bytes it read. A pending space is written only before the
/// next visible character, and dropped between two CJK characters. Copies runs of
/// bytes, a lone space between two ASCII characters staying in its run: this sees
/// every character of a course.
fn text_until(s: &str, out: &mut String, space: &mut bool) -> usize {
    let b = s.as_bytes();
    let n = b.len();
    let (mut i, mut from) = (0, 0);
    while i < n {
        match CLASS[b[i] as usize] {
            0 => {
                i += b[i..]
                    .iter()
                    .position(|&x| CLASS[x as usize] != 0)
                    .unwrap_or(n - i)
            }
            2 => break,
            _ => {
                let plain = b[i] == b' '
                    && i > from
                    && i + 1 < n
                    && b[i - 1] < 0x80
                    && b[i + 1] < 0x80
                    && CLASS[b[i + 1] as usize] == 0;
                if plain {
                    i += 1;
                    continue;
                }
                push_run(&s[from..i], out, space);
                while i < n && CLASS[b[i] as usize] == 1 {
                    i += 1;
                }
                *space = true;
                from = i;
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
        let cjk = |c: Option<char>| c.is_some_and(super::tokens::is_cjk);
        let between_cjk = cjk(run.chars().next()) && cjk(out.chars().next_back());
        if !at_line_start && !between_cjk {
            out.push(' ');
        }
        *space = false;
    }
    out.push_str(run);
}
