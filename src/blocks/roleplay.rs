//! The `roleplay` block. Placeholder until the block is implemented: it keeps the raw
//! YAML and renders as a marked "interactive block".

use super::{BlockCtx, RenderCtx};
use crate::diagnostics::Diagnostics;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct Roleplay {
    pub yaml: String,
}

impl Roleplay {
    pub fn parse(ctx: &BlockCtx, _diags: &mut Diagnostics) -> Option<Self> {
        Some(Roleplay {
            yaml: ctx.emb.yaml.to_string(),
        })
    }

    pub fn render(&self, r: &RenderCtx) -> Result<String, tera::Error> {
        r.render(
            "placeholder",
            &serde_json::json!({"kind": "roleplay", "yaml": self.yaml}),
        )
    }
}
