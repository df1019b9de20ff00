//! Graded quiz pages (front matter `quiz:`): their settings checked and given their
//! defaults, the pool of questions a page or an exam draws from, and the checks
//! that need the whole course (unique question ids, pools).

use super::Question;
use crate::blocks::{definition_hash, plural, Block, PageBlocks};
use crate::core::yaml::{OneOrMany, Scalar};
use crate::core::{Diagnostics, Pos};
use crate::model::{Page, QuizSettings};
use serde::Serialize;
use std::collections::HashMap;

/// When a graded page shows the right answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reveal {
    AfterSubmit,
    AfterPass,
    Never,
}

impl Reveal {
    pub const ALL: [Reveal; 3] = [Reveal::AfterSubmit, Reveal::AfterPass, Reveal::Never];

    pub fn name(self) -> &'static str {
        match self {
            Reveal::AfterSubmit => "after-submit",
            Reveal::AfterPass => "after-pass",
            Reveal::Never => "never",
        }
    }
}

/// Where a graded page draws its questions from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    Page,
    Course,
    Modules(Vec<String>),
}

/// A graded page's settings, checked, defaults filled in.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Settings {
    pub pass_mark: i64,
    pub draw: Option<i64>,
    pub attempts: i64,
    pub reveal: Reveal,
    pub source: Source,
}

/// The pool's source as written; `None` when malformed (reported by [`check_settings`]).
fn source(s: &QuizSettings) -> Option<Source> {
    match s.from.as_ref().map(|f| &f.value) {
        None => Some(Source::Page),
        Some(OneOrMany::One(Scalar::Text(t))) if t == "page" => Some(Source::Page),
        Some(OneOrMany::One(Scalar::Text(t))) if t == "course" => Some(Source::Course),
        Some(OneOrMany::Many(list)) => list
            .iter()
            .map(|v| match v {
                Scalar::Text(t) => Some(t.clone()),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .map(Source::Modules),
        Some(_) => None,
    }
}

/// The settings a graded page runs with, when its `quiz:` settings are usable.
pub fn settings(page: &Page, course_pass_mark: i64) -> Option<Settings> {
    let s = page.front.quiz.as_ref()?;
    let reveal = match &s.reveal {
        None => Reveal::AfterSubmit,
        Some(r) => *Reveal::ALL.iter().find(|x| x.name() == r.as_str())?,
    };
    Some(Settings {
        pass_mark: s.pass_mark.as_ref().map_or(course_pass_mark, |p| p.value),
        draw: s.draw.as_ref().map(|d| d.value),
        attempts: s.attempts.as_ref().map_or(0, |a| a.value),
        reveal,
        source: source(s)?,
    })
}

/// A graded page whose pool is its own questions.
fn is_page_quiz(p: &Page) -> bool {
    p.front
        .quiz
        .as_ref()
        .is_some_and(|s| source(s) == Some(Source::Page))
}

/// The questions a graded page's pool holds, in course order, each with the page
/// it is written on.
pub fn pool<'p>(
    page: &Page,
    s: &Source,
    pages: &'p [PageBlocks<'p>],
) -> Vec<(&'p Question, &'p PageBlocks<'p>)> {
    let mut out = Vec::new();
    for pb in pages {
        let own = pb.page.id == page.id;
        let take = match s {
            Source::Page => own,
            // An exam draws from the graded pages that are quizzes of their own
            // (never from another exam, which would count questions twice) and from
            // any questions written on the exam page itself.
            Source::Course => own || is_page_quiz(pb.page),
            Source::Modules(list) => {
                own || (is_page_quiz(pb.page) && list.iter().any(|m| m == pb.module))
            }
        };
        if !take {
            continue;
        }
        for b in pb.blocks.iter().flatten() {
            if let Block::Quiz(q) = b {
                out.push((q, pb));
            }
        }
    }
    out
}

/// What a graded page's script runs with (`<script class="quiz-page-data">`).
#[derive(Serialize, Debug)]
pub struct PageQuiz<'a> {
    pub id: String,
    pub hash: String,
    pub pass_mark: i64,
    pub draw: Option<i64>,
    pub attempts: i64,
    pub reveal: &'static str,
    pub pool: Vec<&'a str>,
    pub total: usize,
}

