//! Commands on deadlines: `deadlines_meeting` (every deadline of a meeting with its status),
//! `deadlines_report` and `report_status_history` (one report's, for its editor), `deadlines_upcoming` (the report authors' dashboard, optionally "my reports"),
//! `deadlines_ics` (a meeting's deadlines as iCalendar text for the UI to save),
//! `deadline_rules` / `deadline_rule_save` / `deadline_rule_delete` / `deadline_override_save`
//! (a committee's local rules), `item_mark_late` (supplementary with the s100B(4)(b) reason),
//! `holidays_import`, `closure_days_list` and `closure_days_save`.
//!
//! "Today" is the date of the context's clock, so tests and the app agree on it. Deliberately
//! not here: any deadline arithmetic (the deadlines crate) or SQL (the store).

use agendapack_store::edit::{
    ClosureDay, DeadlineOverrideRow, DeadlineRow, DeadlineRuleInput, DeadlineRuleRow, HolidayImport, StatusChangeRow,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ApiContext, ApiError, NoArgs};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DeadlinesMeetingRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DeadlinesReportRequest {
    #[ts(type = "number")]
    pub item_id: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DeadlinesUpcomingRequest {
    /// Only the reports whose author's name contains this (case-insensitive).
    #[serde(default)]
    #[ts(optional)]
    pub author: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DeadlinesResponse {
    /// The day statuses were judged on.
    pub today: NaiveDate,
    pub rows: Vec<DeadlineRow>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DeadlinesIcsResponse {
    /// A suggested file name, e.g. "meeting-1-deadlines.ics".
    pub file_name: String,
    /// The iCalendar text (CRLF lines).
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DeadlineRulesRequest {
    #[ts(type = "number")]
    pub committee_id: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DeadlineRuleSaveRequest {
    #[ts(type = "number")]
    pub committee_id: i64,
    pub rule: DeadlineRuleInput,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DeadlineRuleDeleteRequest {
    #[ts(type = "number")]
    pub id: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DeadlineOverrideSaveRequest {
    #[ts(type = "number")]
    pub rule_id: i64,
    pub meeting_date: NaiveDate,
    /// Absent to remove the override (the rule's date applies again).
    #[serde(default)]
    #[ts(optional)]
    pub set: Option<DeadlineOverrideRow>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ItemMarkLateRequest {
    #[ts(type = "number")]
    pub item_id: i64,
    /// The special circumstances that make the item urgent (s100B(4)(b)).
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct HolidaysImportRequest {
    /// The government's bank-holiday JSON, as text.
    pub json: String,
    /// Where it came from (a file name), for the record.
    #[serde(default)]
    pub source: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ClosureDaysSaveRequest {
    pub days: Vec<ClosureDay>,
}

pub fn deadlines_meeting(ctx: &ApiContext, req: DeadlinesMeetingRequest) -> Result<DeadlinesResponse, ApiError> {
    let today = ctx.now().date();
    Ok(DeadlinesResponse { today, rows: ctx.store()?.meeting_deadlines(req.meeting_id, today)? })
}

pub fn deadlines_report(ctx: &ApiContext, req: DeadlinesReportRequest) -> Result<DeadlinesResponse, ApiError> {
    let today = ctx.now().date();
    Ok(DeadlinesResponse { today, rows: ctx.store()?.report_deadlines(req.item_id, today)? })
}

pub fn report_status_history(ctx: &ApiContext, req: DeadlinesReportRequest) -> Result<Vec<StatusChangeRow>, ApiError> {
    Ok(ctx.store()?.report_status_history(req.item_id)?)
}

pub fn deadlines_upcoming(ctx: &ApiContext, req: DeadlinesUpcomingRequest) -> Result<DeadlinesResponse, ApiError> {
    let today = ctx.now().date();
    Ok(DeadlinesResponse { today, rows: ctx.store()?.upcoming_deadlines(today, req.author.as_deref())? })
}

pub fn deadlines_ics(ctx: &ApiContext, req: DeadlinesMeetingRequest) -> Result<DeadlinesIcsResponse, ApiError> {
    let text = ctx.store()?.meeting_deadlines_ics(req.meeting_id, ctx.now().date())?;
    Ok(DeadlinesIcsResponse { file_name: format!("meeting-{}-deadlines.ics", req.meeting_id), text })
}

pub fn deadline_rules(ctx: &ApiContext, req: DeadlineRulesRequest) -> Result<Vec<DeadlineRuleRow>, ApiError> {
    Ok(ctx.store()?.deadline_rules(req.committee_id)?)
}

pub fn deadline_rule_save(ctx: &ApiContext, req: DeadlineRuleSaveRequest) -> Result<Vec<DeadlineRuleRow>, ApiError> {
    Ok(ctx.store()?.deadline_rule_save(req.committee_id, &req.rule)?)
}

pub fn deadline_rule_delete(ctx: &ApiContext, req: DeadlineRuleDeleteRequest) -> Result<Vec<DeadlineRuleRow>, ApiError> {
    Ok(ctx.store()?.deadline_rule_delete(req.id)?)
}

pub fn deadline_override_save(ctx: &ApiContext, req: DeadlineOverrideSaveRequest) -> Result<Vec<DeadlineRuleRow>, ApiError> {
    Ok(ctx.store()?.deadline_override_save(req.rule_id, req.meeting_date, req.set.as_ref())?)
}

pub fn item_mark_late(ctx: &ApiContext, req: ItemMarkLateRequest) -> Result<NoArgs, ApiError> {
    ctx.store()?.item_mark_late(req.item_id, &req.reason)?;
    Ok(NoArgs {})
}

pub fn holidays_import(ctx: &ApiContext, req: HolidaysImportRequest) -> Result<HolidayImport, ApiError> {
    let now = ctx.now();
    Ok(ctx.store()?.bank_holidays_import(&req.json, &req.source, now)?)
}

pub fn closure_days_list(ctx: &ApiContext, _req: NoArgs) -> Result<Vec<ClosureDay>, ApiError> {
    Ok(ctx.store()?.closure_days()?)
}

pub fn closure_days_save(ctx: &ApiContext, req: ClosureDaysSaveRequest) -> Result<Vec<ClosureDay>, ApiError> {
    Ok(ctx.store()?.closure_days_save(&req.days)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use agendapack_store::Store;

    fn demo() -> (ApiContext, i64) {
        let mut store = Store::open_in_memory().unwrap();
        let bundle = agendapack_demo::bundles().remove(0);
        let id = store.import_bundle_at(&bundle, NaiveDate::from_ymd_opt(2020, 11, 1).unwrap().and_hms_opt(9, 0, 0).unwrap()).unwrap();
        store.deadline_rules_import(&agendapack_store::edit::RulesFile::from_json(agendapack_demo::deadline_rules()).unwrap()).unwrap();
        let clock: super::super::Clock = Box::new(|| NaiveDate::from_ymd_opt(2020, 11, 19).unwrap().and_hms_opt(12, 0, 0).unwrap());
        (ApiContext::new(store).with_clock(clock), id.0)
    }

    #[test]
    fn today_comes_from_the_context_clock() {
        let (ctx, id) = demo();
        let answer = deadlines_meeting(&ctx, DeadlinesMeetingRequest { meeting_id: id }).unwrap();
        assert_eq!(answer.today, NaiveDate::from_ymd_opt(2020, 11, 19).unwrap(), "the clock's date, not the computer's");
        let minutes = answer.rows.iter().find(|r| r.kind == "draft-minutes").unwrap();
        assert_eq!(minutes.status, "upcoming", "on 19 November the draft minutes of 2 December are weeks away");
        let ics = deadlines_ics(&ctx, DeadlinesMeetingRequest { meeting_id: id }).unwrap();
        assert!(ics.text.starts_with("BEGIN:VCALENDAR\r\n"), "the UI receives the iCalendar text");
        assert_eq!(ics.text.matches("BEGIN:VEVENT").count(), answer.rows.len(), "one event per deadline");
    }

    #[test]
    fn marking_late_needs_a_reason() {
        let (ctx, _) = demo();
        let err = item_mark_late(&ctx, ItemMarkLateRequest { item_id: 1, reason: "".into() }).unwrap_err();
        assert!(err.message.contains("s100B(4)(b)"), "the refusal cites the rule: {}", err.message);
    }
}
