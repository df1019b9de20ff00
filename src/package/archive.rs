//! The zip itself: entries named only by `/`-separated paths inside the site (no
//! `..`, nothing absolute), in byte order, with a fixed time and mode, so the same
//! site gives the same bytes. The file is written beside its destination and
//! renamed into place, so a failed run leaves an earlier package as it was.

use crate::core::Diagnostic;
use std::io::Write;
use std::path::{Component, Path};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The entry name of a file at `rel` inside the site, or `None` for a path that
/// would leave the package root or is not plain UTF-8.
pub fn entry_name(rel: &Path) -> Option<String> {
    let mut parts = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(s) => parts.push(s.to_str()?.to_string()),
            Component::CurDir => {}
            _ => return None,
        }
    }
    let name = parts.join("/");
    let bad = name.is_empty() || parts.iter().any(|p| p.contains(['\\', '\0']));
    (!bad).then_some(name)
}

/// Every file under `dir` as (entry name, path), sorted by name; `skip` names are
/// left out. A path that cannot be an entry name is an error.
pub fn files(dir: &Path, skip: &[&str]) -> Result<Vec<(String, std::path::PathBuf)>, Diagnostic> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.map_err(|e| Diagnostic::error(dir, format!("cannot read: {e}")))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let name = entry_name(rel).ok_or_else(|| {
            Diagnostic::error(entry.path(), "this file name cannot go into a zip package")
                .hint("rename the file: package entries must be UTF-8 paths inside the site")
        })?;
        if !skip.contains(&name.as_str()) {
            out.push((name, entry.path().to_path_buf()));
        }
    }
    out.sort();
    Ok(out)
}

/// Writes the entries (name, bytes) in the order given into the zip at `dest`.
pub fn write(dest: &Path, entries: &[(String, Vec<u8>)]) -> Result<u64, Diagnostic> {
    let dir = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let err =
        |what: &str, e: &dyn std::fmt::Display| Diagnostic::error(dest, format!("{what}: {e}"));
    std::fs::create_dir_all(dir).map_err(|e| err("cannot create the folder", &e))?;
    let tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| err("cannot write", &e))?;
    // The zip's DOS time cannot be before 1980; a fixed time makes packages of the
    // same course byte for byte the same, whenever they are made.
    let opts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::DEFAULT)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(tmp.as_file());
    for (name, bytes) in entries {
        zip.start_file(name.as_str(), opts)
            .map_err(|e| err("cannot write", &e))?;
        zip.write_all(bytes).map_err(|e| err("cannot write", &e))?;
    }
    zip.finish().map_err(|e| err("cannot write", &e))?;
    let size = tmp.as_file().metadata().map(|m| m.len()).unwrap_or(0);
    // A temporary file is private to its owner; the package is for HR to copy.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = tmp
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    tmp.persist(dest)
        .map_err(|e| err("cannot move the package into place", &e.error))?;
    Ok(size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_names_stay_inside_the_root() {
        assert_eq!(
            entry_name(Path::new("a/./b.html")).as_deref(),
            Some("a/b.html")
        );
        assert_eq!(entry_name(Path::new("../x")), None);
        assert_eq!(entry_name(Path::new("/etc/passwd")), None);
        assert_eq!(entry_name(Path::new("")), None);
        assert_eq!(
            entry_name(Path::new("资料/图 1.png")).as_deref(),
            Some("资料/图 1.png")
        );
    }
}
