//! Editing what deadlines are computed from, one transaction per user action: a committee's
//! local rules and their per-meeting overrides, the council's closure days, the imported
//! bank-holiday file (validated whole before anything is written, so a bad file changes
//! nothing), a late item's urgency reason, a key decision's notice date, and the warnings a
//! build records. The rows the app sees are here too.
//!
//! Deliberately not here: computing deadlines for a meeting (see `deadline_view`), and the
//! rules themselves (the deadlines crate).

use agendapack_deadlines::{BankHolidays, LocalRule, LocalRuleKind, Override, MAX_RULE_WORKING_DAYS};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::check::{invalid, Problems};
use crate::queries::deadlines as q;
use crate::{codes, Store, StoreError};

/// A committee's local deadline rule, with its hand-set dates.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeadlineRuleRow {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub committee_id: i64,
    /// "draft-to-board", "final-report", "draft-minutes" or "call-in".
    pub kind: String,
    pub label: String,
    pub working_days: u32,
    /// "HH:MM" or null.
    pub time: Option<String>,
    /// The rule in words.
    pub text: String,
    pub overrides: Vec<DeadlineOverrideRow>,
}

/// A date set by hand for one meeting (by its date), replacing the rule's.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeadlineOverrideRow {
    pub meeting_date: NaiveDate,
    pub date: NaiveDate,
    /// "HH:MM" or null (the rule's time then applies).
    pub time: Option<String>,
    pub reason: String,
}

/// What the rule form sends: `id` None adds a rule at the end.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeadlineRuleInput {
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub id: Option<i64>,
    pub kind: String,
    pub label: String,
    pub working_days: u32,
    pub time: Option<String>,
}

/// A day the council is closed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosureDay {
    pub date: NaiveDate,
    #[serde(default)]
    pub reason: String,
}

/// What a bank-holiday import did.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayImport {
    /// Per division: (division, first year, last year, number of holidays).
    pub divisions: Vec<(String, i32, i32, u32)>,
}

/// A committee's rules as a file (the demo's `deadline-rules.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    pub committee: String,
    pub rules: Vec<RuleSpec>,
}

// No deny_unknown_fields here: serde does not support it together with flatten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSpec {
    #[serde(flatten)]
    pub rule: LocalRule,
    #[serde(default)]
    pub overrides: Vec<OverrideSpec>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverrideSpec {
    pub meeting_date: NaiveDate,
    #[serde(flatten)]
    pub with: Override,
}

impl RulesFile {
    /// Reads a rules file, naming the place of the first problem.
    pub fn from_json(text: &str) -> Result<RulesFile, StoreError> {
        let de = &mut serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de)
            .map_err(|e| invalid(&e.path().to_string(), format!("the deadline rules file is not valid: {}", e.inner())))
    }
}

fn parse_time_field(field: &str, time: Option<&str>, problems: &mut Problems) -> Option<chrono::NaiveTime> {
    let text = time.map(str::trim).filter(|t| !t.is_empty())?;
    match chrono::NaiveTime::parse_from_str(text, "%H:%M") {
        Ok(t) => Some(t),
        Err(_) => {
            problems.push(field, format!("\"{text}\" is not a time of the form HH:MM"));
            None
        }
    }
}

fn check_rule(input: &DeadlineRuleInput) -> Result<LocalRule, StoreError> {
    let mut problems = Problems::default();
    let kind = LocalRuleKind::parse(&input.kind);
    if kind.is_none() {
        problems.push("kind", format!("\"{}\" is not a kind of deadline rule (draft-to-board, final-report, draft-minutes or call-in)", input.kind));
    }
    problems.required("label", &input.label, "the rule needs a label, e.g. \"Draft to CSG\"");
    if input.working_days > MAX_RULE_WORKING_DAYS {
        problems.push("working_days", format!("{} working days is more than a year; at most {MAX_RULE_WORKING_DAYS}", input.working_days));
    }
    let time = parse_time_field("time", input.time.as_deref(), &mut problems);
    problems.finish()?;
    let kind = kind.ok_or_else(|| invalid("kind", "the rule needs a kind"))?;
    Ok(LocalRule { kind, label: input.label.trim().to_string(), working_days: input.working_days, time })
}

