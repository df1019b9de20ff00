//! Character pairs against jieba-rs for the search index: index size (raw and
//! gzip), time to cut the text, and how well queries find pages. A page is
//! *relevant* to a query when its title or text holds the query as written
//! (spaces removed); a method's results are compared against that.

use flate2::{write::GzEncoder, Compression};
use jieba_rs::Jieba;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;
use std::time::Instant;
use syllabus::pipeline::{BuildOptions, Pipeline};
use syllabus::search::{self, tokens, write::push_number, Doc};

/// What trainees type: words and phrases from the course's subject, a few
/// questions, some English.
const QUERIES: &[&str] = &[
    "投诉", "挽留", "客户满意度", "满意", "倾听", "同理心", "服务补救", "忠诚客户", "流失",
    "升级", "回访", "话费", "月饼", "礼盒", "保单", "期待值", "服务品质", "客户价值",
    "生命周期", "漏斗", "抱怨", "道歉", "营销", "沟通风格", "电话礼仪", "答复时限", "补偿",
    "内部客户", "外部客户", "客户关系", "关系管理", "良性循环", "恶性循环", "服务意识",
    "处理投诉", "投诉处理的步骤", "如何挽留客户", "客户为什么流失", "怎样道歉", "服务的特性",
    "满意度", "服务", "客户", "理解客户", "积极行动", "零流失", "客户漏斗", "首问", "赔偿",
    "DISC", "CRM", "4P", "Reichheld",
];

fn gzip(bytes: &[u8]) -> usize {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap().len()
}

/// term → (page, value) postings, encoded as syllabus writes them.
type Inverted = BTreeMap<String, Vec<(u32, u8)>>;

fn encoded_size(inv: &Inverted) -> (usize, usize) {
    let mut json = String::from("{");
    for (term, postings) in inv {
        json.push_str(&serde_json::to_string(term).unwrap());
        json.push_str(":\"");
        let mut last = 0;
        for &(page, value) in postings {
            push_number(page - last, &mut json);
            json.push(char::from(b"0123456789abcdefghijklmnopqrstuv"[value as usize & 31]));
            last = page;
        }
        json.push_str("\",");
    }
    json.push('}');
    (json.len(), gzip(json.as_bytes()))
}

fn bigram_index(docs: &[Doc]) -> Inverted {
    let mut inv = Inverted::new();
    for (i, d) in docs.iter().enumerate() {
        for (t, v) in d.terms.iter() {
            inv.entry(t.text()).or_default().push((i as u32, v));
        }
    }
    inv
}

/// jieba's search mode (words and the shorter words inside long ones); Latin
/// words lower-cased and stemmed as syllabus does.
fn jieba_terms(j: &Jieba, text: &str, out: &mut impl FnMut(String)) {
    for w in j.cut_for_search(text, true) {
        let w = w.word.trim();
        if w.is_empty() || !w.chars().any(char::is_alphanumeric) {
            continue;
        }
        if w.chars().any(tokens::is_cjk) {
            out(w.to_string());
        } else {
            tokens::pieces(w, |p| {
                if let tokens::Piece::Word(x) = p {
                    out(tokens::stem(x))
                }
            });
        }
    }
}

fn jieba_index(j: &Jieba, docs: &[(String, String)]) -> Inverted {
    let mut inv = Inverted::new();
    for (i, (title, body)) in docs.iter().enumerate() {
        let mut vals: BTreeMap<String, u8> = BTreeMap::new();
        jieba_terms(j, title, &mut |t| *vals.entry(t).or_default() |= 1);
        jieba_terms(j, body, &mut |t| {
            let v = vals.entry(t).or_default();
            if *v >> 2 < 7 {
                *v += 4
            }
        });
        for (t, v) in vals {
            inv.entry(t).or_default().push((i as u32, v));
        }
    }
    inv
}

fn jieba_search(j: &Jieba, inv: &Inverted, q: &str) -> BTreeSet<u32> {
    let mut terms = Vec::new();
    jieba_terms(j, q, &mut |t| terms.push(t));
    // jieba's own search mode cuts the query into its words; a page must have all.
    let mut result: Option<BTreeSet<u32>> = None;
    for t in terms {
        let pages: BTreeSet<u32> = inv
            .get(&t)
            .map(|p| p.iter().map(|x| x.0).collect())
            .unwrap_or_default();
        result = Some(match result {
            None => pages,
            Some(r) => r.intersection(&pages).copied().collect(),
        });
    }
    result.unwrap_or_default()
}

