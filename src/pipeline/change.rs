//! What a batch of edited files means for the checked course: [`classify`] is a
//! pure function of the edits (path and new text, read by the caller) and the
//! course as it stands, so that every rule has a table test.
//!
//! | edit | change |
//! |---|---|
//! | a page's body, front matter byte for byte the same | [`Change::Pages`] with the new text |
//! | a page's front matter that keeps its place (same slug, weight, draft; not a module page; no problems reading it before or after) | [`Change::Pages`] |
//! | an existing asset or linked file | [`Change::Copies`] |
//! | anything else: pages added or removed, order, drafts, module pages, `course.yaml`, the theme, new files | [`Change::Reload`] |

use super::Pipeline;
use crate::core::Diagnostics;
use crate::model::{load, Page};
use std::path::{Path, PathBuf};

/// One edited file: its path relative to the course folder (or absolute, for a
/// theme folder outside it), whether it is still there, and its text when it is
/// UTF-8 text.
#[derive(Debug, Clone)]
pub struct Edit {
    pub rel: PathBuf,
    pub exists: bool,
    pub text: Option<String>,
}

/// What the course model must do about a batch of edits. Later variants include
/// the work of earlier ones.
#[derive(Debug, Clone)]
pub enum Change {
    /// Only files the site copies as they are.
    Copies,
    /// Pages read again that keep their place: the new versions. `front`: some
    /// front matter changed (titles and durations show in other pages' navigation).
    Pages { pages: Vec<Page>, front: bool },
    /// Read the course (and theme) again. `everything`: `course.yaml` or the theme
    /// changed, not only pages.
    Reload { everything: bool },
}

impl Change {
    fn rank(&self) -> u8 {
        match self {
            Change::Copies => 0,
            Change::Pages { .. } => 1,
            Change::Reload { everything: false } => 2,
            Change::Reload { everything: true } => 3,
        }
    }

    /// Both changes together.
    fn and(self, other: Change) -> Change {
        match (self, other) {
            (
                Change::Pages {
                    pages: mut a,
                    front: fa,
                },
                Change::Pages {
                    pages: b,
                    front: fb,
                },
            ) => {
                a.extend(b);
                Change::Pages {
                    pages: a,
                    front: fa || fb,
                }
            }
            (a, b) if a.rank() >= b.rank() => a,
            (_, b) => b,
        }
    }

    /// What was done, for the terminal: `page body`, `everything`, ...
    pub fn describe(&self) -> &'static str {
        match self {
            Change::Copies => "copied",
            Change::Pages { front: false, .. } => "page body",
            Change::Pages { front: true, .. } => "page and its navigation",
            Change::Reload { everything: false } => "pages and navigation",
            Change::Reload { everything: true } => "everything",
        }
    }
}

/// What `edits` mean for `pipeline`'s course.
/// `copied` says whether a path (relative to the course folder) is a file the site
/// copies as it is.
pub fn classify(edits: &[Edit], pipeline: &Pipeline, copied: &dyn Fn(&Path) -> bool) -> Change {
    edits
        .iter()
        .map(|e| classify_one(e, pipeline, copied))
        .reduce(Change::and)
        .unwrap_or(Change::Copies)
}

fn classify_one(edit: &Edit, p: &Pipeline, copied: &dyn Fn(&Path) -> bool) -> Change {
    let rel = edit.rel.as_path();
    if rel.is_absolute() || rel == Path::new("course.yaml") || in_theme(rel, p) {
        return Change::Reload { everything: true };
    }
    if rel.extension().is_some_and(|e| e == "md") {
        return page_edit(rel, edit.text.as_deref(), p);
    }
    if edit.exists && copied(rel) {
        return Change::Copies;
    }
    Change::Reload { everything: false }
}

fn in_theme(rel: &Path, p: &Pipeline) -> bool {
    let Some(theme) = &p.course.config.theme_dir else {
        return false;
    };
    let theme_rel = theme.strip_prefix(&p.dir).unwrap_or(theme);
    rel.starts_with(theme_rel)
}

fn page_edit(rel: &Path, text: Option<&str>, p: &Pipeline) -> Change {
    let id = crate::model::slash_path(rel);
    let (Some(old), Some(text)) = (p.course.pages().find(|pg| pg.id == id), text) else {
        return Change::Reload { everything: false };
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let front = &old.text[..old.front_span.body_start];
    // The closing `---` must end its line, or text appended after it would change
    // where the front matter ends.
    if front.ends_with('\n') && text.starts_with(front) {
        let mut new = old.clone();
        new.text = text.to_string();
        return Change::Pages {
            pages: vec![new],
            front: false,
        };
    }
    match same_place(old, text, p) {
        Some(new) => Change::Pages {
            pages: vec![new],
            front: true,
        },
        None => Change::Reload { everything: false },
    }
}

/// The page read from its new text, when its front matter keeps it where it was:
/// same slug, weight and draft state, not a module page, and neither the old nor
/// the new version has problems of its own from loading.
fn same_place(old: &Page, text: &str, p: &Pipeline) -> Option<Page> {
    if old.is_index || p.has_load_problems(&old.path) {
        return None;
    }
    let file = old.path.file_name()?.to_string_lossy().into_owned();
    let mut diags = Diagnostics::new();
    let mut new = load::page_from_text(&p.dir, &old.path, &file, text.to_string(), &mut diags)?;
    let weight = |pg: &Page| pg.front.weight.as_ref().map(|w| w.value.to_bits());
    let same = diags.is_empty()
        && new.slug == old.slug
        && weight(&new) == weight(old)
        && new.front.draft == old.front.draft;
    if !same {
        return None;
    }
    new.url = old.url.clone();
    new.is_index = old.is_index;
    Some(new)
}

#[cfg(test)]
mod tests;
