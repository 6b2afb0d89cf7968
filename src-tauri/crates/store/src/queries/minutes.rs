//! The minutes tables: `minutes`, `minutes_amendments`, `attendance`, `minute_entries` and the
//! children of a minute (`minute_resolutions`, `minute_declarations`, `minute_votes`,
//! `minute_vote_names`, `minute_actions`).
//!
//! A [`Minutes`] value is written whole ([`insert`], or [`replace_body`] for an edit) and read
//! whole ([`load`]); children are keyed by their minute's position, so replacing the entries
//! deletes and rewrites them in the caller's transaction. Deliberately not here: the lock on
//! confirmed minutes and the numbering rule (see `edit::minutes`).

use agendapack_model::{
    Attendance, Confirmation, Declaration, ExemptParagraph, InterestNature, MinuteAction, MinuteEntry, MinuteNumbering,
    Minutes, RecordedVote,
};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::{people, settings};
use crate::{codes, StoreError};

/// The settings key of the council's minute numbering rule.
const NUMBERING_KEY: &str = "minute_numbering";

pub fn exists(conn: &Connection, meeting_id: i64) -> rusqlite::Result<bool> {
    conn.query_row("SELECT count(*) FROM minutes WHERE meeting_id = ?1", [meeting_id], |r| r.get::<_, i64>(0))
        .map(|n| n > 0)
}

/// The id of the meeting's minutes row, if it has minutes.
pub fn minutes_id(conn: &Connection, meeting_id: i64) -> rusqlite::Result<Option<i64>> {
    conn.query_row("SELECT id FROM minutes WHERE meeting_id = ?1", [meeting_id], |r| r.get(0)).optional()
}

pub fn insert(conn: &Connection, meeting_id: i64, minutes: &Minutes) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO minutes (meeting_id, opened_at, closed_at, status) VALUES (?1, ?2, ?3, ?4)",
        params![meeting_id, codes::time_text(minutes.opened_at), codes::time_text(minutes.closed_at), minutes.status.as_str()],
    )?;
    let minutes_id = conn.last_insert_rowid();
    write_state(conn, minutes_id, minutes)?;
    write_body(conn, minutes_id, minutes)
}

/// Rewrites the times, attendance and entries of stored minutes (not the status).
pub fn replace_body(conn: &Connection, minutes_id: i64, minutes: &Minutes) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE minutes SET opened_at = ?2, closed_at = ?3 WHERE id = ?1",
        params![minutes_id, codes::time_text(minutes.opened_at), codes::time_text(minutes.closed_at)],
    )?;
    conn.execute("DELETE FROM attendance WHERE minutes_id = ?1", [minutes_id])?;
    // The children of each entry go with it (ON DELETE CASCADE).
    conn.execute("DELETE FROM minute_entries WHERE minutes_id = ?1", [minutes_id])?;
    write_body(conn, minutes_id, minutes)
}

/// Writes the status, confirmation, signing date and amendments.
pub fn write_state(conn: &Connection, minutes_id: i64, minutes: &Minutes) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE minutes SET status = ?2, confirmed_at_meeting_on = ?3, signed_on = ?4 WHERE id = ?1",
        params![
            minutes_id,
            minutes.status.as_str(),
            minutes.confirmation.as_ref().map(|c| codes::date_text(c.meeting_date)),
            minutes.signed_on.map(codes::date_text),
        ],
    )?;
    conn.execute("DELETE FROM minutes_amendments WHERE minutes_id = ?1", [minutes_id])?;
    for (position, text) in minutes.confirmation.iter().flat_map(|c| c.amendments.iter()).enumerate() {
        conn.execute(
            "INSERT INTO minutes_amendments (minutes_id, position, text) VALUES (?1, ?2, ?3)",
            params![minutes_id, position as i64, text],
        )?;
    }
    Ok(())
}

fn paragraphs_text(paragraphs: &[ExemptParagraph]) -> String {
    paragraphs.iter().map(|p| p.number().to_string()).collect::<Vec<_>>().join(",")
}

fn write_body(conn: &Connection, minutes_id: i64, minutes: &Minutes) -> rusqlite::Result<()> {
    for (position, a) in minutes.attendance.iter().enumerate() {
        let person_id = people::upsert(conn, &a.person)?;
        conn.execute(
            "INSERT INTO attendance (minutes_id, position, person_id, person_job_title, person_phone, kind, role,
                                     remote, substitute_for, arrived_at, left_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                minutes_id,
                position as i64,
                person_id,
                a.person.job_title,
                a.person.phone,
                codes::attendance_text(a.kind),
                a.role.map(|r| r.as_str()),
                a.remote,
                a.substitute_for,
                a.arrived_at.map(codes::time_text),
                a.left_at.map(codes::time_text),
            ],
        )?;
    }
    for (position, e) in minutes.entries.iter().enumerate() {
        write_entry(conn, minutes_id, position as i64, e)?;
    }
    Ok(())
}

