//! Commands on committees and their memberships: `committees_list`, `committee_save`,
//! `membership_save`, `membership_delete`.

use agendapack_model::{MemberRole, Person};
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

pub fn membership_save(ctx: &ApiContext, req: MembershipSaveRequest) -> Result<CommitteeRow, ApiError> {
    let seat = MembershipInput { id: req.id, person: req.person, role: req.role, from: req.from, until: req.until };
    Ok(ctx.store()?.membership_save(req.committee_id, &seat)?)
}

pub fn membership_delete(ctx: &ApiContext, req: MembershipDeleteRequest) -> Result<CommitteeRow, ApiError> {
    Ok(ctx.store()?.membership_delete(req.id)?)
}
