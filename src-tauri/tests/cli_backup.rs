//! `agendapack backup`, `restore` and `audit`, run as a user would (issue 10): a backup
//! restores the database as it was, keeping what it replaced; a file that is not an AgendaPack
//! database is refused with one sentence and nothing changes; the daily automatic backup
//! appears beside the database; a built pack is recorded and proven by its bytes.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_agendapack");

fn run(home: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("USER", "clerk1")
        .output()
        .unwrap_or_else(|e| panic!("the agendapack binary runs: {e}"))
}

fn ok(home: &Path, args: &[&str]) -> String {
    let out = run(home, args);
    assert!(out.status.success(), "agendapack {args:?} should succeed; stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn fails(home: &Path, args: &[&str]) -> String {
    let out = run(home, args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "agendapack {args:?} should exit with 1; stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "errors are not panics: {stderr}");
    stderr
}

fn meeting_count(home: &Path, db: &str) -> usize {
    let out = ok(home, &["--db", db, "meetings", "--json"]);
    serde_json::from_str::<Vec<serde_json::Value>>(&out).map(|v| v.len()).unwrap_or_else(|e| panic!("meetings JSON: {e}"))
}

#[test]
fn backup_and_restore_round_trip_and_refuse_what_is_not_ours() {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
    let h = home.path();
    let db = h.join("live.db").display().to_string();
    ok(h, &["--db", &db, "init", "--demo"]);
    let daily: Vec<_> = std::fs::read_dir(h.join("backups")).map(|d| d.flatten().count()).into_iter().collect();
    assert_eq!(daily, [1], "opening the database made today's automatic backup in backups/");
    let before = meeting_count(h, &db);
    let saved = h.join("saved.db").display().to_string();
    let said = ok(h, &["--db", &db, "backup", "--out", &saved]);
    assert!(said.contains("Backed up to"), "backup says where it wrote: {said}");

    let export = h.join("m.json").display().to_string();
    ok(h, &["--db", &db, "export", "--meeting", "1", "--out", &export]);
    let other = h.join("other.db").display().to_string();
    ok(h, &["--db", &other, "import", &export]);
    let text = h.join("notes.txt");
    std::fs::write(&text, "not a database").unwrap_or_else(|e| panic!("write: {e}"));
    let message = fails(h, &["--db", &db, "restore", &text.display().to_string()]);
    assert!(message.contains("is not an AgendaPack database"), "the refusal says why: {message}");
    assert_eq!(meeting_count(h, &db), before, "a refused restore changes nothing");

    let said = ok(h, &["--db", &other, "restore", &saved]);
    assert!(said.contains("is kept in"), "restore says where the replaced database went: {said}");
    assert_eq!(meeting_count(h, &other), before, "the restored database is the backup");
}

#[test]
fn a_built_pack_is_recorded_and_proven_by_its_bytes() {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
    let h = home.path();
    let db = h.join("a.db").display().to_string();
    ok(h, &["--db", &db, "init", "--demo"]);
    let pack = h.join("pack.pdf").display().to_string();
    ok(h, &["--db", &db, "build", "--meeting", "1", "--out", &pack]);
    let trail = ok(h, &["--db", &db, "audit", "--meeting", "1", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&trail).unwrap_or_else(|e| panic!("audit JSON: {e}"));
    let publications = value["publications"].as_array().cloned().unwrap_or_default();
    assert_eq!(publications.len(), 1, "the build is recorded as one publication: {trail}");
    assert_eq!(publications[0]["user"], "clerk1", "the OS user is named");
    assert_eq!(publications[0]["edition"], "public", "the edition is recorded");
    let proven = ok(h, &["--db", &db, "audit", "--verify", &pack]);
    assert!(proven.contains("is the public edition of meeting 1"), "the file is proven by its SHA-256: {proven}");
    let mut bytes = std::fs::read(&pack).unwrap_or_else(|e| panic!("read: {e}"));
    bytes.push(b'\n');
    let altered = h.join("altered.pdf");
    std::fs::write(&altered, bytes).unwrap_or_else(|e| panic!("write: {e}"));
    let refused = fails(h, &["--db", &db, "audit", "--verify", &altered.display().to_string()]);
    assert!(refused.contains("is not a pack this database recorded as published"), "an altered file is not proven: {refused}");
    let text = ok(h, &["--db", &db, "audit", "--meeting", "1"]);
    assert!(text.contains("clerk1") && text.contains("publish"), "the text trail shows who published: {text}");
}
