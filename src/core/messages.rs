//! The language diagnostics are printed in, and their translations.
//!
//! Every check writes its message and hint in English, where it finds the problem.
//! Translation happens once, when the diagnostics are printed: each English text is
//! matched against the templates of one catalogue (`messages.zh-CN.yaml`, embedded
//! at compile time) and rewritten into the trainer's language. So a check added
//! anywhere needs no change at its call site, and a test (`tests/messages.rs`)
//! fails when one of its messages has no template yet. A text no template matches
//! is printed in English, never lost.
//!
//! In a template `{0}`…`{9}` stand for a name or value copied as it is; `{m0}`…`{m9}`
//! for a part that is itself a message of the catalogue, translated in turn
//! (`front matter: {m0}`).

use super::diagnostics::{Diagnostic, Diagnostics};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A language diagnostics can be printed in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    ZhCn,
}

impl Lang {
    /// The language of a BCP 47 tag (`zh-CN`) or a locale (`zh_CN.UTF-8`); `None`
    /// for a locale that names no language (`C`, `POSIX`, empty).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.split(['.', '@']).next().unwrap_or("").trim();
        if tag.is_empty() || tag == "C" || tag == "POSIX" {
            return None;
        }
        let lower = tag.to_ascii_lowercase().replace('_', "-");
        let mut parts = lower.split('-');
        Some(match parts.next() {
            // Traditional-script regions get English rather than simplified characters.
            Some("zh") if !parts.any(|p| matches!(p, "tw" | "hk" | "mo" | "hant")) => Lang::ZhCn,
            _ => Lang::En,
        })
    }

    /// The tag `--lang` takes and JSON output names.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language to print in: `--lang`, else `LC_ALL`, else the course's
    /// `language:`, else `LANG`, else English (see docs/authoring.md).
    pub fn choose(course_language: Option<&str>) -> Lang {
        let env = |name: &str| std::env::var(name).ok().and_then(|v| Lang::from_tag(&v));
        cli_choice()
            .or_else(|| env("LC_ALL"))
            .or_else(|| course_language.and_then(Lang::from_tag))
            .or_else(|| env("LANG"))
            .unwrap_or_default()
    }
}

static CLI_CHOICE: OnceLock<Option<Lang>> = OnceLock::new();

/// Records the command line's `--lang` for [`Lang::choose`]; the first call wins.
pub fn set_cli_choice(tag: Option<&str>) {
    let _ = CLI_CHOICE.set(tag.and_then(Lang::from_tag));
}

/// The language named on the command line, if any.
pub fn cli_choice() -> Option<Lang> {
    CLI_CHOICE.get().copied().flatten()
}

/// `text` in `lang`; English when the catalogue has no template for it.
pub fn tr(lang: Lang, text: &str) -> Cow<'_, str> {
    match translate(lang, text) {
        Some(t) => Cow::Owned(t),
        None => Cow::Borrowed(text),
    }
}

/// `text` in `lang`, or `None` when no template of the catalogue matches it.
pub fn translate(lang: Lang, text: &str) -> Option<String> {
    match lang {
        Lang::En => Some(text.to_string()),
        Lang::ZhCn => zh_cn().translate(text, 0),
    }
}

impl Diagnostic {
    /// The diagnostic with its message, hint and labels in `lang`.
    pub fn translated(&self, lang: Lang) -> Diagnostic {
        let mut d = self.clone();
        if lang == Lang::En {
            return d;
        }
        d.message = tr(lang, &d.message).into_owned();
        d.hint = d.hint.map(|h| tr(lang, &h).into_owned());
        for r in &mut d.related {
            r.label = tr(lang, &r.label).into_owned();
        }
        d
    }
}

impl Diagnostics {
    /// The language the diagnostics are in.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Every diagnostic in `lang`, and the summary too.
    pub fn translated(&self, lang: Lang) -> Diagnostics {
        let mut out: Diagnostics = self.iter().map(|d| d.translated(lang)).collect();
        out.lang = lang;
        out
    }
}

/// One piece of a template.
#[derive(Debug, PartialEq)]
enum Part {
    Text(String),
    /// A value copied as it is.
    Value(usize),
    /// A message translated in turn.
    Message(usize),
}

#[derive(Debug)]
struct Template {
    parts: Vec<Part>,
    out: Vec<Part>,
}

/// A catalogue: templates tried most specific (longest fixed text) first.
struct Catalogue {
    templates: Vec<Template>,
}

const ZH_CN: &str = include_str!("messages.zh-CN.yaml");

fn zh_cn() -> &'static Catalogue {
    static CAT: OnceLock<Catalogue> = OnceLock::new();
    CAT.get_or_init(|| Catalogue::parse(ZH_CN).unwrap_or(Catalogue { templates: vec![] }))
}

/// Nested messages deeper than this are copied as they are.
const MAX_DEPTH: usize = 4;

impl Catalogue {
    fn parse(yaml: &str) -> Result<Catalogue, String> {
        let map: HashMap<String, String> =
            serde_saphyr::from_str(yaml).map_err(|e| e.to_string())?;
        let mut templates: Vec<Template> = map
            .iter()
            .map(|(en, zh)| Template {
                parts: parse_template(en),
                out: parse_template(zh),
            })
            .collect();
        templates.sort_by_key(|t| std::cmp::Reverse(fixed_len(&t.parts)));
        Ok(Catalogue { templates })
    }

