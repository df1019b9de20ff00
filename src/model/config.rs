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
];

/// What "course complete" means (`completion:`): one rule per kind of work. Each
/// value keeps where it was written, so that `check` can point at a rule that names
/// nothing in the course; a rule left out has its default and no position.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Hash)]
#[serde(deny_unknown_fields)]
pub struct Completion {
    #[serde(default = "default_quizzes")]
    pub quizzes: At<QuizCompletion>,
    #[serde(default = "default_roleplays")]
    pub roleplays: At<RoleplayCompletion>,
    /// The final exam: a graded page that draws from other pages.
    #[serde(default = "default_exam")]
    pub exam: At<QuizCompletion>,
    #[serde(default = "default_done")]
    pub assessments: At<DoneCompletion>,
    #[serde(default = "default_done")]
    pub reflections: At<DoneCompletion>,
    #[serde(default = "default_pages")]
    pub pages: At<PageCompletion>,
}

impl Default for Completion {
    fn default() -> Self {
        Completion {
            quizzes: default_quizzes(),
            roleplays: default_roleplays(),
            exam: default_exam(),
            assessments: default_done(),
            reflections: default_done(),
            pages: default_pages(),
        }
    }
}

/// What the graded quizzes (or the exam) must reach for the course to count as complete.
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

/// Self-assessments and reflections: every one done (answered, written), or not counted.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum DoneCompletion {
    Done,
    None,
}

/// Pages: every lesson and quiz page opened at least once, or not counted.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum PageCompletion {
    Visited,
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
fn default_quizzes() -> At<QuizCompletion> {
    At::new(QuizCompletion::Passed)
}
fn default_roleplays() -> At<RoleplayCompletion> {
    At::new(RoleplayCompletion::Finished)
}
fn default_exam() -> At<QuizCompletion> {
    At::new(QuizCompletion::None)
}
fn default_done() -> At<DoneCompletion> {
    At::new(DoneCompletion::None)
}
fn default_pages() -> At<PageCompletion> {
    At::new(PageCompletion::None)
}

/// The UI languages whose strings ship with the default theme.
pub const SHIPPED_LANGUAGES: &[&str] = &["en", "zh-CN"];

/// The loaded configuration with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub course: CourseConfig,
    /// `course.yaml` as the user would name it (course folder joined).
    pub path: PathBuf,
    /// Its text, for checks of the whole course that point into it.
    pub text: String,
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
        text,
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
/// when the rest still makes sense. A known optional key whose value is broken (say
/// a misspelt rule under `completion:`) is left out too, one at a time, so that its
/// default stands in and the rest of the course is still checked.
fn lenient(emb: &Embedded) -> Option<CourseConfig> {
    let mut broken: Vec<String> = Vec::new();
    for _ in 0..=KNOWN.len() {
        let kept = top_level_keys_kept(emb.yaml, |key| {
            KNOWN.contains(&key) && !broken.iter().any(|b| b == key)
        });
        let again = Embedded::new(emb.source, &kept, 1);
        match again.parse::<CourseConfig>("course.yaml") {
            Ok(c) => return Some(c),
            Err(d) => {
                let line = d.pos?.line;
                let key = owning_key(&kept, line)?;
                if matches!(key.as_str(), "id" | "title") || broken.contains(&key) {
                    return None;
                }
                broken.push(key);
            }
        }
    }
    None
}

/// `yaml` with the lines of every top-level key that `keep` refuses blanked (the
/// line count stays, so that positions stay right).
fn top_level_keys_kept(yaml: &str, keep: impl Fn(&str) -> bool) -> String {
    let mut kept = String::with_capacity(yaml.len());
    let mut skipping = false;
    for line in yaml.split_inclusive('\n') {
        let top = !line.starts_with([' ', '\t', '#', '-']) && !line.trim().is_empty();
        if top {
            let key = line.split(':').next().unwrap_or("").trim();
            skipping = !keep(key);
        }
        if skipping {
            kept.push('\n');
        } else {
            kept.push_str(line);
        }
    }
    kept
}

/// The top-level key whose block holds the 1-based `line`.
fn owning_key(yaml: &str, line: usize) -> Option<String> {
    yaml.lines()
        .take(line)
        .filter(|l| !l.starts_with([' ', '\t', '#', '-']) && !l.trim().is_empty())
        .last()
        .map(|l| l.split(':').next().unwrap_or("").trim().to_string())
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
