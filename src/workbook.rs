//! The workbook page (`workbook.html`): every reflection, self-assessment,
//! role-play and graded quiz of the course in reading order, with links back to
//! their pages. The page lists them; the browser fills in the trainee's records
//! from the progress store, and it prints as a clean A4 document.

use crate::blocks::{self, Block};
use crate::content::Page;
use crate::render::{PageCtx, Renderer};
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

fn items_of<'a>(page: &'a Page, blocks: &[Option<Block>]) -> Vec<Item<'a>> {
    let mut out = Vec::new();
    let base = |kind: &'static str, id: String, hash: String, title: String| Item {
        dom_id: format!("wb-{kind}-{hash}"),
        kind,
        id,
        hash,
        title,
        prompt: None,
        json: None,
        page_title: &page.front.title,
        page_url: &page.url,
    };
    if page.front.quiz.is_some() {
        // Graded quizzes are keyed by their page, as `<module>/<page>` ids are.
        let id = page.url.trim_end_matches(".html").to_string();
        out.push(base(
            "quiz",
            id.clone(),
            blocks::definition_hash(&id),
            page.front.title.clone(),
        ));
    }
    for b in blocks.iter().flatten() {
        match b {
            Block::Reflect(r) => {
                let mut it = base(
                    "reflect",
                    r.id.clone(),
                    r.hash.clone(),
                    crate::markdown::plain(&r.prompt),
                );
                it.prompt = Some(without_links(&r.prompt_html()));
                out.push(it);
            }
            Block::Assessment(a) => {
                let mut it = base("assessment", a.id.clone(), a.hash.clone(), a.title());
                it.json = Some(a.json());
                out.push(it);
            }
            Block::Roleplay(rp) => {
                let mut it = base("roleplay", rp.id.clone(), rp.hash.clone(), rp.title());
                it.json = Some(rp.json());
                out.push(it);
            }
            Block::Quiz(_) => {}
        }
    }
    out
}

/// Renders `workbook.html`.
pub fn render(r: &Renderer) -> Result<String, tera::Error> {
    let mut ctx = r.base_context(URL);
    ctx.insert("scripts", &r.theme.scripts_for(&["workbook"]));
    let mut sections: Vec<Section> = Vec::new();
    for m in &r.course.modules {
        let mut items = Vec::new();
        for page in m.all_pages() {
            if let Some(i) = r.order.iter().position(|p| std::ptr::eq(*p, page)) {
                if let Some(data) = r.data.get(i) {
                    items.extend(items_of(page, &data.blocks));
                }
            }
        }
        if !items.is_empty() {
            sections.push(Section {
                title: &m.index.front.title,
                items,
            });
        }
    }
    let title = r
        .theme
        .strings
        .get("workbook")
        .map(String::as_str)
        .unwrap_or("Workbook");
    ctx.insert("sections", &sections);
    ctx.insert(
        "strings",
        &blocks::ui_strings(&ctx, &["rp_", "mood_", "as_", "workbook_"]),
    );
    ctx.insert("nav", &r.nav(URL, false));
    ctx.insert(
        "page",
        &PageCtx {
            title,
            summary: None,
            objectives: &[],
            duration: None,
            url: URL,
            kind: "workbook",
            draft: false,
            content: String::new(),
            toc: Vec::new(),
            extra: None,
        },
    );
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
