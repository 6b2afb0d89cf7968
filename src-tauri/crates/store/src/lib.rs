//! AgendaPack's store: one SQLite file holding the council, its committees, meetings, agendas,
//! reports, appendices, minutes and work programmes.
//!
//! [`Store`] is the whole public surface: open (refusing files that are not ours, damaged or
//! too new, and migrating older ones), import a [`MeetingBundle`] in one transaction, load one
//! in one call, list meetings. The JSON interchange document is in [`exchange`].
//!
//! Invariant: nothing outside this crate sees SQL or a connection. Deliberately not here:
//! building packs, and any rule that needs more than the bundle itself to check.

pub mod accounts;
pub mod acting;
pub mod audit;
pub mod clearance;
pub mod backup;
mod bundle;
pub mod calendar_feed;
mod checks;
mod codes;
pub mod durable;
pub mod edit;
pub mod exchange;
pub mod forward_plan;
mod location;
pub mod media;
pub mod migrate;
mod open;
pub mod ownership;
pub mod private_section;
pub mod programme;
pub mod reminders;
mod queries;
pub mod trackers;

use std::path::{Path, PathBuf};

use agendapack_model::validate::Problem;
use agendapack_model::{MeetingBundle, MeetingSummary};
use chrono::NaiveDateTime;
use rusqlite::Connection;

pub use audit::{Actor, AuditClock, AuditEntry, Publication};
pub use checks::sha256_hex;
pub use location::default_path;

/// The id of a stored meeting: what `agendapack meetings` lists and `--meeting` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MeetingId(pub i64);

