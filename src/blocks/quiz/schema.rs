//! A quiz question as the trainer writes it: one struct per question type, each
//! with the fields every question has. Unknown and misplaced keys are caught by
//! the parser (`deny_unknown_fields`), with the key's position.
//!
//! These structs are also what a question's definition hash covers; their field
//! order and what they leave out when serialized keep saved answers valid across
//! versions of syllabus.

use crate::core::yaml::{At, OneOrMany, Scalar};
use serde::{Deserialize, Serialize};

/// `type:` alone, read first to pick the type's schema.
#[derive(Deserialize)]
pub struct Head {
    #[serde(default, rename = "type")]
    pub kind: Option<At<String>>,
}

/// The fields every question has, then the type's own.
macro_rules! question_schema {
    ($(#[$doc:meta])* $name:ident { $($(#[$fm:meta])* $field:ident: $ty:ty,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, Deserialize, Serialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub id: Option<At<String>>,
            #[serde(default, rename = "type")]
            pub kind: Option<String>,
            #[serde(default)]
            pub prompt: Option<At<String>>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub hint: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub explanation: Option<String>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub points: Option<At<f64>>,
            $($(#[$fm])* #[serde(default, skip_serializing_if = "Option::is_none")] pub $field: $ty,)*
        }
    };
}

question_schema!(
    /// `type: single`: one right option.
    SingleDef {
        shuffle: Option<bool>,
        options: Option<At<Vec<OptionDef>>>,
    }
);

question_schema!(
    /// `type: multiple`: one or more right options.
    MultipleDef {
        shuffle: Option<bool>,
        partial: Option<bool>,
        options: Option<At<Vec<OptionDef>>>,
    }
);

question_schema!(
    /// `type: truefalse`.
    TrueFalseDef {
        answer: Option<At<Scalar>>,
    }
);

question_schema!(
    /// `type: fill`: `___` blanks in the prompt, accepted answers per blank.
    FillDef {
        answers: Option<At<Vec<At<OneOrMany>>>>,
    }
);

question_schema!(
    /// `type: order`: items in the right order, shown shuffled.
    OrderDef {
        partial: Option<bool>,
        items: Option<At<Vec<At<String>>>>,
    }
);

question_schema!(
    /// `type: match`: pairs; the right-hand sides are shown shuffled.
    MatchDef {
        pairs: Option<At<Vec<PairDef>>>,
    }
);

question_schema!(
    /// `type: numeric`: `answer` with `tolerance`, or `range`.
    NumericDef {
        answer: Option<At<Scalar>>,
        tolerance: Option<At<f64>>,
        range: Option<At<Vec<f64>>>,
    }
);

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OptionDef {
    pub text: At<String>,
    #[serde(default)]
    pub correct: At<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PairDef {
    pub left: At<String>,
    pub right: At<String>,
}

/// A question as written, by type.
#[derive(Clone, Debug)]
pub enum QuestionDef {
    Single(SingleDef),
    Multiple(MultipleDef),
    TrueFalse(TrueFalseDef),
    Fill(FillDef),
    Order(OrderDef),
    Match(MatchDef),
    Numeric(NumericDef),
}

/// The common fields, whatever the type.
pub struct Common<'a> {
    pub id: Option<&'a At<String>>,
    pub prompt: Option<&'a At<String>>,
    pub hint: Option<&'a String>,
    pub explanation: Option<&'a String>,
    pub points: Option<&'a At<f64>>,
}

macro_rules! each_def {
    ($self:expr, $d:ident => $e:expr) => {
        match $self {
            QuestionDef::Single($d) => $e,
            QuestionDef::Multiple($d) => $e,
            QuestionDef::TrueFalse($d) => $e,
            QuestionDef::Fill($d) => $e,
            QuestionDef::Order($d) => $e,
            QuestionDef::Match($d) => $e,
            QuestionDef::Numeric($d) => $e,
        }
    };
}

impl QuestionDef {
    pub fn common(&self) -> Common<'_> {
        each_def!(self, d => Common {
            id: d.id.as_ref(),
            prompt: d.prompt.as_ref(),
            hint: d.hint.as_ref(),
            explanation: d.explanation.as_ref(),
            points: d.points.as_ref(),
        })
    }

    /// The hash saved answers carry.
    pub fn hash(&self) -> String {
        each_def!(self, d => super::super::definition_hash(d))
    }
}
