//! `syllabus export gift`: the course's questions for an LMS question bank
//! ([`gift`], Moodle's GIFT text format), so an LMS can run the graded quizzes
//! itself and keep the records that matter. Written only when the course has no
//! errors; questions GIFT cannot hold are warnings.

pub mod gift;

use crate::blocks::Block;
use crate::core::yaml::Embedded;
use crate::core::{Diagnostic, Diagnostics};
use crate::pipeline::{BuildOptions, Pipeline};
use std::path::{Path, PathBuf};

/// What an export wrote.
#[derive(Debug)]
pub struct ExportReport {
    pub file: PathBuf,
    pub questions: usize,
    pub skipped: usize,
    pub warnings: Diagnostics,
}

/// The default file name: `<course-id>-gift.txt` (Moodle imports `.txt`).
pub fn default_name(course_id: &str) -> PathBuf {
    PathBuf::from(format!("{course_id}-gift.txt"))
}

/// Checks the course and writes every question GIFT can hold to `out`.
pub fn gift(
    course: &Path,
    out: Option<&Path>,
    opts: BuildOptions,
) -> Result<ExportReport, Diagnostics> {
    let p = Pipeline::load(course, opts)?;
    let mut warnings = p.diagnostics();
    if warnings.has_errors() {
        return Err(warnings);
    }
    let config = &p.course.config.course;
    let file = out.map_or_else(|| default_name(&config.id), Path::to_path_buf);
    let (text, questions, skipped) = gift_text(&p, &mut warnings);
    std::fs::write(&file, text)
        .map_err(|e| Diagnostics::one(Diagnostic::error(&file, format!("cannot write: {e}"))))?;
    Ok(ExportReport {
        file,
        questions,
        skipped,
        warnings: warnings.sorted(),
    })
}

/// The GIFT text of the whole course, module by module in course order, and how
/// many questions went in and were left out (each one a warning in `warnings`).
pub fn gift_text(p: &Pipeline, warnings: &mut Diagnostics) -> (String, usize, usize) {
    let title = p.course.config.course.title.as_str();
    let mut text = String::from("// Exported by syllabus: Moodle GIFT format\n\n");
    let (mut written, mut skipped) = (0, 0);
    for m in &p.course.modules {
        let mut section = String::new();
        for page in m.all_pages() {
            let Some(state) = p.state(page) else { continue };
            for (raw, block) in state.analysis.blocks.iter().zip(&state.blocks) {
                let Some(Block::Quiz(q)) = block else {
                    continue;
                };
                let emb = Embedded::new(page.source(), &raw.yaml, raw.first_line);
                let texts: gift::Texts = emb.parse("quiz block").unwrap_or_default();
                match gift::question(q, &texts) {
                    Ok(g) => {
                        section.push_str(&g);
                        written += 1;
                    }
                    Err(why) => {
                        skipped += 1;
                        let (message, hint) = match why {
                            gift::Skip::Order => (
                                format!("question `{}` is left out of the GIFT export: GIFT has no ordering questions", q.id),
                                "the LMS cannot hold it; it stays in the site as it is",
                            ),
                            gift::Skip::Blanks(n) => (
                                format!("question `{}` is left out of the GIFT export: GIFT holds one blank per question, this one has {n}", q.id),
                                "split it into questions of one blank each if the LMS must have it",
                            ),
                        };
                        warnings.push(
                            Diagnostic::warning(&page.path, message)
                                .at(&page.text, q.pos)
                                .hint(hint),
                        );
                    }
                }
            }
        }
        if !section.is_empty() {
            text.push_str(&gift::category(&[title, m.title()]));
            text.push_str(&section);
        }
    }
    (text, written, skipped)
}
