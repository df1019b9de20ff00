//! Role-plays that can be won without reading: the best reply is the longest in
//! most decision nodes, most decision nodes offer one good and one bad reply, a
//! reply marked wrong (a forbidden phrase, a negative score) still leads to a
//! pass, and a `success` ending that no run can pass at.

use super::paths::{self, Runs};
use super::{width, Offender, Place, Warning};
use crate::blocks::roleplay::graph::Graph;
use crate::blocks::roleplay::schema::{Choice, Outcome};
use crate::blocks::roleplay::Roleplay;
use crate::blocks::{plural, Block, PageBlocks};
use crate::core::yaml::Embedded;
use crate::model::checks::Check;

/// Words with which a reply's feedback calls it a forbidden phrase (服务禁语).
const FORBIDDEN: &[&str] = &["禁语", "忌语", "禁用语", "forbidden", "taboo"];

/// A role-play with what the checks need to read it.
pub struct Play<'a> {
    pb: &'a PageBlocks<'a>,
    r: &'a Roleplay,
    emb: Embedded<'a>,
    graph: Graph<'a>,
    start: usize,
    reached: Vec<bool>,
    success: Vec<bool>,
    runs: Runs,
}

/// Every role-play of the course that has a usable start.
pub fn collect<'a>(pages: &'a [PageBlocks<'a>]) -> Vec<Play<'a>> {
    let mut out = Vec::new();
    for pb in pages {
        for (i, b) in pb.blocks.iter().enumerate() {
            let (Some(Block::Roleplay(r)), Some(raw)) = (b, pb.analysis.blocks.get(i)) else {
                continue;
            };
            let graph = Graph::new(&r.def);
            let Some(start) = r.def.start.as_ref().and_then(|s| graph.index(s)) else {
                continue;
            };
            let success: Vec<bool> = (0..graph.names.len())
                .map(|v| {
                    graph.is_ending(v)
                        && r.def.endings.get(graph.names[v]).map(|e| e.outcome)
                            == Some(Outcome::Success)
                })
                .collect();
            out.push(Play {
                pb,
                r,
                emb: Embedded::new(pb.page.source(), &raw.yaml, raw.first_line),
                reached: graph.reach(start),
                runs: paths::runs(&graph, start, &success),
                graph,
                start,
                success,
            });
        }
    }
    out
}

impl<'a> Play<'a> {
    fn place(&self, pos: crate::core::Pos) -> Place<'a> {
        Place {
            page: self.pb.page,
            pos,
        }
    }

    fn reply_at(&self, c: &Choice) -> Place<'a> {
        self.place(self.emb.at(&c.reply))
    }

    fn node_at(&self, v: usize) -> Place<'a> {
        let key = self.r.def.nodes.key(self.graph.names[v]);
        self.place(key.map_or(self.r.at, |k| self.emb.at(k)))
    }

    /// Reachable nodes where the trainee chooses between two or more replies.
    fn decisions(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.graph.n_nodes).filter(|&v| self.reached[v] && self.graph.out(v).len() >= 2)
    }

    fn pass(&self) -> Option<i64> {
        self.r.def.pass_score.as_ref().map(|p| p.value)
    }

    /// Whether always picking the longest reply (the first of equals) passes.
    fn longest_passes(&self) -> bool {
        let mut seen = vec![false; self.graph.names.len()];
        let (mut v, mut score) = (self.start, 0i64);
        while !self.graph.is_ending(v) {
            if std::mem::replace(&mut seen[v], true) {
                return false;
            }
            let longest = self.graph.out(v).iter().fold(None, |best, &(t, c)| {
                let w = width(&c.reply);
                match best {
                    Some((bw, _, _)) if bw >= w => best,
                    _ => Some((w, t, c.score)),
                }
            });
            let Some((_, t, s)) = longest else {
                return false;
            };
            score = score.saturating_add(s);
            v = t;
        }
        self.success[v] && self.pass().is_none_or(|p| score >= p)
    }
}

/// In more than half of a role-play's decision nodes that have one best reply,
/// that reply is also the longest.
pub fn longest_best_reply<'a>(plays: &[Play<'a>]) -> Option<Warning<'a>> {
    let mut counted = 0;
    let mut found: Vec<(f64, Offender)> = Vec::new();
    for p in plays {
        let mut nodes = 0;
        let mut hits: Vec<Place> = Vec::new();
        for v in p.decisions() {
            let out = p.graph.out(v);
            let top = out.iter().map(|(_, c)| c.score).max().unwrap_or(0);
            let best: Vec<&Choice> = out
                .iter()
                .filter(|(_, c)| c.score == top)
                .map(|(_, c)| *c)
                .collect();
            let [best] = best[..] else { continue };
            nodes += 1;
            let w = width(&best.reply);
            let others = out
                .iter()
                .filter(|(_, c)| !std::ptr::eq(*c, best))
                .map(|(_, c)| width(&c.reply))
                .max()
                .unwrap_or(0);
            if w > others {
                hits.push(p.reply_at(best));
            }
        }
        if nodes == 0 {
            continue;
        }
        counted += 1;
        if hits.len() * 2 > nodes {
            let mut note = format!("{} of {nodes} decision nodes", hits.len());
            if p.longest_passes() {
                note.push_str("; always picking the longest reply passes");
            }
            found.push((
                hits.len() as f64 / nodes as f64,
                Offender { at: hits[0], note },
            ));
        }
    }
    if found.is_empty() {
        return None;
    }
    found.sort_by(|a, b| b.0.total_cmp(&a.0));
    Some(Warning {
        check: Check::LongestBestReply,
        message: format!(
            "{}, the best-scoring reply is also the longest in most decision nodes",
            among(found.len(), counted)
        ),
        advice: "a trainee can win by picking the longest reply without reading; balance the lengths: a good reply can be short, and a weak one long (an apology with no action, a fix in a condescending tone)".into(),
        offenders: found.into_iter().map(|(_, o)| o).collect(),
    })
}