fn write_entry(conn: &Connection, minutes_id: i64, at: i64, e: &MinuteEntry) -> rusqlite::Result<()> {
    let access = codes::access_columns(&e.access);
    conn.execute(
        "INSERT INTO minute_entries (minutes_id, position, number, heading, text, access_kind, access_paragraphs,
                                     access_public_title, item_number, urgency_reason, exclusion_paragraphs)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            minutes_id,
            at,
            e.number,
            e.heading,
            e.text,
            access.kind,
            access.paragraphs,
            access.public_title,
            e.item,
            e.urgency_reason,
            paragraphs_text(&e.exclusion),
        ],
    )?;
    for (i, text) in e.resolutions.iter().enumerate() {
        conn.execute(
            "INSERT INTO minute_resolutions (minutes_id, entry_position, position, text) VALUES (?1, ?2, ?3, ?4)",
            params![minutes_id, at, i as i64, text],
        )?;
    }
    for (i, d) in e.declarations.iter().enumerate() {
        conn.execute(
            "INSERT INTO minute_declarations (minutes_id, entry_position, position, member, nature, interest, left_room)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![minutes_id, at, i as i64, d.member, d.nature.as_str(), d.interest, d.left_room],
        )?;
    }
    for (i, v) in e.votes.iter().enumerate() {
        conn.execute(
            "INSERT INTO minute_votes (minutes_id, entry_position, position, motion) VALUES (?1, ?2, ?3, ?4)",
            params![minutes_id, at, i as i64, v.motion],
        )?;
        let names = v
            .in_favour
            .iter()
            .map(|n| ("for", n))
            .chain(v.against.iter().map(|n| ("against", n)))
            .chain(v.abstained.iter().map(|n| ("abstain", n)));
        for (j, (side, name)) in names.enumerate() {
            conn.execute(
                "INSERT INTO minute_vote_names (minutes_id, entry_position, vote_position, position, side, name)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![minutes_id, at, i as i64, j as i64, side, name],
            )?;
        }
    }
    for (i, a) in e.actions.iter().enumerate() {
        conn.execute(
            "INSERT INTO minute_actions (minutes_id, entry_position, position, text, owner, due, done)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![minutes_id, at, i as i64, a.text, a.owner, a.due.map(codes::date_text), a.done],
        )?;
    }
    Ok(())
}

