//! The index as files the browser loads with `<script>` elements, each with a
//! content hash in its name (so a server may cache them for ever):
//!
//! - `search/index.<hash>.js`, the head: page count, module titles, how many term
//!   shards there are, where each page chunk starts, and the hash the shard and
//!   chunk names carry. `search.html` loads it; it stays small at any size.
//! - `search/t<n>.<hash>.js`, term shards: every term whose group ([`tokens::key`])
//!   hashes to shard `n`, with its postings. A query loads one shard per term.
//! - `search/d<n>.<hash>.js`, page chunks: consecutive pages' URL, title, module
//!   and text, loaded for the results on show (snippets).
//!
//! Each file calls `Syllabus.searchQueue.push([kind, n, data])`, which works
//! whichever loads first: the page's script or the data.
//!
//! Postings are one string per term: per page, the distance from the previous
//! page (the first: the page's number) as a base-32 number, then the value (see
//! [`super::score`]) as one digit. Digits `0-9a-v` end a number, `w-zA-Z_-` are
//! its leading digits. `docs/search.md` describes the format for theme authors.
//!
//! The JSON is written by hand: at 10 000 lessons the chunks hold 80 MB of text,
//! and building `serde_json` values for it cost more than the rest of the index.

use super::tokens::Term;
use super::{FxMap, Index};
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

/// The index's files: the head's path and every file with its bytes.
pub struct Files {
    pub head: String,
    pub files: Vec<(String, Vec<u8>)>,
}

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

fn data_file(kind: &str, n: usize, json: &str) -> Vec<u8> {
    format!(
        "(function(S){{(S.searchQueue=S.searchQueue||[]).push([\"{kind}\",{n},{json}]);}})(window.Syllabus=window.Syllabus||{{}});\n"
    )
    .into_bytes()
}

/// Appends `s` as a JSON string. U+2028 and U+2029 are escaped too: they end a
/// line in older JavaScript.
pub fn push_json_string(s: &str, out: &mut String) {
    out.push('"');
    let mut from = 0;
    for (i, c) in s.char_indices() {
        let esc: &str = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\u{2028}' => "\\u2028",
            '\u{2029}' => "\\u2029",
            c if (c as u32) < 0x20 => {
                out.push_str(&s[from..i]);
                out.push_str(&format!("\\u{:04x}", c as u32));
                from = i + c.len_utf8();
                continue;
            }
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(esc);
        from = i + c.len_utf8();
    }
    out.push_str(&s[from..]);
    out.push('"');
}

/// One term's postings as they are being written.
struct Postings<'a> {
    term: &'a Term,
    text: String,
    last: u32,
}

/// The term shards' contents, in shard order.
fn shards(index: &Index, n: u32) -> Vec<Vec<u8>> {
    let shard_ids: Vec<Vec<u32>> = index
        .docs
        .par_iter()
        .map(|d| d.terms.iter().map(|(t, _)| t.key_hash() % n).collect())
        .collect();
    let mut buckets: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n as usize];
    for (di, ids) in shard_ids.iter().enumerate() {
        for (ti, &s) in ids.iter().enumerate() {
            buckets[s as usize].push((di as u32, ti as u32));
        }
    }
    buckets
        .par_iter()
        .enumerate()
        .map(|(s, bucket)| {
            // Terms in the order first met, which is the same on every build.
            let mut at: FxMap<&Term, usize> = FxMap::default();
            let mut terms: Vec<Postings> = Vec::new();
            for &(di, ti) in bucket {
                let (term, value) = &index.docs[di as usize].terms[ti as usize];
                let i = *at.entry(term).or_insert_with(|| {
                    terms.push(Postings {
                        term,
                        text: String::new(),
                        last: 0,
                    });
                    terms.len() - 1
                });
                let p = &mut terms[i];
                push_number(di - p.last, &mut p.text);
                p.text.push(FINAL[*value as usize & 31] as char);
                p.last = di;
            }
            let mut json = String::with_capacity(bucket.len() * 4);
            json.push('{');
            for (i, p) in terms.iter().enumerate() {
                if i > 0 {
                    json.push(',');
                }
                // Terms are letters and digits: nothing in them needs escaping.
                json.push('"');
                p.term.write(&mut json);
                json.push_str("\":\"");
                json.push_str(&p.text);
                json.push('"');
            }
            json.push('}');
            data_file("terms", s, &json)
        })
        .collect()
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

/// The page chunks' contents.
fn chunks(index: &Index, starts: &[usize]) -> Vec<Vec<u8>> {
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
        .map(|(k, (&from, to))| {
            let docs = &index.docs[from..to];
            let size: usize = docs.iter().map(|d| d.text.len() + 64).sum();
            let mut json = String::with_capacity(size + size / 8);
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
            data_file("docs", k, &json)
        })
        .collect()
}

/// One hash over a set of files: their names carry it, so the head names them
/// all with one string.
fn hash_of(files: &[Vec<u8>]) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for f in files {
        h.update(&(f.len() as u64).to_le_bytes());
        h.update(f);
    }
    format!("{:016x}", h.digest())[..10].to_string()
}

/// Every file of the index.
pub fn files(index: &Index) -> Files {
    let n = shard_count(index);
    let starts = chunk_starts(index);
    let (terms, docs) = rayon::join(|| shards(index, n), || chunks(index, &starts));
    let (term_hash, doc_hash) = (hash_of(&terms), hash_of(&docs));
    let mut head = String::new();
    head.push_str(&format!(
        "{{\"version\":{VERSION},\"count\":{},\"modules\":[",
        index.docs.len()
    ));
    for (i, m) in index.modules.iter().enumerate() {
        if i > 0 {
            head.push(',');
        }
        push_json_string(m, &mut head);
    }
    head.push_str(&format!(
        "],\"terms\":{{\"count\":{n},\"hash\":\"{term_hash}\"}},\"docs\":{{\"hash\":\"{doc_hash}\",\"starts\":{}}}}}",
        serde_json::to_string(&starts).unwrap_or_default()
    ));
    let head_bytes = data_file("head", 0, &head);
    let head = format!("{DIR}/index.{}.js", crate::core::short_hash(&head_bytes));
    let mut files = vec![(head.clone(), head_bytes)];
    files.extend(
        terms
            .into_iter()
            .enumerate()
            .map(|(i, b)| (format!("{DIR}/t{i}.{term_hash}.js"), b)),
    );
    files.extend(
        docs.into_iter()
            .enumerate()
            .map(|(i, b)| (format!("{DIR}/d{i}.{doc_hash}.js"), b)),
    );
    Files { head, files }
}
