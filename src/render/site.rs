//! The whole site: the course's pages and the files that are not one page's own
//! (home page, workbook, search and its index, theme files), rendered in parallel and handed to an
//! output [`Writer`] as soon as each is ready, so a large course is never held in
//! memory whole.

use super::context::PageCtx;
use super::Renderer;
use crate::core::{Diagnostic, Diagnostics};
use crate::output::Writer;
use crate::pipeline::Pipeline;
use crate::theme;
use rayon::prelude::*;
use std::collections::HashSet;

/// Which of the course's pages to render.
pub enum Which<'a> {
    All,
    /// By page id.
    Only(&'a HashSet<String>),
}

/// What one render did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Pages of the course rendered (the site-wide pages are rendered every time).
    pub rendered: usize,
    /// Files whose bytes were written (unchanged ones are skipped by a live output).
    pub written: usize,
    /// The output paths of the site-wide files (home page, workbook, search, theme files).
    pub site_files: Vec<String>,
}

/// Renders the pages `which` and every site-wide file into `out`. Template
/// problems of every page are reported together.
pub fn render(p: &Pipeline, which: Which, out: &Writer) -> Result<Report, Diagnostics> {
    render_with(p, which, out, Search::Now)
}

/// When [`render_with`] writes the search page and index.
#[derive(Clone, Copy)]
pub enum Search {
    /// With the pages.
    Now,
    /// Not now: [`super::search::write`] brings them up to date afterwards
    /// (`serve` shows the edited page first); the files on disk stay as they are.
    Later,
}

/// [`render`], the search page and index written as `search` says.
pub fn render_with(
    p: &Pipeline,
    which: Which,
    out: &Writer,
    search: Search,
) -> Result<Report, Diagnostics> {
    let r = Renderer::new(p);
    let pages: Vec<_> = r
        .order
        .iter()
        .filter(|pg| match &which {
            Which::All => true,
            Which::Only(ids) => ids.contains(&pg.id),
        })
        .collect();
    // The site-wide files and the search index are built while the pages render,
    // not after them.
    let (results, site) = rayon::join(
        || -> Vec<Result<bool, Diagnostic>> {
            pages
                .par_iter()
                .map(|pg| {
                    let html = r.page(pg)?;
                    out.write(&pg.url, &html)
                })
                .collect()
        },
        || {
            (
                site_files(&r),
                match search {
                    Search::Now => super::search::write(&r, out, None),
                    Search::Later => Ok(super::search::Written::default()),
                },
            )
        },
    );
    let (site, search) = site;
    let mut diags = Diagnostics::new();
    let mut report = Report {
        rendered: pages.len(),
        ..Report::default()
    };
    for res in results {
        match res {
            Ok(w) => report.written += usize::from(w),
            Err(d) => diags.push(d),
        }
    }
    match site {
        Ok(files) => {
            for (rel, bytes) in files {
                match out.write(&rel, &bytes) {
                    Ok(w) => report.written += usize::from(w),
                    Err(d) => diags.push(d),
                }
                report.site_files.push(rel);
            }
        }
        Err(d) => diags.extend(d),
    }
    match search {
        Ok(s) => {
            report.written += s.written;
            report.site_files.extend(s.files);
        }
        Err(d) => diags.extend(d),
    }
    diags.into_result(report)
}

/// The files that are not one page's own: the home page, the workbook, the
/// journey pages and the course data they read, and the theme's static files.
/// Rendered on every rebuild: anything that depends on more than one page belongs
/// here.
pub fn site_files(r: &Renderer) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let (data_url, data) = super::journey::course_data(r);
    let jobs = [
        home(r, &data_url)
            .map(|h| ("index.html".to_string(), h.into_bytes()))
            .map_err(|e| {
                Diagnostic::error(
                    r.theme.origin("index.html"),
                    format!("cannot render the home page: {}", theme::error_chain(&e)),
                )
            }),
        super::workbook::render(r)
            .map(|h| (super::workbook::URL.to_string(), h.into_bytes()))
            .map_err(|e| {
                Diagnostic::error(
                    r.theme.origin("workbook.html"),
                    format!("cannot render the workbook: {}", theme::error_chain(&e)),
                )
            }),
    ];
    let journey = super::journey::pages::site_files(r, &data_url);
    let mut diags = Diagnostics::new();
    let mut files = vec![(data_url, data)];
    for j in jobs.into_iter().chain(journey) {
        match j {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    for s in &r.theme.statics {
        files.push((s.out.clone(), s.bytes.to_vec()));
    }
    if let Some((url, css)) = r.accent_file() {
        files.push((url, css.into_bytes()));
    }
    diags.into_result(files)
}

/// The course home page.
fn home(r: &Renderer, data_url: &str) -> Result<String, tera::Error> {
    let mut ctx = r.base_context("index.html", &["home"]);
    ctx.insert("course_data", data_url);
    ctx.insert("strings", &r.ui_strings(&["jr_", "mark_"]));
    ctx.insert("modules", &r.nav("index.html", true));
    ctx.insert("nav", &r.nav("index.html", false));
    ctx.insert("start_url", &r.order.first().map(|p| p.url.as_str()));
    let c = &r.pipeline.course.config.course;
    let mut page = PageCtx::site(&c.title, c.description.as_deref(), "index.html", "home");
    page.duration = Some(r.course_duration());
    ctx.insert("page", &page);
    r.theme.tera.render("index.html", &ctx)
}
