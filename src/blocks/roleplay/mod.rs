//! The `roleplay` block: a scored branching conversation with a customer. Its
//! schema ([`schema`]), checks ([`check`]), graph and shape ([`graph`]) and view
//! ([`view`]).

mod check;
pub mod graph;
pub mod schema;
pub mod view;

use super::{definition_hash, BlockCtx, Fields};
use crate::core::{Diagnostics, Pos};
use crate::markdown::LinkedHtml;
use graph::Shape;
use schema::Definition;

/// A checked role-play, ready to render.
#[derive(Clone, Debug)]
pub struct Roleplay {
    pub id: String,
    /// Where the id stands (or the fence, for a default id), for course-wide checks.
    pub at: Pos,
    pub hash: String,
    pub def: Definition,
    pub shape: Shape,
    /// The Markdown fields rendered, links as placeholders.
    pub html: Html,
}

/// A role-play's Markdown fields as HTML, in the order of the definition.
#[derive(Clone, Debug, Default)]
pub struct Html {
    pub title: Option<LinkedHtml>,
    pub persona: Option<LinkedHtml>,
    pub nodes: Vec<NodeHtml>,
    pub endings: Vec<LinkedHtml>,
}

/// What the customer says, then per choice the reply and the feedback.
#[derive(Clone, Debug, Default)]
pub struct NodeHtml {
    pub say: LinkedHtml,
    pub choices: Vec<(LinkedHtml, Option<LinkedHtml>)>,
}

impl Roleplay {
    pub fn parse(ctx: &BlockCtx, fields: &mut Fields, diags: &mut Diagnostics) -> Option<Self> {
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
        check::check(ctx, &def, diags);
        if diags.error_count() > before {
            return None;
        }
        let (id, at) = match &def.id {
            Some(id) => (id.value.clone(), emb.at(id)),
            None => (format!("{}/{}", ctx.module, ctx.page), ctx.fence),
        };
        Some(Roleplay {
            hash: definition_hash(&def),
            shape: graph::shape(&def),
            html: html(&def, fields),
            id,
            at,
            def,
        })
    }

    /// Plain text for lists: the title, else the customer's name.
    pub fn title(&self) -> String {
        match &self.def.title {
            Some(t) => crate::markdown::plain(t),
            None => self.customer().to_string(),
        }
    }

    pub fn customer(&self) -> &str {
        self.def.customer.as_ref().map_or("", |c| c.as_str())
    }

    /// The one-line shape of the scenario, for `syllabus check`.
    pub fn summary(&self) -> String {
        let s = &self.shape;
        let plural = crate::blocks::plural;
        let mut out = format!(
            "role-play `{}` with {}: {}, {}",
            self.id,
            self.def.customer.as_ref().map_or("?", |c| c.as_str()),
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
        if let Some(p) = &self.def.pass_score {
            out.push_str(&format!(" (pass {})", p.value));
        }
        out
    }
}

fn html(def: &Definition, fields: &mut Fields) -> Html {
    Html {
        title: def.title.as_deref().map(|t| fields.inline(t)),
        persona: def.persona.as_deref().map(|p| fields.inline(p)),
        nodes: def
            .nodes
            .iter()
            .map(|(_, n)| {
                let choices = n
                    .choices
                    .iter()
                    .map(|c| {
                        (
                            fields.inline(&c.reply),
                            c.feedback.as_deref().map(|f| fields.inline(f)),
                        )
                    })
                    .collect();
                NodeHtml {
                    say: fields.inline(&n.say),
                    choices,
                }
            })
            .collect(),
        endings: def
            .endings
            .iter()
            .map(|(_, e)| fields.block(&e.text))
            .collect(),
    }
}
