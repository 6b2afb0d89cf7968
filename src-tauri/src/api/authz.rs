//! Who may run which command on the team server (issue 18): the one table of command to roles
//! ([`PERMISSIONS`]), the ownership checks for authors and members, and [`dispatch_as`], the
//! team server's door to the same [`dispatch`] the desktop app and the loopback `serve` use.
//! Single-desk `dispatch` has no accounts and stays as it was.
//!
//! The roles (see `agendapack_model::account::Role`):
//! - **administrator**: every command of the staff (all but the author's `my_reports`), and
//!   alone the council-wide settings (the council, bank holidays and closure days, minute
//!   numbering) and the accounts (`accounts_list`, `account_add` ... `account_committees_set`).
//! - **officer** (democratic services): committees, meetings, agendas, reports (restricted ones
//!   too), packs, deadlines, the work programme, the forward plan, trackers, the audit trail;
//!   reads the minutes; commissions reports from authors (`report_owner_set`).
//! - **clerk**: the minutes, attendance and actions; reads agendas, reports and full packs.
//! - **author**: only the reports whose agenda item an officer gave their account (ownership,
//!   `Store::report_owner_set`), and never a restricted one: an item that is exempt or
//!   confidential, or whose report has an exempt or confidential appendix, is out of their
//!   reach by every command, and an appendix they add or change must be public. They may save
//!   a report while it is a draft or submitted, and set only those two statuses (clearing and
//!   publishing is the officers'). They read their reports' deadlines and status history,
//!   and the public pack of a published meeting. An author who approves a step of a clearance
//!   route (issue 19) also reads the reports submitted into that route, with their deadlines
//!   and status history (`OwnOrApproverReport`), never a restricted one.
//! - **member** (a councillor): the council, the meetings of their committees
//!   (`Store::account_committees_set`), and the public pack of a published meeting of their
//!   committees; as an approver of a clearance step (a cabinet member), the reports submitted
//!   into that route, as an author does.
//!
//! "Published" is the meeting's `published_on` date, set and on or before today; "the public
//! pack" is `pack_build` with the public edition and no DRAFT stamp, and `pack_job`/`pack_pdf`
//! of a job that builds one (the job table remembers what each job builds), so another
//! person's full pack cannot be fetched by guessing its job number.
//!
//! Lists that show other people's papers (`meeting_get`, `deadlines_meeting`,
//! `deadlines_upcoming`, `deadlines_ics`, `audit_list`) are denied to authors rather than
//! filtered: filtering each answer would put a second copy of "what an author may see" inside
//! every list, where one missed field leaks a title. Authors get `my_reports` instead: their
//! own reports across meetings, each with its deadlines. `meetings_list` (dates and committee
//! names only, no papers) is open to authors, and cut to their committees for members.
//!
//! Who the audit trail names: each command runs inside `agendapack_store::acting::acting_as`
//! with the account's full name, a name kept per thread. Swapping the store's shared actor
//! around a command would not be safe, because a command takes the store's lock more than once
//! (and a pack build finishes on its own thread), so another person's command could run in
//! between and be recorded under the wrong name; the per-thread name cannot be, and needs no
//! lock of its own.
//!
//! A request an author's or member's check cannot read is refused as forbidden: access is
//! granted when shown, never assumed.
//!
//! Deliberately not here: sign-in, sessions, cookies, throttling (the team server), and any
//! command's own logic.

use agendapack_model::account::{Account, Role};
use agendapack_model::{Access, ReportStatus};
use agendapack_pack::{Edition, PackOptions};
use serde::Deserialize;

use super::{accounts, calendar_feed, call, clearance, dispatch, meetings, ApiContext, ApiError, ErrorCode, NoArgs};

/// What an author or a member must show, beyond their role, to run a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// The request's `item_id` names a report they own that is not restricted.
    OwnReport,
    /// As [`Condition::OwnReport`], or the report has been submitted for clearance and they
    /// approve (or stand in as delegate for) a step of its committee's route: an approver
    /// with the author or member role reads the report they are asked to sign off. A
    /// restricted paper stays out of reach either way.
    OwnOrApproverReport,
    /// As [`Condition::OwnReport`], and the report is still a draft or submitted, and any
    /// status the request sets is one of those two.
    OwnReportWrite,
    /// A new appendix (`item_id`, `access`) on a report they may write, and it is public.
    OwnNewPublicAppendix,
    /// The request's appendix `id` is on a report they may write, and stays public.
    OwnAppendix,
    /// `pack_build` of the public edition, without DRAFT, of a published meeting (a member:
    /// of one of their committees).
    PublishedPublicPack,
    /// `pack_job` / `pack_pdf` of a job that builds such a pack.
    PublishedPublicJob,
    /// Allowed, with the answer cut to the meetings of their committees (`meetings_list`).
    OwnCommittees,
}

