//! E-mail reminders (issue 19, migration 0014): what is due to be sent, and what was. The
//! council's SMTP server ([`SmtpSettings`]), each account's e-mail address, and the reminders
//! owed on a given day ([`Store::reminders_due`]):
//! - every clearance step waiting for sign-off that is due "tomorrow" (after today, on or
//!   before the next working day, so Friday's run covers a Monday date) or overdue: one to
//!   each approver and each approver's delegate;
//! - every report's final-report deadline (the committee's deadline rule, with any per-meeting
//!   override) due tomorrow or overdue while the report is not handed in: one to its author
//!   (the account an officer gave the report; restricted reports left out, as in the feed).
//!
//! Each reminder is sent once: [`Store::reminder_sent`] records it in `reminders_sent`, keyed
//! by item, subject, round, due date, kind and account, and `reminders_due` leaves out what is
//! recorded, so a second run sends nothing new. A resubmitted report (a new round) or a moved
//! due date is a new reminder.
//!
//! The SMTP password is write-only: [`SmtpSettings`] (what screens see) says only whether one
//! is set; [`Store::smtp_server`] (for the mailer) gives it, preferring the environment
//! variable [`SMTP_PASSWORD_VARIABLE`] so a council can keep it out of the database and its
//! backups. Deliberately not here: sending (the app's `reminders` module, with `lettre`).

use agendapack_deadlines::DeadlineKind;
use agendapack_model::limits::{self, Field};
use agendapack_model::validate::Problem;
use chrono::{Days, NaiveDate, NaiveDateTime};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::clearance::open_steps;
use crate::ownership::RESTRICTED;
use crate::queries::deadlines as q;
use crate::{codes, Store, StoreError};

/// Read instead of the stored SMTP password when set.
pub const SMTP_PASSWORD_VARIABLE: &str = "AGENDAPACK_SMTP_PASSWORD";
const MAX_HOST_CHARS: usize = 253;
const MAX_SECRET_CHARS: usize = 1_000;
const MAX_ADDRESS_CHARS: usize = 500;

/// The council's mail server as the settings screen shows it (never the password).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    /// "none", "starttls" or "tls".
    pub tls: String,
    /// The sender of reminders: "Democratic Services <democracy@council.gov.uk>" or a bare address.
    pub from_address: String,
    /// '' when the server takes mail without signing in.
    pub username: String,
    /// Whether a password is stored (it is never shown).
    pub password_set: bool,
    /// The team server's address the e-mails link to, e.g. "https://agendapack.council.gov.uk:8443"; '' for none.
    pub link_address: String,
}

/// The settings as an administrator saves them.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSettingsInput {
    pub host: String,
    pub port: u16,
    pub tls: String,
    pub from_address: String,
    #[serde(default)]
    pub username: String,
    /// Absent: keep the stored password; "": remove it; otherwise the new one.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub password: Option<String>,
    #[serde(default)]
    pub link_address: String,
}

/// What the mailer needs, password included. Not serialisable: it never leaves the process.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpServer {
    pub host: String,
    pub port: u16,
    pub tls: String,
    pub from_address: String,
    pub username: String,
    pub password: String,
    pub link_address: String,
}

impl std::fmt::Debug for SmtpServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SmtpServer {{ {}:{} ({}), from {} }}", self.host, self.port, self.tls, self.from_address)
    }
}

/// Which reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReminderKind {
    DueTomorrow,
    Overdue,
}

impl ReminderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReminderKind::DueTomorrow => "due-tomorrow",
            ReminderKind::Overdue => "overdue",
        }
    }
}

/// One reminder owed to one account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    pub item_id: i64,
    /// "step:<position>" or "final-report".
    pub subject: String,
    pub round: i64,
    pub due: NaiveDate,
    pub kind: ReminderKind,
    pub account_id: i64,
    /// The account's sign-in name and full name.
    pub account: String,
    pub account_display: String,
    /// '' when the account has none (the reminder cannot be sent).
    pub email: String,
    /// "approver", "delegate" or "author".
    pub role: String,
    pub committee: String,
    pub meeting_date: NaiveDate,
    /// The report's title ("the report of item N" for a restricted paper, which an e-mail
    /// does not name).
    pub report: String,
    /// The clearance step's name; None for the final report.
    pub step: Option<String>,
}

