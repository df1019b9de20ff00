//! The course model: module folders and pages read from the course folder, with
//! their front matter, slugs and order checked against the structure rules.

use crate::blocks::quiz::QuizSettings;
use crate::config::{self, Config};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos, Source};
use crate::yaml::Embedded;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Module slugs that would collide with the site's own pages and folders.
pub const RESERVED_MODULE_SLUGS: &[&str] = &[
    "assets",
    "theme",
    "progress",
    "certificate",
    "search",
    "workbook",
    "index",
];

/// Front matter of a lesson or module page.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub objectives: Vec<String>,
    /// Minutes.
    #[serde(default)]
    pub duration: Option<u32>,
    #[serde(default)]
    pub weight: Option<f64>,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub quiz: Option<QuizSettings>,
    /// Free-form data for custom themes.
    #[serde(default)]
    pub extra: Option<serde_yaml::Value>,
}

/// One `.md` file: a lesson, a graded quiz page or a module's `index.md`.
#[derive(Debug, Clone)]
pub struct Page {
    /// The path as the user would name it: course folder joined with `rel`.
    pub path: PathBuf,
    /// Relative to the course folder, e.g. `01-service-concepts/01-what-is-service.md`.
    pub rel: PathBuf,
    pub text: String,
    pub front: FrontMatter,
    /// Byte offset of the body (after the front matter) in `text`.
    pub body_start: usize,
    pub slug: String,
    /// Output path relative to the site root, e.g. `service-concepts/what-is-service.html`.
    pub url: String,
    pub is_index: bool,
    order: (f64, String),
}

impl Page {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    pub fn source(&self) -> Source<'_> {
        Source::new(&self.path, &self.text)
    }

    pub fn title(&self) -> &str {
        &self.front.title
    }
}

#[derive(Debug, Clone)]
pub struct Module {
    /// The folder name, e.g. `01-service-concepts`.
    pub dir_name: String,
    pub slug: String,
    pub index: Page,
    pub pages: Vec<Page>,
    order: (f64, String),
}

impl Module {
    /// Minutes: the module's own `duration` if given, else the sum of its pages'.
    pub fn duration(&self) -> u32 {
        self.index
            .front
            .duration
            .unwrap_or_else(|| self.pages.iter().filter_map(|p| p.front.duration).sum())
    }

    pub fn all_pages(&self) -> impl Iterator<Item = &Page> {
        std::iter::once(&self.index).chain(self.pages.iter())
    }
}

#[derive(Debug, Clone)]
pub struct Course {
    pub dir: PathBuf,
    pub config: Config,
    pub modules: Vec<Module>,
    /// Whether draft pages were included.
    pub drafts: bool,
}

impl Course {
    pub fn pages(&self) -> impl Iterator<Item = &Page> {
        self.modules.iter().flat_map(Module::all_pages)
    }

    pub fn duration(&self) -> u32 {
        self.modules.iter().map(Module::duration).sum()
    }
}

/// Options that change what is loaded.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    pub drafts: bool,
}

