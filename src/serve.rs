//! `syllabus serve`: builds the course into a scratch folder, serves it over HTTP,
//! watches the sources and rebuilds what changed ([`crate::incremental`]), and
//! tells open pages to reload, or shows the build's problems on top of the last
//! good page.
//!
//! The live-reload client and the error overlay are served under `/__syllabus/`
//! and put into HTML responses only; files on disk stay exactly as `build` writes
//! them. Both are plain files, so they work under the site's
//! `Content-Security-Policy: default-src 'self'`.

use crate::diagnostics::{Diagnostics, Severity};
use crate::incremental::{Outcome, Site};
use crate::markdown::escape;
use crate::site::BuildOptions;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::convert::Infallible;
use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, RwLock};
use std::time::Duration;
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::StreamExt;
use tower::ServiceExt;
use tower_http::services::ServeDir;

/// How long the watcher waits for a burst of file events to end. Editors write a
/// file in several steps within a few milliseconds; this is short enough to stay
/// well inside a trainer's "instant".
pub const DEBOUNCE: Duration = Duration::from_millis(30);

/// The port tried first.
pub const DEFAULT_PORT: u16 = 4000;

/// Prints to stderr; a closed terminal must not stop the server (`eprintln!` would panic).
macro_rules! say {
    ($($t:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}

macro_rules! say_raw {
    ($($t:tt)*) => {{
        let _ = write!(std::io::stderr(), $($t)*);
    }};
}

const RELOAD_JS: &str = include_str!("serve/reload.js");
const OVERLAY_CSS: &str = include_str!("serve/overlay.css");

pub struct ServeOptions {
    pub course: PathBuf,
    pub port: u16,
    pub bind: IpAddr,
    pub open: bool,
    /// Where to keep the built site; a temporary folder when not given.
    pub out: Option<PathBuf>,
}

/// What open pages need to know about the latest rebuild.
#[derive(Clone, Serialize)]
struct Status {
    /// Goes up with every rebuild; a page loaded at an older version reloads.
    version: u64,
    ok: bool,
    summary: String,
    /// Each problem as the terminal prints it.
    diagnostics: Vec<DiagView>,
    words: Words,
}

#[derive(Clone, Serialize)]
struct DiagView {
    severity: &'static str,
    text: String,
}

/// The overlay's UI strings, in the course language when the theme loaded.
#[derive(Clone, Serialize)]
struct Words {
    title: String,
    note: String,
    /// The note on a page that has no last good version to show.
    note_unbuilt: String,
    dismiss: String,
}

impl Words {
    fn from(strings: Option<&HashMap<String, String>>) -> Words {
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

struct Shared {
    out: PathBuf,
    status: RwLock<Status>,
    changed: broadcast::Sender<()>,
}

impl Shared {
    fn status(&self) -> Status {
        match self.status.read() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn publish(&self, outcome: &Outcome, words: Words) {
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

fn views(d: &Diagnostics) -> Vec<DiagView> {
    d.iter()
        .map(|x| DiagView {
            severity: match x.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            text: x.render(false),
        })
        .collect()
}

/// Runs the server until interrupted; returns the exit status.
pub fn run(opts: ServeOptions, color: bool) -> i32 {
    // Held until the server stops; dropping it removes the temporary site.
    let mut _scratch = None;
    let out = match &opts.out {
        Some(o) => o.clone(),
        None => match tempfile::Builder::new().prefix("syllabus-serve-").tempdir() {
            Ok(t) => {
                let p = t.path().join("site");
                _scratch = Some(t);
                p
            }
            Err(e) => {
                say!("error: cannot create a temporary folder for the site: {e}");
                return 1;
            }
        },
    };
    let mut site = match Site::new(&opts.course, &out, BuildOptions { drafts: true }) {
        Ok(s) => s,
        Err(d) => {
            say_raw!("{}", d.render(color));
            return 1;
        }
    };
    if !opts.course.is_dir() {
        // Nothing to watch: say what a build would say about it.
        let first = site.build_all();
        say_raw!("{}", first.diagnostics.render(color));
        return 1;
    }
    let (watcher, events) = match start_watcher(&opts.course) {
        Ok(w) => w,
        Err(e) => {
            say!("error: cannot watch {}: {e}", opts.course.display());
            return 1;
        }
    };
    let first = site.build_all();
    report(&first, color, true);
    let shared = Arc::new(Shared {
        out: out.clone(),
        status: RwLock::new(Status {
            version: 0,
            ok: first.ok,
            summary: first.diagnostics.summary(),
            diagnostics: views(&first.diagnostics),
            words: Words::from(site.strings()),
        }),
        changed: broadcast::channel(16).0,
    });

    let listener = match bind(opts.bind, opts.port) {
        Ok(l) => l,
        Err(e) => {
            say!("error: cannot listen on {}: {e}", opts.bind);
            return 1;
        }
    };
    let addr = listener
        .local_addr()
        .unwrap_or(SocketAddr::new(opts.bind, opts.port));
    if addr.port() != opts.port && opts.port != 0 {
        say!("port {} is taken; using {} instead", opts.port, addr.port());
    }
    if !opts.bind.is_loopback() {
        say!(
            "warning: serving on {} — anyone who can reach this machine on port {} can see the course, drafts included",
            opts.bind,
            addr.port()
        );
    }
    let host = if opts.bind.is_unspecified() {
        "127.0.0.1".to_string()
    } else if opts.bind.is_ipv6() {
        format!("[{}]", opts.bind)
    } else {
        opts.bind.to_string()
    };
    let url = format!("http://{host}:{}/", addr.port());
    // Whoever reads stdout may stop reading; serving goes on regardless.
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "serving {} at {url}", opts.course.display());
    let _ = writeln!(stdout, "watching for changes; press Ctrl+C to stop");
    let _ = stdout.flush();

    spawn_rebuilds(site, watcher, events, shared.clone(), color);
    if opts.open {
        if let Err(e) = opener::open(&url) {
            say!("warning: cannot open a browser: {e}; open {url} yourself");
        }
    }

    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            say!("error: cannot start the server: {e}");
            return 1;
        }
    };
    let status = runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::from_std(listener) {
            Ok(l) => l,
            Err(e) => {
                say!("error: cannot listen: {e}");
                return 1;
            }
        };
        // Open event streams never end, so waiting for connections to close would
        // hang: stop at once on a signal instead.
        tokio::select! {
            r = axum::serve(listener, app(shared)) => {
                if let Err(e) = r {
                    say!("error: the server stopped: {e}");
                    return 1;
                }
                0
            }
            _ = shutdown_signal() => {
                say!("stopped");
                0
            }
        }
    });
    runtime.shutdown_timeout(Duration::from_millis(100));
    status
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let term = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Listens on `port`, or the next free one. Port 0 lets the system choose.
fn bind(addr: IpAddr, port: u16) -> std::io::Result<TcpListener> {
    let mut last = None;
    let tries = if port == 0 { 1 } else { 50 };
    for p in (0..tries).filter_map(|i| port.checked_add(i)) {
        match TcpListener::bind((addr, p)) {
            Ok(l) => {
                l.set_nonblocking(true)?;
                return Ok(l);
            }
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free port")))
}

/// Prints one rebuild as the terminal shows it.
fn report(o: &Outcome, color: bool, first: bool) {
    let ms = o.elapsed.as_secs_f64() * 1000.0;
    if o.ok {
        if !o.diagnostics.is_empty() {
            say_raw!("{}", o.diagnostics.render(color));
        }
        let verb = if first { "built" } else { "rebuilt" };
        say!(
            "{verb} {}: {} page{} rendered, {} file{} written in {ms:.0} ms{}",
            o.what,
            o.rendered,
            if o.rendered == 1 { "" } else { "s" },
            o.written,
            if o.written == 1 { "" } else { "s" },
            if o.diagnostics.is_empty() {
                String::new()
            } else {
                format!(" ({})", o.diagnostics.summary())
            }
        );
    } else {
        say_raw!("{}", o.diagnostics.render(color));
        say!(
            "{}: build failed ({}) in {ms:.0} ms; the browser shows the problems, the last good pages stay served",
            o.what,
            o.diagnostics.summary()
        );
    }
}

/// Whether a file name is an editor's temporary, swap, lock or backup file.
pub fn is_editor_temp(name: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "~",            // vim, emacs, kate backups
        ".swp",         // vim
        ".swo",         // vim
        ".swx",         // vim
        ".swpx",        // vim
        ".kate-swp",    // kate
        ".bck",         // helix
        ".bak",         // many
        ".tmp",         // VS Code, many
        ".crswap",      // browsers' file system access
        "___jb_tmp___", // JetBrains
        "___jb_old___", // JetBrains
        ".part",        // downloads in progress
    ];
    name.starts_with('.')                               // vim .x.swp, emacs .#lock, gedit
        || (name.starts_with('#') && name.ends_with('#')) // emacs autosave
        || name == "4913"                                // vim's write probe
        || SUFFIXES.iter().any(|s| name.ends_with(s))
        || name.contains(".tmp.")
}

type Watcher = notify_debouncer_full::Debouncer<
    notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

/// Starts watching the course folder. Done before the first build, so that a save
/// during the build is not lost: its events wait in the channel.
fn start_watcher(course: &Path) -> notify::Result<(Watcher, mpsc::Receiver<DebounceEventResult>)> {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, tx)?;
    // Absolute, so that event paths compare with the course's own.
    let course = course
        .canonicalize()
        .unwrap_or_else(|_| course.to_path_buf());
    debouncer.watch(&course, RecursiveMode::Recursive)?;
    Ok((debouncer, rx))
}

/// Watches the course's theme folder too when it lies outside the course.
fn watch_theme(watcher: &mut Watcher, site: &Site, watched: &mut Option<PathBuf>) {
    let course = site
        .course_dir()
        .canonicalize()
        .unwrap_or_else(|_| site.course_dir().to_path_buf());
    let theme = site
        .theme_dir()
        .and_then(|t| t.canonicalize().ok())
        .filter(|t| !t.starts_with(&course));
    if theme == *watched {
        return;
    }
    if let Some(old) = watched.take() {
        let _ = watcher.unwatch(&old);
    }
    if let Some(t) = theme {
        match watcher.watch(&t, RecursiveMode::Recursive) {
            Ok(()) => *watched = Some(t),
            Err(e) => say!(
                "warning: cannot watch the theme folder {}: {e}",
                t.display()
            ),
        }
    }
}

/// Rebuilds on their own thread, one batch of changes at a time.
fn spawn_rebuilds(
    mut site: Site,
    mut watcher: Watcher,
    rx: mpsc::Receiver<DebounceEventResult>,
    shared: Arc<Shared>,
    color: bool,
) {
    let out = shared
        .out
        .canonicalize()
        .unwrap_or_else(|_| shared.out.clone());
    std::thread::spawn(move || {
        let mut theme = None;
        watch_theme(&mut watcher, &site, &mut theme);
        while let Ok(first) = rx.recv() {
            let mut paths = BTreeSet::new();
            collect(first, &out, &mut paths);
            // Take whatever else arrived while we waited, as one batch.
            while let Ok(more) = rx.try_recv() {
                collect(more, &out, &mut paths);
            }
            if paths.is_empty() {
                continue;
            }
            let paths: Vec<PathBuf> = paths.into_iter().collect();
            let outcome = site.rebuild(&paths);
            report(&outcome, color, false);
            shared.publish(&outcome, Words::from(site.strings()));
            // `course.yaml` may have named another theme folder.
            watch_theme(&mut watcher, &site, &mut theme);
        }
    });
}

fn collect(events: DebounceEventResult, out: &Path, paths: &mut BTreeSet<PathBuf>) {
    let events = match events {
        Ok(e) => e,
        Err(errors) => {
            for e in errors {
                say!("warning: file watcher: {e}");
            }
            return;
        }
    };
    for ev in events {
        if matches!(ev.kind, notify::EventKind::Access(_)) {
            continue;
        }
        for p in &ev.paths {
            if p.starts_with(out) {
                continue;
            }
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if is_editor_temp(&name) {
                continue;
            }
            paths.insert(p.clone());
        }
    }
}

fn app(shared: Arc<Shared>) -> Router {
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

    #[test]
    fn editor_files_are_recognised() {
        for n in [
            ".lesson.md.swp",
            "lesson.md~",
            "#lesson.md#",
            ".#lesson.md",
            "4913",
            "lesson.md___jb_tmp___",
            "lesson.md___jb_old___",
            "lesson.md.kate-swp",
            "lesson.md.bck",
            "lesson.md.tmp",
            "lesson.md.tmp.1234",
        ] {
            assert!(is_editor_temp(n), "{n}");
        }
        for n in ["01-lesson.md", "course.yaml", "diagram.svg", "index.md"] {
            assert!(!is_editor_temp(n), "{n}");
        }
    }
}
