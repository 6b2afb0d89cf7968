//! Commands on a meeting's agenda: `item_add`, `item_update`, `item_delete`, `items_reorder`.

use agendapack_model::{Access, ItemKind};
use agendapack_store::edit::{AccessChange, ItemChanges, MeetingDetail, NewItem};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ApiContext, ApiError};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ItemAddRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub title: String,
    pub kind: ItemKind,
    /// Absent: after the last report, before the work programme and closing items.
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub after_item_id: Option<i64>,
    /// Absent: open. Below the Private Business heading an item must arrive restricted.
    #[serde(default)]
    #[ts(optional)]
    pub access: Option<Access>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ItemUpdateRequest {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub access: Access,
    #[serde(default)]
    pub supplementary: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ItemDeleteRequest {
    #[ts(type = "number")]
    pub id: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ItemsReorderRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    /// Every item of the meeting, once, in the new order.
    #[ts(type = "Array<number>")]
    pub item_ids: Vec<i64>,
    /// One item's new access, set in the same transaction: a move into the private section
    /// arrives with its paragraph(s).
    #[serde(default)]
    #[ts(optional)]
    pub set_access: Option<AccessChange>,
}

pub fn item_add(ctx: &ApiContext, req: ItemAddRequest) -> Result<MeetingDetail, ApiError> {
    let now = ctx.now();
    let new = NewItem {
        title: req.title,
        kind: req.kind,
        after_item_id: req.after_item_id,
        access: req.access.unwrap_or_default(),
    };
    Ok(ctx.store()?.item_add_new(req.meeting_id, &new, now)?)
}

pub fn item_update(ctx: &ApiContext, req: ItemUpdateRequest) -> Result<MeetingDetail, ApiError> {
    let changes = ItemChanges {
        title: req.title,
        description: req.description,
        access: req.access,
        supplementary: req.supplementary,
    };
    Ok(ctx.store()?.item_update(req.id, &changes)?)
}

pub fn item_delete(ctx: &ApiContext, req: ItemDeleteRequest) -> Result<MeetingDetail, ApiError> {
    Ok(ctx.store()?.item_delete(req.id)?)
}

pub fn items_reorder(ctx: &ApiContext, req: ItemsReorderRequest) -> Result<MeetingDetail, ApiError> {
    Ok(ctx.store()?.items_reorder_with_access(req.meeting_id, &req.item_ids, req.set_access.as_ref())?)
}