/// Loads the course folder. Every problem goes to `diags`; `None` only when there is
/// no usable `course.yaml`.
pub fn load(dir: &Path, opts: LoadOptions, diags: &mut Diagnostics) -> Option<Course> {
    let config = config::load(dir, diags)?;
    let mut module_dirs = Vec::new();
    let entries = match read_dir_sorted(dir) {
        Ok(e) => e,
        Err(e) => {
            diags.push(Diagnostic::error(
                dir,
                format!("cannot read the course folder: {e}"),
            ));
            return None;
        }
    };
    let theme_dir = config
        .theme_dir
        .as_ref()
        .and_then(|t| t.canonicalize().ok());
    for (name, path, is_dir) in entries {
        if name.starts_with('.') || name == "course.yaml" {
            continue;
        }
        if is_dir && name == "assets" {
            continue;
        }
        if is_dir && theme_dir.is_some() && path.canonicalize().ok() == theme_dir {
            continue;
        }
        if is_dir && split_prefix(&name).0.is_some() {
            module_dirs.push((name, path));
            continue;
        }
        let what = if is_dir { "folder" } else { "file" };
        diags.push(
            Diagnostic::warning(&path, format!("{what} `{name}` at the course root is ignored"))
                .hint("modules are numbered folders such as `01-basics/`; images and downloads go in `assets/`"),
        );
    }

    let results: Vec<(Option<Module>, Diagnostics)> = module_dirs
        .par_iter()
        .map(|(name, path)| {
            let mut d = Diagnostics::new();
            let m = load_module(dir, name, path, opts, &mut d);
            (m, d)
        })
        .collect();
    let mut modules = Vec::new();
    for (m, d) in results {
        diags.extend(d);
        modules.extend(m);
    }
    modules.sort_by(|a, b| cmp_order(&a.order, &b.order));

    // Two modules with one slug would write into one folder.
    for (i, m) in modules.iter().enumerate() {
        if let Some(first) = modules[..i].iter().find(|o| o.slug == m.slug) {
            diags.push(
                Diagnostic::error(
                    &m.index.path,
                    format!(
                        "module slug `{}` is already used by `{}`",
                        m.slug, first.dir_name
                    ),
                )
                .hint("rename one of the folders or set `slug:` in its index.md"),
            );
        }
    }
    if modules.is_empty() && !diags.has_errors() {
        diags.push(
            Diagnostic::error(dir, "the course has no modules")
                .hint("add a numbered folder such as `01-basics/` with an `index.md`"),
        );
    }
    Some(Course {
        dir: dir.to_path_buf(),
        config,
        modules,
        drafts: opts.drafts,
    })
}

fn cmp_order(a: &(f64, String), b: &(f64, String)) -> std::cmp::Ordering {
    a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1))
}

/// `(name, path, is_dir)` of a folder's entries, sorted by name.
fn read_dir_sorted(dir: &Path) -> std::io::Result<Vec<(String, PathBuf, bool)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        out.push((name, path.clone(), path.is_dir()));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// Splits `01-what-is-service` into `(Some(1), "what-is-service")`.
pub fn split_prefix(name: &str) -> (Option<u64>, &str) {
    let digits = name.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && name[digits..].starts_with('-') {
        (name[..digits].parse().ok(), &name[digits + 1..])
    } else {
        (None, name)
    }
}

pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn load_module(
    course_dir: &Path,
    name: &str,
    path: &Path,
    opts: LoadOptions,
    diags: &mut Diagnostics,
) -> Option<Module> {
    let entries = match read_dir_sorted(path) {
        Ok(e) => e,
        Err(e) => {
            diags.push(Diagnostic::error(
                path,
                format!("cannot read the module folder: {e}"),
            ));
            return None;
        }
    };
    let md_files: Vec<_> = entries
        .into_iter()
        .filter(|(n, _, is_dir)| !is_dir && n.ends_with(".md") && !n.starts_with('.'))
        .collect();
    let index_path = path.join("index.md");
    if !md_files.iter().any(|(n, ..)| n == "index.md") {
        diags.push(
            Diagnostic::error(&index_path, format!("module `{name}` has no index.md")).hint(
                "every module folder needs an index.md with at least a `title` in its front matter",
            ),
        );
        return None;
    }
    let (prefix, dir_slug) = split_prefix(name);
    let loaded: Vec<(Option<Page>, Diagnostics)> = md_files
        .par_iter()
        .map(|(file, p, _)| {
            let mut d = Diagnostics::new();
            let page = load_page(course_dir, p, file, &mut d);
            (page, d)
        })
        .collect();
    let mut index = None;
    let mut pages = Vec::new();
    let mut broken_index = false;
    for ((file, ..), (page, d)) in md_files.iter().zip(loaded) {
        diags.extend(d);
        match (file.as_str(), page) {
            ("index.md", Some(p)) => index = Some(p),
            ("index.md", None) => broken_index = true,
            (_, Some(p)) => pages.push(p),
            (_, None) => {}
        }
    }
    if broken_index {
        return None;
    }
    let mut index = index?;

    let slug = match &index.front.slug {
        Some(s) => s.clone(),
        None => dir_slug.to_string(),
    };
    let slug_pos = slug_position(&index);
    if !is_valid_slug(&slug) {
        let d = match &index.front.slug {
            Some(_) => index.source().error(
                slug_pos,
                format!("module slug `{slug}` is not made of a-z, 0-9 and `-`"),
            ),
            None => Diagnostic::error(
                path,
                format!("module folder name `{name}` does not give a valid slug"),
            ),
        };
        diags.push(d.hint(
            "slugs become URLs: use lower-case a-z, 0-9 and `-`, e.g. `01-service-concepts`; put Chinese in `title`, or set `slug:` in index.md",
        ));
    } else if RESERVED_MODULE_SLUGS.contains(&slug.as_str()) {
        diags.push(
            Diagnostic::error(path, format!("module slug `{slug}` is reserved")).hint(format!(
                "reserved module slugs: {}",
                RESERVED_MODULE_SLUGS.join(", ")
            )),
        );
    }
    if index.front.quiz.is_some() {
        diags.push(
            index
                .source()
                .error(Pos::new(2, 1), "a module page cannot be a graded quiz")
                .hint("put the quiz in its own page in the module, e.g. `09-quiz.md`"),
        );
    }
    index.slug = "index".into();
    index.url = format!("{slug}/index.html");
    index.is_index = true;
    index.order = (f64::NEG_INFINITY, String::new());

    if index.front.draft && !opts.drafts {
        return None;
    }
    pages.retain(|p| opts.drafts || !p.front.draft);
    for p in &mut pages {
        p.url = format!("{slug}/{}.html", p.slug);
    }
    pages.sort_by(|a, b| cmp_order(&a.order, &b.order));
    for (i, p) in pages.iter().enumerate() {
        if p.slug == "index" {
            diags.push(
                p.source()
                    .error(
                        slug_position(p),
                        "page slug `index` is taken by the module page",
                    )
                    .hint("rename the file or set another `slug:`"),
            );
        }
        if let Some(first) = pages[..i].iter().find(|o| o.slug == p.slug) {
            diags.push(
                p.source()
                    .error(
                        slug_position(p),
                        format!("two pages in this module have the slug `{}`", p.slug),
                    )
                    .hint(format!(
                        "`{}` has it too; rename one file or set `slug:`",
                        first.rel.display()
                    )),
            );
        }
    }
    let weight = index.front.weight;
    Some(Module {
        dir_name: name.to_string(),
        slug,
        index,
        pages,
        order: (
            weight.unwrap_or(prefix.map_or(f64::INFINITY, |n| n as f64)),
            name.to_string(),
        ),
    })
}

/// Where `slug:` stands in the front matter, else the first line.
fn slug_position(p: &Page) -> Pos {
    p.text
        .lines()
        .position(|l| l.starts_with("slug:"))
        .map_or(Pos::new(1, 1), |i| Pos::new(i + 1, 1))
}

