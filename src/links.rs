//! Links and images in page bodies: resolved against the course, checked, and turned
//! into relative URLs that name files, so the site works at any path and from `file://`.

use crate::content::{Course, Page};
use crate::diagnostics::Diagnostic;
use crate::markdown::LinkRef;
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// What every page can link to.
pub struct LinkIndex<'a> {
    course_dir: &'a Path,
    /// `01-basics/02-lesson.md` → the page's output path and heading ids.
    pages: HashMap<String, (&'a str, &'a HashSet<String>)>,
    /// `01-basics` → the module's slug.
    modules: HashMap<&'a str, &'a str>,
}

/// A file outside the theme that the site needs: a linked image or download.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CopyFile {
    pub from: PathBuf,
    /// Relative to the output folder, module prefixes stripped.
    pub to: String,
}

impl<'a> LinkIndex<'a> {
    /// `ids` holds each page's heading ids, in `course.pages()` order.
    pub fn new(course: &'a Course, ids: &'a [HashSet<String>]) -> Self {
        let pages = course
            .pages()
            .zip(ids)
            .map(|(p, ids)| (slash_path(&p.rel), (p.url.as_str(), ids)))
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

    /// Resolves every link of a page. Returns the destinations to rewrite, the files to
    /// copy, and a diagnostic for each broken link.
    pub fn resolve_page(
        &self,
        page: &Page,
        own_ids: &HashSet<String>,
        links: &[LinkRef],
    ) -> (HashMap<String, String>, Vec<CopyFile>, Vec<Diagnostic>) {
        let mut map = HashMap::new();
        let mut copies = Vec::new();
        let mut diags = Vec::new();
        for link in links {
            match self.resolve(page, own_ids, link) {
                Ok(Resolved::Keep) => {}
                Ok(Resolved::Url(url)) => {
                    map.insert(link.dest.clone(), url);
                }
                Ok(Resolved::File(url, copy)) => {
                    map.insert(link.dest.clone(), url);
                    copies.push(copy);
                }
                Err((msg, hint)) => {
                    let d = page.source().error(link.pos, msg);
                    diags.push(match hint {
                        Some(h) => d.hint(h),
                        None => d,
                    });
                }
            }
        }
        (map, copies, diags)
    }

    fn resolve(
        &self,
        page: &Page,
        own_ids: &HashSet<String>,
        link: &LinkRef,
    ) -> Result<Resolved, (String, Option<String>)> {
        let dest = link.dest.trim();
        if dest.is_empty() {
            return Err((
                "link has no destination".into(),
                Some("write the target between the parentheses: `[text](other-page.md)`".into()),
            ));
        }
        if let Some(frag) = dest.strip_prefix('#') {
            let frag = percent_decode(frag);
            if !frag.is_empty() && !own_ids.contains(&frag) {
                return Err((
                    format!("no heading with id `{frag}` on this page"),
                    Some(suggest(&frag, own_ids)),
                ));
            }
            return Ok(Resolved::Keep);
        }
        if has_scheme(dest) {
            if link.image {
                return Err((
                    format!("image `{dest}` is outside the course"),
                    Some("the site must not fetch anything from elsewhere: save the image under `assets/` and link it relatively".into()),
                ));
            }
            return Ok(Resolved::Keep);
        }
        if dest.starts_with('/') || dest.starts_with('\\') {
            return Err((
                format!("`{dest}` is an absolute path"),
                Some("write links relative to this .md file, as GitHub shows them, e.g. `../assets/photo.png`".into()),
            ));
        }
        let (path_part, frag) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(percent_decode(f))),
            None => (dest, None),
        };
        let path_part = path_part.split('?').next().unwrap_or("");
        let decoded = percent_decode(path_part);
        let base = page.rel.parent().unwrap_or(Path::new(""));
        let Some(target) = normalize(&base.join(&decoded)) else {
            return Err((
                format!("`{dest}` leaves the course folder"),
                Some("only files inside the course folder can be linked; copy the file into `assets/`".into()),
            ));
        };
        let key = slash_path(&target);
        let as_module = self.modules.get(key.trim_end_matches('/'));
        if let Some((url, ids)) = self.pages.get(&key) {
            if link.image {
                return Err((format!("`{dest}` is a page, not an image"), None));
            }
            if let Some(f) = &frag {
                if !f.is_empty() && !ids.contains(f) {
                    return Err((
                        format!("`{key}` has no heading with id `{f}`"),
                        Some(suggest(f, ids)),
                    ));
                }
            }
            return Ok(Resolved::Url(with_fragment(
                relative_url(&page.url, url),
                frag,
            )));
        }
        if let Some(slug) = as_module {
            let url = format!("{slug}/index.html");
            return Ok(Resolved::Url(with_fragment(
                relative_url(&page.url, &url),
                frag,
            )));
        }
        let on_disk = self.course_dir.join(&target);
        if key.ends_with(".md") {
            let hint = if on_disk.is_file() {
                let draft = std::fs::read_to_string(&on_disk)
                    .map(|t| t.lines().any(|l| l.trim() == "draft: true"))
                    .unwrap_or(false);
                if draft {
                    "that page is a draft, left out of this build; build with `--drafts` or link elsewhere".to_string()
                } else {
                    "that page could not be loaded; fix the errors reported for it".to_string()
                }
            } else {
                "links to pages are written relative to this file, e.g. `../02-customers/01-internal-external.md`".to_string()
            };
            return Err((
                format!("link to a page that does not exist: `{key}`"),
                Some(hint),
            ));
        }
        if !on_disk.is_file() {
            let what = if link.image { "image" } else { "linked file" };
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
        let to = self.output_path(&target);
        let url = with_fragment(relative_url(&page.url, &to), frag);
        Ok(Resolved::File(url, CopyFile { from: on_disk, to }))
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

enum Resolved {
    Keep,
    Url(String),
    File(String, CopyFile),
}

fn suggest(wanted: &str, ids: &HashSet<String>) -> String {
    let mut close: Vec<&String> = ids
        .iter()
        .filter(|id| id.contains(wanted) || wanted.contains(id.as_str()))
        .collect();
    close.sort();
    if let Some(best) = close.first() {
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
                && !dest[..i].contains('/')
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

pub fn slash_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// The URL of `to` as seen from the page at `from` (both relative to the site root).
pub fn relative_url(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect();
    let from_dir = &from_dir[..from_dir.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len() - 1);
    let mut url = "../".repeat(from_dir.len() - common);
    url.push_str(&encode_path(&to_parts[common..].join("/")));
    url
}

/// The prefix that leads from a page back to the site root: `""` or `"../"`.
pub fn root_of(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

fn with_fragment(url: String, frag: Option<String>) -> String {
    match frag {
        Some(f) if !f.is_empty() => format!("{url}#{}", encode_path(&f)),
        _ => url,
    }
}

/// Percent-encodes what a URL path may not hold; letters of other scripts stay as they are.
fn encode_path(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || "/-._~!$&'()*+,;=:@".contains(c) || !c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls_name_files() {
        assert_eq!(relative_url("a/b.html", "c/d.html"), "../c/d.html");
        assert_eq!(relative_url("a/b.html", "a/d.html"), "d.html");
        assert_eq!(relative_url("index.html", "a/index.html"), "a/index.html");
        assert_eq!(relative_url("a/b.html", "index.html"), "../index.html");
        assert_eq!(relative_url("a/b.html", "a/img/x y.png"), "img/x%20y.png");
        assert_eq!(root_of("a/b.html"), "../");
        assert_eq!(root_of("index.html"), "");
    }

    #[test]
    fn paths_cannot_climb_out() {
        assert_eq!(normalize(Path::new("a/../b")), Some(PathBuf::from("b")));
        assert_eq!(normalize(Path::new("a/../../b")), None);
        assert!(has_scheme("https://x"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("a/b:c"));
        assert_eq!(percent_decode("%E5%9B%BE.png"), "图.png");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
