//! The planning commands: `agendapack tracker` (a recommendation tracker as a PDF "as at" a
//! date, or the list of trackers), `agendapack forward-plan` (the forward plan of key
//! decisions as PDF and CSV, public or full edition) and `agendapack programme` (a committee's
//! work programme). This module does the I/O; the papers are made by agendapack-pack.
//!
//! Deliberately not here: any rule about what the papers contain.

use std::fs;
use std::path::{Path, PathBuf};

use agendapack_pack::standalone::landscape_pdf;
use agendapack_pack::tracker::tracker_paper;
use agendapack_store::Store;
use chrono::NaiveDate;
use clap::Args;

use super::plural::plural;
use super::{db, CliError, CliResult};

#[derive(Debug, Args)]
pub struct TrackerArgs {
    /// The tracker's id (see --list).
    #[arg(long, required_unless_present_any = ["list", "import"])]
    pub id: Option<i64>,
    /// Show progress reported up to this date (YYYY-MM-DD); actions due before it and not
    /// complete are overdue.
    #[arg(long, value_name = "DATE", required_unless_present_any = ["list", "import"])]
    pub as_at: Option<String>,
    #[arg(long, value_name = "FILE.pdf", required_unless_present_any = ["list", "import"])]
    pub out: Option<PathBuf>,
    /// List the trackers instead.
    #[arg(long)]
    pub list: bool,
    /// Store a new tracker from a JSON file (the form of assets/demo/trackers/*.json), then
    /// list the trackers.
    #[arg(long, value_name = "FILE.json", conflicts_with_all = ["id", "as_at", "out"])]
    pub import: Option<PathBuf>,
}

pub(crate) fn parse_date(flag: &str, text: &str) -> Result<NaiveDate, CliError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| CliError(format!("{flag} must be a date written YYYY-MM-DD, not {text:?}")))
}

fn write(path: &Path, bytes: &[u8]) -> CliResult {
    fs::write(path, bytes).map_err(|e| CliError(format!("could not write {}: {e}", path.display())))
}

/// Stores the demo trackers that are not yet in the database (matched by title), so that
/// `init --demo` on a new or an older demo database ends with both seed trackers.
pub(crate) fn load_demo_trackers(store: &mut Store) -> Result<usize, CliError> {
    let trackers = agendapack_demo::trackers().map_err(|e| CliError(format!("the demo trackers could not be read: {e}")))?;
    let mut added = 0;
    for tracker in &trackers {
        if store.tracker_by_title(&tracker.title)?.is_none() {
            store.tracker_create(tracker).map_err(|e| CliError(format!("the demo tracker could not be stored: {e}")))?;
            added += 1;
        }
    }
    Ok(added)
}

/// Turns the demo committees' imported work programmes into planned items (once per
/// committee: one that already has planned items is left alone).
pub(crate) fn adopt_demo_programmes(store: &mut Store) -> Result<(), CliError> {
    let names: Vec<String> = agendapack_demo::bundles().iter().map(|b| b.committee.name.clone()).collect();
    for committee in store.committees()? {
        if names.contains(&committee.name) {
            store.programme_adopt_imported(committee.id, NaiveDate::MIN)?;
        }
    }
    Ok(())
}

pub fn tracker(db_path: Option<&Path>, args: &TrackerArgs) -> CliResult {
    let mut store = db::open(db_path)?;
    if let Some(file) = &args.import {
        let text = fs::read_to_string(file).map_err(|e| CliError(format!("could not read {}: {e}", file.display())))?;
        let tracker: agendapack_model::Tracker = serde_json::from_str(&text)
            .map_err(|e| CliError(format!("{} is not a tracker: {e}", file.display())))?;
        let id = store.tracker_create(&tracker)?;
        println!("stored tracker {id}: {} ({}, {})", tracker.title, plural(tracker.recommendations.len(), "recommendation"), plural(tracker.action_count(), "action"));
        return Ok(());
    }
    if args.list {
        for row in store.trackers()? {
            println!("{:>4}  {}  ({}, {})", row.id, row.title, plural(row.recommendations, "recommendation"), plural(row.actions, "action"));
        }
        return Ok(());
    }
    let (Some(id), Some(as_at), Some(out)) = (args.id, args.as_at.as_deref(), args.out.as_deref()) else {
        return Err(CliError("give --id, --as-at and --out, or --list".into()));
    };
    let as_at = parse_date("--as-at", as_at)?;
    let tracker = store.tracker_detail(id)?.tracker();
    let (document, summary) = tracker_paper(&tracker, as_at);
    let pdf = landscape_pdf(&document, None)?;
    write(out, &pdf.pdf)?;
    println!(
        "wrote {} ({} pages): {} recommendations, {} actions, {} complete, {} overdue as at {}",
        out.display(),
        pdf.pages,
        summary.recommendations,
        summary.actions,
        summary.complete,
        summary.overdue,
        as_at
    );
    Ok(())
}

