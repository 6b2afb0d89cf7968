//! Minutes as a paper (seed 001 pages 3 - 7): "MINUTES OF <COMMITTEE>", the date and the time
//! span "(7:01 - 9:19 pm)", Present / Also Present / Apologies with roles, then each numbered
//! minute: the urgency reason and the exclusion of the press and public where they apply,
//! declarations of interest, the text, recorded votes, resolutions and actions. The same blocks
//! serve the previous meeting's minutes in a pack ([`minutes_paper`]) and the minutes printed
//! alone (`minutes_pdf`).
//!
//! A restricted minute keeps its number in the public edition (minute numbers run on through
//! the year, so a gap would look like an error) but shows only its access statement: none of
//! its heading, text, declarations, votes, resolutions or actions.
//!
//! Deliberately not here: confirming or signing minutes (that is the store's business).

use agendapack_doc::{Block, Document, Inline, List, ListItem, ListKind};
use agendapack_model::{AttendanceKind, Attendance, ExemptParagraph, MeetingBundle, MemberRole, MinuteEntry, Minutes, RecordedVote};
use chrono::NaiveDate;

use crate::plan::Edition;
use crate::text::{clock, heading, join_names, long_date, markdown, para, plain_date, time_span};

fn attendee(a: &Attendance) -> String {
    let mut name = match a.role {
        Some(MemberRole::Chair) => format!("{} (Chair)", a.person.name),
        Some(MemberRole::DeputyChair) => format!("{} (Deputy Chair)", a.person.name),
        _ => a.person.name.clone(),
    };
    let mut notes = Vec::new();
    if let Some(member) = &a.substitute_for {
        notes.push(format!("substituting for {member}"));
    }
    if a.remote {
        notes.push("attending virtually".to_string());
    }
    if let Some(t) = a.arrived_at {
        notes.push(format!("arrived {}", clock(t)));
    }
    if let Some(t) = a.left_at {
        notes.push(format!("left {}", clock(t)));
    }
    if !notes.is_empty() {
        name = format!("{name} ({})", notes.join(", "));
    }
    name
}

fn attendees(minutes: &Minutes, kind: AttendanceKind) -> Vec<String> {
    minutes.attendance.iter().filter(|a| a.kind == kind).map(attendee).collect()
}

/// "paragraph 3" / "paragraphs 1 and 3".
fn paragraphs(list: &[ExemptParagraph]) -> String {
    let numbers: Vec<String> = list.iter().map(|p| p.number().to_string()).collect();
    match numbers.len() {
        1 => format!("paragraph {}", numbers[0]),
        _ => format!("paragraphs {}", join_names(&numbers)),
    }
}

fn named(names: &[String]) -> String {
    if names.is_empty() { "none".into() } else { join_names(names) }
}

fn vote_line(v: &RecordedVote) -> Vec<Inline> {
    let outcome = if v.carried() { "The motion was carried." } else { "The motion was lost." };
    vec![
        Inline::bold("Recorded vote: "),
        Inline::plain(format!(
            "{} For ({}): {}. Against ({}): {}. Abstained ({}): {}. {outcome}",
            v.motion.trim_end_matches('.').to_string() + ".",
            v.in_favour.len(),
            named(&v.in_favour),
            v.against.len(),
            named(&v.against),
            v.abstained.len(),
            named(&v.abstained),
        )),
    ]
}

fn entry_blocks(entry: &MinuteEntry, warnings: &mut Vec<String>) -> Vec<Block> {
    let context = format!("minute {}", entry.number);
    let mut blocks = vec![heading(3, vec![Inline::plain(format!("{}. {}", entry.number, entry.heading))])];
    if !entry.urgency_reason.trim().is_empty() {
        blocks.push(para(vec![Inline::italic(format!(
            "The Chair agreed that this item be considered as a matter of urgency under section 100B(4)(b) of the Local Government Act 1972, for the following reason: {}",
            entry.urgency_reason.trim()
        ))]));
    }
    if !entry.exclusion.is_empty() {
        blocks.push(para(vec![Inline::plain(format!(
            "The press and public were excluded from the meeting for this item, as it involved the likely disclosure of exempt information under {} of Part 1 of Schedule 12A to the Local Government Act 1972.",
            paragraphs(&entry.exclusion)
        ))]));
    }
    for d in &entry.declarations {
        let what = if d.interest.trim().is_empty() { String::new() } else { format!(" ({})", d.interest.trim()) };
        let left = if d.left_room { " and left the room during its consideration" } else { "" };
        blocks.push(para(vec![Inline::plain(format!("{} declared {} in this item{what}{left}.", d.member, d.nature.words()))]));
    }
    blocks.extend(markdown(&entry.text, &context, warnings));
    for v in &entry.votes {
        blocks.push(para(vote_line(v)));
    }
    match entry.resolutions.as_slice() {
        [] => {}
        // One resolution reads as a sentence of the minute (seed 001's "The changes to the
        // Work Programme were agreed."); several are numbered so they can be cited.
        [one] => blocks.extend(markdown(one, &context, warnings)),
        many => blocks.push(Block::List(List {
            kind: ListKind::Ordered { start: 1 },
            items: many.iter().map(|r| ListItem { label: None, blocks: markdown(r, &context, warnings) }).collect(),
        })),
    }
    for a in &entry.actions {
        let due = a.due.map(|d| format!(", by {}", plain_date(d))).unwrap_or_default();
        let done = if a.done { " (done)" } else { "" };
        blocks.push(para(vec![Inline::bold("Action: "), Inline::plain(format!("{} ({}{due}){done}", a.text.trim(), a.owner.trim()))]));
    }
    blocks
}

