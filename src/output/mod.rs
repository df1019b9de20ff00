//! The output folder, written one way in three modes: [`Writer::discard`] (check:
//! render everything, keep nothing), [`Writer::fresh`] (build: every file into a
//! new folder, swapped in for the old one only when the whole site is written),
//! and [`Writer::live`] (serve: files whose bytes did not change are not written,
//! each write is atomic, files no longer in the site are removed).
//!
//! The site is never written into the course folder, and a folder that syllabus
//! did not write is never replaced.

pub mod guard;

pub use guard::{check_place, Replace};

use crate::core::{Diagnostic, Diagnostics};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

/// A marker file that says a folder was written by syllabus and may be replaced.
pub const OUTPUT_MARKER: &str = ".syllabus-output";

const MARKER_TEXT: &str = "This folder is written by syllabus build and replaced on every build.\n";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Discard,
    Fresh,
    Live,
}

/// What a copied file was when it was last copied: its source, size and time.
type Stamp = (PathBuf, u64, Option<SystemTime>);

pub struct Writer {
    root: PathBuf,
    mode: Mode,
    /// Live: output path → hash of the bytes on disk.
    written: Mutex<HashMap<String, u64>>,
    /// Live: output path → the copied file's stamp.
    copied: Mutex<HashMap<String, Stamp>>,
}

fn io_error(path: &Path, what: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(path, format!("{what}: {e}"))
}

impl Writer {
    fn new(root: PathBuf, mode: Mode) -> Self {
        Writer {
            root,
            mode,
            written: Mutex::new(HashMap::new()),
            copied: Mutex::new(HashMap::new()),
        }
    }

    /// Renders to nowhere: for checking that every page renders.
    pub fn discard() -> Self {
        Writer::new(PathBuf::new(), Mode::Discard)
    }

    /// Writes every file into `root`, a new empty folder.
    pub fn fresh(root: &Path) -> Self {
        Writer::new(root.to_path_buf(), Mode::Fresh)
    }

    /// Keeps `root` in step with the site across rebuilds. `root` must be missing,
    /// empty, or a folder syllabus wrote (it is emptied).
    pub fn live(root: &Path) -> Result<Self, Diagnostic> {
        if root.is_dir() {
            if !is_empty(root) && !root.join(OUTPUT_MARKER).exists() {
                return Err(Diagnostic::error(
                    root,
                    "the output folder exists and was not written by syllabus; it is left untouched",
                )
                .hint("choose an empty or new folder, or leave out `--out` to serve from a temporary folder"));
            }
            std::fs::remove_dir_all(root)
                .map_err(|e| io_error(root, "cannot empty the output folder", e))?;
        }
        std::fs::create_dir_all(root)
            .map_err(|e| io_error(root, "cannot create the output folder", e))?;
        std::fs::write(root.join(OUTPUT_MARKER), MARKER_TEXT)
            .map_err(|e| io_error(root, "cannot write", e))?;
        Ok(Writer::new(root.to_path_buf(), Mode::Live))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Writes one file of the site; `Ok(false)` when nothing was written (discarded,
    /// or the bytes on disk are already these).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<bool, Diagnostic> {
        let path = self.root.join(rel);
        match self.mode {
            Mode::Discard => Ok(false),
            Mode::Fresh => {
                create_parent(&path)?;
                std::fs::write(&path, bytes).map_err(|e| io_error(&path, "cannot write", e))?;
                Ok(true)
            }
            Mode::Live => {
                let hash = xxhash_rust::xxh3::xxh3_64(bytes);
                if lock(&self.written).get(rel) == Some(&hash) {
                    return Ok(false);
                }
                write_atomic(&path, bytes)?;
                lock(&self.written).insert(rel.to_string(), hash);
                Ok(true)
            }
        }
    }

    /// Brings the copied files (linked files and `assets/`; output path → source)
    /// in step: copies new or changed ones and those whose source is in `force`;
    /// a live output deletes those no longer wanted. Returns how many it copied.
    pub fn copy_files(
        &self,
        want: &BTreeMap<String, PathBuf>,
        force: &HashSet<PathBuf>,
    ) -> Result<usize, Diagnostic> {
        if self.mode == Mode::Discard {
            return Ok(0);
        }
        let mut copied = lock(&self.copied);
        let mut n = 0;
        for (to, from) in want {
            let meta = std::fs::metadata(from).ok();
            let stamp = (
                from.clone(),
                meta.as_ref().map_or(0, |m| m.len()),
                meta.as_ref().and_then(|m| m.modified().ok()),
            );
            if copied.get(to) == Some(&stamp) && !force.contains(from) {
                continue;
            }
            let dest = self.root.join(to);
            create_parent(&dest)?;
            std::fs::copy(from, &dest).map_err(|e| io_error(from, "cannot copy", e))?;
            copied.insert(to.clone(), stamp);
            n += 1;
        }
        if self.mode == Mode::Live {
            let stale: Vec<String> = copied
                .keys()
                .filter(|k| !want.contains_key(*k))
                .cloned()
                .collect();
            let written = lock(&self.written);
            for rel in stale {
                copied.remove(&rel);
                if !written.contains_key(&rel) {
                    remove_file(&self.root, &rel);
                }
            }
        }
        Ok(n)
    }

    /// Whether a path (relative to the course folder) is the source of a copied file.
    pub fn is_copied(&self, course_dir: &Path, rel: &Path) -> bool {
        let abs = course_dir.join(rel);
        lock(&self.copied).values().any(|(from, ..)| *from == abs)
    }

    /// Live: deletes rendered files that are not in `keep` (after a render of the
    /// whole site).
    pub fn remove_stale(&self, keep: &HashSet<String>) {
        if self.mode != Mode::Live {
            return;
        }
        let mut written = lock(&self.written);
        let stale: Vec<String> = written
            .keys()
            .filter(|r| !keep.contains(*r))
            .cloned()
            .collect();
        for rel in stale {
            written.remove(&rel);
            remove_file(&self.root, &rel);
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn is_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false)
}

fn create_parent(path: &Path) -> Result<(), Diagnostic> {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => {
            std::fs::create_dir_all(d).map_err(|e| io_error(d, "cannot create folder", e))
        }
        _ => Ok(()),
    }
}

/// Writes through a temporary file and a rename, so that the server never sends
/// half a page.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    create_parent(path)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| io_error(&tmp, "cannot write", e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io_error(path, "cannot write", e)
    })
}

