//! The team edition's own commands (issue 18), answered only through
//! [`authz::dispatch_as`](super::authz::dispatch_as) because they need to know who is asking
//! or only make sense with accounts: `my_reports` (an author's reports across meetings with
//! their deadlines, in place of the lists that show other people's papers), `authors_list`,
//! `report_owner_get` and `report_owner_set` (an officer commissions a report from an author's
//! account); the administrator's accounts screen (`accounts_list`, `account_add`,
//! `account_update`, `account_disable`, `account_enable`, `account_role_set`,
//! `account_password_reset`, `account_committees_set`, `account_history`); and
//! `password_change`, anyone's own.
//!
//! Each change answers the account's row as it now is, so the screen replaces one row. The
//! rules (names, passwords, the last enabled administrator) are the store's; a refusal names
//! its field so the screen shows it beside that field.
//!
//! Deliberately not here: who may call them (the table in `authz`), sign-in and sessions.

use agendapack_model::account::{Account, Role};
use agendapack_model::ReportStatus;
use agendapack_store::accounts::AccountLogEntry;
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

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReportOwnerGetRequest {
    #[ts(type = "number")]
    pub item_id: i64,
}

/// Who authors item `item_id`'s report (the item editor's picker shows it).
pub fn report_owner_get(ctx: &ApiContext, req: ReportOwnerGetRequest) -> Result<ReportOwner, ApiError> {
    let store = ctx.store()?;
    store.item_facts(req.item_id)?.ok_or_else(|| ApiError::not_found(format!("There is no agenda item {}.", req.item_id)))?;
    let account = match store.report_owner(req.item_id)? {
        Some(id) => store.account_get(id)?,
        None => None,
    };
    Ok(ReportOwner { item_id: req.item_id, account })
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

/// One account as the administrator's screen lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AccountRow {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub display: String,
    pub role: Role,
    pub disabled: bool,
    /// Printed after the name where the account signs something off ('' when none).
    pub job_title: String,
    /// The committees a member's account sits on, by id (empty for other roles).
    #[ts(type = "Array<number>")]
    pub committees: Vec<i64>,
    /// Where the account's e-mail reminders go ('' when none; `account_email_set`).
    pub email: String,
}

/// An account named by its sign-in name.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AccountNameRequest {
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AccountAddRequest {
    pub name: String,
    #[serde(default)]
    pub display: String,
    pub role: Role,
    /// The first password, which the person changes after signing in.
    pub password: String,
    #[serde(default)]
    pub job_title: String,
}

/// The full name and job title of the account `name`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AccountUpdateRequest {
    pub name: String,
    pub display: String,
    pub job_title: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AccountRoleSetRequest {
    pub name: String,
    pub role: Role,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AccountPasswordResetRequest {
    pub name: String,
    pub password: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AccountCommitteesSetRequest {
    pub name: String,
    #[ts(type = "Array<number>")]
    pub committee_ids: Vec<i64>,
}

/// The signed-in person's own password: the current one, and the new one.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PasswordChangeRequest {
    pub current: String,
    pub password: String,
}

fn shown(name: &str) -> String {
    name.chars().take(40).collect()
}

fn row(store: &agendapack_store::Store, account: Account) -> Result<AccountRow, ApiError> {
    let job_title = store.account_job_title(account.id)?;
    let committees = if account.role == Role::Member { store.account_committees(account.id)? } else { Vec::new() };
    let email = store.account_email(account.id)?;
    let Account { id, name, display, role, disabled } = account;
    Ok(AccountRow { id, name, display, role, disabled, job_title, committees, email })
}

fn row_named(store: &agendapack_store::Store, name: &str) -> Result<AccountRow, ApiError> {
    let account = store
        .account_by_name(name)?
        .ok_or_else(|| ApiError::invalid("name", format!("There is no account named \"{}\".", shown(name))))?;
    row(store, account)
}

/// Every account, disabled ones too, by name.
pub fn accounts_list(ctx: &ApiContext, _req: NoArgs) -> Result<Vec<AccountRow>, ApiError> {
    let store = ctx.store()?;
    store.accounts()?.into_iter().map(|a| row(&store, a)).collect()
}

pub fn account_add(ctx: &ApiContext, req: AccountAddRequest) -> Result<AccountRow, ApiError> {
    let now = ctx.now();
    let store = ctx.store()?;
    let added = store.account_add(&req.name, &req.display, req.role, &req.password, now)?;
    if !req.job_title.trim().is_empty() {
        store.account_job_title_set(&added.name, &req.job_title)?;
    }
    row(&store, added)
}

pub fn account_update(ctx: &ApiContext, req: AccountUpdateRequest) -> Result<AccountRow, ApiError> {
    let store = ctx.store()?;
    let account = store.account_display_set(&req.name, &req.display)?;
    store.account_job_title_set(&account.name, &req.job_title)?;
    row_named(&store, &account.name)
}

/// Disables an account: its sessions end with their next request.
pub fn account_disable(ctx: &ApiContext, req: AccountNameRequest) -> Result<AccountRow, ApiError> {
    let store = ctx.store()?;
    let account = store.account_disable(&req.name)?;
    row(&store, account)
}

pub fn account_enable(ctx: &ApiContext, req: AccountNameRequest) -> Result<AccountRow, ApiError> {
    let store = ctx.store()?;
    let account = store.account_enable(&req.name)?;
    row(&store, account)
}

/// Gives an account another role: it is held to it from its next request.
pub fn account_role_set(ctx: &ApiContext, req: AccountRoleSetRequest) -> Result<AccountRow, ApiError> {
    let store = ctx.store()?;
    let account = store.account_role_set(&req.name, req.role)?;
    row(&store, account)
}

pub fn account_password_reset(ctx: &ApiContext, req: AccountPasswordResetRequest) -> Result<AccountRow, ApiError> {
    let store = ctx.store()?;
    let account = store.account_reset_password(&req.name, &req.password)?;
    row(&store, account)
}

/// Sets the committees a member's account sits on (what they may see).
pub fn account_committees_set(ctx: &ApiContext, req: AccountCommitteesSetRequest) -> Result<AccountRow, ApiError> {
    let mut store = ctx.store()?;
    let account = store
        .account_by_name(&req.name)?
        .ok_or_else(|| ApiError::invalid("name", format!("There is no account named \"{}\".", shown(&req.name))))?;
    if account.role != Role::Member {
        return Err(ApiError::invalid("committee_ids", format!("{} is not a member's account; only members sit on committees.", account.name)));
    }
    store.account_committees_set(account.id, &req.committee_ids)?;
    row(&store, account)
}

/// The trail of one account: who added, disabled, enabled or changed it, and when.
pub fn account_history(ctx: &ApiContext, req: AccountNameRequest) -> Result<Vec<AccountLogEntry>, ApiError> {
    let store = ctx.store()?;
    let account = store
        .account_by_name(&req.name)?
        .ok_or_else(|| ApiError::invalid("name", format!("There is no account named \"{}\".", shown(&req.name))))?;
    Ok(store.account_log(account.id)?)
}

/// The signed-in person changes their own password, giving the current one.
pub fn password_change(ctx: &ApiContext, account: &Account, req: PasswordChangeRequest) -> Result<NoArgs, ApiError> {
    ctx.store()?.account_password_change(account.id, &req.current, &req.password)?;
    Ok(NoArgs {})
}
