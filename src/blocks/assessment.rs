//! The `assessment` block: a self-assessment with no right answers. Options add
//! points to categories; each category's result bands must cover 0 to the most
//! points it can get, without overlap or gap.

use super::named::Points;
use super::{definition_hash, json_for_script, list, BlockCtx, Fields};
use crate::core::yaml::{At, Embedded};
use crate::core::{Diagnostics, Pos};
use crate::links::Filler;
use crate::markdown::LinkedHtml;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    pub id: Option<At<String>>,
    pub title: Option<String>,
    pub intro: Option<String>,
    #[serde(default)]
    pub categories: At<Vec<Category>>,
    #[serde(default)]
    pub questions: At<Vec<At<Question>>>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: At<String>,
    pub title: String,
    #[serde(default)]
    pub bands: Vec<Band>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub min: At<i64>,
    pub max: At<i64>,
    pub text: String,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
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
    pub points: Points,
}

#[derive(Clone, Debug)]
pub struct Assessment {
    pub id: String,
    /// Where the id stands, for course-wide checks.
    pub at: Pos,
    pub hash: String,
    pub def: Definition,
    /// Per category (in order), the most points it can get.
    pub max: Vec<i64>,
    pub html: Html,
}

/// The Markdown fields as HTML, links as placeholders.
#[derive(Clone, Debug)]
pub struct Html {
    title: Option<LinkedHtml>,
    intro: Option<LinkedHtml>,
    /// Per category: its title and its bands' texts.
    categories: Vec<(LinkedHtml, Vec<LinkedHtml>)>,
    /// Per question: its prompt and its options' texts.
    questions: Vec<(LinkedHtml, Vec<LinkedHtml>)>,
}

impl Assessment {
    pub fn parse(ctx: &BlockCtx, fields: &mut Fields, diags: &mut Diagnostics) -> Option<Self> {
        let emb = &ctx.emb;
        let def: Definition = match emb.parse("assessment block") {
            Ok(d) => d,
            Err(d) => {
                diags.push(d);
                return None;
            }
        };
        let before = diags.error_count();
        let id = match def.id.as_ref().map(|i| i.trim()) {
            Some(id) if !id.is_empty() => id.to_string(),
            _ => {
                diags.push(
                    emb.error(ctx.fence, "assessment has no `id`")
                        .hint("give it an id that stays the same when you edit it: `id: phone-style`; it keys the trainee's saved results"),
                );
                String::new()
            }
        };
        check_structure(emb, &def, diags);
        let max = maxima(&def);
        for (c, m) in def.categories.iter().zip(&max) {
            check_bands(emb, c, *m, diags);
        }
        if diags.error_count() > before {
            return None;
        }
        Some(Assessment {
            at: def.id.as_ref().map_or(ctx.fence, |i| emb.at(i)),
            id,
            hash: definition_hash(&def),
            html: html(&def, fields),
            def,
            max,
        })
    }

    pub fn title(&self) -> String {
        self.def
            .title
            .as_deref()
            .map(crate::markdown::plain)
            .unwrap_or_else(|| self.id.clone())
    }

    /// What the trainee reads before answering (title, intro, category names,
    /// questions and options); the result bands are left out, for search.
    pub fn visible_html(&self) -> impl Iterator<Item = &LinkedHtml> {
        let h = &self.html;
        h.title
            .iter()
            .chain(&h.intro)
            .chain(h.categories.iter().map(|(t, _)| t))
            .chain(
                h.questions
                    .iter()
                    .flat_map(|(q, o)| std::iter::once(q).chain(o)),
            )
    }

    /// The data the browser scores from (also embedded in the workbook).
    pub fn json(&self, f: &Filler) -> String {
        let categories: Vec<_> = self
            .def
            .categories
            .iter()
            .zip(&self.max)
            .zip(&self.html.categories)
            .map(|((c, m), (title, texts))| CategoryData {
                bands: c
                    .bands
                    .iter()
                    .zip(texts)
                    .map(|(b, t)| BandData {
                        max: b.max.value,
                        min: b.min.value,
                        text: f.fill(t),
                    })
                    .collect(),
                id: &c.id,
                max: *m,
                title: f.fill(title),
            })
            .collect();
        let questions: Vec<_> = self
            .def
            .questions
            .iter()
            .zip(&self.html.questions)
            .map(|(q, (prompt, _))| QuestionData {
                options: q
                    .options
                    .iter()
                    .map(|o| OptionData {
                        points: o.points.sorted(),
                    })
                    .collect(),
                prompt: f.fill(prompt),
            })
            .collect();
        json_for_script(&Data {
            categories,
            hash: &self.hash,
            id: &self.id,
            questions,
        })
    }

