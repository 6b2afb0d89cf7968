//! The executive's forward plan of key decisions in the database: save an entry (new, or the
//! one with the same reference), list the plan in decision-date order, delete an entry.
//!
//! Deliberately not here: the 28-clear-day notice check and the published paper (agendapack-
//! pack's forward_plan module); this module only checks what an entry needs to be stored.

use agendapack_model::validate::Problem;
use agendapack_model::{DecisionWhen, ForwardPlanEntry, UrgencyRoute};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

use crate::{codes, Store, StoreError};

/// A stored entry with its row id.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForwardPlanRow {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub entry: ForwardPlanEntry,
}

fn check(entry: &ForwardPlanEntry) -> Result<(), StoreError> {
    let mut problems = Vec::new();
    let mut need = |field: &str, text: &str, message: &str| {
        if text.trim().is_empty() {
            problems.push(Problem { path: field.to_string(), message: message.to_string() });
        }
    };
    need("reference", &entry.reference, "the key decision needs a reference");
    need("decision", &entry.decision, "the key decision needs a description");
    need("decision_maker", &entry.decision_maker, "the key decision needs a decision maker");
    if let Some(route) = &entry.urgency {
        need("urgency.reason", route.reason(), "an urgency route must record its reason");
    }
    if let Some(UrgencyRoute::SpecialUrgency { agreed_by, .. }) = &entry.urgency {
        need("urgency.agreed_by", agreed_by, "special urgency must record who agreed the decision is urgent");
    }
    if !matches!(entry.access, agendapack_model::Access::Public) {
        need("exempt_reason", &entry.exempt_reason, "a private decision must record why the information is exempt");
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(problems))
    }
}

const COLUMNS: &str = "id, reference, decision, decision_maker, decision_date, decision_period, wards, documents, contact,
    access_kind, access_paragraphs, access_public_title, exempt_reason, published, urgency_route, urgency_reason,
    urgency_informed, urgency_agreed_by";

type RawRow = (i64, [String; 8], String, String, Option<String>, String, Option<String>, Option<String>, String, Option<String>, String);

fn raw(r: &Row) -> rusqlite::Result<RawRow> {
    Ok((
        r.get(0)?,
        [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?],
        r.get(9)?,
        r.get(10)?,
        r.get(11)?,
        r.get(12)?,
        r.get(13)?,
        r.get(14)?,
        r.get(15)?,
        r.get(16)?,
        r.get(17)?,
    ))
}

fn entry(raw: RawRow) -> Result<ForwardPlanRow, StoreError> {
    let (id, [reference, decision, decision_maker, date, period, wards, documents, contact], kind, paragraphs, public_title, exempt_reason, published, route, reason, informed, agreed_by) = raw;
    let urgency = match route.as_deref() {
        None => None,
        Some("general-exception") => Some(UrgencyRoute::GeneralException {
            reason,
            scrutiny_chair_informed: codes::parse_opt_date("forward_plan_entries.urgency_informed", informed)?
                .ok_or_else(|| StoreError::BadValue { column: "forward_plan_entries.urgency_informed".into(), value: String::new() })?,
        }),
        Some("special-urgency") => Some(UrgencyRoute::SpecialUrgency { reason, agreed_by }),
        Some(other) => return Err(StoreError::BadValue { column: "forward_plan_entries.urgency_route".into(), value: other.into() }),
    };
    Ok(ForwardPlanRow {
        id,
        entry: ForwardPlanEntry {
            reference,
            decision,
            decision_maker,
            when: DecisionWhen { date: codes::parse_date("forward_plan_entries.decision_date", &date)?, period },
            wards: wards.lines().filter(|w| !w.trim().is_empty()).map(str::to_string).collect(),
            documents,
            contact,
            access: codes::access(&kind, &paragraphs, public_title)?,
            exempt_reason,
            published: codes::parse_opt_date("forward_plan_entries.published", published)?,
            urgency,
        },
    })
}

impl Store {
    /// The forward plan, by decision date then reference.
    pub fn forward_plan(&self) -> Result<Vec<ForwardPlanRow>, StoreError> {
        let mut stmt =
            self.conn.prepare(&format!("SELECT {COLUMNS} FROM forward_plan_entries ORDER BY decision_date, reference"))?;
        let rows = stmt.query_map([], raw)?;
        let mut out = Vec::new();
        for row in rows {
            out.push(entry(row?)?);
        }
        Ok(out)
    }

