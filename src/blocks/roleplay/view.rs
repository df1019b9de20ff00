//! What a role-play's template gets, and the data the browser plays it from (the
//! JSON in `<script class="rp-data">`, also embedded in the workbook).

use super::schema::{Mood, Outcome};
use super::Roleplay;
use crate::blocks::json_for_script;
use crate::links::Filler;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub struct Data<'a> {
    pub id: &'a str,
    pub hash: &'a str,
    pub customer: &'a str,
    pub skills: Vec<&'a str>,
    pub start: &'a str,
    pub pass_score: Option<i64>,
    pub show_score: bool,
    pub best: Option<i64>,
    pub skill_best: &'a BTreeMap<String, i64>,
    pub nodes: BTreeMap<&'a str, NodeData<'a>>,
    pub endings: BTreeMap<&'a str, EndingData>,
}

#[derive(Serialize)]
pub struct NodeData<'a> {
    pub say: String,
    pub mood: Mood,
    pub choices: Vec<ChoiceData<'a>>,
}

#[derive(Serialize)]
pub struct ChoiceData<'a> {
    pub reply: String,
    pub next: &'a str,
    pub score: i64,
    pub skills: BTreeMap<&'a str, i64>,
    pub feedback: Option<String>,
}

#[derive(Serialize)]
pub struct EndingData {
    pub outcome: Outcome,
    pub text: String,
}

/// What `templates/blocks/roleplay.html` gets as `block`.
#[derive(Serialize)]
pub struct View<'a> {
    pub id: &'a str,
    pub dom_id: String,
    pub hash: &'a str,
    pub title: Option<String>,
    pub customer: &'a str,
    pub persona: Option<String>,
    pub skills: Vec<&'a str>,
    pub pass_score: Option<i64>,
    /// How many nodes and endings.
    pub nodes: usize,
    pub endings: usize,
    pub json: String,
}

impl Roleplay {
    pub fn data(&self, f: &Filler) -> Data<'_> {
        let d = &self.def;
        let nodes = d
            .nodes
            .iter()
            .zip(&self.html.nodes)
            .map(|((name, n), html)| {
                let choices = n
                    .choices
                    .iter()
                    .zip(&html.choices)
                    .map(|(c, (reply, feedback))| ChoiceData {
                        reply: f.fill(reply),
                        next: c.next.as_str(),
                        score: c.score,
                        skills: c.skills.sorted(),
                        feedback: f.fill_opt(feedback),
                    })
                    .collect();
                let node = NodeData {
                    say: f.fill(&html.say),
                    mood: n.mood,
                    choices,
                };
                (name, node)
            })
            .collect();
        let endings = d
            .endings
            .iter()
            .zip(&self.html.endings)
            .map(|((name, e), text)| {
                let data = EndingData {
                    outcome: e.outcome,
                    text: f.fill(text),
                };
                (name, data)
            })
            .collect();
        Data {
            id: &self.id,
            hash: &self.hash,
            customer: self.customer(),
            skills: d.skills.iter().map(|s| s.as_str()).collect(),
            start: d.start.as_ref().map_or("", |s| s.as_str()),
            pass_score: d.pass_score.as_ref().map(|p| p.value),
            show_score: d.show_score,
            best: self.shape.best,
            skill_best: &self.shape.skill_best,
            nodes,
            endings,
        }
    }

    /// The data as JSON for a page or the workbook.
    pub fn json(&self, f: &Filler) -> String {
        json_for_script(&self.data(f))
    }

    pub fn view(&self, f: &Filler) -> View<'_> {
        View {
            id: &self.id,
            dom_id: format!("rp-{}", self.hash),
            hash: &self.hash,
            title: f.fill_opt(&self.html.title),
            customer: self.customer(),
            persona: f.fill_opt(&self.html.persona),
            skills: self.def.skills.iter().map(|s| s.as_str()).collect(),
            pass_score: self.def.pass_score.as_ref().map(|p| p.value),
            nodes: self.shape.nodes,
            endings: self.shape.endings,
            json: self.json(f),
        }
    }
}
