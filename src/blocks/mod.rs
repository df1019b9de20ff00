//! Interactive blocks: fenced code blocks whose info string is `quiz`, `roleplay`,
//! `assessment` or `reflect`. Each kind lives in its own module that parses the
//! block's YAML, checks it (pointing into the `.md` file) and renders it through a
//! theme template `templates/blocks/<kind>.html`.

pub mod assessment;
mod named;
pub mod quiz;
pub mod reflect;
pub mod roleplay;

use crate::diagnostics::{Diagnostics, Pos};
use crate::yaml::Embedded;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Quiz,
    Roleplay,
    Assessment,
    Reflect,
}

impl BlockKind {
    /// The kind named by a fenced block's info string, if it is one of ours.
    pub fn from_info(info: &str) -> Option<BlockKind> {
        match info.split_whitespace().next()? {
            "quiz" => Some(BlockKind::Quiz),
            "roleplay" => Some(BlockKind::Roleplay),
            "assessment" => Some(BlockKind::Assessment),
            "reflect" => Some(BlockKind::Reflect),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Quiz => "quiz",
            BlockKind::Roleplay => "roleplay",
            BlockKind::Assessment => "assessment",
            BlockKind::Reflect => "reflect",
        }
    }
}

/// A fenced interactive block as the Markdown pass found it.
#[derive(Clone, Debug)]
pub struct RawBlock {
    pub kind: BlockKind,
    /// The block's YAML text, fences excluded.
    pub yaml: String,
    /// Where the opening fence stands in the `.md` file.
    pub fence: Pos,
    /// The `.md` line of the YAML's first line (the line after the fence).
    pub first_line: usize,
}

/// What a block parser knows about where the block stands.
pub struct BlockCtx<'a> {
    pub emb: Embedded<'a>,
    pub fence: Pos,
    /// Module and page slugs, for default ids such as `service-concepts/what-is-service#2`.
    pub module: &'a str,
    pub page: &'a str,
    /// 1-based position of this block among the blocks of the same kind on its page.
    pub index: usize,
    /// The page is a graded quiz page (front matter `quiz:`).
    pub graded: bool,
}

/// A parsed, checked block.
#[derive(Clone, Debug)]
pub enum Block {
    Quiz(quiz::Question),
    Roleplay(roleplay::Roleplay),
    Assessment(assessment::Assessment),
    Reflect(reflect::Reflect),
}

/// Parses and checks one block. Problems go to `diags`; `None` when the block is
/// too broken to render.
pub fn parse(kind: BlockKind, ctx: &BlockCtx, diags: &mut Diagnostics) -> Option<Block> {
    match kind {
        BlockKind::Quiz => quiz::Question::parse(ctx, diags).map(Block::Quiz),
        BlockKind::Roleplay => roleplay::Roleplay::parse(ctx, diags).map(Block::Roleplay),
        BlockKind::Assessment => assessment::Assessment::parse(ctx, diags).map(Block::Assessment),
        BlockKind::Reflect => reflect::Reflect::parse(ctx, diags).map(Block::Reflect),
    }
}

/// What a block template gets besides the block itself.
pub struct RenderCtx<'a> {
    pub tera: &'a tera::Tera,
    /// The page's base context: `t` (UI strings), `root` (relative path to the site root),
    /// `lang`, `course`.
    pub base: &'a tera::Context,
}

impl RenderCtx<'_> {
    /// Renders `templates/blocks/<name>.html` with the base context plus `block`.
    pub fn render(&self, name: &str, block: &impl Serialize) -> Result<String, tera::Error> {
        let mut ctx = self.base.clone();
        ctx.insert("block", block);
        self.tera.render(&format!("blocks/{name}.html"), &ctx)
    }
}

impl Block {
    pub fn kind(&self) -> BlockKind {
        match self {
            Block::Quiz(_) => BlockKind::Quiz,
            Block::Roleplay(_) => BlockKind::Roleplay,
            Block::Assessment(_) => BlockKind::Assessment,
            Block::Reflect(_) => BlockKind::Reflect,
        }
    }

    pub fn render(&self, r: &RenderCtx) -> Result<String, tera::Error> {
        match self {
            Block::Quiz(b) => b.render(r),
            Block::Roleplay(b) => b.render(r),
            Block::Assessment(b) => b.render(r),
            Block::Reflect(b) => b.render(r),
        }
    }
}

