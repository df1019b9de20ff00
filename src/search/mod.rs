//! Search over the whole course, for Chinese and English, offline and from
//! `file://`: an index built from the checked [`Pipeline`] ([`index`]), written as
//! classic-script data files ([`write`]) that `search.html` loads with `<script>`
//! elements, since neither `fetch` of JSON (blocked under `file://`) nor
//! WebAssembly (blocked by `default-src 'self'`) is available to it.
//!
//! What is indexed is in [`text`], how text is cut into terms in [`tokens`].
//! Each (term, page) pair carries one small number: whether the term is in the
//! page's title, in a heading, and how often it occurs (up to 7). [`Index::search`]
//! ranks the way `static/search-engine.js` does, so the Rust tests can pin the
//! ranking the browser shows.

pub mod text;
pub mod tokens;
pub mod write;

use crate::pipeline::Pipeline;
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex};
use tokens::{QueryTerm, Term};

/// The term is in the page's title.
pub const IN_TITLE: u8 = 1;
/// The term is in one of the page's headings.
pub const IN_HEADING: u8 = 2;
/// Occurrences are counted up to this many (in the value's bits 2–4).
pub const MAX_COUNT: u8 = 7;

/// How much a term found on a page counts: a title hit outweighs any number of
/// heading hits, a heading hit any number of mentions in the text.
pub fn score(value: u8) -> u32 {
    let count = u32::from(value >> 2);
    let heading = if value & IN_HEADING != 0 { 16 } else { 0 };
    let title = if value & IN_TITLE != 0 { 128 } else { 0 };
    title + heading + count
}

/// One page of the index.
#[derive(Debug, Clone)]
pub struct Doc {
    pub url: String,
    pub title: String,
    /// Index into [`Index::modules`].
    pub module: usize,
    /// The page's text, for snippets.
    pub text: String,
    /// The page's terms, each with its value (see [`score`]).
    pub terms: Terms,
}

/// The index of a course: its pages in reading order.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub modules: Vec<String>,
    pub docs: Vec<Arc<Doc>>,
}

/// Each page's indexed text and terms from the last index, by page id, with the
/// hash of the page's inputs they were made from: `serve` keeps one, so that a
/// save cuts only the pages it changed into terms, not the whole course.
#[derive(Default)]
pub struct Cache(Mutex<FxMap<String, (u64, Arc<Doc>)>>);

/// A page found, with its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub doc: usize,
    pub score: u32,
}

/// Indexes every page the build writes, in reading order.
pub fn index(p: &Pipeline) -> Index {
    build(p, None)
}

/// [`index`], taking over from `cache` the pages whose inputs are unchanged, and
/// leaving in it the pages of this index.
pub fn index_with(p: &Pipeline, cache: &Cache) -> Index {
    build(p, Some(cache))
}

fn build(p: &Pipeline, cache: Option<&Cache>) -> Index {
    let old = cache
        .map(|c| std::mem::take(&mut *c.0.lock().unwrap_or_else(|e| e.into_inner())))
        .unwrap_or_default();
    let pages: Vec<(usize, &crate::model::Page)> = p
        .course
        .modules
        .iter()
        .enumerate()
        .flat_map(|(i, m)| m.all_pages().map(move |pg| (i, pg)))
        .collect();
    let docs: Vec<(Option<u64>, Arc<Doc>)> = pages
        .par_iter()
        .map(|&(module, page)| {
            let state = p.state(page);
            let input = state.map(|s| s.input);
            if let Some((_, doc)) = old.get(&page.id).filter(|(i, _)| Some(*i) == input) {
                if doc.module == module {
                    return (input, doc.clone());
                }
            }
            let t = match state {
                Some(state) => text::page_text(page, state),
                None => text::PageText {
                    title: page.title().to_string(),
                    ..Default::default()
                },
            };
            let doc = Doc {
                terms: page_terms(&t),
                url: page.url.clone(),
                title: t.title,
                module,
                text: t.body,
            };
            (input, Arc::new(doc))
        })
        .collect();
    drop(old);
    if let Some(cache) = cache {
        let mut kept = FxMap::default();
        for ((_, page), (input, doc)) in pages.iter().zip(&docs) {
            if let Some(input) = input {
                kept.insert(page.id.clone(), (*input, doc.clone()));
            }
        }
        *cache.0.lock().unwrap_or_else(|e| e.into_inner()) = kept;
    }
    let docs = docs.into_iter().map(|(_, d)| d).collect();
    Index {
        modules: p
            .course
            .modules
            .iter()
            .map(|m| m.title().to_string())
            .collect(),
        docs,
    }
}

