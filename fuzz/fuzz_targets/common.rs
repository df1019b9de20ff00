//! What every target does with its result: print the diagnostics the way `check`
//! would (text in both languages, JSON), so that the renderer meets every position
//! and message the stage produced.

use syllabus::core::messages::Lang;
use syllabus::core::Diagnostics;

pub fn show(diags: &Diagnostics) {
    for lang in [Lang::En, Lang::ZhCn] {
        let d = diags.translated(lang);
        std::hint::black_box(d.render(false));
    }
    std::hint::black_box(diags.to_json());
}