impl std::fmt::Display for MeetingId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path} is not an AgendaPack database")]
    NotAgendaPack { path: String },
    #[error("{path} is a SQLite database of another application, not an AgendaPack database")]
    ForeignDatabase { path: String },
    #[error("{path} was written by a newer version of AgendaPack (schema {found}, this version knows up to {known})")]
    Newer { path: String, found: i64, known: i64 },
    #[error("{path} is damaged and cannot be used (SQLite's integrity check says: {detail}); restore it from a backup")]
    Corrupt { path: String, detail: String },
    #[error("cannot read {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("cannot find a data directory for AgendaPack (is HOME set?); pass --db FILE")]
    NoDataDirectory,
    #[error("the database could not be upgraded by migration {name}: {source}")]
    Migration { name: &'static str, source: rusqlite::Error },
    #[error("{}", describe_problems(.0))]
    Invalid(Vec<Problem>),
    #[error("there is no meeting with id {0}")]
    NoMeeting(i64),
    #[error("the database has no council yet; import a meeting or run `agendapack init --demo`")]
    NoCouncil,
    #[error("the database holds a value this version cannot read in {column}: {value:?}")]
    BadValue { column: String, value: String },
    #[error("there is no account named \"{0}\"")]
    NoAccount(String),
    #[error("there is no {what} with id {id}")]
    NotFound { what: &'static str, id: i64 },
    /// A change that is valid on its own but clashes with what is stored (a duplicate name).
    #[error("{message}")]
    Conflict { field: String, message: String },
    /// A save based on a revision older than the report's: refused, what was typed kept as
    /// kept version `kept` (`Store::report_save_based`). The message names who changed it and when.
    #[error("{message}")]
    Outdated { kept: i64, message: String },
    #[error("the audit identity is unusable after an earlier failure; restart AgendaPack")]
    AuditUnavailable,
    #[error("{0}")]
    Backup(#[from] backup::BackupError),
    #[error("{}", sqlite_sentence(.0))]
    Sqlite(#[from] rusqlite::Error),
    /// A deadline could not be computed (e.g. a calendar with no working day left).
    #[error(transparent)]
    Deadline(#[from] agendapack_deadlines::DeadlineError),
}

/// SQLite's failure as a sentence. A full disk is named as one (SQLite reports it as "full" or,
/// when the write-ahead log cannot grow, as an I/O error); either way the transaction was rolled
/// back, so the person is told that nothing was saved.
fn sqlite_sentence(error: &rusqlite::Error) -> String {
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DiskFull) => "the disk is full, so the change was not saved; free some space and try again".into(),
        Some(rusqlite::ErrorCode::SystemIoFailure) => {
            format!("the database file could not be written or read ({error}), so the change was not saved; check that the disk is not full")
        }
        _ => format!("database error: {error}"),
    }
}

fn describe_problems(problems: &[Problem]) -> String {
    match problems {
        [] => "the meeting is not valid".into(),
        [one] => one.to_string(),
        [first, rest @ ..] => {
            let more = if rest.len() == 1 { "1 more problem".to_string() } else { format!("{} more problems", rest.len()) };
            format!("{first} (and {more})")
        }
    }
}

const DEMO_MEETING_KEY: &str = "demo_meeting_id";

/// An open AgendaPack database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// Who the audit trail names, read by the connection's audit functions.
    actor: audit::SharedActor,
}

impl Store {
    /// Opens the database at `path`, creating it if missing and migrating it if older. A file
    /// that is not an AgendaPack database, is damaged, or is newer than this version is refused
    /// without a byte of it being changed.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let actor = std::sync::Arc::new(std::sync::Mutex::new(Actor::from_environment()));
        Ok(Store { conn: open::open_file(path, &actor)?, path: Some(path.to_path_buf()), actor })
    }

    /// Opens `path` for reading only (see [`open::open_reader`]); None when it must first be
    /// created or migrated, which only [`Store::open`] does.
    pub fn open_read_only(path: &Path) -> Result<Option<Store>, StoreError> {
        let actor = std::sync::Arc::new(std::sync::Mutex::new(Actor::from_environment()));
        Ok(open::open_reader(path)?.map(|conn| Store { conn, path: Some(path.to_path_buf()), actor }))
    }

    pub fn open_in_memory() -> Result<Store, StoreError> {
        let actor = std::sync::Arc::new(std::sync::Mutex::new(Actor::from_environment()));
        Ok(Store { conn: open::open_memory(&actor)?, path: None, actor })
    }

    /// The file this store was opened from; None in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Stores `bundle` as a new meeting, stamping its reports with the current time. See
    /// [`Store::import_bundle_at`].
    pub fn import_bundle(&mut self, bundle: &MeetingBundle) -> Result<MeetingId, StoreError> {
        // The clock is read here, at the edge, and nowhere in the queries.
        let now = chrono::Utc::now().naive_utc();
        self.import_bundle_at(bundle, now)
    }

    /// Validates `bundle` and stores it as a new meeting in one transaction: the council is
    /// updated, the committee found by name or created, people matched by name and email, the
    /// previous meeting found by committee and start or created with its minutes. Any problem
    /// leaves the database unchanged. `now` stamps the reports' created/updated times.
    pub fn import_bundle_at(&mut self, bundle: &MeetingBundle, now: NaiveDateTime) -> Result<MeetingId, StoreError> {
        bundle::import(&mut self.conn, bundle, now)
    }

    /// Everything meeting `id`'s pack needs, in one call.
    pub fn load_bundle(&self, id: MeetingId) -> Result<MeetingBundle, StoreError> {
        bundle::load(&self.conn, id)
    }

    /// Every meeting, earliest first.
    pub fn meetings(&self) -> Result<Vec<MeetingSummary>, StoreError> {
        queries::meetings::summaries(&self.conn)
    }

    /// The first demo meeting, if the demo council was loaded (and that meeting still exists).
    pub fn demo_meeting_id(&self) -> Result<Option<MeetingId>, StoreError> {
        let Some(text) = queries::settings::get(&self.conn, DEMO_MEETING_KEY)? else {
            return Ok(None);
        };
        let id: i64 = text
            .parse()
            .map_err(|_| StoreError::BadValue { column: "settings.demo_meeting_id".into(), value: text.clone() })?;
        Ok(queries::meetings::load(&self.conn, id)?.map(|_| MeetingId(id)))
    }

    /// Remembers `id` as the demo meeting (what `build` uses without `--meeting`).
    pub fn set_demo_meeting_id(&self, id: MeetingId) -> Result<(), StoreError> {
        Ok(queries::settings::set(&self.conn, DEMO_MEETING_KEY, &id.0.to_string())?)
    }
}

#[cfg(test)]
mod sqlite_sentence_tests {
    use super::StoreError;

    fn failure(code: std::ffi::c_int) -> StoreError {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None))
    }

    #[test]
    fn a_full_disk_is_named_and_says_nothing_was_saved() {
        assert_eq!(failure(rusqlite::ffi::SQLITE_FULL).to_string(), "the disk is full, so the change was not saved; free some space and try again");
        let io = failure(rusqlite::ffi::SQLITE_IOERR).to_string();
        assert!(io.starts_with("the database file could not be written or read (") && io.ends_with("check that the disk is not full"), "{io}");
        assert!(failure(rusqlite::ffi::SQLITE_CONSTRAINT).to_string().starts_with("database error: "), "others as before");
    }
}
