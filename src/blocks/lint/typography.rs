//! The Chinese typography lint: half-width `,` `:` `;` `!` `?` `(` `)` in Chinese
//! text, one warning per file with the count and the first few places. It reads
//! the prose the Markdown pass found (`markdown::typography`), the text fields of
//! the page's blocks and its front matter (`title`, `summary`, `objectives`), and
//! `course.yaml`'s `title` and `description`; never code, URLs or YAML syntax.

use super::yaml_text::text_pieces;
use crate::blocks::{plural, PageBlocks};
use crate::core::yaml::Embedded;
use crate::core::{Diagnostic, Diagnostics, Pos, Source};
use crate::markdown::typography::{scan, Mark};
use crate::markdown::Analysis;
use crate::model::checks::Check;
use crate::model::{Config, Page};

/// How many places the message lists.
const LISTED: usize = 3;

/// Whether the course is written in a language that sets CJK text with
/// full-width punctuation throughout: Chinese and Japanese. In other courses only
/// a mark between two CJK characters is reported, so that an English sentence
/// may quote 服务, and go on.
fn cjk_language(tag: &str) -> bool {
    let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
    matches!(primary.as_str(), "zh" | "ja")
}

/// The marks in a YAML snippet's text fields, as file positions.
fn in_yaml(emb: &Embedded) -> Vec<(Pos, Mark)> {
    let lines: Vec<&str> = emb.yaml.lines().collect();
    let mut out = Vec::new();
    for piece in text_pieces(emb.yaml) {
        let Some(line) = lines.get(piece.line - 1) else {
            continue;
        };
        for m in scan(piece.text, None) {
            let col = line[..piece.start + m.at].chars().count() + 1;
            out.push((emb.to_file_pos(piece.line, col), m));
        }
    }
    out
}

/// Every mark of a page, in file order: its prose, its blocks' text fields and its
/// front matter. Worked out once per page analysis (serve keeps it while the
/// page is unchanged), since a long course can hold many.
pub fn page_marks(page: &Page, analysis: &Analysis) -> Vec<(Pos, Mark)> {
    let src = page.source();
    let mut marks = positions(&page.text, &analysis.half_width);
    for raw in &analysis.blocks {
        marks.extend(in_yaml(&Embedded::new(src, &raw.yaml, raw.first_line)));
    }
    marks.extend(in_yaml(&page.front_yaml()));
    marks.sort_by_key(|(p, _)| *p);
    marks
}

/// File positions of marks at byte offsets, in one walk through the text.
fn positions(text: &str, marks: &[Mark]) -> Vec<(Pos, Mark)> {
    let mut sorted = marks.to_vec();
    sorted.sort_by_key(|m| m.at);
    let (mut line, mut line_start, mut from) = (1, 0, 0);
    sorted
        .into_iter()
        .map(|m| {
            let at = crate::core::source::floor_char_boundary(text, m.at.min(text.len()));
            for (i, b) in text.as_bytes()[from..at].iter().enumerate() {
                if *b == b'\n' {
                    line += 1;
                    line_start = from + i + 1;
                }
            }
            from = at;
            (Pos::new(line, text[line_start..at].chars().count() + 1), m)
        })
        .collect()
}

/// One warning per file with marks: the pages, and `course.yaml`'s `title` and
/// `description` (the home page shows them).
pub fn check(config: &Config, pages: &[PageBlocks], diags: &mut Diagnostics) {
    let strict = cjk_language(&config.course.language);
    let keep = |marks: &[(Pos, Mark)]| -> Vec<(Pos, Mark)> {
        marks
            .iter()
            .filter(|(_, m)| strict || m.between)
            .copied()
            .collect()
    };
    let yaml = Source::new(&config.path, &config.text);
    let mut course = in_yaml(&Embedded::file(yaml));
    course.sort_by_key(|(p, _)| *p);
    diags.extend(warning(yaml, &keep(&course)));
    for pb in pages {
        diags.extend(warning(pb.page.source(), &keep(pb.half_width)));
    }
}

/// The file's warning: the count and the first few places, at the first.
fn warning(src: Source, marks: &[(Pos, Mark)]) -> Option<Diagnostic> {
    let &(pos, first) = marks.first()?;
    let places: Vec<String> = marks
        .iter()
        .take(LISTED)
        .map(|(p, m)| format!("{}:{} `{}`", p.line, p.col, m.mark))
        .collect();
    let (lead, more) = if marks.len() > LISTED {
        ("first at", format!(" and {} more", marks.len() - LISTED))
    } else {
        ("at", String::new())
    };
    let count = plural(
        marks.len(),
        "half-width punctuation mark",
        "half-width punctuation marks",
    );
    Some(
        src.warning(
            pos,
            format!(
                "{count} in Chinese text, {lead} {}{more}",
                places.join(", ")
            ),
        )
        .hint(format!(
            "Chinese text takes full-width punctuation: write `{}` for `{}` (，：；！？（）); {}",
            full_width(first.mark),
            first.mark,
            Check::CjkPunctuation.off_switch()
        )),
    )
}

fn full_width(c: char) -> char {
    char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)
}
