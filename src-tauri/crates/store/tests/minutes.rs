//! Minutes in the store: numbering across meetings and municipal years, the lock on confirmed
//! minutes, every part of a minute surviving a save, actions rolled up across meetings, and
//! the previous meeting's minutes reaching the next meeting's bundle without any link.

mod common;

use agendapack_model::*;
use agendapack_store::edit::StatusChange;
use agendapack_store::{MeetingId, Store, StoreError};
use common::{date, small_bundle, time};

const COMMITTEE: &str = "Overview and Scrutiny Committee";

fn members() -> Vec<Membership> {
    let seat = |name: &str, role| Membership { person: Person::named(name), role, from: date(2019, 5, 1), until: None };
    vec![
        seat("Cllr Jane Jones", MemberRole::Chair),
        seat("Cllr Dorothy Akwaboah", MemberRole::DeputyChair),
        seat("Cllr Toni Bankole", MemberRole::Member),
        Membership { until: Some(date(2020, 6, 30)), ..seat("Cllr Gone Before", MemberRole::Member) },
    ]
}

/// A meeting with four numbered items and the private business heading.
fn meeting(store: &mut Store, y: i32, m: u32, d: u32) -> i64 {
    let mut b = small_bundle(COMMITTEE, y, m, d);
    b.committee.members = members();
    let item = |number: Option<u32>, title: &str, kind| AgendaItem {
        number,
        title: title.into(),
        kind,
        description: String::new(),
        access: Access::Public,
        supplementary: false,
        report: None,
    };
    b.items = vec![
        item(Some(1), "Apologies for Absence", ItemKind::StandardText),
        item(Some(2), "Declaration of Members' Interests", ItemKind::StandardText),
        item(Some(3), "Budget", ItemKind::StandardText),
        item(Some(4), "Minutes", ItemKind::Minutes),
        item(None, "Private Business", ItemKind::PrivateBusinessHeading),
    ];
    match store.import_bundle_at(&b, date(2020, 1, 1).and_time(time(9, 0))) {
        Ok(MeetingId(id)) => id,
        Err(e) => panic!("the test meeting of {y}-{m}-{d} must import: {e}"),
    }
}

fn ok<T>(result: Result<T, StoreError>, what: &str) -> T {
    result.unwrap_or_else(|e| panic!("{what} must succeed: {e}"))
}

fn numbers(store: &Store, id: i64) -> Vec<u32> {
    let detail = ok(store.minutes_detail(id), "minutes_detail");
    detail.minutes.map(|m| m.entries.iter().map(|e| e.number).collect()).unwrap_or_default()
}

#[test]
fn numbers_run_on_through_the_municipal_year_and_restart_in_may() {
    let mut store = ok(Store::open_in_memory(), "open");
    let september = meeting(&mut store, 2020, 9, 2);
    let october = meeting(&mut store, 2020, 10, 7);
    let june = meeting(&mut store, 2021, 6, 2);
    ok(store.minutes_start(september), "start September");
    assert_eq!(numbers(&store, september), [1, 2, 3, 4], "the first meeting of the year starts at 1, headings not numbered are skipped");
    ok(store.minutes_start(october), "start October");
    assert_eq!(numbers(&store, october), [5, 6, 7, 8], "October runs on from September");
    ok(store.minutes_start(june), "start June");
    assert_eq!(numbers(&store, june), [1, 2, 3, 4], "a meeting after 1 May restarts at 1");

    // An item added on the day takes the next number; numbers stay consecutive.
    let mut minutes = ok(store.minutes_detail(october), "detail").minutes.expect("started");
    minutes.entries.insert(1, MinuteEntry::new(0, "Urgent item", "Taken as urgent.", Access::Public));
    minutes.entries[1].urgency_reason = "The contract must be signed before the next meeting.".into();
    let saved = ok(store.minutes_save(october, &minutes), "save");
    let got: Vec<u32> = saved.minutes.expect("saved").entries.iter().map(|e| e.number).collect();
    assert_eq!(got, [5, 6, 7, 8, 9], "an added minute is numbered in place and the rest renumbered");

    ok(store.minute_numbering_set(MinuteNumbering::Continuous), "continuous numbering");
    assert_eq!(ok(store.minutes_detail(june), "detail").first_number, 10, "continuous numbering runs on over May");
}

