//! Unit tests of the editing actions on an in-memory store.

use agendapack_model::{Access, ExemptParagraph, ItemKind, MemberRole, Person, Venue};
use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::{Store, StoreError};

fn at(day: u32, hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2021, 3, day).and_then(|d| d.and_hms_opt(hour, 0, 0)).expect("a real date")
}

fn store_with_meeting() -> (Store, i64, i64) {
    let mut store = Store::open_in_memory().expect("an in-memory store opens");
    store.council_save(&council()).expect("a named council saves");
    let committee = store.committee_save(None, "Overview and Scrutiny Committee").expect("a named committee saves");
    let meeting = store
        .meeting_create(&NewMeeting {
            committee_id: committee.id,
            starts_at: at(10, 19),
            venue: Venue::Place { name: "Council Chamber".into() },
            contact_officer: Person::named("Leanna McPherson"),
        })
        .expect("a meeting with a venue and officer is created");
    (store, committee.id, meeting.id)
}

fn field_of(result: Result<impl std::fmt::Debug, StoreError>) -> String {
    match result {
        Err(StoreError::Invalid(problems)) => problems[0].path.clone(),
        other => panic!("expected a refusal naming a field, got {other:?}"),
    }
}

fn council() -> agendapack_model::Council {
    agendapack_model::Council {
        name: "London Borough of Barking and Dagenham".into(),
        nation: agendapack_model::Nation::England,
        chief_executive_name: "Claire Symonds".into(),
        chief_executive_title: "Acting Chief Executive".into(),
        logo: None,
        standing_texts: Default::default(),
        fixed_pages: None,
        deadline_settings: Default::default(),
    }
}

#[test]
fn council_save_names_a_blank_name_and_reads_back() {
    let mut store = Store::open_in_memory().unwrap();
    assert!(matches!(store.council(), Err(StoreError::NoCouncil)), "a new database has no council yet");
    let blank = agendapack_model::Council { name: " ".into(), ..council() };
    assert_eq!(field_of(store.council_save(&blank)), "name", "a blank council name is refused at its field");
    assert_eq!(store.council_save(&council()).unwrap(), council(), "the saved council reads back unchanged");
}

fn titles_and_numbers(detail: &MeetingDetail) -> Vec<(Option<u32>, String)> {
    detail.items.iter().map(|i| (i.number, i.title.clone())).collect()
}

#[test]
fn a_new_meeting_has_the_standard_items_numbered_in_seed_order() {
    let (store, _, id) = store_with_meeting();
    let detail = store.meeting_detail(id).unwrap();
    let kinds: Vec<ItemKind> = detail.items.iter().map(|i| i.kind).collect();
    assert_eq!(
        kinds,
        vec![
            ItemKind::StandardText,
            ItemKind::StandardText,
            ItemKind::Minutes,
            ItemKind::WorkProgramme,
            ItemKind::UrgentBusiness,
            ItemKind::ExclusionResolution,
            ItemKind::PrivateBusinessHeading,
            ItemKind::UrgentBusiness
        ],
        "seed 001's standard items, in its order"
    );
    let numbers: Vec<Option<u32>> = detail.items.iter().map(|i| i.number).collect();
    assert_eq!(numbers, vec![Some(1), Some(2), Some(3), Some(4), Some(5), Some(6), None, Some(7)], "the heading is unnumbered");
    assert_eq!(detail.items[0].title, "Apologies for Absence", "the first item is apologies");
    let standing = agendapack_model::StandingTexts::default();
    assert_eq!(detail.items[1].description, standing.declaration_of_interests, "declarations carry the standing sentence");
    assert_eq!(detail.items[7].title, standing.urgent_exempt_items, "the last item is the urgent exempt items");
}

#[test]
fn a_report_item_goes_after_the_minutes_and_the_agenda_renumbers() {
    let (mut store, _, id) = store_with_meeting();
    let detail = store.item_add(id, "Budget Monitoring", ItemKind::Report, None, at(1, 9)).unwrap();
    let list = titles_and_numbers(&detail);
    assert_eq!(list[3], (Some(4), "Budget Monitoring".into()), "a report goes before the work programme");
    assert_eq!(list[4], (Some(5), "Work Programme".into()), "the work programme moves down to 5");
    assert!(detail.items[3].has_report, "a report item is created with an empty draft report");
    let report = store.report_detail(detail.items[3].id).unwrap();
    assert_eq!(report.report.title, "Budget Monitoring", "the draft report takes the item's title");
    assert_eq!(report.updated_at, at(1, 9), "the draft is stamped with the time passed in");
}

