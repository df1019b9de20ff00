//! The theme: Tera templates, static files and UI strings. The default theme is
//! embedded in the binary; a course's `theme:` folder overrides it file by file.

use crate::core::yaml::Embedded;
use crate::core::{short_hash, Diagnostic, Diagnostics, Source};
use crate::model::config::{Config, SHIPPED_LANGUAGES};
use include_dir::{include_dir, Dir};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use tera::Tera;

mod compact;

static DEFAULT: Dir = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// One theme file and where it came from.
struct ThemeFile {
    bytes: Cow<'static, [u8]>,
    /// The path shown in diagnostics: the override's real path, or
    /// `themes/default/<rel>` for an embedded file.
    origin: PathBuf,
}

/// A static file as it is written to the site.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Output path with a content hash, e.g. `theme/syllabus.1a2b3c4d.css`.
    pub out: String,
    pub bytes: Cow<'static, [u8]>,
}

pub struct Theme {
    pub tera: Tera,
    pub statics: Vec<StaticFile>,
    /// Static file name (relative to `static/`) to its hashed output path.
    pub urls: BTreeMap<String, String>,
    /// UI strings in the course language, falling back to English key by key.
    pub strings: HashMap<String, String>,
    /// Scripts every page loads, in order.
    pub scripts: Vec<Script>,
    /// Template name to the file it came from, for error messages.
    origins: HashMap<String, PathBuf>,
    /// A hash of every theme file and of the strings in use.
    fingerprint: u64,
    strings_hash: u64,
}

/// A hash of everything the theme puts into pages: a change means every page.
pub fn fingerprint(theme: &Theme) -> u64 {
    theme.fingerprint
}

/// A hash of the UI strings in use (alert titles go into page bodies).
pub fn strings_hash(theme: &Theme) -> u64 {
    theme.strings_hash
}

impl Theme {
    pub fn origin(&self, template: &str) -> PathBuf {
        self.origins
            .get(template)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(format!("themes/default/templates/{template}")))
    }
}

/// Collects the theme's files: the embedded default, then the override folder on top.
fn collect(theme_dir: Option<&Path>, diags: &mut Diagnostics) -> BTreeMap<String, ThemeFile> {
    let mut files = BTreeMap::new();
    let mut stack = vec![&DEFAULT];
    while let Some(dir) = stack.pop() {
        for f in dir.files() {
            let rel = f.path().to_string_lossy().replace('\\', "/");
            files.insert(
                rel.clone(),
                ThemeFile {
                    bytes: Cow::Borrowed(f.contents()),
                    origin: PathBuf::from(format!("themes/default/{rel}")),
                },
            );
        }
        stack.extend(dir.dirs());
    }
    if let Some(root) = theme_dir {
        for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    diags.push(Diagnostic::error(
                        root,
                        format!("cannot read the theme folder: {e}"),
                    ));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(root)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            match std::fs::read(entry.path()) {
                Ok(bytes) => {
                    files.insert(
                        rel,
                        ThemeFile {
                            bytes: Cow::Owned(bytes),
                            origin: entry.path().to_path_buf(),
                        },
                    );
                }
                Err(e) => diags.push(Diagnostic::error(
                    entry.path(),
                    format!("cannot read theme file: {e}"),
                )),
            }
        }
    }
    files
}

/// A static file as the site gets it: stylesheets, and the default theme's own
/// scripts, without comments and indentation (`compact`). A course theme's scripts
/// are copied as they are, since their style is not known.
fn compacted(name: &str, file: &ThemeFile) -> Cow<'static, [u8]> {
    let embedded = matches!(file.bytes, Cow::Borrowed(_));
    let ext = name.rsplit_once('.').map(|(_, e)| e);
    match (std::str::from_utf8(&file.bytes), ext) {
        (Ok(text), Some("css")) => Cow::Owned(compact::css(text).into_bytes()),
        (Ok(text), Some("js")) if embedded => Cow::Owned(compact::js(text).into_bytes()),
        _ => file.bytes.clone(),
    }
}