#[test]
fn attendance_starts_from_the_membership_on_the_day() {
    let mut store = ok(Store::open_in_memory(), "open");
    let id = meeting(&mut store, 2020, 11, 4);
    let detail = ok(store.minutes_start(id), "start");
    let minutes = detail.minutes.expect("started");
    let names: Vec<&str> = minutes.attendance.iter().map(|a| a.person.name.as_str()).collect();
    assert_eq!(names, ["Cllr Jane Jones", "Cllr Dorothy Akwaboah", "Cllr Toni Bankole"], "only seats held on the day, in order");
    assert!(minutes.attendance.iter().all(|a| a.kind == AttendanceKind::Absent), "nobody is present until ticked");
    assert_eq!(minutes.attendance[0].role, Some(MemberRole::Chair), "the chair's role is carried");
    assert!(matches!(store.minutes_start(id), Err(StoreError::Conflict { .. })), "minutes cannot be started twice");
}

fn full_minutes(store: &Store, id: i64, marker: &str) -> Minutes {
    let mut minutes = ok(store.minutes_detail(id), "detail").minutes.expect("started");
    minutes.opened_at = time(19, 1);
    minutes.closed_at = time(21, 19);
    minutes.attendance[0].kind = AttendanceKind::Present;
    minutes.attendance[1].kind = AttendanceKind::Present;
    minutes.attendance[1].remote = true;
    minutes.attendance[1].arrived_at = Some(time(19, 20));
    minutes.attendance[2].kind = AttendanceKind::Apologies;
    let mut sub = Attendance::new(Person::named("Cllr Sub Stitute"), AttendanceKind::Present, Some(MemberRole::Substitute));
    sub.substitute_for = Some("Cllr Toni Bankole".into());
    sub.left_at = Some(time(21, 0));
    minutes.attendance.push(sub);
    minutes.attendance.push(Attendance::new(Person::named("Claudia Wakefield"), AttendanceKind::AlsoPresent, None));
    let entry = &mut minutes.entries[2];
    entry.text = format!("The {marker} was discussed.");
    entry.resolutions = vec![format!("To note the {marker}."), "To ask for a further report.".into()];
    entry.declarations.push(Declaration {
        member: "Cllr Jane Jones".into(),
        nature: InterestNature::DisclosablePecuniary,
        interest: "as a director of a bidder".into(),
        left_room: true,
    });
    entry.votes.push(RecordedVote {
        motion: format!("That the {marker} be approved"),
        in_favour: vec!["Cllr Dorothy Akwaboah".into(), "Cllr Sub Stitute".into()],
        against: vec![],
        abstained: vec!["Cllr Jane Jones".into()],
    });
    entry.actions.push(MinuteAction { text: format!("Circulate the {marker}"), owner: "Finance Director".into(), due: Some(date(2020, 12, 1)), done: false });
    entry.exclusion = common::paragraphs(&[3]);
    minutes
}

#[test]
fn every_part_of_a_minute_survives_a_save_and_reopening() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("minutes.db");
    let (id, expected) = {
        let mut store = ok(Store::open(&path), "open");
        let id = meeting(&mut store, 2020, 11, 4);
        ok(store.minutes_start(id), "start");
        let minutes = full_minutes(&store, id, "budget");
        let saved = ok(store.minutes_save(id, &minutes), "save").minutes.expect("saved");
        (id, saved)
    };
    let store = ok(Store::open(&path), "reopen");
    let again = ok(store.minutes_detail(id), "detail").minutes.expect("still there");
    assert_eq!(again, expected, "attendance, resolutions, declarations, votes, actions and exclusion come back exactly");
    assert_eq!(again.entries[2].votes[0].abstained, ["Cllr Jane Jones"], "names keep their side of the vote");
}

