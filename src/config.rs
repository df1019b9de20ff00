//! `course.yaml`: the course's metadata, checked strictly (unknown keys are errors
//! that list the known ones).

use crate::diagnostics::{Diagnostic, Diagnostics, Source};
use crate::yaml::Embedded;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CourseConfig {
    pub id: String,
    pub title: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default, deserialize_with = "string_or_number")]
    pub version: Option<String>,
    #[serde(default = "default_pass_mark")]
    pub pass_mark: i64,
    #[serde(default)]
    pub completion: Completion,
    #[serde(default = "default_true")]
    pub certificate: bool,
    #[serde(default = "default_theme")]
    pub theme: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
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
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
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
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum RoleplayCompletion {
    /// Every role-play reached an ending.
    Finished,
    /// Every role-play passed (a success ending with at least `pass_score`).
    Passed,
    /// Role-plays do not count.
    None,
}

fn default_language() -> String {
    "en".into()
}
fn default_pass_mark() -> i64 {
    80
}
fn default_true() -> bool {
    true
}
fn default_theme() -> String {
    "default".into()
}
fn default_quizzes() -> QuizCompletion {
    QuizCompletion::Passed
}
fn default_roleplays() -> RoleplayCompletion {
    RoleplayCompletion::Finished
}

/// `version: 2026.1` is a number to YAML; trainers mean the text they wrote.
fn string_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = Option::<serde_yaml::Value>::deserialize(d)?;
    Ok(match v {
        None | Some(serde_yaml::Value::Null) => None,
        Some(serde_yaml::Value::String(s)) => Some(s),
        Some(serde_yaml::Value::Number(n)) => Some(n.to_string()),
        Some(serde_yaml::Value::Bool(b)) => Some(b.to_string()),
        Some(_) => return Err(serde::de::Error::custom("version must be text or a number")),
    })
}

/// The UI languages whose strings ship with the default theme.
pub const SHIPPED_LANGUAGES: &[&str] = &["en", "zh-CN"];

/// The loaded configuration with where it came from.
#[derive(Debug, Clone)]
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
    let emb = Embedded::new(src, &text, 1);
    let course: CourseConfig = match emb.parse("course.yaml") {
        Ok(c) => c,
        Err(d) => {
            diags.push(d);
            // Keep checking the rest of the course with the keys that are usable,
            // so that one typo here does not hide every other problem.
            lenient(&text)?
        }
    };
    let map = emb.map();
    let mut ok = true;
    if course.id.trim().is_empty()
        || !course
            .id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        diags.push(
            src.error(map.value("id"), format!("course id `{}` is not a stable id", course.id))
                .hint("use letters, digits, `-`, `_` or `.`, e.g. `customer-service-retention`; it keys the trainees' saved progress, so keep it once published"),
        );
        ok = false;
    }
    if course.title.trim().is_empty() {
        diags.push(src.error(map.value("title"), "course title is empty"));
        ok = false;
    }
    if !(0..=100).contains(&course.pass_mark) {
        diags.push(
            src.error(
                map.value("pass_mark"),
                format!("pass_mark {} is not between 0 and 100", course.pass_mark),
            )
            .hint("pass_mark is a percentage, e.g. `pass_mark: 80`"),
        );
        ok = false;
    }
    if !is_bcp47(&course.language) {
        diags.push(
            src.error(
                map.value("language"),
                format!("`{}` is not a language tag", course.language),
            )
            .hint("use a BCP 47 tag such as `zh-CN` or `en`"),
        );
        ok = false;
    }
    let theme_dir = if course.theme == "default" {
        None
    } else {
        let dir = course_dir.join(&course.theme);
        if !dir.is_dir() {
            diags.push(
                src.error(
                    map.value("theme"),
                    format!("theme folder `{}` does not exist", course.theme),
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

/// A loose BCP 47 check: alphanumeric subtags of 1–8 characters joined by `-`,
/// the first of 2–3 letters.
fn is_bcp47(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// The configuration with unknown keys dropped, when the rest still makes sense.
fn lenient(text: &str) -> Option<CourseConfig> {
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
    let mut map: serde_yaml::Mapping = serde_yaml::from_str(text).ok()?;
    map.retain(|k, _| k.as_str().is_some_and(|k| KNOWN.contains(&k)));
    serde_yaml::from_value(serde_yaml::Value::Mapping(map)).ok()
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
