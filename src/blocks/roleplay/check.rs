//! Every check of a role-play: the fields it needs, names, skills, and the graph
//! (start, `next` targets, reachability, loops with no way out, unused endings).

use super::graph::{shape, Graph};
use super::schema::{Definition, Outcome};
use crate::blocks::{list, BlockCtx};
use crate::core::suggest::closest;
use crate::core::Diagnostics;
use std::collections::HashSet;

pub fn check(ctx: &BlockCtx, def: &Definition, diags: &mut Diagnostics) {
    fields(ctx, def, diags);
    let declared: HashSet<&str> = def.skills.iter().map(|s| s.as_str()).collect();
    choices(ctx, def, &declared, diags);
    graph(ctx, def, diags);
}

fn fields(ctx: &BlockCtx, def: &Definition, diags: &mut Diagnostics) {
    let emb = &ctx.emb;
    if def.customer.as_ref().is_none_or(|c| c.trim().is_empty()) {
        let pos = def
            .customer
            .as_ref()
            .map_or(emb.start(), |c| emb.key_of(c, "customer"));
        diags.push(
            emb.error(pos, "role-play has no `customer`")
                .hint("name the customer the trainee talks to: `customer: 王女士`"),
        );
    }
    let mut seen: HashSet<&str> = HashSet::new();
    for s in &def.skills {
        if !seen.insert(s.as_str()) {
            diags.push(
                emb.error(emb.at(s), format!("skill `{}` is declared twice", s.value))
                    .hint("list each skill once"),
            );
        }
    }
    if def.nodes.is_empty() {
        diags.push(
            emb.error(emb.key_of(&def.nodes, "nodes"), "role-play has no `nodes`")
                .hint(
                    "a node is one thing the customer says and the replies the trainee can choose",
                ),
        );
    }
    if def.endings.is_empty() {
        diags.push(
            emb.error(
                emb.key_of(&def.endings, "endings"),
                "role-play has no `endings`",
            )
            .hint("add `endings:` such as `retained: {outcome: success, text: ...}`"),
        );
    }
    for (key, _) in &def.endings.0 {
        if def.nodes.get(key).is_some() {
            diags.push(
                emb.error(
                    emb.at(key),
                    format!("`{}` is both a node and an ending", key.value),
                )
                .hint("nodes and endings share one set of names; rename one of them"),
            );
        }
    }
}

