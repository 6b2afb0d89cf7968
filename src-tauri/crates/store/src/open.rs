//! Opening a database file: refuse what is not ours (or is damaged, or too new) without
//! writing a byte to it, then set the per-connection pragmas and migrate.
//!
//! The refusal happens in two read-only steps before any read-write connection exists:
//! 1. the 100-byte SQLite header is read with plain file I/O (signature, `application_id`,
//!    `user_version`), so a newer or foreign file is refused before SQLite opens it at all;
//! 2. a read-only connection re-reads the versions (they may sit in a WAL left by a crash) and
//!    runs `quick_check`.
//!
//! Durability (ARCHITECTURE.md, invariants): WAL with `synchronous = FULL`, so a commit that
//! returned is on disk even after a power cut; `busy_timeout` so a second instance waits
//! instead of failing; `foreign_keys` on. Deliberately not here: any query on the domain tables.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use crate::audit::SharedActor;
use crate::migrate::{self, APPLICATION_ID};
use crate::StoreError;

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// How long a connection waits for another writer (another window, the CLI) before giving up.
/// Every AgendaPack transaction is one user action and takes milliseconds, so this is generous.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The pragmas every read-write connection gets (see the module comment for why FULL).
pub const PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";

/// What the first 100 bytes of a database file say, read without SQLite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub application_id: i32,
    pub user_version: i64,
}

/// Reads the header of `path`. `Ok(None)` for a file that is missing or empty (a new database).
pub fn read_header(path: &Path) -> Result<Option<Header>, StoreError> {
    let shown = path.display().to_string();
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::Io { path: shown, source: e }),
    };
    let mut head = Vec::with_capacity(100);
    (&mut file).take(100).read_to_end(&mut head).map_err(|e| StoreError::Io { path: shown.clone(), source: e })?;
    if head.is_empty() {
        return Ok(None);
    }
    if head.len() < 100 || &head[..16] != SQLITE_HEADER {
        return Err(StoreError::NotAgendaPack { path: shown });
    }
    // SQLite's file format: user_version at offset 60, application_id at 68, both big-endian.
    let word = |at: usize| i32::from_be_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    Ok(Some(Header { application_id: word(68), user_version: i64::from(word(60)) }))
}

/// Refuses a header that is foreign or newer than this build.
fn check_header(header: Header, shown: &str, fresh_ok: bool) -> Result<(), StoreError> {
    let blank = header.application_id == 0 && header.user_version == 0;
    if header.application_id != APPLICATION_ID && !(blank && fresh_ok) {
        return Err(StoreError::ForeignDatabase { path: shown.to_string() });
    }
    let latest = migrate::latest_version();
    if header.user_version > latest {
        return Err(StoreError::Newer { path: shown.to_string(), found: header.user_version, known: latest });
    }
    Ok(())
}

/// Checks, without writing, that `path` is a sound AgendaPack database this build can open:
/// what `restore` asks of a file before it replaces anything with it.
pub fn check_readable(path: &Path) -> Result<Header, StoreError> {
    let shown = path.display().to_string();
    let header = read_header(path)?.ok_or_else(|| StoreError::NotAgendaPack { path: shown.clone() })?;
    check_header(header, &shown, false)?;
    let conn = open_read_only(path, &shown)?;
    let (app, version, _) = read_versions(&conn).map_err(|e| classify(&shown, e))?;
    let header = Header { application_id: app, user_version: version };
    check_header(header, &shown, false)?;
    check_integrity(&conn, &shown)?;
    Ok(header)
}

/// Opens `path` for reading only, for commands that only read (issue 14: `meetings` in a
/// read-only folder failed with "attempt to write a readonly database"): `SQLITE_OPEN_READ_ONLY`
/// and `query_only`, and when SQLite cannot make the `-shm` file beside a WAL database (a
/// read-only folder or disk), `immutable=1`, which reads the file as it is. None when the file
/// is missing, fresh or older than this build (it must be created or migrated first, which
/// writes: the caller opens it for writing).
pub fn open_reader(path: &Path) -> Result<Option<Connection>, StoreError> {
    let shown = path.display().to_string();
    let Some(header) = read_header(path)? else { return Ok(None) };
    check_header(header, &shown, true)?;
    if header.user_version < migrate::latest_version() {
        return Ok(None);
    }
    let readable = |conn: Connection| -> Result<Connection, rusqlite::Error> {
        read_versions(&conn)?;
        conn.execute_batch("PRAGMA query_only = ON;")?;
        Ok(conn)
    };
    let conn = match open_read_only(path, &shown).and_then(|conn| readable(conn).map_err(|e| classify(&shown, e))) {
        Ok(conn) => conn,
        Err(first) => {
            let uri = format!("file:{}?immutable=1", uri_path(path));
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            Connection::open_with_flags(uri, flags).and_then(readable).map_err(|_| first)?
        }
    };
    // The same check as a writing open: a damaged file is refused, not half read.
    check_integrity(&conn, &shown)?;
    Ok(Some(conn))
}

