//! Issue 6's commands run as a user would, on the demo database: `deadlines --meeting` prints
//! the statutory date and the committee's local deadlines; `holidays import` stores a newer
//! bank-holiday file that changes the answer (and a bad file is refused, changing nothing);
//! `holidays close` adds a closure day; `--ics` writes an iCalendar file; `--mark-late` needs
//! its reason and makes the item supplementary; `--upcoming --author` filters by author.

mod cli_support;
use cli_support::{run};
use std::path::Path;
use std::process::Output;

use serde_json::Value;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A demo database and the id of the 2 December 2020 meeting.
fn demo(home: &Path) -> (String, String) {
    let db = home.join("demo.db").to_string_lossy().into_owned();
    assert!(run(home, &["--db", &db, "init", "--demo"]).status.success(), "the demo database is created");
    let out = run(home, &["--db", &db, "meetings", "--json"]);
    let meetings: Value = serde_json::from_slice(&out.stdout).expect("meetings --json prints JSON");
    let id = meetings
        .as_array()
        .and_then(|list| list.iter().find(|m| m["date"] == "2020-12-02"))
        .and_then(|m| m["id"].as_i64())
        .expect("the demo has the meeting of 2 December 2020");
    (db, id.to_string())
}

fn rows(home: &Path, db: &str, id: &str) -> Vec<Value> {
    let out = run(home, &["--db", db, "deadlines", "--meeting", id, "--today", "2020-11-18", "--json"]);
    assert!(out.status.success(), "deadlines --meeting succeeds: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice::<Value>(&out.stdout).ok().and_then(|v| v.as_array().cloned()).expect("a JSON list")
}

fn date_of(rows: &[Value], kind: &str) -> String {
    rows.iter().find(|r| r["kind"] == kind).and_then(|r| r["date"].as_str()).unwrap_or_default().to_string()
}

#[test]
fn the_demo_meeting_shows_statutory_and_local_deadlines() {
    let home = tempfile::tempdir().unwrap();
    let (db, id) = demo(home.path());
    let text = stdout(&run(home.path(), &["--db", &db, "deadlines", "--meeting", &id, "--today", "2020-11-18"]));
    assert!(text.contains("Statutory publication of the agenda: Tuesday 24 November 2020"), "the statutory date is printed:\n{text}");
    assert!(text.contains("CSG Deadline"), "the committee's clearance deadline is printed:\n{text}");
    assert!(text.contains("Governance Service's Deadline") && text.contains("Friday 20 November 2020 by 10:00"), "the final-report deadline with its time:\n{text}");
    assert!(text.contains("Draft minutes: Wednesday 9 December 2020"), "the after-meeting deadline:\n{text}");
    let rows = rows(home.path(), &db, &id);
    for row in &rows {
        for key in ["kind", "date", "time", "rule", "status"] {
            assert!(row.get(key).is_some(), "every JSON row has {key}: {row}");
        }
    }
    assert!(rows.iter().any(|r| r["kind"] == "final-report" && r["time"] == "10:00"), "the final report is due at 10:00");
}

#[test]
fn an_imported_holiday_file_changes_the_stored_answer_and_a_bad_one_changes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let (db, id) = demo(home.path());
    assert_eq!(date_of(&rows(home.path(), &db, &id), "publication"), "2020-11-24", "before any import");
    let bad = home.path().join("bad.json");
    std::fs::write(&bad, r#"{"england-and-wales": {"division": "scotland", "events": []}}"#).unwrap();
    let refused = run(home.path(), &["--db", &db, "holidays", "import", bad.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1), "a bad file is refused");
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("refused") && message.lines().count() == 1, "one sentence with the reason: {message}");
    assert_eq!(date_of(&rows(home.path(), &db, &id), "publication"), "2020-11-24", "the refused file changed nothing");
    let good = home.path().join("bank-holidays.json");
    std::fs::write(&good, r#"{"england-and-wales": {"division": "england-and-wales", "events": [
        {"title": "A one-off holiday", "date": "2020-11-30", "notes": "", "bunting": true}]}}"#).unwrap();
    let imported = run(home.path(), &["--db", &db, "holidays", "import", good.to_str().unwrap()]);
    assert!(imported.status.success(), "a valid file imports: {}", String::from_utf8_lossy(&imported.stderr));
    assert_eq!(date_of(&rows(home.path(), &db, &id), "publication"), "2020-11-23", "the new holiday on 30 November is not a working day");
    assert!(run(home.path(), &["--db", &db, "holidays", "close", "2020-11-27", "--reason", "closed"]).status.success(), "a closure day is added");
    assert_eq!(date_of(&rows(home.path(), &db, &id), "publication"), "2020-11-20", "the closure day is not a working day either");
}

#[test]
fn ics_export_late_items_and_the_authors_filter() {
    let home = tempfile::tempdir().unwrap();
    let (db, id) = demo(home.path());
    let ics = home.path().join("deadlines.ics");
    let out = run(home.path(), &["--db", &db, "deadlines", "--meeting", &id, "--today", "2020-11-18", "--ics", ics.to_str().unwrap()]);
    assert!(out.status.success(), "--ics succeeds: {}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.trim_end().ends_with("END:VCALENDAR"), "one calendar, CRLF lines");
    let again = run(home.path(), &["--db", &db, "deadlines", "--meeting", &id, "--today", "2021-06-01", "--ics", ics.to_str().unwrap()]);
    assert!(again.status.success(), "a second export works");
    assert_eq!(std::fs::read_to_string(&ics).unwrap(), text, "the file does not depend on the day it is exported");

    let no_reason = run(home.path(), &["--db", &db, "deadlines", "--meeting", &id, "--mark-late", "1"]);
    assert_eq!(no_reason.status.code(), Some(1), "--mark-late without --reason is refused");
    let upcoming = run(home.path(), &["--db", &db, "deadlines", "--upcoming", "--author", "opie", "--today", "2020-11-18", "--json"]);
    assert!(upcoming.status.success(), "--upcoming works: {}", String::from_utf8_lossy(&upcoming.stderr));
    let list: Value = serde_json::from_slice(&upcoming.stdout).unwrap();
    let list = list.as_array().cloned().unwrap_or_default();
    assert!(!list.is_empty(), "Andy Opie wrote a demo report, so he has deadlines");
    assert!(
        list.iter().all(|r| r["authors"].as_array().is_some_and(|a| a.iter().any(|n| n.as_str().unwrap_or("").to_lowercase().contains("opie")))),
        "every row is one of his reports"
    );
}
