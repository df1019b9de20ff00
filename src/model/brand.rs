//! The course's own look in `course.yaml`: `logo` (an image in `assets/`) and
//! `accent` (a colour). Owns their checks and the accent's palette: the shades the
//! theme uses in light and dark mode, each kept at WCAG AA contrast (4.5:1) against
//! the backgrounds and text it meets, so that no brand colour can make a page
//! unreadable.

use super::config::CourseConfig;
use crate::core::yaml::Embedded;
use crate::core::Diagnostics;
use std::path::Path;

/// What WCAG 2.1 AA asks of normal text.
const AA: f64 = 4.5;
/// The light theme's backgrounds an accent-coloured link sits on (`--bg`, `--bg-soft`).
const LIGHT_BGS: [Rgb; 2] = [Rgb(0xff, 0xff, 0xff), Rgb(0xf4, 0xf6, 0xf9)];
/// The dark theme's (`--bg`, `--bg-soft`, `--bg-raised`).
const DARK_BGS: [Rgb; 3] = [
    Rgb(0x14, 0x18, 0x1e),
    Rgb(0x1c, 0x22, 0x2a),
    Rgb(0x20, 0x26, 0x2f),
];
/// Text on an accent-coloured button or bar in dark mode (`--accent-text`).
const DARK_ON_ACCENT: Rgb = Rgb(0x0d, 0x16, 0x20);
const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
const BLACK: Rgb = Rgb(0, 0, 0);

/// Image types every browser shows.
const LOGO_TYPES: &[&str] = &["svg", "png", "jpg", "jpeg", "gif", "webp"];

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rgb` or `#rrggbb` (the `#` may be left out), any case.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().trim_start_matches('#');
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize, n: usize| u8::from_str_radix(&hex[i..i + n], 16).ok();
        match hex.len() {
            3 => Some(Rgb(digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
            6 => Some(Rgb(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
            _ => None,
        }
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG relative luminance.
    fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let s = f64::from(c) / 255.0;
            if s <= 0.039_28 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// This colour moved `share` (0–1) of the way towards `other`.
    fn mix(self, other: Rgb, share: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * share).round() as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }
}

/// The WCAG contrast ratio of two colours (1 to 21).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// One colour scheme's accent shades, as the stylesheet's custom properties use them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shades {
    /// Links, buttons, the course cover.
    pub accent: Rgb,
    /// Text on `accent`.
    pub on_accent: Rgb,
    /// A faint tint for hover and highlighted backgrounds.
    pub soft: Rgb,
}

/// The accent in both schemes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub light: Shades,
    pub dark: Shades,
}

/// The shades of `accent` for a scheme: the colour itself when it reads well,
/// else the nearest shade towards `towards` (black for light pages, white for
/// dark ones) that does.
fn shades(accent: Rgb, bgs: &[Rgb], on_accent: Rgb, towards: Rgb, tint: f64) -> Shades {
    let fits = |c: Rgb| {
        let soft = bgs[0].mix(c, tint);
        bgs.iter().chain([&soft]).all(|bg| contrast(c, *bg) >= AA) && contrast(c, on_accent) >= AA
    };
    let mut c = accent;
    for step in 1..=50 {
        if fits(c) {
            break;
        }
        c = accent.mix(towards, f64::from(step) / 50.0);
    }
    Shades {
        accent: c,
        on_accent,
        soft: bgs[0].mix(c, tint),
    }
}

/// The palette the theme uses for an accent colour.
pub fn palette(accent: Rgb) -> Palette {
    Palette {
        light: shades(accent, &LIGHT_BGS, WHITE, BLACK, 0.1),
        dark: shades(accent, &DARK_BGS, DARK_ON_ACCENT, WHITE, 0.16),
    }
}

/// The stylesheet that sets the palette over the theme's defaults (the site's
/// Content-Security-Policy allows no inline styles, so it is a file).
pub fn stylesheet(p: &Palette) -> String {
    let vars = |s: &Shades| {
        format!(
            "--accent: {}; --accent-text: {}; --accent-soft: {};",
            s.accent.hex(),
            s.on_accent.hex(),
            s.soft.hex()
        )
    };
    format!(
        "/* The course's accent colour (course.yaml), in shades that keep WCAG AA contrast. */\n\
         :root {{ {} }}\n@media (prefers-color-scheme: dark) {{ :root {{ {} }} }}\n",
        vars(&p.light),
        vars(&p.dark)
    )
}

