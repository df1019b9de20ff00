//! Every check a trainer's question can fail, pointing into the `.md` file, and the
//! typed [`Question`] that comes out when there is none.

use super::schema::*;
use super::{shuffle, text_of, Choice, Kind, Question, BLANK};
use crate::blocks::{plural, BlockCtx, Fields};
use crate::core::yaml::{At, Embedded, Scalar};
use crate::core::{Diagnostics, Pos};
use crate::markdown::LinkedHtml;
use std::collections::HashMap;

/// Marks where a blank stands while a `fill` prompt goes through Markdown; a
/// private-use character, so no Markdown syntax or trainer text can produce it.
const BLANK_TOKEN: char = '\u{E000}';

/// Collects a question's problems with the block at hand.
struct Checker<'a, 'd> {
    emb: Embedded<'a>,
    diags: &'d mut Diagnostics,
    errors: usize,
}

impl Checker<'_, '_> {
    fn error(&mut self, pos: Pos, message: impl Into<String>, hint: Option<String>) {
        self.diags
            .push(self.emb.error(pos, message).maybe_hint(hint));
        self.errors += 1;
    }

    fn warning(&mut self, pos: Pos, message: impl Into<String>, hint: &str) {
        self.diags.push(self.emb.warning(pos, message).hint(hint));
    }

    fn start(&self) -> Pos {
        self.emb.start()
    }

    fn at<T>(&self, v: &At<T>) -> Pos {
        self.emb.at(v)
    }

    fn key<T>(&self, v: &At<T>, key: &str) -> Pos {
        self.emb.key_of(v, key)
    }

    /// `a `kind` question needs `field``, at the block's start.
    fn need(&mut self, kind: &str, field: &str, example: &str) {
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
        QuestionDef::Fill(d) => (fill(&mut c, &prompt, common.prompt, &d.answers), None, None),
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
        Kind::Fill { .. } => blank_parts(&prompt, fields),
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
            if run == BLANK.len() {
                parts.push(&prompt[start..i]);
                start = i + BLANK.len();
            }
            i += run;
        } else {
            i += 1;
        }
    }
    parts.push(&prompt[start..]);
    parts
}

/// A `fill` prompt as HTML pieces around its blanks: the whole prompt goes through
/// Markdown once, with a marker where each blank stands.
fn blank_parts(prompt: &str, fields: &mut Fields) -> Vec<LinkedHtml> {
    let marked = split_blanks(prompt).join(&BLANK_TOKEN.to_string());
    let html = fields.block(&marked);
    html.0
        .split(BLANK_TOKEN)
        .map(|p| LinkedHtml(p.to_string()))
        .collect()
}

fn fill(
    c: &mut Checker,
    prompt: &str,
    prompt_at: Option<&At<String>>,
    answers: &Option<At<Vec<At<crate::core::yaml::OneOrMany>>>>,
) -> Option<Kind> {
    let blanks = count_blanks(prompt);
    let near_miss = near_blank(prompt);
    if let (0, Some(p)) = (blanks, prompt_at.filter(|_| !prompt.is_empty())) {
        let pos = c.at(p);
        let hint = match near_miss {
            Some(n) => format!(
                "`{}` is {n} underscores; a blank is exactly three: `___`",
                "_".repeat(n)
            ),
            None => "write exactly three underscores `___` where the trainee types".into(),
        };
        c.error(pos, "a `fill` prompt has no `___` blank", Some(hint));
    }
    let Some(answers) = answers else {
        c.need(
            "fill",
            "answers",
            "`answers: [[退款, 退货]]` (one list of accepted answers per blank)",
        );
        return None;
    };
    let mut lists = Vec::new();
    for (i, a) in answers.iter().enumerate() {
        match a.texts() {
            Some(l) if !l.is_empty() && l.iter().all(|t| !t.trim().is_empty()) => lists.push(l),
            Some(_) => {
                let pos = c.at(a);
                c.error(
                    pos,
                    format!("blank {} has no accepted answer", i + 1),
                    Some("list at least one non-empty answer for every blank".into()),
                );
            }
            None => {
                let pos = c.at(a);
                c.error(
                    pos,
                    format!("the accepted answers for blank {} must be text", i + 1),
                    Some("write `[answer, other accepted answer]`".into()),
                );
            }
        }
    }
    if blanks > 0 && answers.len() != blanks {
        let pos = c.key(answers, "answers");
        c.error(
            pos,
            format!(
                "the prompt has {} but `answers` has {}",
                plural(blanks, "blank", "blanks"),
                plural(answers.len(), "list", "lists")
            ),
            Some(count_hint(blanks, answers, near_miss)),
        );
    } else if let (true, Some(n), Some(p)) = (blanks > 0, near_miss, prompt_at) {
        let pos = c.at(p);
        c.warning(
            pos,
            format!("`{}` in the prompt is not a blank", "_".repeat(n)),
            "a blank is exactly three underscores `___`",
        );
    }
    Some(Kind::Fill { answers: lists })
}

/// Why a fill question's blanks and answer lists do not pair up, as a hint.
fn count_hint(
    blanks: usize,
    answers: &[At<crate::core::yaml::OneOrMany>],
    near_miss: Option<usize>,
) -> String {
    use crate::core::yaml::OneOrMany;
    let singles: Option<Vec<String>> = answers
        .iter()
        .map(|a| match &a.value {
            OneOrMany::One(s) => s.text(),
            OneOrMany::Many(_) => None,
        })
        .collect();
    match (singles, near_miss) {
        // `answers: [5, 五]`: two accepted answers meant for the one blank.
        (Some(list), _) if blanks == 1 => format!(
            "for one blank with several accepted answers, put them in one inner list: `answers: [[{}]]`",
            list.join(", ")
        ),
        (_, Some(n)) => format!(
            "`{}` is {n} underscores, not a blank; a blank is exactly three: `___`",
            "_".repeat(n)
        ),
        _ => "give one list of accepted answers per `___`, in order: `answers: [[first], [second]]`"
            .into(),
    }
}

/// The length of a run of underscores that looks meant as a blank but is not one
/// (`____`, `__`), if the prompt has one.
fn near_blank(prompt: &str) -> Option<usize> {
    let mut run = 0;
    let mut found = None;
    for ch in prompt.chars().chain(std::iter::once(' ')) {
        if ch == '_' {
            run += 1;
            continue;
        }
        if run >= 2 && run != BLANK.len() && found.is_none() {
            found = Some(run);
        }
        run = 0;
    }
    found
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_are_runs_of_exactly_three_underscores() {
        assert_eq!(count_blanks("a ___ b ___"), 2);
        assert_eq!(count_blanks("snake_case and ____ four"), 0);
        assert_eq!(split_blanks("x___y"), vec!["x", "y"]);
    }
}