/// A file path as the path part of an SQLite URI: the characters a URI gives meaning escaped.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            _ => out.push(c),
        }
    }
    out
}

/// Opens (creating if missing) the database at `path`, checked and migrated.
pub fn open_file(path: &Path, actor: &SharedActor) -> Result<Connection, StoreError> {
    let shown = path.display().to_string();
    if let Some(header) = read_header(path)? {
        check_header(header, &shown, true)?;
        let conn = open_read_only(path, &shown)?;
        let (app, version, objects) = read_versions(&conn).map_err(|e| classify(&shown, e))?;
        let fresh = app == 0 && version == 0 && objects == 0;
        if !fresh {
            check_header(Header { application_id: app, user_version: version }, &shown, false)?;
            check_integrity(&conn, &shown)?;
        }
    }
    // From here on we write: the file is missing, or ours, sound and not too new.
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(&shown, e))?;
    prepare(conn, &shown, actor)
}

pub fn open_memory(actor: &SharedActor) -> Result<Connection, StoreError> {
    prepare(Connection::open_in_memory()?, ":memory:", actor)
}

pub(crate) fn open_read_only(path: &Path, shown: &str) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(shown, e))?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| classify(shown, e))?;
    Ok(conn)
}

fn read_versions(conn: &Connection) -> Result<(i32, i64, i64), rusqlite::Error> {
    let app: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version = migrate::user_version(conn)?;
    let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    Ok((app, version, objects))
}

fn classify(shown: &str, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotAgendaPack { path: shown.to_string() },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt { path: shown.to_string(), detail: e.to_string() },
        _ => StoreError::Sqlite(e),
    }
}

/// The read-write connection's settings, the audit functions its triggers call, and the
/// migrations. A fresh in-memory or empty file is created here.
fn prepare(mut conn: Connection, shown: &str, actor: &SharedActor) -> Result<Connection, StoreError> {
    conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| classify(shown, e))?;
    let (app, version, objects) = read_versions(&conn).map_err(|e| classify(shown, e))?;
    let fresh = app == 0 && version == 0 && objects == 0;
    // Checked again here because the file may have changed between the read-only look and now.
    if !fresh {
        check_header(Header { application_id: app, user_version: version }, shown, false)?;
    }
    conn.execute_batch(PRAGMAS).map_err(|e| classify(shown, e))?;
    // Every action reads before it writes. A deferred transaction that then tries to write
    // after another connection committed fails at once with "database is locked" (the busy
    // timeout cannot help: its snapshot is stale); taking the write lock at BEGIN makes a
    // second instance wait its turn instead (tests/two_writers.rs).
    conn.set_transaction_behavior(TransactionBehavior::Immediate);
    crate::audit::register(&conn, actor)?;
    migrate::migrate_to(&mut conn, migrate::latest_version())?;
    Ok(conn)
}

fn check_integrity(conn: &Connection, shown: &str) -> Result<(), StoreError> {
    let mut stmt = conn.prepare("PRAGMA quick_check").map_err(|e| classify(shown, e))?;
    let lines: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| classify(shown, e))?;
    if lines.len() == 1 && lines[0] == "ok" {
        Ok(())
    } else {
        Err(StoreError::Corrupt { path: shown.to_string(), detail: lines.first().cloned().unwrap_or_default() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    /// The newer-version refusal must not even create a WAL index: a WAL-mode file is the case
    /// where a read-write open would leave `-wal` and `-shm` beside it.
    #[test]
    fn a_newer_wal_database_is_refused_without_a_file_being_created() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("newer.db");
        drop(Store::open(&path).expect("a new database opens"));
        let conn = Connection::open(&path).expect("sqlite opens");
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("journal mode");
        assert_eq!(mode, "wal", "AgendaPack databases are in WAL mode, which this test is about");
        conn.execute_batch(&format!("PRAGMA user_version = {};", migrate::latest_version() + 1)).expect("bumped");
        drop(conn);
        let before = std::fs::read(&path).expect("read");
        let err = Store::open(&path).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("newer version of AgendaPack"), "a newer database is refused with the reason: {err:?}");
        assert_eq!(std::fs::read(&path).expect("read"), before, "the refused file is byte-identical");
        for suffix in ["-wal", "-shm"] {
            assert!(!dir.path().join(format!("newer.db{suffix}")).exists(), "opening a newer file creates no {suffix}");
        }
    }

    #[test]
    fn connections_are_durable_and_wait_for_each_other() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let store = Store::open(&dir.path().join("a.db")).expect("a new database opens");
        let pragma = |name: &str| -> i64 { store.conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0)).expect(name) };
        assert_eq!(pragma("synchronous"), 2, "synchronous = FULL: an acknowledged commit survives a power cut");
        assert_eq!(pragma("foreign_keys"), 1, "foreign keys are enforced on every connection");
        assert_eq!(pragma("busy_timeout"), BUSY_TIMEOUT.as_millis() as i64, "a second writer waits instead of failing");
        let mode: String = store.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("journal mode");
        assert_eq!(mode, "wal", "WAL: readers never block the writer and a crash never corrupts");
    }
}
