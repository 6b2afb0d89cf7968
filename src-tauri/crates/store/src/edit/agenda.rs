//! Editing a meeting's agenda: add, change, delete and reorder items. Every change that moves
//! items renumbers the agenda: numbered items get 1..n in order, the Private Business heading
//! stays unnumbered (items after it form the private section).
//!
//! Every edit ends with [`check_private_section`], the model's one rule that nothing open to
//! the public sits below the Private Business heading, run inside the transaction after its
//! writes: an add, change, delete or move that would break it is refused and rolled back. So
//! that a move and its paragraph can arrive together, an add takes the new item's access and
//! a reorder can set one item's access in the same call.
//!
//! Deliberately not here: a report's own fields (see [`super::reports`]).

use agendapack_model::access::open_in_private_section_message;
use agendapack_model::{open_in_private_section, Access, ItemKind};
use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension};

use super::check::{invalid, Problems};
use super::meetings::meeting_detail;
use super::rows::{AccessChange, ItemChanges, ItemRow, MeetingDetail, NewItem, ReportFields};
use crate::queries::{meetings, reports};
use crate::{codes, StoreError};

/// The meeting's items in agenda order, with what the builder shows of their reports.
pub fn item_rows(conn: &Connection, meeting_id: i64) -> Result<Vec<ItemRow>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT i.id, i.position, i.number, i.title, i.kind, i.description, i.access_kind, i.access_paragraphs,
                i.access_public_title, i.supplementary, r.title,
                (SELECT count(*) FROM appendices a WHERE a.report_id = r.id), r.status
         FROM agenda_items i LEFT JOIN reports r ON r.agenda_item_id = i.id
         WHERE i.meeting_id = ?1 ORDER BY i.position",
    )?;
    let rows = stmt.query_map([meeting_id], |r| {
        Ok((
            (r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, Option<u32>>(2)?, r.get::<_, String>(3)?),
            (r.get::<_, String>(4)?, r.get::<_, String>(5)?, r.get::<_, String>(6)?, r.get::<_, String>(7)?),
            (r.get::<_, Option<String>>(8)?, r.get::<_, bool>(9)?, r.get::<_, Option<String>>(10)?, r.get::<_, i64>(11)?),
            r.get::<_, Option<String>>(12)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let ((id, position, number, title), (kind, description, access_kind, paragraphs), (public_title, supplementary, report_title, appendices), status) =
            row?;
        out.push(ItemRow {
            id,
            position: u32::try_from(position).map_err(|_| StoreError::BadValue {
                column: "agenda_items.position".into(),
                value: position.to_string(),
            })?,
            number,
            title,
            kind: codes::item_kind("agenda_items.kind", &kind)?,
            description,
            access: codes::access(&access_kind, &paragraphs, public_title)?,
            supplementary,
            has_report: report_title.is_some(),
            report_title,
            appendix_count: u32::try_from(appendices).unwrap_or(u32::MAX),
            report_status: status.map(|s| codes::report_status("reports.status", &s)).transpose()?,
        });
    }
    Ok(out)
}

/// The meeting an item belongs to.
/// One agenda item as the agenda lists it (its access included), found by its id.
pub fn item_row(conn: &Connection, item_id: i64) -> Result<ItemRow, StoreError> {
    let meeting_id = meeting_of_item(conn, item_id)?;
    item_rows(conn, meeting_id)?
        .into_iter()
        .find(|row| row.id == item_id)
        .ok_or(StoreError::NotFound { what: "agenda item", id: item_id })
}

pub fn meeting_of_item(conn: &Connection, item_id: i64) -> Result<i64, StoreError> {
    conn.query_row("SELECT meeting_id FROM agenda_items WHERE id = ?1", [item_id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound { what: "agenda item", id: item_id })
}

fn item_ids(conn: &Connection, meeting_id: i64) -> Result<Vec<(i64, ItemKind)>, StoreError> {
    let rows: Vec<(i64, String)> = conn
        .prepare("SELECT id, kind FROM agenda_items WHERE meeting_id = ?1 ORDER BY position")?
        .query_map([meeting_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    rows.into_iter().map(|(id, kind)| Ok((id, codes::item_kind("agenda_items.kind", &kind)?))).collect()
}

/// Writes `order` as the meeting's positions 0.. and numbers, in two steps because positions
/// are unique within a meeting.
fn write_order(conn: &Connection, meeting_id: i64, order: &[(i64, ItemKind)]) -> Result<(), StoreError> {
    conn.execute("UPDATE agenda_items SET position = -1 - position WHERE meeting_id = ?1", [meeting_id])?;
    let mut next = 1u32;
    for (position, (id, kind)) in order.iter().enumerate() {
        let number = if *kind == ItemKind::PrivateBusinessHeading {
            None
        } else {
            next += 1;
            Some(next - 1)
        };
        conn.execute(
            "UPDATE agenda_items SET position = ?2, number = ?3 WHERE id = ?1",
            params![id, position as i64, number],
        )?;
    }
    Ok(())
}

/// Where a new item goes without `after_item_id`: before the closing items (work programme,
/// urgent business, exclusion, private business), i.e. after the last report.
fn default_slot(order: &[(i64, ItemKind)]) -> usize {
    let closing = |k: &ItemKind| {
        matches!(
            k,
            ItemKind::WorkProgramme | ItemKind::UrgentBusiness | ItemKind::ExclusionResolution | ItemKind::PrivateBusinessHeading
        )
    };
    order.iter().position(|(_, k)| closing(k)).unwrap_or(order.len())
}

/// Refuses the agenda as it now stands in `conn`'s transaction when an item below the Private
/// Business heading is open to the public, naming the first such item; the form field at fault
/// is its access.
fn check_private_section(conn: &Connection, meeting_id: i64) -> Result<(), StoreError> {
    let rows = item_rows(conn, meeting_id)?;
    match open_in_private_section(rows.iter().map(|r| (r.kind, &r.access))).first() {
        Some(&i) => Err(invalid("access", open_in_private_section_message(rows[i].number, &rows[i].title))),
        None => Ok(()),
    }
}

pub fn item_add(conn: &mut Connection, meeting_id: i64, new: &NewItem, now: NaiveDateTime) -> Result<MeetingDetail, StoreError> {
    let (title, kind, after_item_id) = (new.title.as_str(), new.kind, new.after_item_id);
    let mut problems = Problems::default();
    problems.required("title", title, "an agenda item needs a title");
    problems.limit("title", agendapack_model::limits::Field::ItemTitle, title);
    problems.access("access", &new.access);
    problems.finish()?;
    let tx = conn.transaction()?;
    meetings::load(&tx, meeting_id)?.ok_or(StoreError::NoMeeting(meeting_id))?;
    let mut order = item_ids(&tx, meeting_id)?;
    if kind == ItemKind::PrivateBusinessHeading && order.iter().any(|(_, k)| *k == kind) {
        return Err(StoreError::Conflict {
            field: "kind".into(),
            message: "the agenda already has a Private Business heading".into(),
        });
    }
    let slot = match after_item_id {
        Some(after) => match order.iter().position(|(id, _)| *id == after) {
            Some(i) => i + 1,
            None => return Err(invalid("after_item_id", format!("agenda item {after} is not on this meeting's agenda"))),
        },
        None => default_slot(&order),
    };
    let access = codes::access_columns(&new.access);
    tx.execute(
        "INSERT INTO agenda_items (meeting_id, position, title, kind, access_kind, access_paragraphs, access_public_title)
         VALUES (?1, (SELECT coalesce(max(position) + 1, 0) FROM agenda_items WHERE meeting_id = ?1), ?2, ?3, ?4, ?5, ?6)",
        params![
            meeting_id,
            title.trim(),
            kind.as_str(),
            access.kind,
            access.paragraphs,
            access.public_title.as_deref().map(str::trim)
        ],
    )?;
    let id = tx.last_insert_rowid();
    if kind == ItemKind::Report {
        reports::insert(&tx, id, &ReportFields::draft(title.trim()).to_report(), now)?;
    }
    order.insert(slot, (id, kind));
    write_order(&tx, meeting_id, &order)?;
    check_private_section(&tx, meeting_id)?;
    let detail = meeting_detail(&tx, meeting_id)?;
    tx.commit()?;
    Ok(detail)
}

pub fn item_update(conn: &mut Connection, id: i64, changes: &ItemChanges) -> Result<MeetingDetail, StoreError> {
    let mut problems = Problems::default();
    problems.required("title", &changes.title, "an agenda item needs a title");
    problems.limit("title", agendapack_model::limits::Field::ItemTitle, &changes.title);
    problems.access("access", &changes.access);
    problems.finish()?;
    let tx = conn.transaction()?;
    let meeting_id = meeting_of_item(&tx, id)?;
    let access = codes::access_columns(&changes.access);
    tx.execute(
        "UPDATE agenda_items SET title = ?2, description = ?3, access_kind = ?4, access_paragraphs = ?5,
             access_public_title = ?6, supplementary = ?7
         WHERE id = ?1",
        params![
            id,
            changes.title.trim(),
            changes.description,
            access.kind,
            access.paragraphs,
            access.public_title.as_deref().map(str::trim),
            changes.supplementary
        ],
    )?;
    check_private_section(&tx, meeting_id)?;
    let detail = meeting_detail(&tx, meeting_id)?;
    tx.commit()?;
    Ok(detail)
}

/// Deletes an item with its report and appendices, and renumbers the rest.
pub fn item_delete(conn: &mut Connection, id: i64) -> Result<MeetingDetail, StoreError> {
    let tx = conn.transaction()?;
    let meeting_id = meeting_of_item(&tx, id)?;
    tx.execute("DELETE FROM agenda_items WHERE id = ?1", [id])?;
    let order = item_ids(&tx, meeting_id)?;
    write_order(&tx, meeting_id, &order)?;
    check_private_section(&tx, meeting_id)?;
    let detail = meeting_detail(&tx, meeting_id)?;
    tx.commit()?;
    Ok(detail)
}

/// Puts the agenda in the order of `item_ids` (every item of the meeting, once) and renumbers;
/// `set_access` changes one of its items' access in the same transaction (a move into the
/// private section with its paragraph, or out of it back to open).
pub fn items_reorder(
    conn: &mut Connection,
    meeting_id: i64,
    item_ids_wanted: &[i64],
    set_access: Option<&AccessChange>,
) -> Result<MeetingDetail, StoreError> {
    if let Some(change) = set_access {
        let mut problems = Problems::default();
        problems.access("access", &change.access);
        problems.finish()?;
    }
    let tx = conn.transaction()?;
    meetings::load(&tx, meeting_id)?.ok_or(StoreError::NoMeeting(meeting_id))?;
    let current = item_ids(&tx, meeting_id)?;
    let mut wanted_sorted = item_ids_wanted.to_vec();
    wanted_sorted.sort_unstable();
    let mut current_sorted: Vec<i64> = current.iter().map(|(id, _)| *id).collect();
    current_sorted.sort_unstable();
    if wanted_sorted != current_sorted {
        return Err(invalid("item_ids", "the new order must list every item of this meeting's agenda exactly once"));
    }
    let order: Vec<(i64, ItemKind)> = item_ids_wanted
        .iter()
        .filter_map(|id| current.iter().find(|(c, _)| c == id).copied())
        .collect();
    if let Some(change) = set_access {
        if !current.iter().any(|(id, _)| *id == change.item_id) {
            return Err(invalid("item_id", format!("agenda item {} is not on this meeting's agenda", change.item_id)));
        }
        set_item_access(&tx, change.item_id, &change.access)?;
    }
    write_order(&tx, meeting_id, &order)?;
    check_private_section(&tx, meeting_id)?;
    let detail = meeting_detail(&tx, meeting_id)?;
    tx.commit()?;
    Ok(detail)
}

fn set_item_access(conn: &Connection, id: i64, access: &Access) -> Result<(), StoreError> {
    let columns = codes::access_columns(access);
    conn.execute(
        "UPDATE agenda_items SET access_kind = ?2, access_paragraphs = ?3, access_public_title = ?4 WHERE id = ?1",
        params![id, columns.kind, columns.paragraphs, columns.public_title.as_deref().map(str::trim)],
    )?;
    Ok(())
}
