//! The `reflect` block: a labelled text box for an action plan or a discussion
//! note. The text stays in the trainee's browser and is printed in the workbook.

use super::{BlockCtx, RenderCtx};
use crate::diagnostics::Diagnostics;
use crate::markdown;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    pub id: Option<String>,
    pub prompt: Option<String>,
    /// Text shown in the empty box.
    pub placeholder: Option<String>,
    /// Height of the box in lines.
    pub rows: Option<u32>,
}

#[derive(Clone, Debug)]
pub struct Reflect {
    pub id: String,
    /// Where the id stands, for course-wide checks.
    pub at: crate::diagnostics::Pos,
    /// Hashes the id only: fixing a typo in the prompt must not throw away what
    /// a trainee wrote.
    pub hash: String,
    pub prompt: String,
    pub def: Definition,
}

impl Reflect {
    pub fn parse(ctx: &BlockCtx, diags: &mut Diagnostics) -> Option<Self> {
        let emb = &ctx.emb;
        let def: Definition = match emb.parse("reflect block") {
            Ok(d) => d,
            Err(d) => {
                diags.push(d);
                return None;
            }
        };
        let map = emb.map();
        let id = def.id.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let prompt = def.prompt.as_deref().filter(|s| !s.trim().is_empty());
        if id.is_none() {
            diags.push(
                emb.error(ctx.fence, "reflect block has no `id`")
                    .hint("give it an id that stays the same when you edit it: `id: action-plan`; it keys the trainee's notes"),
            );
        }
        if prompt.is_none() {
            diags.push(
                emb.error(map.key("prompt"), "reflect block has no `prompt`")
                    .hint("say what the trainee should write about: `prompt: 写下你下周要尝试的一件事`"),
            );
        }
        if let Some(r) = def.rows.filter(|r| *r == 0 || *r > 40) {
            diags.push(
                emb.error(map.value("rows"), format!("`rows: {r}` is out of range"))
                    .hint("use 1 to 40 lines"),
            );
        }
        let (id, prompt) = (id?.to_string(), prompt?.to_string());
        if def.rows.is_some_and(|r| r == 0 || r > 40) {
            return None;
        }
        Some(Reflect {
            at: map.value("id"),
            hash: super::definition_hash(&id),
            id,
            prompt,
            def,
        })
    }

    pub fn prompt_html(&self) -> String {
        markdown::block(&self.prompt)
    }

    pub fn render(&self, r: &RenderCtx) -> Result<String, tera::Error> {
        r.render(
            "reflect",
            &serde_json::json!({
                "id": self.id,
                "hash": self.hash,
                "dom_id": format!("rf-{}", self.hash),
                "prompt": self.prompt_html(),
                "placeholder": self.def.placeholder,
                "rows": self.def.rows.unwrap_or(5),
            }),
        )
    }
}
