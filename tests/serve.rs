//! `syllabus serve` as a trainer uses it: start it on a course, fetch pages, edit
//! files, and see the served site follow — and end up equal to a fresh build.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `syllabus serve` on a copy of a fixture course.
struct Server {
    child: Child,
    port: u16,
    course: PathBuf,
    out: PathBuf,
    stderr: Arc<Mutex<String>>,
    _stdout: BufReader<std::process::ChildStdout>,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start(fixture: &str) -> Server {
        Self::start_with(fixture, &["--port", "0"])
    }

    fn start_with(fixture: &str, args: &[&str]) -> Server {
        Self::start_env(fixture, args, &[])
    }

    /// Starts serve with extra environment variables (for example a `PATH` that
    /// holds a stand-in for the system's browser opener).
    fn start_env(fixture: &str, args: &[&str], envs: &[(&str, String)]) -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        let course = dir.path().join("course");
        common::copy_tree(&common::fixture(fixture), &course);
        let out = dir.path().join("served");
        let mut child = Command::new(common::bin())
            .arg("serve")
            .arg(&course)
            .arg("-o")
            .arg(&out)
            .args(args)
            .env("NO_COLOR", "1")
            .envs(envs.iter().map(|(k, v)| (*k, v.as_str())))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("syllabus serve starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err = child.stderr.take().expect("stderr is piped");
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut s) = sink.lock() {
                    s.push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            }
        });
        let mut line = String::new();
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
        stdout.read_line(&mut line).expect("serve prints its URL");
        let port = line
            .trim()
            .rsplit(':')
            .next()
            .and_then(|p| p.trim_end_matches('/').parse().ok())
            .unwrap_or_else(|| panic!("no URL in {line:?}"));
        assert!(
            line.starts_with("serving ") && line.contains("http://127.0.0.1:"),
            "{line}"
        );
        Server {
            child,
            port,
            course,
            out,
            stderr,
            _stdout: stdout,
            _dir: dir,
        }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Waits until the terminal output contains `needle`.
    fn said(&self, needle: &str) -> bool {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if self.stderr().contains(needle) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// `(status code, body)` of a GET sent exactly as written, so that paths such
    /// as `/../x` reach the server unnormalised.
    fn get(&self, path: &str) -> (u16, String) {
        let (code, text) = common::http_get(self.port, path)
            .unwrap_or_else(|e| panic!("GET {path}: {e}; serve said:\n{}", self.stderr()));
        let body = text
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (code, body)
    }

    fn page(&self, path: &str) -> String {
        let (code, body) = self.get(path);
        assert_eq!(code, 200, "GET {path}: {body}");
        body
    }

    fn version(&self) -> u64 {
        let (_, body) = self.get("/__syllabus/status.json");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
        v["version"].as_u64().unwrap_or(0)
    }

    /// Changes the course, then waits for the rebuild it causes and for `done`.
    fn edit(&self, change: impl FnOnce(&Path), done: impl Fn(&Server) -> bool) {
        let before = self.version();
        change(&self.course);
        let start = Instant::now();
        loop {
            if self.version() > before && done(self) {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "the served site did not follow the change; serve said:\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn append(path: &Path, text: &str) {
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .expect("open for append");
    f.write_all(text.as_bytes()).expect("append");
}

fn replace(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

/// A question whose option list misses its closing `]`.
const BROKEN_QUIZ: &str = "\n```quiz\ntype: single\nprompt: Which one?\noptions: [{text: Yes, correct: true}, {text: No}\n```\n";

#[test]
fn edits_show_up_errors_show_in_the_page_and_the_result_equals_a_fresh_build() {
    let s = Server::start("valid-basic");
    let second = s.course.join("01-basics/02-second.md");
    assert!(s.page("/basics/second.html").contains("Second"));
    assert!(s.said("built everything"), "{}", s.stderr());

    // A new sentence in a lesson.
    s.edit(
        |_| append(&second, "\nA sentence written while serving.\n"),
        |s| {
            s.page("/basics/second.html")
                .contains("A sentence written while serving.")
        },
    );
    assert!(
        s.said("rebuilt 01-basics/02-second.md (page body)"),
        "{}",
        s.stderr()
    );

    // A broken quiz block: the overlay names the file, line and column, and the
    // last good pages are still served.
    let lines_before = std::fs::read_to_string(&second)
        .expect("read")
        .lines()
        .count();
    s.edit(
        |_| append(&second, BROKEN_QUIZ),
        |s| s.page("/basics/first.html").contains("syllabus-overlay"),
    );
    let page = s.page("/basics/first.html");
    // The unclosed `[` is on the block's fourth line; YAML notices at the end of the block.
    let options_line = lines_before + 5;
    assert!(page.contains("role=\"dialog\""), "{page}");
    assert!(
        [options_line, options_line + 1]
            .iter()
            .any(|l| page.contains(&format!("01-basics/02-second.md:{l}:"))),
        "overlay does not point at the broken block:\n{page}"
    );
    assert!(page.contains("error: quiz"), "{page}");
    assert!(page.contains("First lesson"), "the last good page is gone");
    let old = s.page("/basics/second.html");
    assert!(old.contains("A sentence written while serving."));
    assert!(s.said("build failed (1 error"), "{}", s.stderr());

    // Fixed: the overlay is gone.
    s.edit(
        |_| replace(&second, "{text: No}\n", "{text: No}]\n"),
        |s| !s.page("/basics/first.html").contains("syllabus-overlay"),
    );

    // A new page appears in the navigation of the others.
    let third = s.course.join("01-basics/03-third.md");
    s.edit(
        |_| {
            std::fs::write(
                &third,
                "---\ntitle: Third, added while serving\n---\n\n# Third\n\nHello.\n",
            )
            .expect("write")
        },
        |s| {
            s.page("/basics/first.html")
                .contains("Third, added while serving")
        },
    );
    assert!(s.page("/basics/third.html").contains("Hello."));

    // A title change shows in the navigation everywhere.
    s.edit(
        |_| replace(&second, "title: Second", "title: Second, renamed"),
        |s| s.page("/basics/index.html").contains("Second, renamed"),
    );

    // A deleted page leaves the navigation and the site.
    s.edit(
        |_| std::fs::remove_file(&third).expect("remove"),
        |s| {
            !s.page("/basics/first.html")
                .contains("Third, added while serving")
        },
    );
    assert_eq!(s.get("/basics/third.html").0, 404);

    // A renamed lesson moves.
    s.edit(
        |c| {
            std::fs::rename(
                c.join("02-more/01-chinese.md"),
                c.join("02-more/07-chinese.md"),
            )
            .expect("rename")
        },
        |s| s.version() > 0,
    );
    // A module folder created, then a page in it, then the folder deleted.
    s.edit(
        |c| {
            std::fs::create_dir_all(c.join("03-extra")).expect("mkdir");
            std::fs::write(
                c.join("03-extra/index.md"),
                "---\ntitle: Extra module\n---\nIntro.\n",
            )
            .expect("write");
        },
        |s| s.get("/extra/index.html").0 == 200,
    );
    s.edit(
        |c| {
            std::fs::write(
                c.join("03-extra/01-more.md"),
                "---\ntitle: More\n---\nMore text.\n",
            )
            .expect("write")
        },
        |s| s.get("/extra/more.html").0 == 200,
    );
    assert!(s.page("/index.html").contains("Extra module"));
    s.edit(
        |c| std::fs::remove_dir_all(c.join("03-extra")).expect("remove"),
        |s| s.get("/extra/index.html").0 == 404,
    );
    assert!(!s.page("/index.html").contains("Extra module"));

    // A new asset is copied.
    s.edit(
        |c| std::fs::write(c.join("assets/extra.txt"), "extra").expect("write"),
        |s| s.get("/assets/extra.txt").1 == "extra",
    );

    // A renamed heading breaks another page's `#fragment` link, and renaming it
    // back repairs it.
    s.edit(
        |_| replace(&second, "## Details", "## More details"),
        |s| s.page("/basics/first.html").contains("syllabus-overlay"),
    );
    assert!(
        s.page("/index.html").contains("01-basics/01-first.md:43:"),
        "{}",
        s.stderr()
    );
    s.edit(
        |_| replace(&second, "## More details", "## Details"),
        |s| !s.page("/basics/first.html").contains("syllabus-overlay"),
    );

    // A duration changes the module's and the course's totals on every page.
    s.edit(
        |_| replace(&second, "duration: 5", "duration: 7"),
        |s| s.version() > 0,
    );

    // An edited download is copied again.
    s.edit(
        |c| std::fs::write(c.join("01-basics/files/checklist.txt"), "new list").expect("write"),
        |s| s.get("/basics/files/checklist.txt").1 == "new list",
    );

    // After all that, the served folder is what a fresh build writes, once the
    // search index (written after the pages, in a pause between saves) is there.
    let (_tmp, fresh) = common::build(s.course.to_str().expect("utf-8 path"), &["--drafts"]);
    let start = Instant::now();
    while (common::files(&s.out) != common::files(&fresh)
        || common::read(&s.out, "search.html") != common::read(&fresh, "search.html"))
        && start.elapsed() < Duration::from_secs(15)
    {
        std::thread::sleep(Duration::from_millis(50));
    }
    common::assert_same_sites(&s.out, &fresh, "serve, then build");
}

#[test]
fn paths_outside_the_site_are_refused() {
    let s = Server::start("valid-basic");
    for path in [
        "/../Cargo.toml",
        "/../../../../etc/passwd",
        "/basics/../../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E/%2e%2E/etc/passwd",
        "/basics/..%2fCargo.toml",
        "/basics/..%5cCargo.toml",
        "/..%2f..%2fetc/passwd",
        "//etc/passwd",
        "/..\\Cargo.toml",
        "/index.html%00.txt",
    ] {
        let (code, body) = s.get(path);
        assert_eq!(code, 403, "{path} was not refused: {body}");
        assert!(!body.contains("[package]") && !body.contains("root:"));
    }
    // Ordinary requests still work, folders lead to their index.html.
    assert_eq!(s.get("/").0, 200);
    assert_eq!(s.get("/basics/").0, 200);
    assert_eq!(s.get("/basics").0, 308);
    assert_eq!(s.get("/assets/diagram.svg").0, 200);
    assert_eq!(s.get("/missing.html").0, 404);
}

#[test]
fn pages_get_the_reload_client_but_the_files_on_disk_do_not() {
    let s = Server::start("valid-basic");
    let page = s.page("/basics/first.html");
    assert!(page.contains("<script src=\"/__syllabus/reload.js\""));
    let on_disk = common::read(&s.out, "basics/first.html");
    assert!(!on_disk.contains("__syllabus"));
    let (code, js) = s.get("/__syllabus/reload.js");
    assert_eq!(code, 200);
    assert!(js.contains("EventSource"));
    assert!(s.said("built everything"), "{}", s.stderr());
}

#[test]
fn editor_temporary_files_do_not_cause_rebuilds() {
    let s = Server::start("valid-basic");
    let before = s.version();
    for name in [
        ".02-second.md.swp",
        "02-second.md~",
        "#02-second.md#",
        ".#02-second.md",
        "4913",
        "02-second.md___jb_tmp___",
        "02-second.md.kate-swp",
        "02-second.md.tmp",
    ] {
        std::fs::write(s.course.join("01-basics").join(name), "junk").expect("write");
    }
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(s.version(), before, "serve said:\n{}", s.stderr());
}

#[test]
fn a_taken_port_moves_to_the_next_free_one() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let s = Server::start_with("valid-basic", &["--port", &port]);
    assert_ne!(s.port.to_string(), port);
    assert!(
        s.said(&format!("port {port} is taken; using {}", s.port)),
        "{}",
        s.stderr()
    );
}

#[test]
fn open_hands_the_course_address_to_the_system_browser() {
    // A stand-in for xdg-open, first on PATH, that writes down what it was asked to open.
    let bin = tempfile::tempdir().expect("temp dir");
    let opened = bin.path().join("opened.txt");
    let script = bin.path().join("xdg-open");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", opened.display()),
    )
    .expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let server = Server::start_env("valid-basic", &["--port", "0", "--open"], &[("PATH", path)]);
    let start = Instant::now();
    let written = || std::fs::read_to_string(&opened).is_ok_and(|s| s.ends_with('/'));
    while !written() && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let url = std::fs::read_to_string(&opened)
        .unwrap_or_else(|_| panic!("no browser was opened; serve said:\n{}", server.stderr()));
    assert_eq!(url, format!("http://127.0.0.1:{}/", server.port));
    assert!(server.page("/").contains("Fixture course"));
}
