//! The `quiz` block and graded quiz pages: parsing one question into a typed
//! [`Question`] (seven types), every check a trainer can fail (pointing into the
//! `.md` file), the deterministic build-time shuffle, the course-wide checks (unique
//! ids, exam pools) and the HTML a trainee sees. Grading happens in the browser
//! (`static/quiz-grading.js`, `static/quiz.js`); the rules are in `docs/quizzes.md`.

use super::{definition_hash, json_for_script, Block, BlockCtx, PageBlocks, RenderCtx};
use crate::content::{Course, Page};
use crate::diagnostics::{Diagnostics, Pos};
use crate::markdown;
use crate::yaml::{Embedded, YamlMap};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::json;
use std::collections::HashMap;

/// The question types, as written after `type:`.
pub const TYPES: &[&str] = &[
    "single",
    "multiple",
    "truefalse",
    "fill",
    "order",
    "match",
    "numeric",
];

/// A blank in a `fill` prompt.
pub const BLANK: &str = "___";

/// Marks where blank `n` stands while the prompt goes through Markdown; private-use
/// characters, so no Markdown syntax or trainer text can produce them.
const BLANK_TOKEN: char = '\u{E000}';

/// A text field that may be written as a YAML number (`text: 100`) or string.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match serde_yaml::Value::deserialize(d)? {
            serde_yaml::Value::String(s) => Ok(Text(s)),
            serde_yaml::Value::Number(n) => Ok(Text(n.to_string())),
            serde_yaml::Value::Bool(b) => Ok(Text(b.to_string())),
            _ => Err(D::Error::custom("invalid type: expected text")),
        }
    }
}

/// One question as written; every field optional so that each missing or misplaced
/// one gets its own message. This is also what the definition hash covers.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<Text>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    prompt: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hint: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    explanation: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    points: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    shuffle: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    partial: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    options: Option<Vec<RawOption>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    answer: Option<serde_yaml::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    answers: Option<Vec<serde_yaml::Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    items: Option<Vec<Text>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pairs: Option<Vec<RawPair>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tolerance: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    range: Option<Vec<f64>>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    text: Text,
    #[serde(default)]
    correct: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    feedback: Option<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawPair {
    left: Text,
    right: Text,
}

/// An option of a `single` or `multiple` question.
#[derive(Clone, Debug, Serialize)]
pub struct Choice {
    pub text: String,
    pub correct: bool,
    pub feedback: Option<String>,
}

/// What a question asks, by type.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Kind {
    Single {
        options: Vec<Choice>,
    },
    Multiple {
        options: Vec<Choice>,
    },
    Truefalse {
        answer: bool,
    },
    Fill {
        answers: Vec<Vec<String>>,
    },
    Order {
        items: Vec<String>,
    },
    Match {
        pairs: Vec<(String, String)>,
    },
    Numeric {
        low: f64,
        high: f64,
        answer: Option<f64>,
        tolerance: f64,
    },
}

impl Kind {
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Single { .. } => "single",
            Kind::Multiple { .. } => "multiple",
            Kind::Truefalse { .. } => "truefalse",
            Kind::Fill { .. } => "fill",
            Kind::Order { .. } => "order",
            Kind::Match { .. } => "match",
            Kind::Numeric { .. } => "numeric",
        }
    }
}

/// A parsed, checked question.
#[derive(Clone, Debug, Serialize)]
pub struct Question {
    pub id: String,
    /// Whether the trainer wrote the `id` (a default id moves when questions are inserted).
    pub explicit_id: bool,
    pub kind: Kind,
    pub prompt: String,
    pub hint: Option<String>,
    pub explanation: Option<String>,
    pub points: f64,
    pub shuffle: bool,
    pub partial: bool,
    /// On a graded quiz page: answered with the page's one submit.
    pub graded: bool,
    /// Hash of the definition: saved answers to an edited question are dropped.
    pub hash: String,
    /// Build-time display order of options, items or right-hand sides (indices
    /// into the written order).
    pub display: Vec<usize>,
    /// Where the `id` (or, without one, the fence) stands, for duplicate-id messages.
    #[serde(skip)]
    pub pos: Pos,
}

/// The fields each type takes besides the common ones.
fn type_fields(kind: &str) -> &'static [&'static str] {
    match kind {
        "single" => &["options", "shuffle"],
        "multiple" => &["options", "shuffle", "partial"],
        "truefalse" => &["answer"],
        "fill" => &["answers"],
        "order" => &["items", "partial"],
        "match" => &["pairs"],
        "numeric" => &["answer", "tolerance", "range"],
        _ => &[],
    }
}

const COMMON: &[&str] = &["id", "type", "prompt", "hint", "explanation", "points"];

impl Raw {
    /// The type-specific fields present, for "does not belong" checks.
    fn present(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        let fields: [(&'static str, bool); 9] = [
            ("options", self.options.is_some()),
            ("answer", self.answer.is_some()),
            ("answers", self.answers.is_some()),
            ("items", self.items.is_some()),
            ("pairs", self.pairs.is_some()),
            ("tolerance", self.tolerance.is_some()),
            ("range", self.range.is_some()),
            ("partial", self.partial.is_some()),
            ("shuffle", self.shuffle.is_some()),
        ];
        for (name, there) in fields {
            if there {
                v.push(name);
            }
        }
        v
    }
}

/// Collects a question's problems with the block's positions at hand.
struct Checker<'a> {
    emb: Embedded<'a>,
    map: YamlMap,
    diags: &'a mut Diagnostics,
    errors: usize,
}

