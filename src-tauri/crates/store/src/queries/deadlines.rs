//! SQL of the deadline tables (migration 0003): committees' local rules and their per-meeting
//! overrides, the council's closure days, the imported bank-holiday file, reports' status
//! history, and build warnings. Plus the council's working calendar built from them.
//!
//! Deliberately not here: computing deadlines or statuses (see `edit::deadlines` and the
//! deadlines crate) and validating input (done by the edit before its first write).

use agendapack_deadlines::{BankHolidays, LocalRule, LocalRuleKind, Override, WorkingCalendar};
use agendapack_model::Nation;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension};

use crate::{codes, StoreError};

fn bad(column: &str, value: impl Into<String>) -> StoreError {
    StoreError::BadValue { column: column.to_string(), value: value.into() }
}

/// "HH:MM" as stored.
pub fn hm_text(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

pub fn parse_hm(column: &str, text: &str) -> Result<NaiveTime, StoreError> {
    NaiveTime::parse_from_str(text, "%H:%M").map_err(|_| bad(column, text))
}

/// A stored rule with its id and place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRule {
    pub id: i64,
    pub committee_id: i64,
    pub position: i64,
    pub rule: LocalRule,
}

pub fn rules(conn: &Connection, committee_id: i64) -> Result<Vec<StoredRule>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, position, kind, label, working_days, time FROM deadline_rules
         WHERE committee_id = ?1 ORDER BY position, id",
    )?;
    let rows = stmt
        .query_map([committee_id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, i64>(4)?, r.get::<_, Option<String>>(5)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(id, position, kind, label, working_days, time)| {
            let kind = LocalRuleKind::parse(&kind).ok_or_else(|| bad("deadline_rules.kind", kind.clone()))?;
            let working_days = u32::try_from(working_days).map_err(|_| bad("deadline_rules.working_days", working_days.to_string()))?;
            let time = time.map(|t| parse_hm("deadline_rules.time", &t)).transpose()?;
            Ok(StoredRule { id, committee_id, position, rule: LocalRule { kind, label, working_days, time } })
        })
        .collect()
}

pub fn rule_committee(conn: &Connection, rule_id: i64) -> Result<Option<i64>, StoreError> {
    Ok(conn.query_row("SELECT committee_id FROM deadline_rules WHERE id = ?1", [rule_id], |r| r.get(0)).optional()?)
}

pub fn insert_rule(conn: &Connection, committee_id: i64, position: i64, rule: &LocalRule) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO deadline_rules (committee_id, position, kind, label, working_days, time) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![committee_id, position, rule.kind.as_str(), rule.label.trim(), rule.working_days, rule.time.map(hm_text)],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update_rule(conn: &Connection, id: i64, rule: &LocalRule) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE deadline_rules SET kind = ?2, label = ?3, working_days = ?4, time = ?5 WHERE id = ?1",
        params![id, rule.kind.as_str(), rule.label.trim(), rule.working_days, rule.time.map(hm_text)],
    )?;
    Ok(())
}

/// One override row: (id, rule id, meeting date, override).
pub type StoredOverride = (i64, i64, NaiveDate, Override);

/// Every override of a committee's rules, by meeting date then rule.
pub fn overrides(conn: &Connection, committee_id: i64) -> Result<Vec<StoredOverride>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT o.id, o.rule_id, o.meeting_date, o.date, o.time, o.reason
         FROM deadline_overrides o JOIN deadline_rules r ON r.id = o.rule_id
         WHERE r.committee_id = ?1 ORDER BY o.meeting_date, r.position, o.id",
    )?;
    let rows = stmt
        .query_map([committee_id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, Option<String>>(4)?, r.get::<_, String>(5)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(id, rule_id, meeting_date, date, time, reason)| {
            Ok((
                id,
                rule_id,
                codes::parse_date("deadline_overrides.meeting_date", &meeting_date)?,
                Override {
                    date: codes::parse_date("deadline_overrides.date", &date)?,
                    time: time.map(|t| parse_hm("deadline_overrides.time", &t)).transpose()?,
                    reason,
                },
            ))
        })
        .collect()
}

/// Inserts or replaces the override of `rule_id` for the meeting on `meeting_date`.
pub fn upsert_override(conn: &Connection, rule_id: i64, meeting_date: NaiveDate, manual: &Override) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO deadline_overrides (rule_id, meeting_date, date, time, reason) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (rule_id, meeting_date) DO UPDATE SET date = excluded.date, time = excluded.time, reason = excluded.reason",
        params![rule_id, codes::date_text(meeting_date), codes::date_text(manual.date), manual.time.map(hm_text), manual.reason.trim()],
    )?;
    Ok(())
}

