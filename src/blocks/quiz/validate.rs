//! Every check a trainer's question can fail, pointing into the `.md` file, and the
//! typed [`Question`] that comes out when there is none.

use super::schema::*;
use super::{shuffle, text_of, Choice, Kind, Question};
use crate::blocks::{BlockCtx, Fields};
use crate::core::yaml::{At, Embedded, Scalar};
use crate::core::{Diagnostics, Pos};
use std::collections::HashMap;

/// Collects a question's problems with the block at hand.
pub(super) struct Checker<'a, 'd> {
    emb: Embedded<'a>,
    diags: &'d mut Diagnostics,
    errors: usize,
}

impl Checker<'_, '_> {
    pub(super) fn error(&mut self, pos: Pos, message: impl Into<String>, hint: Option<String>) {
        self.diags
            .push(self.emb.error(pos, message).maybe_hint(hint));
        self.errors += 1;
    }

    pub(super) fn warning(&mut self, pos: Pos, message: impl Into<String>, hint: &str) {
        self.diags.push(self.emb.warning(pos, message).hint(hint));
    }

    pub(super) fn start(&self) -> Pos {
        self.emb.start()
    }

    pub(super) fn at<T>(&self, v: &At<T>) -> Pos {
        self.emb.at(v)
    }

    pub(super) fn key<T>(&self, v: &At<T>, key: &str) -> Pos {
        self.emb.key_of(v, key)
    }

    /// `a `kind` question needs `field``, at the block's start.
    pub(super) fn need(&mut self, kind: &str, field: &str, example: &str) {
        let pos = self.start();
        self.error(
            pos,
            format!("a `{kind}` question needs `{field}`"),
            Some(format!("for example: {example}")),
        );
    }
}

pub(super) fn question(
    ctx: &BlockCtx,
    def: QuestionDef,
    fields: &mut Fields,
    diags: &mut Diagnostics,
) -> Option<Question> {
    let mut c = Checker {
        emb: ctx.emb,
        diags,
        errors: 0,
    };
    let common = def.common();
    let prompt = prompt(&mut c, common.prompt);
    let points = points(&mut c, common.points);
    let (id, explicit_id, pos) = id(ctx, &mut c, common.id);
    let hint = text_of(common.hint).map(|h| fields.block(h));
    let explanation = text_of(common.explanation).map(|e| fields.block(e));
    let hash = def.hash();
    let (kind, shuffle_opt, partial) = match &def {
        QuestionDef::Single(d) => (
            choices(&mut c, "single", &d.options, fields),
            d.shuffle,
            None,
        ),
        QuestionDef::Multiple(d) => (
            choices(&mut c, "multiple", &d.options, fields),
            d.shuffle,
            d.partial,
        ),
        QuestionDef::TrueFalse(d) => (truefalse(&mut c, &d.answer), None, None),
        QuestionDef::Fill(d) => (
            super::fill::fill(&mut c, &prompt, common.prompt, &d.answers),
            None,
            None,
        ),
        QuestionDef::Order(d) => (order(&mut c, &d.items), None, d.partial),
        QuestionDef::Match(d) => (matching(&mut c, &d.pairs, fields), None, None),
        QuestionDef::Numeric(d) => (numeric(&mut c, d), None, None),
    };
    if c.errors > 0 {
        return None;
    }
    let kind = kind?;
    let shuffle_on = shuffle_opt.unwrap_or(true);
    let display = match &kind {
        Kind::Single { options } | Kind::Multiple { options } if shuffle_on => {
            shuffle::for_question(options.len(), &id)
        }
        Kind::Single { options } | Kind::Multiple { options } => (0..options.len()).collect(),
        Kind::Order { items } => shuffle::for_question(items.len(), &id),
        Kind::Match { pairs } => shuffle::for_question(pairs.len(), &id),
        _ => Vec::new(),
    };
    let prompt_parts = match kind {
        Kind::Fill { .. } => super::fill::blank_parts(&prompt, fields),
        _ => Vec::new(),
    };
    Some(Question {
        prompt_html: fields.block(&prompt),
        prompt_parts,
        id,
        explicit_id,
        kind,
        prompt,
        hint,
        explanation,
        points,
        shuffle: shuffle_on,
        partial: partial.unwrap_or(false),
        graded: ctx.graded,
        hash,
        display,
        pos,
    })
}

