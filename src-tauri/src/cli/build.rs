//! `agendapack build`: a meeting's agenda pack as PDF. Checks that the database and the output
//! folder can be written, loads the meeting from the store, builds the pack
//! (`agendapack_pack::build`), records the publication, and writes the file atomically
//! (`crate::atomic_file`: a reader never sees half a pack, a failure leaves the previous file
//! alone, a full disk is named), and prints a short summary. The file is written under a
//! hidden name while the publication is recorded, and takes its own name only after the
//! record is made, so a database that cannot record leaves no unrecorded PDF behind (issue 14).
//!
//! Building a public main pack after the meeting's latest statutory publication date, or with
//! a key-decision report lacking 28 clear days' notice, warns on stderr and records the
//! warning in the database (`Store::build_checks`).
//!
//! Deliberately not here: anything about how the pack is made.

use std::path::{Path, PathBuf};

use agendapack_pack::{build, BuiltPack, Edition, PackOptions};
use agendapack_store::MeetingId;
use clap::Args;

use super::{db, CliError, CliResult, EditionArg};
use crate::atomic_file;

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
    // Read while the database is opened and checked.
    agendapack_pack::prepare_fonts();
    let mut store = db::open(db_path)?;
    // Both checks come before the build, so a refused build costs nothing and leaves nothing.
    if let Some(path) = store.path() {
        db::check_writable(path)?;
    }
    atomic_file::check_writable(&args.out).map_err(|e| CliError(e.to_string()))?;
    let id = match args.meeting {
        Some(id) => MeetingId(id),
        None => store.demo_meeting_id()?.ok_or_else(|| {
            CliError("no meeting was given and the database has no demo meeting; pass --meeting ID".into())
        })?,
    };
    // The public edition loads no picture of a restricted paper (defence in depth: its
    // planner already leaves those papers out).
    let bundle = match args.edition {
        EditionArg::Public => store.load_bundle_for_public(id)?,
        EditionArg::Full => store.load_bundle(id)?,
    };
    let options = PackOptions {
        edition: match args.edition {
            EditionArg::Public => Edition::Public,
            EditionArg::Full => Edition::Full,
        },
        supplement: args.supplement,
        draft: args.draft,
    };
    let pack = build(&bundle, &options)?;
    // The file is written and flushed (not yet in place) while the build is checked and
    // recorded; it takes its name only once the publication is recorded.
    let (recorded, staged) = std::thread::scope(|scope| {
        let staging = scope.spawn(|| atomic_file::stage(&args.out, &pack.pdf));
        let recorded = check_and_record(&mut store, id, &options, args, &pack);
        (recorded, staging.join())
    });
    let staged = staged.map_err(|_| CliError(format!("cannot write {}: the writing thread failed", args.out.display())))?;
    // A failed record drops the staged file (removing it) before the error is reported.
    recorded?;
    staged.and_then(atomic_file::Staged::commit).map_err(|e| CliError(e.to_string()))?;
    print_summary(&args.out, &pack);
    Ok(())
}

/// The deadline checks of a public build (issue 6), warned about and recorded, then the
/// publication itself with the file's SHA-256, so it can be proven later (`agendapack audit
/// --verify`).
fn check_and_record(store: &mut agendapack_store::Store, id: MeetingId, options: &PackOptions, args: &BuildArgs, pack: &BuiltPack) -> CliResult {
    // The clock is read here, at the edge, and passed down.
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
    store.record_publication(id.0, &format!("{:?}", options.edition).to_lowercase(), &args.out.display().to_string(), &pack.pdf, chrono::Utc::now().naive_utc())?;
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
