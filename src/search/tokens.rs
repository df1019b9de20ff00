//! How searchable text is cut into index terms, and how a query is cut into the
//! terms it looks up. The browser does the same to a query
//! (`themes/default/static/search-engine.js`); `tests/contract/search-tokens.json`
//! holds cases both sides must reproduce.
//!
//! - Chinese (and Japanese kana) has no spaces, so a run of such characters is
//!   indexed as its overlapping character pairs (bigrams), plus the run's last
//!   character alone: every character then starts exactly one term, which lets a
//!   one-character query find every place it occurs. `docs/benchmarks.md` records
//!   why bigrams were chosen over a dictionary segmenter.
//! - Other letters and digits make words, lower-cased, with English endings
//!   (`-s`, `-ed`, `-ing`, a final `e`) taken off; a query word matches every
//!   indexed word it is the start of.
//! - Full-width Latin letters and digits count as their ASCII forms.

/// Words longer than this are cut (long URLs, hashes): nobody types them.
pub const MAX_WORD: usize = 32;

/// A character written in a script without spaces between words.
pub fn is_cjk(c: char) -> bool {
    // The common case first: the unified ideographs.
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return true;
    }
    matches!(c,
        '\u{3005}' | '\u{3007}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}')
}

/// Full-width ASCII forms as ASCII.
pub fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() && !is_cjk(c)
    }
}

/// Lower-cases one character the way the browser's `toLowerCase` does for a
/// lone character, keeping it when the lower case would be longer.
fn lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) => x,
        _ => c,
    }
}

/// A piece of text as the tokenizer sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Characters of a script without spaces, as written (full-width forms folded).
    Cjk(&'a str),
    /// A word, lower-cased, not stemmed.
    Word(&'a str),
}

/// Cuts `text` into runs of CJK characters and words; everything else separates.
pub fn pieces(text: &str, mut each: impl FnMut(Piece)) {
    let mut cjk = String::new();
    scan(text, &mut |t| match t {
        Tok::Cjk(c, last) => {
            cjk.push(c);
            if last {
                each(Piece::Cjk(&cjk));
                cjk.clear();
            }
        }
        Tok::Word(w) => each(Piece::Word(w)),
    });
}

/// What [`scan`] reports: each CJK character (and whether it ends its run), and
/// each word, lower-cased, not stemmed.
enum Tok<'a> {
    Cjk(char, bool),
    Word(&'a str),
}

/// The one pass over text that indexing and queries share: no allocation but
/// the word buffer, since it runs over every character of a course.
fn scan(text: &str, each: &mut impl FnMut(Tok)) {
    let mut word = String::with_capacity(MAX_WORD);
    let mut word_len = 0;
    let mut pending: Option<char> = None;
    for c in text.chars() {
        let c = if c.is_ascii() { c } else { fold(c) };
        if !c.is_ascii() && is_cjk(c) {
            if !word.is_empty() {
                each(Tok::Word(&word));
                word.clear();
                word_len = 0;
            }
            if let Some(p) = pending {
                each(Tok::Cjk(p, false));
            }
            pending = Some(c);
            continue;
        }
        if let Some(p) = pending.take() {
            each(Tok::Cjk(p, true));
        }
        if is_word_char(c) {
            if word_len < MAX_WORD {
                word.push(lower(c));
                word_len += 1;
            }
        } else if !word.is_empty() {
            each(Tok::Word(&word));
            word.clear();
            word_len = 0;
        }
    }
    if !word.is_empty() {
        each(Tok::Word(&word));
    }
    if let Some(p) = pending {
        each(Tok::Cjk(p, true));
    }
}

/// Takes common English endings off a lower-case ASCII word, so that `complaints`,
/// `handled` and `handling` meet `complaint` and `handle`. Other words stay as
/// they are. Deliberately small: a query word also matches longer indexed words
/// it starts, which covers most of what a full stemmer would.
pub fn stem(word: &str) -> String {
    let mut out = String::new();
    stem_into(word, &mut out);
    out
}

/// [`stem`] into a buffer (cleared first).
pub fn stem_into(word: &str, w: &mut String) {
    w.clear();
    w.push_str(word);
    if word.len() <= 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return;
    }
    if w.ends_with("ies") && w.len() >= 5 {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.ends_with("sses") {
        w.truncate(w.len() - 2);
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w.truncate(w.len() - 1);
    }
    let mut stripped = false;
    for suffix in ["ing", "ed"] {
        if w.len() >= suffix.len() + 3 && w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
            stripped = true;
            break;
        }
    }
    let b = w.as_bytes();
    let n = b.len();
    if stripped && n >= 4 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'l' | b's' | b'z') {
        // stopped → stopp → stop
        w.truncate(n - 1);
    } else if w.len() >= 4 && w.ends_with('e') {
        w.truncate(w.len() - 1);
    }
}

