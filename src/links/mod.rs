//! Links and images, in page bodies and in the Markdown text fields of blocks: the
//! one place that resolves them against the course, checks them, and writes them
//! into pages as relative URLs that name files.
//!
//! Markdown is rendered with placeholders for destinations (`markdown::html`);
//! [`LinkIndex::resolve_page`] turns each destination into a [`Target`]; a
//! [`Filler`] writes the targets into HTML as seen from the page that shows it, so
//! an exam showing a question from another page gets that page's links right.

pub mod url;

pub use url::{relative_url, root_of};

use crate::core::Diagnostic;
use crate::markdown::{LinkRef, LinkedHtml, PageLinks};
use crate::model::{slash_path, Course, Page};
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// Where a destination leads once resolved.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// Written out as it was: a URL elsewhere or a mail link.
    Keep(String),
    /// `#fragment` on the page the link was written on.
    Own(String),
    /// A page or copied file of the site, with its fragment.
    Site {
        path: String,
        fragment: Option<String>,
    },
}

/// A file outside the theme that the site needs: a linked image or download.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CopyFile {
    pub from: PathBuf,
    /// Relative to the output folder, module prefixes stripped.
    pub to: String,
}

/// A page's links once resolved: its placeholders' targets, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Resolved {
    pub nonce: u64,
    /// The site path of the page the links were written on.
    pub page: String,
    pub targets: Vec<Target>,
}

impl Resolved {
    /// A filler for this page's HTML as shown on the page at `from`.
    pub fn filler<'a>(&'a self, from: &'a str) -> Filler<'a> {
        Filler {
            prefix: crate::markdown::html::placeholder_prefix(self.nonce),
            resolved: self,
            from,
        }
    }
}

/// Writes resolved links into HTML rendered from one page's Markdown.
pub struct Filler<'a> {
    prefix: String,
    resolved: &'a Resolved,
    from: &'a str,
}

impl Filler<'_> {
    pub fn fill(&self, html: &LinkedHtml) -> String {
        html.fill_with(&self.prefix, |n| {
            Some(match self.resolved.targets.get(n)? {
                Target::Keep(d) => d.clone(),
                Target::Own(d) if self.from == self.resolved.page => d.clone(),
                Target::Own(d) => format!("{}{d}", relative_url(self.from, &self.resolved.page)),
                Target::Site { path, fragment } => {
                    let mut u = relative_url(self.from, path);
                    if let Some(f) = fragment {
                        u.push('#');
                        u.push_str(&url::encode_path(f));
                    }
                    u
                }
            })
        })
    }

    pub fn fill_opt(&self, html: &Option<LinkedHtml>) -> Option<String> {
        html.as_ref().map(|h| self.fill(h))
    }
}

/// What every page can link to.
pub struct LinkIndex<'a> {
    course_dir: &'a Path,
    /// `01-basics/02-lesson.md` → the page's output path and heading ids.
    pages: HashMap<&'a str, (&'a str, &'a HashSet<String>)>,
    /// `01-basics` → the module's slug.
    modules: HashMap<&'a str, &'a str>,
}

impl<'a> LinkIndex<'a> {
    /// `ids` gives each page's heading ids by page id.
    pub fn new(course: &'a Course, ids: &'a HashMap<String, HashSet<String>>) -> Self {
        static NONE: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
        let none = NONE.get_or_init(HashSet::new);
        let pages = course
            .pages()
            .map(|p| {
                (
                    p.id.as_str(),
                    (p.url.as_str(), ids.get(&p.id).unwrap_or(none)),
                )
            })
            .collect();
        let modules = course
            .modules
            .iter()
            .map(|m| (m.dir_name.as_str(), m.slug.as_str()))
            .collect();
        LinkIndex {
            course_dir: &course.dir,
            pages,
            modules,
        }
    }