/// The committee's rules, each paired with its override for the meeting on `meeting_date`.
pub fn rules_for_meeting(conn: &Connection, committee_id: i64, meeting_date: NaiveDate) -> Result<Vec<(StoredRule, Option<Override>)>, StoreError> {
    let all_overrides = overrides(conn, committee_id)?;
    Ok(rules(conn, committee_id)?
        .into_iter()
        .map(|stored| {
            let manual = all_overrides
                .iter()
                .find(|(_, rule_id, date, _)| *rule_id == stored.id && *date == meeting_date)
                .map(|(_, _, _, o)| o.clone());
            (stored, manual)
        })
        .collect())
}

pub fn closures(conn: &Connection) -> Result<Vec<(NaiveDate, String)>, StoreError> {
    let rows = conn
        .prepare("SELECT date, reason FROM closure_days ORDER BY date")?
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(|(date, reason)| Ok((codes::parse_date("closure_days.date", &date)?, reason))).collect()
}

/// The imported bank-holiday file: (JSON, source name, imported at).
pub fn imported_holidays(conn: &Connection) -> Result<Option<(String, String, NaiveDateTime)>, StoreError> {
    let row: Option<(String, String, String)> = conn
        .query_row("SELECT json, source, imported_at FROM bank_holiday_import WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    row.map(|(json, source, at)| Ok((json, source, codes::parse_date_time("bank_holiday_import.imported_at", &at)?))).transpose()
}

pub fn store_holidays(conn: &Connection, json: &str, source: &str, at: NaiveDateTime) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO bank_holiday_import (id, json, source, imported_at) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET json = excluded.json, source = excluded.source, imported_at = excluded.imported_at",
        params![json, source, codes::date_time_text(at)],
    )?;
    Ok(())
}

/// The shipped bank holidays with the imported file laid over them.
pub fn bank_holidays(conn: &Connection) -> Result<BankHolidays, StoreError> {
    let shipped = BankHolidays::shipped().map_err(|e| bad("shipped bank holidays", e.to_string()))?;
    match imported_holidays(conn)? {
        None => Ok(shipped),
        Some((json, _, _)) => {
            let newer = BankHolidays::from_json(&json).map_err(|e| bad("bank_holiday_import.json", e.to_string()))?;
            Ok(shipped.updated_with(&newer))
        }
    }
}

/// The council's nation (England before a council is saved).
pub fn nation(conn: &Connection) -> Result<Nation, StoreError> {
    let text: Option<String> = conn.query_row("SELECT nation FROM council WHERE id = 1", [], |r| r.get(0)).optional()?;
    text.map(|t| codes::nation("council.nation", &t)).transpose().map(|n| n.unwrap_or(Nation::England))
}

/// The council's working calendar: its nation's bank holidays (shipped, with any imported
/// file over them) and its closure days.
pub fn calendar(conn: &Connection) -> Result<(Nation, WorkingCalendar), StoreError> {
    calendar_with(conn, None)
}

/// [`calendar`], with a one-off newer bank-holiday file laid over the stored data.
pub fn calendar_with(conn: &Connection, overlay: Option<&BankHolidays>) -> Result<(Nation, WorkingCalendar), StoreError> {
    let nation = nation(conn)?;
    let closures = closures(conn)?.into_iter().map(|(d, _)| d).collect();
    let mut holidays = bank_holidays(conn)?;
    if let Some(newer) = overlay {
        holidays = holidays.updated_with(newer);
    }
    Ok((nation, WorkingCalendar::new(nation.into(), &holidays, closures)))
}

/// A report's statuses in order: (status, changed at).
pub fn status_history(conn: &Connection, report_id: i64) -> Result<Vec<(String, NaiveDateTime)>, StoreError> {
    let rows = conn
        .prepare("SELECT status, changed_at FROM report_status_history WHERE report_id = ?1 ORDER BY changed_at, id")?
        .query_map([report_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(status, at)| Ok((status, codes::parse_date_time("report_status_history.changed_at", &at)?)))
        .collect()
}

pub fn record_build_warning(conn: &Connection, meeting_id: i64, at: NaiveDateTime, edition: &str, warning: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO pack_build_warnings (meeting_id, built_at, edition, warning) VALUES (?1, ?2, ?3, ?4)",
        params![meeting_id, codes::date_time_text(at), edition, warning],
    )?;
    Ok(())
}

/// Warnings recorded for a meeting's builds, oldest first: (built at, edition, warning).
pub fn build_warnings(conn: &Connection, meeting_id: i64) -> Result<Vec<(NaiveDateTime, String, String)>, StoreError> {
    let rows = conn
        .prepare("SELECT built_at, edition, warning FROM pack_build_warnings WHERE meeting_id = ?1 ORDER BY built_at, id")?
        .query_map([meeting_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(at, edition, warning)| Ok((codes::parse_date_time("pack_build_warnings.built_at", &at)?, edition, warning)))
        .collect()
}