/// More than half of a role-play's decision nodes offer exactly two replies, one
/// scoring better than the other.
pub fn binary_choices<'a>(plays: &[Play<'a>]) -> Option<Warning<'a>> {
    let mut counted = 0;
    let mut found: Vec<(f64, Offender)> = Vec::new();
    for p in plays {
        let nodes: Vec<usize> = p.decisions().collect();
        if nodes.is_empty() {
            continue;
        }
        counted += 1;
        let binary: Vec<usize> = nodes
            .iter()
            .copied()
            .filter(|&v| match p.graph.out(v) {
                [(_, a), (_, b)] => a.score != b.score,
                _ => false,
            })
            .collect();
        if binary.len() * 2 > nodes.len() {
            found.push((
                binary.len() as f64 / nodes.len() as f64,
                Offender {
                    at: p.node_at(binary[0]),
                    note: format!("{} of {} decision nodes", binary.len(), nodes.len()),
                },
            ));
        }
    }
    if found.is_empty() {
        return None;
    }
    found.sort_by(|a, b| b.0.total_cmp(&a.0));
    Some(Warning {
        check: Check::BinaryChoices,
        message: format!(
            "{}, most decision nodes offer only one good and one bad reply",
            among(found.len(), counted)
        ),
        advice: "a choice between one good and one bad reply is guessed, not practised; give each node three or more replies, including plausible but flawed ones".into(),
        offenders: found.into_iter().map(|(_, o)| o).collect(),
    })
}

/// `in 2 of 4 role-plays`, or `in the role-play` when the course has one.
fn among(found: usize, of: usize) -> String {
    if of == 1 {
        "in the course's role-play".into()
    } else {
        format!("in {found} of {of} role-plays")
    }
}

fn calls_forbidden(c: &Choice) -> bool {
    c.feedback.as_deref().is_some_and(|f| {
        let f = f.to_lowercase();
        FORBIDDEN.iter().any(|w| f.contains(w))
    })
}

/// A reply that scores below 0, or that its feedback calls a forbidden phrase
/// (and scores no more than 0), on a run that still ends in a pass.
pub fn wrong_reply_passes<'a>(plays: &[Play<'a>]) -> Option<Warning<'a>> {
    let mut found: Vec<((bool, i64), Offender)> = Vec::new();
    for p in plays {
        let pass = p.pass().unwrap_or(i64::MIN);
        for v in (0..p.graph.n_nodes).filter(|&v| p.reached[v]) {
            for (j, &(_, c)) in p.graph.out(v).iter().enumerate() {
                let forbidden = c.score <= 0 && calls_forbidden(c);
                if !(forbidden || c.score < 0) {
                    continue;
                }
                let Some(best) = p.runs.through[v][j].filter(|&s| s >= pass) else {
                    continue;
                };
                let mut note = if forbidden {
                    "its feedback calls it a forbidden phrase".to_string()
                } else {
                    format!("scores {}", c.score)
                };
                if let Some(ps) = p.pass() {
                    note.push_str(&format!(
                        "; a run through it scores up to {best}, pass {ps}"
                    ));
                }
                found.push((
                    (forbidden, -c.score),
                    Offender {
                        at: p.reply_at(c),
                        note,
                    },
                ));
            }
        }
    }
    if found.is_empty() {
        return None;
    }
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    let n = found.len();
    Some(Warning {
        check: Check::WrongReplyPasses,
        message: format!(
            "{} marked wrong (a forbidden phrase or a negative score) can still end in a pass",
            plural(n, "reply", "replies")
        ),
        advice: "a trainee who says a forbidden phrase or makes a mistake the score marks should not pass; lead the reply towards a failure ending, or score it so that no run through it reaches `pass_score`".into(),
        offenders: found.into_iter().map(|(_, o)| o).collect(),
    })
}

/// An ending marked `success` whose best run stays below `pass_score`: a trainee
/// who gets there is told they succeeded, but the run does not pass.
pub fn success_below_pass<'a>(plays: &[Play<'a>]) -> Option<Warning<'a>> {
    let mut found: Vec<Offender> = Vec::new();
    for p in plays {
        let Some(pass) = p.pass() else { continue };
        // Out of reach of every run: the role-play's own check says so already.
        if p.r.shape.best.is_some_and(|b| b < pass) {
            continue;
        }
        for (k, (key, _)) in p.r.def.endings.0.iter().enumerate() {
            let e = p.graph.n_nodes + k;
            if !p.success.get(e).copied().unwrap_or(false) {
                continue;
            }
            let Some(best) = p.runs.ending_best[e].filter(|&b| b < pass) else {
                continue;
            };
            found.push(Offender {
                at: p.place(p.emb.at(key)),
                note: format!("`{}` scores at most {best}, pass {pass}", key.value),
            });
        }
    }
    if found.is_empty() {
        return None;
    }
    let n = found.len();
    Some(Warning {
        check: Check::SuccessBelowPass,
        message: format!(
            "{} marked `success` cannot reach `pass_score`",
            plural(n, "ending", "endings")
        ),
        advice: "a trainee who gets there reads a success but does not pass; mark the ending `outcome: failure`, raise the scores on the way to it, or lower `pass_score`".into(),
        offenders: found,
    })
}
