//! `agendapack build`: a meeting's agenda pack as PDF. Loads the meeting from the store, builds
//! the pack (`agendapack_pack::build`), writes it atomically (a temporary file in the same
//! folder, then a rename, so a reader never sees half a pack and a failed build leaves the
//! previous file alone), and prints a short summary.
//!
//! Building a public main pack after the meeting's latest statutory publication date, or with
//! a key-decision report lacking 28 clear days' notice, warns on stderr and records the
//! warning in the database (`Store::build_checks`).
//!
//! Deliberately not here: anything about how the pack is made.

use std::io::Write;
use std::path::{Path, PathBuf};

use agendapack_pack::{build, BuiltPack, Edition, PackOptions};
use agendapack_store::MeetingId;
use clap::Args;

use super::{db, CliError, CliResult, EditionArg};

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The meeting (an id from `agendapack meetings`); default: the demo meeting.
    #[arg(long)]
    pub meeting: Option<i64>,
    #[arg(long, value_enum, default_value = "public")]
    pub edition: EditionArg,
    /// Build the supplementary agenda (items marked supplementary) instead of the main pack.
    #[arg(long)]
    pub supplement: bool,
    /// Mark every page DRAFT.
    #[arg(long)]
    pub draft: bool,
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
}

pub fn run(db_path: Option<&Path>, args: &BuildArgs) -> CliResult {
    let mut store = db::open(db_path)?;
    let id = match args.meeting {
        Some(id) => MeetingId(id),
        None => store.demo_meeting_id()?.ok_or_else(|| {
            CliError("no meeting was given and the database has no demo meeting; pass --meeting ID".into())
        })?,
    };
    let bundle = store.load_bundle(id)?;
    let options = PackOptions {
        edition: match args.edition {
            EditionArg::Public => Edition::Public,
            EditionArg::Full => Edition::Full,
        },
        supplement: args.supplement,
        draft: args.draft,
    };
    let pack = build(&bundle, &options)?;
    write_atomically(&args.out, &pack.pdf)?;
    // Deadline checks (issue 6): the clock is read here, at the edge, and passed down.
    let now = chrono::Local::now().naive_local();
    let public = options.edition == Edition::Public;
    let late = store.build_checks(id.0, now.date(), public, args.supplement)?;
    if !late.is_empty() {
        let edition = if public { "public" } else { "full" };
        store.build_warnings_record(id.0, now, edition, &late)?;
        for warning in &late {
            eprintln!("agendapack: warning: {warning}");
        }
    }
    // Recorded with its SHA-256 so the file can be proven later (`agendapack audit --verify`).
    store.record_publication(id.0, &format!("{:?}", options.edition).to_lowercase(), &args.out.display().to_string(), &pack.pdf, chrono::Utc::now().naive_utc())?;
    print_summary(&args.out, &pack);
    Ok(())
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let shown = path.display();
    let folder = match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(folder) => folder.to_path_buf(),
        None => PathBuf::from("."),
    };
    if !folder.is_dir() {
        return Err(CliError(format!("cannot write {shown}: the folder {} does not exist", folder.display())));
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "pack.pdf".into());
    // Hidden, in the same folder (so the rename cannot cross file systems), and unique to this
    // process so that two builds cannot write into each other's temporary file.
    let temp = folder.join(format!(".{name}.{}.part", std::process::id()));
    let written = std::fs::File::create(&temp)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()))
        .and_then(|()| std::fs::rename(&temp, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(CliError(format!("cannot write {shown}: {e}")));
    }
    Ok(())
}

fn print_summary(path: &Path, pack: &BuiltPack) {
    println!("{}: {}, {} KB", path.display(), super::plural::plural(pack.pages, "page"), pack.pdf.len().div_ceil(1024));
    for range in &pack.ranges {
        let number = range.number.map(|n| format!("{n}. ")).unwrap_or_default();
        println!("  {number}{} (Pages {} - {})", range.title, range.first, range.last);
    }
    if !pack.warnings.is_empty() {
        println!("{} in the papers:", super::plural::plural(pack.warnings.len(), "warning"));
        for warning in pack.warnings.iter().take(20) {
            println!("  {warning}");
        }
        if pack.warnings.len() > 20 {
            println!("  ... and {} more", pack.warnings.len() - 20);
        }
    }
}