impl Checker<'_> {
    fn error(&mut self, pos: Pos, message: impl Into<String>, hint: Option<String>) {
        let d = self.emb.error(pos, message);
        self.diags.push(match hint {
            Some(h) => d.hint(h),
            None => d,
        });
        self.errors += 1;
    }

    /// The block's first line, for problems with the block as a whole.
    fn start(&self) -> Pos {
        self.emb.to_file_pos(1, 1)
    }

    fn key(&self, path: &str) -> Pos {
        self.map.key(path)
    }

    fn value(&self, path: &str) -> Pos {
        self.map.value(path)
    }
}

/// Number of `___` blanks: runs of exactly three underscores.
pub fn count_blanks(prompt: &str) -> usize {
    split_blanks(prompt).len() - 1
}

/// The prompt's text around its blanks.
fn split_blanks(prompt: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let bytes = prompt.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'_' {
            let run = bytes[i..].iter().take_while(|&&b| b == b'_').count();
            if run == 3 {
                parts.push(&prompt[start..i]);
                start = i + 3;
            }
            i += run;
        } else {
            i += 1;
        }
    }
    parts.push(&prompt[start..]);
    parts
}

/// An accepted `fill` answer written as a string or number.
fn scalar_text(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl Question {
    pub fn parse(ctx: &BlockCtx, diags: &mut Diagnostics) -> Option<Self> {
        let raw: Raw = match ctx.emb.parse("quiz block") {
            Ok(r) => r,
            Err(mut d) => {
                // serde names our private struct; say what a block looks like instead.
                if d.hint.as_deref().is_some_and(|h| h.contains("struct Raw")) {
                    d.hint = Some("a quiz block holds one question as `key: value` lines, e.g. `type: single`, `prompt: ...`, `options: [...]`".into());
                }
                diags.push(d);
                return None;
            }
        };
        let mut c = Checker {
            emb: ctx.emb,
            map: ctx.emb.map(),
            diags,
            errors: 0,
        };
        let kind_name = match raw.kind.as_deref() {
            None => {
                let pos = c.start();
                c.error(
                    pos,
                    "quiz question has no `type`",
                    Some(format!("add `type:` with one of {}", TYPES.join(", "))),
                );
                return None;
            }
            Some(k) if !TYPES.contains(&k) => {
                let pos = c.value("type");
                c.error(
                    pos,
                    format!("unknown question type `{k}`"),
                    Some(format!("known types: {}", TYPES.join(", "))),
                );
                return None;
            }
            Some(k) => k,
        };

        // Fields that belong to another type.
        let allowed = type_fields(kind_name);
        for field in raw.present() {
            if allowed.contains(&field) {
                continue;
            }
            let hint = match field {
                "shuffle" if matches!(kind_name, "order" | "match") => {
                    "order items and match right-hand sides are always shuffled, so that the page never shows the answer".to_string()
                }
                "partial" => "`partial` applies to `multiple` and `order` questions".to_string(),
                _ => format!(
                    "a `{kind_name}` question takes {}",
                    COMMON.iter().chain(allowed).map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
                ),
            };
            let pos = c.key(field);
            c.error(
                pos,
                format!("`{field}` is not a field of a `{kind_name}` question"),
                Some(hint),
            );
        }

        let prompt = match &raw.prompt {
            Some(p) if !p.0.trim().is_empty() => p.0.clone(),
            Some(_) => {
                let pos = c.value("prompt");
                c.error(pos, "the question's `prompt` is empty", None);
                String::new()
            }
            None => {
                let pos = c.start();
                c.error(
                    pos,
                    "quiz question has no `prompt`",
                    Some("add `prompt:` with the question the trainee reads".into()),
                );
                String::new()
            }
        };
        let points = match raw.points {
            Some(p) if !(p.is_finite() && p > 0.0) => {
                let pos = c.value("points");
                c.error(
                    pos,
                    format!("`points` must be more than 0, not {p}"),
                    Some("leave it out for 1 point".into()),
                );
                1.0
            }
            Some(p) => p,
            None => 1.0,
        };
        let (id, explicit_id, pos) = match &raw.id {
            Some(t) if t.0.trim().is_empty() => {
                let pos = c.value("id");
                c.error(
                    pos,
                    "the question's `id` is empty",
                    Some(
                        "ids key saved answers: use a short stable name such as `greeting-1`"
                            .into(),
                    ),
                );
                (String::new(), true, pos)
            }
            Some(t) => (t.0.trim().to_string(), true, c.value("id")),
            None => (
                format!("{}/{}#{}", ctx.module, ctx.page, ctx.index),
                false,
                ctx.fence,
            ),
        };
        if ctx.graded && !explicit_id {
            let d = ctx
                .emb
                .warning(ctx.fence, format!("graded question has no `id`; it is saved as `{id}`, which changes when a question is inserted above it"))
                .hint("add a stable `id:` (e.g. `id: refund-policy-1`) so trainees keep their answers when the quiz is edited");
            c.diags.push(d);
        }

        let kind = check_kind(kind_name, &raw, &prompt, &mut c);
        if c.errors > 0 {
            return None;
        }
        let kind = kind?;
        let shuffle = raw.shuffle.unwrap_or(true);
        let display = match &kind {
            Kind::Single { options } | Kind::Multiple { options } if shuffle => {
                shuffled(options.len(), &id)
            }
            Kind::Single { options } | Kind::Multiple { options } => (0..options.len()).collect(),
            Kind::Order { items } => shuffled(items.len(), &id),
            Kind::Match { pairs } => shuffled(pairs.len(), &id),
            _ => Vec::new(),
        };
        Some(Question {
            hash: definition_hash(&raw),
            explicit_id,
            kind,
            prompt,
            hint: raw.hint.map(|t| t.0).filter(|h| !h.trim().is_empty()),
            explanation: raw
                .explanation
                .map(|t| t.0)
                .filter(|h| !h.trim().is_empty()),
            points,
            shuffle,
            partial: raw.partial.unwrap_or(false),
            graded: ctx.graded,
            display,
            pos,
            id,
        })
    }

    pub fn render(&self, r: &RenderCtx) -> Result<String, tera::Error> {
        r.render("quiz", &self.view())
    }

    /// Renders with the Markdown links of its text fields rewritten to site URLs
    /// (`links`: destination as written → URL relative to the page shown).
    pub fn render_linked(
        &self,
        r: &RenderCtx,
        links: &HashMap<String, String>,
    ) -> Result<String, tera::Error> {
        if links.is_empty() {
            return self.render(r);
        }
        let relink = |text: &mut String| {
            if !text.contains("](") {
                return;
            }
            for (dest, url) in links {
                *text = text
                    .replace(&format!("]({dest})"), &format!("]({url})"))
                    .replace(&format!("]({dest} "), &format!("]({url} "))
                    .replace(&format!("](<{dest}>"), &format!("](<{url}>"));
            }
        };
        let mut q = self.clone();
        relink(&mut q.prompt);
        for f in [&mut q.hint, &mut q.explanation].into_iter().flatten() {
            relink(f);
        }
        match &mut q.kind {
            Kind::Single { options } | Kind::Multiple { options } => {
                for o in options {
                    relink(&mut o.text);
                    if let Some(f) = &mut o.feedback {
                        relink(f);
                    }
                }
            }
            Kind::Match { pairs } => {
                for (l, _) in pairs {
                    relink(l);
                }
            }
            _ => {}
        }
        q.render(r)
    }

    /// A DOM id prefix that is unique on a page and safe in attributes.
    fn dom_id(&self) -> String {
        let safe: String = self
            .id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '-'
                }
            })
            .take(40)
            .collect();
        format!(
            "q-{safe}-{}",
            &crate::theme::short_hash(self.id.as_bytes())[..6]
        )
    }

    /// What the template and the browser get.
    fn view(&self) -> serde_json::Value {
        let dom = self.dom_id();
        let feedback = |f: &Option<String>| f.as_deref().map(markdown::inline);
        let inline_prompt = markdown::inline(&self.prompt);
        let prompt_is_inline = ![
            "<p",
            "<ul",
            "<ol",
            "<pre",
            "<blockquote",
            "<table",
            "<h",
            "<div",
            "<hr",
        ]
        .iter()
        .any(|t| inline_prompt.contains(t));
        let mut view = json!({
            "dom": dom,
            "id": self.id,
            "type": self.kind.name(),
            "points": self.points,
            "graded": self.graded,
            "prompt_inline": if prompt_is_inline && !matches!(self.kind, Kind::Fill { .. }) { Some(&inline_prompt) } else { None },
            "prompt_html": markdown::block(&self.prompt),
            "hint_html": self.hint.as_deref().map(markdown::block),
        });
        // Data for the browser: everything needed to grade and explain.
        let mut data = json!({
            "id": self.id,
            "hash": self.hash,
            "type": self.kind.name(),
            "points": self.points,
            "partial": self.partial,
            "shuffle": self.shuffle,
            "graded": self.graded,
            "explanation": self.explanation.as_deref().map(markdown::block),
        });
        match &self.kind {
            Kind::Single { options } | Kind::Multiple { options } => {
                view["options"] = self
                    .display
                    .iter()
                    .filter_map(|&i| {
                        options
                            .get(i)
                            .map(|o| json!({"index": i, "html": markdown::inline(&o.text)}))
                    })
                    .collect();
                data["correct"] = options.iter().map(|o| o.correct).collect();
                data["feedback"] = options.iter().map(|o| feedback(&o.feedback)).collect();
                data["texts"] = options.iter().map(|o| markdown::plain(&o.text)).collect();
            }
            Kind::Truefalse { answer } => {
                data["answer"] = json!(answer);
            }
            Kind::Fill { answers } => {
                let marked = {
                    let parts = split_blanks(&self.prompt);
                    let mut s = String::new();
                    for (i, p) in parts.iter().enumerate() {
                        if i > 0 {
                            s.push(BLANK_TOKEN);
                        }
                        s.push_str(p);
                    }
                    s
                };
                let html = markdown::block(&marked);
                view["prompt_parts"] = html.split(BLANK_TOKEN).collect();
                data["answers"] = json!(answers);
            }
            Kind::Order { items } => {
                view["items"] = self
                    .display
                    .iter()
                    .filter_map(|&i| {
                        items
                            .get(i)
                            .map(|t| json!({"index": i, "text": markdown::plain(t)}))
                    })
                    .collect();
                data["count"] = json!(items.len());
                data["texts"] = items.iter().map(|t| markdown::plain(t)).collect();
            }
            Kind::Match { pairs } => {
                view["lefts"] = pairs.iter().map(|(l, _)| markdown::inline(l)).collect();
                view["rights"] = self
                    .display
                    .iter()
                    .filter_map(|&i| {
                        pairs
                            .get(i)
                            .map(|(_, r)| json!({"index": i, "text": markdown::plain(r)}))
                    })
                    .collect();
                data["count"] = json!(pairs.len());
                data["texts"] = pairs.iter().map(|(_, r)| markdown::plain(r)).collect();
            }
            Kind::Numeric {
                low,
                high,
                answer,
                tolerance,
            } => {
                data["low"] = json!(low);
                data["high"] = json!(high);
                data["answer"] = json!(answer);
                data["tolerance"] = json!(tolerance);
            }
        }
        view["json"] = json!(json_for_script(&data));
        view
    }
}

