//! The `quiz` block and graded quiz pages. A question is parsed into its type's
//! schema ([`schema`]), checked into a typed [`Question`] ([`validate`]), and shown
//! through [`view`]; graded pages, exam pools and their course-wide checks are in
//! [`graded`]. Grading happens in the browser (`static/grading.js`, `quiz-policy.js`, `quiz.js`); the rules
//! are in `docs/quizzes.md`.

mod fill;
pub mod graded;
pub mod schema;
pub mod seal;
pub mod shuffle;
mod validate;
pub mod view;

use super::{BlockCtx, Fields};
use crate::core::{Diagnostics, Pos};
use crate::markdown::LinkedHtml;
use schema::{Head, QuestionDef};
use serde::Serialize;
use String;

/// The question types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionType {
    Single,
    Multiple,
    Truefalse,
    Fill,
    Order,
    Match,
    Numeric,
}

impl QuestionType {
    pub const ALL: [QuestionType; 7] = [
        QuestionType::Single,
        QuestionType::Multiple,
        QuestionType::Truefalse,
        QuestionType::Fill,
        QuestionType::Order,
        QuestionType::Match,
        QuestionType::Numeric,
    ];

    pub fn name(self) -> &'static str {
        match self {
            QuestionType::Single => "single",
            QuestionType::Multiple => "multiple",
            QuestionType::Truefalse => "truefalse",
            QuestionType::Fill => "fill",
            QuestionType::Order => "order",
            QuestionType::Match => "match",
            QuestionType::Numeric => "numeric",
        }
    }

    pub fn from_name(name: &str) -> Option<QuestionType> {
        QuestionType::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The fields this type takes besides the common ones.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            QuestionType::Single => &["options", "shuffle"],
            QuestionType::Multiple => &["options", "shuffle", "partial"],
            QuestionType::Truefalse => &["answer"],
            QuestionType::Fill => &["answers"],
            QuestionType::Order => &["items", "partial"],
            QuestionType::Match => &["pairs"],
            QuestionType::Numeric => &["answer", "tolerance", "range"],
        }
    }
}

/// The fields every question takes.
pub const COMMON: &[&str] = &["id", "type", "prompt", "hint", "explanation", "points"];

/// A blank in a `fill` prompt.
pub const BLANK: &str = "___";

/// An option of a `single` or `multiple` question.
#[derive(Clone, Debug)]
pub struct Choice {
    pub text: String,
    pub html: LinkedHtml,
    pub correct: bool,
    pub feedback: Option<LinkedHtml>,
    /// Where the option's text stands, for course-wide checks.
    pub at: Pos,
}

/// What a question asks, by type, checked.
#[derive(Clone, Debug)]
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
        pairs: Vec<(LinkedHtml, String)>,
    },
    Numeric {
        low: f64,
        high: f64,
        answer: Option<f64>,
        tolerance: f64,
    },
}

impl Kind {
    pub fn question_type(&self) -> QuestionType {
        match self {
            Kind::Single { .. } => QuestionType::Single,
            Kind::Multiple { .. } => QuestionType::Multiple,
            Kind::Truefalse { .. } => QuestionType::Truefalse,
            Kind::Fill { .. } => QuestionType::Fill,
            Kind::Order { .. } => QuestionType::Order,
            Kind::Match { .. } => QuestionType::Match,
            Kind::Numeric { .. } => QuestionType::Numeric,
        }
    }
}

/// A parsed, checked question.
#[derive(Clone, Debug)]
pub struct Question {
    pub id: String,
    /// Whether the trainer wrote the `id` (a default id moves when questions are inserted).
    pub explicit_id: bool,
    pub kind: Kind,
    pub prompt: String,
    pub prompt_html: LinkedHtml,
    /// The prompt with its blanks (`fill`): HTML around each blank.
    pub prompt_parts: Vec<LinkedHtml>,
    pub hint: Option<LinkedHtml>,
    pub explanation: Option<LinkedHtml>,
    pub points: f64,
    pub shuffle: bool,
    pub partial: bool,
    /// On a graded quiz page: answered with the page's one submit.
    pub graded: bool,
    /// Hash of the definition: saved answers to an edited question are dropped.
    pub hash: String,
    /// Build-time display order of options, items or right-hand sides (indices
    /// into the written order); never the written order.
    pub display: Vec<usize>,
    /// Where the `id` (or, without one, the fence) stands, for duplicate-id messages.
    pub pos: Pos,
}