/// What one role may do with one command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    Deny,
    Allow,
    When(Condition),
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Permission {
    pub command: &'static str,
    /// The staff roles (administrator, officer, clerk) that may run it without condition.
    pub staff: &'static [Role],
    pub author: Grant,
    pub member: Grant,
}

impl Permission {
    /// What `role` may do with this command.
    pub fn grant(&self, role: Role) -> Grant {
        match role {
            Role::Author => self.author,
            Role::Member => self.member,
            staff if self.staff.contains(&staff) => Grant::Allow,
            _ => Grant::Deny,
        }
    }
}

use Condition::*;
use Grant::{Allow, Deny, When};
use Role::{Administrator as A, Clerk as C, Officer as O};

const ADMIN: &[Role] = &[A];
const OFFICE: &[Role] = &[A, O];
const MINUTES: &[Role] = &[A, C];
const STAFF: &[Role] = &[A, O, C];
const NONE: &[Role] = &[];

const fn row(command: &'static str, staff: &'static [Role], author: Grant, member: Grant) -> Permission {
    Permission { command, staff, author, member }
}

/// Commands only the team server answers (they need to know who asks, or need accounts).
pub const TEAM_COMMANDS: &[&str] = &[
    "my_reports",
    "authors_list",
    "report_owner_set",
    "calendar_feed_issue",
    "calendar_feed_revoke",
    "report_owner_get",
    "accounts_list",
    "account_add",
    "account_update",
    "account_disable",
    "account_enable",
    "account_role_set",
    "account_password_reset",
    "account_committees_set",
    "account_history",
    "password_change",
];

