//! A role-play as the trainer writes it. Also what its definition hash covers.

use crate::blocks::named::{Named, Points};
use crate::core::yaml::At;
use serde::{Deserialize, Serialize};

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

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    /// Keys saved progress; defaults to `<module>/<page>` (one role-play per page).
    pub id: Option<At<String>>,
    pub title: Option<String>,
    pub customer: Option<At<String>>,
    pub persona: Option<String>,
    #[serde(default)]
    pub skills: Vec<At<String>>,
    pub start: Option<At<String>>,
    pub pass_score: Option<At<i64>>,
    /// Show the running score during the conversation.
    #[serde(default)]
    pub show_score: bool,
    #[serde(default)]
    pub nodes: At<Named<Node>>,
    #[serde(default)]
    pub endings: At<Named<Ending>>,
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
    pub reply: At<String>,
    pub next: At<String>,
    #[serde(default)]
    pub score: i64,
    #[serde(default)]
    pub skills: Points,
    pub feedback: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    pub outcome: Outcome,
    pub text: String,
}
