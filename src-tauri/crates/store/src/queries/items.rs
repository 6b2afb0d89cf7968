//! The `agenda_items` table: a meeting's agenda in order. Reports are in [`super::reports`].

use agendapack_model::AgendaItem;
use chrono::NaiveDateTime;
use rusqlite::{params, Connection};

use super::reports;
use crate::{codes, StoreError};

/// Inserts the agenda in the order given, each item's report with it; `now` stamps new reports.
pub fn insert_all(conn: &Connection, meeting_id: i64, items: &[AgendaItem], now: NaiveDateTime) -> Result<(), StoreError> {
    for (position, item) in items.iter().enumerate() {
        let access = codes::access_columns(&item.access);
        conn.execute(
            "INSERT INTO agenda_items (meeting_id, position, number, title, kind, description, access_kind,
                 access_paragraphs, access_public_title, supplementary)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                meeting_id,
                position as i64,
                item.number,
                item.title,
                item.kind.as_str(),
                item.description,
                access.kind,
                access.paragraphs,
                access.public_title,
                item.supplementary
            ],
        )?;
        let item_id = conn.last_insert_rowid();
        if let Some(report) = &item.report {
            reports::insert(conn, item_id, report, now)?;
        }
    }
    Ok(())
}

pub fn load_all(conn: &Connection, meeting_id: i64) -> Result<Vec<AgendaItem>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, number, title, kind, description, access_kind, access_paragraphs, access_public_title, supplementary
         FROM agenda_items WHERE meeting_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([meeting_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<u32>>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, Option<String>>(7)?,
            r.get::<_, bool>(8)?,
        ))
    })?;
    let mut items = Vec::new();
    for row in rows {
        let (id, number, title, kind, description, access_kind, paragraphs, public_title, supplementary) = row?;
        items.push(AgendaItem {
            number,
            title,
            kind: codes::item_kind("agenda_items.kind", &kind)?,
            description,
            access: codes::access(&access_kind, &paragraphs, public_title)?,
            supplementary,
            // Who signed off which implications: the pack prints them, an export leaves them out.
            report: reports::load(conn, id)?
                .map(|mut r| -> Result<_, StoreError> {
                    r.signoffs = crate::clearance::signoffs(conn, id)?;
                    Ok(r)
                })
                .transpose()?,
        });
    }
    Ok(items)
}
