//! The `minutes`, `attendance` and `minute_entries` tables.

use agendapack_model::{Attendance, MinuteEntry, Minutes};
use rusqlite::{params, Connection, OptionalExtension};

use super::people;
use crate::{codes, StoreError};

pub fn exists(conn: &Connection, meeting_id: i64) -> rusqlite::Result<bool> {
    conn.query_row("SELECT count(*) FROM minutes WHERE meeting_id = ?1", [meeting_id], |r| r.get::<_, i64>(0))
        .map(|n| n > 0)
}

pub fn insert(conn: &Connection, meeting_id: i64, minutes: &Minutes) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO minutes (meeting_id, opened_at, closed_at, status) VALUES (?1, ?2, ?3, ?4)",
        params![
            meeting_id,
            codes::time_text(minutes.opened_at),
            codes::time_text(minutes.closed_at),
            minutes.status.as_str()
        ],
    )?;
    let minutes_id = conn.last_insert_rowid();
    for (position, a) in minutes.attendance.iter().enumerate() {
        let person_id = people::upsert(conn, &a.person)?;
        conn.execute(
            "INSERT INTO attendance (minutes_id, position, person_id, person_job_title, person_phone, kind, role)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                minutes_id,
                position as i64,
                person_id,
                a.person.job_title,
                a.person.phone,
                codes::attendance_text(a.kind),
                a.role.map(|r| r.as_str())
            ],
        )?;
    }
    for (position, e) in minutes.entries.iter().enumerate() {
        let access = codes::access_columns(&e.access);
        conn.execute(
            "INSERT INTO minute_entries (minutes_id, position, number, heading, text, access_kind, access_paragraphs, access_public_title)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                minutes_id,
                position as i64,
                e.number,
                e.heading,
                e.text,
                access.kind,
                access.paragraphs,
                access.public_title
            ],
        )?;
    }
    Ok(())
}

pub fn load(conn: &Connection, meeting_id: i64) -> Result<Option<Minutes>, StoreError> {
    let head: Option<(i64, String, String, String)> = conn
        .query_row(
            "SELECT id, opened_at, closed_at, status FROM minutes WHERE meeting_id = ?1",
            [meeting_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((minutes_id, opened, closed, status)) = head else {
        return Ok(None);
    };
    let mut attendance = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT p.name, p.email, a.person_job_title, a.person_phone, a.kind, a.role
         FROM attendance a JOIN people p ON p.id = a.person_id WHERE a.minutes_id = ?1 ORDER BY a.position",
    )?;
    let rows = stmt.query_map([minutes_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<String>>(5)?,
        ))
    })?;
    for row in rows {
        let (name, email, job_title, phone, kind, role) = row?;
        attendance.push(Attendance {
            person: people::printed(name, email, job_title, phone),
            kind: codes::attendance("attendance.kind", &kind)?,
            role: role.map(|r| codes::member_role("attendance.role", &r)).transpose()?,
        });
    }
    let mut entries = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT number, heading, text, access_kind, access_paragraphs, access_public_title
         FROM minute_entries WHERE minutes_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([minutes_id], |r| {
        Ok((
            r.get::<_, u32>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<String>>(5)?,
        ))
    })?;
    for row in rows {
        let (number, heading, text, kind, paragraphs, public_title) = row?;
        entries.push(MinuteEntry { number, heading, text, access: codes::access(&kind, &paragraphs, public_title)? });
    }
    Ok(Some(Minutes {
        opened_at: codes::parse_time("minutes.opened_at", &opened)?,
        closed_at: codes::parse_time("minutes.closed_at", &closed)?,
        status: codes::minutes_status("minutes.status", &status)?,
        attendance,
        entries,
    }))
}
