//! YAML embedded in Markdown files (front matter and fenced blocks) and YAML files
//! of their own (`course.yaml`, UI strings), parsed once with `serde-saphyr` into
//! typed structs. Values that checks point at are [`At`]; every error and every
//! later check points into the file the trainer edits.

use super::diagnostics::Diagnostic;
use super::source::{Pos, Source};
use serde::de::DeserializeOwned;
use serde_saphyr::{Location, MessageFormatter};

pub mod syntax;
mod values;
pub use values::{At, OneOrMany, Scalar};

/// A YAML snippet and where it sits in its file.
#[derive(Clone, Copy)]
pub struct Embedded<'a> {
    pub source: Source<'a>,
    pub yaml: &'a str,
    /// The file line on which the snippet's first line stands (1-based).
    pub first_line: usize,
}

/// How many characters a snippet line is indented by in the file: fenced blocks
/// nested in lists or quotes are indented there and not in the snippet.
fn shift(in_file: &str, in_yaml: &str) -> usize {
    in_file
        .chars()
        .count()
        .saturating_sub(in_yaml.chars().count())
}

/// Limits that keep hostile or broken YAML (alias bombs, absurd nesting) cheap to reject.
fn options() -> serde_saphyr::Options {
    let mut o = serde_saphyr::Options::default();
    o.with_snippet = false;
    o.strict_booleans = true;
    // Repeated keys reach the types: a struct says `duplicate field`, a role-play's
    // nodes say which name is defined twice.
    o.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    // `.nan` and `.inf` reach the checks, which say what a number must be.
    o.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::PassThrough;
    if let Some(b) = o.budget.as_mut() {
        b.max_depth = 64;
        b.max_aliases = 1_000;
        b.max_nodes = 1_000_000;
        // The largest block a trainer writes (a role-play of thousands of nodes)
        // is a few hundred thousand events; more is a mistake or an attack, and
        // each event costs time before the checks can say so.
        b.max_events = 500_000;
    }
    // Aliases repeat what an anchor holds: a few lists of ten aliases of aliases
    // expand to a billion values ("billion laughs"). Trainers use an alias to
    // repeat a feedback text or a list, never thousands of values.
    o.alias_limits.max_total_replayed_events = 10_000;
    o
}

/// A trainer's message for input the parser's limits refused, with a hint.
fn limit_message(mut e: &serde_saphyr::Error) -> Option<(&'static str, &'static str)> {
    use serde_saphyr::Error as E;
    // The parser wraps errors met while replaying an alias.
    while let E::AliasError { error, .. } | E::WithSnippet { error, .. } = e {
        e = error;
    }
    match e {
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => Some((
            "the aliases (`*name`) here repeat too much",
            "an alias may repeat a text or a short list; write out what you mean instead of aliases of aliases",
        )),
        E::Budget { .. } => Some((
            "too large or too deeply nested to read",
            "split it up: a block holds one question or one role-play; use fewer levels of indentation, aliases or values",
        )),
        _ => None,
    }
}

impl<'a> Embedded<'a> {
    pub fn new(source: Source<'a>, yaml: &'a str, first_line: usize) -> Self {
        Embedded {
            source,
            yaml,
            first_line,
        }
    }

    /// A whole file of YAML.
    pub fn file(source: Source<'a>) -> Self {
        Embedded::new(source, source.text, 1)
    }

    /// Translates a 1-based line and column inside the snippet into the file.
    pub fn to_file_pos(&self, line: usize, col: usize) -> Pos {
        let file_line = self.first_line + line.saturating_sub(1);
        let in_yaml = self.yaml.lines().nth(line.saturating_sub(1)).unwrap_or("");
        let in_file = self.source.line(file_line).unwrap_or("");
        Pos::new(file_line, col.max(1) + shift(in_file, in_yaml))
    }

    /// The snippet's first line, for problems with the snippet as a whole.
    pub fn start(&self) -> Pos {
        self.to_file_pos(1, 1)
    }

    /// Where a parsed location stands in the file.
    pub fn pos(&self, loc: &Location) -> Pos {
        self.to_file_pos(loc.line() as usize, loc.column() as usize)
    }

