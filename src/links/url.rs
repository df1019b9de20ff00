//! Site paths and the relative URLs between them. Every link in the site is
//! relative and names a file, so the same output works at any URL path, from
//! `file://` and inside an LMS frame.

use percent_encoding::{percent_decode_str, AsciiSet, CONTROLS};

/// ASCII that a URL path may not hold as is. Letters of other scripts stay as they
/// are in the site's links (browsers send them encoded), so Chinese file names stay
/// readable; the SCORM manifest, which wants plain URIs, encodes them too.
pub const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Whether `PATH` escapes this ASCII byte.
fn needs_escape(b: u8) -> bool {
    percent_encoding::percent_encode(&[b], PATH)
        .to_string()
        .len()
        > 1
}

/// Percent-encodes the ASCII characters a URL path may not hold.
pub fn encode_path(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() && needs_escape(c as u8) {
            out.push_str(percent_encoding::percent_encode_byte(c as u8));
        } else {
            out.push(c);
        }
    }
    out
}

/// Decodes `%XX` escapes; malformed ones stay as written.
pub fn decode(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// The URL of `to` as seen from the page at `from` (both relative to the site root).
pub fn relative_url(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect();
    let from_dir = &from_dir[..from_dir.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len() - 1);
    let mut url = "../".repeat(from_dir.len() - common);
    url.push_str(&encode_path(&to_parts[common..].join("/")));
    url
}

/// The prefix that leads from a page back to the site root: `""` or `"../"`.
pub fn root_of(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls_name_files() {
        assert_eq!(relative_url("a/b.html", "c/d.html"), "../c/d.html");
        assert_eq!(relative_url("a/b.html", "a/d.html"), "d.html");
        assert_eq!(relative_url("index.html", "a/index.html"), "a/index.html");
        assert_eq!(relative_url("a/b.html", "index.html"), "../index.html");
        assert_eq!(relative_url("a/b.html", "a/img/x y.png"), "img/x%20y.png");
        assert_eq!(relative_url("a/b.html", "a/图 片.png"), "图%20片.png");
        assert_eq!(root_of("a/b.html"), "../");
        assert_eq!(root_of("index.html"), "");
    }

    #[test]
    fn decoding() {
        assert_eq!(decode("%E5%9B%BE.png"), "图.png");
        assert_eq!(decode("100%"), "100%");
    }
}
