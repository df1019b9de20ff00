//! Front matter: the YAML between the `---` lines at the top of every page.

use crate::core::yaml::{At, OneOrMany};
use serde::{Deserialize, Serialize};

/// Front matter of a lesson or module page.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: At<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub objectives: Vec<String>,
    /// Minutes.
    #[serde(default)]
    pub duration: Option<u32>,
    #[serde(default)]
    pub weight: Option<At<f64>>,
    #[serde(default)]
    pub slug: Option<At<String>>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub quiz: Option<QuizSettings>,
    /// Free-form data for custom themes.
    #[serde(default)]
    pub extra: Option<serde_json::Value>,
}

/// The `quiz:` settings of a graded quiz page, as written; checked and given their
/// defaults by `blocks::quiz::settings`.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct QuizSettings {
    pub pass_mark: Option<At<i64>>,
    pub draw: Option<At<i64>>,
    /// `page`, `course`, or a list of module slugs.
    pub from: Option<At<OneOrMany>>,
    pub attempts: Option<At<i64>>,
    pub reveal: Option<At<String>>,
}

/// Where the front matter stands in a page's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrontSpan {
    /// Byte range of the YAML between the `---` lines.
    pub yaml_start: usize,
    pub yaml_end: usize,
    /// Byte offset of the body (after the closing `---` line).
    pub body_start: usize,
    /// The file line of the YAML's first line.
    pub first_line: usize,
}

/// Finds the YAML between the opening and closing `---` lines.
pub fn split(text: &str) -> Option<FrontSpan> {
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let yaml_start = first_end + 1;
    let mut pos = yaml_start;
    loop {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = &text[pos..end];
        if line.trim_end() == "---" {
            return Some(FrontSpan {
                yaml_start,
                yaml_end: pos,
                body_start: (end + 1).min(text.len()),
                first_line: 2,
            });
        }
        if end >= text.len() {
            return None;
        }
        pos = end + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_split() {
        let t = "---\ntitle: a\n---\nbody\n";
        let s = split(t).unwrap();
        assert_eq!(&t[s.yaml_start..s.yaml_end], "title: a\n");
        assert_eq!(s.yaml_start, 4);
        assert_eq!(&t[s.body_start..], "body\n");
        assert!(split("---\ntitle: a\n").is_none());
        assert!(split("# no\n").is_none());
        let crlf = "---\r\ntitle: a\r\n---\r\nbody";
        assert_eq!(&crlf[split(crlf).unwrap().body_start..], "body");
    }
}
