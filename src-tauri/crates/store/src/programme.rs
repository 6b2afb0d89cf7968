//! Editing a committee's work programme: planned items attached to a stored meeting or to a
//! date with no meeting yet, moved between meetings with every move kept (as seed 001's
//! minute 25 records moves), deferred, withdrawn, or confirmed (which adds the agenda item and
//! an empty report assigned to the item's author). The board the app shows is one column per
//! meeting or programme date with its deadline columns.
//!
//! Deliberately not here: how the programme prints (see `queries::work_programme` and the
//! pack's programme paper) and the deadline rules themselves (issue 6's deadlines modules).

use agendapack_model::validate::Problem;
use agendapack_model::{ItemKind, Person, PlannedItemStatus, WorkProgrammeEntry};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::edit::ReportFields;
use crate::queries::work_programme as wp;
use crate::{codes, Store, StoreError};

fn invalid(field: &str, message: &str) -> StoreError {
    StoreError::Invalid(vec![Problem { path: field.to_string(), message: message.to_string() }])
}

/// Where a planned item goes: a stored meeting, or a date with no meeting yet.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
#[cfg_attr(feature = "ts", ts(rename_all = "kebab-case", tag = "kind"))]
pub enum PlanTarget {
    Meeting {
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        meeting_id: i64,
    },
    Date { date: NaiveDate },
}

/// What the user types for a planned item.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PlannedItemInput {
    pub title: String,
    #[serde(default)]
    pub officers: String,
    #[serde(default)]
    pub presenter: String,
    #[serde(default)]
    pub notes: String,
    /// The report's author, who gets the empty report when the item is confirmed.
    #[serde(default)]
    pub author_name: String,
    #[serde(default)]
    pub author_email: String,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedItemRow {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub meeting_id: Option<i64>,
    /// The meeting's date, or the target date.
    pub date: NaiveDate,
    pub input: PlannedItemInput,
    pub status: PlannedItemStatus,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub agenda_item_id: Option<i64>,
    /// Moves so far.
    pub moves: usize,
}

/// One recorded move.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedItemMove {
    pub from_date: NaiveDate,
    pub to_date: NaiveDate,
    pub reason: String,
    pub moved_at: NaiveDateTime,
}

/// One column of the board: a meeting or programme date, its deadlines and its items.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgrammeColumn {
    pub date: NaiveDate,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub meeting_id: Option<i64>,
    pub label: String,
    pub provisional: bool,
    pub clearance_deadline: String,
    pub final_report_deadline: String,
    pub items: Vec<PlannedItemRow>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgrammeBoard {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub committee_id: i64,
    pub columns: Vec<ProgrammeColumn>,
    /// Deferred items, waiting for a new date.
    pub deferred: Vec<PlannedItemRow>,
}

fn check_input(input: &PlannedItemInput) -> Result<(), StoreError> {
    if input.title.trim().is_empty() {
        return Err(invalid("title", "a planned item needs a title"));
    }
    Ok(())
}

/// The committee and date of a target; a meeting must belong to the committee.
fn resolve(conn: &Connection, committee_id: i64, target: PlanTarget) -> Result<(Option<i64>, NaiveDate), StoreError> {
    match target {
        PlanTarget::Date { date } => Ok((None, date)),
        PlanTarget::Meeting { meeting_id } => {
            let row: Option<(i64, String)> = conn
                .query_row("SELECT committee_id, substr(starts_at, 1, 10) FROM meetings WHERE id = ?1", [meeting_id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            let (committee, day) = row.ok_or(StoreError::NoMeeting(meeting_id))?;
            if committee != committee_id {
                return Err(invalid("meeting_id", "the meeting belongs to another committee than the planned item"));
            }
            Ok((Some(meeting_id), codes::parse_date("meetings.starts_at", &day)?))
        }
    }
}

const SELECT: &str = "SELECT p.id, p.meeting_id, coalesce(substr(m.starts_at, 1, 10), p.target_date), p.title, p.officers,
        p.presenter, p.notes, p.author_name, p.author_email, p.status, p.agenda_item_id,
        (SELECT count(*) FROM planned_item_moves v WHERE v.planned_item_id = p.id)
     FROM planned_items p LEFT JOIN meetings m ON m.id = p.meeting_id";

type Raw = (i64, Option<i64>, String, [String; 6], String, Option<i64>, i64);

fn raw(r: &rusqlite::Row) -> rusqlite::Result<Raw> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        [r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?],
        r.get(9)?,
        r.get(10)?,
        r.get(11)?,
    ))
}

