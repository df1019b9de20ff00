//! Problems found in a course, collected and printed like a compiler's.
//!
//! Every stage reports into a [`Diagnostics`] list instead of stopping at the first
//! problem; the command prints them all at the end, sorted by file and line, and
//! fails once. The header line (`file:line:col: error: message`) is ours; the source
//! excerpt under it (gutter, caret under wide characters, labels on other lines or
//! files, the hint) is drawn by `annotate-snippets`.

use super::messages::{tr, Lang};
use super::source::{line_of, Pos};
use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A place that helps explain a diagnostic, such as where a duplicate id was first used.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Related {
    pub file: PathBuf,
    pub pos: Pos,
    pub source_line: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The path as the user gave it (course folder joined with the file's relative path).
    pub file: PathBuf,
    pub pos: Option<Pos>,
    pub message: String,
    pub hint: Option<String>,
    /// The text of the line at `pos`, for the caret display.
    pub source_line: Option<String>,
    pub related: Vec<Related>,
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
            related: Vec::new(),
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets the hint when there is one.
    pub fn maybe_hint(self, hint: Option<impl Into<String>>) -> Self {
        match hint {
            Some(h) => self.hint(h),
            None => self,
        }
    }

    /// Points the diagnostic at `pos` in `text`, the full contents of its file.
    pub fn at(mut self, text: &str, pos: Pos) -> Self {
        self.source_line = line_of(text, pos.line).map(str::to_owned);
        self.pos = Some(pos);
        self
    }

    /// Adds a labelled place in `text` (the contents of `file`) that explains this one.
    pub fn related(mut self, file: &Path, text: &str, pos: Pos, label: impl Into<String>) -> Self {
        self.related.push(Related {
            file: file.to_path_buf(),
            pos,
            source_line: line_of(text, pos.line).unwrap_or("").to_owned(),
            label: label.into(),
        });
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The compiler-style text: header, source line, caret, related places and hint.
    pub fn render(&self, color: bool) -> String {
        self.render_in(color, Lang::En)
    }

    /// [`Diagnostic::render`] with the `hint:` label in `lang` (the message and hint
    /// are translated beforehand, see [`Diagnostic::translated`]). `error` and
    /// `warning` stay English: editors find problems in a terminal by these words.
    pub fn render_in(&self, color: bool, lang: Lang) -> String {
        let (bold, tint, reset) = match (color, self.severity) {
            (false, _) => ("", "", ""),
            (true, Severity::Error) => ("\x1b[1m", "\x1b[1;31m", "\x1b[0m"),
            (true, Severity::Warning) => ("\x1b[1m", "\x1b[1;33m", "\x1b[0m"),
        };
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let file = self.file.display();
        let mut out = match self.pos {
            Some(p) => format!("{bold}{file}:{}:{}:{reset} ", p.line, p.col),
            None => format!("{bold}{file}:{reset} "),
        };
        out.push_str(&format!(
            "{tint}{label}:{reset} {bold}{}{reset}\n",
            self.message
        ));
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut group = Group::with_level(level.clone());
        let mut any = false;
        if let (Some(p), Some(line)) = (self.pos, &self.source_line) {
            group = group.element(excerpt(line, p, None, AnnotationKind::Primary, None));
            any = true;
        }
        for r in &self.related {
            group = group.element(excerpt(
                &r.source_line,
                r.pos,
                Some(&r.label),
                AnnotationKind::Context,
                Some(r.file.display().to_string()),
            ));
            any = true;
        }
        if let Some(hint) = &self.hint {
            let label = tr(lang, "hint: {0}");
            let text = label.replacen("{0}", hint, 1);
            group = group.element(Level::HELP.no_name().message(text));
            any = true;
        }
        if any {
            let renderer = if color {
                Renderer::styled()
            } else {
                Renderer::plain()
            };
            let text = renderer.decor_style(DecorStyle::Ascii).render(&[group]);
            out.push_str(&text);
            out.push('\n');
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

/// One source line with a mark under the character at `pos.col` (past the end of
/// the line when the column is).
fn excerpt<'a>(
    line: &'a str,
    pos: Pos,
    label: Option<&'a str>,
    kind: AnnotationKind,
    path: Option<String>,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let start = line
        .char_indices()
        .nth(pos.col.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let end = line[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    let mut annotation = kind.span(start..end);
    if let Some(l) = label {
        annotation = annotation.label(l);
    }
    let snippet = Snippet::source(line)
        .line_start(pos.line)
        .annotation(annotation);
    match path {
        Some(p) => snippet.path(p),
        None => snippet,
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
#[derive(Default, Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// The language of the summary (and of the texts, once translated).
    pub(crate) lang: Lang,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    /// A list of one.
    pub fn one(d: Diagnostic) -> Self {
        Diagnostics {
            items: vec![d],
            lang: Lang::En,
        }
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
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

    /// Sorted, as a value.
    pub fn sorted(mut self) -> Self {
        self.sort();
        self
    }

    /// `Err` with every diagnostic when any of them is an error, else `Ok(value)`.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.has_errors() {
            Err(self.sorted())
        } else {
            Ok(value)
        }
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    /// All diagnostics, each followed by a blank line.
    pub fn render(&self, color: bool) -> String {
        let mut out = String::new();
        for d in &self.items {
            out.push_str(&d.render_in(color, self.lang));
            out.push('\n');
        }
        out
    }

    /// `2 errors, 1 warning`.
    pub fn summary(&self) -> String {
        fn plural(n: usize, word: &str) -> String {
            if n == 1 {
                format!("1 {word}")
            } else {
                format!("{n} {word}s")
            }
        }
        let english = format!(
            "{}, {}",
            plural(self.error_count(), "error"),
            plural(self.warning_count(), "warning")
        );
        tr(self.lang, &english).into_owned()
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

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
            lang: Lang::En,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Source;
    use super::*;

    #[test]
    fn caret_lines_up_under_chinese_text() {
        let text = "标题\n- 选项: 对\n";
        let src = Source::new(Path::new("a.md"), text);
        let d = src.error(Pos::new(2, 5), "bad").hint("fix it");
        assert_eq!(
            d.render(false),
            "a.md:2:5: error: bad\n  |\n2 | - 选项: 对\n  |       ^\n  |\n  = hint: fix it\n"
        );
    }

    #[test]
    fn related_places_are_labelled() {
        let text = "id: a\nx\nid: a\n";
        let src = Source::new(Path::new("a.md"), text);
        let d = src.error(Pos::new(3, 5), "id `a` is already used").related(
            Path::new("a.md"),
            text,
            Pos::new(1, 5),
            "first used here",
        );
        let shown = d.render(false);
        assert!(
            shown.contains("::: a.md:1:5\n  |\n1 | id: a\n  |     - first used here"),
            "{shown}"
        );
        assert!(shown.contains("3 | id: a\n  |     ^"), "{shown}");
    }

    #[test]
    fn a_diagnostic_without_a_line_is_one_line() {
        let d = Diagnostic::error("content", "the course has no modules");
        assert_eq!(
            d.render(false),
            "content: error: the course has no modules\n"
        );
    }
}
