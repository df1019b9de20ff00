//! Nothing lost: a build that is killed half-way leaves the previous site as it
//! was and nothing behind once the next build has run; the site is never written
//! into the course, around it, or over a folder syllabus did not write unless the
//! trainer says `--force`.

mod common;
use common::*;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A course of `pages` lessons, big enough that building it takes a while.
fn big_course(root: &Path, pages: usize) -> std::path::PathBuf {
    let course = root.join("course");
    let module = course.join("01-basics");
    std::fs::create_dir_all(&module).unwrap();
    std::fs::write(course.join("course.yaml"), "id: big\ntitle: Big\n").unwrap();
    std::fs::write(module.join("index.md"), "---\ntitle: Basics\n---\nIntro.\n").unwrap();
    let body = "A paragraph about listening to the customer.\n\n".repeat(40);
    for i in 0..pages {
        std::fs::write(
            module.join(format!("{:04}-page-{i}.md", i + 1)),
            format!("---\ntitle: Page {i}\n---\n## Part\n\n{body}"),
        )
        .unwrap();
    }
    course
}

/// Entries of `dir` whose names start with `.public.` (a build's leftovers).
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect()
}

fn build_cmd(course: &Path, out: &Path, extra: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.arg("build")
        .arg(course)
        .arg("-o")
        .arg(out)
        .args(extra)
        .env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL");
    c
}

fn build_ok(course: &Path, out: &Path) {
    let o = build_cmd(course, out, &[]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_killed_build_leaves_the_previous_site_and_the_next_build_cleans_up() {
    let tmp = tempfile::tempdir().unwrap();
    let course = big_course(tmp.path(), 400);
    let out = tmp.path().join("public");
    build_ok(&course, &out);
    let before = files(&out);
    let first_page = read(&out, "basics/page-0.html");

    // Edit the course, start a build and kill it once it is writing the new site.
    let lesson = course.join("01-basics/0001-page-0.md");
    let text = std::fs::read_to_string(&lesson).unwrap();
    std::fs::write(&lesson, text.replace("title: Page 0", "title: Page zero")).unwrap();
    let mut child = build_cmd(&course, &out, &[])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut caught = false;
    while started.elapsed() < Duration::from_secs(60) {
        if leftovers(tmp.path()).iter().any(|n| {
            let dir = tmp.path().join(n);
            n.starts_with(".public.building-") && dir.join("basics").is_dir()
        }) {
            child.kill().unwrap();
            caught = true;
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let _ = child.wait();
    assert!(
        caught,
        "the build finished before it could be interrupted; make the course bigger"
    );
    assert_eq!(files(&out), before, "the previous site changed");
    assert_eq!(read(&out, "basics/page-0.html"), first_page);
    assert!(
        !leftovers(tmp.path()).is_empty(),
        "the killed build left its folder"
    );

    // The next build replaces the site and removes what the killed one left.
    build_ok(&course, &out);
    assert!(read(&out, "basics/page-0.html").contains("Page zero"));
    assert_eq!(leftovers(tmp.path()), Vec::<String>::new());
}

#[test]
fn a_build_killed_between_the_two_moves_gets_the_previous_site_back() {
    let tmp = tempfile::tempdir().unwrap();
    let course = fixture("valid-basic");
    let out = tmp.path().join("public");
    build_ok(&course, &out);
    let before = files(&out);
    // Killed after the previous site went aside and before the new one came in;
    // the pid is above the largest Linux allows, so that build surely is gone.
    std::fs::rename(&out, tmp.path().join(".public.old-4194999")).unwrap();
    std::fs::create_dir(tmp.path().join(".public.building-4194999-x1y2")).unwrap();

    // The next build fails: the previous site is what must be there.
    let broken = tempfile::tempdir().unwrap();
    let broken_course = broken.path().join("course");
    copy_tree(&course, &broken_course);
    std::fs::write(broken_course.join("01-basics/index.md"), "no front matter").unwrap();
    let o = build_cmd(&broken_course, &out, &[]).output().unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(files(&out), before);
    assert_eq!(leftovers(tmp.path()), Vec::<String>::new());
}

#[test]
fn a_build_that_still_runs_keeps_its_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    // Named after this test's own process, which is running.
    let running = tmp
        .path()
        .join(format!(".public.building-{}-abc", std::process::id()));
    std::fs::create_dir(&running).unwrap();
    build_ok(&fixture("valid-basic"), &out);
    assert!(running.is_dir());
}

#[test]
fn the_site_is_never_written_into_the_course() {
    let tmp = tempfile::tempdir().unwrap();
    let course = tmp.path().join("course");
    copy_tree(&fixture("valid-basic"), &course);
    let before = files(&course);
    for (out, message) in [
        (
            course.join("public"),
            "the output folder is inside the course folder",
        ),
        (
            course.clone(),
            "the output folder is the course folder itself",
        ),
        (
            tmp.path().to_path_buf(),
            "the output folder holds the course itself",
        ),
        (
            course.join("01-basics/../assets/site"),
            "the output folder is inside the course folder",
        ),
    ] {
        for force in [&[][..], &["--force"][..]] {
            let o = build_cmd(&course, &out, force).output().unwrap();
            assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
            assert!(stderr(&o).contains(message), "{}", stderr(&o));
            assert!(stderr(&o).contains("hint: "), "{}", stderr(&o));
        }
    }
    assert_eq!(files(&course), before, "the course was written to");
    assert!(!course.join("public").exists());
}

#[test]
fn the_course_given_as_dot_cannot_hold_its_site_either() {
    let tmp = tempfile::tempdir().unwrap();
    let course = tmp.path().join("course");
    copy_tree(&fixture("valid-basic"), &course);
    let o = Command::new(bin())
        .args(["build", ".", "-o", "public"])
        .current_dir(&course)
        .env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("public: error: the output folder is inside the course folder"));
    assert!(stderr(&o).contains("`-o ../public`"), "{}", stderr(&o));
}

#[test]
fn force_replaces_a_folder_syllabus_did_not_write() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("old-page.html"), "hand-made").unwrap();
    let course = fixture("valid-basic");
    let o = build_cmd(&course, &out, &[]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("add `--force` to replace this one"),
        "{}",
        stderr(&o)
    );
    assert!(out.join("old-page.html").exists());

    let o = build_cmd(&course, &out, &["--force"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!out.join("old-page.html").exists());
    assert!(out.join(".syllabus-output").exists());
    assert!(out.join("basics/first.html").exists());
}

#[test]
fn serve_refuses_to_keep_its_site_inside_the_course() {
    let tmp = tempfile::tempdir().unwrap();
    let course = tmp.path().join("course");
    copy_tree(&fixture("valid-basic"), &course);
    let o = Command::new(bin())
        .arg("serve")
        .arg(&course)
        .arg("--out")
        .arg(course.join("preview"))
        .args(["--port", "0"])
        .env("NO_COLOR", "1")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let all = format!("{}{}", stdout(&o), stderr(&o));
    assert!(
        all.contains("the output folder is inside the course folder"),
        "{all}"
    );
    assert!(!course.join("preview").exists());
}