impl Question {
    pub fn parse(ctx: &BlockCtx, fields: &mut Fields, diags: &mut Diagnostics) -> Option<Self> {
        let def = read(ctx, diags)?;
        validate::question(ctx, def, fields, diags)
    }

    pub fn question_type(&self) -> QuestionType {
        self.kind.question_type()
    }
}

/// Reads the block into its type's schema.
fn read(ctx: &BlockCtx, diags: &mut Diagnostics) -> Option<QuestionDef> {
    let emb = &ctx.emb;
    let head: Head = match emb.parse("quiz block") {
        Ok(h) => h,
        Err(d) => {
            diags.push(with_block_hint(d));
            return None;
        }
    };
    let Some(kind) = head.kind else {
        diags.push(
            emb.error(emb.start(), "quiz question has no `type`")
                .hint(format!("add `type:` with one of {}", type_names())),
        );
        return None;
    };
    let Some(t) = QuestionType::from_name(&kind.value) else {
        let known = QuestionType::ALL.map(QuestionType::name);
        let guess = crate::core::suggest::did_you_mean(&kind.value, known);
        let list = format!("known types: {}", type_names());
        diags.push(
            emb.error(
                emb.at(&kind),
                format!("unknown question type `{}`", kind.value),
            )
            .hint(guess.map_or(list.clone(), |g| format!("{g} {list}"))),
        );
        return None;
    };
    match t {
        QuestionType::Single => typed(emb, t, diags).map(QuestionDef::Single),
        QuestionType::Multiple => typed(emb, t, diags).map(QuestionDef::Multiple),
        QuestionType::Truefalse => typed(emb, t, diags).map(QuestionDef::TrueFalse),
        QuestionType::Fill => typed(emb, t, diags).map(QuestionDef::Fill),
        QuestionType::Order => typed(emb, t, diags).map(QuestionDef::Order),
        QuestionType::Match => typed(emb, t, diags).map(QuestionDef::Match),
        QuestionType::Numeric => typed(emb, t, diags).map(QuestionDef::Numeric),
    }
}

/// The block read into its type's schema. Every unknown key is reported (a
/// misspelt `corect` and `feedbak` in one run); a question with one is not
/// checked further, since a left-out key would only cause follow-up errors.
fn typed<T: serde::de::DeserializeOwned>(
    emb: &crate::core::yaml::Embedded,
    t: QuestionType,
    diags: &mut Diagnostics,
) -> Option<T> {
    let (def, problems) = emb.parse_all::<T>("quiz block");
    if problems.is_empty() {
        return def;
    }
    diags.extend(problems.into_iter().map(|d| misplaced_field(t, d)));
    None
}

fn type_names() -> String {
    QuestionType::ALL.map(QuestionType::name).join(", ")
}

/// A block that is not `key: value` lines at all: say what one looks like.
fn with_block_hint(mut d: crate::core::Diagnostic) -> crate::core::Diagnostic {
    if d.hint.is_none() || d.message.ends_with("expected `key: value` lines") {
        d.hint = Some("a quiz block holds one question as `key: value` lines, e.g. `type: single`, `prompt: ...`, `options: [...]`".into());
    }
    d
}

/// A key that belongs to another question type gets a message that says so.
fn misplaced_field(t: QuestionType, d: crate::core::Diagnostic) -> crate::core::Diagnostic {
    let Some(field) = d
        .message
        .strip_prefix("quiz block: unknown field `")
        .and_then(|r| r.strip_suffix('`'))
        .map(str::to_string)
    else {
        return d;
    };
    let elsewhere = QuestionType::ALL
        .iter()
        .any(|o| o.fields().contains(&field.as_str()));
    let top_level = d
        .source_line
        .as_deref()
        .is_some_and(|l| !l.starts_with([' ', '\t', '-']));
    if !elsewhere || !top_level {
        return d;
    }
    let name = t.name();
    let hint = match field.as_str() {
        "shuffle" if matches!(t, QuestionType::Order | QuestionType::Match) => {
            "order items and match right-hand sides are always shuffled, so that the page never shows the answer".to_string()
        }
        "partial" => "`partial` applies to `multiple` and `order` questions".to_string(),
        _ => format!(
            "a `{name}` question takes {}",
            COMMON
                .iter()
                .chain(t.fields())
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    crate::core::Diagnostic {
        message: format!("`{field}` is not a field of a `{name}` question"),
        hint: Some(hint),
        ..d
    }
}

/// The text of an optional field, `None` when blank.
pub(crate) fn text_of(t: Option<&String>) -> Option<&str> {
    t.map(|t| t.as_str()).filter(|s| !s.trim().is_empty())
}
