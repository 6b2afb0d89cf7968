//! `agendapack reminders send` against an SMTP sink written here (issue 19): a tiny SMTP server
//! on 127.0.0.1 in a test thread that answers like a mail server and records each message.
//! On the demo council, a report is in clearance with two steps waiting at once: Finance (due
//! tomorrow, by an officer's per-meeting override; approver sandra with a delegate, dee, who
//! has no e-mail address) and Legal (overdue); another report of the same author is still a
//! draft past its final-report deadline. The first run sends three e-mails (sandra, paul, the
//! author), each once, and reports dee as skipped; the second run sends nothing new.

mod cli_support;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use agendapack_model::account::Role;
use agendapack_store::clearance::{Acting, RouteStep, StepApprover};
use agendapack_store::Store;
use chrono::{Days, NaiveDate};
use cli_support::{ok, run};

const PASSWORD: &str = "correct horse battery";

/// One message the sink accepted.
#[derive(Debug, Clone)]
struct Received {
    from: String,
    to: Vec<String>,
    data: String,
}

/// An SMTP server on 127.0.0.1 that accepts everything (no TLS, no sign-in), as a council's
/// internal relay would. Returns its port and what it received.
fn smtp_sink() -> (u16, Arc<Mutex<Vec<Received>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let store = store.clone();
            std::thread::spawn(move || converse(stream, &store));
        }
    });
    (port, received)
}

fn converse(stream: TcpStream, received: &Mutex<Vec<Received>>) {
    let mut out = stream.try_clone().unwrap();
    let mut lines = BufReader::new(stream);
    let mut say = |text: &str| {
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    };
    say("220 sink.test ESMTP\r\n");
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let command = line.trim_end().to_string();
        let upper = command.to_ascii_uppercase();
        if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            say("250-sink.test\r\n250 8BITMIME\r\n");
        } else if upper.starts_with("MAIL FROM:") {
            from = command[10..].trim().to_string();
            to.clear();
            say("250 OK\r\n");
        } else if upper.starts_with("RCPT TO:") {
            to.push(command[8..].trim().to_string());
            say("250 OK\r\n");
        } else if upper == "DATA" {
            say("354 go ahead\r\n");
            let mut data = String::new();
            loop {
                line.clear();
                if lines.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                if line == ".\r\n" {
                    break;
                }
                data.push_str(&line);
            }
            received.lock().unwrap().push(Received { from: from.clone(), to: to.clone(), data });
            say("250 queued\r\n");
        } else if upper == "QUIT" {
            say("221 bye\r\n");
            return;
        } else {
            // RSET, NOOP and anything else.
            say("250 OK\r\n");
        }
    }
}

