//! The search page (`search.html`) and the index files it loads (see
//! [`crate::search`]). Written only when `course.yaml` leaves `search` on.

use super::Renderer;
use crate::core::{Diagnostic, Diagnostics};
use crate::output::Writer;
use crate::search;
use std::sync::Mutex;

pub const URL: &str = "search.html";

/// What writing the search files did: their paths and how many were written.
#[derive(Default)]
pub struct Written {
    pub files: Vec<String>,
    pub written: usize,
}

/// Writes the index files into `out` as they are made, then `search.html`; nothing
/// when search is off. With a `cache` (kept by `serve`), pages unchanged since the
/// last index are not cut into terms again.
pub fn write(
    r: &Renderer,
    out: &Writer,
    cache: Option<&search::Cache>,
) -> Result<Written, Diagnostics> {
    if !r.pipeline.course.config.course.search {
        return Ok(Written::default());
    }
    let done = Mutex::new((Written::default(), Diagnostics::new()));
    let sink = |rel: String, bytes: Vec<u8>| {
        let res = out.write(&rel, &bytes);
        let mut d = done.lock().unwrap_or_else(|e| e.into_inner());
        match res {
            Ok(w) => d.0.written += usize::from(w),
            Err(e) => d.1.push(e),
        }
        d.0.files.push(rel);
    };
    // `check` renders the search page for its template's sake, not the index.
    let head = if out.discards() {
        format!("{}/index.js", search::write::DIR)
    } else {
        let index = match cache {
            Some(cache) => search::index_with(r.pipeline, cache),
            None => search::index(r.pipeline),
        };
        search::write::files(&index, &sink)
    };
    match page(r, &head) {
        Ok(html) => sink(URL.to_string(), html.into_bytes()),
        Err(e) => {
            let d = Diagnostic::error(
                r.theme.origin("search.html"),
                format!(
                    "cannot render the search page: {}",
                    crate::theme::error_chain(&e)
                ),
            );
            done.lock().unwrap_or_else(|e| e.into_inner()).1.push(d);
        }
    }
    let (mut written, diags) = done.into_inner().unwrap_or_else(|e| e.into_inner());
    // Sorted: files arrive from several threads.
    written.files.sort();
    diags.into_result(written)
}

fn page(r: &Renderer, head: &str) -> Result<String, tera::Error> {
    let mut ctx = r.site_page_context(
        URL,
        &["search"],
        ("search_title", "Search"),
        "search",
        &["search_"],
    );
    // The index head loads like a script of the page, after the scripts that
    // read it.
    let mut scripts = r.theme.scripts_for(&["search"]);
    scripts.push(head);
    ctx.insert("scripts", &scripts);
    r.theme.tera.render("search.html", &ctx)
}