/// An index term, compact: a CJK pair or lone character as a number (the
/// course's text holds millions of them), a word as text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Term {
    /// `first << 21 | second`, `second` 0 for a lone character.
    Cjk(u64),
    Word(Box<str>),
}

impl Term {
    pub fn pair(a: char, b: Option<char>) -> u64 {
        (u64::from(a) << 21) | b.map_or(0, u64::from)
    }

    /// Writes the term as text.
    pub fn write(&self, out: &mut String) {
        match self {
            Term::Cjk(n) => {
                out.extend(char::from_u32((n >> 21) as u32));
                if n & 0x1F_FFFF != 0 {
                    out.extend(char::from_u32((n & 0x1F_FFFF) as u32));
                }
            }
            Term::Word(w) => out.push_str(w),
        }
    }

    pub fn text(&self) -> String {
        let mut s = String::new();
        self.write(&mut s);
        s
    }

    /// The hash of the term's group ([`key`]), which picks its shard.
    pub fn key_hash(&self) -> u32 {
        match self {
            Term::Cjk(n) => cjk_key_hash(*n),
            Term::Word(w) => word_key_hash(w),
        }
    }
}

/// [`Term::key_hash`] of a CJK term's code.
pub fn cjk_key_hash(code: u64) -> u32 {
    let mut h = Fnv::new();
    h.push(char::from_u32(((code >> 21) & 0x1F_FFFF) as u32).unwrap_or(' '));
    h.0
}

/// [`Term::key_hash`] of a word.
pub fn word_key_hash(w: &str) -> u32 {
    let mut h = Fnv::new();
    w.chars().take(2).for_each(|c| h.push(c));
    h.0
}

impl Term {
    /// Writes a CJK term's code as text.
    pub fn write_cjk(code: u64, out: &mut String) {
        Term::Cjk(code).write(out)
    }
}

/// FNV-1a over UTF-16 code units, as `util.js`'s `hashString` (and
/// `blocks::quiz::shuffle::hash_string`) computes it.
struct Fnv(u32);

impl Fnv {
    fn new() -> Self {
        Fnv(2_166_136_261)
    }

    fn push(&mut self, c: char) {
        let mut buf = [0u16; 2];
        for unit in c.encode_utf16(&mut buf) {
            self.0 ^= u32::from(*unit);
            self.0 = self.0.wrapping_mul(16_777_619);
        }
    }
}

/// The index terms of `text`, in order, once per occurrence: each CJK character
/// with the next one in its run (the last one alone), and each word lower-cased
/// but not stemmed (stem it with [`stem_into`]: a page repeats its words, and
/// stemming each distinct one once is cheaper). The same cut as [`pieces`],
/// written for speed: it sees every character of a course, most of them ASCII or
/// CJK, so ASCII words are taken whole and CJK characters decoded by hand.
pub fn each_term(text: &str, mut term: impl FnMut(Result<u64, &str>)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut word = String::with_capacity(MAX_WORD * 4);
    let mut prev: Option<char> = None;
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        if b < 0x80 && !b.is_ascii_alphanumeric() {
            i += 1;
            if let Some(p) = prev.take() {
                term(Ok(Term::pair(p, None)));
            }
            continue;
        }
        let (c, len) = if b < 0x80 {
            (char::from(b), 1)
        } else if b & 0xF0 == 0xE0 && i + 2 < n {
            let c = (u32::from(b & 0x0F) << 12)
                | (u32::from(bytes[i + 1] & 0x3F) << 6)
                | u32::from(bytes[i + 2] & 0x3F);
            (char::from_u32(c).unwrap_or(' '), 3)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        };
        let c = fold(c);
        if is_cjk(c) {
            if let Some(p) = prev {
                term(Ok(Term::pair(p, Some(c))));
            }
            prev = Some(c);
            i += len;
            continue;
        }
        if let Some(p) = prev.take() {
            term(Ok(Term::pair(p, None)));
        }
        if !is_word_char(c) {
            i += len;
            continue;
        }
        // A word: ASCII ones whole, others character by character.
        let mut j = i;
        while j < n && bytes[j].is_ascii_alphanumeric() {
            j += 1;
        }
        let ends_here = j == n
            || bytes[j] < 0x80
            || !text[j..]
                .chars()
                .next()
                .is_some_and(|c| is_word_char(fold(c)));
        let w = if j > i && ends_here {
            let w = &text[i..j.min(i + MAX_WORD)];
            i = j;
            if w.bytes().any(|b| b.is_ascii_uppercase()) {
                word.clear();
                word.push_str(w);
                word.make_ascii_lowercase();
                word.as_str()
            } else {
                w
            }
        } else {
            i = word_at(text, i, &mut word);
            word.as_str()
        };
        term(Err(w));
    }
    if let Some(p) = prev {
        term(Ok(Term::pair(p, None)));
    }
}

