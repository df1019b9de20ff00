//! A course under test, written the way a trainer would: start from a fixture or
//! from nothing, add or edit files, then build or check it with the real binary and
//! look at what a trainee or a trainer would see.
//!
//! ```ignore
//! let site = CourseTest::new("id: t\ntitle: T\n")
//!     .file("01-basics/index.md", "---\ntitle: Basics\n---\n")
//!     .build();
//! assert!(site.main("basics/index.html").contains("<h1>Basics</h1>"));
//! ```

use super::{bin, files};
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct CourseTest {
    _dir: tempfile::TempDir,
    pub course: PathBuf,
}

/// A built site and what the build printed.
pub struct Built {
    _dir: tempfile::TempDir,
    pub out: PathBuf,
    pub stderr: String,
}

/// What `check` printed, and how it exited.
pub struct Checked {
    pub code: Option<i32>,
    pub stderr: String,
    /// `check --format json`'s problems.
    pub problems: Vec<serde_json::Value>,
}

impl CourseTest {
    /// A course with only this `course.yaml`.
    pub fn new(course_yaml: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let course = dir.path().join("course");
        std::fs::create_dir_all(&course).expect("mkdir");
        std::fs::write(course.join("course.yaml"), course_yaml).expect("write");
        CourseTest { _dir: dir, course }
    }

    /// A copy of a course under `tests/fixtures/`.
    pub fn fixture(name: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let course = dir.path().join("course");
        super::copy_tree(&super::fixture(name), &course);
        CourseTest { _dir: dir, course }
    }

    /// Writes a file of the course (folders are made as needed).
    pub fn file(self, rel: &str, text: &str) -> Self {
        let p = self.course.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
        self
    }

    /// Replaces the first `from` in a file of the course with `to`.
    pub fn edit(self, rel: &str, from: &str, to: &str) -> Self {
        let p = self.course.join(rel);
        let text = std::fs::read_to_string(&p).expect("read");
        assert!(text.contains(from), "{from:?} not in {rel}");
        std::fs::write(p, text.replacen(from, to, 1)).expect("write");
        self
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        Command::new(bin())
            .args(args)
            .env("NO_COLOR", "1")
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .output()
            .expect("the syllabus binary runs")
    }

    /// Builds the course (drafts left out); panics with the diagnostics on failure.
    pub fn build(&self) -> Built {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("public");
        let o = self.run(&[
            "build",
            &self.course.to_string_lossy(),
            "-o",
            &out.to_string_lossy(),
        ]);
        let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(o.status.success(), "the build failed:\n{stderr}");
        Built {
            _dir: dir,
            out,
            stderr,
        }
    }

    /// Runs `check` twice: as a trainer reads it, and as JSON.
    pub fn check(&self) -> Checked {
        let course = self.course.to_string_lossy().into_owned();
        let human = self.run(&["check", &course]);
        let json = self.run(&["check", &course, "--format", "json"]);
        let problems: serde_json::Value =
            serde_json::from_slice(&json.stdout).expect("check --format json prints JSON");
        Checked {
            code: human.status.code(),
            stderr: String::from_utf8_lossy(&human.stderr).into_owned(),
            problems: problems.as_array().cloned().unwrap_or_default(),
        }
    }
}

impl Built {
    /// The `<main>` element of a built page: what a trainee reads, without the
    /// sidebar, header and asset links that every page shares.
    pub fn main(&self, rel: &str) -> String {
        let html = super::read(&self.out, rel);
        let start = html
            .find("<main")
            .unwrap_or_else(|| panic!("{rel} has no <main>"));
        let end = html.find("</main>").expect("</main>") + "</main>".len();
        // The scripts' UI string tables are covered by the i18n files and
        // `tests/contract/`; leaving them out keeps these copies about the page.
        without_string_tables(&html[start..end])
    }

    /// The site's pages (HTML files outside `theme/`), relative and sorted.
    pub fn pages(&self) -> Vec<String> {
        files(&self.out)
            .into_iter()
            .filter(|f| f.ends_with(".html"))
            .collect()
    }

    /// Every page's `<main>` equals the file of the same name under
    /// `tests/expected/<name>/`. With `SYLLABUS_BLESS=1` the files are written
    /// instead, to be reviewed in the diff before they are committed.
    pub fn assert_pages_match(&self, name: &str) {
        let expected = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/expected")
            .join(name);
        let bless = std::env::var_os("SYLLABUS_BLESS").is_some();
        let mut wrong = Vec::new();
        for rel in self.pages() {
            let got = self.main(&rel) + "\n";
            let file = expected.join(&rel);
            if bless {
                std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
                std::fs::write(&file, &got).expect("write");
                continue;
            }
            match std::fs::read_to_string(&file) {
                Ok(want) if want == got => {}
                Ok(want) => wrong.push(format!(
                    "{rel} differs:\n--- expected\n{want}\n--- built\n{got}"
                )),
                Err(_) => wrong.push(format!("{rel}: no expected file {}", file.display())),
            }
        }
        assert!(
            wrong.is_empty(),
            "{}\n(run with SYLLABUS_BLESS=1 to write the files, then review the diff)",
            wrong.join("\n")
        );
    }
}

fn without_string_tables(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("-strings\">") {
        let open_end = i + "-strings\">".len();
        out.push_str(&rest[..open_end]);
        out.push('…');
        rest = &rest[open_end..];
        rest = &rest[rest.find("</script>").unwrap_or(0)..];
    }
    out.push_str(rest);
    out
}
