//! The limits table (`agendapack_model::limits`) holds on every way in: an import and each
//! edit refuse an over-long short field with one sentence naming the field and the limit,
//! never repeating the value, and change nothing.

mod common;

use agendapack_model::{ItemKind, MemberRole, Person, Venue};
use agendapack_store::edit::{MembershipInput, NewMeeting};
use agendapack_store::{Store, StoreError};
use common::*;

/// The one sentence an error shows, checked to be short and free of the value.
fn refused<T: std::fmt::Debug>(result: Result<T, StoreError>, field: &str, words: &str) -> String {
    let message = match result {
        Err(e @ StoreError::Invalid(_)) => e.to_string(),
        other => panic!("an over-long {field} must be refused as invalid, got {other:?}"),
    };
    assert!(message.contains(words), "the sentence names the field ({words}): {message}");
    assert!(message.len() < 200, "the sentence is short, not the value read back: {} bytes", message.len());
    assert!(!message.contains("xxxxxxxxxx"), "the value is never echoed: {message}");
    message
}

#[test]
fn an_import_with_a_2000_character_committee_name_is_refused_and_changes_nothing() {
    let mut store = Store::open_in_memory().expect("a store");
    let bundle = small_bundle(&"x".repeat(2_000), 2021, 3, 10);
    let message = refused(store.import_bundle(&bundle), "committee name", "committee name is longer than the 200 characters");
    assert!(message.starts_with("committee.name: "), "the path names the field: {message}");
    assert!(store.meetings().expect("meetings list").is_empty(), "nothing was imported");
}

#[test]
fn an_import_with_a_100000_character_author_email_is_refused() {
    let mut store = Store::open_in_memory().expect("a store");
    let mut bundle = small_bundle("Licensing Committee", 2021, 3, 10);
    let mut author = officer("Ann Author", "Planning Officer");
    author.email = format!("{}@example.org", "x".repeat(100_000));
    let mut paper = report("A report", vec![]);
    paper.authors = vec![author];
    let mut item = bundle.items[0].clone();
    item.number = Some(2);
    item.title = "A report".into();
    item.kind = ItemKind::Report;
    item.report = Some(paper);
    bundle.items.push(item);
    refused(store.import_bundle(&bundle), "author e-mail", "e-mail address is longer than the 254 characters");
    assert!(store.meetings().expect("meetings list").is_empty(), "nothing was imported");
}

#[test]
fn edits_refuse_over_long_names_titles_and_contact_details() {
    let mut store = Store::open_in_memory().expect("a store");
    refused(store.committee_save(None, &"x".repeat(201)), "committee name", "committee name");
    assert!(store.committees().expect("committees").is_empty(), "the refused committee was not created");
    let committee = store.committee_save(None, "Licensing Committee").expect("a normal name saves");
    refused(store.committee_save(Some(committee.id), &"x".repeat(2_000)), "committee name", "committee name");
    assert_eq!(store.committees().expect("committees")[0].name, "Licensing Committee", "a refused rename keeps the old name");

    let mut person = Person::named("Cllr Long Phone");
    person.phone = "1".repeat(51);
    let seat = MembershipInput { id: None, person, role: MemberRole::Member, from: date(2021, 5, 1), until: None };
    refused(store.membership_save(committee.id, &seat), "phone", "telephone number is longer than the 50 characters");

    store.council_save(&rich_bundle().council).expect("a council");
    let meeting = store
        .meeting_create(&NewMeeting {
            committee_id: committee.id,
            starts_at: date(2021, 6, 1).and_time(time(19, 0)),
            venue: Venue::Place { name: "Council Chamber".into() },
            contact_officer: Person::named("Leanna McPherson"),
        })
        .expect("a meeting");
    let now = date(2021, 5, 1).and_time(time(9, 0));
    refused(store.item_add(meeting.id, &"x".repeat(2_000), ItemKind::Report, None, now), "item title", "item title is longer than the 300 characters");
    let detail = store.item_add(meeting.id, &"é".repeat(300), ItemKind::StandardText, None, now);
    assert!(detail.is_ok(), "300 characters (600 bytes) fit: limits count characters: {:?}", detail.err());
}

#[test]
fn people_in_the_previous_minutes_are_held_to_the_limits_too() {
    let mut store = Store::open_in_memory().expect("a store");
    let mut bundle = rich_bundle();
    let previous = bundle.previous.as_mut().expect("the rich bundle confirms previous minutes");
    assert!(!previous.minutes.attendance.is_empty(), "its minutes record who attended");
    previous.minutes.attendance[0].person.name = "x".repeat(201);
    let message = refused(store.import_bundle(&bundle), "attendee name", "name is longer than the 200 characters");
    assert!(message.starts_with("previous.minutes.attendance[0].person.name"), "the path names the attendance line: {message}");
}
