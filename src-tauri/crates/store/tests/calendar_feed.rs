//! Each account's calendar feed (issue 19): the author's feed lists their report's deadlines
//! and moves when an officer overrides one; an approver's lists the sign-off waiting for them,
//! and moves when an officer sets that step's due date by hand for the meeting;
//! an independent iCalendar parser (the `ical` crate) reads it; a revoked or replaced token
//! finds nothing; only the token's hash is stored.

use agendapack_model::account::Role;
use agendapack_store::clearance::{Acting, RouteStep, StepApprover};
use agendapack_store::edit::{DeadlineOverrideRow, RulesFile};
use agendapack_store::Store;
use chrono::{NaiveDate, NaiveDateTime};

fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(9, 0, 0).unwrap()
}

/// Text without iCalendar escapes or white space (the parser leaves escapes in, and a folded
/// line may lose the space it was folded at), to compare with what was stored.
fn norm(text: &str) -> String {
    text.replace("\\,", ",").replace("\\;", ";").split_whitespace().collect()
}

/// (SUMMARY, DTSTART) of every event, read with the ical crate, the summary as [`norm`] gives it.
fn events(ics: &str) -> Vec<(String, String)> {
    let mut parser = ical::IcalParser::new(ics.as_bytes());
    let calendar = parser.next().expect("one calendar").expect("the ical crate parses the feed");
    calendar
        .events
        .iter()
        .map(|e| {
            let prop = |name: &str| e.properties.iter().find(|p| p.name == name).and_then(|p| p.value.clone()).unwrap_or_default();
            (norm(&prop("SUMMARY")), prop("DTSTART"))
        })
        .collect()
}

#[test]
fn the_feed_lists_an_accounts_deadlines_and_dies_when_revoked() {
    let mut store = Store::open_in_memory().unwrap();
    let meeting = store.import_bundle_at(&agendapack_demo::bundles().remove(0), at(2020, 11, 1)).unwrap();
    let rules = RulesFile::from_json(agendapack_demo::deadline_rules()).unwrap();
    store.deadline_rules_import_if_none(&rules).unwrap();
    let detail = store.meeting_detail(meeting.0).unwrap();
    let item = detail.items.iter().find(|i| i.kind == agendapack_model::ItemKind::Report && !i.access.is_restricted()).unwrap();
    let author = store.account_add("priya", "Priya Shah", Role::Author, "correct horse battery", at(2020, 11, 1)).unwrap();
    let sandra = store.account_add("sandra", "Sandra Pillinger", Role::Author, "correct horse battery", at(2020, 11, 1)).unwrap();
    store.report_owner_set(item.id, Some(author.id)).unwrap();
    let today = at(2020, 11, 2).date();

    let token = store.calendar_feed_issue(author.id, at(2020, 11, 2)).unwrap();
    assert_eq!(token.len(), 64);
    let ics = store.calendar_feed_ics(&token, today).unwrap().expect("the token opens the feed");
    let listed = events(&ics);
    let own: Vec<_> = listed.iter().filter(|(summary, _)| summary.contains(&norm(&item.title))).collect();
    assert!(!own.is_empty(), "the report's deadlines are listed: {listed:?}");
    assert!(listed.iter().any(|(s, _)| s.starts_with("Statutorypublication")), "and its meeting's publication: {listed:?}");

    // An officer moves the report's first local deadline: the feed follows.
    let rule = &store.deadline_rules(detail.committee_id).unwrap()[0];
    let meeting_date = detail.meeting.starts_at.date();
    let moved = NaiveDate::from_ymd_opt(2020, 11, 13).unwrap();
    let label = rule.label.clone();
    store
        .deadline_override_save(rule.id, meeting_date, Some(&DeadlineOverrideRow { meeting_date, date: moved, time: None, reason: "officer on leave".into() }))
        .unwrap();
    let after = events(&store.calendar_feed_ics(&token, today).unwrap().unwrap());
    let row = after.iter().find(|(s, _)| s.starts_with(&norm(&format!("{label}: {}", item.title)))).expect("the moved deadline is listed");
    assert!(row.1.starts_with("20201113"), "at its new date: {row:?}");

    // A sign-off waiting for an approver is in their feed.
    let step = RouteStep {
        name: "Finance".into(),
        approvers: vec![StepApprover { account: "sandra".into(), delegate: None }],
        parallel: false,
        due_working_days: Some(14),
        implications_heading: String::new(),
    };
    store.clearance_route_save(detail.committee_id, &[step]).unwrap();
    store.clearance_submit(item.id, Acting::Desk { recorder: "Ann", for_name: Some("priya") }, "", at(2020, 11, 2)).unwrap();
    let hers = store.calendar_feed_issue(sandra.id, at(2020, 11, 2)).unwrap();
    let signoffs = events(&store.calendar_feed_ics(&hers, today).unwrap().unwrap());
    let finance = norm(&format!("Finance sign-off: {}", item.title));
    let by_rule = signoffs.iter().find(|(s, _)| s.starts_with(&finance)).expect("the sign-off is listed").1.clone();

    // An officer sets the Finance step's due date by hand for this meeting: her feed follows.
    let step_moved = NaiveDate::from_ymd_opt(2020, 11, 16).unwrap();
    assert_ne!(by_rule, "20201116", "the override is a different date from the rule's");
    let dues = store.clearance_due_save(meeting.0, "finance", Some((step_moved, "finance officer on leave"))).unwrap();
    assert_eq!(dues[0].due, Some(step_moved));
    assert_eq!(dues[0].override_reason.as_deref(), Some("finance officer on leave"));
    assert!(dues[0].rule_date.is_some_and(|d| d != step_moved), "the rule's date is still shown");
    let moved_feed = events(&store.calendar_feed_ics(&hers, today).unwrap().unwrap());
    let row = moved_feed.iter().find(|(s, _)| s.starts_with(&finance)).expect("still listed");
    assert!(row.1.starts_with("20201116"), "at the overridden date: {row:?}");
    let state = store.clearance_state(item.id, today).unwrap();
    assert_eq!((state.steps[0].due, state.steps[0].due_override_reason.as_deref()), (Some(step_moved), Some("finance officer on leave")));
    assert!(store.clearance_due_save(meeting.0, "Legal", Some((step_moved, "x"))).unwrap_err().to_string().contains("no step named"));
    assert!(store.clearance_due_save(meeting.0, "Finance", Some((step_moved, " "))).is_err(), "a reason is required");
    store.clearance_due_save(meeting.0, "Finance", None).unwrap();
    let back = events(&store.calendar_feed_ics(&hers, today).unwrap().unwrap());
    assert_eq!(back.iter().find(|(s, _)| s.starts_with(&finance)).unwrap().1, by_rule, "removing the override restores the rule's date");

    let replaced = store.calendar_feed_issue(author.id, at(2020, 11, 3)).unwrap();
    assert_eq!(store.calendar_feed_ics(&token, today).unwrap(), None, "a replaced token finds nothing");
    assert!(store.calendar_feed_ics(&replaced, today).unwrap().is_some());
    assert!(store.calendar_feed_revoke(author.id).unwrap());
    assert_eq!(store.calendar_feed_ics(&replaced, today).unwrap(), None, "a revoked token finds nothing");
    assert_eq!(store.calendar_feed_ics("../etc/passwd", today).unwrap(), None, "a malformed token finds nothing");
}
