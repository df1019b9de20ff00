//! The `assessment` block: a self-assessment with no right answers. Options add
//! points to categories; each category's result bands must cover 0 to the most
//! points it can get, without overlap or gap.

use super::{BlockCtx, RenderCtx};
use crate::diagnostics::Diagnostics;
use crate::markdown;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    pub id: Option<String>,
    pub title: Option<String>,
    pub intro: Option<String>,
    #[serde(default)]
    pub categories: Vec<Category>,
    #[serde(default)]
    pub questions: Vec<Question>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub bands: Vec<Band>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub min: i64,
    pub max: i64,
    pub text: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub prompt: String,
    #[serde(default)]
    pub options: Vec<Opt>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opt {
    pub text: String,
    #[serde(default)]
    pub points: BTreeMap<String, i64>,
}

#[derive(Clone, Debug)]
pub struct Assessment {
    pub id: String,
    /// Where the id stands, for course-wide checks.
    pub at: crate::diagnostics::Pos,
    pub hash: String,
    pub def: Definition,
    /// Per category (in order), the most points it can get.
    pub max: Vec<i64>,
}

impl Assessment {
    pub fn parse(ctx: &BlockCtx, diags: &mut Diagnostics) -> Option<Self> {
        let emb = &ctx.emb;
        let def: Definition = match emb.parse("assessment block") {
            Ok(d) => d,
            Err(d) => {
                diags.push(d);
                return None;
            }
        };
        let map = emb.map();
        let before = diags.error_count();
        let id = match def.id.as_deref().map(str::trim) {
            Some(id) if !id.is_empty() => id.to_string(),
            _ => {
                diags.push(
                    emb.error(ctx.fence, "assessment has no `id`")
                        .hint("give it an id that stays the same when you edit it: `id: phone-style`; it keys the trainee's saved results"),
                );
                String::new()
            }
        };
        if def.categories.is_empty() {
            diags.push(
                emb.error(map.key("categories"), "assessment has no `categories`")
                    .hint("a category is what the answers add points to, with result bands"),
            );
        }
        if def.questions.is_empty() {
            diags.push(emb.error(map.key("questions"), "assessment has no `questions`"));
        }
        let mut seen = HashSet::new();
        for (i, c) in def.categories.iter().enumerate() {
            if !seen.insert(c.id.as_str()) {
                diags.push(
                    emb.error(
                        map.value(&format!("categories[{i}].id")),
                        format!("category `{}` is defined twice", c.id),
                    )
                    .hint("give each category its own id"),
                );
            }
        }
        let ids: Vec<&str> = def.categories.iter().map(|c| c.id.as_str()).collect();
        for (qi, q) in def.questions.iter().enumerate() {
            if q.options.is_empty() {
                diags.push(emb.error(
                    map.key(&format!("questions[{qi}]")),
                    "question has no options",
                ));
            }
            for (oi, o) in q.options.iter().enumerate() {
                for (cat, &pts) in &o.points {
                    let at = format!("questions[{qi}].options[{oi}].points.{cat}");
                    if !ids.contains(&cat.as_str()) {
                        let known = ids
                            .iter()
                            .map(|c| format!("`{c}`"))
                            .collect::<Vec<_>>()
                            .join(", ");
                        diags.push(
                            emb.error(map.key(&at), format!("category `{cat}` is not defined"))
                                .hint(format!("defined categories: {known}")),
                        );
                    }
                    if pts < 0 {
                        diags.push(
                            emb.error(
                                map.value(&at),
                                format!("points must be 0 or more, not {pts}"),
                            )
                            .hint("bands run from 0 up; give the other options points instead"),
                        );
                    }
                }
            }
        }
        // A category's maximum: the best option of each question, summed.
        let max: Vec<i64> = def
            .categories
            .iter()
            .map(|c| {
                def.questions
                    .iter()
                    .map(|q| {
                        q.options
                            .iter()
                            .map(|o| o.points.get(&c.id).copied().unwrap_or(0).max(0))
                            .max()
                            .unwrap_or(0)
                    })
                    .fold(0i64, i64::saturating_add)
            })
            .collect();
        for (ci, c) in def.categories.iter().enumerate() {
            check_bands(ctx, &map, ci, c, max[ci], diags);
        }
        if diags.error_count() > before {
            return None;
        }
        Some(Assessment {
            at: map.value("id"),
            id,
            hash: super::definition_hash(&def),
            def,
            max,
        })
    }

    pub fn title(&self) -> String {
        self.def
            .title
            .as_deref()
            .map(markdown::plain)
            .unwrap_or_else(|| self.id.clone())
    }

