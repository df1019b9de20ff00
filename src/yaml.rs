//! YAML embedded in Markdown files (front matter and fenced blocks), parsed with
//! serde_yaml, with every error and every later check pointing into the `.md` file.
//!
//! serde_yaml gives no positions for values once parsed, so a [`YamlMap`] built from
//! yaml-rust2's marked events maps a path such as `nodes.open.choices[1].next` to the
//! line and column where that key or value stands.

use crate::diagnostics::{Diagnostic, Pos, Source};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// A YAML snippet and where it sits in its `.md` file.
#[derive(Clone, Copy)]
pub struct Embedded<'a> {
    pub source: Source<'a>,
    pub yaml: &'a str,
    /// The `.md` line on which the snippet's first line stands (1-based).
    pub first_line: usize,
}

/// How many characters a snippet line is indented by in the file.
fn shift(in_file: &str, in_yaml: &str) -> usize {
    in_file
        .chars()
        .count()
        .saturating_sub(in_yaml.chars().count())
}

impl<'a> Embedded<'a> {
    pub fn new(source: Source<'a>, yaml: &'a str, first_line: usize) -> Self {
        Embedded {
            source,
            yaml,
            first_line,
        }
    }

    /// Translates a 1-based line and column inside the snippet into the `.md` file.
    /// Fenced blocks nested in lists or quotes are indented in the file; the
    /// difference in length between the two lines gives that indent.
    pub fn to_file_pos(&self, line: usize, col: usize) -> Pos {
        let file_line = self.first_line + line.saturating_sub(1);
        let in_yaml = self.yaml.lines().nth(line.saturating_sub(1)).unwrap_or("");
        let in_file = self
            .source
            .text
            .lines()
            .nth(file_line.saturating_sub(1))
            .unwrap_or("");
        Pos::new(file_line, col.max(1) + shift(in_file, in_yaml))
    }

    /// [`Self::to_file_pos`] for many positions: reads the file once instead of once
    /// per position, which matters for blocks with hundreds of keys.
    fn file_positions(&self) -> impl Fn(usize, usize) -> Pos + '_ {
        let file_lines = self
            .source
            .text
            .lines()
            .skip(self.first_line.saturating_sub(1));
        let shifts: Vec<usize> = self
            .yaml
            .lines()
            .zip(file_lines.chain(std::iter::repeat("")))
            .map(|(in_yaml, in_file)| shift(in_file, in_yaml))
            .collect();
        move |line, col| match shifts.get(line.saturating_sub(1)) {
            Some(s) => Pos::new(self.first_line + line.saturating_sub(1), col.max(1) + s),
            None => self.to_file_pos(line, col),
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
            let pos = self.to_file_pos(1, 1);
            return Err(self.error(pos, format!("{what} is empty")));
        }
        serde_yaml::from_str(self.yaml).map_err(|e| self.yaml_error(what, &e))
    }

    fn yaml_error(&self, what: &str, e: &serde_yaml::Error) -> Diagnostic {
        let pos = e
            .location()
            .map(|l| self.to_file_pos(l.line(), l.column()))
            .unwrap_or_else(|| self.to_file_pos(1, 1));
        let (message, hint) = explain_serde_error(&e.to_string());
        let d = self.error(pos, format!("{what}: {message}"));
        match hint {
            Some(h) => d.hint(h),
            None => d,
        }
    }

    /// A map from YAML paths to positions in the `.md` file.
    pub fn map(&self) -> YamlMap {
        YamlMap::build(self)
    }
}

/// Rewords serde's messages for trainers: strips the " at line X column Y" suffix
/// (the position is printed separately) and turns serde's list of expected fields
/// into a hint naming the known keys.
pub fn explain_serde_error(raw: &str) -> (String, Option<String>) {
    let mut msg = raw.to_string();
    if let Some(i) = msg.find(" at line ") {
        msg.truncate(i);
    }
    let Some(i) = msg.find(", expected ") else {
        return (msg, None);
    };
    let expected = msg[i + ", expected ".len()..].to_string();
    msg.truncate(i);
    if msg.starts_with("unknown field") || msg.starts_with("unknown variant") {
        let known = expected
            .trim_start_matches("one of ")
            .replace('`', "")
            .replace(" or ", ", ");
        let what = if msg.starts_with("unknown field") {
            "known keys"
        } else {
            "allowed values"
        };
        return (msg, Some(format!("{what}: {known}")));
    }
    (msg, Some(format!("expected {}", expected.replace('`', ""))))
}

/// Where each key and value of a YAML document stands in the `.md` file.
///
/// Paths join mapping keys with `.` and sequence indices with `[i]`:
/// `options[2].correct`. For a mapping entry, `key_pos` is where its key stands and
/// `value_pos` where its value starts.
#[derive(Default, Debug)]
pub struct YamlMap {
    keys: HashMap<String, Pos>,
    values: HashMap<String, Pos>,
    fallback: Pos,
}

