//! The audit trail: who changed what in a meeting and when, and which packs were published
//! with the SHA-256 of each file.
//!
//! The trail is written by SQLite triggers (migration 0006), so every writer is caught; they
//! call two functions registered on every AgendaPack connection: `agendapack_user()`, the
//! [`Actor`]'s user name, and `agendapack_now()`, the actor's clock. The clock is injected
//! (tests use a fixed time); only [`Actor::from_environment`] reads the system clock and the OS
//! user name, at the edge.
//!
//! Deliberately not here: deciding what a publication is (the callers that write a pack file
//! record it), and hashing anything other than the bytes handed in.

use std::sync::{Arc, Mutex};

use chrono::NaiveDateTime;
use rusqlite::functions::FunctionFlags;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::{sha256_hex, Store, StoreError};

/// Where the audit trail's times come from.
pub type AuditClock = Arc<dyn Fn() -> NaiveDateTime + Send + Sync>;

/// Who is making changes, and their clock.
#[derive(Clone)]
pub struct Actor {
    pub user: String,
    pub clock: AuditClock,
}

impl std::fmt::Debug for Actor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Actor").field("user", &self.user).finish_non_exhaustive()
    }
}

impl Actor {
    /// The OS user (see [`user_name`]) and the system clock (UTC).
    pub fn from_environment() -> Actor {
        let user = user_name(cfg!(windows), |key| std::env::var(key).ok());
        Actor { user, clock: Arc::new(|| chrono::Utc::now().naive_utc()) }
    }

    /// A named user at a fixed time (tests, reproducible imports).
    pub fn fixed(user: &str, at: NaiveDateTime) -> Actor {
        Actor { user: user.to_string(), clock: Arc::new(move || at) }
    }
}

/// The signed-in user's name from the environment `var`: `USERNAME` first on Windows (the
/// account Windows signed in; a `USER` there is usually left by a Unix-like shell, or by Wine
/// from its host), `USER` first elsewhere; "unknown" when none is set.
pub fn user_name(windows: bool, var: impl Fn(&str) -> Option<String>) -> String {
    let keys: [&str; 3] = if windows { ["USERNAME", "USER", "LOGNAME"] } else { ["USER", "USERNAME", "LOGNAME"] };
    keys.iter()
        .filter_map(|key| var(key))
        .find(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

/// The actor a connection's audit functions read; the [`Store`] can swap it.
pub(crate) type SharedActor = Arc<Mutex<Actor>>;

const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// The actor the trail names now: the store's, with the name set on this thread by
/// [`crate::acting::acting_as`] when there is one (a signed-in person on the team server).
fn current(actor: &SharedActor) -> rusqlite::Result<Actor> {
    let mut now = actor.lock().map(|a| a.clone()).map_err(|_| {
        rusqlite::Error::UserFunctionError("the audit identity is unusable after an earlier failure".into())
    })?;
    if let Some(user) = crate::acting::acting_user() {
        now.user = user;
    }
    Ok(now)
}

/// Registers `agendapack_user()` and `agendapack_now()` on `conn`. Innocuous: they read no
/// table and change nothing, so triggers may call them.
pub(crate) fn register(conn: &Connection, actor: &SharedActor) -> Result<(), StoreError> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_INNOCUOUS;
    let for_user = Arc::clone(actor);
    conn.create_scalar_function("agendapack_user", 0, flags, move |_| Ok(current(&for_user)?.user))?;
    let for_now = Arc::clone(actor);
    conn.create_scalar_function("agendapack_now", 0, flags, move |_| {
        Ok((current(&for_now)?.clock)().format(TIME_FORMAT).to_string())
    })?;
    Ok(())
}

/// The publications query with one condition; a literal, so no text is ever spliced into SQL.
macro_rules! select_publications {
    ($condition:literal) => {
        concat!(
            "SELECT id, meeting_id, edition, file_name, sha256, size, published_at, user_name FROM publications WHERE ",
            $condition,
            " ORDER BY id"
        )
    };
}

/// Registers the audit functions on a connection AgendaPack did not open (a migration test, a
/// repair tool), so the trail's triggers can run there too.
pub fn register_audit_functions(conn: &Connection, actor: Actor) -> Result<(), StoreError> {
    register(conn, &Arc::new(Mutex::new(actor)))
}

/// One line of a meeting's audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditEntry {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// YYYY-MM-DDTHH:MM:SS, from the actor's clock.
    pub at: String,
    pub user: String,
    /// meeting, agenda-item, report, appendix, minutes, minute-entry, attendance, publication.
    pub entity: String,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub entity_id: Option<i64>,
    /// insert, update, delete, publish.
    pub action: String,
    /// The row's title or heading, and for an update the fields that changed.
    pub summary: String,
}

