//! YAML syntax mistakes explained the way a trainer can fix them. The parser says
//! where it gave up ("mapping values are not allowed in this context"); this module
//! looks at the lines around that place and names the usual cause — a value that
//! contains `: `, a key without its `:`, a line indented too far or not in line —
//! with the line to change and what to write there.
//!
//! Only called once the parser has failed, so a guess can never flag valid YAML.

/// A parser error turned into the trainer's terms. Lines and columns are 1-based,
/// in the snippet.
#[derive(Debug, PartialEq, Eq)]
pub struct Explained {
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: String,
}

/// Explains the parser's `raw` message at `line` of `yaml`, when the cause is one
/// of the usual ones. `first_line` is the file line of the snippet's first line, for
/// naming other lines in the hint.
pub fn explain(yaml: &str, line: usize, raw: &str, first_line: usize) -> Option<Explained> {
    let lines: Vec<&str> = yaml.lines().collect();
    let line = line.clamp(1, lines.len().max(1));
    let file_line = |i: usize| first_line + i - 1;
    // Type errors about well-formed YAML are the schema's to explain.
    let about_keys = [
        "unknown field",
        "unknown variant",
        "missing field",
        "duplicate field",
    ]
    .iter()
    .any(|p| raw.starts_with(p));
    if about_keys {
        return None;
    }
    too_deep(&lines, line, file_line)
        .or_else(|| colon_in_value(&lines, line, raw))
        .or_else(|| missing_colon(&lines, line, raw))
        .or_else(|| out_of_line(&lines, line, raw, file_line))
}

/// Leading spaces.
fn indent(l: &str) -> usize {
    l.chars().take_while(|c| *c == ' ').count()
}

/// Where a line's content starts once its list dashes are passed: the column of
/// the key in `  - text: a` (4, from 0).
fn content_col(l: &str) -> usize {
    let mut col = indent(l);
    let mut rest = &l[col..];
    while let Some(r) = rest.strip_prefix("- ") {
        let spaces = indent(r);
        col += 2 + spaces;
        rest = &r[spaces..];
    }
    col
}

/// The line's content after its indentation and list dashes.
fn content(l: &str) -> &str {
    let mut rest = l.trim_start_matches(' ');
    while let Some(r) = rest.strip_prefix("- ") {
        rest = r.trim_start_matches(' ');
    }
    rest
}

fn is_blank(l: &str) -> bool {
    let t = l.trim();
    t.is_empty() || t.starts_with('#')
}

/// `key` and the rest of a `key: value` line (the rest may be empty).
fn key_value(l: &str) -> Option<(&str, &str)> {
    let c = content(l);
    let (key, value) = match c.split_once(": ") {
        Some((k, v)) => (k, v.trim()),
        None => (c.strip_suffix(':')?, ""),
    };
    let plain = !key.is_empty()
        && !key.contains([' ', '"', '\'', '[', '{', '#'])
        && !key.starts_with(['-', '&', '*', '!']);
    plain.then_some((key, value))
}

/// A key as syllabus spells its keys: ASCII letters, digits and `_`.
fn is_key_word(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A line that starts a key or a list item indented deeper than a line above that
/// is already complete (`title: x` then `  summary: y`).
fn too_deep(lines: &[&str], line: usize, file_line: impl Fn(usize) -> usize) -> Option<Explained> {
    for x in [line, line + 1] {
        let Some(this) = lines.get(x.wrapping_sub(1)).copied() else {
            continue;
        };
        if is_blank(this) || (key_value(this).is_none() && !this.trim_start().starts_with("- ")) {
            continue;
        }
        let Some((p, above)) = (1..x)
            .rev()
            .map(|i| (i, lines[i - 1]))
            .find(|(_, l)| !is_blank(l))
        else {
            continue;
        };
        let complete = match key_value(above) {
            // A block scalar, an anchor or a tag goes on below.
            Some((_, v)) => !v.is_empty() && !v.starts_with(['|', '>', '&', '!']),
            None => above.trim_start().starts_with("- "),
        };
        // A list item is placed by its dash, a key by where it starts.
        let at = if this.trim_start().starts_with("- ") {
            indent(this)
        } else {
            content_col(this)
        };
        if !complete || at <= content_col(above) {
            continue;
        }
        let what = short(content(this));
        let with = short(content(above));
        return Some(Explained {
            line: x,
            col: content_col(this) + 1,
            message: "this line is indented further than the line above".into(),
            hint: format!(
                "line up `{what}` with `{with}` on line {}: YAML reads a deeper line as part of the one above",
                file_line(p)
            ),
        });
    }
    None
}

/// `title: 什么是优质服务: 三要素`: the second `: ` reads as another key.
fn colon_in_value(lines: &[&str], line: usize, raw: &str) -> Option<Explained> {
    if raw != "mapping values are not allowed in this context" {
        return None;
    }
    let l = lines.get(line - 1)?;
    let (key, value) = key_value(l)?;
    if !(value.contains(": ") || value.ends_with(':')) || value.starts_with(['"', '\'']) {
        return None;
    }
    let prefix = &l[..l.len() - content(l).len()];
    let quoted = if value.contains('"') {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{value}\"")
    };
    let value_col = l.find(value).map_or(1, |b| l[..b].chars().count() + 1);
    let colon = value.find(':').map_or(0, |b| value[..b].chars().count());
    Some(Explained {
        line,
        col: value_col + colon,
        message: format!("the value of `{key}` contains `: `, which YAML reads as another key"),
        hint: format!(
            "put the value in quotes: `{}{key}: {quoted}`",
            prefix.trim_start()
        ),
    })
}

