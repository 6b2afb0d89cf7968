//! Backups, rotation and restore on real files in a temporary folder.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::*;
use crate::migrate::latest_version;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("test dates are real")
}

fn demo_store(path: &Path) -> Store {
    let mut store = Store::open(path).expect("a new database opens");
    let bundle = agendapack_demo::bundles().into_iter().next().expect("the demo has a meeting");
    store.import_bundle_at(&bundle, day(1).and_hms_opt(9, 0, 0).expect("a real time")).expect("the demo imports");
    store
}

fn meeting_count(path: &Path) -> usize {
    Store::open(path).expect("the database opens").meetings().expect("meetings list").len()
}

#[test]
fn a_backup_is_a_complete_database_on_its_own() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("live.db");
    let store = demo_store(&db);
    let out = dir.path().join("copy.db");
    store.backup_to(&out).expect("the backup is written");
    let original = store.meetings().expect("meetings list").len();
    drop(store);
    assert!(original > 0, "the demo has meetings to back up");
    assert_eq!(meeting_count(&out), original, "the backup holds every meeting of the database");
    let wal = dir.path().join("copy.db-wal");
    assert!(!wal.exists() || std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0) == 0, "a backup is one file");
    let names: Vec<String> = std::fs::read_dir(dir.path()).expect("the folder lists").flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    assert!(!names.iter().any(|n| n.ends_with(".partial")), "no temporary file is left behind: {names:?}");
}

#[test]
fn a_backup_over_the_database_itself_is_refused() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("live.db");
    let store = demo_store(&db);
    let err = store.backup_to(&db).expect_err("writing a backup over the live file must be refused");
    assert!(err.to_string().contains("is the database itself"), "the refusal says why: {err}");
}

#[test]
fn rotation_makes_one_backup_a_day_and_keeps_the_newest() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("agendapack.db");
    let store = demo_store(&db);
    for d in 1..=10 {
        let made = store.rotate_backups(day(d), 3).expect("rotation works");
        assert!(made.is_some(), "the first rotation of day {d} makes a backup");
        assert!(store.rotate_backups(day(d), 3).expect("rotation works").is_none(), "a second one the same day does not");
    }
    // A file rotation does not own is never deleted.
    std::fs::write(dir.path().join("backups/agendapack-before-restore-2026-11-01.db"), b"kept").expect("write");
    store.rotate_backups(day(11), 3).expect("rotation works");
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
        .expect("the backups folder exists")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "agendapack-2026-11-09.db",
            "agendapack-2026-11-10.db",
            "agendapack-2026-11-11.db",
            "agendapack-before-restore-2026-11-01.db"
        ],
        "rotation keeps the three newest daily backups, named by date, and leaves other files alone"
    );
}

#[test]
fn restore_replaces_the_database_and_keeps_what_it_replaced() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("live.db");
    let mut store = demo_store(&db);
    let saved = dir.path().join("saved.db");
    store.backup_to(&saved).expect("the backup is written");
    let before = store.meetings().expect("meetings").len();
    let bundle = agendapack_demo::bundles().into_iter().next().expect("the demo has a meeting");
    let mut later = bundle.clone();
    later.meeting.starts_at += chrono::Duration::days(70);
    later.work_programme.clear();
    store.import_bundle_at(&later, day(2).and_hms_opt(9, 0, 0).expect("a real time")).expect("a later meeting imports");
    drop(store);
    assert_eq!(meeting_count(&db), before + 1, "the live database has one meeting more than the backup");

    let restored = restore(&db, &saved, day(3)).expect("a good backup restores");
    assert_eq!(meeting_count(&db), before, "after restore the database is the backup");
    let kept = restored.kept.expect("what was replaced is kept");
    assert_eq!(kept, dir.path().join("backups/live-before-restore-2026-11-03.db"), "the kept copy is named by date");
    assert_eq!(meeting_count(&kept), before + 1, "the kept copy is the database as it was before the restore");
    assert_eq!(restored.restored_version, latest_version(), "the backup was written by this version");
    let again = restore(&db, &saved, day(3)).expect("restoring twice the same day works");
    assert_eq!(again.kept, Some(dir.path().join("backups/live-before-restore-2026-11-03-2.db")), "no kept copy is overwritten");
}

fn refuses(from: &Path, expected: &str) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("live.db");
    drop(demo_store(&db));
    let before = meeting_count(&db);
    let from_bytes = std::fs::read(from).expect("the candidate file exists");
    let err = restore(&db, from, day(3)).expect_err("the file must be refused");
    assert!(err.to_string().contains(expected), "the refusal says why: {err:?} should contain {expected:?}");
    assert_eq!(meeting_count(&db), before, "a refused restore leaves the database as it was");
    assert_eq!(std::fs::read(from).expect("still there"), from_bytes, "the refused file is not touched");
    assert!(!dir.path().join("backups").exists(), "nothing is kept when nothing was replaced");
}

#[test]
fn restore_refuses_files_that_are_not_agendapack_databases() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "meeting notes\n").expect("write");
    refuses(&text, "notes.db is not an AgendaPack database");
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").expect("write");
    refuses(&empty, "empty.db is not an AgendaPack database");
    let foreign = dir.path().join("bookmarks.db");
    let conn = Connection::open(&foreign).expect("sqlite opens");
    conn.execute_batch("CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('x');").expect("a foreign db");
    drop(conn);
    refuses(&foreign, "is a SQLite database of another application");
}

#[test]
fn restore_refuses_a_backup_from_a_newer_version() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let newer = dir.path().join("newer.db");
    drop(demo_store(&newer));
    let conn = Connection::open(&newer).expect("sqlite opens");
    conn.execute_batch(&format!("PRAGMA journal_mode = DELETE; PRAGMA user_version = {};", latest_version() + 1))
        .expect("version bumped");
    drop(conn);
    refuses(&newer, "was written by a newer version of AgendaPack");
}

#[test]
fn restore_over_a_damaged_database_moves_the_damaged_file_aside() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let good = dir.path().join("good.db");
    let count = {
        let store = demo_store(&good);
        store.meetings().expect("meetings").len()
    };
    let db = dir.path().join("live.db");
    drop(demo_store(&db));
    let conn = Connection::open(&db).expect("sqlite opens");
    conn.execute_batch("PRAGMA journal_mode = DELETE;").expect("rollback mode");
    drop(conn);
    let mut bytes = std::fs::read(&db).expect("read");
    for b in &mut bytes[4096..3 * 4096] {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).expect("write");
    let restored = restore(&db, &good, day(4)).expect("a damaged database can be restored over");
    assert_eq!(meeting_count(&db), count, "the restored database is the good one");
    let kept = restored.kept.expect("the damaged file is kept");
    assert_eq!(std::fs::read(&kept).expect("kept"), bytes, "the damaged file is kept byte for byte");
}
