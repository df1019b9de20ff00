//! The conversation as a graph: reachability, loops with no way out, and the shape
//! a trainer reads in `syllabus check` (path lengths, score range).

use super::schema::{Choice, Definition};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

/// What the graph looks like from `start`: the summary a trainer reads.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Shape {
    pub nodes: usize,
    pub endings: usize,
    /// Fewest and most replies from `start` to an ending; `longest` is `None` when
    /// the conversation can loop.
    pub shortest: Option<usize>,
    pub longest: Option<usize>,
    /// Best and worst total score over the ways to an ending (paths that visit a
    /// node at most once when the conversation can loop).
    pub best: Option<i64>,
    pub worst: Option<i64>,
    /// Per declared skill, the most a run can collect.
    pub skill_best: BTreeMap<String, i64>,
    pub loops: bool,
}

/// The graph as indices: nodes first, then endings. Choices whose `next` names
/// nothing have no edge (they are reported on their own).
pub struct Graph<'a> {
    pub names: Vec<&'a str>,
    pub n_nodes: usize,
    /// Per node: (target, choice).
    edges: Vec<Vec<(usize, &'a Choice)>>,
}

impl<'a> Graph<'a> {
    pub fn new(def: &'a Definition) -> Self {
        let names: Vec<&str> = def.nodes.names().chain(def.endings.names()).collect();
        let mut index: HashMap<&str, usize> = HashMap::new();
        // Nodes win a clash (reported separately), so first insertion is kept.
        for (i, n) in names.iter().enumerate() {
            index.entry(n).or_insert(i);
        }
        let edges = def
            .nodes
            .iter()
            .map(|(_, node)| {
                node.choices
                    .iter()
                    .filter_map(|c| index.get(c.next.as_str()).map(|&t| (t, c)))
                    .collect()
            })
            .collect();
        Graph {
            names,
            n_nodes: def.nodes.len(),
            edges,
        }
    }

    pub fn index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| *n == name)
    }

    pub fn is_ending(&self, i: usize) -> bool {
        i >= self.n_nodes
    }

    pub fn out(&self, i: usize) -> &[(usize, &'a Choice)] {
        self.edges.get(i).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Everything reachable from `from`.
    pub fn reach(&self, from: usize) -> Vec<bool> {
        let mut seen = vec![false; self.names.len()];
        let mut queue = VecDeque::from([from]);
        seen[from] = true;
        while let Some(i) = queue.pop_front() {
            for &(t, _) in self.out(i) {
                if !seen[t] {
                    seen[t] = true;
                    queue.push_back(t);
                }
            }
        }
        seen
    }

    /// Which nodes can get to some ending.
    pub fn can_end(&self) -> Vec<bool> {
        let n = self.names.len();
        let mut rev: Vec<Vec<usize>> = vec![Vec::new(); n];
        for i in 0..self.n_nodes {
            for &(t, _) in self.out(i) {
                rev[t].push(i);
            }
        }
        let mut ok = vec![false; n];
        let mut queue: VecDeque<usize> = (self.n_nodes..n).collect();
        for &e in &queue {
            ok[e] = true;
        }
        while let Some(i) = queue.pop_front() {
            for &p in &rev[i] {
                if !ok[p] {
                    ok[p] = true;
                    queue.push_back(p);
                }
            }
        }
        ok
    }

    /// Strongly connected components among `keep` (Kosaraju, iterative so that a
    /// huge scenario cannot overflow the stack). Components come out in
    /// topological order of the condensed graph.
    pub fn components(&self, keep: &[bool]) -> Vec<Vec<usize>> {
        let n = self.names.len();
        let mut order = Vec::with_capacity(n);
        let mut seen = vec![false; n];
        for s in 0..n {
            if seen[s] || !keep[s] {
                continue;
            }
            seen[s] = true;
            let mut stack = vec![(s, 0usize)];
            while let Some((v, i)) = stack.pop() {
                let out = self.out(v);
                if let Some(&(t, _)) = out.get(i) {
                    stack.push((v, i + 1));
                    if keep[t] && !seen[t] {
                        seen[t] = true;
                        stack.push((t, 0));
                    }
                } else {
                    order.push(v);
                }
            }
        }
        let mut rev: Vec<Vec<usize>> = vec![Vec::new(); n];
        for v in 0..n {
            if keep[v] {
                for &(t, _) in self.out(v) {
                    if keep[t] {
                        rev[t].push(v);
                    }
                }
            }
        }
        let mut comp = vec![usize::MAX; n];
        let mut out = Vec::new();
        for &s in order.iter().rev() {
            if comp[s] != usize::MAX {
                continue;
            }
            let id = out.len();
            let mut members = vec![s];
            comp[s] = id;
            let mut stack = vec![s];
            while let Some(v) = stack.pop() {
                for &p in &rev[v] {
                    if comp[p] == usize::MAX {
                        comp[p] = id;
                        members.push(p);
                        stack.push(p);
                    }
                }
            }
            members.sort_unstable();
            out.push(members);
        }
        out
    }

    /// A shortest cycle through `from` that stays inside `within`, as names.
    pub fn cycle_through(&self, from: usize, within: &HashSet<usize>) -> Vec<&'a str> {
        let mut prev: HashMap<usize, usize> = HashMap::new();
        let mut queue = VecDeque::from([from]);
        while let Some(v) = queue.pop_front() {
            for &(t, _) in self.out(v) {
                if !within.contains(&t) {
                    continue;
                }
                if t == from {
                    let mut path = vec![self.names[from]];
                    let mut cur = v;
                    while cur != from {
                        path.push(self.names[cur]);
                        cur = prev.get(&cur).copied().unwrap_or(from);
                    }
                    path.push(self.names[from]);
                    path.reverse();
                    return path;
                }
                if let std::collections::hash_map::Entry::Vacant(e) = prev.entry(t) {
                    e.insert(v);
                    queue.push_back(t);
                }
            }
        }
        vec![self.names[from]]
    }
}