/// The table: every command of [`super::COMMANDS`] and [`TEAM_COMMANDS`], once.
pub const PERMISSIONS: &[Permission] = &[
    row("council_get", STAFF, Allow, Allow),
    row("council_save", ADMIN, Deny, Deny),
    row("committees_list", STAFF, Deny, Deny),
    row("committee_save", OFFICE, Deny, Deny),
    row("committee_texts_save", OFFICE, Deny, Deny),
    row("committee_retire", OFFICE, Deny, Deny),
    row("committee_delete", OFFICE, Deny, Deny),
    row("membership_save", OFFICE, Deny, Deny),
    row("membership_delete", OFFICE, Deny, Deny),
    row("meetings_list", STAFF, Allow, When(OwnCommittees)),
    row("private_section_notices", OFFICE, Deny, Deny),
    row("meeting_get", STAFF, Deny, Deny),
    row("meeting_create", OFFICE, Deny, Deny),
    row("meeting_update", OFFICE, Deny, Deny),
    row("item_add", OFFICE, Deny, Deny),
    row("item_update", OFFICE, Deny, Deny),
    row("item_delete", OFFICE, Deny, Deny),
    row("items_reorder", OFFICE, Deny, Deny),
    row("report_get", STAFF, When(OwnOrApproverReport), When(OwnOrApproverReport)),
    row("report_save", OFFICE, When(OwnReportWrite), Deny),
    row("report_kept_versions", STAFF, When(OwnReport), Deny),
    row("appendix_add", OFFICE, When(OwnNewPublicAppendix), Deny),
    row("appendix_attach_pdf", OFFICE, When(OwnNewPublicAppendix), Deny),
    row("appendix_update", OFFICE, When(OwnAppendix), Deny),
    row("appendix_delete", OFFICE, When(OwnAppendix), Deny),
    row("appendices_reorder", OFFICE, When(OwnReportWrite), Deny),
    row("docx_preview", OFFICE, When(OwnReport), Deny),
    row("report_import_docx", OFFICE, When(OwnReportWrite), Deny),
    row("report_restore", OFFICE, When(OwnReportWrite), Deny),
    row("report_pictures", STAFF, When(OwnOrApproverReport), When(OwnOrApproverReport)),
    row("report_picture_add", OFFICE, When(OwnReportWrite), Deny),
    // A Word appendix whose file marks it restricted makes the report restricted, and so out
    // of the author's reach from then on: never a leak.
    row("appendix_import_docx", OFFICE, When(OwnReportWrite), Deny),
    // It reads the report's pictures to find `media:` names, so an author checks only their own.
    row("markdown_check", STAFF, When(OwnReport), Deny),
    row("text_check", STAFF, Allow, Deny),
    row("pack_build", STAFF, When(PublishedPublicPack), When(PublishedPublicPack)),
    row("pack_job", STAFF, When(PublishedPublicJob), When(PublishedPublicJob)),
    row("pack_pdf", STAFF, When(PublishedPublicJob), When(PublishedPublicJob)),
    row("minutes_get", STAFF, Deny, Deny),
    row("minutes_start", MINUTES, Deny, Deny),
    row("minutes_save", MINUTES, Deny, Deny),
    row("minutes_status", MINUTES, Deny, Deny),
    row("minutes_amend", MINUTES, Deny, Deny),
    row("actions_list", STAFF, Deny, Deny),
    row("action_done", MINUTES, Deny, Deny),
    row("minute_numbering_set", ADMIN, Deny, Deny),
    row("audit_list", OFFICE, Deny, Deny),
    row("deadlines_meeting", STAFF, Deny, Deny),
    row("deadlines_report", STAFF, When(OwnOrApproverReport), When(OwnOrApproverReport)),
    row("report_status_history", STAFF, When(OwnOrApproverReport), When(OwnOrApproverReport)),
    row("deadlines_upcoming", STAFF, Deny, Deny),
    row("deadlines_ics", STAFF, Deny, Deny),
    row("deadline_rules", OFFICE, Deny, Deny),
    row("deadline_rule_save", OFFICE, Deny, Deny),
    row("deadline_rule_delete", OFFICE, Deny, Deny),
    row("deadline_override_save", OFFICE, Deny, Deny),
    row("item_mark_late", OFFICE, Deny, Deny),
    row("holidays_import", ADMIN, Deny, Deny),
    row("closure_days_list", STAFF, Deny, Deny),
    row("closure_days_save", ADMIN, Deny, Deny),
    row("programme_board", OFFICE, Deny, Deny),
    row("programme_item_add", OFFICE, Deny, Deny),
    row("programme_item_update", OFFICE, Deny, Deny),
    row("programme_item_move", OFFICE, Deny, Deny),
    row("programme_item_status", OFFICE, Deny, Deny),
    row("programme_item_confirm", OFFICE, Deny, Deny),
    row("programme_item_history", OFFICE, Deny, Deny),
    row("forward_plan_list", STAFF, Deny, Deny),
    row("forward_plan_save", OFFICE, Deny, Deny),
    row("forward_plan_delete", OFFICE, Deny, Deny),
    row("trackers_list", STAFF, Deny, Deny),
    row("tracker_get", STAFF, Deny, Deny),
    row("tracker_add_update", OFFICE, Deny, Deny),
    row("tracker_attach", OFFICE, Deny, Deny),
    row("my_reports", NONE, Allow, Deny),
    row("authors_list", OFFICE, Deny, Deny),
    row("report_owner_set", OFFICE, Deny, Deny),
    row("report_owner_get", OFFICE, Deny, Deny),
    // Accounts are the administrator's alone (the store keeps the last enabled one).
    row("accounts_list", ADMIN, Deny, Deny),
    row("account_add", ADMIN, Deny, Deny),
    row("account_update", ADMIN, Deny, Deny),
    row("account_disable", ADMIN, Deny, Deny),
    row("account_enable", ADMIN, Deny, Deny),
    row("account_role_set", ADMIN, Deny, Deny),
    row("account_password_reset", ADMIN, Deny, Deny),
    row("account_committees_set", ADMIN, Deny, Deny),
    row("account_history", ADMIN, Deny, Deny),
    // Everyone's own password, knowing the current one.
    row("password_change", STAFF, Allow, Allow),
    // Clearance (issue 19): officers edit routes. Anyone may approve, return or list what
    // waits for them, because an approver can hold any role (a finance officer with an author
    // account, a cabinet member); the store lets only an approver or delegate of the waiting
    // step act, and only officers record for someone else (`agendapack_store::clearance`).
    row("clearance_route_get", STAFF, Deny, Deny),
    row("clearance_route_save", OFFICE, Deny, Deny),
    row("clearance_state", STAFF, When(OwnOrApproverReport), When(OwnOrApproverReport)),
    row("clearance_submit", OFFICE, When(OwnReportWrite), Deny),
    row("clearance_approve", STAFF, Allow, Allow),
    row("clearance_return", STAFF, Allow, Allow),
    row("clearance_waiting", STAFF, Allow, Allow),
    // Everyone's own calendar feed (issue 19).
    row("calendar_feed_issue", STAFF, Allow, Allow),
    row("calendar_feed_revoke", STAFF, Allow, Allow),
    // A step's due date for one meeting, set by hand as deadlines are (issue 19); reminders'
    // mail server and each account's address are council-wide settings.
    row("clearance_dues", STAFF, Deny, Deny),
    row("clearance_due_save", OFFICE, Deny, Deny),
    row("smtp_settings_get", ADMIN, Deny, Deny),
    row("smtp_settings_save", ADMIN, Deny, Deny),
    row("account_email_set", ADMIN, Deny, Deny),
];

