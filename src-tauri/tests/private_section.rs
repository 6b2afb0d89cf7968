//! Issue 14, points 1 and 2: an item's place below Private Business and its access are one
//! truth, kept by the store on every edit, by an import before any write, by migration 0007 on
//! older databases and by the pack plan as a last guard; and standing texts name the meeting's
//! own committee. The public pack is read back with poppler's pdftotext and qpdf, never with
//! our own code.

mod pack_support;

mod cli_support;
use cli_support::{run};
use std::path::Path;

use agendapack_model::{Access, AgendaItem, ExemptParagraph, ItemKind, MeetingBundle, StandingTextOverrides};
use agendapack_pack::{Edition, PackOptions};
use agendapack_store::edit::{AccessChange, NewItem};
use agendapack_store::private_section::NoticeReader;
use agendapack_store::{MeetingId, Store, StoreError};
use chrono::NaiveDate;
use pack_support::{build_to_file, flat, all_pages, qpdf_uncompressed};

/// Words of the report's papers that must never reach the public edition.
const MARKER: &str = "QUOKKA-RIVERSIDE-4471";

fn now() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2020, 11, 1).and_then(|d| d.and_hms_opt(9, 0, 0)).expect("a real time")
}

fn paragraph(n: u8) -> Access {
    Access::Exempt { paragraphs: vec![ExemptParagraph::new(n).expect("a paragraph of Schedule 12A")], public_title: None }
}

fn demo_store(dir: &Path) -> (Store, i64) {
    let mut store = Store::open(&dir.join("agendapack.db")).expect("a new database opens");
    let id = store.import_bundle_at(&agendapack_demo::bundles()[0], now()).expect("the demo meeting imports");
    (store, id.0)
}

fn refusal(result: Result<impl std::fmt::Debug, StoreError>) -> (String, String) {
    match result {
        Err(StoreError::Invalid(problems)) => (problems[0].path.clone(), problems[0].message.clone()),
        other => panic!("the edit must be refused with a sentence, got {other:?}"),
    }
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn public_text(bundle: &MeetingBundle) -> (String, Vec<u8>, Vec<String>) {
    let built = build_to_file(bundle, &PackOptions::default());
    let text = flat(&all_pages(&built.path, built.pack.pages).join(" "));
    (text, qpdf_uncompressed(&built.path), built.pack.warnings.clone())
}

#[test]
fn a_move_into_private_is_refused_until_it_brings_a_paragraph_and_the_public_pack_never_has_its_papers() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (mut store, meeting) = demo_store(dir.path());
    let added = store.item_add(meeting, "Land at Riverside", ItemKind::Report, None, now()).expect("an open report is added");
    let item = added.items.iter().find(|i| i.title == "Land at Riverside").expect("the new item").id;
    let mut report = store.report_detail(item).expect("its draft report").report;
    report.summary = format!("The offer for {MARKER} from the buyer.");
    report.body = format!("## 1. Introduction\n\n1.1 The buyer of {MARKER} has offered a price.");
    store.report_save(item, &report, now()).expect("the report saves");

    // Move it just below the heading, as "Move to private" does.
    let before = store.meeting_detail(meeting).expect("the agenda");
    let mut order: Vec<i64> = before.items.iter().map(|i| i.id).filter(|id| *id != item).collect();
    let heading = before.items.iter().find(|i| i.kind == ItemKind::PrivateBusinessHeading).expect("a heading").id;
    let at = order.iter().position(|id| *id == heading).expect("the heading is listed") + 1;
    order.insert(at, item);
    let (field, message) = refusal(store.items_reorder(meeting, &order));
    assert_eq!(field, "access", "the refusal belongs beside the item's access");
    assert!(
        message.contains("\"Land at Riverside\" is in the private section but is open to the public")
            && message.contains("choose its Schedule 12A paragraph(s)"),
        "the sentence names the item and says what to do: {message}"
    );
    assert_eq!(store.meeting_detail(meeting).expect("the agenda"), before, "a refused move changes nothing");

    let moved = store
        .items_reorder_with_access(meeting, &order, Some(&AccessChange { item_id: item, access: paragraph(3) }))
        .expect("the move arrives with its paragraph in one call");
    let row = moved.items.iter().find(|i| i.id == item).expect("still there");
    assert_eq!(row.access, paragraph(3), "the item is exempt under paragraph 3");

    // Once private, it cannot be made open where it stands.
    let changes = agendapack_store::edit::ItemChanges {
        title: row.title.clone(),
        description: String::new(),
        access: Access::Public,
        supplementary: false,
    };
    assert_eq!(refusal(store.item_update(item, &changes)).0, "access", "opening a private item is refused");
    // Adding below the heading asks for the access too.
    let open_new = NewItem { title: "Lease of the depot".into(), kind: ItemKind::Report, after_item_id: Some(heading), access: Access::Public };
    assert!(refusal(store.item_add_new(meeting, &open_new, now())).1.contains("\"Lease of the depot\""), "named");
    let confidential = NewItem { access: Access::Confidential { public_title: None }, ..open_new };
    store.item_add_new(meeting, &confidential, now()).expect("a confidential item may be added below the heading");

    let bundle = store.load_bundle(MeetingId(meeting)).expect("the meeting loads");
    let (text, raw, _) = public_text(&bundle);
    assert!(!text.contains(MARKER) && !contains(&raw, MARKER), "no word of the report's papers in the public pack");
    assert!(text.contains("Land at Riverside"), "its (open) title is listed on the agenda: {text}");
    assert!(text.contains("Exempt: paragraph 3 of Part 1 of Schedule 12A"), "with its paragraph");
    assert!(!text.contains("There are no such items"), "the private section is not empty, so no 'no such items'");
    let full = build_to_file(&bundle, &PackOptions { edition: Edition::Full, ..PackOptions::default() });
    let full_text = flat(&all_pages(&full.path, full.pack.pages).join(" "));
    assert!(full_text.contains(MARKER), "the full edition carries the papers");
}

