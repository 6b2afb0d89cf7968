//! Recommendation trackers (action plans) in the database: create one whole (the demo's seed
//! trackers, an import), list them, load one as the model's [`Tracker`] or with row ids for the
//! editor, add a dated progress update to an action, each in one transaction.
//!
//! Deliberately not here: the "as at" view and rendering (the model's `TrackerAction::as_at`
//! and agendapack-pack's tracker paper); progress updates are only ever appended, never
//! rewritten, so an old view can be reproduced.

use agendapack_model::validate::Problem;
use agendapack_model::{ActionStatus, ProgressUpdate, Rag, Recommendation, Tracker, TrackerAction, TrackerSource};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::{codes, Store, StoreError};

fn invalid(field: &str, message: &str) -> StoreError {
    StoreError::Invalid(vec![Problem { path: field.to_string(), message: message.to_string() }])
}

fn bad(column: &str, value: &str) -> StoreError {
    StoreError::BadValue { column: column.to_string(), value: value.to_string() }
}

/// A line of the trackers list.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackerListRow {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub title: String,
    pub source: TrackerSource,
    pub recommendations: usize,
    pub actions: usize,
}

/// An action with its row id, for the editor.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackerActionRow {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub action: TrackerAction,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecommendationRow {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub number: String,
    pub text: String,
    pub theme: String,
    pub actions: Vec<TrackerActionRow>,
}

/// A tracker with row ids.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackerDetail {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub title: String,
    pub source: TrackerSource,
    pub source_name: String,
    pub recommendations: Vec<RecommendationRow>,
}

impl TrackerDetail {
    /// The model value, without ids.
    pub fn tracker(&self) -> Tracker {
        Tracker {
            title: self.title.clone(),
            source: self.source,
            source_name: self.source_name.clone(),
            recommendations: self
                .recommendations
                .iter()
                .map(|r| Recommendation {
                    number: r.number.clone(),
                    text: r.text.clone(),
                    theme: r.theme.clone(),
                    actions: r.actions.iter().map(|a| a.action.clone()).collect(),
                })
                .collect(),
        }
    }
}

fn check_tracker(tracker: &Tracker) -> Result<(), StoreError> {
    let mut problems = Vec::new();
    let mut push = |path: String, message: &str| problems.push(Problem { path, message: message.to_string() });
    if tracker.title.trim().is_empty() {
        push("title".into(), "the tracker needs a title");
    }
    for (r, rec) in tracker.recommendations.iter().enumerate() {
        if rec.text.trim().is_empty() {
            push(format!("recommendations[{r}].text"), "a recommendation needs its text");
        }
        for (a, action) in rec.actions.iter().enumerate() {
            if action.text.trim().is_empty() {
                push(format!("recommendations[{r}].actions[{a}].text"), "an action needs its text");
            }
            for (u, update) in action.updates.iter().enumerate() {
                if update.text.trim().is_empty() {
                    push(format!("recommendations[{r}].actions[{a}].updates[{u}].text"), "a progress update needs its text");
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Invalid(problems))
    }
}

fn insert_update(conn: &Connection, action_id: i64, update: &ProgressUpdate) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO tracker_updates (action_id, as_at, text, status, rag) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![action_id, codes::date_text(update.as_at), update.text, update.status.as_str(), update.rag.map(Rag::as_str)],
    )?;
    Ok(())
}

