//! The `roleplay` block: a scored branching conversation with a customer.
//!
//! Owns the model (as the trainer writes it), the graph checks (start, `next`
//! targets, name clashes, skills, reachability, loops without a way out, unused
//! endings), the shape summary `syllabus check` prints, and the data the browser
//! plays from.

use super::named::Named;
use super::{BlockCtx, RenderCtx};
use crate::diagnostics::Diagnostics;
use crate::markdown;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

/// How the customer feels on a line; shown as an icon and a word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mood {
    Angry,
    Upset,
    Doubtful,
    #[default]
    Neutral,
    Satisfied,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Success,
    Failure,
}

/// The block as written.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    /// Keys saved progress; defaults to `<module>/<page>` (one role-play per page).
    pub id: Option<String>,
    pub title: Option<String>,
    pub customer: Option<String>,
    pub persona: Option<String>,
    #[serde(default)]
    pub skills: Vec<String>,
    pub start: Option<String>,
    pub pass_score: Option<i64>,
    /// Show the running score during the conversation.
    #[serde(default)]
    pub show_score: bool,
    #[serde(default)]
    pub nodes: Named<Node>,
    #[serde(default)]
    pub endings: Named<Ending>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub say: String,
    #[serde(default)]
    pub mood: Mood,
    #[serde(default)]
    pub choices: Vec<Choice>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub reply: String,
    pub next: String,
    #[serde(default)]
    pub score: i64,
    #[serde(default)]
    pub skills: BTreeMap<String, i64>,
    pub feedback: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    pub outcome: Outcome,
    pub text: String,
}

/// A checked role-play, ready to render.
#[derive(Clone, Debug)]
pub struct Roleplay {
    pub id: String,
    /// Where the id stands (or the fence, for a default id), for course-wide checks.
    pub at: crate::diagnostics::Pos,
    pub hash: String,
    pub def: Definition,
    pub shape: Shape,
}

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

/// The browser's copy: Markdown fields rendered to HTML.
#[derive(Serialize)]
struct Data<'a> {
    id: &'a str,
    hash: &'a str,
    customer: &'a str,
    skills: &'a [String],
    start: &'a str,
    pass_score: Option<i64>,
    show_score: bool,
    best: Option<i64>,
    skill_best: &'a BTreeMap<String, i64>,
    nodes: BTreeMap<&'a str, NodeData<'a>>,
    endings: BTreeMap<&'a str, EndingData>,
}

#[derive(Serialize)]
struct NodeData<'a> {
    say: String,
    mood: Mood,
    choices: Vec<ChoiceData<'a>>,
}

#[derive(Serialize)]
struct ChoiceData<'a> {
    reply: String,
    next: &'a str,
    score: i64,
    skills: &'a BTreeMap<String, i64>,
    feedback: Option<String>,
}

#[derive(Serialize)]
struct EndingData {
    outcome: Outcome,
    text: String,
}

impl Roleplay {
    pub fn parse(ctx: &BlockCtx, diags: &mut Diagnostics) -> Option<Self> {
        let emb = &ctx.emb;
        if ctx.index > 1 {
            diags.push(
                emb.error(
                    ctx.fence,
                    "a page holds one role-play; this is a second one",
                )
                .hint("move this scenario to a page of its own"),
            );
            return None;
        }
        let def: Definition = match emb.parse("roleplay block") {
            Ok(d) => d,
            Err(d) => {
                diags.push(d);
                return None;
            }
        };
        let before = diags.error_count();
        check(ctx, &def, diags);
        if diags.error_count() > before {
            return None;
        }
        let shape = shape(&def);
        let id = def
            .id
            .clone()
            .unwrap_or_else(|| format!("{}/{}", ctx.module, ctx.page));
        let at = if def.id.is_some() {
            emb.map().value("id")
        } else {
            ctx.fence
        };
        Some(Roleplay {
            id,
            at,
            hash: super::definition_hash(&def),
            def,
            shape,
        })
    }

