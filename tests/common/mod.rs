//! Shared helpers for the integration tests: run the real binary on fixture courses.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_syllabus")
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs `syllabus ARGS` from the repository root, with colours off and no locale,
/// so that messages follow the course's language alone.
pub fn run(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .expect("the syllabus binary runs")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Builds a fixture course (given relative to the repository root) into a fresh
/// temporary folder and returns it; panics with the diagnostics if the build fails.
pub fn build(course: &str, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("public");
    let out_s = out.to_string_lossy().into_owned();
    let mut args = vec!["build", course, "-o", &out_s];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert!(
        o.status.success(),
        "build of {course} failed:\n{}",
        stderr(&o)
    );
    (dir, out)
}

pub fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
}

/// Every file below `dir`, relative, sorted.
pub fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    v.sort();
    v
}

/// The `href` and `src` attribute values of an HTML page.
pub fn urls(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].to_string());
                rest = &rest[end..];
            }
        }
    }
    out
}

/// Copies a fixture course into a scratch folder, to edit it there.
pub fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e.path().strip_prefix(from).expect("inside");
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

/// Asserts that two site folders hold the same files with the same bytes; `what`
/// says what is being compared in a failure message.
pub fn assert_same_sites(a: &Path, b: &Path, what: &str) {
    let snapshot = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        files(dir)
            .into_iter()
            .map(|rel| {
                let bytes = std::fs::read(dir.join(&rel)).expect("read");
                (rel, bytes)
            })
            .collect()
    };
    let (x, y) = (snapshot(a), snapshot(b));
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&x), names(&y), "{what}: not the same files");
    for ((name, p), (_, q)) in x.iter().zip(&y) {
        assert!(
            p == q,
            "{what}: {name} differs\n--- {}\n{}\n--- {}\n{}",
            a.display(),
            String::from_utf8_lossy(p),
            b.display(),
            String::from_utf8_lossy(q)
        );
    }
}

/// The problems `check --format json` reports for a course that has errors (it
/// must exit 1), as the JSON objects it prints.
pub fn check_json(course: &str) -> Vec<serde_json::Value> {
    let o = run(&["check", course, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&o)).expect("check --format json prints JSON");
    v.as_array().expect("an array").clone()
}

mod course_test;
#[allow(unused_imports)]
pub use course_test::{Built, Checked, CourseTest};

/// A GET of `path` sent exactly as written to the server on `port` (so that paths
/// such as `/../x` reach it unnormalised): the status code and the whole response,
/// headers included.
#[allow(dead_code)]
pub fn http_get(port: u16, path: &str) -> std::io::Result<(u16, String)> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let code = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    Ok((code, text))
}
