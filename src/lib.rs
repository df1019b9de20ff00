//! syllabus turns a folder of Markdown lessons into an interactive static training
//! site. The data flows through one module per stage:
//!
//! files → [`config`] and [`content`] (course model) → [`markdown`] and [`blocks`]
//! (passes and interactive blocks) → [`links`] (checked links) → [`render`] with the
//! [`theme`] → [`site`] (output folder), with [`workbook`] as the trainee's
//! printable record. Every stage reports into [`diagnostics`].

// Diagnostics are the error type throughout; they are large but travel only on
// the error path, once per problem.
#![allow(clippy::result_large_err)]

pub mod blocks;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod incremental;
pub mod links;
pub mod markdown;
pub mod new;
pub mod render;
pub mod serve;
pub mod site;
pub mod theme;
pub mod workbook;
pub mod yaml;
