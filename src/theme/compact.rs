//! Smaller theme files for trainees' browsers: the stylesheets and scripts are
//! written for the people who maintain them (comments that say why, indentation),
//! and every lesson loads them, so the site gets them without comments and
//! indentation. Nothing else changes: a phone on a slow line downloads less, and the
//! page weight budget (`docs/benchmarks.md`) holds with room for the course itself.

/// A stylesheet without comments and with white space collapsed. Strings are kept
/// as written; a space is dropped only where CSS never needs one: next to `{`, `}`,
/// `;`, `,` and `>`, and after `:` (a space *before* `:` is a descendant combinator
/// and stays; `+` and `-` keep theirs for `calc()`). The `;` before `}` goes too.
pub fn css(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' => {
                flush_space(&mut out, &mut space, c);
                out.push(c);
                while let Some(s) = chars.next() {
                    out.push(s);
                    if s == '\\' {
                        if let Some(e) = chars.next() {
                            out.push(e);
                        }
                    } else if s == c {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for s in chars.by_ref() {
                    if prev == '*' && s == '/' {
                        break;
                    }
                    prev = s;
                }
                space = true;
            }
            c if c.is_whitespace() => space = true,
            c => {
                flush_space(&mut out, &mut space, c);
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
            }
        }
    }
    out.push('\n');
    out
}

/// Writes the pending space before `next`, unless either side makes it needless.
fn flush_space(out: &mut String, space: &mut bool, next: char) {
    if *space
        && !out.is_empty()
        && !out.ends_with(['{', '}', ';', ',', '>', ':'])
        && !matches!(next, '{' | '}' | ';' | ',' | '>')
    {
        out.push(' ');
    }
    *space = false;
}

/// A script of the default theme without its comment lines and indentation. Line
/// by line, so it relies on how those scripts are written (checked by the tests
/// below and by every browser test): a comment that starts a line is a whole-line
/// `//` comment or a `/* … */` block that ends its last line, and no string spans
/// lines. Comments after code on a line are left as they are.
pub fn js(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_block = false;
    for line in text.lines() {
        let t = line.trim();
        if in_block {
            in_block = !t.ends_with("*/");
            continue;
        }
        if t.is_empty() || t.starts_with("//") {
            continue;
        }
        if t.starts_with("/*") {
            in_block = !(t.len() >= 4 && t.ends_with("*/"));
            continue;
        }
        out.push_str(t);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_loses_comments_and_spaces_but_keeps_strings_and_combinators() {
        let src = "/* why */\n.a :focus-visible,\n.b > .c {\n  content: \"/* not a comment */\";\n  margin: 0 auto;\n}\n";
        assert_eq!(
            css(src),
            ".a :focus-visible,.b>.c{content:\"/* not a comment */\";margin:0 auto}\n"
        );
        assert_eq!(css("a { b: calc(1px + -2px); }"), "a{b:calc(1px + -2px)}\n");
        assert_eq!(
            css("@media (min-width: 60rem) { a { c: d } }"),
            "@media (min-width:60rem){a{c:d}}\n"
        );
    }

    #[test]
    fn js_loses_comment_lines_and_indentation_only() {
        let src = "/* A script.\n * Two lines. */\n(function () {\n  'use strict';\n  // why\n  var u = 'http://x'; // kept\n  /* one line */\n  return u;\n})();\n";
        assert_eq!(
            js(src),
            "(function () {\n'use strict';\nvar u = 'http://x'; // kept\nreturn u;\n})();\n"
        );
    }

    #[test]
    fn the_default_themes_scripts_keep_to_the_rules_js_relies_on() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "js") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                !text.contains('`') || text.lines().all(|l| !l.contains('`') || is_comment_line(l)),
                "{path:?}: a template literal may span lines"
            );
            assert!(
                text.lines().all(|l| !l.trim_end().ends_with('\\')),
                "{path:?}: a string continued on the next line"
            );
            let mut in_block = false;
            for l in text.lines() {
                let t = l.trim();
                if in_block {
                    if let Some(i) = t.find("*/") {
                        assert!(
                            i + 2 == t.len(),
                            "{path:?}: code after the end of a comment block: {l}"
                        );
                        in_block = false;
                    }
                } else if t.starts_with("/*") {
                    in_block = !(t.len() >= 4 && t.ends_with("*/"));
                    assert!(
                        in_block || t.find("*/") == Some(t.len() - 2),
                        "{path:?}: {l}"
                    );
                }
            }
        }
    }

    fn is_comment_line(l: &str) -> bool {
        let t = l.trim_start();
        t.starts_with("//") || t.starts_with('*') || t.starts_with("/*")
    }
}
