//! Front matter: a page file's bytes through the same steps as the loader
//! (UTF-8 and byte-order mark, the `---` split, YAML into `FrontMatter`, the
//! checks of title, weight and slug).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use syllabus::core::Diagnostics;
use syllabus::model::load::{page_from_text, page_text};

mod common;

fuzz_target!(|data: &[u8]| {
    let mut diags = Diagnostics::new();
    let Some(text) = page_text(data.to_vec()) else {
        return;
    };
    let dir = Path::new("course");
    let path = Path::new("course/01-basics/02-lesson.md");
    if let Some(page) = page_from_text(dir, path, "02-lesson.md", text, &mut diags) {
        std::hint::black_box((page.title(), page.body(), page.kind()));
    }
    common::show(&diags);
});
