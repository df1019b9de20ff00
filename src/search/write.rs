//! The index as files the browser loads with `<script>` elements, each with a
//! content hash in its name (so a server may cache them for ever):
//!
//! - `search/index.<hash>.js`, the head: page count, module titles, the hash in
//!   each term shard's name, and where each page chunk starts with the hash in its
//!   name. `search.html` loads it; about 30 KB at 10 000 lessons.
//! - `search/t<n>.<hash>.js`, term shards: every term whose group ([`tokens::key`])
//!   hashes to shard `n`, with its postings. A query loads one shard per term.
//! - `search/d<n>.<hash>.js`, page chunks: consecutive pages' URL, title, module
//!   and text, loaded for the results on show (snippets).
//!
//! Each file's name carries a hash of its own content, so that `serve` rewrites
//! only the files an edit changed. Each file calls `Syllabus.searchQueue.push([kind, n, data])`, which works
//! whichever loads first: the page's script or the data.
//!
//! Postings are one string per term: per page, the distance from the previous
//! page (the first: the page's number) as a base-32 number, then the value (see
//! [`super::score`]) as one digit. Digits `0-9a-v` end a number, `w-zA-Z_-` are
//! its leading digits. `docs/search.md` describes the format for theme authors.
//!
//! The JSON is written by hand: at 10 000 lessons the chunks hold 80 MB of text,
//! and building `serde_json` values for it cost more than the rest of the index.

use super::tokens::{self, Term};
use super::{FxMap, Index, Terms};
use rayon::prelude::*;

/// The site folder the files go into.
pub const DIR: &str = "search";
/// Bump when the files change shape: the head carries it, the script checks it.
pub const VERSION: u32 = 1;

/// About how many bytes a term shard holds before the index gets another.
const SHARD_BYTES: usize = 48 * 1024;
/// About how many bytes of text a page chunk holds.
const CHUNK_BYTES: usize = 48 * 1024;

const FINAL: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
const LEAD: &[u8; 32] = b"wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-";

/// Writes `n` in the postings' base-32 digits.
pub fn push_number(mut n: u32, out: &mut String) {
    let mut groups = [0u8; 7];
    let mut k = 0;
    loop {
        groups[k] = (n & 31) as u8;
        k += 1;
        n >>= 5;
        if n == 0 {
            break;
        }
    }
    for i in (1..k).rev() {
        out.push(LEAD[groups[i] as usize] as char);
    }
    out.push(FINAL[groups[0] as usize] as char);
}

/// How many term shards an index gets: about [`SHARD_BYTES`] each.
fn shard_count(index: &Index) -> u32 {
    let postings: usize = index.docs.iter().map(|d| d.terms.len()).sum();
    // Measured: about 3 bytes a posting, with the terms' names.
    let bytes = postings * 3;
    (bytes.div_ceil(SHARD_BYTES)).clamp(1, 1 << 16) as u32
}

/// A data file: `json` handed to the search page's queue.
fn data_file(kind: &str, n: usize, json: &str) -> Vec<u8> {
    let mut out = data_start(kind, n, json.len());
    out.push_str(json);
    data_end(out)
}

/// The start of a data file, with room for `size` bytes of JSON.
fn data_start(kind: &str, n: usize, size: usize) -> String {
    let mut out = String::with_capacity(size + 128);
    out.push_str(&format!(
        "(function(S){{(S.searchQueue=S.searchQueue||[]).push([\"{kind}\",{n},"
    ));
    out
}

fn data_end(mut out: String) -> Vec<u8> {
    out.push_str("]);})(window.Syllabus=window.Syllabus||{});\n");
    out.into_bytes()
}

/// Appends `s` as a JSON string. U+2028 and U+2029 are escaped too: they end a
/// line in older JavaScript. Works on bytes: the page chunks hold a course's
/// whole text.
pub fn push_json_string(s: &str, out: &mut String) {
    // Bytes that may need escaping: controls, `"`, `\\`, and 0xE2, the lead
    // byte of U+2028 and U+2029.
    const SPECIAL: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 0x20 {
            t[b] = true;
            b += 1;
        }
        t[b'"' as usize] = true;
        t[b'\\' as usize] = true;
        t[0xE2] = true;
        t
    };
    let special = |b: u8| SPECIAL[b as usize];
    out.push('"');
    let bytes = s.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while let Some(k) = bytes[i..].iter().position(|&b| special(b)) {
        i += k;
        let b = bytes[i];
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA8) => "\\u2028",
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA9) => "\\u2029",
            0xE2 => {
                i += 1;
                continue;
            }
            _ => "",
        };
        out.push_str(&s[from..i]);
        if esc.is_empty() {
            out.push_str(&format!("\\u{b:04x}"));
        } else {
            out.push_str(esc);
        }
        i += if b == 0xE2 { 3 } else { 1 };
        from = i;
    }
    out.push_str(&s[from..]);
    out.push('"');
}

/// A term of a shard, as it is written.
#[derive(Clone, Copy)]
enum Key<'a> {
    Cjk(u64),
    Word(&'a str),
}

/// One term's postings as they are being written.
struct Postings<'a> {
    term: Key<'a>,
    text: String,
    last: u32,
}

