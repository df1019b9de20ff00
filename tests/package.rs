//! `syllabus package --scorm` and `syllabus export gift`, as HR uses them: the zip an
//! LMS accepts (manifests valid against the official IMS/ADL schemas in
//! `tests/scorm/xsd/`, checked with xmllint; every entry inside the root and
//! listed; the same bytes for the same course), and the GIFT file Moodle imports.
//! What happens inside an LMS is `tests/browser/scorm.test.mjs`'s part.

mod common;

use common::{fixture, run, stderr};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

fn package(course: &Path, version: &str, zip: &Path) -> String {
    let o = run(&[
        "package",
        "--scorm",
        version,
        &course.to_string_lossy(),
        "-o",
        &zip.to_string_lossy(),
    ]);
    assert!(o.status.success(), "package failed:\n{}", stderr(&o));
    stderr(&o)
}

/// Entry names and contents, in the zip's order.
fn entries(zip: &Path) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(zip).expect("zip")).expect("a zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).expect("entry");
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).expect("read entry");
            (f.name().expect("UTF-8 name").to_string(), bytes)
        })
        .collect()
}

fn manifest(zip: &Path) -> String {
    let e = entries(zip);
    assert_eq!(e[0].0, "imsmanifest.xml", "the manifest is the first entry");
    String::from_utf8(e[0].1.clone()).expect("UTF-8")
}

/// Runs xmllint on `xml` against `tests/scorm/xsd/<version>/manifest.xsd`.
fn xmllint(xml: &str, version: &str) -> (bool, String) {
    let dir = tempfile::tempdir().expect("temp");
    let file = dir.path().join("imsmanifest.xml");
    std::fs::write(&file, xml).expect("write");
    let xsd = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scorm/xsd")
        .join(version)
        .join("manifest.xsd");
    let o = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&xsd)
        .arg(&file)
        .output()
        .expect(
            "xmllint runs (Debian: apt-get install libxml2-utils; scripts/test.sh installs it)",
        );
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn packaged(version: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp");
    let zip = dir.path().join("course.zip");
    package(&fixture("valid-roleplay"), version, &zip);
    (dir, zip)
}

#[test]
fn both_manifests_validate_against_the_official_schemas() {
    for v in ["1.2", "2004"] {
        let (_d, zip) = packaged(v);
        let xml = manifest(&zip);
        let (ok, out) = xmllint(&xml, v);
        assert!(ok, "SCORM {v} manifest is invalid:\n{out}\n{xml}");
        // The schemas do catch mistakes: a SCO type the standard does not know.
        let broken = xml.replace("=\"sco\" href", "=\"lesson\" href");
        assert_ne!(broken, xml);
        assert!(
            !xmllint(&broken, v).0,
            "SCORM {v}: xmllint accepted a broken manifest"
        );
    }
}

