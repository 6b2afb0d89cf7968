//! Report clearance (issue 19, migration 0012): each committee's sign-off route (ordered steps,
//! each with approvers and their delegates, in sequence or in parallel with the step before,
//! due a number of working days before the meeting, and an optional implications heading) and
//! the route in motion per report: submit, approve, return, the history, and the state worked
//! out from that history.
//!
//! The state is never stored: it is replayed from the append-only history
//! (`clearance_events`) against the committee's route as it is now. A submit starts a round
//! from the step the report was last returned at (the first step the first time); approvals
//! of earlier steps stand. A step is approved when one of its approvers (or a delegate of one
//! of them) approves it, as in an approval group. A stage is a step together with the steps
//! after it marked parallel; the first stage with a step not yet approved is waiting. When
//! every step is approved the report is cleared, and its status says so.
//!
//! Who may act, in this one place: an approver or delegate of a waiting step (checked by
//! [`Store::clearance_approve`] and [`Store::clearance_return`]); recording someone else's
//! sign-off is for the single desk and for officers and administrators on the team server
//! ([`Acting`]). Which commands a role may call at all is `agendapack::api::authz`.
//!
//! The paper: an approved step with an implications heading prints "Implications completed
//! by: NAME, JOB TITLE" under that heading of the report body. The store gives each loaded
//! report its sign-offs ([`signoffs`], `Report::signoffs`, never serialised) and the pack
//! prints them (`agendapack_pack::signoffs`), so neither the editor's body nor an export
//! carries the line.
//!
//! Due dates use the council's working-day calendar (`queries::deadlines::calendar`) and
//! `agendapack_deadlines::nth_working_day_before`, the same count as the committee's deadline
//! rules. An officer may set a step's due date by hand for one meeting, with the reason
//! (migration 0014, [`Store::clearance_due_save`]), as a deadline rule's date is overridden;
//! every due date here (the report's steps, "Waiting for me", the calendar feed, reminders)
//! goes through [`step_due`], so an override moves them all. Deliberately not here: sending
//! reminders (`crate::reminders` and the app's mailer).

use agendapack_deadlines::{nth_working_day_before, status, WorkingCalendar, DEFAULT_AMBER_WORKING_DAYS};
use agendapack_model::account::{Account, Role};
use agendapack_model::Signoff;
use agendapack_model::validate::Problem;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::queries::deadlines as q;
use crate::{codes, Store, StoreError};

/// The most working days before a meeting a step may be due (about a year).
pub const MAX_DUE_WORKING_DAYS: u32 = 260;
const MAX_NAME_CHARS: usize = 100;
const MAX_HEADING_CHARS: usize = 200;
const MAX_COMMENT_CHARS: usize = 4_000;
const MAX_JOB_TITLE_CHARS: usize = 200;

/// One approver of a step, by sign-in name, with the account that may approve in their place.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepApprover {
    pub account: String,
    #[serde(default)]
    pub delegate: Option<String>,
}

/// One step of a route as an officer edits it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteStep {
    /// "Finance", "Legal", "Director", "Cabinet member".
    pub name: String,
    pub approvers: Vec<StepApprover>,
    /// Waits at the same time as the step before it (ignored on the first step).
    #[serde(default)]
    pub parallel: bool,
    /// Due this many working days before the meeting; None: no due date.
    #[serde(default)]
    pub due_working_days: Option<u32>,
    /// The report body's heading its approval is printed under ("Financial implications");
    /// empty: nothing is printed.
    #[serde(default)]
    pub implications_heading: String,
}

/// Who is acting, and for whom.
#[derive(Debug, Clone, Copy)]
pub enum Acting<'a> {
    /// The team server's signed-in account, for itself, or (an officer or administrator
    /// only) recording the sign-off of the account named `for_name`.
    Account { account: &'a Account, for_name: Option<&'a str> },
    /// The single desk: its user (`recorder`, as the audit trail names them) records for the
    /// account named `for_name`.
    Desk { recorder: &'a str, for_name: Option<&'a str> },
}

/// One approver of a step as the screens show it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApproverView {
    pub account: String,
    pub display: String,
    pub delegate: Option<String>,
    pub delegate_display: Option<String>,
}

/// One step of a report's route, where it stands.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepState {
    pub position: u32,
    pub name: String,
    pub parallel: bool,
    pub implications_heading: String,
    pub approvers: Vec<ApproverView>,
    pub due: Option<NaiveDate>,
    /// Why the due date was set by hand for this meeting, when it was.
    pub due_override_reason: Option<String>,
    /// "approved", "waiting", "returned" or "pending".
    pub state: String,
    /// "red", "amber" or "green" against the due date while not approved; None without one.
    pub rag: Option<String>,
}

/// One row of a report's clearance history.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClearanceEvent {
    pub at: NaiveDateTime,
    /// "submit", "approve" or "return".
    pub action: String,
    pub step: Option<String>,
    /// Whose action it is (the account's full name); None for a submit from the single desk.
    pub by: Option<String>,
    /// Who recorded it on their behalf, when someone else did.
    pub recorded_by: Option<String>,
    pub comment: String,
    /// The report's `updated_at` when they acted: the version they saw.
    pub report_version: Option<NaiveDateTime>,
    /// The row in words: "Legal returned it (recorded by Ann Lee on behalf of Sam Cole)".
    pub text: String,
}