fn choices(ctx: &BlockCtx, def: &Definition, declared: &HashSet<&str>, diags: &mut Diagnostics) {
    let emb = &ctx.emb;
    let known: Vec<&str> = def.nodes.names().chain(def.endings.names()).collect();
    for (key, node) in &def.nodes.0 {
        if node.choices.is_empty() {
            diags.push(
                emb.error(emb.at(key), format!("node `{}` has no choices", key.value))
                    .hint("give the trainee at least one reply, or make it an ending under `endings:`"),
            );
        }
        for c in &node.choices {
            if !known.contains(&c.next.as_str()) {
                let names = format!("known names: {}", list(&known));
                let hint = match closest(&c.next, known.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`? {names}"),
                    None => names,
                };
                diags.push(
                    emb.error(
                        emb.at(&c.next),
                        format!("`next: {}` names no node or ending", c.next.value),
                    )
                    .hint(hint),
                );
            }
            for (skill, _) in c.skills.entries() {
                if declared.contains(skill.as_str()) {
                    continue;
                }
                let hint = if def.skills.is_empty() {
                    format!(
                        "declare the skills the debrief scores: `skills: [{}]`",
                        skill.value
                    )
                } else {
                    format!(
                        "declared skills: {}; add it to `skills:` or fix the name",
                        list(def.skills.iter().map(|s| s.as_str()))
                    )
                };
                diags.push(
                    emb.error(
                        emb.at(skill),
                        format!("skill `{}` is not declared in `skills`", skill.value),
                    )
                    .hint(hint),
                );
            }
        }
    }
}

fn graph(ctx: &BlockCtx, def: &Definition, diags: &mut Diagnostics) {
    let emb = &ctx.emb;
    let graph = Graph::new(def);
    let start = start(ctx, def, &graph, diags);
    if let Some(start) = start {
        let reached = graph.reach(start);
        for (i, (key, _)) in def.nodes.0.iter().enumerate() {
            if !reached[i] {
                diags.push(
                    emb.error(
                        emb.at(key),
                        format!(
                            "node `{}` cannot be reached from `start` ({})",
                            key.value, graph.names[start]
                        ),
                    )
                    .hint("point a choice's `next` at it, or remove it"),
                );
            }
        }
        for (j, (key, _)) in def.endings.0.iter().enumerate() {
            if !reached[graph.n_nodes + j] && def.nodes.get(key).is_none() {
                diags.push(
                    emb.warning(
                        emb.at(key),
                        format!("ending `{}` is never reached", key.value),
                    )
                    .hint(format!(
                        "no choice on the way from `start` has `next: {}`",
                        key.value
                    )),
                );
            }
        }
    }
    traps(ctx, def, &graph, diags);
    pass_score(ctx, def, start.is_some(), diags);
}

fn start(
    ctx: &BlockCtx,
    def: &Definition,
    graph: &Graph,
    diags: &mut Diagnostics,
) -> Option<usize> {
    let emb = &ctx.emb;
    let Some(s) = &def.start else {
        let first = def.nodes.names().next().unwrap_or("open");
        diags.push(
            emb.error(ctx.fence, "role-play has no `start`")
                .hint(format!(
                    "name the node the conversation begins with: `start: {first}`"
                )),
        );
        return None;
    };
    match graph.index(s) {
        Some(i) if !graph.is_ending(i) => Some(i),
        Some(_) => {
            diags.push(
                emb.error(emb.at(s), format!("`start: {}` names an ending", s.value))
                    .hint("the conversation must begin at a node the customer speaks"),
            );
            None
        }
        None => {
            let nodes: Vec<&str> = def.nodes.names().collect();
            diags.push(
                emb.error(emb.at(s), format!("`start: {}` names no node", s.value))
                    .hint(format!("known nodes: {}", list(&nodes))),
            );
            None
        }
    }
}

/// Loops with no way out: among the nodes that cannot reach an ending, the
/// components no edge leaves. Dead ends (no choices, unknown `next`) are reported
/// on their own; a trap that is a real loop is reported once, naming it.
fn traps(ctx: &BlockCtx, def: &Definition, graph: &Graph, diags: &mut Diagnostics) {
    let emb = &ctx.emb;
    let can_end = graph.can_end();
    let stuck: Vec<bool> = (0..graph.names.len())
        .map(|i| i < graph.n_nodes && !can_end[i])
        .collect();
    for comp in graph.components(&stuck) {
        let members: HashSet<usize> = comp.iter().copied().collect();
        let leaves = comp
            .iter()
            .any(|&v| graph.out(v).iter().any(|&(t, _)| !members.contains(&t)));
        let Some(&first) = comp.first() else { continue };
        let cyclic = comp.len() > 1 || graph.out(first).iter().any(|&(t, _)| t == first);
        if leaves || !cyclic {
            continue;
        }
        let cycle = graph.cycle_through(first, &members);
        let others: Vec<&str> = comp
            .iter()
            .map(|&v| graph.names[v])
            .filter(|n| !cycle.contains(n))
            .collect();
        let mut msg = format!(
            "no ending can be reached from the loop {}",
            cycle.join(" → ")
        );
        if !others.is_empty() {
            msg.push_str(&format!(" (with {})", others.join(", ")));
        }
        let pos = def
            .nodes
            .key(graph.names[first])
            .map_or(emb.start(), |k| emb.at(k));
        diags.push(
            emb.error(pos, msg)
                .hint("give one of these nodes a choice whose `next` leads to an ending"),
        );
    }
}

fn pass_score(ctx: &BlockCtx, def: &Definition, has_start: bool, diags: &mut Diagnostics) {
    let emb = &ctx.emb;
    let Some(p) = &def.pass_score else { return };
    let has_success = def
        .endings
        .iter()
        .any(|(_, e)| e.outcome == Outcome::Success);
    if !has_success && !def.endings.is_empty() {
        diags.push(
            emb.warning(
                emb.at(p),
                "no ending has `outcome: success`, so no run can pass",
            )
            .hint("mark the ending a trainee should aim for with `outcome: success`"),
        );
    } else if has_start {
        if let Some(b) = shape(def).best.filter(|b| *b < p.value) {
            diags.push(
                emb.warning(
                    emb.at(p),
                    format!(
                        "`pass_score: {}` is more than the best possible score, {b}",
                        p.value
                    ),
                )
                .hint("lower `pass_score` or raise the scores of the good replies"),
            );
        }
    }
}
