//! The team edition's own commands (issue 18), answered only through
//! [`authz::dispatch_as`](super::authz::dispatch_as) because they need to know who is asking
//! or only make sense with accounts: `my_reports` (an author's reports across meetings with
//! their deadlines, in place of the lists that show other people's papers), `authors_list`
//! and `report_owner_set` (an officer commissions a report from an author's account).
//!
//! Deliberately not here: who may call them (the table in `authz`), sign-in and sessions.

use agendapack_model::account::{Account, Role};
use agendapack_model::ReportStatus;
use agendapack_store::edit::DeadlineRow;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ApiContext, ApiError, NoArgs};

/// One report an author owns, with its deadlines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct MyReport {
    /// The agenda item, which is how every report command names the report.
    #[ts(type = "number")]
    pub item_id: i64,
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub committee: String,
    pub meeting_date: NaiveDate,
    /// The agenda item's title (the report's own may not be written yet).
    pub title: String,
    /// None until the report is first saved.
    pub status: Option<ReportStatus>,
    /// The report's own deadlines and its meeting's publication date.
    pub deadlines: Vec<DeadlineRow>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MyReportsResponse {
    pub today: NaiveDate,
    pub reports: Vec<MyReport>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReportOwnerSetRequest {
    #[ts(type = "number")]
    pub item_id: i64,
    /// The author's account name; null leaves the report without an author.
    #[serde(default)]
    pub account: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ReportOwner {
    #[ts(type = "number")]
    pub item_id: i64,
    pub account: Option<Account>,
}

/// The reports `account` authors, except restricted ones (an author never sees a restricted
/// paper, not even listed: its title may itself be what is withheld).
pub fn my_reports(ctx: &ApiContext, account: &Account, _req: NoArgs) -> Result<MyReportsResponse, ApiError> {
    let today = ctx.now().date();
    let store = ctx.store()?;
    let mut reports = Vec::new();
    for owned in store.reports_owned(account.id)?.into_iter().filter(|r| !r.restricted) {
        let deadlines = store.report_deadlines(owned.item_id, today)?;
        reports.push(MyReport {
            item_id: owned.item_id,
            meeting_id: owned.meeting_id,
            committee: owned.committee,
            meeting_date: owned.meeting_date,
            title: owned.title,
            status: owned.report_status,
            deadlines,
        });
    }
    Ok(MyReportsResponse { today, reports })
}

/// The accounts a report can be commissioned from: authors' accounts that are not disabled.
pub fn authors_list(ctx: &ApiContext, _req: NoArgs) -> Result<Vec<Account>, ApiError> {
    Ok(ctx.store()?.accounts()?.into_iter().filter(|a| a.role == Role::Author && !a.disabled).collect())
}

pub fn report_owner_set(ctx: &ApiContext, req: ReportOwnerSetRequest) -> Result<ReportOwner, ApiError> {
    let store = ctx.store()?;
    let account = match req.account.as_deref() {
        Some(name) => Some(store.account_by_name(name)?.ok_or_else(|| {
            ApiError::invalid("account", format!("There is no account named \"{}\".", name.chars().take(40).collect::<String>()))
        })?),
        None => None,
    };
    store.report_owner_set(req.item_id, account.as_ref().map(|a| a.id))?;
    Ok(ReportOwner { item_id: req.item_id, account })
}
