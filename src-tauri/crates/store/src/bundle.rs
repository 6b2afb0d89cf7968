//! A meeting with everything its pack needs, written in one transaction and read in one call.
//!
//! Deliberately not here: the JSON form ([`crate::exchange`]) and the SQL ([`crate::queries`]).

use agendapack_model::{MeetingBundle, PreviousMeeting};
use chrono::NaiveDateTime;
use rusqlite::Connection;

use crate::queries::meetings::MeetingExtras;
use crate::queries::{committees, council, items, meetings, minutes, work_programme};
use crate::{checks, MeetingId, StoreError};

/// Validates `bundle` and stores it as a new meeting; on any failure the transaction rolls back
/// and the database is as before.
pub fn import(conn: &mut Connection, bundle: &MeetingBundle, now: NaiveDateTime) -> Result<MeetingId, StoreError> {
    let problems = checks::problems(bundle);
    if !problems.is_empty() {
        return Err(StoreError::Invalid(problems));
    }
    let tx = conn.transaction()?;
    council::upsert(&tx, &bundle.council)?;
    let committee_id = committees::find_or_create(&tx, &bundle.committee.name)?;
    committees::merge_memberships(&tx, committee_id, &bundle.committee.members)?;
    // Like the work programme, an empty set means "not given": keep the committee's own texts.
    if !bundle.committee.standing_texts.is_empty() {
        committees::set_standing_texts(&tx, committee_id, &bundle.committee.standing_texts)?;
    }
    let extras = MeetingExtras {
        supplement_reason: bundle.supplement_reason.clone(),
        work_programme_heading: bundle.work_programme_heading.clone(),
        confirms_minutes_of: None,
    };
    // The meeting first, so that it (not its previous meeting) gets the lower id.
    let meeting_id = meetings::insert(&tx, committee_id, &bundle.meeting, &extras)?;
    if let Some(previous) = &bundle.previous {
        let previous_id = store_previous(&tx, committee_id, previous)?;
        meetings::set_confirms_minutes_of(&tx, meeting_id, previous_id)?;
    }
    items::insert_all(&tx, meeting_id, &bundle.items, now)?;
    if let Some(own) = &bundle.minutes {
        minutes::insert(&tx, meeting_id, own)?;
    }
    // An empty list means "not given", not "the committee has no plan": keep what is there.
    if !bundle.work_programme.is_empty() {
        work_programme::replace_from(&tx, committee_id, bundle.meeting.date(), &bundle.work_programme)?;
    }
    tx.commit()?;
    Ok(MeetingId(meeting_id))
}

/// The previous meeting's id: the stored one with the same committee and start, or a new row.
/// Minutes already stored for it are kept; the bundle's fill them in only when missing.
fn store_previous(conn: &Connection, committee_id: i64, previous: &PreviousMeeting) -> Result<i64, StoreError> {
    let id = match meetings::find(conn, committee_id, &previous.meeting)? {
        Some(id) => id,
        None => meetings::insert(conn, committee_id, &previous.meeting, &MeetingExtras::default())?,
    };
    if !minutes::exists(conn, id)? {
        minutes::insert(conn, id, &previous.minutes)?;
    }
    Ok(id)
}

pub fn load(conn: &Connection, id: MeetingId) -> Result<MeetingBundle, StoreError> {
    let stored = meetings::load(conn, id.0)?.ok_or(StoreError::NoMeeting(id.0))?;
    let council = council::load(conn)?.ok_or(StoreError::NoCouncil)?;
    let committee = committees::load(conn, stored.committee_id)?;
    // The explicit link made on import, else the committee's latest earlier meeting with
    // minutes: minutes taken in the app reach the next pack without any linking step.
    let previous_id = match stored.extras.confirms_minutes_of {
        Some(id) => Some(id),
        None => minutes::previous_with_minutes(conn, id.0)?,
    };
    let previous = match previous_id {
        Some(prev_id) => match (meetings::load(conn, prev_id)?, minutes::load(conn, prev_id)?) {
            (Some(prev), Some(prev_minutes)) => Some(PreviousMeeting { meeting: prev.meeting, minutes: prev_minutes }),
            _ => None,
        },
        None => None,
    };
    Ok(MeetingBundle {
        council,
        committee,
        items: items::load_all(conn, id.0)?,
        previous,
        minutes: minutes::load(conn, id.0)?,
        work_programme: work_programme::load_from(conn, stored.committee_id, stored.meeting.date())?,
        work_programme_heading: stored.extras.work_programme_heading,
        supplement_reason: stored.extras.supplement_reason,
        meeting: stored.meeting,
    })
}