    /// Where a value stands in the file (the snippet's start when unknown).
    pub fn at<T>(&self, value: &At<T>) -> Pos {
        if value.line == 0 {
            return self.start();
        }
        self.to_file_pos(value.line as usize, value.col as usize)
    }

    /// Where the key `key` that holds `value` stands: the nearest `key:` before the
    /// value (on its line for `key: value`, on an earlier one for a nested list or
    /// mapping). Falls back to the value itself.
    pub fn key_of<T>(&self, value: &At<T>, key: &str) -> Pos {
        let (line, col) = (value.line as usize, value.col as usize);
        if line == 0 {
            return self.start();
        }
        let Some(offset) = offset_of(self.yaml, line, col) else {
            return self.at(value);
        };
        let before = &self.yaml[..offset];
        let found = [
            format!("{key}:"),
            format!("\"{key}\":"),
            format!("'{key}':"),
        ]
        .iter()
        .filter_map(|k| before.rfind(k.as_str()))
        .max();
        match found {
            Some(at) => {
                let line_start = before[..at].rfind('\n').map_or(0, |i| i + 1);
                let line = before[..at].matches('\n').count() + 1;
                let col = before[line_start..at].chars().count() + 1;
                self.to_file_pos(line, col)
            }
            None => self.at(value),
        }
    }

    pub fn error(&self, pos: Pos, message: impl Into<String>) -> Diagnostic {
        self.source.error(pos, message)
    }

    pub fn warning(&self, pos: Pos, message: impl Into<String>) -> Diagnostic {
        self.source.warning(pos, message)
    }

    /// Deserializes the snippet. `what` names it in messages ("front matter", "quiz block").
    pub fn parse<T: DeserializeOwned>(&self, what: &str) -> Result<T, Diagnostic> {
        if self.yaml.trim().is_empty() {
            return Err(self.error(self.start(), format!("{what} is empty")));
        }
        if let Some(d) = self.tab_indent(what) {
            return Err(d);
        }
        serde_saphyr::from_str_with_options(self.yaml, options())
            .map_err(|e| self.yaml_error(what, &e))
    }

    /// A tab in a line's indentation: YAML indents with spaces only, and the
    /// parser would blame the line before.
    fn tab_indent(&self, what: &str) -> Option<Diagnostic> {
        let (i, line) = self.yaml.lines().enumerate().find(|(_, l)| {
            l.chars()
                .take_while(|c| c.is_whitespace())
                .any(|c| c == '\t')
        })?;
        let col = line.chars().position(|c| c == '\t').unwrap_or(0) + 1;
        Some(
            self.error(
                self.to_file_pos(i + 1, col),
                format!("{what}: a tab in the indentation"),
            )
            .hint("YAML indents with spaces only: replace the tab with spaces"),
        )
    }

    fn yaml_error(&self, what: &str, e: &serde_saphyr::Error) -> Diagnostic {
        let loc = e.location().filter(|l| l.line() > 0);
        let pos = loc.map_or_else(|| self.start(), |l| self.pos(&l));
        if let Some((message, hint)) = limit_message(e) {
            return self.error(pos, format!("{what}: {message}")).hint(hint);
        }
        let raw = serde_saphyr::DefaultMessageFormatter.format_message(e);
        let (mut message, mut hint) = explain(&raw);
        let plain = raw.split(" at line ").next().unwrap_or(&raw).trim();
        if let Some(x) =
            loc.and_then(|l| syntax::explain(self.yaml, l.line() as usize, plain, self.first_line))
        {
            return self
                .error(
                    self.to_file_pos(x.line, x.col),
                    format!("{what}: {}", x.message),
                )
                .hint(x.hint);
        }
        let item = self.item_with_colon(pos);
        if let (Some(item), "expected text here") = (&item, message.as_str()) {
            // `- 要点: 一` in a list of texts reads as a mapping.
            message = "the list item contains `: `, which YAML reads as a key".into();
            hint = Some(format!("put the text in quotes: `- \"{item}\"`"));
        } else if message.starts_with("expected") {
            // Name the key whose value is wrong: `title: expected text here`.
            if let Some(key) = self.key_on_line(pos) {
                message = format!("`{key}`: {message}");
            }
        }
        self.error(pos, format!("{what}: {message}"))
            .maybe_hint(hint)
    }