#[test]
fn a_bad_minute_is_refused_before_any_write() {
    let mut store = ok(Store::open_in_memory(), "open");
    let id = meeting(&mut store, 2020, 11, 4);
    ok(store.minutes_start(id), "start");
    let before = ok(store.minutes_detail(id), "detail").minutes;
    let mut minutes = full_minutes(&store, id, "budget");
    minutes.entries[2].votes[0].against.push("Cllr Jane Jones".into());
    let err = store.minutes_save(id, &minutes).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("recorded twice"), "a member voting twice is refused with a sentence: {err}");
    assert_eq!(ok(store.minutes_detail(id), "detail").minutes, before, "nothing was written");
}

#[test]
fn a_half_typed_row_is_kept_in_a_draft_but_not_published() {
    let mut store = ok(Store::open_in_memory(), "open");
    let id = meeting(&mut store, 2020, 11, 4);
    ok(store.minutes_start(id), "start");
    let mut minutes = ok(store.minutes_detail(id), "detail").minutes.expect("started");
    // What Alt+A saves before the clerk has typed anything.
    minutes.entries[2].actions.push(MinuteAction { text: String::new(), owner: String::new(), due: None, done: false });
    ok(store.minutes_save(id, &minutes), "the autosave of a draft with an empty action row");
    let publish = StatusChange { to: MinutesStatus::PublishedDraft, confirmation: None, signed_on: None };
    let err = store.minutes_set_status(id, &publish).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("an action needs"), "publishing asks for the action to be completed: {err}");
    let detail = ok(store.minutes_detail(id), "detail");
    assert_eq!(detail.minutes.map(|m| m.status), Some(MinutesStatus::Draft), "the refused move changed nothing");
}

#[test]
fn confirmed_minutes_are_locked_and_corrected_only_by_amendment() {
    let mut store = ok(Store::open_in_memory(), "open");
    let id = meeting(&mut store, 2020, 11, 4);
    ok(store.minutes_start(id), "start");
    let minutes = full_minutes(&store, id, "budget");
    ok(store.minutes_save(id, &minutes), "save");
    let to = |to, confirmation, signed_on| StatusChange { to, confirmation, signed_on };
    let skipped = store.minutes_set_status(id, &to(MinutesStatus::Signed, None, Some(date(2020, 12, 2))));
    assert!(skipped.is_err(), "a draft cannot be signed without being published and confirmed");
    ok(store.minutes_set_status(id, &to(MinutesStatus::PublishedDraft, None, None)), "publish the draft");
    let early = Confirmation { meeting_date: date(2020, 11, 1), amendments: vec![] };
    assert!(store.minutes_set_status(id, &to(MinutesStatus::Confirmed, Some(early), None)).is_err(), "confirmation is at a later meeting");
    let confirmation = Confirmation {
        meeting_date: date(2020, 12, 2),
        amendments: vec!["subject to the removal of the letter 'u' under item 18".into()],
    };
    let detail = ok(store.minutes_set_status(id, &to(MinutesStatus::Confirmed, Some(confirmation), None)), "confirm");
    assert!(detail.locked, "confirmed minutes are shown locked");
    assert_eq!(detail.next_statuses, [MinutesStatus::Signed], "only signing follows");

    let mut edited = detail.minutes.clone().expect("minutes");
    edited.entries[0].text = "Rewritten history.".into();
    let err = store.minutes_save(id, &edited).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("can no longer be edited"), "editing confirmed minutes is refused with a clear sentence: {err}");
    assert_eq!(ok(store.minutes_detail(id), "detail").minutes, detail.minutes, "the refused edit changed nothing");

    let amended = ok(store.minutes_amend(id, "Minute 3: the vote was 2-0, not 2-1."), "amend");
    let amendments = amended.minutes.and_then(|m| m.confirmation).map(|c| c.amendments).unwrap_or_default();
    assert_eq!(amendments.len(), 2, "the correction is recorded after the confirmation's own amendment");
    ok(store.minutes_set_status(id, &to(MinutesStatus::Signed, None, Some(date(2020, 12, 2)))), "sign");
    let err = store.minutes_save(id, &edited).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("signed"), "signed minutes are locked too: {err}");
}