/// Serializes block data for a `<script type="application/json">` element: `</`
/// is escaped so that no text inside can close the element.
pub fn json_for_script(data: &impl Serialize) -> String {
    serde_json::to_string(data)
        .unwrap_or_else(|_| "null".into())
        .replace("</", "<\\/")
        .replace("<!--", "<\\u0021--")
}

/// A short hash of a block's definition. Saved answers carry it, so that editing a
/// question makes the browser forget the old answer to it and nothing else.
pub fn definition_hash(data: &impl Serialize) -> String {
    let json = serde_json::to_vec(data).unwrap_or_default();
    crate::theme::short_hash(&json)
}

/// One page's parsed blocks, for checks that span the course (unique ids, exam pools).
pub struct PageBlocks<'a> {
    pub page: &'a crate::content::Page,
    /// The slug of the page's module.
    pub module: &'a str,
    /// In page order; `None` where a block was too broken to parse.
    pub blocks: &'a [Option<Block>],
}

/// Links and images written in the Markdown text fields of a page's blocks (a quiz
/// explanation pointing at the lesson to revisit), with their `.md` positions, so
/// that they are checked and rewritten like the links of the page body.
///
/// Each YAML line is read as Markdown on its own, without its indent (which
/// Markdown would take for a code block); a link does not span YAML lines.
pub fn block_links(
    src: crate::diagnostics::Source,
    raw: &[RawBlock],
) -> Vec<crate::markdown::LinkRef> {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut out = Vec::new();
    for b in raw {
        for (i, line) in b.yaml.lines().enumerate() {
            if !line.contains("](") {
                continue;
            }
            let text = line.trim_start();
            let indent = line.chars().count() - text.chars().count();
            let emb = Embedded::new(src, &b.yaml, b.first_line);
            for (ev, range) in Parser::new(text).into_offset_iter() {
                let (dest, image) = match ev {
                    Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
                    Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
                    _ => continue,
                };
                let col = indent + text[..range.start].chars().count() + 1;
                out.push(crate::markdown::LinkRef {
                    dest: dest.to_string(),
                    pos: emb.to_file_pos(i + 1, col),
                    image,
                });
            }
        }
    }
    out
}

/// Checks that need every page at once.
pub fn check_course(
    course: &crate::content::Course,
    pages: &[PageBlocks],
    diags: &mut Diagnostics,
) {
    quiz::check_course(course, pages, diags);
    check_practice_ids(pages, diags);
}

/// Role-play, assessment and reflection ids key saved progress, so each is used
/// once per kind across the course; the second use is the error.
fn check_practice_ids(pages: &[PageBlocks], diags: &mut Diagnostics) {
    let mut seen: std::collections::HashMap<(BlockKind, &str), &std::path::Path> =
        std::collections::HashMap::new();
    for pb in pages {
        for b in pb.blocks.iter().flatten() {
            let (id, at) = match b {
                Block::Roleplay(r) => (r.id.as_str(), r.at),
                Block::Assessment(a) => (a.id.as_str(), a.at),
                Block::Reflect(r) => (r.id.as_str(), r.at),
                Block::Quiz(_) => continue,
            };
            let kind = b.kind();
            match seen.get(&(kind, id)) {
                Some(first) => diags.push(
                    pb.page
                        .source()
                        .error(
                            at,
                            format!(
                                "{} id `{id}` is already used in {}",
                                kind.name(),
                                first.display()
                            ),
                        )
                        .hint("ids key the trainee's saved work; give this one its own id"),
                ),
                None => {
                    seen.insert((kind, id), &pb.page.path);
                }
            }
        }
    }
}

/// The UI strings whose keys start with one of `prefixes`, as JSON for a block's
/// script: the browser builds role-play lines and results in the course language.
pub fn ui_strings(base: &tera::Context, prefixes: &[&str]) -> String {
    let picked: std::collections::BTreeMap<&str, &serde_json::Value> = base
        .get("t")
        .and_then(|t| t.as_object())
        .map(|m| {
            m.iter()
                .filter(|(k, _)| prefixes.iter().any(|p| k.starts_with(p)))
                .map(|(k, v)| (k.as_str(), v))
                .collect()
        })
        .unwrap_or_default();
    json_for_script(&picked)
}