/// The blocks of a meeting's minutes: heading, date and times, attendance, numbered minutes.
pub fn minutes_blocks(
    committee: &str,
    date: NaiveDate,
    minutes: &Minutes,
    edition: Edition,
    warnings: &mut Vec<String>,
) -> Vec<Block> {
    let mut blocks = vec![
        heading(1, vec![Inline::plain(format!("MINUTES OF {}", committee.to_uppercase()))]),
        para(vec![Inline::plain(long_date(date)), Inline::LineBreak, Inline::plain(time_span(minutes.opened_at, minutes.closed_at))]),
    ];
    for (label, kind) in [
        ("Present:", AttendanceKind::Present),
        ("Also Present:", AttendanceKind::AlsoPresent),
        ("Apologies:", AttendanceKind::Apologies),
    ] {
        let names = attendees(minutes, kind);
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
        let mut own = entry_blocks(entry, warnings);
        if let Some(statement) = statement {
            own.insert(1, para(vec![Inline::italic(format!("Not for publication. {statement}"))]));
        }
        blocks.extend(own);
    }
    blocks
}

/// The previous meeting's minutes paper, or None when the bundle has no previous meeting.
pub fn minutes_paper(bundle: &MeetingBundle, edition: Edition, warnings: &mut Vec<String>) -> Option<Document> {
    let previous = bundle.previous.as_ref()?;
    let blocks = minutes_blocks(&bundle.committee.name, previous.meeting.date(), &previous.minutes, edition, warnings);
    Some(Document { title: format!("Minutes of {}", bundle.committee.name), blocks, footnotes: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{block_texts as lines, small_bundle};
    use agendapack_model::{Access, Declaration, InterestNature, MinuteAction};

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
        let entry = &mut previous.minutes.entries[1];
        entry.heading = "ZQXJ negotiations".into();
        entry.text = "ZQXJ text".into();
        entry.resolutions = vec!["ZQXJ resolved".into(), "ZQXJ again".into()];
        entry.votes.push(RecordedVote { motion: "ZQXJ motion".into(), in_favour: vec!["ZQXJ voter".into()], against: vec![], abstained: vec![] });
        entry.actions.push(MinuteAction { text: "ZQXJ action".into(), owner: "ZQXJ owner".into(), due: None, done: false });
        entry.declarations.push(Declaration { member: "ZQXJ member".into(), nature: InterestNature::OtherRegistrable, interest: String::new(), left_room: false });
        entry.access = Access::Exempt { paragraphs: vec![ExemptParagraph::new(4).expect("exists")], public_title: None };
        let public = minutes_paper(&bundle, Edition::Public, &mut Vec::new()).expect("minutes");
        assert!(!format!("{:?}", public.blocks).contains("ZQXJ"), "nothing of the exempt minute reaches the public edition");
        assert!(lines(&public).contains(&"22. Private business".to_string()), "its number stays");
        let full = minutes_paper(&bundle, Edition::Full, &mut Vec::new()).expect("minutes");
        // Resolutions are a numbered list, below the top level that `lines` reads.
        let text = format!("{}\n{:?}", lines(&full).join("\n"), full.blocks);
        for part in ["22. ZQXJ negotiations", "ZQXJ motion", "ZQXJ action", "ZQXJ member", "ZQXJ again"] {
            assert!(text.contains(part), "the full edition has {part}: {text}");
        }
    }

    #[test]
    fn structured_parts_are_printed_in_the_minute() {
        let mut bundle = small_bundle();
        let minutes = &mut bundle.previous.as_mut().expect("previous").minutes;
        minutes.attendance[1].remote = true;
        minutes.attendance[1].substitute_for = Some("Cllr Phil Waker".into());
        let entry = &mut minutes.entries[1];
        entry.declarations.push(Declaration {
            member: "Cllr Jane Jones".into(),
            nature: InterestNature::DisclosablePecuniary,
            interest: "as a landlord in the borough".into(),
            left_room: true,
        });
        entry.votes.push(RecordedVote {
            motion: "That the report be noted".into(),
            in_favour: vec!["Cllr A".into(), "Cllr B".into()],
            against: vec!["Cllr C".into()],
            abstained: vec![],
        });
        entry.resolutions = vec!["To note the report.".into(), "To ask for an update in March.".into()];
        entry.urgency_reason = "the decision could not wait".into();
        entry.exclusion = vec![ExemptParagraph::new(3).expect("exists")];
        let doc = minutes_paper(&bundle, Edition::Full, &mut Vec::new()).expect("minutes");
        let text = format!("{}\n{:?}", lines(&doc).join("\n"), doc.blocks);
        for want in [
            "Present: Cllr Jane Jones (Chair) and Cllr Toni Bankole (substituting for Cllr Phil Waker, attending virtually)",
            "Cllr Jane Jones declared a disclosable pecuniary interest in this item (as a landlord in the borough) and left the room during its consideration.",
            "Recorded vote: That the report be noted. For (2): Cllr A and Cllr B. Against (1): Cllr C. Abstained (0): none. The motion was carried.",
            "section 100B(4)(b) of the Local Government Act 1972, for the following reason: the decision could not wait",
            "under paragraph 3 of Part 1 of Schedule 12A",
            "To ask for an update in March.",
        ] {
            assert!(text.contains(want), "the minute must print {want:?}:\n{text}");
        }
    }
}
