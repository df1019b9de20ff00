//! Item-writing checks: warnings about questions and role-plays that are valid but
//! can be answered without the skill they test (the right option is always the
//! longest, a good and a bad reply only, a forbidden phrase that still passes),
//! and about half-width punctuation in Chinese text.
//!
//! They look at the checked course as a whole, so each check gives one warning
//! for the course (the typography lint one per file): the counts, at the worst
//! offender, with the next ones as labelled places and in the hint. Each check can
//! be switched off by name under `checks:` in `course.yaml` (`model::checks`); the
//! rules and thresholds are explained in `docs/quizzes.md` and `docs/roleplays.md`.

mod duplicates;
mod options;
mod paths;
mod roleplay;
mod typography;
pub mod yaml_text;

pub use typography::page_marks;

use super::PageBlocks;
use crate::core::{Diagnostic, Diagnostics, Pos};
use crate::model::checks::Check;
use crate::model::Config;
use crate::model::Page;

/// How many offenders a warning names.
const SHOWN: usize = 5;

/// Runs every check the course has not switched off.
pub fn check_course(config: &Config, pages: &[PageBlocks], diags: &mut Diagnostics) {
    let on = |c: Check| config.course.checks.enabled(c);
    let mut out: Vec<Warning> = Vec::new();
    if on(Check::LongestCorrect) {
        out.extend(options::longest_correct(pages));
    }
    if on(Check::CorrectPosition) {
        out.extend(options::correct_position(pages));
    }
    if on(Check::WrongOptionFeedback) {
        out.extend(options::wrong_option_feedback(pages));
    }
    if on(Check::DuplicateQuestions) {
        out.extend(duplicates::check(pages));
    }
    let plays = roleplay::collect(pages);
    if on(Check::LongestBestReply) {
        out.extend(roleplay::longest_best_reply(&plays));
    }
    if on(Check::BinaryChoices) {
        out.extend(roleplay::binary_choices(&plays));
    }
    if on(Check::WrongReplyPasses) {
        out.extend(roleplay::wrong_reply_passes(&plays));
    }
    if on(Check::SuccessBelowPass) {
        out.extend(roleplay::success_below_pass(&plays));
    }
    for w in out {
        diags.push(w.into_diagnostic());
    }
    if on(Check::CjkPunctuation) {
        typography::check(config, pages, diags);
    }
}

/// A place in a page.
#[derive(Clone, Copy)]
pub(crate) struct Place<'a> {
    pub page: &'a Page,
    pub pos: Pos,
}

impl Place<'_> {
    /// `path:line`, as a trainer would type it into an editor.
    fn cite(&self) -> String {
        format!("{}:{}", self.page.path.display(), self.pos.line)
    }
}

/// One offender: where it is and what is wrong with it in a few words.
pub(crate) struct Offender<'a> {
    pub at: Place<'a>,
    pub note: String,
}

/// A course-level warning: the counts in `message`, the offenders worst first.
pub(crate) struct Warning<'a> {
    pub check: Check,
    pub message: String,
    /// Why it matters and what to do, for the hint.
    pub advice: String,
    pub offenders: Vec<Offender<'a>>,
}

impl Warning<'_> {
    /// At the worst offender; the next ones as labelled places and, with their
    /// notes, in the hint (which is what `--format json` carries).
    fn into_diagnostic(self) -> Diagnostic {
        let Some(first) = self.offenders.first() else {
            return Diagnostic::warning("", self.message);
        };
        let mut d = first.at.page.source().warning(first.at.pos, &self.message);
        for o in self.offenders.iter().skip(1).take(SHOWN - 1) {
            d = d.related(&o.at.page.path, &o.at.page.text, o.at.pos, &o.note);
        }
        let mut worst: Vec<String> = self
            .offenders
            .iter()
            .take(SHOWN)
            .map(|o| format!("{} ({})", o.at.cite(), o.note))
            .collect();
        if self.offenders.len() > SHOWN {
            worst.push(format!("and {} more", self.offenders.len() - SHOWN));
        }
        d.hint(format!(
            "{}. Worst: {}. {}",
            self.advice,
            worst.join(", "),
            self.check.off_switch()
        ))
    }
}

/// The width of a Markdown text as displayed: a CJK character counts 2, as in a
/// terminal, so that Chinese and English options compare fairly.
pub(crate) fn width(markdown: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(crate::markdown::plain(markdown).trim())
}

/// `1st`, `2nd`, … as words for the first few.
fn ordinal(i: usize) -> String {
    match i {
        1 => "first".into(),
        2 => "second".into(),
        3 => "third".into(),
        4 => "fourth".into(),
        5 => "fifth".into(),
        n => format!("{n}th"),
    }
}
