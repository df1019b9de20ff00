//! Watching the course (and a theme folder outside it) for saves, and rebuilding
//! on a thread of its own, one batch of changes at a time.

use super::http::{Shared, Words};
use super::site::Site;
use super::{report, say, DEBOUNCE};
use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};

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

pub type Watcher = notify_debouncer_full::Debouncer<
    notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

/// Starts watching the course folder. Done before the first build, so that a save
/// during the build is not lost: its events wait in the channel.
pub fn start_watcher(
    course: &Path,
) -> notify::Result<(Watcher, mpsc::Receiver<DebounceEventResult>)> {
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

/// How long the saves must pause before `serve` writes the search index again.
const SETTLE_AFTER: std::time::Duration = std::time::Duration::from_millis(300);

/// Rebuilds on their own thread, one batch of changes at a time.
pub fn spawn_rebuilds(
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
        let mut next = None;
        loop {
            let first = match next.take() {
                Some(e) => e,
                None => match rx.recv() {
                    Ok(e) => e,
                    Err(_) => break,
                },
            };
            let mut paths = BTreeSet::new();
            collect(first, &out, &mut paths);
            // Take whatever else arrived while we waited, as one batch.
            while let Ok(more) = rx.try_recv() {
                collect(more, &out, &mut paths);
            }
            if !paths.is_empty() {
                let paths: Vec<PathBuf> = paths.into_iter().collect();
                let outcome = site.rebuild(&paths);
                let outcome = site.localize(outcome);
                report(&outcome, color, false);
                shared.publish(&outcome, Words::from(site.strings()));
                // `course.yaml` may have named another theme folder.
                watch_theme(&mut watcher, &site, &mut theme);
            }
            // The page is on disk and the browser told; the search index waits
            // for a pause in the saves, so that a trainer saving again sees that
            // page first (at ten thousand pages the index is a second's work).
            if site.search_pending() {
                let stop = match rx.recv_timeout(SETTLE_AFTER) {
                    Ok(e) => {
                        next = Some(e);
                        continue;
                    }
                    Err(mpsc::RecvTimeoutError::Timeout) => false,
                    Err(mpsc::RecvTimeoutError::Disconnected) => true,
                };
                let late = site.settle();
                if !late.is_empty() {
                    say!("{}", late.render(color));
                }
                if stop {
                    break;
                }
            }
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

#[cfg(test)]
mod tests {
    use super::*;

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
