//! Editing the council's settings, committees and their memberships, one transaction per
//! user action.
//!
//! Deliberately not here: people as a list of their own (a person is found or created by name
//! and email when a seat is saved, like an import does).

use agendapack_model::{Council, StandingTextOverrides};
use rusqlite::{params, Connection, OptionalExtension};

use super::check::Problems;
use super::rows::{CommitteeRow, MembershipInput, MembershipRow};
use crate::queries::{council, people};
use crate::{codes, StoreError};

pub fn council_get(conn: &Connection) -> Result<Council, StoreError> {
    council::load(conn)?.ok_or(StoreError::NoCouncil)
}

pub fn council_save(conn: &mut Connection, value: &Council) -> Result<Council, StoreError> {
    let mut problems = Problems::default();
    problems.required("name", &value.name, "the council needs a name");
    problems.required("chief_executive_name", &value.chief_executive_name, "the chief executive needs a name");
    problems.limit("name", agendapack_model::limits::Field::CouncilName, &value.name);
    problems.limit("chief_executive_name", agendapack_model::limits::Field::ChiefExecutiveName, &value.chief_executive_name);
    problems.limit("chief_executive_title", agendapack_model::limits::Field::ChiefExecutiveTitle, &value.chief_executive_title);
    problems.finish()?;
    let tx = conn.transaction()?;
    council::upsert(&tx, value)?;
    let saved = council_get(&tx)?;
    tx.commit()?;
    Ok(saved)
}

/// Every committee, by name, with its memberships.
pub fn committees(conn: &Connection) -> Result<Vec<CommitteeRow>, StoreError> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM committees ORDER BY name, id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.into_iter().map(|id| committee_row(conn, id)).collect()
}

pub fn committee_row(conn: &Connection, id: i64) -> Result<CommitteeRow, StoreError> {
    let (name, retired): (String, bool) = conn
        .query_row("SELECT name, retired FROM committees WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or(StoreError::NotFound { what: "committee", id })?;
    let mut stmt = conn.prepare(
        "SELECT m.id, p.name, p.email, m.person_job_title, m.person_phone, m.role, m.from_date, m.until_date
         FROM memberships m JOIN people p ON p.id = m.person_id
         WHERE m.committee_id = ?1 ORDER BY m.position, m.id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, Option<String>>(7)?,
        ))
    })?;
    let mut members = Vec::new();
    for row in rows {
        let (mid, pname, email, job_title, phone, role, from, until) = row?;
        members.push(MembershipRow {
            id: mid,
            person: people::printed(pname, email, job_title, phone),
            role: codes::member_role("memberships.role", &role)?,
            from: codes::parse_date("memberships.from_date", &from)?,
            until: codes::parse_opt_date("memberships.until_date", until)?,
        });
    }
    let standing_texts = crate::queries::committees::standing_texts(conn, id)?;
    Ok(CommitteeRow { id, name, members, standing_texts, retired })
}

/// Creates a committee (no `id`) or renames one. Names are unique.
pub fn committee_save(conn: &mut Connection, id: Option<i64>, name: &str) -> Result<CommitteeRow, StoreError> {
    let name = name.trim();
    let mut problems = Problems::default();
    problems.required("name", name, "the committee needs a name");
    problems.limit("name", agendapack_model::limits::Field::CommitteeName, name);
    problems.finish()?;
    let tx = conn.transaction()?;
    let clash: Option<i64> = tx.query_row("SELECT id FROM committees WHERE name = ?1", [name], |r| r.get(0)).optional()?;
    if clash.is_some_and(|other| Some(other) != id) {
        return Err(StoreError::Conflict {
            field: "name".into(),
            message: format!("there is already a committee called \"{name}\""),
        });
    }
    let id = match id {
        Some(id) => {
            if tx.execute("UPDATE committees SET name = ?2 WHERE id = ?1", params![id, name])? == 0 {
                return Err(StoreError::NotFound { what: "committee", id });
            }
            id
        }
        None => {
            tx.execute("INSERT INTO committees (name) VALUES (?1)", [name])?;
            tx.last_insert_rowid()
        }
    };
    let row = committee_row(&tx, id)?;
    tx.commit()?;
    Ok(row)
}

/// Retires a committee (`retired` true) or brings it back. A retired committee keeps its
/// meetings, papers and minutes; it is only left out when new meetings are planned.
pub fn committee_retire(conn: &mut Connection, id: i64, retired: bool) -> Result<CommitteeRow, StoreError> {
    let tx = conn.transaction()?;
    if tx.execute("UPDATE committees SET retired = ?2 WHERE id = ?1", params![id, retired])? == 0 {
        return Err(StoreError::NotFound { what: "committee", id });
    }
    let row = committee_row(&tx, id)?;
    tx.commit()?;
    Ok(row)
}

