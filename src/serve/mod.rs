//! `syllabus serve`: builds the course into a scratch folder, serves it over HTTP
//! ([`http`]), watches the sources ([`watch`]) and rebuilds what changed
//! ([`site`]), and tells open pages to reload, or shows the build's problems on
//! top of the last good page.
//!
//! The live-reload client and the error overlay are served under `/__syllabus/`
//! and put into HTML responses only; files on disk stay exactly as `build` writes
//! them. Both are plain files, so they work under the site's
//! `Content-Security-Policy: default-src 'self'`.

pub mod http;
pub mod site;
pub mod watch;

pub use site::{Outcome, Site};

use crate::core::messages::{tr, Lang};
use crate::model::config::course_language;
use crate::pipeline::BuildOptions;
use http::{views, Shared, Status, Words};
use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tokio::sync::broadcast;

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
pub(crate) use say;

macro_rules! say_raw {
    ($($t:tt)*) => {{
        let _ = write!(std::io::stderr(), $($t)*);
    }};
}

pub struct ServeOptions {
    pub course: PathBuf,
    pub port: u16,
    pub bind: IpAddr,
    pub open: bool,
    /// Where to keep the built site; a temporary folder when not given.
    pub out: Option<PathBuf>,
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
    let lang = Lang::choose(course_language(&opts.course).as_deref());
    if !opts.course.is_dir() {
        // Nothing to watch.
        let d = crate::model::config::missing_folder(&opts.course, "serve");
        say_raw!("{}", d.translated(lang).render_in(color, lang));
        return 1;
    }
    let mut site = match Site::new(&opts.course, &out, BuildOptions { drafts: true }) {
        Ok(s) => s,
        Err(d) => {
            say_raw!("{}", d.translated(lang).render_in(color, lang));
            return 1;
        }
    };
    let (watcher, events) = match watch::start_watcher(&opts.course) {
        Ok(w) => w,
        Err(e) => {
            say!("error: cannot watch {}: {e}", opts.course.display());
            return 1;
        }
    };
    let first = site.build_all();
    let first = site.localize(first);
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

    let Some((listener, url)) = listen(&opts) else {
        return 1;
    };
    watch::spawn_rebuilds(site, watcher, events, shared.clone(), color);
    if opts.open {
        if let Err(e) = opener::open(&url) {
            say!("warning: cannot open a browser: {e}; open {url} yourself");
        }
    }

    serve_until_stopped(listener, shared)
}

/// Listens on the chosen address and port (or the next free port) and says where.
fn listen(opts: &ServeOptions) -> Option<(TcpListener, String)> {
    let listener = match bind(opts.bind, opts.port) {
        Ok(l) => l,
        Err(e) => {
            say!("error: cannot listen on {}: {e}", opts.bind);
            return None;
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
    Some((listener, url))
}

/// Serves the site until interrupted; returns the exit status.
fn serve_until_stopped(listener: TcpListener, shared: Arc<Shared>) -> i32 {
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
            r = axum::serve(listener, http::app(shared)) => {
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
pub(crate) fn report(o: &Outcome, color: bool, first: bool) {
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
        let line = format!(
            "{}: build failed ({}) in {ms:.0} ms; the browser shows the problems, the last good pages stay served",
            o.what,
            o.diagnostics.summary()
        );
        say!("{}", tr(o.diagnostics.lang(), &line));
    }
}
