//! YAML parsing: positions, messages and what the schemas accept.

use super::*;
use crate::core::Pos;
use std::path::Path;
mod parsing {
    use super::*;
    use serde::Deserialize;

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

mod text {
    use super::*;

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
