//! The build: course folder → checked model → rendered pages → output folder.
//!
//! Stages run in parallel over pages. Nothing is written unless the whole course
//! is free of errors; the site is written into a temporary folder beside the output
//! and swapped in at the end, so a failed build leaves the last good site in place.

use crate::blocks::{self, Block, BlockCtx};
use crate::content::{Course, Page};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::incremental::Model;
use crate::links::{CopyFile, LinkIndex};
use crate::markdown::Analysis;
use crate::render::Renderer;
use crate::theme::{self, Theme};
use crate::yaml::Embedded;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// A marker file that says a folder was written by syllabus and may be replaced.
pub const OUTPUT_MARKER: &str = ".syllabus-output";

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub drafts: bool,
}

/// A course that passed every check, with everything needed to render it.
pub struct Checked {
    pub course: Course,
    pub theme: Theme,
    /// Per page, in `course.pages()` order.
    pub pages: Vec<PageData>,
}

#[derive(Default)]
pub struct PageData {
    pub blocks: Vec<Option<Block>>,
    pub links: HashMap<String, String>,
    pub copies: Vec<CopyFile>,
    /// The body's HTML from the analysis, waiting for `links`.
    pub body: std::sync::Arc<crate::markdown::BodyHtml>,
}

/// A rendered site held in memory: output path → bytes.
pub struct Rendered {
    pub files: Vec<(String, Vec<u8>)>,
    pub copies: BTreeSet<CopyFile>,
}

/// Loads and checks the whole course. `Err` carries the diagnostics when there are
/// errors; `Ok` carries the checked course and any warnings.
pub fn check(
    course_dir: &Path,
    opts: &BuildOptions,
) -> Result<(Checked, Diagnostics), Diagnostics> {
    let model = Model::load(course_dir, opts)?;
    let diags = model.diagnostics();
    if diags.has_errors() {
        return Err(diags);
    }
    Ok((model.checked, diags))
}

/// One page's own checks after the Markdown analysis: links resolved against the
/// whole course, interactive blocks parsed. Shared by the full build and the
/// incremental rebuild of `serve`, so both report the same problems.
pub fn check_page(
    page: &Page,
    module: &str,
    analysis: &Analysis,
    own_ids: &HashSet<String>,
    index: &LinkIndex,
) -> (PageData, Diagnostics) {
    let mut d = Diagnostics::new();
    let mut refs = analysis.links.clone();
    refs.extend(blocks::block_links(page.source(), &analysis.blocks));
    let (links, copies, link_diags) = index.resolve_page(page, own_ids, &refs);
    for x in link_diags {
        d.push(x);
    }
    let blocks = parse_blocks(page, module, &analysis.blocks, &mut d);
    (
        PageData {
            blocks,
            links,
            copies,
            body: analysis.body.clone(),
        },
        d,
    )
}

/// Module slug of every page, keyed by the page's output path.
pub fn module_slugs(course: &Course) -> HashMap<&str, &str> {
    course
        .modules
        .iter()
        .flat_map(|m| {
            m.all_pages()
                .map(move |p| (p.url.as_str(), m.slug.as_str()))
        })
        .collect()
}

fn parse_blocks(
    page: &Page,
    module: &str,
    raw: &[blocks::RawBlock],
    diags: &mut Diagnostics,
) -> Vec<Option<Block>> {
    let mut counts: HashMap<blocks::BlockKind, usize> = HashMap::new();
    raw.iter()
        .map(|b| {
            let n = counts.entry(b.kind).or_insert(0);
            *n += 1;
            let ctx = BlockCtx {
                emb: Embedded::new(page.source(), &b.yaml, b.first_line),
                fence: b.fence,
                module,
                page: &page.slug,
                index: *n,
                graded: page.front.quiz.is_some(),
            };
            blocks::parse(b.kind, &ctx, diags)
        })
        .collect()
}

/// Renders every page of a checked course in parallel, in memory.
pub fn render(checked: &Checked) -> Result<Rendered, Diagnostics> {
    let all: Vec<usize> = (0..checked.pages.len()).collect();
    let files = match (render_pages(checked, &all), render_site_files(checked)) {
        (Ok(mut pages), Ok(site)) => {
            pages.extend(site);
            pages
        }
        (pages, site) => {
            let mut diags = Diagnostics::new();
            diags.extend(pages.err().unwrap_or_default());
            diags.extend(site.err().unwrap_or_default());
            diags.sort();
            return Err(diags);
        }
    };
    let copies = checked
        .pages
        .iter()
        .flat_map(|p| p.copies.iter().cloned())
        .collect();
    Ok(Rendered { files, copies })
}