pub fn load(conn: &Connection, meeting_id: i64) -> Result<Option<Minutes>, StoreError> {
    type Head = (i64, String, String, String, Option<String>, Option<String>);
    let head: Option<Head> = conn
        .query_row(
            "SELECT id, opened_at, closed_at, status, confirmed_at_meeting_on, signed_on FROM minutes WHERE meeting_id = ?1",
            [meeting_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .optional()?;
    let Some((minutes_id, opened, closed, status, confirmed, signed)) = head else {
        return Ok(None);
    };
    let confirmation = match codes::parse_opt_date("minutes.confirmed_at_meeting_on", confirmed)? {
        Some(meeting_date) => Some(Confirmation { meeting_date, amendments: strings(conn, minutes_id)? }),
        None => None,
    };
    Ok(Some(Minutes {
        opened_at: codes::parse_time("minutes.opened_at", &opened)?,
        closed_at: codes::parse_time("minutes.closed_at", &closed)?,
        status: codes::minutes_status("minutes.status", &status)?,
        attendance: load_attendance(conn, minutes_id)?,
        entries: load_entries(conn, minutes_id)?,
        confirmation,
        signed_on: codes::parse_opt_date("minutes.signed_on", signed)?,
    }))
}

fn strings(conn: &Connection, minutes_id: i64) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare("SELECT text FROM minutes_amendments WHERE minutes_id = ?1 ORDER BY position")?;
    let rows = stmt.query_map([minutes_id], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn opt_time(column: &str, text: Option<String>) -> Result<Option<chrono::NaiveTime>, StoreError> {
    text.map(|t| codes::parse_time(column, &t)).transpose()
}

fn load_attendance(conn: &Connection, minutes_id: i64) -> Result<Vec<Attendance>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT p.name, p.email, a.person_job_title, a.person_phone, a.kind, a.role, a.remote, a.substitute_for,
                a.arrived_at, a.left_at
         FROM attendance a JOIN people p ON p.id = a.person_id WHERE a.minutes_id = ?1 ORDER BY a.position",
    )?;
    let mut rows = stmt.query([minutes_id])?;
    let mut attendance = Vec::new();
    while let Some(r) = rows.next()? {
        let role: Option<String> = r.get(5)?;
        attendance.push(Attendance {
            person: people::printed(r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?),
            kind: codes::attendance("attendance.kind", &r.get::<_, String>(4)?)?,
            role: role.map(|r| codes::member_role("attendance.role", &r)).transpose()?,
            remote: r.get(6)?,
            substitute_for: r.get(7)?,
            arrived_at: opt_time("attendance.arrived_at", r.get(8)?)?,
            left_at: opt_time("attendance.left_at", r.get(9)?)?,
        });
    }
    Ok(attendance)
}

fn load_entries(conn: &Connection, minutes_id: i64) -> Result<Vec<MinuteEntry>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT position, number, heading, text, access_kind, access_paragraphs, access_public_title, item_number,
                urgency_reason, exclusion_paragraphs
         FROM minute_entries WHERE minutes_id = ?1 ORDER BY position",
    )?;
    let mut rows = stmt.query([minutes_id])?;
    let mut entries = Vec::new();
    while let Some(r) = rows.next()? {
        let at: i64 = r.get(0)?;
        let kind: String = r.get(4)?;
        let paragraphs: String = r.get(5)?;
        let exclusion: String = r.get(9)?;
        let exclusion = match codes::access("exempt", &exclusion, None)? {
            agendapack_model::Access::Exempt { paragraphs, .. } => paragraphs,
            _ => Vec::new(),
        };
        let mut entry = MinuteEntry::new(r.get(1)?, &r.get::<_, String>(2)?, &r.get::<_, String>(3)?, codes::access(&kind, &paragraphs, r.get(6)?)?);
        entry.item = r.get(7)?;
        entry.urgency_reason = r.get(8)?;
        entry.exclusion = exclusion;
        load_children(conn, minutes_id, at, &mut entry)?;
        entries.push(entry);
    }
    Ok(entries)
}

