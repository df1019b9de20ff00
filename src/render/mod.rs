//! Rendering the checked course into pages: template contexts ([`context`]), the
//! course's own pages and the site-wide files ([`site`]), the workbook
//! ([`workbook`]), the search page ([`search`]), and which pages a change touches
//! ([`plan`]).

pub mod context;
pub mod journey;
pub mod plan;
pub mod search;
pub mod site;
pub mod workbook;

use crate::blocks::{quiz::graded, Block, BlockKind, PageBlocks};
use crate::core::Diagnostic;
use crate::links::root_of;
use crate::markdown::block_marker;
use crate::model::{Module, Page};
use crate::pipeline::Pipeline;
use crate::theme::{self, Theme};
use context::*;
use std::collections::HashMap;

/// Where a page stands: its index in reading order, its module's index, and its
/// index among the module's pages (`None` for the module page itself).
#[derive(Clone, Copy)]
pub struct Place {
    pub order: usize,
    pub module: usize,
    pub at: Option<usize>,
}

/// Everything a page render needs from the whole site, built once per render.
pub struct Renderer<'a> {
    pub pipeline: &'a Pipeline,
    pub theme: &'a Theme,
    /// Reading order: module page, then its pages, module by module.
    pub order: Vec<&'a Page>,
    /// Every page's place by URL: looking it up by scanning the course for each
    /// page made rendering quadratic in the page count.
    pub places: HashMap<&'a str, Place>,
    /// Every page with its blocks and links, in reading order: what exam pools
    /// draw from.
    pub pool: Vec<PageBlocks<'a>>,
    /// Each module's duration, summed once: every page shows every module's.
    pub durations: Vec<u32>,
    /// The work on every page, for progress marks and the course data file.
    pub journey: journey::Journey,
    /// The part of every page's context that is the same on all pages (course,
    /// UI strings, asset URLs), serialised once and copied per page.
    shared: tera::Context,
}

impl<'a> Renderer<'a> {
    pub fn new(p: &'a Pipeline) -> Self {
        let course = &p.course;
        let mut places = HashMap::new();
        let mut order = Vec::new();
        for (mi, m) in course.modules.iter().enumerate() {
            for (i, page) in m.all_pages().enumerate() {
                let place = Place {
                    order: order.len(),
                    module: mi,
                    at: i.checked_sub(1),
                };
                places.insert(page.url.as_str(), place);
                order.push(page);
            }
        }
        let durations: Vec<u32> = course.modules.iter().map(Module::duration).collect();
        let pool = p.page_blocks();
        let c = &course.config.course;
        let journey = journey::Journey::new(&order, &pool, *c.pass_mark, &c.completion);
        let mut r = Renderer {
            pipeline: p,
            theme: &p.theme,
            order,
            places,
            pool,
            durations,
            journey,
            shared: tera::Context::new(),
        };
        let mut shared = tera::Context::new();
        shared.insert("course", &r.course_ctx());
        shared.insert("t", &p.theme.strings);
        shared.insert("assets", &p.theme.urls);
        shared.insert("lang", &*course.config.course.language);
        shared.insert("drafts", &course.drafts);
        shared.insert("mark_strings", &r.ui_strings(&["mark_"]));
        r.shared = shared;
        r
    }

    pub fn course_duration(&self) -> u32 {
        self.durations.iter().sum()
    }