/// Renders the pages at the given positions of `course.pages()` order.
pub fn render_pages(
    checked: &Checked,
    which: &[usize],
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let renderer = Renderer::new(&checked.course, &checked.theme, &checked.pages);
    let jobs: Vec<Result<(String, Vec<u8>), Diagnostic>> = which
        .par_iter()
        .filter_map(|&i| Some((*renderer.order.get(i)?, checked.pages.get(i)?)))
        .map(|(page, data)| {
            renderer
                .page_bytes(page, data)
                .map(|mut html| {
                    // Held with every other page until all are written: give back
                    // the slack of the growing buffer (up to half of it).
                    html.shrink_to_fit();
                    (page.url.clone(), html)
                })
                .map_err(|e| template_diag(&checked.theme, page, &e))
        })
        .collect();
    collect_jobs(jobs)
}

/// The files that are not one page's own: the home page and the theme's static
/// files (and any course-wide data file). `serve` renders these again on every
/// rebuild, so anything that depends on more than one page belongs here.
pub fn render_site_files(checked: &Checked) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let renderer = Renderer::new(&checked.course, &checked.theme, &checked.pages);
    let jobs = vec![
        renderer
            .home()
            .map(|h| ("index.html".to_string(), h.into_bytes()))
            .map_err(|e| {
                Diagnostic::error(
                    checked.theme.origin("index.html"),
                    format!("cannot render the home page: {}", theme::error_chain(&e)),
                )
            }),
        crate::workbook::render(&renderer)
            .map(|h| (crate::workbook::URL.to_string(), h.into_bytes()))
            .map_err(|e| {
                Diagnostic::error(
                    checked.theme.origin("workbook.html"),
                    format!("cannot render the workbook: {}", theme::error_chain(&e)),
                )
            }),
    ];
    let mut files = collect_jobs(jobs)?;
    for s in &checked.theme.statics {
        files.push((s.out.clone(), s.bytes.to_vec()));
    }
    Ok(files)
}

fn collect_jobs(
    jobs: Vec<Result<(String, Vec<u8>), Diagnostic>>,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut files = Vec::with_capacity(jobs.len());
    for j in jobs {
        match j {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() {
        diags.sort();
        return Err(diags);
    }
    Ok(files)
}

fn template_diag(theme: &Theme, page: &Page, e: &tera::Error) -> Diagnostic {
    let template = if page.is_index {
        "module.html"
    } else {
        "page.html"
    };
    Diagnostic::error(
        theme.origin(template),
        format!("cannot render {}: {}", page.path.display(), theme::error_chain(e)),
    )
    .hint("the theme's templates and the page's data do not fit; check the template named in the message")
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub warnings: Diagnostics,
}

/// Builds the course into `out`, replacing it only when everything succeeded.
pub fn build(
    course_dir: &Path,
    out: &Path,
    opts: &BuildOptions,
) -> Result<BuildReport, Diagnostics> {
    let (checked, warnings) = check(course_dir, opts)?;
    let pages = checked.pages.len() + 1;
    let files = write_site(&checked.course, out, |root| render_into(&checked, root))?;
    Ok(BuildReport {
        pages,
        files,
        warnings,
    })
}

fn io_error(path: &Path, what: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(path, format!("{what}: {e}"))
}

/// Writes the site into a fresh folder beside `out`, then swaps it in. `fill` writes
/// the pages and files into the folder it is given and says how many it wrote; when it
/// fails, the fresh folder is removed and `out` stays as it was.
fn write_site(
    course: &Course,
    out: &Path,
    fill: impl FnOnce(&Path) -> Result<usize, Diagnostics>,
) -> Result<usize, Diagnostics> {
    let one = one_diag;
    guard_output(course, out).map_err(one)?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| {
        one(io_error(
            &parent,
            "cannot create the output's parent folder",
            e,
        ))
    })?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}.building-"))
        .tempdir_in(&parent)
        .map_err(|e| {
            one(io_error(
                &parent,
                "cannot create a temporary folder beside the output",
                e,
            ))
        })?;
    let root = tmp.path();
    let mut copied = fill(root)?;
    swap_in(course, tmp, out, &parent, &name)
        .map(|n| {
            copied += n;
            copied
        })
        .map_err(one)
}