#[test]
fn an_import_with_an_open_private_item_is_refused_naming_it_and_the_database_is_unchanged() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("agendapack.db");
    let db = db.to_str().expect("a UTF-8 path");
    let first = run(dir.path(), &["--db", db, "init", "--demo"]);
    assert!(first.status.success(), "the demo loads: {}", String::from_utf8_lossy(&first.stderr));
    let listed = |what: &str| {
        let out = run(dir.path(), &["--db", db, "meetings", "--json"]);
        assert!(out.status.success(), "{what}: {}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    let before = listed("before");
    let mut bundle = agendapack_demo::bundles()[0].clone();
    bundle.meeting.starts_at += chrono::Duration::days(7);
    let heading = bundle.items.iter().position(|i| i.kind == ItemKind::PrivateBusinessHeading).expect("a heading");
    // A number no other item has, so the only problem is the private section's.
    let number = bundle.items.iter().filter_map(|i| i.number).max().unwrap_or(0) + 1;
    bundle.items.insert(
        heading + 1,
        AgendaItem {
            number: Some(number),
            title: "Land at Riverside".into(),
            kind: ItemKind::StandardText,
            description: format!("The sale of {MARKER}."),
            access: Access::Public,
            supplementary: false,
            report: None,
        },
    );
    let file = dir.path().join("open-private.json");
    std::fs::write(&file, agendapack_store::exchange::to_json(&bundle).expect("the document writes")).expect("written");
    let out = run(dir.path(), &["--db", db, "import", file.to_str().expect("UTF-8")]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "the import is refused: {stderr}");
    assert!(
        stderr.contains(&format!("item {number} \"Land at Riverside\" is in the private section but is open to the public: choose its Schedule 12A paragraph(s) (or mark it confidential) or move it above Private Business")),
        "the sentence names the item: {stderr}"
    );
    assert!(!stderr.contains("panicked") && !stderr.contains("more problem"), "one refusal, not a panic: {stderr}");
    assert_eq!(listed("after"), before, "the database is unchanged: no meeting was added");

    // The same document with the paragraph chosen imports.
    bundle.items[heading + 1].access = paragraph(3);
    std::fs::write(&file, agendapack_store::exchange::to_json(&bundle).expect("the document writes")).expect("written");
    let out = run(dir.path(), &["--db", db, "import", file.to_str().expect("UTF-8")]);
    assert!(out.status.success(), "with its paragraph it imports: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_schema_6_database_with_an_open_private_item_is_restricted_on_upgrade_and_listed_once() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("v6.db");
    {
        let mut conn = rusqlite::Connection::open(&path).expect("sqlite opens");
        conn.execute_batch("PRAGMA foreign_keys = ON").expect("pragma");
        agendapack_store::audit::register_audit_functions(&conn, agendapack_store::Actor::fixed("clerk", now()))
            .expect("the audit functions");
        agendapack_store::migrate::migrate_to(&mut conn, 6).expect("the version 6 schema");
        conn.execute_batch(&format!(
            "INSERT INTO council (id, name, nation, chief_executive_name, chief_executive_title, standing_texts)
                 VALUES (1, 'Test Council', 'england', 'A Person', 'Chief Executive', '{{}}');
             INSERT INTO people (id, name, email) VALUES (1, 'Officer', 'o@example.org');
             INSERT INTO committees (id, name) VALUES (1, 'Licensing Committee');
             INSERT INTO meetings (id, committee_id, starts_at, venue_kind, status, contact_officer_id)
                 VALUES (1, 1, '2020-12-02T19:00:00', 'virtual', 'scheduled', 1);
             INSERT INTO agenda_items (id, meeting_id, position, number, title, kind) VALUES (1, 1, 0, 1, 'Apologies for Absence', 'standard-text');
             INSERT INTO agenda_items (id, meeting_id, position, title, kind) VALUES (2, 1, 1, 'Private Business', 'private-business-heading');
             INSERT INTO agenda_items (id, meeting_id, position, number, title, kind) VALUES (3, 1, 2, 9, 'Land at Riverside', 'report');
             INSERT INTO reports (id, agenda_item_id, title, report_of, decision, wards_affected, key_decision,
                     accountable_director, summary, recommendations, body, status, created_at, updated_at)
                 VALUES (1, 3, 'Land at Riverside', 'Report of the Director', 'for-decision', 'All', 0, 'A Director',
                     'The offer for {MARKER}.', 'To agree.', '1.1 The buyer of {MARKER} has offered.', 'draft',
                     '2020-11-01T09:00:00', '2020-11-01T09:00:00');
             INSERT INTO agenda_items (id, meeting_id, position, number, title, kind) VALUES (4, 1, 3, 10, 'Any urgent exempt items', 'urgent-business');"
        ))
        .expect("version 6 rows, with an open report below Private Business");
    }
    let db = path.to_str().expect("a UTF-8 path");
    let first = run(dir.path(), &["--db", db, "meetings"]);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(first.status.success(), "the old database opens: {stderr}");
    assert!(
        stderr.contains("item 9 \"Land at Riverside\" of Licensing Committee, 2 December 2020, was open to the public below Private Business"),
        "the CLI reports the restricted item on its next command: {stderr}"
    );
    assert_eq!(stderr.matches("Land at Riverside").count(), 1, "once: {stderr}");
    let second = run(dir.path(), &["--db", db, "meetings"]);
    assert!(!String::from_utf8_lossy(&second.stderr).contains("Riverside"), "and only once");

    let mut store = Store::open(&path).expect("the migrated database opens");
    let bundle = store.load_bundle(MeetingId(1)).expect("the meeting loads");
    assert_eq!(
        bundle.items[2].access,
        Access::Exempt { paragraphs: vec![], public_title: None },
        "the open item is now exempt with no paragraph chosen"
    );
    assert_eq!(bundle.items[3].access, Access::Public, "the urgent-business line stays open");
    let shown = store.take_private_section_notices(NoticeReader::App).expect("the app's list");
    assert_eq!(shown.len(), 1, "the Meetings screen is told of it once: {shown:?}");
    assert!(store.take_private_section_notices(NoticeReader::App).expect("again").is_empty(), "and only once");

    let (text, raw, warnings) = public_text(&bundle);
    assert!(!text.contains(MARKER) && !contains(&raw, MARKER), "the upgraded item's papers are left out of the public pack");
    assert!(
        warnings.iter().any(|w| w.contains("item 9 \"Land at Riverside\" is exempt but no Schedule 12A paragraph is chosen")),
        "the build warns until a paragraph is chosen: {warnings:?}"
    );
}

#[test]
fn a_second_committee_pack_names_its_own_committee_and_its_own_text_travels_in_the_export() {
    let mut bundle = agendapack_demo::bundles()[0].clone();
    bundle.committee.name = "Licensing Committee".into();
    bundle.committee.members.clear();
    let (text, _, _) = public_text(&bundle);
    assert!(
        text.contains("such as the Licensing Committee, except where business is confidential"),
        "the Private Business paragraph names the meeting's committee: {text}"
    );
    assert!(!text.contains("Overview & Scrutiny Committee"), "not the council's first committee");

    // The committee's own wording: stored, carried by export and import, printed with placeholders filled.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut store = Store::open(&dir.path().join("a.db")).expect("opens");
    let id = store.import_bundle_at(&bundle, now()).expect("imports");
    let committee = store.committees().expect("committees").into_iter().find(|c| c.name == "Licensing Committee").expect("listed");
    let own = StandingTextOverrides {
        private_business: Some("The {committee} will meet in private on {meeting_date} to consider:".into()),
        ..StandingTextOverrides::default()
    };
    let saved = store.committee_texts_save(committee.id, &own).expect("the committee's text saves");
    assert_eq!(saved.standing_texts, own, "the override reads back");
    let exported = agendapack_store::exchange::to_json(&store.load_bundle(id).expect("loads")).expect("exports");
    assert!(exported.contains("will meet in private on {meeting_date}"), "the export carries the committee's own text");
    let mut other = Store::open(&dir.path().join("b.db")).expect("opens");
    let again = other.import_bundle_at(&agendapack_store::exchange::from_json(&exported).expect("reads"), now()).expect("imports");
    let reloaded = other.load_bundle(again).expect("loads");
    assert_eq!(reloaded.committee.standing_texts, own, "and the import restores it");
    let (text, _, _) = public_text(&reloaded);
    assert!(
        text.contains("The Licensing Committee will meet in private on 2 December 2020 to consider:"),
        "the pack fills the placeholders: {text}"
    );
}
