//! The TypeScript bindings of the API: every request, response and error type written by
//! ts-rs into one folder (one `.ts` file per type), committed at `ui/src/bindings/`.
//!
//! The `api_bindings` test regenerates them into a temporary folder and fails when the
//! committed files differ; `UPDATE_BINDINGS=1 cargo test -p agendapack --test api_bindings`
//! rewrites the committed files.

use std::path::Path;

use ts_rs::{ExportError, TS};

use super::{agenda, audit, committees, council, deadlines, meetings, minutes, packs, reports, ApiError, NoArgs};

/// Writes every API type (and the model and store types they use) into `dir`.
pub fn export(dir: &Path) -> Result<(), ExportError> {
    NoArgs::export_all_to(dir)?;
    ApiError::export_all_to(dir)?;
    agendapack_model::Council::export_all_to(dir)?;
    agendapack_model::MeetingSummary::export_all_to(dir)?;
    council::CouncilSaveRequest::export_all_to(dir)?;
    committees::CommitteeSaveRequest::export_all_to(dir)?;
    committees::CommitteeTextsSaveRequest::export_all_to(dir)?;
    committees::CommitteeRetireRequest::export_all_to(dir)?;
    committees::CommitteeDeleteRequest::export_all_to(dir)?;
    reports::TextCheckRequest::export_all_to(dir)?;
    agendapack_store::private_section::RestrictedByUpgrade::export_all_to(dir)?;
    committees::MembershipSaveRequest::export_all_to(dir)?;
    committees::MembershipDeleteRequest::export_all_to(dir)?;
    agendapack_store::edit::CommitteeRow::export_all_to(dir)?;
    meetings::MeetingGetRequest::export_all_to(dir)?;
    meetings::MeetingCreateRequest::export_all_to(dir)?;
    meetings::MeetingUpdateRequest::export_all_to(dir)?;
    agendapack_store::edit::MeetingDetail::export_all_to(dir)?;
    agenda::ItemAddRequest::export_all_to(dir)?;
    agenda::ItemUpdateRequest::export_all_to(dir)?;
    agenda::ItemDeleteRequest::export_all_to(dir)?;
    agenda::ItemsReorderRequest::export_all_to(dir)?;
    reports::ReportGetRequest::export_all_to(dir)?;
    reports::ReportSaveRequest::export_all_to(dir)?;
    reports::AppendixAddRequest::export_all_to(dir)?;
    reports::AppendixAttachPdfRequest::export_all_to(dir)?;
    reports::AppendixUpdateRequest::export_all_to(dir)?;
    reports::AppendixDeleteRequest::export_all_to(dir)?;
    reports::AppendicesReorderRequest::export_all_to(dir)?;
    reports::MarkdownCheckRequest::export_all_to(dir)?;
    super::word::DocxFileRequest::export_all_to(dir)?;
    super::word::DocxPreview::export_all_to(dir)?;
    super::word::ReportImportDocxResponse::export_all_to(dir)?;
    super::word::ReportRestoreRequest::export_all_to(dir)?;
    super::pictures::PictureAddRequest::export_all_to(dir)?;
    super::pictures::PictureAdded::export_all_to(dir)?;
    super::appendix_docx::AppendixImported::export_all_to(dir)?;
    reports::Diagnostic::export_all_to(dir)?;
    agendapack_store::edit::ReportDetail::export_all_to(dir)?;
    agendapack_store::edit::KeptVersion::export_all_to(dir)?;
    packs::PackBuildRequest::export_all_to(dir)?;
    packs::PackBuildResponse::export_all_to(dir)?;
    packs::PackJobRequest::export_all_to(dir)?;
    packs::PackJob::export_all_to(dir)?;
    packs::PackPdfResponse::export_all_to(dir)?;
    deadlines::DeadlinesMeetingRequest::export_all_to(dir)?;
    deadlines::DeadlinesReportRequest::export_all_to(dir)?;
    deadlines::DeadlinesUpcomingRequest::export_all_to(dir)?;
    deadlines::DeadlinesResponse::export_all_to(dir)?;
    deadlines::DeadlinesIcsResponse::export_all_to(dir)?;
    deadlines::DeadlineRulesRequest::export_all_to(dir)?;
    deadlines::DeadlineRuleSaveRequest::export_all_to(dir)?;
    deadlines::DeadlineRuleDeleteRequest::export_all_to(dir)?;
    deadlines::DeadlineOverrideSaveRequest::export_all_to(dir)?;
    deadlines::ItemMarkLateRequest::export_all_to(dir)?;
    deadlines::HolidaysImportRequest::export_all_to(dir)?;
    deadlines::ClosureDaysSaveRequest::export_all_to(dir)?;
    super::programme::ProgrammeBoardRequest::export_all_to(dir)?;
    super::programme::ProgrammeItemAddRequest::export_all_to(dir)?;
    super::programme::ProgrammeItemUpdateRequest::export_all_to(dir)?;
    super::programme::ProgrammeItemMoveRequest::export_all_to(dir)?;
    super::programme::ProgrammeItemStatusRequest::export_all_to(dir)?;
    super::programme::IdRequest::export_all_to(dir)?;
    super::programme::ForwardPlanListRow::export_all_to(dir)?;
    super::programme::ForwardPlanResponse::export_all_to(dir)?;
    super::programme::ForwardPlanSaveRequest::export_all_to(dir)?;
    super::programme::TrackerAddUpdateRequest::export_all_to(dir)?;
    super::programme::TrackerAttachRequest::export_all_to(dir)?;
    agendapack_store::programme::ProgrammeBoard::export_all_to(dir)?;
    agendapack_store::programme::PlannedItemRow::export_all_to(dir)?;
    agendapack_store::programme::PlannedItemMove::export_all_to(dir)?;
    agendapack_store::trackers::TrackerListRow::export_all_to(dir)?;
    agendapack_store::trackers::TrackerDetail::export_all_to(dir)?;
    agendapack_store::edit::DeadlineRow::export_all_to(dir)?;
    agendapack_store::edit::StatusChangeRow::export_all_to(dir)?;
    agendapack_store::edit::DeadlineRuleRow::export_all_to(dir)?;
    agendapack_store::edit::DeadlineRuleInput::export_all_to(dir)?;
    agendapack_store::edit::DeadlineOverrideRow::export_all_to(dir)?;
    agendapack_store::edit::ClosureDay::export_all_to(dir)?;
    agendapack_store::edit::HolidayImport::export_all_to(dir)?;
    minutes::MinutesGetRequest::export_all_to(dir)?;
    minutes::MinutesSaveRequest::export_all_to(dir)?;
    minutes::MinutesStatusRequest::export_all_to(dir)?;
    minutes::MinutesAmendRequest::export_all_to(dir)?;
    minutes::ActionsListRequest::export_all_to(dir)?;
    minutes::ActionDoneRequest::export_all_to(dir)?;
    minutes::MinuteNumberingSetRequest::export_all_to(dir)?;
    agendapack_store::edit::MinutesDetail::export_all_to(dir)?;
    audit::AuditListRequest::export_all_to(dir)?;
    audit::AuditView::export_all_to(dir)?;
    agendapack_store::edit::ActionRow::export_all_to(dir)?;
    // The team edition's own commands (answered through `authz::dispatch_as` only).
    super::accounts::MyReportsResponse::export_all_to(dir)?;
    super::accounts::ReportOwnerSetRequest::export_all_to(dir)?;
    super::accounts::ReportOwner::export_all_to(dir)?;
    super::accounts::ReportOwnerGetRequest::export_all_to(dir)?;
    super::accounts::AccountRow::export_all_to(dir)?;
    super::accounts::AccountNameRequest::export_all_to(dir)?;
    super::accounts::AccountAddRequest::export_all_to(dir)?;
    super::accounts::AccountUpdateRequest::export_all_to(dir)?;
    super::accounts::AccountRoleSetRequest::export_all_to(dir)?;
    super::accounts::AccountPasswordResetRequest::export_all_to(dir)?;
    super::accounts::AccountCommitteesSetRequest::export_all_to(dir)?;
    super::accounts::PasswordChangeRequest::export_all_to(dir)?;
    agendapack_store::accounts::AccountLogEntry::export_all_to(dir)?;
    super::clearance::ClearanceRouteRequest::export_all_to(dir)?;
    super::clearance::ClearanceRouteSaveRequest::export_all_to(dir)?;
    super::clearance::ClearanceStateRequest::export_all_to(dir)?;
    super::clearance::ClearanceActRequest::export_all_to(dir)?;
    super::clearance::ClearanceWaitingRequest::export_all_to(dir)?;
    super::clearance::ClearanceWaitingResponse::export_all_to(dir)?;
    agendapack_store::clearance::ClearanceState::export_all_to(dir)?;
    super::calendar_feed::CalendarFeedIssued::export_all_to(dir)?;
    super::calendar_feed::CalendarFeedRevoked::export_all_to(dir)?;
    super::clearance::ClearanceDuesRequest::export_all_to(dir)?;
    super::clearance::ClearanceDueSaveRequest::export_all_to(dir)?;
    agendapack_store::clearance::StepDue::export_all_to(dir)?;
    super::reminders::AccountEmailSetRequest::export_all_to(dir)?;
    super::reminders::SmtpSettingsResponse::export_all_to(dir)?;
    agendapack_store::reminders::SmtpSettingsInput::export_all_to(dir)?;
    Ok(())
}
