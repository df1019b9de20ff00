//! The checked course kept in memory between rebuilds, and the incremental
//! rebuild `serve` runs on every save.
//!
//! [`Model`] is what `check` computes, kept in pieces (each page's analysis, its
//! checked data, its own diagnostics) so that one page can be redone without the
//! others. `build` and `check` use it too, through [`crate::site::check`], so a
//! full build and a rebuild can never disagree about what the course says.
//!
//! [`Site`] classifies a batch of changed files and does only what they need:
//!
//! | change | work |
//! |---|---|
//! | a page's body (front matter byte for byte the same) | re-read, re-check and re-render that page; pages whose links to it resolve differently when its headings changed; graded quiz pages when its questions changed |
//! | a lesson's front matter that keeps its place (same slug, weight, draft) | re-read that page; re-render it, its module page, the module's pages whose sidebar lists it (all of them, or the window around it in a long module) and its neighbours, or every page when the module cards change (e.g. a duration) |
//! | anything else under the course: pages or folders added, removed or renamed, order or draft changes, module pages, new assets | reload the course, re-analyse only pages whose text changed, re-render the pages whose navigation shows the change (every page when the navigation's shape changed) |
//! | `course.yaml`, the theme (templates, strings, static files) | everything, theme included |
//! | an existing asset or linked file edited | copy that file |
//!
//! Whatever the path, files are only written when their bytes changed, and the
//! output ends up equal to what `build --drafts` writes (tests compare them).

use crate::blocks::{self, PageBlocks};
use crate::content::{self, Course, LoadOptions, Page};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::links::LinkIndex;
use crate::markdown::{self, Analysis};
use crate::site::{self, BuildOptions, Checked, PageData, OUTPUT_MARKER};
use crate::theme;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// A course checked page by page. Holds errors as well as warnings: a course with
/// errors is still a model that the next save can repair incrementally.
pub struct Model {
    pub checked: Checked,
    /// From reading the course, its pages' front matter and the theme.
    load_diags: Diagnostics,
    /// Per page, in `course.pages()` order.
    analyses: Vec<Analysis>,
    analysis_diags: Vec<Diagnostics>,
    ids: Vec<HashSet<String>>,
    /// Per page: broken links and block problems.
    page_diags: Vec<Diagnostics>,
    /// Checks that span the course (unique question ids, exam pools).
    course_diags: Diagnostics,
}

impl Model {
    /// Loads and checks the whole course. `Err` only when there is no course to
    /// model: `course.yaml` or the theme is unusable.
    pub fn load(course_dir: &Path, opts: &BuildOptions) -> Result<Model, Diagnostics> {
        Self::load_with(course_dir, opts, None).map(|(m, _)| m)
    }

