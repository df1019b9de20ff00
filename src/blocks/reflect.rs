//! The `reflect` block: a labelled text box for an action plan or a discussion
//! note. The text stays in the trainee's browser and is printed in the workbook.

use super::{BlockCtx, Fields};
use crate::core::yaml::At;
use crate::core::{Diagnostics, Pos};
use crate::links::Filler;
use crate::markdown::LinkedHtml;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    pub id: Option<At<String>>,
    pub prompt: Option<At<String>>,
    /// Text shown in the empty box.
    pub placeholder: Option<String>,
    /// Height of the box in lines.
    pub rows: Option<At<u32>>,
}

#[derive(Clone, Debug)]
pub struct Reflect {
    pub id: String,
    /// Where the id stands, for course-wide checks.
    pub at: Pos,
    /// Hashes the id only: fixing a typo in the prompt must not throw away what
    /// a trainee wrote.
    pub hash: String,
    pub prompt: String,
    pub prompt_html: LinkedHtml,
    pub placeholder: Option<String>,
    pub rows: u32,
}

/// What `templates/blocks/reflect.html` gets as `block`.
#[derive(Serialize)]
pub struct View<'a> {
    pub id: &'a str,
    pub hash: &'a str,
    pub dom_id: String,
    pub prompt: String,
    pub placeholder: Option<&'a str>,
    pub rows: u32,
}

impl Reflect {
    pub fn parse(ctx: &BlockCtx, fields: &mut Fields, diags: &mut Diagnostics) -> Option<Self> {
        let emb = &ctx.emb;
        let def: Definition = match emb.parse("reflect block") {
            Ok(d) => d,
            Err(d) => {
                diags.push(d);
                return None;
            }
        };
        let id = def.id.as_ref().filter(|i| !i.trim().is_empty());
        let prompt = def.prompt.as_ref().filter(|p| !p.trim().is_empty());
        if id.is_none() {
            diags.push(
                emb.error(ctx.fence, "reflect block has no `id`")
                    .hint("give it an id that stays the same when you edit it: `id: action-plan`; it keys the trainee's notes"),
            );
        }
        if prompt.is_none() {
            let pos = def
                .prompt
                .as_ref()
                .map_or(emb.start(), |p| emb.key_of(p, "prompt"));
            diags.push(emb.error(pos, "reflect block has no `prompt`").hint(
                "say what the trainee should write about: `prompt: 写下你下周要尝试的一件事`",
            ));
        }
        let rows = def.rows.as_ref().map(|r| (r.value, emb.at(r)));
        if let Some((r, pos)) = rows.filter(|(r, _)| *r == 0 || *r > 40) {
            diags.push(
                emb.error(pos, format!("`rows: {r}` is out of range"))
                    .hint("use 1 to 40 lines"),
            );
            return None;
        }
        let (id, prompt) = (id?, prompt?);
        let text = id.trim().to_string();
        Some(Reflect {
            at: emb.at(id),
            hash: super::definition_hash(&text),
            prompt_html: fields.block(prompt),
            prompt: prompt.value.clone(),
            id: text,
            placeholder: def.placeholder,
            rows: rows.map_or(5, |(r, _)| r),
        })
    }

    pub fn view(&self, f: &Filler) -> View<'_> {
        View {
            id: &self.id,
            hash: &self.hash,
            dom_id: format!("rf-{}", self.hash),
            prompt: f.fill(&self.prompt_html),
            placeholder: self.placeholder.as_deref(),
            rows: self.rows,
        }
    }
}
