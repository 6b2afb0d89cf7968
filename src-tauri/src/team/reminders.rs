//! Sending e-mail reminders (issue 19) through the council's SMTP server with `lettre`: what is
//! owed comes from the store (`agendapack_store::reminders`: clearance steps due tomorrow or
//! overdue to each approver and delegate, final reports to their authors), each sent once and
//! recorded as sent straight after. Run by `agendapack reminders send` (at the single desk
//! too: it needs only the database and the mail server) and by the team server's daily tick
//! ([`spawn_daily`]).
//!
//! `lettre` is built without its defaults: `smtp-transport` and `builder` (the blocking
//! `SmtpTransport` and the message builder), and TLS by `rustls` with the `ring` provider and
//! the `webpki-roots` authorities, the same rustls and ring the team server already uses, so
//! no OpenSSL or native-tls is linked and a Windows build needs nothing more. No connection
//! pool (one run sends a handful of messages) and no `hostname` lookup: the greeting names
//! the sender's domain.
//!
//! The store's lock is held only to read what is owed and to record each send, never while
//! talking to the mail server, so a slow server does not stall the team server's requests.
//! An account without an e-mail address is skipped and reported (and owed again next run);
//! a message the server refuses is reported and owed again next run.
//!
//! Deliberately not here: who is owed what (the store), the settings' checks (the store).

use std::sync::{Arc, MutexGuard};
use std::time::Duration;

use agendapack_store::reminders::{Reminder, ReminderKind, SmtpServer};
use agendapack_store::Store;
use chrono::{NaiveDate, NaiveDateTime, Timelike};
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::{Message, SmtpTransport, Transport};

use crate::api::ApiContext;

/// How long one conversation with the mail server may take.
const SMTP_TIMEOUT: Duration = Duration::from_secs(60);
/// The hour (local time) from which the team server sends the day's reminders.
pub const DAILY_HOUR: u32 = 7;

/// What one run did.
#[derive(Debug, Default)]
pub struct RunReport {
    pub sent: Vec<Reminder>,
    /// Accounts with no e-mail address: nothing sent.
    pub no_email: Vec<Reminder>,
    /// Refused by the mail server (or not built), with the reason.
    pub failed: Vec<(Reminder, String)>,
}

impl RunReport {
    /// One line per reminder, for the command line and the server's log.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for r in &self.sent {
            out.push(format!("sent to {} <{}>: {}", r.account_display, r.email, subject(r)));
        }
        for r in &self.no_email {
            out.push(format!("skipped {} ({}): the account has no e-mail address: {}", r.account_display, r.account, subject(r)));
        }
        for (r, why) in &self.failed {
            out.push(format!("not sent to {} <{}>: {why}: {}", r.account_display, r.email, subject(r)));
        }
        out
    }
}

fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn short(text: &str, max: usize) -> String {
    let line = one_line(text);
    if line.chars().count() <= max {
        line
    } else {
        format!("{}…", line.chars().take(max).collect::<String>())
    }
}