fn load_updates(conn: &Connection, action_id: i64) -> Result<Vec<ProgressUpdate>, StoreError> {
    let mut stmt = conn.prepare("SELECT as_at, text, status, rag FROM tracker_updates WHERE action_id = ?1 ORDER BY as_at, id")?;
    let rows = stmt.query_map([action_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, Option<String>>(3)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (as_at, text, status, rag) = row?;
        out.push(ProgressUpdate {
            as_at: codes::parse_date("tracker_updates.as_at", &as_at)?,
            text,
            status: ActionStatus::parse(&status).ok_or_else(|| bad("tracker_updates.status", &status))?,
            rag: rag.map(|r| Rag::parse(&r).ok_or_else(|| bad("tracker_updates.rag", &r))).transpose()?,
        });
    }
    Ok(out)
}

impl Store {
    /// Stores a whole tracker in one transaction and returns its id.
    pub fn tracker_create(&mut self, tracker: &Tracker) -> Result<i64, StoreError> {
        check_tracker(tracker)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO trackers (title, source, source_name) VALUES (?1, ?2, ?3)",
            params![tracker.title, tracker.source.as_str(), tracker.source_name],
        )?;
        let id = tx.last_insert_rowid();
        for (r, rec) in tracker.recommendations.iter().enumerate() {
            tx.execute(
                "INSERT INTO tracker_recommendations (tracker_id, position, number, text, theme) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, r as i64, rec.number, rec.text, rec.theme],
            )?;
            let rec_id = tx.last_insert_rowid();
            for (a, action) in rec.actions.iter().enumerate() {
                tx.execute(
                    "INSERT INTO tracker_actions (recommendation_id, position, text, lead_officer, timescale, due, portfolio_holder)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        rec_id,
                        a as i64,
                        action.text,
                        action.lead_officer,
                        action.timescale,
                        action.due.map(codes::date_text),
                        action.portfolio_holder
                    ],
                )?;
                let action_id = tx.last_insert_rowid();
                for update in &action.updates {
                    insert_update(&tx, action_id, update)?;
                }
            }
        }
        tx.commit()?;
        Ok(id)
    }

    /// Every tracker, by id.
    pub fn trackers(&self) -> Result<Vec<TrackerListRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT t.id, t.title, t.source,
                    (SELECT count(*) FROM tracker_recommendations r WHERE r.tracker_id = t.id),
                    (SELECT count(*) FROM tracker_actions a JOIN tracker_recommendations r ON a.recommendation_id = r.id
                      WHERE r.tracker_id = t.id)
             FROM trackers t ORDER BY t.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, i64>(3)?, r.get::<_, i64>(4)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, title, source, recommendations, actions) = row?;
            out.push(TrackerListRow {
                id,
                title,
                source: TrackerSource::parse(&source).ok_or_else(|| bad("trackers.source", &source))?,
                recommendations: recommendations as usize,
                actions: actions as usize,
            });
        }
        Ok(out)
    }

    /// One tracker with row ids; [`StoreError::NotFound`] when there is none with that id.
    pub fn tracker_detail(&self, id: i64) -> Result<TrackerDetail, StoreError> {
        let head: Option<(String, String, String)> = self
            .conn
            .query_row("SELECT title, source, source_name FROM trackers WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let (title, source, source_name) = head.ok_or(StoreError::NotFound { what: "tracker", id })?;
        let mut recs = Vec::new();
        let mut stmt = self
            .conn
            .prepare("SELECT id, number, text, theme FROM tracker_recommendations WHERE tracker_id = ?1 ORDER BY position")?;
        let rows = stmt.query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        for row in rows {
            let (rec_id, number, text, theme) = row?;
            recs.push(RecommendationRow { id: rec_id, number, text, theme, actions: Vec::new() });
        }
        let mut actions = self.conn.prepare(
            "SELECT id, text, lead_officer, timescale, due, portfolio_holder FROM tracker_actions
             WHERE recommendation_id = ?1 ORDER BY position",
        )?;
        for rec in &mut recs {
            let rows = actions.query_map([rec.id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })?;
            for row in rows {
                let (action_id, text, lead_officer, timescale, due, portfolio_holder) = row?;
                let action = TrackerAction {
                    text,
                    lead_officer,
                    timescale,
                    due: codes::parse_opt_date("tracker_actions.due", due)?,
                    portfolio_holder,
                    updates: load_updates(&self.conn, action_id)?,
                };
                rec.actions.push(TrackerActionRow { id: action_id, action });
            }
        }
        Ok(TrackerDetail {
            id,
            title,
            source: TrackerSource::parse(&source).ok_or_else(|| bad("trackers.source", &source))?,
            source_name,
            recommendations: recs,
        })
    }

    /// Appends a dated progress update to an action and returns the tracker as it is now.
    pub fn tracker_add_update(&mut self, action_id: i64, update: &ProgressUpdate) -> Result<TrackerDetail, StoreError> {
        if update.text.trim().is_empty() {
            return Err(invalid("text", "a progress update needs its text"));
        }
        let tx = self.conn.transaction()?;
        let tracker_id: Option<i64> = tx
            .query_row(
                "SELECT r.tracker_id FROM tracker_actions a JOIN tracker_recommendations r ON a.recommendation_id = r.id
                 WHERE a.id = ?1",
                [action_id],
                |r| r.get(0),
            )
            .optional()?;
        let tracker_id = tracker_id.ok_or(StoreError::NotFound { what: "tracker action", id: action_id })?;
        insert_update(&tx, action_id, update)?;
        tx.commit()?;
        self.tracker_detail(tracker_id)
    }

    /// The tracker's id whose title is `title`, if one is stored (the demo loads each seed once).
    pub fn tracker_by_title(&self, title: &str) -> Result<Option<i64>, StoreError> {
        Ok(self.conn.query_row("SELECT id FROM trackers WHERE title = ?1", [title], |r| r.get(0)).optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    fn store() -> Store {
        Store::open_in_memory().unwrap_or_else(|e| panic!("an in-memory store opens: {e}"))
    }

    fn small() -> Tracker {
        Tracker {
            title: "Peer challenge plan".into(),
            source: TrackerSource::PeerChallenge,
            source_name: String::new(),
            recommendations: vec![Recommendation {
                number: "1.1".into(),
                text: "Manage expectations".into(),
                theme: "Theme 1".into(),
                actions: vec![TrackerAction {
                    text: "Produce a delivery plan".into(),
                    lead_officer: "Karen Wheeler".into(),
                    timescale: "October 2014".into(),
                    due: Some(date(2014, 10, 31)),
                    portfolio_holder: "Cllr Rodwell".into(),
                    updates: vec![ProgressUpdate {
                        as_at: date(2014, 11, 30),
                        text: "Complete".into(),
                        status: ActionStatus::Complete,
                        rag: Some(Rag::Green),
                    }],
                }],
            }],
        }
    }

    #[test]
    fn a_tracker_round_trips_and_updates_append() {
        let mut store = store();
        let id = store.tracker_create(&small()).unwrap_or_else(|e| panic!("a sound tracker is stored: {e}"));
        let detail = store.tracker_detail(id).unwrap_or_else(|e| panic!("it loads: {e}"));
        assert_eq!(detail.tracker(), small(), "what is stored is what loads");
        let action_id = detail.recommendations[0].actions[0].id;
        let early = ProgressUpdate { as_at: date(2014, 9, 1), text: "Drafting".into(), status: ActionStatus::InProgress, rag: None };
        let after = store.tracker_add_update(action_id, &early).unwrap_or_else(|e| panic!("an update is added: {e}"));
        let updates = &after.recommendations[0].actions[0].action.updates;
        assert_eq!(updates.len(), 2, "updates are appended, never replaced");
        assert_eq!(updates[0].text, "Drafting", "and loaded in date order whatever order they were added in");
        let listed = store.trackers().unwrap_or_default();
        assert_eq!((listed.len(), listed[0].recommendations, listed[0].actions), (1, 1, 1), "the list counts rows");
    }

    #[test]
    fn bad_input_is_refused_by_field_and_missing_rows_by_id() {
        let mut store = store();
        let mut t = small();
        t.recommendations[0].actions[0].text = " ".into();
        match store.tracker_create(&t) {
            Err(StoreError::Invalid(p)) => assert_eq!(p[0].path, "recommendations[0].actions[0].text", "the field at fault is named"),
            other => panic!("a blank action must be refused, got {other:?}"),
        }
        let update = ProgressUpdate { as_at: date(2014, 9, 1), text: "x".into(), status: ActionStatus::InProgress, rag: None };
        assert!(matches!(store.tracker_add_update(99, &update), Err(StoreError::NotFound { .. })), "an unknown action is not found");
        assert!(matches!(store.tracker_detail(7), Err(StoreError::NotFound { .. })), "an unknown tracker is not found");
    }
}