/// The commands that change nothing. Every other command changes what is stored, and after
/// each one that succeeds the team server tells everyone signed in (`GET /api/events`), so
/// their screens re-fetch. Listed here, beside the table, so that "does it change anything" is
/// decided in one place; a command not listed counts as a change (a needless event costs one
/// re-fetch, a missing one a stale screen).
pub const READS: &[&str] = &[
    "council_get",
    "committees_list",
    "meetings_list",
    "private_section_notices",
    "meeting_get",
    "report_get",
    "report_kept_versions",
    "docx_preview",
    "report_pictures",
    "markdown_check",
    "text_check",
    "pack_job",
    "pack_pdf",
    "minutes_get",
    "actions_list",
    "audit_list",
    "deadlines_meeting",
    "deadlines_report",
    "report_status_history",
    "deadlines_upcoming",
    "deadlines_ics",
    "deadline_rules",
    "closure_days_list",
    "programme_board",
    "programme_item_history",
    "forward_plan_list",
    "trackers_list",
    "tracker_get",
    "my_reports",
    "authors_list",
    "report_owner_get",
    "accounts_list",
    "clearance_route_get",
    "clearance_state",
    "clearance_waiting",
    "clearance_dues",
    "smtp_settings_get",
];

/// How much of a change (the team server's live updates) a person may be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Told {
    /// The command, the ids and who made it.
    Everything,
    /// Only that a meeting (or the council's settings) changed: no item, no name.
    MeetingOnly,
    /// Nothing at all.
    Nothing,
}

/// What `account` may be told of a change to `item_id` of `meeting_id`, by the rules of the
/// commands they could re-run: staff everything; an author or member everything about a report
/// they may open (their own, or one they approve), and of other changes only that a meeting
/// changed (an author's deadlines follow the meeting's date; a member's only for a meeting of
/// their committees), never another person's item nor who changed it.
pub fn told_of_change(ctx: &ApiContext, account: &Account, item_id: Option<i64>, meeting_id: Option<i64>) -> Result<Told, ApiError> {
    if STAFF.contains(&account.role) {
        return Ok(Told::Everything);
    }
    if let Some(item_id) = item_id {
        let theirs = (account.role == Role::Author && may_read(ctx, account, item_id)?) || approves(ctx, account, item_id)?;
        return Ok(if theirs { Told::Everything } else { Told::Nothing });
    }
    let Some(meeting_id) = meeting_id else { return Ok(Told::MeetingOnly) };
    if account.role == Role::Member {
        let store = ctx.store()?;
        let committee = store.meeting_facts(meeting_id)?.map(|m| m.committee_id);
        let theirs = committee.is_some_and(|c| store.account_committees(account.id).is_ok_and(|mine| mine.contains(&c)));
        return Ok(if theirs { Told::MeetingOnly } else { Told::Nothing });
    }
    Ok(Told::MeetingOnly)
}

/// Whether a successful `command` may have changed what is stored (see [`READS`]).
pub fn changes_state(command: &str) -> bool {
    !READS.contains(&command)
}