    pub fn view(&self, f: &Filler) -> View<'_> {
        View {
            id: &self.id,
            dom_id: format!("as-{}", self.hash),
            title: f.fill_opt(&self.html.title),
            intro: f.fill_opt(&self.html.intro),
            questions: self
                .html
                .questions
                .iter()
                .map(|(p, opts)| QuestionView {
                    prompt: f.fill(p),
                    options: opts.iter().map(|o| f.fill(o)).collect(),
                })
                .collect(),
            json: self.json(f),
        }
    }
}

/// The browser's data; fields in alphabetical order, as the scripts' fixtures list them.
#[derive(Serialize)]
struct Data<'a> {
    categories: Vec<CategoryData<'a>>,
    hash: &'a str,
    id: &'a str,
    questions: Vec<QuestionData<'a>>,
}

#[derive(Serialize)]
struct CategoryData<'a> {
    bands: Vec<BandData>,
    id: &'a str,
    max: i64,
    title: String,
}

#[derive(Serialize)]
struct BandData {
    max: i64,
    min: i64,
    text: String,
}

#[derive(Serialize)]
struct QuestionData<'a> {
    options: Vec<OptionData<'a>>,
    prompt: String,
}

#[derive(Serialize)]
struct OptionData<'a> {
    points: BTreeMap<&'a str, i64>,
}

/// What `templates/blocks/assessment.html` gets as `block`.
#[derive(Serialize)]
pub struct View<'a> {
    pub id: &'a str,
    pub dom_id: String,
    pub title: Option<String>,
    pub intro: Option<String>,
    pub questions: Vec<QuestionView>,
    pub json: String,
}

#[derive(Serialize)]
pub struct QuestionView {
    pub prompt: String,
    pub options: Vec<String>,
}

fn html(def: &Definition, fields: &mut Fields) -> Html {
    Html {
        title: def.title.as_deref().map(|t| fields.inline(t)),
        intro: def.intro.as_deref().map(|t| fields.block(t)),
        categories: def
            .categories
            .iter()
            .map(|c| {
                let bands = c.bands.iter().map(|b| fields.inline(&b.text)).collect();
                (fields.inline(&c.title), bands)
            })
            .collect(),
        questions: def
            .questions
            .iter()
            .map(|q| {
                let options = q.options.iter().map(|o| fields.inline(&o.text)).collect();
                (fields.inline(&q.prompt), options)
            })
            .collect(),
    }
}

/// A category's maximum: the best option of each question, summed.
fn maxima(def: &Definition) -> Vec<i64> {
    def.categories
        .iter()
        .map(|c| {
            def.questions
                .iter()
                .map(|q| {
                    q.options
                        .iter()
                        .map(|o| o.points.get(&c.id).unwrap_or(0).max(0))
                        .max()
                        .unwrap_or(0)
                })
                .fold(0i64, i64::saturating_add)
        })
        .collect()
}

fn check_structure(emb: &Embedded, def: &Definition, diags: &mut Diagnostics) {
    if def.categories.is_empty() {
        diags.push(
            emb.error(
                emb.key_of(&def.categories, "categories"),
                "assessment has no `categories`",
            )
            .hint("a category is what the answers add points to, with result bands"),
        );
    }
    if def.questions.is_empty() {
        diags.push(emb.error(
            emb.key_of(&def.questions, "questions"),
            "assessment has no `questions`",
        ));
    }
    let mut seen = HashSet::new();
    for c in def.categories.iter() {
        if !seen.insert(c.id.as_str()) {
            diags.push(
                emb.error(
                    emb.at(&c.id),
                    format!("category `{}` is defined twice", c.id.value),
                )
                .hint("give each category its own id"),
            );
        }
    }
    let ids: Vec<&str> = def.categories.iter().map(|c| c.id.as_str()).collect();
    for q in def.questions.iter() {
        if q.options.is_empty() {
            diags.push(emb.error(emb.at(q), "question has no options"));
        }
        for o in &q.options {
            for (cat, pts) in o.points.entries() {
                if !ids.contains(&cat.as_str()) {
                    diags.push(
                        emb.error(
                            emb.at(cat),
                            format!("category `{}` is not defined", cat.value),
                        )
                        .hint(format!("defined categories: {}", list(&ids))),
                    );
                }
                if pts.value < 0 {
                    diags.push(
                        emb.error(
                            emb.at(pts),
                            format!("points must be 0 or more, not {}", pts.value),
                        )
                        .hint("bands run from 0 up; give the other options points instead"),
                    );
                }
            }
        }
    }
}

