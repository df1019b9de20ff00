//! `syllabus package --scorm 1.2|2004`: the course built as for `build`, plus a
//! launch page (`scorm.html`, which talks to the LMS and frames the site) and an
//! `imsmanifest.xml` ([`manifest`]), zipped deterministically ([`archive`]). HR
//! uploads the zip to the LMS; the pages inside are the same as the plain site's.

pub mod archive;
pub mod manifest;

use crate::core::{Diagnostic, Diagnostics};
use crate::output::{Writer, OUTPUT_MARKER};
use crate::pipeline::{BuildOptions, Pipeline};
use crate::render::context::PageCtx;
use crate::render::{site, Renderer};
use crate::theme;
pub use manifest::Scorm;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The package's launch page: the one SCO the manifest names.
pub const LAUNCH: &str = "scorm.html";
const MANIFEST: &str = "imsmanifest.xml";

/// What a package run did.
#[derive(Debug)]
pub struct PackageReport {
    pub zip: PathBuf,
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub warnings: Diagnostics,
}

/// The stages a package run goes through, for a status line each.
#[derive(Debug, Clone, Copy)]
pub enum Stage {
    Checking,
    Rendering(usize),
    Zipping(usize),
}

/// The zip's default name: `<course-id>-scorm-<version>.zip`.
pub fn default_name(course_id: &str, scorm: Scorm) -> PathBuf {
    PathBuf::from(format!("{course_id}-scorm-{}.zip", scorm.name()))
}

/// Checks and builds the course, and writes its SCORM package to `out` (or the
/// default name in the current folder). Nothing is written when the course has
/// errors; an earlier package at `out` is replaced only by a complete one.
pub fn package(
    course: &Path,
    out: Option<&Path>,
    scorm: Scorm,
    opts: BuildOptions,
    status: &mut dyn FnMut(Stage),
) -> Result<PackageReport, Diagnostics> {
    status(Stage::Checking);
    let p = Pipeline::load(course, opts)?;
    let warnings = p.diagnostics();
    if warnings.has_errors() {
        return Err(warnings);
    }
    runtime_loaded(&p).map_err(Diagnostics::one)?;
    let config = &p.course.config.course;
    let zip = out.map_or_else(|| default_name(&config.id, scorm), Path::to_path_buf);
    let tmp = tempfile::tempdir().map_err(|e| {
        Diagnostics::one(Diagnostic::error(
            &zip,
            format!("cannot make a temporary folder: {e}"),
        ))
    })?;
    let site_dir = tmp.path().join("site");
    let pages = p.course.pages().count();
    status(Stage::Rendering(pages));
    let w = Writer::fresh(&site_dir);
    let report = site::render(&p, site::Which::All, &w)?;
    let want = p.copies().map_err(Diagnostics::one)?;
    w.copy_files(&want, &HashSet::new())
        .map_err(Diagnostics::one)?;
    let launch = launch_page(&Renderer::new(&p), scorm).map_err(|e| {
        Diagnostics::one(Diagnostic::error(
            p.theme.origin(LAUNCH),
            format!(
                "cannot render the SCORM launch page: {}",
                theme::error_chain(&e)
            ),
        ))
    })?;
    w.write(LAUNCH, launch.as_bytes())
        .map_err(Diagnostics::one)?;

    let found = archive::files(&site_dir, &[OUTPUT_MARKER, MANIFEST]).map_err(Diagnostics::one)?;
    let names: Vec<String> = found.iter().map(|(n, _)| n.clone()).collect();
    let xml = manifest::render(
        &manifest::Manifest {
            course_id: &config.id,
            title: &config.title,
            version: config.version.as_deref(),
            pass_mark: *config.pass_mark,
            launch: LAUNCH,
            files: &names,
        },
        scorm,
    );
    status(Stage::Zipping(names.len() + 1));
    let mut entries = vec![(MANIFEST.to_string(), xml.into_bytes())];
    for (name, path) in found {
        let bytes = std::fs::read(&path)
            .map_err(|e| Diagnostics::one(Diagnostic::error(&path, format!("cannot read: {e}"))))?;
        entries.push((name, bytes));
    }
    let bytes = archive::write(&zip, &entries).map_err(Diagnostics::one)?;
    Ok(PackageReport {
        zip,
        pages: report.rendered
            + report
                .site_files
                .iter()
                .filter(|f| f.ends_with(".html"))
                .count()
            + 1,
        files: entries.len(),
        bytes,
        warnings,
    })
}

/// A theme whose `scripts.txt` predates SCORM would give a package that never
/// reports to the LMS: that is an error, not a silent empty record.
fn runtime_loaded(p: &Pipeline) -> Result<(), Diagnostic> {
    let scripts = p.theme.scripts_for(&["scorm"]);
    let missing: Vec<&str> = ["scorm.js", "scorm-record.js", "scorm-cmi.js"]
        .into_iter()
        .filter(|f| {
            p.theme
                .urls
                .get(*f)
                .is_none_or(|url| !scripts.contains(&url.as_str()))
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let file = match &p.course.config.theme_dir {
        Some(dir) if dir.join("scripts.txt").is_file() => dir.join("scripts.txt"),
        _ => PathBuf::from("themes/default/scripts.txt"),
    };
    Err(Diagnostic::error(
        file,
        format!(
            "the theme does not load {} on the SCORM launch page",
            missing.join(", ")
        ),
    )
    .hint("add `scorm.js` (every page) and `scorm-record.js scorm`, `scorm-cmi.js scorm` to the theme's scripts.txt, as the default theme's has them"))
}

/// The launch page: it finds the LMS, restores the trainee's record from it and
/// shows the course in a frame (docs/scorm.md).
fn launch_page(r: &Renderer, scorm: Scorm) -> Result<String, tera::Error> {
    let mut ctx = r.base_context(LAUNCH, &["scorm"]);
    let c = &r.pipeline.course.config.course;
    ctx.insert(
        "page",
        &PageCtx::site(&c.title, c.description.as_deref(), LAUNCH, "scorm"),
    );
    ctx.insert("scorm_version", scorm.name());
    ctx.insert("start_url", "index.html");
    // Status and score come from the completion rules, which read the course data
    // (the same hashed file the site's pages load).
    ctx.insert("course_data", &crate::render::journey::course_data(r).0);
    ctx.insert("strings", &r.ui_strings(&["scorm_"]));
    r.theme.tera.render(LAUNCH, &ctx)
}