/// Removes an output file and the folders it leaves empty.
fn remove_file(out: &Path, rel: &str) {
    let path = out.join(rel);
    let _ = std::fs::remove_file(&path);
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == out || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// Writes a site into a fresh folder beside `out` with `fill`, then swaps it in for
/// `out`. When `fill` fails, the fresh folder is removed and `out` stays as it was.
/// `fill` returns how many files it wrote. Only a folder syllabus wrote is replaced.
pub fn replace_dir(
    course_dir: &Path,
    out: &Path,
    fill: impl FnOnce(&Writer) -> Result<usize, Diagnostics>,
) -> Result<usize, Diagnostics> {
    replace_dir_with(course_dir, out, Replace::OwnOnly, fill)
}

/// [`replace_dir`], saying which folders may be replaced.
pub fn replace_dir_with(
    course_dir: &Path,
    out: &Path,
    replace: Replace,
    fill: impl FnOnce(&Writer) -> Result<usize, Diagnostics>,
) -> Result<usize, Diagnostics> {
    // Before anything is created: not even an empty folder goes into the course.
    check_place(course_dir, out).map_err(Diagnostics::one)?;
    let (parent, name) = beside(out);
    std::fs::create_dir_all(&parent).map_err(|e| {
        Diagnostics::one(io_error(
            &parent,
            "cannot create the output's parent folder",
            e,
        ))
    })?;
    recover(out);
    guard::check(course_dir, out, replace).map_err(Diagnostics::one)?;
    // The process id in the name tells the next build whether this one still runs.
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}.building-{}-", std::process::id()))
        .tempdir_in(&parent)
        .map_err(|e| {
            Diagnostics::one(io_error(
                &parent,
                "cannot create a temporary folder beside the output",
                e,
            ))
        })?;
    let n = fill(&Writer::fresh(tmp.path()))?;
    std::fs::write(tmp.path().join(OUTPUT_MARKER), MARKER_TEXT)
        .map_err(|e| Diagnostics::one(io_error(tmp.path(), "cannot write", e)))?;
    swap_in(tmp, out, &parent, &name).map_err(Diagnostics::one)?;
    Ok(n)
}

/// The folder the output sits in, and the output's name.
fn beside(out: &Path) -> (PathBuf, String) {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    (parent, name)
}

/// Undoes what an interrupted build left beside `out`: puts the previous site
/// back if a build was killed while swapping, and removes half-written sites.
/// Every build does this first, whether or not it goes on to write.
pub fn recover(out: &Path) {
    let (parent, name) = beside(out);
    guard::clean_leftovers(&parent, &name, out);
}

/// Moves the old site aside, the new one in, then deletes the old.
fn swap_in(
    tmp: tempfile::TempDir,
    out: &Path,
    parent: &Path,
    name: &str,
) -> Result<(), Diagnostic> {
    let kept = tmp.keep();
    let old = if out.exists() {
        let aside = parent.join(format!(".{name}.old-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&aside);
        std::fs::rename(out, &aside)
            .map_err(|e| io_error(out, "cannot move the previous output aside", e))?;
        Some(aside)
    } else {
        None
    };
    if let Err(e) = std::fs::rename(&kept, out) {
        if let Some(a) = &old {
            let _ = std::fs::rename(a, out);
        }
        let _ = std::fs::remove_dir_all(&kept);
        return Err(io_error(out, "cannot move the new site into place", e));
    }
    if let Some(a) = old {
        let _ = std::fs::remove_dir_all(a);
    }
    Ok(())
}
