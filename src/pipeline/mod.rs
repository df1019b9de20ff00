//! The checked course: the model, every page's analysis, blocks and resolved
//! links, and every problem found. `build`, `check` and `serve` all go through
//! [`Pipeline`]; `serve` keeps it between saves and [`Pipeline::apply`]s each
//! change, redoing only the pages whose inputs changed.
//!
//! Each page's checks read its text, its place (module and page slug, graded or
//! not) and the UI strings; a page whose inputs hash the same as before keeps its
//! analysis and blocks. Links are resolved again for every page on every change
//! (hash lookups: cheap), so a page can never keep a stale link.

pub mod change;
pub mod completion;
mod page;

pub use change::{classify, Change, Edit};
pub use page::PageState;

use crate::blocks::{self, Block, PageBlocks};
use crate::core::{Diagnostic, Diagnostics};
use crate::links::LinkIndex;
use crate::model::{self, Course, LoadOptions, Page};
use crate::theme::{self, Theme};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BuildOptions {
    pub drafts: bool,
}

/// A course read and checked. Holds errors as well as warnings: a course with
/// errors is still a model that the next save can repair.
pub struct Pipeline {
    pub dir: PathBuf,
    pub opts: BuildOptions,
    pub course: Course,
    pub theme: Theme,
    /// By page id.
    pub pages: HashMap<String, PageState>,
    /// From reading `course.yaml`, the pages' front matter and the theme.
    load_diags: Diagnostics,
    /// Checks that span the course (unique ids, exam pools).
    course_diags: Diagnostics,
}

impl Pipeline {
    /// Reads and checks the whole course. `Err` only when there is no course to
    /// model: `course.yaml` or the theme is unusable.
    pub fn load(dir: &Path, opts: BuildOptions) -> Result<Pipeline, Diagnostics> {
        let (course, theme, load_diags) = read(dir, opts)?;
        let mut p = Pipeline {
            dir: dir.to_path_buf(),
            opts,
            course,
            theme,
            pages: HashMap::new(),
            load_diags,
            course_diags: Diagnostics::new(),
        };
        p.check(HashMap::new());
        Ok(p)
    }

    /// Brings the model up to date with a change. On `Err` (no usable course.yaml
    /// or theme), the model is left as it was and the diagnostics say why.
    pub fn apply(&mut self, change: Change) -> Result<(), Diagnostics> {
        match change {
            Change::Copies => {}
            Change::Pages { pages, .. } => {
                for new in pages {
                    if let Some(p) = self.course.page_mut(&new.id) {
                        *p = new;
                    }
                }
                let prev = std::mem::take(&mut self.pages);
                self.check(prev);
            }
            Change::Reload { .. } => {
                let (course, theme, load_diags) = read(&self.dir, self.opts)?;
                self.course = course;
                self.theme = theme;
                self.load_diags = load_diags;
                let prev = std::mem::take(&mut self.pages);
                self.check(prev);
            }
        }
        Ok(())
    }

    /// Checks every page, taking over the analysis of pages whose inputs are
    /// unchanged from `prev`, then the course as a whole.
    fn check(&mut self, mut prev: HashMap<String, PageState>) {
        let strings = theme::strings_hash(&self.theme);
        let places: Vec<(&Page, &str)> = self
            .course
            .pages_with_modules()
            .map(|(m, p)| (p, m.slug.as_str()))
            .collect();
        let old: Vec<Option<PageState>> = places.iter().map(|(p, _)| prev.remove(&p.id)).collect();
        let analysed: Vec<PageState> = places
            .par_iter()
            .zip(old)
            .map(|(&(page, module), old)| {
                let input = page::input_hash(page, module, strings);
                match old {
                    Some(o) if o.input == input => o,
                    _ => PageState::analyse(page, module, input, &self.theme.strings),
                }
            })
            .collect();
        let ids: HashMap<String, HashSet<String>> = places
            .iter()
            .zip(&analysed)
            .map(|((p, _), s)| (p.id.clone(), s.heading_ids()))
            .collect();
        let index = LinkIndex::new(&self.course, &ids);
        let mut states: Vec<PageState> = analysed;
        states
            .par_iter_mut()
            .zip(&places)
            .for_each(|(s, (page, _))| s.resolve(page, &index));
        drop(index);
        self.pages = places
            .iter()
            .map(|(p, _)| p.id.clone())
            .zip(states)
            .collect();
        self.course_diags = self.check_course();
    }