/// A report's clearance.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClearanceState {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub item_id: i64,
    /// "no-route", "not-submitted", "in-clearance", "returned" or "cleared".
    pub status: String,
    pub steps: Vec<StepState>,
    pub history: Vec<ClearanceEvent>,
}

/// A step waiting for an account.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingStep {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub item_id: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub meeting_id: i64,
    pub committee: String,
    pub meeting_date: NaiveDate,
    pub item: String,
    pub step: String,
    pub due: Option<NaiveDate>,
    pub rag: Option<String>,
}

/// One step's due date for one meeting, as an officer sees and overrides it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepDue {
    pub step: String,
    /// By the step's rule; None when the rule names no due date.
    pub rule_date: Option<NaiveDate>,
    /// The date that applies: the one set by hand, else the rule's.
    pub due: Option<NaiveDate>,
    /// Why it was set by hand, when it was.
    pub override_reason: Option<String>,
}

/// A step waiting for sign-off somewhere, with whom it waits for (for reminders).
pub(crate) struct OpenStep {
    pub item_id: i64,
    pub committee: String,
    pub meeting_date: NaiveDate,
    pub item: String,
    pub position: u32,
    pub step: String,
    /// The id of the submit that started this round of clearance.
    pub round: i64,
    pub due: NaiveDate,
    /// (account, delegate) of each approver.
    pub approvers: Vec<(Account, Option<Account>)>,
}

fn invalid(path: &str, message: impl Into<String>) -> StoreError {
    StoreError::Invalid(vec![Problem { path: path.to_string(), message: message.into() }])
}

