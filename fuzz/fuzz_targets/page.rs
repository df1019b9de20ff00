//! One page through the whole Markdown pipeline: loaded from its text (front
//! matter), analysed (`PageState::analyse`: the named passes, every block parsed
//! and checked, the typography scan), its links filled in, and the checks that
//! span the course (ids, exam pools, item-writing checks) run on it alone.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;
use std::path::Path;
use syllabus::blocks::{self, PageBlocks};
use syllabus::core::yaml::Embedded;
use syllabus::core::{Diagnostics, Source};
use syllabus::links::{Resolved, Target};
use syllabus::model::config::{Config, CourseConfig};
use syllabus::model::load::{page_from_text, page_text};
use syllabus::pipeline::PageState;

mod common;

fn config(text: &str) -> Config {
    let path = Path::new("course/course.yaml");
    let course: CourseConfig = Embedded::file(Source::new(path, text))
        .parse("course.yaml")
        .expect("the fixed course.yaml parses");
    Config {
        course,
        path: path.to_path_buf(),
        theme_dir: None,
        text: text.to_string(),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(text) = page_text(data.to_vec()) else {
        return;
    };
    let mut diags = Diagnostics::new();
    let dir = Path::new("course");
    let path = Path::new("course/01-m/02-p.md");
    let Some(mut page) = page_from_text(dir, path, "02-p.md", text, &mut diags) else {
        common::show(&diags);
        return;
    };
    page.url = "m/p.html".into();
    let words: HashMap<String, String> = HashMap::new();
    let state = PageState::analyse(&page, "m", 1, &words);
    diags.extend(state.diagnostics());
    let resolved = Resolved {
        nonce: state.links.nonce,
        page: page.url.clone(),
        targets: state
            .links
            .refs
            .iter()
            .map(|r| Target::Keep(r.dest.clone()))
            .collect(),
    };
    let filler = resolved.filler(&page.url);
    std::hint::black_box(filler.fill(&state.analysis.body));
    for b in state.blocks.iter().flatten() {
        std::hint::black_box(b.view(&filler));
    }
    let config = config("id: c\ntitle: 课程\nlanguage: zh-CN\n");
    let pages = [PageBlocks {
        page: &page,
        module: "m",
        blocks: &state.blocks,
        links: &resolved,
        analysis: &state.analysis,
        half_width: &state.half_width,
    }];
    blocks::check_course(&["m"], &pages, &mut diags);
    blocks::lint::check_course(&config, &pages, &mut diags);
    common::show(&diags.sorted());
});