#[test]
fn reordering_renumbers_and_a_bad_list_changes_nothing() {
    let (mut store, _, id) = store_with_meeting();
    let before = store.meeting_detail(id).unwrap();
    let mut ids: Vec<i64> = before.items.iter().map(|i| i.id).collect();
    ids.swap(0, 1);
    let after = store.items_reorder(id, &ids).unwrap();
    assert_eq!(titles_and_numbers(&after)[0], (Some(1), "Declaration of Members' Interests".into()), "numbers follow the order");
    assert_eq!(titles_and_numbers(&after)[1], (Some(2), "Apologies for Absence".into()), "numbers follow the order");
    let short = &ids[1..];
    assert_eq!(field_of(store.items_reorder(id, short)), "item_ids", "a list missing an item is refused");
    assert_eq!(store.meeting_detail(id).unwrap(), after, "a refused reorder leaves the agenda as it was");
}

#[test]
fn deleting_an_item_renumbers_the_rest() {
    let (mut store, _, id) = store_with_meeting();
    let first = store.meeting_detail(id).unwrap().items[0].id;
    let detail = store.item_delete(first).unwrap();
    assert_eq!(titles_and_numbers(&detail)[0], (Some(1), "Declaration of Members' Interests".into()), "item 2 becomes item 1");
    assert!(matches!(store.item_delete(first), Err(StoreError::NotFound { .. })), "a deleted item is not found again");
}

#[test]
fn an_item_marked_exempt_needs_a_paragraph_and_keeps_its_public_title() {
    let (mut store, _, id) = store_with_meeting();
    let item = store.item_add(id, "Sale of Land at Town Quay", ItemKind::Report, None, at(1, 9)).unwrap().items[3].clone();
    let mut changes = ItemChanges {
        title: item.title.clone(),
        description: String::new(),
        access: Access::Exempt { paragraphs: vec![], public_title: Some("Property matter".into()) },
        supplementary: false,
    };
    assert_eq!(field_of(store.item_update(item.id, &changes)), "access.paragraphs", "the paragraphs field is at fault");
    changes.access = Access::Exempt { paragraphs: ExemptParagraph::new(3).into_iter().collect(), public_title: Some("Property matter".into()) };
    let detail = store.item_update(item.id, &changes).unwrap();
    assert_eq!(detail.items[3].access, changes.access, "the exempt access with paragraph 3 is stored");
    assert_eq!(detail.items[3].access.public_title(), Some("Property matter"), "the public title is kept");
}

#[test]
fn committees_refuse_duplicate_names_and_seats_that_end_before_they_start() {
    let (mut store, committee, _) = store_with_meeting();
    match store.committee_save(None, "Overview and Scrutiny Committee") {
        Err(StoreError::Conflict { field, .. }) => assert_eq!(field, "name", "the name is the clashing field"),
        other => panic!("a second committee of the same name must be refused, got {other:?}"),
    }
    let seat = MembershipInput {
        id: None,
        person: Person::named("Cllr Jane Jones"),
        role: MemberRole::Chair,
        from: NaiveDate::from_ymd_opt(2020, 5, 20).unwrap(),
        until: NaiveDate::from_ymd_opt(2020, 5, 1),
    };
    assert_eq!(field_of(store.membership_save(committee, &seat)), "until", "the end date is at fault");
    let seat = MembershipInput { until: None, ..seat };
    let row = store.membership_save(committee, &seat).unwrap();
    assert_eq!(row.members.len(), 1, "the seat is added");
    assert_eq!(row.members[0].role, MemberRole::Chair, "with its role");
    let changed = store.membership_save(committee, &MembershipInput { id: Some(row.members[0].id), role: MemberRole::Member, ..seat }).unwrap();
    assert_eq!(changed.members[0].role, MemberRole::Member, "saving with an id changes that seat, not a new one");
    assert_eq!(changed.members.len(), 1, "no second seat is made");
    let emptied = store.membership_delete(row.members[0].id).unwrap();
    assert!(emptied.members.is_empty(), "the deleted seat is gone");
}

#[test]
fn report_save_stamps_the_time_passed_in_and_names_a_blank_title() {
    let (mut store, _, id) = store_with_meeting();
    let item = store.item_add(id, "Budget", ItemKind::Report, None, at(1, 9)).unwrap().items[3].id;
    let mut fields = store.report_detail(item).unwrap().report;
    fields.body = "| Year | Spend |\n| --- | --- |\n| 2020 | 10 |\n".into();
    fields.authors = vec![Person::named("")];
    assert_eq!(field_of(store.report_save(item, &fields, at(2, 9))), "authors[0].name", "the blank author is named");
    fields.authors = vec![Person::named("Claudia Wakefield")];
    let saved = store.report_save(item, &fields, at(2, 10)).unwrap();
    assert_eq!(saved.updated_at, at(2, 10), "the report is stamped with the time passed in");
    assert_eq!(saved.report, fields, "every field reads back as saved");
    fields.title = " ".into();
    assert_eq!(field_of(store.report_save(item, &fields, at(3, 9))), "title", "a blank title is refused");
}