fn shown(text: &str) -> String {
    let cut: String = text.chars().take(40).collect();
    if cut.len() < text.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

struct Step {
    position: u32,
    name: String,
    parallel: bool,
    due_working_days: Option<u32>,
    heading: String,
    /// (account, delegate).
    approvers: Vec<(Account, Option<Account>)>,
}

struct Event {
    action: String,
    position: Option<u32>,
    step_name: String,
    account_id: Option<i64>,
    recorded_by: String,
    comment: String,
    version: Option<String>,
    at: String,
}

struct ItemFacts {
    committee_id: i64,
    meeting_id: i64,
    committee: String,
    meeting_date: NaiveDate,
    title: String,
    report: Option<(i64, String, String)>,
}

fn account_by_id(conn: &Connection, id: i64) -> Result<Account, StoreError> {
    let row: (String, String, String, bool) = conn
        .query_row("SELECT name, display, role, disabled FROM accounts WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?
        .ok_or(StoreError::NotFound { what: "account", id })?;
    let role = Role::parse(&row.2).ok_or_else(|| StoreError::BadValue { column: "accounts.role".into(), value: row.2.clone() })?;
    Ok(Account { id, name: row.0, display: row.1, role, disabled: row.3 })
}

fn account_id_by_name(conn: &Connection, name: &str) -> Result<Option<(i64, bool)>, StoreError> {
    Ok(conn
        .query_row("SELECT id, disabled FROM accounts WHERE name = ?1", [name.trim()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

fn job_title(conn: &Connection, id: i64) -> Result<String, StoreError> {
    Ok(conn.query_row("SELECT job_title FROM accounts WHERE id = ?1", [id], |r| r.get(0)).optional()?.unwrap_or_default())
}

fn route(conn: &Connection, committee_id: i64) -> Result<Vec<Step>, StoreError> {
    let rows: Vec<(i64, u32, String, bool, Option<u32>, String)> = conn
        .prepare(
            "SELECT id, position, name, parallel, due_working_days, implications_heading FROM clearance_steps
             WHERE committee_id = ?1 ORDER BY position",
        )?
        .query_map([committee_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
        .collect::<Result<_, _>>()?;
    let mut steps = Vec::new();
    for (id, position, name, parallel, due_working_days, heading) in rows {
        let pairs: Vec<(i64, Option<i64>)> = conn
            .prepare("SELECT account_id, delegate_id FROM clearance_approvers WHERE step_id = ?1 ORDER BY rowid")?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut approvers = Vec::new();
        for (account, delegate) in pairs {
            approvers.push((account_by_id(conn, account)?, delegate.map(|d| account_by_id(conn, d)).transpose()?));
        }
        steps.push(Step { position, name, parallel, due_working_days, heading, approvers });
    }
    Ok(steps)
}

fn item_facts(conn: &Connection, item_id: i64) -> Result<ItemFacts, StoreError> {
    let row: Option<(i64, i64, String, String, String)> = conn
        .query_row(
            "SELECT m.committee_id, m.id, c.name, m.starts_at, i.title FROM agenda_items i
             JOIN meetings m ON m.id = i.meeting_id JOIN committees c ON c.id = m.committee_id WHERE i.id = ?1",
            [item_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let (committee_id, meeting_id, committee, starts_at, title) = row.ok_or(StoreError::NotFound { what: "agenda item", id: item_id })?;
    let report = conn
        .query_row("SELECT id, status, updated_at FROM reports WHERE agenda_item_id = ?1", [item_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    Ok(ItemFacts {
        committee_id,
        meeting_id,
        committee,
        meeting_date: codes::parse_date_time("meetings.starts_at", &starts_at)?.date(),
        title,
        report,
    })
}

fn events(conn: &Connection, item_id: i64) -> Result<Vec<Event>, StoreError> {
    Ok(conn
        .prepare(
            "SELECT action, step_position, step_name, account_id, recorded_by, comment, report_updated_at, at
             FROM clearance_events WHERE agenda_item_id = ?1 ORDER BY id",
        )?
        .query_map([item_id], |r| {
            Ok(Event {
                action: r.get(0)?,
                position: r.get(1)?,
                step_name: r.get(2)?,
                account_id: r.get(3)?,
                recorded_by: r.get(4)?,
                comment: r.get(5)?,
                version: r.get(6)?,
                at: r.get(7)?,
            })
        })?
        .collect::<Result<_, _>>()?)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    NoRoute,
    NotSubmitted,
    InClearance,
    Returned,
    Cleared,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::NoRoute => "no-route",
            Status::NotSubmitted => "not-submitted",
            Status::InClearance => "in-clearance",
            Status::Returned => "returned",
            Status::Cleared => "cleared",
        }
    }
}

/// The route replayed: the status, which event approved each step (index into the events),
/// the step returned at, and the positions now waiting.
struct Replay {
    status: Status,
    approved: std::collections::BTreeMap<u32, usize>,
    returned_at: Option<u32>,
    waiting: Vec<u32>,
}

fn replay(steps: &[Step], events: &[Event]) -> Replay {
    let mut approved = std::collections::BTreeMap::new();
    let mut restart = 0;
    let mut status = Status::NotSubmitted;
    let mut returned_at = None;
    for (i, e) in events.iter().enumerate() {
        match (e.action.as_str(), e.position) {
            ("submit", _) => {
                approved.retain(|p: &u32, _| *p < restart);
                status = Status::InClearance;
                returned_at = None;
            }
            ("approve", Some(p)) => {
                approved.insert(p, i);
            }
            ("return", Some(p)) => {
                restart = p;
                returned_at = Some(p);
                status = Status::Returned;
            }
            _ => {}
        }
    }
    if steps.is_empty() {
        return Replay { status: if status == Status::NotSubmitted { Status::NoRoute } else { status }, approved, returned_at, waiting: Vec::new() };
    }
    let mut waiting = Vec::new();
    if status == Status::InClearance {
        // The first stage (a step and the parallel steps after it) with a step not approved.
        let mut stages: Vec<Vec<u32>> = Vec::new();
        for (i, step) in steps.iter().enumerate() {
            match stages.last_mut() {
                Some(stage) if step.parallel && i > 0 => stage.push(step.position),
                _ => stages.push(vec![step.position]),
            }
        }
        match stages.into_iter().find(|stage| stage.iter().any(|p| !approved.contains_key(p))) {
            Some(stage) => waiting = stage.into_iter().filter(|p| !approved.contains_key(p)).collect(),
            None => status = Status::Cleared,
        }
    }
    Replay { status, approved, returned_at, waiting }
}

fn name_of(account: &Account) -> String {
    account.audit_name().to_string()
}

/// The due dates set by hand for one meeting: step name (lower case) → (date, reason).
pub(crate) type DueOverrides = std::collections::HashMap<String, (NaiveDate, String)>;

pub(crate) fn due_overrides(conn: &Connection, meeting_id: i64) -> Result<DueOverrides, StoreError> {
    let rows: Vec<(String, String, String)> = conn
        .prepare("SELECT step_name, date, reason FROM clearance_due_overrides WHERE meeting_id = ?1")?
        .query_map([meeting_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut out = DueOverrides::new();
    for (name, date, reason) in rows {
        out.insert(name.to_lowercase(), (codes::parse_date("clearance_due_overrides.date", &date)?, reason));
    }
    Ok(out)
}

/// A step's due date for one meeting: the date set by hand (with its reason), else its rule's.
fn step_due(step: &Step, meeting_date: NaiveDate, cal: &WorkingCalendar, overrides: &DueOverrides) -> Result<(Option<NaiveDate>, Option<String>), StoreError> {
    if let Some((date, reason)) = overrides.get(&step.name.to_lowercase()) {
        return Ok((Some(*date), Some(reason.clone())));
    }
    let due = step
        .due_working_days
        .map(|n| nth_working_day_before(meeting_date, n, cal).map_err(|e| StoreError::Deadline(e.into())))
        .transpose()?;
    Ok((due, None))
}

fn state_of(conn: &Connection, item_id: i64, today: NaiveDate) -> Result<ClearanceState, StoreError> {
    let facts = item_facts(conn, item_id)?;
    let steps = route(conn, facts.committee_id)?;
    let events = events(conn, item_id)?;
    let replay = replay(&steps, &events);
    let (_, cal) = q::calendar(conn)?;
    let overrides = due_overrides(conn, facts.meeting_id)?;
    let mut out = Vec::new();
    for step in &steps {
        let (due, due_override_reason) = step_due(step, facts.meeting_date, &cal, &overrides)?;
        let approved = replay.approved.contains_key(&step.position);
        let state = if approved {
            "approved"
        } else if replay.waiting.contains(&step.position) {
            "waiting"
        } else if replay.status == Status::Returned && replay.returned_at == Some(step.position) {
            "returned"
        } else {
            "pending"
        };
        let done_on = replay
            .approved
            .get(&step.position)
            .and_then(|i| codes::parse_date_time("clearance_events.at", &events[*i].at).ok())
            .map(|at| at.date());
        let rag = due.map(|due| status(due, done_on, today, &cal, DEFAULT_AMBER_WORKING_DAYS).rag().as_str().to_string());
        out.push(StepState {
            position: step.position,
            name: step.name.clone(),
            parallel: step.parallel,
            implications_heading: step.heading.clone(),
            approvers: step
                .approvers
                .iter()
                .map(|(a, d)| ApproverView {
                    account: a.name.clone(),
                    display: name_of(a),
                    delegate: d.as_ref().map(|d| d.name.clone()),
                    delegate_display: d.as_ref().map(name_of),
                })
                .collect(),
            due,
            due_override_reason,
            state: state.to_string(),
            rag,
        });
    }
    let mut history = Vec::new();
    for e in &events {
        let by = e.account_id.map(|id| account_by_id(conn, id).map(|a| name_of(&a))).transpose()?;
        let recorded_by = (!e.recorded_by.is_empty()).then(|| e.recorded_by.clone());
        let verb = match e.action.as_str() {
            "submit" => "submitted the report".to_string(),
            "approve" => format!("approved the {} step", e.step_name),
            _ => format!("returned the report at the {} step", e.step_name),
        };
        let text = match (&by, &recorded_by) {
            (Some(by), Some(rec)) => format!("{by} {verb} (recorded by {rec} on behalf of {by})"),
            (Some(by), None) => format!("{by} {verb}"),
            (None, Some(rec)) => format!("{rec} {verb}"),
            (None, None) => format!("Someone {verb}"),
        };
        history.push(ClearanceEvent {
            at: codes::parse_date_time("clearance_events.at", &e.at)?,
            action: e.action.clone(),
            step: (!e.step_name.is_empty()).then(|| e.step_name.clone()),
            by,
            recorded_by,
            comment: e.comment.clone(),
            report_version: e.version.as_deref().map(|v| codes::parse_date_time("clearance_events.report_updated_at", v)).transpose()?,
            text,
        });
    }
    Ok(ClearanceState { item_id, status: replay.status.as_str().to_string(), steps: out, history })
}

/// (whose action, who recorded it for them: '' when themselves).
fn resolve(conn: &Connection, acting: Acting<'_>) -> Result<(Option<Account>, String), StoreError> {
    let named = |name: &str| -> Result<Account, StoreError> {
        match account_id_by_name(conn, name)? {
            Some((id, false)) => account_by_id(conn, id),
            Some((_, true)) => Err(invalid("as", format!("the account \"{}\" is disabled", shown(name)))),
            None => Err(StoreError::NoAccount(shown(name))),
        }
    };
    match acting {
        Acting::Account { account, for_name: None } => Ok((Some(account.clone()), String::new())),
        Acting::Account { account, for_name: Some(name) } if name.trim().eq_ignore_ascii_case(&account.name) => {
            Ok((Some(account.clone()), String::new()))
        }
        Acting::Account { account, for_name: Some(name) } => {
            if !matches!(account.role, Role::Officer | Role::Administrator) {
                return Err(invalid("as", "only an officer or an administrator may record someone else's sign-off"));
            }
            Ok((Some(named(name)?), name_of(account)))
        }
        Acting::Desk { recorder, for_name: Some(name) } => {
            let account = named(name)?;
            let recorded_by = if recorder.trim().is_empty() { "the desk".to_string() } else { recorder.trim().to_string() };
            Ok((Some(account), recorded_by))
        }
        Acting::Desk { recorder, for_name: None } => Ok((None, recorder.trim().to_string())),
    }
}

fn check_comment(comment: &str) -> Result<(), StoreError> {
    if comment.chars().count() > MAX_COMMENT_CHARS {
        return Err(invalid("comment", format!("a comment may have at most {MAX_COMMENT_CHARS} characters")));
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn record(
    conn: &Connection,
    item_id: i64,
    action: &str,
    step: Option<&Step>,
    account: Option<&Account>,
    recorded_by: &str,
    comment: &str,
    version: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO clearance_events (agenda_item_id, action, step_position, step_name, account_id, recorded_by, comment, report_updated_at, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            item_id,
            action,
            step.map(|s| s.position),
            step.map(|s| s.name.as_str()).unwrap_or(""),
            account.map(|a| a.id),
            recorded_by,
            comment.trim(),
            version,
            codes::date_time_text(now)
        ],
    )?;
    Ok(())
}

/// Sets the report's status when clearance moves it (the status history trigger records it).
fn set_report_status(conn: &Connection, report_id: i64, from: &[&str], to: &str, now: NaiveDateTime) -> Result<(), StoreError> {
    let current: String = conn.query_row("SELECT status FROM reports WHERE id = ?1", [report_id], |r| r.get(0))?;
    if from.contains(&current.as_str()) {
        conn.execute("UPDATE reports SET status = ?2, updated_at = ?3 WHERE id = ?1", params![report_id, to, codes::date_time_text(now)])?;
    }
    Ok(())
}

impl Store {
    /// The committee's clearance route, in order; empty when it has none.
    pub fn clearance_route(&self, committee_id: i64) -> Result<Vec<RouteStep>, StoreError> {
        Ok(route(&self.conn, committee_id)?
            .into_iter()
            .map(|s| RouteStep {
                name: s.name,
                approvers: s
                    .approvers
                    .into_iter()
                    .map(|(a, d)| StepApprover { account: a.name, delegate: d.map(|d| d.name) })
                    .collect(),
                parallel: s.parallel,
                due_working_days: s.due_working_days,
                implications_heading: s.heading,
            })
            .collect())
    }

    /// Replaces the committee's route with `steps` (checked first: a name, at least one
    /// approver each, accounts that exist and are not disabled).
    pub fn clearance_route_save(&mut self, committee_id: i64, steps: &[RouteStep]) -> Result<Vec<RouteStep>, StoreError> {
        let exists: Option<i64> = self.conn.query_row("SELECT id FROM committees WHERE id = ?1", [committee_id], |r| r.get(0)).optional()?;
        exists.ok_or(StoreError::NotFound { what: "committee", id: committee_id })?;
        let mut problems = Vec::new();
        let mut resolved = Vec::new();
        for (i, step) in steps.iter().enumerate() {
            let at = |field: &str| format!("steps[{i}].{field}");
            let name = step.name.trim();
            if name.is_empty() {
                problems.push(Problem { path: at("name"), message: format!("step {} needs a name", i + 1) });
            } else if name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
                problems.push(Problem { path: at("name"), message: format!("step {}'s name must be one line of at most {MAX_NAME_CHARS} characters", i + 1) });
            }
            let heading = step.implications_heading.trim();
            if heading.chars().count() > MAX_HEADING_CHARS || heading.chars().any(char::is_control) {
                problems.push(Problem { path: at("implications_heading"), message: format!("step {}'s implications heading must be one line of at most {MAX_HEADING_CHARS} characters", i + 1) });
            }
            if step.due_working_days.is_some_and(|n| n > MAX_DUE_WORKING_DAYS) {
                problems.push(Problem { path: at("due_working_days"), message: format!("step {} may be due at most {MAX_DUE_WORKING_DAYS} working days before the meeting", i + 1) });
            }
            if step.approvers.is_empty() {
                problems.push(Problem { path: at("approvers"), message: format!("step {} needs at least one approver", i + 1) });
            }
            let mut pairs = Vec::new();
            for (j, approver) in step.approvers.iter().enumerate() {
                let mut id_of = |name: &str, field: String| -> Result<Option<i64>, StoreError> {
                    match account_id_by_name(&self.conn, name)? {
                        Some((id, false)) => Ok(Some(id)),
                        Some((_, true)) => {
                            problems.push(Problem { path: field, message: format!("the account \"{}\" is disabled", shown(name)) });
                            Ok(None)
                        }
                        None => {
                            problems.push(Problem { path: field, message: format!("there is no account named \"{}\"", shown(name)) });
                            Ok(None)
                        }
                    }
                };
                let account = id_of(&approver.account, at(&format!("approvers[{j}].account")))?;
                let delegate = match approver.delegate.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
                    Some(d) => id_of(d, at(&format!("approvers[{j}].delegate")))?.map(Some),
                    None => Some(None),
                };
                if let (Some(a), Some(d)) = (account, delegate) {
                    if pairs.iter().any(|(x, _)| *x == a) {
                        problems.push(Problem { path: at("approvers"), message: format!("step {} names \"{}\" twice", i + 1, shown(&approver.account)) });
                    }
                    pairs.push((a, d));
                }
            }
            resolved.push((name.to_string(), i > 0 && step.parallel, step.due_working_days, heading.to_string(), pairs));
        }
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM clearance_steps WHERE committee_id = ?1", [committee_id])?;
        for (position, (name, parallel, due, heading, pairs)) in resolved.iter().enumerate() {
            tx.execute(
                "INSERT INTO clearance_steps (committee_id, position, name, parallel, due_working_days, implications_heading)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![committee_id, position as i64, name, parallel, due, heading],
            )?;
            let step_id = tx.last_insert_rowid();
            for (account, delegate) in pairs {
                tx.execute(
                    "INSERT INTO clearance_approvers (step_id, account_id, delegate_id) VALUES (?1, ?2, ?3)",
                    params![step_id, account, delegate],
                )?;
            }
        }
        tx.commit()?;
        self.clearance_route(committee_id)
    }

    /// Sets the job title the paper prints after the account's name.
    pub fn account_job_title_set(&self, name: &str, job_title: &str) -> Result<(), StoreError> {
        let title = job_title.trim();
        if title.chars().count() > MAX_JOB_TITLE_CHARS || title.chars().any(char::is_control) {
            return Err(invalid("job_title", format!("a job title must be one line of at most {MAX_JOB_TITLE_CHARS} characters")));
        }
        let (id, _) = account_id_by_name(&self.conn, name)?.ok_or_else(|| StoreError::NoAccount(shown(name)))?;
        self.conn.execute("UPDATE accounts SET job_title = ?2 WHERE id = ?1", params![id, title])?;
        Ok(())
    }

    /// Who records a sign-off at the single desk: the name the audit trail gives this
    /// thread's changes.
    pub fn desk_user(&self) -> String {
        crate::acting::acting_user().or_else(|| self.actor.lock().ok().map(|a| a.user.clone())).unwrap_or_default()
    }

    /// The account's job title ('' when none).
    pub fn account_job_title(&self, account_id: i64) -> Result<String, StoreError> {
        job_title(&self.conn, account_id)
    }

    /// The clearance of the report of item `item_id`, with due dates judged against `today`.
    pub fn clearance_state(&self, item_id: i64, today: NaiveDate) -> Result<ClearanceState, StoreError> {
        state_of(&self.conn, item_id, today)
    }

    /// Submits the report of item `item_id` into its committee's route (again after a
    /// return: from the step it was returned at). A draft report becomes submitted.
    pub fn clearance_submit(&mut self, item_id: i64, acting: Acting<'_>, comment: &str, now: NaiveDateTime) -> Result<ClearanceState, StoreError> {
        self.clearance_submit_late(item_id, acting, comment, None, now)
    }

    /// As [`Store::clearance_submit`], following the late rule: a report handed in after its
    /// final-report deadline is late (the deadlines' own judgement, `DeadlineRow::late`, which
    /// then proposes marking it supplementary once the pack is published). With the special
    /// circumstances that make it urgent (`late_reason`, s100B(4)(b)) the item becomes
    /// supplementary with that reason (`edit::deadlines::mark_late`, as `item_mark_late` does),
    /// which the minutes then carry; without them it is submitted and left for an officer to
    /// mark, as today. A reason for a report handed in on time is refused.
    pub fn clearance_submit_late(
        &mut self,
        item_id: i64,
        acting: Acting<'_>,
        comment: &str,
        late_reason: Option<&str>,
        now: NaiveDateTime,
    ) -> Result<ClearanceState, StoreError> {
        check_comment(comment)?;
        let facts = item_facts(&self.conn, item_id)?;
        let (report_id, _, version) = facts.report.clone().ok_or_else(|| invalid("item_id", format!("\"{}\" has no report to submit", shown(&facts.title))))?;
        let steps = route(&self.conn, facts.committee_id)?;
        if steps.is_empty() {
            return Err(invalid("item_id", format!("the {} committee has no clearance route", shown(&facts.committee))));
        }
        let replay = replay(&steps, &events(&self.conn, item_id)?);
        match replay.status {
            Status::InClearance => return Err(invalid("item_id", "the report is already in clearance")),
            Status::Cleared => return Err(invalid("item_id", "the report is already cleared")),
            _ => {}
        }
        let (account, recorded_by) = resolve(&self.conn, acting)?;
        let tx = self.conn.transaction()?;
        record(&tx, item_id, "submit", None, account.as_ref(), &recorded_by, comment, Some(&version), now)?;
        set_report_status(&tx, report_id, &["draft"], "submitted", now)?;
        // A route whose steps were all approved before a return to a later-removed step clears at once.
        if replay_status(&tx, &steps, item_id)? == Status::Cleared {
            set_report_status(&tx, report_id, &["draft", "submitted"], "cleared", now)?;
        }
        apply_late_rule(&tx, item_id, facts.meeting_id, late_reason, now)?;
        tx.commit()?;
        state_of(&self.conn, item_id, now.date())
    }

    /// Approves, for the acting account, the first waiting step of item `item_id` they are an
    /// approver or a delegate of; when it was the last, the report is cleared.
    pub fn clearance_approve(&mut self, item_id: i64, acting: Acting<'_>, comment: &str, now: NaiveDateTime) -> Result<ClearanceState, StoreError> {
        self.act(item_id, acting, "approve", comment, now)
    }

    /// Returns the report of item `item_id` to its author at the first waiting step the acting
    /// account approves, with a comment saying why (required). The report becomes a draft.
    pub fn clearance_return(&mut self, item_id: i64, acting: Acting<'_>, comment: &str, now: NaiveDateTime) -> Result<ClearanceState, StoreError> {
        if comment.trim().is_empty() {
            return Err(invalid("comment", "a returned report needs a comment saying what to change"));
        }
        self.act(item_id, acting, "return", comment, now)
    }

    fn act(&mut self, item_id: i64, acting: Acting<'_>, action: &str, comment: &str, now: NaiveDateTime) -> Result<ClearanceState, StoreError> {
        check_comment(comment)?;
        let facts = item_facts(&self.conn, item_id)?;
        let (report_id, _, version) = facts.report.clone().ok_or_else(|| invalid("item_id", format!("\"{}\" has no report", shown(&facts.title))))?;
        let steps = route(&self.conn, facts.committee_id)?;
        let replay = replay(&steps, &events(&self.conn, item_id)?);
        if replay.status != Status::InClearance {
            return Err(invalid("item_id", format!("the report is not waiting for a sign-off (it is {})", replay.status.as_str().replace('-', " "))));
        }
        let (account, recorded_by) = resolve(&self.conn, acting)?;
        let Some(account) = account else {
            return Err(invalid("as", "say whose sign-off this is (the approver's account name)"));
        };
        let step = steps
            .iter()
            .filter(|s| replay.waiting.contains(&s.position))
            .find(|s| s.approvers.iter().any(|(a, d)| a.id == account.id || d.as_ref().is_some_and(|d| d.id == account.id)))
            .ok_or_else(|| {
                let waiting: Vec<&str> = steps.iter().filter(|s| replay.waiting.contains(&s.position)).map(|s| s.name.as_str()).collect();
                StoreError::Invalid(vec![Problem {
                    path: "as".into(),
                    message: format!("{} is not an approver or delegate of the step waiting ({})", name_of(&account), waiting.join(", ")),
                }])
            })?;
        let tx = self.conn.transaction()?;
        record(&tx, item_id, action, Some(step), Some(&account), &recorded_by, comment, Some(&version), now)?;
        if action == "return" {
            set_report_status(&tx, report_id, &["submitted", "cleared"], "draft", now)?;
        } else if replay_status(&tx, &steps, item_id)? == Status::Cleared {
            set_report_status(&tx, report_id, &["draft", "submitted"], "cleared", now)?;
        }
        tx.commit()?;
        state_of(&self.conn, item_id, now.date())
    }

    /// The steps waiting for `account_id` (as approver or delegate) across all reports.
    pub fn clearance_waiting_for(&self, account_id: i64, today: NaiveDate) -> Result<Vec<WaitingStep>, StoreError> {
        let items: Vec<i64> = self
            .conn
            .prepare("SELECT DISTINCT agenda_item_id FROM clearance_events ORDER BY agenda_item_id")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let (_, cal) = q::calendar(&self.conn)?;
        let mut out = Vec::new();
        for item_id in items {
            let facts = item_facts(&self.conn, item_id)?;
            let steps = route(&self.conn, facts.committee_id)?;
            let replay = replay(&steps, &events(&self.conn, item_id)?);
            for step in steps.iter().filter(|s| replay.waiting.contains(&s.position)) {
                let mine = step.approvers.iter().any(|(a, d)| a.id == account_id || d.as_ref().is_some_and(|d| d.id == account_id));
                if !mine {
                    continue;
                }
                let (due, _) = step_due(step, facts.meeting_date, &cal, &due_overrides(&self.conn, facts.meeting_id)?)?;
                out.push(WaitingStep {
                    item_id,
                    meeting_id: facts.meeting_id,
                    committee: facts.committee.clone(),
                    meeting_date: facts.meeting_date,
                    item: facts.title.clone(),
                    step: step.name.clone(),
                    due,
                    rag: due.map(|d| status(d, None, today, &cal, DEFAULT_AMBER_WORKING_DAYS).rag().as_str().to_string()),
                });
            }
        }
        out.sort_by_key(|a| (a.due, a.meeting_date, a.item_id));
        Ok(out)
    }
}

impl Store {
    /// The due date of each step of meeting `meeting_id`'s committee route: by rule, and as set
    /// by hand for this meeting.
    pub fn clearance_dues(&self, meeting_id: i64) -> Result<Vec<StepDue>, StoreError> {
        dues(&self.conn, meeting_id)
    }

    /// Sets by hand, with the reason, the date the step named `step` of meeting `meeting_id`'s
    /// route is due (for this meeting only); `None` removes the override and the step's rule
    /// applies again.
    pub fn clearance_due_save(&mut self, meeting_id: i64, step: &str, set: Option<(NaiveDate, &str)>) -> Result<Vec<StepDue>, StoreError> {
        let found: Option<(i64, String, String)> = self
            .conn
            .query_row(
                "SELECT m.committee_id, c.name, m.starts_at FROM meetings m JOIN committees c ON c.id = m.committee_id WHERE m.id = ?1",
                [meeting_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (committee_id, committee, starts_at) = found.ok_or(StoreError::NoMeeting(meeting_id))?;
        let steps = route(&self.conn, committee_id)?;
        let Some(named) = steps.iter().find(|s| s.name.eq_ignore_ascii_case(step.trim())) else {
            let names: Vec<&str> = steps.iter().map(|s| s.name.as_str()).collect();
            let known = if names.is_empty() { "it has no route".to_string() } else { format!("its steps are {}", names.join(", ")) };
            return Err(invalid("step", format!("the {} committee's clearance route has no step named \"{}\" ({known})", shown(&committee), shown(step))));
        };
        match set {
            Some((date, reason)) => {
                if reason.trim().is_empty() {
                    return Err(invalid("reason", "a due date set by hand needs the reason, e.g. \"finance officer on leave\""));
                }
                if reason.chars().count() > MAX_COMMENT_CHARS {
                    return Err(invalid("reason", format!("a reason may have at most {MAX_COMMENT_CHARS} characters")));
                }
                let meeting_date = codes::parse_date_time("meetings.starts_at", &starts_at)?.date();
                if date > meeting_date {
                    return Err(invalid("date", format!("a sign-off cannot be due after the meeting ({meeting_date})")));
                }
                self.conn.execute(
                    "INSERT INTO clearance_due_overrides (meeting_id, step_name, date, reason) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (meeting_id, step_name) DO UPDATE SET date = excluded.date, reason = excluded.reason",
                    params![meeting_id, named.name, codes::date_text(date), reason.trim()],
                )?;
            }
            None => {
                self.conn.execute("DELETE FROM clearance_due_overrides WHERE meeting_id = ?1 AND step_name = ?2", params![meeting_id, named.name])?;
            }
        }
        dues(&self.conn, meeting_id)
    }
}

fn dues(conn: &Connection, meeting_id: i64) -> Result<Vec<StepDue>, StoreError> {
    let found: Option<(i64, String)> = conn
        .query_row("SELECT committee_id, starts_at FROM meetings WHERE id = ?1", [meeting_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (committee_id, starts_at) = found.ok_or(StoreError::NoMeeting(meeting_id))?;
    let meeting_date = codes::parse_date_time("meetings.starts_at", &starts_at)?.date();
    let (_, cal) = q::calendar(conn)?;
    let overrides = due_overrides(conn, meeting_id)?;
    let mut out = Vec::new();
    for step in route(conn, committee_id)? {
        let (rule_date, _) = step_due(&step, meeting_date, &cal, &DueOverrides::new())?;
        let (due, override_reason) = step_due(&step, meeting_date, &cal, &overrides)?;
        out.push(StepDue { step: step.name, rule_date, due, override_reason });
    }
    Ok(out)
}

/// Every step now waiting for sign-off that has a due date, across all reports.
pub(crate) fn open_steps(conn: &Connection) -> Result<Vec<OpenStep>, StoreError> {
    let items: Vec<i64> = conn
        .prepare("SELECT DISTINCT agenda_item_id FROM clearance_events ORDER BY agenda_item_id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let (_, cal) = q::calendar(conn)?;
    let mut out = Vec::new();
    for item_id in items {
        let facts = item_facts(conn, item_id)?;
        let steps = route(conn, facts.committee_id)?;
        let events = events(conn, item_id)?;
        let replay = replay(&steps, &events);
        let round: i64 = conn
            .query_row("SELECT coalesce(max(id), 0) FROM clearance_events WHERE agenda_item_id = ?1 AND action = 'submit'", [item_id], |r| r.get(0))?;
        let overrides = due_overrides(conn, facts.meeting_id)?;
        for step in steps.into_iter().filter(|s| replay.waiting.contains(&s.position)) {
            let (Some(due), _) = step_due(&step, facts.meeting_date, &cal, &overrides)? else { continue };
            out.push(OpenStep {
                item_id,
                committee: facts.committee.clone(),
                meeting_date: facts.meeting_date,
                item: facts.title.clone(),
                position: step.position,
                step: step.name,
                round,
                due,
                approvers: step.approvers,
            });
        }
    }
    Ok(out)
}

/// The late rule at hand-in (see [`Store::clearance_submit_late`]), judged after the submit is
/// recorded so the report counts as handed in now.
fn apply_late_rule(conn: &Connection, item_id: i64, meeting_id: i64, late_reason: Option<&str>, now: NaiveDateTime) -> Result<(), StoreError> {
    let rows = crate::edit::deadline_view::meeting_deadlines(conn, meeting_id, now.date())?;
    let Some(row) = rows.iter().find(|r| r.item_id == Some(item_id) && r.kind == agendapack_deadlines::DeadlineKind::FinalReport.as_str()) else {
        return Ok(());
    };
    let reason = late_reason.map(str::trim).filter(|r| !r.is_empty());
    match (row.late, reason) {
        (true, Some(reason)) => crate::edit::deadlines::mark_late(conn, item_id, reason),
        (false, Some(_)) => Err(invalid(
            "late_reason",
            format!("the report is handed in by its final-report deadline ({}), so it is not a late item and needs no urgency reason", row.date.format("%-d %B %Y")),
        )),
        // Late without a reason: submitted, and the deadlines propose marking it (as today).
        _ => Ok(()),
    }
}

fn replay_status(conn: &Connection, steps: &[Step], item_id: i64) -> Result<Status, StoreError> {
    Ok(replay(steps, &events(conn, item_id)?).status)
}

/// The sign-offs of item `item_id`'s report: one for each approved step that has an
/// implications heading, naming whoever approved it (the pack prints them).
pub(crate) fn signoffs(conn: &Connection, item_id: i64) -> Result<Vec<Signoff>, StoreError> {
    let committee_id: Option<i64> = conn
        .query_row("SELECT m.committee_id FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = ?1", [item_id], |r| r.get(0))
        .optional()?;
    let Some(committee_id) = committee_id else { return Ok(Vec::new()) };
    let events = events(conn, item_id)?;
    if events.is_empty() {
        return Ok(Vec::new());
    }
    let steps = route(conn, committee_id)?;
    let replay = replay(&steps, &events);
    let mut out = Vec::new();
    for step in steps.iter().filter(|s| !s.heading.is_empty()) {
        let Some(account_id) = replay.approved.get(&step.position).and_then(|i| events[*i].account_id) else { continue };
        let account = account_by_id(conn, account_id)?;
        out.push(Signoff { heading: step.heading.clone(), name: name_of(&account), job_title: job_title(conn, account_id)? });
    }
    Ok(out)
}
