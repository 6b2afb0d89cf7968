//! `agendapack clearance` (issue 19): report clearance from the command line, for the single
//! desk (where the officer records sign-offs on others' behalf) and for tests.
//!
//! - `route --committee ID [--file ROUTE.json] [--json]`: print a committee's route, or set it
//!   from a file holding the steps as the app's `clearance_route_save` takes them
//!   (`[{"name": "Finance", "approvers": [{"account": "sandra", "delegate": "dee"}],
//!   "parallel": false, "due_working_days": 14, "implications_heading": "Financial implications"}]`).
//! - `job-title NAME TITLE`: what the paper prints after the account's name.
//! - `submit|approve|return --meeting ID --item N [--as NAME] [--comment TEXT]`: a report by
//!   its meeting and printed item number, as the other report commands name it. `--as` names
//!   whose action it is (required to approve or return); the history records the desk's user
//!   as having recorded it on their behalf. `submit --late-reason TEXT`: a report handed in
//!   after its final-report deadline becomes a supplementary item with that s100B(4)(b) reason
//!   (without it, a late report is submitted and `deadlines --meeting` proposes marking it).
//! - `status --meeting ID --item N [--json]`: the steps and the history.
//! - `waiting --as NAME [--json]`: the steps waiting for an account.
//! - `due --meeting ID [STEP DATE --reason TEXT | STEP --clear] [--json]`: each step's due date
//!   for a meeting (by rule, and as set by hand), or set one step's date by hand with the
//!   reason (as `deadlines` overrides are), or remove that.
//!
//! Deliberately not here: any rule of clearance (the store decides).

use std::path::{Path, PathBuf};

use agendapack_deadlines::calendar::parse_iso_date;
use agendapack_store::clearance::{Acting, ClearanceState, RouteStep, StepDue};
use agendapack_store::Store;
use clap::{Args, Subcommand};

use super::{db, CliError, CliResult};

#[derive(Debug, Args)]
pub struct ClearanceArgs {
    #[command(subcommand)]
    pub command: ClearanceCommand,
}

/// A report by its meeting and printed item number.
#[derive(Debug, Args)]
pub struct ReportRef {
    #[arg(long)]
    pub meeting: i64,
    /// The item's printed number.
    #[arg(long)]
    pub item: u32,
}

