//! Report clearance through the store (issue 19): a route of finance, legal (returns, then
//! approves) and a parallel pair; the history says who, when, what and which version; a
//! sign-off recorded on someone's behalf says so; the pack's bundle prints "Implications
//! completed by:" under the step's heading; and only a waiting step's approver may act.

mod common;

use agendapack_model::account::Role;
use agendapack_model::{AgendaItem, ItemKind, ReportStatus};
use agendapack_store::clearance::{Acting, RouteStep, StepApprover};
use agendapack_store::{MeetingId, Store};
use chrono::NaiveDateTime;

const PASSWORD: &str = "correct horse battery";

fn at(d: u32, h: u32) -> NaiveDateTime {
    common::date(2026, 11, d).and_hms_opt(h, 0, 0).unwrap()
}

fn step(name: &str, approver: &str, delegate: Option<&str>, parallel: bool, heading: &str) -> RouteStep {
    RouteStep {
        name: name.into(),
        approvers: vec![StepApprover { account: approver.into(), delegate: delegate.map(Into::into) }],
        parallel,
        due_working_days: Some(10),
        implications_heading: heading.into(),
    }
}

/// A meeting on 10 December 2026 with one report item whose body has two implications headings.
fn setup() -> (Store, MeetingId, i64, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let mut bundle = common::small_bundle("Cabinet", 2026, 12, 10);
    let mut report = common::report("Corporate Plan", vec![]);
    report.status = ReportStatus::Draft;
    report.body = "## 1 Introduction\n\nText.\n\n#### 4. Financial Implications\n\n4.1 None.\n\n#### 5. Legal Implications\n\n5.1 None.\n".into();
    bundle.items.push(AgendaItem {
        number: Some(2),
        title: "Corporate Plan".into(),
        kind: ItemKind::Report,
        description: String::new(),
        access: agendapack_model::Access::Public,
        supplementary: false,
        report: Some(report),
    });
    let id = store.import_bundle_at(&bundle, at(1, 9)).unwrap();
    let detail = store.meeting_detail(id.0).unwrap();
    let item_id = detail.items.iter().find(|i| i.number == Some(2)).unwrap().id;
    for (name, display, role) in [
        ("author", "Priya Shah", Role::Author),
        ("sandra", "Sandra Pillinger", Role::Author),
        ("paul", "Paul Feild", Role::Author),
        ("deputy", "Dee Puty", Role::Author),
        ("dir", "Dana Director", Role::Officer),
        ("cllr", "Cllr Member", Role::Member),
        ("ann", "Ann Lee", Role::Officer),
    ] {
        store.account_add(name, display, role, PASSWORD, at(1, 9)).unwrap();
    }
    store.account_job_title_set("sandra", "Group Accountant").unwrap();
    store.account_job_title_set("paul", "Senior Governance Solicitor").unwrap();
    (store, id, detail.committee_id, item_id)
}

fn desk<'a>(name: &'a str) -> Acting<'a> {
    Acting::Desk { recorder: "Ann Lee", for_name: Some(name) }
}

