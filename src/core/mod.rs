//! What every stage shares: source files and positions, diagnostics and their
//! translations, YAML embedded in Markdown, and "did you mean" suggestions.
//! Depends on no other part of syllabus.

pub mod diagnostics;
pub mod messages;
pub mod source;
pub mod suggest;
pub mod yaml;

pub use diagnostics::{Diagnostic, Diagnostics, Severity};
pub use source::{Pos, Source};

/// A short content hash, for saved-progress keys and cache-busting file names.
pub fn short_hash(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes))[..10].to_string()
}
