//! The shape of the demo bundles: what other crates and the demo walkthrough rely on.

use agendapack_model::validate::check_bundle;
use agendapack_model::{AppendixContent, AttendanceKind, ItemKind, MeetingBundle, MemberRole, Nation};

fn demo() -> Vec<MeetingBundle> {
    agendapack_demo::try_bundles().unwrap_or_else(|e| panic!("the demo data must load: {e}"))
}

#[test]
fn bundles_are_seed_001_then_seed_002_and_both_validate() {
    let bundles = demo();
    assert_eq!(bundles.len(), 2, "the demo has seed 001's meeting and seed 002's supplement");
    for b in &bundles {
        let problems = check_bundle(b);
        assert!(problems.is_empty(), "{} must pass the model's checks: {problems:?}", b.committee.name);
    }
    assert_eq!(bundles[0].meeting.date().to_string(), "2020-12-02", "seed 001's meeting comes first");
    assert_eq!(bundles[1].meeting.date().to_string(), "2019-09-04", "seed 002's supplement comes second");
    assert_eq!(bundles, agendapack_demo::bundles(), "bundles() and try_bundles() hand out the same data");
}

#[test]
fn seed_001_council_committee_and_meeting() {
    let b = &demo()[0];
    assert_eq!(b.council.name, "London Borough of Barking and Dagenham", "the council as printed");
    assert_eq!(b.council.nation, Nation::England, "Barking and Dagenham is in England");
    assert_eq!((b.council.chief_executive_name.as_str(), b.council.chief_executive_title.as_str()), ("Claire Symonds", "Acting Chief Executive"), "the front sheet's signatory");
    assert!(b.council.fixed_pages.as_deref().is_some_and(|p| p.contains("ONE BOROUGH; ONE COMMUNITY; NO-ONE LEFT BEHIND")), "the vision page is the fixed page");
    let role = |r: MemberRole| b.committee.members.iter().filter(|m| m.role == r).map(|m| m.person.name.as_str()).collect::<Vec<_>>();
    assert_eq!(role(MemberRole::Chair), ["Cllr Jane Jones"], "one chair");
    assert_eq!(role(MemberRole::DeputyChair), ["Cllr Dorothy Akwaboah"], "one deputy chair");
    assert_eq!(role(MemberRole::Member).len(), 8, "eight further members");
    assert_eq!(role(MemberRole::ByInvitation).len(), 3, "three members by invitation");
    assert_eq!(b.meeting.starts_at.to_string(), "2020-12-02 19:00:00", "Wednesday 2 December 2020, 7:00 pm");
    assert_eq!(b.meeting.published_on.map(|d| d.to_string()).as_deref(), Some("2020-11-20"), "the date of publication");
    assert_eq!(b.meeting.contact_officer.email, "claudia.wakefield@lbbd.gov.uk", "the contact officer's email");
}

#[test]
fn seed_001_agenda_items_in_order() {
    let b = &demo()[0];
    let numbers: Vec<Option<u32>> = b.items.iter().map(|i| i.number).collect();
    let expected: Vec<Option<u32>> = (1..=9).map(Some).chain([None, Some(10)]).collect();
    assert_eq!(numbers, expected, "items 1 to 9, the unnumbered Private Business heading, then 10");
    let kinds: Vec<ItemKind> = b.items.iter().map(|i| i.kind).collect();
    assert_eq!(kinds[2], ItemKind::Minutes, "item 3 is the minutes");
    assert_eq!(&kinds[3..6], [ItemKind::Report; 3], "items 4 to 6 are reports");
    assert_eq!(kinds[6], ItemKind::WorkProgramme, "item 7 is the work programme");
    assert_eq!(kinds[9], ItemKind::PrivateBusinessHeading, "the Private Business heading before item 10");
    for item in &b.items[3..6] {
        let r = item.report.as_ref().unwrap_or_else(|| panic!("item {:?} must carry its report", item.number));
        assert!(!r.summary.is_empty() && !r.recommendations.is_empty(), "every cover sheet has a summary and recommendations");
        assert!(!r.appendices.is_empty(), "every report in seed 001 has appendices");
    }
}