fn invalid(path: &str, message: impl Into<String>) -> StoreError {
    StoreError::Invalid(vec![Problem { path: path.to_string(), message: message.into() }])
}

/// The sentence for an e-mail address that cannot be one; None when it can.
pub fn email_problem(email: &str) -> Option<String> {
    if let Some(long) = limits::check(Field::Email, email) {
        return Some(long);
    }
    let mut parts = email.split('@');
    let (local, domain) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let bad = parts.next().is_some()
        || local.is_empty()
        || domain.is_empty()
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
        || email.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';' | '"'));
    bad.then(|| "an e-mail address must be one address such as name@council.gov.uk".to_string())
}

/// The last day "tomorrow" covers from `today`: the next working day (a Friday's run reminds of
/// Saturday, Sunday and Monday dates).
fn tomorrow_until(today: NaiveDate, cal: &agendapack_deadlines::WorkingCalendar) -> NaiveDate {
    let mut day = today + Days::new(1);
    for _ in 0..30 {
        if cal.is_working_day(day) {
            return day;
        }
        day = day + Days::new(1);
    }
    today + Days::new(1)
}

impl Store {
    /// Sets (or, with "", removes) the e-mail address reminders go to for account `name`.
    pub fn account_email_set(&self, name: &str, email: &str) -> Result<(), StoreError> {
        let email = email.trim();
        if !email.is_empty() {
            if let Some(problem) = email_problem(email) {
                return Err(invalid("email", problem));
            }
        }
        let account = self.account_by_name(name)?.ok_or_else(|| StoreError::NoAccount(name.chars().take(40).collect()))?;
        self.conn.execute("UPDATE accounts SET email = ?2 WHERE id = ?1", params![account.id, email])?;
        Ok(())
    }

    /// The e-mail address of account `account_id` ('' when none).
    pub fn account_email(&self, account_id: i64) -> Result<String, StoreError> {
        Ok(self.conn.query_row("SELECT email FROM accounts WHERE id = ?1", [account_id], |r| r.get(0)).optional()?.unwrap_or_default())
    }

    /// The council's mail server as screens show it; None until one is saved.
    pub fn smtp_settings(&self) -> Result<Option<SmtpSettings>, StoreError> {
        Ok(self.smtp_stored()?.map(|s| SmtpSettings {
            password_set: !s.password.is_empty(),
            host: s.host,
            port: s.port,
            tls: s.tls,
            from_address: s.from_address,
            username: s.username,
            link_address: s.link_address,
        }))
    }