/// The shape of a scenario whose checks passed: path lengths and score range
/// from `start` to the endings.
pub fn shape(def: &Definition) -> Shape {
    let graph = Graph::new(def);
    let mut shape = Shape {
        nodes: def.nodes.len(),
        endings: def.endings.len(),
        ..Shape::default()
    };
    let Some(start) = def
        .start
        .as_ref()
        .map(|s| s.as_str())
        .and_then(|s| graph.index(s))
    else {
        return shape;
    };
    let reached = graph.reach(start);
    let comps = graph.components(&reached);
    shape.loops = comps.iter().any(|c| {
        c.len() > 1
            || c.first()
                .is_some_and(|&v| graph.out(v).iter().any(|&(t, _)| t == v))
    });
    let len = |_: &Choice| 1i64;
    let score = |c: &Choice| c.score;
    if shape.loops {
        shape.shortest = shortest(&graph, start);
        shape.longest = None;
        (shape.worst, shape.best) = simple_paths(&graph, start, &score);
        for s in def.skills.iter().map(|s| &s.value) {
            let (_, b) = simple_paths(&graph, start, &|c: &Choice| c.skills.get(s).unwrap_or(0));
            shape.skill_best.insert(s.clone(), b.unwrap_or(0).max(0));
        }
    } else {
        // Acyclic: components are single nodes in topological order, so walking
        // them backwards sees every target before its sources.
        let order: Vec<usize> = comps
            .iter()
            .rev()
            .filter_map(|c| c.first().copied())
            .collect();
        let (a, b) = dag_extremes(&graph, start, &order, &len);
        shape.shortest = a.and_then(|v| usize::try_from(v).ok());
        shape.longest = b.and_then(|v| usize::try_from(v).ok());
        (shape.worst, shape.best) = dag_extremes(&graph, start, &order, &score);
        for s in def.skills.iter().map(|s| &s.value) {
            let (_, b) = dag_extremes(&graph, start, &order, &|c: &Choice| {
                c.skills.get(s).unwrap_or(0)
            });
            shape.skill_best.insert(s.clone(), b.unwrap_or(0).max(0));
        }
    }
    shape
}

fn shortest(graph: &Graph, start: usize) -> Option<usize> {
    let mut dist = vec![usize::MAX; graph.names.len()];
    dist[start] = 0;
    let mut queue = VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        if graph.is_ending(v) {
            return Some(dist[v]);
        }
        for &(t, _) in graph.out(v) {
            if dist[t] == usize::MAX {
                dist[t] = dist[v] + 1;
                queue.push_back(t);
            }
        }
    }
    None
}