/// Bands, in the order written, must run from 0 to `max` with no gap or overlap.
fn check_bands(emb: &Embedded, c: &Category, max: i64, diags: &mut Diagnostics) {
    let name = c.id.as_str();
    if c.bands.is_empty() {
        diags.push(
            emb.error(
                emb.key_of(&c.id, "id"),
                format!("category `{name}` has no bands"),
            )
            .hint(format!(
                "add `bands:` that cover 0 to {max}, e.g. `- {{min: 0, max: {max}, text: ...}}`"
            )),
        );
        return;
    }
    for b in &c.bands {
        if b.min.value > b.max.value {
            diags.push(
                emb.error(
                    emb.at(&b.min),
                    format!(
                        "band of `{name}` starts at {} but ends at {}",
                        b.min.value, b.max.value
                    ),
                )
                .hint("`min` must not be more than `max`"),
            );
        }
    }
    let mut sorted: Vec<(usize, &Band)> = c.bands.iter().enumerate().collect();
    sorted.sort_by_key(|(i, b)| (b.min.value, b.max.value, *i));
    let first = sorted[0].1;
    if first.min.value > 0 {
        diags.push(
            emb.error(
                emb.at(&first.min),
                format!("bands of `{name}` start at {}, not 0", first.min.value),
            )
            .hint(format!(
                "a trainee can score 0 in `{name}`; let the lowest band start at `min: 0`"
            )),
        );
    }
    if first.min.value < 0 {
        diags.push(
            emb.error(
                emb.at(&first.min),
                format!("band of `{name}` starts below 0 ({})", first.min.value),
            )
            .hint("scores run from 0; start the lowest band at `min: 0`"),
        );
    }
    check_gaps(emb, name, &sorted, diags);
    check_top(emb, name, &sorted, max, diags);
}

/// Neighbouring bands (sorted by start) must neither overlap nor leave a gap.
fn check_gaps(emb: &Embedded, name: &str, sorted: &[(usize, &Band)], diags: &mut Diagnostics) {
    for w in sorted.windows(2) {
        let (a, b) = (w[0].1, w[1].1);
        let (a_max, b_min) = (a.max.value, b.min.value);
        if b_min <= a_max {
            diags.push(
                emb.error(
                    emb.at(&b.min),
                    format!(
                        "bands of `{name}` overlap: {}–{} and {}–{}",
                        a.min.value, a_max, b_min, b.max.value
                    ),
                )
                .hint(format!(
                    "a score belongs to one band; start this one at {}",
                    a_max.saturating_add(1)
                )),
            );
        } else if b_min > a_max.saturating_add(1) {
            let (lo, hi) = (a_max + 1, b_min - 1);
            let gap = if lo == hi {
                lo.to_string()
            } else {
                format!("{lo}–{hi}")
            };
            diags.push(
                emb.error(
                    emb.at(&b.min),
                    format!("bands of `{name}` leave a gap: no band covers {gap}"),
                )
                .hint(format!(
                    "start this band at {} or add a band for the gap",
                    a_max + 1
                )),
            );
        }
    }
}

/// The highest band must end at the most points the category can get.
fn check_top(
    emb: &Embedded,
    name: &str,
    sorted: &[(usize, &Band)],
    max: i64,
    diags: &mut Diagnostics,
) {
    let top = sorted.iter().map(|(_, b)| b.max.value).max().unwrap_or(0);
    let top_band = sorted
        .iter()
        .rev()
        .find(|(_, b)| b.max.value == top)
        .map_or(sorted[0].1, |(_, b)| *b);
    if top < max {
        diags.push(
            emb.error(
                emb.at(&top_band.max),
                format!("bands of `{name}` end at {top}, but the category can reach {max}"),
            )
            .hint(format!("let the highest band end at `max: {max}`")),
        );
    } else if top > max {
        diags.push(
            emb.warning(
                emb.at(&top_band.max),
                format!("bands of `{name}` go up to {top}, but the category can reach only {max}"),
            )
            .hint(format!("the highest score is {max}: the sum of each question's best option; end the last band at `max: {max}`")),
        );
    }
}
