//! The course loader on a small folder tree written from the input, then the
//! whole pipeline (`Pipeline::load`) and, when the course has no errors, every
//! page rendered through the templates into nowhere.
//!
//! The input is a list of files, each introduced by a line `=== <path>` and
//! followed by its text; a line `=== <path> -> <target>` makes a symbolic link
//! instead. Paths are relative, at most four folders deep; `..` and absolute paths
//! are skipped so that nothing is written or read outside the temporary folder.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::{Component, Path, PathBuf};
use syllabus::output::Writer;
use syllabus::pipeline::{BuildOptions, Pipeline};
use syllabus::render::site::{self, Which};

mod common;

/// A relative path of at most four folders, or `None`.
fn safe(path: &str) -> Option<PathBuf> {
    let p = Path::new(path.trim());
    let ok = !path.trim().is_empty()
        && p.components().count() <= 5
        && p.components().all(|c| matches!(c, Component::Normal(_)));
    ok.then(|| p.to_path_buf())
}

fn write_tree(root: &Path, input: &str) {
    let mut files = 0;
    for chunk in input.split("=== ").skip(1) {
        if files >= 40 {
            break;
        }
        let (head, body) = chunk.split_once('\n').unwrap_or((chunk, ""));
        let (name, link) = match head.split_once(" -> ") {
            Some((n, t)) => (n, Some(t)),
            None => (head, None),
        };
        let Some(rel) = safe(name) else { continue };
        let path = root.join(&rel);
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        match link {
            Some(target) => {
                if let Some(t) = safe(target).or_else(|| (target.trim() == ".").then(|| ".".into())) {
                    let _ = std::os::unix::fs::symlink(t, &path);
                }
            }
            None => {
                let _ = std::fs::write(&path, body);
            }
        }
        files += 1;
    }
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let base = if Path::new("/dev/shm").is_dir() { "/dev/shm" } else { "/tmp" };
    let Ok(dir) = tempfile::Builder::new().prefix("syllabus-fuzz-").tempdir_in(base) else {
        return;
    };
    let root = dir.path().join("course");
    let _ = std::fs::create_dir(&root);
    write_tree(&root, &input);
    let drafts = input.starts_with("drafts");
    match Pipeline::load(&root, BuildOptions { drafts }) {
        Ok(p) => {
            let diags = p.diagnostics();
            common::show(&diags);
            if !diags.has_errors() {
                if let Err(d) = site::render(&p, Which::All, &Writer::discard()) {
                    common::show(&d);
                }
                let _ = std::hint::black_box(p.copies());
            }
        }
        Err(d) => common::show(&d),
    }
});
