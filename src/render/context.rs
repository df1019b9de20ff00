//! What templates get: context structs that borrow from the course model, and the
//! sidebar's module list with a window of the current module's pages, so every
//! page stays small however large the course grows.

use crate::markdown::Heading;
use crate::model::{Module, Page, PageKind};
use serde::Serialize;
use std::hash::{Hash, Hasher};

#[derive(Serialize, Hash)]
pub struct CourseCtx<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub language: &'a str,
    pub authors: &'a [String],
    pub version: Option<&'a str>,
    pub duration: u32,
    pub pass_mark: i64,
    pub certificate: bool,
    pub search: bool,
    /// The logo's URL from the site root (`assets/…`).
    pub logo: Option<&'a str>,
    /// The accent stylesheet's URL from the site root, when `accent` is set.
    pub accent_css: Option<String>,
}

#[derive(Serialize)]
pub struct ModuleCtx<'a> {
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub objectives: &'a [String],
    pub duration: u32,
    pub url: &'a str,
    pub number: usize,
    pub page_count: usize,
    pub draft: bool,
    pub current: bool,
    /// The module's pages: all of them on the home and module pages; in the
    /// sidebar only for the current module, and there at most a window of
    /// [`NAV_WINDOW`] pages either side of the current page.
    pub pages: Option<Vec<PageLink<'a>>>,
    /// How many of the module's pages the sidebar window leaves out before and
    /// after the pages it shows (0 when it shows them all).
    pub pages_before: usize,
    pub pages_after: usize,
}

/// Pages shown either side of the current page in the sidebar. A module longer
/// than [`NAV_FULL`] pages shows only this window, plus links to the module page
/// for the rest: listing every page on every page makes a course's output grow
/// with the square of its page count.
pub const NAV_WINDOW: usize = 10;
/// Modules with at most this many pages are listed in full in the sidebar.
pub const NAV_FULL: usize = 2 * NAV_WINDOW + 5;

#[derive(Serialize)]
pub struct PageLink<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub summary: Option<&'a str>,
    pub duration: Option<u32>,
    pub kind: PageKind,
    pub draft: bool,
    pub current: bool,
    /// The work on the page, for its progress mark (see [`super::journey`]).
    pub track: &'a str,
}

impl<'a> PageLink<'a> {
    pub fn new(p: &'a Page, current: &str, track: &'a str) -> Self {
        PageLink {
            title: p.title(),
            url: &p.url,
            summary: p.front.summary.as_deref(),
            duration: p.front.duration,
            kind: p.kind(),
            draft: p.front.draft,
            current: p.url == current,
            track,
        }
    }
}

/// What another page's link to `p` shows (everything in [`PageLink`] but `current`
/// and `track`, which only lists carry: see `plan::fingerprints`).
pub fn link_hash(p: &Page, h: &mut impl Hasher) {
    let l = PageLink::new(p, "", "");
    (l.title, l.url, l.summary, l.duration, l.kind, l.draft).hash(h);
}

/// What every page's sidebar shows of a module (everything in [`ModuleCtx`] but
/// its pages).
pub fn module_hash(m: &Module, duration: u32, h: &mut impl Hasher) {
    let f = &m.index.front;
    (
        m.title(),
        &f.summary,
        &f.objectives,
        duration,
        &m.index.url,
        m.pages.len(),
        f.draft,
    )
        .hash(h);
}

#[derive(Serialize)]
pub struct PageCtx<'a> {
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub objectives: &'a [String],
    pub duration: Option<u32>,
    pub url: &'a str,
    /// `home`, `module`, `lesson`, `quiz` or `workbook`.
    pub kind: &'static str,
    pub draft: bool,
    pub content: String,
    pub toc: &'a [Heading],
    pub extra: Option<&'a serde_json::Value>,
}

impl<'a> PageCtx<'a> {
    /// A page of the site's own (home, workbook) rather than of the course.
    pub fn site(
        title: &'a str,
        summary: Option<&'a str>,
        url: &'a str,
        kind: &'static str,
    ) -> Self {
        PageCtx {
            title,
            summary,
            objectives: &[],
            duration: None,
            url,
            kind,
            draft: false,
            content: String::new(),
            toc: &[],
            extra: None,
        }
    }
}

pub fn kind_name(k: PageKind) -> &'static str {
    match k {
        PageKind::Module => "module",
        PageKind::Lesson => "lesson",
        PageKind::Quiz => "quiz",
    }
}

#[derive(Serialize)]
pub struct Crumb<'a> {
    pub title: &'a str,
    pub url: &'a str,
}

/// The pages (indices among a module's `len` pages) that the sidebar lists on the
/// page at `at` (`None`: the module page itself).
pub fn nav_window(len: usize, at: Option<usize>) -> std::ops::Range<usize> {
    if len <= NAV_FULL {
        return 0..len;
    }
    let start = at
        .unwrap_or(0)
        .saturating_sub(NAV_WINDOW)
        .min(len.saturating_sub(2 * NAV_WINDOW + 1));
    start..(start + 2 * NAV_WINDOW + 1).min(len)
}

/// Which of a module's pages a [`ModuleCtx`] lists.
#[derive(Clone, Copy)]
pub enum Listing {
    None,
    All,
    /// A window around the page at this index in `Module::pages` (`None`: the
    /// module page itself, so the window starts at the first page).
    Around(Option<usize>),
}

impl Listing {
    pub fn range(self, len: usize) -> Option<std::ops::Range<usize>> {
        match self {
            Listing::None => None,
            Listing::All => Some(0..len),
            Listing::Around(at) => Some(nav_window(len, at)),
        }
    }
}

pub fn module_ctx<'a>(
    m: &'a Module,
    n: usize,
    duration: u32,
    current: bool,
    current_url: &str,
    listing: Listing,
    journey: &'a super::journey::Journey,
) -> ModuleCtx<'a> {
    let len = m.pages.len();
    let range = listing.range(len);
    let (before, after) = range.as_ref().map_or((0, 0), |r| (r.start, len - r.end));
    ModuleCtx {
        title: m.title(),
        summary: m.index.front.summary.as_deref(),
        objectives: &m.index.front.objectives,
        duration,
        url: &m.index.url,
        number: n + 1,
        page_count: len,
        draft: m.index.front.draft,
        current,
        pages: range.map(|r| {
            m.pages[r]
                .iter()
                .map(|p| PageLink::new(p, current_url, journey.track(&p.url)))
                .collect()
        }),
        pages_before: before,
        pages_after: after,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sidebar_window_stays_inside_the_module() {
        assert_eq!(nav_window(5, Some(4)), 0..5);
        assert_eq!(nav_window(100, None), 0..21);
        assert_eq!(nav_window(100, Some(50)), 40..61);
        assert_eq!(nav_window(100, Some(99)), 79..100);
    }
}
