//! Bundles built in test code for the store's tests: one rich meeting that uses every part of
//! the model (exempt items, Welsh paragraphs, a PDF appendix, minutes, a work programme).
#![allow(dead_code)]

use agendapack_model::*;
use chrono::{NaiveDate, NaiveTime};

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("test dates are real")
}

pub fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("test times are real")
}

pub fn paragraphs(numbers: &[u8]) -> Vec<ExemptParagraph> {
    numbers.iter().map(|n| ExemptParagraph::new(*n).expect("test paragraphs exist")).collect()
}

/// A tiny but well-formed PDF: enough for the store, which checks only the signature and hash.
pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

pub fn officer(name: &str, title: &str) -> Person {
    Person {
        name: name.into(),
        job_title: title.into(),
        phone: "020 8227 2468".into(),
        email: format!("{}@lbbd.gov.uk", name.to_lowercase().replace(' ', ".")),
    }
}

pub fn pdf_appendix(title: &str, bytes: &[u8], access: Access) -> Appendix {
    Appendix {
        title: title.into(),
        access,
        content: AppendixContent::Pdf {
            file_name: "appendix.pdf".into(),
            sha256: agendapack_store::sha256_hex(bytes),
            bytes: bytes.to_vec(),
        },
    }
}

pub fn report(title: &str, appendices: Vec<Appendix>) -> Report {
    Report {
        addressed_to: None,
        cover_date: None,
        title: title.into(),
        report_of: "Report of the Director of My Place".into(),
        decision: DecisionType::ForDecision,
        wards_affected: "All".into(),
        key_decision: true,
        authors: vec![officer("Claudia Wakefield", "Head of Service"), officer("Ade Ola", "Finance Manager")],
        accountable_director: "Lisa Keating – Director My Place".into(),
        summary: "A *summary* with Welsh: Cyngor Sir Ynys Môn.".into(),
        recommendations: "The Committee is recommended to:\n\n1. note the report.".into(),
        reasons: "To keep the work on track.".into(),
        body: "## 1 Introduction\n\n1.1 Text — with “quotes” and £ signs.".into(),
        background_papers: "None".into(),
        status: ReportStatus::Published,
        appendices,
        pictures: Vec::new(),
        signoffs: Vec::new(),
    }
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

pub fn minutes(first_number: u32) -> Minutes {
    Minutes {
        opened_at: time(19, 1),
        closed_at: time(21, 19),
        status: MinutesStatus::PublishedDraft,
        confirmation: None,
        signed_on: None,
        attendance: vec![
            Attendance::new(Person::named("Cllr Jane Jones"), AttendanceKind::Present, Some(MemberRole::Chair)),
            Attendance::new(Person::named("Cllr Peter Chand"), AttendanceKind::Apologies, None),
            Attendance::new(officer("Claudia Wakefield", "Senior Governance Officer"), AttendanceKind::AlsoPresent, None),
        ],
        entries: vec![
            MinuteEntry::new(first_number, "Apologies for Absence", "Noted.", Access::Public),
            MinuteEntry::new(
                first_number + 1,
                "Staffing",
                "Resolved:\n\n- to agree.",
                Access::Exempt { paragraphs: paragraphs(&[1]), public_title: Some("Staffing matter".into()) },
            ),
        ],
    }
}

/// A meeting that uses every part of the model.
pub fn rich_bundle() -> MeetingBundle {
    let contact = officer("Claudia Wakefield", "Senior Governance Officer");
    let mut apologies = item(Some(1), "Apologies for Absence", ItemKind::StandardText);
    apologies.description = "Declarations *sentence*.".into();
    let mut minutes_item = item(Some(3), "Minutes - To confirm as correct the minutes of the meeting held on 4 November 2020", ItemKind::Minutes);
    minutes_item.description = String::new();
    let mut open_report = item(Some(4), "Budget Monitoring", ItemKind::Report);
    open_report.report = Some(report(
        "Budget Monitoring 2020/21",
        vec![
            Appendix { title: "Action plan".into(), access: Access::Public, content: AppendixContent::Markdown { text: "| a | b |\n|---|---|\n| 1 | 2 |".into() } },
            pdf_appendix("Scanned letter", PDF, Access::Public),
            pdf_appendix("Legal advice", PDF, Access::Confidential { public_title: None }),
        ],
    ));
    let mut welsh = item(Some(5), "Land at Ty Coch", ItemKind::Report);
    welsh.access = Access::Exempt { paragraphs: paragraphs(&[12, 14, 18]), public_title: Some("Disposal of land".into()) };
    let mut welsh_report = report("Land at Ty Coch", vec![]);
    welsh_report.addressed_to = Some("CABINET".into());
    welsh_report.cover_date = Some(date(2020, 11, 17));
    welsh_report.key_decision = false;
    welsh_report.decision = DecisionType::ForInformation;
    welsh.report = Some(welsh_report);
    let mut urgent = item(Some(6), "Urgent item", ItemKind::UrgentBusiness);
    urgent.supplementary = true;
    let heading = item(None, "Private Business", ItemKind::PrivateBusinessHeading);
    let mut exempt = item(Some(8), "Staffing restructure", ItemKind::StandardText);
    exempt.access = Access::Exempt { paragraphs: paragraphs(&[1, 3]), public_title: None };
    MeetingBundle {
        council: Council {
            name: "London Borough of Barking and Dagenham".into(),
            nation: Nation::England,
            chief_executive_name: "Claire Symonds".into(),
            chief_executive_title: "Acting Chief Executive".into(),
            logo: Some(vec![0x89, b'P', b'N', b'G', 0, 1, 2]),
            standing_texts: StandingTexts { no_private_business: "Nothing private.".into(), ..StandingTexts::default() },
            fixed_pages: Some("# Our vision\n\nOne borough.".into()),
            deadline_settings: Default::default(),
        },
        committee: Committee {
            name: "Overview and Scrutiny Committee".into(),
            members: vec![
                Membership { person: Person::named("Cllr Jane Jones"), role: MemberRole::Chair, from: date(2020, 5, 20), until: None },
                Membership { person: Person::named("Cllr Peter Chand"), role: MemberRole::DeputyChair, from: date(2020, 5, 20), until: Some(date(2021, 5, 19)) },
                Membership { person: Person::named("Cllr Phil Waker"), role: MemberRole::ByInvitation, from: date(2020, 5, 20), until: None },
            ],
            standing_texts: Default::default(),
        },
        meeting: Meeting {
            starts_at: date(2020, 12, 2).and_time(time(19, 0)),
            ends_at: Some(time(21, 0)),
            venue: Venue::Virtual,
            status: MeetingStatus::Scheduled,
            contact_officer: contact.clone(),
            published_on: Some(date(2020, 11, 24)),
            notices: vec!["Webcast notice.".into(), "Recording notice.".into()],
        },
        items: vec![apologies, minutes_item, open_report, welsh, urgent, heading, exempt],
        previous: Some(PreviousMeeting {
            meeting: Meeting {
                starts_at: date(2020, 11, 4).and_time(time(19, 0)),
                ends_at: None,
                venue: Venue::Place { name: "Council Chamber, Town Hall, Barking".into() },
                status: MeetingStatus::Held,
                contact_officer: contact,
                published_on: None,
                notices: vec![],
            },
            minutes: minutes(21),
        }),
        minutes: Some(minutes(26)),
        work_programme: vec![
            WorkProgrammeEntry {
                meeting_date: date(2020, 12, 2),
                meeting_label: String::new(),
                provisional: false,
                title: "Budget".into(),
                officers: "Ade Ola".into(),
                presenter: "Cllr Twomey".into(),
                clearance_deadline: "10 November".into(),
                final_report_deadline: "19 November".into(),
            },
            WorkProgrammeEntry {
                meeting_date: date(2021, 1, 13),
                meeting_label: "Extraordinary Meeting".into(),
                provisional: true,
                title: "- Housing\n- Schools".into(),
                officers: String::new(),
                presenter: String::new(),
                clearance_deadline: String::new(),
                final_report_deadline: String::new(),
            },
        ],
        work_programme_heading: Some(WorkProgrammeHeading {
            title: "Overview and Scrutiny Committee: Work Programme 2020/21".into(),
            note: "Chair: Cllr Jones".into(),
        }),
        supplement_reason: "Urgent under s100B(4).".into(),
    }
}

/// The smallest valid meeting of a committee.
pub fn small_bundle(committee: &str, y: i32, m: u32, d: u32) -> MeetingBundle {
    let mut b = rich_bundle();
    b.committee = Committee { name: committee.into(), members: vec![], standing_texts: Default::default() };
    b.meeting.starts_at = date(y, m, d).and_time(time(10, 0));
    b.items = vec![item(Some(1), "Apologies for Absence", ItemKind::StandardText)];
    b.previous = None;
    b.minutes = None;
    b.work_programme = vec![];
    b.work_programme_heading = None;
    b.supplement_reason = String::new();
    b
}
