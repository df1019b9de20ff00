//! The trainee's journey through the course, as the browser sees it.
//!
//! - Each page's **track**: the work on it, each piece as `[store kind, id, hash,
//!   what counts as done]`. Sidebar links and module page lists carry it in a
//!   `data-track` attribute, so a lesson page marks its sidebar without loading
//!   anything about the rest of the course.
//! - The **course data** file (`theme/course.<hash>.js`, setting
//!   `window.SyllabusCourse`): every page with its track, every graded quiz,
//!   role-play, self-assessment and reflection, every question's hash, and the
//!   `completion:` rules. Only the pages that add the whole course up load it:
//!   home, dashboard, certificate and review ([`pages`]). It is a script and not
//!   JSON because `fetch` of a JSON file fails under `file://`.
//!
//! `static/completion.js` reads both; `docs/architecture.md` describes the shape and
//! `tests/contract/course-data.json` pins it.

pub mod pages;

use super::Renderer;
use crate::blocks::quiz::graded::{self, PageQuiz, Source};
use crate::blocks::{definition_hash, short_hash, Block, PageBlocks};
use crate::model::config::{
    Completion, DoneCompletion, PageCompletion, QuizCompletion, RoleplayCompletion,
};
use crate::model::Page;
use serde::Serialize;
use std::collections::BTreeMap;

/// One piece of work on a page: `[kind, id, hash, need]`, where `kind` is the
/// progress store's (`question`, `quiz`, `roleplay`, `assessment`, `reflect`) and
/// `need` what makes it done for the page's mark (`checked`, `passed`,
/// `attempted`, `finished`, `done`).
#[derive(Serialize, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Act(pub &'static str, pub String, pub String, pub &'static str);

/// A graded quiz, role-play, self-assessment or reflection, as the dashboard lists it.
#[derive(Serialize, Clone, Debug)]
pub struct Work {
    pub id: String,
    pub h: String,
    /// Index of its page in [`CourseData::pages`].
    pub p: usize,
    /// Plain text.
    pub t: String,
    /// Graded quizzes: an exam (draws from other pages).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub exam: bool,
    /// Graded quizzes: attempts allowed (0 = unlimited) and the pass mark.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempts: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pass: Option<i64>,
}

impl Work {
    fn new(id: String, h: String, p: usize, t: String) -> Self {
        Work {
            id,
            h,
            p,
            t,
            exam: false,
            attempts: None,
            pass: None,
        }
    }
}

#[derive(Serialize)]
pub struct PageData<'a> {
    pub t: &'a str,
    pub u: &'a str,
    /// Index of its module in [`CourseData::modules`].
    pub m: usize,
    /// `module`, `lesson` or `quiz`.
    pub k: &'static str,
    pub a: Vec<Act>,
}

#[derive(Serialize)]
pub struct ModuleData<'a> {
    pub t: &'a str,
    pub u: &'a str,
}

/// The `completion:` rules by name, as `course.yaml` writes them.
#[derive(Serialize, Hash)]
pub struct Rules {
    pub quizzes: &'static str,
    pub exam: &'static str,
    pub roleplays: &'static str,
    pub assessments: &'static str,
    pub reflections: &'static str,
    pub pages: &'static str,
}

impl Rules {
    /// Whether some rule asks for work the course has.
    fn count_anything(&self, c: crate::pipeline::completion::Counts) -> bool {
        let on = |rule: &str, n: usize| rule != "none" && n > 0;
        on(self.quizzes, c.quizzes)
            || on(self.exam, c.exams)
            || on(self.roleplays, c.roleplays)
            || on(self.assessments, c.assessments)
            || on(self.reflections, c.reflections)
            || on(self.pages, c.pages)
    }

    pub fn of(c: &Completion) -> Rules {
        let quiz = |q: QuizCompletion| match q {
            QuizCompletion::Passed => "passed",
            QuizCompletion::Attempted => "attempted",
            QuizCompletion::None => "none",
        };
        let done = |d: DoneCompletion| match d {
            DoneCompletion::Done => "done",
            DoneCompletion::None => "none",
        };
        Rules {
            quizzes: quiz(*c.quizzes),
            exam: quiz(*c.exam),
            roleplays: match *c.roleplays {
                RoleplayCompletion::Finished => "finished",
                RoleplayCompletion::Passed => "passed",
                RoleplayCompletion::None => "none",
            },
            assessments: done(*c.assessments),
            reflections: done(*c.reflections),
            pages: match *c.pages {
                PageCompletion::Visited => "visited",
                PageCompletion::None => "none",
            },
        }
    }
}

