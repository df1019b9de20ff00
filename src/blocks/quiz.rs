//! The `quiz` block. Placeholder until the block is implemented: it keeps the raw
//! YAML and renders as a marked "interactive block".

use super::{BlockCtx, RenderCtx};
use crate::diagnostics::Diagnostics;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct Question {
    pub yaml: String,
}

impl Question {
    pub fn parse(ctx: &BlockCtx, diags: &mut Diagnostics) -> Option<Self> {
        // Until questions are checked field by field, at least a YAML mistake is reported.
        if let Err(d) = ctx.emb.parse::<serde_yaml::Value>("quiz") {
            diags.push(d);
            return None;
        }
        Some(Question {
            yaml: ctx.emb.yaml.to_string(),
        })
    }

    pub fn render(&self, r: &RenderCtx) -> Result<String, tera::Error> {
        r.render(
            "placeholder",
            &serde_json::json!({"kind": "quiz", "yaml": self.yaml}),
        )
    }
}

/// The `quiz:` settings of a graded quiz page's front matter.
#[derive(Clone, Debug, Default, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizSettings {
    pub pass_mark: Option<i64>,
    pub draw: Option<i64>,
    pub from: Option<serde_yaml::Value>,
    pub attempts: Option<i64>,
    pub reveal: Option<String>,
}
