//! The work programme through the store: seed 001's printed programme regenerated from planned
//! items and deadline rules, moves with history, deadline columns across holidays, confirming.

use super::*;
use crate::edit::RulesFile;
use crate::MeetingId;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or(NaiveDate::MIN)
}

fn at(y: i32, m: u32, day: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(9, 0, 0).unwrap_or_default()
}

/// The demo's 2 December 2020 meeting with its committee's rules and its programme adopted as
/// planned items.
fn demo() -> (Store, MeetingId, i64) {
    let mut store = Store::open_in_memory().unwrap_or_else(|e| panic!("store opens: {e}"));
    let bundle = agendapack_demo::bundles().remove(0);
    let id = store.import_bundle_at(&bundle, at(2020, 11, 1)).unwrap_or_else(|e| panic!("the demo imports: {e}"));
    let rules = RulesFile::from_json(agendapack_demo::deadline_rules()).unwrap_or_else(|e| panic!("demo rules read: {e}"));
    store.deadline_rules_import(&rules).unwrap_or_else(|e| panic!("demo rules store: {e}"));
    let committee_id = store.meeting_detail(id.0).unwrap_or_else(|e| panic!("meeting loads: {e}")).committee_id;
    let made = store.programme_adopt_imported(committee_id, d(2020, 12, 2)).unwrap_or_else(|e| panic!("adopting works: {e}"));
    assert_eq!(made, bundle.work_programme.len(), "every imported row becomes a planned item");
    (store, id, committee_id)
}

#[test]
fn seed_001_work_programme_is_generated_from_the_stored_programme() {
    let (store, id, committee_id) = demo();
    assert!(wp::has_planned_items(&store.conn, committee_id).unwrap_or(false), "the programme is now kept as planned items");
    let generated = store.load_bundle(id).unwrap_or_else(|e| panic!("bundle loads: {e}")).work_programme;
    let seed = agendapack_demo::bundles().remove(0).work_programme;
    assert_eq!(generated.len(), seed.len(), "the same number of rows as seed 001's last pages");
    assert_eq!(generated, seed, "the generated rows are exactly the imported (printed) rows");
    let mut previous = None;
    for (g, s) in generated.iter().zip(&seed) {
        let what = format!("row {:?} of {}", s.title, s.meeting_date);
        assert_eq!((g.meeting_date, &g.meeting_label, g.provisional), (s.meeting_date, &s.meeting_label, s.provisional), "meeting of {what}");
        assert_eq!((&g.title, &g.officers, &g.presenter), (&s.title, &s.officers, &s.presenter), "item, officers, presenter of {what}");
        // The pack prints a meeting's deadlines on its first row only, as the seed does.
        if previous != Some(s.meeting_date) {
            assert_eq!(g.clearance_deadline, s.clearance_deadline, "clearance deadline computed as printed, {what}");
            assert_eq!(g.final_report_deadline, s.final_report_deadline, "final report deadline computed as printed, {what}");
        }
        previous = Some(s.meeting_date);
    }
}

#[test]
fn moving_an_item_keeps_its_history_and_changes_the_board() {
    let (mut store, _, committee_id) = demo();
    let board = store.programme_board(committee_id, d(2020, 12, 3)).unwrap_or_else(|e| panic!("board loads: {e}"));
    assert_eq!(board.columns.len(), 7, "seven future meetings in seed 001's programme (one extraordinary)");
    let item = board.columns[0].items[1].clone();
    assert_eq!(item.date, d(2021, 1, 6), "the second item of 6 January");
    let moved = store
        .programme_item_move(item.id, PlanTarget::Date { date: d(2021, 2, 3) }, "Officer on leave", at(2020, 12, 2))
        .unwrap_or_else(|e| panic!("the item moves: {e}"));
    assert_eq!((moved.date, moved.moves), (d(2021, 2, 3), 1), "the item is on 3 February with one move recorded");
    let again = store
        .programme_item_move(item.id, PlanTarget::Date { date: d(2021, 3, 3) }, "", at(2020, 12, 9))
        .unwrap_or_else(|e| panic!("the item moves again: {e}"));
    assert_eq!(again.moves, 2, "each move is kept");
    let history = store.programme_item_history(item.id).unwrap_or_default();
    let path: Vec<(NaiveDate, NaiveDate)> = history.iter().map(|m| (m.from_date, m.to_date)).collect();
    assert_eq!(path, [(d(2021, 1, 6), d(2021, 2, 3)), (d(2021, 2, 3), d(2021, 3, 3))], "the history is the path taken, oldest first");
    assert_eq!(history[0].reason, "Officer on leave", "with its reason");
    let board = store.programme_board(committee_id, d(2020, 12, 3)).unwrap_or_else(|e| panic!("board loads: {e}"));
    assert_eq!(board.columns[0].items.len(), 3, "6 January lost the item");
    let march = board.columns.iter().find(|c| c.date == d(2021, 3, 3)).map(|c| c.items.len());
    assert_eq!(march, Some(4), "3 March gained it");
    let same = store.programme_item_move(item.id, PlanTarget::Date { date: d(2021, 3, 3) }, "", at(2020, 12, 9));
    assert!(matches!(same, Err(StoreError::Invalid(_))), "moving to where it already is is refused");
    store.programme_item_set_status(item.id, PlannedItemStatus::Deferred).unwrap_or_else(|e| panic!("defer: {e}"));
    let board = store.programme_board(committee_id, d(2020, 12, 3)).unwrap_or_else(|e| panic!("board loads: {e}"));
    assert_eq!(board.deferred.len(), 1, "a deferred item waits apart from the meetings");
}