    /// The text of a `- text: with colon` list item on `pos`'s line.
    fn item_with_colon(&self, pos: Pos) -> Option<String> {
        let item = self
            .source
            .line(pos.line)?
            .trim_start()
            .strip_prefix("- ")?;
        (item.contains(": ") && !item.starts_with(['"', '\''])).then(|| item.trim().to_string())
    }

    /// Deserializes the snippet, reporting every unknown key rather than the first
    /// only: the keys beside an unknown one are checked too, then the snippet is read
    /// again without them so that the problems after them show as well. `Some` when
    /// the snippet could be read once the unknown keys were left out.
    pub fn parse_all<T: DeserializeOwned>(&self, what: &str) -> (Option<T>, Vec<Diagnostic>) {
        let mut diags: Vec<Diagnostic> = Vec::new();
        let mut text = self.yaml.to_string();
        // The keys the hints suggested: a later "missing field" about one of them
        // says nothing new.
        let mut guessed: Vec<&str> = Vec::new();
        // Each round leaves out at least one key; a handful of rounds is plenty.
        for round in 0..8 {
            if round > 0 && text.trim().is_empty() {
                break;
            }
            let emb = Embedded::new(self.source, &text, self.first_line);
            let unknown = match emb.parse_raw::<T>(what) {
                Ok(t) => return (Some(t), diags),
                Err(Err(d)) => {
                    let repeats = guessed
                        .iter()
                        .any(|g| d.message == format!("{what}: missing field `{g}`"));
                    if !repeats {
                        diags.push(d);
                    }
                    return (None, diags);
                }
                Err(Ok(unknown)) => unknown,
            };
            guessed.extend(super::suggest::closest(
                &unknown.field,
                unknown.expected.iter().copied(),
            ));
            let (line, col) = (unknown.line, unknown.col);
            diags.push(emb.unknown_key(what, line, col, &unknown.field, &unknown.expected));
            let mut lines = vec![line];
            for (l, key) in syntax::sibling_keys(&text, line, col) {
                if !unknown.expected.contains(&key.as_str()) {
                    guessed.extend(super::suggest::closest(
                        &key,
                        unknown.expected.iter().copied(),
                    ));
                    let c = emb.key_col(l);
                    diags.push(emb.unknown_key(what, l, c, &key, &unknown.expected));
                    lines.push(l);
                }
            }
            for l in lines {
                match syntax::without_key(&text, l) {
                    Some(t) => text = t,
                    None => return (None, diags),
                }
            }
        }
        (None, diags)
    }

    /// The 1-based column of the key on snippet line `line`.
    fn key_col(&self, line: usize) -> usize {
        let l = self.yaml.lines().nth(line.saturating_sub(1)).unwrap_or("");
        let mut rest = l.trim_start_matches(' ');
        while let Some(r) = rest.strip_prefix("- ") {
            rest = r.trim_start_matches(' ');
        }
        l.chars().count() - rest.chars().count() + 1
    }

    fn unknown_key(
        &self,
        what: &str,
        line: usize,
        col: usize,
        key: &str,
        known: &[&str],
    ) -> Diagnostic {
        let raw = format!(
            "unknown field `{key}`, expected one of {}",
            known.join(", ")
        );
        let (message, hint) = explain(&raw);
        self.error(self.to_file_pos(line, col), format!("{what}: {message}"))
            .maybe_hint(hint)
    }

