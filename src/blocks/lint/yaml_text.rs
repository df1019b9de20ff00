//! Where the text fields of a block (or of front matter) stand in its YAML, line by
//! line, as written: the values of keys such as `prompt`, `reply` or `feedback`,
//! never keys, ids, flow-collection commas or other YAML syntax.
//!
//! This reads the snippet's text rather than parsing it again (each snippet is
//! parsed once, into its typed schema, which keeps no positions for most text
//! fields). It follows the YAML that trainers write — block mappings and lists,
//! flow mappings and lists (also over several lines), quoted and plain scalars,
//! `|` and `>` block scalars, comments — and is safe on anything else: at worst a
//! piece of text is missed.

/// A piece of a text field's value as it stands on one line of the snippet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece<'a> {
    /// 1-based line in the snippet.
    pub line: usize,
    /// Byte offset of the piece in that line.
    pub start: usize,
    pub text: &'a str,
}

/// The keys whose values a trainee reads, in any kind of block or front matter.
pub const TEXT_KEYS: &[&str] = &[
    "prompt",
    "hint",
    "explanation",
    "text",
    "feedback",
    "say",
    "reply",
    "persona",
    "title",
    "intro",
    "placeholder",
    "customer",
    "left",
    "right",
    "items",
    "summary",
    "objectives",
    "description",
];

fn is_text(key: Option<&str>) -> bool {
    key.is_some_and(|k| TEXT_KEYS.contains(&k))
}

#[derive(Debug)]
enum Frame {
    /// `{...}`: the key being read or whose value is being read.
    Map { key: Option<String>, value: bool },
    /// `[...]`: the key the list is the value of.
    Seq { key: Option<String> },
}

#[derive(Default)]
struct Lexer<'a> {
    /// Block-mapping keys with their columns, innermost last.
    keys: Vec<(usize, String)>,
    /// Inside a `|` or `>` scalar: lines indented more than this are its content.
    block: Option<(usize, bool)>,
    /// After a plain scalar: more-indented lines continue it.
    plain: Option<(usize, bool)>,
    /// Inside a quoted scalar that goes on past its line.
    quote: Option<(char, bool)>,
    flow: Vec<Frame>,
    /// The block key a flow collection is the value of.
    flow_parent: Option<String>,
    out: Vec<Piece<'a>>,
}

/// The text pieces of a YAML snippet.
pub fn text_pieces(yaml: &str) -> Vec<Piece<'_>> {
    let mut lx = Lexer::default();
    for (i, line) in yaml.lines().enumerate() {
        lx.line(i + 1, line);
    }
    lx.out
}

impl<'a> Lexer<'a> {
    fn push(&mut self, line: usize, start: usize, text: &'a str, keep: bool) {
        if keep && !text.trim().is_empty() {
            self.out.push(Piece { line, start, text });
        }
    }

    fn line(&mut self, n: usize, line: &'a str) {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let blank = line.trim().is_empty();
        if let Some((min, text)) = self.block {
            if blank {
                return;
            }
            if indent > min {
                self.push(n, indent, &line[indent..], text);
                return;
            }
            self.block = None;
        }
        if let Some((q, text)) = self.quote {
            let Some(end) = self.quoted(n, line, indent, q, text) else {
                return;
            };
            if !self.flow.is_empty() {
                self.flow_line(n, line, end);
            }
            return;
        }
        if !self.flow.is_empty() {
            self.flow_line(n, line, 0);
            return;
        }
        if blank || line[indent..].starts_with('#') {
            return;
        }
        if let Some((min, text)) = self.plain.take() {
            if indent > min {
                let t = cut_comment(&line[indent..]);
                self.push(n, indent, t, text);
                self.plain = Some((min, text));
                return;
            }
        }
        self.block_line(n, line, indent);
    }

    fn block_line(&mut self, n: usize, line: &'a str, indent: usize) {
        let dash = line[indent..].starts_with("- ") || line[indent..].trim_end() == "-";
        while let Some(&(col, _)) = self.keys.last() {
            if col > indent || (col == indent && !dash) {
                self.keys.pop();
            } else {
                break;
            }
        }
        let mut at = indent;
        let mut item = false;
        while line[at..].starts_with("- ") || line[at..].trim_end() == "-" {
            item = true;
            at += 1;
            at += line[at..].len() - line[at..].trim_start_matches(' ').len();
        }
        let rest = &line[at..];
        if rest.trim().is_empty() {
            return;
        }
        let parent = self.keys.last().map(|(_, k)| k.clone());
        let (key, vstart) = match key_of(rest) {
            Some((k, v)) => (Some(k), at + v),
            None if item => (None, at),
            None => return,
        };
        let owner = match &key {
            Some(k) => {
                self.keys.push((at, k.clone()));
                Some(k.clone())
            }
            None => parent,
        };
        let text = is_text(owner.as_deref());
        let value = &line[vstart..];
        let min = if key.is_some() { at } else { indent };
        match value.chars().next() {
            None | Some('#') => {}
            Some('|' | '>') => self.block = Some((min, text)),
            Some('{' | '[') => {
                self.flow_parent = owner;
                self.flow_line(n, line, vstart);
            }
            Some(q @ ('"' | '\'')) => {
                self.quoted(n, line, vstart + 1, q, text);
            }
            Some(_) => {
                self.push(n, vstart, cut_comment(value), text);
                self.plain = Some((min, text));
            }
        }
    }

