//! The audit trail on a store with the demo meeting: edits through the store's actions, a
//! fixed user and clock, and publications proven by their bytes.

use agendapack_model::ItemKind;
use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::edit::ReportFields;

fn at(hour: u32, minute: u32, second: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22).and_then(|d| d.and_hms_opt(hour, minute, second)).expect("a real time")
}

fn demo() -> (Store, i64) {
    let mut store = Store::open_in_memory().expect("an in-memory store opens");
    store.set_actor(Actor::fixed("importer", at(8, 0, 0))).expect("the actor is set");
    let bundle = agendapack_demo::bundles().into_iter().next().expect("the demo has a meeting");
    let id = store.import_bundle_at(&bundle, at(8, 0, 0)).expect("the demo imports");
    (store, id.0)
}

fn report_item(store: &Store, meeting: i64) -> i64 {
    let detail = store.meeting_detail(meeting).expect("the demo meeting loads");
    detail.items.iter().find(|i| i.kind == ItemKind::Report).map(|i| i.id).expect("the demo has a report")
}

#[test]
fn edits_are_recorded_with_the_user_the_time_and_what_changed() {
    let (mut store, meeting) = demo();
    let item = report_item(&store, meeting);
    store.set_actor(Actor::fixed("jsmith", at(10, 15, 0))).expect("the actor is set");
    let mut fields = store.report_detail(item).expect("the report loads").report;
    fields.summary = "A new summary.".into();
    fields.title.push_str(" (revised)");
    store.report_save(item, &fields, at(10, 15, 0)).expect("the report saves");
    let trail = store.audit_log(meeting).expect("the trail loads");
    let last = trail.last().expect("the save is in the trail");
    assert_eq!((last.user.as_str(), last.at.as_str()), ("jsmith", "2026-11-22T10:15:00"), "who and when come from the actor");
    assert_eq!((last.entity.as_str(), last.action.as_str()), ("report", "update"), "a report save is a report update");
    assert!(last.summary.ends_with(": title summary"), "the changed fields are named: {:?}", last.summary);
    assert!(trail.iter().any(|e| e.user == "importer" && e.entity == "agenda-item" && e.action == "insert"),
        "the import that created the agenda is in the trail too");
}

#[test]
fn autosave_in_the_same_minute_is_one_line_and_a_save_without_changes_none() {
    let (mut store, meeting) = demo();
    let item = report_item(&store, meeting);
    let before = store.audit_log(meeting).expect("trail").len();
    let mut fields = store.report_detail(item).expect("the report loads").report;
    store.report_save(item, &fields, at(11, 0, 0)).expect("an unchanged save works");
    assert_eq!(store.audit_log(meeting).expect("trail").len(), before, "a save that changes nothing records nothing");
    for second in 0..30 {
        store.set_actor(Actor::fixed("typist", at(11, 1, second))).expect("the actor is set");
        fields.body.push('x');
        store.report_save(item, &fields, at(11, 1, second)).expect("autosave works");
    }
    store.set_actor(Actor::fixed("typist", at(11, 2, 5))).expect("the actor is set");
    fields.body.push('y');
    store.report_save(item, &fields, at(11, 2, 5)).expect("autosave works");
    let trail = store.audit_log(meeting).expect("trail");
    let body_lines: Vec<&str> = trail[before..].iter().map(|e| e.at.as_str()).collect();
    assert_eq!(body_lines, ["2026-11-22T11:01:00", "2026-11-22T11:02:05"], "typing is one line per minute");
}

#[test]
fn agenda_changes_and_deletions_stay_in_the_trail() {
    let (mut store, meeting) = demo();
    store.set_actor(Actor::fixed("clerk", at(12, 0, 0))).expect("the actor is set");
    let detail = store.item_add(meeting, "Late item", ItemKind::StandardText, None, at(12, 0, 0)).expect("added");
    let added = detail.items.iter().find(|i| i.title == "Late item").map(|i| i.id).expect("the item is there");
    store.item_delete(added).expect("deleted");
    let trail = store.audit_log(meeting).expect("trail");
    let mine: Vec<(&str, &str)> = trail
        .iter()
        .filter(|e| e.entity_id == Some(added))
        .map(|e| (e.action.as_str(), e.summary.as_str()))
        .collect();
    assert_eq!(mine.first(), Some(&("insert", "Late item")), "adding the item is recorded: {mine:?}");
    assert_eq!(mine.last(), Some(&("delete", "Late item")), "deleting it is recorded and the lines stay: {mine:?}");
}

#[test]
fn the_trail_cannot_be_rewritten() {
    let (store, meeting) = demo();
    assert!(!store.audit_log(meeting).expect("trail").is_empty(), "the import wrote a trail");
    for sql in ["UPDATE audit_log SET user_name = 'someone else'", "DELETE FROM audit_log"] {
        let err = store.conn.execute(sql, []).expect_err("the trail is append-only");
        assert!(err.to_string().contains("the audit trail cannot be changed"), "{sql} is refused with the reason: {err}");
    }
}

#[test]
fn a_connection_without_the_audit_functions_cannot_change_audited_rows() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("a.db");
    let mut store = Store::open(&path).expect("opens");
    let bundle = agendapack_demo::bundles().into_iter().next().expect("the demo has a meeting");
    store.import_bundle_at(&bundle, at(8, 0, 0)).expect("imports");
    drop(store);
    let raw = rusqlite::Connection::open(&path).expect("sqlite opens");
    let err = raw.execute("UPDATE reports SET title = 'Unattributed'", []).expect_err("an anonymous change is refused");
    assert!(err.to_string().contains("agendapack_now") || err.to_string().contains("agendapack_user"),
        "the refusal names the missing audit function: {err}");
}

#[test]
fn a_publication_is_recorded_and_proven_by_its_bytes() {
    let (store, meeting) = demo();
    store.set_actor(Actor::fixed("publisher", at(9, 0, 0))).expect("the actor is set");
    let pdf = b"%PDF-1.7 a pack\n%%EOF\n";
    let recorded = store.record_publication(meeting, "public", "pack.pdf", pdf, at(9, 30, 0)).expect("recorded");
    assert_eq!(recorded.sha256, crate::sha256_hex(pdf), "the hash is the SHA-256 of the bytes");
    assert_eq!(store.find_publication(pdf).expect("found"), vec![recorded.clone()], "the same bytes find the publication");
    assert!(store.find_publication(b"%PDF-1.7 another\n").expect("searched").is_empty(), "other bytes prove nothing");
    assert_eq!(store.publications(meeting).expect("listed"), vec![recorded.clone()], "the meeting lists its publication");
    let trail = store.audit_log(meeting).expect("trail");
    let last = trail.last().expect("the publication is in the trail");
    assert_eq!((last.action.as_str(), last.user.as_str(), last.at.as_str()), ("publish", "publisher", "2026-11-22T09:30:00"),
        "the publication is a line of the trail with who and when");
    assert!(last.summary.contains(&recorded.sha256) && last.summary.starts_with("public edition"), "it names edition and hash");
    let err = store.conn.execute("DELETE FROM publications", []).expect_err("publications are permanent");
    assert!(err.to_string().contains("cannot be changed"), "refused with the reason: {err}");
}
