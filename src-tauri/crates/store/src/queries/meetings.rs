//! The `meetings` table: a meeting's own fields, the supplement's reason, the work
//! programme's heading, and the link to the meeting whose minutes it confirms.

use agendapack_model::{Meeting, MeetingSummary, Venue, WorkProgrammeHeading};
use rusqlite::{params, Connection, OptionalExtension};

use super::people;
use crate::{codes, StoreError};

/// The columns of a meeting row that are not part of [`Meeting`] itself.
#[derive(Debug, Clone, Default)]
pub struct MeetingExtras {
    pub supplement_reason: String,
    pub work_programme_heading: Option<WorkProgrammeHeading>,
    pub confirms_minutes_of: Option<i64>,
}

/// A meeting row as loaded.
#[derive(Debug, Clone)]
pub struct StoredMeeting {
    pub committee_id: i64,
    pub meeting: Meeting,
    pub extras: MeetingExtras,
}

pub fn insert(conn: &Connection, committee_id: i64, meeting: &Meeting, extras: &MeetingExtras) -> Result<i64, StoreError> {
    let officer_id = people::upsert(conn, &meeting.contact_officer)?;
    let (venue_kind, venue_name) = match &meeting.venue {
        Venue::Virtual => ("virtual", None),
        Venue::Place { name } => ("place", Some(name.as_str())),
    };
    let notices = serde_json::to_string(&meeting.notices)
        .map_err(|e| StoreError::BadValue { column: "meetings.notices".into(), value: e.to_string() })?;
    let (wp_title, wp_note) = match &extras.work_programme_heading {
        Some(h) => (Some(h.title.as_str()), h.note.as_str()),
        None => (None, ""),
    };
    conn.execute(
        "INSERT INTO meetings (committee_id, starts_at, ends_at, venue_kind, venue_name, status, contact_officer_id,
             contact_officer_job_title, contact_officer_phone, published_on, notices, supplement_reason,
             work_programme_title, work_programme_note, confirms_minutes_of)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            committee_id,
            codes::date_time_text(meeting.starts_at),
            meeting.ends_at.map(codes::time_text),
            venue_kind,
            venue_name,
            meeting.status.as_str(),
            officer_id,
            meeting.contact_officer.job_title,
            meeting.contact_officer.phone,
            meeting.published_on.map(codes::date_text),
            notices,
            extras.supplement_reason,
            wp_title,
            wp_note,
            extras.confirms_minutes_of,
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn set_confirms_minutes_of(conn: &Connection, id: i64, previous: i64) -> rusqlite::Result<()> {
    conn.execute("UPDATE meetings SET confirms_minutes_of = ?2 WHERE id = ?1", params![id, previous])?;
    Ok(())
}

/// The committee's earliest-stored meeting starting exactly at `starts_at`, if any.
pub fn find(conn: &Connection, committee_id: i64, meeting: &Meeting) -> rusqlite::Result<Option<i64>> {
    conn.query_row(
        "SELECT id FROM meetings WHERE committee_id = ?1 AND starts_at = ?2 ORDER BY id LIMIT 1",
        params![committee_id, codes::date_time_text(meeting.starts_at)],
        |r| r.get(0),
    )
    .optional()
}

pub fn load(conn: &Connection, id: i64) -> Result<Option<StoredMeeting>, StoreError> {
    type Row = (i64, String, Option<String>, String, Option<String>, String, String, String, String, String);
    type Row2 = (Option<String>, String, String, Option<String>, String, Option<i64>);
    let row: Option<(Row, Row2)> = conn
        .query_row(
            "SELECT m.committee_id, m.starts_at, m.ends_at, m.venue_kind, m.venue_name, m.status,
                    p.name, p.email, m.contact_officer_job_title, m.contact_officer_phone,
                    m.published_on, m.notices, m.supplement_reason, m.work_programme_title, m.work_programme_note,
                    m.confirms_minutes_of
             FROM meetings m JOIN people p ON p.id = m.contact_officer_id WHERE m.id = ?1",
            [id],
            |r| {
                Ok((
                    (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?),
                    (r.get(10)?, r.get(11)?, r.get(12)?, r.get(13)?, r.get(14)?, r.get(15)?),
                ))
            },
        )
        .optional()?;
    let Some((
        (committee_id, starts_at, ends_at, venue_kind, venue_name, status, name, email, job_title, phone),
        (published_on, notices, supplement_reason, wp_title, wp_note, confirms),
    )) = row
    else {
        return Ok(None);
    };
    let venue = match (venue_kind.as_str(), venue_name) {
        ("virtual", None) => Venue::Virtual,
        ("place", Some(name)) => Venue::Place { name },
        _ => return Err(StoreError::BadValue { column: "meetings.venue_kind".into(), value: venue_kind }),
    };
    let notices: Vec<String> = serde_json::from_str(&notices)
        .map_err(|_| StoreError::BadValue { column: "meetings.notices".into(), value: notices.clone() })?;
    let meeting = Meeting {
        starts_at: codes::parse_date_time("meetings.starts_at", &starts_at)?,
        ends_at: ends_at.map(|t| codes::parse_time("meetings.ends_at", &t)).transpose()?,
        venue,
        status: codes::meeting_status("meetings.status", &status)?,
        contact_officer: people::printed(name, email, job_title, phone),
        published_on: codes::parse_opt_date("meetings.published_on", published_on)?,
        notices,
    };
    let extras = MeetingExtras {
        supplement_reason,
        work_programme_heading: wp_title.map(|title| WorkProgrammeHeading { title, note: wp_note }),
        confirms_minutes_of: confirms,
    };
    Ok(Some(StoredMeeting { committee_id, meeting, extras }))
}

/// Every meeting, earliest first, with its committee and agenda size. A meeting stored only as
/// another's previous meeting (no agenda of its own, just the minutes to confirm) is left out:
/// it has no pack to build and is reached through the meeting that confirms it.
pub fn summaries(conn: &Connection) -> Result<Vec<MeetingSummary>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT m.id, c.name, m.starts_at, m.status,
                (SELECT count(*) FROM agenda_items i WHERE i.meeting_id = m.id),
                (SELECT count(*) FROM agenda_items i WHERE i.meeting_id = m.id AND i.supplementary = 1)
         FROM meetings m JOIN committees c ON c.id = m.committee_id
         WHERE EXISTS (SELECT 1 FROM agenda_items i WHERE i.meeting_id = m.id)
            OR NOT EXISTS (SELECT 1 FROM meetings n WHERE n.confirms_minutes_of = m.id)
         ORDER BY m.starts_at, m.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, i64>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, committee, starts_at, status, items, supplementary) = row?;
        let starts_at = codes::parse_date_time("meetings.starts_at", &starts_at)?;
        out.push(MeetingSummary {
            id,
            committee,
            date: starts_at.date(),
            time: starts_at.time(),
            status: codes::meeting_status("meetings.status", &status)?,
            items: usize::try_from(items).unwrap_or(0),
            has_supplement: supplementary > 0,
        });
    }
    Ok(out)
}
