//! The two one-shot commands over the shared core: `build` (check, render every
//! page, write the site into a fresh folder and swap it in) and `check` (the same,
//! rendering into nowhere, writing nothing).

use crate::core::Diagnostics;
use crate::output::{self, Replace, Writer};
use crate::pipeline::{BuildOptions, Pipeline};
use crate::render::site::{self, Which};
use std::collections::HashSet;
use std::path::Path;

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub warnings: Diagnostics,
}

/// Builds the course into `out`, replacing it only when everything succeeded.
pub fn build(course: &Path, out: &Path, opts: BuildOptions) -> Result<BuildReport, Diagnostics> {
    build_into(course, out, opts, Replace::OwnOnly)
}

/// [`build`], saying which output folders may be replaced (`build --force`).
pub fn build_into(
    course: &Path,
    out: &Path,
    opts: BuildOptions,
    replace: Replace,
) -> Result<BuildReport, Diagnostics> {
    // A wrong output folder is reported before the course is read: a trainer who
    // typed `-o` wrong learns it at once, whatever state the course is in.
    output::check_place(course, out).map_err(Diagnostics::one)?;
    output::recover(out);
    let p = Pipeline::load(course, opts)?;
    let warnings = p.diagnostics();
    if warnings.has_errors() {
        return Err(warnings);
    }
    let mut pages = 0;
    let files = output::replace_dir_with(&p.course.dir, out, replace, |w| {
        let report = site::render(&p, Which::All, w)?;
        pages = report.rendered
            + report
                .site_files
                .iter()
                .filter(|f| f.ends_with(".html"))
                .count();
        let copied = copy_all(&p, w)?;
        Ok(report.written + copied)
    })?;
    Ok(BuildReport {
        pages,
        files,
        warnings,
    })
}

fn copy_all(p: &Pipeline, w: &Writer) -> Result<usize, Diagnostics> {
    let want = p.copies().map_err(Diagnostics::one)?;
    w.copy_files(&want, &HashSet::new())
        .map_err(Diagnostics::one)
}

/// What `check` found: every problem, and the shape of each role-play.
pub struct CheckReport {
    pub diagnostics: Diagnostics,
    pub roleplays: Vec<String>,
}

/// Checks the course without writing anything; pages are rendered into nowhere so
/// that template problems show too.
pub fn check(course: &Path, opts: BuildOptions) -> CheckReport {
    let p = match Pipeline::load(course, opts) {
        Ok(p) => p,
        Err(d) => {
            return CheckReport {
                diagnostics: d,
                roleplays: Vec::new(),
            }
        }
    };
    let mut diagnostics = p.diagnostics();
    if !diagnostics.has_errors() {
        if let Err(d) = site::render(&p, Which::All, &Writer::discard()) {
            diagnostics.extend(d);
            diagnostics.sort();
        }
    }
    CheckReport {
        roleplays: if diagnostics.has_errors() {
            Vec::new()
        } else {
            p.roleplay_summaries()
        },
        diagnostics,
    }
}