/// Keys of syllabus's own YAML, to tell `title 标题` (a key without its `:`)
/// from a sentence.
const KEYS: &[&str] = &[
    "title",
    "summary",
    "objectives",
    "duration",
    "weight",
    "slug",
    "draft",
    "quiz",
    "extra",
    "id",
    "language",
    "description",
    "authors",
    "version",
    "pass_mark",
    "completion",
    "certificate",
    "theme",
    "type",
    "prompt",
    "options",
    "text",
    "correct",
    "feedback",
    "answer",
    "answers",
    "items",
    "pairs",
    "left",
    "right",
    "tolerance",
    "range",
    "hint",
    "explanation",
    "points",
    "shuffle",
    "partial",
    "draw",
    "from",
    "attempts",
    "reveal",
    "customer",
    "persona",
    "skills",
    "start",
    "pass_score",
    "nodes",
    "endings",
    "say",
    "mood",
    "choices",
    "reply",
    "next",
    "score",
    "outcome",
    "categories",
    "questions",
    "bands",
    "min",
    "max",
    "rows",
];

/// `summary 一句话` or `objectives` alone: a key without its `:`.
fn missing_colon(lines: &[&str], line: usize, raw: &str) -> Option<Explained> {
    const RAW: [&str; 3] = [
        "simple key expected ':'",
        "expected mapping start",
        "while parsing a block mapping, did not find expected key",
    ];
    if !RAW.contains(&raw) {
        return None;
    }
    let l = lines.get(line - 1)?;
    let c = content(l);
    let (word, rest) = match c.split_once(' ') {
        Some((w, r)) => (w, r.trim()),
        None => (c.trim(), ""),
    };
    if !is_key_word(word) || c.contains(": ") || c.ends_with(':') {
        return None;
    }
    // `just a sentence` is not a key, unless keys stand beside it.
    let at = content_col(l);
    let among_keys = lines
        .iter()
        .any(|o| !std::ptr::eq(*o, *l) && content_col(o) == at && key_value(o).is_some());
    if !KEYS.contains(&word) && !among_keys {
        return None;
    }
    let dash = &l[indent(l)..l.len() - c.len()];
    let fixed = if rest.is_empty() {
        format!("{dash}{word}:")
    } else {
        format!("{dash}{word}: {rest}")
    };
    Some(Explained {
        line,
        col: content_col(l) + word.chars().count() + 1,
        message: format!("missing `:` after `{word}`"),
        hint: format!("write `{fixed}`"),
    })
}

/// A line whose indentation matches none of the lines it belongs with.
fn out_of_line(
    lines: &[&str],
    line: usize,
    raw: &str,
    file_line: impl Fn(usize) -> usize,
) -> Option<Explained> {
    const RAW: [&str; 3] = [
        "while parsing a block mapping, did not find expected key",
        "invalid indentation",
        "while parsing a block collection, did not find expected '-' indicator",
    ];
    if !RAW.contains(&raw) {
        return None;
    }
    let this = lines.get(line - 1)?;
    if is_blank(this) {
        return None;
    }
    let item = this.trim_start().starts_with("- ");
    let (p, above) = (1..line).rev().map(|i| (i, lines[i - 1])).find(|(_, l)| {
        !is_blank(l) && l.trim_start().starts_with("- ") == item && indent(l) != indent(this)
    })?;
    Some(Explained {
        line,
        col: indent(this) + 1,
        message: "this line does not line up with the lines above".into(),
        hint: format!(
            "line up `{}` with `{}` on line {}: lines of one list or one group of keys start in the same column",
            short(this.trim_start()),
            short(above.trim_start()),
            file_line(p)
        ),
    })
}