/// Type-specific checks; `None` when the question cannot be built.
fn check_kind(kind: &str, raw: &Raw, prompt: &str, c: &mut Checker) -> Option<Kind> {
    let need = |c: &mut Checker, field: &str, example: &str| {
        let pos = c.start();
        c.error(
            pos,
            format!("a `{kind}` question needs `{field}`"),
            Some(format!("for example: {example}")),
        );
    };
    match kind {
        "single" | "multiple" => {
            let Some(options) = &raw.options else {
                need(
                    c,
                    "options",
                    "`options: [{text: Yes, correct: true}, {text: No}]`",
                );
                return None;
            };
            if options.len() < 2 {
                let pos = c.value("options");
                c.error(
                    pos,
                    format!(
                        "a `{kind}` question needs at least 2 options, this one has {}",
                        options.len()
                    ),
                    None,
                );
            }
            for (i, o) in options.iter().enumerate() {
                if o.text.0.trim().is_empty() {
                    let pos = c.value(&format!("options[{i}].text"));
                    c.error(pos, format!("option {} has no text", i + 1), None);
                }
            }
            let correct: Vec<usize> = options
                .iter()
                .enumerate()
                .filter(|(_, o)| o.correct)
                .map(|(i, _)| i)
                .collect();
            if correct.is_empty() && !options.is_empty() {
                let pos = c.key("options");
                c.error(
                    pos,
                    "quiz option list has no correct answer",
                    Some("mark the right option with `correct: true`".into()),
                );
            }
            if kind == "single" && correct.len() > 1 {
                let pos = c.key(&format!("options[{}].correct", correct[1]));
                c.error(
                    pos,
                    format!("a `single` question has exactly one correct option, this one has {}", correct.len()),
                    Some("keep one `correct: true`, or use `type: multiple` when several options are right".into()),
                );
            }
            if kind == "multiple" && correct.len() == options.len() && options.len() > 1 {
                // Allowed by the format, but almost always a slip.
                let d = c
                    .emb
                    .warning(c.key("options"), "every option of this `multiple` question is correct")
                    .hint("a question where ticking everything is right tests little: add a wrong option");
                c.diags.push(d);
            }
            let choices = options
                .iter()
                .map(|o| Choice {
                    text: o.text.0.clone(),
                    correct: o.correct,
                    feedback: o.feedback.as_ref().map(|f| f.0.clone()),
                })
                .collect();
            Some(if kind == "single" {
                Kind::Single { options: choices }
            } else {
                Kind::Multiple { options: choices }
            })
        }
        "truefalse" => match &raw.answer {
            Some(serde_yaml::Value::Bool(b)) => Some(Kind::Truefalse { answer: *b }),
            Some(_) => {
                let pos = c.value("answer");
                c.error(pos, "a `truefalse` answer must be `true` or `false`", None);
                None
            }
            None => {
                need(c, "answer", "`answer: true`");
                None
            }
        },
        "fill" => {
            let blanks = count_blanks(prompt);
            if blanks == 0 && !prompt.is_empty() {
                let pos = c.value("prompt");
                c.error(
                    pos,
                    "a `fill` prompt has no `___` blank",
                    Some("write exactly three underscores `___` where the trainee types".into()),
                );
            }
            let Some(answers) = &raw.answers else {
                need(
                    c,
                    "answers",
                    "`answers: [[退款, 退货]]` (one list of accepted answers per blank)",
                );
                return None;
            };
            let mut lists = Vec::new();
            for (i, a) in answers.iter().enumerate() {
                let list: Option<Vec<String>> = match a {
                    serde_yaml::Value::Sequence(s) => s.iter().map(scalar_text).collect(),
                    other => scalar_text(other).map(|t| vec![t]),
                };
                match list {
                    Some(l) if !l.is_empty() && l.iter().all(|t| !t.trim().is_empty()) => {
                        lists.push(l)
                    }
                    Some(_) => {
                        let pos = c.value(&format!("answers[{i}]"));
                        c.error(
                            pos,
                            format!("blank {} has no accepted answer", i + 1),
                            Some("list at least one non-empty answer for every blank".into()),
                        );
                    }
                    None => {
                        let pos = c.value(&format!("answers[{i}]"));
                        c.error(
                            pos,
                            format!("the accepted answers for blank {} must be text", i + 1),
                            Some("write `[answer, other accepted answer]`".into()),
                        );
                    }
                }
            }
            if blanks > 0 && answers.len() != blanks {
                let pos = c.key("answers");
                c.error(
                    pos,
                    format!("the prompt has {} but `answers` has {}", plural(blanks, "blank", "blanks"), plural(answers.len(), "list", "lists")),
                    Some("give one list of accepted answers per `___`, in order: `answers: [[first], [second]]`".into()),
                );
            }
            Some(Kind::Fill { answers: lists })
        }
        "order" => {
            let Some(items) = &raw.items else {
                need(
                    c,
                    "items",
                    "`items: [first step, second step, third step]` (in the right order)",
                );
                return None;
            };
            if items.len() < 2 {
                let pos = c.value("items");
                c.error(
                    pos,
                    format!(
                        "an `order` question needs at least 2 items, this one has {}",
                        items.len()
                    ),
                    None,
                );
            }
            check_unique(
                c,
                items.iter().map(|t| t.0.as_str()),
                |i| format!("items[{i}]"),
                "order item",
            );
            Some(Kind::Order {
                items: items.iter().map(|t| t.0.clone()).collect(),
            })
        }
        "match" => {
            let Some(pairs) = &raw.pairs else {
                need(
                    c,
                    "pairs",
                    "`pairs: [{left: 愤怒, right: 先安抚}, {left: 犹豫, right: 给选择}]`",
                );
                return None;
            };
            if pairs.len() < 2 {
                let pos = c.value("pairs");
                c.error(
                    pos,
                    format!(
                        "a `match` question needs at least 2 pairs, this one has {}",
                        pairs.len()
                    ),
                    None,
                );
            }
            check_unique(
                c,
                pairs.iter().map(|p| p.left.0.as_str()),
                |i| format!("pairs[{i}].left"),
                "left side",
            );
            check_unique(
                c,
                pairs.iter().map(|p| p.right.0.as_str()),
                |i| format!("pairs[{i}].right"),
                "right side",
            );
            Some(Kind::Match {
                pairs: pairs
                    .iter()
                    .map(|p| (p.left.0.clone(), p.right.0.clone()))
                    .collect(),
            })
        }
        "numeric" => {
            let answer = match &raw.answer {
                None => None,
                Some(v) => match v.as_f64() {
                    Some(n) if n.is_finite() => Some(n),
                    _ => {
                        let pos = c.value("answer");
                        c.error(pos, "a `numeric` answer must be a number", None);
                        return None;
                    }
                },
            };
            let tolerance = raw.tolerance.unwrap_or(0.0);
            if !tolerance.is_finite() {
                let pos = c.value("tolerance");
                c.error(pos, "`tolerance` must be a number", None);
            } else if tolerance < 0.0 {
                let pos = c.value("tolerance");
                c.error(pos, format!("`tolerance` cannot be negative ({tolerance})"), Some("the tolerance is how far either side of `answer` still counts: `tolerance: 0.5`".into()));
            }
            match (answer, &raw.range) {
                (Some(_), Some(_)) => {
                    let pos = c.key("range");
                    c.error(
                        pos,
                        "a `numeric` question has both `answer` and `range`",
                        Some(
                            "give `answer` (with `tolerance`) or `range: [low, high]`, not both"
                                .into(),
                        ),
                    );
                    None
                }
                (None, None) => {
                    need(
                        c,
                        "answer",
                        "`answer: 5` with `tolerance: 0.5`, or `range: [5, 6]`",
                    );
                    None
                }
                (Some(a), None) => Some(Kind::Numeric {
                    low: a - tolerance,
                    high: a + tolerance,
                    answer: Some(a),
                    tolerance,
                }),
                (None, Some(r)) => {
                    if raw.tolerance.is_some() {
                        let pos = c.key("tolerance");
                        c.error(
                            pos,
                            "`tolerance` applies to `answer`, not to `range`",
                            Some("widen the range instead".into()),
                        );
                    }
                    if r.len() != 2 {
                        let pos = c.value("range");
                        c.error(
                            pos,
                            format!(
                                "`range` needs two numbers, low and high; it has {}",
                                r.len()
                            ),
                            Some("`range: [5, 6]`".into()),
                        );
                        return None;
                    }
                    let (low, high) = (r[0], r[1]);
                    if !(low.is_finite() && high.is_finite()) {
                        let pos = c.value("range");
                        c.error(
                            pos,
                            "`range` needs two numbers, low and high",
                            Some("`range: [5, 6]`".into()),
                        );
                    } else if low > high {
                        let pos = c.value("range");
                        c.error(
                            pos,
                            format!("`range` goes from {low} down to {high}"),
                            Some(format!("write the low end first: `range: [{high}, {low}]`")),
                        );
                    }
                    Some(Kind::Numeric {
                        low,
                        high,
                        answer: None,
                        tolerance: 0.0,
                    })
                }
            }
        }
        _ => None,
    }
}

