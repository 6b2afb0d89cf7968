//! The `reports`, `report_authors` and `appendices` tables: an agenda item's report with its
//! cover-sheet fields, authors as printed, and appendices (Markdown or an attached PDF).

use agendapack_model::{Appendix, AppendixContent, Report};
use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension};

use super::people;
use crate::{codes, StoreError};

pub fn insert(conn: &Connection, item_id: i64, report: &Report, now: NaiveDateTime) -> Result<(), StoreError> {
    let now = codes::date_time_text(now);
    conn.execute(
        "INSERT INTO reports (agenda_item_id, addressed_to, cover_date, title, report_of, decision, wards_affected,
             key_decision, accountable_director, summary, recommendations, reasons, body, background_papers, status,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)",
        params![
            item_id,
            report.addressed_to,
            report.cover_date.map(codes::date_text),
            report.title,
            report.report_of,
            codes::decision_text(report.decision),
            report.wards_affected,
            report.key_decision,
            report.accountable_director,
            report.summary,
            report.recommendations,
            report.reasons,
            report.body,
            report.background_papers,
            report.status.as_str(),
            now
        ],
    )?;
    let report_id = conn.last_insert_rowid();
    for (position, author) in report.authors.iter().enumerate() {
        let person_id = people::upsert(conn, author)?;
        conn.execute(
            "INSERT INTO report_authors (report_id, position, person_id, person_job_title, person_phone)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![report_id, position as i64, person_id, author.job_title, author.phone],
        )?;
    }
    for (position, appendix) in report.appendices.iter().enumerate() {
        insert_appendix(conn, report_id, position, appendix)?;
    }
    crate::media::replace_report_pictures(conn, report_id, &report.pictures)?;
    Ok(())
}

fn insert_appendix(conn: &Connection, report_id: i64, position: usize, appendix: &Appendix) -> rusqlite::Result<()> {
    let access = codes::access_columns(&appendix.access);
    let (kind, text, file_name, sha256, bytes) = match &appendix.content {
        AppendixContent::Markdown { text } => ("markdown", Some(text.as_str()), None, None, None),
        AppendixContent::Pdf { file_name, sha256, bytes } => {
            ("pdf", None, Some(file_name.as_str()), Some(sha256.as_str()), Some(bytes.as_slice()))
        }
    };
    conn.execute(
        "INSERT INTO appendices (report_id, position, title, access_kind, access_paragraphs, access_public_title,
             kind, text, file_name, sha256, bytes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            report_id,
            position as i64,
            appendix.title,
            access.kind,
            access.paragraphs,
            access.public_title,
            kind,
            text,
            file_name,
            sha256,
            bytes
        ],
    )?;
    Ok(())
}

/// The report of an agenda item, if it has one.
pub fn load(conn: &Connection, item_id: i64) -> Result<Option<Report>, StoreError> {
    type Row = (i64, Option<String>, Option<String>, String, String, String, String, bool);
    type Row2 = (String, String, String, String, String, String, String);
    let row: Option<(Row, Row2)> = conn
        .query_row(
            "SELECT id, addressed_to, cover_date, title, report_of, decision, wards_affected, key_decision,
                    accountable_director, summary, recommendations, reasons, body, background_papers, status
             FROM reports WHERE agenda_item_id = ?1",
            [item_id],
            |r| {
                Ok((
                    (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?),
                    (r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?, r.get(12)?, r.get(13)?, r.get(14)?),
                ))
            },
        )
        .optional()?;
    let Some((
        (id, addressed_to, cover_date, title, report_of, decision, wards_affected, key_decision),
        (accountable_director, summary, recommendations, reasons, body, background_papers, status),
    )) = row
    else {
        return Ok(None);
    };
    Ok(Some(Report {
        addressed_to,
        cover_date: codes::parse_opt_date("reports.cover_date", cover_date)?,
        title,
        report_of,
        decision: codes::decision("reports.decision", &decision)?,
        wards_affected,
        key_decision,
        authors: load_authors(conn, id)?,
        accountable_director,
        summary,
        recommendations,
        reasons,
        body,
        background_papers,
        status: codes::report_status("reports.status", &status)?,
        appendices: load_appendices(conn, id)?,
        pictures: crate::media::load_report_pictures(conn, id)?,
        signoffs: Vec::new(),
    }))
}

fn load_authors(conn: &Connection, report_id: i64) -> Result<Vec<agendapack_model::Person>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT p.name, p.email, a.person_job_title, a.person_phone
         FROM report_authors a JOIN people p ON p.id = a.person_id WHERE a.report_id = ?1 ORDER BY a.position",
    )?;
    let rows = stmt.query_map([report_id], |r| Ok(people::printed(r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn load_appendices(conn: &Connection, report_id: i64) -> Result<Vec<Appendix>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT title, access_kind, access_paragraphs, access_public_title, kind, text, file_name, sha256, bytes
         FROM appendices WHERE report_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([report_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, Option<String>>(6)?,
            r.get::<_, Option<String>>(7)?,
            r.get::<_, Option<Vec<u8>>>(8)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (title, access_kind, paragraphs, public_title, kind, text, file_name, sha256, bytes) = row?;
        let content = match (kind.as_str(), text, file_name, sha256, bytes) {
            ("markdown", Some(text), None, None, None) => AppendixContent::Markdown { text },
            ("pdf", None, Some(file_name), Some(sha256), Some(bytes)) => AppendixContent::Pdf { file_name, sha256, bytes },
            _ => return Err(StoreError::BadValue { column: "appendices.kind".into(), value: kind }),
        };
        out.push(Appendix { title, access: codes::access(&access_kind, &paragraphs, public_title)?, content });
    }
    Ok(out)
}
