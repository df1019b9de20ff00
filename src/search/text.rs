//! A page as search sees it: its title, its headings, and the text a trainee
//! reads on it, in page order. Interactive blocks add only what the trainee sees
//! before answering: question prompts, role-play lines and replies, an
//! assessment's questions, a reflection's prompt. Never an answer key, option
//! correctness, feedback, an explanation or a role-play's endings, so that search
//! can never give a graded answer away.

use crate::blocks::{quiz::Question, roleplay::Roleplay, Block};
pub use crate::markdown::text::html_text;
use crate::markdown::{text::line_break, LinkedHtml};
use crate::model::Page;
use crate::pipeline::PageState;

/// The searchable text of one page.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageText {
    pub title: String,
    pub headings: Vec<String>,
    /// Summary, objectives and body (blocks in place), one line per paragraph,
    /// list item or heading.
    pub body: String,
}

/// The text of `page` as checked in `state`.
pub fn page_text(page: &Page, state: &PageState) -> PageText {
    let mut body = String::with_capacity(state.analysis.text.text.len() + 256);
    if let Some(s) = &page.front.summary {
        push_line(&mut body, s);
    }
    for o in &page.front.objectives {
        push_line(&mut body, o);
    }
    // The body's text as the Markdown pass read it, each block's text in its place.
    let prose = &state.analysis.text;
    let mut from = 0;
    for &(at, i) in &prose.blocks {
        body.push_str(&prose.text[from..at]);
        from = at;
        if let Some(Some(b)) = state.blocks.get(i) {
            block_text(b, &mut body);
            line_break(&mut body);
        }
    }
    body.push_str(&prose.text[from..]);
    let trimmed = body.trim_end().len();
    body.truncate(trimmed);
    PageText {
        title: page.title().to_string(),
        headings: state
            .analysis
            .headings
            .iter()
            .map(|h| h.text.clone())
            .collect(),
        body,
    }
}

fn push_line(out: &mut String, text: &str) {
    let text = text.trim();
    if !text.is_empty() {
        out.push_str(text);
        out.push('\n');
    }
}

/// What a trainee sees of a block before answering it.
fn block_text(b: &Block, out: &mut String) {
    let mut html = |h: &LinkedHtml| {
        html_text(h.as_str(), out, &mut |_, _| {});
        line_break(out);
    };
    match b {
        Block::Quiz(q) => question_text(q, &mut html),
        Block::Roleplay(r) => roleplay_text(r, out),
        Block::Assessment(a) => a.visible_html().for_each(html),
        Block::Reflect(r) => html(&r.prompt_html),
    }
}

/// A question's prompt only: its options are shown shuffled on the page, and
/// listing them in the written order (or a match question's pairs side by side)
/// would tell the answer.
fn question_text(q: &Question, html: &mut impl FnMut(&LinkedHtml)) {
    html(&q.prompt_html);
}

fn roleplay_text(r: &Roleplay, out: &mut String) {
    if let Some(t) = &r.html.title {
        html_text(t.as_str(), out, &mut |_, _| {});
        line_break(out);
    }
    push_line(out, r.customer());
    if let Some(p) = &r.html.persona {
        html_text(p.as_str(), out, &mut |_, _| {});
        line_break(out);
    }
    for node in &r.html.nodes {
        html_text(node.say.as_str(), out, &mut |_, _| {});
        line_break(out);
        for (reply, _feedback) in &node.choices {
            html_text(reply.as_str(), out, &mut |_, _| {});
            line_break(out);
        }
    }
}
