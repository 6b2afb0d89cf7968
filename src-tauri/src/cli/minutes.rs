//! `agendapack minutes --meeting ID --out FILE.pdf [--edition public|full]`: a meeting's minutes
//! printed alone; and `agendapack actions [--json] [--today DATE] [--open]`: the actions agreed
//! in every meeting's minutes, with their state (overdue, due, open, done) on a day.
//!
//! "Today" is read from the clock here, at the edge, unless --today gives it. Deliberately not
//! here: how minutes are printed (pack crate) or stored (store crate).

use std::io::Write;
use std::path::{Path, PathBuf};

use agendapack_model::ActionState;
use agendapack_pack::minutes_pdf::{minutes_pdf, MinutesPdfOptions};
use agendapack_pack::Edition;
use agendapack_store::edit::ActionRow;
use chrono::NaiveDate;
use clap::Args;

use super::{db, CliError, CliResult, EditionArg};

#[derive(Debug, Args)]
pub struct MinutesArgs {
    /// The meeting whose minutes to print.
    #[arg(long)]
    pub meeting: i64,
    /// The public edition leaves out exempt and confidential minutes.
    #[arg(long, value_enum, default_value = "public")]
    pub edition: EditionArg,
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct ActionsArgs {
    #[arg(long)]
    pub json: bool,
    /// The day against which actions are due or overdue (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,
    /// Leave out actions that are done.
    #[arg(long)]
    pub open: bool,
}

pub fn minutes(db_path: Option<&Path>, args: &MinutesArgs) -> CliResult {
    let store = db::open(db_path)?;
    let detail = store.minutes_detail(args.meeting)?;
    let Some(minutes) = &detail.minutes else {
        return Err(CliError(format!("meeting {} has no minutes yet; start them in the app first", args.meeting)));
    };
    let bundle = store.load_bundle(agendapack_store::MeetingId(args.meeting))?;
    let edition = match args.edition {
        EditionArg::Public => Edition::Public,
        EditionArg::Full => Edition::Full,
    };
    let printed = minutes_pdf(&detail.committee, &bundle.meeting, minutes, &MinutesPdfOptions::new(edition))?;
    write_atomically(&args.out, &printed.pdf)?;
    println!("{}: minutes {} of {}, {}", args.out.display(), describe_numbers(minutes), detail.committee, super::plural::plural(printed.pages, "page"));
    for warning in &printed.warnings {
        println!("  {warning}");
    }
    Ok(())
}

fn describe_numbers(minutes: &agendapack_model::Minutes) -> String {
    match (minutes.entries.first(), minutes.entries.last()) {
        (Some(first), Some(last)) if first.number != last.number => format!("{} - {}", first.number, last.number),
        (Some(one), _) => one.number.to_string(),
        _ => "(none)".into(),
    }
}

/// Same pattern as `build`: a temporary file beside the target, then a rename, so a reader never
/// sees half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "minutes.pdf".into());
    let temp = folder.join(format!(".{name}.{}.part", std::process::id()));
    let written = std::fs::File::create(&temp)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()))
        .and_then(|()| std::fs::rename(&temp, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(CliError(format!("cannot write {}: {e}", path.display())));
    }
    Ok(())
}

pub fn actions(db_path: Option<&Path>, args: &ActionsArgs) -> CliResult {
    let store = db::open(db_path)?;
    let today = args.today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let rows: Vec<ActionRow> =
        store.actions(today)?.into_iter().filter(|r| !(args.open && r.state == ActionState::Done)).collect();
    if args.json {
        let text = serde_json::to_string_pretty(&rows).map_err(|e| CliError(format!("cannot write JSON: {e}")))?;
        println!("{text}");
    } else if rows.is_empty() {
        println!("No actions recorded in any minutes.");
    } else {
        print!("{}", table(&rows));
    }
    Ok(())
}

fn state_word(state: ActionState) -> &'static str {
    match state {
        ActionState::Overdue => "OVERDUE",
        ActionState::Due => "due today",
        ActionState::Open => "open",
        ActionState::Done => "done",
    }
}

fn table(rows: &[ActionRow]) -> String {
    let mut lines = vec![["STATE", "DUE", "OWNER", "ACTION", "MINUTE"].map(String::from).to_vec()];
    for r in rows {
        lines.push(vec![
            state_word(r.state).to_string(),
            r.action.due.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "-".into()),
            r.action.owner.clone(),
            r.action.text.clone(),
            // The log is for officers; a restricted minute's action is marked so it is not read out.
            format!(
                "{} {} minute {}{}",
                r.committee,
                r.meeting_date.format("%Y-%m-%d"),
                r.minute_number,
                if r.restricted { " (exempt)" } else { "" }
            ),
        ]);
    }
    let widths: Vec<usize> = (0..lines[0].len()).map(|c| lines.iter().map(|r| r[c].chars().count()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for line in lines {
        let cells: Vec<String> = line.iter().zip(&widths).map(|(cell, w)| format!("{cell:<w$}")).collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}