/// Reads one `.md` file and its front matter. Slug and order come from the file
/// name; `url` and `is_index` are left for the module to fill in.
pub fn load_page(
    course_dir: &Path,
    path: &Path,
    file: &str,
    diags: &mut Diagnostics,
) -> Option<Page> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(Diagnostic::error(
                path,
                format!("cannot read the page: {e}"),
            ));
            return None;
        }
    };
    let mut text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(_) => {
            diags.push(Diagnostic::error(path, "the page is not UTF-8 text").hint(
                "save the file as UTF-8 (most editors offer this under \"Save with encoding\")",
            ));
            return None;
        }
    };
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    let src = Source::new(path, &text);
    let Some((yaml, yaml_start, body_start)) = split_front_matter(&text) else {
        diags.push(
            src.error(Pos::new(1, 1), "the page has no front matter")
                .hint("start the file with a `---` line, `title: ...`, and another `---` line"),
        );
        return None;
    };
    let first_line = text[..yaml_start].matches('\n').count() + 1;
    let emb = Embedded::new(src, yaml, first_line);
    let front: FrontMatter = match emb.parse("front matter") {
        Ok(f) => f,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let map = emb.map();
    if front.title.trim().is_empty() {
        diags.push(src.error(map.value("title"), "the page title is empty"));
    }
    if let Some(w) = front.weight {
        if !w.is_finite() {
            diags.push(src.error(map.value("weight"), "weight must be a number"));
        }
    }
    let (prefix, stem) = split_prefix(file.trim_end_matches(".md"));
    let slug = match &front.slug {
        Some(s) => {
            if !is_valid_slug(s) {
                diags.push(
                    src.error(
                        map.value("slug"),
                        format!("slug `{s}` is not made of a-z, 0-9 and `-`"),
                    )
                    .hint("slugs become file names in the site: use lower-case a-z, 0-9 and `-`"),
                );
            }
            s.clone()
        }
        None => {
            if file != "index.md" && !is_valid_slug(stem) {
                let hint = if stem.is_ascii() {
                    "file names become page URLs: use lower-case a-z, 0-9 and `-`, or set `slug:` in the front matter".to_string()
                } else {
                    "put the Chinese name in `title:` and give the page an ASCII `slug:` (e.g. `slug: complaint-steps`), or rename the file".to_string()
                };
                diags.push(
                    Diagnostic::error(
                        path,
                        format!("file name `{file}` does not give a valid slug"),
                    )
                    .hint(hint),
                );
            }
            stem.to_string()
        }
    };
    let rel = path.strip_prefix(course_dir).unwrap_or(path).to_path_buf();
    let order = (
        front
            .weight
            .unwrap_or(prefix.map_or(f64::INFINITY, |n| n as f64)),
        file.to_string(),
    );
    Some(Page {
        path: path.to_path_buf(),
        rel,
        body_start,
        text,
        front,
        slug,
        url: String::new(),
        is_index: false,
        order,
    })
}

/// Finds the YAML between the opening and closing `---` lines: `(yaml, yaml_start, body_start)`.
fn split_front_matter(text: &str) -> Option<(&str, usize, usize)> {
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let yaml_start = first_end + 1;
    let mut pos = yaml_start;
    loop {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = &text[pos..end];
        if line.trim_end() == "---" {
            let body = (end + 1).min(text.len());
            return Some((&text[yaml_start..pos], yaml_start, body));
        }
        if end >= text.len() {
            return None;
        }
        pos = end + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_and_slugs() {
        assert_eq!(
            split_prefix("01-what-is-service"),
            (Some(1), "what-is-service")
        );
        assert_eq!(split_prefix("intro"), (None, "intro"));
        assert_eq!(split_prefix("2024"), (None, "2024"));
        assert!(is_valid_slug("what-is-service"));
        assert!(!is_valid_slug("服务"));
        assert!(!is_valid_slug("What"));
    }

    #[test]
    fn front_matter_split() {
        let t = "---\ntitle: a\n---\nbody\n";
        let (y, ys, b) = split_front_matter(t).unwrap();
        assert_eq!(y, "title: a\n");
        assert_eq!(ys, 4);
        assert_eq!(&t[b..], "body\n");
        assert!(split_front_matter("---\ntitle: a\n").is_none());
        assert!(split_front_matter("# no\n").is_none());
        let crlf = "---\r\ntitle: a\r\n---\r\nbody";
        assert_eq!(&crlf[split_front_matter(crlf).unwrap().2..], "body");
    }
}