/// What `window.SyllabusCourse` holds (format 1; see `docs/architecture.md`).
#[derive(Serialize)]
pub struct CourseData<'a> {
    pub format: u32,
    pub id: &'a str,
    pub title: &'a str,
    pub version: Option<&'a str>,
    pub certificate: bool,
    pub rules: Rules,
    /// A hash of the rules and of what they ask for: a completion date saved under
    /// another stamp belongs to other rules and is not shown.
    pub stamp: String,
    pub modules: Vec<ModuleData<'a>>,
    /// Every page in reading order, module pages included.
    pub pages: Vec<PageData<'a>>,
    pub quizzes: Vec<Work>,
    pub roleplays: Vec<Work>,
    pub assessments: Vec<Work>,
    pub reflections: Vec<Work>,
    /// Every question of the course, formative and graded: id → hash (for review).
    pub questions: BTreeMap<&'a str, &'a str>,
}

/// The tracks of every page and the works of the course, computed once per render.
pub struct Journey {
    /// By page, in reading order (as `Renderer::order`).
    pub acts: Vec<Vec<Act>>,
    /// By page URL: the track as it goes into a `data-track` attribute.
    pub tracks: std::collections::HashMap<String, String>,
    pub quizzes: Vec<Work>,
    pub roleplays: Vec<Work>,
    pub assessments: Vec<Work>,
    pub reflections: Vec<Work>,
}

/// What counts as done for a graded page's mark: the stricter of the rules that
/// apply to it (an exam is also a graded quiz); with neither, having taken it.
fn quiz_need(c: &Completion, exam: bool) -> &'static str {
    let passed =
        *c.quizzes == QuizCompletion::Passed || (exam && *c.exam == QuizCompletion::Passed);
    if passed {
        "passed"
    } else {
        "attempted"
    }
}

impl Journey {
    pub fn new(order: &[&Page], pool: &[PageBlocks], course_pass: i64, c: &Completion) -> Self {
        let mut j = Journey {
            acts: Vec::with_capacity(order.len()),
            tracks: std::collections::HashMap::with_capacity(order.len()),
            quizzes: Vec::new(),
            roleplays: Vec::new(),
            assessments: Vec::new(),
            reflections: Vec::new(),
        };
        let by_id: std::collections::HashMap<&str, &PageBlocks> =
            pool.iter().map(|pb| (pb.page.id.as_str(), pb)).collect();
        for (i, page) in order.iter().enumerate() {
            let mut acts = Vec::new();
            if let Some(s) = graded::settings(page, course_pass) {
                let exam = s.source != Source::Page;
                let taken = graded::pool(page, &s.source, pool);
                let q = PageQuiz::new(page, &s, &taken);
                acts.push(Act(
                    "quiz",
                    q.id.clone(),
                    q.hash.clone(),
                    quiz_need(c, exam),
                ));
                j.quizzes.push(Work {
                    exam,
                    attempts: Some(s.attempts),
                    pass: Some(s.pass_mark),
                    ..Work::new(q.id, q.hash, i, page.title().to_string())
                });
            }
            let blocks = by_id.get(page.id.as_str()).map_or(&[][..], |pb| pb.blocks);
            for b in blocks.iter().flatten() {
                j.add_block(b, i, page.is_graded(), c, &mut acts);
            }
            j.tracks.insert(page.url.clone(), attribute_json(&acts));
            j.acts.push(acts);
        }
        j
    }

