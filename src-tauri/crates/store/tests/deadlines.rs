//! Deadlines through the store: the demo committee's rules reproduce seed 001's printed work
//! programme dates, a meeting lists every deadline with its status, a report handed in late is
//! flagged (and, once the pack is published, a supplementary item is proposed), an imported
//! bank-holiday file and closure days change results, and a bad file changes nothing.

use agendapack_model::ReportStatus;
use agendapack_store::edit::{ClosureDay, DeadlineRuleInput, RulesFile};
use agendapack_store::{MeetingId, Store};
use chrono::{NaiveDate, NaiveDateTime};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn at(y: i32, m: u32, day: u32, h: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(h, 0, 0).unwrap()
}

/// The demo's first meeting, with the demo committee's rules.
fn demo_store() -> (Store, MeetingId, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let bundle = agendapack_demo::bundles().remove(0);
    let id = store.import_bundle_at(&bundle, at(2020, 11, 1, 9)).unwrap();
    let rules = RulesFile::from_json(agendapack_demo::deadline_rules()).unwrap();
    assert!(store.deadline_rules_import_if_none(&rules).unwrap(), "a committee without rules gets the demo's");
    assert!(!store.deadline_rules_import_if_none(&rules).unwrap(), "rules already there are never replaced");
    let committee_id = store.meeting_detail(id.0).unwrap().committee_id;
    (store, id, committee_id)
}

/// "10 December" or "10am, Friday 18 December" as the seed prints a deadline.
fn printed(date: NaiveDate, with_time: bool) -> String {
    if with_time {
        date.format("10am, %A %-d %B").to_string()
    } else {
        date.format("%-d %B").to_string()
    }
}

#[test]
fn the_demo_rules_reproduce_the_printed_work_programme() {
    let (store, _, committee) = demo_store();
    let bundle = agendapack_demo::bundles().remove(0);
    let mut checked = 0;
    for entry in bundle.work_programme.iter().filter(|e| !e.clearance_deadline.is_empty() || !e.final_report_deadline.is_empty()) {
        let deadlines = store.committee_local_deadlines(committee, entry.meeting_date).unwrap();
        let by_kind = |kind: &str| deadlines.iter().find(|(_, dl)| dl.kind.as_str() == kind).map(|(_, dl)| dl.clone()).unwrap();
        let csg = by_kind("draft-to-board");
        let final_report = by_kind("final-report");
        if !entry.clearance_deadline.is_empty() {
            assert_eq!(printed(csg.date, false), entry.clearance_deadline, "CSG deadline of the {} meeting as printed", entry.meeting_date);
            checked += 1;
        }
        if !entry.final_report_deadline.is_empty() {
            assert_eq!(printed(final_report.date, true), entry.final_report_deadline, "final report deadline of the {} meeting as printed", entry.meeting_date);
            checked += 1;
        }
    }
    assert!(checked >= 10, "the seed prints at least ten dated deadlines; checked {checked}");
}

#[test]
fn a_meeting_lists_every_deadline_with_its_status() {
    let (store, id, _) = demo_store();
    let rows = store.meeting_deadlines(id.0, d(2020, 11, 25)).unwrap();
    let publication = rows.iter().find(|r| r.kind == "publication").expect("the statutory publication deadline is listed");
    assert_eq!(publication.date, d(2020, 11, 24), "the DOMAIN.md example: Tuesday 24 November 2020");
    assert_eq!(publication.status, "met", "the demo pack was published on 20 November");
    assert!(publication.detail.contains("7 clear working days"), "the detail measures it: {}", publication.detail);
    let finals: Vec<_> = rows.iter().filter(|r| r.kind == "final-report").collect();
    assert!(!finals.is_empty(), "each report has its final-report deadline");
    assert!(finals.iter().all(|r| r.date == d(2020, 11, 20) && r.time.as_deref() == Some("10:00")), "8 working days before 2 December, 10am");
    assert!(finals.iter().all(|r| !r.late), "imported reports were handed in before their history began, so none is late");
    let minutes = rows.iter().find(|r| r.kind == "draft-minutes").expect("draft minutes after the meeting");
    assert_eq!(minutes.date, d(2020, 12, 9), "5 working days after Wednesday 2 December");
    let dates: Vec<_> = rows.iter().map(|r| r.date).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "rows are in date order");
}