fn long_date(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

/// The e-mail's subject line.
pub fn subject(r: &Reminder) -> String {
    let report = short(&r.report, 120);
    match (&r.step, r.kind) {
        (Some(step), ReminderKind::DueTomorrow) => format!("Sign-off due {}: {} - {report}", r.due.format("%-d %B"), one_line(step)),
        (Some(step), ReminderKind::Overdue) => format!("Overdue sign-off: {} - {report}", one_line(step)),
        (None, ReminderKind::DueTomorrow) => format!("Final report due {}: {report}", r.due.format("%-d %B")),
        (None, ReminderKind::Overdue) => format!("Final report overdue: {report}"),
    }
}

/// The plain-text body: the report, the meeting, the step, the due date, and where to act.
pub fn body(r: &Reminder, link_address: &str) -> String {
    let meeting = format!("the {} meeting on {}", one_line(&r.committee), long_date(r.meeting_date));
    let report = one_line(&r.report);
    let mut text = format!("Dear {},\n\n", one_line(&r.account_display));
    match &r.step {
        Some(step) => {
            let when = match r.kind {
                ReminderKind::DueTomorrow => format!("is due by {}", long_date(r.due)),
                ReminderKind::Overdue => format!("is overdue: it was due by {}", long_date(r.due)),
            };
            let as_whom = if r.role == "delegate" { "as a delegate of an approver" } else { "as an approver" };
            text.push_str(&format!(
                "The {} sign-off of the report \"{report}\" for {meeting} {when}.\n\nYou are asked {as_whom} of the {} step to approve the report or return it to its author with comments.\n",
                one_line(step),
                one_line(step)
            ));
        }
        None => {
            let when = match r.kind {
                ReminderKind::DueTomorrow => format!("is due by {}", long_date(r.due)),
                ReminderKind::Overdue => format!("is overdue: it was due by {}", long_date(r.due)),
            };
            text.push_str(&format!(
                "The final version of your report \"{report}\" for {meeting} {when}.\n\nA report handed in after its final-report deadline can only go to the meeting as a late, supplementary item, with the special circumstances that make it urgent (s100B(4)(b) Local Government Act 1972).\n"
            ));
        }
    }
    if !link_address.is_empty() {
        text.push_str(&format!("\nOpen AgendaPack: {link_address}/\n"));
    }
    text.push_str("\nThis reminder is sent once. - AgendaPack\n");
    text
}

/// A transport for the council's server.
fn transport(server: &SmtpServer) -> Result<SmtpTransport, String> {
    let tls = || TlsParameters::new(server.host.clone()).map_err(|e| format!("TLS for {} could not be set up: {e}", server.host));
    let builder = SmtpTransport::builder_dangerous(&server.host).port(server.port).timeout(Some(SMTP_TIMEOUT));
    let builder = match server.tls.as_str() {
        "starttls" => builder.tls(Tls::Required(tls()?)),
        "tls" => builder.tls(Tls::Wrapper(tls()?)),
        _ => builder.tls(Tls::None),
    };
    let domain = server.from_address.rsplit('@').next().unwrap_or("localhost").trim_end_matches('>').trim();
    let builder = builder.hello_name(ClientId::Domain(if domain.is_empty() { "localhost".into() } else { domain.to_string() }));
    let builder = if server.username.is_empty() {
        builder
    } else {
        builder.credentials(Credentials::new(server.username.clone(), server.password.clone()))
    };
    Ok(builder.build())
}

fn message(server: &SmtpServer, r: &Reminder) -> Result<Message, String> {
    let from: Mailbox = server.from_address.parse().map_err(|e| format!("the sender address is not valid ({e})"))?;
    let address = r.email.parse().map_err(|e| format!("the address is not valid ({e})"))?;
    let to = Mailbox::new(Some(one_line(&r.account_display)), address);
    Message::builder()
        .from(from)
        .to(to)
        .subject(subject(r))
        .header(ContentType::TEXT_PLAIN)
        .body(body(r, &server.link_address))
        .map_err(|e| format!("the message could not be built ({e})"))
}

/// Sends every reminder owed on `today` (recorded as sent at `now`). `store` gives the store's
/// lock, taken only around reads and records. An error: no mail server is set, or the store
/// failed.
pub fn send_due<'a>(store: &dyn Fn() -> Result<MutexGuard<'a, Store>, String>, today: NaiveDate, now: NaiveDateTime) -> Result<RunReport, String> {
    let (server, owed) = {
        let store = store()?;
        let server = store.smtp_server().map_err(|e| e.to_string())?;
        let owed = store.reminders_due(today).map_err(|e| e.to_string())?;
        (server, owed)
    };
    let mut report = RunReport::default();
    let (with_email, without): (Vec<Reminder>, Vec<Reminder>) = owed.into_iter().partition(|r| !r.email.is_empty());
    report.no_email = without;
    if with_email.is_empty() {
        return Ok(report);
    }
    let server = server.ok_or_else(|| {
        "no mail server is set for reminders; set one with: agendapack reminders smtp --host HOST --port PORT --tls starttls --from ADDRESS".to_string()
    })?;
    let mailer = transport(&server)?;
    for r in with_email {
        let sent = message(&server, &r).and_then(|m| mailer.send(&m).map(|_| ()).map_err(|e| format!("the mail server refused it ({e})")));
        match sent {
            Ok(()) => {
                store()?.reminder_sent(&r, now).map_err(|e| e.to_string())?;
                report.sent.push(r);
            }
            Err(why) => report.failed.push((r, why)),
        }
    }
    Ok(report)
}

/// The team server's daily tick: a thread that, once a day from [`DAILY_HOUR`] (the
/// context's clock), sends the day's reminders when a mail server is set, and logs what it
/// did to stderr. Reruns after a restart send nothing twice (the store records each send).
pub fn spawn_daily(ctx: Arc<ApiContext>) {
    let spawned = std::thread::Builder::new().name("reminders".into()).spawn(move || {
        let mut last: Option<NaiveDate> = None;
        loop {
            let now = ctx.now();
            if now.hour() >= DAILY_HOUR && last != Some(now.date()) {
                last = Some(now.date());
                let configured = ctx.store().ok().and_then(|s| s.smtp_settings().ok().flatten()).is_some();
                if configured {
                    match send_due(&|| ctx.store().map_err(|e| e.message), now.date(), now) {
                        Ok(report) => report.lines().iter().for_each(|l| eprintln!("agendapack: reminders: {l}")),
                        Err(e) => eprintln!("agendapack: reminders: {e}"),
                    }
                }
            }
            std::thread::sleep(Duration::from_secs(600));
        }
    });
    if let Err(e) = spawned {
        eprintln!("agendapack: reminders: the daily reminders could not start: {e}");
    }
}