/// The Fx hash (rustc's): a multiply and a rotate per word. The maps below see
/// every character of a course, and their keys are not chosen by an adversary.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    // Words are hashed once per occurrence: whole words of the input at a time,
    // the tail shifted in, no copying.
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.write_u64(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let tail = rest.iter().rev().fold(0u64, |t, &b| t << 8 | u64::from(b));
            self.write_u64(tail);
        }
    }
    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }
    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// Adds one occurrence in the text to a term's value.
fn count(v: u8) -> u8 {
    if v >> 2 < MAX_COUNT {
        v + 4
    } else {
        v
    }
}

/// A page's terms, compact: at 10 000 lessons there are millions, most of them
/// CJK pairs, kept as their code ([`Term::Cjk`]) with the value in the top byte.
#[derive(Debug, Clone, Default)]
pub struct Terms {
    pub cjk: Vec<u64>,
    /// The page's words (stemmed), one after another: one allocation a page, not
    /// one a word.
    word_text: String,
    /// Each word's place in `word_text`, and its value.
    words: Vec<(u32, u32, u8)>,
}

/// Where the value sits in a packed CJK term.
const VALUE_SHIFT: u32 = 56;

impl Terms {
    pub fn len(&self) -> usize {
        self.cjk.len() + self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A packed CJK term's code and value.
    pub fn unpack(packed: u64) -> (u64, u8) {
        (
            packed & ((1 << VALUE_SHIFT) - 1),
            (packed >> VALUE_SHIFT) as u8,
        )
    }

    /// Word `i` and its value.
    pub fn word(&self, i: usize) -> (&str, u8) {
        let (from, to, v) = self.words[i];
        (&self.word_text[from as usize..to as usize], v)
    }

    /// The page's words with their values.
    pub fn words(&self) -> impl Iterator<Item = (&str, u8)> + '_ {
        (0..self.words.len()).map(|i| self.word(i))
    }

    /// Every term with its value (words copied: for tests and tools).
    pub fn iter(&self) -> impl Iterator<Item = (Term, u8)> + '_ {
        let cjk = self.cjk.iter().map(|&p| {
            let (code, v) = Terms::unpack(p);
            (Term::Cjk(code), v)
        });
        cjk.chain(self.words().map(|(w, v)| (Term::Word(w.into()), v)))
    }
}

/// A map from CJK terms to values, by open addressing: a page's text makes one
/// lookup per character, and this does it in a handful of instructions. Term
/// codes are never 0 (see [`Term::pair`]), which marks an empty slot.
struct PairMap {
    keys: Vec<u64>,
    values: Vec<u8>,
    len: usize,
}

impl PairMap {
    fn with_capacity(n: usize) -> Self {
        let size = (n * 2).next_power_of_two().max(64);
        PairMap {
            keys: vec![0; size],
            values: vec![0; size],
            len: 0,
        }
    }

    #[inline(always)]
    fn slot(&self, key: u64) -> usize {
        let mask = self.keys.len() - 1;
        let mut i = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & mask;
        while self.keys[i] != key && self.keys[i] != 0 {
            i = (i + 1) & mask;
        }
        i
    }

    #[inline(always)]
    fn update(&mut self, key: u64, f: impl Fn(u8) -> u8) {
        let mut i = self.slot(key);
        if self.keys[i] == 0 {
            if (self.len + 1) * 2 > self.keys.len() {
                self.grow();
                i = self.slot(key);
            }
            self.keys[i] = key;
            self.len += 1;
        }
        self.values[i] = f(self.values[i]);
    }

    fn grow(&mut self) {
        let old = std::mem::replace(self, PairMap::with_capacity(self.keys.len()));
        for (k, v) in old
            .keys
            .into_iter()
            .zip(old.values)
            .filter(|(k, _)| *k != 0)
        {
            let i = self.slot(k);
            self.keys[i] = k;
            self.values[i] = v;
            self.len += 1;
        }
    }

    fn into_iter(self) -> impl Iterator<Item = (u64, u8)> {
        self.keys
            .into_iter()
            .zip(self.values)
            .filter(|(k, _)| *k != 0)
    }
}

