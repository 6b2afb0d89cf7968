//! The notice of meeting (the pack's front sheet, seed 001 page 1) and the supplementary
//! agenda's front sheet (seed 002), as document trees.
//!
//! The notice is built from the meeting, the committee's memberships held on the meeting date
//! and the council's officers; it carries no page ranges, so it is laid out once. The
//! supplement's sheet lists items with page ranges and is laid out in the pagination fixpoint
//! like the agenda (see `agenda::entries_blocks`).
//!
//! Deliberately not here: anything an exempt item could contribute (the notice lists no items).

use agendapack_doc::{Align, Block, Document, Image, ImageData, Inline, LinkTarget, Text, TextStyle};
use agendapack_model::{MeetingBundle, MemberRole, Venue};

use crate::agenda::{entries_blocks, PageRanges};
use crate::plan::PackPlan;
use crate::text::{clock, heading_centered, join_names, long_date, markdown, para, para_aligned};

/// "Wednesday, 2 December 2020 - 7:00 pm".
pub fn when(bundle: &MeetingBundle) -> String {
    format!("{} - {}", long_date(bundle.meeting.date()), clock(bundle.meeting.starts_at.time()))
}

fn venue(bundle: &MeetingBundle) -> String {
    match &bundle.meeting.venue {
        Venue::Virtual => "Meeting to be held virtually".into(),
        Venue::Place { name } => format!("Venue: {name}"),
    }
}

/// The council's logo, or its name when it has none.
fn masthead(bundle: &MeetingBundle) -> Block {
    match &bundle.council.logo {
        Some(bytes) => Block::Image(Image {
            data: ImageData::Encoded(bytes.clone()),
            alt: bundle.council.name.clone(),
            decorative: false,
            max_width: 0.35,
        }),
        None => para_aligned(vec![Inline::bold(bundle.council.name.clone())], Align::Center, 1.0),
    }
}

/// Names of the members in `roles` holding their seat on the meeting date, with "(Chair)" and
/// "(Deputy Chair)" after the chair and deputy, in that order, then the others as stored.
fn members(bundle: &MeetingBundle, roles: &[MemberRole]) -> Vec<String> {
    let date = bundle.meeting.date();
    let mut seats: Vec<_> =
        bundle.committee.members.iter().filter(|m| roles.contains(&m.role) && m.holds_on(date)).collect();
    seats.sort_by_key(|m| match m.role {
        MemberRole::Chair => 0,
        MemberRole::DeputyChair => 1,
        _ => 2,
    });
    seats
        .iter()
        .map(|m| match m.role {
            MemberRole::Chair => format!("{} (Chair)", m.person.name),
            MemberRole::DeputyChair => format!("{} (Deputy Chair)", m.person.name),
            _ => m.person.name.clone(),
        })
        .collect()
}

/// Seed 001 separates chair and deputy with semicolons and the rest with commas and "and".
fn members_line(names: &[String]) -> String {
    let leaders = names.iter().take_while(|n| n.ends_with("Chair)")).count();
    let mut parts: Vec<String> = names[..leaders].to_vec();
    if leaders < names.len() {
        parts.push(join_names(&names[leaders..]));
    }
    parts.join("; ")
}

fn labelled(label: &str, value: String) -> Block {
    para(vec![Inline::bold(format!("{label} ")), Inline::plain(value)])
}

fn link(text: &str, url: String) -> Inline {
    Inline::Text(Text { text: text.into(), style: TextStyle::default(), link: Some(LinkTarget::External(url)) })
}

fn contact_officer(bundle: &MeetingBundle) -> Vec<Block> {
    let officer = &bundle.meeting.contact_officer;
    let mut lines = vec![Inline::plain(format!("Contact Officer: {}", officer.name))];
    if !officer.phone.is_empty() {
        lines.extend([Inline::LineBreak, Inline::plain(format!("Tel. {}", officer.phone))]);
    }
    if !officer.email.is_empty() {
        lines.extend([
            Inline::LineBreak,
            Inline::plain("E-mail: "),
            link(&officer.email, format!("mailto:{}", officer.email)),
        ]);
    }
    vec![para(lines)]
}

