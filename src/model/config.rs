//! `course.yaml`: the course's metadata, checked strictly (unknown keys are errors
//! that list the known ones).

use crate::core::yaml::{At, Embedded};
use crate::core::{Diagnostic, Diagnostics, Source};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CourseConfig {
    pub id: At<String>,
    pub title: At<String>,
    #[serde(default = "default_language")]
    pub language: At<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default = "default_pass_mark")]
    pub pass_mark: At<i64>,
    #[serde(default)]
    pub completion: Completion,
    #[serde(default = "default_true")]
    pub certificate: bool,
    #[serde(default = "default_theme")]
    pub theme: At<String>,
    /// A search page and a search box in every page's header.
    #[serde(default = "default_true")]
    pub search: bool,
}

/// The keys `course.yaml` takes, for keeping going past an unknown one.
const KNOWN: &[&str] = &[
    "id",
    "title",
    "language",
    "description",
    "authors",
    "version",
    "pass_mark",
    "completion",
    "certificate",
    "theme",
    "search",
];

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct Completion {
    #[serde(default = "default_quizzes")]
    pub quizzes: QuizCompletion,
    #[serde(default = "default_roleplays")]
    pub roleplays: RoleplayCompletion,
}

impl Default for Completion {
    fn default() -> Self {
        Completion {
            quizzes: default_quizzes(),
            roleplays: default_roleplays(),
        }
    }
}

/// What the graded quizzes must reach for the course to count as complete.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum QuizCompletion {
    /// Every graded quiz passed.
    Passed,
    /// Every graded quiz submitted at least once.
    Attempted,
    /// Quizzes do not count.
    None,
}

/// What the role-plays must reach for the course to count as complete.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum RoleplayCompletion {
    /// Every role-play reached an ending.
    Finished,
    /// Every role-play passed (a success ending with at least `pass_score`).
    Passed,
    /// Role-plays do not count.
    None,
}

fn default_language() -> At<String> {
    At::new("en".into())
}
fn default_pass_mark() -> At<i64> {
    At::new(80)
}
fn default_true() -> bool {
    true
}
fn default_theme() -> At<String> {
    At::new("default".into())
}
fn default_quizzes() -> QuizCompletion {
    QuizCompletion::Passed
}
fn default_roleplays() -> RoleplayCompletion {
    RoleplayCompletion::Finished
}

/// The UI languages whose strings ship with the default theme.
pub const SHIPPED_LANGUAGES: &[&str] = &["en", "zh-CN"];

/// The loaded configuration with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub course: CourseConfig,
    /// `course.yaml` as the user would name it (course folder joined).
    pub path: PathBuf,
    /// A theme folder named by `theme:`, resolved against the course folder.
    pub theme_dir: Option<PathBuf>,
}

/// Reads and checks `<course>/course.yaml`.
pub fn load(course_dir: &Path, diags: &mut Diagnostics) -> Option<Config> {
    let path = course_dir.join("course.yaml");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            let hint = if course_dir.is_dir() {
                "every course folder starts with a course.yaml holding at least `id` and `title`; `syllabus new DIR` writes an example"
            } else {
                "name the course folder, e.g. `syllabus build content`"
            };
            diags
                .push(Diagnostic::error(&path, format!("cannot read course.yaml: {e}")).hint(hint));
            return None;
        }
    };
    let src = Source::new(&path, &text);
    let emb = Embedded::file(src);
    let course: CourseConfig = match emb.parse("course.yaml") {
        Ok(c) => c,
        Err(d) => {
            diags.push(d);
            // Keep checking the rest of the course with the keys that are usable,
            // so that one typo here does not hide every other problem.
            lenient(&emb)?
        }
    };
    let mut ok = check(&course, &emb, diags);
    let theme_dir = if *course.theme == "default" {
        None
    } else {
        let dir = course_dir.join(&*course.theme);
        if !dir.is_dir() {
            diags.push(
                src.error(
                    emb.at(&course.theme),
                    format!("theme folder `{}` does not exist", *course.theme),
                )
                .hint("`theme:` is `default` or a folder path relative to course.yaml"),
            );
            ok = false;
        }
        Some(dir)
    };
    ok.then_some(Config {
        course,
        path,
        theme_dir,
    })
}

/// The values `course.yaml` must have; `false` when one is unusable.
fn check(course: &CourseConfig, emb: &Embedded, diags: &mut Diagnostics) -> bool {
    let src = emb.source;
    let mut ok = true;
    let id = course.id.as_str();
    if id.trim().is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        diags.push(
            src.error(emb.at(&course.id), format!("course id `{id}` is not a stable id"))
                .hint("use letters, digits, `-`, `_` or `.`, e.g. `customer-service-retention`; it keys the trainees' saved progress, so keep it once published"),
        );
        ok = false;
    }
    if course.title.trim().is_empty() {
        diags.push(src.error(emb.at(&course.title), "course title is empty"));
        ok = false;
    }
    if !(0..=100).contains(&*course.pass_mark) {
        diags.push(
            src.error(
                emb.at(&course.pass_mark),
                format!("pass_mark {} is not between 0 and 100", *course.pass_mark),
            )
            .hint("pass_mark is a percentage, e.g. `pass_mark: 80`"),
        );
        ok = false;
    }
    if !is_bcp47(&course.language) {
        diags.push(
            src.error(
                emb.at(&course.language),
                format!("`{}` is not a language tag", *course.language),
            )
            .hint("use a BCP 47 tag such as `zh-CN` or `en`"),
        );
        ok = false;
    }
    ok
}

/// A loose BCP 47 check: alphanumeric subtags of 1–8 characters joined by `-`,
/// the first of 2–3 letters.
fn is_bcp47(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The configuration read again with the lines of unknown top-level keys left out,
/// when the rest still makes sense.
fn lenient(emb: &Embedded) -> Option<CourseConfig> {
    let mut kept = String::with_capacity(emb.yaml.len());
    let mut skipping = false;
    for line in emb.yaml.split_inclusive('\n') {
        let top = !line.starts_with([' ', '\t', '#', '-']) && !line.trim().is_empty();
        if top {
            let key = line.split(':').next().unwrap_or("").trim();
            skipping = !KNOWN.contains(&key);
        }
        if skipping {
            // Keep the line count so that positions stay right.
            kept.push('\n');
        } else {
            kept.push_str(line);
        }
    }
    let again = Embedded::new(emb.source, &kept, 1);
    again.parse("course.yaml").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags() {
        assert!(is_bcp47("zh-CN"));
        assert!(is_bcp47("en"));
        assert!(is_bcp47("zh-Hans-CN"));
        assert!(!is_bcp47("chinese"));
        assert!(!is_bcp47(""));
        assert!(!is_bcp47("zh_CN"));
    }
}