fn prompt(c: &mut Checker, p: Option<&At<String>>) -> String {
    match p {
        Some(p) if !p.trim().is_empty() => p.value.clone(),
        Some(p) => {
            let pos = c.at(p);
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
    }
}

fn points(c: &mut Checker, p: Option<&At<f64>>) -> f64 {
    match p {
        Some(p) if !(p.is_finite() && **p > 0.0) => {
            let pos = c.at(p);
            c.error(
                pos,
                format!("`points` must be more than 0, not {}", p.value),
                Some("leave it out for 1 point".into()),
            );
            1.0
        }
        Some(p) => p.value,
        None => 1.0,
    }
}

/// The question's id: as written, or `<module>/<page>#<n>` (with a warning on a
/// graded page, where the default moves when a question is inserted above).
fn id(ctx: &BlockCtx, c: &mut Checker, id: Option<&At<String>>) -> (String, bool, Pos) {
    let (id, explicit, pos) = match id {
        Some(t) if t.trim().is_empty() => {
            let pos = c.at(t);
            c.error(
                pos,
                "the question's `id` is empty",
                Some("ids key saved answers: use a short stable name such as `greeting-1`".into()),
            );
            (String::new(), true, pos)
        }
        Some(t) => (t.trim().to_string(), true, c.at(t)),
        None => (
            format!("{}/{}#{}", ctx.module, ctx.page, ctx.index),
            false,
            ctx.fence,
        ),
    };
    if ctx.graded && !explicit {
        c.warning(
            ctx.fence,
            format!("graded question has no `id`; it is saved as `{id}`, which changes when a question is inserted above it"),
            &format!(
                "add a stable `id:` (e.g. `id: {}-{}`) so trainees keep their answers when the quiz is edited",
                ctx.page, ctx.index
            ),
        );
    }
    (id, explicit, pos)
}

fn choices(
    c: &mut Checker,
    kind: &str,
    options: &Option<At<Vec<OptionDef>>>,
    fields: &mut Fields,
) -> Option<Kind> {
    let Some(options) = options else {
        c.need(
            kind,
            "options",
            "`options: [{text: Yes, correct: true}, {text: No}]`",
        );
        return None;
    };
    if options.len() < 2 {
        let pos = c.at(options);
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
        if o.text.trim().is_empty() {
            let pos = c.at(&o.text);
            c.error(pos, format!("option {} has no text", i + 1), None);
        }
    }
    let correct: Vec<&OptionDef> = options.iter().filter(|o| *o.correct).collect();
    if correct.is_empty() && !options.is_empty() {
        let pos = c.key(options, "options");
        c.error(
            pos,
            "quiz option list has no correct answer",
            Some("mark the right option with `correct: true`".into()),
        );
    }
    if kind == "single" && correct.len() > 1 {
        let pos = c.key(&correct[1].correct, "correct");
        c.error(
            pos,
            format!(
                "a `single` question has exactly one correct option, this one has {}",
                correct.len()
            ),
            Some(
                "keep one `correct: true`, or use `type: multiple` when several options are right"
                    .into(),
            ),
        );
    }
    if kind == "multiple" && correct.len() == options.len() && options.len() > 1 {
        // Allowed by the format, but almost always a slip.
        let pos = c.key(options, "options");
        c.warning(
            pos,
            "every option of this `multiple` question is correct",
            "a question where ticking everything is right tests little: add a wrong option",
        );
    }
    let list = options
        .iter()
        .map(|o| Choice {
            text: o.text.value.clone(),
            html: fields.inline(&o.text.value),
            correct: *o.correct,
            feedback: super::text_of(o.feedback.as_ref()).map(|f| fields.inline(f)),
            at: c.at(&o.text),
        })
        .collect();
    Some(if kind == "single" {
        Kind::Single { options: list }
    } else {
        Kind::Multiple { options: list }
    })
}

fn truefalse(c: &mut Checker, answer: &Option<At<Scalar>>) -> Option<Kind> {
    match answer {
        Some(a) => match a.value {
            Scalar::Bool(b) => Some(Kind::Truefalse { answer: b }),
            _ => {
                let pos = c.at(a);
                c.error(pos, "a `truefalse` answer must be `true` or `false`", None);
                None
            }
        },
        None => {
            c.need("truefalse", "answer", "`answer: true`");
            None
        }
    }
}

fn order(c: &mut Checker, items: &Option<At<Vec<At<String>>>>) -> Option<Kind> {
    let Some(items) = items else {
        c.need(
            "order",
            "items",
            "`items: [first step, second step, third step]` (in the right order)",
        );
        return None;
    };
    if items.len() < 2 {
        let pos = c.at(items);
        c.error(
            pos,
            format!(
                "an `order` question needs at least 2 items, this one has {}",
                items.len()
            ),
            None,
        );
    }
    let emb = c.emb;
    unique(
        c,
        items.iter().map(|t| (t.as_str(), emb.at(t))),
        "order item",
    );
    Some(Kind::Order {
        items: items.iter().map(|t| t.value.clone()).collect(),
    })
}

fn matching(
    c: &mut Checker,
    pairs: &Option<At<Vec<PairDef>>>,
    fields: &mut Fields,
) -> Option<Kind> {
    let Some(pairs) = pairs else {
        c.need(
            "match",
            "pairs",
            "`pairs: [{left: 愤怒, right: 先安抚}, {left: 犹豫, right: 给选择}]`",
        );
        return None;
    };
    if pairs.len() < 2 {
        let pos = c.at(pairs);
        c.error(
            pos,
            format!(
                "a `match` question needs at least 2 pairs, this one has {}",
                pairs.len()
            ),
            None,
        );
    }
    let emb = c.emb;
    unique(
        c,
        pairs
            .iter()
            .map(|p| (p.left.value.as_str(), emb.at(&p.left))),
        "left side",
    );
    unique(
        c,
        pairs
            .iter()
            .map(|p| (p.right.value.as_str(), emb.at(&p.right))),
        "right side",
    );
    Some(Kind::Match {
        pairs: pairs
            .iter()
            .map(|p| (fields.inline(&p.left.value), p.right.value.clone()))
            .collect(),
    })
}

fn numeric(c: &mut Checker, d: &NumericDef) -> Option<Kind> {
    let answer = match &d.answer {
        None => None,
        Some(a) => match a.as_f64() {
            Some(n) if n.is_finite() => Some(n),
            _ => {
                let pos = c.at(a);
                c.error(pos, "a `numeric` answer must be a number", None);
                return None;
            }
        },
    };
    let tolerance = d.tolerance.as_ref().map_or(0.0, |t| t.value);
    if let Some(t) = &d.tolerance {
        if !t.is_finite() {
            let pos = c.at(t);
            c.error(pos, "`tolerance` must be a number", None);
        } else if t.value < 0.0 {
            let pos = c.at(t);
            c.error(
                pos,
                format!("`tolerance` cannot be negative ({})", t.value),
                Some("the tolerance is how far either side of `answer` still counts: `tolerance: 0.5`".into()),
            );
        }
    }
    match (answer, &d.range) {
        (Some(_), Some(r)) => {
            let pos = c.key(r, "range");
            c.error(
                pos,
                "a `numeric` question has both `answer` and `range`",
                Some("give `answer` (with `tolerance`) or `range: [low, high]`, not both".into()),
            );
            None
        }
        (None, None) => {
            c.need(
                "numeric",
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
        (None, Some(r)) => range(c, d, r),
    }
}

fn range(c: &mut Checker, d: &NumericDef, r: &At<Vec<f64>>) -> Option<Kind> {
    if let Some(t) = &d.tolerance {
        let pos = c.key(t, "tolerance");
        c.error(
            pos,
            "`tolerance` applies to `answer`, not to `range`",
            Some("widen the range instead".into()),
        );
    }
    let pos = c.at(r);
    if r.len() != 2 {
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
        c.error(
            pos,
            "`range` needs two numbers, low and high",
            Some("`range: [5, 6]`".into()),
        );
    } else if low > high {
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

/// Every text of a list must differ, so that the answer is unambiguous.
fn unique<'t>(c: &mut Checker, texts: impl Iterator<Item = (&'t str, Pos)>, what: &str) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, (t, pos)) in texts.enumerate() {
        let key = t.trim();
        if let Some(first) = seen.get(key) {
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
