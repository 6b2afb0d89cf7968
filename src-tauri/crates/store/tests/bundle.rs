//! Import and load: a meeting comes back exactly as it went in, and a bad one changes nothing.

mod common;

use agendapack_model::{Access, AppendixContent, Person};
use agendapack_store::{MeetingId, Store, StoreError};
use chrono::NaiveDateTime;
use common::*;

fn now() -> NaiveDateTime {
    date(2020, 11, 20).and_time(time(9, 30))
}

/// Row counts of every table: "the database is unchanged" in a form a test can compare.
fn counts(store_path: &std::path::Path) -> Vec<(String, i64)> {
    let conn = rusqlite::Connection::open(store_path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let n = conn.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0)).unwrap();
            (t, n)
        })
        .collect()
}

#[test]
fn a_rich_meeting_round_trips_exactly() {
    let mut store = Store::open_in_memory().unwrap();
    let bundle = rich_bundle();
    let id = store.import_bundle_at(&bundle, now()).unwrap();
    let loaded = store.load_bundle(id).unwrap();
    assert_eq!(loaded, bundle, "load(import(b)) must give back b field for field");
}

#[test]
fn every_part_of_a_rich_meeting_is_stored() {
    // Guards the round-trip test against a bundle that silently lost its interesting parts.
    let b = rich_bundle();
    assert!(b.previous.is_some() && b.minutes.is_some(), "the rich bundle has both sets of minutes");
    assert!(
        b.items.iter().flat_map(|i| &i.report).flat_map(|r| &r.appendices).any(|a| matches!(a.content, AppendixContent::Pdf { .. })),
        "the rich bundle has a PDF appendix"
    );
    assert!(
        b.items.iter().any(|i| matches!(&i.access, Access::Exempt { paragraphs, .. } if paragraphs.iter().any(|p| p.number() >= 12))),
        "the rich bundle has a Welsh exempt paragraph"
    );
}

#[test]
fn people_are_shared_but_print_as_they_were() {
    let mut store = Store::open_in_memory().unwrap();
    let first = store.import_bundle_at(&rich_bundle(), now()).unwrap();
    // The same officer with a new job title in a later meeting.
    let mut later = small_bundle("Overview and Scrutiny Committee", 2021, 1, 13);
    later.meeting.contact_officer = Person { job_title: "Head of Governance".into(), ..later.meeting.contact_officer };
    let second = store.import_bundle_at(&later, now()).unwrap();
    assert_eq!(
        store.load_bundle(first).unwrap().meeting.contact_officer.job_title,
        "Senior Governance Officer",
        "an old pack keeps the job title printed at the time"
    );
    assert_eq!(store.load_bundle(second).unwrap().meeting.contact_officer.job_title, "Head of Governance");
}

#[test]
fn importing_twice_reuses_committee_members_and_previous_meeting() {
    let mut store = Store::open_in_memory().unwrap();
    let bundle = rich_bundle();
    let a = store.import_bundle_at(&bundle, now()).unwrap();
    let b = store.import_bundle_at(&bundle, now()).unwrap();
    assert_ne!(a, b, "each import is a new meeting");
    assert_eq!(store.load_bundle(b).unwrap(), bundle, "the second copy loads the same");
    let meetings = store.meetings().unwrap();
    let ids: Vec<i64> = meetings.iter().map(|m| m.id).collect();
    assert_eq!(ids, vec![a.0, b.0], "the two imports are listed; the shared 4 November meeting holds only minutes: {meetings:?}");
    assert_eq!(meetings[0].items, 7, "the summary counts the agenda items");
    assert!(meetings[0].has_supplement, "the rich meeting has a supplementary item");
    let earlier = store.import_bundle_at(&small_bundle("Cabinet", 2019, 1, 1), now()).unwrap();
    assert_eq!(store.meetings().unwrap()[0].id, earlier.0, "meetings are listed earliest first");
}

#[test]
fn a_failure_anywhere_rolls_back_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let mut store = Store::open(&path).unwrap();
    store.import_bundle_at(&small_bundle("Cabinet", 2020, 1, 1), now()).unwrap();
    let before = counts(&path);
    let mut bad = rich_bundle();
    // A PDF whose hash does not match its bytes: refused before anything is written.
    if let Some(AppendixContent::Pdf { sha256, .. }) =
        bad.items[2].report.as_mut().map(|r| &mut r.appendices[1].content)
    {
        *sha256 = "0".repeat(64);
    }
    let err = store.import_bundle_at(&bad, now()).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "a wrong hash is a validation error: {err}");
    assert!(
        err.to_string().starts_with("items[2].report.appendices[1].content.sha256: does not match"),
        "the message names the field: {err}"
    );
    drop(store);
    assert_eq!(counts(&path), before, "a refused import leaves every table as it was");
}

#[test]
fn a_database_error_mid_import_rolls_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let mut store = Store::open(&path).unwrap();
    store.import_bundle_at(&small_bundle("Cabinet", 2020, 1, 1), now()).unwrap();
    drop(store);
    // A trigger makes the last write of an import (the work programme) fail, after the council,
    // committee, people, meetings and items have been written in the same transaction.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TRIGGER refuse BEFORE INSERT ON work_programme_entries BEGIN SELECT RAISE(ABORT, 'refused'); END;")
        .unwrap();
    drop(conn);
    let before = counts(&path);
    let mut store = Store::open(&path).unwrap();
    let err = store.import_bundle_at(&rich_bundle(), now()).unwrap_err();
    assert!(err.to_string().contains("refused"), "the database error is reported: {err}");
    drop(store);
    assert_eq!(counts(&path), before, "everything written before the failure is rolled back");
}

#[test]
fn an_unknown_meeting_is_named() {
    let store = Store::open_in_memory().unwrap();
    let err = store.load_bundle(MeetingId(42)).unwrap_err();
    assert_eq!(err.to_string(), "there is no meeting with id 42", "the CLI prints this sentence as is");
}

#[test]
fn the_demo_meeting_is_remembered() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(store.demo_meeting_id().unwrap(), None, "a new database has no demo");
    let id = store.import_bundle_at(&rich_bundle(), now()).unwrap();
    store.set_demo_meeting_id(id).unwrap();
    assert_eq!(store.demo_meeting_id().unwrap(), Some(id), "the demo meeting id is kept in settings");
}

#[test]
fn work_programme_rows_before_the_meeting_are_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let mut b = rich_bundle();
    b.work_programme[0].meeting_date = date(2020, 10, 1);
    let err = store.import_bundle_at(&b, now()).unwrap_err().to_string();
    assert!(err.starts_with("work_programme[0].meeting_date:"), "they could not be loaded back: {err}");
}
