//! `agendapack deadlines` and `agendapack holidays`: when a meeting's papers are due, from the
//! working-day calendar of the council's nation (`agendapack_deadlines`) and the store's rules.
//! - `--date YYYY-MM-DD [--nation N]`: for a meeting that need not exist yet. With a database
//!   (`--db`, or the default one when it already exists; this never creates one) the council's
//!   calendar counts (imported bank holidays, closure days, deadline settings), so the date is
//!   the one the app shows; without one, the shipped bank holidays and default settings. Which
//!   calendar was used is said on stderr ("Calendar: ...") and in each JSON row (`calendar`).
//! - `--meeting ID`: every deadline of a stored meeting (statutory publication, the committee's
//!   local rules per report, key-decision notices, after the meeting) with its status against
//!   today; `--ics FILE` writes them as an iCalendar file; `--mark-late ITEM --reason TEXT`
//!   makes a late item supplementary with its s100B(4)(b) urgency reason.
//! - `--upcoming [--author NAME]`: the dashboard across meetings, overdue first.
//! - `holidays import FILE`: store a newer government bank-holiday file (refused whole, with
//!   the reason, if it is not valid); `holidays close DATE` / `reopen DATE`: closure days.
//!
//! "Today" is read from the clock here, at the edge, or given with `--today` so answers can be
//! reproduced. `--bank-holidays FILE.json` lays a newer file over the data for one answer. With
//! `--json`, a list of objects with at least `kind`, `date`, `time`, `rule` and `status`.

use std::path::{Path, PathBuf};

use agendapack_deadlines::calendar::parse_iso_date;
use agendapack_deadlines::{statutory_publication, BankHolidays, DeadlineSettings, StatutoryRule, WorkingCalendar};
use agendapack_model::Nation;
use agendapack_store::Store;
use agendapack_store::edit::{ClosureDay, DeadlineRow};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde::Serialize;

use super::{db, CliError, CliResult};

#[derive(Debug, Args)]
pub struct DeadlinesArgs {
    /// The day of a meeting (need not exist yet): when must its papers be published?
    #[arg(long, value_name = "YYYY-MM-DD", conflicts_with_all = ["meeting", "upcoming"], required_unless_present_any = ["meeting", "upcoming"])]
    pub date: Option<String>,
    /// With --date: england, wales, scotland or northern-ireland (default: the database's
    /// council's nation, or england without a database).
    #[arg(long, value_name = "NATION", requires = "date")]
    pub nation: Option<String>,
    /// A stored meeting (an id from `agendapack meetings`).
    #[arg(long, conflicts_with = "upcoming")]
    pub meeting: Option<i64>,
    /// Every open deadline of the coming meetings, overdue first.
    #[arg(long)]
    pub upcoming: bool,
    /// With --upcoming: only the reports whose author's name contains this.
    #[arg(long, requires = "upcoming")]
    pub author: Option<String>,
    /// The day statuses are judged on (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// With --meeting: also write the deadlines as an iCalendar file.
    #[arg(long, value_name = "FILE.ics", requires = "meeting")]
    pub ics: Option<PathBuf>,
    /// With --meeting: mark this agenda item (its id) late and supplementary; needs --reason.
    #[arg(long, value_name = "ITEM", requires_all = ["meeting", "reason"])]
    pub mark_late: Option<i64>,
    /// The special circumstances that make the late item urgent (s100B(4)(b)).
    #[arg(long, requires = "mark_late")]
    pub reason: Option<String>,
    /// A newer bank-holiday file in the government's JSON format, laid over the data for this
    /// answer only (refused whole, with the reason, if it is not valid).
    #[arg(long, value_name = "FILE.json")]
    pub bank_holidays: Option<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum HolidaysCommand {
    /// Store a newer bank-holiday file (the government's JSON) over the shipped data.
    Import {
        #[arg(value_name = "FILE.json")]
        file: PathBuf,
    },
    /// Add a council closure day (not a working day), e.g. 2020-12-29.
    Close {
        #[arg(value_name = "YYYY-MM-DD")]
        date: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Remove a council closure day.
    Reopen {
        #[arg(value_name = "YYYY-MM-DD")]
        date: String,
    },
    /// List the council's closure days.
    Closures,
}

/// A row of the `--date` answer; also its JSON form.
#[derive(Debug, Serialize)]
struct DateRow {
    kind: &'static str,
    date: String,
    time: Option<String>,
    rule: String,
    status: &'static str,
    detail: String,
    /// Which calendar counted the days (the council's, or the shipped one).
    calendar: String,
}

fn date_arg(text: &str) -> Result<NaiveDate, CliError> {
    parse_iso_date(text).ok_or_else(|| CliError(format!("\"{text}\" is not a date of the form YYYY-MM-DD")))
}

fn today(args: &DeadlinesArgs) -> Result<NaiveDate, CliError> {
    match &args.today {
        Some(text) => date_arg(text),
        // The clock is read here, at the edge of the program, and passed down.
        None => Ok(chrono::Local::now().date_naive()),
    }
}

fn read_holidays(path: &Path) -> Result<BankHolidays, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError(format!("cannot read the bank-holiday file {}: {e}", path.display())))?;
    BankHolidays::from_json(&text).map_err(|e| CliError(format!("{} was refused: {e}", path.display())))
}