    fn data(&self) -> Data<'_> {
        let d = &self.def;
        let md = |s: &Option<String>| s.as_deref().map(markdown::inline);
        Data {
            id: &self.id,
            hash: &self.hash,
            customer: d.customer.as_deref().unwrap_or(""),
            skills: &d.skills,
            start: d.start.as_deref().unwrap_or(""),
            pass_score: d.pass_score,
            show_score: d.show_score,
            best: self.shape.best,
            skill_best: &self.shape.skill_best,
            nodes: d
                .nodes
                .iter()
                .map(|(name, n)| {
                    let choices = n
                        .choices
                        .iter()
                        .map(|c| ChoiceData {
                            reply: markdown::inline(&c.reply),
                            next: &c.next,
                            score: c.score,
                            skills: &c.skills,
                            feedback: md(&c.feedback),
                        })
                        .collect();
                    (
                        name,
                        NodeData {
                            say: markdown::inline(&n.say),
                            mood: n.mood,
                            choices,
                        },
                    )
                })
                .collect(),
            endings: d
                .endings
                .iter()
                .map(|(name, e)| {
                    (
                        name,
                        EndingData {
                            outcome: e.outcome,
                            text: markdown::block(&e.text),
                        },
                    )
                })
                .collect(),
        }
    }

    /// The block's data as the browser reads it (also embedded in the workbook).
    pub fn json(&self) -> String {
        super::json_for_script(&self.data())
    }

    pub fn title(&self) -> String {
        match &self.def.title {
            Some(t) => markdown::plain(t),
            None => self.def.customer.clone().unwrap_or_default(),
        }
    }

    pub fn render(&self, r: &RenderCtx) -> Result<String, tera::Error> {
        let d = &self.def;
        r.render(
            "roleplay",
            &serde_json::json!({
                "id": self.id,
                "dom_id": format!("rp-{}", self.hash),
                "hash": self.hash,
                "title": d.title.as_deref().map(markdown::inline),
                "customer": d.customer,
                "persona": d.persona.as_deref().map(markdown::inline),
                "skills": d.skills,
                "pass_score": d.pass_score,
                "nodes": self.shape.nodes,
                "endings": self.shape.endings,
                "json": self.json(),
                "strings": super::ui_strings(r.base, &["rp_", "mood_"]),
            }),
        )
    }

    /// The one-line shape of the scenario, for `syllabus check`.
    pub fn summary(&self) -> String {
        let s = &self.shape;
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut out = format!(
            "role-play `{}` with {}: {}, {}",
            self.id,
            self.def.customer.as_deref().unwrap_or("?"),
            plural(s.nodes, "node", "nodes"),
            plural(s.endings, "ending", "endings"),
        );
        match (s.shortest, s.longest) {
            (Some(a), Some(b)) => out.push_str(&format!(", {a}–{b} replies to an ending")),
            (Some(a), None) => {
                out.push_str(&format!(", {a} or more replies to an ending (it can loop)"))
            }
            _ => {}
        }
        if let (Some(w), Some(b)) = (s.worst, s.best) {
            out.push_str(&format!(", score {w} to {b}"));
        }
        if let Some(p) = self.def.pass_score {
            out.push_str(&format!(" (pass {p})"));
        }
        out
    }
}

/// The summary line of every role-play in a checked course, in reading order,
/// each prefixed with its `.md` file.
pub fn summaries(checked: &crate::site::Checked) -> Vec<String> {
    checked
        .course
        .pages()
        .zip(&checked.pages)
        .flat_map(|(page, data)| {
            data.blocks.iter().filter_map(move |b| match b {
                Some(super::Block::Roleplay(r)) => {
                    Some(format!("{}: {}", page.path.display(), r.summary()))
                }
                _ => None,
            })
        })
        .collect()
}

