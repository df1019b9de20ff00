//! The generator reads as its data flow (docs/architecture.md): each top-level
//! module of `src/` uses only the modules before it in [`LAYERS`], so there is no
//! import circle. A new module takes its place in this list.

use std::collections::BTreeSet;
use std::path::Path;

/// From the stage every other uses to the command line.
const LAYERS: &[&str] = &[
    "core", "model", "markdown", "links", "blocks", "theme", "pipeline", "search", "output",
    "render", "commands", "package", "export", "serve", "new", "cli",
];

#[test]
fn each_stage_uses_only_the_stages_before_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut wrong = BTreeSet::new();
    for entry in walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).expect("inside src");
        let top = rel
            .components()
            .next()
            .map(|c| {
                c.as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_string()
            })
            .unwrap_or_default();
        if top == "lib" || top == "main" {
            continue;
        }
        let Some(level) = LAYERS.iter().position(|l| *l == top) else {
            wrong.insert(format!("src/{top}: not in LAYERS (tests/architecture.rs)"));
            continue;
        };
        let text = std::fs::read_to_string(path).expect("read");
        for (i, _) in text.match_indices("crate::") {
            let used: String = text[i + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            match LAYERS.iter().position(|l| *l == used) {
                Some(u) if u > level => {
                    wrong.insert(format!(
                        "{} uses crate::{used}, a later stage",
                        rel.display()
                    ));
                }
                _ => {}
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{}",
        wrong.into_iter().collect::<Vec<_>>().join("\n")
    );
}
