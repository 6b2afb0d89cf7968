//! The command layer the UI talks to: one function per command of the contract
//! (docs in /work/briefs/api-contract.md, mirrored in `ui/src/bindings/`), grouped by domain.
//! Each unpacks its request, calls one store or pack function, and maps the result; the Tauri
//! commands (feature `desktop`) and the `agendapack serve` HTTP bridge both call these, the
//! bridge through [`dispatch`].
//!
//! The team server calls them through [`authz::dispatch_as`], which checks the signed-in
//! account's role against one table first (and answers the few commands only accounts need).
//!
//! Request and response types are serde (snake_case, like the model's JSON) and `ts_rs::TS`;
//! [`bindings::export`] writes them as TypeScript.
//!
//! Deliberately not here: logic (the store and pack crates own it), transport (Tauri, HTTP).

pub mod accounts;
pub mod agenda;
pub mod appendix_docx;
pub mod audit;
pub mod authz;
pub mod bindings;
pub mod calendar_feed;
pub mod clearance;
pub mod committees;
mod context;
pub mod council;
pub mod deadlines;
pub mod docx;
mod error;
mod jobs;
pub mod meetings;
pub mod minutes;
pub mod packs;
pub mod pictures;
pub mod programme;
pub mod reminders;
pub mod reports;
pub mod word;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use context::{ApiContext, Clock};
pub use error::{ApiError, ErrorCode};

/// The request of a command that takes nothing: `{}`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NoArgs {}

/// Every command [`dispatch`] answers, in the contract's order.
pub const COMMANDS: &[&str] = &[
    "council_get",
    "council_save",
    "committees_list",
    "committee_save",
    "committee_texts_save",
    "committee_retire",
    "committee_delete",
    "membership_save",
    "membership_delete",
    "meetings_list",
    "private_section_notices",
    "meeting_get",
    "meeting_create",
    "meeting_update",
    "item_add",
    "item_update",
    "item_delete",
    "items_reorder",
    "report_get",
    "report_save",
    "report_kept_versions",
    "appendix_add",
    "appendix_attach_pdf",
    "appendix_update",
    "appendix_delete",
    "appendices_reorder",
    "docx_preview",
    "report_import_docx",
    "report_restore",
    "report_pictures",
    "report_picture_add",
    "appendix_import_docx",
    "markdown_check",
    "text_check",
    "pack_build",
    "pack_job",
    "pack_pdf",
    "minutes_get",
    "minutes_start",
    "minutes_save",
    "minutes_status",
    "minutes_amend",
    "actions_list",
    "action_done",
    "minute_numbering_set",
    "audit_list",
    "deadlines_meeting",
    "deadlines_report",
    "report_status_history",
    "deadlines_upcoming",
    "deadlines_ics",
    "deadline_rules",
    "deadline_rule_save",
    "deadline_rule_delete",
    "deadline_override_save",
    "item_mark_late",
    "holidays_import",
    "closure_days_list",
    "closure_days_save",
    "programme_board",
    "programme_item_add",
    "programme_item_update",
    "programme_item_move",
    "programme_item_status",
    "programme_item_confirm",
    "programme_item_history",
    "forward_plan_list",
    "forward_plan_save",
    "forward_plan_delete",
    "trackers_list",
    "tracker_get",
    "tracker_add_update",
    "tracker_attach",
    "clearance_route_get",
    "clearance_route_save",
    "clearance_state",
    "clearance_submit",
    "clearance_approve",
    "clearance_return",
    "clearance_waiting",
    "clearance_dues",
    "clearance_due_save",
    "smtp_settings_get",
    "smtp_settings_save",
    "account_email_set",
];

/// Reads a request from JSON, naming the field at fault when the shape is wrong. An empty
/// body is `{}`.
pub fn parse_request<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) { b"{}" } else { body };
    let mut de = serde_json::Deserializer::from_slice(body);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            ApiError::new(ErrorCode::Invalid, format!("The request is not valid JSON: {inner}."))
        } else if path == "." {
            ApiError::new(ErrorCode::Invalid, format!("The request is not what the command takes: {inner}."))
        } else {
            ApiError::invalid(&path, format!("The request's {path} is wrong: {inner}."))
        }
    })?;
    de.end().map_err(|e| ApiError::new(ErrorCode::Invalid, format!("The request is not valid JSON: {e}.")))?;
    Ok(value)
}

