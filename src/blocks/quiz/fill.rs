//! `fill` questions: the `___` blanks of a prompt and the accepted answers for
//! each.

use super::validate::Checker;
use super::{Kind, BLANK};
use crate::blocks::{plural, Fields};
use crate::core::yaml::At;
use crate::markdown::LinkedHtml;

/// Marks where a blank stands while a `fill` prompt goes through Markdown; a
/// private-use character, so no Markdown syntax or trainer text can produce it.
const BLANK_TOKEN: char = '\u{E000}';

/// Number of `___` blanks: runs of exactly three underscores.
pub fn count_blanks(prompt: &str) -> usize {
    split_blanks(prompt).len() - 1
}

/// The prompt's text around its blanks.
fn split_blanks(prompt: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let bytes = prompt.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'_' {
            let run = bytes[i..].iter().take_while(|&&b| b == b'_').count();
            if run == BLANK.len() {
                parts.push(&prompt[start..i]);
                start = i + BLANK.len();
            }
            i += run;
        } else {
            i += 1;
        }
    }
    parts.push(&prompt[start..]);
    parts
}

/// A `fill` prompt as HTML pieces around its blanks: the whole prompt goes through
/// Markdown once, with a marker where each blank stands.
pub(super) fn blank_parts(prompt: &str, fields: &mut Fields) -> Vec<LinkedHtml> {
    let marked = split_blanks(prompt).join(&BLANK_TOKEN.to_string());
    let html = fields.block(&marked);
    html.0
        .split(BLANK_TOKEN)
        .map(|p| LinkedHtml(p.to_string()))
        .collect()
}

pub(super) fn fill(
    c: &mut Checker,
    prompt: &str,
    prompt_at: Option<&At<String>>,
    answers: &Option<At<Vec<At<crate::core::yaml::OneOrMany>>>>,
) -> Option<Kind> {
    let blanks = count_blanks(prompt);
    let near_miss = near_blank(prompt);
    if let (0, Some(p)) = (blanks, prompt_at.filter(|_| !prompt.is_empty())) {
        let pos = c.at(p);
        let hint = match near_miss {
            Some(n) => format!(
                "`{}` is {n} underscores; a blank is exactly three: `___`",
                "_".repeat(n)
            ),
            None => "write exactly three underscores `___` where the trainee types".into(),
        };
        c.error(pos, "a `fill` prompt has no `___` blank", Some(hint));
    }
    let Some(answers) = answers else {
        c.need(
            "fill",
            "answers",
            "`answers: [[退款, 退货]]` (one list of accepted answers per blank)",
        );
        return None;
    };
    let mut lists = Vec::new();
    for (i, a) in answers.iter().enumerate() {
        match a.texts() {
            Some(l) if !l.is_empty() && l.iter().all(|t| !t.trim().is_empty()) => lists.push(l),
            Some(_) => {
                let pos = c.at(a);
                c.error(
                    pos,
                    format!("blank {} has no accepted answer", i + 1),
                    Some("list at least one non-empty answer for every blank".into()),
                );
            }
            None => {
                let pos = c.at(a);
                c.error(
                    pos,
                    format!("the accepted answers for blank {} must be text", i + 1),
                    Some("write `[answer, other accepted answer]`".into()),
                );
            }
        }
    }
    if blanks > 0 && answers.len() != blanks {
        let pos = c.key(answers, "answers");
        c.error(
            pos,
            format!(
                "the prompt has {} but `answers` has {}",
                plural(blanks, "blank", "blanks"),
                plural(answers.len(), "list", "lists")
            ),
            Some(count_hint(blanks, answers, near_miss)),
        );
    } else if let (true, Some(n), Some(p)) = (blanks > 0, near_miss, prompt_at) {
        let pos = c.at(p);
        c.warning(
            pos,
            format!("`{}` in the prompt is not a blank", "_".repeat(n)),
            "a blank is exactly three underscores `___`",
        );
    }
    Some(Kind::Fill { answers: lists })
}

/// Why a fill question's blanks and answer lists do not pair up, as a hint.
fn count_hint(
    blanks: usize,
    answers: &[At<crate::core::yaml::OneOrMany>],
    near_miss: Option<usize>,
) -> String {
    use crate::core::yaml::OneOrMany;
    let singles: Option<Vec<String>> = answers
        .iter()
        .map(|a| match &a.value {
            OneOrMany::One(s) => s.text(),
            OneOrMany::Many(_) => None,
        })
        .collect();
    match (singles, near_miss) {
        // `answers: [5, 五]`: two accepted answers meant for the one blank.
        (Some(list), _) if blanks == 1 => format!(
            "for one blank with several accepted answers, put them in one inner list: `answers: [[{}]]`",
            list.join(", ")
        ),
        (_, Some(n)) => format!(
            "`{}` is {n} underscores, not a blank; a blank is exactly three: `___`",
            "_".repeat(n)
        ),
        _ => "give one list of accepted answers per `___`, in order: `answers: [[first], [second]]`"
            .into(),
    }
}

/// The length of a run of underscores that looks meant as a blank but is not one
/// (`____`, `__`), if the prompt has one.
fn near_blank(prompt: &str) -> Option<usize> {
    let mut run = 0;
    let mut found = None;
    for ch in prompt.chars().chain(std::iter::once(' ')) {
        if ch == '_' {
            run += 1;
            continue;
        }
        if run >= 2 && run != BLANK.len() && found.is_none() {
            found = Some(run);
        }
        run = 0;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_are_runs_of_exactly_three_underscores() {
        assert_eq!(count_blanks("a ___ b ___"), 2);
        assert_eq!(count_blanks("snake_case and ____ four"), 0);
        assert_eq!(split_blanks("x___y"), vec!["x", "y"]);
    }
}
