//! The workbook page (`workbook.html`): every reflection, self-assessment,
//! role-play and graded quiz of the course in reading order, with links back to
//! their pages. The page lists them; the browser fills in the trainee's records
//! from the progress store, and it prints as a clean A4 document.

use super::Renderer;
use crate::blocks::{definition_hash, Block};
use crate::model::Page;
use serde::Serialize;

pub const URL: &str = "workbook.html";

/// One entry of the workbook.
#[derive(Serialize)]
pub struct Item<'a> {
    /// `reflect`, `assessment`, `roleplay` or `quiz`: the progress kind it reads.
    pub kind: &'static str,
    pub id: String,
    pub hash: String,
    /// Plain text.
    pub title: String,
    /// HTML: a reflection's prompt.
    pub prompt: Option<String>,
    /// The block's data, for results that are rebuilt from saved choices.
    pub json: Option<String>,
    pub page_title: &'a str,
    pub page_url: &'a str,
    pub dom_id: String,
}

/// Entries grouped by module, modules in course order.
#[derive(Serialize)]
pub struct Section<'a> {
    pub title: &'a str,
    pub items: Vec<Item<'a>>,
}

fn items_of<'a>(r: &Renderer, page: &'a Page) -> Vec<Item<'a>> {
    let Some(state) = r.pipeline.state(page) else {
        return Vec::new();
    };
    let filler = state.resolved.filler(URL);
    let base = |kind: &'static str, id: String, hash: String, title: String| Item {
        dom_id: format!("wb-{kind}-{hash}"),
        kind,
        id,
        hash,
        title,
        prompt: None,
        json: None,
        page_title: page.title(),
        page_url: &page.url,
    };
    let mut out = Vec::new();
    if page.is_graded() {
        // Graded quizzes are keyed by their page, as `<module>/<page>` ids are.
        let id = page.url.trim_end_matches(".html").to_string();
        let hash = definition_hash(&id);
        out.push(base("quiz", id, hash, page.title().to_string()));
    }
    for b in state.blocks.iter().flatten() {
        match b {
            Block::Reflect(rf) => {
                let mut it = base(
                    "reflect",
                    rf.id.clone(),
                    rf.hash.clone(),
                    crate::markdown::plain(&rf.prompt),
                );
                it.prompt = Some(without_links(&filler.fill(&rf.prompt_html)));
                out.push(it);
            }
            Block::Assessment(a) => {
                let mut it = base("assessment", a.id.clone(), a.hash.clone(), a.title());
                it.json = Some(a.json(&filler));
                out.push(it);
            }
            Block::Roleplay(rp) => {
                let mut it = base("roleplay", rp.id.clone(), rp.hash.clone(), rp.title());
                it.json = Some(rp.json(&filler));
                out.push(it);
            }
            Block::Quiz(_) => {}
        }
    }
    out
}

/// Renders `workbook.html`.
pub fn render(r: &Renderer) -> Result<String, tera::Error> {
    let mut ctx = r.site_page_context(
        URL,
        &["workbook"],
        ("workbook", "Workbook"),
        "workbook",
        &["rp_", "mood_", "as_", "workbook_"],
    );
    let sections: Vec<Section> = r
        .pipeline
        .course
        .modules
        .iter()
        .filter_map(|m| {
            let items: Vec<Item> = m.all_pages().flat_map(|p| items_of(r, p)).collect();
            (!items.is_empty()).then_some(Section {
                title: m.title(),
                items,
            })
        })
        .collect();
    ctx.insert("sections", &sections);
    r.theme.tera.render("workbook.html", &ctx)
}

/// The workbook is a printed record: links in a prompt point at lesson pages from
/// elsewhere in the site, so they are kept as plain text.
fn without_links(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<a ") {
        out.push_str(&rest[..i]);
        match rest[i..].find('>') {
            Some(end) => rest = &rest[i + end + 1..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out.replace("</a>", "")
}