fn main() {
    let course = std::env::args().nth(1).unwrap_or_else(|| "content".into());
    let p = Pipeline::load(Path::new(&course), BuildOptions::default()).expect("course loads");
    let t0 = Instant::now();
    let index = search::index(&p);
    let bigram_time = t0.elapsed();
    let texts: Vec<(String, String)> =
        index.docs.iter().map(|d| (d.title.clone(), d.text.clone())).collect();
    let chars: usize = texts.iter().map(|(a, b)| a.chars().count() + b.chars().count()).sum();

    let t1 = Instant::now();
    let jieba = Jieba::new();
    let load = t1.elapsed();
    let t2 = Instant::now();
    let jinv = jieba_index(&jieba, &texts);
    let cut = t2.elapsed();
    let binv = bigram_index(&index.docs);

    println!("course {course}: {} pages, {chars} characters of text", index.docs.len());
    let (braw, bgz) = encoded_size(&binv);
    let (jraw, jgz) = encoded_size(&jinv);
    let postings = |i: &Inverted| i.values().map(Vec::len).sum::<usize>();
    println!("| method | terms | postings | index bytes | gzip | time to cut the text |");
    println!("|---|---:|---:|---:|---:|---|");
    println!(
        "| character pairs | {} | {} | {braw} | {bgz} | {:.1} ms (whole index, all threads) |",
        binv.len(),
        postings(&binv),
        bigram_time.as_secs_f64() * 1e3
    );
    println!(
        "| jieba-rs search mode | {} | {} | {jraw} | {jgz} | {:.1} ms to load the dictionary + {:.1} ms to cut (one thread) |",
        jinv.len(),
        postings(&jinv),
        load.as_secs_f64() * 1e3,
        cut.as_secs_f64() * 1e3
    );

    // Quality: relevant = pages whose title or text holds the query as written.
    let norm = |s: &str| s.to_lowercase().replace([' ', '\n'], "");
    let mut totals = [(0usize, 0usize, 0usize); 2]; // (found relevant, returned, relevant)
    let mut misses: Vec<String> = Vec::new();
    for q in QUERIES {
        let nq = norm(q);
        let relevant: BTreeSet<u32> = texts
            .iter()
            .enumerate()
            .filter(|(_, (t, b))| norm(t).contains(&nq) || norm(b).contains(&nq))
            .map(|(i, _)| i as u32)
            .collect();
        let big: BTreeSet<u32> = index.search(q).iter().map(|h| h.doc as u32).collect();
        let jie = jieba_search(&jieba, &jinv, q);
        for (k, got) in [&big, &jie].into_iter().enumerate() {
            totals[k].0 += got.intersection(&relevant).count();
            totals[k].1 += got.len();
            totals[k].2 += relevant.len();
        }
        if jie.intersection(&relevant).count() < relevant.len() || big.intersection(&relevant).count() < relevant.len() {
            misses.push(format!(
                "{q}: relevant {}, pairs find {}/{} ({} returned), jieba finds {}/{} ({} returned)",
                relevant.len(),
                big.intersection(&relevant).count(),
                relevant.len(),
                big.len(),
                jie.intersection(&relevant).count(),
                relevant.len(),
                jie.len()
            ));
        }
    }
    println!();
    println!("| method | recall | precision | over {} queries |", QUERIES.len());
    println!("|---|---:|---:|---|");
    for (k, name) in ["character pairs", "jieba-rs search mode"].iter().enumerate() {
        let (hit, returned, relevant) = totals[k];
        println!(
            "| {name} | {:.1}% ({hit}/{relevant}) | {:.1}% ({hit}/{returned}) | |",
            100.0 * hit as f64 / relevant.max(1) as f64,
            100.0 * hit as f64 / returned.max(1) as f64
        );
    }
    println!();
    for m in misses {
        println!("- {m}");
    }
}