    fn translate(&self, text: &str, depth: usize) -> Option<String> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.templates.iter().find_map(|t| {
            let mut caps = vec![None; 10];
            self.matches(&t.parts, text, &mut caps, depth)
                .then(|| fill(&t.out, &caps))
        })
    }

    /// Whether `parts` match all of `text`, recording what each placeholder stands for
    /// (a nested message already translated).
    fn matches(
        &self,
        parts: &[Part],
        text: &str,
        caps: &mut Vec<Option<String>>,
        depth: usize,
    ) -> bool {
        let Some((first, rest)) = parts.split_first() else {
            return text.is_empty();
        };
        match first {
            Part::Text(t) => text
                .strip_prefix(t.as_str())
                .is_some_and(|r| self.matches(rest, r, caps, depth)),
            Part::Value(i) | Part::Message(i) => {
                let nested = matches!(first, Part::Message(_));
                let try_capture = |cap: &str, after: &str, caps: &mut Vec<Option<String>>| {
                    let value = if nested {
                        match self.translate(cap, depth + 1) {
                            Some(v) => v,
                            None => return false,
                        }
                    } else {
                        cap.to_string()
                    };
                    caps[*i] = Some(value);
                    self.matches(rest, after, caps, depth)
                };
                match rest.first() {
                    None => try_capture(text, "", caps),
                    Some(Part::Text(next)) => text
                        .match_indices(next.as_str())
                        .any(|(at, _)| try_capture(&text[..at], &text[at..], caps)),
                    // Two placeholders side by side cannot be told apart.
                    Some(_) => false,
                }
            }
        }
    }
}

fn fill(out: &[Part], caps: &[Option<String>]) -> String {
    let mut s = String::new();
    for p in out {
        match p {
            Part::Text(t) => s.push_str(t),
            Part::Value(i) | Part::Message(i) => s.push_str(caps[*i].as_deref().unwrap_or("")),
        }
    }
    s
}

fn fixed_len(parts: &[Part]) -> usize {
    parts
        .iter()
        .map(|p| match p {
            Part::Text(t) => t.chars().count(),
            _ => 0,
        })
        .sum()
}

/// `unknown field `{0}`` into its pieces.
fn parse_template(t: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut rest = t;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let placeholder = after.find('}').and_then(|close| {
            let inner = &after[..close];
            let (nested, digit) = match inner.strip_prefix('m') {
                Some(d) => (true, d),
                None => (false, inner),
            };
            let i: usize = (digit.len() == 1).then(|| digit.parse().ok())??;
            Some((nested, i, close))
        });
        match placeholder {
            Some((nested, i, close)) => {
                text.push_str(&rest[..open]);
                if !text.is_empty() {
                    parts.push(Part::Text(std::mem::take(&mut text)));
                }
                parts.push(if nested {
                    Part::Message(i)
                } else {
                    Part::Value(i)
                });
                rest = &after[close + 1..];
            }
            None => {
                text.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    text.push_str(rest);
    if !text.is_empty() {
        parts.push(Part::Text(text));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(parts: &[Part]) -> Vec<String> {
        let mut v: Vec<String> = parts
            .iter()
            .filter_map(|p| match p {
                Part::Value(i) => Some(format!("{{{i}}}")),
                Part::Message(i) => Some(format!("{{m{i}}}")),
                Part::Text(_) => None,
            })
            .collect();
        v.sort();
        v
    }

    #[test]
    fn the_catalogue_reads_and_each_translation_keeps_its_placeholders() {
        let map: HashMap<String, String> = serde_saphyr::from_str(ZH_CN).expect("catalogue");
        assert!(map.len() > 50);
        for (en, zh) in &map {
            let (e, z) = (parse_template(en), parse_template(zh));
            assert_eq!(placeholders(&e), placeholders(&z), "{en}");
            let side_by_side = e
                .windows(2)
                .any(|w| !matches!(w[0], Part::Text(_)) && !matches!(w[1], Part::Text(_)));
            assert!(!side_by_side, "two placeholders side by side: {en}");
            // Outside `code`, Chinese takes full-width punctuation.
            let prose: String = zh.split('`').step_by(2).collect();
            assert!(
                !prose.contains(", ") && !prose.contains("; ") && !prose.ends_with('.'),
                "use full-width punctuation in Chinese: {zh}"
            );
        }
    }

    #[test]
    fn templates_match_values_and_nested_messages() {
        let zh = |s: &str| translate(Lang::ZhCn, s);
        assert_eq!(
            zh("front matter: unknown field `titel`").as_deref(),
            Some("前置信息：未知的键 `titel`")
        );
        assert_eq!(zh("no template says this"), None);
        assert_eq!(
            tr(Lang::ZhCn, "no template says this"),
            "no template says this"
        );
        assert_eq!(tr(Lang::En, "front matter: x"), "front matter: x");
    }

    #[test]
    fn locales_and_tags() {
        assert_eq!(Lang::from_tag("zh_CN.UTF-8"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_tag("zh-Hans"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_tag("zh_TW.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_tag("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), Some(Lang::En));
        assert_eq!(Lang::from_tag("C.UTF-8"), None);
        assert_eq!(Lang::from_tag("POSIX"), None);
        assert_eq!(Lang::from_tag(""), None);
    }
}