fn check_unique<'t>(
    c: &mut Checker,
    texts: impl Iterator<Item = &'t str>,
    path: impl Fn(usize) -> String,
    what: &str,
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, t) in texts.enumerate() {
        let key = t.trim();
        if let Some(first) = seen.get(key) {
            let pos = c.value(&path(i));
            c.error(
                pos,
                format!("{what} `{key}` appears twice"),
                Some(format!(
                    "it is also number {}; every {what} must differ so the answer is unambiguous",
                    first + 1
                )),
            );
        } else {
            seen.insert(key, i);
        }
    }
}

/// A permutation of `0..n` seeded from `seed`, never the identity when `n >= 2`, so
/// the page never shows the answer order. The same seed gives the same order on
/// every build.
pub fn shuffled(n: usize, seed: &str) -> Vec<usize> {
    let mut state = xxhash_rust::xxh3::xxh3_64(seed.as_bytes());
    let mut next = move || {
        // SplitMix64: small, well mixed and stable across platforms.
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut v: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
    if n >= 2 && v.iter().enumerate().all(|(i, &x)| i == x) {
        v.rotate_left(1);
    }
    v
}

/// The `quiz:` settings of a graded quiz page's front matter.
#[derive(Clone, Debug, Default, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizSettings {
    pub pass_mark: Option<i64>,
    pub draw: Option<i64>,
    pub from: Option<serde_yaml::Value>,
    pub attempts: Option<i64>,
    pub reveal: Option<String>,
}

