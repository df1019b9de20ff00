//! The search page (`search.html`) and the index files it loads (see
//! [`crate::search`]). Written only when `course.yaml` leaves `search` on.

use super::context::PageCtx;
use super::Renderer;
use crate::search;

pub const URL: &str = "search.html";

/// `search.html` and the index files, or nothing when search is off.
pub fn files(r: &Renderer) -> Result<Vec<(String, Vec<u8>)>, tera::Error> {
    if !r.pipeline.course.config.course.search {
        return Ok(Vec::new());
    }
    let index = search::index(r.pipeline);
    let written = search::write::files(&index);
    let html = page(r, &written.head)?;
    let mut files = written.files;
    files.push((URL.to_string(), html.into_bytes()));
    Ok(files)
}

fn page(r: &Renderer, head: &str) -> Result<String, tera::Error> {
    let mut ctx = r.base_context(URL, &["search"]);
    // The index head loads like a script of the page, after the scripts that
    // read it.
    let mut scripts = r.theme.scripts_for(&["search"]);
    scripts.push(head);
    ctx.insert("scripts", &scripts);
    let title = r
        .theme
        .strings
        .get("search_title")
        .map(String::as_str)
        .unwrap_or("Search");
    ctx.insert("strings", &r.ui_strings(&["search_"]));
    ctx.insert("nav", &r.nav(URL, false));
    ctx.insert("page", &PageCtx::site(title, None, URL, "search"));
    r.theme.tera.render("search.html", &ctx)
}