    /// Loads the course again after a structural change, taking over the analysis
    /// of every page whose text is unchanged. Also returns the pages whose output
    /// may differ from `prev`'s, or `None` when every page may.
    fn load_with(
        course_dir: &Path,
        opts: &BuildOptions,
        prev: Option<Previous>,
    ) -> Result<(Model, Option<BTreeSet<usize>>), Diagnostics> {
        let mut load_diags = Diagnostics::new();
        let course = content::load(
            course_dir,
            LoadOptions {
                drafts: opts.drafts,
            },
            &mut load_diags,
        );
        let theme = course
            .as_ref()
            .and_then(|c| theme::load(&c.config, &mut load_diags));
        let (Some(course), Some(theme)) = (course, theme) else {
            load_diags.sort();
            return Err(load_diags);
        };
        let all: Vec<&Page> = course.pages().collect();
        let (mut old_pages, old_nav) = match prev {
            Some(p) => (p.pages, Some(p.nav)),
            None => (HashMap::new(), None),
        };
        // Per page: what the previous model knew about the same file, and whether
        // its text is unchanged (then its analysis is taken over as is).
        let mut olds: Vec<Option<Old>> = Vec::with_capacity(all.len());
        let mut reused = Vec::with_capacity(all.len());
        for p in &all {
            match old_pages.remove(&p.rel) {
                Some(o) => {
                    let same_text = o.text == p.text;
                    reused.push(same_text.then_some((o.analysis, o.diags)));
                    olds.push(Some(Old {
                        data: o.data,
                        page_diags: o.page_diags,
                        ids: o.ids,
                        same_text,
                    }));
                }
                None => {
                    reused.push(None);
                    olds.push(None);
                }
            }
        }
        let removed = !old_pages.is_empty();
        drop(old_pages);
        let (analyses, analysis_diags): (Vec<Analysis>, Vec<Diagnostics>) = all
            .par_iter()
            .zip(reused.into_par_iter())
            .map(|(p, r)| r.unwrap_or_else(|| analyze(p, &theme.strings)))
            .unzip();
        let ids: Vec<HashSet<String>> = analyses.iter().map(heading_ids).collect();
        let nav = nav_signature(&course);
        drop(all);
        // Same pages at the same URLs with the same headings: every link resolves
        // as before, so pages whose text is unchanged keep their checked data.
        let same_shape = old_nav.as_ref() == Some(&nav)
            && !removed
            && olds
                .iter()
                .zip(&ids)
                .all(|(o, ids)| o.as_ref().is_some_and(|o| &o.ids == ids));
        let mut model = Model {
            checked: Checked {
                course,
                theme,
                pages: Vec::new(),
            },
            load_diags,
            analyses,
            analysis_diags,
            ids,
            page_diags: Vec::new(),
            course_diags: Diagnostics::new(),
        };
        let which: Vec<usize> = (0..olds.len())
            .filter(|&i| !same_shape || !olds[i].as_ref().is_some_and(|o| o.same_text))
            .collect();
        let mut fresh: Vec<Option<(PageData, Diagnostics)>> = olds.iter().map(|_| None).collect();
        for (i, checked) in which.iter().zip(model.check_pages(&which)) {
            fresh[*i] = Some(checked);
        }
        let mut before = Vec::with_capacity(olds.len());
        for (old, new) in olds.into_iter().zip(fresh) {
            match (new, old) {
                (Some((data, diags)), old) => {
                    model.checked.pages.push(data);
                    model.page_diags.push(diags);
                    before.push(old.map(|o| (o.data, o.same_text)));
                }
                // Not re-checked: nothing about it changed.
                (None, Some(o)) => {
                    model.checked.pages.push(o.data);
                    model.page_diags.push(o.page_diags);
                    before.push(None);
                }
                // Cannot happen: a page without a previous state is always re-checked.
                (None, None) => {
                    debug_assert!(false, "page neither checked nor kept");
                    model.checked.pages.push(PageData::default());
                    model.page_diags.push(Diagnostics::new());
                    before.push(None);
                }
            }
        }
        model.check_course();
        let render = (old_nav.as_ref() == Some(&nav)).then(|| model.affected(&before));
        Ok((model, render))
    }

    /// The pages to render again when the navigation's shape is unchanged, given
    /// for each re-checked page its previous data and whether its text is the same.
    /// Pages whose text changed, with their module (its sidebar lists their titles)
    /// and their neighbours (previous/next links); pages whose links or blocks came
    /// out differently; and, when any page's blocks or links changed, graded quiz
    /// pages, which may show other pages' questions.
    fn affected(&self, before: &[Option<(PageData, bool)>]) -> BTreeSet<usize> {
        let count = self.checked.pages.len();
        let mut module_of = Vec::with_capacity(count);
        let mut ranges = Vec::new();
        let mut start = 0;
        for (n, m) in self.checked.course.modules.iter().enumerate() {
            let len = 1 + m.pages.len();
            module_of.extend(std::iter::repeat_n(n, len));
            ranges.push(start..start + len);
            start += len;
        }
        let mut render = BTreeSet::new();
        let mut blocks_changed = false;
        for (i, (old, new)) in before.iter().zip(&self.checked.pages).enumerate() {
            let text_changed = match old {
                Some((o, same_text)) => {
                    if !same_data(o, new) {
                        render.insert(i);
                        blocks_changed = true;
                    }
                    !same_text
                }
                None => false,
            };
            if text_changed {
                render.insert(i);
                render.extend(i.checked_sub(1));
                if i + 1 < count {
                    render.insert(i + 1);
                }
                if let Some(r) = module_of.get(i).and_then(|&m| ranges.get(m)) {
                    render.extend(r.clone());
                }
            }
        }
        if blocks_changed {
            for (i, p) in self.checked.course.pages().enumerate() {
                if p.front.quiz.is_some() {
                    render.insert(i);
                }
            }
        }
        render
    }