    fn check_course(&self) -> Diagnostics {
        let modules: Vec<&str> = self
            .course
            .modules
            .iter()
            .map(|m| m.slug.as_str())
            .collect();
        let mut d = Diagnostics::new();
        let pages = self.page_blocks();
        blocks::check_course(&modules, &pages, &mut d);
        blocks::lint::check_course(&self.course.config, &pages, &mut d);
        completion::check(
            &self.course,
            completion::Counts::of(&self.course, &pages),
            &mut d,
        );
        d
    }

    /// Every page with its blocks and links, in reading order.
    pub fn page_blocks(&self) -> Vec<PageBlocks<'_>> {
        self.course
            .pages_with_modules()
            .filter_map(|(m, p)| {
                let s = self.pages.get(&p.id)?;
                Some(PageBlocks {
                    page: p,
                    module: &m.slug,
                    blocks: &s.blocks,
                    links: &s.resolved,
                    analysis: &s.analysis,
                    half_width: &s.half_width,
                })
            })
            .collect()
    }

    /// A page's checked state.
    pub fn state(&self, page: &Page) -> Option<&PageState> {
        self.pages.get(&page.id)
    }

    /// Every problem of the course as it stands, sorted.
    pub fn diagnostics(&self) -> Diagnostics {
        let mut all = self.load_diags.clone();
        for p in self.course.pages() {
            if let Some(s) = self.pages.get(&p.id) {
                all.extend(s.diagnostics());
            }
        }
        all.extend(self.course_diags.clone());
        all.sorted()
    }

    /// Whether reading the page's file reported problems (only a full reload
    /// reports those again).
    pub fn has_load_problems(&self, path: &Path) -> bool {
        self.load_diags.iter().any(|d| d.file == path)
    }

    /// The one-line shape of every role-play, each prefixed with its file.
    pub fn roleplay_summaries(&self) -> Vec<String> {
        self.page_blocks()
            .iter()
            .flat_map(|pb| {
                pb.blocks.iter().filter_map(move |b| match b {
                    Some(Block::Roleplay(r)) => {
                        Some(format!("{}: {}", pb.page.path.display(), r.summary()))
                    }
                    _ => None,
                })
            })
            .collect()
    }

    /// Every file the site copies as it is: the course's `assets/` folder (dot-files
    /// left out) and the files pages link to. Output path → source.
    pub fn copies(&self) -> Result<std::collections::BTreeMap<String, PathBuf>, Diagnostic> {
        let mut want = std::collections::BTreeMap::new();
        for s in self.pages.values() {
            for c in &s.copies {
                want.insert(c.to.clone(), c.from.clone());
            }
        }
        let assets = self.course.dir.join("assets");
        if assets.is_dir() {
            for entry in walkdir::WalkDir::new(&assets) {
                let entry = entry
                    .map_err(|e| Diagnostic::error(&assets, format!("cannot read assets: {e}")))?;
                let rel = entry.path().strip_prefix(&assets).unwrap_or(entry.path());
                let hidden = rel
                    .components()
                    .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
                // A link is copied as the file it leads to, when that file is in the
                // course (the loader warned about the others).
                let linked_in = entry.path_is_symlink()
                    && entry.path().is_file()
                    && entry
                        .path()
                        .canonicalize()
                        .ok()
                        .zip(self.course.dir.canonicalize().ok())
                        .is_some_and(|(real, root)| real.starts_with(root));
                if hidden || !(entry.file_type().is_file() || linked_in) {
                    continue;
                }
                want.insert(
                    format!("assets/{}", model::slash_path(rel)),
                    entry.path().to_path_buf(),
                );
            }
        }
        Ok(want)
    }
}

/// Reads `course.yaml`, the pages and the theme.
fn read(dir: &Path, opts: BuildOptions) -> Result<(Course, Theme, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::new();
    let course = model::load(
        dir,
        LoadOptions {
            drafts: opts.drafts,
        },
        &mut diags,
    );
    let theme = course
        .as_ref()
        .and_then(|c| theme::load(&c.config, &mut diags));
    match (course, theme) {
        (Some(c), Some(t)) => Ok((c, t, diags)),
        _ => Err(diags.sorted()),
    }
}