/// The notice of meeting.
pub fn notice(bundle: &MeetingBundle, warnings: &mut Vec<String>) -> Document {
    let committee = bundle.committee.name.to_uppercase();
    let mut blocks = vec![
        masthead(bundle),
        Block::Space(6.0),
        heading_centered(1, vec![Inline::plain("Notice of Meeting")]),
        heading_centered(2, vec![Inline::plain(committee.clone())]),
        para_aligned(
            vec![Inline::bold(when(bundle)), Inline::LineBreak, Inline::bold(venue(bundle))],
            Align::Center,
            1.1,
        ),
        Block::Space(6.0),
    ];
    let members_names = members(bundle, &[MemberRole::Chair, MemberRole::DeputyChair, MemberRole::Member]);
    if !members_names.is_empty() {
        blocks.push(labelled("Members:", members_line(&members_names)));
    }
    let substitutes = members(bundle, &[MemberRole::Substitute]);
    if !substitutes.is_empty() {
        blocks.push(labelled("Substitute Members:", join_names(&substitutes)));
    }
    let invited = members(bundle, &[MemberRole::ByInvitation]);
    if !invited.is_empty() {
        blocks.push(labelled("By Invitation:", join_names(&invited)));
    }
    if let Some(published) = bundle.meeting.published_on {
        blocks.push(para(vec![Inline::plain(format!("Date of publication: {}", crate::text::plain_date(published)))]));
    }
    let council = &bundle.council;
    blocks.push(para(vec![
        Inline::plain(council.chief_executive_name.clone()),
        Inline::LineBreak,
        Inline::plain(council.chief_executive_title.clone()),
    ]));
    blocks.extend(contact_officer(bundle));
    if !bundle.meeting.notices.is_empty() {
        blocks.push(Block::Rule);
        for notice in &bundle.meeting.notices {
            blocks.extend(markdown(&crate::standing::fill(notice, bundle), "notice of meeting", warnings));
        }
    }
    Document { title: format!("Notice of Meeting: {}", bundle.committee.name), blocks, footnotes: Vec::new() }
}

/// The supplementary agenda's front sheet: committee, date and time, the reason the items are
/// late, the items with their original numbers and page ranges, and the contact officer.
pub fn supplement_sheet(bundle: &MeetingBundle, plan: &PackPlan, ranges: &PageRanges, warnings: &mut Vec<String>) -> Document {
    let committee = bundle.committee.name.to_uppercase();
    let mut blocks = vec![
        masthead(bundle),
        Block::Space(6.0),
        heading_centered(1, vec![Inline::plain(format!("{committee} SUPPLEMENTARY AGENDA"))]),
        para_aligned(
            vec![Inline::bold(when(bundle)), Inline::LineBreak, Inline::bold(venue(bundle))],
            Align::Center,
            1.1,
        ),
        Block::Space(6.0),
    ];
    if !bundle.supplement_reason.trim().is_empty() {
        blocks.extend(markdown(&bundle.supplement_reason, "supplement reason", warnings));
    }
    blocks.extend(entries_blocks(bundle, plan, ranges, warnings));
    blocks.push(Block::Space(12.0));
    // A supplement is signed by the officer who publishes it (seed 002: "Andrew Beesley, Head
    // of Democratic Services"), so the contact officer's name and title stand as signature.
    let officer = &bundle.meeting.contact_officer;
    if !officer.job_title.is_empty() {
        blocks.push(para(vec![
            Inline::bold(officer.name.clone()),
            Inline::LineBreak,
            Inline::bold(officer.job_title.clone()),
        ]));
    }
    blocks.extend(contact_officer(bundle));
    Document { title: format!("Supplementary agenda: {}", bundle.committee.name), blocks, footnotes: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{block_texts as texts, small_bundle};

    #[test]
    fn notice_reads_like_seed_001() {
        let mut warnings = Vec::new();
        let doc = notice(&small_bundle(), &mut warnings);
        let lines = texts(&doc);
        let has = |needle: &str| lines.iter().any(|l| l.contains(needle));
        assert!(has("OVERVIEW AND SCRUTINY COMMITTEE"), "committee in capitals: {lines:?}");
        assert!(has("Wednesday, 2 December 2020 - 7:00 pm"), "weekday, date and time: {lines:?}");
        assert!(has("Meeting to be held virtually"), "virtual venue: {lines:?}");
        assert!(
            has("Members: Cllr Jane Jones (Chair); Cllr Dorothy Akwaboah (Deputy Chair); Cllr Toni Bankole and Cllr Phil Waker"),
            "members with roles, chair first: {lines:?}"
        );
        assert!(!has("Former Member"), "a seat that ended before the meeting is not listed");
        assert!(has("By Invitation: Cllr Dominic Twomey"), "invited members: {lines:?}");
        assert!(has("Date of publication: 20 November 2020"), "publication date: {lines:?}");
        assert!(has("Claire Symonds Acting Chief Executive"), "chief executive: {lines:?}");
        assert!(has("Tel. 020 8227 5276"), "contact telephone: {lines:?}");
        assert!(has("E-mail: claudia.wakefield@lbbd.gov.uk"), "contact email: {lines:?}");
        assert!(warnings.is_empty(), "the standing webcast notice parses cleanly: {warnings:?}");
    }
}
