//! "Did you mean": the known name closest to a misspelt one.

/// The known name closest to `wanted`, when it is close enough to be a likely typo:
/// two edits (a swap of neighbours counts as one), or a third of the name when it is long.
pub fn closest<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .filter(|k| *k != wanted)
        .map(|k| (strsim::damerau_levenshtein(wanted, k), k))
        .filter(|(d, k)| *d <= 2.max(k.chars().count() / 3))
        .min_by_key(|(d, k)| (*d, *k))
        .map(|(_, k)| k)
}

/// The known name within `max` edits of `wanted`, for long names such as paths
/// where a third of the name would be too loose.
pub fn closest_within<'a>(
    wanted: &str,
    known: impl IntoIterator<Item = &'a str>,
    max: usize,
) -> Option<&'a str> {
    known
        .into_iter()
        .filter(|k| *k != wanted)
        .map(|k| (strsim::damerau_levenshtein(wanted, k), k))
        .filter(|(d, _)| *d <= max)
        .min_by_key(|(d, k)| (*d, *k))
        .map(|(_, k)| k)
}

/// `did you mean `x`?` or nothing.
pub fn did_you_mean<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(wanted, known).map(|k| format!("did you mean `{k}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_only_close_names() {
        let known = ["details", "escalated", "retained"];
        assert_eq!(closest("detials", known), Some("details"));
        assert_eq!(closest("escalate", known), Some("escalated"));
        assert_eq!(closest("zzz", known), None);
        assert_eq!(
            closest("corect", ["correct", "feedback", "text"]),
            Some("correct")
        );
        assert_eq!(closest("singel", ["single", "multiple"]), Some("single"));
    }
}
