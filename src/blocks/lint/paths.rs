//! The best scores a role-play's runs can reach: at each ending, and through each
//! reply on the way to a `success` ending. Exact on a conversation without loops
//! (the usual case); with loops, over the runs that visit each node at most once,
//! as the scenario's summary line counts them.

use crate::blocks::roleplay::graph::Graph;

pub struct Runs {
    /// Per graph index (nodes, then endings): the best score of a run that ends
    /// there; `None` for nodes and for endings no run reaches.
    pub ending_best: Vec<Option<i64>>,
    /// Per node, per reply (in [`Graph::out`] order): the best score of a run that
    /// picks it and ends at a success ending; `None` when none does.
    pub through: Vec<Vec<Option<i64>>>,
}

fn max(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// `success[i]` says whether graph index `i` is an ending marked `success`.
pub fn runs(graph: &Graph, start: usize, success: &[bool]) -> Runs {
    let reached = graph.reach(start);
    let comps = graph.components(&reached);
    let loops = comps.iter().any(|c| {
        c.len() > 1
            || c.first()
                .is_some_and(|&v| graph.out(v).iter().any(|&(t, _)| t == v))
    });
    if loops {
        simple_paths(graph, start, success)
    } else {
        // Components are single nodes in topological order.
        let order: Vec<usize> = comps.iter().filter_map(|c| c.first().copied()).collect();
        acyclic(graph, start, success, &order)
    }
}

fn acyclic(graph: &Graph, start: usize, success: &[bool], order: &[usize]) -> Runs {
    let n = graph.names.len();
    let mut to: Vec<Option<i64>> = vec![None; n];
    to[start] = Some(0);
    for &v in order {
        let Some(tv) = to[v] else { continue };
        for &(t, c) in graph.out(v) {
            to[t] = max(to[t], Some(tv.saturating_add(c.score)));
        }
    }
    let mut from: Vec<Option<i64>> = vec![None; n];
    for &v in order.iter().rev() {
        from[v] = if graph.is_ending(v) {
            success[v].then_some(0)
        } else {
            graph.out(v).iter().fold(None, |acc, &(t, c)| {
                max(acc, from[t].map(|f| f.saturating_add(c.score)))
            })
        };
    }
    let through = (0..graph.n_nodes)
        .map(|v| {
            graph
                .out(v)
                .iter()
                .map(|&(t, c)| Some(to[v]?.saturating_add(c.score).saturating_add(from[t]?)))
                .collect()
        })
        .collect();
    let ending_best = (0..n)
        .map(|v| if graph.is_ending(v) { to[v] } else { None })
        .collect();
    Runs {
        ending_best,
        through,
    }
}

/// Every run that visits each node at most once, depth first; capped so that a
/// pathological scenario stays fast (what is left unexplored is not reported).
fn simple_paths(graph: &Graph, start: usize, success: &[bool]) -> Runs {
    const CAP: usize = 200_000;
    let n = graph.names.len();
    let mut runs = Runs {
        ending_best: vec![None; n],
        through: (0..graph.n_nodes)
            .map(|v| vec![None; graph.out(v).len()])
            .collect(),
    };
    let mut on_path = vec![false; n];
    on_path[start] = true;
    // (node, next reply to try, score so far)
    let mut stack: Vec<(usize, usize, i64)> = vec![(start, 0, 0)];
    let mut steps = 0;
    while let Some(&(v, i, sum)) = stack.last() {
        steps += 1;
        if steps > CAP {
            break;
        }
        let Some(&(t, c)) = graph.out(v).get(i) else {
            on_path[v] = false;
            stack.pop();
            continue;
        };
        if let Some(top) = stack.last_mut() {
            top.1 += 1;
        }
        let s = sum.saturating_add(c.score);
        if graph.is_ending(t) {
            runs.ending_best[t] = max(runs.ending_best[t], Some(s));
            if success[t] {
                // Each frame's reply on the path is the one before its next.
                for &(u, next, _) in &stack {
                    let slot = &mut runs.through[u][next - 1];
                    *slot = max(*slot, Some(s));
                }
            }
        } else if !on_path[t] {
            on_path[t] = true;
            stack.push((t, 0, s));
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks::roleplay::schema::Definition;

    fn def(yaml: &str) -> Definition {
        let src = crate::core::Source::new(std::path::Path::new("t.md"), yaml);
        crate::core::yaml::Embedded::file(src)
            .parse("roleplay block")
            .expect("test scenario parses")
    }

    fn runs_of(d: &Definition) -> (Graph<'_>, Runs) {
        let g = Graph::new(d);
        let success: Vec<bool> = (0..g.names.len())
            .map(|v| g.is_ending(v) && g.names[v] == "won")
            .collect();
        let start = g.index("a").expect("start");
        let r = runs(&g, start, &success);
        (g, r)
    }

    #[test]
    fn best_scores_without_loops() {
        let d = def("customer: A\nstart: a\nnodes:\n  a:\n    say: x\n    choices:\n      - {reply: r, next: b, score: 2}\n      - {reply: r, next: b, score: -1}\n  b:\n    say: y\n    choices:\n      - {reply: r, next: won, score: 1}\n      - {reply: r, next: lost, score: 5}\nendings:\n  won: {outcome: success, text: t}\n  lost: {outcome: failure, text: t}\n");
        let (g, r) = runs_of(&d);
        let (won, lost) = (g.index("won").unwrap(), g.index("lost").unwrap());
        assert_eq!(
            (r.ending_best[won], r.ending_best[lost]),
            (Some(3), Some(7))
        );
        // Through the -1 reply a run can still end at `won` with 0; the 5 leads
        // only to failure.
        assert_eq!(r.through[0], [Some(3), Some(0)]);
        assert_eq!(r.through[1], [Some(3), None]);
    }

    #[test]
    fn best_scores_with_a_loop_visit_each_node_once() {
        let d = def("customer: A\nstart: a\nnodes:\n  a:\n    say: x\n    choices:\n      - {reply: r, next: b, score: 1}\n      - {reply: r, next: won, score: -3}\n  b:\n    say: y\n    choices:\n      - {reply: r, next: a, score: 4}\n      - {reply: r, next: won}\nendings:\n  won: {outcome: success, text: t}\n");
        let (g, r) = runs_of(&d);
        assert_eq!(r.ending_best[g.index("won").unwrap()], Some(1));
        assert_eq!(r.through[0], [Some(1), Some(-3)]);
        // Going back to `a` from `b` would visit `a` twice.
        assert_eq!(r.through[1], [None, Some(1)]);
    }
}