/// Renders every page and site file of a checked course into `root`, each written as
/// soon as it is rendered (a large course is never held in memory whole), and copies
/// the files its pages link to.
fn render_into(checked: &Checked, root: &Path) -> Result<usize, Diagnostics> {
    let renderer = Renderer::new(&checked.course, &checked.theme, &checked.pages);
    let copies: BTreeSet<&CopyFile> = checked.pages.iter().flat_map(|p| &p.copies).collect();
    let mut dirs: BTreeSet<PathBuf> = BTreeSet::new();
    let rels = renderer.order.iter().map(|p| p.url.as_str());
    for rel in rels.chain(copies.iter().map(|c| c.to.as_str())) {
        if let Some(d) = Path::new(rel).parent() {
            dirs.insert(root.join(d));
        }
    }
    for d in &dirs {
        std::fs::create_dir_all(d).map_err(|e| one_diag(io_error(d, "cannot create folder", e)))?;
    }
    let write = |rel: &str, bytes: &[u8]| {
        let p = root.join(rel);
        std::fs::write(&p, bytes).map_err(|e| io_error(&p, "cannot write", e))
    };
    let pages: Vec<Result<(), Diagnostic>> = renderer
        .order
        .par_iter()
        .zip(&checked.pages)
        .map(|(page, data)| {
            let html = renderer
                .page_bytes(page, data)
                .map_err(|e| template_diag(&checked.theme, page, &e))?;
            write(&page.url, &html)
        })
        .collect();
    // Template problems of pages and of the home page or workbook are reported together.
    let site = match (collect_errors(pages), render_site_files(checked)) {
        (Ok(()), Ok(site)) => site,
        (pages, site) => {
            let mut all = pages.err().unwrap_or_default();
            all.extend(site.err().unwrap_or_default());
            all.sort();
            return Err(all);
        }
    };
    for (rel, _) in &site {
        if let Some(d) = Path::new(rel).parent() {
            let d = root.join(d);
            std::fs::create_dir_all(&d)
                .map_err(|e| one_diag(io_error(&d, "cannot create folder", e)))?;
        }
    }
    collect_errors(
        site.par_iter()
            .map(|(rel, bytes)| write(rel, bytes))
            .collect(),
    )?;
    collect_errors(
        copies
            .par_iter()
            .map(|c| {
                std::fs::copy(&c.from, root.join(&c.to))
                    .map(|_| ())
                    .map_err(|e| io_error(&c.from, "cannot copy", e))
            })
            .collect(),
    )?;
    Ok(renderer.order.len() + site.len() + copies.len())
}

fn one_diag(d: Diagnostic) -> Diagnostics {
    let mut all = Diagnostics::new();
    all.push(d);
    all
}

/// Every error of a batch of jobs, sorted; `Ok` when there is none.
fn collect_errors(jobs: Vec<Result<(), Diagnostic>>) -> Result<(), Diagnostics> {
    let mut diags = Diagnostics::new();
    for d in jobs.into_iter().filter_map(Result::err) {
        diags.push(d);
    }
    if diags.has_errors() {
        diags.sort();
        return Err(diags);
    }
    Ok(())
}

/// Copies the course's assets into the new site, marks it as written by syllabus,
/// and swaps it in for `out`. Returns how many assets it copied.
fn swap_in(
    course: &Course,
    tmp: tempfile::TempDir,
    out: &Path,
    parent: &Path,
    name: &str,
) -> Result<usize, Diagnostic> {
    let root = tmp.path();
    let assets = course.dir.join("assets");
    let mut copied = 0;
    if assets.is_dir() {
        copied += copy_tree(&assets, &root.join("assets"))?;
    }
    std::fs::write(
        root.join(OUTPUT_MARKER),
        "This folder is written by syllabus build and replaced on every build.\n",
    )
    .map_err(|e| io_error(root, "cannot write", e))?;

    // Swap: move the old site aside, move the new one in, then delete the old.
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
    Ok(copied)
}

/// Refuses to replace a folder that syllabus did not write, or the course itself.
fn guard_output(course: &Course, out: &Path) -> Result<(), Diagnostic> {
    if let (Ok(o), Ok(c)) = (out.canonicalize(), course.dir.canonicalize()) {
        if c.starts_with(&o) {
            return Err(
                Diagnostic::error(out, "the output folder holds the course itself")
                    .hint("choose another output folder with `-o`, e.g. `-o public`"),
            );
        }
    }
    if out.is_file() {
        return Err(
            Diagnostic::error(out, "the output path is a file").hint("choose a folder with `-o`")
        );
    }
    if out.is_dir() && !out.join(OUTPUT_MARKER).exists() {
        let empty = std::fs::read_dir(out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(Diagnostic::error(out, "the output folder exists and was not written by syllabus; it is left untouched")
                .hint("syllabus replaces its output folder on every build: choose an empty or new folder with `-o`"));
        }
    }
    Ok(())
}

/// Copies the course's `assets/` folder as `build` does: dot-files and dot-folders are left out.
pub fn copy_tree(from: &Path, to: &Path) -> Result<usize, Diagnostic> {
    let mut n = 0;
    for entry in walkdir::WalkDir::new(from) {
        let entry =
            entry.map_err(|e| Diagnostic::error(from, format!("cannot read assets: {e}")))?;
        let rel = entry.path().strip_prefix(from).unwrap_or(entry.path());
        if rel
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        {
            continue;
        }
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest)
                .map_err(|e| io_error(&dest, "cannot create folder", e))?;
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &dest)
                .map_err(|e| io_error(entry.path(), "cannot copy", e))?;
            n += 1;
        }
    }
    Ok(n)
}
