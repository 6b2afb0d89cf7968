//! Opening a database file: refuse what is not ours (or is damaged, or too new) without
//! writing a byte to it, then set the per-connection pragmas and migrate.
//!
//! Deliberately not here: any query on the domain tables.

use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::migrate::{self, APPLICATION_ID};
use crate::StoreError;

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Opens (creating if missing) the database at `path`, checked and migrated.
pub fn open_file(path: &Path) -> Result<Connection, StoreError> {
    let shown = path.display().to_string();
    check_header(path, &shown)?;
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(&shown, e))?;
    prepare(conn, &shown)
}

pub fn open_memory() -> Result<Connection, StoreError> {
    prepare(Connection::open_in_memory()?, ":memory:")
}

/// A file that exists and is not empty must start with SQLite's header; anything else is not
/// ours and SQLite must not be allowed to touch it.
fn check_header(path: &Path, shown: &str) -> Result<(), StoreError> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(StoreError::Io { path: shown.to_string(), source: e }),
    };
    let mut head = Vec::with_capacity(16);
    (&mut file)
        .take(16)
        .read_to_end(&mut head)
        .map_err(|e| StoreError::Io { path: shown.to_string(), source: e })?;
    if head.is_empty() || head.as_slice() == SQLITE_HEADER {
        Ok(())
    } else {
        Err(StoreError::NotAgendaPack { path: shown.to_string() })
    }
}

fn classify(shown: &str, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotAgendaPack { path: shown.to_string() },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt { path: shown.to_string(), detail: e.to_string() },
        _ => StoreError::Sqlite(e),
    }
}

/// Everything up to the first write only reads, so a refused file stays byte-identical.
fn prepare(mut conn: Connection, shown: &str) -> Result<Connection, StoreError> {
    let read = |conn: &Connection| -> Result<(i32, i64, i64), rusqlite::Error> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let app: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version = migrate::user_version(conn)?;
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        Ok((app, version, tables))
    };
    let (app, version, objects) = read(&conn).map_err(|e| classify(shown, e))?;
    let fresh = app == 0 && version == 0 && objects == 0;
    if !fresh && app != APPLICATION_ID {
        return Err(StoreError::ForeignDatabase { path: shown.to_string() });
    }
    let latest = migrate::latest_version();
    if version > latest {
        return Err(StoreError::Newer { path: shown.to_string(), found: version, known: latest });
    }
    if !fresh {
        check_integrity(&conn, shown)?;
    }
    // From here on we write: the file is ours, sound and not too new.
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
        .map_err(|e| classify(shown, e))?;
    migrate::migrate_to(&mut conn, latest)?;
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
