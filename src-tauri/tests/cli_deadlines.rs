//! `agendapack deadlines`, run as a user would: for a date with no database, and for the demo
//! meeting (seed 001: meeting Wednesday 2 December 2020, published Friday 20 November).
//! Bad input must give exit code 1 and one sentence on stderr.

mod cli_support;
use cli_support::{run};
use std::path::Path;

use serde_json::Value;

fn ok_json(home: &Path, args: &[&str]) -> Vec<Value> {
    let out = run(home, args);
    assert!(out.status.success(), "agendapack {args:?} should succeed; stderr: {}", String::from_utf8_lossy(&out.stderr));
    let value: Value = serde_json::from_slice(&out.stdout).expect("--json prints JSON");
    value.as_array().cloned().expect("--json prints a list")
}

fn publication(rows: &[Value]) -> &Value {
    rows.iter().find(|r| r["kind"] == "publication").expect("the statutory publication deadline is listed")
}

#[test]
fn a_date_needs_no_database() {
    let home = tempfile::tempdir().unwrap();
    let rows = ok_json(home.path(), &["deadlines", "--date", "2020-12-02", "--json"]);
    let row = publication(&rows);
    assert_eq!(row["date"], "2020-11-24", "five clear working days before Wednesday 2 December 2020");
    assert!(row["rule"].as_str().unwrap_or("").contains("5 clear working days"), "the rule is in words: {row}");
    assert!(row.get("time").is_some() && row.get("status").is_some(), "every row has time and status: {row}");
    assert!(!home.path().join("data").exists(), "--date must not create a database");

    let scotland = ok_json(home.path(), &["deadlines", "--date", "2025-12-02", "--nation", "scotland", "--json"]);
    // Was 2025-11-28 when Scotland counted calendar days (issue 15: working days by default).
    assert_eq!(publication(&scotland)["date"], "2025-11-25", "Scotland: 3 clear working days (26, 27, 28 November; 1 December is St Andrew's substitute) before Tuesday 2 December 2025");

    let text = run(home.path(), &["deadlines", "--date", "2020-12-02"]);
    let stdout = String::from_utf8_lossy(&text.stdout);
    assert!(stdout.contains("Tuesday 24 November 2020"), "the plain answer names the day: {stdout}");
}

#[test]
fn an_imported_bank_holiday_file_changes_the_answer() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("bank-holidays.json");
    std::fs::write(
        &file,
        r#"{"england-and-wales": {"division": "england-and-wales", "events": [
            {"title": "Imagined holiday", "date": "2020-11-27", "notes": "", "bunting": false}]}}"#,
    )
    .unwrap();
    let rows = ok_json(home.path(), &["deadlines", "--date", "2020-12-02", "--bank-holidays", file.to_str().unwrap(), "--json"]);
    assert_eq!(publication(&rows)["date"], "2020-11-23", "a holiday on Friday 27 November pushes publication back a working day");

    std::fs::write(&file, r#"{"england-and-wales": {"division": "england-and-wales", "events": [{"title": "x", "date": "2020-13-01"}]}}"#).unwrap();
    let out = run(home.path(), &["deadlines", "--date", "2020-12-02", "--bank-holidays", file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "a bad file is refused");
    assert!(stderr.contains("2020-13-01") && stderr.trim_end().lines().count() == 1, "the refusal names the bad date in one line: {stderr}");
}

#[test]
fn bad_input_is_one_sentence_and_exit_1() {
    let home = tempfile::tempdir().unwrap();
    for (args, expected) in [
        (vec!["deadlines", "--date", "2021-02-30"], "2021-02-30"),
        (vec!["deadlines", "--date", "2020-12-02", "--nation", "mars"], "mars"),
    ] {
        let out = run(home.path(), &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?} must fail with exit code 1");
        assert_eq!(stderr.trim_end().lines().count(), 1, "the error is one line: {stderr:?}");
        assert!(stderr.contains(expected) && !stderr.contains("panicked"), "the error names {expected:?}: {stderr}");
    }
}

#[test]
fn the_demo_meeting_was_published_in_time() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("demo.db");
    let db = db.to_str().unwrap();
    assert!(run(home.path(), &["--db", db, "init", "--demo"]).status.success(), "the demo database is created");
    let meetings = ok_json(home.path(), &["--db", db, "meetings", "--json"]);
    let id = meetings
        .iter()
        .find(|m| m["date"] == "2020-12-02")
        .and_then(|m| m["id"].as_i64())
        .expect("the demo has the meeting of 2 December 2020");
    let id = id.to_string();
    let rows = ok_json(home.path(), &["--db", db, "deadlines", "--meeting", &id, "--json"]);
    let row = publication(&rows);
    assert_eq!(row["date"], "2020-11-24", "the statutory date of the demo meeting");
    assert_eq!(row["status"], "met", "publication on 20 November was in time: {row}");
    assert_eq!(row["detail"], "met: published 20 November 2020, 7 clear working days", "the seed's 7 clear working days");
    let text = run(home.path(), &["--db", db, "deadlines", "--meeting", &id]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("7 clear working days"), "the plain output states the check");
}

#[test]
fn a_key_decision_report_gets_its_notice_date() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("kd.db");
    let db = db.to_str().unwrap();
    let file = home.path().join("meeting.json");
    let file = file.to_str().unwrap();
    assert!(run(home.path(), &["--db", db, "init", "--demo"]).status.success(), "the demo database is created");
    let meetings = ok_json(home.path(), &["--db", db, "meetings", "--json"]);
    let id = meetings.iter().find(|m| m["date"] == "2020-12-02").and_then(|m| m["id"].as_i64()).expect("the demo meeting");
    assert!(run(home.path(), &["--db", db, "export", "--meeting", &id.to_string(), "--out", file]).status.success(), "export works");
    // Mark the first report a key decision and move the meeting, so the import is a new meeting.
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let report = doc["items"].as_array_mut().unwrap().iter_mut().find(|i| i.get("report").is_some()).expect("the demo has a report");
    report["report"]["key_decision"] = Value::Bool(true);
    let title = report["title"].as_str().unwrap().to_string();
    doc["meeting"]["starts_at"] = Value::String("2021-01-06T19:00:00".into());
    doc["meeting"]["published_on"] = Value::String("2020-12-24".into());
    std::fs::write(file, serde_json::to_string(&doc).unwrap()).unwrap();
    let imported = run(home.path(), &["--db", db, "import", file]);
    assert!(imported.status.success(), "the changed meeting imports: {}", String::from_utf8_lossy(&imported.stderr));
    let meetings = ok_json(home.path(), &["--db", db, "meetings", "--json"]);
    let new_id = meetings.iter().find(|m| m["date"] == "2021-01-06").and_then(|m| m["id"].as_i64()).expect("the imported meeting");
    let rows = ok_json(home.path(), &["--db", db, "deadlines", "--meeting", &new_id.to_string(), "--json"]);
    let row = publication(&rows);
    assert_eq!(row["date"], "2020-12-24", "clear days 29, 30, 31 December, 4 and 5 January: Christmas, the Boxing Day substitute and New Year skipped");
    assert_eq!(row["status"], "met", "publication on 24 December leaves exactly 5: {row}");
    let notice = rows.iter().find(|r| r["kind"] == "key-decision-notice").expect("the key-decision report has a notice deadline");
    assert_eq!(notice["date"], "2020-12-08", "28 clear days before 6 January 2021 is 8 December 2020");
    assert_eq!(notice["item"], title.as_str(), "the notice names its report");
}
