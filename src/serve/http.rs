//! The HTTP side of `serve`: the built site's files, with the live-reload client
//! and, after a failed rebuild, the error overlay put into HTML responses; and the
//! status the open pages follow (server-sent events).

use super::site::Outcome;
use crate::core::{Diagnostics, Severity};
use crate::markdown::escape;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use serde::Serialize;
use std::collections::HashMap;
use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::StreamExt;
use tower::ServiceExt;
use tower_http::services::ServeDir;

const RELOAD_JS: &str = include_str!("reload.js");
const OVERLAY_CSS: &str = include_str!("overlay.css");

/// What open pages need to know about the latest rebuild.
#[derive(Clone, Serialize)]
pub struct Status {
    /// Goes up with every rebuild; a page loaded at an older version reloads.
    pub version: u64,
    pub ok: bool,
    pub summary: String,
    /// Each problem as the terminal prints it.
    pub diagnostics: Vec<DiagView>,
    pub words: Words,
}

#[derive(Clone, Serialize)]
pub struct DiagView {
    severity: &'static str,
    text: String,
}

/// The overlay's UI strings, in the course language when the theme loaded.
#[derive(Clone, Serialize)]
pub struct Words {
    title: String,
    note: String,
    /// The note on a page that has no last good version to show.
    note_unbuilt: String,
    dismiss: String,
}

impl Words {
    pub fn from(strings: Option<&HashMap<String, String>>) -> Words {
        let get = |key: &str, fallback: &str| {
            strings
                .and_then(|s| s.get(key))
                .cloned()
                .unwrap_or_else(|| fallback.to_string())
        };
        Words {
            title: get("serve_errors_title", "The course has errors"),
            note: get(
                "serve_errors_note",
                "This page is the last version that built. Fix the problems below and save; the page reloads by itself.",
            ),
            note_unbuilt: get(
                "serve_errors_note_unbuilt",
                "Nothing has been built yet. Fix the problems below and save; the page reloads by itself.",
            ),
            dismiss: get("serve_errors_dismiss", "Hide"),
        }
    }
}

pub struct Shared {
    pub out: PathBuf,
    pub status: RwLock<Status>,
    pub changed: broadcast::Sender<()>,
}

