//! The `work_programme_entries` table: a committee's plan for its future meetings.

use agendapack_model::WorkProgrammeEntry;
use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::{codes, StoreError};

/// Replaces the committee's rows from `from` on with `entries` (which start on or after it):
/// a meeting's work programme is the committee's plan as of that meeting, and the plan
/// imported last is the one that counts.
pub fn replace_from(conn: &Connection, committee_id: i64, from: NaiveDate, entries: &[WorkProgrammeEntry]) -> rusqlite::Result<()> {
    conn.execute(
        "DELETE FROM work_programme_entries WHERE committee_id = ?1 AND meeting_date >= ?2",
        params![committee_id, codes::date_text(from)],
    )?;
    for (position, e) in entries.iter().enumerate() {
        conn.execute(
            "INSERT INTO work_programme_entries (committee_id, meeting_date, position, meeting_label, provisional, title,
                 officers, presenter, clearance_deadline, final_report_deadline)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                committee_id,
                codes::date_text(e.meeting_date),
                position as i64,
                e.meeting_label,
                e.provisional,
                e.title,
                e.officers,
                e.presenter,
                e.clearance_deadline,
                e.final_report_deadline
            ],
        )?;
    }
    Ok(())
}

/// The committee's rows on or after `from`, by date and then in the order given.
pub fn load_from(conn: &Connection, committee_id: i64, from: NaiveDate) -> Result<Vec<WorkProgrammeEntry>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT meeting_date, meeting_label, provisional, title, officers, presenter, clearance_deadline, final_report_deadline
         FROM work_programme_entries WHERE committee_id = ?1 AND meeting_date >= ?2
         ORDER BY meeting_date, position, id",
    )?;
    let rows = stmt.query_map(params![committee_id, codes::date_text(from)], |r| {
        Ok((
            r.get::<_, String>(0)?,
            WorkProgrammeEntry {
                meeting_date: NaiveDate::MIN,
                meeting_label: r.get(1)?,
                provisional: r.get(2)?,
                title: r.get(3)?,
                officers: r.get(4)?,
                presenter: r.get(5)?,
                clearance_deadline: r.get(6)?,
                final_report_deadline: r.get(7)?,
            },
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (date, mut entry) = row?;
        entry.meeting_date = codes::parse_date("work_programme_entries.meeting_date", &date)?;
        out.push(entry);
    }
    Ok(out)
}