fn load_children(conn: &Connection, minutes_id: i64, at: i64, entry: &mut MinuteEntry) -> Result<(), StoreError> {
    let mut stmt = conn.prepare(
        "SELECT text FROM minute_resolutions WHERE minutes_id = ?1 AND entry_position = ?2 ORDER BY position",
    )?;
    entry.resolutions = stmt.query_map(params![minutes_id, at], |r| r.get(0))?.collect::<Result<_, _>>()?;

    let mut stmt = conn.prepare(
        "SELECT member, nature, interest, left_room FROM minute_declarations
         WHERE minutes_id = ?1 AND entry_position = ?2 ORDER BY position",
    )?;
    let mut rows = stmt.query(params![minutes_id, at])?;
    while let Some(r) = rows.next()? {
        let nature: String = r.get(1)?;
        entry.declarations.push(Declaration {
            member: r.get(0)?,
            nature: InterestNature::parse(&nature)
                .ok_or_else(|| StoreError::BadValue { column: "minute_declarations.nature".into(), value: nature.clone() })?,
            interest: r.get(2)?,
            left_room: r.get(3)?,
        });
    }

    let mut stmt = conn.prepare(
        "SELECT position, motion FROM minute_votes WHERE minutes_id = ?1 AND entry_position = ?2 ORDER BY position",
    )?;
    let votes: Vec<(i64, String)> =
        stmt.query_map(params![minutes_id, at], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    let mut names = conn.prepare(
        "SELECT side, name FROM minute_vote_names
         WHERE minutes_id = ?1 AND entry_position = ?2 AND vote_position = ?3 ORDER BY position",
    )?;
    for (vote_at, motion) in votes {
        let mut vote = RecordedVote { motion, in_favour: Vec::new(), against: Vec::new(), abstained: Vec::new() };
        let mut rows = names.query(params![minutes_id, at, vote_at])?;
        while let Some(r) = rows.next()? {
            let (side, name): (String, String) = (r.get(0)?, r.get(1)?);
            match side.as_str() {
                "for" => vote.in_favour.push(name),
                "against" => vote.against.push(name),
                "abstain" => vote.abstained.push(name),
                _ => return Err(StoreError::BadValue { column: "minute_vote_names.side".into(), value: side }),
            }
        }
        entry.votes.push(vote);
    }

    let mut stmt = conn.prepare(
        "SELECT text, owner, due, done FROM minute_actions WHERE minutes_id = ?1 AND entry_position = ?2 ORDER BY position",
    )?;
    let mut rows = stmt.query(params![minutes_id, at])?;
    while let Some(r) = rows.next()? {
        entry.actions.push(MinuteAction {
            text: r.get(0)?,
            owner: r.get(1)?,
            due: codes::parse_opt_date("minute_actions.due", r.get(2)?)?,
            done: r.get(3)?,
        });
    }
    Ok(())
}

/// The most recent earlier meeting of the same committee that has minutes: the one whose
/// minutes a meeting confirms when nothing links them explicitly.
pub fn previous_with_minutes(conn: &Connection, meeting_id: i64) -> rusqlite::Result<Option<i64>> {
    conn.query_row(
        "SELECT p.id FROM meetings m
         JOIN meetings p ON p.committee_id = m.committee_id AND p.starts_at < m.starts_at
         JOIN minutes x ON x.meeting_id = p.id
         WHERE m.id = ?1 ORDER BY p.starts_at DESC, p.id DESC LIMIT 1",
        [meeting_id],
        |r| r.get(0),
    )
    .optional()
}

/// Each earlier meeting of the committee with minutes, as (date, highest minute number).
pub fn earlier_numbers(conn: &Connection, meeting_id: i64) -> Result<Vec<(NaiveDate, u32)>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT substr(p.starts_at, 1, 10), max(e.number) FROM meetings m
         JOIN meetings p ON p.committee_id = m.committee_id AND p.starts_at < m.starts_at
         JOIN minutes x ON x.meeting_id = p.id
         JOIN minute_entries e ON e.minutes_id = x.id
         WHERE m.id = ?1 GROUP BY p.id ORDER BY p.starts_at",
    )?;
    let rows: Vec<(String, u32)> = stmt.query_map([meeting_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    rows.into_iter().map(|(d, n)| Ok((codes::parse_date("meetings.starts_at", &d)?, n))).collect()
}

pub fn numbering(conn: &Connection) -> Result<MinuteNumbering, StoreError> {
    match settings::get(conn, NUMBERING_KEY)? {
        None => Ok(MinuteNumbering::default()),
        Some(text) => MinuteNumbering::parse(&text)
            .ok_or(StoreError::BadValue { column: format!("settings.{NUMBERING_KEY}"), value: text }),
    }
}

pub fn set_numbering(conn: &Connection, rule: MinuteNumbering) -> rusqlite::Result<()> {
    settings::set(conn, NUMBERING_KEY, &rule.as_text())
}

/// One action with where it was agreed, for the actions log.
pub struct StoredAction {
    pub meeting_id: i64,
    pub committee: String,
    pub meeting_date: NaiveDate,
    pub minute_number: u32,
    pub minute_heading: String,
    pub restricted: bool,
    pub entry_position: i64,
    pub position: i64,
    pub action: MinuteAction,
}

/// Every action in every meeting's minutes, oldest meeting first.
pub fn all_actions(conn: &Connection) -> Result<Vec<StoredAction>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT m.id, c.name, substr(m.starts_at, 1, 10), e.number, e.heading, e.access_kind, a.entry_position, a.position,
                a.text, a.owner, a.due, a.done
         FROM minute_actions a
         JOIN minute_entries e ON e.minutes_id = a.minutes_id AND e.position = a.entry_position
         JOIN minutes x ON x.id = a.minutes_id
         JOIN meetings m ON m.id = x.meeting_id
         JOIN committees c ON c.id = m.committee_id
         ORDER BY m.starts_at, m.id, a.entry_position, a.position",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let date: String = r.get(2)?;
        let access: String = r.get(5)?;
        out.push(StoredAction {
            meeting_id: r.get(0)?,
            committee: r.get(1)?,
            meeting_date: codes::parse_date("meetings.starts_at", &date)?,
            minute_number: r.get(3)?,
            minute_heading: r.get(4)?,
            restricted: access != "public",
            entry_position: r.get(6)?,
            position: r.get(7)?,
            action: MinuteAction {
                text: r.get(8)?,
                owner: r.get(9)?,
                due: codes::parse_opt_date("minute_actions.due", r.get(10)?)?,
                done: r.get(11)?,
            },
        });
    }
    Ok(out)
}

/// Marks one action done or open again; false when there is no such action.
pub fn set_action_done(conn: &Connection, meeting_id: i64, entry_position: i64, position: i64, done: bool) -> rusqlite::Result<bool> {
    let changed = conn.execute(
        "UPDATE minute_actions SET done = ?4
         WHERE minutes_id = (SELECT id FROM minutes WHERE meeting_id = ?1) AND entry_position = ?2 AND position = ?3",
        params![meeting_id, entry_position, position, done],
    )?;
    Ok(changed > 0)
}