impl YamlMap {
    fn build(emb: &Embedded) -> YamlMap {
        let mut rec = Recorder {
            stack: Vec::new(),
            keys: HashMap::new(),
            values: HashMap::new(),
        };
        let mut parser = Parser::new_from_str(emb.yaml);
        // A syntax error was already reported by serde_yaml; keep what was mapped.
        let _ = parser.load(&mut rec, false);
        let at = emb.file_positions();
        let fix = |m: Marker| at(m.line(), m.col() + 1);
        YamlMap {
            keys: rec.keys.into_iter().map(|(k, m)| (k, fix(m))).collect(),
            values: rec.values.into_iter().map(|(k, m)| (k, fix(m))).collect(),
            fallback: emb.to_file_pos(1, 1),
        }
    }

    /// Where the key of `path` stands; falls back to the nearest parent that is known.
    pub fn key(&self, path: &str) -> Pos {
        self.lookup(path, true)
    }

    /// Where the value of `path` starts; falls back to the nearest parent that is known.
    pub fn value(&self, path: &str) -> Pos {
        self.lookup(path, false)
    }

    fn lookup(&self, path: &str, key_first: bool) -> Pos {
        let mut p = path;
        loop {
            let found = if key_first {
                self.keys.get(p).or_else(|| self.values.get(p))
            } else {
                self.values.get(p).or_else(|| self.keys.get(p))
            };
            if let Some(pos) = found {
                return *pos;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return self.fallback,
            }
        }
    }
}

enum Frame {
    Map {
        path: String,
        pending_key: Option<String>,
    },
    Seq {
        path: String,
        next: usize,
    },
}

struct Recorder {
    stack: Vec<Frame>,
    keys: HashMap<String, Marker>,
    values: HashMap<String, Marker>,
}

fn join_key(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

impl Recorder {
    /// Claims the path of the node that starts now, or `None` when it is a mapping key.
    fn node_path(&mut self, scalar: Option<&str>, mark: Marker) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Seq { path, next }) => {
                let p = format!("{path}[{next}]");
                *next += 1;
                Some(p)
            }
            Some(Frame::Map { path, pending_key }) => match pending_key.take() {
                Some(key) => Some(join_key(path, &key)),
                None => {
                    let key = scalar.unwrap_or("?").to_string();
                    // A block mapping starts where its first key stands.
                    if !self.values.contains_key(path.as_str()) {
                        self.values.insert(path.clone(), mark);
                    }
                    self.keys.insert(join_key(path, &key), mark);
                    *pending_key = Some(key);
                    None
                }
            },
        }
    }
}

impl MarkedEventReceiver for Recorder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, ..) => {
                if let Some(path) = self.node_path(Some(&value), mark) {
                    self.values.insert(path, mark);
                }
            }
            Event::MappingStart(..) => {
                let path = self.node_path(None, mark).unwrap_or_default();
                self.stack.push(Frame::Map {
                    path,
                    pending_key: None,
                });
            }
            Event::SequenceStart(..) => {
                let path = self.node_path(None, mark).unwrap_or_default();
                self.values.entry(path.clone()).or_insert(mark);
                self.stack.push(Frame::Seq { path, next: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            Event::Alias(..) => {
                if let Some(path) = self.node_path(None, mark) {
                    self.values.insert(path, mark);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn maps_nested_paths_to_file_positions() {
        let text = "# t\n\n```quiz\ntype: single\noptions:\n  - text: 甲\n    correct: true\n  - text: 乙\n```\n";
        let yaml = "type: single\noptions:\n  - text: 甲\n    correct: true\n  - text: 乙\n";
        let emb = Embedded::new(Source::new(Path::new("a.md"), text), yaml, 4);
        let map = emb.map();
        assert_eq!(map.key("options"), Pos::new(5, 1));
        assert_eq!(map.value("options[1]"), Pos::new(8, 5));
        assert_eq!(map.key("options[0].correct"), Pos::new(7, 5));
        assert_eq!(map.value("options[1].text"), Pos::new(8, 11));
        // Unknown paths fall back to the nearest known parent.
        assert_eq!(map.key("options[1].feedback"), Pos::new(8, 5));
    }

    #[test]
    fn positions_in_an_indented_block_match_one_by_one_lookup() {
        // A quiz inside a list item: every file line is indented by three characters.
        let text =
            "1. 第一步\n\n   ```quiz\n   type: single\n   options:\n     - text: 甲\n   ```\n";
        let yaml = "type: single\noptions:\n  - text: 甲\n";
        let emb = Embedded::new(Source::new(Path::new("a.md"), text), yaml, 4);
        let at = emb.file_positions();
        for line in 1..=5 {
            for col in 0..=6 {
                assert_eq!(at(line, col), emb.to_file_pos(line, col), "{line}:{col}");
            }
        }
        assert_eq!(at(3, 5), Pos::new(6, 8));
    }

    #[test]
    fn serde_errors_point_into_the_file_with_known_keys_as_hint() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            title: String,
            summary: Option<String>,
        }
        let text = "---\ntitle: x\ntitel: y\n---\n";
        let emb = Embedded::new(
            Source::new(Path::new("a.md"), text),
            "title: x\ntitel: y\n",
            2,
        );
        let err = emb.parse::<T>("front matter").unwrap_err();
        assert_eq!(err.pos, Some(Pos::new(3, 1)));
        assert_eq!(err.message, "front matter: unknown field `titel`");
        assert_eq!(err.hint.as_deref(), Some("known keys: title, summary"));
    }
}