fn long_date(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

pub fn run(db_path: Option<&Path>, args: &DeadlinesArgs) -> CliResult {
    let overlay = args.bank_holidays.as_deref().map(read_holidays).transpose()?;
    if let Some(date) = &args.date {
        return for_date(db_path, date, args.nation.as_deref(), overlay.as_ref(), args.json);
    }
    let today = today(args)?;
    let mut store = db::open(db_path)?;
    let (heading, rows) = if args.upcoming {
        let rows = store.upcoming_deadlines(today, args.author.as_deref())?;
        let whose = args.author.as_deref().map(|a| format!(" of {a}'s reports")).unwrap_or_default();
        (format!("Deadlines{whose} as at {}, overdue first:", long_date(today)), rows)
    } else {
        let id = args.meeting.ok_or_else(|| CliError("give --date YYYY-MM-DD, --meeting ID or --upcoming".into()))?;
        if let (Some(item), Some(reason)) = (args.mark_late, &args.reason) {
            store.item_mark_late(item, reason)?;
            eprintln!("Item {item} is now supplementary; the urgency reason will print on the supplement's front sheet.");
        }
        let rows = match &overlay {
            Some(newer) => store.meeting_deadlines_with_holidays(id, today, newer)?,
            None => store.meeting_deadlines(id, today)?,
        };
        if let Some(path) = &args.ics {
            let text = store.meeting_deadlines_ics(id, today)?;
            std::fs::write(path, text).map_err(|e| CliError(format!("cannot write {}: {e}", path.display())))?;
            eprintln!("Wrote {} to {}.", super::plural::plural(rows.len(), "deadline"), path.display());
        }
        let heading = match rows.first() {
            Some(row) => format!("{}, {} (as at {}):", row.committee, long_date(row.meeting_date), long_date(today)),
            None => format!("Meeting {id}:"),
        };
        (heading, rows)
    };
    if args.json {
        let text = serde_json::to_string_pretty(&rows).map_err(|e| CliError(format!("cannot write JSON: {e}")))?;
        println!("{text}");
    } else {
        println!("{heading}");
        print_rows(&rows, args.upcoming);
    }
    Ok(())
}

fn print_rows(rows: &[DeadlineRow], with_meeting: bool) {
    if rows.is_empty() {
        println!("  (no deadlines)");
    }
    for row in rows {
        let time = row.time.as_deref().map(|t| format!(" by {t}")).unwrap_or_default();
        let item = row.item.as_deref().map(|i| format!(" ({i})")).unwrap_or_default();
        let meeting = if with_meeting { format!("{}, {}: ", row.committee, row.meeting_date.format("%-d %B %Y")) } else { String::new() };
        let late = if row.late { " LATE" } else { "" };
        println!("  [{}]{late} {meeting}{}{item}: {}{time} - {}", row.rag, row.label, long_date(row.date), row.detail);
        println!("    rule: {}", row.rule);
        if let Some(reason) = &row.override_reason {
            println!("    set by hand: {reason}");
        }
        if let Some(proposal) = &row.proposal {
            println!("    proposed: {proposal} (agendapack deadlines --meeting {} --mark-late {} --reason TEXT)", row.meeting_id, row.item_id.unwrap_or_default());
        }
    }
}

/// The database `--date` reads, if there is one: `--db` must exist; the default one is used
/// only when it already exists. Never creates a database (a question about a date should leave
/// no file behind).
fn existing_store(db_path: Option<&Path>) -> Result<Option<Store>, CliError> {
    let path = match db_path {
        Some(path) if path.exists() => path.to_path_buf(),
        Some(path) => return Err(CliError(format!("there is no database at {}", path.display()))),
        None => match agendapack_store::default_path() {
            Ok(path) if path.exists() => path,
            _ => return Ok(None),
        },
    };
    Ok(Some(Store::open(&path)?))
}

fn for_date(db_path: Option<&Path>, date: &str, nation: Option<&str>, overlay: Option<&BankHolidays>, json: bool) -> CliResult {
    let meeting = date_arg(date)?;
    let nation = nation
        .map(|text| {
            Nation::parse(text).ok_or_else(|| {
                CliError(format!("unknown nation \"{}\" (expected england, wales, scotland or northern-ireland)", text.chars().take(40).collect::<String>()))
            })
        })
        .transpose()?;
    let (nation, cal, settings, calendar) = match existing_store(db_path)? {
        Some(store) => {
            let council = store.council_calendar(nation, overlay)?;
            (council.nation, council.calendar, council.settings, format!("the council's: {}", council.description))
        }
        None => {
            let nation = nation.unwrap_or(Nation::England);
            let mut holidays = BankHolidays::shipped()?;
            if let Some(newer) = overlay {
                holidays = holidays.updated_with(newer);
            }
            let given = if overlay.is_some() { " with the given file" } else { "" };
            let calendar = format!("shipped {} bank holidays{given}, no closure days, default deadline settings (no database)", nation.as_str());
            (nation, WorkingCalendar::new(nation.into(), &holidays, Vec::new()), DeadlineSettings::default(), calendar)
        }
    };
    eprintln!("Calendar: {calendar}");
    let deadline = statutory_publication(meeting, &StatutoryRule::for_council(nation, &settings), &cal)?;
    let row = DateRow {
        kind: deadline.kind.as_str(),
        date: deadline.date.format("%Y-%m-%d").to_string(),
        time: None,
        rule: deadline.rule.clone(),
        status: "due",
        detail: format!("publish on or before {}", long_date(deadline.date)),
        calendar,
    };
    if json {
        let text = serde_json::to_string_pretty(&[row]).map_err(|e| CliError(format!("cannot write JSON: {e}")))?;
        println!("{text}");
    } else {
        println!("A meeting on {} ({}):", long_date(meeting), nation.as_str());
        println!("  {}: {} - {}", row.kind, long_date(deadline.date), row.detail);
        println!("    rule: {}", row.rule);
    }
    Ok(())
}

pub fn holidays(db_path: Option<&Path>, command: &HolidaysCommand) -> CliResult {
    let mut store = db::open(db_path)?;
    match command {
        HolidaysCommand::Import { file } => {
            let text = std::fs::read_to_string(file)
                .map_err(|e| CliError(format!("cannot read the bank-holiday file {}: {e}", file.display())))?;
            let source = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let done = store.bank_holidays_import(&text, &source, chrono::Local::now().naive_local())?;
            println!("Imported {}:", file.display());
            for (division, first, last, count) in &done.divisions {
                println!("  {division}: {count} bank holidays, {first} to {last}");
            }
        }
        HolidaysCommand::Close { date, reason } => {
            let mut days = store.closure_days()?;
            days.push(ClosureDay { date: date_arg(date)?, reason: reason.clone() });
            print_closures(&store.closure_days_save(&days)?);
        }
        HolidaysCommand::Reopen { date } => {
            let date = date_arg(date)?;
            let days: Vec<ClosureDay> = store.closure_days()?.into_iter().filter(|d| d.date != date).collect();
            print_closures(&store.closure_days_save(&days)?);
        }
        HolidaysCommand::Closures => print_closures(&store.closure_days()?),
    }
    Ok(())
}

fn print_closures(days: &[ClosureDay]) {
    if days.is_empty() {
        println!("No closure days.");
    }
    for day in days {
        let reason = if day.reason.is_empty() { String::new() } else { format!(" ({})", day.reason) };
        println!("{}{reason}", long_date(day.date));
    }
}
