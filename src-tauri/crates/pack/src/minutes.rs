//! The previous meeting's minutes as a paper (seed 001 pages 3 - 7): "MINUTES OF <COMMITTEE>",
//! the date and the time span "(7:01 - 9:19 pm)", Present / Also Present / Apologies with roles,
//! then each numbered minute with its heading and text.
//!
//! A restricted minute keeps its number in the public edition (minute numbers run on through
//! the year, so a gap would look like an error) but shows only its access statement.
//!
//! Deliberately not here: confirming or signing minutes (that is the store's business).

use agendapack_doc::{Document, Inline};
use agendapack_model::{AttendanceKind, MeetingBundle, MemberRole, PreviousMeeting};

use crate::plan::Edition;
use crate::text::{heading, join_names, long_date, markdown, para, time_span};

fn attendees(previous: &PreviousMeeting, kind: AttendanceKind) -> Vec<String> {
    previous
        .minutes
        .attendance
        .iter()
        .filter(|a| a.kind == kind)
        .map(|a| match a.role {
            Some(MemberRole::Chair) => format!("{} (Chair)", a.person.name),
            Some(MemberRole::DeputyChair) => format!("{} (Deputy Chair)", a.person.name),
            _ => a.person.name.clone(),
        })
        .collect()
}

/// The minutes paper, or None when the bundle has no previous meeting.
pub fn minutes_paper(bundle: &MeetingBundle, edition: Edition, warnings: &mut Vec<String>) -> Option<Document> {
    let previous = bundle.previous.as_ref()?;
    let minutes = &previous.minutes;
    let mut blocks = vec![
        heading(1, vec![Inline::plain(format!("MINUTES OF {}", bundle.committee.name.to_uppercase()))]),
        para(vec![
            Inline::plain(long_date(previous.meeting.date())),
            Inline::LineBreak,
            Inline::plain(time_span(minutes.opened_at, minutes.closed_at)),
        ]),
    ];
    for (label, kind) in [
        ("Present:", AttendanceKind::Present),
        ("Also Present:", AttendanceKind::AlsoPresent),
        ("Apologies:", AttendanceKind::Apologies),
    ] {
        let names = attendees(previous, kind);
        if !names.is_empty() {
            blocks.push(para(vec![Inline::bold(format!("{label} ")), Inline::plain(join_names(&names))]));
        }
    }
    for entry in &minutes.entries {
        let statement = entry.access.statement();
        if statement.is_some() && edition == Edition::Public {
            blocks.push(heading(3, vec![Inline::plain(format!("{}. Private business", entry.number))]));
            blocks.push(para(vec![Inline::italic(statement.unwrap_or_default())]));
            continue;
        }
        blocks.push(heading(3, vec![Inline::plain(format!("{}. {}", entry.number, entry.heading))]));
        if let Some(statement) = statement {
            blocks.push(para(vec![Inline::italic(format!("Not for publication. {statement}"))]));
        }
        blocks.extend(markdown(&entry.text, &format!("minute {}", entry.number), warnings));
    }
    Some(Document { title: format!("Minutes of {}", bundle.committee.name), blocks, footnotes: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{block_texts as lines, small_bundle};
    use agendapack_model::{Access, ExemptParagraph};

    #[test]
    fn minutes_read_like_seed_001() {
        let doc = minutes_paper(&small_bundle(), Edition::Public, &mut Vec::new()).expect("there is a previous meeting");
        let lines = lines(&doc);
        assert_eq!(lines[0], "MINUTES OF OVERVIEW AND SCRUTINY COMMITTEE", "the paper's heading");
        assert_eq!(lines[1], "Wednesday, 4 November 2020 (7:01 - 9:19 pm)", "date and time span");
        assert_eq!(lines[2], "Present: Cllr Jane Jones (Chair) and Cllr Toni Bankole", "present with role");
        assert_eq!(lines[3], "Also Present: Cllr Saima Ashraf");
        assert_eq!(lines[4], "Apologies: Cllr Phil Waker");
        assert_eq!(lines[5], "21. Declaration of Members' Interests", "numbered minute heading");
    }

    #[test]
    fn restricted_minute_keeps_only_its_number_in_public() {
        let mut bundle = small_bundle();
        let previous = bundle.previous.as_mut().expect("there is a previous meeting");
        previous.minutes.entries[1].heading = "ZQXJ negotiations".into();
        previous.minutes.entries[1].access =
            Access::Exempt { paragraphs: vec![ExemptParagraph::new(4).expect("exists")], public_title: None };
        let public = minutes_paper(&bundle, Edition::Public, &mut Vec::new()).expect("minutes");
        assert!(!format!("{:?}", public.blocks).contains("ZQXJ"), "the exempt minute's heading stays out");
        assert!(lines(&public).contains(&"22. Private business".to_string()), "its number stays");
        let full = minutes_paper(&bundle, Edition::Full, &mut Vec::new()).expect("minutes");
        assert!(lines(&full).contains(&"22. ZQXJ negotiations".to_string()), "the full edition has it");
    }
}