fn committee_exists(conn: &Connection, committee_id: i64) -> Result<(), StoreError> {
    let found: Option<i64> = conn.query_row("SELECT id FROM committees WHERE id = ?1", [committee_id], |r| r.get(0)).optional()?;
    found.map(|_| ()).ok_or(StoreError::NotFound { what: "committee", id: committee_id })
}

pub(crate) fn rule_rows(conn: &Connection, committee_id: i64) -> Result<Vec<DeadlineRuleRow>, StoreError> {
    committee_exists(conn, committee_id)?;
    let overrides = q::overrides(conn, committee_id)?;
    Ok(q::rules(conn, committee_id)?
        .into_iter()
        .map(|stored| DeadlineRuleRow {
            id: stored.id,
            committee_id,
            kind: stored.rule.kind.as_str().to_string(),
            label: stored.rule.label.clone(),
            working_days: stored.rule.working_days,
            time: stored.rule.time.map(q::hm_text),
            text: stored.rule.text(),
            overrides: overrides
                .iter()
                .filter(|(_, rule_id, _, _)| *rule_id == stored.id)
                .map(|(_, _, meeting_date, o)| DeadlineOverrideRow {
                    meeting_date: *meeting_date,
                    date: o.date,
                    time: o.time.map(q::hm_text),
                    reason: o.reason.clone(),
                })
                .collect(),
        })
        .collect())
}

impl Store {
    /// A committee's local deadline rules, in order, with their overrides.
    pub fn deadline_rules(&self, committee_id: i64) -> Result<Vec<DeadlineRuleRow>, StoreError> {
        rule_rows(&self.conn, committee_id)
    }

    /// Adds (`id` None) or changes a rule of the committee.
    pub fn deadline_rule_save(&mut self, committee_id: i64, input: &DeadlineRuleInput) -> Result<Vec<DeadlineRuleRow>, StoreError> {
        let rule = check_rule(input)?;
        let tx = self.conn.transaction()?;
        committee_exists(&tx, committee_id)?;
        match input.id {
            None => {
                let next: i64 = tx.query_row(
                    "SELECT coalesce(max(position) + 1, 0) FROM deadline_rules WHERE committee_id = ?1",
                    [committee_id],
                    |r| r.get(0),
                )?;
                q::insert_rule(&tx, committee_id, next, &rule)?;
            }
            Some(id) => {
                if q::rule_committee(&tx, id)? != Some(committee_id) {
                    return Err(StoreError::NotFound { what: "deadline rule of this committee", id });
                }
                q::update_rule(&tx, id, &rule)?;
            }
        }
        let rows = rule_rows(&tx, committee_id)?;
        tx.commit()?;
        Ok(rows)
    }

    /// Deletes a rule (and its overrides); returns the committee's remaining rules.
    pub fn deadline_rule_delete(&mut self, rule_id: i64) -> Result<Vec<DeadlineRuleRow>, StoreError> {
        let tx = self.conn.transaction()?;
        let committee_id = q::rule_committee(&tx, rule_id)?.ok_or(StoreError::NotFound { what: "deadline rule", id: rule_id })?;
        tx.execute("DELETE FROM deadline_rules WHERE id = ?1", [rule_id])?;
        let rows = rule_rows(&tx, committee_id)?;
        tx.commit()?;
        Ok(rows)
    }

