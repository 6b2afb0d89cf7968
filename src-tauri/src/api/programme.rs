//! Commands on planning: the work programme board (`programme_board`, `programme_item_add`,
//! `programme_item_update`, `programme_item_move`, `programme_item_status`,
//! `programme_item_confirm`, `programme_item_history`), the forward plan of key decisions
//! (`forward_plan_list` with each entry's 28-clear-day notice check, `forward_plan_save`,
//! `forward_plan_delete`) and recommendation trackers (`trackers_list`, `tracker_get`,
//! `tracker_add_update`, `tracker_attach` to add one as at a date to a report as an appendix).
//!
//! "Today" is the date of the context's clock. Deliberately not here: any rule (the store and
//! the pack's forward_plan module decide).

use agendapack_model::{Access, ForwardPlanEntry, PlannedItemStatus, ProgressUpdate};
use agendapack_pack::forward_plan::{check_notice, NoticeRule};
use agendapack_pack::tracker::tracker_markdown;
use agendapack_store::edit::ReportDetail;
use agendapack_store::programme::{PlanTarget, PlannedItemInput, PlannedItemMove, PlannedItemRow, ProgrammeBoard};
use agendapack_store::trackers::{TrackerDetail, TrackerListRow};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ApiContext, ApiError, ErrorCode, NoArgs};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeBoardRequest {
    #[ts(type = "number")]
    pub committee_id: i64,
    /// Only meetings on or after this date; default: the whole programme.
    #[serde(default)]
    #[ts(optional)]
    pub from: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeItemAddRequest {
    #[ts(type = "number")]
    pub committee_id: i64,
    pub target: PlanTarget,
    pub item: PlannedItemInput,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeItemUpdateRequest {
    #[ts(type = "number")]
    pub id: i64,
    pub item: PlannedItemInput,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeItemMoveRequest {
    #[ts(type = "number")]
    pub id: i64,
    pub target: PlanTarget,
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeItemStatusRequest {
    #[ts(type = "number")]
    pub id: i64,
    pub status: PlannedItemStatus,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct IdRequest {
    #[ts(type = "number")]
    pub id: i64,
}

/// A forward plan entry with its notice check.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ForwardPlanListRow {
    #[ts(type = "number")]
    pub id: i64,
    pub entry: ForwardPlanEntry,
    /// The latest date notice may be published for the decision date.
    pub notice_by: NaiveDate,
    /// The check in words ("Notice given by ...", "LATE: ...").
    pub notice: String,
    /// Late without a valid route, or unpublished after its notice date.
    pub flagged: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ForwardPlanResponse {
    pub today: NaiveDate,
    pub rows: Vec<ForwardPlanListRow>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ForwardPlanSaveRequest {
    pub entry: ForwardPlanEntry,
}

/// Adds the tracker, as at a date, to a report as a Markdown appendix.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TrackerAttachRequest {
    #[ts(type = "number")]
    pub tracker_id: i64,
    /// The agenda item whose report gets the appendix.
    #[ts(type = "number")]
    pub item_id: i64,
    pub as_at: NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TrackerAddUpdateRequest {
    #[ts(type = "number")]
    pub action_id: i64,
    pub update: ProgressUpdate,
}

pub fn programme_board(ctx: &ApiContext, req: ProgrammeBoardRequest) -> Result<ProgrammeBoard, ApiError> {
    let from = req.from.unwrap_or(NaiveDate::MIN);
    Ok(ctx.store()?.programme_board(req.committee_id, from)?)
}

pub fn programme_item_add(ctx: &ApiContext, req: ProgrammeItemAddRequest) -> Result<PlannedItemRow, ApiError> {
    Ok(ctx.store()?.programme_item_add(req.committee_id, req.target, &req.item)?)
}

pub fn programme_item_update(ctx: &ApiContext, req: ProgrammeItemUpdateRequest) -> Result<PlannedItemRow, ApiError> {
    Ok(ctx.store()?.programme_item_update(req.id, &req.item)?)
}

pub fn programme_item_move(ctx: &ApiContext, req: ProgrammeItemMoveRequest) -> Result<PlannedItemRow, ApiError> {
    let now = ctx.now();
    Ok(ctx.store()?.programme_item_move(req.id, req.target, &req.reason, now)?)
}

pub fn programme_item_status(ctx: &ApiContext, req: ProgrammeItemStatusRequest) -> Result<PlannedItemRow, ApiError> {
    Ok(ctx.store()?.programme_item_set_status(req.id, req.status)?)
}

pub fn programme_item_confirm(ctx: &ApiContext, req: IdRequest) -> Result<PlannedItemRow, ApiError> {
    let now = ctx.now();
    Ok(ctx.store()?.programme_item_confirm(req.id, now)?)
}

pub fn programme_item_history(ctx: &ApiContext, req: IdRequest) -> Result<Vec<PlannedItemMove>, ApiError> {
    Ok(ctx.store()?.programme_item_history(req.id)?)
}

pub fn forward_plan_list(ctx: &ApiContext, _req: NoArgs) -> Result<ForwardPlanResponse, ApiError> {
    let today = ctx.now().date();
    let store = ctx.store()?;
    let calendar = store.working_calendar()?;
    let mut rows = Vec::new();
    for row in store.forward_plan()? {
        let check = check_notice(&row.entry, NoticeRule::for_council(&store.deadline_settings()?), &calendar, today)
            .map_err(|e| ApiError::new(ErrorCode::Invalid, format!("{e}.")))?;
        rows.push(ForwardPlanListRow {
            id: row.id,
            notice_by: check.notice_by,
            notice: check.describe(),
            flagged: check.flagged(),
            entry: row.entry,
        });
    }
    Ok(ForwardPlanResponse { today, rows })
}

pub fn forward_plan_save(ctx: &ApiContext, req: ForwardPlanSaveRequest) -> Result<ForwardPlanResponse, ApiError> {
    ctx.store()?.forward_plan_save(&req.entry)?;
    forward_plan_list(ctx, NoArgs {})
}

pub fn forward_plan_delete(ctx: &ApiContext, req: IdRequest) -> Result<ForwardPlanResponse, ApiError> {
    ctx.store()?.forward_plan_delete(req.id)?;
    forward_plan_list(ctx, NoArgs {})
}

pub fn trackers_list(ctx: &ApiContext, _req: NoArgs) -> Result<Vec<TrackerListRow>, ApiError> {
    Ok(ctx.store()?.trackers()?)
}

pub fn tracker_get(ctx: &ApiContext, req: IdRequest) -> Result<TrackerDetail, ApiError> {
    Ok(ctx.store()?.tracker_detail(req.id)?)
}

pub fn tracker_attach(ctx: &ApiContext, req: TrackerAttachRequest) -> Result<ReportDetail, ApiError> {
    let now = ctx.now();
    let mut store = ctx.store()?;
    let tracker = store.tracker_detail(req.tracker_id)?.tracker();
    let text = tracker_markdown(&tracker, req.as_at);
    let title = format!("{} (progress as at {})", tracker.title, req.as_at.format("%-d %B %Y"));
    Ok(store.appendix_add(req.item_id, &title, &Access::Public, &text, now)?)
}

pub fn tracker_add_update(ctx: &ApiContext, req: TrackerAddUpdateRequest) -> Result<TrackerDetail, ApiError> {
    Ok(ctx.store()?.tracker_add_update(req.action_id, &req.update)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use agendapack_store::Store;

    fn ctx() -> ApiContext {
        let mut store = Store::open_in_memory().unwrap_or_else(|e| panic!("store opens: {e}"));
        for tracker in agendapack_demo::trackers().unwrap_or_default() {
            store.tracker_create(&tracker).unwrap_or_else(|e| panic!("demo tracker stores: {e}"));
        }
        ApiContext::new(store).with_clock(Box::new(|| {
            NaiveDate::from_ymd_opt(2021, 1, 25).and_then(|d| d.and_hms_opt(9, 0, 0)).unwrap_or_default()
        }))
    }

    #[test]
    fn trackers_list_and_progress_updates_through_the_api() {
        let ctx = ctx();
        let list = trackers_list(&ctx, NoArgs {}).unwrap_or_default();
        assert_eq!(list.len(), 2, "both demo trackers are listed");
        let detail = tracker_get(&ctx, IdRequest { id: list[1].id }).unwrap_or_else(|e| panic!("tracker loads: {e:?}"));
        let action_id = detail.recommendations[0].actions[0].id;
        let update = ProgressUpdate {
            as_at: NaiveDate::from_ymd_opt(2018, 11, 1).unwrap_or_default(),
            text: "Communications plan agreed".into(),
            status: agendapack_model::ActionStatus::InProgress,
            rag: Some(agendapack_model::Rag::Amber),
        };
        let after = tracker_add_update(&ctx, TrackerAddUpdateRequest { action_id, update }).unwrap_or_else(|e| panic!("update: {e:?}"));
        assert_eq!(after.recommendations[0].actions[0].action.updates.len(), 1, "the update is stored on the action");
        let missing = tracker_get(&ctx, IdRequest { id: 99 });
        assert!(matches!(missing, Err(ApiError { code: ErrorCode::NotFound, .. })), "an unknown tracker is not_found");
    }

    #[test]
    fn the_forward_plan_list_carries_the_notice_check() {
        let ctx = ctx();
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/forward-plan.json")).unwrap_or_default();
        let entries: Vec<ForwardPlanEntry> = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(entries.len(), 4, "the fixture has four key decisions");
        for entry in entries {
            forward_plan_save(&ctx, ForwardPlanSaveRequest { entry }).unwrap_or_else(|e| panic!("save: {e:?}"));
        }
        let list = forward_plan_list(&ctx, NoArgs {}).unwrap_or_else(|e| panic!("list: {e:?}"));
        let flagged: Vec<&str> = list.rows.iter().filter(|r| r.flagged).map(|r| r.entry.reference.as_str()).collect();
        assert_eq!(flagged, ["FP/2021/04"], "only the late decision without a route is flagged");
        let bad = forward_plan_save(&ctx, ForwardPlanSaveRequest { entry: ForwardPlanEntry { decision: " ".into(), ..list.rows[0].entry.clone() } });
        assert!(matches!(bad, Err(ApiError { code: ErrorCode::Invalid, field: Some(ref f), .. }) if f == "decision"), "the field at fault is named: {bad:?}");
    }

    #[test]
    fn a_tracker_becomes_a_report_appendix_as_at_a_date() {
        let ctx = ctx();
        let item_id = {
            let mut store = ctx.store().unwrap_or_else(|e| panic!("store: {e:?}"));
            let bundle = agendapack_demo::bundles().remove(0);
            let meeting = store.import_bundle(&bundle).unwrap_or_else(|e| panic!("demo imports: {e}"));
            let detail = store.meeting_detail(meeting.0).unwrap_or_else(|e| panic!("meeting: {e}"));
            detail.items.iter().find(|i| i.has_report).map(|i| i.id).unwrap_or_else(|| panic!("the demo has a report"))
        };
        let before = report_appendices(&ctx, item_id);
        let as_at = NaiveDate::from_ymd_opt(2014, 12, 1).unwrap_or_default();
        let trackers = trackers_list(&ctx, NoArgs {}).unwrap_or_default();
        let detail = tracker_attach(&ctx, TrackerAttachRequest { tracker_id: trackers[0].id, item_id, as_at })
            .unwrap_or_else(|e| panic!("attach: {e:?}"));
        assert_eq!(detail.appendices.len(), before + 1, "one appendix was added to the report");
        let added = detail.appendices.last().map(|a| a.title.clone()).unwrap_or_default();
        assert!(added.ends_with("(progress as at 1 December 2014)"), "its title names the date: {added}");
        let missing = tracker_attach(&ctx, TrackerAttachRequest { tracker_id: 99, item_id, as_at });
        assert!(matches!(missing, Err(ApiError { code: ErrorCode::NotFound, .. })), "an unknown tracker is not_found");
    }

    fn report_appendices(ctx: &ApiContext, item_id: i64) -> usize {
        ctx.store().ok().and_then(|s| s.report_detail(item_id).ok()).map(|d| d.appendices.len()).unwrap_or(0)
    }
}
