//! The site pages that add the trainee's record up: the dashboard
//! (`progress.html`), the certificate (`certificate.html`, when `certificate:
//! true`) and spaced review (`review.html`). Each is a frame the browser fills from
//! the progress store and the course data file; the review page also carries every
//! question of the course, hidden until it is due.

use super::super::Renderer;
use crate::blocks::Block;
use crate::core::Diagnostic;
use crate::theme;
use serde::Serialize;

pub const PROGRESS: &str = "progress.html";
pub const CERTIFICATE: &str = "certificate.html";
pub const REVIEW: &str = "review.html";

/// The UI strings the journey scripts build their text from.
const STRING_PREFIXES: &[&str] = &["jr_", "mark_"];

/// The context every journey page starts from: the course data script, the
/// sidebar, the page and the strings.
fn context(
    r: &Renderer,
    url: &'static str,
    kinds: &[&str],
    data_url: &str,
    title_key: &str,
    kind: &'static str,
) -> tera::Context {
    let mut ctx = r.site_page_context(url, kinds, (title_key, title_key), kind, STRING_PREFIXES);
    ctx.insert("course_data", data_url);
    ctx
}

/// Renders `progress.html`.
pub fn progress(r: &Renderer, data_url: &str) -> Result<String, tera::Error> {
    let ctx = context(
        r,
        PROGRESS,
        &["progress"],
        data_url,
        "jr_progress",
        "progress",
    );
    r.theme.tera.render("progress.html", &ctx)
}

/// Renders `certificate.html`.
pub fn certificate(r: &Renderer, data_url: &str) -> Result<String, tera::Error> {
    let ctx = context(
        r,
        CERTIFICATE,
        &["certificate"],
        data_url,
        "jr_certificate",
        "certificate",
    );
    r.theme.tera.render("certificate.html", &ctx)
}

/// One question on the review page, with the page it comes from.
#[derive(Serialize)]
struct ReviewItem<'a> {
    id: &'a str,
    html: String,
    page_title: &'a str,
    page_url: &'a str,
    /// What checking it may show, as its graded page allows: `always`, `never` (the
    /// verdict only) or `after-pass` (marks, and the answers once `quiz` is passed).
    reveal: &'static str,
    /// The graded quiz whose pass shows the answers (`after-pass` only).
    quiz: Option<String>,
}

/// What review may show of a question written on `page`: a graded page's `reveal`
/// still holds there, or review would hand out the answers it keeps back.
fn reveal_of(page: &crate::model::Page, course_pass: i64) -> (&'static str, Option<String>) {
    use crate::blocks::quiz::graded::{settings, Reveal};
    match settings(page, course_pass).map(|s| s.reveal) {
        Some(Reveal::Never) => ("never", None),
        Some(Reveal::AfterPass) => (
            "after-pass",
            Some(page.url.trim_end_matches(".html").to_string()),
        ),
        _ => ("always", None),
    }
}

/// Renders `review.html`: every question of the course in course order, each as a
/// lesson shows it (check on the spot), links written as seen from the review page.
pub fn review(r: &Renderer, data_url: &str) -> Result<String, tera::Error> {
    let mut ctx = context(
        r,
        REVIEW,
        &["quiz", "review"],
        data_url,
        "jr_review",
        "review",
    );
    let mut items = Vec::new();
    let course_pass = *r.pipeline.course.config.course.pass_mark;
    for pb in &r.pool {
        let filler = pb.links.filler(REVIEW);
        let (reveal, quiz) = reveal_of(pb.page, course_pass);
        for b in pb.blocks.iter().flatten() {
            if let Block::Quiz(q) = b {
                // Shown as a lesson shows it, with its own Check button, even when
                // it was written on a graded page.
                let mut c = ctx.clone();
                c.insert("block", &q.view(&filler, false));
                items.push(ReviewItem {
                    id: &q.id,
                    html: r.theme.tera.render("blocks/quiz.html", &c)?,
                    page_title: pb.page.title(),
                    page_url: &pb.page.url,
                    reveal,
                    quiz: quiz.clone(),
                });
            }
        }
    }
    ctx.insert("items", &items);
    ctx.insert("quiz_strings", &r.quiz_strings(&ctx, true)?);
    r.theme.tera.render("review.html", &ctx)
}

/// The journey pages as site files: the dashboard, the review page and, when the
/// course gives one, the certificate. A page that fails to render is a diagnostic
/// naming its template.
pub fn site_files(r: &Renderer, data_url: &str) -> Vec<Result<(String, Vec<u8>), Diagnostic>> {
    type RenderFn = fn(&Renderer, &str) -> Result<String, tera::Error>;
    let mut pages: Vec<(&str, &str, RenderFn)> = vec![
        (PROGRESS, "the progress page", progress),
        (REVIEW, "the review page", review),
    ];
    if r.pipeline.course.config.course.certificate {
        pages.push((CERTIFICATE, "the certificate", certificate));
    }
    pages
        .into_iter()
        .map(|(url, what, render)| {
            render(r, data_url)
                .map(|html| (url.to_string(), html.into_bytes()))
                .map_err(|e| {
                    Diagnostic::error(
                        r.theme.origin(url),
                        format!("cannot render {what}: {}", theme::error_chain(&e)),
                    )
                })
        })
        .collect()
}
