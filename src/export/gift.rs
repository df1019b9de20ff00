//! Moodle's GIFT text format: one `$CATEGORY:` per module, then each question
//! the format can hold, titled with its id, its Markdown text marked
//! `[markdown]`, with option feedback and the explanation as general feedback.
//! What GIFT cannot hold (ordering questions, more than one blank) is left out
//! and named in a warning. docs/deploy.md lists what changes on the way.

use crate::blocks::quiz::{Kind, Question, BLANK};

/// The Markdown sources of a question's text fields, as written in its block
/// (the checked [`Question`] keeps HTML for most of them).
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct Texts {
    #[serde(default)]
    pub explanation: Option<String>,
    #[serde(default)]
    pub options: Vec<OptionTexts>,
    #[serde(default)]
    pub pairs: Vec<PairTexts>,
}

#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct OptionTexts {
    #[serde(default)]
    pub feedback: Option<String>,
}

#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct PairTexts {
    #[serde(default)]
    pub left: Option<serde_json::Value>,
}

/// Why a question is not in the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    Order,
    Blanks(usize),
}

/// Text inside a question: GIFT's control characters escaped, line breaks as
/// `\n` (a blank line would end the question).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.trim().chars() {
        match c {
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A category line: levels separated by `/`, a `/` inside a title doubled.
pub fn category(levels: &[&str]) -> String {
    let parts: Vec<String> = levels
        .iter()
        .map(|l| l.trim().replace('/', "//").replace(['\n', '\r'], " "))
        .collect();
    format!("$CATEGORY: $course$/top/{}\n\n", parts.join("/"))
}

/// A weight in percent as GIFT writes it: at most five decimals, no trailing zeros.
fn percent(x: f64) -> String {
    let s = format!("{x:.5}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

fn number(x: f64) -> String {
    let s = format!("{x}");
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

fn feedback(f: Option<&String>) -> String {
    match f.map(|f| f.trim()).filter(|f| !f.is_empty()) {
        Some(f) => format!("#[markdown]{}", escape(f)),
        None => String::new(),
    }
}

/// One question in GIFT, or why it cannot be.
pub fn question(q: &Question, texts: &Texts) -> Result<String, Skip> {
    let general = match texts.explanation.as_deref().map(str::trim) {
        Some(e) if !e.is_empty() => format!("\n  ####[markdown]{}", escape(e)),
        _ => String::new(),
    };
    let title = format!("::{}::", escape(&q.id));
    let prompt = format!("[markdown]{}", escape(&q.prompt));
    let fb = |i: usize| feedback(texts.options.get(i).and_then(|o| o.feedback.as_ref()));
    let body = match &q.kind {
        Kind::Single { options } => options
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let mark = if o.correct { '=' } else { '~' };
                format!("\n  {mark}[markdown]{}{}", escape(&o.text), fb(i))
            })
            .collect::<String>(),
        Kind::Multiple { options } => {
            // Each right option is worth an equal share, each wrong one takes a
            // share away: the same sum as `partial: true`, never below 0 in Moodle.
            let rights = options.iter().filter(|o| o.correct).count().max(1) as f64;
            let w = 100.0 / rights;
            options
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    let weight = if o.correct { w } else { -w.min(100.0) };
                    format!(
                        "\n  ~%{}%[markdown]{}{}",
                        percent(weight),
                        escape(&o.text),
                        fb(i)
                    )
                })
                .collect()
        }
        Kind::Truefalse { answer } => format!(" {}", if *answer { "TRUE" } else { "FALSE" }),
        Kind::Fill { answers } => {
            let blanks = q.prompt.matches(BLANK).count();
            if answers.len() != 1 || blanks != 1 {
                return Err(Skip::Blanks(answers.len()));
            }
            let accepted: String = answers[0]
                .iter()
                .map(|a| format!(" ={}", escape(a)))
                .collect();
            // The blank stands where the trainee types: GIFT's "missing word" form.
            let (before, after) = q.prompt.split_once(BLANK).unwrap_or((&q.prompt, ""));
            let after = escape(after);
            let after = if after.is_empty() {
                after
            } else {
                format!(" {after}")
            };
            return Ok(format!(
                "{title}[markdown]{} {{{accepted}{general}\n}}{after}\n\n",
                escape(before)
            ));
        }
        Kind::Order { .. } => return Err(Skip::Order),
        Kind::Match { pairs } => pairs
            .iter()
            .enumerate()
            .map(|(i, (_, right))| {
                let left = texts
                    .pairs
                    .get(i)
                    .and_then(|p| p.left.as_ref())
                    .map(text_of)
                    .unwrap_or_default();
                format!("\n  =[markdown]{} -> {}", escape(&left), escape(right))
            })
            .collect(),
        Kind::Numeric {
            low,
            high,
            answer,
            tolerance,
        } => match answer {
            Some(a) => format!(" #{}:{}", number(*a), number(*tolerance)),
            None => format!(" #{}..{}", number(*low), number(*high)),
        },
    };
    Ok(format!("{title}{prompt} {{{body}{general}\n}}\n\n"))
}

/// A YAML scalar as text (`left: 100` is a number in YAML).
fn text_of(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_and_lines_joined() {
        assert_eq!(escape("a=b {c}\n\n~d#: \\"), r"a\=b \{c\}\n\n\~d\#\: \\");
        assert_eq!(
            category(&["客户服务", "a/b"]),
            "$CATEGORY: $course$/top/客户服务/a//b\n\n"
        );
        assert_eq!(percent(100.0 / 3.0), "33.33333");
        assert_eq!(percent(-50.0), "-50");
    }
}