/// Min and max of a choice weight summed along paths from `start` to an ending,
/// for an acyclic graph; `order` lists nodes with targets before sources.
fn dag_extremes(
    graph: &Graph,
    start: usize,
    order: &[usize],
    weight: &dyn Fn(&Choice) -> i64,
) -> (Option<i64>, Option<i64>) {
    let mut best: Vec<Option<(i64, i64)>> = vec![None; graph.names.len()];
    for &v in order {
        if graph.is_ending(v) {
            best[v] = Some((0, 0));
            continue;
        }
        let mut acc: Option<(i64, i64)> = None;
        for &(t, c) in graph.out(v) {
            if let Some((lo, hi)) = best[t] {
                let w = weight(c);
                let (lo, hi) = (lo.saturating_add(w), hi.saturating_add(w));
                acc = Some(match acc {
                    None => (lo, hi),
                    Some((a, b)) => (a.min(lo), b.max(hi)),
                });
            }
        }
        best[v] = acc;
    }
    match best[start] {
        Some((lo, hi)) => (Some(lo), Some(hi)),
        None => (None, None),
    }
}

/// Min and max of a choice weight along paths that visit each node at most once,
/// for a graph with loops. Capped so that a pathological scenario stays fast.
fn simple_paths(
    graph: &Graph,
    start: usize,
    weight: &dyn Fn(&Choice) -> i64,
) -> (Option<i64>, Option<i64>) {
    const CAP: usize = 200_000;
    let mut on_path = vec![false; graph.names.len()];
    let mut lo: Option<i64> = None;
    let mut hi: Option<i64> = None;
    let mut steps = 0usize;
    // (node, next choice index, sum so far)
    let mut stack = vec![(start, 0usize, 0i64)];
    on_path[start] = true;
    while let Some(&mut (v, ref mut i, sum)) = stack.last_mut() {
        steps += 1;
        if steps > CAP {
            break;
        }
        let out = graph.out(v);
        if let Some(&(t, c)) = out.get(*i) {
            *i += 1;
            let s = sum.saturating_add(weight(c));
            if graph.is_ending(t) {
                lo = Some(lo.map_or(s, |x| x.min(s)));
                hi = Some(hi.map_or(s, |x| x.max(s)));
            } else if !on_path[t] {
                on_path[t] = true;
                stack.push((t, 0, s));
            }
        } else {
            on_path[v] = false;
            stack.pop();
        }
    }
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(yaml: &str) -> Definition {
        let src = crate::core::Source::new(std::path::Path::new("t.md"), yaml);
        crate::core::yaml::Embedded::file(src)
            .parse("roleplay block")
            .expect("test scenario parses")
    }

    #[test]
    fn shape_of_an_acyclic_scenario() {
        let d = def("customer: A\nskills: [s]\nstart: a\nnodes:\n  a:\n    say: x\n    choices:\n      - {reply: r, next: b, score: 2, skills: {s: 1}}\n      - {reply: r, next: bad, score: -1}\n  b:\n    say: y\n    choices:\n      - {reply: r, next: good, score: 1, skills: {s: 2}}\nendings:\n  good: {outcome: success, text: t}\n  bad: {outcome: failure, text: t}\n");
        let s = shape(&d);
        assert_eq!((s.nodes, s.endings), (2, 2));
        assert_eq!((s.shortest, s.longest), (Some(1), Some(2)));
        assert_eq!((s.worst, s.best), (Some(-1), Some(3)));
        assert_eq!(s.skill_best.get("s"), Some(&3));
        assert!(!s.loops);
    }

    #[test]
    fn shape_of_a_looping_scenario_has_no_longest_path() {
        let d = def("customer: A\nstart: a\nnodes:\n  a:\n    say: x\n    choices:\n      - {reply: r, next: b, score: 1}\n      - {reply: r, next: end}\n  b:\n    say: y\n    choices:\n      - {reply: r, next: a, score: 1}\n      - {reply: r, next: end, score: 5}\nendings:\n  end: {outcome: success, text: t}\n");
        let s = shape(&d);
        assert!(s.loops);
        assert_eq!((s.shortest, s.longest), (Some(1), None));
        assert_eq!((s.worst, s.best), (Some(0), Some(6)));
    }
}
