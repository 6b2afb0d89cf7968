//! Fuzzing the two text imports (issue 10): the JSON interchange document (`agendapack
//! import`) and the bank-holiday file (`agendapack holidays import`). Every input, from the
//! corpus in `tests/fuzz-corpus/{json,holidays}/` and from seeded mutations of real files,
//! must give a stored result or one clear error, never a panic; a refused import must leave
//! the database as it was; and every meeting that is stored is built into a pack (issue 14: a
//! hostile value an import accepts must not crash the build later), the public and the full
//! edition in turn, to keep the run short. Deep nesting is refused by serde_json's recursion
//! limit (128).

mod fuzz_support;

use agendapack_pack::{build, Edition, PackOptions};
use agendapack_store::exchange::{from_json, to_json};
use agendapack_store::{MeetingId, Store};
use chrono::{NaiveDate, NaiveDateTime};
use fuzz_support::{assert_clear, corpus, mutate, Rng};

const JSON_MUTATIONS: usize = 400;
const HOLIDAY_MUTATIONS: usize = 400;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 22).and_then(|d| d.and_hms_opt(9, 0, 0)).unwrap_or_default()
}

/// Parses and, if the shape is right, imports `bytes`; a stored meeting is then built in both
/// editions, which must give a PDF or one clear error. Returns whether it was stored.
fn import(store: &mut Store, what: &str, bytes: &[u8]) -> bool {
    match import_only(store, what, bytes) {
        Some(id) => {
            build_stored(store, what, id);
            true
        }
        None => false,
    }
}

/// Builds a stored meeting: the full edition when its id is even, else the public one.
fn build_stored(store: &Store, what: &str, id: MeetingId) {
    let bundle = store.load_bundle(id).unwrap_or_else(|e| panic!("{what}: a stored meeting loads: {e}"));
    let edition = if id.0 % 2 == 0 { Edition::Full } else { Edition::Public };
    match build(&bundle, &PackOptions { edition, supplement: false, draft: false }) {
        Ok(pack) => assert!(pack.pdf.starts_with(b"%PDF-") && pack.pages >= 1, "{what}: the {edition:?} pack is a PDF"),
        Err(e) => assert_clear(&format!("{what} ({edition:?} build)"), &e.to_string()),
    }
}

fn import_only(store: &mut Store, what: &str, bytes: &[u8]) -> Option<MeetingId> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        // The CLI reads files as UTF-8 first and refuses others with one sentence.
        return None;
    };
    let bundle = match from_json(text) {
        Ok(bundle) => bundle,
        Err(e) => {
            assert_clear(what, &e.to_string());
            return None;
        }
    };
    let before = store.meetings().map(|m| m.len()).unwrap_or_else(|e| panic!("{what}: meetings list: {e}"));
    match store.import_bundle_at(&bundle, now()) {
        Ok(id) => Some(id),
        Err(e) => {
            assert_clear(what, &e.to_string());
            let after = store.meetings().map(|m| m.len()).unwrap_or_else(|e| panic!("{what}: meetings list: {e}"));
            assert_eq!(before, after, "{what}: a refused import leaves the database unchanged");
            None
        }
    }
}

#[test]
fn interchange_documents_import_or_fail_clearly() {
    let mut store = Store::open_in_memory().unwrap_or_else(|e| panic!("an in-memory store: {e}"));
    for (name, bytes) in corpus("json") {
        assert!(!import(&mut store, &name, &bytes), "corpus file {name} is malformed and must be refused");
    }
    let demo = agendapack_demo::bundles();
    let seeds: Vec<Vec<u8>> = demo
        .iter()
        .map(|b| to_json(b).unwrap_or_else(|e| panic!("the demo exports: {e}")).into_bytes())
        .collect();
    assert!(import(&mut store, "the demo export", &seeds[0]), "an unmodified export imports (the baseline works)");
    let mut rng = Rng::new(0x0010_4A50);
    let mut stored = 0;
    for case in 0..JSON_MUTATIONS {
        let seed = rng.pick(&seeds).clone();
        let input = mutate(&mut rng, &seed);
        if import(&mut store, &format!("mutation {case}"), &input) {
            stored += 1;
        }
    }
    let check: String = store_check(&store);
    assert_eq!(check, "ok", "after {JSON_MUTATIONS} hostile imports ({stored} stored) the database is sound");
}

fn store_check(store: &Store) -> String {
    // The store offers no raw SQL; a backup opened by rusqlite is the same pages.
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
    let copy = dir.path().join("check.db");
    store.backup_to(&copy).unwrap_or_else(|e| panic!("the store backs up: {e}"));
    let conn = rusqlite::Connection::open(&copy).unwrap_or_else(|e| panic!("the copy opens: {e}"));
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap_or_else(|e| panic!("integrity_check runs: {e}"))
}

#[test]
fn bank_holiday_files_load_or_fail_clearly() {
    let mut store = Store::open_in_memory().unwrap_or_else(|e| panic!("an in-memory store: {e}"));
    let mut parsed = 0;
    for (name, bytes) in corpus("holidays") {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        match agendapack_deadlines::BankHolidays::from_json(&text) {
            Ok(_) => parsed += 1,
            Err(e) => assert_clear(&name, &e.to_string()),
        }
        if let Err(e) = store.bank_holidays_import(&text, &name, now()) {
            assert_clear(&name, &e.to_string());
        }
    }
    assert!(parsed >= 1, "the corpus's valid file parses (the baseline works)");
    let shipped = std::fs::read(fuzz_support::repo_root().join("assets/bank-holidays.json"))
        .unwrap_or_else(|e| panic!("the shipped bank-holiday file is found: {e}"));
    let mut rng = Rng::new(0x0010_B4E1);
    let mut accepted = 0;
    for case in 0..HOLIDAY_MUTATIONS {
        let input = mutate(&mut rng, &shipped);
        let text = String::from_utf8_lossy(&input).into_owned();
        match agendapack_deadlines::BankHolidays::from_json(&text) {
            Ok(_) => accepted += 1,
            Err(e) => assert_clear(&format!("holiday mutation {case}"), &e.to_string()),
        }
        if case % 20 == 0 {
            if let Err(e) = store.bank_holidays_import(&text, "mutation", now()) {
                assert_clear(&format!("holiday import {case}"), &e.to_string());
            }
        }
    }
    assert!(accepted < HOLIDAY_MUTATIONS, "most mutations break the file and are refused ({accepted} accepted)");
}

#[test]
fn a_paper_over_the_text_limit_is_refused_by_name() {
    let mut bundle = agendapack_demo::bundles().into_iter().next().unwrap_or_else(|| panic!("the demo has a meeting"));
    let (index, report) = bundle
        .items
        .iter_mut()
        .enumerate()
        .find_map(|(i, item)| item.report.as_mut().map(|r| (i, r)))
        .unwrap_or_else(|| panic!("the demo has a report"));
    report.body = "word ".repeat(agendapack_model::validate::MAX_TEXT_BYTES / 5 + 1);
    let mut store = Store::open_in_memory().unwrap_or_else(|e| panic!("an in-memory store: {e}"));
    let message = store.import_bundle_at(&bundle, now()).map(|_| ()).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(
        message.contains(&format!("items[{index}].report.body")) && message.contains("5 MB"),
        "the refusal names the field and the limit: {message}"
    );
}
