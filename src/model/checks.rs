//! The `checks:` map of `course.yaml`: which item-writing checks (`blocks::lint`)
//! run. Every check is on unless the course switches it off by name; a name that
//! is not a check is an error that lists the known ones, so that a typo never
//! silently leaves a check running (or off).

use crate::core::yaml::{At, Embedded, Scalar};
use crate::core::Diagnostics;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::fmt;

/// One item-writing check, by the name a trainer writes under `checks:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Check {
    LongestCorrect,
    CorrectPosition,
    WrongOptionFeedback,
    DuplicateQuestions,
    LongestBestReply,
    BinaryChoices,
    WrongReplyPasses,
    SuccessBelowPass,
    CjkPunctuation,
}

impl Check {
    pub const ALL: [Check; 9] = [
        Check::LongestCorrect,
        Check::CorrectPosition,
        Check::WrongOptionFeedback,
        Check::DuplicateQuestions,
        Check::LongestBestReply,
        Check::BinaryChoices,
        Check::WrongReplyPasses,
        Check::SuccessBelowPass,
        Check::CjkPunctuation,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Check::LongestCorrect => "longest_correct",
            Check::CorrectPosition => "correct_position",
            Check::WrongOptionFeedback => "wrong_option_feedback",
            Check::DuplicateQuestions => "duplicate_questions",
            Check::LongestBestReply => "longest_best_reply",
            Check::BinaryChoices => "binary_choices",
            Check::WrongReplyPasses => "wrong_reply_passes",
            Check::SuccessBelowPass => "success_below_pass",
            Check::CjkPunctuation => "cjk_punctuation",
        }
    }

    pub fn from_name(name: &str) -> Option<Check> {
        Check::ALL.into_iter().find(|c| c.name() == name)
    }

    /// How a trainer turns this check off, for the end of its hint.
    pub fn off_switch(self) -> String {
        format!(
            "`checks: {{{}: false}}` in course.yaml turns this check off",
            self.name()
        )
    }
}

/// `checks:` as written: each name with its value, both with their positions.
/// `shape_ok` is false when `checks:` is not a mapping at all.
#[derive(Clone, Debug, PartialEq)]
pub struct Checks {
    entries: Vec<(At<String>, At<Scalar>)>,
    shape_ok: bool,
}

impl Default for Checks {
    fn default() -> Self {
        Checks {
            entries: Vec::new(),
            shape_ok: true,
        }
    }
}

impl Checks {
    /// Whether `check` runs: on unless written `false`.
    pub fn enabled(&self, check: Check) -> bool {
        !self
            .entries
            .iter()
            .any(|(k, v)| k.as_str() == check.name() && v.value == Scalar::Bool(false))
    }
}

impl Serialize for Checks {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.entries.len()))?;
        for (k, v) in &self.entries {
            m.serialize_entry(k.as_str(), &v.value)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for Checks {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Checks;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping from check names to true or false")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checks, A::Error> {
                let mut entries = Vec::new();
                while let Some(k) = map.next_key::<At<String>>()? {
                    entries.push((k, map.next_value::<At<Scalar>>()?));
                }
                Ok(Checks {
                    entries,
                    shape_ok: true,
                })
            }
            fn visit_unit<E>(self) -> Result<Checks, E> {
                Ok(Checks::default())
            }
            // Anything else is reported by `check` with the value's position,
            // rather than making the whole of course.yaml unreadable.
            fn visit_bool<E>(self, _: bool) -> Result<Checks, E> {
                Ok(malformed())
            }
            fn visit_i64<E>(self, _: i64) -> Result<Checks, E> {
                Ok(malformed())
            }
            fn visit_u64<E>(self, _: u64) -> Result<Checks, E> {
                Ok(malformed())
            }
            fn visit_f64<E>(self, _: f64) -> Result<Checks, E> {
                Ok(malformed())
            }
            fn visit_str<E>(self, _: &str) -> Result<Checks, E> {
                Ok(malformed())
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Checks, A::Error> {
                while a.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(malformed())
            }
        }
        d.deserialize_any(V)
    }
}

fn malformed() -> Checks {
    Checks {
        entries: Vec::new(),
        shape_ok: false,
    }
}

fn known() -> String {
    Check::ALL.map(|c| format!("`{}`", c.name())).join(", ")
}

/// Reports names that are not checks and values that are not `true`/`false`.
pub fn check(checks: &At<Checks>, emb: &Embedded, diags: &mut Diagnostics) {
    if !checks.shape_ok {
        diags.push(
            emb.error(
                emb.at(checks),
                "`checks` must map check names to `true` or `false`",
            )
            .hint(format!(
                "e.g. `checks: {{longest_correct: false}}`; known checks: {}",
                known()
            )),
        );
        return;
    }
    for (name, value) in &checks.entries {
        if Check::from_name(name).is_none() {
            let names = Check::ALL.map(Check::name);
            let guess = crate::core::suggest::did_you_mean(name, names);
            let list = format!("known checks: {}", known());
            diags.push(
                emb.error(emb.at(name), format!("unknown check `{}`", name.value))
                    .hint(guess.map_or(list.clone(), |g| format!("{g} {list}"))),
            );
        } else if !matches!(value.value, Scalar::Bool(_)) {
            diags.push(
                emb.error(
                    emb.at(value),
                    format!("check `{}` must be `true` or `false`", name.value),
                )
                .hint("every check is on unless set to `false`"),
            );
        }
    }
}