#[test]
fn manifests_say_what_each_version_needs() {
    let (_d, zip) = packaged("1.2");
    let xml = manifest(&zip);
    assert!(xml.contains(r#"adlcp:scormtype="sco" href="scorm.html""#));
    assert!(xml.contains("<schemaversion>1.2</schemaversion>"));
    assert!(xml.contains("<adlcp:masteryscore>80</adlcp:masteryscore>"));
    let (_d, zip) = packaged("2004");
    let xml = manifest(&zip);
    assert!(xml.contains(r#"adlcp:scormType="sco" href="scorm.html""#));
    assert!(xml.contains("<schemaversion>2004 4th Edition</schemaversion>"));
    assert!(xml.contains(r#"xmlns:imsss="http://www.imsglobal.org/xsd/imsss""#));
}

#[test]
fn every_entry_is_inside_the_root_and_listed_in_the_manifest() {
    let (_d, zip) = packaged("1.2");
    let xml = manifest(&zip);
    let names: Vec<String> = entries(&zip).into_iter().map(|(n, _)| n).collect();
    for n in &names {
        assert!(
            !n.starts_with('/')
                && !n.contains('\\')
                && !n.split('/').any(|p| p == ".." || p == "." || p.is_empty()),
            "entry outside the package root: {n}"
        );
        if n != "imsmanifest.xml" {
            assert!(
                xml.contains(&format!("<file href=\"{n}\"/>")),
                "{n} is not listed"
            );
        }
    }
    for want in [
        "scorm.html",
        "index.html",
        "workbook.html",
        "search.html",
        "basics/first-thoughts.html",
    ] {
        assert!(
            names.iter().any(|n| n == want),
            "{want} missing from {names:?}"
        );
    }
    // Search inside the LMS: the index travels in the zip like every other file.
    for prefix in ["search/index.", "search/t0.", "search/d0."] {
        assert!(
            names
                .iter()
                .any(|n| n.starts_with(prefix) && n.ends_with(".js")),
            "{prefix}*.js missing from {names:?}"
        );
    }
    assert!(!names.iter().any(|n| n.ends_with(".syllabus-output")));
    let launch = String::from_utf8(
        entries(&zip)
            .into_iter()
            .find(|(n, _)| n == "scorm.html")
            .unwrap()
            .1,
    )
    .unwrap();
    assert!(launch.contains(r#"data-scorm="1.2""#), "{launch}");
}

#[test]
fn the_same_course_gives_the_same_bytes() {
    let (_a, one) = packaged("2004");
    let (_b, two) = packaged("2004");
    assert_eq!(std::fs::read(one).unwrap(), std::fs::read(two).unwrap());
}

#[test]
fn a_course_with_errors_writes_no_package_and_keeps_the_old_one() {
    let dir = tempfile::tempdir().expect("temp");
    let zip = dir.path().join("course.zip");
    std::fs::write(&zip, b"old").unwrap();
    let zs = zip.to_string_lossy().into_owned();
    let course = fixture("invalid-quiz").to_string_lossy().into_owned();
    let o = run(&["package", "--scorm", "1.2", &course, "-o", &zs]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no package was written"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&zip).unwrap(), b"old");
}

#[test]
fn the_default_name_carries_course_id_and_version_and_logs_stay_quiet() {
    let dir = tempfile::tempdir().expect("temp");
    let course = fixture("valid-basic");
    let o = Command::new(common::bin())
        .args(["package", "--scorm", "2004", &course.to_string_lossy()])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    // Not a terminal: no stage lines, only the result.
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("packaged "), "{err}");
    let found: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        found.iter().any(|f| f.ends_with("-scorm-2004.zip")),
        "{found:?}"
    );
}

#[test]
fn gift_export_holds_what_gift_can_and_warns_about_the_rest() {
    let dir = tempfile::tempdir().expect("temp");
    let out = dir.path().join("q.txt");
    let course = fixture("valid-quiz").to_string_lossy().into_owned();
    let o = run(&["export", "gift", &course, "-o", &out.to_string_lossy()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("01-formative.md") && err.contains("warning: question `f-order` is left out of the GIFT export: GIFT has no ordering questions"),
        "{err}"
    );
    let gift = std::fs::read_to_string(&out).unwrap();
    assert!(
        gift.contains("$CATEGORY: $course$/top/Quiz fixture course/"),
        "{gift}"
    );
    assert!(gift.contains("::f-single::[markdown]"), "{gift}");
    assert!(!gift.contains("::f-order::"));
}

#[test]
fn a_theme_that_does_not_load_the_runtime_cannot_be_packaged() {
    let dir = tempfile::tempdir().expect("temp");
    common::copy_tree(&fixture("valid-basic"), &dir.path().join("course"));
    let course = dir.path().join("course");
    let yaml = std::fs::read_to_string(course.join("course.yaml")).unwrap();
    std::fs::write(
        course.join("course.yaml"),
        format!("{yaml}\ntheme: mytheme\n"),
    )
    .unwrap();
    std::fs::create_dir_all(course.join("mytheme")).unwrap();
    std::fs::write(course.join("mytheme/scripts.txt"), "util.js\nstore.js\n").unwrap();
    let zip = dir.path().join("x.zip");
    let o = run(&[
        "package",
        "--scorm",
        "1.2",
        &course.to_string_lossy(),
        "-o",
        &zip.to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("mytheme/scripts.txt: error: the theme does not load scorm.js, scorm-record.js, scorm-cmi.js on the SCORM launch page"), "{err}");
    assert!(!zip.exists());
}
