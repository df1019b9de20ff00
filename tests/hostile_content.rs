//! Hostile content: text inside quizzes, role-plays, self-assessments and
//! reflections is data, so raw HTML in it shows as text and only links to course
//! files, `http`, `https` and `mailto` stay links; raw HTML in a lesson body is
//! the trainer's own markup and is kept. And `serve` hands out nothing but the
//! built site.

mod common;
use common::CourseTest;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

const LESSON: &str = r#"---
title: Hostile
---
Trainer's own markup: <kbd>Ctrl</kbd> and <span class="note">kept</span>.

```quiz
id: evil-single
type: single
prompt: "Pick one <script>alert('prompt')</script> [js](javascript:alert(1))"
hint: "<img src=x onerror=alert('hint')>"
explanation: "[data](data:text/html,<b>x</b>) and [far](//evil.example/x) and [ok](https://example.com/a)"
options:
  - text: "<b onmouseover=alert(1)>bold</b> [up](JaVaScRiPt:alert(2))"
    correct: true
    feedback: "Read <iframe src=https://evil.example></iframe> [mail](mailto:help@example.com)"
  - text: "<javascript:alert(3)> and [tab](java	script:alert(4))"
    feedback: "plain"
```

```roleplay
id: evil-rp
customer: "<script>alert('customer')</script>"
start: a
nodes:
  a:
    say: "Hello <img src=x onerror=alert('say')> [x](vbscript:msgbox(1))"
    choices:
      - reply: "<svg onload=alert('reply')>"
        next: won
        feedback: "<script>alert('feedback')</script>"
endings:
  won: {outcome: success, text: "<style>body{display:none}</style> done"}
```

```assessment
id: evil-as
title: Style
categories:
  - id: warm
    title: "<u>Warm</u>"
    bands:
      - {min: 0, max: 1, text: "<script>alert('band')</script> low"}
      - {min: 2, max: 2, text: "high"}
questions:
  - prompt: "<marquee>Q</marquee>"
    options:
      - {text: "<b onclick=alert(1)>A</b>", points: {warm: 2}}
      - {text: "B", points: {warm: 0}}
```

```reflect
id: evil-reflect
prompt: "<script>alert('reflect')</script> Your plan?"
```
"#;

fn course() -> CourseTest {
    CourseTest::new("id: hostile\ntitle: Hostile\n")
        .file("01-m/index.md", "---\ntitle: M\n---\n")
        .file("01-m/01-hostile.md", LESSON)
}

#[test]
fn raw_html_in_blocks_shows_as_text_and_script_links_are_not_links() {
    let site = course().build();
    let html = common::read(&site.out, "m/hostile.html");
    // The customer's name is plain text in the scripts' data (they set it as
    // text, never as HTML); everything else they insert is HTML.
    let customer = r#""customer":"<script>alert('customer')<\/script>""#;
    assert!(html.contains(customer), "{html}");
    let lower = html.replace(customer, "").to_lowercase();
    // No element the trainer's block text could have opened, in the page or in
    // the JSON the scripts insert.
    for tag in [
        "<script>alert",
        "<img src=x",
        "<b onmouseover",
        "<iframe",
        "<svg",
        "<style>",
        "<marquee",
        "<b onclick",
        "<u>",
    ] {
        assert!(!lower.contains(tag), "{tag} survived:\n{html}");
    }
    for scheme in ["javascript:", "vbscript:", "data:", "//evil.example"] {
        assert!(
            !lower.contains(&format!("href=\"{scheme}"))
                && !lower.contains(&format!("href=\\\"{scheme}")),
            "a {scheme} link survived"
        );
    }
    // They show as text, escaped.
    assert!(html.contains("&lt;script&gt;alert('prompt')&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert('hint')&gt;"));
    // Safe links stay links, in the page and in the scripts' data.
    assert!(html.contains(r#"href=\"https://example.com/a\""#), "{html}");
    assert!(
        html.contains(r#"href=\"mailto:help@example.com\""#),
        "{html}"
    );
    // The trainer's own markup in the lesson body is kept.
    assert!(html.contains("<kbd>Ctrl</kbd>"));
    assert!(html.contains(r#"<span class="note">kept</span>"#));
}

#[test]
fn each_link_left_out_is_a_warning_at_its_place() {
    let checked = course().check();
    assert_eq!(checked.code, Some(0), "{}", checked.stderr);
    let dropped: Vec<(u64, String)> = checked
        .problems
        .iter()
        .filter(|p| {
            p["message"]
                .as_str()
                .unwrap_or("")
                .contains("is shown as plain text")
        })
        .map(|p| {
            (
                p["line"].as_u64().unwrap_or(0),
                p["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let want = [
        (9, "javascript:alert(1)"),
        (11, "data:text/html,<b>x</b>"),
        (11, "//evil.example/x"),
        (13, "JaVaScRiPt:alert(2)"),
        (16, "javascript:alert(3)"),
        (26, "vbscript:msgbox(1)"),
    ];
    for (line, dest) in want {
        assert!(
            dropped
                .iter()
                .any(|(l, m)| *l == line && m.contains(&format!("`{dest}`"))),
            "no warning for {dest} on line {line}: {dropped:?}"
        );
    }
    assert!(checked
        .stderr
        .contains("may only lead to course files, `http`, `https` or `mailto` addresses"));
}

/// `serve` on a course whose assets link to files outside it: the request paths
/// that climb out of the site, plain or encoded, are refused, and the linked
/// files outside the course are never in the site.
#[test]
fn serve_hands_out_only_the_built_site() {
    let site = course();
    let secret = site.course.parent().unwrap().join("secret.txt");
    std::fs::write(&secret, "TOP SECRET").unwrap();
    std::fs::create_dir_all(site.course.join("assets")).unwrap();
    std::os::unix::fs::symlink(&secret, site.course.join("assets/secret.txt")).unwrap();
    std::os::unix::fs::symlink("/etc", site.course.join("assets/etc")).unwrap();
    let out = site.course.parent().unwrap().join("served");
    let mut child = Command::new(common::bin())
        .arg("serve")
        .arg(&site.course)
        .arg("-o")
        .arg(&out)
        .args(["--port", "0"])
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    stdout.read_line(&mut line).unwrap();
    let port: u16 = line
        .trim()
        .rsplit(':')
        .next()
        .and_then(|p| p.trim_end_matches('/').parse().ok())
        .unwrap_or_else(|| panic!("no URL in {line:?}"));
    let get = |path: &str| common::http_get(port, path).unwrap_or((0, String::new()));
    // Wait for the first build.
    for _ in 0..200 {
        if get("/m/hostile.html").0 == 200 {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(get("/m/hostile.html").0, 200);
    for path in [
        "/../course/course.yaml",
        "/%2e%2e/course/course.yaml",
        "/m/%2E%2E/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
    ] {
        let (code, text) = get(path);
        assert_eq!(code, 403, "{path}: {text}");
        assert!(!text.contains("TOP SECRET") && !text.contains("id: hostile"));
    }
    for path in ["/assets/secret.txt", "/assets/etc/passwd"] {
        let (code, text) = get(path);
        assert_eq!(code, 404, "{path}: {text}");
        assert!(!text.contains("TOP SECRET") && !text.contains("root:"));
    }
    let _ = child.kill();
    let _ = child.wait();
}
