//! Checks on the options of choice questions across the course: the right option
//! is the longest too often, it sits at the same place too often when the options
//! are not shuffled, and wrong options on graded questions without feedback.

use super::{ordinal, width, Offender, Place, Warning};
use crate::blocks::quiz::{Choice, Kind, Question};
use crate::blocks::{plural, Block, PageBlocks};
use crate::model::checks::Check;
use std::collections::BTreeMap;

/// Below this many single-choice questions, "more than half" is chance.
const MIN_LONGEST: usize = 4;
/// Below this many unshuffled questions sharing a position, it is chance.
const MIN_POSITION: usize = 3;

/// Every question of the course with its page, in course order.
fn questions<'a>(
    pages: &'a [PageBlocks<'a>],
) -> impl Iterator<Item = (&'a Question, &'a PageBlocks<'a>)> {
    pages.iter().flat_map(|pb| {
        pb.blocks.iter().flatten().filter_map(move |b| match b {
            Block::Quiz(q) => Some((q, pb)),
            _ => None,
        })
    })
}

fn single(q: &Question) -> Option<&[Choice]> {
    match &q.kind {
        Kind::Single { options } if options.len() >= 2 => Some(options),
        _ => None,
    }
}

/// The correct option is strictly the widest in more than half of the
/// single-choice questions (at least [`MIN_LONGEST`] of them).
pub fn longest_correct<'a>(pages: &'a [PageBlocks<'a>]) -> Option<Warning<'a>> {
    let mut total = 0;
    let mut found: Vec<(f64, Offender)> = Vec::new();
    for (q, pb) in questions(pages) {
        let Some(options) = single(q) else { continue };
        total += 1;
        let Some(right) = options.iter().position(|o| o.correct) else {
            continue;
        };
        let widths: Vec<usize> = options.iter().map(|o| width(&o.text)).collect();
        let rest = widths
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != right)
            .map(|(_, w)| *w)
            .max()
            .unwrap_or(0);
        if widths[right] > rest {
            let ratio = widths[right] as f64 / rest.max(1) as f64;
            found.push((
                ratio,
                Offender {
                    at: Place {
                        page: pb.page,
                        pos: options[right].at,
                    },
                    note: format!("{} columns against at most {rest}", widths[right]),
                },
            ));
        }
    }
    if total < MIN_LONGEST || found.len() * 2 <= total {
        return None;
    }
    // Stable: equal ratios stay in course order.
    found.sort_by(|a, b| b.0.total_cmp(&a.0));
    Some(Warning {
        check: Check::LongestCorrect,
        message: format!(
            "the correct option is the longest in {} of {} single-choice questions",
            found.len(),
            total
        ),
        advice: "a trainee who does not know the answer picks the longest option and is right; make the wrong options as long and as specific as the right one, or shorten it".into(),
        offenders: found.into_iter().map(|(_, o)| o).collect(),
    })
}

/// Where a correct option sits, counted from the top and as "the last one".
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    Last,
    Nth(usize),
}

/// In the single-choice questions with `shuffle: false`, one position holds the
/// correct option in more than half of them (and at least [`MIN_POSITION`]).
pub fn correct_position<'a>(pages: &'a [PageBlocks<'a>]) -> Option<Warning<'a>> {
    let mut total = 0;
    let mut by_slot: BTreeMap<Slot, Vec<Offender>> = BTreeMap::new();
    for (q, pb) in questions(pages) {
        let Some(options) = single(q).filter(|_| !q.shuffle) else {
            continue;
        };
        total += 1;
        let Some(right) = options.iter().position(|o| o.correct) else {
            continue;
        };
        let mut slots = vec![Slot::Nth(right + 1)];
        if right + 1 == options.len() {
            slots.push(Slot::Last);
        }
        for s in slots {
            by_slot.entry(s).or_default().push(Offender {
                at: Place {
                    page: pb.page,
                    pos: options[right].at,
                },
                note: format!("option {} of {}", right + 1, options.len()),
            });
        }
    }
    // `Last` sorts first, so it wins a tie: "the last one" is what the trainee sees.
    let (slot, found) = by_slot.into_iter().fold(
        None,
        |best: Option<(Slot, Vec<Offender>)>, (s, v)| match best {
            Some(b) if b.1.len() >= v.len() => Some(b),
            _ => Some((s, v)),
        },
    )?;
    if found.len() < MIN_POSITION || found.len() * 2 <= total {
        return None;
    }
    let place = match slot {
        Slot::Last => "last".to_string(),
        Slot::Nth(n) => ordinal(n),
    };
    Some(Warning {
        check: Check::CorrectPosition,
        message: format!(
            "the correct option is the {place} one in {} of {} single-choice questions with `shuffle: false`",
            found.len(),
            total
        ),
        advice: "trainees learn where the answer sits; vary its place, or leave out `shuffle: false` so that the options are shuffled (keep it only where an option such as \"all of the above\" must stay last)".into(),
        offenders: found,
    })
}

/// Wrong options of graded `single` and `multiple` questions that have no
/// feedback (on pages that show feedback at all: `reveal: never` does not).
pub fn wrong_option_feedback<'a>(pages: &'a [PageBlocks<'a>]) -> Option<Warning<'a>> {
    let mut found: Vec<(usize, Offender)> = Vec::new();
    let mut options_missing = 0;
    for (q, pb) in questions(pages) {
        let (Kind::Single { options } | Kind::Multiple { options }) = &q.kind else {
            continue;
        };
        if !q.graded || reveals_nothing(pb) {
            continue;
        }
        let wrong: Vec<&Choice> = options.iter().filter(|o| !o.correct).collect();
        let missing: Vec<&&Choice> = wrong.iter().filter(|o| o.feedback.is_none()).collect();
        let Some(first) = missing.first() else {
            continue;
        };
        options_missing += missing.len();
        found.push((
            missing.len(),
            Offender {
                at: Place {
                    page: pb.page,
                    pos: first.at,
                },
                note: format!(
                    "{} of {}",
                    missing.len(),
                    plural(wrong.len(), "wrong option", "wrong options")
                ),
            },
        ));
    }
    if found.is_empty() {
        return None;
    }
    let questions = found.len();
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    Some(Warning {
        check: Check::WrongOptionFeedback,
        message: format!(
            "{} on {} {} no feedback",
            plural(options_missing, "wrong option", "wrong options"),
            plural(questions, "graded question", "graded questions"),
            if options_missing == 1 { "has" } else { "have" }
        ),
        advice: "after submitting, the feedback is what tells a trainee why the option they picked is wrong; add `feedback:` to every wrong option".into(),
        offenders: found.into_iter().map(|(_, o)| o).collect(),
    })
}

fn reveals_nothing(pb: &PageBlocks) -> bool {
    pb.page
        .front
        .quiz
        .as_ref()
        .and_then(|s| s.reveal.as_ref())
        .is_some_and(|r| r.as_str() == "never")
}
