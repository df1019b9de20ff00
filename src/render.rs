//! Template contexts and page rendering. Contexts borrow from the course model;
//! navigation holds the module list and a window of the current module's pages
//! only, so every page stays small however large the course grows.

use crate::blocks::{Block, RenderCtx};
use crate::content::{Course, Module, Page};
use crate::links::{relative_url, root_of};
use crate::markdown::{self, Heading};
use crate::site::PageData;
use crate::theme::Theme;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Serialize)]
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
    pub kind: &'static str,
    pub draft: bool,
    pub current: bool,
}

#[derive(Serialize)]
pub struct PageCtx<'a> {
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub objectives: &'a [String],
    pub duration: Option<u32>,
    pub url: &'a str,
    /// `home`, `module`, `lesson` or `quiz`.
    pub kind: &'static str,
    pub draft: bool,
    pub content: String,
    pub toc: Vec<Heading>,
    pub extra: Option<&'a serde_yaml::Value>,
}

#[derive(Serialize)]
pub struct Crumb<'a> {
    pub title: &'a str,
    pub url: &'a str,
}

pub fn page_kind(p: &Page) -> &'static str {
    if p.is_index {
        "module"
    } else if p.front.quiz.is_some() {
        "quiz"
    } else {
        "lesson"
    }
}

fn page_link<'a>(p: &'a Page, current: &str) -> PageLink<'a> {
    PageLink {
        title: &p.front.title,
        url: &p.url,
        summary: p.front.summary.as_deref(),
        duration: p.front.duration,
        kind: page_kind(p),
        draft: p.front.draft,
        current: p.url == current,
    }
}

/// The pages (indices among a module's `len` pages) that the sidebar lists on the
/// page at `at` (`None`: the module page itself).
pub(crate) fn nav_window(len: usize, at: Option<usize>) -> std::ops::Range<usize> {
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
enum Listing {
    None,
    All,
    /// A window around the page at this index in `Module::pages` (`None`: the
    /// module page itself, so the window starts at the first page).
    Around(Option<usize>),
}

fn module_ctx<'a>(
    m: &'a Module,
    n: usize,
    duration: u32,
    current: bool,
    current_url: &str,
    listing: Listing,
) -> ModuleCtx<'a> {
    let len = m.pages.len();
    let range = match listing {
        Listing::None => None,
        Listing::All => Some(0..len),
        Listing::Around(at) => Some(nav_window(len, at)),
    };
    let (before, after) = range.as_ref().map_or((0, 0), |r| (r.start, len - r.end));
    ModuleCtx {
        title: &m.index.front.title,
        summary: m.index.front.summary.as_deref(),
        objectives: &m.index.front.objectives,
        duration,
        url: &m.index.url,
        number: n + 1,
        page_count: m.pages.len(),
        draft: m.index.front.draft,
        current,
        pages: range.map(|r| {
            m.pages[r]
                .iter()
                .map(|p| page_link(p, current_url))
                .collect()
        }),
        pages_before: before,
        pages_after: after,
    }
}

/// Where a page stands: its index in reading order and, unless it is the home
/// page, its module's index.
#[derive(Clone, Copy)]
struct Place {
    order: usize,
    module: usize,
    /// Index among the module's pages (`None` for the module page itself).
    at: Option<usize>,
}

/// Everything a page render needs from the whole site.
pub struct Renderer<'a> {
    pub course: &'a Course,
    pub theme: &'a Theme,
    /// Reading order: module page, then its pages, module by module.
    pub order: Vec<&'a Page>,
    /// Each page's parsed blocks and links, aligned with `order`.
    pub data: &'a [PageData],
    /// Every page's place by URL, built once: looking it up by scanning the
    /// course for each page made rendering quadratic in the page count.
    places: HashMap<&'a str, Place>,
    /// Every page with its blocks, and every page's resolved links, in reading
    /// order: what exam pools draw from. Built once, not once per page.
    pool: Vec<crate::blocks::PageBlocks<'a>>,
    pool_links: Vec<&'a HashMap<String, String>>,
    /// Each module's duration, summed once: every page shows every module's.
    durations: Vec<u32>,
    /// The part of every page's context that is the same on all pages (course,
    /// UI strings, asset URLs), serialised once and copied per page.
    shared: tera::Context,
}