#[test]
fn actions_roll_up_across_meetings() {
    let mut store = ok(Store::open_in_memory(), "open");
    let first = meeting(&mut store, 2020, 10, 7);
    let second = meeting(&mut store, 2020, 11, 4);
    for (id, due, text) in [(first, date(2020, 10, 30), "Send the ward data"), (second, date(2021, 1, 6), "Report back on hubs")] {
        ok(store.minutes_start(id), "start");
        let mut minutes = ok(store.minutes_detail(id), "detail").minutes.expect("started");
        minutes.entries[2].actions.push(MinuteAction { text: text.into(), owner: "HII".into(), due: Some(due), done: false });
        minutes.entries[0].actions.push(MinuteAction { text: format!("{text} (done)"), owner: "DPP".into(), due: None, done: true });
        ok(store.minutes_save(id, &minutes), "save");
    }
    let log = ok(store.actions(date(2020, 12, 2)), "actions");
    let lines: Vec<(&str, ActionState)> = log.iter().map(|r| (r.action.text.as_str(), r.state)).collect();
    assert_eq!(
        lines,
        [
            ("Send the ward data", ActionState::Overdue),
            ("Report back on hubs", ActionState::Open),
            ("Send the ward data (done)", ActionState::Done),
            ("Report back on hubs (done)", ActionState::Done),
        ],
        "actions of both meetings, overdue first, then open, then done, each oldest meeting first"
    );
    assert_eq!(log[0].minute_number, 3, "the log says which minute agreed the action");
    ok(store.action_set_done(first, log[0].entry_position, log[0].position, true), "mark done");
    let log = ok(store.actions(date(2020, 12, 2)), "actions");
    assert!(log.iter().all(|r| r.state != ActionState::Overdue), "a done action is no longer overdue");
}

#[test]
fn the_next_meeting_confirms_the_latest_minutes_without_a_link() {
    let mut store = ok(Store::open_in_memory(), "open");
    let november = meeting(&mut store, 2020, 11, 4);
    let december = meeting(&mut store, 2020, 12, 2);
    ok(store.minutes_start(november), "start");
    let minutes = full_minutes(&store, november, "budget");
    ok(store.minutes_save(november, &minutes), "save");
    let detail = ok(store.minutes_start(december), "start December");
    let entry = detail.minutes.as_ref().and_then(|m| m.entries.iter().find(|e| e.heading.starts_with("Minutes")));
    assert_eq!(
        entry.map(|e| (e.heading.as_str(), e.text.as_str())),
        Some(("Minutes - 4 November 2020", "The minutes of the meeting held on 4 November 2020 were confirmed as correct.")),
        "December's minute on the Minutes item names November's meeting, as seed 001 does"
    );
    let previous = detail.previous.as_ref().map(|p| (p.meeting_id, p.date));
    assert_eq!(previous, Some((november, date(2020, 11, 4))), "the screen can open the minutes December confirms");
    let bundle = ok(store.load_bundle(MeetingId(december)), "load");
    let previous = bundle.previous.expect("December confirms November's minutes");
    assert_eq!(previous.meeting.date(), date(2020, 11, 4), "the previous meeting is November's");
    assert_eq!(previous.minutes.entries[2].resolutions.len(), 2, "the structured minutes come with it");
    let november_bundle = ok(store.load_bundle(MeetingId(november)), "load");
    assert!(november_bundle.previous.is_none(), "an earlier meeting without minutes is not confirmed");
}
