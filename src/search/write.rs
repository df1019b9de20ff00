//! The index as files the browser loads with `<script>` elements, each with a
//! content hash in its name (so a server may cache them for ever):
//!
//! - `search/index.<hash>.js`, the head: page count, module titles and the names
//!   of the other files. `search.html` loads it; it stays small at any size.
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

use super::{tokens, Index};
use crate::blocks::quiz::shuffle::hash_string;
use crate::core::short_hash;
use rayon::prelude::*;
use std::collections::BTreeMap;

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

/// The shard a term is filed in, out of `n`.
pub fn shard_of(term: &str, n: u32) -> u32 {
    hash_string(tokens::key(term)) % n
}

/// How many term shards an index gets: about [`SHARD_BYTES`] each.
fn shard_count(index: &Index) -> u32 {
    let postings: usize = index.docs.iter().map(|d| d.terms.len()).sum();
    // A posting takes about 2.5 bytes; a term's name and quotes about as much again.
    let bytes = postings * 4;
    (bytes.div_ceil(SHARD_BYTES)).clamp(1, 1 << 16) as u32
}

fn data_file(kind: &str, n: usize, json: &str) -> Vec<u8> {
    format!(
        "(function(S){{(S.searchQueue=S.searchQueue||[]).push([\"{kind}\",{n},{json}]);}})(window.Syllabus=window.Syllabus||{{}});\n"
    )
    .into_bytes()
}

fn named(kind: char, n: usize, bytes: Vec<u8>) -> (String, Vec<u8>) {
    (format!("{DIR}/{kind}{n}.{}.js", short_hash(&bytes)), bytes)
}

/// The term shards.
fn shards(index: &Index) -> Vec<(String, Vec<u8>)> {
    let n = shard_count(index);
    let shard_ids: Vec<Vec<u32>> = index
        .docs
        .par_iter()
        .map(|d| d.terms.iter().map(|(t, _)| shard_of(t, n)).collect())
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
            // Term → (postings, last page).
            let mut terms: BTreeMap<&str, (String, u32)> = BTreeMap::new();
            for &(di, ti) in bucket {
                let (term, value) = &index.docs[di as usize].terms[ti as usize];
                let (postings, last) = terms.entry(&**term).or_insert_with(|| (String::new(), 0));
                push_number(di - *last, postings);
                postings.push(FINAL[*value as usize & 31] as char);
                *last = di;
            }
            let mut json = String::with_capacity(bucket.len() * 4);
            json.push('{');
            for (i, (term, (postings, _))) in terms.iter().enumerate() {
                if i > 0 {
                    json.push(',');
                }
                json.push_str(&serde_json::to_string(term).unwrap_or_default());
                json.push(':');
                json.push('"');
                json.push_str(postings);
                json.push('"');
            }
            json.push('}');
            named('t', s, data_file("terms", s, &json))
        })
        .collect()
}

/// The page chunks, with the number of each chunk's first page.
fn chunks(index: &Index) -> Vec<(usize, (String, Vec<u8>))> {
    let mut starts = Vec::new();
    let mut size = CHUNK_BYTES;
    for (i, d) in index.docs.iter().enumerate() {
        if size >= CHUNK_BYTES {
            starts.push(i);
            size = 0;
        }
        size += d.text.len() + d.title.len() + d.url.len();
    }
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
            let docs: Vec<(&str, &str, usize, &str)> = index.docs[from..to]
                .iter()
                .map(|d| (d.url.as_str(), d.title.as_str(), d.module, d.text.as_str()))
                .collect();
            let json = serde_json::json!({ "first": from, "docs": docs }).to_string();
            (from, named('d', k, data_file("docs", k, &json)))
        })
        .collect()
}

/// Every file of the index.
pub fn files(index: &Index) -> Files {
    let (terms, docs) = rayon::join(|| shards(index), || chunks(index));
    let head = serde_json::json!({
        "version": VERSION,
        "count": index.docs.len(),
        "modules": index.modules,
        "terms": terms.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        "docs": docs.iter().map(|(first, (p, _))| (first, p)).collect::<Vec<_>>(),
    })
    .to_string();
    let head_bytes = data_file("head", 0, &head);
    let head = format!("{DIR}/index.{}.js", short_hash(&head_bytes));
    let mut files = vec![(head.clone(), head_bytes)];
    files.extend(terms);
    files.extend(docs.into_iter().map(|(_, f)| f));
    Files { head, files }
}
