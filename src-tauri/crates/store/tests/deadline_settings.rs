//! A council's deadline settings through the store (issue 15): each one is saved, carried by
//! the JSON interchange export and import, and moves the dates it should; bad values are
//! refused on save and on import at their field; a Welsh meeting lists the note of decisions
//! (and its .ics has it) and an English one does not.

mod common;

use agendapack_model::{DayType, DeadlineSettings, MeetingBundle, Nation};
use agendapack_store::exchange::{from_json, to_json};
use agendapack_store::{MeetingId, Store};
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A one-item meeting on `date` of a council in `nation` with `settings`.
fn bundle(nation: Nation, settings: DeadlineSettings, (y, m, day): (i32, u32, u32)) -> MeetingBundle {
    let mut b = common::small_bundle("Cabinet", y, m, day);
    b.council.nation = nation;
    b.council.deadline_settings = settings;
    b
}

/// The date of the meeting's first deadline of `kind`.
fn date_of(store: &Store, id: MeetingId, kind: &str) -> Option<NaiveDate> {
    store.meeting_deadlines(id.0, d(2020, 1, 1)).unwrap().into_iter().find(|r| r.kind == kind).map(|r| r.date)
}

/// Imports the bundle, exports it as JSON and imports that into a fresh store: the settings
/// and the publication date must survive, and the date must be `expected`.
fn round_trip(b: &MeetingBundle, expected: NaiveDate, why: &str) {
    let mut first = Store::open_in_memory().unwrap();
    let id = first.import_bundle(b).unwrap();
    assert_eq!(date_of(&first, id, "publication"), Some(expected), "{why}");
    let text = to_json(&first.load_bundle(id).unwrap()).unwrap();
    let mut second = Store::open_in_memory().unwrap();
    let again = second.import_bundle(&from_json(&text).unwrap()).unwrap();
    assert_eq!(second.council().unwrap().deadline_settings, b.council.deadline_settings, "the settings survive export and import ({why})");
    assert_eq!(date_of(&second, again, "publication"), Some(expected), "the imported council gives the same date ({why})");
}

#[test]
fn scotland_day_type_round_trips_and_moves_the_date() {
    let meeting = (2025, 12, 2);
    // Working days (default): 26, 27, 28 November clear (1 December is St Andrew's substitute).
    round_trip(&bundle(Nation::Scotland, DeadlineSettings::default(), meeting), d(2025, 11, 25), "Scotland, working days");
    let calendar = DeadlineSettings { scotland_publication_days: DayType::Calendar, ..DeadlineSettings::default() };
    // Calendar days: 29, 30 November and 1 December clear.
    round_trip(&bundle(Nation::Scotland, calendar, meeting), d(2025, 11, 28), "Scotland, calendar days");
}

#[test]
fn northern_ireland_number_and_day_type_round_trip_and_move_the_date() {
    let meeting = (2025, 7, 15);
    // Default: 3 clear working days, 9, 10, 11 July (14 July is the Boyne substitute).
    round_trip(&bundle(Nation::NorthernIreland, DeadlineSettings::default(), meeting), d(2025, 7, 8), "NI default");
    let five = DeadlineSettings { northern_ireland_clear_days: 5, ..DeadlineSettings::default() };
    round_trip(&bundle(Nation::NorthernIreland, five, meeting), d(2025, 7, 4), "NI, 5 clear working days: 7 to 11 July");
    let calendar = DeadlineSettings { northern_ireland_publication_days: DayType::Calendar, ..DeadlineSettings::default() };
    round_trip(&bundle(Nation::NorthernIreland, calendar, meeting), d(2025, 7, 11), "NI, 3 clear calendar days: 12 to 14 July");
}