    /// Resolves every link of a page. Returns the targets (aligned with the
    /// placeholders), the files to copy, and a diagnostic for each broken link.
    pub fn resolve_page(
        &self,
        page: &Page,
        links: &PageLinks,
    ) -> (Resolved, Vec<CopyFile>, Vec<Diagnostic>) {
        let own_ids = self.pages.get(page.id.as_str()).map(|(_, ids)| *ids);
        let mut targets = Vec::with_capacity(links.refs.len());
        let mut copies = Vec::new();
        let mut diags = Vec::new();
        for link in &links.refs {
            match self.resolve(page, own_ids, link) {
                Ok((target, copy)) => {
                    targets.push(target);
                    copies.extend(copy);
                }
                Err((msg, hint)) => {
                    targets.push(Target::Keep(link.dest.clone()));
                    diags.push(page.source().error(link.pos, msg).maybe_hint(hint));
                }
            }
        }
        let resolved = Resolved {
            nonce: links.nonce,
            page: page.url.clone(),
            targets,
        };
        (resolved, copies, diags)
    }

    fn resolve(
        &self,
        page: &Page,
        own_ids: Option<&HashSet<String>>,
        link: &LinkRef,
    ) -> Result<(Target, Option<CopyFile>), (String, Option<String>)> {
        let dest = link.dest.trim();
        if dest.is_empty() {
            return Err((
                "link has no destination".into(),
                Some("write the target between the parentheses: `[text](other-page.md)`".into()),
            ));
        }
        if let Some(frag) = dest.strip_prefix('#') {
            let frag = url::decode(frag);
            if let Some(ids) = own_ids.filter(|ids| !frag.is_empty() && !ids.contains(&frag)) {
                return Err((
                    format!("no heading with id `{frag}` on this page"),
                    Some(suggest_heading(&frag, ids)),
                ));
            }
            return Ok((Target::Own(dest.to_string()), None));
        }
        if has_scheme(dest) {
            if link.image {
                return Err((
                    format!("image `{dest}` is outside the course"),
                    Some("the site must not fetch anything from elsewhere: save the image under `assets/` and link it relatively".into()),
                ));
            }
            return Ok((Target::Keep(dest.to_string()), None));
        }
        if dest.starts_with('/') || dest.starts_with('\\') {
            return Err((
                format!("`{dest}` is an absolute path"),
                Some("write links relative to this .md file, as GitHub shows them, e.g. `../assets/photo.png`".into()),
            ));
        }
        let (path_part, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(url::decode(f)).filter(|f| !f.is_empty())),
            None => (dest, None),
        };
        let path_part = path_part.split('?').next().unwrap_or("");
        let base = page.rel.parent().unwrap_or(Path::new(""));
        let Some(target) = normalize(&base.join(url::decode(path_part))) else {
            return Err((
                format!("`{dest}` leaves the course folder"),
                Some("only files inside the course folder can be linked; copy the file into `assets/`".into()),
            ));
        };
        let key = slash_path(&target);
        if let Some((page_url, ids)) = self.pages.get(key.as_str()) {
            if link.image {
                return Err((format!("`{dest}` is a page, not an image"), None));
            }
            if let Some(f) = fragment.as_ref().filter(|f| !ids.contains(*f)) {
                return Err((
                    format!("`{key}` has no heading with id `{f}`"),
                    Some(suggest_heading(f, ids)),
                ));
            }
            let path = page_url.to_string();
            return Ok((Target::Site { path, fragment }, None));
        }
        if let Some(slug) = self.modules.get(key.trim_end_matches('/')) {
            let path = format!("{slug}/index.html");
            return Ok((Target::Site { path, fragment }, None));
        }
        self.resolve_file(dest, &key, &target, fragment, link.image)
    }

    /// A link to a file that is not a page: copied into the site when it exists.
    fn resolve_file(
        &self,
        dest: &str,
        key: &str,
        target: &Path,
        fragment: Option<String>,
        image: bool,
    ) -> Result<(Target, Option<CopyFile>), (String, Option<String>)> {
        let on_disk = self.course_dir.join(target);
        if key.ends_with(".md") {
            return Err((
                format!("link to a page that does not exist: `{key}`"),
                Some(self.missing_page_hint(key, &on_disk)),
            ));
        }
        if !on_disk.is_file() {
            let what = if image { "image" } else { "linked file" };
            return Err((
                format!("{what} not found: `{key}`"),
                Some(
                    "paths are relative to this .md file; check the spelling and the folder".into(),
                ),
            ));
        }
        // A link through a symlink must not reach outside the course either.
        if let (Ok(real), Ok(root)) = (on_disk.canonicalize(), self.course_dir.canonicalize()) {
            if !real.starts_with(&root) {
                return Err((format!("`{dest}` leaves the course folder"), None));
            }
        }
        let to = self.output_path(target);
        let copy = CopyFile {
            from: on_disk,
            to: to.clone(),
        };
        Ok((Target::Site { path: to, fragment }, Some(copy)))
    }

    fn missing_page_hint(&self, key: &str, on_disk: &Path) -> String {
        if on_disk.is_file() {
            let draft = std::fs::read_to_string(on_disk)
                .map(|t| t.lines().any(|l| l.trim() == "draft: true"))
                .unwrap_or(false);
            return if draft {
                "that page is a draft, left out of this build; build with `--drafts` or link elsewhere".to_string()
            } else {
                "that page could not be loaded; fix the errors reported for it".to_string()
            };
        }
        let known = self.pages.keys().copied();
        match crate::core::suggest::closest_within(key, known, 2) {
            Some(g) => format!("did you mean `{g}`? links to pages are written relative to this file"),
            None => "links to pages are written relative to this file, as GitHub shows them: `02-next.md` in the same module, `../02-module/01-lesson.md` in another".to_string(),
        }
    }

    /// The output path of a course file: the module folder's prefix is stripped.
    fn output_path(&self, rel: &Path) -> String {
        let s = slash_path(rel);
        match s.split_once('/') {
            Some((first, rest)) => match self.modules.get(first) {
                Some(slug) => format!("{slug}/{rest}"),
                None => s,
            },
            None => s,
        }
    }
}