#[test]
fn edits_refuse_a_paper_over_the_size_an_import_refuses() {
    let (mut store, _, id) = store_with_meeting();
    let item = store.item_add(id, "Budget", ItemKind::Report, None, at(1, 9)).unwrap().items[3].id;
    let huge = "word ".repeat(agendapack_model::validate::MAX_TEXT_BYTES / 5 + 1);
    let mut fields = store.report_detail(item).unwrap().report;
    fields.body = huge.clone();
    assert_eq!(field_of(store.report_save(item, &fields, at(2, 9))), "body", "an autosave cannot store a body an import would refuse");
    assert!(store.report_detail(item).unwrap().report.body.is_empty(), "the refused body is not stored");
    assert_eq!(
        field_of(store.appendix_add(item, "Data", &Access::Public, &huge, at(2, 10))),
        "text",
        "nor a Markdown appendix of that size"
    );
    assert!(store.report_detail(item).unwrap().appendices.is_empty(), "nothing is added for a refused appendix");
}

#[test]
fn appendices_are_added_refused_reordered_and_deleted() {
    let (mut store, _, id) = store_with_meeting();
    let item = store.item_add(id, "Budget", ItemKind::Report, None, at(1, 9)).unwrap().items[3].id;
    store.appendix_add(item, "Action plan", &Access::Public, "# Plan", at(1, 10)).unwrap();
    let bad = PdfAttachment {
        title: "Scan".into(),
        access: Access::Public,
        file_name: "scan.pdf".into(),
        bytes: b"GIF89a".to_vec(),
        pages: 1,
    };
    assert_eq!(field_of(store.appendix_attach_pdf(item, &bad, at(1, 11))), "file", "a non-PDF is refused at the file field");
    assert_eq!(store.report_detail(item).unwrap().appendices.len(), 1, "nothing is stored for a refused file");
    let good = PdfAttachment { bytes: b"%PDF-1.7 fake body".to_vec(), pages: 2, ..bad };
    let detail = store.appendix_attach_pdf(item, &good, at(1, 12)).unwrap();
    assert_eq!(detail.appendices[1].kind, AppendixKind::Pdf, "the PDF is the second appendix");
    assert_eq!(detail.appendices[1].pages, Some(2), "its page count is kept");
    assert_eq!(detail.appendices[1].size, 18, "its size is the byte count");
    assert_eq!(detail.updated_at, at(1, 12), "attaching stamps the report");
    let ids: Vec<i64> = detail.appendices.iter().rev().map(|a| a.id).collect();
    let reordered = store.appendices_reorder(item, &ids, at(1, 13)).unwrap();
    assert_eq!(reordered.appendices[0].title, "Scan", "the PDF is now first");
    let pdf = reordered.appendices[0].id;
    assert_eq!(field_of(store.appendix_update(pdf, "Scan", &Access::Public, Some("text"), at(1, 14))), "text", "a PDF has no text");
    let left = store.appendix_delete(pdf, at(1, 15)).unwrap();
    assert_eq!(left.appendices.len(), 1, "one appendix is left");
    let bundle = store.load_bundle(crate::MeetingId(id)).unwrap();
    let report = bundle.items[3].report.as_ref().expect("the item keeps its report");
    assert_eq!(report.appendices[0].title, "Action plan", "the pack sees the remaining appendix");
}

#[test]
fn meeting_update_reschedules_and_checks_the_end_time() {
    let (mut store, _, id) = store_with_meeting();
    let mut changes = MeetingChanges {
        starts_at: at(17, 18),
        ends_at: chrono::NaiveTime::from_hms_opt(17, 0, 0),
        venue: Venue::Virtual,
        status: agendapack_model::MeetingStatus::Cancelled,
        contact_officer: Person::named("Leanna McPherson"),
        published_on: None,
        notices: vec![],
        supplement_reason: String::new(),
    };
    assert_eq!(field_of(store.meeting_update(id, &changes)), "ends_at", "an end before the start is refused");
    changes.ends_at = None;
    let detail = store.meeting_update(id, &changes).unwrap();
    assert_eq!(detail.meeting.starts_at, at(17, 18), "the meeting is rescheduled");
    assert_eq!(detail.meeting.status, agendapack_model::MeetingStatus::Cancelled, "and cancelled");
}