/// Where a graded page draws its questions from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum From {
    Page,
    Course,
    Modules(Vec<String>),
}

pub const REVEALS: &[&str] = &["after-submit", "after-pass", "never"];

impl QuizSettings {
    /// The pool's source; `None` when `from` is malformed (reported by [`check_settings`]).
    pub fn from(&self) -> Option<From> {
        match &self.from {
            None => Some(From::Page),
            Some(serde_yaml::Value::String(s)) if s == "page" => Some(From::Page),
            Some(serde_yaml::Value::String(s)) if s == "course" => Some(From::Course),
            Some(serde_yaml::Value::Sequence(list)) => list
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .map(From::Modules),
            Some(_) => None,
        }
    }
}

/// The front matter of a page as an embedded YAML snippet, for positions.
fn front_matter(page: &Page) -> Option<Embedded<'_>> {
    let text = page.text.as_str();
    let first_end = text.find('\n')?;
    let start = first_end + 1;
    let end = page.body_start.min(text.len());
    let yaml_region = &text[start..end];
    // The region ends with the closing `---` line; cut it off.
    let close = yaml_region
        .trim_end_matches(['\n', '\r'])
        .rfind('\n')
        .map_or(0, |i| i + 1);
    Some(Embedded::new(page.source(), &yaml_region[..close], 2))
}