    /// Takes the model apart for [`Model::load_with`].
    fn into_previous(self) -> Previous {
        let nav = nav_signature(&self.checked.course);
        let pages = self
            .checked
            .course
            .modules
            .into_iter()
            .flat_map(|m| std::iter::once(m.index).chain(m.pages))
            .zip(self.analyses)
            .zip(self.analysis_diags)
            .zip(self.checked.pages)
            .zip(self.page_diags)
            .zip(self.ids)
            .map(|(((((page, analysis), diags), data), page_diags), ids)| {
                (
                    page.rel,
                    Prev {
                        text: page.text,
                        analysis,
                        diags,
                        data,
                        page_diags,
                        ids,
                    },
                )
            })
            .collect();
        Previous { pages, nav }
    }

    /// Every problem of the course as it stands, sorted.
    pub fn diagnostics(&self) -> Diagnostics {
        let mut all = self.load_diags.clone();
        for d in self.analysis_diags.iter().chain(&self.page_diags) {
            all.extend(d.clone());
        }
        all.extend(self.course_diags.clone());
        all.sort();
        all
    }

    /// Resolves links and parses blocks of the pages at `which`.
    fn check_pages(&self, which: &[usize]) -> Vec<(PageData, Diagnostics)> {
        let course = &self.checked.course;
        let index = LinkIndex::new(course, &self.ids);
        let module_of = site::module_slugs(course);
        let all: Vec<&Page> = course.pages().collect();
        which
            .par_iter()
            .map(|&i| {
                let page = all[i];
                let module = module_of.get(page.url.as_str()).copied().unwrap_or("");
                site::check_page(page, module, &self.analyses[i], &self.ids[i], &index)
            })
            .collect()
    }

    fn check_course(&mut self) {
        let course = &self.checked.course;
        let module_of = site::module_slugs(course);
        let page_blocks: Vec<PageBlocks> = course
            .pages()
            .zip(&self.checked.pages)
            .map(|(p, data)| PageBlocks {
                page: p,
                module: module_of.get(p.url.as_str()).copied().unwrap_or(""),
                blocks: &data.blocks,
            })
            .collect();
        let mut d = Diagnostics::new();
        blocks::check_course(course, &page_blocks, &mut d);
        self.course_diags = d;
    }

