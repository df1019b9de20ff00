//! The course model: `course.yaml`, module folders and pages read from the course
//! folder, with their front matter, slugs, order and output paths checked against
//! the structure rules. Nothing here reads page bodies.

pub mod brand;
pub mod checks;
pub mod config;
pub mod front;
pub mod load;

pub use config::Config;
pub use front::{FrontMatter, QuizSettings};
pub use load::{load, LoadOptions};

use crate::core::yaml::Embedded;
use crate::core::Source;
use std::path::PathBuf;

/// Module slugs that would collide with the site's own pages and folders.
pub const RESERVED_MODULE_SLUGS: &[&str] = &[
    "assets",
    "theme",
    "progress",
    "certificate",
    "search",
    "workbook",
    "review",
    "index",
];

/// What a page is to a trainee.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Module,
    Lesson,
    Quiz,
}

/// One `.md` file: a lesson, a graded quiz page or a module's `index.md`.
#[derive(Debug, Clone)]
pub struct Page {
    /// Stable identity across rebuilds: the path relative to the course folder with
    /// `/` separators, e.g. `01-service-concepts/01-what-is-service.md`.
    pub id: String,
    /// The path as the user would name it: course folder joined with `rel`.
    pub path: PathBuf,
    /// Relative to the course folder.
    pub rel: PathBuf,
    pub text: String,
    pub front: FrontMatter,
    pub front_span: front::FrontSpan,
    pub slug: String,
    /// Output path relative to the site root, e.g. `service-concepts/what-is-service.html`.
    pub url: String,
    pub is_index: bool,
    pub(crate) order: (f64, String),
}

impl Page {
    pub fn body(&self) -> &str {
        &self.text[self.front_span.body_start..]
    }

    pub fn body_start(&self) -> usize {
        self.front_span.body_start
    }

    pub fn source(&self) -> Source<'_> {
        Source::new(&self.path, &self.text)
    }

    pub fn title(&self) -> &str {
        &self.front.title
    }

    /// The front matter as an embedded YAML snippet, for positions in it.
    pub fn front_yaml(&self) -> Embedded<'_> {
        let s = self.front_span;
        Embedded::new(
            self.source(),
            &self.text[s.yaml_start..s.yaml_end],
            s.first_line,
        )
    }

    pub fn kind(&self) -> PageKind {
        if self.is_index {
            PageKind::Module
        } else if self.front.quiz.is_some() {
            PageKind::Quiz
        } else {
            PageKind::Lesson
        }
    }

    pub fn is_graded(&self) -> bool {
        self.front.quiz.is_some()
    }
}

#[derive(Debug, Clone)]
pub struct Module {
    /// The folder name, e.g. `01-service-concepts`.
    pub dir_name: String,
    pub slug: String,
    pub index: Page,
    pub pages: Vec<Page>,
    pub(crate) order: (f64, String),
}

impl Module {
    /// Minutes: the module's own `duration` if given, else the sum of its pages'.
    pub fn duration(&self) -> u32 {
        self.index
            .front
            .duration
            .unwrap_or_else(|| self.pages.iter().filter_map(|p| p.front.duration).sum())
    }

    pub fn title(&self) -> &str {
        self.index.title()
    }

    /// The module page, then its pages in order.
    pub fn all_pages(&self) -> impl Iterator<Item = &Page> {
        std::iter::once(&self.index).chain(self.pages.iter())
    }

    pub fn all_pages_mut(&mut self) -> impl Iterator<Item = &mut Page> {
        std::iter::once(&mut self.index).chain(self.pages.iter_mut())
    }
}

#[derive(Debug, Clone)]
pub struct Course {
    pub dir: PathBuf,
    pub config: Config,
    pub modules: Vec<Module>,
    /// Whether draft pages were included.
    pub drafts: bool,
}

impl Course {
    /// Every page in reading order: each module page, then its pages.
    pub fn pages(&self) -> impl Iterator<Item = &Page> {
        self.modules.iter().flat_map(Module::all_pages)
    }

    /// Every page with its module, in reading order.
    pub fn pages_with_modules(&self) -> impl Iterator<Item = (&Module, &Page)> {
        self.modules
            .iter()
            .flat_map(|m| m.all_pages().map(move |p| (m, p)))
    }

    pub fn page_mut(&mut self, id: &str) -> Option<&mut Page> {
        self.modules
            .iter_mut()
            .flat_map(Module::all_pages_mut)
            .find(|p| p.id == id)
    }

    pub fn duration(&self) -> u32 {
        self.modules.iter().map(Module::duration).sum()
    }

    pub fn id(&self) -> &str {
        &self.config.course.id
    }

    pub fn title(&self) -> &str {
        &self.config.course.title
    }
}

/// Splits `01-what-is-service` into `(Some(1), "what-is-service")`.
pub fn split_prefix(name: &str) -> (Option<u64>, &str) {
    let digits = name.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && name[digits..].starts_with('-') {
        (name[..digits].parse().ok(), &name[digits + 1..])
    } else {
        (None, name)
    }
}

pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Reads a file of the course. Only a regular file (or a link to one) is read: a
/// named pipe or a device would block the build or never end.
pub fn read_file(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    if !std::fs::metadata(path)?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    std::fs::read(path)
}

/// [`read_file`] as UTF-8 text.
pub fn read_text(path: &std::path::Path) -> std::io::Result<String> {
    String::from_utf8(read_file(path)?).map_err(|_| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        )
    })
}

/// A path relative to the course folder with `/` separators.
pub fn slash_path(p: &std::path::Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_and_slugs() {
        assert_eq!(
            split_prefix("01-what-is-service"),
            (Some(1), "what-is-service")
        );
        assert_eq!(split_prefix("intro"), (None, "intro"));
        assert_eq!(split_prefix("2024"), (None, "2024"));
        assert!(is_valid_slug("what-is-service"));
        assert!(!is_valid_slug("服务"));
        assert!(!is_valid_slug("What"));
    }
}