/// The row of `command`; None for a command no door answers.
pub fn permission(command: &str) -> Option<&'static Permission> {
    PERMISSIONS.iter().find(|p| p.command == command)
}

fn sign_in_first() -> ApiError {
    ApiError::new(ErrorCode::SignInRequired, "Sign in first: this server answers only signed-in accounts.")
}

fn forbidden(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::Forbidden, message)
}

/// Runs `command` for `actor` (None: no one is signed in): refused with
/// [`ErrorCode::SignInRequired`] without an account, [`ErrorCode::Forbidden`] when the table
/// or the ownership checks say no; otherwise answered by [`dispatch`] (or a team command),
/// with the audit trail naming the account. None when no door answers `command`.
pub fn dispatch_as(
    ctx: &ApiContext,
    actor: Option<&Account>,
    command: &str,
    body: &[u8],
) -> Option<Result<serde_json::Value, ApiError>> {
    let permission = permission(command)?;
    Some(run_as(ctx, actor, permission, body))
}

fn run_as(ctx: &ApiContext, actor: Option<&Account>, permission: &Permission, body: &[u8]) -> Result<serde_json::Value, ApiError> {
    let actor = actor.ok_or_else(sign_in_first)?;
    // The account as stored now: one disabled, or given another role, since it signed in is
    // held to what it is now.
    let account = ctx.store()?.account_get(actor.id)?.filter(|a| !a.disabled).ok_or_else(sign_in_first)?;
    let grant = permission.grant(account.role);
    match grant {
        Deny => {
            return Err(forbidden(format!("An account with the {} role may not use {}.", account.role, permission.command)));
        }
        Allow => {}
        When(condition) => check(ctx, &account, condition, permission.command, body)?,
    }
    agendapack_store::acting::acting_as(account.audit_name(), || answer(ctx, &account, grant, permission.command, body))
}

fn answer(ctx: &ApiContext, account: &Account, grant: Grant, command: &str, body: &[u8]) -> Result<serde_json::Value, ApiError> {
    match command {
        "my_reports" => call(ctx, body, |ctx, req: NoArgs| accounts::my_reports(ctx, account, req)),
        "authors_list" => call(ctx, body, accounts::authors_list),
        "report_owner_set" => call(ctx, body, accounts::report_owner_set),
        "report_owner_get" => call(ctx, body, accounts::report_owner_get),
        "accounts_list" => call(ctx, body, accounts::accounts_list),
        "account_add" => call(ctx, body, accounts::account_add),
        "account_update" => call(ctx, body, accounts::account_update),
        "account_disable" => call(ctx, body, accounts::account_disable),
        "account_enable" => call(ctx, body, accounts::account_enable),
        "account_role_set" => call(ctx, body, accounts::account_role_set),
        "account_password_reset" => call(ctx, body, accounts::account_password_reset),
        "account_committees_set" => call(ctx, body, accounts::account_committees_set),
        "account_history" => call(ctx, body, accounts::account_history),
        "password_change" => call(ctx, body, |ctx, req| accounts::password_change(ctx, account, req)),
        "calendar_feed_issue" => call(ctx, body, |ctx, req: NoArgs| calendar_feed::calendar_feed_issue(ctx, account, req)),
        "calendar_feed_revoke" => call(ctx, body, |ctx, req: NoArgs| calendar_feed::calendar_feed_revoke(ctx, account, req)),
        // The clearance moves act as the signed-in account, never as the desk.
        "clearance_submit" => call(ctx, body, |ctx, req| clearance::clearance_act(ctx, Some(account), clearance::Move::Submit, req)),
        "clearance_approve" => call(ctx, body, |ctx, req| clearance::clearance_act(ctx, Some(account), clearance::Move::Approve, req)),
        "clearance_return" => call(ctx, body, |ctx, req| clearance::clearance_act(ctx, Some(account), clearance::Move::Return, req)),
        "clearance_waiting" => call(ctx, body, |ctx, req| clearance::clearance_waiting(ctx, Some(account), req)),
        "meetings_list" if grant == When(OwnCommittees) => call(ctx, body, |ctx, req: NoArgs| {
            let committees = ctx.store()?.account_committees(account.id)?;
            let all = meetings::meetings_list(ctx, req)?;
            let store = ctx.store()?;
            let mut mine = Vec::new();
            for meeting in all {
                let facts = store.meeting_facts(meeting.id)?;
                if facts.is_some_and(|f| committees.contains(&f.committee_id)) {
                    mine.push(meeting);
                }
            }
            Ok(mine)
        }),
        command => dispatch(ctx, command, body).unwrap_or_else(|| {
            Err(ApiError::new(ErrorCode::Internal, format!("{command} is in the permission table but nothing answers it.")))
        }),
    }
}