fn hashed_name(rel: &str, bytes: &[u8]) -> String {
    let hash = short_hash(bytes);
    match rel.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !stem.ends_with('/') => {
            format!("{stem}.{hash}.{ext}")
        }
        _ => format!("{rel}.{hash}"),
    }
}

/// Loads the theme for a course. Template syntax errors and unreadable string
/// files are reported against the theme file that holds them.
pub fn load(config: &Config, diags: &mut Diagnostics) -> Option<Theme> {
    let files = collect(config.theme_dir.as_deref(), diags);
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    // Tera's default also escapes `/`, which makes every URL hard to read.
    tera.set_escape_fn(crate::markdown::escape);
    let mut origins = HashMap::new();
    let mut templates = Vec::new();
    let mut statics = Vec::new();
    let mut urls = BTreeMap::new();
    let mut ok = true;
    for (rel, file) in &files {
        if let Some(name) = rel.strip_prefix("templates/") {
            match std::str::from_utf8(&file.bytes) {
                Ok(text) => {
                    templates.push((name.to_string(), text.to_string()));
                    origins.insert(name.to_string(), file.origin.clone());
                }
                Err(_) => {
                    diags.push(Diagnostic::error(
                        &file.origin,
                        "template is not UTF-8 text",
                    ));
                    ok = false;
                }
            }
        } else if let Some(name) = rel.strip_prefix("static/") {
            let bytes = compacted(name, file);
            let out = format!("theme/{}", hashed_name(name, &bytes));
            urls.insert(name.to_string(), out.clone());
            statics.push(StaticFile { out, bytes });
        }
    }
    // Parse one by one so that a syntax error names its own file, then add them
    // together so that Tera can link parents and children.
    for (name, text) in &templates {
        if let Err(e) = tera::Template::new(name, None, text) {
            diags.push(template_error(&origins, name, &e));
            ok = false;
        }
    }
    if ok {
        if let Err(e) = tera.add_raw_templates(templates) {
            diags.push(Diagnostic::error(
                config
                    .theme_dir
                    .as_deref()
                    .unwrap_or(Path::new("themes/default")),
                format!("theme templates do not fit together: {}", error_chain(&e)),
            ));
            ok = false;
        }
    }
    let strings = load_strings(config, &files, diags)?;
    let scripts = script_order(&files, &urls);
    let (fingerprint, strings_hash) = hashes(&files, &strings);
    ok.then_some(Theme {
        tera,
        statics,
        urls,
        strings,
        scripts,
        origins,
        fingerprint,
        strings_hash,
    })
}

/// A hash of every theme file and the strings, and a hash of the strings alone.
fn hashes(files: &BTreeMap<String, ThemeFile>, strings: &HashMap<String, String>) -> (u64, u64) {
    let sorted: BTreeMap<&String, &String> = strings.iter().collect();
    let strings_hash = xxhash_rust::xxh3::xxh3_64(&serde_json::to_vec(&sorted).unwrap_or_default());
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for (rel, f) in files {
        h.update(rel.as_bytes());
        h.update(&f.bytes);
    }
    h.update(&strings_hash.to_le_bytes());
    (h.digest(), strings_hash)
}

/// Scripts load in the order `scripts.txt` lists them, one a line: the file name
/// under `static/`, then the page kinds that need it (`quiz`, `roleplay`,
/// `assessment`, `reflect`, `workbook`). A script with no kinds loads on every page;
/// the others only where they are needed, which keeps a plain lesson light.
/// Without that file, every `.js` loads everywhere, in name order.
fn script_order(
    files: &BTreeMap<String, ThemeFile>,
    urls: &BTreeMap<String, String>,
) -> Vec<Script> {
    let listed: Vec<Vec<String>> = files
        .get("scripts.txt")
        .map(|f| {
            String::from_utf8_lossy(&f.bytes)
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(|l| l.split_whitespace().map(str::to_string).collect())
                .collect()
        })
        .unwrap_or_default();
    let lines: Vec<Vec<String>> = if listed.is_empty() {
        urls.keys()
            .filter(|k| k.ends_with(".js"))
            .map(|k| vec![k.clone()])
            .collect()
    } else {
        listed
    };
    lines
        .into_iter()
        .filter_map(|mut l| {
            let name = l.remove(0);
            Some(Script {
                url: urls.get(&name)?.clone(),
                kinds: l,
            })
        })
        .collect()
}