/// The word starting at byte `i`, lower-cased into `buf` (at most [`MAX_WORD`]
/// characters kept); returns where it ends.
fn word_at(text: &str, mut i: usize, buf: &mut String) -> usize {
    buf.clear();
    let mut len = 0;
    for c in text[i..].chars() {
        let f = fold(c);
        if !is_word_char(f) {
            break;
        }
        if len < MAX_WORD {
            buf.push(lower(f));
            len += 1;
        }
        i += c.len_utf8();
    }
    i
}

/// The index terms of `text` as text (for tests and the contract with the browser).
pub fn terms(text: &str, mut term: impl FnMut(&str)) {
    let mut buf = String::new();
    each_term(text, |t| match t {
        Ok(n) => {
            buf.clear();
            Term::Cjk(n).write(&mut buf);
            term(&buf);
        }
        Err(w) => {
            stem_into(w, &mut buf);
            term(&buf);
        }
    });
}

/// What one part of a query looks up.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum QueryTerm {
    /// A pair of CJK characters: that indexed term exactly. A pair with a
    /// particle such as 的 or 了 in it is optional when the query has other
    /// terms: it ranks pages that have it higher, but a page without it still
    /// matches (`投诉处理的步骤` finds `投诉处理步骤`).
    Pair {
        text: String,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        optional: bool,
    },
    /// A lone CJK character: every indexed term that starts with it.
    Char { text: String },
    /// A word: every indexed word that starts with its stem, and every indexed
    /// word that it is a partly typed form of (`handlin` finds `handl`, the stem
    /// of `handling`), so results do not flicker while a trainee types.
    Word { stem: String, raw: String },
}

/// Endings a word may be half-way through while it is typed.
const TYPED_ENDINGS: &[&str] = &["ing", "ings", "ed", "es", "e", "s", "ies"];

impl QueryTerm {
    /// The text a snippet highlights for this term.
    pub fn text(&self) -> &str {
        match self {
            QueryTerm::Pair { text, .. } | QueryTerm::Char { text } => text,
            QueryTerm::Word { stem, .. } => stem,
        }
    }

    pub fn matches(&self, term: &str) -> bool {
        match self {
            QueryTerm::Pair { text, .. } => term == text,
            QueryTerm::Char { text } => term.starts_with(text.as_str()),
            // A one-letter word finds only itself: longer words starting with
            // it are filed under their first two letters (see [`key`]).
            QueryTerm::Word { stem, .. } if stem.chars().nth(1).is_none() => term == stem,
            QueryTerm::Word { stem, raw } => {
                term.starts_with(stem.as_str())
                    || (term.chars().count() >= 3
                        && raw.len() > term.len()
                        && raw.starts_with(term)
                        && TYPED_ENDINGS
                            .iter()
                            .any(|e| e.starts_with(&raw[term.len()..])))
            }
        }
    }

    /// The group ([`key`]) of the terms this can match.
    pub fn key(&self) -> &str {
        key(self.text())
    }
}

/// The terms a query looks up; a page matches when it has every one of them.
pub fn query(q: &str) -> Vec<QueryTerm> {
    let mut out: Vec<QueryTerm> = Vec::new();
    let mut push = |t: QueryTerm| {
        if !out.contains(&t) {
            out.push(t);
        }
    };
    pieces(q, |piece| match piece {
        Piece::Word(raw) => push(QueryTerm::Word {
            stem: stem(raw),
            raw: raw.to_string(),
        }),
        Piece::Cjk(s) => {
            let chars: Vec<char> = s.chars().collect();
            if chars.len() == 1 {
                push(QueryTerm::Char {
                    text: s.to_string(),
                });
            }
            for w in chars.windows(2) {
                push(QueryTerm::Pair {
                    text: w.iter().collect(),
                    optional: w.iter().any(|c| PARTICLES.contains(*c)),
                });
            }
        }
    });
    // With nothing else to look for, a particle's pair is what the trainee wants.
    if out.iter().all(QueryTerm::is_optional) {
        for t in &mut out {
            if let QueryTerm::Pair { optional, .. } = t {
                *optional = false;
            }
        }
    }
    out
}

/// Particles that glue Chinese words together in a question ("投诉处理的步骤"),
/// so that a pair holding one seldom matters to what is looked for.
pub const PARTICLES: &str = "的了和与及或是在把被吗呢吧啊之";

impl QueryTerm {
    pub fn is_optional(&self) -> bool {
        matches!(self, QueryTerm::Pair { optional: true, .. })
    }
}

/// Which group of terms a term belongs to: its first character (CJK) or its
/// first two (words). A query term finds all the terms it can match in one group,
/// so one shard file holds them all.
pub fn key(term: &str) -> &str {
    let mut it = term.char_indices();
    let first = it.next();
    match first {
        Some((_, c)) if is_cjk(c) => &term[..c.len_utf8()],
        Some(_) => match it.nth(1) {
            Some((i, _)) => &term[..i],
            None => term,
        },
        None => term,
    }
}
