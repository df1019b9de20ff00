//! Command-line arguments and what each command prints. The work itself lives in
//! [`crate::commands`] and [`crate::serve`].

use crate::commands;
use crate::core::messages::{self, tr, Lang};
use crate::core::Diagnostics;
use crate::pipeline::BuildOptions;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
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
    /// The language of the messages: `en` or `zh-CN`. Without it, `LC_ALL`, the
    /// course's `language:`, then `LANG` decide; `--format json` stays English.
    #[arg(long, global = true, value_parser = ["en", "zh-CN"])]
    pub lang: Option<String>,
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
        /// Replace the output folder even when syllabus did not write it (never the
        /// course folder, nor a folder around or inside it).
        #[arg(long)]
        force: bool,
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

/// The language to print a course's messages in (see [`Lang::choose`]).
fn lang_for(course: &Path) -> Lang {
    Lang::choose(crate::model::config::course_language(course).as_deref())
}

/// "course folder not found", when it is not there, with the command to retry.
fn missing_course(course: &Path, command: &str) -> Option<Diagnostics> {
    (!course.is_dir())
        .then(|| Diagnostics::one(crate::model::config::missing_folder(course, command)))
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
    messages::set_cli_choice(cli.lang.as_deref());
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
            force,
        } => build(&course, &out, drafts, force),
        Command::Check {
            course,
            format,
            deny_warnings,
            drafts,
        } => check(&course, format, deny_warnings, drafts),
    }
}

fn build(course: &Path, out: &Path, drafts: bool, force: bool) -> i32 {
    let lang = lang_for(course);
    if let Some(d) = missing_course(course, "build") {
        print_diags(&d.translated(lang));
        return 1;
    }
    let started = Instant::now();
    let progress = Progress::start(course, lang);
    let replace = match force {
        true => crate::output::Replace::Any,
        false => crate::output::Replace::OwnOnly,
    };
    let result = commands::build_into(course, out, BuildOptions { drafts }, replace);
    drop(progress);
    match result {
        Ok(report) => {
            let warnings = report.warnings.translated(lang);
            print_diags(&warnings);
            let mut line = format!(
                "built {} pages into {} in {} ms",
                report.pages,
                out.display(),
                started.elapsed().as_millis()
            );
            if !warnings.is_empty() {
                line.push_str(&format!(" ({})", report.warnings.summary()));
            }
            eprintln!("{}", tr(lang, &line));
            0
        }
        Err(d) => {
            let d = d.translated(lang);
            print_diags(&d);
            let line = format!(
                "build failed: {}; {} was left as it was",
                d.summary(),
                out.display()
            );
            eprintln!("{}", tr(lang, &line));
            1
        }
    }
}

fn package(a: PackageArgs) -> i32 {
    use crate::package::{Scorm, Stage};
    let scorm = match a.scorm {
        ScormVersion::V12 => Scorm::V12,
        ScormVersion::V2004 => Scorm::V2004,
    };
    let lang = lang_for(&a.course);
    let command = format!("package --scorm {}", scorm.name());
    if let Some(d) = missing_course(&a.course, &command) {
        print_diags(&d.translated(lang));
        return 1;
    }
    let started = Instant::now();
    // One line per stage while someone watches; logs and CI get the result only.
    let watching = std::io::stderr().is_terminal();
    let mut status = |s: Stage| {
        if watching {
            match s {
                Stage::Checking => eprintln!("checking {}", a.course.display()),
                Stage::Rendering(n) => eprintln!("rendering {n} course pages"),
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
            print_diags(&r.warnings.translated(lang));
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
            print_diags(&d.translated(lang));
            eprintln!("package failed: {}; no package was written", d.summary());
            1
        }
    }
}

fn export_gift(course: &Path, out: Option<&Path>) -> i32 {
    let lang = lang_for(course);
    if let Some(d) = missing_course(course, "export gift") {
        print_diags(&d.translated(lang));
        return 1;
    }
    match crate::export::gift(course, out, BuildOptions::default()) {
        Ok(r) => {
            print_diags(&r.warnings.translated(lang));
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
            print_diags(&d.translated(lang));
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

/// A line that says the build is running, shown on a terminal once the build has
/// taken a second (a small course never sees it) and cleared when it ends. CI logs
/// and tests, where stderr is no terminal, stay clean.
struct Progress {
    bar: indicatif::ProgressBar,
    done: std::sync::mpsc::Sender<()>,
}

impl Progress {
    fn start(course: &Path, lang: Lang) -> Option<Progress> {
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let bar =
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden());
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        let line = format!("building {}", course.display());
        bar.set_message(tr(lang, &line).into_owned());
        let (done, wait) = std::sync::mpsc::channel::<()>();
        let shown = bar.clone();
        std::thread::spawn(move || {
            let waited = wait.recv_timeout(std::time::Duration::from_secs(1));
            if waited.is_err() && !shown.is_finished() {
                shown.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                shown.enable_steady_tick(std::time::Duration::from_millis(120));
            }
        });
        Some(Progress { bar, done })
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        let _ = self.done.send(());
        self.bar.finish_and_clear();
    }
}

fn check(course: &Path, format: Format, deny_warnings: bool, drafts: bool) -> i32 {
    let (diags, shapes) = match missing_course(course, "check") {
        Some(d) => (d, Vec::new()),
        None => {
            let report = commands::check(course, BuildOptions { drafts });
            (report.diagnostics, report.roleplays)
        }
    };
    match format {
        // Tools parse the JSON: it stays English unless `--lang` asks otherwise.
        Format::Json => {
            let lang = messages::cli_choice().unwrap_or_default();
            println!("{}", diags.translated(lang).to_json());
        }
        Format::Human => {
            let shown = diags.translated(lang_for(course));
            print_diags(&shown);
            for line in &shapes {
                eprintln!("{line}");
            }
            eprintln!("{}: {}", course.display(), shown.summary());
        }
    }
    let failed = diags.has_errors() || (deny_warnings && !diags.is_empty());
    i32::from(failed)
}
