//! Problems found in a course, collected and printed like a compiler's.
//!
//! Every stage reports into a [`Diagnostics`] list instead of stopping at the first
//! problem; the command prints them all at the end, sorted by file and line, and fails once.

use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthChar;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A 1-based position in a source file; `col` counts characters, not bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub fn new(line: usize, col: usize) -> Pos {
        Pos { line, col }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The path as the user gave it (course folder joined with the file's relative path).
    pub file: PathBuf,
    pub pos: Option<Pos>,
    pub message: String,
    pub hint: Option<String>,
    /// The text of the line at `pos`, for the caret display.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Error, file, message)
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, file, message)
    }

    fn new(severity: Severity, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            file: file.into(),
            pos: None,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Points the diagnostic at `pos` in `text`, the full contents of its file.
    pub fn at(mut self, text: &str, pos: Pos) -> Self {
        self.source_line = text
            .lines()
            .nth(pos.line.saturating_sub(1))
            .map(str::to_owned);
        self.pos = Some(pos);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The compiler-style text: header, source line, caret and hint.
    pub fn render(&self, color: bool) -> String {
        let (bold, red, yellow, blue, reset) = if color {
            (
                "\x1b[1m",
                "\x1b[1;31m",
                "\x1b[1;33m",
                "\x1b[1;34m",
                "\x1b[0m",
            )
        } else {
            ("", "", "", "", "")
        };
        let (label, tint) = match self.severity {
            Severity::Error => ("error", red),
            Severity::Warning => ("warning", yellow),
        };
        let mut out = String::new();
        let file = self.file.display();
        match self.pos {
            Some(p) => write!(out, "{bold}{file}:{}:{}:{reset} ", p.line, p.col),
            None => write!(out, "{bold}{file}:{reset} "),
        }
        .ok();
        writeln!(out, "{tint}{label}:{reset} {bold}{}{reset}", self.message).ok();
        if let (Some(p), Some(line)) = (self.pos, &self.source_line) {
            let number = p.line.to_string();
            let gutter = " ".repeat(number.len());
            let line = line.replace('\t', "    ");
            // The caret goes under the character at `col`, measured in display
            // width so that it lines up under CJK text.
            let indent: usize = line
                .chars()
                .take(p.col.saturating_sub(1))
                .map(|c| c.width().unwrap_or(0))
                .sum();
            writeln!(out, "{blue}{gutter} |{reset}").ok();
            writeln!(out, "{blue}{number} |{reset} {line}").ok();
            writeln!(
                out,
                "{blue}{gutter} |{reset} {}{tint}^{reset}",
                " ".repeat(indent)
            )
            .ok();
        }
        if let Some(hint) = &self.hint {
            let pad = self.pos.map_or(0, |p| p.line.to_string().len());
            writeln!(
                out,
                "{blue}{} = {reset}{bold}hint:{reset} {hint}",
                " ".repeat(pad)
            )
            .ok();
        }
        out
    }

    pub fn to_json(&self) -> JsonDiagnostic<'_> {
        JsonDiagnostic {
            severity: self.severity,
            file: self.file.to_string_lossy().into_owned(),
            line: self.pos.map(|p| p.line),
            column: self.pos.map(|p| p.col),
            message: &self.message,
            hint: self.hint.as_deref(),
        }
    }
}

/// The shape of one entry of `check --format json`.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub severity: Severity,
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: &'a str,
    pub hint: Option<&'a str>,
}

/// Every problem found in one run.
#[derive(Default, Debug, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorts by file, then position, so that output is stable across parallel runs.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.file, a.pos, a.severity, &a.message).cmp(&(&b.file, b.pos, b.severity, &b.message))
        });
        self.items.dedup();
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    /// All diagnostics, then a summary line such as `2 errors, 1 warning`.
    pub fn render(&self, color: bool) -> String {
        let mut out = String::new();
        for d in &self.items {
            out.push_str(&d.render(color));
            out.push('\n');
        }
        out
    }

    pub fn summary(&self) -> String {
        fn plural(n: usize, word: &str) -> String {
            if n == 1 {
                format!("1 {word}")
            } else {
                format!("{n} {word}s")
            }
        }
        format!(
            "{}, {}",
            plural(self.error_count(), "error"),
            plural(self.warning_count(), "warning")
        )
    }

    pub fn to_json(&self) -> String {
        let list: Vec<_> = self.items.iter().map(Diagnostic::to_json).collect();
        serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into())
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// A source file being checked: its display path and full text, so that every
/// diagnostic about it can carry the offending line.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    pub path: &'a Path,
    pub text: &'a str,
}

impl<'a> Source<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        Source { path, text }
    }

    pub fn error(&self, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.path, message).at(self.text, pos)
    }

    pub fn warning(&self, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(self.path, message).at(self.text, pos)
    }

    /// The 1-based line and character column of a byte offset into the text.
    pub fn pos_of(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Pos::new(line, before[line_start..].chars().count() + 1)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_lines_up_under_chinese_text() {
        let text = "标题\n- 选项: 对\n";
        let src = Source::new(Path::new("a.md"), text);
        let d = src.error(Pos::new(2, 5), "bad").hint("fix it");
        let shown = d.render(false);
        assert_eq!(
            shown,
            "a.md:2:5: error: bad\n  |\n2 | - 选项: 对\n  |       ^\n  = hint: fix it\n"
        );
    }

    #[test]
    fn pos_of_counts_characters() {
        let text = "一二\n三四五x";
        let src = Source::new(Path::new("a.md"), text);
        let x = text.find('x').unwrap();
        assert_eq!(src.pos_of(x), Pos::new(2, 4));
    }
}
