//! `syllabus new`: writes the example course embedded from `src/scaffold/`.

use include_dir::{include_dir, Dir};
use std::path::Path;

static SCAFFOLD: Dir = include_dir!("$CARGO_MANIFEST_DIR/src/scaffold");

/// Writes the example course into `dir`; returns the exit status.
pub fn run(dir: &Path) -> i32 {
    if dir.is_file() {
        eprintln!("{}: error: a file with this name exists", dir.display());
        return 1;
    }
    if dir.is_dir() {
        let empty = std::fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            eprintln!(
                "{}: error: the folder is not empty; nothing was written\n = hint: name a new folder, e.g. `syllabus new my-course`",
                dir.display()
            );
            return 1;
        }
    }
    match write(&SCAFFOLD, dir) {
        Ok(n) => {
            eprintln!("created {} with {n} files", dir.display());
            eprintln!(
                "next: `syllabus serve {}` to preview it while you edit",
                dir.display()
            );
            0
        }
        Err(e) => {
            eprintln!("{}: error: cannot write the course: {e}", dir.display());
            1
        }
    }
}

fn write(d: &Dir, to: &Path) -> std::io::Result<usize> {
    std::fs::create_dir_all(to.join(d.path()))?;
    let mut n = 0;
    for f in d.files() {
        std::fs::write(to.join(f.path()), f.contents())?;
        n += 1;
    }
    for sub in d.dirs() {
        n += write(sub, to)?;
    }
    Ok(n)
}