#[test]
fn a_report_handed_in_late_is_flagged_and_a_supplement_proposed() {
    let (mut store, id, _) = demo_store();
    let detail = store.meeting_detail(id.0).unwrap();
    let item = detail.items.iter().find(|i| store.report_detail(i.id).is_ok()).expect("the demo has a report").id;
    let mut report = store.report_detail(item).unwrap().report;
    report.status = ReportStatus::Draft;
    store.report_save(item, &report, at(2020, 11, 10, 9)).unwrap();
    report.status = ReportStatus::Submitted;
    store.report_save(item, &report, at(2020, 11, 23, 9)).unwrap();
    let history: Vec<String> = store.report_status_history(item).unwrap().into_iter().map(|h| format!("{} {}", h.status, h.changed_at)).collect();
    assert_eq!(
        history[history.len() - 2..],
        ["draft 2020-11-10 09:00:00".to_string(), "submitted 2020-11-23 09:00:00".to_string()],
        "each status change is kept with the time the save passed in"
    );
    let rows = store.meeting_deadlines(id.0, d(2020, 11, 25)).unwrap();
    let late = rows.iter().find(|r| r.kind == "final-report" && r.item_id == Some(item)).unwrap();
    assert!(late.late && late.status == "missed", "handed in on 23 November after the 20 November 10am deadline: {late:?}");
    let proposal = late.proposal.as_deref().expect("the pack was published, so a supplement is proposed");
    assert!(proposal.contains("s100B(4)(b)"), "the proposal cites the urgency rule: {proposal}");
    assert!(store.item_mark_late(item, " ").is_err(), "marking an item late needs the urgency reason");
    store.item_mark_late(item, "The report responds to the Cabinet decision of 17 November.").unwrap();
    let after = store.meeting_detail(id.0).unwrap();
    assert!(after.items.iter().any(|i| i.id == item && i.supplementary), "the item became supplementary");
    assert!(after.supplement_reason.contains("Cabinet decision of 17 November"), "the reason reaches the supplement's front sheet");
    let rows = store.meeting_deadlines(id.0, d(2020, 11, 25)).unwrap();
    let row = rows.iter().find(|r| r.kind == "final-report" && r.item_id == Some(item)).unwrap();
    assert!(row.late && row.proposal.is_none(), "still late, but no longer proposed once it is supplementary");
}

#[test]
fn an_imported_holiday_file_and_closure_days_change_results_and_a_bad_file_changes_nothing() {
    let (mut store, id, committee) = demo_store();
    let before = store.meeting_deadlines(id.0, d(2020, 11, 1)).unwrap();
    let publication = |rows: &[agendapack_store::edit::DeadlineRow]| rows.iter().find(|r| r.kind == "publication").unwrap().date;
    assert_eq!(publication(&before), d(2020, 11, 24), "before the import");
    let file = r#"{"england-and-wales": {"division": "england-and-wales", "events": [
        {"title": "A one-off holiday", "date": "2020-11-30", "notes": "", "bunting": true}]}}"#;
    let bad = r#"{"england-and-wales": {"division": "england-and-wales", "events": [{"title": "x", "date": "2020-13-01", "notes": "", "bunting": true}]}}"#;
    let refused = store.bank_holidays_import(bad, "bad.json", at(2020, 11, 1, 9)).unwrap_err().to_string();
    assert!(refused.contains("refused"), "a bad file is refused with its reason: {refused}");
    assert_eq!(publication(&store.meeting_deadlines(id.0, d(2020, 11, 1)).unwrap()), d(2020, 11, 24), "a refused file changes nothing");
    store.bank_holidays_import(file, "new.json", at(2020, 11, 1, 9)).unwrap();
    assert_eq!(publication(&store.meeting_deadlines(id.0, d(2020, 11, 1)).unwrap()), d(2020, 11, 23), "a new holiday on 30 November moves publication a day earlier");
    store.closure_days_save(&[ClosureDay { date: d(2020, 11, 27), reason: "council closed".into() }]).unwrap();
    assert_eq!(publication(&store.meeting_deadlines(id.0, d(2020, 11, 1)).unwrap()), d(2020, 11, 20), "a closure day is not a working day either");
    // Rules are edited and checked before any write.
    let bad_rule = DeadlineRuleInput { id: None, kind: "weekly".into(), label: " ".into(), working_days: 9999, time: Some("25:99".into()) };
    let err = store.deadline_rule_save(committee, &bad_rule).unwrap_err().to_string();
    assert!(err.contains("kind of deadline rule"), "an unknown kind is named: {err}");
    let rules = store.deadline_rules(committee).unwrap();
    assert_eq!(rules.len(), 3, "the refused rule was not added");
}

#[test]
fn build_checks_warn_after_the_publication_date_and_about_key_decisions() {
    let (mut store, id, _) = demo_store();
    assert!(store.build_checks(id.0, d(2020, 11, 20), true, false).unwrap().is_empty(), "on time, nothing to warn about");
    let late = store.build_checks(id.0, d(2020, 11, 26), true, false).unwrap();
    assert!(late.iter().any(|w| w.contains("after the latest statutory publication date")), "a late public build warns: {late:?}");
    assert!(store.build_checks(id.0, d(2020, 11, 26), true, true).unwrap().is_empty(), "a supplement is late by nature");
    store.build_warnings_record(id.0, at(2020, 11, 26, 9), "public", &late).unwrap();
    assert_eq!(store.build_warnings(id.0).unwrap().len(), late.len(), "the warnings are recorded");
    let detail = store.meeting_detail(id.0).unwrap();
    let item = detail.items.iter().find(|i| store.report_detail(i.id).is_ok()).unwrap().id;
    let mut report = store.report_detail(item).unwrap().report;
    report.key_decision = true;
    store.report_save(item, &report, at(2020, 11, 10, 9)).unwrap();
    let warnings = store.build_checks(id.0, d(2020, 11, 20), true, false).unwrap();
    assert!(warnings.iter().any(|w| w.contains("key decision without 28 clear calendar days' notice")), "an unnoticed key decision warns: {warnings:?}");
    store.key_decision_notice_save(item, Some(d(2020, 11, 2))).unwrap();
    assert!(store.build_checks(id.0, d(2020, 11, 20), true, false).unwrap().is_empty(), "notice on 2 November (28 clear days before 2 December) satisfies it");
}