impl<'a> Renderer<'a> {
    pub fn new(course: &'a Course, theme: &'a Theme, data: &'a [PageData]) -> Self {
        let mut places = HashMap::new();
        let mut order = Vec::new();
        let mut pool = Vec::new();
        for (mi, m) in course.modules.iter().enumerate() {
            // `all_pages` yields the module page, then its pages in order.
            for (i, p) in m.all_pages().enumerate() {
                places.insert(
                    p.url.as_str(),
                    Place {
                        order: order.len(),
                        module: mi,
                        at: i.checked_sub(1),
                    },
                );
                if let Some(d) = data.get(order.len()) {
                    pool.push(crate::blocks::PageBlocks {
                        page: p,
                        module: m.slug.as_str(),
                        blocks: &d.blocks,
                    });
                }
                order.push(p);
            }
        }
        let mut r = Renderer {
            course,
            theme,
            order,
            data,
            places,
            pool,
            pool_links: data.iter().map(|d| &d.links).collect(),
            durations: course.modules.iter().map(Module::duration).collect(),
            shared: tera::Context::new(),
        };
        let mut shared = tera::Context::new();
        shared.insert("course", &r.course_ctx());
        shared.insert("t", &theme.strings);
        shared.insert("assets", &theme.urls);
        shared.insert("lang", &course.config.course.language);
        shared.insert("drafts", &course.drafts);
        r.shared = shared;
        r
    }

    fn course_duration(&self) -> u32 {
        self.durations.iter().sum()
    }

    /// The current module's index and the current page's index among its pages.
    fn current(&self, url: &str) -> Option<(usize, Option<usize>)> {
        let place = self.places.get(url)?;
        Some((place.module, place.at))
    }