/// Checks `logo` and `accent`; a value that cannot be used is reported and
/// dropped, so the course still builds with the theme's own look.
pub fn check(
    course: &mut CourseConfig,
    emb: &Embedded,
    course_dir: &Path,
    diags: &mut Diagnostics,
) {
    let src = emb.source;
    if let Some(line) = commented_accent(src.text) {
        diags.push(
            src.error(
                emb.to_file_pos(line, 1),
                "the value of `accent` starts with `#`, which YAML reads as a comment",
            )
            .hint("put the colour in quotes, e.g. `accent: \"#1d5fa8\"`"),
        );
    }
    if let Some(a) = &course.accent {
        match Rgb::parse(a) {
            None => {
                diags.push(
                    src.error(emb.at(a), format!("`{}` is not a colour", a.as_str()))
                        .hint("write a hex colour in quotes, e.g. `accent: \"#1d5fa8\"`"),
                );
                course.accent = None;
            }
            Some(c) => {
                let used = palette(c).light.accent;
                if used != c {
                    let ratio = LIGHT_BGS
                        .iter()
                        .map(|bg| contrast(c, *bg))
                        .fold(f64::MAX, f64::min);
                    diags.push(
                        src.warning(
                            emb.at(a),
                            format!(
                                "accent colour `{}` is too light for text on a light page (contrast {ratio:.1}:1, WCAG AA needs 4.5:1)",
                                a.as_str()
                            ),
                        )
                        .hint(format!(
                            "the light theme uses the darker `{}` instead; choose a darker colour to have yours as it is",
                            used.hex()
                        )),
                    );
                }
            }
        }
    }
    if let Some(l) = &course.logo {
        if let Some((message, hint)) = logo_problem(l, course_dir) {
            diags.push(src.error(emb.at(l), message).hint(hint));
            course.logo = None;
        }
    }
}

/// The line (1-based) of a top-level `accent: #…`, whose value YAML drops as a comment.
fn commented_accent(text: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.strip_prefix("accent:")
                .is_some_and(|v| v.starts_with([' ', '\t']) && v.trim_start().starts_with('#'))
        })
        .map(|i| i + 1)
}

/// What is wrong with a `logo:` path, as a message and a hint.
fn logo_problem(logo: &str, course_dir: &Path) -> Option<(String, String)> {
    let hint = "put the image in the course's `assets/` folder and name it from there, e.g. `logo: assets/logo.svg`".to_string();
    let rel = Path::new(logo);
    let inside = rel
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !inside || !logo.starts_with("assets/") {
        return Some((
            format!("logo `{logo}` is not in the course's `assets/` folder"),
            hint,
        ));
    }
    let ext = rel
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if !LOGO_TYPES.contains(&ext.as_str()) {
        return Some((
            format!("logo `{logo}` is not an image a browser shows"),
            "use an SVG, PNG, JPEG, GIF or WebP file".to_string(),
        ));
    }
    if !course_dir.join(rel).is_file() {
        return Some((format!("logo `{logo}` not found"), hint));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_in_short_and_long_form() {
        assert_eq!(Rgb::parse("#1d5fa8"), Some(Rgb(0x1d, 0x5f, 0xa8)));
        assert_eq!(Rgb::parse("C00"), Some(Rgb(0xcc, 0, 0)));
        assert_eq!(Rgb::parse("#12345"), None);
        assert_eq!(Rgb::parse("blue"), None);
        assert_eq!(Rgb::parse("#ééé"), None);
    }

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast(BLACK, WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(WHITE, WHITE) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn every_shade_keeps_aa_contrast() {
        for hex in [
            "#1d5fa8", "#ffcc00", "#ffffff", "#000000", "#c8102e", "#00a650", "#777",
        ] {
            let p = palette(Rgb::parse(hex).unwrap());
            for bg in LIGHT_BGS.iter().chain([&p.light.soft]) {
                assert!(contrast(p.light.accent, *bg) >= AA, "{hex} light on {bg:?}");
            }
            assert!(
                contrast(p.light.accent, p.light.on_accent) >= AA,
                "{hex} light button"
            );
            for bg in DARK_BGS.iter().chain([&p.dark.soft]) {
                assert!(contrast(p.dark.accent, *bg) >= AA, "{hex} dark on {bg:?}");
            }
            assert!(
                contrast(p.dark.accent, p.dark.on_accent) >= AA,
                "{hex} dark button"
            );
        }
    }

    #[test]
    fn a_colour_that_reads_well_is_used_as_it_is() {
        let c = Rgb::parse("#1d5fa8").unwrap();
        assert_eq!(palette(c).light.accent, c);
        assert_ne!(
            palette(Rgb::parse("#ffcc00").unwrap()).light.accent,
            Rgb::parse("#ffcc00").unwrap()
        );
    }

    #[test]
    fn an_unquoted_colour_is_found() {
        assert_eq!(commented_accent("id: a\naccent: #1d5fa8\n"), Some(2));
        assert_eq!(commented_accent("accent: \"#1d5fa8\"\n"), None);
    }
}
