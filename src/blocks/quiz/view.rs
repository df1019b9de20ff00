//! What a question's template gets ([`QuizView`]) and what the browser grades from
//! ([`QuizData`], the JSON in `<script class="quiz-data">`; `tests/contract/` holds
//! its shapes as the scripts read them).

use super::{Kind, Question};
use crate::blocks::{json_for_script, short_hash};
use crate::links::Filler;
use crate::markdown::{html::strip_lone_paragraph, plain};
use serde::Serialize;

/// The question's data for the browser. Fields are in alphabetical order, as the
/// scripts' fixtures list them; those a type does not use are left out. On a graded
/// page the answer key is hashed and what gives it away sealed ([`super::seal`]).
#[derive(Serialize, Debug, Default)]
pub struct QuizData<'a> {
    /// truefalse: the answer; numeric: the answer or null when a range is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<serde_json::Value>,
    /// fill: accepted answers per blank.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answers: Option<&'a [Vec<String>]>,
    /// single, multiple: whether each option (in written order) is right.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correct: Option<Vec<bool>>,
    /// order, match: how many items or pairs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
    pub explanation: Option<String>,
    /// single, multiple: feedback per option, HTML.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feedback: Option<Vec<Option<String>>>,
    pub graded: bool,
    pub hash: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    pub id: &'a str,
    /// graded truefalse: the hash of the right answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// graded single, multiple: a hash per option; fill: hashes of the accepted
    /// answers per blank.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keys: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub low: Option<f64>,
    pub partial: bool,
    pub points: f64,
    /// graded: what the hashes are salted with and the sealed part is keyed by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub salt: Option<String>,
    /// graded: feedback, explanation, fill's first accepted answers and numeric's
    /// answer and bounds, for the script to show after a submit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sealed: Option<String>,
    pub shuffle: bool,
    /// Plain texts: options (single, multiple), items (order), right sides (match).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub texts: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<f64>,
    #[serde(rename = "type")]
    pub kind: &'static str,
}

/// A choice as listed: its index in the written order and its HTML or text.
#[derive(Serialize, Debug)]
pub struct Listed {
    pub index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// What `templates/blocks/quiz.html` gets as `block`.
#[derive(Serialize, Debug)]
pub struct QuizView<'a> {
    pub dom: String,
    pub id: &'a str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub points: f64,
    pub graded: bool,
    /// The prompt as a legend when it is one short paragraph (not for `fill`).
    pub prompt_inline: Option<String>,
    pub prompt_html: String,
    pub hint_html: Option<String>,
    /// single, multiple: options in display order.
    pub options: Vec<Listed>,
    /// fill: the prompt's HTML around each blank.
    pub prompt_parts: Vec<String>,
    /// order: items in display order.
    pub items: Vec<Listed>,
    /// match: left sides in written order, right sides in display order.
    pub lefts: Vec<String>,
    pub rights: Vec<Listed>,
    /// [`QuizData`] as JSON for the page.
    pub json: String,
}

const BLOCK_TAGS: &[&str] = &[
    "<p",
    "<ul",
    "<ol",
    "<pre",
    "<blockquote",
    "<table",
    "<h",
    "<div",
    "<hr",
];

impl Question {
    /// A DOM id prefix that is unique on a page and safe in attributes.
    pub fn dom_id(&self) -> String {
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
        format!("q-{safe}-{}", &short_hash(self.id.as_bytes())[..6])
    }

    /// The browser's data, links written as seen from the page that shows it.
    pub fn data(&self, f: &Filler, graded: bool) -> QuizData<'_> {
        let mut d = QuizData {
            explanation: f.fill_opt(&self.explanation),
            graded,
            hash: &self.hash,
            id: &self.id,
            partial: self.partial,
            points: self.points,
            shuffle: self.shuffle,
            kind: self.question_type().name(),
            ..QuizData::default()
        };
        match &self.kind {
            Kind::Single { options } | Kind::Multiple { options } => {
                d.correct = Some(options.iter().map(|o| o.correct).collect());
                d.feedback = Some(options.iter().map(|o| f.fill_opt(&o.feedback)).collect());
                d.texts = Some(options.iter().map(|o| plain(&o.text)).collect());
            }
            Kind::Truefalse { answer } => d.answer = Some((*answer).into()),
            Kind::Fill { answers } => d.answers = Some(answers),
            Kind::Order { items } => {
                d.count = Some(items.len());
                d.texts = Some(items.iter().map(|t| plain(t)).collect());
            }
            Kind::Match { pairs } => {
                d.count = Some(pairs.len());
                d.texts = Some(pairs.iter().map(|(_, r)| plain(r)).collect());
            }
            Kind::Numeric {
                low,
                high,
                answer,
                tolerance,
            } => {
                d.answer = Some(answer.map_or(serde_json::Value::Null, Into::into));
                d.low = Some(*low);
                d.high = Some(*high);
                d.tolerance = Some(*tolerance);
            }
        }
        // Sealed wherever it is shown, the review page (which shows it as a lesson
        // does) included, when it was written on a graded page.
        if graded || self.graded {
            let salt = crate::core::short_hash(format!("{}\u{0}{}", self.id, self.hash).as_bytes());
            super::seal::seal_answers(&mut d, salt);
        }
        d
    }

    /// What the template gets. `graded` is true on a graded page (the question is
    /// answered with the page's one submit).
    pub fn view(&self, f: &Filler, graded: bool) -> QuizView<'_> {
        let prompt_html = f.fill(&self.prompt_html);
        let lone = strip_lone_paragraph(prompt_html.clone());
        let is_inline = !BLOCK_TAGS.iter().any(|t| lone.contains(t));
        let fill = matches!(self.kind, Kind::Fill { .. });
        let listed = |texts: &[String]| -> Vec<Listed> {
            self.display
                .iter()
                .filter_map(|&i| {
                    texts.get(i).map(|t| Listed {
                        index: i,
                        html: None,
                        text: Some(plain(t)),
                    })
                })
                .collect()
        };
        let mut v = QuizView {
            dom: self.dom_id(),
            id: &self.id,
            kind: self.question_type().name(),
            points: self.points,
            graded,
            prompt_inline: (is_inline && !fill).then_some(lone),
            prompt_html,
            hint_html: f.fill_opt(&self.hint),
            options: Vec::new(),
            prompt_parts: self.prompt_parts.iter().map(|p| f.fill(p)).collect(),
            items: Vec::new(),
            lefts: Vec::new(),
            rights: Vec::new(),
            json: json_for_script(&self.data(f, graded)),
        };
        match &self.kind {
            Kind::Single { options } | Kind::Multiple { options } => {
                v.options = self
                    .display
                    .iter()
                    .filter_map(|&i| {
                        options.get(i).map(|o| Listed {
                            index: i,
                            html: Some(f.fill(&o.html)),
                            text: None,
                        })
                    })
                    .collect();
            }
            Kind::Order { items } => v.items = listed(items),
            Kind::Match { pairs } => {
                v.lefts = pairs.iter().map(|(l, _)| f.fill(l)).collect();
                let rights: Vec<String> = pairs.iter().map(|(_, r)| r.clone()).collect();
                v.rights = listed(&rights);
            }
            _ => {}
        }
        v
    }
}