// The parts of requests the checks read. Unknown fields are ignored here (the command's own
// parsing refuses them); a request whose part cannot be read is refused.
#[derive(Deserialize)]
struct ItemRef {
    item_id: i64,
}
#[derive(Deserialize)]
struct NewAppendix {
    item_id: i64,
    #[serde(default)]
    access: Access,
}
#[derive(Deserialize)]
struct AppendixRef {
    id: i64,
    #[serde(default)]
    access: Access,
}
#[derive(Deserialize)]
struct StatusOnly {
    status: ReportStatus,
}
#[derive(Deserialize)]
struct SaveRef {
    report: StatusOnly,
}
#[derive(Deserialize)]
struct RestoreRef {
    previous: SaveRef,
}
#[derive(Deserialize)]
struct PackRef {
    meeting_id: i64,
    edition: super::packs::PackEdition,
    #[serde(default)]
    supplement: bool,
    #[serde(default)]
    draft: bool,
}
#[derive(Deserialize)]
struct JobRef {
    job_id: u64,
}

fn read<'a, T: Deserialize<'a>>(body: &'a [u8]) -> Option<T> {
    serde_json::from_slice(body).ok()
}

/// The statuses an author may give a report, and the ones in which it is still theirs to change.
fn author_status(status: ReportStatus) -> bool {
    matches!(status, ReportStatus::Draft | ReportStatus::Submitted)
}

const NOT_YOURS: &str = "An author may open and change only their own reports, and never a restricted one.";

fn check(ctx: &ApiContext, account: &Account, condition: Condition, command: &str, body: &[u8]) -> Result<(), ApiError> {
    let shown = match condition {
        OwnReport => read::<ItemRef>(body).map(|r| may_read(ctx, account, r.item_id)).transpose()?,
        OwnOrApproverReport => read::<ItemRef>(body)
            .map(|r| Ok::<_, ApiError>(may_read(ctx, account, r.item_id)? || approves(ctx, account, r.item_id)?))
            .transpose()?,
        OwnReportWrite => {
            let item = read::<ItemRef>(body);
            let status_ok = match command {
                "report_save" => read::<SaveRef>(body).map(|r| author_status(r.report.status)),
                "report_restore" => read::<RestoreRef>(body).map(|r| author_status(r.previous.report.status)),
                _ => Some(true),
            };
            match (item, status_ok) {
                (Some(item), Some(true)) => Some(may_write(ctx, account, item.item_id)?),
                (Some(_), Some(false)) => {
                    return Err(forbidden("An author may set a report's status to draft or submitted only."));
                }
                _ => None,
            }
        }
        OwnNewPublicAppendix => read::<NewAppendix>(body)
            .map(|a| Ok::<_, ApiError>(!a.access.is_restricted() && may_write(ctx, account, a.item_id)?))
            .transpose()?,
        OwnAppendix => match read::<AppendixRef>(body) {
            Some(a) if !a.access.is_restricted() => {
                // Bound first: the store's guard must be gone before `may_write` takes it again.
                let item = ctx.store()?.appendix_item(a.id)?;
                match item {
                    Some(item_id) => Some(may_write(ctx, account, item_id)?),
                    None => Some(false),
                }
            }
            _ => None,
        },
        PublishedPublicPack => read::<PackRef>(body)
            .map(|p| {
                let options = PackOptions {
                    edition: match p.edition {
                        super::packs::PackEdition::Public => Edition::Public,
                        super::packs::PackEdition::Full => Edition::Full,
                    },
                    supplement: p.supplement,
                    draft: p.draft,
                };
                published_public(ctx, account, p.meeting_id, options)
            })
            .transpose()?,
        PublishedPublicJob => match read::<JobRef>(body) {
            Some(job) => match ctx.jobs.kind(job.job_id) {
                Ok((meeting_id, options)) => Some(published_public(ctx, account, meeting_id, options)?),
                // An unknown job says no more than a forbidden one.
                Err(_) => Some(false),
            },
            None => None,
        },
        OwnCommittees => Some(true),
    };
    if shown == Some(true) {
        return Ok(());
    }
    Err(forbidden(match condition {
        PublishedPublicPack | PublishedPublicJob => match account.role {
            Role::Member => "Your account may open only the public pack of a published meeting of your committees.",
            _ => "Your account may open only the public pack of a published meeting.",
        },
        _ => NOT_YOURS,
    }))
}

