//! Limits and committee upkeep through the `agendapack` binary (issue 14, point 4): an import
//! with a 2,000-character committee name or a 100,000-character author e-mail address is
//! refused with one short sentence naming the field (exit code 1, database unchanged), and
//! `agendapack committees` renames, retires and deletes as the store allows.

mod cli_support;
use cli_support::{run, ok};
use std::path::Path;

use serde_json::Value;

/// A refused command's one line, checked to be short and not to repeat the value.
fn refused(home: &Path, args: &[&str]) -> String {
    let out = run(home, args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "agendapack {args:?} should exit with 1; stderr: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "the error is one line: {stderr:?}");
    assert!(stderr.len() < 300, "the error is a sentence, not the value read back ({} bytes)", stderr.len());
    assert!(!stderr.contains("xxxxxxxxxx"), "the value is never echoed: {stderr}");
    stderr
}

/// The demo meeting exported as JSON, changed by `change`, written to a file.
fn changed_export(home: &Path, db: &str, change: impl Fn(&mut Value)) -> String {
    let exported = home.join("meeting.json");
    ok(home, &["--db", db, "export", "--meeting", "1", "--out", &exported.to_string_lossy()]);
    let mut bundle: Value = serde_json::from_str(&std::fs::read_to_string(&exported).expect("the export is written")).expect("JSON");
    change(&mut bundle);
    let path = home.join("changed.json");
    std::fs::write(&path, serde_json::to_string(&bundle).expect("JSON")).expect("the changed file is written");
    path.to_string_lossy().into_owned()
}

#[test]
fn an_import_refuses_a_2000_character_committee_name_and_a_100000_character_email() {
    let home = tempfile::tempdir().expect("a temporary folder");
    let db = home.path().join("a.db").to_string_lossy().into_owned();
    ok(home.path(), &["--db", &db, "init", "--demo"]);
    let before = ok(home.path(), &["--db", &db, "meetings"]);

    let long_name = changed_export(home.path(), &db, |b| b["committee"]["name"] = Value::String("x".repeat(2_000)));
    let message = refused(home.path(), &["--db", &db, "import", &long_name]);
    assert!(message.contains("committee name is longer than the 200 characters"), "names the field and its limit: {message}");

    let long_email = changed_export(home.path(), &db, |b| {
        let item = b["items"].as_array_mut().unwrap().iter_mut().find(|i| i.get("report").is_some()).expect("the demo has a report");
        item["report"]["authors"][0]["email"] = Value::String(format!("{}@example.org", "x".repeat(100_000)));
    });
    let message = refused(home.path(), &["--db", &db, "import", &long_email]);
    assert!(message.contains("e-mail address is longer than the 254 characters"), "names the field and its limit: {message}");

    assert_eq!(ok(home.path(), &["--db", &db, "meetings"]), before, "refused imports change nothing");
}

#[test]
fn committees_are_renamed_retired_and_deleted_from_the_command_line() {
    let home = tempfile::tempdir().expect("a temporary folder");
    let db = home.path().join("a.db").to_string_lossy().into_owned();
    ok(home.path(), &["--db", &db, "init", "--demo"]);
    let list = ok(home.path(), &["--db", &db, "committees"]);
    let id = list.lines().next().and_then(|l| l.split_whitespace().next()).expect("the demo has a committee").to_string();

    let message = refused(home.path(), &["--db", &db, "committees", "delete", &id]);
    assert!(message.contains("cannot be deleted; retire it instead"), "a committee that has met is not deleted: {message}");
    let message = refused(home.path(), &["--db", &db, "committees", "rename", &id, &"x".repeat(2_000)]);
    assert!(message.contains("committee name"), "a rename is held to the limit: {message}");

    ok(home.path(), &["--db", &db, "committees", "rename", &id, "Scrutiny Board"]);
    ok(home.path(), &["--db", &db, "committees", "retire", &id]);
    let list = ok(home.path(), &["--db", &db, "committees"]);
    assert!(list.contains("Scrutiny Board  (retired)"), "the list shows the new name, retired: {list}");
    assert!(ok(home.path(), &["--db", &db, "meetings"]).contains("Scrutiny Board"), "its meetings are kept, under the new name");
    ok(home.path(), &["--db", &db, "committees", "unretire", &id]);
    assert!(!ok(home.path(), &["--db", &db, "committees"]).contains("(retired)"), "brought back");
}