    /// Sets the date (and optionally time) of `rule_id` by hand for the meeting on
    /// `meeting_date`, with the reason; `None` removes the override.
    pub fn deadline_override_save(
        &mut self,
        rule_id: i64,
        meeting_date: NaiveDate,
        manual: Option<&DeadlineOverrideRow>,
    ) -> Result<Vec<DeadlineRuleRow>, StoreError> {
        let parsed = match manual {
            None => None,
            Some(row) => {
                let mut problems = Problems::default();
                problems.required("reason", &row.reason, "a date set by hand needs the reason, e.g. \"moved for Christmas\"");
                let time = parse_time_field("time", row.time.as_deref(), &mut problems);
                problems.finish()?;
                Some(Override { date: row.date, time, reason: row.reason.trim().to_string() })
            }
        };
        let tx = self.conn.transaction()?;
        let committee_id = q::rule_committee(&tx, rule_id)?.ok_or(StoreError::NotFound { what: "deadline rule", id: rule_id })?;
        match &parsed {
            Some(o) => q::upsert_override(&tx, rule_id, meeting_date, o)?,
            None => {
                tx.execute(
                    "DELETE FROM deadline_overrides WHERE rule_id = ?1 AND meeting_date = ?2",
                    params![rule_id, codes::date_text(meeting_date)],
                )?;
            }
        }
        let rows = rule_rows(&tx, committee_id)?;
        tx.commit()?;
        Ok(rows)
    }

    /// Replaces the rules of the committee named in `file` (created if missing) with the
    /// file's, in one transaction. Used to load the demo's rules.
    pub fn deadline_rules_import(&mut self, file: &RulesFile) -> Result<Vec<DeadlineRuleRow>, StoreError> {
        let mut problems = Problems::default();
        for (i, spec) in file.rules.iter().enumerate() {
            if spec.rule.label.trim().is_empty() {
                problems.push(format!("rules[{i}].label"), "every rule needs a label");
            }
            if spec.rule.working_days > MAX_RULE_WORKING_DAYS {
                problems.push(format!("rules[{i}].working_days"), format!("at most {MAX_RULE_WORKING_DAYS} working days"));
            }
            for (j, o) in spec.overrides.iter().enumerate() {
                problems.required(&format!("rules[{i}].overrides[{j}].reason"), &o.with.reason, "a date set by hand needs its reason");
            }
        }
        problems.finish()?;
        let tx = self.conn.transaction()?;
        let existing: Option<i64> =
            tx.query_row("SELECT id FROM committees WHERE name = ?1", [file.committee.trim()], |r| r.get(0)).optional()?;
        let committee_id = match existing {
            Some(id) => id,
            None => {
                tx.execute("INSERT INTO committees (name) VALUES (?1)", [file.committee.trim()])?;
                tx.last_insert_rowid()
            }
        };
        tx.execute("DELETE FROM deadline_rules WHERE committee_id = ?1", [committee_id])?;
        for (position, spec) in file.rules.iter().enumerate() {
            let rule_id = q::insert_rule(&tx, committee_id, position as i64, &spec.rule)?;
            for o in &spec.overrides {
                q::upsert_override(&tx, rule_id, o.meeting_date, &o.with)?;
            }
        }
        let rows = rule_rows(&tx, committee_id)?;
        tx.commit()?;
        Ok(rows)
    }

    /// [`Store::deadline_rules_import`] unless the committee already has rules (so a user's
    /// own rules are never replaced); returns whether the file was imported.
    pub fn deadline_rules_import_if_none(&mut self, file: &RulesFile) -> Result<bool, StoreError> {
        let count: i64 = self.conn.query_row(
            "SELECT count(*) FROM deadline_rules r JOIN committees c ON c.id = r.committee_id WHERE c.name = ?1",
            [file.committee.trim()],
            |r| r.get(0),
        )?;
        if count > 0 {
            return Ok(false);
        }
        self.deadline_rules_import(file)?;
        Ok(true)
    }

    pub fn closure_days(&self) -> Result<Vec<ClosureDay>, StoreError> {
        Ok(q::closures(&self.conn)?.into_iter().map(|(date, reason)| ClosureDay { date, reason }).collect())
    }

    /// Replaces the council's closure days. Closures only add non-working days: bank holidays
    /// cannot be removed this way.
    pub fn closure_days_save(&mut self, days: &[ClosureDay]) -> Result<Vec<ClosureDay>, StoreError> {
        let mut sorted = days.to_vec();
        sorted.sort_by_key(|d| d.date);
        sorted.dedup_by_key(|d| d.date);
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM closure_days", [])?;
        for day in &sorted {
            tx.execute("INSERT INTO closure_days (date, reason) VALUES (?1, ?2)", params![codes::date_text(day.date), day.reason.trim()])?;
        }
        tx.commit()?;
        self.closure_days()
    }

