//! The single-row `council` table.

use agendapack_model::{Council, StandingTexts};
use rusqlite::{params, Connection, OptionalExtension};

use crate::{codes, StoreError};

/// Writes the council's details, replacing any held before: the latest import is the truth.
pub fn upsert(conn: &Connection, council: &Council) -> Result<(), StoreError> {
    let standing = serde_json::to_string(&council.standing_texts)
        .map_err(|e| StoreError::BadValue { column: "standing_texts".into(), value: e.to_string() })?;
    conn.execute(
        "INSERT INTO council (id, name, nation, chief_executive_name, chief_executive_title, logo, standing_texts, fixed_pages)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, nation = excluded.nation,
             chief_executive_name = excluded.chief_executive_name, chief_executive_title = excluded.chief_executive_title,
             logo = excluded.logo, standing_texts = excluded.standing_texts, fixed_pages = excluded.fixed_pages",
        params![
            council.name,
            council.nation.as_str(),
            council.chief_executive_name,
            council.chief_executive_title,
            council.logo,
            standing,
            council.fixed_pages
        ],
    )?;
    Ok(())
}

pub fn load(conn: &Connection) -> Result<Option<Council>, StoreError> {
    type Row = (String, String, String, String, Option<Vec<u8>>, String, Option<String>);
    let row: Option<Row> = conn
        .query_row(
            "SELECT name, nation, chief_executive_name, chief_executive_title, logo, standing_texts, fixed_pages
             FROM council WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
        )
        .optional()?;
    let Some((name, nation, ce_name, ce_title, logo, standing, fixed_pages)) = row else {
        return Ok(None);
    };
    let standing_texts: StandingTexts = serde_json::from_str(&standing)
        .map_err(|_| StoreError::BadValue { column: "council.standing_texts".into(), value: standing.clone() })?;
    Ok(Some(Council {
        name,
        nation: codes::nation("council.nation", &nation)?,
        chief_executive_name: ce_name,
        chief_executive_title: ce_title,
        logo,
        standing_texts,
        fixed_pages,
    }))
}
