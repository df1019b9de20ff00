//! Reading the course folder into a [`Course`]: module folders, their pages, front
//! matter, slugs and order, with every structure rule checked.

use super::config;
use super::front::{self, FrontMatter};
use super::{is_valid_slug, slash_path, split_prefix, Course, Module, Page, RESERVED_MODULE_SLUGS};
use crate::core::yaml::Embedded;
use crate::core::{Diagnostic, Diagnostics, Pos, Source};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Options that change what is loaded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadOptions {
    pub drafts: bool,
}

/// Loads the course folder. Every problem goes to `diags`; `None` only when there is
/// no usable `course.yaml`.
pub fn load(dir: &Path, opts: LoadOptions, diags: &mut Diagnostics) -> Option<Course> {
    let config = config::load(dir, diags)?;
    let root = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
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
    check_asset_links(&dir.join("assets"), &root, diags);
    let theme_dir = config
        .theme_dir
        .as_ref()
        .and_then(|t| t.canonicalize().ok());
    let mut module_dirs = Vec::new();
    for (name, path, is_dir) in entries {
        if name.starts_with('.') || name == "course.yaml" || (is_dir && name == "assets") {
            continue;
        }
        if is_dir && theme_dir.is_some() && path.canonicalize().ok() == theme_dir {
            continue;
        }
        // The theme may live elsewhere; a module may not.
        if let Some(problem) = link_problem(&path, &root) {
            diags.push(problem);
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
            let m = load_module(dir, &root, name, path, opts, &mut d);
            (m, d)
        })
        .collect();
    let mut modules = Vec::new();
    for (m, d) in results {
        diags.extend(d);
        modules.extend(m);
    }
    modules.sort_by(|a, b| cmp_order(&a.order, &b.order));
    check_module_slugs(&modules, diags);
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

/// Two modules with one slug would write into one folder.
fn check_module_slugs(modules: &[Module], diags: &mut Diagnostics) {
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

/// Leaves out the symbolic links among a folder's entries that lead outside the
/// course (`root`, resolved) or nowhere (a loop, a missing target), each with a
/// warning: only what is inside the course folder is ever published.
fn without_links_out(
    entries: Vec<(String, PathBuf, bool)>,
    root: &Path,
    diags: &mut Diagnostics,
) -> Vec<(String, PathBuf, bool)> {
    entries
        .into_iter()
        .filter(|(name, path, _)| match link_problem(path, root) {
            Some(problem) => {
                if !name.starts_with('.') {
                    diags.push(problem);
                }
                false
            }
            None => true,
        })
        .collect()
}

/// Why the symbolic link at `path` is not followed, if it is one that is not.
fn link_problem(path: &Path, root: &Path) -> Option<Diagnostic> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_symlink() {
        return None;
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    match path.canonicalize() {
        Ok(real) if real.starts_with(root) => None,
        Ok(real) => Some(
            Diagnostic::warning(
                path,
                format!("`{name}` is a link to `{}`, outside the course folder; it is left out", real.display()),
            )
            .hint("only what is inside the course folder is published: copy the files into the course instead of linking to them"),
        ),
        Err(e) => Some(
            Diagnostic::warning(path, format!("`{name}` is a link that cannot be followed ({e}); it is left out"))
                .hint("the link leads to nothing, or round in a loop: remove it or point it at a file in the course"),
        ),
    }
}

/// Warns about the links in `assets/` that are not copied: those leading
/// outside the course or nowhere.
fn check_asset_links(assets: &Path, root: &Path, diags: &mut Diagnostics) {
    if !assets.is_dir() {
        return;
    }
    // Links are not followed while walking, so a loop cannot trap the walk.
    for entry in walkdir::WalkDir::new(assets).into_iter().flatten() {
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if entry.path_is_symlink() && !hidden {
            diags.extend(link_problem(entry.path(), root));
        }
    }
}

fn load_module(
    course_dir: &Path,
    root: &Path,
    name: &str,
    path: &Path,
    opts: LoadOptions,
    diags: &mut Diagnostics,
) -> Option<Module> {
    let entries = match read_dir_sorted(path) {
        Ok(e) => without_links_out(e, root, diags),
        Err(e) => {
            diags.push(Diagnostic::error(
                path,
                format!("cannot read the module folder: {e}"),
            ));
            return None;
        }
    };
    let (index, mut pages) = load_pages(course_dir, name, path, entries, diags)?;
    let mut index = index;
    let slug = module_slug(name, path, &index, diags);
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
    check_page_slugs(&pages, diags);
    let weight = index.front.weight.as_deref().copied();
    let (prefix, _) = split_prefix(name);
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

/// A module folder's `.md` files read in parallel: its `index.md` and its other
/// pages, in file-name order. `None` when there is no usable `index.md`.
fn load_pages(
    course_dir: &Path,
    name: &str,
    path: &Path,
    entries: Vec<(String, PathBuf, bool)>,
    diags: &mut Diagnostics,
) -> Option<(Page, Vec<Page>)> {
    let md_files: Vec<_> = entries
        .into_iter()
        .filter(|(n, _, is_dir)| !is_dir && n.ends_with(".md") && !n.starts_with('.'))
        .collect();
    if !md_files.iter().any(|(n, ..)| n == "index.md") {
        diags.push(
            Diagnostic::error(
                path.join("index.md"),
                format!("module `{name}` has no index.md"),
            )
            .hint(
                "every module folder needs an index.md with at least a `title` in its front matter",
            ),
        );
        return None;
    }
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
    Some((index?, pages))
}

/// The module's slug from its folder name or its index.md's `slug:`, checked.
fn module_slug(name: &str, path: &Path, index: &Page, diags: &mut Diagnostics) -> String {
    let (_, dir_slug) = split_prefix(name);
    let slug = match &index.front.slug {
        Some(s) => s.value.clone(),
        None => dir_slug.to_string(),
    };
    if !is_valid_slug(&slug) {
        let d = match &index.front.slug {
            Some(s) => index.source().error(
                index.front_yaml().at(s),
                format!("module slug `{slug}` is not made of a-z, 0-9 and `-`"),
            ),
            None => Diagnostic::error(
                path,
                format!("module folder name `{name}` does not give a valid slug"),
            ),
        };
        let example = format!("{:02}-basics", split_prefix(name).0.unwrap_or(1));
        diags.push(d.hint(format!(
            "slugs become URLs: use lower-case a-z, 0-9 and `-`, e.g. `{example}`; put Chinese in `title`, or set `slug:` in index.md"
        )));
    } else if RESERVED_MODULE_SLUGS.contains(&slug.as_str()) {
        diags.push(
            Diagnostic::error(path, format!("module slug `{slug}` is reserved")).hint(format!(
                "reserved module slugs: {}",
                RESERVED_MODULE_SLUGS.join(", ")
            )),
        );
    }
    slug
}

fn check_page_slugs(pages: &[Page], diags: &mut Diagnostics) {
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
}

/// Where `slug:` stands in the front matter, else the first line.
fn slug_position(p: &Page) -> Pos {
    match &p.front.slug {
        Some(s) => {
            let emb = p.front_yaml();
            let at = emb.key_of(s, "slug");
            Pos::new(at.line, 1)
        }
        None => Pos::new(1, 1),
    }
}

/// Reads one `.md` file and its front matter. Slug and order come from the file
/// name; `url` and `is_index` are left for the module to fill in.
pub fn load_page(
    course_dir: &Path,
    path: &Path,
    file: &str,
    diags: &mut Diagnostics,
) -> Option<Page> {
    let bytes = match super::read_file(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(Diagnostic::error(
                path,
                format!("cannot read the page: {e}"),
            ));
            return None;
        }
    };
    let Some(text) = page_text(bytes) else {
        diags.push(
            Diagnostic::error(path, "the page is not UTF-8 text").hint(
                "save the file as UTF-8 (most editors offer this under \"Save with encoding\")",
            ),
        );
        return None;
    };
    page_from_text(course_dir, path, file, text, diags)
}

/// A page's slug: its `slug:`, else its file name without the number prefix; checked.
fn page_slug(
    front: &FrontMatter,
    emb: &Embedded,
    path: &Path,
    file: &str,
    stem: &str,
    diags: &mut Diagnostics,
) -> String {
    let src = emb.source;
    match &front.slug {
        Some(s) => {
            if !is_valid_slug(s) {
                diags.push(
                    src.error(
                        emb.at(s),
                        format!("slug `{}` is not made of a-z, 0-9 and `-`", s.value),
                    )
                    .hint("slugs become file names in the site: use lower-case a-z, 0-9 and `-`"),
                );
            }
            s.value.clone()
        }
        None => {
            if file != "index.md" && !is_valid_slug(stem) {
                let hint = if stem.is_ascii() {
                    "file names become page URLs: use lower-case a-z, 0-9 and `-`, or set `slug:` in the front matter".to_string()
                } else {
                    let n = split_prefix(file).0.unwrap_or(1);
                    format!("put the Chinese name in `title:` and give the page an ASCII `slug:` (e.g. `slug: lesson-{n}`), or rename the file")
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
    }
}

/// A page file's bytes as text, without a byte-order mark; `None` when not UTF-8.
pub fn page_text(bytes: Vec<u8>) -> Option<String> {
    let mut text = String::from_utf8(bytes).ok()?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Some(text)
}

/// A page from its text (no file access): front matter parsed and checked, slug
/// and order from the file name.
pub fn page_from_text(
    course_dir: &Path,
    path: &Path,
    file: &str,
    text: String,
    diags: &mut Diagnostics,
) -> Option<Page> {
    let src = Source::new(path, &text);
    let Some(span) = front::split(&text) else {
        diags.push(
            src.error(Pos::new(1, 1), "the page has no front matter")
                .hint("start the file with a `---` line, `title: ...`, and another `---` line"),
        );
        return None;
    };
    let emb = Embedded::new(src, &text[span.yaml_start..span.yaml_end], span.first_line);
    // Every unknown key is reported; the page is still read without them, so that
    // the problems in its body show in the same run.
    let (front, problems) = emb.parse_all::<FrontMatter>("front matter");
    diags.extend(problems);
    let front = front?;
    if front.title.trim().is_empty() {
        diags.push(src.error(emb.at(&front.title), "the page title is empty"));
    }
    if let Some(w) = &front.weight {
        if !w.is_finite() {
            diags.push(src.error(emb.at(w), "weight must be a number"));
        }
    }
    let (prefix, stem) = split_prefix(file.trim_end_matches(".md"));
    let slug = page_slug(&front, &emb, path, file, stem, diags);
    let rel = path.strip_prefix(course_dir).unwrap_or(path).to_path_buf();
    let order = (
        front
            .weight
            .as_deref()
            .copied()
            .unwrap_or(prefix.map_or(f64::INFINITY, |n| n as f64)),
        file.to_string(),
    );
    Some(Page {
        id: slash_path(&rel),
        path: path.to_path_buf(),
        rel,
        front_span: span,
        text,
        front,
        slug,
        url: String::new(),
        is_index: false,
        order,
    })
}