#[derive(Debug, Args)]
pub struct MoveArgs {
    #[command(flatten)]
    pub report: ReportRef,
    /// The account (sign-in name) whose action this is.
    #[arg(long = "as", value_name = "NAME")]
    pub on_behalf_of: Option<String>,
    #[arg(long)]
    pub comment: Option<String>,
    /// Submit only: why a report handed in after its final-report deadline is urgent
    /// (s100B(4)(b)); the item becomes supplementary with it.
    #[arg(long)]
    pub late_reason: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ClearanceCommand {
    /// Print a committee's clearance route, or set it from a JSON file of steps.
    Route {
        #[arg(long)]
        committee: i64,
        #[arg(long, value_name = "ROUTE.json")]
        file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Set the job title printed after an account's name under an implications heading.
    JobTitle { name: String, title: String },
    /// Submit a report into its committee's route (again after a return).
    Submit(MoveArgs),
    /// Approve the step waiting for the account.
    Approve(MoveArgs),
    /// Return the report to its author at the step waiting for the account (needs --comment).
    Return(MoveArgs),
    /// A report's clearance: its steps and history.
    Status {
        #[command(flatten)]
        report: ReportRef,
        #[arg(long)]
        json: bool,
    },
    /// Each step's due date for a meeting, or set one by hand (with --reason) or --clear it.
    Due {
        #[arg(long)]
        meeting: i64,
        /// The step's name in the committee's route ("Finance").
        step: Option<String>,
        #[arg(value_name = "YYYY-MM-DD", requires = "reason", conflicts_with = "clear")]
        date: Option<String>,
        /// Why the date is set by hand.
        #[arg(long, requires = "date")]
        reason: Option<String>,
        /// Remove the date set by hand: the step's rule applies again.
        #[arg(long, requires = "step")]
        clear: bool,
        #[arg(long)]
        json: bool,
    },
    /// The steps waiting for an account.
    Waiting {
        #[arg(long = "as", value_name = "NAME")]
        on_behalf_of: String,
        #[arg(long)]
        json: bool,
    },
}

/// The id of meeting `meeting`'s item printed as number `number`.
fn item_id(store: &Store, report: &ReportRef) -> Result<i64, CliError> {
    let detail = store.meeting_detail(report.meeting)?;
    detail
        .items
        .iter()
        .find(|i| i.number == Some(report.item))
        .map(|i| i.id)
        .ok_or_else(|| CliError(format!("meeting {} has no item numbered {}.", report.meeting, report.item)))
}

fn json_out<T: serde::Serialize>(value: &T) -> CliResult {
    println!("{}", serde_json::to_string_pretty(value).map_err(|e| CliError(format!("the answer could not be written as JSON: {e}.")))?);
    Ok(())
}

fn print_route(steps: &[RouteStep]) {
    if steps.is_empty() {
        println!("no clearance route");
    }
    for (i, step) in steps.iter().enumerate() {
        let approvers: Vec<String> = step
            .approvers
            .iter()
            .map(|a| match &a.delegate {
                Some(d) => format!("{} (delegate {d})", a.account),
                None => a.account.clone(),
            })
            .collect();
        let mut line = format!("{}. {}: {}", i + 1, step.name, approvers.join(", "));
        if step.parallel {
            line.push_str("; with the step before");
        }
        if let Some(n) = step.due_working_days {
            line.push_str(&format!("; due {n} working days before the meeting"));
        }
        if !step.implications_heading.is_empty() {
            line.push_str(&format!("; signs \"{}\"", step.implications_heading));
        }
        println!("{line}");
    }
}

fn print_state(state: &ClearanceState) {
    println!("clearance: {}", state.status.replace('-', " "));
    for step in &state.steps {
        let due = step.due.map(|d| format!(", due {d}")).unwrap_or_default();
        let rag = step.rag.as_deref().map(|r| format!(" [{r}]")).unwrap_or_default();
        println!("  {}. {}: {}{due}{rag}", step.position + 1, step.name, step.state);
    }
    for event in &state.history {
        let said = if event.comment.is_empty() { String::new() } else { format!(": \"{}\"", event.comment) };
        println!("  {} {}{said}", event.at.format("%Y-%m-%d %H:%M"), event.text);
    }
}

fn print_dues(dues: &[StepDue]) {
    if dues.is_empty() {
        println!("no clearance route");
    }
    for due in dues {
        let date = due.due.map(|d| d.to_string()).unwrap_or_else(|| "no due date".into());
        match (&due.override_reason, due.rule_date) {
            (Some(reason), Some(rule)) => println!("{}: {date} (set by hand: {reason}; by rule {rule})", due.step),
            (Some(reason), None) => println!("{}: {date} (set by hand: {reason})", due.step),
            (None, _) => println!("{}: {date}", due.step),
        }
    }
}

fn read_route(path: &Path) -> Result<Vec<RouteStep>, CliError> {
    let shown = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| CliError(format!("could not read {shown}: {e}.")))?;
    serde_json::from_str(&text).map_err(|e| CliError(format!("{shown} is not a list of clearance steps: {e}.")))
}

pub fn run(db_path: Option<&Path>, args: &ClearanceArgs) -> CliResult {
    let now = chrono::Local::now().naive_local();
    match &args.command {
        ClearanceCommand::Route { committee, file, json } => {
            let mut store = db::open(db_path)?;
            let steps = match file {
                Some(path) => store.clearance_route_save(*committee, &read_route(path)?)?,
                None => store.clearance_route(*committee)?,
            };
            if *json {
                json_out(&steps)
            } else {
                print_route(&steps);
                Ok(())
            }
        }
        ClearanceCommand::JobTitle { name, title } => {
            let store = db::open(db_path)?;
            store.account_job_title_set(name, title)?;
            println!("{name}: job title set");
            Ok(())
        }
        ClearanceCommand::Submit(m) | ClearanceCommand::Approve(m) | ClearanceCommand::Return(m) => {
            let mut store = db::open(db_path)?;
            let item = item_id(&store, &m.report)?;
            let recorder = store.desk_user();
            let acting = Acting::Desk { recorder: &recorder, for_name: m.on_behalf_of.as_deref() };
            let comment = m.comment.as_deref().unwrap_or("");
            let state = match &args.command {
                ClearanceCommand::Submit(_) => store.clearance_submit_late(item, acting, comment, m.late_reason.as_deref(), now)?,
                ClearanceCommand::Approve(_) => store.clearance_approve(item, acting, comment, now)?,
                _ => store.clearance_return(item, acting, comment, now)?,
            };
            print_state(&state);
            Ok(())
        }
        ClearanceCommand::Status { report, json } => {
            let store = db::open(db_path)?;
            let state = store.clearance_state(item_id(&store, report)?, now.date())?;
            if *json {
                json_out(&state)
            } else {
                print_state(&state);
                Ok(())
            }
        }
        ClearanceCommand::Due { meeting, step, date, reason, clear, json } => {
            let mut store = db::open(db_path)?;
            let dues = match (step, date) {
                (Some(step), Some(text)) => {
                    let date = parse_iso_date(text)
                        .ok_or_else(|| CliError(format!("the date must be a day such as 2020-11-13, not \"{}\".", text.chars().take(40).collect::<String>())))?;
                    store.clearance_due_save(*meeting, step, Some((date, reason.as_deref().unwrap_or(""))))?
                }
                (Some(step), None) if *clear => store.clearance_due_save(*meeting, step, None)?,
                (Some(_), None) => return Err(CliError("give the step's new date and --reason, or --clear to remove the date set by hand.".into())),
                _ => store.clearance_dues(*meeting)?,
            };
            if *json {
                json_out(&dues)
            } else {
                print_dues(&dues);
                Ok(())
            }
        }
        ClearanceCommand::Waiting { on_behalf_of, json } => {
            let store = db::open(db_path)?;
            let shown: String = on_behalf_of.chars().take(40).collect();
            let account = store.account_by_name(on_behalf_of)?.ok_or_else(|| CliError(format!("there is no account named \"{shown}\".")))?;
            let steps = store.clearance_waiting_for(account.id, now.date())?;
            if *json {
                return json_out(&steps);
            }
            if steps.is_empty() {
                println!("nothing waiting for {shown}");
            }
            for s in &steps {
                let due = s.due.map(|d| format!(", due {d}")).unwrap_or_default();
                println!("{} {} {}: {} ({}){due}", s.meeting_date, s.committee, s.item, s.step, s.item_id);
            }
            Ok(())
        }
    }
}