/// The questions a graded page's pool holds, in course order.
pub fn pool<'p>(
    page: &Page,
    settings: &QuizSettings,
    pages: &'p [PageBlocks<'p>],
) -> Vec<&'p Question> {
    let from = settings.from().unwrap_or(From::Page);
    let mut out = Vec::new();
    for pb in pages {
        let own = std::ptr::eq(pb.page, page) || pb.page.url == page.url;
        let take = match &from {
            From::Page => own,
            // An exam draws from the graded pages that are quizzes of their own
            // (never from another exam, which would count questions twice) and from
            // any questions written on the exam page itself.
            From::Course => own || is_page_quiz(pb.page),
            From::Modules(list) => {
                own || (is_page_quiz(pb.page) && list.iter().any(|m| m == pb.module))
            }
        };
        if !take {
            continue;
        }
        for b in pb.blocks.iter().flatten() {
            if let Block::Quiz(q) = b {
                out.push(q);
            }
        }
    }
    out
}

/// A graded page whose pool is its own questions.
fn is_page_quiz(p: &Page) -> bool {
    p.front
        .quiz
        .as_ref()
        .is_some_and(|s| s.from() == Some(From::Page))
}

/// Course-wide checks: unique ids, graded-page settings and exam pools.
pub fn check_course(course: &Course, pages: &[PageBlocks], diags: &mut Diagnostics) {
    let mut seen: HashMap<&str, (&Page, Pos)> = HashMap::new();
    for pb in pages {
        for b in pb.blocks.iter().flatten() {
            let Block::Quiz(q) = b else { continue };
            if let Some((first, pos)) = seen.get(q.id.as_str()) {
                diags.push(
                    pb.page
                        .source()
                        .error(q.pos, format!("question id `{}` is already used", q.id))
                        .hint(format!(
                            "first used at {}:{}; ids key saved answers and exam pools, so each must be unique in the course",
                            first.path.display(),
                            pos.line
                        )),
                );
            } else {
                seen.insert(&q.id, (pb.page, q.pos));
            }
        }
    }
    let modules: Vec<&str> = course.modules.iter().map(|m| m.slug.as_str()).collect();
    for pb in pages {
        let Some(settings) = &pb.page.front.quiz else {
            empty_settings(pb.page, diags);
            continue;
        };
        check_settings(pb.page, settings, &modules, pages, diags);
    }
}

