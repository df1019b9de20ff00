//! Near-duplicate questions: two questions that ask the same thing, after white
//! space, punctuation, case and Markdown are set aside. Either the same prompt
//! with the same answer (a prompt such as "which of these is right?" is shared by
//! many different questions, so the answer must match too; a true/false or
//! numeric question is its prompt), or the same answer set under another prompt
//! (the same options with the same right ones, the same accepted answers, items
//! or pairs). Groups that share a graded page's pool come first: one attempt can
//! then ask the same thing twice.

use super::{Offender, Place, Warning};
use crate::blocks::quiz::graded;
use crate::blocks::quiz::{Kind, Question};
use crate::blocks::{plural, Block, PageBlocks};
use crate::model::checks::Check;
use std::collections::{HashMap, HashSet};

/// Letters and digits only, lower-cased, full-width ASCII folded to half-width.
fn norm(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn norm_md(markdown: &str) -> String {
    norm(&crate::markdown::plain(markdown))
}

/// Text of rendered HTML: tags dropped.
fn norm_html(html: &str) -> String {
    let mut out = String::new();
    let mut tag = false;
    for c in html.chars() {
        match c {
            '<' => tag = true,
            '>' => tag = false,
            c if !tag => out.push(c),
            _ => {}
        }
    }
    norm(&out)
}

fn sorted(mut v: Vec<String>) -> String {
    v.sort();
    v.join("\u{1}")
}

/// What a question's answer is, normalised; `None` for true/false and numeric
/// questions, whose answers are shared by too many questions to mean anything.
fn answer(q: &Question) -> Option<String> {
    Some(match &q.kind {
        Kind::Single { options } | Kind::Multiple { options } => format!(
            "c:{}",
            sorted(
                options
                    .iter()
                    .filter(|o| o.correct)
                    .map(|o| norm_md(&o.text))
                    .collect()
            )
        ),
        Kind::Fill { answers } => format!(
            "f:{}",
            answers
                .iter()
                .map(|a| sorted(a.iter().map(|t| norm(t)).collect()))
                .collect::<Vec<_>>()
                .join("\u{2}")
        ),
        Kind::Order { items } => format!(
            "o:{}",
            items
                .iter()
                .map(|t| norm_md(t))
                .collect::<Vec<_>>()
                .join("\u{1}")
        ),
        Kind::Match { pairs } => format!(
            "m:{}",
            sorted(
                pairs
                    .iter()
                    .map(|(l, r)| format!("{}\u{2}{}", norm_html(&l.0), norm_md(r)))
                    .collect()
            )
        ),
        Kind::Truefalse { .. } | Kind::Numeric { .. } => return None,
    })
}

/// The answer set that makes two questions the same under different prompts:
/// for choice questions every option as well as the right ones.
fn answer_set(q: &Question, answer: &Option<String>) -> Option<String> {
    match &q.kind {
        Kind::Single { options } | Kind::Multiple { options } => Some(format!(
            "s:{}|{}",
            sorted(options.iter().map(|o| norm_md(&o.text)).collect()),
            answer.as_deref().unwrap_or("")
        )),
        _ => answer.clone(),
    }
}

struct Item<'a> {
    q: &'a Question,
    pb: &'a PageBlocks<'a>,
    stem: String,
    answer: Option<String>,
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (a, b) = (find(parent, a), find(parent, b));
    if a != b {
        parent[a.max(b)] = a.min(b);
    }
}

pub fn check<'a>(pages: &'a [PageBlocks<'a>]) -> Option<Warning<'a>> {
    let items: Vec<Item> = pages
        .iter()
        .flat_map(|pb| {
            pb.blocks.iter().flatten().filter_map(move |b| match b {
                Block::Quiz(q) => Some(Item {
                    q,
                    pb,
                    stem: norm_md(&q.prompt),
                    answer: answer(q),
                }),
                _ => None,
            })
        })
        .collect();
    let mut parent: Vec<usize> = (0..items.len()).collect();
    let mut by_stem: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_set: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        if !it.stem.is_empty() {
            by_stem.entry(&it.stem).or_default().push(i);
        }
        if let Some(s) = answer_set(it.q, &it.answer) {
            by_set.entry(s).or_default().push(i);
        }
    }
    for list in by_stem.values() {
        for (k, &a) in list.iter().enumerate() {
            for &b in &list[k + 1..] {
                let same = match (&items[a].answer, &items[b].answer) {
                    (Some(x), Some(y)) => x == y,
                    _ => true,
                };
                if same {
                    union(&mut parent, a, b);
                }
            }
        }
    }
    for list in by_set.values() {
        for w in list.windows(2) {
            union(&mut parent, w[0], w[1]);
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..items.len() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
    if groups.is_empty() {
        return None;
    }
    let pools = pools(pages);
    let mut found: Vec<(bool, usize, usize, Offender)> = groups
        .iter_mut()
        .map(|g| {
            g.sort_unstable();
            let shared = shared_pool(g, &items, &pools);
            let first = &items[g[0]];
            let reason = if items[g[1]].stem == first.stem {
                "same prompt"
            } else {
                "same answers"
            };
            // Name a few of the others; a big group is clear from them.
            let mut others: Vec<String> = g[1..]
                .iter()
                .take(3)
                .map(|&i| {
                    let it = &items[i];
                    format!("{}:{}", it.pb.page.path.display(), it.q.pos.line)
                })
                .collect();
            if g.len() > 4 {
                others.push(format!("{} more", g.len() - 4));
            }
            let mut note = format!("{reason} as {}", others.join(", "));
            if let Some(p) = shared {
                note.push_str(&format!("; asked together in {}", p.display()));
            }
            (
                shared.is_some(),
                g.len(),
                g[0],
                Offender {
                    at: Place {
                        page: first.pb.page,
                        pos: first.q.pos,
                    },
                    note,
                },
            )
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let questions: usize = groups.iter().map(Vec::len).sum();
    Some(Warning {
        check: Check::DuplicateQuestions,
        message: format!(
            "{} of near-duplicate questions ({} in all)",
            plural(groups.len(), "group", "groups"),
            questions
        ),
        advice: "a question asked twice tests the same fact twice and lets the first give the second away; merge them, or make one a scenario that applies the fact".into(),
        offenders: found.into_iter().map(|(.., o)| o).collect(),
    })
}

/// Each graded page's pool, as question ids.
fn pools<'a>(pages: &'a [PageBlocks<'a>]) -> Vec<(&'a std::path::Path, HashSet<&'a str>)> {
    pages
        .iter()
        .filter_map(|pb| {
            let s = graded::settings(pb.page, 0)?;
            let ids = graded::pool(pb.page, &s.source, pages)
                .into_iter()
                .map(|(q, _)| q.id.as_str())
                .collect();
            Some((pb.page.path.as_path(), ids))
        })
        .collect()
}

/// The first graded page whose pool holds two or more of the group.
fn shared_pool<'a>(
    group: &[usize],
    items: &[Item],
    pools: &[(&'a std::path::Path, HashSet<&str>)],
) -> Option<&'a std::path::Path> {
    pools
        .iter()
        .find(|(_, ids)| {
            group
                .iter()
                .filter(|&&i| ids.contains(items[i].q.id.as_str()))
                .count()
                > 1
        })
        .map(|(p, _)| *p)
}