#[test]
fn every_change_to_a_report_counts_its_revision_and_names_who_made_it() {
    let (mut store, _, id) = store_with_meeting();
    let item = store.item_add(id, "Budget", ItemKind::Report, None, at(1, 9)).unwrap().items[3].id;
    let first = store.report_detail(item).unwrap();
    assert_eq!(first.revision, 1, "a new report is revision 1");
    let mut fields = first.report.clone();
    fields.summary = "First words.".into();
    let saved = crate::acting::acting_as("Jane Smith", || store.report_save(item, &fields, at(2, 14))).unwrap();
    assert_eq!((saved.revision, saved.revised_by.as_str()), (2, "Jane Smith"), "a save counts one and names the person acting");
    let added = store.appendix_add(item, "Plan", &Access::Public, "# Plan", at(2, 15)).unwrap();
    assert_eq!(added.revision, 3, "an appendix change counts too");
    let appendix = added.appendices[0].id;
    assert_eq!(store.appendix_update(appendix, "Plan B", &Access::Public, None, at(2, 16)).unwrap().revision, 4);
    assert_eq!(store.appendix_delete(appendix, at(2, 17)).unwrap().revision, 5);
    assert_eq!(store.report_detail(item).unwrap().revision, 5, "reading counts nothing");
}

#[test]
fn a_save_based_on_an_old_revision_is_refused_and_kept() {
    let (mut store, _, id) = store_with_meeting();
    let item = store.item_add(id, "Budget", ItemKind::Report, None, at(1, 9)).unwrap().items[3].id;
    let opened = store.report_detail(item).unwrap();
    // Jane, who opened it at revision 1, saves first.
    let mut theirs = opened.report.clone();
    theirs.summary = "Jane's summary.".into();
    let saved = crate::acting::acting_as("Jane Smith", || store.report_save_based(item, &theirs, Some(opened.revision), at(2, 14))).unwrap();
    assert_eq!(saved.revision, 2);
    // Tom opened it at revision 1 too; his save is refused, and kept.
    let mut mine = opened.report.clone();
    mine.summary = "Tom's summary.".into();
    let refused = crate::acting::acting_as("Tom Ng", || store.report_save_based(item, &mine, Some(opened.revision), at(2, 15)));
    let Err(StoreError::Outdated { kept, message }) = refused else { panic!("expected a conflict, got {refused:?}") };
    assert_eq!(
        message,
        "This report was changed by Jane Smith at 14:00 after you opened it; your version is kept below theirs."
    );
    let now = store.report_detail(item).unwrap();
    assert_eq!((now.revision, now.report.summary.as_str()), (2, "Jane's summary."), "theirs stands");
    let versions = store.report_kept_versions(item).unwrap();
    assert_eq!(versions.len(), 1, "one refused save is kept");
    let version = &versions[0];
    assert_eq!((version.id, version.base_revision, version.revision), (kept, 1, 2));
    assert_eq!((version.kept_by.as_str(), version.kept_at), ("Tom Ng", at(2, 15)), "who typed it and when");
    assert_eq!(version.report, mine, "every field as typed");
    // "Keep mine": saved again on their revision, it goes through.
    let kept_mine = store.report_save_based(item, &mine, Some(now.revision), at(2, 16)).unwrap();
    assert_eq!((kept_mine.revision, kept_mine.report.summary.as_str()), (3, "Tom's summary."));
    // The same fields as stored are no conflict; no base at all is today's save.
    assert!(store.report_save_based(item, &mine, Some(1), at(2, 17)).is_ok(), "the same text twice is no clash");
    // One change since by the same person (their appendix, saved beside the body) is no clash.
    let appendix = crate::acting::acting_as("Tom Ng", || store.appendix_add(item, "Plan", &Access::Public, "# Plan", at(2, 17))).unwrap();
    mine.summary = "Tom's second summary.".into();
    let own = crate::acting::acting_as("Tom Ng", || store.report_save_based(item, &mine, Some(appendix.revision - 1), at(2, 17)));
    assert_eq!(own.unwrap().report.summary, "Tom's second summary.", "one's own change in between is no conflict");
    theirs.summary = "Imported.".into();
    assert_eq!(store.report_save(item, &theirs, at(2, 18)).unwrap().report.summary, "Imported.", "a save without a base is written");
    assert_eq!(store.report_kept_versions(item).unwrap().len(), 1, "and keeps nothing");
}

#[test]
fn a_conflict_on_another_day_names_the_day() {
    let message = reports::outdated_message("", at(1, 14), at(2, 9));
    assert_eq!(message, "This report was changed by someone else at 14:00 on 1 March 2021 after you opened it; your version is kept below theirs.");
}