    /// Replaces the text of changed pages (or, for a front-matter edit that keeps
    /// the page's place, the whole page) and re-checks what depends on them.
    /// Returns the pages whose rendered output may differ; `None` when every page may.
    fn update_pages(&mut self, changed: Vec<(usize, Change)>) -> Option<BTreeSet<usize>> {
        let mut render = BTreeSet::new();
        let mut ids_changed = false;
        let mut blocks_changed = false;
        let mut touched = Vec::new();
        let mut fronts = Vec::new();
        let nav_before = nav_signature(&self.checked.course);
        for (i, change) in changed {
            let Some(page) = page_mut(&mut self.checked.course, i) else {
                continue;
            };
            match change {
                Change::Body(text) => page.text = text,
                Change::Page(mut new) => {
                    // Whether a page is graded decides which exams may draw on it.
                    let quiz = |p: &Page| serde_json::to_string(&p.front.quiz).unwrap_or_default();
                    blocks_changed |= quiz(page) != quiz(&new);
                    new.url = std::mem::take(&mut page.url);
                    new.is_index = page.is_index;
                    *page = *new;
                    fronts.push(i);
                }
            }
            let (a, d) = analyze(page, &self.checked.theme.strings);
            let ids = heading_ids(&a);
            ids_changed |= ids != self.ids[i];
            self.analyses[i] = a;
            self.analysis_diags[i] = d;
            self.ids[i] = ids;
            render.insert(i);
            touched.push(i);
        }
        // New heading ids can repair or break `#fragment` links on other pages.
        let which: Vec<usize> = if ids_changed {
            (0..self.analyses.len()).collect()
        } else {
            touched.clone()
        };
        for (i, (data, diags)) in which.iter().copied().zip(self.check_pages(&which)) {
            let old = &self.checked.pages[i];
            // Exam pages show other pages' questions with those pages' links.
            if !same_data(old, &data) {
                render.insert(i);
                blocks_changed = true;
            }
            self.checked.pages[i] = data;
            self.page_diags[i] = diags;
        }
        if blocks_changed {
            // Graded pages may draw their questions from other pages.
            for (i, p) in self.checked.course.pages().enumerate() {
                if p.front.quiz.is_some() {
                    render.insert(i);
                }
            }
            self.check_course();
        }
        if !fronts.is_empty() {
            // Front matter can change what the course-wide checks see (quiz settings).
            self.check_course();
            if nav_signature(&self.checked.course) != nav_before {
                return None;
            }
            // The page's title shows on its module page, in the sidebar of the
            // module's pages whose window lists it, and in its neighbours' links.
            let mut start = 0;
            for m in &self.checked.course.modules {
                let len = m.pages.len();
                let range = start..start + 1 + len;
                for &i in fronts.iter().filter(|&&i| i > start && range.contains(&i)) {
                    let at = i - start - 1;
                    render.insert(start);
                    render.extend(
                        (0..len)
                            .filter(|&b| crate::render::nav_window(len, Some(b)).contains(&at))
                            .map(|b| start + 1 + b),
                    );
                }
                start = range.end;
            }
            for &i in &fronts {
                render.extend(i.checked_sub(1));
                if i + 1 < self.checked.pages.len() {
                    render.insert(i + 1);
                }
            }
        }
        Some(render)
    }
}

/// What became of one changed page file.
enum Change {
    /// Same front matter, new text.
    Body(String),
    /// New front matter that keeps the page's file, slug, order and draft state.
    Page(Box<Page>),
}

/// What a reload takes over from the model before it, by page file.
struct Previous {
    pages: HashMap<PathBuf, Prev>,
    nav: String,
}

struct Prev {
    text: String,
    analysis: Analysis,
    diags: Diagnostics,
    data: PageData,
    page_diags: Diagnostics,
    ids: HashSet<String>,
}

/// A page's previous state while the course is reloaded.
struct Old {
    data: PageData,
    page_diags: Diagnostics,
    ids: HashSet<String>,
    same_text: bool,
}