    /// Like [`Embedded::parse`], but an unknown key comes back as such.
    fn parse_raw<T: DeserializeOwned>(&self, what: &str) -> Result<T, Result<Unknown, Diagnostic>> {
        if self.yaml.trim().is_empty() {
            return Err(Err(self.error(self.start(), format!("{what} is empty"))));
        }
        if let Some(d) = self.tab_indent(what) {
            return Err(Err(d));
        }
        serde_saphyr::from_str_with_options(self.yaml, options()).map_err(|e| {
            match e.without_snippet() {
                serde_saphyr::Error::SerdeUnknownField {
                    field,
                    expected,
                    location,
                } if location.line() > 0 => Ok(Unknown {
                    field: field.clone(),
                    expected: expected.clone(),
                    line: location.line() as usize,
                    col: location.column() as usize,
                }),
                _ => Err(self.yaml_error(what, &e)),
            }
        })
    }

    /// The `key` of a `key: value` line whose value starts before `pos`.
    fn key_on_line(&self, pos: Pos) -> Option<String> {
        let line = self.source.line(pos.line)?;
        let (key, _) = line.split_once(':')?;
        let key = key.trim().trim_start_matches("- ").trim();
        let before_value = key.chars().count() < pos.col;
        (before_value && !key.is_empty() && !key.contains(' ')).then(|| key.to_string())
    }
}

/// An unknown key, where it stands in the snippet, and the keys known there.
struct Unknown {
    field: String,
    expected: Vec<&'static str>,
    line: usize,
    col: usize,
}

/// The byte offset of a 1-based line and character column in `text`.
fn offset_of(text: &str, line: usize, col: usize) -> Option<usize> {
    let mut start = 0;
    for _ in 1..line {
        start += text[start..].find('\n')? + 1;
    }
    let rest = &text[start..];
    Some(
        start
            + rest
                .char_indices()
                .nth(col.saturating_sub(1))
                .map_or(rest.len(), |(i, _)| i),
    )
}

/// Rewords the parser's messages for trainers: strips a trailing position (printed
/// separately), and turns "unknown field …, expected one of …" into a short message
/// with the known keys and the likely intended one as the hint.
pub fn explain(raw: &str) -> (String, Option<String>) {
    let mut msg = raw.trim().to_string();
    for tail in [" at line ", ", line "] {
        if let Some(i) = msg.find(tail) {
            msg.truncate(i);
        }
    }
    let plain = match msg.as_str() {
        "expected string scalar" => Some((
            "expected text here",
            "put plain text after the key, e.g. `title: 第一课`",
        )),
        "expected mapping start" => Some((
            "expected `key: value` lines",
            "write one `key: value` per line",
        )),
        "expected sequence start" => Some((
            "expected a list",
            "write a list as `[a, b]` or as lines that start with `- `",
        )),
        "unclosed quote" => Some((
            "unclosed quote",
            "end the quoted text with the same quote mark on the same line, or leave the quotes out",
        )),
        "unclosed bracket '['" => Some((
            "unclosed `[`",
            "end the list with `]` on the same line, or write it as lines that start with `- `",
        )),
        "unclosed bracket '{'" => Some((
            "unclosed `{`",
            "end the mapping with `}` on the same line, or write it as `key: value` lines",
        )),
        _ => None,
    };
    if let Some((m, h)) = plain {
        return (m.to_string(), Some(h.to_string()));
    }
    let Some(i) = msg.find(", expected ") else {
        return (msg, None);
    };
    let expected = msg[i + ", expected ".len()..].to_string();
    msg.truncate(i);
    let unknown = ["unknown field", "unknown variant"]
        .into_iter()
        .find(|p| msg.starts_with(p));
    match unknown {
        Some(kind) => {
            let known: Vec<String> = expected
                .trim_start_matches("one of ")
                .trim_start_matches("either ")
                .replace('`', "")
                .replace(" or ", ", ")
                .split(", ")
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            let what = if kind == "unknown field" {
                "known keys"
            } else {
                "allowed values"
            };
            let wrong = msg.split('`').nth(1).unwrap_or("").to_string();
            let guess = super::suggest::did_you_mean(&wrong, known.iter().map(String::as_str));
            let list = format!("{what}: {}", known.join(", "));
            let hint = match guess {
                Some(g) => format!("{g} {list}"),
                None => list,
            };
            (msg, Some(hint))
        }
        None => (msg, Some(format!("expected {}", expected.replace('`', "")))),
    }
}

#[cfg(test)]
mod tests;