/// Term shard `s` of `n`: every posting filed there, in page order.
fn shard(index: &Index, s: usize, bucket: &[(u32, u32)]) -> Vec<u8> {
    // Terms in the order first met, which is the same on every build.
    let mut cjk_at: FxMap<u64, usize> = FxMap::default();
    let mut word_at: FxMap<&str, usize> = FxMap::default();
    let mut terms: Vec<Postings> = Vec::new();
    for &(di, ti) in bucket {
        let d = &index.docs[di as usize].terms;
        let ti = ti as usize;
        let (key, value) = match d.cjk.get(ti) {
            Some(&p) => {
                let (code, v) = Terms::unpack(p);
                (Key::Cjk(code), v)
            }
            None => {
                let (w, v) = &d.words[ti - d.cjk.len()];
                (Key::Word(w), *v)
            }
        };
        let new = terms.len();
        let i = *match key {
            Key::Cjk(code) => cjk_at.entry(code).or_insert(new),
            Key::Word(w) => word_at.entry(w).or_insert(new),
        };
        if i == new {
            terms.push(Postings {
                term: key,
                text: String::new(),
                last: 0,
            });
        }
        let p = &mut terms[i];
        push_number(di - p.last, &mut p.text);
        p.text.push(FINAL[value as usize & 31] as char);
        p.last = di;
    }
    let mut json = data_start("terms", s, bucket.len() * 4);
    json.push('{');
    for (i, p) in terms.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        // Terms are letters and digits: nothing in them needs escaping.
        json.push('"');
        match p.term {
            Key::Cjk(code) => Term::write_cjk(code, &mut json),
            Key::Word(w) => json.push_str(w),
        }
        json.push_str("\":\"");
        json.push_str(&p.text);
        json.push('"');
    }
    json.push('}');
    data_end(json)
}

/// Which postings each of `n` shards holds: (page, term index) pairs, in page order.
fn buckets(index: &Index, n: u32) -> Vec<Vec<(u32, u32)>> {
    let shard_ids: Vec<Vec<u32>> = index
        .docs
        .par_iter()
        .map(|d| {
            let t = &d.terms;
            let cjk = t
                .cjk
                .iter()
                .map(|&p| tokens::cjk_key_hash(Terms::unpack(p).0) % n);
            let words = t.words.iter().map(|(w, _)| tokens::word_key_hash(w) % n);
            cjk.chain(words).collect()
        })
        .collect();
    let mut buckets: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n as usize];
    for (di, ids) in shard_ids.iter().enumerate() {
        for (ti, &s) in ids.iter().enumerate() {
            buckets[s as usize].push((di as u32, ti as u32));
        }
    }
    buckets
}

/// Where each page chunk starts (a page number), about [`CHUNK_BYTES`] of text each.
fn chunk_starts(index: &Index) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut size = CHUNK_BYTES;
    for (i, d) in index.docs.iter().enumerate() {
        if size >= CHUNK_BYTES {
            starts.push(i);
            size = 0;
        }
        size += d.text.len() + d.title.len() + d.url.len();
    }
    starts
}

/// Page chunk `k`: pages `from..to`.
fn chunk(index: &Index, k: usize, from: usize, to: usize) -> Vec<u8> {
    let docs = &index.docs[from..to];
    let size: usize = docs.iter().map(|d| d.text.len() + 64).sum();
    let mut json = data_start("docs", k, size + size / 8);
    json.push_str(&format!("{{\"first\":{from},\"docs\":["));
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push('[');
        push_json_string(&d.url, &mut json);
        json.push(',');
        push_json_string(&d.title, &mut json);
        json.push_str(&format!(",{},", d.module));
        push_json_string(&d.text, &mut json);
        json.push(']');
    }
    json.push_str("]}");
    data_end(json)
}

/// A file's hash as its name carries it: 8 hex digits (the head lists one per
/// file, so it is kept short; two versions of one file colliding is a one in
/// four billion chance).
fn hash_of(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))[..8].to_string()
}

fn push_strings<'a>(items: impl Iterator<Item = &'a str>, out: &mut String) {
    out.push('[');
    for (i, m) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_string(m, out);
    }
    out.push(']');
}

/// Writes every file of the index through `sink` (path, bytes) as soon as it is
/// made, from several threads: at 10 000 lessons the index is 100 MB, which is
/// not held in memory whole. Returns the head's path, written last.
pub fn files(index: &Index, sink: &(dyn Fn(String, Vec<u8>) + Sync)) -> String {
    let n = shard_count(index);
    let starts = chunk_starts(index);
    let named = |kind: char, i: usize, bytes: Vec<u8>| {
        let h = hash_of(&bytes);
        sink(format!("{DIR}/{kind}{i}.{h}.js"), bytes);
        h
    };
    let (term_hashes, doc_hashes): (Vec<String>, Vec<String>) = rayon::join(
        || {
            buckets(index, n)
                .par_iter()
                .enumerate()
                .map(|(s, b)| named('t', s, shard(index, s, b)))
                .collect()
        },
        || {
            let ends: Vec<usize> = starts
                .iter()
                .skip(1)
                .copied()
                .chain([index.docs.len()])
                .collect();
            starts
                .par_iter()
                .zip(ends)
                .enumerate()
                .map(|(k, (&from, to))| named('d', k, chunk(index, k, from, to)))
                .collect()
        },
    );
    let mut head = format!(
        "{{\"version\":{VERSION},\"count\":{},\"modules\":",
        index.docs.len()
    );
    push_strings(index.modules.iter().map(String::as_str), &mut head);
    head.push_str(",\"terms\":");
    push_strings(term_hashes.iter().map(String::as_str), &mut head);
    head.push_str(",\"docs\":{\"starts\":");
    head.push_str(&serde_json::to_string(&starts).unwrap_or_default());
    head.push_str(",\"hashes\":");
    push_strings(doc_hashes.iter().map(String::as_str), &mut head);
    head.push_str("}}");
    let head_bytes = data_file("head", 0, &head);
    let path = format!("{DIR}/index.{}.js", crate::core::short_hash(&head_bytes));
    sink(path.clone(), head_bytes);
    path
}