/// A script every page, or only some kinds of page, loads.
#[derive(Debug, Clone)]
pub struct Script {
    pub url: String,
    /// Empty: every page.
    pub kinds: Vec<String>,
}

impl Theme {
    /// The script URLs a page with these kinds of content loads, in order.
    pub fn scripts_for(&self, kinds: &[&str]) -> Vec<&str> {
        self.scripts
            .iter()
            .filter(|s| s.kinds.is_empty() || s.kinds.iter().any(|k| kinds.contains(&k.as_str())))
            .map(|s| s.url.as_str())
            .collect()
    }
}

/// UI strings, key by key: English from the default theme, then from the course's
/// theme, then the course language from each, later ones winning.
fn load_strings(
    config: &Config,
    files: &BTreeMap<String, ThemeFile>,
    diags: &mut Diagnostics,
) -> Option<HashMap<String, String>> {
    let lang = config.course.language.as_str();
    let lang = lang.trim();
    let mut layers: Vec<(Cow<'static, [u8]>, PathBuf)> = Vec::new();
    let mut found_lang = lang == "en";
    for l in ["en", lang] {
        let rel = format!("i18n/{l}.yaml");
        if let Some(f) = DEFAULT.get_file(&rel) {
            layers.push((
                Cow::Borrowed(f.contents()),
                PathBuf::from(format!("themes/default/{rel}")),
            ));
            found_lang |= l == lang;
        }
        if let Some(f) = files
            .get(&rel)
            .filter(|f| !f.origin.starts_with("themes/default"))
        {
            layers.push((f.bytes.clone(), f.origin.clone()));
            found_lang |= l == lang;
        }
        if lang == "en" {
            break;
        }
    }
    let mut strings = HashMap::new();
    let mut ok = true;
    for (bytes, origin) in layers {
        let text = String::from_utf8_lossy(&bytes);
        if text.trim().is_empty() {
            continue;
        }
        let emb = Embedded::file(Source::new(&origin, &text));
        match emb.parse::<HashMap<String, String>>("UI strings") {
            Ok(m) => strings.extend(m),
            Err(d) => {
                let d = if d.hint.is_none() {
                    d.hint("a strings file maps each key to its text, e.g. `next: 下一页`")
                } else {
                    d
                };
                diags.push(d);
                ok = false;
            }
        }
    }
    if !found_lang {
        diags.push(
            Diagnostic::warning(
                &config.path,
                format!("no UI strings for language `{lang}`; pages use English"),
            )
            .hint(format!(
                "the default theme ships {}; a theme folder can add `i18n/{lang}.yaml`",
                SHIPPED_LANGUAGES.join(" and ")
            )),
        );
    }
    ok.then_some(strings)
}

fn template_error(origins: &HashMap<String, PathBuf>, name: &str, e: &tera::Error) -> Diagnostic {
    let path = origins
        .get(name)
        .cloned()
        .unwrap_or_else(|| PathBuf::from(name));
    Diagnostic::error(path, format!("template error: {}", error_chain(e)))
}

/// Tera's error with its causes, on one line each joined by `: `.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut cur = e.source();
    while let Some(s) = cur {
        let text = s.to_string();
        if !parts.contains(&text) {
            parts.push(text);
        }
        cur = s.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_keep_the_extension() {
        let n = hashed_name("syllabus.css", b"x");
        assert!(
            n.starts_with("syllabus.")
                && n.ends_with(".css")
                && n.len() == "syllabus..css".len() + 10
        );
        assert_eq!(hashed_name("icons/a.svg", b"x").matches('/').count(), 1);
    }
}
