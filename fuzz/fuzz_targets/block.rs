//! One interactive block's YAML through the entry point the pipeline uses
//! (`blocks::parse`: schema, checks, Markdown text fields), then its view (the
//! template's data and the browser's JSON). The input's first line names the kind
//! (`quiz`, `roleplay`, `assessment`, `reflect`; add ` graded` for a question on a
//! graded page); the rest is the block's YAML.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use syllabus::blocks::{self, BlockCtx, BlockKind, Fields};
use syllabus::core::yaml::Embedded;
use syllabus::core::{Diagnostics, Pos, Source};
use syllabus::links::{Resolved, Target};
use syllabus::markdown::PageLinks;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let (head, yaml) = input.split_once('\n').unwrap_or((input, ""));
    let kind = head
        .split_whitespace()
        .next()
        .and_then(BlockKind::from_word)
        .unwrap_or(BlockKind::Quiz);
    let graded = head.contains("graded");
    // The block as it stands in a page, so that positions map into a real file.
    let prefix = format!("---\ntitle: t\n---\n```{}\n", kind.name());
    let text = format!("{prefix}{yaml}\n```\n");
    let yaml = &text[prefix.len()..prefix.len() + yaml.len()];
    let path = Path::new("course/01-m/01-p.md");
    let src = Source::new(path, &text);
    let emb = Embedded::new(src, yaml, 5);
    let ctx = BlockCtx {
        emb,
        fence: Pos::new(4, 1),
        module: "m",
        page: "p",
        index: 1,
        graded,
    };
    let mut links = PageLinks::new(&text);
    let mut diags = Diagnostics::new();
    let mut fields = Fields::new(&mut links, emb);
    let block = blocks::parse(kind, &ctx, &mut fields, &mut diags);
    if let Some(b) = &block {
        // Every link kept as written: what the view does with targets is the page
        // target's business.
        let resolved = Resolved {
            nonce: links.nonce,
            page: "m/p.html".into(),
            targets: links.refs.iter().map(|r| Target::Keep(r.dest.clone())).collect(),
        };
        std::hint::black_box(b.view(&resolved.filler("m/p.html")));
        std::hint::black_box(b.view(&resolved.filler("exam/final.html")));
        if let blocks::Block::Roleplay(r) = b {
            std::hint::black_box(r.summary());
        }
    }
    common::show(&diags);
});
