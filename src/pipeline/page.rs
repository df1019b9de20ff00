//! One page's checks: its Markdown analysed, its blocks parsed, its links resolved.

use crate::blocks::{self, Block, BlockCtx, BlockKind, Fields};
use crate::core::yaml::Embedded;
use crate::core::Diagnostics;
use crate::links::{CopyFile, LinkIndex, Resolved};
use crate::markdown::{self, Analysis, PageLinks};
use crate::model::Page;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

/// A page as checked.
pub struct PageState {
    /// What the page's own checks read: its text, its place and the UI strings.
    pub input: u64,
    pub analysis: Analysis,
    /// Every link and image destination of the body and of the blocks' text fields.
    pub links: PageLinks,
    /// In page order; `None` where a block was too broken to parse.
    pub blocks: Vec<Option<Block>>,
    pub resolved: Resolved,
    pub copies: Vec<CopyFile>,
    /// Half-width punctuation in Chinese text, for the course's typography lint.
    pub half_width: Vec<(crate::core::Pos, crate::markdown::typography::Mark)>,
    /// From the analysis and the blocks.
    own_diags: Diagnostics,
    /// Broken links.
    link_diags: Diagnostics,
}

/// The hash of what a page's own checks read.
pub fn input_hash(page: &Page, module: &str, strings: u64) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    page.text.hash(&mut h);
    page.path.hash(&mut h);
    module.hash(&mut h);
    page.slug.hash(&mut h);
    page.is_graded().hash(&mut h);
    strings.hash(&mut h);
    h.finish()
}

impl PageState {
    pub fn analyse(page: &Page, module: &str, input: u64, words: &HashMap<String, String>) -> Self {
        let mut diags = Diagnostics::new();
        let mut links = PageLinks::new(&page.text);
        let analysis = markdown::analyze(
            page.source(),
            page.body_start(),
            words,
            &blocks::is_block,
            &mut links,
            &mut diags,
        );
        let blocks = parse_blocks(page, module, &analysis, &mut links, &mut diags);
        for l in &links.dropped {
            diags.push(
                page.source()
                    .warning(l.pos, format!("the link to `{}` is shown as plain text", l.dest))
                    .hint("links in quizzes, role-plays and other blocks may only lead to course files, `http`, `https` or `mailto` addresses"),
            );
        }
        let half_width = blocks::lint::page_marks(page, &analysis);
        PageState {
            half_width,
            input,
            analysis,
            links,
            blocks,
            resolved: Resolved::default(),
            copies: Vec::new(),
            own_diags: diags,
            link_diags: Diagnostics::new(),
        }
    }

    pub fn heading_ids(&self) -> HashSet<String> {
        self.analysis
            .headings
            .iter()
            .map(|h| h.id.clone())
            .collect()
    }

    pub fn resolve(&mut self, page: &Page, index: &LinkIndex) {
        let (resolved, copies, diags) = index.resolve_page(page, &self.links);
        self.resolved = resolved;
        self.copies = copies;
        self.link_diags = diags.into_iter().collect();
    }

    pub fn diagnostics(&self) -> impl Iterator<Item = crate::core::Diagnostic> + '_ {
        self.own_diags.iter().chain(self.link_diags.iter()).cloned()
    }
}

fn parse_blocks(
    page: &Page,
    module: &str,
    analysis: &Analysis,
    links: &mut PageLinks,
    diags: &mut Diagnostics,
) -> Vec<Option<Block>> {
    let mut counts: HashMap<BlockKind, usize> = HashMap::new();
    analysis
        .blocks
        .iter()
        .map(|raw| {
            let kind = BlockKind::from_word(&raw.kind)?;
            let n = counts.entry(kind).or_insert(0);
            *n += 1;
            let emb = Embedded::new(page.source(), &raw.yaml, raw.first_line);
            let ctx = BlockCtx {
                emb,
                fence: raw.fence,
                module,
                page: &page.slug,
                index: *n,
                graded: page.is_graded(),
            };
            let mut fields = Fields::new(links, emb);
            blocks::parse(kind, &ctx, &mut fields, diags)
        })
        .collect()
}
