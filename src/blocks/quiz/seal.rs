//! Answer keys of graded questions, out of plain sight. A graded page carries no
//! `correct` flags, accepted answers or numeric bounds in its source: each right
//! option, true/false answer and accepted fill-in answer is a salted hash the
//! grading script compares the trainee's answer with, and what the page shows after
//! a submit (feedback, explanation, the correct text or number) is sealed: encoded
//! with a key stream the script decodes. A static site cannot keep a secret from
//! someone who runs its script; this keeps the answers from being read off with
//! "view source" (docs/quizzes.md, "Answer keys"). The browser side is
//! `open`/`keyHash`/`unseal` in `static/grading.js`; both must agree bit for bit.

use super::shuffle::{hash_string, Rng};
use super::view::QuizData;
use unicode_normalization::UnicodeNormalization;

/// cyrb53 over UTF-16 code units, as hex: a 53-bit hash both sides compute the same.
pub fn key_hash(s: &str) -> String {
    let (mut h1, mut h2): (u32, u32) = (0xdead_beef, 0x41c6_ce57);
    for unit in s.encode_utf16() {
        let ch = u32::from(unit);
        h1 = (h1 ^ ch).wrapping_mul(2_654_435_761);
        h2 = (h2 ^ ch).wrapping_mul(1_597_334_677);
    }
    h1 = (h1 ^ (h1 >> 16)).wrapping_mul(2_246_822_507);
    h1 ^= (h2 ^ (h2 >> 13)).wrapping_mul(3_266_489_909);
    h2 = (h2 ^ (h2 >> 16)).wrapping_mul(2_246_822_507);
    h2 ^= (h1 ^ (h1 >> 13)).wrapping_mul(3_266_489_909);
    format!("{:x}", (u64::from(h2 & 0x1f_ffff) << 32) | u64::from(h1))
}

/// `value` as JSON, each UTF-16 unit XORed with a key stream seeded from the salt,
/// four hex digits per unit.
pub fn seal(salt: &str, value: &serde_json::Value) -> String {
    let mut rng = Rng::new(hash_string(salt));
    value
        .to_string()
        .encode_utf16()
        .map(|u| {
            let k = (rng.next_f64() * 65_536.0) as u16;
            format!("{:04x}", u ^ k)
        })
        .collect()
}

/// The value [`seal`] sealed, as the grading script opens it (grading.js `unseal`);
/// `None` for anything that is not a sealed value.
pub fn unseal(salt: &str, sealed: &str) -> Option<serde_json::Value> {
    let mut rng = Rng::new(hash_string(salt));
    let units = (0..sealed.len() / 4)
        .map(|i| {
            let u = u16::from_str_radix(sealed.get(i * 4..i * 4 + 4)?, 16).ok()?;
            Some(u ^ (rng.next_f64() * 65_536.0) as u16)
        })
        .collect::<Option<Vec<u16>>>()?;
    serde_json::from_str(&String::from_utf16(&units).ok()?).ok()
}

/// A fill-in answer as the grading script normalises it before hashing (grading.js
/// `normalize`): NFKC, lower case, runs of white space as one space, trimmed, trailing
/// sentence punctuation dropped.
pub fn normalize(text: &str) -> String {
    let s: String = text.nfkc().collect::<String>().to_lowercase();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.trim_end_matches(['。', '.', '!', '！', '?', '？'])
        .trim()
        .to_string()
}

/// The hash that stands for one right thing (`what`) of the question salted `salt`.
fn key(salt: &str, what: &str) -> String {
    key_hash(&format!("{salt}\u{0}{what}"))
}

/// Replaces the answer key and what gives it away in a graded question's data by
/// hashes and a sealed part. `salt` is unique to the question and its wording.
pub fn seal_answers(d: &mut QuizData, salt: String) {
    let mut shown = serde_json::Map::new();
    if let Some(correct) = d.correct.take() {
        let keys = correct
            .iter()
            .enumerate()
            .map(|(i, &right)| {
                // A wrong option gets a hash of something the script never asks about.
                serde_json::Value::String(key(
                    &salt,
                    &if right {
                        i.to_string()
                    } else {
                        format!("{i}\u{0}no")
                    },
                ))
            })
            .collect();
        d.keys = Some(serde_json::Value::Array(keys));
    }
    if d.kind == "truefalse" {
        if let Some(answer) = d.answer.take() {
            d.key = Some(key(&salt, &answer.to_string()));
        }
    }
    if let Some(answers) = d.answers.take() {
        let keys = answers.iter().enumerate().map(|(k, accepted)| {
            let hashes = accepted
                .iter()
                .map(|a| key(&salt, &format!("{k}\u{0}{}", normalize(a))))
                .collect::<Vec<_>>();
            serde_json::json!(hashes)
        });
        d.keys = Some(serde_json::Value::Array(keys.collect()));
        let first: Vec<&str> = answers
            .iter()
            .map(|a| a.first().map_or("", String::as_str))
            .collect();
        shown.insert("answers".into(), serde_json::json!(first));
    }
    if d.kind == "numeric" {
        shown.insert("answer".into(), d.answer.take().unwrap_or_default());
        for (name, v) in [
            ("low", d.low.take()),
            ("high", d.high.take()),
            ("tolerance", d.tolerance.take()),
        ] {
            shown.insert(name.into(), serde_json::json!(v));
        }
    }
    if let Some(feedback) = d.feedback.take() {
        shown.insert("feedback".into(), serde_json::json!(feedback));
    }
    shown.insert(
        "explanation".into(),
        serde_json::json!(d.explanation.take()),
    );
    d.sealed = Some(seal(&salt, &serde_json::Value::Object(shown)));
    d.salt = Some(salt);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_match_the_browser() {
        // Computed with grading.js keyHash in node.
        assert_eq!(key_hash(""), "bdcb81aee8d83");
        assert_eq!(key_hash("a"), "1c2ba782c97901");
        assert_eq!(key_hash("先处理心情"), "47ce4ba4cffd8");
        assert_eq!(key_hash("\u{1F600}x"), "8402aa946aaa6");
        assert_ne!(key_hash("1"), key_hash("2"));
    }

    #[test]
    fn normalises_as_the_browser() {
        assert_eq!(normalize("  Far   LESS. "), "far less");
        assert_eq!(normalize("５－６倍"), "5-6倍");
        assert_eq!(normalize("24。"), "24");
        assert_eq!(normalize("ＡＢＣ！？"), "abc");
    }

    #[test]
    fn sealed_text_is_not_readable() {
        let v = serde_json::json!({"answers": ["先处理心情"], "explanation": "Far less"});
        let sealed = seal("abc", &v);
        assert_eq!(sealed.len(), v.to_string().encode_utf16().count() * 4);
        assert!(!sealed.contains("Far"));
        // grading.js unseal("abc", sealed) gives it back (tests/js/answer-keys.test.js).
        assert_eq!(seal("abc", &serde_json::json!("x")), "8460a8a40059");
        assert_eq!(unseal("abc", &sealed), Some(v));
        assert_eq!(unseal("abc", "zz"), None);
    }
}
