//! Interactive blocks: fenced code blocks whose info string is `quiz`, `roleplay`,
//! `assessment` or `reflect`. Each kind is a module with the same three parts:
//! its schema (the YAML as written, typed), its checks (pointing into the `.md`
//! file) and its view (what the template and the browser get).

pub mod assessment;
pub mod lint;
mod named;
pub mod quiz;
pub mod reflect;
pub mod roleplay;

use crate::core::yaml::Embedded;
use crate::core::{Diagnostics, Pos};
use crate::links::Filler;
use crate::markdown::{self, Flow, LinkedHtml, PageLinks};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Quiz,
    Roleplay,
    Assessment,
    Reflect,
}

impl BlockKind {
    pub const ALL: [BlockKind; 4] = [
        BlockKind::Quiz,
        BlockKind::Roleplay,
        BlockKind::Assessment,
        BlockKind::Reflect,
    ];

    /// The kind a fenced block's info word names, if it is one of ours.
    pub fn from_word(word: &str) -> Option<BlockKind> {
        BlockKind::ALL.into_iter().find(|k| k.name() == word)
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

/// Whether a fenced block's info word starts an interactive block.
pub fn is_block(word: &str) -> bool {
    BlockKind::from_word(word).is_some()
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

/// Renders a block's Markdown text fields, recording their links in the page's
/// link list with where each stands in the file.
pub struct Fields<'l, 'a> {
    links: &'l mut PageLinks,
    emb: Embedded<'a>,
}

impl<'l, 'a> Fields<'l, 'a> {
    pub fn new(links: &'l mut PageLinks, emb: Embedded<'a>) -> Self {
        Fields { links, emb }
    }

    pub fn inline(&mut self, text: &str) -> LinkedHtml {
        self.render(text, Flow::Inline)
    }

    pub fn block(&mut self, text: &str) -> LinkedHtml {
        self.render(text, Flow::Block)
    }

    pub fn render(&mut self, text: &str, flow: Flow) -> LinkedHtml {
        let emb = self.emb;
        markdown::html::field(text, flow, self.links, &|dest| locate(&emb, dest))
    }
}

/// Where a link to `dest` is written in a block: the `[` (or `![`) of the first
/// `[...](dest` in it, or the `<` of an autolink `<dest>`, else the block's first
/// line.
fn locate(emb: &Embedded, dest: &str) -> Pos {
    let yaml = emb.yaml;
    let Some(at) = yaml.find(&format!("]({dest}")) else {
        return match yaml.find(&format!("<{dest}>")) {
            Some(at) => {
                let line = yaml[..at].matches('\n').count() + 1;
                let line_start = yaml[..at].rfind('\n').map_or(0, |i| i + 1);
                emb.to_file_pos(line, yaml[line_start..at].chars().count() + 1)
            }
            None => emb.start(),
        };
    };
    let line_start = yaml[..at].rfind('\n').map_or(0, |i| i + 1);
    let open = yaml[line_start..at]
        .rfind('[')
        .map_or(at, |i| line_start + i);
    let open = if open > 0 && yaml[..open].ends_with('!') {
        open - 1
    } else {
        open
    };
    let line = yaml[..open].matches('\n').count() + 1;
    let col = yaml[line_start..open].chars().count() + 1;
    emb.to_file_pos(line, col)
}

/// A parsed, checked block.
#[derive(Clone, Debug)]
pub enum Block {
    Quiz(quiz::Question),
    Roleplay(Box<roleplay::Roleplay>),
    Assessment(assessment::Assessment),
    Reflect(reflect::Reflect),
}

/// Parses and checks one block. Problems go to `diags`; `None` when the block is
/// too broken to render.
pub fn parse(
    kind: BlockKind,
    ctx: &BlockCtx,
    fields: &mut Fields,
    diags: &mut Diagnostics,
) -> Option<Block> {
    Some(match kind {
        BlockKind::Quiz => Block::Quiz(quiz::Question::parse(ctx, fields, diags)?),
        BlockKind::Roleplay => {
            Block::Roleplay(Box::new(roleplay::Roleplay::parse(ctx, fields, diags)?))
        }
        BlockKind::Assessment => {
            Block::Assessment(assessment::Assessment::parse(ctx, fields, diags)?)
        }
        BlockKind::Reflect => Block::Reflect(reflect::Reflect::parse(ctx, fields, diags)?),
    })
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

    /// The id that keys the trainee's saved work.
    pub fn id(&self) -> &str {
        match self {
            Block::Quiz(b) => &b.id,
            Block::Roleplay(b) => &b.id,
            Block::Assessment(b) => &b.id,
            Block::Reflect(b) => &b.id,
        }
    }

    /// What the block's template gets, with links written as seen from the page
    /// that shows it.
    pub fn view(&self, f: &Filler) -> serde_json::Value {
        let v = match self {
            Block::Quiz(b) => serde_json::to_value(b.view(f, b.graded)),
            Block::Roleplay(b) => serde_json::to_value(b.view(f)),
            Block::Assessment(b) => serde_json::to_value(b.view(f)),
            Block::Reflect(b) => serde_json::to_value(b.view(f)),
        };
        v.unwrap_or(serde_json::Value::Null)
    }
}

/// Serializes data for a `<script type="application/json">` element: `</` and
/// `<!--` are escaped so that no text inside can close the element.
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
    short_hash(&json)
}

pub use crate::core::short_hash;

/// `a`, `b`, `c` in backticks, for hints.
pub(crate) fn list(names: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    names
        .into_iter()
        .map(|n| format!("`{}`", n.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// One page's checked blocks and links, for what spans the course (unique ids,
/// exam pools) and for showing a block on another page (an exam).
pub struct PageBlocks<'a> {
    pub page: &'a crate::model::Page,
    /// The slug of the page's module.
    pub module: &'a str,
    /// In page order; `None` where a block was too broken to parse.
    pub blocks: &'a [Option<Block>],
    pub links: &'a crate::links::Resolved,
    /// The page body's analysis: its raw blocks, for the item-writing checks.
    pub analysis: &'a crate::markdown::Analysis,
    /// Half-width punctuation in the page's Chinese text (`lint::page_marks`).
    pub half_width: &'a [(Pos, crate::markdown::typography::Mark)],
}

/// Checks that need every page at once.
pub fn check_course(modules: &[&str], pages: &[PageBlocks], diags: &mut Diagnostics) {
    quiz::graded::check_course(modules, pages, diags);
    check_practice_ids(pages, diags);
}

/// Role-play, assessment and reflection ids key saved progress, so each is used
/// once per kind across the course; the second use is the error.
fn check_practice_ids(pages: &[PageBlocks], diags: &mut Diagnostics) {
    let mut seen: std::collections::HashMap<(BlockKind, &str), (&crate::model::Page, Pos)> =
        std::collections::HashMap::new();
    for pb in pages {
        for b in pb.blocks.iter().flatten() {
            let at = match b {
                Block::Roleplay(r) => r.at,
                Block::Assessment(a) => a.at,
                Block::Reflect(r) => r.at,
                Block::Quiz(_) => continue,
            };
            let (kind, id) = (b.kind(), b.id());
            match seen.get(&(kind, id)) {
                Some((first, pos)) => diags.push(
                    pb.page
                        .source()
                        .error(
                            at,
                            format!(
                                "{} id `{id}` is already used in {}",
                                kind.name(),
                                first.path.display()
                            ),
                        )
                        .related(&first.path, &first.text, *pos, "first used here")
                        .hint("ids key the trainee's saved work; give this one its own id"),
                ),
                None => {
                    seen.insert((kind, id), (pb.page, at));
                }
            }
        }
    }
}