#[derive(Debug, Args)]
pub struct ForwardPlanArgs {
    /// Write the plan as PDF.
    #[arg(long, value_name = "FILE.pdf")]
    pub out: Option<PathBuf>,
    /// Write the plan as CSV.
    #[arg(long, value_name = "FILE.csv")]
    pub csv: Option<PathBuf>,
    /// public (default): without exempt details; full: for members and officers.
    #[arg(long, value_enum, default_value = "public")]
    pub edition: super::EditionArg,
    /// Save the entries of a JSON file (an array of forward plan entries) first; an entry
    /// with a stored reference replaces it.
    #[arg(long, value_name = "FILE.json")]
    pub import: Option<PathBuf>,
    /// The day the plan is checked and published on (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

pub fn forward_plan(db_path: Option<&Path>, args: &ForwardPlanArgs) -> CliResult {
    use agendapack_model::ForwardPlanEntry;
    use agendapack_pack::forward_plan::{check_all, forward_plan_csv, forward_plan_paper, NoticeRule};
    use agendapack_pack::Edition;

    let mut store = db::open(db_path)?;
    if let Some(file) = &args.import {
        let text = fs::read_to_string(file).map_err(|e| CliError(format!("could not read {}: {e}", file.display())))?;
        let entries: Vec<ForwardPlanEntry> = serde_json::from_str(&text)
            .map_err(|e| CliError(format!("{} is not a list of forward plan entries: {e}", file.display())))?;
        for entry in &entries {
            store.forward_plan_save(entry).map_err(|e| CliError(format!("key decision {:?}: {e}", entry.reference)))?;
        }
        println!("saved {} key decisions from {}", entries.len(), file.display());
    }
    let today = match &args.today {
        Some(text) => parse_date("--today", text)?,
        // The command line is the boundary where "today" is read; the check itself takes it.
        None => chrono::Local::now().date_naive(),
    };
    let entries: Vec<ForwardPlanEntry> = store.forward_plan()?.into_iter().map(|r| r.entry).collect();
    let calendar = store.working_calendar()?;
    let checks = check_all(&entries, NoticeRule::for_council(&store.deadline_settings()?), &calendar, today)?;
    let edition = match args.edition {
        super::EditionArg::Public => Edition::Public,
        super::EditionArg::Full => Edition::Full,
    };
    let title = match store.council() {
        Ok(council) => format!("{}: Forward Plan of Key Decisions", council.name),
        Err(_) => "Forward Plan of Key Decisions".to_string(),
    };
    if let Some(out) = &args.out {
        let document = forward_plan_paper(&title, &entries, &checks, edition, today);
        let pdf = landscape_pdf(&document, None)?;
        write(out, &pdf.pdf)?;
        println!("wrote {} ({}, {})", out.display(), plural(pdf.pages, "page"), plural(entries.len(), "key decision"));
    }
    if let Some(csv) = &args.csv {
        write(csv, forward_plan_csv(&entries, &checks, edition).as_bytes())?;
        println!("wrote {} ({} key decisions)", csv.display(), entries.len());
    }
    if args.out.is_none() && args.csv.is_none() {
        for (entry, check) in entries.iter().zip(&checks) {
            let flag = if check.flagged() { "  LATE" } else { "" };
            println!("{:<12} {}  {}: {}{flag}", entry.reference, entry.when.printed(), entry.decision_maker, check.describe());
        }
    }
    let flagged = checks.iter().filter(|c| c.flagged()).count();
    if flagged > 0 {
        eprintln!("warning: {flagged} key decision(s) without the 28 clear days' notice or a recorded exception");
    }
    Ok(())
}

#[derive(Debug, Args)]
pub struct ProgrammeArgs {
    /// The committee's id.
    #[arg(long)]
    pub committee: i64,
    /// Only meetings on or after this date (YYYY-MM-DD); default: the whole programme.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Print the board as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn programme(db_path: Option<&Path>, args: &ProgrammeArgs) -> CliResult {
    let store = db::open(db_path)?;
    if !store.committees()?.iter().any(|c| c.id == args.committee) {
        return Err(CliError(format!("there is no committee with id {}", args.committee)));
    }
    let from = match &args.from {
        Some(text) => parse_date("--from", text)?,
        None => NaiveDate::MIN,
    };
    let board = store.programme_board(args.committee, from)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&board)?);
        return Ok(());
    }
    for column in &board.columns {
        let mut head = column.date.format("%-d %B %Y").to_string();
        if !column.label.is_empty() {
            head = format!("{head} ({})", column.label);
        }
        if column.provisional {
            head = format!("{head} [provisional: deadlines TBC]");
        }
        println!("{head}");
        println!("  clearance: {}  final report: {}", or_dash(&column.clearance_deadline), or_dash(&column.final_report_deadline));
        for item in &column.items {
            let title = item.input.title.lines().next().unwrap_or_default();
            println!("  [{}] #{} {title} ({})", item.status.as_str(), item.id, or_dash(&item.input.officers));
        }
    }
    for item in &board.deferred {
        println!("deferred: #{} {}", item.id, item.input.title.lines().next().unwrap_or_default());
    }
    Ok(())
}

fn or_dash(text: &str) -> &str {
    if text.is_empty() {
        "-"
    } else {
        text
    }
}
