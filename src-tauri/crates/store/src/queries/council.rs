//! The single-row `council` table.

use agendapack_model::validate::Problem;
use agendapack_model::{Council, DayType, DeadlineSettings, StandingTexts};
use rusqlite::{params, Connection, OptionalExtension};

use crate::{codes, StoreError};

/// Writes the council's details, replacing any held before: the latest import is the truth.
/// Its deadline settings are checked here, the one door both a save and an import pass, so a
/// bad value is refused naming its field (`deadline_settings.<field>`) before anything is written.
pub fn upsert(conn: &Connection, council: &Council) -> Result<(), StoreError> {
    let problems: Vec<Problem> = council
        .deadline_settings
        .problems()
        .into_iter()
        .map(|(field, message)| Problem { path: format!("deadline_settings.{field}"), message })
        .collect();
    if !problems.is_empty() {
        return Err(StoreError::Invalid(problems));
    }
    let standing = serde_json::to_string(&council.standing_texts)
        .map_err(|e| StoreError::BadValue { column: "standing_texts".into(), value: e.to_string() })?;
    let settings = &council.deadline_settings;
    conn.execute(
        "INSERT INTO council (id, name, nation, chief_executive_name, chief_executive_title, logo, standing_texts, fixed_pages,
             scotland_publication_days, northern_ireland_clear_days, northern_ireland_publication_days, key_decision_days)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, nation = excluded.nation,
             chief_executive_name = excluded.chief_executive_name, chief_executive_title = excluded.chief_executive_title,
             logo = excluded.logo, standing_texts = excluded.standing_texts, fixed_pages = excluded.fixed_pages,
             scotland_publication_days = excluded.scotland_publication_days,
             northern_ireland_clear_days = excluded.northern_ireland_clear_days,
             northern_ireland_publication_days = excluded.northern_ireland_publication_days,
             key_decision_days = excluded.key_decision_days",
        params![
            council.name,
            council.nation.as_str(),
            council.chief_executive_name,
            council.chief_executive_title,
            council.logo,
            standing,
            council.fixed_pages,
            settings.scotland_publication_days.as_str(),
            settings.northern_ireland_clear_days,
            settings.northern_ireland_publication_days.as_str(),
            settings.key_decision_days.as_str(),
        ],
    )?;
    Ok(())
}

/// The council's deadline settings; the defaults when there is no council yet.
pub fn deadline_settings(conn: &Connection) -> Result<DeadlineSettings, StoreError> {
    let row: Option<(String, u32, String, String)> = conn
        .query_row(
            "SELECT scotland_publication_days, northern_ireland_clear_days, northern_ireland_publication_days, key_decision_days
             FROM council WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((scotland, ni_days, ni_type, key)) = row else {
        return Ok(DeadlineSettings::default());
    };
    let day_type = |column: &str, text: String| {
        DayType::parse(&text).ok_or(StoreError::BadValue { column: format!("council.{column}"), value: text })
    };
    Ok(DeadlineSettings {
        scotland_publication_days: day_type("scotland_publication_days", scotland)?,
        northern_ireland_clear_days: ni_days,
        northern_ireland_publication_days: day_type("northern_ireland_publication_days", ni_type)?,
        key_decision_days: day_type("key_decision_days", key)?,
    })
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
        deadline_settings: deadline_settings(conn)?,
    }))
}
