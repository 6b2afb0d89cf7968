//! Backups with SQLite's online backup API: a copy on demand ([`Store::backup_to`]), a daily
//! rotating copy in a `backups/` folder beside the database ([`Store::rotate_backups`]), and
//! [`restore`], which replaces the database with a checked backup in one transaction and keeps
//! a copy of what it replaced.
//!
//! A backup is written to a temporary file in the target's folder, synced, then renamed, so a
//! crash never leaves a half-written backup under the real name. Names come from the date the
//! caller passes in (`agendapack-2026-11-22.db`), never from the clock.
//!
//! Deliberately not here: scheduling (the app calls rotation when it opens the database) and
//! copying anything but the database (packs on disk can be rebuilt from it).

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use crate::durable;
use crate::open::{self, BUSY_TIMEOUT};
use crate::{Store, StoreError};

/// How many daily backups [`Store::rotate_backups`] keeps by default.
pub const KEEP_DAILY: usize = 7;

/// The folder backups go in, beside the database.
pub const BACKUP_FOLDER: &str = "backups";

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("cannot write the backup {path}: {source}")]
    Write { path: String, source: std::io::Error },
    #[error("the backup could not be copied: {0}")]
    Copy(rusqlite::Error),
    /// SQLite's backup reports a full disk with the message "not an error" (issue 14), so it
    /// is recognised by its code and said plainly.
    #[error("the backup could not be written: the disk is full")]
    DiskFull,
    #[error("the database is busy in another AgendaPack window; try again when it has finished")]
    Busy,
    #[error("{0} is the database itself; choose another file")]
    SameFile(String),
    #[error("an in-memory database has no folder to keep backups in")]
    InMemory,
}

/// What [`restore`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The copy of the database as it was before, if there was one.
    pub kept: Option<PathBuf>,
    /// The schema version of the restored file, before it was migrated to this build's.
    pub restored_version: i64,
}

/// Copies every page of `from` into `to` in one step, so `to` changes in one transaction.
fn copy_all(from: &Connection, to: &mut Connection) -> Result<(), StoreError> {
    let backup = Backup::new(from, to).map_err(copy_error)?;
    // Busy means another connection holds a lock; busy_timeout already waited on the
    // destination, so a few retries only cover the source side.
    for _ in 0..50 {
        match backup.step(-1).map_err(copy_error)? {
            StepResult::Done => return Ok(()),
            StepResult::More => continue,
            StepResult::Busy | StepResult::Locked => std::thread::sleep(Duration::from_millis(100)),
            _ => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    Err(BackupError::Busy.into())
}

/// A failed copy step: a full disk by name, anything else as SQLite says it.
fn copy_error(e: rusqlite::Error) -> BackupError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DiskFull) => BackupError::DiskFull,
        _ => BackupError::Copy(e),
    }
}

fn write_error(path: &Path, source: std::io::Error) -> StoreError {
    if source.kind() == std::io::ErrorKind::StorageFull || (cfg!(unix) && source.raw_os_error() == Some(28)) {
        return BackupError::DiskFull.into();
    }
    BackupError::Write { path: path.display().to_string(), source }.into()
}

