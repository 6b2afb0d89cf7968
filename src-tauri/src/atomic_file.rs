//! Writing an output file (a built pack, an export, a rendered PDF, a backup) so that a reader
//! never sees half of it and a failure never leaves a 0-byte or truncated file (issue 14: on a
//! full disk `export` and `render` left 0-byte files). The bytes go to a hidden temporary file
//! in the same folder (so the rename cannot cross file systems), which is flushed to disk,
//! renamed over the target, and the folder is flushed so the rename itself survives a crash.
//! Any failure removes the temporary file and leaves the previous target as it was.
//!
//! Errors are one sentence naming the file; a full disk says "the disk is full" and a
//! read-only file system says so, rather than an OS error number.
//!
//! Deliberately not here: what is written, or where outputs go by default.

use std::io::Write;
use std::path::{Path, PathBuf};

use agendapack_store::durable;

/// Why a file could not be written; its message is one sentence naming the file.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {path}: {reason}")]
pub struct WriteError {
    pub path: String,
    pub reason: String,
}

/// Writes `bytes` to `path` atomically (see the module comment).
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    stage(path, bytes)?.commit()
}

/// Like [`write`], for a producer that writes the file itself (such as SQLite's backup): `fill`
/// gets the temporary path to create and fill; it is then flushed and renamed into place.
pub fn write_with(path: &Path, fill: impl FnOnce(&Path) -> std::io::Result<()>) -> Result<(), WriteError> {
    stage_with(path, fill)?.commit()
}

/// A file written and flushed to disk beside its target, under a hidden temporary name, and
/// not yet in place: [`Staged::commit`] renames it over the target; dropped before that, it is
/// removed and the target is left as it was. Lets a caller write the file while it does
/// something that must succeed before the file may appear (the CLI records the publication
/// meanwhile).
#[must_use = "a staged file is removed unless it is committed"]
pub struct Staged {
    temp: PathBuf,
    path: PathBuf,
    folder: PathBuf,
    committed: bool,
}

/// Writes `bytes` beside `path` and flushes them (see [`Staged`]).
pub fn stage(path: &Path, bytes: &[u8]) -> Result<Staged, WriteError> {
    stage_with(path, |temp| {
        // Flushed by stage_with once this handle is closed.
        std::fs::File::create(temp)?.write_all(bytes)
    })
}

fn stage_with(path: &Path, fill: impl FnOnce(&Path) -> std::io::Result<()>) -> Result<Staged, WriteError> {
    let shown = path.display().to_string();
    let folder = folder_of(path);
    if !folder.is_dir() {
        return Err(WriteError { path: shown, reason: format!("the folder {} does not exist", folder.display()) });
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    // Hidden, and unique to this process so two commands cannot write into each other's file.
    let temp = folder.join(format!(".{name}.{}.part", std::process::id()));
    // `fill` has closed the file; it is flushed through a handle of its own (one that can write:
    // Windows refuses to flush a read-only one).
    let staged = Staged { temp, path: path.to_path_buf(), folder, committed: false };
    match fill(&staged.temp).and_then(|()| durable::sync_file(&staged.temp)) {
        Ok(()) => Ok(staged),
        // Dropping `staged` removes what was written.
        Err(e) => Err(WriteError { path: shown, reason: plain(&e) }),
    }
}

impl Staged {
    /// Renames the file over its target (which Windows allows only once no one has the
    /// temporary file open) and flushes the folder, so the rename itself survives a crash.
    pub fn commit(mut self) -> Result<(), WriteError> {
        if let Err(e) = std::fs::rename(&self.temp, &self.path) {
            return Err(WriteError { path: self.path.display().to_string(), reason: plain(&e) });
        }
        self.committed = true;
        durable::sync_folder(&self.folder);
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Whether a file could be created beside `path` now: a cheap check before expensive work
/// whose result would otherwise be thrown away.
pub fn check_writable(path: &Path) -> Result<(), WriteError> {
    let shown = path.display().to_string();
    let folder = folder_of(path);
    if !folder.is_dir() {
        return Err(WriteError { path: shown, reason: format!("the folder {} does not exist", folder.display()) });
    }
    let probe = folder.join(format!(".agendapack-check.{}", std::process::id()));
    match std::fs::File::create(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(e) => Err(WriteError { path: shown, reason: plain(&e) }),
    }
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(folder) => folder.to_path_buf(),
        None => PathBuf::from("."),
    }
}

/// An I/O error as words: the common causes by name, others without "(os error N)".
pub fn plain(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::StorageFull => return "the disk is full".into(),
        ErrorKind::ReadOnlyFilesystem => return "the disk is read-only".into(),
        // Windows also says this when the file to replace is open in a program that does not
        // share it (a PDF reader showing the previous pack).
        ErrorKind::PermissionDenied if cfg!(windows) => {
            return "access denied (if the file is open in another program, close it there and try again)".into()
        }
        ErrorKind::PermissionDenied => return "permission denied".into(),
        _ => {}
    }
    // ENOSPC and EDQUOT by number, for kinds the standard library files elsewhere.
    #[cfg(not(windows))]
    if matches!(error.raw_os_error(), Some(28 | 122)) {
        return "the disk is full".into();
    }
    // ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION: another program (a PDF reader showing
    // the last pack) holds the file open. Windows numbers only: 32 is EPIPE elsewhere.
    #[cfg(windows)]
    if matches!(error.raw_os_error(), Some(32 | 33)) {
        return "it is open in another program; close it there and try again".into();
    }
    let text = error.to_string();
    let text = text.find(" (os error").map_or(text.as_str(), |cut| &text[..cut]);
    text.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replace_the_whole_file_and_leave_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pack.pdf");
        std::fs::write(&path, b"old").unwrap();
        write(&path, b"new bytes").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new bytes", "the file is replaced");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(names.len(), 1, "no temporary file is left: {names:?}");
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.json");
        std::fs::write(&path, b"old").unwrap();
        let err = write_with(&path, |_| Err(std::io::Error::from_raw_os_error(28))).unwrap_err();
        assert_eq!(err.to_string(), format!("cannot write {}: the disk is full", path.display()), "ENOSPC is named");
        assert_eq!(std::fs::read(&path).unwrap(), b"old", "the previous file is untouched");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left");
    }

    #[test]
    fn a_staged_file_appears_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pack.pdf");
        std::fs::write(&path, b"old").unwrap();
        let staged = stage(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"old", "not in place before the commit");
        drop(staged);
        assert_eq!(std::fs::read(&path).unwrap(), b"old", "a staged file dropped uncommitted changes nothing");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "and is removed");
        stage(&path, b"new").unwrap().commit().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new", "committed, it replaces the file");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left");
    }

    #[test]
    fn a_missing_folder_is_named() {
        let err = write(Path::new("/no/such/folder/x.pdf"), b"x").unwrap_err();
        assert!(err.to_string().contains("the folder /no/such/folder does not exist"), "{err}");
    }
}
