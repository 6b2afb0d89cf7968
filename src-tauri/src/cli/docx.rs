//! `agendapack docx FILE.docx [--json]`: a Word file converted without a database (Markdown on
//! stdout, or one JSON object); `agendapack report import` and `agendapack appendix add`: a
//! Word file (or a PDF) into a meeting's report. This module reads the file and prints; the
//! work is `crate::api::docx`.

use std::fs;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::{db, CliError, CliResult};
use crate::api::docx::{appendix_from_docx, docx_convert, report_from_docx};

/// Files larger than this are refused before they are read: a council paper with its
/// pictures is a few MB, and the reader refuses more than this once inflated anyway.
const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Debug, Args)]
pub struct DocxArgs {
    #[arg(value_name = "FILE.docx")]
    pub file: PathBuf,
    /// One JSON object: {"markdown", "cover", "media", "warnings"}.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Set an item's report body, pictures and the cover fields found from a Word file.
    Import {
        #[arg(long)]
        meeting: i64,
        /// The item's printed number.
        #[arg(long)]
        item: u32,
        #[arg(value_name = "FILE.docx")]
        file: PathBuf,
    },
    /// Set an item's report status: draft, submitted, cleared or published (an officer's
    /// change, as the report editor's status list makes it; recorded in its status history).
    Status {
        #[arg(long)]
        meeting: i64,
        /// The item's printed number.
        #[arg(long)]
        item: u32,
        #[arg(value_name = "STATUS")]
        status: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AppendixCommand {
    /// Add a Word file (as Markdown) or a PDF as an appendix of an item's report.
    Add {
        #[arg(long)]
        meeting: i64,
        #[arg(long)]
        item: u32,
        #[arg(value_name = "FILE.docx|FILE.pdf")]
        file: PathBuf,
        #[arg(long)]
        title: Option<String>,
    },
}

fn read(path: &Path) -> Result<Vec<u8>, CliError> {
    let shown = path.display();
    let size = fs::metadata(path).map_err(|e| CliError(format!("could not read {shown}: {}.", plain_io(&e))))?.len();
    if size > MAX_FILE_BYTES {
        return Err(CliError(format!("{shown} is larger than the {} MB a paper may be.", MAX_FILE_BYTES / (1024 * 1024))));
    }
    fs::read(path).map_err(|e| CliError(format!("could not read {shown}: {}.", plain_io(&e))))
}

fn plain_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// The message of a refused Word file, naming the file.
fn refused(path: &Path, message: &str) -> CliError {
    let sentence = message.trim_end_matches('.');
    // The reader's sentence continues ours: "X cannot be used: the file is not ...".
    let mut chars = sentence.chars();
    let lowered = match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => first.to_lowercase().chain(sentence.chars().skip(1)).collect(),
        _ => sentence.to_owned(),
    };
    let sentence = lowered.as_str();
    CliError(format!("{} cannot be used: {sentence}.", path.display()))
}

pub fn convert(args: &DocxArgs) -> CliResult {
    let bytes = read(&args.file)?;
    let converted = docx_convert(&bytes).map_err(|e| refused(&args.file, &e.message))?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&converted.summary)?);
    } else {
        print!("{}", converted.summary.markdown);
        if !converted.summary.markdown.ends_with('\n') {
            println!();
        }
        for warning in &converted.summary.warnings {
            eprintln!("{}: warning: {warning}", args.file.display());
        }
    }
    Ok(())
}

/// The id and title of meeting `meeting`'s item printed as number `number`.
fn item_of(store: &agendapack_store::Store, meeting: i64, number: u32) -> Result<(i64, String), CliError> {
    let detail = store.meeting_detail(meeting)?;
    detail
        .items
        .iter()
        .find(|i| i.number == Some(number))
        .map(|i| (i.id, i.title.clone()))
        .ok_or_else(|| CliError(format!("meeting {meeting} has no item numbered {number}.")))
}

pub fn report(db_path: Option<&Path>, command: &ReportCommand) -> CliResult {
    let (meeting, item, file) = match command {
        ReportCommand::Import { meeting, item, file } => (meeting, item, file),
        ReportCommand::Status { meeting, item, status } => return report_status(db_path, *meeting, *item, status),
    };
    let bytes = read(file)?;
    let mut store = db::open(db_path)?;
    let (item_id, title) = item_of(&store, *meeting, *item)?;
    let now = chrono::Local::now().naive_local();
    let imported = report_from_docx(&mut store, item_id, &title, &bytes, now).map_err(|e| refused(file, &e.message))?;
    let filled = if imported.filled.is_empty() { "none".to_owned() } else { imported.filled.join(", ") };
    println!("item {item}: report body set from {}; cover fields filled: {filled}; pictures: {}", file.display(), imported.pictures);
    for warning in &imported.warnings {
        println!("warning: {warning}");
    }
    Ok(())
}

/// `report status`: the stored report with only its status changed, through the same save the
/// editor uses (so the status history and the audit trail record it).
fn report_status(db_path: Option<&Path>, meeting: i64, item: u32, status: &str) -> CliResult {
    let Some(status) = agendapack_model::ReportStatus::parse(status) else {
        let shown: String = status.chars().take(40).collect();
        return Err(CliError(format!("{shown:?} is not a report status; use draft, submitted, cleared or published.")));
    };
    let mut store = db::open(db_path)?;
    let (item_id, _) = item_of(&store, meeting, item)?;
    let mut report = store.report_detail(item_id)?.report;
    report.status = status;
    let now = chrono::Local::now().naive_local();
    store.report_save(item_id, &report, now)?;
    println!("item {item}: report status set to {}", status.as_str());
    Ok(())
}

pub fn appendix(db_path: Option<&Path>, command: &AppendixCommand) -> CliResult {
    let AppendixCommand::Add { meeting, item, file, title } = command;
    let bytes = read(file)?;
    let mut store = db::open(db_path)?;
    let (item_id, _) = item_of(&store, *meeting, *item)?;
    let now = chrono::Local::now().naive_local();
    if bytes.starts_with(b"%PDF-") {
        let pages = agendapack_pack::check_attachment(&bytes).map_err(|e| refused(file, &e.to_string()))?;
        let file_name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let pdf = agendapack_store::edit::PdfAttachment {
            title: title.clone().unwrap_or_else(|| file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()),
            access: agendapack_model::Access::Public,
            file_name,
            bytes,
            pages: u32::try_from(pages).unwrap_or(u32::MAX),
        };
        store.appendix_attach_pdf(item_id, &pdf, now)?;
        println!("item {item}: PDF appendix added from {} ({pages} pages)", file.display());
        return Ok(());
    }
    let warnings = appendix_from_docx(&mut store, item_id, title.as_deref(), &bytes, now).map_err(|e| refused(file, &e.message))?;
    println!("item {item}: appendix added from {}", file.display());
    for warning in &warnings {
        println!("warning: {warning}");
    }
    Ok(())
}
