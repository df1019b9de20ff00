//! syllabus turns a folder of Markdown lessons into an interactive static training
//! site. The code reads as the data flow, one module per stage, each using only
//! the stages before it (see `docs/architecture.md`):
//!
//! files → [`model`] (course, pages, front matter) → [`markdown`] (named passes)
//! and [`blocks`] (quiz, roleplay, assessment, reflect) → [`links`] (resolved and
//! checked) → [`pipeline`] (the checked course, shared by build, check and serve)
//! → [`search`] (the index) → [`render`] with the [`theme`] → [`output`] (the site
//! folder). [`core`] holds
//! what every stage shares: sources, diagnostics, YAML. [`commands`] and [`serve`]
//! drive the stages; [`package`] (SCORM zips) and [`export`] (Moodle GIFT) hand
//! the course to an LMS; [`cli`] parses the command line.

// Diagnostics are the error type throughout; they are large but travel only on
// the error path, once per problem.
#![allow(clippy::result_large_err)]

pub mod blocks;
pub mod cli;
pub mod commands;
pub mod core;
pub mod export;
pub mod links;
pub mod markdown;
pub mod model;
pub mod new;
pub mod output;
pub mod package;
pub mod pipeline;
pub mod render;
pub mod search;
pub mod serve;
pub mod theme;
