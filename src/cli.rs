//! Command-line arguments and what each command prints. The work itself lives in
//! [`crate::commands`] and [`crate::serve`].

use crate::commands;
use crate::core::Diagnostics;
use crate::pipeline::BuildOptions;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

/// Turn a folder of Markdown lessons into an interactive training site.
///
/// Trainers write lessons, quizzes, role-plays and self-assessments in Markdown;
/// syllabus checks everything and writes a static site that works from a web
/// server, a file share or an LMS.
#[derive(Parser, Debug)]
#[command(name = "syllabus", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build the site. On any error nothing is written and the previous site stays as it was.
    Build {
        /// The course folder (holds course.yaml).
        #[arg(default_value = "content")]
        course: PathBuf,
        /// Where to write the site. The folder is replaced as a whole.
        #[arg(short, long, default_value = "public")]
        out: PathBuf,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Check the course for mistakes without writing anything.
    ///
    /// Exit status: 0 when there are no errors (warnings allowed), 1 on errors,
    /// 2 when the command line itself is wrong.
    Check {
        /// The course folder (holds course.yaml).
        #[arg(default_value = "content")]
        course: PathBuf,
        /// How to print problems: `human` (with source lines) or `json` (an array on stdout).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Check draft pages as a build with `--drafts` would include them.
        #[arg(long)]
        drafts: bool,
    },
    /// Preview the course while you write, with live reload.
    ///
    /// Builds the course, serves it on 127.0.0.1, rebuilds what changed on every
    /// save and reloads the browser. Problems show in the page over the last good
    /// version. Drafts are included and marked as drafts. See docs/serve.md.
    Serve(ServeArgs),
    /// Build the course and write a SCORM package (a zip) for an LMS.
    ///
    /// The zip holds imsmanifest.xml and the site; the LMS records completion,
    /// status and score. See docs/deploy.md.
    Package(PackageArgs),
    /// Export the course's questions for an LMS question bank.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Create a small example course that shows every feature and builds as is.
    New {
        /// The folder to create (it must not exist or be empty).
        dir: PathBuf,
    },
}

/// `syllabus serve`'s arguments.
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// The course folder (holds course.yaml).
    #[arg(default_value = "content")]
    pub course: PathBuf,
    /// The port to serve on; the next free one is used when it is taken. 0 lets the system pick.
    #[arg(short, long, default_value_t = crate::serve::DEFAULT_PORT)]
    pub port: u16,
    /// Open the course in the default browser.
    #[arg(long)]
    pub open: bool,
    /// The address to listen on. Anything other than 127.0.0.1 or ::1 lets other
    /// machines see the course.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Keep the served site in this folder (empty, new, or written by syllabus)
    /// instead of a temporary one.
    #[arg(short, long)]
    pub out: Option<PathBuf>,
}