/// Names joined for a hint: `a`, `b`, `c`.
fn list(names: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    names
        .into_iter()
        .map(|n| format!("`{}`", n.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The graph as indices: nodes first, then endings. Choices whose `next` names
/// nothing have no edge (they are reported on their own).
struct Graph<'a> {
    names: Vec<&'a str>,
    n_nodes: usize,
    /// Per node: (target, choice).
    edges: Vec<Vec<(usize, &'a Choice)>>,
}

impl<'a> Graph<'a> {
    fn new(def: &'a Definition) -> Self {
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

    fn index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| *n == name)
    }

    fn is_ending(&self, i: usize) -> bool {
        i >= self.n_nodes
    }

    fn out(&self, i: usize) -> &[(usize, &'a Choice)] {
        self.edges.get(i).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Everything reachable from `from`.
    fn reach(&self, from: usize) -> Vec<bool> {
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
    fn can_end(&self) -> Vec<bool> {
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
    fn components(&self, keep: &[bool]) -> Vec<Vec<usize>> {
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
    fn cycle_through(&self, from: usize, within: &HashSet<usize>) -> Vec<&'a str> {
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

fn check(ctx: &BlockCtx, def: &Definition, diags: &mut Diagnostics) {
    let emb = &ctx.emb;
    let map = emb.map();
    if def.customer.as_deref().is_none_or(|c| c.trim().is_empty()) {
        diags.push(
            emb.error(map.key("customer"), "role-play has no `customer`")
                .hint("name the customer the trainee talks to: `customer: 王女士`"),
        );
    }
    let mut declared: HashSet<&str> = HashSet::new();
    for (i, s) in def.skills.iter().enumerate() {
        if !declared.insert(s) {
            diags.push(
                emb.error(
                    map.value(&format!("skills[{i}]")),
                    format!("skill `{s}` is declared twice"),
                )
                .hint("list each skill once"),
            );
        }
    }
    if def.nodes.is_empty() {
        diags.push(
            emb.error(map.key("nodes"), "role-play has no `nodes`")
                .hint(
                    "a node is one thing the customer says and the replies the trainee can choose",
                ),
        );
    }
    if def.endings.is_empty() {
        diags.push(
            emb.error(map.key("endings"), "role-play has no `endings`")
                .hint("add `endings:` such as `retained: {outcome: success, text: ...}`"),
        );
    }
    for (name, _) in def.endings.iter() {
        if def.nodes.get(name).is_some() {
            diags.push(
                emb.error(
                    map.key(&format!("endings.{name}")),
                    format!("`{name}` is both a node and an ending"),
                )
                .hint("nodes and endings share one set of names; rename one of them"),
            );
        }
    }
    let known: Vec<&str> = def.nodes.names().chain(def.endings.names()).collect();
    for (name, node) in def.nodes.iter() {
        let at = format!("nodes.{name}");
        if node.choices.is_empty() {
            diags.push(
                emb.error(map.key(&at), format!("node `{name}` has no choices"))
                    .hint("give the trainee at least one reply, or make it an ending under `endings:`"),
            );
        }
        for (i, c) in node.choices.iter().enumerate() {
            let cat = format!("{at}.choices[{i}]");
            if !known.contains(&c.next.as_str()) {
                let mut d = emb.error(
                    map.value(&format!("{cat}.next")),
                    format!("`next: {}` names no node or ending", c.next),
                );
                d = match closest(&c.next, &known) {
                    Some(s) => d.hint(format!("did you mean `{s}`? known names: {}", list(&known))),
                    None => d.hint(format!("known names: {}", list(&known))),
                };
                diags.push(d);
            }
            for skill in c.skills.keys() {
                if !declared.contains(skill.as_str()) {
                    let hint = if def.skills.is_empty() {
                        format!("declare the skills the debrief scores: `skills: [{skill}]`")
                    } else {
                        format!(
                            "declared skills: {}; add it to `skills:` or fix the name",
                            list(&def.skills)
                        )
                    };
                    diags.push(
                        emb.error(
                            map.key(&format!("{cat}.skills.{skill}")),
                            format!("skill `{skill}` is not declared in `skills`"),
                        )
                        .hint(hint),
                    );
                }
            }
        }
    }

    let graph = Graph::new(def);
    let start = match def.start.as_deref() {
        None => {
            diags.push(emb.error(ctx.fence, "role-play has no `start`").hint(
                match def.nodes.names().next() {
                    Some(first) => {
                        format!("name the node the conversation begins with: `start: {first}`")
                    }
                    None => "name the node the conversation begins with: `start: open`".to_string(),
                },
            ));
            None
        }
        Some(s) => match graph.index(s) {
            Some(i) if !graph.is_ending(i) => Some(i),
            Some(_) => {
                diags.push(
                    emb.error(map.value("start"), format!("`start: {s}` names an ending"))
                        .hint("the conversation must begin at a node the customer speaks"),
                );
                None
            }
            None => {
                let nodes: Vec<&str> = def.nodes.names().collect();
                diags.push(
                    emb.error(map.value("start"), format!("`start: {s}` names no node"))
                        .hint(format!("known nodes: {}", list(&nodes))),
                );
                None
            }
        },
    };

    let can_end = graph.can_end();
    if let Some(start) = start {
        let reached = graph.reach(start);
        for (i, (name, _)) in def.nodes.iter().enumerate() {
            if !reached[i] {
                diags.push(
                    emb.error(
                        map.key(&format!("nodes.{name}")),
                        format!(
                            "node `{name}` cannot be reached from `start` ({})",
                            graph.names[start]
                        ),
                    )
                    .hint("point a choice's `next` at it, or remove it"),
                );
            }
        }
        for (j, (name, _)) in def.endings.iter().enumerate() {
            let i = graph.n_nodes + j;
            if !reached[i] && def.nodes.get(name).is_none() {
                diags.push(
                    emb.warning(
                        map.key(&format!("endings.{name}")),
                        format!("ending `{name}` is never reached"),
                    )
                    .hint(format!(
                        "no choice on the way from `start` has `next: {name}`"
                    )),
                );
            }
        }
    }

    // Loops with no way out: among the nodes that cannot reach an ending, the
    // components no edge leaves. Dead ends (no choices, unknown `next`) are
    // reported above; a trap that is a real loop is reported once, naming it.
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
        diags.push(
            emb.error(map.key(&format!("nodes.{}", graph.names[first])), msg)
                .hint("give one of these nodes a choice whose `next` leads to an ending"),
        );
    }

    if let Some(p) = def.pass_score {
        let has_success = def
            .endings
            .iter()
            .any(|(_, e)| e.outcome == Outcome::Success);
        if !has_success && !def.endings.is_empty() {
            diags.push(
                emb.warning(
                    map.value("pass_score"),
                    "no ending has `outcome: success`, so no run can pass",
                )
                .hint("mark the ending a trainee should aim for with `outcome: success`"),
            );
        } else if start.is_some() {
            let best = shape(def).best;
            if let Some(b) = best.filter(|b| *b < p) {
                diags.push(
                    emb.warning(
                        map.value("pass_score"),
                        format!("`pass_score: {p}` is more than the best possible score, {b}"),
                    )
                    .hint("lower `pass_score` or raise the scores of the good replies"),
                );
            }
        }
    }
}

/// The known name closest to a misspelt one, when it is close enough to suggest.
fn closest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    fn distance(a: &str, b: &str) -> usize {
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.chars().enumerate() {
            let mut prev = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let cur = row[j + 1];
                row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
                prev = cur;
            }
        }
        row[b.len()]
    }
    known
        .iter()
        .map(|k| (distance(name, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.chars().count() / 3))
        .min()
        .map(|(_, k)| k)
}

/// The shape of a scenario whose checks passed: path lengths and score range
/// from `start` to the endings.
fn shape(def: &Definition) -> Shape {
    let graph = Graph::new(def);
    let mut shape = Shape {
        nodes: def.nodes.len(),
        endings: def.endings.len(),
        ..Shape::default()
    };
    let Some(start) = def.start.as_deref().and_then(|s| graph.index(s)) else {
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
        for s in &def.skills {
            let (_, b) = simple_paths(&graph, start, &|c: &Choice| {
                c.skills.get(s).copied().unwrap_or(0)
            });
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
        for s in &def.skills {
            let (_, b) = dag_extremes(&graph, start, &order, &|c: &Choice| {
                c.skills.get(s).copied().unwrap_or(0)
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
        serde_yaml::from_str(yaml).expect("test scenario parses")
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

    #[test]
    fn suggestions_only_for_close_names() {
        assert_eq!(closest("detials", &["open", "details"]), Some("details"));
        assert_eq!(closest("zzz", &["open", "details"]), None);
    }
}
