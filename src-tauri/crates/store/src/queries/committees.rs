//! The `committees` and `memberships` tables.

use agendapack_model::{Committee, Membership, StandingTextOverrides};
use rusqlite::{params, Connection, OptionalExtension};

use super::people;
use crate::{codes, StoreError};

/// The id of the committee with this exact name, created if there is none.
pub fn find_or_create(conn: &Connection, name: &str) -> rusqlite::Result<i64> {
    if let Some(id) = conn.query_row("SELECT id FROM committees WHERE name = ?1", [name], |r| r.get(0)).optional()? {
        return Ok(id);
    }
    conn.execute("INSERT INTO committees (name) VALUES (?1)", [name])?;
    Ok(conn.last_insert_rowid())
}

/// Adds the memberships the committee does not have yet. A seat is the same when person, role
/// and start date match; its end date and printed details are then updated, so importing the
/// same meeting twice does not double the members.
pub fn merge_memberships(conn: &Connection, committee_id: i64, members: &[Membership]) -> rusqlite::Result<()> {
    for m in members {
        let person_id = people::upsert(conn, &m.person)?;
        let from = codes::date_text(m.from);
        let until = m.until.map(codes::date_text);
        let existing: Option<i64> = conn
            .query_row(
                "SELECT id FROM memberships WHERE committee_id = ?1 AND person_id = ?2 AND role = ?3 AND from_date = ?4",
                params![committee_id, person_id, m.role.as_str(), from],
                |r| r.get(0),
            )
            .optional()?;
        match existing {
            Some(id) => {
                conn.execute(
                    "UPDATE memberships SET until_date = ?2, person_job_title = ?3, person_phone = ?4 WHERE id = ?1",
                    params![id, until, m.person.job_title, m.person.phone],
                )?;
            }
            None => {
                conn.execute(
                    "INSERT INTO memberships (committee_id, position, person_id, person_job_title, person_phone, role, from_date, until_date)
                     VALUES (?1, (SELECT coalesce(max(position) + 1, 0) FROM memberships WHERE committee_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![committee_id, person_id, m.person.job_title, m.person.phone, m.role.as_str(), from, until],
                )?;
            }
        }
    }
    Ok(())
}

/// The committee with every membership it holds, in the order they were added.
pub fn load(conn: &Connection, committee_id: i64) -> Result<Committee, StoreError> {
    let name: String = conn.query_row("SELECT name FROM committees WHERE id = ?1", [committee_id], |r| r.get(0))?;
    let mut stmt = conn.prepare(
        "SELECT p.name, p.email, m.person_job_title, m.person_phone, m.role, m.from_date, m.until_date
         FROM memberships m JOIN people p ON p.id = m.person_id
         WHERE m.committee_id = ?1 ORDER BY m.position, m.id",
    )?;
    let rows = stmt.query_map([committee_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, Option<String>>(6)?,
        ))
    })?;
    let mut members = Vec::new();
    for row in rows {
        let (pname, email, job_title, phone, role, from, until) = row?;
        members.push(Membership {
            person: people::printed(pname, email, job_title, phone),
            role: codes::member_role("memberships.role", &role)?,
            from: codes::parse_date("memberships.from_date", &from)?,
            until: codes::parse_opt_date("memberships.until_date", until)?,
        });
    }
    Ok(Committee { name, members, standing_texts: standing_texts(conn, committee_id)? })
}

/// The committee's own wording of standing texts (migration 0007); empty uses the council's.
pub fn standing_texts(conn: &Connection, committee_id: i64) -> Result<StandingTextOverrides, StoreError> {
    let text: String = conn.query_row("SELECT standing_texts FROM committees WHERE id = ?1", [committee_id], |r| r.get(0))?;
    serde_json::from_str(&text).map_err(|_| StoreError::BadValue { column: "committees.standing_texts".into(), value: text })
}

pub fn set_standing_texts(conn: &Connection, committee_id: i64, texts: &StandingTextOverrides) -> Result<(), StoreError> {
    let json = serde_json::to_string(texts)
        .map_err(|e| StoreError::BadValue { column: "committees.standing_texts".into(), value: e.to_string() })?;
    conn.execute("UPDATE committees SET standing_texts = ?2 WHERE id = ?1", rusqlite::params![committee_id, json])?;
    Ok(())
}
