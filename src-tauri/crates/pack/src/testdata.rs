//! Small meetings for the unit tests: enough of seed 001's shape (standard items, minutes, a
//! report with appendices, a work programme, private business) to exercise every rule, small
//! enough to read. The demo crate has the full seed; these do not depend on it.

use agendapack_doc::{plain_text, Block, Document};
use agendapack_model::*;
use chrono::{NaiveDate, NaiveTime};

/// The text of a generated document's top-level paragraphs and headings, one per entry, for
/// tests that read a document the way its reader would.
pub fn block_texts(doc: &Document) -> Vec<String> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(plain_text(&p.content)),
            Block::Heading(h) => Some(plain_text(&h.content)),
            _ => None,
        })
        .collect()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("test dates are valid")
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("test times are valid")
}

fn item(number: Option<u32>, title: &str, kind: ItemKind) -> AgendaItem {
    AgendaItem {
        number,
        title: title.into(),
        kind,
        description: String::new(),
        access: Access::Public,
        supplementary: false,
        report: None,
    }
}

fn member(name: &str, role: MemberRole) -> Membership {
    Membership { person: Person::named(name), role, from: date(2020, 5, 20), until: None }
}

pub fn report(title: &str, body: &str, appendices: Vec<Appendix>) -> Report {
    Report {
        addressed_to: None,
        cover_date: None,
        title: title.into(),
        report_of: "Report of the Director of My Place".into(),
        decision: DecisionType::ForInformation,
        wards_affected: "All".into(),
        key_decision: false,
        authors: vec![Person {
            name: "Lisa Keating".into(),
            job_title: "Director My Place".into(),
            phone: "020 8227 3369".into(),
            email: "lisa.keating@lbbd.gov.uk".into(),
        }],
        accountable_director: "Lisa Keating – Director My Place".into(),
        summary: "The review made 10 recommendations.".into(),
        recommendations: "The Committee is recommended to note this report.".into(),
        reasons: String::new(),
        body: body.into(),
        background_papers: "None.".into(),
        status: ReportStatus::Published,
        appendices,
        pictures: Vec::new(),
        signoffs: Vec::new(),
    }
}

pub fn markdown_appendix(title: &str, text: &str) -> Appendix {
    Appendix { title: title.into(), access: Access::Public, content: AppendixContent::Markdown { text: text.into() } }
}

