//! Source files being checked: their display path and text, and positions in them.

use std::path::Path;

/// A 1-based position in a source file; `col` counts characters, not bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub fn new(line: usize, col: usize) -> Pos {
        Pos { line, col }
    }
}

/// A source file being checked: its display path and full text, so that every
/// diagnostic about it can carry the offending line.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    pub path: &'a Path,
    pub text: &'a str,
}

impl<'a> Source<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        Source { path, text }
    }

    pub fn error(&self, pos: Pos, message: impl Into<String>) -> super::Diagnostic {
        super::Diagnostic::error(self.path, message).at(self.text, pos)
    }

    pub fn warning(&self, pos: Pos, message: impl Into<String>) -> super::Diagnostic {
        super::Diagnostic::warning(self.path, message).at(self.text, pos)
    }

    /// The 1-based line and character column of a byte offset into the text.
    pub fn pos_of(&self, offset: usize) -> Pos {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Pos::new(line, before[line_start..].chars().count() + 1)
    }

    /// The text of a 1-based line, without its line break.
    pub fn line(&self, line: usize) -> Option<&'a str> {
        line_of(self.text, line)
    }
}

/// The text of a 1-based line of `text`, without its line break.
pub fn line_of(text: &str, line: usize) -> Option<&str> {
    text.lines().nth(line.checked_sub(1)?)
}

pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pos_of_counts_characters() {
        let text = "一二\n三四五x";
        let src = Source::new(Path::new("a.md"), text);
        let x = text.find('x').unwrap();
        assert_eq!(src.pos_of(x), Pos::new(2, 4));
        // Inside a multi-byte character: the character's own position.
        assert_eq!(src.pos_of(1), Pos::new(1, 1));
    }
}
