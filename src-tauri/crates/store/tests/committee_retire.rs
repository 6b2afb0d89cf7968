//! Committees can be renamed and retired (issue 14, point 4): a rename keeps the meetings, a
//! retired committee keeps everything but takes no new meetings, and only a committee that
//! has never met can be deleted.

mod common;

use agendapack_model::{Person, Venue};
use agendapack_store::edit::NewMeeting;
use agendapack_store::{Store, StoreError};
use common::*;

fn new_meeting(committee_id: i64) -> NewMeeting {
    NewMeeting {
        committee_id,
        starts_at: date(2021, 6, 1).and_time(time(19, 0)),
        venue: Venue::Place { name: "Council Chamber".into() },
        contact_officer: Person::named("Leanna McPherson"),
    }
}

#[test]
fn a_renamed_committee_keeps_its_meetings() {
    let mut store = Store::open_in_memory().expect("a store");
    store.import_bundle(&small_bundle("Licensing Committee", 2021, 3, 10)).expect("a meeting imports");
    let id = store.committees().expect("committees")[0].id;
    let renamed = store.committee_save(Some(id), "Licensing and Regulatory Committee").expect("a rename saves");
    assert_eq!(renamed.name, "Licensing and Regulatory Committee", "the new name is stored");
    let meetings = store.meetings().expect("meetings");
    assert_eq!(meetings.len(), 1, "the meeting is still there");
    assert_eq!(meetings[0].committee, "Licensing and Regulatory Committee", "and now shows the new name");
}

#[test]
fn a_committee_with_meetings_is_retired_not_deleted() {
    let mut store = Store::open_in_memory().expect("a store");
    store.import_bundle(&small_bundle("Licensing Committee", 2021, 3, 10)).expect("a meeting imports");
    let id = store.committees().expect("committees")[0].id;

    let refused = store.committee_delete(id);
    match &refused {
        Err(e @ StoreError::Conflict { .. }) => {
            let message = e.to_string();
            assert!(message.contains("has a meeting") && message.contains("retire it instead"), "the refusal says what to do: {message}");
        }
        other => panic!("deleting a committee that has met must be refused, got {other:?}"),
    }
    assert_eq!(store.meetings().expect("meetings").len(), 1, "the refused delete changed nothing");

    let retired = store.committee_retire(id, true).expect("a committee can be retired");
    assert!(retired.retired, "the row says it is retired");
    assert!(store.committees().expect("committees")[0].retired, "and so does the list the pickers read");
    assert_eq!(store.meetings().expect("meetings").len(), 1, "retiring keeps its meetings");
    let planned = store.meeting_create(&new_meeting(id));
    assert!(matches!(planned, Err(StoreError::Invalid(_))), "a retired committee takes no new meeting: {planned:?}");

    let back = store.committee_retire(id, false).expect("a committee can be brought back");
    assert!(!back.retired, "brought back");
    store.council_save(&rich_bundle().council).expect("a council");
    assert!(store.meeting_create(&new_meeting(id)).is_ok(), "once back, it takes new meetings");
}

#[test]
fn a_committee_that_never_met_can_be_deleted() {
    let mut store = Store::open_in_memory().expect("a store");
    let row = store.committee_save(None, "Shadow Committee").expect("a committee saves");
    store.committee_delete(row.id).expect("a committee without meetings can be deleted");
    assert!(store.committees().expect("committees").is_empty(), "it is gone");
    assert!(matches!(store.committee_delete(row.id), Err(StoreError::NotFound { .. })), "deleting it again says it is not there");
    assert!(matches!(store.committee_retire(999, true), Err(StoreError::NotFound { .. })), "an unknown committee cannot be retired");
}