pub fn small_bundle() -> MeetingBundle {
    let mut declarations = item(Some(2), "Declaration of Members' Interests", ItemKind::StandardText);
    declarations.description = StandingTexts::default().declaration_of_interests;
    let mut report_item = item(Some(4), "Progress update on Street Cleansing", ItemKind::Report);
    report_item.report = Some(report(
        "Progress update on Street Cleansing",
        "## 1. Introduction\n\n1.1 The review made ten recommendations.",
        vec![markdown_appendix("Action plan", "The action plan."), markdown_appendix("Survey", "The survey results.")],
    ));
    let previous_meeting = Meeting {
        starts_at: date(2020, 11, 4).and_time(time(19, 0)),
        ends_at: None,
        venue: Venue::Virtual,
        status: MeetingStatus::Held,
        contact_officer: Person::named("Claudia Wakefield"),
        published_on: Some(date(2020, 10, 23)),
        notices: Vec::new(),
    };
    MeetingBundle {
        council: Council {
            name: "London Borough of Barking and Dagenham".into(),
            nation: Nation::England,
            chief_executive_name: "Claire Symonds".into(),
            chief_executive_title: "Acting Chief Executive".into(),
            logo: None,
            standing_texts: StandingTexts::default(),
            fixed_pages: None,
            deadline_settings: Default::default(),
        },
        committee: Committee {
            name: "Overview and Scrutiny Committee".into(),
            members: vec![
                member("Cllr Jane Jones", MemberRole::Chair),
                member("Cllr Dorothy Akwaboah", MemberRole::DeputyChair),
                member("Cllr Toni Bankole", MemberRole::Member),
                member("Cllr Phil Waker", MemberRole::Member),
                member("Cllr Dominic Twomey", MemberRole::ByInvitation),
                Membership {
                    until: Some(date(2020, 6, 1)),
                    ..member("Cllr Former Member", MemberRole::Member)
                },
            ],
            standing_texts: Default::default(),
        },
        meeting: Meeting {
            starts_at: date(2020, 12, 2).and_time(time(19, 0)),
            ends_at: None,
            venue: Venue::Virtual,
            status: MeetingStatus::Scheduled,
            contact_officer: Person {
                name: "Claudia Wakefield".into(),
                job_title: String::new(),
                phone: "020 8227 5276".into(),
                email: "claudia.wakefield@lbbd.gov.uk".into(),
            },
            published_on: Some(date(2020, 11, 20)),
            notices: vec![StandingTexts::default().webcast_notice],
        },
        items: vec![
            item(Some(1), "Apologies for Absence", ItemKind::StandardText),
            declarations,
            item(Some(3), "Minutes", ItemKind::Minutes),
            report_item,
            item(Some(5), "Work Programme", ItemKind::WorkProgramme),
            item(Some(6), "Any other public items which the Chair decides are urgent", ItemKind::UrgentBusiness),
            item(Some(7), "Exclusion of the public and press", ItemKind::ExclusionResolution),
            item(None, "Private Business", ItemKind::PrivateBusinessHeading),
            item(Some(8), "Any confidential or exempt items which the Chair decides are urgent", ItemKind::UrgentBusiness),
        ],
        previous: Some(PreviousMeeting {
            meeting: previous_meeting,
            minutes: Minutes {
                opened_at: time(19, 1),
                closed_at: time(21, 19),
                status: MinutesStatus::PublishedDraft,
                confirmation: None,
                signed_on: None,
                attendance: vec![
                    Attendance::new(Person::named("Cllr Jane Jones"), AttendanceKind::Present, Some(MemberRole::Chair)),
                    Attendance::new(Person::named("Cllr Toni Bankole"), AttendanceKind::Present, None),
                    Attendance::new(Person::named("Cllr Saima Ashraf"), AttendanceKind::AlsoPresent, None),
                    Attendance::new(Person::named("Cllr Phil Waker"), AttendanceKind::Apologies, None),
                ],
                entries: vec![
                    MinuteEntry::new(21, "Declaration of Members' Interests", "There were no declarations of interests.", Access::Public),
                    MinuteEntry::new(22, "Minutes - 7 October 2020", "The minutes were agreed.", Access::Public),
                ],
            },
        }),
        minutes: None,
        work_programme: vec![
            WorkProgrammeEntry {
                meeting_date: date(2021, 1, 6),
                meeting_label: String::new(),
                provisional: false,
                title: "General progress update".into(),
                officers: "Hilary Morris".into(),
                presenter: "Cllr Twomey".into(),
                clearance_deadline: "10 December".into(),
                final_report_deadline: "10am, Friday 18 December".into(),
            },
            WorkProgrammeEntry {
                meeting_date: date(2021, 1, 6),
                meeting_label: String::new(),
                provisional: false,
                title: "Work Programme".into(),
                officers: "Masuma Ahmed".into(),
                presenter: String::new(),
                clearance_deadline: "10 December".into(),
                final_report_deadline: "10am, Friday 18 December".into(),
            },
            WorkProgrammeEntry {
                meeting_date: date(2021, 3, 3),
                meeting_label: String::new(),
                provisional: true,
                title: "Impact of change to eligibility threshold".into(),
                officers: "Kristian Melgaard".into(),
                presenter: "Cllr Geddes".into(),
                clearance_deadline: "11 February".into(),
                final_report_deadline: "10am, Friday 19 February".into(),
            },
        ],
        work_programme_heading: Some(WorkProgrammeHeading {
            title: "Overview and Scrutiny Committee: Work Programme 2020/21".into(),
            note: "Officers must ensure reports are cleared by the relevant internal board.".into(),
        }),
        supplement_reason: "The following report is attached for consideration and is submitted with the agreement of the Chairman as an urgent matter pursuant to Section 100B (4) of the Local Government Act 1972".into(),
    }
}

/// `small_bundle` with an exempt report (marker in its title, body and appendix, with a public
/// title) placed after the Private Business heading.
pub fn bundle_with_exempt_item(marker: &str) -> MeetingBundle {
    let mut bundle = small_bundle();
    let access = Access::Exempt {
        paragraphs: vec![ExemptParagraph::new(3).expect("paragraph 3 exists")],
        public_title: Some("Disposal of a council property".into()),
    };
    let mut exempt = item(Some(9), &format!("Sale of {marker} House"), ItemKind::Report);
    exempt.access = access;
    exempt.description = format!("The sale of {marker} House.");
    exempt.report = Some(report(
        &format!("Sale of {marker} House"),
        &format!("1.1 The buyer of {marker} House has offered a price."),
        vec![markdown_appendix(&format!("Valuation of {marker}"), &format!("The valuation of {marker}."))],
    ));
    bundle.items.insert(8, exempt);
    bundle
}
