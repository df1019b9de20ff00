//! A course being served: the checked course kept between saves, and the output
//! folder kept in step with it. Each rebuild classifies the changed files
//! ([`crate::pipeline::classify`]), brings the model up to date, and renders the
//! pages whose fingerprint changed ([`crate::render::plan`]); whatever the path,
//! the output equals what `build --drafts` writes (tests compare them).

use crate::core::{Diagnostic, Diagnostics};
use crate::output::Writer;
use crate::pipeline::{classify, BuildOptions, Change, Edit, Pipeline};
use crate::render::{plan, site};
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

/// What one rebuild did, for the terminal and the browser.
pub struct Outcome {
    /// Sorted diagnostics of the course as it now stands (errors and warnings).
    pub diagnostics: Diagnostics,
    /// Whether the output now matches the sources.
    pub ok: bool,
    /// What was rebuilt, e.g. `01-basics/02-second.md (page body)`.
    pub what: String,
    /// Pages of the course rendered (the home page and workbook are rendered on
    /// every rebuild and not counted), and files whose bytes were written.
    pub rendered: usize,
    pub written: usize,
    pub elapsed: Duration,
}

impl Outcome {
    /// A rebuild that stopped before writing anything: the last good output stays.
    fn failed(diagnostics: Diagnostics, what: String, started: Instant) -> Outcome {
        Outcome {
            diagnostics,
            ok: false,
            what,
            rendered: 0,
            written: 0,
            elapsed: started.elapsed(),
        }
    }
}

pub struct Site {
    dir: PathBuf,
    /// `dir` canonicalized, to make watcher paths relative.
    canon_dir: PathBuf,
    opts: BuildOptions,
    out: Writer,
    pipeline: Option<Pipeline>,
    /// Page id → fingerprint of the page as last written. A page missing here, or
    /// whose fingerprint differs, is rendered on the next rebuild.
    rendered: HashMap<String, u64>,
    /// The search index's pages, cut into terms once and again only when changed.
    search: crate::search::Cache,
    /// The search files on disk (the page and the index), as last written.
    search_files: Vec<String>,
    /// Whether the search page and index wait for [`Site::settle`].
    search_pending: bool,
    /// Every other file the last rebuild keeps (pages, site files, copies).
    kept: HashSet<String>,
}