fn row((id, meeting_id, date, [title, officers, presenter, notes, author_name, author_email], status, agenda_item_id, moves): Raw) -> Result<PlannedItemRow, StoreError> {
    Ok(PlannedItemRow {
        id,
        meeting_id,
        date: codes::parse_date("planned item date", &date)?,
        input: PlannedItemInput { title, officers, presenter, notes, author_name, author_email },
        status: PlannedItemStatus::parse(&status)
            .ok_or_else(|| StoreError::BadValue { column: "planned_items.status".into(), value: status.clone() })?,
        agenda_item_id,
        moves: moves as usize,
    })
}

fn load_item(conn: &Connection, id: i64) -> Result<(i64, PlannedItemRow), StoreError> {
    let found: Option<Raw> = conn.query_row(&format!("{SELECT} WHERE p.id = ?1"), [id], raw).optional()?;
    let raw_row = found.ok_or(StoreError::NotFound { what: "planned item", id })?;
    let committee: i64 = conn.query_row("SELECT committee_id FROM planned_items WHERE id = ?1", [id], |r| r.get(0))?;
    Ok((committee, row(raw_row)?))
}

impl Store {
    /// Adds a planned item at the end of its meeting's (or date's) list.
    pub fn programme_item_add(&mut self, committee_id: i64, target: PlanTarget, input: &PlannedItemInput) -> Result<PlannedItemRow, StoreError> {
        check_input(input)?;
        let tx = self.conn.transaction()?;
        let (meeting_id, date) = resolve(&tx, committee_id, target)?;
        tx.execute(
            "INSERT INTO planned_items (committee_id, meeting_id, target_date, position, title, officers, presenter, notes,
                 author_name, author_email)
             VALUES (?1, ?2, ?3, (SELECT coalesce(max(position) + 1, 0) FROM planned_items WHERE committee_id = ?1),
                 ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                committee_id,
                meeting_id,
                codes::date_text(date),
                input.title.trim(),
                input.officers,
                input.presenter,
                input.notes,
                input.author_name.trim(),
                input.author_email.trim()
            ],
        )?;
        let id = tx.last_insert_rowid();
        let (_, item) = load_item(&tx, id)?;
        tx.commit()?;
        Ok(item)
    }

    pub fn programme_item_update(&mut self, id: i64, input: &PlannedItemInput) -> Result<PlannedItemRow, StoreError> {
        check_input(input)?;
        let tx = self.conn.transaction()?;
        load_item(&tx, id)?;
        tx.execute(
            "UPDATE planned_items SET title = ?2, officers = ?3, presenter = ?4, notes = ?5, author_name = ?6, author_email = ?7
             WHERE id = ?1",
            params![id, input.title.trim(), input.officers, input.presenter, input.notes, input.author_name.trim(), input.author_email.trim()],
        )?;
        let (_, item) = load_item(&tx, id)?;
        tx.commit()?;
        Ok(item)
    }

    /// Moves an item to another meeting or date, recording the move; a deferred item moved to
    /// a date is planned again. A confirmed item cannot move: its agenda item is on the meeting.
    pub fn programme_item_move(&mut self, id: i64, to: PlanTarget, reason: &str, now: NaiveDateTime) -> Result<PlannedItemRow, StoreError> {
        let tx = self.conn.transaction()?;
        let (committee_id, item) = load_item(&tx, id)?;
        if item.status == PlannedItemStatus::Confirmed {
            return Err(StoreError::Conflict {
                field: "status".into(),
                message: "a confirmed item is on its meeting's agenda; remove the agenda item before moving it".into(),
            });
        }
        let (meeting_id, date) = resolve(&tx, committee_id, to)?;
        if meeting_id == item.meeting_id && date == item.date {
            return Err(invalid("target", "the item is already planned for that meeting"));
        }
        tx.execute(
            "INSERT INTO planned_item_moves (planned_item_id, from_meeting_id, from_date, to_meeting_id, to_date, reason, moved_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, item.meeting_id, codes::date_text(item.date), meeting_id, codes::date_text(date), reason.trim(), codes::date_time_text(now)],
        )?;
        tx.execute(
            "UPDATE planned_items SET meeting_id = ?2, target_date = ?3, status = 'planned',
                 position = (SELECT coalesce(max(position) + 1, 0) FROM planned_items WHERE committee_id = ?4)
             WHERE id = ?1",
            params![id, meeting_id, codes::date_text(date), committee_id],
        )?;
        let (_, moved) = load_item(&tx, id)?;
        tx.commit()?;
        Ok(moved)
    }

    /// Every move of an item, oldest first.
    pub fn programme_item_history(&self, id: i64) -> Result<Vec<PlannedItemMove>, StoreError> {
        load_item(&self.conn, id)?;
        let mut stmt = self.conn.prepare(
            "SELECT from_date, to_date, reason, moved_at FROM planned_item_moves WHERE planned_item_id = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(from, to, reason, at)| {
                Ok(PlannedItemMove {
                    from_date: codes::parse_date("planned_item_moves.from_date", &from)?,
                    to_date: codes::parse_date("planned_item_moves.to_date", &to)?,
                    reason,
                    moved_at: codes::parse_date_time("planned_item_moves.moved_at", &at)?,
                })
            })
            .collect()
    }

    /// Defers, withdraws or re-plans an item. Confirming is [`Store::programme_item_confirm`].
    pub fn programme_item_set_status(&mut self, id: i64, status: PlannedItemStatus) -> Result<PlannedItemRow, StoreError> {
        if status == PlannedItemStatus::Confirmed {
            return Err(invalid("status", "confirm an item with the confirm action, which adds its agenda item"));
        }
        let tx = self.conn.transaction()?;
        let (_, item) = load_item(&tx, id)?;
        if item.status == PlannedItemStatus::Confirmed {
            return Err(StoreError::Conflict {
                field: "status".into(),
                message: "a confirmed item is on its meeting's agenda; remove the agenda item first".into(),
            });
        }
        tx.execute("UPDATE planned_items SET status = ?2 WHERE id = ?1", params![id, status.as_str()])?;
        let (_, item) = load_item(&tx, id)?;
        tx.commit()?;
        Ok(item)
    }

    /// Confirms a planned item for its meeting: adds a report item to the meeting's agenda with
    /// an empty draft report whose author is the item's author, and marks the item confirmed.
    /// The meeting must exist. The agenda edit is its own transaction (the agenda module owns
    /// it); if marking the item then fails, the new agenda item is removed again.
    pub fn programme_item_confirm(&mut self, id: i64, now: NaiveDateTime) -> Result<PlannedItemRow, StoreError> {
        let (_, item) = load_item(&self.conn, id)?;
        if item.status == PlannedItemStatus::Confirmed {
            return Err(StoreError::Conflict { field: "status".into(), message: "the item is already confirmed".into() });
        }
        let Some(meeting_id) = item.meeting_id else {
            return Err(invalid("meeting_id", "create the meeting for this date before confirming the item"));
        };
        let before: Vec<i64> = self.meeting_detail(meeting_id)?.items.iter().map(|i| i.id).collect();
        let after = self.item_add(meeting_id, &item.input.title, ItemKind::Report, None, now)?;
        let Some(agenda_item_id) = after.items.iter().map(|i| i.id).find(|i| !before.contains(i)) else {
            return Err(StoreError::Conflict { field: "agenda".into(), message: "the new agenda item could not be found".into() });
        };
        let finish = |store: &mut Store| -> Result<PlannedItemRow, StoreError> {
            if !item.input.author_name.is_empty() {
                let mut report = ReportFields::draft(&item.input.title);
                report.authors = vec![Person {
                    name: item.input.author_name.clone(),
                    job_title: String::new(),
                    phone: String::new(),
                    email: item.input.author_email.clone(),
                }];
                store.report_save(agenda_item_id, &report, now)?;
            }
            store.conn.execute(
                "UPDATE planned_items SET status = 'confirmed', agenda_item_id = ?2 WHERE id = ?1",
                params![id, agenda_item_id],
            )?;
            Ok(load_item(&store.conn, id)?.1)
        };
        match finish(self) {
            Ok(row) => Ok(row),
            Err(e) => {
                // Leave no half-confirmed item: the agenda item goes again (best effort).
                let _ = self.item_delete(agenda_item_id);
                Err(e)
            }
        }
    }

    /// Sets a programme date's label, provisional flag and omitted deadline kinds.
    pub fn programme_date_save(&mut self, committee_id: i64, date: NaiveDate, label: &str, provisional: bool, omitted: &[String]) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO programme_dates (committee_id, date, label, provisional, omitted_deadlines) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (committee_id, date) DO UPDATE SET label = excluded.label, provisional = excluded.provisional,
                 omitted_deadlines = excluded.omitted_deadlines",
            params![committee_id, codes::date_text(date), label.trim(), provisional, omitted.join(",")],
        )?;
        Ok(())
    }

    /// The board from `from` on: one column per stored meeting of the committee and per date
    /// with planned items, in date order, with their deadline columns; deferred items apart.
    pub fn programme_board(&self, committee_id: i64, from: NaiveDate) -> Result<ProgrammeBoard, StoreError> {
        let items: Vec<PlannedItemRow> = self
            .conn
            .prepare(&format!(
                "{SELECT} WHERE p.committee_id = ?1 AND p.status <> 'withdrawn'
                 ORDER BY coalesce(substr(m.starts_at, 1, 10), p.target_date), p.position, p.id"
            ))?
            .query_map([committee_id], raw)?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .map(row)
            .collect::<Result<_, _>>()?;
        let meetings: Vec<(i64, String)> = self
            .conn
            .prepare("SELECT id, substr(starts_at, 1, 10) FROM meetings WHERE committee_id = ?1 AND substr(starts_at, 1, 10) >= ?2 ORDER BY starts_at, id")?
            .query_map(params![committee_id, codes::date_text(from)], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut keys: Vec<(NaiveDate, Option<i64>)> = Vec::new();
        for (id, day) in meetings {
            keys.push((codes::parse_date("meetings.starts_at", &day)?, Some(id)));
        }
        let (deferred, planned): (Vec<PlannedItemRow>, Vec<PlannedItemRow>) =
            items.into_iter().partition(|i| i.status == PlannedItemStatus::Deferred);
        for item in planned.iter().filter(|i| i.date >= from) {
            let key = (item.date, item.meeting_id);
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        keys.sort();
        let mut columns = Vec::new();
        for (date, meeting_id) in keys {
            let (label, provisional, omitted) = wp::date_details(&self.conn, committee_id, date)?;
            let (clearance_deadline, final_report_deadline) = wp::deadline_columns(&self.conn, committee_id, date, &omitted)?;
            columns.push(ProgrammeColumn {
                date,
                meeting_id,
                label,
                provisional,
                clearance_deadline,
                final_report_deadline,
                items: planned.iter().filter(|i| i.date == date && i.meeting_id == meeting_id).cloned().collect(),
            });
        }
        Ok(ProgrammeBoard { committee_id, columns, deferred })
    }

    /// Turns a committee's imported programme rows (printed strings, from a bundle) into
    /// planned items and programme dates, once: a committee that already has planned items is
    /// left alone. A deadline column printed blank for a date becomes an omitted kind, so the
    /// generated programme prints what was imported. Returns how many items were made.
    pub fn programme_adopt_imported(&mut self, committee_id: i64, from: NaiveDate) -> Result<usize, StoreError> {
        if wp::has_planned_items(&self.conn, committee_id)? {
            return Ok(0);
        }
        let rows: Vec<WorkProgrammeEntry> = wp::imported_from(&self.conn, committee_id, from)?;
        let tx = self.conn.transaction()?;
        let mut seen: Vec<NaiveDate> = Vec::new();
        for (position, e) in rows.iter().enumerate() {
            if !seen.contains(&e.meeting_date) {
                seen.push(e.meeting_date);
                let mut omitted = Vec::new();
                if e.clearance_deadline.is_empty() {
                    omitted.push("draft-to-board");
                }
                if e.final_report_deadline.is_empty() {
                    omitted.push("final-report");
                }
                tx.execute(
                    "INSERT OR REPLACE INTO programme_dates (committee_id, date, label, provisional, omitted_deadlines)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![committee_id, codes::date_text(e.meeting_date), e.meeting_label, e.provisional, omitted.join(",")],
                )?;
            }
            tx.execute(
                "INSERT INTO planned_items (committee_id, target_date, position, title, officers, presenter)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![committee_id, codes::date_text(e.meeting_date), position as i64, e.title, e.officers, e.presenter],
            )?;
        }
        tx.commit()?;
        Ok(rows.len())
    }
}

#[cfg(test)]
#[path = "programme_tests.rs"]
mod tests;