impl Shared {
    pub fn status(&self) -> Status {
        match self.status.read() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub fn publish(&self, outcome: &Outcome, words: Words) {
        let mut s = match self.status.write() {
            Ok(s) => s,
            Err(poisoned) => poisoned.into_inner(),
        };
        s.version += 1;
        s.ok = outcome.ok;
        s.summary = outcome.diagnostics.summary();
        s.diagnostics = views(&outcome.diagnostics);
        s.words = words;
        drop(s);
        let _ = self.changed.send(());
    }
}

pub fn views(d: &Diagnostics) -> Vec<DiagView> {
    d.iter()
        .map(|x| DiagView {
            severity: match x.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            text: x.render_in(false, d.lang()),
        })
        .collect()
}

pub fn app(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/__syllabus/reload.js", get(reload_js))
        .route("/__syllabus/overlay.css", get(overlay_css))
        .route("/__syllabus/events", get(events))
        .route("/__syllabus/status.json", get(status_json))
        .fallback(files)
        .with_state(shared)
}

fn no_store(mut r: Response) -> Response {
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

async fn reload_js() -> Response {
    no_store(
        (
            [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
            RELOAD_JS,
        )
            .into_response(),
    )
}

async fn overlay_css() -> Response {
    no_store(
        (
            [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
            OVERLAY_CSS,
        )
            .into_response(),
    )
}

async fn status_json(State(shared): State<Arc<Shared>>) -> Response {
    let json = serde_json::to_string(&shared.status()).unwrap_or_default();
    no_store(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let rx = BroadcastStream::new(shared.changed.subscribe());
    let now = tokio_stream::once(());
    let updates = rx.map(|_| ());
    let s2 = shared.clone();
    let stream = now.chain(updates).map(move |_| {
        let data = serde_json::to_string(&s2.status()).unwrap_or_default();
        Ok(Event::default().event("status").data(data))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// The site-relative path a request names, or `None` when it tries to leave the
/// site folder: `..` or `.` segments (plain or percent-encoded), encoded slashes
/// or backslashes, backslashes, NUL, drive letters, or a second leading slash.
pub fn safe_path(raw: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    if raw.contains('\\') || ["%2f", "%5c", "%00"].iter().any(|e| lower.contains(e)) {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    let rest = decoded.strip_prefix('/')?;
    let segments: Vec<&str> = rest.split('/').collect();
    let last = segments.len().saturating_sub(1);
    let mut parts = Vec::new();
    for (i, seg) in segments.iter().enumerate() {
        if seg.is_empty() {
            // Only the end of a folder URL may be empty.
            if i == last {
                continue;
            }
            return None;
        }
        if *seg == ".." || *seg == "." || seg.contains(['\\', ':', '\0']) {
            return None;
        }
        parts.push(*seg);
    }
    Some(parts.join("/"))
}

async fn files(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    let raw = req.uri().path().to_string();
    let Some(rel) = safe_path(&raw) else {
        return (
            StatusCode::FORBIDDEN,
            "refused: the path leaves the site folder\n",
        )
            .into_response();
    };
    let mut path = shared.out.join(&rel);
    if path.is_dir() {
        if !raw.ends_with('/') {
            return Redirect::permanent(&format!("{raw}/")).into_response();
        }
        path = path.join("index.html");
    }
    let is_html = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html"));
    if is_html || !path.exists() {
        let status = shared.status();
        return match tokio::fs::read(&path).await {
            Ok(bytes) if is_html => {
                let html = String::from_utf8_lossy(&bytes);
                no_store(
                    (
                        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                        inject(&html, &status, true),
                    )
                        .into_response(),
                )
            }
            _ => no_store(
                (
                    StatusCode::NOT_FOUND,
                    [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                    inject(&not_found(&rel, &status), &status, false),
                )
                    .into_response(),
            ),
        };
    }
    match ServeDir::new(&shared.out).oneshot(req).await {
        Ok(r) => no_store(r.map(Body::new)),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

fn not_found(rel: &str, status: &Status) -> String {
    let what = if status.ok {
        format!("<p>No page at <code>{}</code>. It will show up here when it is built.</p><p><a href=\"/index.html\">Course home</a></p>", escape(rel))
    } else {
        format!("<p>No page at <code>{}</code> yet.</p>", escape(rel))
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Not found · syllabus serve</title>\n</head>\n<body>\n<main>\n<h1>Not found</h1>\n{what}\n</main>\n</body>\n</html>\n"
    )
}

/// Adds the reload client, and the overlay when the last rebuild failed.
/// `built` says whether the page is a built one (else the server's own page).
fn inject(html: &str, status: &Status, built: bool) -> String {
    let head = format!(
        "<link rel=\"stylesheet\" href=\"/__syllabus/overlay.css\">\n<script src=\"/__syllabus/reload.js\" data-version=\"{}\" defer></script>\n",
        status.version
    );
    let mut out = String::with_capacity(html.len() + head.len() + 4096);
    let after_head = match html.find("</head>") {
        Some(i) => {
            out.push_str(&html[..i]);
            out.push_str(&head);
            i
        }
        None => {
            out.push_str(&head);
            0
        }
    };
    let rest = &html[after_head..];
    if status.ok {
        out.push_str(rest);
        return out;
    }
    match rest
        .find("<body")
        .and_then(|b| rest[b..].find('>').map(|e| b + e + 1))
    {
        Some(i) => {
            out.push_str(&rest[..i]);
            out.push_str(&overlay(status, built));
            out.push_str(&rest[i..]);
        }
        None => {
            out.push_str(&overlay(status, built));
            out.push_str(rest);
        }
    }
    out
}

/// The error overlay, as `reload.js` also builds it when an open page learns of a
/// failed rebuild.
fn overlay(status: &Status, built: bool) -> String {
    let items: String = status
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "<li class=\"syllabus-diag syllabus-{}\"><pre>{}</pre></li>",
                d.severity,
                escape(&d.text)
            )
        })
        .collect();
    format!(
        "<div id=\"syllabus-overlay\" class=\"syllabus-overlay\" role=\"dialog\" aria-labelledby=\"syllabus-overlay-title\">\
<div class=\"syllabus-overlay-box\">\
<h2 id=\"syllabus-overlay-title\">{title} <span class=\"syllabus-overlay-summary\">({summary})</span></h2>\
<p role=\"alert\">{note}</p>\
<ol class=\"syllabus-overlay-list\">{items}</ol>\
<button type=\"button\" class=\"syllabus-overlay-close\">{dismiss}</button>\
</div></div>\n",
        title = escape(&status.words.title),
        summary = escape(&status.summary),
        note = escape(if built {
            &status.words.note
        } else {
            &status.words.note_unbuilt
        }),
        dismiss = escape(&status.words.dismiss),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_are_kept() {
        assert_eq!(safe_path("/").as_deref(), Some(""));
        assert_eq!(safe_path("/index.html").as_deref(), Some("index.html"));
        assert_eq!(safe_path("/basics/").as_deref(), Some("basics"));
        assert_eq!(
            safe_path("/assets/%E5%9B%BE.svg").as_deref(),
            Some("assets/图.svg")
        );
    }

    #[test]
    fn paths_leaving_the_site_are_refused() {
        for p in [
            "/../Cargo.toml",
            "/a/../../b",
            "/%2e%2e/x",
            "/%2E%2e/x",
            "/.%2e/x",
            "/a%2f..%2fb",
            "/a%2F..",
            "/a%5c..",
            "/..\\x",
            "//etc/passwd",
            "/a//b",
            "/./x",
            "/C:/Windows",
            "/x%00.html",
            "relative",
            "/%ff%fe",
        ] {
            assert_eq!(safe_path(p), None, "{p}");
        }
    }
}