#[test]
fn a_report_goes_round_the_route_and_is_cleared() {
    let (mut store, id, committee, item) = setup();
    let route = vec![
        step("Finance", "sandra", None, false, "Financial implications"),
        step("Legal", "paul", Some("deputy"), false, "Legal implications"),
        step("Director", "dir", None, false, ""),
        step("Cabinet member", "cllr", None, true, ""),
    ];
    let saved = store.clearance_route_save(committee, &route).unwrap();
    assert_eq!(saved, route, "the route reads back as saved");
    let today = at(2, 9).date();
    assert_eq!(store.clearance_state(item, today).unwrap().status, "not-submitted");
    let due = store.clearance_state(item, today).unwrap().steps[0].due;
    assert_eq!(due, Some(common::date(2026, 11, 26)), "10 working days before Thursday 10 December");

    let author = store.account_by_name("author").unwrap().unwrap();
    let state = store.clearance_submit(item, Acting::Account { account: &author, for_name: None }, "", at(2, 9)).unwrap();
    assert_eq!(state.status, "in-clearance");
    assert_eq!(state.steps[0].state, "waiting");
    assert_eq!(Some(store.report_detail(item).unwrap().report.status), Some(ReportStatus::Submitted), "submitting hands the report in");

    let legal_early = store.clearance_approve(item, desk("paul"), "", at(2, 10));
    assert!(legal_early.unwrap_err().to_string().contains("not an approver or delegate of the step waiting (Finance)"));
    let paul = store.account_by_name("paul").unwrap().unwrap();
    assert_eq!(store.clearance_waiting_for(paul.id, today).unwrap().len(), 0, "legal is not waiting yet");

    store.clearance_approve(item, desk("sandra"), "Figures checked.", at(3, 9)).unwrap();
    assert_eq!(store.clearance_waiting_for(paul.id, today).unwrap()[0].step, "Legal");
    let deputy = store.account_by_name("deputy").unwrap().unwrap();
    assert_eq!(store.clearance_waiting_for(deputy.id, today).unwrap().len(), 1, "the delegate sees it too");

    assert!(store.clearance_return(item, Acting::Account { account: &paul, for_name: None }, " ", at(4, 9)).is_err(), "a return needs a comment");
    let returned = store.clearance_return(item, Acting::Account { account: &paul, for_name: None }, "Cite the 1999 Act.", at(4, 9)).unwrap();
    assert_eq!(returned.status, "returned");
    assert_eq!(returned.steps[0].state, "approved", "finance's approval stands");
    assert_eq!(returned.steps[1].state, "returned");
    assert_eq!(Some(store.report_detail(item).unwrap().report.status), Some(ReportStatus::Draft), "back with the author");

    let again = store.clearance_submit(item, Acting::Account { account: &author, for_name: None }, "Added.", at(5, 9)).unwrap();
    assert_eq!(again.steps[0].state, "approved", "the route restarts from the returned step");
    assert_eq!(again.steps[1].state, "waiting");

    let ann = store.account_by_name("ann").unwrap().unwrap();
    let author_for_paul = store.clearance_approve(item, Acting::Account { account: &author, for_name: Some("paul") }, "", at(6, 9));
    assert!(author_for_paul.unwrap_err().to_string().contains("only an officer"), "an author cannot sign for someone");
    store.clearance_approve(item, Acting::Account { account: &ann, for_name: Some("paul") }, "Fine now.", at(6, 9)).unwrap();
    let staged = store.clearance_approve(item, desk("dir"), "", at(7, 9)).unwrap();
    assert_eq!(staged.status, "in-clearance");
    let cleared = store.clearance_approve(item, desk("cllr"), "", at(8, 9)).unwrap();
    assert_eq!(cleared.status, "cleared");
    assert_eq!(Some(store.report_detail(item).unwrap().report.status), Some(ReportStatus::Cleared));

    let texts: Vec<&str> = cleared.history.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(texts[0], "Priya Shah submitted the report");
    assert_eq!(texts[1], "Sandra Pillinger approved the Finance step (recorded by Ann Lee on behalf of Sandra Pillinger)");
    assert_eq!(texts[2], "Paul Feild returned the report at the Legal step");
    assert_eq!(cleared.history[2].comment, "Cite the 1999 Act.");
    assert_eq!(texts[4], "Paul Feild approved the Legal step (recorded by Ann Lee on behalf of Paul Feild)");
    assert!(cleared.history.iter().all(|e| e.report_version.is_some()), "every row names the version seen");
    assert!(cleared.history[4].report_version > cleared.history[1].report_version, "legal saw the report as resubmitted");

    let bundle = store.load_bundle(id).unwrap();
    let report = bundle.items.iter().find(|i| i.number == Some(2)).unwrap().report.as_ref().unwrap();
    let signed: Vec<(&str, &str, &str)> = report.signoffs.iter().map(|s| (s.heading.as_str(), s.name.as_str(), s.job_title.as_str())).collect();
    assert_eq!(
        signed,
        vec![
            ("Financial implications", "Sandra Pillinger", "Group Accountant"),
            ("Legal implications", "Paul Feild", "Senior Governance Solicitor")
        ],
        "the pack is told who signed which implications"
    );
    assert!(!report.body.contains("Implications completed by"), "the loaded body is the report as written");
    let exported = agendapack_store::exchange::to_json(&bundle).unwrap();
    assert!(!exported.contains("Implications completed by") && !exported.contains("signoffs"), "an export carries no sign-off");
    let stored = store.report_detail(item).unwrap().report.body;
    assert!(!stored.contains("Implications completed by"), "the editor's body is not changed");
}

#[test]
fn a_bad_route_is_refused_whole() {
    let (mut store, _, committee, _) = setup();
    let mut bad = step("", "nobody", None, false, "");
    bad.due_working_days = Some(999);
    let err = store.clearance_route_save(committee, &[step("Finance", "sandra", None, false, ""), bad]).unwrap_err();
    assert!(err.to_string().contains("step 2 needs a name"), "{err}");
    assert!(store.clearance_route(committee).unwrap().is_empty(), "nothing saved");
    let err = store.clearance_submit(1, Acting::Desk { recorder: "Ann Lee", for_name: None }, "", at(2, 9)).unwrap_err();
    assert!(err.to_string().contains("no"), "{err}");
}
