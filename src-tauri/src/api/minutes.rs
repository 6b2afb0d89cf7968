//! Commands on minutes: `minutes_get`, `minutes_start`, `minutes_save` (the autosave of the
//! minute-taking screen: the whole minutes each time), `minutes_status` (publish, confirm,
//! sign), `minutes_amend` (a correction to confirmed minutes), `actions_list` and
//! `action_done` (the actions log across meetings), `minute_numbering_set` (where the council's
//! minute numbers restart).
//!
//! Deliberately not here: the lock on confirmed minutes and the numbering (the store's), and
//! "today" (read from the context's clock).

use agendapack_model::{Confirmation, MinuteNumbering, Minutes, MinutesStatus};
use agendapack_store::edit::{ActionRow, MinutesDetail, StatusChange};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ApiContext, ApiError};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MinutesGetRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MinutesSaveRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub minutes: Minutes,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MinutesStatusRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub to: MinutesStatus,
    #[serde(default)]
    #[ts(optional)]
    pub confirmation: Option<Confirmation>,
    #[serde(default)]
    #[ts(optional)]
    pub signed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MinutesAmendRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub text: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ActionsListRequest {
    /// The day actions are due or overdue against; default: today by the app's clock.
    #[serde(default)]
    #[ts(optional)]
    pub today: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ActionDoneRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub entry_position: u32,
    pub position: u32,
    pub done: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MinuteNumberingSetRequest {
    pub numbering: MinuteNumbering,
}

/// Sets where minute numbers restart (a council setting) and returns it.
pub fn minute_numbering_set(ctx: &ApiContext, req: MinuteNumberingSetRequest) -> Result<MinuteNumbering, ApiError> {
    let mut store = ctx.store()?;
    store.minute_numbering_set(req.numbering)?;
    Ok(store.minute_numbering()?)
}

pub fn minutes_get(ctx: &ApiContext, req: MinutesGetRequest) -> Result<MinutesDetail, ApiError> {
    Ok(ctx.store()?.minutes_detail(req.meeting_id)?)
}

pub fn minutes_start(ctx: &ApiContext, req: MinutesGetRequest) -> Result<MinutesDetail, ApiError> {
    Ok(ctx.store()?.minutes_start(req.meeting_id)?)
}

pub fn minutes_save(ctx: &ApiContext, req: MinutesSaveRequest) -> Result<MinutesDetail, ApiError> {
    Ok(ctx.store()?.minutes_save(req.meeting_id, &req.minutes)?)
}

pub fn minutes_status(ctx: &ApiContext, req: MinutesStatusRequest) -> Result<MinutesDetail, ApiError> {
    let change = StatusChange { to: req.to, confirmation: req.confirmation, signed_on: req.signed_on };
    Ok(ctx.store()?.minutes_set_status(req.meeting_id, &change)?)
}

pub fn minutes_amend(ctx: &ApiContext, req: MinutesAmendRequest) -> Result<MinutesDetail, ApiError> {
    Ok(ctx.store()?.minutes_amend(req.meeting_id, &req.text)?)
}

pub fn actions_list(ctx: &ApiContext, req: ActionsListRequest) -> Result<Vec<ActionRow>, ApiError> {
    let today = req.today.unwrap_or_else(|| ctx.now().date());
    Ok(ctx.store()?.actions(today)?)
}

/// Marks an action done (or open again) and returns the log as of today.
pub fn action_done(ctx: &ApiContext, req: ActionDoneRequest) -> Result<Vec<ActionRow>, ApiError> {
    let mut store = ctx.store()?;
    store.action_set_done(req.meeting_id, req.entry_position, req.position, req.done)?;
    Ok(store.actions(ctx.now().date())?)
}