    /// Imports a bank-holiday file in the government's JSON format, laid over the shipped
    /// data from then on. The whole file is validated first; a bad one is refused with the
    /// reason and nothing changes.
    pub fn bank_holidays_import(&mut self, json: &str, source: &str, now: NaiveDateTime) -> Result<HolidayImport, StoreError> {
        let parsed = BankHolidays::from_json(json).map_err(|e| invalid("bank_holidays", format!("the bank-holiday file was refused: {e}")))?;
        let divisions = agendapack_deadlines::Division::ALL
            .into_iter()
            .filter_map(|d| {
                parsed.years(d).map(|(first, last)| (d.as_str().to_string(), first, last, parsed.events(d).len() as u32))
            })
            .collect();
        let tx = self.conn.transaction()?;
        q::store_holidays(&tx, json, source, now)?;
        tx.commit()?;
        Ok(HolidayImport { divisions })
    }

    /// The council's working calendar now (nation, bank holidays with any import, closures).
    pub fn working_calendar(&self) -> Result<agendapack_deadlines::WorkingCalendar, StoreError> {
        Ok(q::calendar(&self.conn)?.1)
    }

    /// Marks a late item supplementary with the s100B(4)(b) reason the chair gave, which the
    /// supplement's front sheet prints (the meeting's supplement reason gains it) and the
    /// minutes must carry.
    pub fn item_mark_late(&mut self, item_id: i64, reason: &str) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        mark_late(&tx, item_id, reason)?;
        tx.commit()?;
        Ok(())
    }

    /// Records (or clears) the day the notice of a key decision was published.
    pub fn key_decision_notice_save(&mut self, item_id: i64, on: Option<NaiveDate>) -> Result<(), StoreError> {
        let changed = self.conn.execute(
            "UPDATE reports SET key_decision_notice_on = ?2 WHERE agenda_item_id = ?1",
            params![item_id, on.map(codes::date_text)],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound { what: "report of agenda item", id: item_id });
        }
        Ok(())
    }

    /// Records the warnings of one build of a meeting's pack.
    pub fn build_warnings_record(&mut self, meeting_id: i64, at: NaiveDateTime, edition: &str, warnings: &[String]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        for warning in warnings {
            q::record_build_warning(&tx, meeting_id, at, edition, warning)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The warnings recorded for a meeting's builds: (built at, edition, warning).
    pub fn build_warnings(&self, meeting_id: i64) -> Result<Vec<(NaiveDateTime, String, String)>, StoreError> {
        q::build_warnings(&self.conn, meeting_id)
    }
}

/// The late rule, in one place (used by [`Store::item_mark_late`] and by a clearance submit
/// after the final-report deadline): the item becomes supplementary with the s100B(4)(b)
/// reason, which the meeting's supplement reason gains and the minutes carry.
pub(crate) fn mark_late(conn: &rusqlite::Connection, item_id: i64, reason: &str) -> Result<(), StoreError> {
    if reason.trim().is_empty() {
        return Err(invalid(
            "urgency_reason",
            "a late item needs the special circumstances that make it urgent (s100B(4)(b) Local Government Act 1972)",
        ));
    }
    let meeting_id: i64 = conn
        .query_row("SELECT meeting_id FROM agenda_items WHERE id = ?1", [item_id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound { what: "agenda item", id: item_id })?;
    conn.execute("UPDATE agenda_items SET supplementary = 1, urgency_reason = ?2 WHERE id = ?1", params![item_id, reason.trim()])?;
    let current: String = conn.query_row("SELECT supplement_reason FROM meetings WHERE id = ?1", [meeting_id], |r| r.get(0))?;
    if !current.contains(reason.trim()) {
        let joined = if current.trim().is_empty() { reason.trim().to_string() } else { format!("{}\n\n{}", current.trim_end(), reason.trim()) };
        conn.execute("UPDATE meetings SET supplement_reason = ?2 WHERE id = ?1", params![meeting_id, joined])?;
    }
    Ok(())
}