    /// Saves an entry: replaces the stored one with the same reference, or adds it.
    pub fn forward_plan_save(&mut self, e: &ForwardPlanEntry) -> Result<ForwardPlanRow, StoreError> {
        check(e)?;
        let access = codes::access_columns(&e.access);
        let (route, reason, informed, agreed_by) = match &e.urgency {
            None => (None, String::new(), None, String::new()),
            Some(UrgencyRoute::GeneralException { reason, scrutiny_chair_informed }) => {
                (Some("general-exception"), reason.clone(), Some(codes::date_text(*scrutiny_chair_informed)), String::new())
            }
            Some(UrgencyRoute::SpecialUrgency { reason, agreed_by }) => {
                (Some("special-urgency"), reason.clone(), None, agreed_by.clone())
            }
        };
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO forward_plan_entries (reference, decision, decision_maker, decision_date, decision_period, wards,
                 documents, contact, access_kind, access_paragraphs, access_public_title, exempt_reason, published,
                 urgency_route, urgency_reason, urgency_informed, urgency_agreed_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
             ON CONFLICT (reference) DO UPDATE SET decision = excluded.decision, decision_maker = excluded.decision_maker,
                 decision_date = excluded.decision_date, decision_period = excluded.decision_period, wards = excluded.wards,
                 documents = excluded.documents, contact = excluded.contact, access_kind = excluded.access_kind,
                 access_paragraphs = excluded.access_paragraphs, access_public_title = excluded.access_public_title,
                 exempt_reason = excluded.exempt_reason, published = excluded.published,
                 urgency_route = excluded.urgency_route, urgency_reason = excluded.urgency_reason,
                 urgency_informed = excluded.urgency_informed, urgency_agreed_by = excluded.urgency_agreed_by",
            params![
                e.reference.trim(),
                e.decision,
                e.decision_maker,
                codes::date_text(e.when.date),
                e.when.period,
                e.wards.join("\n"),
                e.documents,
                e.contact,
                access.kind,
                access.paragraphs,
                access.public_title,
                e.exempt_reason,
                e.published.map(codes::date_text),
                route,
                reason,
                informed,
                agreed_by
            ],
        )?;
        let row = tx.query_row(
            &format!("SELECT {COLUMNS} FROM forward_plan_entries WHERE reference = ?1"),
            [e.reference.trim()],
            raw,
        )?;
        tx.commit()?;
        entry(row)
    }

    /// Deletes an entry; [`StoreError::NotFound`] when there is none with that id.
    pub fn forward_plan_delete(&mut self, id: i64) -> Result<(), StoreError> {
        let found: Option<i64> =
            self.conn.query_row("SELECT id FROM forward_plan_entries WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        found.ok_or(StoreError::NotFound { what: "forward plan entry", id })?;
        self.conn.execute("DELETE FROM forward_plan_entries WHERE id = ?1", [id])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use agendapack_model::{Access, ExemptParagraph};
    use chrono::NaiveDate;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    fn sample() -> ForwardPlanEntry {
        ForwardPlanEntry {
            reference: "FP/2021/01".into(),
            decision: "Budget framework 2021/22".into(),
            decision_maker: "Cabinet".into(),
            when: DecisionWhen { date: date(2021, 2, 16), period: "February 2021".into() },
            wards: vec!["Abbey".into(), "Alibon".into()],
            documents: "Report".into(),
            contact: "Philip Gregory".into(),
            access: Access::Exempt { paragraphs: ExemptParagraph::new(3).into_iter().collect(), public_title: None },
            exempt_reason: "Commercial terms".into(),
            published: Some(date(2021, 1, 4)),
            urgency: Some(UrgencyRoute::GeneralException { reason: "Late grant terms".into(), scrutiny_chair_informed: date(2021, 1, 5) }),
        }
    }

    #[test]
    fn entries_round_trip_and_save_by_reference() {
        let mut store = Store::open_in_memory().unwrap_or_else(|e| panic!("store opens: {e}"));
        let saved = store.forward_plan_save(&sample()).unwrap_or_else(|e| panic!("a sound entry saves: {e}"));
        assert_eq!(saved.entry, sample(), "what is saved is what loads");
        let mut changed = sample();
        changed.decision = "Budget framework 2021/22 (revised)".into();
        changed.urgency = Some(UrgencyRoute::SpecialUrgency { reason: "Deadline".into(), agreed_by: "Scrutiny chair".into() });
        let again = store.forward_plan_save(&changed).unwrap_or_else(|e| panic!("saving again updates: {e}"));
        assert_eq!(again.id, saved.id, "the same reference is the same entry");
        assert_eq!(store.forward_plan().unwrap_or_default().len(), 1, "no duplicate entry");
        assert!(store.forward_plan_delete(again.id).is_ok(), "an entry can be deleted");
        assert!(matches!(store.forward_plan_delete(again.id), Err(StoreError::NotFound { .. })), "only once");
    }

    #[test]
    fn an_entry_missing_what_the_law_asks_is_refused_by_field() {
        let mut store = Store::open_in_memory().unwrap_or_else(|e| panic!("store opens: {e}"));
        let mut e = sample();
        e.exempt_reason = String::new();
        e.urgency = Some(UrgencyRoute::SpecialUrgency { reason: " ".into(), agreed_by: String::new() });
        match store.forward_plan_save(&e) {
            Err(StoreError::Invalid(p)) => {
                let fields: Vec<&str> = p.iter().map(|p| p.path.as_str()).collect();
                assert_eq!(fields, ["urgency.reason", "urgency.agreed_by", "exempt_reason"], "each missing field is named");
            }
            other => panic!("the entry must be refused, got {other:?}"),
        }
    }
}
