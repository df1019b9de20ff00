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
    /// Item-writing checks switched off by name (`docs/quizzes.md`).
    #[serde(default)]
    pub checks: At<super::checks::Checks>,
    /// A search page and a search box in every page's header.
    #[serde(default = "default_true")]
    pub search: bool,
    /// An image in `assets/` shown beside the course title (`model::brand`).
    #[serde(default)]
    pub logo: Option<At<String>>,
    /// The course's colour, used in shades that keep AA contrast (`model::brand`).
    #[serde(default)]
    pub accent: Option<At<String>>,
}

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
    /// A theme folder named by `theme:`, resolved against the course folder.
    pub theme_dir: Option<PathBuf>,
    /// `course.yaml` as read, for checks that point into it.
    pub text: String,
}

/// Reads and checks `<course>/course.yaml`. `None` only when there is no
/// course.yaml to read: a mistake inside it is reported and the rest of the
/// course is still checked, with defaults in place of what could not be used.
pub fn load(course_dir: &Path, diags: &mut Diagnostics) -> Option<Config> {
    let path = course_dir.join("course.yaml");
    if !course_dir.is_dir() {
        diags.push(missing_folder(course_dir, "build"));
        return None;
    }
    let text = match super::read_text(&path) {
        Ok(t) => t,
        Err(e) => {
            let message = if path.exists() {
                format!("cannot read course.yaml: {e}")
            } else {
                "course.yaml not found".to_string()
            };
            diags.push(Diagnostic::error(&path, message).hint(
                "every course folder starts with a course.yaml holding at least `id` and `title`; `syllabus new DIR` writes an example",
            ));
            return None;
        }
    };
    let src = Source::new(&path, &text);
    let emb = Embedded::file(src);
    let (course, problems) = emb.parse_all::<CourseConfig>("course.yaml");
    diags.extend(problems);
    let parsed = course.is_some();
    let mut course = course.unwrap_or_else(|| fallback(course_dir, &text));
    if parsed && !check(&course, &emb, diags) {
        // Reported; keep checking the course with the defaults instead.
        let defaults = fallback(course_dir, "");
        if !is_bcp47(&course.language) {
            course.language = defaults.language;
        }
        if !(0..=100).contains(&*course.pass_mark) {
            course.pass_mark = defaults.pass_mark;
        }
    }
    if parsed {
        super::brand::check(&mut course, &emb, course_dir, diags);
    }
    let theme_dir = if *course.theme == "default" {
        None
    } else {
        let dir = course_dir.join(&*course.theme);
        if dir.is_dir() {
            Some(dir)
        } else {
            diags.push(
                src.error(
                    emb.at(&course.theme),
                    format!("theme folder `{}` does not exist", *course.theme),
                )
                .hint("`theme:` is `default` or a folder path relative to course.yaml"),
            );
            None
        }
    };
    Some(Config {
        course,
        path,
        theme_dir,
        text,
    })
}

/// "course folder not found", with the command to run on the right folder.
pub fn missing_folder(course_dir: &Path, command: &str) -> Diagnostic {
    Diagnostic::error(course_dir, "course folder not found").hint(format!(
        "name the folder that holds course.yaml, e.g. `syllabus {command} my-course`; `syllabus new my-course` creates one"
    ))
}

/// The configuration a course.yaml that cannot be read stands for while the rest
/// of the course is checked: the folder's name, and the `language:` line if any.
fn fallback(course_dir: &Path, text: &str) -> CourseConfig {
    let name = course_dir
        .file_name()
        .map_or("course".into(), |n| n.to_string_lossy().into_owned());
    CourseConfig {
        id: At::new(name.clone()),
        title: At::new(name),
        language: language_line(text).map_or_else(default_language, At::new),
        description: None,
        authors: Vec::new(),
        version: None,
        pass_mark: default_pass_mark(),
        completion: Completion::default(),
        certificate: true,
        theme: default_theme(),
        checks: At::default(),
        search: true,
        logo: None,
        accent: None,
    }
}

/// The value of a top-level `language:` line, read without parsing the YAML: the
/// language of the messages about a course.yaml that does not parse.
pub fn language_line(text: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let v = l.strip_prefix("language:")?;
        let v = v.split(" #").next()?.trim().trim_matches(['"', '\'']);
        (!v.is_empty() && is_bcp47(v)).then(|| v.to_string())
    })
}

/// The course's `language:` as written, for choosing the messages' language
/// before (or without) loading the course.
pub fn course_language(course_dir: &Path) -> Option<String> {
    let text = super::read_text(&course_dir.join("course.yaml")).ok()?;
    language_line(&text)
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
                .hint(format!("use letters, digits, `-`, `_` or `.`, e.g. `{}`; it keys the trainees' saved progress, so keep it once published", id_like(src.path))),
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
    super::checks::check(&course.checks, emb, diags);
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

/// A stable id made from the course folder's name, for the hint of a bad `id`.
fn id_like(course_yaml: &Path) -> String {
    let folder = course_yaml
        .parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let id: String = folder
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let id = id.trim_matches('-');
    if id.is_empty() {
        "my-course".into()
    } else {
        id.into()
    }
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

    #[test]
    fn the_language_line_is_found_without_parsing() {
        let broken = "id: c\ntitle: a: b\nlanguage: zh-CN # 中文\n";
        assert_eq!(language_line(broken).as_deref(), Some("zh-CN"));
        assert_eq!(language_line("language: \"en\"\n").as_deref(), Some("en"));
        assert_eq!(language_line("title: x\n"), None);
    }
}