/// The text of a message's body with quoted-printable soft breaks and =XX escapes undone
/// (lettre picks the encoding), for reading.
fn plain(data: &str) -> String {
    let joined = data.replace("=\r\n", "");
    let mut out = Vec::new();
    let bytes = joined.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() && bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit() {
            out.push(u8::from_str_radix(&joined[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn reminders_are_sent_once_each_to_the_sink_and_an_account_without_an_address_is_reported() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("council.db");
    let db_arg = db.display().to_string();
    ok(home.path(), &["--db", &db_arg, "init", "--demo"]);
    let (port, received) = smtp_sink();

    let (today, report_title, draft_title, meeting_date) = {
        let mut store = Store::open(&db).unwrap();
        let at = NaiveDate::from_ymd_opt(2020, 11, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
        let priya = store.account_add("priya", "Priya Shah", Role::Author, PASSWORD, at).unwrap();
        store.account_add("sandra", "Sandra Pillinger", Role::Author, PASSWORD, at).unwrap();
        store.account_add("dee", "Dee Puty", Role::Author, PASSWORD, at).unwrap();
        store.account_add("paul", "Paul Feild", Role::Author, PASSWORD, at).unwrap();
        // The demo meeting with the committee's deadline rules and several reports.
        let meeting = store.meetings().unwrap().iter().max_by_key(|m| m.date).unwrap().id;
        let detail = store.meeting_detail(meeting).unwrap();
        let meeting_date = detail.meeting.starts_at.date();
        let open: Vec<_> = detail.items.iter().filter(|i| i.kind == agendapack_model::ItemKind::Report && !i.access.is_restricted()).collect();
        assert!(open.len() >= 2, "the demo meeting has two open reports");
        let (cleared, draft) = (open[0], open[1]);
        store.report_owner_set(cleared.id, Some(priya.id)).unwrap();
        store.report_owner_set(draft.id, Some(priya.id)).unwrap();
        let mut fields = store.report_detail(draft.id).unwrap().report;
        fields.status = agendapack_model::ReportStatus::Draft;
        // After the demo's import (stamped with the clock), so the report is a draft now.
        store.report_save(draft.id, &fields, chrono::Local::now().naive_local()).unwrap();

        // Today: three days after the draft's final-report deadline.
        let final_report = store
            .report_deadlines(draft.id, meeting_date)
            .unwrap()
            .into_iter()
            .find(|r| r.kind == "final-report" && r.item_id == Some(draft.id))
            .expect("the demo committee has a final-report rule");
        let today = final_report.date + Days::new(3);
        assert!(today + Days::new(1) <= meeting_date, "the meeting is still ahead");

        let step = |name: &str, account: &str, delegate: Option<&str>, parallel: bool| RouteStep {
            name: name.into(),
            approvers: vec![StepApprover { account: account.into(), delegate: delegate.map(str::to_string) }],
            parallel,
            due_working_days: Some(14),
            implications_heading: String::new(),
        };
        store.clearance_route_save(detail.committee_id, &[step("Finance", "sandra", Some("dee"), false), step("Legal", "paul", None, true)]).unwrap();
        store.clearance_submit(cleared.id, Acting::Desk { recorder: "Ann Lee", for_name: Some("priya") }, "", at).unwrap();
        store.clearance_due_save(meeting, "Finance", Some((today + Days::new(1), "moved for the budget round"))).unwrap();
        store.clearance_due_save(meeting, "Legal", Some((today - Days::new(2), "early for the monitoring officer"))).unwrap();
        (today, cleared.title.clone(), draft.title.clone(), meeting_date)
    };
    let cli = |args: &[&str]| {
        let mut all = vec!["--db", db_arg.as_str()];
        all.extend_from_slice(args);
        ok(home.path(), &all)
    };
    cli(&["reminders", "email", "sandra", "sandra.pillinger@council.example"]);
    cli(&["reminders", "email", "paul", "paul.feild@council.example"]);
    let shown = cli(&["reminders", "email", "priya", "priya.shah@council.example"]);
    assert!(shown.contains("priya: priya.shah@council.example"), "{shown}");
    assert!(cli(&["reminders", "email", "dee"]).contains("no e-mail address"));
    let port_arg = port.to_string();
    let settings = cli(&[
        "reminders", "smtp", "--host", "127.0.0.1", "--port", &port_arg, "--tls", "none", "--from",
        "Democratic Services <democracy@council.example>", "--link", "https://agendapack.council.example:8443",
    ]);
    assert!(settings.contains(&format!("127.0.0.1:{port} (none), from Democratic Services <democracy@council.example>")), "{settings}");

    let today_arg = today.to_string();
    let first = cli(&["reminders", "send", "--today", &today_arg]);
    let messages = received.lock().unwrap().clone();
    assert_eq!(messages.len(), 3, "sandra, paul and the author, once each: {first}\n{messages:#?}");
    assert!(first.contains("skipped Dee Puty (dee): the account has no e-mail address"), "the delegate without an address is reported: {first}");
    assert_eq!(first.lines().filter(|l| l.starts_with("sent to ")).count(), 3, "{first}");

    let to = |address: &str| messages.iter().find(|m| m.to.iter().any(|t| t.contains(address))).unwrap_or_else(|| panic!("a message to {address}"));
    let finance = plain(&to("sandra.pillinger@council.example").data);
    assert!(to("sandra.pillinger@council.example").from.contains("democracy@council.example"));
    assert!(finance.contains("Subject: Sign-off due "), "{finance}");
    assert!(finance.contains("The Finance sign-off of the report"), "names the step: {finance}");
    let flat = finance.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&report_title.split_whitespace().collect::<Vec<_>>().join(" ")), "names the report: {flat}");
    assert!(flat.contains(&meeting_date.format("%-d %B %Y").to_string()), "names the meeting: {flat}");
    assert!(flat.contains(&format!("is due by {}", (today + Days::new(1)).format("%A %-d %B %Y"))), "names the due date: {flat}");
    assert!(flat.contains("Open AgendaPack: https://agendapack.council.example:8443/"), "links to the team server: {flat}");
    let legal = plain(&to("paul.feild@council.example").data).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(legal.contains("Overdue sign-off: Legal") && legal.contains("is overdue: it was due by"), "{legal}");
    let author = plain(&to("priya.shah@council.example").data).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(author.contains("Final report overdue") && author.contains(&draft_title.split_whitespace().collect::<Vec<_>>().join(" ")), "{author}");
    assert!(author.contains("s100B(4)(b)"), "the author is told the late rule: {author}");

    let second = cli(&["reminders", "send", "--today", &today_arg]);
    assert_eq!(received.lock().unwrap().len(), 3, "a second run sends nothing new: {second}");
    assert!(!second.contains("sent to"), "{second}");
    assert!(second.contains("skipped Dee Puty"), "the account without an address is still reported: {second}");

    // A mail server that is not there: the reminder is reported, not recorded, and the exit code is 1.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_port = closed.local_addr().unwrap().port().to_string();
    drop(closed);
    cli(&["reminders", "smtp", "--host", "127.0.0.1", "--port", &dead_port, "--tls", "none", "--from", "democracy@council.example"]);
    cli(&["reminders", "email", "dee", "dee.puty@council.example"]);
    let failed = run(home.path(), &["--db", &db_arg, "reminders", "send", "--today", &today_arg]);
    assert_eq!(failed.status.code(), Some(1), "{}", String::from_utf8_lossy(&failed.stdout));
    assert!(String::from_utf8_lossy(&failed.stdout).contains("not sent to Dee Puty"));
    assert_eq!(String::from_utf8_lossy(&failed.stderr).lines().count(), 1, "one sentence");

    let bad = run(home.path(), &["--db", &db_arg, "reminders", "email", "dee", "not an address"]);
    assert_eq!(bad.status.code(), Some(1));
}