/// The other keys of the mapping that holds the key on `line` (1-based) at
/// character column `col`, with their lines: the keys a trainer wrote beside an
/// unknown one, to report every unknown key at once.
pub fn sibling_keys(yaml: &str, line: usize, col: usize) -> Vec<(usize, String)> {
    let lines: Vec<&str> = yaml.lines().collect();
    let Some(this) = lines.get(line.wrapping_sub(1)) else {
        return Vec::new();
    };
    let at = col.saturating_sub(1);
    let mut out = Vec::new();
    // Upwards to the line that starts this mapping, downwards to its end.
    let mut up = true;
    if content_col(this) == at && this.trim_start().starts_with("- ") {
        up = false;
    }
    if up {
        for i in (1..line).rev() {
            let l = lines[i - 1];
            if is_blank(l) || (indent(l) > at) {
                continue;
            }
            if content_col(l) != at {
                break;
            }
            if let Some((k, _)) = key_value(l) {
                out.push((i, k.to_string()));
            }
            if indent(l) < at {
                break;
            }
        }
    }
    for (i, l) in lines.iter().enumerate().skip(line) {
        if is_blank(l) || indent(l) > at {
            continue;
        }
        if indent(l) < at || content_col(l) != at {
            break;
        }
        if let Some((k, _)) = key_value(l) {
            out.push((i + 1, k.to_string()));
        }
    }
    out.sort();
    out
}

/// `yaml` with the key on `line` (1-based) and the lines nested under it made
/// blank, keeping the line count so positions stay right. `None` when the key
/// starts a list item, whose dash cannot go.
pub fn without_key(yaml: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = yaml.split_inclusive('\n').collect();
    let this = lines.get(line.wrapping_sub(1))?;
    if this.trim_start().starts_with("- ") {
        return None;
    }
    let at = content_col(this);
    let mut out = String::with_capacity(yaml.len());
    let mut nested = false;
    for (i, l) in lines.iter().enumerate() {
        let n = i + 1;
        nested = n == line || (nested && (is_blank(l) || indent(l) > at));
        if nested {
            out.push_str(if l.ends_with('\n') { "\n" } else { "" });
        } else {
            out.push_str(l);
        }
    }
    Some(out)
}

/// The start of a line, to name it in a hint.
fn short(s: &str) -> String {
    let s = s.trim_end();
    let head: String = s.chars().take(20).collect();
    if head.len() < s.len() {
        format!("{head}…")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(yaml: &str, line: usize, raw: &str) -> Option<(usize, usize, String, String)> {
        explain(yaml, line, raw, 2).map(|e| (e.line, e.col, e.message, e.hint))
    }

    #[test]
    fn a_value_with_a_colon_is_quoted() {
        let e = at(
            "title: 什么是优质服务: 三要素\n",
            1,
            "mapping values are not allowed in this context",
        )
        .unwrap();
        assert_eq!(e.1, 15);
        assert_eq!(
            e.3,
            "put the value in quotes: `title: \"什么是优质服务: 三要素\"`"
        );
        let e = at(
            "options:\n  - text: 说 \"好\": 可以\n",
            2,
            "mapping values are not allowed in this context",
        )
        .unwrap();
        assert_eq!(e.3, "put the value in quotes: `- text: '说 \"好\": 可以'`");
    }

    #[test]
    fn a_key_without_colon() {
        let e = at("title: x\nsummary 一句话\n", 2, "simple key expected ':'").unwrap();
        assert_eq!((e.0, e.1), (2, 8));
        assert_eq!(e.2, "missing `:` after `summary`");
        assert_eq!(e.3, "write `summary: 一句话`");
        let e = at("a: 1\nopts:\n  - text a\n", 3, "expected mapping start").unwrap();
        assert_eq!(e.3, "write `- text: a`");
        // A sentence is not a key.
        assert_eq!(at("这是一个问题\n", 1, "expected mapping start"), None);
    }

    #[test]
    fn keys_beside_an_unknown_one() {
        let yaml = "titel: a\nduraton: 5\nobjectives:\n  - x\nsumary: b\n";
        assert_eq!(
            sibling_keys(yaml, 1, 1),
            [
                (2, "duraton".to_string()),
                (3, "objectives".into()),
                (5, "sumary".into())
            ]
        );
        let yaml = "options:\n  - text: a\n    corect: true\n    feedbak: x\n  - text: b\n";
        assert_eq!(
            sibling_keys(yaml, 3, 5),
            [(2, "text".to_string()), (4, "feedbak".into())]
        );
        assert_eq!(
            without_key("a: 1\nb:\n  - x\nc: 2\n", 2).as_deref(),
            Some("a: 1\n\n\nc: 2\n")
        );
        assert_eq!(without_key("o:\n  - corect: 1\n", 2), None);
    }

    #[test]
    fn indentation() {
        let e = at(
            "title: x\n summary: y\n",
            2,
            "mapping values are not allowed in this context",
        )
        .unwrap();
        assert_eq!((e.0, e.1), (2, 2));
        assert_eq!(e.2, "this line is indented further than the line above");
        assert!(e
            .3
            .starts_with("line up `summary: y` with `title: x` on line 2"));
        let e = at(
            "objectives:\n  - 一\n - 二\n",
            3,
            "while parsing a block mapping, did not find expected key",
        )
        .unwrap();
        assert_eq!(e.2, "this line does not line up with the lines above");
        assert!(
            e.3.starts_with("line up `- 二` with `- 一` on line 3"),
            "{}",
            e.3
        );
    }
}