    fn course_ctx(&self) -> CourseCtx<'a> {
        let c = &self.course.config.course;
        CourseCtx {
            id: &c.id,
            title: &c.title,
            description: c.description.as_deref(),
            language: &c.language,
            authors: &c.authors,
            version: c.version.as_deref(),
            duration: self.course_duration(),
            pass_mark: c.pass_mark,
            certificate: c.certificate,
        }
    }

    /// The context every template and block template starts from.
    pub fn base_context(&self, url: &str) -> tera::Context {
        let root = root_of(url);
        let mut ctx = self.shared.clone();
        ctx.insert("scripts", &self.theme.scripts_for(&[]));
        ctx.insert("root", &root);
        ctx.insert("home_url", &format!("{root}index.html"));
        ctx
    }

    pub(crate) fn nav(&self, current_url: &str, with_pages: bool) -> Vec<ModuleCtx<'a>> {
        let current = self.current(current_url);
        self.course
            .modules
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let here = current.is_some_and(|(c, _)| c == i);
                let listing = match current {
                    _ if with_pages => Listing::All,
                    Some((c, at)) if c == i => Listing::Around(at),
                    _ => Listing::None,
                };
                module_ctx(m, i, self.durations[i], here, current_url, listing)
            })
            .collect()
    }

    /// Renders the course home page.
    pub fn home(&self) -> Result<String, tera::Error> {
        let mut ctx = self.base_context("index.html");
        ctx.insert("modules", &self.nav("index.html", true));
        ctx.insert("nav", &self.nav("index.html", false));
        let first = self.order.first().map(|p| p.url.as_str());
        ctx.insert("start_url", &first);
        ctx.insert(
            "page",
            &PageCtx {
                title: &self.course.config.course.title,
                summary: self.course.config.course.description.as_deref(),
                objectives: &[],
                duration: Some(self.course_duration()),
                url: "index.html",
                kind: "home",
                draft: false,
                content: String::new(),
                toc: Vec::new(),
                extra: None,
            },
        );
        self.theme.tera.render("index.html", &ctx)
    }

    /// Renders a module or lesson page from its checked data: its parsed blocks,
    /// resolved links and body HTML.
    pub fn page(&self, page: &Page, data: &PageData) -> Result<String, tera::Error> {
        let bytes = self.page_bytes(page, data)?;
        String::from_utf8(bytes).map_err(|e| tera::Error::msg(e.to_string()))
    }

    /// [`Renderer::page`] as the bytes written to the output. Rendering straight
    /// into bytes skips re-validating the whole page as UTF-8, which cost 6% of a
    /// build's instructions: every part of it is already a `str`.
    pub fn page_bytes(&self, page: &Page, data: &PageData) -> Result<Vec<u8>, tera::Error> {
        let (blocks, links) = (&data.blocks, &data.links);
        let mut ctx = self.base_context(&page.url);
        let mut kinds: Vec<&str> = blocks.iter().flatten().map(|b| b.kind().name()).collect();
        if page.front.quiz.is_some() {
            kinds.push("quiz");
        }
        ctx.insert("scripts", &self.theme.scripts_for(&kinds));
        let mut content = data.body.fill(links);
        {
            let r = RenderCtx {
                tera: &self.theme.tera,
                base: &ctx,
            };
            for (i, block) in blocks.iter().enumerate() {
                let html = match block {
                    Some(Block::Quiz(q)) => q.render_linked(&r, links)?,
                    Some(b) => relink(b.render(&r)?, links),
                    None => String::new(),
                };
                content = content.replacen(&markdown::block_marker(i), &html, 1);
            }
            content = crate::blocks::quiz::finish_page(
                &r,
                self.course,
                page,
                &self.pool,
                &self.pool_links,
                content,
            )?;
        }
        let place = self.places.get(page.url.as_str()).copied();
        let pos = place.map(|p| p.order);
        let prev = pos
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| self.order.get(i));
        let next = pos.and_then(|i| self.order.get(i + 1));
        fn link<'p>(p: &&'p Page) -> Crumb<'p> {
            Crumb {
                title: &p.front.title,
                url: &p.url,
            }
        }
        let module = place.and_then(|p| self.course.modules.get(p.module));
        let mut crumbs = Vec::new();
        if let (Some(m), false) = (module, page.is_index) {
            crumbs.push(Crumb {
                title: &m.index.front.title,
                url: &m.index.url,
            });
        }
        ctx.insert("prev", &prev.map(link));
        ctx.insert("next", &next.map(link));
        ctx.insert("breadcrumbs", &crumbs);
        ctx.insert("nav", &self.nav(&page.url, false));
        if let (Some(m), Some(p)) = (module, place) {
            // Only the module page lists its pages: a lesson that carried its
            // module's full list would make output quadratic again.
            let listing = if page.is_index {
                Listing::All
            } else {
                Listing::None
            };
            let duration = self.durations[p.module];
            ctx.insert(
                "module",
                &module_ctx(m, p.module, duration, true, &page.url, listing),
            );
        }
        ctx.insert(
            "page",
            &PageCtx {
                title: &page.front.title,
                summary: page.front.summary.as_deref(),
                objectives: &page.front.objectives,
                duration: page.front.duration,
                url: &page.url,
                kind: page_kind(page),
                draft: page.front.draft,
                content,
                toc: data.body.toc.clone(),
                extra: page.front.extra.as_ref(),
            },
        );
        let template = if page.is_index {
            "module.html"
        } else {
            "page.html"
        };
        let mut out = Vec::with_capacity(16 * 1024);
        self.theme.tera.render_to(template, &ctx, &mut out)?;
        Ok(out)
    }

    /// A URL relative to `from` for a site path, for code outside templates.
    pub fn url(&self, from: &str, to: &str) -> String {
        relative_url(from, to)
    }
}

/// Points the links written in a block's Markdown text at their site pages, in the
/// block's HTML and in its JSON data (where quotes are escaped).
fn relink(mut html: String, links: &HashMap<String, String>) -> String {
    for (dest, url) in links {
        for (from, to) in [
            (format!("href=\"{dest}\""), format!("href=\"{url}\"")),
            (
                format!("href=\\\"{dest}\\\""),
                format!("href=\\\"{url}\\\""),
            ),
        ] {
            if html.contains(&from) {
                html = html.replace(&from, &to);
            }
        }
    }
    html
}
