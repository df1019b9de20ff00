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
    pub docs: Vec<Doc>,
}

/// A page found, with its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub doc: usize,
    pub score: u32,
}

/// Indexes every page the build writes, in reading order.
pub fn index(p: &Pipeline) -> Index {
    let pages: Vec<(usize, &crate::model::Page)> = p
        .course
        .modules
        .iter()
        .enumerate()
        .flat_map(|(i, m)| m.all_pages().map(move |pg| (i, pg)))
        .collect();
    let docs = pages
        .par_iter()
        .map(|&(module, page)| {
            let t = match p.state(page) {
                Some(state) => text::page_text(page, state),
                None => text::PageText {
                    title: page.title().to_string(),
                    ..Default::default()
                },
            };
            Doc {
                terms: page_terms(&t),
                url: page.url.clone(),
                title: t.title,
                module,
                text: t.body,
            }
        })
        .collect();
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
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(b));
        }
    }
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
    pub words: Vec<(Box<str>, u8)>,
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

    /// Every term with its value (words cloned: for tests and tools).
    pub fn iter(&self) -> impl Iterator<Item = (Term, u8)> + '_ {
        let cjk = self.cjk.iter().map(|&p| {
            let (code, v) = Terms::unpack(p);
            (Term::Cjk(code), v)
        });
        cjk.chain(self.words.iter().map(|(w, v)| (Term::Word(w.clone()), *v)))
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
    // About one distinct pair per 12 bytes of text, from the flagship course.
    let mut cjk = PairMap::with_capacity(t.body.len() / 12);
    let mut words: FxMap<Box<str>, u8> = FxMap::default();
    #[inline(always)]
    fn mark(
        cjk: &mut PairMap,
        words: &mut FxMap<Box<str>, u8>,
        term: Result<u64, &str>,
        f: impl Fn(u8) -> u8,
    ) {
        match term {
            Ok(n) => cjk.update(n, f),
            Err(w) => match words.get_mut(w) {
                Some(v) => *v = f(*v),
                None => {
                    words.insert(w.into(), f(0));
                }
            },
        }
    }
    tokens::each_term(&t.title, |term| {
        mark(&mut cjk, &mut words, term, |v| v | IN_TITLE)
    });
    for h in &t.headings {
        tokens::each_term(h, |term| {
            mark(&mut cjk, &mut words, term, |v| v | IN_HEADING)
        });
    }
    tokens::each_term(&t.body, |term| mark(&mut cjk, &mut words, term, count));
    // Words were counted as written; forms of one word meet at their stem.
    let mut stems: FxMap<Box<str>, u8> = FxMap::default();
    let mut stem = String::new();
    for (w, v) in words {
        tokens::stem_into(&w, &mut stem);
        match stems.get_mut(stem.as_str()) {
            Some(s) => *s = merge(*s, v),
            None => {
                stems.insert(stem.as_str().into(), v);
            }
        }
    }
    let mut packed = Vec::with_capacity(cjk.len);
    packed.extend(
        cjk.into_iter()
            .map(|(n, v)| n | u64::from(v) << VALUE_SHIFT),
    );
    Terms {
        cjk: packed,
        words: stems.into_iter().collect(),
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