    /// A quoted scalar from byte `from` (just after its opening quote, or the
    /// start of a line it goes on over). Returns the byte after the closing
    /// quote, or `None` when the scalar goes on past this line.
    fn quoted(
        &mut self,
        n: usize,
        line: &'a str,
        from: usize,
        q: char,
        text: bool,
    ) -> Option<usize> {
        let b = line.as_bytes();
        let mut i = from;
        while i < b.len() {
            let c = b[i];
            if q == '"' && c == b'\\' {
                i += 2;
                continue;
            }
            if c == q as u8 {
                if q == '\'' && b.get(i + 1) == Some(&b'\'') {
                    i += 2;
                    continue;
                }
                self.push(n, from, &line[from..i], text);
                self.quote = None;
                return Some(i + 1);
            }
            i += 1;
        }
        let from = from.min(line.len());
        self.push(n, from, &line[from..], text);
        self.quote = Some((q, text));
        None
    }

    /// The key whose value the next flow scalar is.
    fn governing(&self) -> Option<String> {
        match self.flow.last() {
            Some(Frame::Map { key, value: true }) => key.clone(),
            Some(Frame::Map { .. }) => None,
            Some(Frame::Seq { key }) => key.clone(),
            None => self.flow_parent.clone(),
        }
    }

    /// Reads flow collections (`{...}`, `[...]`) from byte `from` of the line.
    fn flow_line(&mut self, n: usize, line: &'a str, from: usize) {
        let b = line.as_bytes();
        let mut i = from;
        while i < b.len() {
            match b[i] {
                b' ' | b'\t' => i += 1,
                b'#' if i == 0 || matches!(b[i - 1], b' ' | b'\t') => return,
                b'{' => {
                    self.flow.push(Frame::Map {
                        key: None,
                        value: false,
                    });
                    i += 1;
                }
                b'[' => {
                    let key = self.governing();
                    self.flow.push(Frame::Seq { key });
                    i += 1;
                }
                b'}' | b']' => {
                    self.flow.pop();
                    i += 1;
                    if self.flow.is_empty() {
                        return;
                    }
                }
                b',' => {
                    if let Some(Frame::Map { key, value }) = self.flow.last_mut() {
                        *key = None;
                        *value = false;
                    }
                    i += 1;
                }
                b':' => {
                    if let Some(Frame::Map { value, .. }) = self.flow.last_mut() {
                        *value = true;
                    }
                    i += 1;
                }
                q @ (b'"' | b'\'') => {
                    if self.is_key_slot() {
                        let end = closing(line, i + 1, q).unwrap_or(b.len());
                        self.set_key(&line[i + 1..end.min(b.len())]);
                        i = end + 1;
                    } else {
                        let text = is_text(self.governing().as_deref());
                        match self.quoted(n, line, i + 1, q as char, text) {
                            Some(end) => i = end,
                            None => return,
                        }
                    }
                }
                _ => {
                    let end = plain_end(line, i);
                    let token = line[i..end].trim_end();
                    if self.is_key_slot() {
                        self.set_key(token);
                    } else {
                        let text = is_text(self.governing().as_deref());
                        self.push(n, i, token, text);
                    }
                    i = end.max(i + 1);
                }
            }
        }
    }

    fn is_key_slot(&self) -> bool {
        matches!(self.flow.last(), Some(Frame::Map { value: false, .. }))
    }

    fn set_key(&mut self, name: &str) {
        if let Some(Frame::Map { key, .. }) = self.flow.last_mut() {
            *key = Some(name.to_string());
        }
    }
}