impl<'a> PageQuiz<'a> {
    pub fn new(page: &Page, s: &Settings, pool: &[(&'a Question, &PageBlocks)]) -> Self {
        let ids: Vec<&str> = pool.iter().map(|(q, _)| q.id.as_str()).collect();
        // Attempts survive edits to a question's wording (its own saved answer is
        // dropped); changing the rules or the pool starts the quiz afresh.
        let hash = definition_hash(&serde_json::json!({
            "pass_mark": s.pass_mark,
            "draw": s.draw,
            "attempts": s.attempts,
            "reveal": s.reveal.name(),
            "pool": ids,
        }));
        PageQuiz {
            id: page.url.trim_end_matches(".html").to_string(),
            hash,
            pass_mark: s.pass_mark,
            draw: s.draw,
            attempts: s.attempts,
            reveal: s.reveal.name(),
            total: ids.len(),
            pool: ids,
        }
    }
}

/// Course-wide checks: unique ids, graded-page settings and exam pools.
pub fn check_course(modules: &[&str], pages: &[PageBlocks], diags: &mut Diagnostics) {
    let mut seen: HashMap<&str, (&Page, Pos)> = HashMap::new();
    for pb in pages {
        for b in pb.blocks.iter().flatten() {
            let Block::Quiz(q) = b else { continue };
            if let Some((first, pos)) = seen.get(q.id.as_str()) {
                diags.push(
                    pb.page
                        .source()
                        .error(q.pos, format!("question id `{}` is already used", q.id))
                        .related(&first.path, &first.text, *pos, "first used here")
                        .hint(format!(
                            "first used at {}:{}; ids key saved answers and exam pools, so each must be unique in the course",
                            first.path.display(),
                            pos.line
                        )),
                );
            } else {
                seen.insert(&q.id, (pb.page, q.pos));
            }
        }
    }
    for pb in pages {
        match &pb.page.front.quiz {
            Some(s) => check_settings(pb.page, s, modules, pages, diags),
            None => empty_settings(pb.page, diags),
        }
    }
}

/// `quiz:` with nothing after it reads as "no quiz"; the trainer surely meant a
/// graded page with the defaults, so say how to write that.
fn empty_settings(page: &Page, diags: &mut Diagnostics) {
    let emb = page.front_yaml();
    let Some(i) = emb.yaml.lines().position(|l| {
        l.strip_prefix("quiz:")
            .is_some_and(|rest| matches!(rest.trim(), "" | "~" | "null"))
    }) else {
        return;
    };
    diags.push(
        page.source()
            .error(
                emb.to_file_pos(i + 1, 1),
                "`quiz:` is empty, so this page is not a graded quiz",
            )
            .hint(
                "write `quiz: {}` for a graded quiz with the default settings, or remove the line",
            ),
    );
}

fn check_settings(
    page: &Page,
    s: &QuizSettings,
    modules: &[&str],
    pages: &[PageBlocks],
    diags: &mut Diagnostics,
) {
    let emb = page.front_yaml();
    let src = page.source();
    let mut bad = check_fields(page, s, diags);
    let from_pos = || s.from.as_ref().map_or(emb.start(), |f| emb.at(f));
    let Some(source) = source(s) else {
        diags.push(
            src.error(
                from_pos(),
                "`from` must be `page`, `course` or a list of module slugs",
            )
            .hint(format!(
                "e.g. `from: course` or `from: [{}]`",
                modules
                    .iter()
                    .take(2)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        );
        return;
    };
    if let Source::Modules(list) = &source {
        if list.is_empty() {
            diags.push(
                src.error(from_pos(), "`from` lists no modules")
                    .hint("name at least one module slug, or use `from: course`"),
            );
            return;
        }
        for (i, m) in list.iter().enumerate() {
            if !modules.contains(&m.as_str()) {
                let pos = module_pos(&emb, s, i).unwrap_or_else(from_pos);
                let guess = crate::core::suggest::did_you_mean(m, modules.iter().copied());
                let known = format!("module slugs: {}", modules.join(", "));
                diags.push(
                    src.error(pos, format!("`from` names no module `{m}`"))
                        .hint(guess.map_or(known.clone(), |g| format!("{g} {known}"))),
                );
                bad = true;
            }
        }
    }
    if bad {
        return;
    }
    check_pool(page, s, &source, pages, diags);
}

/// The settings' own values; `true` when the pool cannot be judged (`draw` below 1).
fn check_fields(page: &Page, s: &QuizSettings, diags: &mut Diagnostics) -> bool {
    let emb = page.front_yaml();
    let src = page.source();
    let mut bad = false;
    if let Some(p) = s
        .pass_mark
        .as_ref()
        .filter(|p| !(0..=100).contains(&p.value))
    {
        diags.push(
            src.error(
                emb.at(p),
                format!(
                    "`pass_mark` must be a percentage from 0 to 100, not {}",
                    p.value
                ),
            )
            .hint("leave it out to use the course's `pass_mark`"),
        );
    }
    if let Some(a) = s.attempts.as_ref().filter(|a| a.value < 0) {
        diags.push(
            src.error(
                emb.at(a),
                format!("`attempts` cannot be negative ({})", a.value),
            )
            .hint("`attempts: 0` (the default) allows unlimited attempts"),
        );
    }
    if let Some(r) = s
        .reveal
        .as_ref()
        .filter(|r| !Reveal::ALL.iter().any(|x| x.name() == r.as_str()))
    {
        diags.push(
            src.error(emb.at(r), format!("unknown `reveal` value `{}`", r.value))
                .hint(format!(
                    "known values: {}",
                    Reveal::ALL.map(Reveal::name).join(", ")
                )),
        );
    }
    if let Some(d) = s.draw.as_ref().filter(|d| d.value < 1) {
        diags.push(
            src.error(
                emb.at(d),
                format!("`draw` must be at least 1, not {}", d.value),
            )
            .hint("leave `draw` out to ask every question"),
        );
        bad = true;
    }
    bad
}

/// Where the `i`th module slug of `from: [...]` stands.
fn module_pos(emb: &crate::core::yaml::Embedded, s: &QuizSettings, i: usize) -> Option<Pos> {
    let f = s.from.as_ref()?;
    let Source::Modules(list) = source(s)? else {
        return None;
    };
    let start = emb.at(f);
    let line = emb.source.line(start.line)?;
    // Flow list on one line: find the slug after the list's start.
    let mut from = line.char_indices().nth(start.col.saturating_sub(1))?.0;
    for (k, name) in list.iter().enumerate() {
        let at = from + line[from..].find(name.as_str())?;
        if k == i {
            return Some(Pos::new(start.line, line[..at].chars().count() + 1));
        }
        from = at + name.len();
    }
    None
}

fn check_pool(
    page: &Page,
    s: &QuizSettings,
    source: &Source,
    pages: &[PageBlocks],
    diags: &mut Diagnostics,
) {
    let emb = page.front_yaml();
    let src = page.source();
    let pool = pool(page, source, pages);
    if pool.is_empty() {
        let (msg, hint) = match source {
            Source::Page => (
                "graded quiz page has no questions",
                "add ```quiz blocks to the page, or draw from other pages with `from: course`",
            ),
            _ => (
                "graded quiz page has no questions to draw from",
                "an exam draws from the questions of graded quiz pages (`quiz:` with `from: page`); drafts are left out",
            ),
        };
        let at = emb
            .yaml
            .lines()
            .position(|l| l.starts_with("quiz:"))
            .map_or(emb.start(), |i| emb.to_file_pos(i + 1, 1));
        diags.push(src.error(at, msg).hint(hint));
        return;
    }
    if let Some(d) = s.draw.as_ref().filter(|d| d.value as usize > pool.len()) {
        diags.push(
            src.error(
                emb.at(d),
                format!(
                    "`draw: {}` is more than the {} in the pool",
                    d.value,
                    plural(pool.len(), "question", "questions")
                ),
            )
            .hint(format!("draw at most {} or add questions", pool.len())),
        );
    }
}
