//! The command-line interface: argument parsing (clap) and dispatch to one module per command.
//! Errors are printed to stderr as one sentence and give exit code 1; nothing here panics on
//! user input.

mod audit;
mod backup;
mod build;
mod clearance;
mod committees;
pub(crate) mod db;
mod deadlines;
mod docx;
mod exchange;
mod init;
mod meetings;
mod minutes;
mod pipe;
mod plural;
mod programme;
mod reminders;
mod render;
mod serve;
mod user;
mod server;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Build committee agenda packs for English councils.
#[derive(Debug, Parser)]
#[command(name = "agendapack", version, about)]
pub struct Cli {
    /// The AgendaPack database file (default: agendapack.db in the platform data directory,
    /// created with the demo council on first use).
    #[arg(long, global = true, value_name = "FILE")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database (with --demo: load the demo council).
    Init {
        #[arg(long)]
        demo: bool,
    },
    /// List the committees, or rename, retire, bring back or delete one.
    Committees(committees::CommitteesArgs),
    /// List the meetings.
    Meetings {
        #[arg(long)]
        json: bool,
    },
    /// Build a meeting's agenda pack as PDF.
    Build(build::BuildArgs),
    /// Write a meeting as one JSON interchange document.
    Export {
        #[arg(long)]
        meeting: i64,
        #[arg(long, value_name = "FILE.json")]
        out: Option<PathBuf>,
    },
    /// Read a meeting from a JSON interchange document.
    Import {
        #[arg(value_name = "FILE.json")]
        file: PathBuf,
    },
    /// Render one Markdown document to PDF, to check it before it goes into a pack.
    Render(render::RenderArgs),
    /// Serve the app's commands and built UI over HTTP on 127.0.0.1 (browser tests, UI work).
    Serve(serve::ServeArgs),
    /// The team server: the app for many people over HTTPS, with sign-in and roles.
    Server(server::ServerArgs),
    /// The team server's accounts: add (password on standard input), list, disable, reset-password.
    User(user::UserArgs),
    /// When a meeting's papers must be published (--date for any day, --meeting for a stored one).
    Deadlines(deadlines::DeadlinesArgs),
    /// Bank holidays and closure days: import a newer government file, close or reopen a day.
    Holidays {
        #[command(subcommand)]
        command: deadlines::HolidaysCommand,
    },
    /// A meeting's minutes printed alone as PDF.
    Minutes(minutes::MinutesArgs),
    /// The actions agreed in every meeting's minutes: open, due, overdue and done.
    Actions(minutes::ActionsArgs),
    /// A recommendation tracker (action plan) as PDF as at a date, or --list.
    Tracker(programme::TrackerArgs),
    /// A committee's work programme: its meetings, planned items and deadline columns.
    Programme(programme::ProgrammeArgs),
    /// The forward plan of key decisions with its 28-clear-day notice check, as PDF and CSV.
    ForwardPlan(programme::ForwardPlanArgs),
    /// Write a consistent copy of the database to a file.
    Backup(backup::BackupArgs),
    /// Replace the database with a backup (the current one is kept in backups/).
    Restore(backup::RestoreArgs),
    /// Who changed what in a meeting and when, and its published packs (or --verify a PDF).
    Audit(audit::AuditArgs),
    /// Convert a Word file to AgendaPack's Markdown without a database (--json: with cover fields and pictures).
    Docx(docx::DocxArgs),
    /// A meeting's reports: `report import` sets an item's report from a Word file; `report status` sets its status.
    Report {
        #[command(subcommand)]
        command: docx::ReportCommand,
    },
    /// Report clearance: a committee's sign-off route, and submit, approve, return and status of a report.
    Clearance(clearance::ClearanceArgs),
    /// E-mail reminders: `send` (each owed reminder once), `smtp` (the mail server), `email` (an account's address).
    Reminders(reminders::RemindersArgs),
    /// A report's appendices: `appendix add` adds a Word file or a PDF.
    Appendix {
        #[command(subcommand)]
        command: docx::AppendixCommand,
    },
}

/// Which edition of a pack to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EditionArg {
    Public,
    Full,
}

/// A failed command: one plain sentence for the user.
#[derive(Debug)]
pub struct CliError(pub String);

impl<E: std::fmt::Display> From<E> for CliError {
    fn from(e: E) -> Self {
        CliError(e.to_string())
    }
}

pub type CliResult = Result<(), CliError>;

pub fn main() -> ExitCode {
    crate::allocator::install();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints its own help/usage; --help and --version are not failures.
            let failed = e.use_stderr();
            let _ = e.print();
            return if failed { ExitCode::from(1) } else { ExitCode::SUCCESS };
        }
    };
    if !matches!(cli.command, Command::Serve(_) | Command::Server(_)) {
        pipe::end_quietly_on_closed_pipe();
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError(message)) => {
            eprintln!("agendapack: {message}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> CliResult {
    match cli.command {
        Command::Init { demo } => init::run(cli.db.as_deref(), demo),
        Command::Committees(args) => committees::run(cli.db.as_deref(), &args),
        Command::Meetings { json } => meetings::run(cli.db.as_deref(), json),
        Command::Build(args) => build::run(cli.db.as_deref(), &args),
        Command::Export { meeting, out } => exchange::export(cli.db.as_deref(), meeting, out.as_deref()),
        Command::Import { file } => exchange::import(cli.db.as_deref(), &file),
        Command::Render(args) => render::run(&args),
        Command::Serve(args) => serve::run(cli.db.as_deref(), &args),
        Command::Server(args) => server::run(cli.db.as_deref(), &args),
        Command::User(args) => user::run(cli.db.as_deref(), &args),
        Command::Deadlines(args) => deadlines::run(cli.db.as_deref(), &args),
        Command::Holidays { command } => deadlines::holidays(cli.db.as_deref(), &command),
        Command::Minutes(args) => minutes::minutes(cli.db.as_deref(), &args),
        Command::Actions(args) => minutes::actions(cli.db.as_deref(), &args),
        Command::Tracker(args) => programme::tracker(cli.db.as_deref(), &args),
        Command::Programme(args) => programme::programme(cli.db.as_deref(), &args),
        Command::ForwardPlan(args) => programme::forward_plan(cli.db.as_deref(), &args),
        Command::Backup(args) => backup::backup(cli.db.as_deref(), &args),
        Command::Restore(args) => backup::restore(cli.db.as_deref(), &args),
        Command::Audit(args) => audit::run(cli.db.as_deref(), &args),
        Command::Docx(args) => docx::convert(&args),
        Command::Report { command } => docx::report(cli.db.as_deref(), &command),
        Command::Appendix { command } => docx::appendix(cli.db.as_deref(), &command),
        Command::Clearance(args) => clearance::run(cli.db.as_deref(), &args),
        Command::Reminders(args) => reminders::run(cli.db.as_deref(), &args),
    }
}