/// The byte of the quote that closes a quoted scalar opened before `from`.
fn closing(line: &str, from: usize, q: u8) -> Option<usize> {
    let b = line.as_bytes();
    let mut i = from;
    while i < b.len() {
        if q == b'"' && b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == q {
            if q == b'\'' && b.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Where a plain scalar in a flow collection ends: at `,` `[` `]` `{` `}`, at a
/// `:` that ends a key, or at a comment.
fn plain_end(line: &str, from: usize) -> usize {
    let b = line.as_bytes();
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b',' | b'[' | b']' | b'{' | b'}' => return i,
            b':' if matches!(b.get(i + 1), None | Some(b' ' | b',' | b']' | b'}')) => return i,
            b'#' if i > from && matches!(b[i - 1], b' ' | b'\t') => return i,
            _ => i += 1,
        }
    }
    b.len()
}

/// `key: value` at the start of `rest`: the key and the byte where its value starts.
fn key_of(rest: &str) -> Option<(String, usize)> {
    let b = rest.as_bytes();
    let (key, after) = match b.first()? {
        q @ (b'"' | b'\'') => {
            let end = closing(rest, 1, *q)?;
            (rest[1..end].to_string(), end + 1)
        }
        b'{' | b'[' => return None,
        _ => {
            let mut i = 0;
            loop {
                match b.get(i) {
                    None => return None,
                    Some(b':') if matches!(b.get(i + 1), None | Some(b' ' | b'\t')) => break,
                    Some(b'#') if i > 0 && matches!(b[i - 1], b' ' | b'\t') => return None,
                    _ => i += 1,
                }
            }
            (rest[..i].trim_end().to_string(), i)
        }
    };
    let tail = &rest[after..];
    let tail = tail.trim_start_matches([' ', '\t']);
    let colon = tail.strip_prefix(':')?;
    if !(colon.is_empty() || colon.starts_with([' ', '\t'])) || key.is_empty() {
        return None;
    }
    let value = colon.trim_start_matches([' ', '\t']);
    Some((key, rest.len() - value.len()))
}

/// A plain value without a trailing ` # comment`.
fn cut_comment(s: &str) -> &str {
    let end = s
        .match_indices('#')
        .find(|&(i, _)| i > 0 && s[..i].ends_with([' ', '\t']))
        .map_or(s.len(), |(i, _)| i);
    s[..end].trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(yaml: &str) -> Vec<(usize, usize, &str)> {
        text_pieces(yaml)
            .into_iter()
            .map(|p| (p.line, p.start, p.text))
            .collect()
    }

    #[test]
    fn block_mappings_and_lists() {
        let y = "id: q,1\ntype: single\nprompt: 您好,请问 # note\noptions:\n  - text: 甲,乙\n    correct: true\n    feedback: \"对,很好\"\n  - text: 'it''s'\nitems:\n- 一,二\n- 三\n";
        assert_eq!(
            texts(y),
            [
                (3, 8, "您好,请问"),
                (5, 10, "甲,乙"),
                (7, 15, "对,很好"),
                (8, 11, "it''s"),
                (10, 2, "一,二"),
                (11, 2, "三"),
            ]
        );
    }

    #[test]
    fn flow_collections_keep_their_syntax_out() {
        let y = "skills: [倾听, 同理]\nchoices:\n  - {reply: 好的,next: b, skills: {同理: 1}, feedback: \"行,\n      不错\"}\n  - {reply: x, next: c}\n";
        assert_eq!(
            texts(y),
            [
                (3, 12, "好的"),
                (3, 60, "行,"),
                (4, 6, "不错"),
                (5, 12, "x")
            ]
        );
    }

    #[test]
    fn block_scalars_and_continued_plain_scalars() {
        let y = "say: |\n  第一行,\n  第二行\nnext: a\nprompt: 很长\n  接着,写\nid: z\n";
        assert_eq!(
            texts(y),
            [
                (2, 2, "第一行,"),
                (3, 2, "第二行"),
                (5, 8, "很长"),
                (6, 2, "接着,写")
            ]
        );
    }
}

#[cfg(test)]
mod garbage {
    /// Whatever a trainer types, the reader never panics and every piece is text
    /// of its own line.
    #[test]
    fn any_input_gives_pieces_of_its_own_lines() {
        let alphabet: Vec<char> = "ab :-#'\"\\{}[],|>\n\n  中文，,?!()`]".chars().collect();
        let mut seed: u64 = 12345;
        for _ in 0..30_000 {
            let len = (seed % 40) as usize;
            let mut s = String::new();
            for _ in 0..len {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push(alphabet[((seed >> 33) as usize) % alphabet.len()]);
            }
            for p in super::text_pieces(&s) {
                let line = s.lines().nth(p.line - 1).unwrap();
                assert_eq!(&line[p.start..p.start + p.text.len()], p.text);
                for m in crate::markdown::typography::scan(p.text, None) {
                    let _ = &line[..p.start + m.at];
                }
            }
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
        }
    }
}