fn call<Req: DeserializeOwned, Res: Serialize>(
    ctx: &ApiContext,
    body: &[u8],
    command: impl FnOnce(&ApiContext, Req) -> Result<Res, ApiError>,
) -> Result<serde_json::Value, ApiError> {
    let response = command(ctx, parse_request(body)?)?;
    serde_json::to_value(response)
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("The response could not be written as JSON: {e}.")))
}

/// Runs `command` on a JSON request body; None when there is no such command.
pub fn dispatch(ctx: &ApiContext, command: &str, body: &[u8]) -> Option<Result<serde_json::Value, ApiError>> {
    Some(match command {
        "council_get" => call(ctx, body, council::council_get),
        "council_save" => call(ctx, body, council::council_save),
        "committees_list" => call(ctx, body, committees::committees_list),
        "committee_save" => call(ctx, body, committees::committee_save),
        "committee_texts_save" => call(ctx, body, committees::committee_texts_save),
        "committee_retire" => call(ctx, body, committees::committee_retire),
        "committee_delete" => call(ctx, body, committees::committee_delete),
        "membership_save" => call(ctx, body, committees::membership_save),
        "membership_delete" => call(ctx, body, committees::membership_delete),
        "meetings_list" => call(ctx, body, meetings::meetings_list),
        "private_section_notices" => call(ctx, body, meetings::private_section_notices),
        "meeting_get" => call(ctx, body, meetings::meeting_get),
        "meeting_create" => call(ctx, body, meetings::meeting_create),
        "meeting_update" => call(ctx, body, meetings::meeting_update),
        "item_add" => call(ctx, body, agenda::item_add),
        "item_update" => call(ctx, body, agenda::item_update),
        "item_delete" => call(ctx, body, agenda::item_delete),
        "items_reorder" => call(ctx, body, agenda::items_reorder),
        "report_get" => call(ctx, body, reports::report_get),
        "report_save" => call(ctx, body, reports::report_save),
        "report_kept_versions" => call(ctx, body, reports::report_kept_versions),
        "appendix_add" => call(ctx, body, reports::appendix_add),
        "appendix_attach_pdf" => call(ctx, body, reports::appendix_attach_pdf),
        "appendix_update" => call(ctx, body, reports::appendix_update),
        "appendix_delete" => call(ctx, body, reports::appendix_delete),
        "appendices_reorder" => call(ctx, body, reports::appendices_reorder),
        "docx_preview" => call(ctx, body, word::docx_preview),
        "report_import_docx" => call(ctx, body, word::report_import_docx),
        "report_restore" => call(ctx, body, word::report_restore),
        "report_pictures" => call(ctx, body, pictures::report_pictures),
        "report_picture_add" => call(ctx, body, pictures::report_picture_add),
        "appendix_import_docx" => call(ctx, body, appendix_docx::appendix_import_docx),
        "markdown_check" => call(ctx, body, reports::markdown_check),
        "text_check" => call(ctx, body, reports::text_check),
        "pack_build" => call(ctx, body, packs::pack_build),
        "pack_job" => call(ctx, body, packs::pack_job),
        "pack_pdf" => call(ctx, body, packs::pack_pdf),
        "minutes_get" => call(ctx, body, minutes::minutes_get),
        "minutes_start" => call(ctx, body, minutes::minutes_start),
        "minutes_save" => call(ctx, body, minutes::minutes_save),
        "minutes_status" => call(ctx, body, minutes::minutes_status),
        "minutes_amend" => call(ctx, body, minutes::minutes_amend),
        "actions_list" => call(ctx, body, minutes::actions_list),
        "action_done" => call(ctx, body, minutes::action_done),
        "minute_numbering_set" => call(ctx, body, minutes::minute_numbering_set),
        "audit_list" => call(ctx, body, audit::audit_list),
        "deadlines_meeting" => call(ctx, body, deadlines::deadlines_meeting),
        "deadlines_report" => call(ctx, body, deadlines::deadlines_report),
        "report_status_history" => call(ctx, body, deadlines::report_status_history),
        "deadlines_upcoming" => call(ctx, body, deadlines::deadlines_upcoming),
        "deadlines_ics" => call(ctx, body, deadlines::deadlines_ics),
        "deadline_rules" => call(ctx, body, deadlines::deadline_rules),
        "deadline_rule_save" => call(ctx, body, deadlines::deadline_rule_save),
        "deadline_rule_delete" => call(ctx, body, deadlines::deadline_rule_delete),
        "deadline_override_save" => call(ctx, body, deadlines::deadline_override_save),
        "item_mark_late" => call(ctx, body, deadlines::item_mark_late),
        "holidays_import" => call(ctx, body, deadlines::holidays_import),
        "closure_days_list" => call(ctx, body, deadlines::closure_days_list),
        "closure_days_save" => call(ctx, body, deadlines::closure_days_save),
        "programme_board" => call(ctx, body, programme::programme_board),
        "programme_item_add" => call(ctx, body, programme::programme_item_add),
        "programme_item_update" => call(ctx, body, programme::programme_item_update),
        "programme_item_move" => call(ctx, body, programme::programme_item_move),
        "programme_item_status" => call(ctx, body, programme::programme_item_status),
        "programme_item_confirm" => call(ctx, body, programme::programme_item_confirm),
        "programme_item_history" => call(ctx, body, programme::programme_item_history),
        "forward_plan_list" => call(ctx, body, programme::forward_plan_list),
        "forward_plan_save" => call(ctx, body, programme::forward_plan_save),
        "forward_plan_delete" => call(ctx, body, programme::forward_plan_delete),
        "trackers_list" => call(ctx, body, programme::trackers_list),
        "tracker_get" => call(ctx, body, programme::tracker_get),
        "tracker_add_update" => call(ctx, body, programme::tracker_add_update),
        "tracker_attach" => call(ctx, body, programme::tracker_attach),
        "clearance_route_get" => call(ctx, body, clearance::clearance_route_get),
        "clearance_route_save" => call(ctx, body, clearance::clearance_route_save),
        "clearance_state" => call(ctx, body, clearance::clearance_state),
        "clearance_submit" => call(ctx, body, clearance::clearance_submit),
        "clearance_approve" => call(ctx, body, clearance::clearance_approve),
        "clearance_return" => call(ctx, body, clearance::clearance_return),
        "clearance_waiting" => call(ctx, body, clearance::clearance_waiting_desk),
        "clearance_dues" => call(ctx, body, clearance::clearance_dues),
        "clearance_due_save" => call(ctx, body, clearance::clearance_due_save),
        "smtp_settings_get" => call(ctx, body, reminders::smtp_settings_get),
        "smtp_settings_save" => call(ctx, body, reminders::smtp_settings_save),
        "account_email_set" => call(ctx, body, reminders::account_email_set),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_command_is_dispatched() {
        let ctx = ApiContext::new(agendapack_store::Store::open_in_memory().unwrap());
        for command in COMMANDS {
            assert!(dispatch(&ctx, command, b"not json").is_some(), "{command} is listed, so dispatch must know it");
        }
        assert!(dispatch(&ctx, "drop_tables", b"{}").is_none(), "an unknown command is not dispatched");
    }

    #[test]
    fn a_wrong_field_is_named() {
        let err = parse_request::<meetings::MeetingGetRequest>(br#"{"id": "seven"}"#).unwrap_err();
        assert_eq!(err.field.as_deref(), Some("id"), "the field at fault is named: {err:?}");
        let err = parse_request::<meetings::MeetingGetRequest>(b"{\"id\": 1").unwrap_err();
        assert!(err.message.starts_with("The request is not valid JSON"), "broken JSON says so: {err:?}");
    }
}