    /// Checks and saves the council's mail server; the password is kept when `input.password`
    /// is absent.
    pub fn smtp_settings_save(&self, input: &SmtpSettingsInput) -> Result<SmtpSettings, StoreError> {
        let mut problems = Vec::new();
        let mut problem = |path: &str, message: String| problems.push(Problem { path: path.into(), message });
        let host = input.host.trim();
        if host.is_empty() || host.chars().count() > MAX_HOST_CHARS || host.chars().any(|c| c.is_whitespace() || c.is_control() || c == '/') {
            problem("host", "the mail server needs its host name, e.g. smtp.council.gov.uk".into());
        }
        if input.port == 0 {
            problem("port", "the mail server's port must be between 1 and 65535 (usually 25, 465 or 587)".into());
        }
        if !matches!(input.tls.as_str(), "none" | "starttls" | "tls") {
            problem("tls", "TLS must be \"none\", \"starttls\" or \"tls\"".into());
        }
        let from = input.from_address.trim();
        let bare = match (from.rfind('<'), from.ends_with('>')) {
            (Some(open), true) => &from[open + 1..from.len() - 1],
            _ => from,
        };
        if from.chars().count() > MAX_ADDRESS_CHARS || from.chars().any(char::is_control) || email_problem(bare).is_some() {
            problem("from_address", "reminders need a sender address such as democracy@council.gov.uk".into());
        }
        if input.username.chars().count() > MAX_SECRET_CHARS || input.username.chars().any(char::is_control) {
            problem("username", format!("the user name must be one line of at most {MAX_SECRET_CHARS} characters"));
        }
        if input.password.as_deref().is_some_and(|p| p.chars().count() > MAX_SECRET_CHARS || p.chars().any(char::is_control)) {
            problem("password", format!("the password must be one line of at most {MAX_SECRET_CHARS} characters"));
        }
        let link = input.link_address.trim().trim_end_matches('/');
        if !link.is_empty() && (!link.starts_with("https://") && !link.starts_with("http://") || link.chars().count() > MAX_ADDRESS_CHARS || link.chars().any(|c| c.is_whitespace() || c.is_control())) {
            problem("link_address", "the team server's address must start with https:// (or be left empty)".into());
        }
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let kept = self.smtp_stored()?.map(|s| s.password).unwrap_or_default();
        let password = input.password.clone().unwrap_or(kept);
        self.conn.execute(
            "INSERT INTO smtp_settings (id, host, port, tls, from_address, username, password, link_address)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (id) DO UPDATE SET host = excluded.host, port = excluded.port, tls = excluded.tls,
                 from_address = excluded.from_address, username = excluded.username, password = excluded.password,
                 link_address = excluded.link_address",
            params![host, input.port, input.tls, from, input.username.trim(), password, link],
        )?;
        self.smtp_settings()?.ok_or(StoreError::NotFound { what: "SMTP settings", id: 1 })
    }

    /// The mail server with its password (the environment's [`SMTP_PASSWORD_VARIABLE`] first),
    /// for the mailer only; None until settings are saved.
    pub fn smtp_server(&self) -> Result<Option<SmtpServer>, StoreError> {
        let Some(mut server) = self.smtp_stored()? else { return Ok(None) };
        if let Some(from_env) = std::env::var_os(SMTP_PASSWORD_VARIABLE).and_then(|v| v.into_string().ok()).filter(|v| !v.is_empty()) {
            server.password = from_env;
        }
        Ok(Some(server))
    }