/// `quiz:` with nothing after it reads as "no quiz"; the trainer surely meant a
/// graded page with the defaults, so say how to write that.
fn empty_settings(page: &Page, diags: &mut Diagnostics) {
    let Some(emb) = front_matter(page) else {
        return;
    };
    let Some(i) = emb.yaml.lines().position(|l| {
        l.strip_prefix("quiz:")
            .is_some_and(|rest| matches!(rest.trim(), "" | "~" | "null"))
    }) else {
        return;
    };
    diags.push(
        page.source()
            .error(
                emb.to_file_pos(i + 1, 1),
                "`quiz:` is empty, so this page is not a graded quiz",
            )
            .hint(
                "write `quiz: {}` for a graded quiz with the default settings, or remove the line",
            ),
    );
}

fn check_settings(
    page: &Page,
    s: &QuizSettings,
    modules: &[&str],
    pages: &[PageBlocks],
    diags: &mut Diagnostics,
) {
    let Some(emb) = front_matter(page) else {
        return;
    };
    let map = emb.map();
    let src = page.source();
    let mut bad = false;
    if let Some(p) = s.pass_mark {
        if !(0..=100).contains(&p) {
            diags.push(
                src.error(
                    map.value("quiz.pass_mark"),
                    format!("`pass_mark` must be a percentage from 0 to 100, not {p}"),
                )
                .hint("leave it out to use the course's `pass_mark`"),
            );
        }
    }
    if let Some(a) = s.attempts {
        if a < 0 {
            diags.push(
                src.error(
                    map.value("quiz.attempts"),
                    format!("`attempts` cannot be negative ({a})"),
                )
                .hint("`attempts: 0` (the default) allows unlimited attempts"),
            );
        }
    }
    if let Some(r) = &s.reveal {
        if !REVEALS.contains(&r.as_str()) {
            diags.push(
                src.error(
                    map.value("quiz.reveal"),
                    format!("unknown `reveal` value `{r}`"),
                )
                .hint(format!("known values: {}", REVEALS.join(", "))),
            );
        }
    }
    if let Some(d) = s.draw {
        if d < 1 {
            diags.push(
                src.error(
                    map.value("quiz.draw"),
                    format!("`draw` must be at least 1, not {d}"),
                )
                .hint("leave `draw` out to ask every question"),
            );
            bad = true;
        }
    }
    match s.from() {
        None => {
            diags.push(
                src.error(
                    map.value("quiz.from"),
                    "`from` must be `page`, `course` or a list of module slugs",
                )
                .hint("e.g. `from: course` or `from: [service-concepts, complaints]`"),
            );
            return;
        }
        Some(From::Modules(list)) => {
            for (i, m) in list.iter().enumerate() {
                if !modules.contains(&m.as_str()) {
                    diags.push(
                        src.error(
                            map.value(&format!("quiz.from[{i}]")),
                            format!("`from` names no module `{m}`"),
                        )
                        .hint(format!("module slugs: {}", modules.join(", "))),
                    );
                    bad = true;
                }
            }
            if list.is_empty() {
                diags.push(
                    src.error(map.value("quiz.from"), "`from` lists no modules")
                        .hint("name at least one module slug, or use `from: course`"),
                );
                return;
            }
        }
        Some(_) => {}
    }
    if bad {
        return;
    }
    let pool = pool(page, s, pages);
    if pool.is_empty() {
        let (msg, hint) = match s.from() {
            Some(From::Page) | None => (
                "graded quiz page has no questions".to_string(),
                "add ```quiz blocks to the page, or draw from other pages with `from: course`".to_string(),
            ),
            _ => (
                "graded quiz page has no questions to draw from".to_string(),
                "an exam draws from the questions of graded quiz pages (`quiz:` with `from: page`); drafts are left out".to_string(),
            ),
        };
        diags.push(src.error(map.key("quiz"), msg).hint(hint));
        return;
    }
    if let Some(d) = s.draw {
        if d as usize > pool.len() {
            diags.push(
                src.error(
                    map.value("quiz.draw"),
                    format!(
                        "`draw: {d}` is more than the {} in the pool",
                        plural(pool.len(), "question", "questions")
                    ),
                )
                .hint(format!("draw at most {} or add questions", pool.len())),
            );
        }
    }
}

/// `dir/url` with `..` and `.` resolved: a page-relative URL as a site path.
fn join_site_path(dir: &str, url: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for seg in url.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The settings a graded page runs with, defaults filled in.
#[derive(Serialize)]
struct PageQuiz<'a> {
    id: String,
    hash: String,
    pass_mark: i64,
    draw: Option<i64>,
    attempts: i64,
    reveal: &'a str,
    pool: Vec<&'a str>,
    total: usize,
}

