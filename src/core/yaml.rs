//! YAML embedded in Markdown files (front matter and fenced blocks) and YAML files
//! of their own (`course.yaml`, UI strings), parsed once with `serde-saphyr` into
//! typed structs. Values that checks point at are [`At`]; every error and every
//! later check points into the file the trainer edits.

use super::diagnostics::Diagnostic;
use super::source::{Pos, Source};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_saphyr::{Location, MessageFormatter, Spanned};

/// A value with the line and column (1-based, in its YAML snippet) where it was
/// written, for checks that point at it. Compares, hashes and serializes as the
/// value alone, so positions never change a definition's hash.
#[derive(Clone, Debug, Default)]
pub struct At<T> {
    pub value: T,
    /// 0 when unknown (a default value).
    pub line: u32,
    pub col: u32,
}

impl<T> At<T> {
    pub fn new(value: T) -> Self {
        At {
            value,
            line: 0,
            col: 0,
        }
    }
}

impl<T> std::ops::Deref for At<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: PartialEq> PartialEq for At<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: std::hash::Hash> std::hash::Hash for At<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

impl<T: Serialize> Serialize for At<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<T>::deserialize(d)?;
        Ok(At {
            value: s.value,
            line: s.referenced.line() as u32,
            col: s.referenced.column() as u32,
        })
    }
}

/// A scalar whose type is checked by hand, so that a wrong one gets a trainer's
/// message rather than the parser's (`answer: yes` on a true/false question).
/// Serializes as the YAML value was written (`5`, `5.5`, `true`, `"五"`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Scalar {
    Bool(bool),
    Number(serde_json::Number),
    Text(String),
    /// A list, a mapping or nothing.
    Other,
}

impl Scalar {
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Scalar::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    /// The scalar as text, when it is one.
    pub fn text(&self) -> Option<String> {
        match self {
            Scalar::Bool(b) => Some(b.to_string()),
            Scalar::Number(n) => Some(n.to_string()),
            Scalar::Text(t) => Some(t.clone()),
            Scalar::Other => None,
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v.into()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(serde_json::Number::from_f64(v).map_or(Scalar::Other, Scalar::Number))
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_string()))
            }
            fn visit_unit<E>(self) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Scalar, A::Error> {
                while a.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Scalar, A::Error> {
                while a
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Scalar::Other)
            }
        }
        d.deserialize_any(V)
    }
}

/// One scalar or a list of them: an accepted answer or several for one blank
/// (`answers: [[退款, 退货], 5]`). Serializes as written.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(Scalar),
    Many(Vec<Scalar>),
}

impl OneOrMany {
    /// The texts, or `None` when one of them is not a scalar.
    pub fn texts(&self) -> Option<Vec<String>> {
        match self {
            OneOrMany::One(s) => s.text().map(|t| vec![t]),
            OneOrMany::Many(list) => list.iter().map(Scalar::text).collect(),
        }
    }
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a value or a list of values")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<OneOrMany, A::Error> {
                let mut out = Vec::new();
                while let Some(s) = a.next_element::<Scalar>()? {
                    out.push(s);
                }
                Ok(OneOrMany::Many(out))
            }
            fn visit_bool<E>(self, v: bool) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(Scalar::Bool(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(Scalar::Number(v.into())))
            }
            fn visit_u64<E>(self, v: u64) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(Scalar::Number(v.into())))
            }
            fn visit_f64<E>(self, v: f64) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(
                    serde_json::Number::from_f64(v).map_or(Scalar::Other, Scalar::Number),
                ))
            }
            fn visit_str<E>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(Scalar::Text(v.to_string())))
            }
            fn visit_unit<E>(self) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(Scalar::Other))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<OneOrMany, A::Error> {
                while a
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(OneOrMany::One(Scalar::Other))
            }
        }
        d.deserialize_any(V)
    }
}

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
    }
    o
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
        let raw = serde_saphyr::DefaultMessageFormatter.format_message(e);
        let (mut message, mut hint) = explain(&raw);
        let plain = raw.split(" at line ").next().unwrap_or(&raw).trim();
        if let Some(x) = loc.and_then(|l| {
            super::yaml_syntax::explain(self.yaml, l.line() as usize, plain, self.first_line)
        }) {
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
            for (l, key) in super::yaml_syntax::sibling_keys(&text, line, col) {
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
                match super::yaml_syntax::without_key(&text, l) {
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
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::path::Path;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        title: String,
        summary: Option<String>,
        options: Option<At<Vec<String>>>,
    }

    #[test]
    fn errors_point_into_the_file_with_known_keys_as_hint() {
        let text = "---\ntitle: x\ntitel: y\n---\n";
        let emb = Embedded::new(
            Source::new(Path::new("a.md"), text),
            "title: x\ntitel: y\n",
            2,
        );
        let err = emb.parse::<T>("front matter").unwrap_err();
        assert_eq!(err.pos, Some(Pos::new(3, 1)));
        assert_eq!(err.message, "front matter: unknown field `titel`");
        assert_eq!(
            err.hint.as_deref(),
            Some("did you mean `title`? known keys: title, summary, options")
        );
    }

    #[test]
    fn keys_and_values_of_an_indented_block() {
        // A block inside a list item: every file line is indented by three characters.
        let text = "1. 第一步\n\n   ```quiz\n   title: 甲\n   options:\n     - 乙\n   ```\n";
        let yaml = "title: 甲\noptions:\n  - 乙\n";
        let emb = Embedded::new(Source::new(Path::new("a.md"), text), yaml, 4);
        let t: T = emb.parse("quiz block").unwrap();
        let options = t.options.unwrap();
        assert_eq!(emb.at(&options), Pos::new(6, 6));
        assert_eq!(emb.key_of(&options, "options"), Pos::new(5, 4));
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut yaml = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (name, prev) in [
            ("b", "a"),
            ("c", "b"),
            ("d", "c"),
            ("e", "d"),
            ("f", "e"),
            ("g", "f"),
        ] {
            let list = vec![format!("*{prev}"); 10].join(", ");
            yaml.push_str(&format!("{name}: &{name} [{list}]\n"));
        }
        let emb = Embedded::new(Source::new(Path::new("a.md"), &yaml), &yaml, 1);
        let err = emb
            .parse::<std::collections::BTreeMap<String, serde::de::IgnoredAny>>("front matter")
            .unwrap_err();
        assert!(err.message.starts_with("front matter:"), "{}", err.message);
    }
}

#[cfg(test)]
mod text_tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn numbers_and_booleans_where_text_is_expected_stay_as_written() {
        #[derive(serde::Deserialize)]
        struct T {
            a: String,
            b: String,
            c: String,
            d: String,
            e: Vec<String>,
        }
        let yaml = "a: 100\nb: true\nc: 1.0\nd: 2026.10\ne: [5, 五, 0.50]\n";
        let t: T = Embedded::file(Source::new(Path::new("t.yaml"), yaml))
            .parse("t")
            .unwrap();
        assert_eq!(
            (t.a.as_str(), t.b.as_str(), t.c.as_str(), t.d.as_str()),
            ("100", "true", "1.0", "2026.10")
        );
        assert_eq!(t.e, ["5", "五", "0.50"]);
    }
}