    /// The data the browser scores from (also embedded in the workbook).
    pub fn json(&self) -> String {
        let d = &self.def;
        super::json_for_script(&serde_json::json!({
            "id": self.id,
            "hash": self.hash,
            "categories": d.categories.iter().zip(&self.max).map(|(c, m)| serde_json::json!({
                "id": c.id,
                "title": markdown::inline(&c.title),
                "max": m,
                "bands": c.bands.iter().map(|b| serde_json::json!({
                    "min": b.min, "max": b.max, "text": markdown::inline(&b.text)
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "questions": d.questions.iter().map(|q| serde_json::json!({
                "prompt": markdown::inline(&q.prompt),
                "options": q.options.iter().map(|o| serde_json::json!({"points": o.points})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        }))
    }

    pub fn render(&self, r: &RenderCtx) -> Result<String, tera::Error> {
        let d = &self.def;
        r.render(
            "assessment",
            &serde_json::json!({
                "id": self.id,
                "dom_id": format!("as-{}", self.hash),
                "title": d.title.as_deref().map(markdown::inline),
                "intro": d.intro.as_deref().map(markdown::block),
                "questions": d.questions.iter().map(|q| serde_json::json!({
                    "prompt": markdown::inline(&q.prompt),
                    "options": q.options.iter().map(|o| markdown::inline(&o.text)).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "json": self.json(),
                "strings": super::ui_strings(r.base, &["as_"]),
            }),
        )
    }
}

/// Bands, in the order written, must run from 0 to `max` with no gap or overlap.
fn check_bands(
    ctx: &BlockCtx,
    map: &crate::yaml::YamlMap,
    ci: usize,
    c: &Category,
    max: i64,
    diags: &mut Diagnostics,
) {
    let emb = &ctx.emb;
    let at = |bi: usize, k: &str| map.value(&format!("categories[{ci}].bands[{bi}].{k}"));
    if c.bands.is_empty() {
        diags.push(
            emb.error(
                map.key(&format!("categories[{ci}]")),
                format!("category `{}` has no bands", c.id),
            )
            .hint(format!(
                "add `bands:` that cover 0 to {max}, e.g. `- {{min: 0, max: {max}, text: ...}}`"
            )),
        );
        return;
    }
    let mut sorted: Vec<(usize, &Band)> = c.bands.iter().enumerate().collect();
    sorted.sort_by_key(|(i, b)| (b.min, b.max, *i));
    for (bi, b) in &c.bands.iter().enumerate().collect::<Vec<_>>() {
        if b.min > b.max {
            diags.push(
                emb.error(
                    at(*bi, "min"),
                    format!(
                        "band of `{}` starts at {} but ends at {}",
                        c.id, b.min, b.max
                    ),
                )
                .hint("`min` must not be more than `max`"),
            );
        }
    }
    let Some(&(first_i, first)) = sorted.first() else {
        return;
    };
    if first.min > 0 {
        diags.push(
            emb.error(
                at(first_i, "min"),
                format!("bands of `{}` start at {}, not 0", c.id, first.min),
            )
            .hint(format!(
                "a trainee can score 0 in `{}`; let the lowest band start at `min: 0`",
                c.id
            )),
        );
    }
    if first.min < 0 {
        diags.push(
            emb.error(
                at(first_i, "min"),
                format!("band of `{}` starts below 0 ({})", c.id, first.min),
            )
            .hint("scores run from 0; start the lowest band at `min: 0`"),
        );
    }
    for w in sorted.windows(2) {
        let ((_, a), (bi, b)) = (w[0], w[1]);
        if b.min <= a.max {
            diags.push(
                emb.error(
                    at(bi, "min"),
                    format!(
                        "bands of `{}` overlap: {}–{} and {}–{}",
                        c.id, a.min, a.max, b.min, b.max
                    ),
                )
                .hint(format!(
                    "a score belongs to one band; start this one at {}",
                    a.max.saturating_add(1)
                )),
            );
        } else if b.min > a.max.saturating_add(1) {
            let (lo, hi) = (a.max + 1, b.min - 1);
            let gap = if lo == hi {
                lo.to_string()
            } else {
                format!("{lo}–{hi}")
            };
            diags.push(
                emb.error(
                    at(bi, "min"),
                    format!("bands of `{}` leave a gap: no band covers {gap}", c.id),
                )
                .hint(format!(
                    "start this band at {} or add a band for the gap",
                    a.max + 1
                )),
            );
        }
    }
    let top = sorted.iter().map(|(_, b)| b.max).max().unwrap_or(0);
    let (top_i, _) = sorted
        .iter()
        .rev()
        .find(|(_, b)| b.max == top)
        .copied()
        .unwrap_or(sorted[0]);
    if top < max {
        diags.push(
            emb.error(
                at(top_i, "max"),
                format!(
                    "bands of `{}` end at {}, but the category can reach {max}",
                    c.id, top
                ),
            )
            .hint(format!("let the highest band end at `max: {max}`")),
        );
    } else if top > max {
        diags.push(
            emb.warning(
                at(top_i, "max"),
                format!("bands of `{}` go up to {top}, but the category can reach only {max}", c.id),
            )
            .hint(format!("the highest score is {max}: the sum of each question's best option; end the last band at `max: {max}`")),
        );
    }
}