fn suggest_heading(wanted: &str, ids: &HashSet<String>) -> String {
    let mut close: Vec<&String> = ids
        .iter()
        .filter(|id| id.contains(wanted) || wanted.contains(id.as_str()))
        .collect();
    close.sort();
    let best = close
        .first()
        .map(|s| s.as_str())
        .or_else(|| crate::core::suggest::closest(wanted, ids.iter().map(String::as_str)));
    if let Some(best) = best {
        return format!("did you mean `#{best}`? Heading ids are lower-case, spaces become `-`, punctuation is dropped");
    }
    let mut all: Vec<&String> = ids.iter().collect();
    all.sort();
    let list: Vec<String> = all.iter().take(8).map(|s| format!("#{s}")).collect();
    if list.is_empty() {
        "the target page has no headings".into()
    } else {
        format!("heading ids there: {}", list.join(", "))
    }
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => dest.starts_with("//"),
    }
}

/// Resolves `.` and `..`; `None` when the path climbs above its root.
fn normalize(p: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(n) => out.push(n),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_climb_out() {
        assert_eq!(normalize(Path::new("a/../b")), Some(PathBuf::from("b")));
        assert_eq!(normalize(Path::new("a/../../b")), None);
        assert!(has_scheme("https://x"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("a/b:c"));
    }

    #[test]
    fn fragments_on_the_same_page_stay_short() {
        let r = Resolved {
            nonce: 7,
            page: "m/a.html".into(),
            targets: vec![
                Target::Own("#x".into()),
                Target::Site {
                    path: "m/b.html".into(),
                    fragment: Some("第一步".into()),
                },
            ],
        };
        let mut links = PageLinks {
            nonce: 7,
            refs: Vec::new(),
            dropped: Vec::new(),
        };
        let html = LinkedHtml(format!(
            "<a href=\"{}\">1</a><a href=\"{}\">2</a>",
            links.placeholder("#x", crate::core::Pos::new(1, 1), false),
            links.placeholder("b.md#第一步", crate::core::Pos::new(1, 1), false)
        ));
        assert_eq!(
            r.filler("m/a.html").fill(&html),
            "<a href=\"#x\">1</a><a href=\"b.html#%E7%AC%AC%E4%B8%80%E6%AD%A5\">2</a>"
        );
        assert_eq!(
            r.filler("exam/final.html").fill(&html),
            "<a href=\"../m/a.html#x\">1</a><a href=\"../m/b.html#%E7%AC%AC%E4%B8%80%E6%AD%A5\">2</a>"
        );
    }
}