/// `syllabus package`'s arguments.
#[derive(clap::Args, Debug)]
pub struct PackageArgs {
    /// The SCORM version the LMS speaks.
    #[arg(long, value_enum)]
    pub scorm: ScormVersion,
    /// The course folder (holds course.yaml).
    #[arg(default_value = "content")]
    pub course: PathBuf,
    /// The zip to write (default: `<course-id>-scorm-<version>.zip`).
    #[arg(short, long)]
    pub out: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ScormVersion {
    #[value(name = "1.2")]
    V12,
    #[value(name = "2004")]
    V2004,
}

#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// Every question in Moodle's GIFT format, grouped by module.
    Gift {
        /// The course folder (holds course.yaml).
        #[arg(default_value = "content")]
        course: PathBuf,
        /// The file to write (default: `<course-id>-gift.txt`).
        #[arg(short, long)]
        out: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

fn use_color() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

fn print_diags(d: &Diagnostics) {
    if !d.is_empty() {
        eprint!("{}", d.render(use_color()));
    }
}

/// Runs the command line; returns the process exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    run(cli)
}

pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Serve(a) => crate::serve::run(
            crate::serve::ServeOptions {
                course: a.course,
                port: a.port,
                bind: a.bind,
                open: a.open,
                out: a.out,
            },
            use_color(),
        ),
        Command::New { dir } => crate::new::run(&dir),
        Command::Package(a) => package(a),
        Command::Export(ExportCommand::Gift { course, out }) => {
            export_gift(&course, out.as_deref())
        }
        Command::Build {
            course,
            out,
            drafts,
        } => {
            let started = Instant::now();
            match commands::build(&course, &out, BuildOptions { drafts }) {
                Ok(report) => {
                    print_diags(&report.warnings);
                    eprintln!(
                        "built {} pages into {} in {} ms{}",
                        report.pages,
                        out.display(),
                        started.elapsed().as_millis(),
                        if report.warnings.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", report.warnings.summary())
                        }
                    );
                    0
                }
                Err(d) => {
                    print_diags(&d);
                    eprintln!(
                        "build failed: {}; {} was left as it was",
                        d.summary(),
                        out.display()
                    );
                    1
                }
            }
        }
        Command::Check {
            course,
            format,
            deny_warnings,
            drafts,
        } => {
            let report = commands::check(&course, BuildOptions { drafts });
            let (diags, shapes) = (report.diagnostics, report.roleplays);
            match format {
                Format::Json => println!("{}", diags.to_json()),
                Format::Human => {
                    print_diags(&diags);
                    for line in &shapes {
                        eprintln!("{line}");
                    }
                    eprintln!("{}: {}", course.display(), diags.summary());
                }
            }
            let failed = diags.has_errors() || (deny_warnings && !diags.is_empty());
            i32::from(failed)
        }
    }
}

fn package(a: PackageArgs) -> i32 {
    use crate::package::{Scorm, Stage};
    let started = Instant::now();
    let scorm = match a.scorm {
        ScormVersion::V12 => Scorm::V12,
        ScormVersion::V2004 => Scorm::V2004,
    };
    // One line per stage while someone watches; logs and CI get the result only.
    let watching = std::io::stderr().is_terminal();
    let mut status = |s: Stage| {
        if watching {
            match s {
                Stage::Checking => eprintln!("checking {}", a.course.display()),
                Stage::Rendering(n) => eprintln!("rendering {n} pages"),
                Stage::Zipping(n) => eprintln!("zipping {n} files"),
            }
        }
    };
    match crate::package::package(
        &a.course,
        a.out.as_deref(),
        scorm,
        BuildOptions::default(),
        &mut status,
    ) {
        Ok(r) => {
            print_diags(&r.warnings);
            eprintln!(
                "packaged {} pages for SCORM {} into {} ({} files, {} KB) in {} ms{}",
                r.pages,
                scorm.name(),
                r.zip.display(),
                r.files,
                r.bytes.div_ceil(1024),
                started.elapsed().as_millis(),
                suffix(&r.warnings)
            );
            0
        }
        Err(d) => {
            print_diags(&d);
            eprintln!("package failed: {}; no package was written", d.summary());
            1
        }
    }
}

fn export_gift(course: &std::path::Path, out: Option<&std::path::Path>) -> i32 {
    match crate::export::gift(course, out, BuildOptions::default()) {
        Ok(r) => {
            print_diags(&r.warnings);
            eprintln!(
                "exported {} questions to {}{}{}",
                r.questions,
                r.file.display(),
                if r.skipped > 0 {
                    format!("; {} left out (GIFT cannot hold them)", r.skipped)
                } else {
                    String::new()
                },
                suffix(&r.warnings)
            );
            0
        }
        Err(d) => {
            print_diags(&d);
            eprintln!("export failed: {}; nothing was written", d.summary());
            1
        }
    }
}

fn suffix(warnings: &Diagnostics) -> String {
    if warnings.is_empty() {
        String::new()
    } else {
        format!(" ({})", warnings.summary())
    }
}
