//! Pathological input: each case gets a clear diagnostic or a correct site, within
//! a loose bound of time and memory (30 s of processor time and 1 GiB for the debug
//! binary; the real figures are in docs/robustness.md). Each build runs as a child
//! process whose processor time and peak memory are read from the kernel when it
//! ends. Processor time, not the clock: the machine running the tests is shared,
//! and a busy neighbour must not fail a build that did its work in time.

mod common;
use common::CourseTest;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIME_LIMIT: Duration = Duration::from_secs(30);
/// A build still running after this long is a hang, whatever the machine's load.
const HANG_LIMIT: Duration = Duration::from_secs(180);
const MEMORY_LIMIT_MIB: u64 = 1024;

/// What a run of the binary did, and what it cost.
struct Measured {
    code: Option<i32>,
    stderr: String,
    /// Processor time, user and system, over all the build's threads.
    took: Duration,
    peak_mib: u64,
}

fn seconds(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
}

/// Runs `syllabus ARGS`, kills it when it hangs, and reads its processor time and
/// peak resident memory with `wait4`.
// The child is reaped by `wait4`, which `Child::wait` cannot replace: only it
// reports the resources the child used.
#[allow(clippy::zombie_processes)]
fn measure(args: &[&std::ffi::OsStr]) -> Measured {
    let started = Instant::now();
    let mut child = Command::new(common::bin())
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the syllabus binary runs");
    let mut err = child.stderr.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        String::from_utf8_lossy(&s).into_owned()
    });
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: pid is our own child, not yet reaped; the pointers are valid.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break;
        }
        assert!(r == 0, "wait4 failed");
        if started.elapsed() > HANG_LIMIT {
            let _ = child.kill();
            // SAFETY: as above; this time we wait for the killed child.
            unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
            panic!(
                "syllabus {args:?} still ran after {HANG_LIMIT:?}:\n{}",
                reader.join().unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let took = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    // Linux reports kilobytes.
    let peak_mib = (usage.ru_maxrss as u64) / 1024;
    Measured {
        code,
        stderr: reader.join().unwrap_or_default(),
        took,
        peak_mib,
    }
}

/// Builds `course` into a fresh folder; asserts the bounds and no crash.
fn build(course: &Path) -> (tempfile::TempDir, std::path::PathBuf, Measured) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("public");
    let m = measure(&[
        "build".as_ref(),
        course.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert!(
        m.code.is_some(),
        "syllabus was killed by a signal:\n{}",
        m.stderr
    );
    assert!(
        !m.stderr.contains("panicked"),
        "syllabus panicked:\n{}",
        m.stderr
    );
    assert!(
        m.took < TIME_LIMIT,
        "the build took {:?} of processor time, over {TIME_LIMIT:?}",
        m.took
    );
    assert!(
        m.peak_mib < MEMORY_LIMIT_MIB,
        "peak memory {} MiB over {MEMORY_LIMIT_MIB} MiB",
        m.peak_mib
    );
    eprintln!(
        "{}: {:.2} s of processor time, {} MiB peak",
        course.display(),
        m.took.as_secs_f64(),
        m.peak_mib
    );
    (tmp, out, m)
}

fn built(course: &CourseTest) -> (tempfile::TempDir, std::path::PathBuf, Measured) {
    let r = build(&course.course);
    assert_eq!(r.2.code, Some(0), "the build failed:\n{}", r.2.stderr);
    r
}

fn failed(course: &CourseTest) -> Measured {
    let (_, out, m) = build(&course.course);
    assert_eq!(m.code, Some(1), "the build did not fail:\n{}", m.stderr);
    assert!(!out.exists(), "a failed build wrote a site");
    m
}

fn one_page(text: &str) -> CourseTest {
    CourseTest::new("id: p\ntitle: P\n")
        .file("01-m/index.md", "---\ntitle: M\n---\n")
        .file("01-m/01-page.md", text)
}

#[test]
fn a_five_megabyte_lesson_builds() {
    let mut text = String::from("---\ntitle: Long\n---\n");
    let mut i = 0;
    while text.len() < 5 * 1024 * 1024 {
        text.push_str(&format!(
            "## Part {i}\n\nA paragraph with **bold**, a [link](#part-{i}) and `code`, \
             written as trainers write: 先处理心情，再处理事情。\n\n- one\n- two\n\n"
        ));
        i += 1;
    }
    let course = one_page(&text);
    let (_tmp, out, _) = built(&course);
    let html = common::read(&out, "m/page.html");
    assert!(html.contains(&format!("id=\"part-{}\"", i - 1)));
}

#[test]
fn a_ten_thousand_line_table_builds() {
    let mut text = String::from("---\ntitle: Table\n---\n| # | 话术 | score |\n|---|---|---|\n");
    for i in 0..10_000 {
        text.push_str(&format!(
            "| {i} | 您好，请问有什么可以帮您？ | {} |\n",
            i % 7
        ));
    }
    let (_tmp, out, _) = built(&one_page(&text));
    let html = common::read(&out, "m/page.html");
    assert_eq!(html.matches("<tr>").count(), 10_001);
}

#[test]
fn ten_thousand_deep_lists_and_quotes_build() {
    let mut lists = String::from("---\ntitle: Deep\n---\n");
    for depth in 0..10_000 {
        lists.push_str(&"  ".repeat(depth));
        lists.push_str("- item\n");
    }
    let mut quotes = String::from("---\ntitle: Quotes\n---\n");
    quotes.push_str(&">".repeat(10_000));
    quotes.push_str(" deep\n");
    let course = one_page(&lists).file("01-m/02-quotes.md", &quotes);
    let (_tmp, out, _) = built(&course);
    assert!(common::read(&out, "m/quotes.html").contains("deep"));
    assert!(common::read(&out, "m/page.html").contains("<li>"));
}

#[test]
fn a_role_play_of_five_thousand_nodes_and_a_long_cycle_is_checked() {
    let n = 5_000;
    let mut rp = String::from(
        "---\ntitle: Maze\n---\n```roleplay\nid: maze\ncustomer: 王女士\nstart: n0\nnodes:\n",
    );
    for i in 0..n {
        // A ring through every node, each with a way out to an ending.
        rp.push_str(&format!(
            "  n{i}:\n    say: 第{i}句\n    choices:\n      - reply: 继续\n        next: n{}\n        score: 1\n      - reply: 结束\n        next: done\n",
            (i + 1) % n
        ));
    }
    rp.push_str("endings:\n  done: {outcome: success, text: 好}\n```\n");
    let (_tmp, out, _) = built(&one_page(&rp));
    assert!(common::read(&out, "m/page.html").contains("\"n4999\""));
}

#[test]
fn a_question_with_a_thousand_options_builds() {
    let mut q = String::from(
        "---\ntitle: Many\n---\n```quiz\nid: many\ntype: single\nprompt: 哪一个？\noptions:\n",
    );
    for i in 0..1_000 {
        q.push_str(&format!("  - text: 选项 {i}\n"));
    }
    q.push_str("  - text: 正确\n    correct: true\n```\n");
    let (_tmp, out, _) = built(&one_page(&q));
    let html = common::read(&out, "m/page.html");
    assert_eq!(html.matches("class=\"quiz-option\"").count(), 1_001);
}

/// Nine levels of ten aliases each: a billion strings if expanded.
fn laughs(indent: &str) -> String {
    let mut y = format!("{indent}a0: &a0 lol\n");
    for k in 1..10 {
        let refs: Vec<String> = (0..10).map(|_| format!("*a{}", k - 1)).collect();
        y.push_str(&format!("{indent}a{k}: &a{k} [{}]\n", refs.join(", ")));
    }
    y
}

#[test]
fn exponential_yaml_aliases_are_refused_quickly() {
    let front = format!("---\ntitle: Laughs\nextra:\n{}---\n", laughs("  "));
    let block = format!(
        "---\ntitle: Block\n---\n```reflect\nid: r\nprompt: hi\nplaceholder: *a9\n{}```\n",
        laughs("")
    );
    let course = one_page(&front).file("01-m/02-block.md", &block);
    let m = failed(&course);
    assert!(m.stderr.contains("01-page.md:"), "{}", m.stderr);
    assert!(m.stderr.contains("02-block.md:"), "{}", m.stderr);
    assert!(m.stderr.contains("alias"), "{}", m.stderr);

    let in_config = CourseTest::new(&format!("id: p\ntitle: P\nauthors: *a9\n{}", laughs("")))
        .file("01-m/index.md", "---\ntitle: M\n---\n");
    let m = failed(&in_config);
    assert!(m.stderr.contains("course.yaml:"), "{}", m.stderr);
}

#[test]
fn a_page_that_is_not_utf8_is_reported_and_a_bom_is_fine() {
    let course = one_page("---\ntitle: Fine\n---\nText.\n");
    std::fs::write(
        course.course.join("01-m/02-latin1.md"),
        b"---\ntitle: Caf\xe9\n---\n",
    )
    .unwrap();
    let m = failed(&course);
    assert!(
        m.stderr
            .contains("02-latin1.md: error: the page is not UTF-8 text"),
        "{}",
        m.stderr
    );

    let bom = one_page("\u{feff}---\ntitle: 带 BOM 的页面\n---\n正文。\n")
        .file("course.yaml", "\u{feff}id: p\ntitle: P\nlanguage: zh-CN\n");
    let (_tmp, out, _) = built(&bom);
    assert!(common::read(&out, "m/page.html").contains("<h1>带 BOM 的页面</h1>"));
}

#[test]
fn course_yaml_that_is_not_utf8_is_reported() {
    let course = one_page("---\ntitle: Fine\n---\n");
    std::fs::write(
        course.course.join("course.yaml"),
        b"id: p\ntitle: Caf\xe9\n",
    )
    .unwrap();
    let m = failed(&course);
    assert!(m.stderr.contains("course.yaml"), "{}", m.stderr);
    assert!(m.stderr.contains("UTF-8"), "{}", m.stderr);
}

#[test]
fn crlf_line_endings_build_and_point_at_the_right_line() {
    let page = "---\r\ntitle: Windows\r\n---\r\n## 第一步\r\n\r\n```quiz\r\nid: w\r\ntype: truefalse\r\nprompt: 对吗？\r\nanswer: true\r\n```\r\n\r\n[下一步](#第一步)\r\n";
    let course = CourseTest::new("id: p\r\ntitle: P\r\nlanguage: zh-CN\r\n")
        .file("01-m/index.md", "---\r\ntitle: M\r\n---\r\n")
        .file("01-m/01-page.md", page);
    let (_tmp, out, _) = built(&course);
    let html = common::read(&out, "m/page.html");
    assert!(html.contains("<h1>Windows</h1>"));
    assert!(html.contains("id=\"第一步\""));
    assert!(html.contains("class=\"quiz quiz-truefalse"));

    let broken = course.edit("01-m/01-page.md", "answer: true", "answer: maybe");
    let m = failed(&broken);
    assert!(m.stderr.contains("01-page.md:10:"), "{}", m.stderr);
}

#[test]
fn symbolic_link_loops_and_links_out_of_the_course_are_not_followed() {
    let course = one_page("---\ntitle: Page\n---\n[secret](../assets/secret.txt)\n");
    let outside = course.course.parent().unwrap().join("secret.txt");
    std::fs::write(&outside, "TOP SECRET").unwrap();
    std::fs::create_dir_all(course.course.join("assets")).unwrap();
    let link = |target: &Path, at: &str| {
        std::os::unix::fs::symlink(target, course.course.join(at)).unwrap();
    };
    link(&outside, "assets/secret.txt");
    link(Path::new(".."), "assets/up");
    link(Path::new("."), "01-m/loop");
    link(Path::new("02-b"), "02-a");
    link(Path::new("02-a"), "02-b");
    link(course.course.parent().unwrap(), "03-outside");
    let m = failed(&course);
    assert!(
        m.stderr
            .contains("01-page.md:4:1: error: `../assets/secret.txt` leaves the course folder"),
        "{}",
        m.stderr
    );
    // Without the link to it, the course builds and nothing outside it is copied.
    let course = course.edit("01-m/01-page.md", "[secret](../assets/secret.txt)", "正文");
    let (_tmp, out, m) = built(&course);
    for file in common::files(&out) {
        let bytes = std::fs::read(out.join(&file)).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("TOP SECRET"),
            "{file} holds a file from outside the course"
        );
    }
    assert!(m.stderr.contains("03-outside"), "{}", m.stderr);
}

#[test]
fn file_names_with_spaces_and_chinese_characters() {
    let course = CourseTest::new("id: p\ntitle: P\nlanguage: zh-CN\n")
        .file("01-m/index.md", "---\ntitle: 模块\n---\n")
        .file(
            "01-m/02-第二课.md",
            "---\ntitle: 第二课\nslug: lesson-2\n---\n![服务 图](../assets/服务%20图.svg)\n[清单](<files/检查 清单.txt>)\n",
        )
        .file(
            "assets/服务 图.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        )
        .file("01-m/files/检查 清单.txt", "清单");
    let (_tmp, out, _) = built(&course);
    assert!(out.join("assets/服务 图.svg").is_file());
    assert!(out.join("m/files/检查 清单.txt").is_file());
    let html = common::read(&out, "m/lesson-2.html");
    // Written percent-encoded, as browsers send them.
    assert!(
        html.contains("src=\"../assets/%E6%9C%8D%E5%8A%A1%20%E5%9B%BE.svg\""),
        "{html}"
    );
    assert!(
        html.contains("href=\"files/%E6%A3%80%E6%9F%A5%20%E6%B8%85%E5%8D%95.txt\""),
        "{html}"
    );

    let unnamed = course.file("01-m/03-第三课.md", "---\ntitle: 第三课\n---\n");
    let m = failed(&unnamed);
    // In the course's language.
    assert!(
        m.stderr
            .contains("03-第三课.md: error: 文件名 `03-第三课.md` 不能生成有效的 slug"),
        "{}",
        m.stderr
    );
    assert!(m.stderr.contains("slug: lesson-3"), "{}", m.stderr);
}

#[test]
fn a_page_that_cannot_be_read_is_reported() {
    let course = one_page("---\ntitle: Fine\n---\n");
    // A link to nothing: no one can read it, root included. It is left out with a
    // warning, like any link that leads nowhere.
    std::os::unix::fs::symlink("gone.md", course.course.join("01-m/02-gone.md")).unwrap();
    // A named pipe would block a plain read forever.
    let fifo = course.course.join("01-m/03-pipe.md");
    let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).unwrap();
    // SAFETY: a valid, NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let m = failed(&course);
    assert!(
        m.stderr
            .contains("02-gone.md: warning: `02-gone.md` is a link that cannot be followed"),
        "{}",
        m.stderr
    );
    assert!(
        m.stderr
            .contains("03-pipe.md: error: cannot read the page: not a regular file"),
        "{}",
        m.stderr
    );
}

#[test]
fn a_page_without_read_permission_is_reported() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        eprintln!("skipped: running as root, who can read any file whatever its permissions (a page that cannot be read at all is tested above)");
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let course =
        one_page("---\ntitle: Fine\n---\n").file("01-m/02-locked.md", "---\ntitle: L\n---\n");
    let locked = course.course.join("01-m/02-locked.md");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let m = failed(&course);
    assert!(
        m.stderr
            .contains("02-locked.md: error: cannot read the page"),
        "{}",
        m.stderr
    );
}