#[test]
fn deadline_columns_follow_the_rules_across_holidays_and_print_tbc_dates() {
    let (mut store, _, committee_id) = demo();
    // A date with no override: 21 April 2021 (Easter Monday 5 April and Good Friday 2 April
    // fall in the 14 working days of the clearance rule).
    let input = PlannedItemInput { title: "Libraries review".into(), ..PlannedItemInput::default() };
    store.programme_item_add(committee_id, PlanTarget::Date { date: d(2021, 4, 21) }, &input).unwrap_or_else(|e| panic!("add: {e}"));
    let board = store.programme_board(committee_id, d(2020, 12, 3)).unwrap_or_else(|e| panic!("board: {e}"));
    let april = board.columns.iter().find(|c| c.date == d(2021, 4, 21)).unwrap_or_else(|| panic!("the new date is a column"));
    assert_eq!(april.clearance_deadline, "30 March", "14 working days back skips Good Friday and Easter Monday");
    assert_eq!(april.final_report_deadline, "10am, Friday 9 April", "8 working days back skips Easter Monday, at 10am");
    // 12 May 2021's printed dates were set by hand (the demo's overrides), the rule would give others.
    let may = board.columns.iter().find(|c| c.date == d(2021, 5, 12)).unwrap_or_else(|| panic!("12 May is a column"));
    assert_eq!(may.final_report_deadline, "10am, Monday 26 April", "the override set around the May bank holiday wins");
    assert!(may.provisional, "12 May 2021 is a provisional date, printed (TBC) by the pack");
    store.programme_date_save(committee_id, d(2021, 4, 21), "", true, &["draft-to-board".to_string()]).unwrap_or_else(|e| panic!("date: {e}"));
    let board = store.programme_board(committee_id, d(2020, 12, 3)).unwrap_or_else(|e| panic!("board: {e}"));
    let april = board.columns.iter().find(|c| c.date == d(2021, 4, 21)).unwrap_or_else(|| panic!("still a column"));
    assert_eq!((april.clearance_deadline.as_str(), april.provisional), ("", true), "an omitted kind prints blank; provisional is kept");
}

#[test]
fn confirming_adds_the_agenda_item_and_an_empty_report_for_the_author() {
    let (mut store, id, committee_id) = demo();
    let input = PlannedItemInput {
        title: "Budget monitoring 2020/21".into(),
        officers: "Philip Gregory".into(),
        author_name: "Philip Gregory".into(),
        author_email: "philip.gregory@example.gov.uk".into(),
        ..PlannedItemInput::default()
    };
    let item = store.programme_item_add(committee_id, PlanTarget::Meeting { meeting_id: id.0 }, &input).unwrap_or_else(|e| panic!("add: {e}"));
    let dated = store.programme_item_add(committee_id, PlanTarget::Date { date: d(2021, 1, 6) }, &input).unwrap_or_else(|e| panic!("add: {e}"));
    assert!(matches!(store.programme_item_confirm(dated.id, at(2020, 11, 2)), Err(StoreError::Invalid(_))), "a date without a meeting cannot be confirmed");
    let before = store.meeting_detail(id.0).map(|m| m.items.len()).unwrap_or(0);
    let confirmed = store.programme_item_confirm(item.id, at(2020, 11, 2)).unwrap_or_else(|e| panic!("confirm: {e}"));
    assert_eq!(confirmed.status, PlannedItemStatus::Confirmed, "the item is confirmed");
    let detail = store.meeting_detail(id.0).unwrap_or_else(|e| panic!("meeting: {e}"));
    assert_eq!(detail.items.len(), before + 1, "one agenda item was added");
    let agenda_item = confirmed.agenda_item_id.unwrap_or_default();
    let report = store.report_detail(agenda_item).unwrap_or_else(|e| panic!("the new item has a report: {e}"));
    assert_eq!(report.report.title, "Budget monitoring 2020/21", "the report has the item's title");
    assert_eq!(report.report.authors.first().map(|p| p.name.as_str()), Some("Philip Gregory"), "assigned to its author");
    assert!(report.report.body.is_empty(), "and is empty, for the author to write");
    assert!(store.programme_item_confirm(item.id, at(2020, 11, 2)).is_err(), "confirming twice is refused");
    let moving = store.programme_item_move(item.id, PlanTarget::Date { date: d(2021, 1, 6) }, "", at(2020, 11, 3));
    assert!(matches!(moving, Err(StoreError::Conflict { .. })), "a confirmed item does not move without its agenda item");
}