    /// The work a block on page `p` adds to the page's track and the course's lists.
    fn add_block(
        &mut self,
        b: &Block,
        p: usize,
        graded: bool,
        c: &Completion,
        acts: &mut Vec<Act>,
    ) {
        let act = |kind, id: &str, h: &str, need| Act(kind, id.to_string(), h.to_string(), need);
        match b {
            // Questions of a graded page are the quiz's; only a lesson's are its own.
            Block::Quiz(q) if !graded => acts.push(act("question", &q.id, &q.hash, "checked")),
            Block::Quiz(_) => {}
            Block::Roleplay(rp) => {
                let need = if *c.roleplays == RoleplayCompletion::Passed {
                    "passed"
                } else {
                    "finished"
                };
                acts.push(act("roleplay", &rp.id, &rp.hash, need));
                let w = Work::new(rp.id.clone(), rp.hash.clone(), p, rp.title());
                self.roleplays.push(w);
            }
            Block::Assessment(a) => {
                acts.push(act("assessment", &a.id, &a.hash, "done"));
                let w = Work::new(a.id.clone(), a.hash.clone(), p, a.title());
                self.assessments.push(w);
            }
            Block::Reflect(rf) => {
                acts.push(act("reflect", &rf.id, &rf.hash, "done"));
                let t = excerpt(&crate::markdown::plain(&rf.prompt), 48);
                self.reflections
                    .push(Work::new(rf.id.clone(), rf.hash.clone(), p, t));
            }
        }
    }

    /// The page's track for a `data-track='…'` attribute (empty when unknown).
    pub fn track(&self, url: &str) -> &str {
        self.tracks.get(url).map_or("[]", String::as_str)
    }
}

/// JSON for a single-quoted HTML attribute: `&` and `'` escaped, the rest as is,
/// which keeps it readable and about half the size of the double-quoted form.
fn attribute_json(v: &impl Serialize) -> String {
    serde_json::to_string(v)
        .unwrap_or_else(|_| "[]".into())
        .replace('&', "&amp;")
        .replace('\'', "&#39;")
}

/// At most `max` characters, with an ellipsis when cut.
fn excerpt(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max - 1).collect();
    s.push('…');
    s
}

/// The course data script: its output path (with a content hash) and its bytes.
pub fn course_data(r: &Renderer) -> (String, Vec<u8>) {
    let cfg = &r.pipeline.course.config.course;
    let j = &r.journey;
    let mut module_of = Vec::with_capacity(r.order.len());
    for (mi, m) in r.pipeline.course.modules.iter().enumerate() {
        module_of.extend(std::iter::repeat_n(mi, m.pages.len() + 1));
    }
    let pages: Vec<PageData> = r
        .order
        .iter()
        .zip(&j.acts)
        .enumerate()
        .map(|(i, (p, a))| PageData {
            t: p.title(),
            u: &p.url,
            m: module_of.get(i).copied().unwrap_or(0),
            k: super::context::kind_name(p.kind()),
            a: a.clone(),
        })
        .collect();
    let mut questions = BTreeMap::new();
    for pb in &r.pool {
        for b in pb.blocks.iter().flatten() {
            if let Block::Quiz(q) = b {
                questions.insert(q.id.as_str(), q.hash.as_str());
            }
        }
    }
    let mut rules = Rules::of(&cfg.completion);
    let counts = crate::pipeline::completion::Counts::of(&r.pipeline.course, &r.pool);
    if !rules.count_anything(counts) {
        // A course whose rules count none of the work it has (say, lessons only)
        // would be complete before the trainee opened it: then reading every page
        // is what completes it.
        rules.pages = "visited";
    }
    let stamp = definition_hash(&(
        &rules,
        pages.iter().map(|p| (&p.u, &p.a)).collect::<Vec<_>>(),
    ));
    let data = CourseData {
        format: 1,
        id: &cfg.id,
        title: &cfg.title,
        version: cfg.version.as_deref(),
        certificate: cfg.certificate,
        rules,
        stamp,
        modules: r
            .pipeline
            .course
            .modules
            .iter()
            .map(|m| ModuleData {
                t: m.title(),
                u: &m.index.url,
            })
            .collect(),
        pages,
        quizzes: j.quizzes.clone(),
        roleplays: j.roleplays.clone(),
        assessments: j.assessments.clone(),
        reflections: j.reflections.clone(),
        questions,
    };
    let json = serde_json::to_string(&data).unwrap_or_else(|_| "null".into());
    let bytes = format!(
        "/* The course as the progress pages add it up (written by syllabus; see docs/architecture.md). */\nwindow.SyllabusCourse = {json};\n"
    )
    .into_bytes();
    (format!("theme/course.{}.js", short_hash(&bytes)), bytes)
}