/// A pack file that was published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Publication {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub meeting_id: i64,
    /// public, full, supplement ... as the caller names it.
    pub edition: String,
    pub file_name: String,
    pub sha256: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub size: i64,
    pub published_at: String,
    pub user: String,
}

impl Store {
    /// Changes who the audit trail names and which clock it reads, from the next change on.
    pub fn set_actor(&self, actor: Actor) -> Result<(), StoreError> {
        let mut slot = self.actor.lock().map_err(|_| StoreError::AuditUnavailable)?;
        *slot = actor;
        Ok(())
    }

    /// Meeting `meeting_id`'s audit trail, oldest first (also after the meeting is deleted).
    pub fn audit_log(&self, meeting_id: i64) -> Result<Vec<AuditEntry>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, at, user_name, entity, entity_id, action, summary FROM audit_log
             WHERE meeting_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map(params![meeting_id], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                user: r.get(2)?,
                entity: r.get(3)?,
                entity_id: r.get(4)?,
                action: r.get(5)?,
                summary: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records that `pdf` was published as `file_name` for meeting `meeting_id` at `at`, with
    /// its SHA-256, so the file can be proven later ([`Store::find_publication`]).
    pub fn record_publication(
        &self,
        meeting_id: i64,
        edition: &str,
        file_name: &str,
        pdf: &[u8],
        at: NaiveDateTime,
    ) -> Result<Publication, StoreError> {
        let user = match crate::acting::acting_user() {
            Some(user) => user,
            None => self.actor.lock().map_err(|_| StoreError::AuditUnavailable)?.user.clone(),
        };
        let sha = sha256_hex(pdf);
        let size = i64::try_from(pdf.len()).unwrap_or(i64::MAX);
        // One statement (its trigger writes the trail line within it), so atomic on its own.
        self.conn.execute(
            "INSERT INTO publications (meeting_id, edition, file_name, sha256, size, published_at, user_name)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![meeting_id, edition, file_name, sha, size, at.format(TIME_FORMAT).to_string(), user],
        )?;
        let id = self.conn.last_insert_rowid();
        Ok(Publication {
            id,
            meeting_id,
            edition: edition.to_string(),
            file_name: file_name.to_string(),
            sha256: sha,
            size,
            published_at: at.format(TIME_FORMAT).to_string(),
            user,
        })
    }

    /// Every recorded publication of meeting `meeting_id`, oldest first.
    pub fn publications(&self, meeting_id: i64) -> Result<Vec<Publication>, StoreError> {
        self.publications_where(select_publications!("meeting_id = ?1"), &meeting_id)
    }

    /// The publications whose file had exactly these bytes: how a pack is proven.
    pub fn find_publication(&self, pdf: &[u8]) -> Result<Vec<Publication>, StoreError> {
        self.publications_where(select_publications!("sha256 = ?1"), &sha256_hex(pdf))
    }

    fn publications_where(&self, sql: &'static str, value: &dyn rusqlite::ToSql) -> Result<Vec<Publication>, StoreError> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map([value], |r| {
            Ok(Publication {
                id: r.get(0)?,
                meeting_id: r.get(1)?,
                edition: r.get(2)?,
                file_name: r.get(3)?,
                sha256: r.get(4)?,
                size: r.get(5)?,
                published_at: r.get(6)?,
                user: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
#[path = "audit_tests.rs"]
mod tests;
