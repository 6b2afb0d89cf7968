//! `agendapack deadlines --date` on the council's calendar (issue 15): from a fresh home the
//! shipped calendar gives the Welsh Platinum Jubilee answer; with a database it counts that
//! council's imported bank holidays and closure days, exactly as `--meeting` does, and says which
//! calendar it used on stderr and in each JSON row. It never creates a database.

mod cli_support;
use cli_support::{run};
use std::path::Path;

use serde_json::Value;

/// The publication row of `deadlines --date ... --json` and the stderr.
fn publication(home: &Path, args: &[&str]) -> (Value, String) {
    let out = run(home, args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "agendapack {args:?} should succeed; stderr: {stderr}");
    let rows: Value = serde_json::from_slice(&out.stdout).expect("--json prints JSON");
    let row = rows.as_array().and_then(|r| r.iter().find(|r| r["kind"] == "publication")).cloned().expect("a publication row");
    (row, stderr)
}

#[test]
fn wales_platinum_jubilee_from_a_fresh_home() {
    let home = tempfile::tempdir().unwrap();
    let (row, stderr) = publication(home.path(), &["deadlines", "--date", "2022-06-08", "--nation", "wales", "--json"]);
    assert_eq!(row["date"], "2022-05-31", "3 clear working days: 1, 6 and 7 June 2022 (2 and 3 June were the Jubilee holidays)");
    assert!(row["rule"].as_str().unwrap_or("").contains("3 clear working days (R v Swansea CC ex p Elitestone, 1993)"), "the rule names its basis: {row}");
    assert!(row["calendar"].as_str().unwrap_or("").contains("no database"), "the row says which calendar: {row}");
    assert!(stderr.starts_with("Calendar: "), "stderr says which calendar: {stderr}");
    assert!(!home.path().join("data").exists(), "--date must not create a database");
}

#[test]
fn a_database_calendar_counts_like_the_meeting_view() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("council.db").to_string_lossy().into_owned();
    let missing = run(home.path(), &["--db", &db, "deadlines", "--date", "2020-12-02", "--json"]);
    assert_eq!(missing.status.code(), Some(1), "--date with a --db that does not exist is refused");
    assert!(!Path::new(&db).exists(), "and no database is created");

    assert!(run(home.path(), &["--db", &db, "init", "--demo"]).status.success(), "the demo database is created");
    let (row, stderr) = publication(home.path(), &["--db", &db, "deadlines", "--date", "2020-12-02", "--json"]);
    assert_eq!(row["date"], "2020-11-24", "the demo council (England): 5 clear working days before 2 December 2020");
    assert!(stderr.contains("Calendar: the council's"), "the council's calendar is named: {stderr}");
    let file = home.path().join("bank-holidays.json");
    std::fs::write(&file, r#"{"england-and-wales": {"division": "england-and-wales", "events": [
        {"title": "A one-off holiday", "date": "2020-11-30", "notes": "", "bunting": true}]}}"#).unwrap();
    assert!(run(home.path(), &["--db", &db, "holidays", "import", file.to_str().unwrap()]).status.success(), "the file imports");
    let (row, _) = publication(home.path(), &["--db", &db, "deadlines", "--date", "2020-12-02", "--json"]);
    assert_eq!(row["date"], "2020-11-23", "the imported holiday of 30 November moves --date as it moves --meeting");
    assert!(row["calendar"].as_str().unwrap_or("").contains("bank-holidays.json"), "the imported file is named: {row}");
    assert!(run(home.path(), &["--db", &db, "holidays", "close", "2020-11-27"]).status.success(), "a closure day is added");
    let (row, _) = publication(home.path(), &["--db", &db, "deadlines", "--date", "2020-12-02", "--json"]);
    assert_eq!(row["date"], "2020-11-20", "the closure day of 27 November counts too");
    assert!(row["calendar"].as_str().unwrap_or("").contains("1 closure day"), "the closures are counted: {row}");
}

#[test]
fn a_year_before_the_known_bank_holidays_is_refused_in_one_sentence() {
    let home = tempfile::tempdir().unwrap();
    let out = run(home.path(), &["deadlines", "--date", "1975-06-04", "--nation", "wales", "--json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "1975 is before the rules AgendaPack knows: {stderr}");
    let message: Vec<&str> = stderr.lines().filter(|l| !l.starts_with("Calendar: ")).collect();
    assert!(message.len() == 1 && message[0].contains("1975"), "one sentence naming the year: {stderr}");
}
