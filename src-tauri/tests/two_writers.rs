//! Two instances on one database (issue 10): two writers with their own connections (as the
//! desktop app and the CLI would have) edit the same meeting at once. Both must succeed, each
//! waiting for the other (busy_timeout, write transactions that take the lock up front), and
//! afterwards nothing is lost and SQLite's integrity check passes. A third thread builds packs
//! from the same file meanwhile, as the app does while a clerk edits.

use std::path::Path;
use std::sync::{Arc, Barrier};

use agendapack_model::{ItemKind, Person, Venue};
use agendapack_pack::{build, Edition, PackOptions};
use agendapack_store::edit::{NewMeeting, ReportFields};
use agendapack_store::{MeetingId, Store};
use chrono::{NaiveDate, NaiveDateTime};

const EDITS_EACH: usize = 60;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22).and_then(|d| d.and_hms_opt(9, 0, 0)).unwrap_or_default()
}

fn setup(db: &Path) -> (i64, i64) {
    let mut store = Store::open(db).unwrap_or_else(|e| panic!("a new database opens: {e}"));
    let demo = agendapack_demo::bundles().into_iter().next().unwrap_or_else(|| panic!("the demo has a meeting"));
    let demo_id = store.import_bundle_at(&demo, now()).unwrap_or_else(|e| panic!("the demo imports: {e}"));
    let committee = store.committee_save(None, "Two Writers Committee").unwrap_or_else(|e| panic!("committee: {e}"));
    let meeting = store
        .meeting_create(&NewMeeting {
            committee_id: committee.id,
            starts_at: now(),
            venue: Venue::Virtual,
            contact_officer: Person::named("Writer Officer"),
        })
        .unwrap_or_else(|e| panic!("meeting: {e}"));
    (meeting.id, demo_id.0)
}

/// One writer: its own connection, `EDITS_EACH` actions, each one transaction.
fn writer(db: &Path, meeting: i64, name: &str, start: &Barrier) -> Vec<String> {
    let mut store = Store::open(db).unwrap_or_else(|e| panic!("writer {name} opens the database: {e}"));
    start.wait();
    let mut titles = Vec::new();
    for n in 0..EDITS_EACH {
        let title = format!("{name}-{n}");
        let kind = if n % 5 == 0 { ItemKind::Report } else { ItemKind::StandardText };
        let detail = store
            .item_add(meeting, &title, kind, None, now())
            .unwrap_or_else(|e| panic!("writer {name} edit {n} must succeed or wait, not fail: {e}"));
        if kind == ItemKind::Report {
            let item = detail.items.iter().find(|i| i.title == title).map(|i| i.id);
            let item = item.unwrap_or_else(|| panic!("writer {name}: the added item {title} is in the answer"));
            let mut fields = ReportFields::draft(&title);
            fields.body = format!("Written by {name}, edit {n}.");
            store
                .report_save(item, &fields, now())
                .unwrap_or_else(|e| panic!("writer {name} report {n} must succeed or wait, not fail: {e}"));
        }
        titles.push(title);
    }
    titles
}

#[test]
fn two_writers_at_once_both_succeed_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
    let db = dir.path().join("shared.db");
    let (meeting, demo) = setup(&db);
    let start = Arc::new(Barrier::new(3));
    let spawn = |name: &'static str| {
        let (db, start) = (db.clone(), Arc::clone(&start));
        std::thread::spawn(move || writer(&db, meeting, name, &start))
    };
    let a = spawn("alpha");
    let b = spawn("beta");
    let reader = {
        let (db, start) = (db.clone(), Arc::clone(&start));
        std::thread::spawn(move || {
            let store = Store::open(&db).unwrap_or_else(|e| panic!("the pack builder opens the database: {e}"));
            start.wait();
            let mut pages = Vec::new();
            for _ in 0..2 {
                let bundle = store.load_bundle(MeetingId(demo)).unwrap_or_else(|e| panic!("loads while others write: {e}"));
                let options = PackOptions { edition: Edition::Public, supplement: false, draft: false };
                let pack = build(&bundle, &options).unwrap_or_else(|e| panic!("builds while others write: {e}"));
                pages.push(pack.pages);
            }
            pages
        })
    };
    let mut expected = a.join().unwrap_or_else(|_| panic!("writer alpha panicked"));
    expected.extend(b.join().unwrap_or_else(|_| panic!("writer beta panicked")));
    let pages = reader.join().unwrap_or_else(|_| panic!("the pack builder panicked"));
    assert!(pages.windows(2).all(|w| w[0] == w[1]), "the demo pack is the same while another meeting is edited: {pages:?}");

    let conn = rusqlite::Connection::open(&db).unwrap_or_else(|e| panic!("the database opens: {e}"));
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap_or_default();
    assert_eq!(check, "ok", "two writers at once never corrupt the database");
    let store = Store::open(&db).unwrap_or_else(|e| panic!("the database reopens: {e}"));
    let detail = store.meeting_detail(meeting).unwrap_or_else(|e| panic!("the meeting loads: {e}"));
    for title in &expected {
        assert!(detail.items.iter().any(|i| &i.title == title), "{title} was acknowledged, so it must be stored");
    }
    let mut positions: Vec<u32> = detail.items.iter().map(|i| i.position).collect();
    positions.dedup();
    assert_eq!(positions.len(), detail.items.len(), "interleaved edits keep one item per agenda position");
    let reports = detail.items.iter().filter(|i| i.title.ends_with("-0") || i.title.ends_with("-5")).count();
    assert_eq!(reports, 4, "each writer's first two report items are there");
}