#[test]
fn seed_001_item_5_carries_the_cabinet_report_and_the_whole_corporate_plan() {
    let b = &demo()[0];
    let Some(r) = b.items[4].report.as_ref() else { panic!("item 5 must carry its report") };
    let titles: Vec<&str> = r.appendices.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["Cabinet Report", "Reviewed Corporate Plan", "Single Performance Framework"], "the three appendices as listed on the cover");
    let text = |i: usize| match &r.appendices[i].content {
        AppendixContent::Markdown { text } => text.as_str(),
        AppendixContent::Pdf { .. } => "",
    };
    assert!(text(0).contains("| **CABINET** | **17 November 2020** |"), "the Cabinet report keeps its own cover sheet");
    assert!(text(0).contains("6.7 **Property / Asset Issues**"), "the Cabinet report runs to its last paragraph");
    assert!(text(1).starts_with("# The Barking & Dagenham Corporate Plan"), "the corporate plan starts at its title page");
    assert!(text(2).starts_with("# The Single Performance Framework"), "the framework starts at its title page");
    assert!(text(1).len() > 90_000 && text(2).len() > 150_000, "the corporate plan and performance framework are there in full");
    for i in 0..3 {
        assert!(!text(i).contains("Appendix 2\n") && !text(i).contains("## Appendix 3"), "running headings are page furniture");
        assert!(!text(i).contains("<p>") && !text(i).contains("<b>") && !text(i).contains('\t'), "no HTML or tab tables remain");
    }
}

#[test]
fn seed_001_previous_minutes() {
    let b = &demo()[0];
    let Some(prev) = &b.previous else { panic!("the minutes of 4 November 2020 are confirmed at this meeting") };
    assert_eq!(prev.meeting.date().to_string(), "2020-11-04", "the previous meeting's date");
    assert_eq!((prev.minutes.opened_at.to_string(), prev.minutes.closed_at.to_string()), ("19:01:00".into(), "21:19:00".into()), "(7:01 - 9:19 pm)");
    let numbers: Vec<u32> = prev.minutes.entries.iter().map(|e| e.number).collect();
    assert_eq!(numbers, [21, 22, 23, 24, 25], "minute numbers run on through the municipal year");
    let count = |k: AttendanceKind| prev.minutes.attendance.iter().filter(|a| a.kind == k).count();
    assert_eq!((count(AttendanceKind::Present), count(AttendanceKind::AlsoPresent)), (10, 4), "ten present, four also present");
    assert!(prev.minutes.entries[2].text.contains("\n- The Cabinet Member acknowledged"), "bullet lists are kept as Markdown lists");
}

#[test]
fn seed_001_work_programme() {
    let b = &demo()[0];
    assert_eq!(b.work_programme.len(), 19, "every row of the work programme, the merged 12 May row split in three");
    assert!(b.work_programme.iter().any(|e| e.meeting_label == "Extraordinary Meeting"), "the 26 January extraordinary meeting");
    assert!(b.work_programme.iter().filter(|e| e.provisional).all(|e| e.meeting_date.to_string().as_str() >= "2021-03-03"), "only the (TBC) meetings are provisional");
    assert_eq!(b.work_programme_heading.as_ref().map(|h| h.title.as_str()), Some("Overview and Scrutiny Committee: Work Programme 2020/21"), "the heading");
}

#[test]
fn seed_002_supplement_keeps_item_6() {
    let b = &demo()[1];
    assert_eq!(b.items.len(), 1, "the supplement names one item");
    let item = &b.items[0];
    assert_eq!(item.number, Some(6), "the urgent item keeps its agenda number");
    assert!(item.supplementary, "it belongs to the supplementary agenda");
    assert!(b.supplement_reason.contains("Section 100B (4) of the Local Government Act 1972"), "the urgency statement is carried");
    let appendix = item.report.as_ref().and_then(|r| r.appendices.first());
    let Some(AppendixContent::Markdown { text }) = appendix.map(|a| &a.content) else { panic!("the action plan is a Markdown appendix") };
    assert!(text.lines().filter(|l| l.starts_with("| ")).count() >= 14, "the action-plan table keeps its header and rows");
}
