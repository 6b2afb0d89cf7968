//! Commands on committees and their memberships: `committees_list`, `committee_save`,
//! `committee_texts_save` (the committee's own standing texts), `committee_retire`,
//! `committee_delete` (only one that has never met), `membership_save`,
//! `membership_delete`.

use agendapack_model::{MemberRole, Person, StandingTextOverrides};
use agendapack_store::edit::{CommitteeRow, MembershipInput};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ApiContext, ApiError, NoArgs};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CommitteeSaveRequest {
    /// Absent to create a committee.
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub id: Option<i64>,
    pub name: String,
}

/// Retire a committee (`retired: true`) or bring it back (`false`).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CommitteeRetireRequest {
    #[ts(type = "number")]
    pub id: i64,
    pub retired: bool,
}

/// Delete a committee that has no meetings.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CommitteeDeleteRequest {
    #[ts(type = "number")]
    pub id: i64,
}

/// A committee's own wording of standing texts: a field absent (or blank) uses the council's.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CommitteeTextsSaveRequest {
    #[ts(type = "number")]
    pub id: i64,
    pub standing_texts: StandingTextOverrides,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MembershipSaveRequest {
    #[ts(type = "number")]
    pub committee_id: i64,
    /// Absent to add a seat.
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub id: Option<i64>,
    pub person: Person,
    pub role: MemberRole,
    pub from: NaiveDate,
    #[serde(default)]
    #[ts(optional)]
    pub until: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MembershipDeleteRequest {
    #[ts(type = "number")]
    pub id: i64,
}

pub fn committees_list(ctx: &ApiContext, _req: NoArgs) -> Result<Vec<CommitteeRow>, ApiError> {
    Ok(ctx.store()?.committees()?)
}

pub fn committee_save(ctx: &ApiContext, req: CommitteeSaveRequest) -> Result<CommitteeRow, ApiError> {
    Ok(ctx.store()?.committee_save(req.id, &req.name)?)
}

/// `committee_retire`: a retired committee keeps its meetings and papers and is left out of
/// the committees offered for a new meeting.
pub fn committee_retire(ctx: &ApiContext, req: CommitteeRetireRequest) -> Result<CommitteeRow, ApiError> {
    Ok(ctx.store()?.committee_retire(req.id, req.retired)?)
}

/// `committee_delete`: only a committee that has never met; one with meetings is refused
/// (code `conflict`) with a sentence saying to retire it. Returns the committees left.
pub fn committee_delete(ctx: &ApiContext, req: CommitteeDeleteRequest) -> Result<Vec<CommitteeRow>, ApiError> {
    let mut store = ctx.store()?;
    store.committee_delete(req.id)?;
    Ok(store.committees()?)
}

pub fn committee_texts_save(ctx: &ApiContext, req: CommitteeTextsSaveRequest) -> Result<CommitteeRow, ApiError> {
    Ok(ctx.store()?.committee_texts_save(req.id, &req.standing_texts)?)
}

pub fn membership_save(ctx: &ApiContext, req: MembershipSaveRequest) -> Result<CommitteeRow, ApiError> {
    let seat = MembershipInput { id: req.id, person: req.person, role: req.role, from: req.from, until: req.until };
    Ok(ctx.store()?.membership_save(req.committee_id, &seat)?)
}

pub fn membership_delete(ctx: &ApiContext, req: MembershipDeleteRequest) -> Result<CommitteeRow, ApiError> {
    Ok(ctx.store()?.membership_delete(req.id)?)
}
