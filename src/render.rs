//! Template contexts and page rendering. Contexts borrow from the course model;
//! navigation holds the module list and the current module's pages only, so every
//! page stays small however large the course grows.

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
    /// The module's pages: only for the current module in the sidebar, and on
    /// the home and module pages.
    pub pages: Option<Vec<PageLink<'a>>>,
}

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

fn module_ctx<'a>(m: &'a Module, n: usize, current_url: &str, with_pages: bool) -> ModuleCtx<'a> {
    let current = m.all_pages().any(|p| p.url == current_url);
    ModuleCtx {
        title: &m.index.front.title,
        summary: m.index.front.summary.as_deref(),
        objectives: &m.index.front.objectives,
        duration: m.duration(),
        url: &m.index.url,
        number: n + 1,
        page_count: m.pages.len(),
        draft: m.index.front.draft,
        current,
        pages: (with_pages || current)
            .then(|| m.pages.iter().map(|p| page_link(p, current_url)).collect()),
    }
}

/// Everything a page render needs from the whole site.
pub struct Renderer<'a> {
    pub course: &'a Course,
    pub theme: &'a Theme,
    /// Reading order: module page, then its pages, module by module.
    pub order: Vec<&'a Page>,
    /// Each page's parsed blocks and links, aligned with `order`.
    pub data: &'a [PageData],
}

impl<'a> Renderer<'a> {
    pub fn new(course: &'a Course, theme: &'a Theme, data: &'a [PageData]) -> Self {
        Renderer {
            course,
            theme,
            order: course.pages().collect(),
            data,
        }
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
            duration: self.course.duration(),
            pass_mark: c.pass_mark,
            certificate: c.certificate,
        }
    }

    /// The context every template and block template starts from.
    pub fn base_context(&self, url: &str) -> tera::Context {
        let root = root_of(url);
        let mut ctx = tera::Context::new();
        ctx.insert("course", &self.course_ctx());
        ctx.insert("t", &self.theme.strings);
        ctx.insert("assets", &self.theme.urls);
        ctx.insert("scripts", &self.theme.scripts);
        ctx.insert("root", &root);
        ctx.insert("home_url", &format!("{root}index.html"));
        ctx.insert("lang", &self.course.config.course.language);
        ctx.insert("drafts", &self.course.drafts);
        ctx
    }

    pub(crate) fn nav(&self, current_url: &str, with_pages: bool) -> Vec<ModuleCtx<'a>> {
        self.course
            .modules
            .iter()
            .enumerate()
            .map(|(i, m)| module_ctx(m, i, current_url, with_pages))
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
                duration: Some(self.course.duration()),
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

    /// Renders a module or lesson page. `blocks` are the page's parsed blocks in
    /// order; `links` the resolved link destinations.
    pub fn page(
        &self,
        page: &Page,
        blocks: &[Option<Block>],
        links: &HashMap<String, String>,
    ) -> Result<String, tera::Error> {
        let mut ctx = self.base_context(&page.url);
        let body = markdown::render(page.source(), page.body_start, links, &self.theme.strings);
        let mut content = body.html;
        {
            let r = RenderCtx {
                tera: &self.theme.tera,
                base: &ctx,
            };
            for (i, block) in blocks.iter().enumerate() {
                let html = match block {
                    Some(Block::Quiz(q)) => q.render_linked(&r, links)?,
                    Some(b) => b.render(&r)?,
                    None => String::new(),
                };
                content = content.replacen(&markdown::block_marker(i), &html, 1);
            }
            let pages = self.page_blocks();
            let page_links: Vec<_> = self.data.iter().map(|d| &d.links).collect();
            content = crate::blocks::quiz::finish_page(
                &r,
                self.course,
                page,
                &pages,
                &page_links,
                content,
            )?;
        }
        let pos = self.order.iter().position(|p| p.url == page.url);
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
        let module = self
            .course
            .modules
            .iter()
            .find(|m| m.all_pages().any(|p| p.url == page.url));
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
        if let Some(m) = module {
            let n = self
                .course
                .modules
                .iter()
                .position(|x| std::ptr::eq(x, m))
                .unwrap_or(0);
            ctx.insert("module", &module_ctx(m, n, &page.url, true));
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
                toc: body.toc,
                extra: page.front.extra.as_ref(),
            },
        );
        let template = if page.is_index {
            "module.html"
        } else {
            "page.html"
        };
        self.theme.tera.render(template, &ctx)
    }

    /// Every page with its module slug and parsed blocks, for exam pools.
    pub fn page_blocks(&self) -> Vec<crate::blocks::PageBlocks<'_>> {
        self.course
            .modules
            .iter()
            .flat_map(|m| m.all_pages().map(move |p| (p, m.slug.as_str())))
            .zip(self.data)
            .map(|((page, module), d)| crate::blocks::PageBlocks {
                page,
                module,
                blocks: &d.blocks,
            })
            .collect()
    }

    /// A URL relative to `from` for a site path, for code outside templates.
    pub fn url(&self, from: &str, to: &str) -> String {
        relative_url(from, to)
    }
}