/// Finishes a page's content: a graded page becomes one quiz with one submit, and
/// a page with questions gets the UI strings the browser needs, once.
///
/// `links` holds each page's resolved links, aligned with `pages`: exam questions
/// from other pages keep their links working from the exam page.
pub fn finish_page(
    r: &RenderCtx,
    course: &Course,
    page: &Page,
    pages: &[PageBlocks],
    links: &[&HashMap<String, String>],
    content: String,
) -> Result<String, tera::Error> {
    let graded = page.front.quiz.is_some();
    let mut out = match &page.front.quiz {
        Some(settings) => render_page(r, course, page, settings, pages, links, content)?,
        None => content,
    };
    if graded || out.contains("class=\"quiz quiz-") {
        let strings: serde_json::Map<String, serde_json::Value> = r
            .base
            .get("t")
            .and_then(|t| t.as_object())
            .map(|t| {
                t.iter()
                    .filter(|(k, _)| k.starts_with("quiz_"))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default();
        out.push_str(&r.render(
            "quiz-strings",
            &json!({"json": json_for_script(&strings), "graded": graded}),
        )?);
    }
    Ok(out)
}

/// Wraps a graded page's content into one quiz with one submit; an exam page gets
/// its pool's questions from the other pages appended.
fn render_page(
    r: &RenderCtx,
    course: &Course,
    page: &Page,
    settings: &QuizSettings,
    pages: &[PageBlocks],
    links: &[&HashMap<String, String>],
    content: String,
) -> Result<String, tera::Error> {
    let pool = pool(page, settings, pages);
    let mut extra = String::new();
    // A pool question's links, resolved from its own page, re-aimed from this one.
    let mut rebased: HashMap<&str, HashMap<String, String>> = HashMap::new();
    for (pb, map) in pages.iter().zip(links) {
        if pb.page.url == page.url {
            continue;
        }
        let from_dir = pb.page.url.rsplit_once('/').map_or("", |(d, _)| d);
        let moved: HashMap<String, String> = map
            .iter()
            .filter(|(_, url)| !url.starts_with('#'))
            .map(|(dest, url)| {
                let (path, frag) = url
                    .split_once('#')
                    .map_or((url.as_str(), None), |(p, f)| (p, Some(f)));
                let mut moved =
                    crate::links::relative_url(&page.url, &join_site_path(from_dir, path));
                if let Some(f) = frag {
                    moved = format!("{moved}#{f}");
                }
                (dest.clone(), moved)
            })
            .collect();
        for b in pb.blocks.iter().flatten() {
            if let Block::Quiz(q) = b {
                rebased.insert(q.id.as_str(), moved.clone());
            }
        }
    }
    let own: Vec<&str> = pages
        .iter()
        .filter(|pb| pb.page.url == page.url)
        .flat_map(|pb| pb.blocks.iter().flatten())
        .filter_map(|b| match b {
            Block::Quiz(q) => Some(q.id.as_str()),
            _ => None,
        })
        .collect();
    for q in &pool {
        if !own.contains(&q.id.as_str()) {
            let mut graded = (*q).clone();
            graded.graded = true;
            let empty = HashMap::new();
            let map = rebased.get(q.id.as_str()).unwrap_or(&empty);
            extra.push_str(&graded.render_linked(r, map)?);
        }
    }
    let id = page.url.trim_end_matches(".html").to_string();
    let ids: Vec<&str> = pool.iter().map(|q| q.id.as_str()).collect();
    let reveal = settings.reveal.as_deref().unwrap_or("after-submit");
    let pass_mark = settings.pass_mark.unwrap_or(course.config.course.pass_mark);
    let attempts = settings.attempts.unwrap_or(0);
    // Attempts survive edits to a question's wording (its own saved answer is
    // dropped); changing the rules or the pool starts the quiz afresh.
    let hash = definition_hash(
        &json!({"pass_mark": pass_mark, "draw": settings.draw, "attempts": attempts, "reveal": reveal, "pool": ids}),
    );
    let data = PageQuiz {
        id,
        hash,
        pass_mark,
        draw: settings.draw,
        attempts,
        reveal,
        total: pool.len(),
        pool: ids,
    };
    r.render(
        "quiz-page",
        &json!({
            "json": json_for_script(&data),
            "settings": &data,
            "content": content,
            "extra": extra,
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shuffle_is_stable_and_never_the_answer_order() {
        for n in 2..8 {
            for seed in ["a", "b", "mod/page#1", "退款"] {
                let v = shuffled(n, seed);
                assert_eq!(v, shuffled(n, seed));
                assert_ne!(v, (0..n).collect::<Vec<_>>());
                let mut s = v.clone();
                s.sort();
                assert_eq!(s, (0..n).collect::<Vec<_>>());
            }
        }
        assert_eq!(shuffled(1, "x"), vec![0]);
    }

    #[test]
    fn blanks_are_runs_of_exactly_three_underscores() {
        assert_eq!(count_blanks("a ___ b ___"), 2);
        assert_eq!(count_blanks("snake_case and ____ four"), 0);
        assert_eq!(split_blanks("x___y"), vec!["x", "y"]);
    }
}
