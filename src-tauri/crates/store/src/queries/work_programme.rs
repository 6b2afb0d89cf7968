//! A committee's work programme as the pack prints it: generated from its planned items
//! (`planned_items`, `programme_dates`) with deadline columns computed from the committee's
//! local deadline rules and overrides; or, for a committee with no planned items, the rows of
//! `work_programme_entries` as imported from a bundle (printed deadline strings).
//!
//! Deliberately not here: editing planned items (see `crate::programme`).

use agendapack_deadlines::LocalRuleKind;
use agendapack_model::WorkProgrammeEntry;
use chrono::{NaiveDate, NaiveTime, Timelike};
use rusqlite::{params, Connection};

use crate::queries::deadlines as rules;
use crate::{codes, StoreError};

/// "10 December": a clearance deadline as seed 001 prints it.
pub fn day_month(date: NaiveDate) -> String {
    date.format("%-d %B").to_string()
}

/// "10am, Friday 18 December" (or "2:30pm, ..."): a deadline with a time, as seed 001 prints it.
pub fn timed(date: NaiveDate, time: Option<NaiveTime>) -> String {
    match time {
        Some(t) if t.minute() == 0 => format!("{}, {}", t.format("%-I%P"), date.format("%A %-d %B")),
        Some(t) => format!("{}, {}", t.format("%-I:%M%P"), date.format("%A %-d %B")),
        None => date.format("%A %-d %B").to_string(),
    }
}

/// The clearance and final-report columns for a meeting on `date`: from the committee's
/// "draft to board" and "final report" rules with that date's overrides, each left blank when
/// the committee has no such rule or the date omits that kind.
pub fn deadline_columns(conn: &Connection, committee_id: i64, date: NaiveDate, omitted: &[String]) -> Result<(String, String), StoreError> {
    let calendar = rules::calendar(conn)?.1;
    let mut clearance = String::new();
    let mut final_report = String::new();
    for (stored, manual) in rules::rules_for_meeting(conn, committee_id, date)? {
        let kind = stored.rule.kind;
        if omitted.iter().any(|o| o == kind.as_str()) {
            continue;
        }
        match kind {
            LocalRuleKind::DraftToBoard if clearance.is_empty() => {
                let d = stored.rule.deadline(date, &calendar, manual.as_ref())?;
                clearance = if d.time.is_some() { timed(d.date, d.time) } else { day_month(d.date) };
            }
            LocalRuleKind::FinalReport if final_report.is_empty() => {
                let d = stored.rule.deadline(date, &calendar, manual.as_ref())?;
                final_report = timed(d.date, d.time);
            }
            _ => {}
        }
    }
    Ok((clearance, final_report))
}

/// Whether the committee's programme is kept as planned items (rather than imported rows).
pub fn has_planned_items(conn: &Connection, committee_id: i64) -> Result<bool, StoreError> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM planned_items WHERE committee_id = ?1)", [committee_id], |r| r.get(0))?)
}

/// A date's label, provisional flag and omitted deadline kinds (none when it has no row).
pub fn date_details(conn: &Connection, committee_id: i64, date: NaiveDate) -> Result<(String, bool, Vec<String>), StoreError> {
    let row: Option<(String, bool, String)> = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT label, provisional, omitted_deadlines FROM programme_dates WHERE committee_id = ?1 AND date = ?2",
        params![committee_id, codes::date_text(date)],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    ))?;
    Ok(match row {
        Some((label, provisional, omitted)) => {
            (label, provisional, omitted.split(',').filter(|k| !k.is_empty()).map(str::to_string).collect())
        }
        None => (String::new(), false, Vec::new()),
    })
}

/// The programme generated from planned items on or after `from`: planned and confirmed items
/// (not deferred or withdrawn), by date then position, each meeting's deadlines computed and
/// carried by its first row.
pub fn generate_from(conn: &Connection, committee_id: i64, from: NaiveDate) -> Result<Vec<WorkProgrammeEntry>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT coalesce(substr(m.starts_at, 1, 10), p.target_date) AS day, p.title, p.officers, p.presenter
         FROM planned_items p LEFT JOIN meetings m ON m.id = p.meeting_id
         WHERE p.committee_id = ?1 AND p.status IN ('planned', 'confirmed') AND day >= ?2
         ORDER BY day, p.position, p.id",
    )?;
    let rows = stmt
        .query_map(params![committee_id, codes::date_text(from)], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::new();
    let mut columns: Option<(NaiveDate, String, bool, String, String)> = None;
    for (day, title, officers, presenter) in rows {
        let date = codes::parse_date("planned item date", &day)?;
        // A meeting's deadlines go on its first row only, as the programme prints them and as
        // imported rows carry them, so an export gives back what was imported.
        let first = columns.as_ref().map(|c| c.0) != Some(date);
        if first {
            let (label, provisional, omitted) = date_details(conn, committee_id, date)?;
            let (clearance, final_report) = deadline_columns(conn, committee_id, date, &omitted)?;
            columns = Some((date, label, provisional, clearance, final_report));
        }
        if let Some((_, label, provisional, clearance, final_report)) = &columns {
            out.push(WorkProgrammeEntry {
                meeting_date: date,
                meeting_label: label.clone(),
                provisional: *provisional,
                title,
                officers,
                presenter,
                clearance_deadline: if first { clearance.clone() } else { String::new() },
                final_report_deadline: if first { final_report.clone() } else { String::new() },
            });
        }
    }
    Ok(out)
}

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

/// The committee's programme on or after `from`: generated from its planned items when it
/// has any, else the imported rows.
pub fn load_from(conn: &Connection, committee_id: i64, from: NaiveDate) -> Result<Vec<WorkProgrammeEntry>, StoreError> {
    if has_planned_items(conn, committee_id)? {
        generate_from(conn, committee_id, from)
    } else {
        imported_from(conn, committee_id, from)
    }
}

/// The committee's imported rows on or after `from`, by date and then in the order given.
pub fn imported_from(conn: &Connection, committee_id: i64, from: NaiveDate) -> Result<Vec<WorkProgrammeEntry>, StoreError> {
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