    fn smtp_stored(&self) -> Result<Option<SmtpServer>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT host, port, tls, from_address, username, password, link_address FROM smtp_settings WHERE id = 1", [], |r| {
                Ok(SmtpServer {
                    host: r.get(0)?,
                    port: r.get(1)?,
                    tls: r.get(2)?,
                    from_address: r.get(3)?,
                    username: r.get(4)?,
                    password: r.get(5)?,
                    link_address: r.get(6)?,
                })
            })
            .optional()?)
    }

    /// Every reminder owed on `today` and not yet sent, in a stable order (due date, item,
    /// account). Disabled accounts are left out.
    pub fn reminders_due(&self, today: NaiveDate) -> Result<Vec<Reminder>, StoreError> {
        let (_, cal) = q::calendar(&self.conn)?;
        let until = tomorrow_until(today, &cal);
        let kind_of = |due: NaiveDate| {
            if due < today {
                Some(ReminderKind::Overdue)
            } else if due > today && due <= until {
                Some(ReminderKind::DueTomorrow)
            } else {
                None
            }
        };
        let mut out = Vec::new();
        for step in open_steps(&self.conn)? {
            let Some(kind) = kind_of(step.due) else { continue };
            let report = self.reminder_title(step.item_id, &step.item)?;
            let mut people: Vec<(i64, &str)> = Vec::new();
            for (approver, delegate) in &step.approvers {
                people.push((approver.id, "approver"));
                if let Some(d) = delegate {
                    people.push((d.id, "delegate"));
                }
            }
            for (account_id, role) in people {
                if out.iter().any(|r: &Reminder| r.item_id == step.item_id && r.subject == format!("step:{}", step.position) && r.account_id == account_id) {
                    continue;
                }
                let reminder = Reminder {
                    item_id: step.item_id,
                    subject: format!("step:{}", step.position),
                    round: step.round,
                    due: step.due,
                    kind,
                    account_id,
                    account: String::new(),
                    account_display: String::new(),
                    email: String::new(),
                    role: role.into(),
                    committee: step.committee.clone(),
                    meeting_date: step.meeting_date,
                    report: report.clone(),
                    step: Some(step.step.clone()),
                };
                if let Some(r) = self.addressed(reminder)? {
                    out.push(r);
                }
            }
        }
        // Authors' final-report deadlines.
        let owners: Vec<(i64, i64)> = self
            .conn
            .prepare(&format!(
                "SELECT o.agenda_item_id, o.account_id FROM report_owners o JOIN agenda_items i ON i.id = o.agenda_item_id
                 JOIN reports r ON r.agenda_item_id = i.id WHERE NOT {RESTRICTED} ORDER BY o.agenda_item_id"
            ))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        for (item_id, account_id) in owners {
            for row in self.report_deadlines(item_id, today)? {
                if row.kind != DeadlineKind::FinalReport.as_str() || row.item_id != Some(item_id) || matches!(row.status.as_str(), "met" | "missed") {
                    continue;
                }
                let Some(kind) = kind_of(row.date) else { continue };
                let reminder = Reminder {
                    item_id,
                    subject: "final-report".into(),
                    round: 0,
                    due: row.date,
                    kind,
                    account_id,
                    account: String::new(),
                    account_display: String::new(),
                    email: String::new(),
                    role: "author".into(),
                    committee: row.committee.clone(),
                    meeting_date: row.meeting_date,
                    report: row.item.clone().unwrap_or_default(),
                    step: None,
                };
                if let Some(r) = self.addressed(reminder)? {
                    out.push(r);
                }
            }
        }
        out.sort_by(|a, b| (a.due, a.item_id, &a.subject, a.account_id).cmp(&(b.due, b.item_id, &b.subject, b.account_id)));
        Ok(out)
    }

    /// Records that `reminder` was sent at `now`, so it is not owed again.
    pub fn reminder_sent(&self, reminder: &Reminder, now: NaiveDateTime) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT OR IGNORE INTO reminders_sent (agenda_item_id, subject, round, due, kind, account_id, sent_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                reminder.item_id,
                reminder.subject,
                reminder.round,
                codes::date_text(reminder.due),
                reminder.kind.as_str(),
                reminder.account_id,
                codes::date_time_text(now)
            ],
        )?;
        Ok(())
    }

    /// The reminder with its account filled in; None when already sent or the account is disabled.
    fn addressed(&self, mut reminder: Reminder) -> Result<Option<Reminder>, StoreError> {
        let sent: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM reminders_sent WHERE agenda_item_id = ?1 AND subject = ?2 AND round = ?3 AND due = ?4 AND kind = ?5 AND account_id = ?6",
                params![reminder.item_id, reminder.subject, reminder.round, codes::date_text(reminder.due), reminder.kind.as_str(), reminder.account_id],
                |r| r.get(0),
            )
            .optional()?;
        if sent.is_some() {
            return Ok(None);
        }
        let row: Option<(String, String, String, bool)> = self
            .conn
            .query_row("SELECT name, display, email, disabled FROM accounts WHERE id = ?1", [reminder.account_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()?;
        let Some((name, display, email, disabled)) = row else { return Ok(None) };
        if disabled {
            return Ok(None);
        }
        reminder.account_display = if display.trim().is_empty() { name.clone() } else { display };
        reminder.account = name;
        reminder.email = email;
        Ok(Some(reminder))
    }

    /// The report's title as an e-mail may name it.
    fn reminder_title(&self, item_id: i64, title: &str) -> Result<String, StoreError> {
        let (restricted, number): (bool, Option<i64>) = self.conn.query_row(
            &format!("SELECT {RESTRICTED}, i.number FROM agenda_items i WHERE i.id = ?1"),
            [item_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(match (restricted, number) {
            (false, _) => title.to_string(),
            (true, Some(n)) => format!("the report of item {n} (restricted: open AgendaPack to see it)"),
            (true, None) => "a restricted report (open AgendaPack to see it)".to_string(),
        })
    }
}
