//! Where a site may be written, and what an interrupted build left behind.
//!
//! A build replaces its output folder as a whole, so the folder must be one that
//! syllabus wrote (or empty, or new), must not hold the course, and must not lie
//! inside it (the course would then publish its own output, and `serve` would
//! watch its own writes). A build that was killed leaves its half-written
//! `.<name>.building-<pid>-*` folder beside the output, or, killed between the
//! two renames of the swap, the previous site as `.<name>.old-<pid>`: the next
//! build puts the previous site back and removes the rest.

use super::{is_empty, OUTPUT_MARKER};
use crate::core::Diagnostic;
use std::path::{Component, Path, PathBuf};

/// How sure the trainer is about the output folder.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Replace {
    /// Only a folder syllabus wrote, an empty one or a new one.
    #[default]
    OwnOnly,
    /// Any folder (`build --force`), but never the course, a folder that holds
    /// it, or one inside it.
    Any,
}

/// `path` made absolute with symbolic links resolved, also when (the end of) it
/// does not exist yet: the longest existing part is resolved and the rest added.
pub fn resolved(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut rest: Vec<Component> = Vec::new();
    let mut head = abs.as_path();
    loop {
        if let Ok(real) = head.canonicalize() {
            let mut out = real;
            for c in rest.iter().rev() {
                match c {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::CurDir => {}
                    other => out.push(other),
                }
            }
            return out;
        }
        match (head.parent(), head.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                head = parent;
            }
            _ => return abs,
        }
    }
}

/// Refuses an output folder that is the course, holds it or lies inside it.
pub fn check_place(course_dir: &Path, out: &Path) -> Result<(), Diagnostic> {
    let (o, c) = (resolved(out), resolved(course_dir));
    if c.starts_with(&o) {
        let what = if c == o {
            "the output folder is the course folder itself"
        } else {
            "the output folder holds the course itself"
        };
        return Err(Diagnostic::error(out, what)
            .hint("the output folder is replaced on every build: choose another one with `-o`, e.g. `-o public` beside the course"));
    }
    if o.starts_with(&c) {
        return Err(
            Diagnostic::error(out, "the output folder is inside the course folder").hint(
                "the site would be read back as part of the course: write it beside the course, e.g. `-o ../public`",
            ),
        );
    }
    Ok(())
}

/// Refuses to replace a folder that syllabus did not write (unless `Replace::Any`),
/// the course, a folder around or inside it, a file, or the working folder.
pub fn check(course_dir: &Path, out: &Path, replace: Replace) -> Result<(), Diagnostic> {
    check_place(course_dir, out)?;
    if out.is_file() {
        return Err(
            Diagnostic::error(out, "the output path is a file").hint("choose a folder with `-o`")
        );
    }
    let ours = out.join(OUTPUT_MARKER).exists();
    if !out.is_dir() || ours || is_empty(out) {
        return Ok(());
    }
    if replace == Replace::Any {
        if let Ok(cwd) = std::env::current_dir() {
            if resolved(&cwd).starts_with(resolved(out)) {
                return Err(Diagnostic::error(
                    out,
                    "the output folder holds the folder syllabus runs in; it is left untouched",
                )
                .hint("choose an output folder elsewhere with `-o`"));
            }
        }
        return Ok(());
    }
    Err(Diagnostic::error(
        out,
        "the output folder exists and was not written by syllabus; it is left untouched",
    )
    .hint("syllabus replaces its output folder on every build: choose an empty or new folder with `-o`, or add `--force` to replace this one and everything in it"))
}

/// What an interrupted build left beside the output `<parent>/<name>`: the
/// previous site put back when the output is missing, then every leftover folder
/// of a build that no longer runs removed.
pub fn clean_leftovers(parent: &Path, name: &str, out: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let building = format!(".{name}.building-");
    let old = format!(".{name}.old-");
    let mut leftovers: Vec<(PathBuf, bool)> = Vec::new();
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let (rest, is_old) = if let Some(r) = file.strip_prefix(&building) {
            (r, false)
        } else if let Some(r) = file.strip_prefix(&old) {
            (r, true)
        } else {
            continue;
        };
        // Only real folders: a link of that name is not ours to follow.
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && !still_running(rest) {
            leftovers.push((entry.path(), is_old));
        }
    }
    // A previous site moved aside by a build killed before it moved the new one in.
    if !out.exists() {
        if let Some((aside, _)) = leftovers
            .iter()
            .find(|(p, is_old)| *is_old && p.join(OUTPUT_MARKER).exists())
        {
            let _ = std::fs::rename(aside, out);
        }
    }
    for (path, _) in leftovers {
        if path.exists() {
            let _ = std::fs::remove_dir_all(path);
        }
    }
}

/// Whether the build that named a leftover `<pid>-…` (or `<pid>`) still runs.
/// Where that cannot be told (no `/proc`), a leftover counts as abandoned: two
/// builds into one folder at one time overwrite each other anyway.
fn still_running(rest: &str) -> bool {
    let pid = rest.split('-').next().unwrap_or("");
    let Ok(pid) = pid.parse::<u32>() else {
        // Older syllabus versions did not name the builder: abandoned.
        return false;
    };
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    proc.is_dir() && proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_do_not_exist_yet_resolve_through_the_part_that_does() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        assert_eq!(resolved(&dir.path().join("a/b/../c")), real.join("a/c"));
        assert_eq!(resolved(dir.path()), real);
    }

    #[test]
    fn the_output_is_never_the_course_around_it_or_inside_it() {
        let dir = tempfile::tempdir().unwrap();
        let course = dir.path().join("course");
        std::fs::create_dir(&course).unwrap();
        assert!(check_place(&course, &course).is_err());
        assert!(check_place(&course, dir.path()).is_err());
        assert!(check_place(&course, &course.join("public")).is_err());
        assert!(check_place(&course, &course.join("x/../../course/p")).is_err());
        assert!(check_place(&course, &dir.path().join("public")).is_ok());
        assert!(check_place(&course, &dir.path().join("course-public")).is_ok());
    }

    #[test]
    fn leftovers_of_running_builds_stay() {
        assert!(still_running(&format!("{}-abc", std::process::id())));
        assert!(!still_running("abc"));
        assert!(!still_running(&format!("{}-x", u32::MAX)));
    }
}
