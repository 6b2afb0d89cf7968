//! Late items through clearance (issue 19): a report handed in (submitted into its route) after
//! its final-report deadline follows the late rule: with the special circumstances that make it
//! urgent (s100B(4)(b)) the item becomes supplementary, and the reason is copied into its minute
//! when the clerk starts the minutes; without them it is submitted and the deadlines propose
//! marking it, as for any late report. A report handed in on time needs no reason.

use agendapack_model::account::Role;
use agendapack_model::{ItemKind, ReportStatus};
use agendapack_store::clearance::{Acting, RouteStep, StepApprover};
use agendapack_store::edit::RulesFile;
use agendapack_store::Store;
use chrono::{NaiveDate, NaiveDateTime};

fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(9, 0, 0).unwrap()
}

#[test]
fn a_report_handed_in_late_becomes_a_supplementary_item_and_its_minute_carries_the_reason() {
    let mut store = Store::open_in_memory().unwrap();
    // The demo meeting of 2 December 2020, published on 20 November; its final reports were
    // due 8 working days before, on 20 November.
    let meeting = store.import_bundle_at(&agendapack_demo::bundles().remove(0), at(2020, 11, 1)).unwrap().0;
    store.deadline_rules_import_if_none(&RulesFile::from_json(agendapack_demo::deadline_rules()).unwrap()).unwrap();
    let detail = store.meeting_detail(meeting).unwrap();
    assert_eq!(detail.meeting.published_on, NaiveDate::from_ymd_opt(2020, 11, 20), "the demo pack is published");
    let reports: Vec<_> = detail.items.iter().filter(|i| i.kind == ItemKind::Report && !i.access.is_restricted()).collect();
    assert!(reports.len() >= 3, "the demo meeting has three open reports");
    let (late, unexplained, on_time) = (reports[0], reports[1], reports[2]);
    store.account_add("priya", "Priya Shah", Role::Author, "correct horse battery", at(2020, 11, 1)).unwrap();
    store.account_add("sandra", "Sandra Pillinger", Role::Author, "correct horse battery", at(2020, 11, 1)).unwrap();
    let route = RouteStep {
        name: "Finance".into(),
        approvers: vec![StepApprover { account: "sandra".into(), delegate: None }],
        parallel: false,
        due_working_days: Some(14),
        implications_heading: String::new(),
    };
    store.clearance_route_save(detail.committee_id, &[route]).unwrap();
    for item in [late, unexplained, on_time] {
        let mut fields = store.report_detail(item.id).unwrap().report;
        fields.status = ReportStatus::Draft;
        store.report_save(item.id, &fields, at(2020, 11, 2)).unwrap();
    }
    let priya = || Acting::Desk { recorder: "Ann Lee", for_name: Some("priya") };

    // Late without a reason: submitted, and left for an officer, as the deadlines propose.
    store.clearance_submit(unexplained.id, priya(), "", at(2020, 11, 25)).unwrap();
    let rows = store.meeting_deadlines(meeting, at(2020, 11, 25).date()).unwrap();
    let final_report = rows.iter().find(|r| r.item_id == Some(unexplained.id) && r.kind == "final-report").unwrap();
    assert!(final_report.late && final_report.status == "missed", "{final_report:?}");
    assert!(final_report.proposal.as_deref().is_some_and(|p| p.contains("s100B(4)(b)")), "{final_report:?}");
    assert!(!store.meeting_detail(meeting).unwrap().items.iter().find(|i| i.id == unexplained.id).unwrap().supplementary);

    let reason = "The revised figures were only agreed on 24 November and the decision cannot wait.";
    let state = store.clearance_submit_late(late.id, priya(), "", Some(reason), at(2020, 11, 25)).unwrap();
    assert_eq!(state.status, "in-clearance");
    let after = store.meeting_detail(meeting).unwrap();
    let row = after.items.iter().find(|i| i.id == late.id).unwrap();
    assert!(row.supplementary, "the late report is a supplementary item");
    assert!(after.supplement_reason.contains(reason), "the supplement's front sheet gives the reason");

    // On time: no reason needed, and one given is refused as not applying.
    let not_late = store.clearance_submit_late(on_time.id, priya(), "", Some("urgent"), at(2020, 11, 10)).unwrap_err().to_string();
    assert!(not_late.contains("not a late item"), "{not_late}");
    store.clearance_submit(on_time.id, priya(), "", at(2020, 11, 10)).unwrap();
    assert!(!store.meeting_detail(meeting).unwrap().items.iter().find(|i| i.id == on_time.id).unwrap().supplementary);

    // The clerk starts the minutes: the late item's minute specifies the reason.
    let minutes = store.minutes_start(meeting).unwrap().minutes.expect("started");
    let entry = minutes.entries.iter().find(|e| e.item == late.number).expect("a minute for the late item");
    assert_eq!(entry.urgency_reason, reason);
    let other = minutes.entries.iter().find(|e| e.item == on_time.number).unwrap();
    assert_eq!(other.urgency_reason, "", "an item on time carries none");
}