#[test]
fn key_decision_day_type_round_trips_and_moves_the_notice() {
    for (days, expected, why) in [
        (DayType::Calendar, d(2020, 11, 3), "28 clear calendar days before 2 December 2020"),
        (DayType::Working, d(2020, 10, 22), "28 clear working days before 2 December 2020 reach back to 23 October"),
    ] {
        let settings = DeadlineSettings { key_decision_days: days, ..DeadlineSettings::default() };
        let mut b = common::rich_bundle();
        b.council.deadline_settings = settings;
        let report = b.items.iter_mut().find_map(|i| i.report.as_mut()).expect("the rich bundle has a report");
        report.key_decision = true;
        b.meeting.starts_at = d(2020, 12, 2).and_time(b.meeting.starts_at.time());
        let text = to_json(&b).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let id = store.import_bundle(&from_json(&text).unwrap()).unwrap();
        assert_eq!(store.council().unwrap().deadline_settings.key_decision_days, days, "the setting is imported");
        assert_eq!(date_of(&store, id, "key-decision-notice"), Some(expected), "{why}");
        let exported = to_json(&store.load_bundle(id).unwrap()).unwrap();
        assert_eq!(from_json(&exported).unwrap().council.deadline_settings, settings, "and exported again");
    }
}

#[test]
fn settings_are_checked_on_save_and_on_import() {
    let mut store = Store::open_in_memory().unwrap();
    store.import_bundle(&bundle(Nation::NorthernIreland, DeadlineSettings::default(), (2025, 7, 15))).unwrap();
    let mut council = store.council().unwrap();
    council.deadline_settings.northern_ireland_clear_days = 2;
    let err = store.council_save(&council).expect_err("2 clear days is below the 2014 Act's 3");
    assert!(err.to_string().contains("between 3 and 28"), "the sentence says the range: {err}");
    council.deadline_settings.northern_ireland_clear_days = 10;
    let saved = store.council_save(&council).expect("10 is in range");
    assert_eq!(saved.deadline_settings.northern_ireland_clear_days, 10, "the saved setting reads back");

    let bad = bundle(Nation::NorthernIreland, DeadlineSettings { northern_ireland_clear_days: 40, ..DeadlineSettings::default() }, (2025, 7, 15));
    let mut fresh = Store::open_in_memory().unwrap();
    let err = fresh.import_bundle(&bad).expect_err("40 clear days is refused on import");
    assert!(err.to_string().contains("deadline_settings.northern_ireland_clear_days"), "the refusal names the field: {err}");
    let text = to_json(&bundle(Nation::Scotland, DeadlineSettings::default(), (2025, 12, 2))).unwrap();
    assert!(!text.contains("deadline_settings"), "default settings are not written, so older documents stay unchanged");
    let odd = text.replacen("\"nation\": \"scotland\",", "\"nation\": \"scotland\", \"deadline_settings\": {\"scotland_publication_days\": \"weekly\"},", 1);
    assert!(from_json(&odd).is_err(), "an unknown day type is refused by the parser");
}

#[test]
fn a_welsh_meeting_has_the_note_of_decisions_and_an_english_one_does_not() {
    let mut store = Store::open_in_memory().unwrap();
    let wales = store.import_bundle(&bundle(Nation::Wales, DeadlineSettings::default(), (2022, 6, 8))).unwrap();
    // Wednesday 8 June 2022: 9, 10, 13, 14, 15, 16, 17 June are the 7 working days after.
    assert_eq!(date_of(&store, wales, "decisions-note"), Some(d(2022, 6, 17)), "the note is due 7 working days after the meeting");
    assert_eq!(date_of(&store, wales, "publication"), Some(d(2022, 5, 31)), "3 clear working days: 1, 6, 7 June (2 and 3 June were holidays)");
    let ics = store.meeting_deadlines_ics(wales.0, d(2022, 6, 1)).unwrap();
    assert!(ics.contains("decisions-note"), "the .ics has the note's event:\n{ics}");
    assert!(ics.contains("DTSTART;VALUE=DATE:20220617"), "on 17 June 2022:\n{ics}");

    let mut english = Store::open_in_memory().unwrap();
    let england = english.import_bundle(&bundle(Nation::England, DeadlineSettings::default(), (2022, 6, 8))).unwrap();
    assert_eq!(date_of(&english, england, "decisions-note"), None, "England has no such duty");
    assert!(!english.meeting_deadlines_ics(england.0, d(2022, 6, 1)).unwrap().contains("decisions-note"), "nor its .ics");
}