/// Item `item_id` has a report `account` owns, and it is not restricted.
fn may_read(ctx: &ApiContext, account: &Account, item_id: i64) -> Result<bool, ApiError> {
    let facts = ctx.store()?.item_facts(item_id)?;
    Ok(facts.is_some_and(|f| f.owner == Some(account.id) && !f.restricted))
}

/// Item `item_id`'s report is not restricted, has been submitted for clearance, and `account`
/// approves a step of its route or is a delegate of one of the step's approvers.
fn approves(ctx: &ApiContext, account: &Account, item_id: i64) -> Result<bool, ApiError> {
    let restricted = ctx.store()?.item_facts(item_id)?.is_none_or(|f| f.restricted);
    if restricted {
        return Ok(false);
    }
    let state = ctx.store()?.clearance_state(item_id, ctx.now().date())?;
    let submitted = state.history.iter().any(|e| e.action == "submit");
    let on_route = state.steps.iter().flat_map(|s| &s.approvers).any(|a| {
        a.account.eq_ignore_ascii_case(&account.name) || a.delegate.as_deref().is_some_and(|d| d.eq_ignore_ascii_case(&account.name))
    });
    Ok(submitted && on_route)
}

/// As [`may_read`], and the report is not yet cleared or published.
fn may_write(ctx: &ApiContext, account: &Account, item_id: i64) -> Result<bool, ApiError> {
    let facts = ctx.store()?.item_facts(item_id)?;
    Ok(facts.is_some_and(|f| {
        f.owner == Some(account.id) && !f.restricted && f.report_status.is_none_or(author_status)
    }))
}

/// The pack is the public edition without DRAFT of a published meeting (for a member, one of
/// their committees').
fn published_public(ctx: &ApiContext, account: &Account, meeting_id: i64, options: PackOptions) -> Result<bool, ApiError> {
    if options.edition != Edition::Public || options.draft {
        return Ok(false);
    }
    let store = ctx.store()?;
    let Some(meeting) = store.meeting_facts(meeting_id)? else { return Ok(false) };
    let published = meeting.published_on.is_some_and(|on| on <= ctx.now().date());
    if !published {
        return Ok(false);
    }
    if account.role == Role::Member {
        return Ok(store.account_committees(account.id)?.contains(&meeting.committee_id));
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_exactly_one_row() {
        for command in super::super::COMMANDS.iter().chain(TEAM_COMMANDS) {
            let rows = PERMISSIONS.iter().filter(|p| p.command == *command).count();
            assert_eq!(rows, 1, "{command} must have exactly one row in the permission table");
        }
        for p in PERMISSIONS {
            let known = super::super::COMMANDS.contains(&p.command) || TEAM_COMMANDS.contains(&p.command);
            assert!(known, "{} is in the table but no door answers it", p.command);
        }
    }

    #[test]
    fn every_read_is_a_command_of_the_table() {
        for command in READS {
            assert!(permission(command).is_some(), "{command} is listed as a read but has no row");
        }
        assert!(changes_state("report_save") && !changes_state("report_get"));
    }

    #[test]
    fn the_administrator_may_run_every_staff_command() {
        for p in PERMISSIONS {
            if p.staff.is_empty() {
                continue;
            }
            assert_eq!(p.grant(Role::Administrator), Allow, "the administrator may run {}", p.command);
        }
    }

    #[test]
    fn without_a_session_every_command_asks_to_sign_in() {
        let ctx = ApiContext::new(agendapack_store::Store::open_in_memory().unwrap());
        for p in PERMISSIONS {
            let err = dispatch_as(&ctx, None, p.command, b"{}").expect("known").unwrap_err();
            assert_eq!(err.code, ErrorCode::SignInRequired, "{} without a session", p.command);
        }
        assert!(dispatch_as(&ctx, None, "drop_tables", b"{}").is_none(), "an unknown command is not answered");
    }
}