/// Writes a consistent copy of `conn`'s database to `out` through a synced temporary file.
fn write_copy(conn: &Connection, out: &Path) -> Result<(), StoreError> {
    let folder = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let file_name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "backup".into());
    // Unique to this process, so the app and the command line making the same day's backup
    // never write into (or, on Windows, fail to delete) each other's temporary file.
    let temp = folder.join(format!(".{file_name}.{}.partial", std::process::id()));
    let _ = std::fs::remove_file(&temp);
    let result = (|| {
        let mut dest = Connection::open(&temp).map_err(copy_error)?;
        copy_all(conn, &mut dest)?;
        // A backup is one self-contained file: no WAL beside it.
        dest.execute_batch("PRAGMA journal_mode = DELETE;").map_err(copy_error)?;
        // Closed before the rename: Windows cannot rename a file SQLite still holds.
        dest.close().map_err(|(_, e)| copy_error(e))?;
        durable::sync_file(&temp).map_err(|e| write_error(&temp, e))?;
        std::fs::rename(&temp, out).map_err(|e| write_error(out, e))?;
        durable::sync_folder(folder);
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn stem(db: &Path) -> String {
    db.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "agendapack".into())
}

fn backup_folder(db: &Path) -> PathBuf {
    db.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join(BACKUP_FOLDER)
}

/// `<folder>/<stem>-<label>.db`, or with `-2`, `-3` ... if that exists.
fn free_name(folder: &Path, stem: &str, label: &str) -> PathBuf {
    let first = folder.join(format!("{stem}-{label}.db"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| folder.join(format!("{stem}-{label}-{n}.db")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// True for `<stem>-YYYY-MM-DD.db`: the names rotation owns (and may delete).
fn is_daily(name: &str, stem: &str) -> bool {
    let Some(rest) = name.strip_prefix(stem).and_then(|r| r.strip_prefix('-')).and_then(|r| r.strip_suffix(".db")) else {
        return false;
    };
    NaiveDate::parse_from_str(rest, "%Y-%m-%d").is_ok() && rest.len() == 10
}

impl Store {
    /// Writes a consistent copy of the database to `out` (replacing `out` if it exists),
    /// while other connections may keep working.
    pub fn backup_to(&self, out: &Path) -> Result<(), StoreError> {
        if let Some(db) = self.path() {
            if same_file(db, out) {
                return Err(BackupError::SameFile(out.display().to_string()).into());
            }
        }
        write_copy(&self.conn, out)
    }

    /// Today's backup in the `backups/` folder beside the database, unless there is one
    /// already; then deletes the oldest daily backups beyond `keep`. Returns the new file.
    pub fn rotate_backups(&self, today: NaiveDate, keep: usize) -> Result<Option<PathBuf>, StoreError> {
        let db = self.path().ok_or(BackupError::InMemory)?.to_path_buf();
        let folder = backup_folder(&db);
        std::fs::create_dir_all(&folder).map_err(|e| write_error(&folder, e))?;
        let stem = stem(&db);
        let todays = folder.join(format!("{stem}-{}.db", today.format("%Y-%m-%d")));
        let made = if todays.exists() {
            None
        } else {
            write_copy(&self.conn, &todays)?;
            Some(todays)
        };
        let mut daily: Vec<PathBuf> = std::fs::read_dir(&folder)
            .map_err(|e| write_error(&folder, e))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.file_name().is_some_and(|n| is_daily(&n.to_string_lossy(), &stem)))
            .collect();
        // ISO dates sort as text, oldest first.
        daily.sort();
        let excess = daily.len().saturating_sub(keep.max(1));
        for old in &daily[..excess] {
            std::fs::remove_file(old).map_err(|e| write_error(old, e))?;
        }
        Ok(made)
    }
}

/// Replaces the database at `db` with the AgendaPack database `from`.
///
/// `from` is checked first without writing to it (a SQLite file, AgendaPack's, not newer than
/// this build, sound). The current database is copied to `backups/<stem>-before-restore-<today>.db`;
/// then every page of `from` is copied into it in one transaction (other windows see the old
/// database or the new one, never a mix), and it is migrated to this build's schema. A
/// database too damaged to open is moved into `backups/` whole instead.
pub fn restore(db: &Path, from: &Path, today: NaiveDate) -> Result<Restored, StoreError> {
    if same_file(db, from) {
        return Err(BackupError::SameFile(from.display().to_string()).into());
    }
    let header = open::check_readable(from)?;
    let folder = backup_folder(db);
    let label = format!("before-restore-{}", today.format("%Y-%m-%d"));
    let kept = match Store::open(db) {
        Ok(store) => {
            std::fs::create_dir_all(&folder).map_err(|e| write_error(&folder, e))?;
            let kept = free_name(&folder, &stem(db), &label);
            store.backup_to(&kept)?;
            drop(store);
            Some(kept)
        }
        Err(StoreError::Corrupt { .. }) => {
            std::fs::create_dir_all(&folder).map_err(|e| write_error(&folder, e))?;
            let kept = free_name(&folder, &stem(db), &format!("damaged-{}", today.format("%Y-%m-%d")));
            for suffix in ["-wal", "-shm"] {
                let side = PathBuf::from(format!("{}{suffix}", db.display()));
                if side.exists() {
                    let to = PathBuf::from(format!("{}{suffix}", kept.display()));
                    std::fs::rename(&side, &to).map_err(|e| write_error(&to, e))?;
                }
            }
            std::fs::rename(db, &kept).map_err(|e| write_error(&kept, e))?;
            Some(kept)
        }
        Err(other) => return Err(other),
    };
    let source = open::open_read_only(from, &from.display().to_string())?;
    let mut live = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE)?;
    live.busy_timeout(BUSY_TIMEOUT)?;
    copy_all(&source, &mut live)?;
    drop(live);
    drop(source);
    // Opening migrates the restored schema to this build's and checks it once more.
    drop(Store::open(db)?);
    Ok(Restored { kept, restored_version: header.user_version })
}

#[cfg(test)]
#[path = "backup_tests.rs"]
mod tests;