/// Deletes a committee that has never met. One with meetings is refused: its papers and
/// minutes are records, so it is retired instead.
pub fn committee_delete(conn: &mut Connection, id: i64) -> Result<(), StoreError> {
    let tx = conn.transaction()?;
    let row = committee_row(&tx, id)?;
    let meetings: i64 = tx.query_row("SELECT count(*) FROM meetings WHERE committee_id = ?1", [id], |r| r.get(0))?;
    if meetings > 0 {
        let what = if meetings == 1 { "a meeting".to_string() } else { format!("{meetings} meetings") };
        return Err(StoreError::Conflict {
            field: "id".into(),
            message: format!("the committee \"{}\" has {what}, so it cannot be deleted; retire it instead", short(&row.name)),
        });
    }
    tx.execute("DELETE FROM committees WHERE id = ?1", [id])?;
    tx.commit()?;
    Ok(())
}

/// A name as quoted in a message: at most 40 characters (house style), since a database from
/// before the limits table may hold a far longer one.
fn short(name: &str) -> String {
    match name.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &name[..cut]),
        None => name.to_string(),
    }
}

/// Sets the committee's own wording of standing texts; a field left out (or blank) uses the
/// council's text again.
pub fn committee_texts_save(conn: &mut Connection, id: i64, texts: &StandingTextOverrides) -> Result<CommitteeRow, StoreError> {
    // A blank override would print nothing where the council's text belongs: read it as "use
    // the council's".
    let keep = |t: &Option<String>| t.as_ref().filter(|t| !t.trim().is_empty()).map(|t| t.trim().to_string());
    let texts = StandingTextOverrides {
        declaration_of_interests: keep(&texts.declaration_of_interests),
        minutes_confirmation: keep(&texts.minutes_confirmation),
        urgent_public_items: keep(&texts.urgent_public_items),
        exclusion_resolution: keep(&texts.exclusion_resolution),
        private_business: keep(&texts.private_business),
        no_private_business: keep(&texts.no_private_business),
        urgent_exempt_items: keep(&texts.urgent_exempt_items),
        webcast_notice: keep(&texts.webcast_notice),
    };
    let tx = conn.transaction()?;
    committee_row(&tx, id)?;
    crate::queries::committees::set_standing_texts(&tx, id, &texts)?;
    let row = committee_row(&tx, id)?;
    tx.commit()?;
    Ok(row)
}

/// Adds a seat to the committee or changes one of its seats.
pub fn membership_save(conn: &mut Connection, committee_id: i64, seat: &MembershipInput) -> Result<CommitteeRow, StoreError> {
    let mut problems = Problems::default();
    problems.person("person", &seat.person, "a member");
    if seat.until.is_some_and(|u| u < seat.from) {
        problems.push("until", "the membership ends before it starts");
    }
    problems.finish()?;
    let tx = conn.transaction()?;
    committee_row(&tx, committee_id)?;
    let person_id = people::upsert(&tx, &seat.person)?;
    let from = codes::date_text(seat.from);
    let until = seat.until.map(codes::date_text);
    match seat.id {
        Some(id) => {
            let changed = tx.execute(
                "UPDATE memberships SET person_id = ?3, person_job_title = ?4, person_phone = ?5, role = ?6,
                     from_date = ?7, until_date = ?8
                 WHERE id = ?1 AND committee_id = ?2",
                params![id, committee_id, person_id, seat.person.job_title, seat.person.phone, seat.role.as_str(), from, until],
            )?;
            if changed == 0 {
                return Err(StoreError::NotFound { what: "membership of this committee", id });
            }
        }
        None => {
            tx.execute(
                "INSERT INTO memberships (committee_id, position, person_id, person_job_title, person_phone, role, from_date, until_date)
                 VALUES (?1, (SELECT coalesce(max(position) + 1, 0) FROM memberships WHERE committee_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7)",
                params![committee_id, person_id, seat.person.job_title, seat.person.phone, seat.role.as_str(), from, until],
            )?;
        }
    }
    let row = committee_row(&tx, committee_id)?;
    tx.commit()?;
    Ok(row)
}

/// Removes a seat; the committee as it is afterwards.
pub fn membership_delete(conn: &mut Connection, id: i64) -> Result<CommitteeRow, StoreError> {
    let tx = conn.transaction()?;
    let committee_id: i64 = tx
        .query_row("SELECT committee_id FROM memberships WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound { what: "membership", id })?;
    tx.execute("DELETE FROM memberships WHERE id = ?1", [id])?;
    let row = committee_row(&tx, committee_id)?;
    tx.commit()?;
    Ok(row)
}
