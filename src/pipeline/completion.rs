//! The `completion:` rules of `course.yaml` checked against the course: a rule
//! written out that asks for a kind of work the course does not have (say
//! `roleplays: passed` in a course without role-plays, or `exam: passed` without an
//! exam) is a warning at that rule. It would hold for every trainee at once, which
//! is rarely what the trainer meant.

use crate::blocks::quiz::graded::{self, Source};
use crate::blocks::{Block, PageBlocks};
use crate::core::yaml::{At, Embedded};
use crate::core::{Diagnostics, Source as Text};
use crate::model::Course;
use serde::Serialize;

/// How many of each kind of work the course holds.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub quizzes: usize,
    pub exams: usize,
    pub roleplays: usize,
    pub assessments: usize,
    pub reflections: usize,
    /// Lessons and graded pages (module pages are not counted).
    pub pages: usize,
}

impl Counts {
    pub fn of(course: &Course, pages: &[PageBlocks]) -> Counts {
        let pass = *course.config.course.pass_mark;
        let mut c = Counts::default();
        for pb in pages {
            if !pb.page.is_index {
                c.pages += 1;
            }
            if let Some(s) = graded::settings(pb.page, pass) {
                c.quizzes += 1;
                if s.source != Source::Page {
                    c.exams += 1;
                }
            }
            for b in pb.blocks.iter().flatten() {
                match b {
                    Block::Roleplay(_) => c.roleplays += 1,
                    Block::Assessment(_) => c.assessments += 1,
                    Block::Reflect(_) => c.reflections += 1,
                    Block::Quiz(_) => {}
                }
            }
        }
        c
    }
}

/// A rule's value as written in YAML (`passed`, `none`, ...), where it was written.
fn named<T: Serialize>(v: &At<T>) -> At<String> {
    let value = serde_json::to_value(&v.value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    At {
        value,
        line: v.line,
        col: v.col,
    }
}

/// Warns about each rule written in `course.yaml` that names nothing in the course.
/// Rules left at their defaults (no position) are never reported.
pub fn check(course: &Course, counts: Counts, diags: &mut Diagnostics) {
    let cfg = &course.config;
    let src = Text::new(&cfg.path, &cfg.text);
    let emb = Embedded::file(src);
    let rules = &cfg.course.completion;
    let mut rule = |key: &str, value: &At<String>, count: usize, what: &str| {
        if value.line == 0 || value.as_str() == "none" || count > 0 {
            return;
        }
        diags.push(
            src.warning(
                emb.at(value),
                format!(
                    "completion rule `{key}: {}` names nothing: the course has no {what}",
                    value.as_str()
                ),
            )
            .hint(format!(
                "every trainee meets it at once; remove the line or write `{key}: none` (draft pages count only with --drafts)"
            )),
        );
    };
    rule(
        "quizzes",
        &named(&rules.quizzes),
        counts.quizzes,
        "graded quiz pages (front matter `quiz:`)",
    );
    rule(
        "exam",
        &named(&rules.exam),
        counts.exams,
        "exam (a graded page with `from: course` or a list of modules)",
    );
    rule(
        "roleplays",
        &named(&rules.roleplays),
        counts.roleplays,
        "role-plays",
    );
    rule(
        "assessments",
        &named(&rules.assessments),
        counts.assessments,
        "self-assessments",
    );
    rule(
        "reflections",
        &named(&rules.reflections),
        counts.reflections,
        "reflections",
    );
    rule(
        "pages",
        &named(&rules.pages),
        counts.pages,
        "lessons or quiz pages",
    );
}
