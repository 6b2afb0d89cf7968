//! Report clearance commands (issue 19): `clearance_route_get` / `clearance_route_save` (a
//! committee's sign-off route, edited by officers), `clearance_state` (a report's steps and
//! history), `clearance_submit`, `clearance_approve`, `clearance_return` and
//! `clearance_waiting` ("Waiting for me"), and `clearance_dues` / `clearance_due_save` (each
//! step's due date for one meeting, set by hand with a reason, as deadlines are).
//!
//! Who is acting: on the team server the signed-in account (`authz` passes it in); at the
//! single desk, where no one signs in, the desk's user records for the account the request
//! names in `as`. Whether that account may act on the step, and who may record for someone
//! else, is decided in one place, the store (`agendapack_store::clearance`); which roles may
//! call each command at all is the table in `authz`.
//!
//! Deliberately not here: the route's rules and SQL (the store), reminders (`super::reminders`).

use agendapack_model::account::Account;
use agendapack_store::clearance::{Acting, ClearanceState, RouteStep, StepDue, WaitingStep};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ApiContext, ApiError, ErrorCode};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ClearanceRouteRequest {
    #[ts(type = "number")]
    pub committee_id: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ClearanceRouteSaveRequest {
    #[ts(type = "number")]
    pub committee_id: i64,
    pub steps: Vec<RouteStep>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ClearanceStateRequest {
    #[ts(type = "number")]
    pub item_id: i64,
}

/// Submit, approve or return the report of an agenda item.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ClearanceActRequest {
    #[ts(type = "number")]
    pub item_id: i64,
    /// What was said (required to return a report).
    #[serde(default)]
    #[ts(optional)]
    pub comment: Option<String>,
    /// The sign-in name of the account whose action this is, when someone else records it
    /// (the single desk always names one to approve or return).
    #[serde(default, rename = "as")]
    #[ts(optional, rename = "as")]
    pub on_behalf_of: Option<String>,
    /// Submit only: the special circumstances that make a report handed in after its
    /// final-report deadline urgent (s100B(4)(b)); the item becomes supplementary with it.
    /// Without it a late report is submitted and the deadlines propose marking it.
    #[serde(default)]
    #[ts(optional)]
    pub late_reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ClearanceWaitingRequest {
    /// Whose list: the signed-in account when absent (the single desk must name one).
    #[serde(default, rename = "as")]
    #[ts(optional, rename = "as")]
    pub on_behalf_of: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ClearanceDuesRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
}

/// A step's due date set by hand for one meeting.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StepDueSet {
    pub date: NaiveDate,
    /// Why, e.g. "finance officer on leave" (required).
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ClearanceDueSaveRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    /// The step's name in the committee's route ("Finance").
    pub step: String,
    /// Absent to remove the override (the step's rule applies again).
    #[serde(default)]
    #[ts(optional)]
    pub set: Option<StepDueSet>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ClearanceWaitingResponse {
    pub today: NaiveDate,
    pub steps: Vec<WaitingStep>,
}

pub fn clearance_route_get(ctx: &ApiContext, req: ClearanceRouteRequest) -> Result<Vec<RouteStep>, ApiError> {
    Ok(ctx.store()?.clearance_route(req.committee_id)?)
}

pub fn clearance_route_save(ctx: &ApiContext, req: ClearanceRouteSaveRequest) -> Result<Vec<RouteStep>, ApiError> {
    Ok(ctx.store()?.clearance_route_save(req.committee_id, &req.steps)?)
}

pub fn clearance_dues(ctx: &ApiContext, req: ClearanceDuesRequest) -> Result<Vec<StepDue>, ApiError> {
    Ok(ctx.store()?.clearance_dues(req.meeting_id)?)
}

pub fn clearance_due_save(ctx: &ApiContext, req: ClearanceDueSaveRequest) -> Result<Vec<StepDue>, ApiError> {
    let set = req.set.as_ref().map(|s| (s.date, s.reason.as_str()));
    Ok(ctx.store()?.clearance_due_save(req.meeting_id, &req.step, set)?)
}

pub fn clearance_state(ctx: &ApiContext, req: ClearanceStateRequest) -> Result<ClearanceState, ApiError> {
    Ok(ctx.store()?.clearance_state(req.item_id, ctx.now().date())?)
}

/// Which of the three moves.
#[derive(Debug, Clone, Copy)]
pub enum Move {
    Submit,
    Approve,
    Return,
}

/// Submits, approves or returns; `account` is the signed-in account (None at the single desk).
pub fn clearance_act(ctx: &ApiContext, account: Option<&Account>, action: Move, req: ClearanceActRequest) -> Result<ClearanceState, ApiError> {
    let mut store = ctx.store()?;
    let desk_user = store.desk_user();
    let for_name = req.on_behalf_of.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let acting = match account {
        Some(account) => Acting::Account { account, for_name },
        None => Acting::Desk { recorder: &desk_user, for_name },
    };
    let comment = req.comment.as_deref().unwrap_or("");
    let now = ctx.now();
    Ok(match action {
        Move::Submit => store.clearance_submit_late(req.item_id, acting, comment, req.late_reason.as_deref(), now)?,
        Move::Approve => store.clearance_approve(req.item_id, acting, comment, now)?,
        Move::Return => store.clearance_return(req.item_id, acting, comment, now)?,
    })
}

/// The steps waiting for the signed-in account, or (an officer, or the single desk) for the
/// account named in `as`.
pub fn clearance_waiting(ctx: &ApiContext, account: Option<&Account>, req: ClearanceWaitingRequest) -> Result<ClearanceWaitingResponse, ApiError> {
    let store = ctx.store()?;
    let named = req.on_behalf_of.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let account_id = match (account, named) {
        (Some(account), None) => account.id,
        (Some(account), Some(name)) if name.eq_ignore_ascii_case(&account.name) => account.id,
        (Some(account), Some(_)) if !matches!(account.role, agendapack_model::account::Role::Officer | agendapack_model::account::Role::Administrator) => {
            return Err(ApiError::new(ErrorCode::Forbidden, "Only an officer or an administrator may see another account's list."));
        }
        (_, Some(name)) => store
            .account_by_name(name)?
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("There is no account named \"{}\".", name.chars().take(40).collect::<String>())))?
            .id,
        (None, None) => return Err(ApiError::new(ErrorCode::Invalid, "Say whose list to show (the account's sign-in name in \"as\").")),
    };
    let today = ctx.now().date();
    Ok(ClearanceWaitingResponse { today, steps: store.clearance_waiting_for(account_id, today)? })
}

// The single desk's doors (no one signs in: `as` names whose action it is).

pub fn clearance_submit(ctx: &ApiContext, req: ClearanceActRequest) -> Result<ClearanceState, ApiError> {
    clearance_act(ctx, None, Move::Submit, req)
}

pub fn clearance_approve(ctx: &ApiContext, req: ClearanceActRequest) -> Result<ClearanceState, ApiError> {
    clearance_act(ctx, None, Move::Approve, req)
}

pub fn clearance_return(ctx: &ApiContext, req: ClearanceActRequest) -> Result<ClearanceState, ApiError> {
    clearance_act(ctx, None, Move::Return, req)
}

pub fn clearance_waiting_desk(ctx: &ApiContext, req: ClearanceWaitingRequest) -> Result<ClearanceWaitingResponse, ApiError> {
    clearance_waiting(ctx, None, req)
}