/// Everything about the course that every page's navigation shows: each module's
/// card (title, summary, objectives, duration, draft, page count) and every page's
/// place in the reading order. Page titles are not in it: only their own module's
/// pages and their neighbours show them.
fn nav_signature(course: &Course) -> String {
    let modules: Vec<_> = course
        .modules
        .iter()
        .map(|m| {
            serde_json::json!({
                "title": m.index.front.title,
                "summary": m.index.front.summary,
                "objectives": m.index.front.objectives,
                "duration": m.duration(),
                "draft": m.index.front.draft,
                "url": m.index.url,
                "pages": m.pages.iter().map(|p| (&p.url, crate::render::page_kind(p))).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::to_string(&modules).unwrap_or_default()
}

fn same_data(a: &PageData, b: &PageData) -> bool {
    a.links == b.links
        && a.copies == b.copies
        && format!("{:?}", a.blocks) == format!("{:?}", b.blocks)
}

/// `words`: the theme's UI strings (alert titles, table labels go into the HTML).
fn analyze(p: &Page, words: &HashMap<String, String>) -> (Analysis, Diagnostics) {
    let mut d = Diagnostics::new();
    let a = markdown::analyze(p.source(), p.body_start, words, &mut d);
    (a, d)
}

fn heading_ids(a: &Analysis) -> HashSet<String> {
    a.headings.iter().map(|h| h.id.clone()).collect()
}

/// The page at position `i` of `course.pages()` order.
fn page_mut(course: &mut Course, mut i: usize) -> Option<&mut Page> {
    for m in &mut course.modules {
        if i == 0 {
            return Some(&mut m.index);
        }
        i -= 1;
        if i < m.pages.len() {
            return m.pages.get_mut(i);
        }
        i -= m.pages.len();
    }
    None
}

/// How much a batch of changes needs.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone, Copy)]
enum Scope {
    /// Edited assets or linked files: copy them.
    Copy,
    /// Page bodies only.
    Bodies,
    /// Pages' front matter, each page keeping its place.
    Front,
    /// The course's structure or a page's front matter: reload the course.
    Structure,
    /// `course.yaml` or the theme: reload everything.
    Full,
}

/// What one rebuild did, for the terminal and the browser.
pub struct Outcome {
    /// Sorted diagnostics of the course as it now stands (errors and warnings).
    pub diagnostics: Diagnostics,
    /// Whether the output now matches the sources.
    pub ok: bool,
    /// What was rebuilt, e.g. `01-basics/02-second.md (body)`.
    pub what: String,
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

/// A course being served: the model, and the output folder kept in step with it.
pub struct Site {
    dir: PathBuf,
    /// `dir` canonicalized, to make watcher paths relative.
    canon_dir: PathBuf,
    opts: BuildOptions,
    out: PathBuf,
    model: Option<Model>,
    /// Pages (by position) that still need rendering after a failed rebuild.
    pending: BTreeSet<usize>,
    pending_all: bool,
    /// Output path → hash of the rendered bytes on disk.
    written: HashMap<String, u64>,
    /// Output path → the copied file's source, size and modification time.
    copied: HashMap<String, (PathBuf, u64, Option<SystemTime>)>,
}

impl Site {
    /// A site for `dir` written into `out`, which must be empty or missing or a
    /// folder syllabus wrote (it is emptied).
    pub fn new(dir: &Path, out: &Path, opts: BuildOptions) -> Result<Site, Diagnostic> {
        if out.is_dir() {
            let empty = std::fs::read_dir(out)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false);
            if !empty && !out.join(OUTPUT_MARKER).exists() {
                return Err(Diagnostic::error(
                    out,
                    "the output folder exists and was not written by syllabus; it is left untouched",
                )
                .hint("choose an empty or new folder, or leave out `--out` to serve from a temporary folder"));
            }
            std::fs::remove_dir_all(out).map_err(|e| {
                Diagnostic::error(out, format!("cannot empty the output folder: {e}"))
            })?;
        }
        std::fs::create_dir_all(out)
            .map_err(|e| Diagnostic::error(out, format!("cannot create the output folder: {e}")))?;
        std::fs::write(
            out.join(OUTPUT_MARKER),
            "This folder is written by syllabus build and replaced on every build.\n",
        )
        .map_err(|e| Diagnostic::error(out, format!("cannot write: {e}")))?;
        let canon_dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        Ok(Site {
            dir: dir.to_path_buf(),
            canon_dir,
            opts,
            out: out.to_path_buf(),
            model: None,
            pending: BTreeSet::new(),
            pending_all: true,
            written: HashMap::new(),
            copied: HashMap::new(),
        })
    }

    pub fn out(&self) -> &Path {
        &self.out
    }

    pub fn course_dir(&self) -> &Path {
        &self.dir
    }

    /// The UI strings of the course language, once the theme loaded.
    pub fn strings(&self) -> Option<&HashMap<String, String>> {
        self.model.as_ref().map(|m| &m.checked.theme.strings)
    }

    /// The theme folder, when the course has its own (watched besides the course).
    pub fn theme_dir(&self) -> Option<PathBuf> {
        let m = self.model.as_ref()?;
        m.checked.course.config.theme_dir.clone()
    }

    /// Builds everything from scratch.
    pub fn build_all(&mut self) -> Outcome {
        let started = Instant::now();
        self.reload("everything".into(), started, false)
    }

    /// Rebuilds after the given files changed (paths as the watcher reports them).
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Outcome {
        let started = Instant::now();
        let rels: BTreeSet<PathBuf> = changed.iter().filter_map(|p| self.relative(p)).collect();
        let mut scope = Scope::Copy;
        let mut bodies = Vec::new();
        let mut names = Vec::new();
        for rel in &rels {
            let (s, body) = self.classify(rel);
            scope = scope.max(s);
            names.push(rel.to_string_lossy().replace('\\', "/"));
            if let Some(b) = body {
                bodies.push(b);
            }
        }
        let what = describe(&names, scope);
        if self.model.is_none() {
            scope = Scope::Full;
        }
        match scope {
            Scope::Copy => {
                let written = self.sync_copies(&rels).unwrap_or(0);
                let diagnostics = self.current_diagnostics();
                let ok = !diagnostics.has_errors();
                Outcome {
                    diagnostics,
                    ok,
                    what,
                    rendered: 0,
                    written,
                    elapsed: started.elapsed(),
                }
            }
            Scope::Bodies | Scope::Front => {
                if let Some(model) = self.model.as_mut() {
                    match model.update_pages(bodies) {
                        Some(render) => self.pending.extend(render),
                        None => self.pending_all = true,
                    }
                }
                self.finish(what, started)
            }
            Scope::Structure => self.reload(what, started, true),
            Scope::Full => self.reload(what, started, false),
        }
    }

    fn current_diagnostics(&self) -> Diagnostics {
        self.model
            .as_ref()
            .map(Model::diagnostics)
            .unwrap_or_default()
    }

    /// Path relative to the course folder; `None` for paths outside it or that
    /// `build` ignores (dot-files and dot-folders).
    fn relative(&self, p: &Path) -> Option<PathBuf> {
        let theme = self.theme_dir().and_then(|t| t.canonicalize().ok());
        let rel = match p.strip_prefix(&self.canon_dir) {
            Ok(r) => r.to_path_buf(),
            Err(_) => match &theme {
                // Outside the course: only the theme folder matters.
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

    /// How much one changed path needs; for a page whose front matter is unchanged,
    /// its position and new text.
    fn classify(&self, rel: &Path) -> (Scope, Option<(usize, Change)>) {
        if rel.is_absolute() {
            return (Scope::Full, None);
        }
        let Some(model) = &self.model else {
            return (Scope::Full, None);
        };
        if rel == Path::new("course.yaml") {
            return (Scope::Full, None);
        }
        if let Some(t) = &model.checked.course.config.theme_dir {
            let t = t.canonicalize().unwrap_or_else(|_| t.clone());
            if self.canon_dir.join(rel).starts_with(&t) {
                return (Scope::Full, None);
            }
        }
        let abs = self.dir.join(rel);
        if rel.extension().is_some_and(|e| e == "md") {
            let found = model
                .checked
                .course
                .pages()
                .enumerate()
                .find(|(_, p)| p.rel == rel);
            if let (Some((i, page)), Ok(bytes)) = (found, std::fs::read(&abs)) {
                if let Ok(mut text) = String::from_utf8(bytes) {
                    if text.starts_with('\u{feff}') {
                        text.drain(..3);
                    }
                    let front = &page.text[..page.body_start];
                    // The closing `---` must end its line, or text appended after it
                    // would change where the front matter ends.
                    if front.ends_with('\n') && text.starts_with(front) {
                        return (Scope::Bodies, Some((i, Change::Body(text))));
                    }
                }
                if let Some(new) = self.same_place(model, page, &abs) {
                    return (Scope::Front, Some((i, Change::Page(Box::new(new)))));
                }
            }
            return (Scope::Structure, None);
        }
        let out_rel = rel.to_string_lossy().replace('\\', "/");
        let known = self.copied.values().any(|(from, ..)| from == &abs)
            || self.copied.contains_key(&out_rel);
        if known && abs.is_file() {
            return (Scope::Copy, None);
        }
        (Scope::Structure, None)
    }

    /// Loads the course again. With `reuse`, unchanged pages keep their analysis
    /// and only the pages the change can affect are rendered.
    /// The page read again, when its new front matter keeps it where it was: same
    /// slug, weight and draft state, not a module page, and neither the old nor the
    /// new version has problems of its own from loading (those are only reported by
    /// a full load).
    fn same_place(&self, model: &Model, old: &Page, abs: &Path) -> Option<Page> {
        if old.is_index || model.load_diags.iter().any(|d| d.file == old.path) {
            return None;
        }
        let file = abs.file_name()?.to_string_lossy().into_owned();
        let mut diags = Diagnostics::new();
        let new = content::load_page(&self.dir, &old.path, &file, &mut diags)?;
        let weight = |p: &Page| p.front.weight.map(f64::to_bits);
        (diags.is_empty()
            && new.slug == old.slug
            && weight(&new) == weight(old)
            && new.front.draft == old.front.draft)
            .then_some(new)
    }

    fn reload(&mut self, what: String, started: Instant, reuse: bool) -> Outcome {
        let prev = if reuse && !self.pending_all && self.pending.is_empty() {
            self.model.take().map(Model::into_previous)
        } else {
            None
        };
        match Model::load_with(&self.dir, &self.opts, prev) {
            Ok((m, render)) => {
                self.model = Some(m);
                self.pending.clear();
                match render {
                    Some(r) => self.pending = r,
                    None => self.pending_all = true,
                }
                self.finish(what, started)
            }
            Err(diagnostics) => {
                self.model = None;
                self.pending_all = true;
                Outcome::failed(diagnostics, what, started)
            }
        }
    }

    /// Renders the pending pages when the model has no errors, and writes them.
    fn finish(&mut self, what: String, started: Instant) -> Outcome {
        let Some(model) = &self.model else {
            return Outcome::failed(Diagnostics::new(), what, started);
        };
        let mut diagnostics = model.diagnostics();
        if diagnostics.has_errors() {
            return Outcome::failed(diagnostics, what, started);
        }
        let which: Vec<usize> = if self.pending_all {
            (0..model.checked.pages.len()).collect()
        } else {
            self.pending.iter().copied().collect()
        };
        let rendered = match (
            site::render_pages(&model.checked, &which),
            site::render_site_files(&model.checked),
        ) {
            (Ok(mut pages), Ok(files)) => {
                pages.extend(files);
                pages
            }
            (pages, files) => {
                diagnostics.extend(pages.err().unwrap_or_default());
                diagnostics.extend(files.err().unwrap_or_default());
                diagnostics.sort();
                return Outcome::failed(diagnostics, what, started);
            }
        };
        let complete = self.pending_all;
        let count = which.len() + 1;
        let mut written = 0;
        let mut failed = None;
        match self.write(rendered, complete) {
            Ok(n) => written += n,
            Err(d) => failed = Some(d),
        }
        match self.sync_copies(&BTreeSet::new()) {
            Ok(n) => written += n,
            Err(d) => failed = failed.or(Some(d)),
        }
        if let Some(d) = failed {
            diagnostics.push(d);
            diagnostics.sort();
            return Outcome {
                diagnostics,
                ok: false,
                what,
                rendered: count,
                written,
                elapsed: started.elapsed(),
            };
        }
        self.pending.clear();
        self.pending_all = false;
        Outcome {
            diagnostics,
            ok: true,
            what,
            rendered: count,
            written,
            elapsed: started.elapsed(),
        }
    }

    /// Writes the files whose bytes changed; with `complete`, deletes rendered
    /// files that are no longer part of the site.
    fn write(
        &mut self,
        files: Vec<(String, Vec<u8>)>,
        complete: bool,
    ) -> Result<usize, Diagnostic> {
        let hashed: Vec<(String, Vec<u8>, u64)> = files
            .into_par_iter()
            .map(|(rel, bytes)| {
                let h = xxhash_rust::xxh3::xxh3_64(&bytes);
                (rel, bytes, h)
            })
            .collect();
        let todo: Vec<&(String, Vec<u8>, u64)> = hashed
            .iter()
            .filter(|(rel, _, h)| self.written.get(rel) != Some(h))
            .collect();
        todo.par_iter()
            .try_for_each(|(rel, bytes, _)| write_atomic(&self.out.join(rel), bytes))?;
        let n = todo.len();
        if complete {
            let keep: HashSet<&str> = hashed.iter().map(|(r, ..)| r.as_str()).collect();
            let stale: Vec<String> = self
                .written
                .keys()
                .filter(|r| !keep.contains(r.as_str()))
                .cloned()
                .collect();
            for rel in stale {
                self.written.remove(&rel);
                remove_file(&self.out, &rel);
            }
        }
        for (rel, _, h) in hashed {
            self.written.insert(rel, h);
        }
        Ok(n)
    }

    /// Brings copied files (linked files and `assets/`) in step: copies new or
    /// changed ones (and those in `force`), deletes those no longer referenced.
    fn sync_copies(&mut self, force: &BTreeSet<PathBuf>) -> Result<usize, Diagnostic> {
        let Some(model) = &self.model else {
            return Ok(0);
        };
        let mut want: BTreeMap<String, PathBuf> = BTreeMap::new();
        for p in &model.checked.pages {
            for c in &p.copies {
                want.insert(c.to.clone(), c.from.clone());
            }
        }
        let assets = self.dir.join("assets");
        if assets.is_dir() {
            for entry in walkdir::WalkDir::new(&assets).into_iter().flatten() {
                let rel = entry.path().strip_prefix(&assets).unwrap_or(entry.path());
                let hidden = rel
                    .components()
                    .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
                if hidden || !entry.file_type().is_file() {
                    continue;
                }
                want.insert(
                    format!("assets/{}", rel.to_string_lossy().replace('\\', "/")),
                    entry.path().to_path_buf(),
                );
            }
        }
        let forced: HashSet<PathBuf> = force.iter().map(|r| self.dir.join(r)).collect();
        let mut n = 0;
        for (to, from) in &want {
            let meta = std::fs::metadata(from).ok();
            let stamp = (
                from.clone(),
                meta.as_ref().map_or(0, |m| m.len()),
                meta.as_ref().and_then(|m| m.modified().ok()),
            );
            if self.copied.get(to) == Some(&stamp) && !forced.contains(from) {
                continue;
            }
            let dest = self.out.join(to);
            if let Some(parent) = dest.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| Diagnostic::error(parent, format!("cannot create folder: {e}")))?;
            }
            std::fs::copy(from, &dest)
                .map_err(|e| Diagnostic::error(from, format!("cannot copy: {e}")))?;
            self.copied.insert(to.clone(), stamp);
            n += 1;
        }
        let stale: Vec<String> = self
            .copied
            .keys()
            .filter(|k| !want.contains_key(*k))
            .cloned()
            .collect();
        for rel in stale {
            self.copied.remove(&rel);
            if !self.written.contains_key(&rel) {
                remove_file(&self.out, &rel);
            }
        }
        Ok(n)
    }
}

/// `01-basics/02-second.md (body)`, or the first few names and a count.
fn describe(names: &[String], scope: Scope) -> String {
    let kind = match scope {
        Scope::Copy => "copied",
        Scope::Bodies => "page body",
        Scope::Front => "page and its navigation",
        Scope::Structure => "pages and navigation",
        Scope::Full => "everything",
    };
    let list = match names.len() {
        0 => "nothing".to_string(),
        1..=3 => names.join(", "),
        n => format!("{} and {} more", names[..2].join(", "), n - 2),
    };
    format!("{list} ({kind})")
}

/// Writes through a temporary file and a rename, so that the server never sends
/// half a page.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .map_err(|e| Diagnostic::error(dir, format!("cannot create folder: {e}")))?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes)
        .map_err(|e| Diagnostic::error(&tmp, format!("cannot write: {e}")))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Diagnostic::error(path, format!("cannot write: {e}"))
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