    pub fn course_ctx(&self) -> CourseCtx<'a> {
        let c = &self.pipeline.course.config.course;
        CourseCtx {
            id: &c.id,
            title: &c.title,
            description: c.description.as_deref(),
            language: &c.language,
            authors: &c.authors,
            version: c.version.as_deref(),
            duration: self.course_duration(),
            pass_mark: *c.pass_mark,
            certificate: c.certificate,
            search: c.search,
            logo: c.logo.as_deref().map(String::as_str),
            accent_css: self.accent_file().map(|(url, _)| url),
        }
    }

    /// The accent stylesheet (`model::brand`) as its hashed URL and its text.
    pub fn accent_file(&self) -> Option<(String, String)> {
        let c = &self.pipeline.course.config.course;
        let rgb = crate::model::brand::Rgb::parse(c.accent.as_deref()?)?;
        let css = crate::model::brand::stylesheet(&crate::model::brand::palette(rgb));
        let url = format!(
            "theme/accent.{}.css",
            crate::core::short_hash(css.as_bytes())
        );
        Some((url, css))
    }

    /// The context every template and block template starts from.
    pub fn base_context(&self, url: &str, kinds: &[&str]) -> tera::Context {
        let root = root_of(url);
        let mut ctx = self.shared.clone();
        ctx.insert("scripts", &self.theme.scripts_for(kinds));
        ctx.insert("home_url", &format!("{root}index.html"));
        ctx.insert("root", &root);
        ctx
    }

    /// The context of a page of the site's own (workbook, search, the journey
    /// pages): its scripts, the sidebar, its title from the UI strings (`title_key`,
    /// else `fallback`) and the UI strings its scripts read (keys starting with one
    /// of `prefixes`).
    pub fn site_page_context(
        &self,
        url: &str,
        kinds: &[&str],
        (title_key, fallback): (&str, &str),
        kind: &'static str,
        prefixes: &[&str],
    ) -> tera::Context {
        let mut ctx = self.base_context(url, kinds);
        let title = self
            .theme
            .strings
            .get(title_key)
            .map_or(fallback, String::as_str);
        ctx.insert("strings", &self.ui_strings(prefixes));
        ctx.insert("nav", &self.nav(url, false));
        ctx.insert("page", &PageCtx::site(title, None, url, kind));
        ctx
    }

    /// The module list; with `with_pages`, every module lists all its pages (the
    /// home page); else only the current module lists a window of them.
    pub fn nav(&self, current_url: &str, with_pages: bool) -> Vec<ModuleCtx<'_>> {
        let current = self.places.get(current_url).map(|p| (p.module, p.at));
        self.pipeline
            .course
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
                module_ctx(
                    m,
                    i,
                    self.durations[i],
                    here,
                    current_url,
                    listing,
                    &self.journey,
                )
            })
            .collect()
    }

    /// Renders a module or lesson page into the bytes written to the output.
    pub fn page(&self, page: &Page) -> Result<Vec<u8>, Diagnostic> {
        self.page_bytes(page).map_err(|e| {
            let template = if page.is_index { "module.html" } else { "page.html" };
            Diagnostic::error(
                self.theme.origin(template),
                format!("cannot render {}: {}", page.path.display(), theme::error_chain(&e)),
            )
            .hint("the theme's templates and the page's data do not fit; check the template named in the message")
        })
    }

    fn page_bytes(&self, page: &Page) -> Result<Vec<u8>, tera::Error> {
        let state = self
            .pipeline
            .state(page)
            .ok_or_else(|| tera::Error::msg("the page was not checked"))?;
        let mut kinds: Vec<&str> = state
            .blocks
            .iter()
            .flatten()
            .map(|b| b.kind().name())
            .collect();
        if page.is_graded() {
            // A graded page's rules (attempts, draws) are no lesson's business.
            kinds.extend([BlockKind::Quiz.name(), "graded"]);
        }
        let mut ctx = self.base_context(&page.url, &kinds);
        let content = self.content(page, &ctx)?;
        let place = self.places.get(page.url.as_str()).copied();
        let pos = place.map(|p| p.order);
        let crumb = |p: &&'a Page| Crumb {
            title: p.title(),
            url: &p.url,
        };
        let prev = pos
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| self.order.get(i));
        let next = pos.and_then(|i| self.order.get(i + 1));
        let module = place.and_then(|p| self.pipeline.course.modules.get(p.module));
        let mut crumbs = Vec::new();
        if let (Some(m), false) = (module, page.is_index) {
            crumbs.push(Crumb {
                title: m.title(),
                url: &m.index.url,
            });
        }
        ctx.insert("prev", &prev.map(crumb));
        ctx.insert("next", &next.map(crumb));
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
            let m = module_ctx(
                m,
                p.module,
                self.durations[p.module],
                true,
                &page.url,
                listing,
                &self.journey,
            );
            ctx.insert("module", &m);
        }
        ctx.insert(
            "page",
            &PageCtx {
                title: page.title(),
                summary: page.front.summary.as_deref(),
                objectives: &page.front.objectives,
                duration: page.front.duration,
                url: &page.url,
                kind: kind_name(page.kind()),
                draft: page.front.draft,
                content,
                toc: &state.analysis.toc,
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

    /// The page's body with its blocks in place; a graded page becomes one quiz
    /// with one submit; a page with questions gets the quiz UI strings once.
    fn content(&self, page: &Page, base: &tera::Context) -> Result<String, tera::Error> {
        let state = self
            .pipeline
            .state(page)
            .ok_or_else(|| tera::Error::msg("the page was not checked"))?;
        let filler = state.resolved.filler(&page.url);
        let mut content = filler.fill(&state.analysis.body);
        let mut has_quiz = false;
        for (i, block) in state.blocks.iter().enumerate() {
            let html = match block {
                Some(b) => {
                    has_quiz |= b.kind() == BlockKind::Quiz;
                    self.block(b, &filler, base)?
                }
                None => String::new(),
            };
            content = content.replacen(&block_marker(i), &html, 1);
        }
        if page.is_graded() {
            content = self.graded_page(page, content, base)?;
        }
        if has_quiz || page.is_graded() {
            content.push_str(&self.quiz_strings(base, page.is_graded())?);
        }
        Ok(content)
    }

    /// Renders `templates/blocks/<kind>.html` with the base context plus the
    /// block's view and the UI strings its script needs.
    pub fn block(
        &self,
        b: &Block,
        filler: &crate::links::Filler,
        base: &tera::Context,
    ) -> Result<String, tera::Error> {
        let mut view = b.view(filler);
        let prefixes: &[&str] = match b.kind() {
            BlockKind::Roleplay => &["rp_", "mood_"],
            BlockKind::Assessment => &["as_"],
            _ => &[],
        };
        if let (false, Some(v)) = (prefixes.is_empty(), view.as_object_mut()) {
            v.insert("strings".into(), self.ui_strings(prefixes).into());
        }
        let mut ctx = base.clone();
        ctx.insert("block", &view);
        self.theme
            .tera
            .render(&format!("blocks/{}.html", b.kind().name()), &ctx)
    }

    /// The UI strings whose keys start with one of `prefixes`, as JSON for a
    /// script: the browser builds its messages in the course language.
    pub fn ui_strings(&self, prefixes: &[&str]) -> String {
        let picked: std::collections::BTreeMap<&str, &str> = self
            .theme
            .strings
            .iter()
            .filter(|(k, _)| prefixes.iter().any(|p| k.starts_with(p)))
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        crate::blocks::json_for_script(&picked)
    }

    pub(crate) fn quiz_strings(
        &self,
        base: &tera::Context,
        graded: bool,
    ) -> Result<String, tera::Error> {
        let mut ctx = base.clone();
        ctx.insert(
            "block",
            &serde_json::json!({"json": self.ui_strings(&["quiz_"]), "graded": graded}),
        );
        self.theme.tera.render("blocks/quiz-strings.html", &ctx)
    }

    /// Wraps a graded page's content into one quiz with one submit; an exam page
    /// gets its pool's questions from other pages appended, their links written as
    /// seen from this page.
    fn graded_page(
        &self,
        page: &Page,
        content: String,
        base: &tera::Context,
    ) -> Result<String, tera::Error> {
        let course_pass = *self.pipeline.course.config.course.pass_mark;
        let settings = graded::settings(page, course_pass)
            .ok_or_else(|| tera::Error::msg("the page's quiz settings were not checked"))?;
        let pool = graded::pool(page, &settings.source, &self.pool);
        let mut extra = String::new();
        for (q, origin) in &pool {
            if origin.page.id == page.id {
                continue;
            }
            let mut ctx = base.clone();
            ctx.insert("block", &q.view(&origin.links.filler(&page.url), true));
            extra.push_str(&self.theme.tera.render("blocks/quiz.html", &ctx)?);
        }
        let data = graded::PageQuiz::new(page, &settings, &pool);
        let mut ctx = base.clone();
        ctx.insert(
            "block",
            &serde_json::json!({
                "json": crate::blocks::json_for_script(&data),
                "settings": &data,
                "content": content,
                "extra": extra,
            }),
        );
        self.theme.tera.render("blocks/quiz-page.html", &ctx)
    }
}