/// A page's terms with their values. The order is that of the maps, which is
/// the same on every run (no random state); sorting would cost more than the
/// rest of this function.
pub fn page_terms(t: &text::PageText) -> Terms {
    // Lower-cased first (ASCII; other letters one word at a time), so that
    // nearly every word is a slice of these texts rather than a copy.
    let title = t.title.to_ascii_lowercase();
    let headings: Vec<String> = t.headings.iter().map(|h| h.to_ascii_lowercase()).collect();
    let body = t.body.to_ascii_lowercase();
    // About one distinct pair per 12 bytes of text, from the flagship course.
    let mut cjk = PairMap::with_capacity(body.len() / 12);
    // Most words fit in eight bytes: those are counted by their bytes as a
    // number, without hashing or comparing text.
    let mut short = PairMap::with_capacity(body.len() / 64);
    let mut words: FxMap<&str, u8> = FxMap::default();
    let mut copies: FxMap<Box<str>, u8> = FxMap::default();
    let mut m = Marks {
        cjk: &mut cjk,
        short: &mut short,
        words: &mut words,
        copies: &mut copies,
    };
    tokens::each_term(&title, |tok| m.mark(tok, |v| v | IN_TITLE));
    for h in &headings {
        tokens::each_term(h, |tok| m.mark(tok, |v| v | IN_HEADING));
    }
    tokens::each_term(&body, |tok| m.mark(tok, count));
    // Words were counted as written; forms of one word meet at their stem.
    let mut word_text = String::new();
    let mut stem = String::new();
    let mut spans: Vec<(u32, u32, u8)> = Vec::with_capacity(short.len + words.len() + copies.len());
    let mut add = |w: &str, v: u8| {
        tokens::stem_into(w, &mut stem);
        let from = word_text.len() as u32;
        word_text.push_str(&stem);
        spans.push((from, word_text.len() as u32, v));
    };
    for (code, v) in short.into_iter() {
        let bytes = code.to_le_bytes();
        let len = bytes.iter().position(|&b| b == 0).unwrap_or(8);
        // Packed from a `str` whole: the bytes are its bytes.
        add(std::str::from_utf8(&bytes[..len]).unwrap_or(""), v);
    }
    for (w, v) in words.iter().map(|(w, v)| (*w, *v)) {
        add(w, v);
    }
    for (w, v) in copies.iter() {
        add(w, *v);
    }
    let mut at: FxMap<&str, usize> = FxMap::default();
    at.reserve(spans.len());
    let mut merged: Vec<(u32, u32, u8)> = Vec::with_capacity(spans.len());
    for (from, to, v) in spans {
        match at.entry(&word_text[from as usize..to as usize]) {
            std::collections::hash_map::Entry::Occupied(o) => {
                let m = &mut merged[*o.get()];
                m.2 = merge(m.2, v);
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(merged.len());
                merged.push((from, to, v));
            }
        }
    }
    drop(at);
    let mut packed = Vec::with_capacity(cjk.len);
    packed.extend(
        cjk.into_iter()
            .map(|(n, v)| n | u64::from(v) << VALUE_SHIFT),
    );
    Terms {
        cjk: packed,
        word_text,
        words: merged,
    }
}

/// Where [`page_terms`] counts each kind of term.
struct Marks<'m, 't> {
    cjk: &'m mut PairMap,
    short: &'m mut PairMap,
    words: &'m mut FxMap<&'t str, u8>,
    copies: &'m mut FxMap<Box<str>, u8>,
}

impl<'t> Marks<'_, 't> {
    #[inline(always)]
    fn mark(&mut self, token: tokens::Token<'t, '_>, f: impl Fn(u8) -> u8) {
        match token {
            tokens::Token::Cjk(n) => self.cjk.update(n, f),
            tokens::Token::Word(w) | tokens::Token::Copy(w) if w.len() <= 8 => {
                let code = w.bytes().rev().fold(0u64, |c, b| c << 8 | u64::from(b));
                self.short.update(code, f)
            }
            tokens::Token::Word(w) => {
                let v = self.words.entry(w).or_insert(0);
                *v = f(*v);
            }
            tokens::Token::Copy(w) => match self.copies.get_mut(w) {
                Some(v) => *v = f(*v),
                None => {
                    self.copies.insert(w.into(), f(0));
                }
            },
        }
    }
}

/// Two values of one term: title and heading marks kept, counts added (up to
/// [`MAX_COUNT`]).
fn merge(a: u8, b: u8) -> u8 {
    let count = ((a >> 2) + (b >> 2)).min(MAX_COUNT);
    (a | b) & 3 | count << 2
}

impl Index {
    /// The pages that hold every term of `query`, best first (ties in reading
    /// order): the ranking the browser shows.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let q = tokens::query(query);
        if q.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = self
            .docs
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                let mut total = 0;
                for t in &q {
                    match best(d, t) {
                        Some(s) => total += s,
                        None if t.is_optional() => {}
                        None => return None,
                    }
                }
                Some(Hit {
                    doc: i,
                    score: total,
                })
            })
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc)));
        hits
    }
}

/// The best score of any of the page's terms that `t` matches.
fn best(d: &Doc, t: &QueryTerm) -> Option<u32> {
    d.terms
        .iter()
        .filter(|(term, _)| t.matches(&term.text()))
        .map(|(_, v)| score(v))
        .max()
}

#[cfg(test)]
mod tests;
