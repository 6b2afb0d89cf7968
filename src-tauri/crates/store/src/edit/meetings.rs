//! Creating and changing meetings. A new meeting gets the standard agenda of an English
//! committee (seed 001's order), numbered, with the council's standing texts.
//!
//! Deliberately not here: the agenda's later editing (see [`super::agenda`]) and deadlines.

use agendapack_model::{AgendaItem, ItemKind, Meeting, MeetingStatus, StandingTexts};
use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension};

use super::agenda::item_rows;
use super::check::Problems;
use super::committees::committee_row;
use super::rows::{MeetingChanges, MeetingDetail, NewMeeting};
use crate::queries::meetings::MeetingExtras;
use crate::queries::{council, items, meetings, people};
use crate::{codes, StoreError};

pub fn meeting_detail(conn: &Connection, id: i64) -> Result<MeetingDetail, StoreError> {
    let stored = meetings::load(conn, id)?.ok_or(StoreError::NoMeeting(id))?;
    let committee: String = conn.query_row("SELECT name FROM committees WHERE id = ?1", [stored.committee_id], |r| r.get(0))?;
    Ok(MeetingDetail {
        id,
        committee_id: stored.committee_id,
        committee,
        meeting: stored.meeting,
        supplement_reason: stored.extras.supplement_reason,
        items: item_rows(conn, id)?,
    })
}

/// The standard items of a new meeting, in seed 001's order and numbered (the Private
/// Business heading is not). Reports go between the minutes and the work programme.
pub fn standard_items(texts: &StandingTexts) -> Vec<AgendaItem> {
    let item = |title: &str, kind: ItemKind, description: &str| AgendaItem {
        number: None,
        title: title.to_string(),
        kind,
        description: description.to_string(),
        access: Default::default(),
        supplementary: false,
        report: None,
    };
    let mut list = vec![
        item("Apologies for Absence", ItemKind::StandardText, ""),
        item("Declaration of Members' Interests", ItemKind::StandardText, &texts.declaration_of_interests),
        item("Minutes", ItemKind::Minutes, ""),
        item("Work Programme", ItemKind::WorkProgramme, ""),
        item(&texts.urgent_public_items, ItemKind::UrgentBusiness, ""),
        item(&texts.exclusion_resolution, ItemKind::ExclusionResolution, ""),
        item("Private Business", ItemKind::PrivateBusinessHeading, ""),
        item(&texts.urgent_exempt_items, ItemKind::UrgentBusiness, ""),
    ];
    let mut next = 1;
    for entry in &mut list {
        if entry.kind != ItemKind::PrivateBusinessHeading {
            entry.number = Some(next);
            next += 1;
        }
    }
    list
}

pub fn meeting_create(conn: &mut Connection, new: &NewMeeting) -> Result<MeetingDetail, StoreError> {
    let mut problems = Problems::default();
    problems.venue("venue", &new.venue);
    problems.person("contact_officer", &new.contact_officer, "the contact officer");
    problems.finish()?;
    let tx = conn.transaction()?;
    if committee_row(&tx, new.committee_id)?.retired {
        return Err(super::check::invalid("committee_id", "the committee is retired; bring it back before planning a meeting for it"));
    }
    // The committee's own wording where it has one (placeholders are filled in by the pack).
    let texts = crate::queries::committees::standing_texts(&tx, new.committee_id)?
        .apply(&council::load(&tx)?.map(|c| c.standing_texts).unwrap_or_default());
    // The minutes confirmed at this meeting are those of the committee's latest earlier
    // meeting that has minutes.
    let previous: Option<i64> = tx
        .query_row(
            "SELECT m.id FROM meetings m WHERE m.committee_id = ?1 AND m.starts_at < ?2
                 AND EXISTS (SELECT 1 FROM minutes x WHERE x.meeting_id = m.id)
             ORDER BY m.starts_at DESC, m.id DESC LIMIT 1",
            params![new.committee_id, codes::date_time_text(new.starts_at)],
            |r| r.get(0),
        )
        .optional()?;
    let meeting = Meeting {
        starts_at: new.starts_at,
        ends_at: None,
        venue: new.venue.clone(),
        status: MeetingStatus::Scheduled,
        contact_officer: new.contact_officer.clone(),
        published_on: None,
        notices: Vec::new(),
    };
    let extras = MeetingExtras { confirms_minutes_of: previous, ..MeetingExtras::default() };
    let id = meetings::insert(&tx, new.committee_id, &meeting, &extras)?;
    // Standard items carry no report, so no report is stamped with this time.
    items::insert_all(&tx, id, &standard_items(&texts), NaiveDateTime::default())?;
    let detail = meeting_detail(&tx, id)?;
    tx.commit()?;
    Ok(detail)
}

pub fn meeting_update(conn: &mut Connection, id: i64, changes: &MeetingChanges) -> Result<MeetingDetail, StoreError> {
    let mut problems = Problems::default();
    problems.venue("venue", &changes.venue);
    problems.person("contact_officer", &changes.contact_officer, "the contact officer");
    if changes.ends_at.is_some_and(|end| end <= changes.starts_at.time()) {
        problems.push("ends_at", "the meeting must end after it starts");
    }
    for (i, notice) in changes.notices.iter().enumerate() {
        problems.required(&format!("notices[{i}]"), notice, "a notice must not be blank; remove it instead");
    }
    problems.finish()?;
    let tx = conn.transaction()?;
    meetings::load(&tx, id)?.ok_or(StoreError::NoMeeting(id))?;
    let officer_id = people::upsert(&tx, &changes.contact_officer)?;
    let (venue_kind, venue_name) = match &changes.venue {
        agendapack_model::Venue::Virtual => ("virtual", None),
        agendapack_model::Venue::Place { name } => ("place", Some(name.trim())),
    };
    let notices = serde_json::to_string(&changes.notices)
        .map_err(|e| StoreError::BadValue { column: "meetings.notices".into(), value: e.to_string() })?;
    tx.execute(
        "UPDATE meetings SET starts_at = ?2, ends_at = ?3, venue_kind = ?4, venue_name = ?5, status = ?6,
             contact_officer_id = ?7, contact_officer_job_title = ?8, contact_officer_phone = ?9,
             published_on = ?10, notices = ?11, supplement_reason = ?12
         WHERE id = ?1",
        params![
            id,
            codes::date_time_text(changes.starts_at),
            changes.ends_at.map(codes::time_text),
            venue_kind,
            venue_name,
            changes.status.as_str(),
            officer_id,
            changes.contact_officer.job_title,
            changes.contact_officer.phone,
            changes.published_on.map(codes::date_text),
            notices,
            changes.supplement_reason,
        ],
    )?;
    let detail = meeting_detail(&tx, id)?;
    tx.commit()?;
    Ok(detail)
}