impl Site {
    /// A site for `dir` written into `out`, which must be empty or missing or a
    /// folder syllabus wrote (it is emptied).
    pub fn new(dir: &Path, out: &Path, opts: BuildOptions) -> Result<Site, Diagnostic> {
        // Inside the course, every write would be a change to rebuild for.
        crate::output::check_place(dir, out)?;
        Ok(Site {
            dir: dir.to_path_buf(),
            canon_dir: dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf()),
            opts,
            out: Writer::live(out)?,
            pipeline: None,
            rendered: HashMap::new(),
            search: crate::search::Cache::default(),
            search_files: Vec::new(),
            search_pending: false,
            kept: HashSet::new(),
        })
    }

    /// The outcome with its diagnostics in the language chosen for this course
    /// (read again each time: `course.yaml` may have changed).
    pub fn localize(&self, mut o: Outcome) -> Outcome {
        let lang = crate::core::messages::Lang::choose(
            crate::model::config::course_language(&self.dir).as_deref(),
        );
        o.diagnostics = o.diagnostics.translated(lang);
        o
    }

    pub fn out(&self) -> &Path {
        self.out.root()
    }

    pub fn course_dir(&self) -> &Path {
        &self.dir
    }

    /// The UI strings of the course language, once the theme loaded.
    pub fn strings(&self) -> Option<&HashMap<String, String>> {
        self.pipeline.as_ref().map(|p| &p.theme.strings)
    }

    /// The theme folder, when the course has its own (watched besides the course).
    pub fn theme_dir(&self) -> Option<PathBuf> {
        self.pipeline.as_ref()?.course.config.theme_dir.clone()
    }

    /// Builds everything from scratch, search index included.
    pub fn build_all(&mut self) -> Outcome {
        let started = Instant::now();
        self.pipeline = None;
        let mut outcome = self.reload("everything".into(), started);
        let late = self.settle();
        outcome.ok &= !late.has_errors();
        outcome.diagnostics.extend(late);
        outcome.elapsed = started.elapsed();
        outcome
    }

    /// Whether [`Site::settle`] has the search index to write.
    pub fn search_pending(&self) -> bool {
        self.search_pending
    }

    /// Brings the search page and index up to date after a rebuild, which leaves
    /// them for later so that the edited page is on disk (and the browser
    /// reloads) without waiting for the index: at ten thousand pages the index is
    /// about a second's work. Warnings about files that could not be written are
    /// returned. Nothing to do when the last rebuild failed or search is off.
    pub fn settle(&mut self) -> Diagnostics {
        if !std::mem::take(&mut self.search_pending) {
            return Diagnostics::new();
        }
        let Some(p) = &self.pipeline else {
            return Diagnostics::new();
        };
        let r = crate::render::Renderer::new(p);
        let written = match crate::render::search::write(&r, &self.out, Some(&self.search)) {
            Ok(w) => w,
            Err(d) => return d,
        };
        self.search_files = written.files;
        let mut keep = self.kept.clone();
        keep.extend(self.search_files.iter().cloned());
        self.out.remove_stale(&keep);
        Diagnostics::new()
    }

    fn reload(&mut self, what: String, started: Instant) -> Outcome {
        match Pipeline::load(&self.dir, self.opts) {
            Ok(p) => {
                self.pipeline = Some(p);
                self.finish(what, &HashSet::new(), started)
            }
            Err(d) => {
                self.pipeline = None;
                Outcome::failed(d, what, started)
            }
        }
    }

    /// Rebuilds after the given files changed (paths as the watcher reports them).
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Outcome {
        let started = Instant::now();
        let mut rels: Vec<PathBuf> = changed.iter().filter_map(|p| self.relative(p)).collect();
        rels.sort();
        rels.dedup();
        let names: Vec<String> = rels.iter().map(|r| crate::model::slash_path(r)).collect();
        let Some(pipeline) = self.pipeline.as_mut() else {
            return self.reload(describe(&names, "everything"), started);
        };
        let edits: Vec<Edit> = rels.iter().map(|rel| read_edit(&self.dir, rel)).collect();
        let out = &self.out;
        let dir = &self.dir;
        let change = classify(&edits, pipeline, &|rel| out.is_copied(dir, rel));
        let what = describe(&names, change.describe());
        let forced: HashSet<PathBuf> = match change {
            Change::Copies => rels.iter().map(|r| self.dir.join(r)).collect(),
            _ => HashSet::new(),
        };
        if let Err(d) = pipeline.apply(change) {
            self.pipeline = None;
            return Outcome::failed(d, what, started);
        }
        self.finish(what, &forced, started)
    }

    /// Renders the pages whose fingerprint changed, when the course has no errors,
    /// and brings copied files in step.
    fn finish(&mut self, what: String, forced: &HashSet<PathBuf>, started: Instant) -> Outcome {
        let Some(p) = &self.pipeline else {
            return Outcome::failed(Diagnostics::new(), what, started);
        };
        let mut diagnostics = p.diagnostics();
        if diagnostics.has_errors() {
            return Outcome::failed(diagnostics, what, started);
        }
        let fingerprints = plan::fingerprints(p);
        let which: HashSet<String> = fingerprints
            .iter()
            .filter(|(id, fp)| self.rendered.get(*id) != Some(fp))
            .map(|(id, _)| id.clone())
            .collect();
        // The search page and index are written by `settle`, after the pages.
        let report =
            match site::render_with(p, site::Which::Only(&which), &self.out, site::Search::Later) {
                Ok(r) => r,
                Err(d) => {
                    diagnostics.extend(d);
                    return Outcome::failed(diagnostics.sorted(), what, started);
                }
            };
        let copies = p.copies().and_then(|want| {
            let n = self.out.copy_files(&want, forced)?;
            Ok((n, want))
        });
        let (copied, want) = match copies {
            Ok(c) => c,
            Err(d) => {
                diagnostics.push(d);
                return Outcome::failed(diagnostics.sorted(), what, started);
            }
        };
        let mut keep: HashSet<String> = p.course.pages().map(|pg| pg.url.clone()).collect();
        keep.extend(report.site_files.iter().cloned());
        keep.extend(want.into_keys());
        self.kept = keep.clone();
        // Until `settle` writes the new ones, the search files on disk stay.
        keep.extend(self.search_files.iter().cloned());
        self.out.remove_stale(&keep);
        self.search_pending = p.course.config.course.search;
        if !self.search_pending {
            self.search_files.clear();
        }
        self.rendered = fingerprints;
        Outcome {
            diagnostics,
            ok: true,
            what,
            rendered: report.rendered,
            written: report.written + copied,
            elapsed: started.elapsed(),
        }
    }

    /// Path relative to the course folder; `None` for paths outside it (other than
    /// the theme folder) or that `build` ignores (dot-files and dot-folders).
    fn relative(&self, p: &Path) -> Option<PathBuf> {
        let theme = self.theme_dir().and_then(|t| t.canonicalize().ok());
        let rel = match p.strip_prefix(&self.canon_dir) {
            Ok(r) => r.to_path_buf(),
            Err(_) => match &theme {
                Some(t) if p.starts_with(t) => p.to_path_buf(),
                _ => return None,
            },
        };
        let hidden = rel.components().any(|c| match c {
            Component::Normal(n) => n.to_string_lossy().starts_with('.'),
            _ => false,
        });
        (!hidden).then_some(rel)
    }
}

/// A changed file as it is now: whether it exists and, for a page, its text.
fn read_edit(dir: &Path, rel: &Path) -> Edit {
    let abs = if rel.is_absolute() {
        rel.to_path_buf()
    } else {
        dir.join(rel)
    };
    let text = if rel.extension().is_some_and(|e| e == "md") {
        crate::model::read_file(&abs)
            .ok()
            .and_then(crate::model::load::page_text)
    } else {
        None
    };
    Edit {
        rel: rel.to_path_buf(),
        exists: abs.is_file(),
        text,
    }
}

/// `01-basics/02-second.md (page body)`, or the first few names and a count.
fn describe(names: &[String], kind: &str) -> String {
    let list = match names.len() {
        0 => "nothing".to_string(),
        1..=3 => names.join(", "),
        n => format!("{} and {} more", names[..2].join(", "), n - 2),
    };
    format!("{list} ({kind})")
}
