//! `imsmanifest.xml` for SCORM 1.2 and SCORM 2004 4th edition: one organisation,
//! one item, one SCO (the launch page) that lists every file of the package. The
//! text is written by hand, in a fixed order, so the same course gives the same
//! bytes; `tests/package.rs` validates both against the official IMS/ADL schemas.

use percent_encoding::utf8_percent_encode;

/// Which SCORM the package speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scorm {
    V12,
    V2004,
}

impl Scorm {
    /// As written on the command line, in file names and in the launch page.
    pub fn name(self) -> &'static str {
        match self {
            Scorm::V12 => "1.2",
            Scorm::V2004 => "2004",
        }
    }
}

/// What the manifest says about the course.
pub struct Manifest<'a> {
    pub course_id: &'a str,
    pub title: &'a str,
    pub version: Option<&'a str>,
    /// Percent, 0–100: SCORM 1.2's `adlcp:masteryscore`.
    pub pass_mark: i64,
    /// The launch page, relative to the package root.
    pub launch: &'a str,
    /// Every file of the package (but the manifest), `/`-separated, sorted.
    pub files: &'a [String],
}

/// A file name as an `href` (an `xsd:anyURI`): the site's own path escapes, and
/// every non-ASCII byte percent-encoded as well; `/` stays a separator.
fn href(path: &str) -> String {
    escape(&utf8_percent_encode(path, crate::links::url::PATH).to_string())
}

/// Text and attribute values.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0 at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// An `xsd:ID` (an NCName) made from the course id, which may start with a digit.
fn identifier(course_id: &str) -> String {
    let safe: String = course_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("syllabus-{safe}")
}

const HEAD_12: &str = r#"<manifest identifier="{id}" version="{version}"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
"#;

const HEAD_2004: &str = r#"<manifest identifier="{id}" version="{version}"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
"#;

/// The manifest's text.
pub fn render(m: &Manifest, scorm: Scorm) -> String {
    let id = identifier(m.course_id);
    let title = escape(m.title);
    let head = match scorm {
        Scorm::V12 => HEAD_12,
        Scorm::V2004 => HEAD_2004,
    };
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str(
        &head
            .replace("{id}", &id)
            .replace("{version}", &escape(m.version.unwrap_or("1"))),
    );
    x.push_str("  <organizations default=\"org\">\n    <organization identifier=\"org\">\n");
    x.push_str(&format!("      <title>{title}</title>\n"));
    x.push_str("      <item identifier=\"course\" identifierref=\"sco\">\n");
    x.push_str(&format!("        <title>{title}</title>\n"));
    // SCORM 2004 has no mastery score: the SCO reports cmi.success_status itself
    // from the course's completion rules (docs/scorm.md says why no
    // satisfiedByMeasure objective is declared).
    if scorm == Scorm::V12 {
        x.push_str(&format!(
            "        <adlcp:masteryscore>{}</adlcp:masteryscore>\n",
            m.pass_mark.clamp(0, 100)
        ));
    }
    x.push_str("      </item>\n    </organization>\n  </organizations>\n  <resources>\n");
    let kind = match scorm {
        Scorm::V12 => "adlcp:scormtype",
        Scorm::V2004 => "adlcp:scormType",
    };
    x.push_str(&format!(
        "    <resource identifier=\"sco\" type=\"webcontent\" {kind}=\"sco\" href=\"{}\">\n",
        href(m.launch)
    ));
    for f in m.files {
        x.push_str(&format!("      <file href=\"{}\"/>\n", href(f)));
    }
    x.push_str("    </resource>\n  </resources>\n</manifest>\n");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(scorm: Scorm) -> String {
        let files = vec!["a b/c&d.png".to_string(), "index.html".to_string()];
        render(
            &Manifest {
                course_id: "9-course",
                title: "A & B <1>",
                version: Some("2026.1"),
                pass_mark: 75,
                launch: "scorm.html",
                files: &files,
            },
            scorm,
        )
    }

    #[test]
    fn names_escape_and_identifiers_are_ncnames() {
        let x = sample(Scorm::V12);
        assert!(x.contains(r#"identifier="syllabus-9-course""#));
        assert!(x.contains("<title>A &amp; B &lt;1&gt;</title>"));
        assert!(x.contains(r#"<file href="a%20b/c&amp;d.png"/>"#));
        assert!(x.contains("<adlcp:masteryscore>75</adlcp:masteryscore>"));
        assert!(x.contains(r#"adlcp:scormtype="sco" href="scorm.html""#));
    }

    #[test]
    fn scorm_2004_says_its_edition_and_has_no_mastery_score() {
        let x = sample(Scorm::V2004);
        assert!(x.contains("<schemaversion>2004 4th Edition</schemaversion>"));
        assert!(x.contains(r#"adlcp:scormType="sco""#));
        assert!(!x.contains("masteryscore"));
    }
}
