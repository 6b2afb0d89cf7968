//! The audit trail on a store with the demo meeting: edits through the store's actions, a
//! fixed user and clock, and publications proven by their bytes.

use agendapack_model::ItemKind;
use chrono::{NaiveDate, NaiveDateTime};

use super::*;

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

#[test]
fn a_database_from_before_the_audit_trail_migrates_and_is_audited_from_then_on() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("v5.db");
    {
        let mut conn = rusqlite::Connection::open(&path).expect("sqlite opens");
        conn.execute_batch("PRAGMA foreign_keys = ON").expect("pragma");
        crate::migrate::migrate_to(&mut conn, 5).expect("version 5 schema");
        conn.execute_batch(
            "INSERT INTO council (id, name, nation, chief_executive_name, chief_executive_title, standing_texts)
                 VALUES (1, 'Test Council', 'england', 'A Person', 'Chief Executive', '{}');
             INSERT INTO people (id, name, email) VALUES (1, 'Officer', 'o@example.org');
             INSERT INTO committees (id, name) VALUES (1, 'Cabinet');
             INSERT INTO meetings (id, committee_id, starts_at, venue_kind, status, contact_officer_id)
                 VALUES (1, 1, '2020-12-02T19:00:00', 'virtual', 'scheduled', 1);
             INSERT INTO agenda_items (id, meeting_id, position, number, title, kind) VALUES (2, 1, 0, 1, 'Budget', 'report');
             INSERT INTO reports (id, agenda_item_id, title, report_of, decision, wards_affected, key_decision,
                     accountable_director, summary, recommendations, body, status, created_at, updated_at)
                 VALUES (1, 2, 'Budget', 'Report of the Director', 'for-decision', 'All', 0, 'A Director', '', '', '', 'draft',
                     '2020-11-01T09:00:00', '2020-11-01T09:00:00');",
        )
        .expect("version 5 rows");
    }
    let mut store = Store::open(&path).expect("a version 5 database opens and migrates");
    assert!(store.audit_log(1).expect("trail").is_empty(), "rows from before the trail have no invented history");
    store.set_actor(Actor::fixed("later", at(10, 0, 0))).expect("the actor is set");
    let mut fields = store.report_detail(2).expect("the old report loads").report;
    fields.body = "Now written.".into();
    store.report_save(2, &fields, at(10, 0, 0)).expect("the old report saves");
    let trail = store.audit_log(1).expect("trail");
    assert_eq!(trail.len(), 1, "the first change after the upgrade is recorded: {trail:?}");
    assert_eq!((trail[0].user.as_str(), trail[0].summary.as_str()), ("later", "Budget: body"), "with who and what");
}

#[test]
fn the_user_name_is_windows_sign_in_name_on_windows_and_user_elsewhere() {
    // As Wine or Git Bash leave it on Windows: USER from the host shell, USERNAME from Windows.
    let env = |key: &str| match key {
        "USER" => Some("root".to_string()),
        "USERNAME" => Some("j.smith".to_string()),
        _ => None,
    };
    assert_eq!(user_name(true, env), "j.smith", "Windows: the account Windows signed in");
    assert_eq!(user_name(false, env), "root", "Linux: USER");
    let windows_only = |key: &str| (key == "USERNAME").then(|| "j.smith".to_string());
    assert_eq!(user_name(false, windows_only), "j.smith", "USERNAME when USER is not set");
    let blank = |key: &str| (key == "USERNAME").then(|| "  ".to_string());
    assert_eq!(user_name(true, blank), "unknown", "a blank name is no name");
}
