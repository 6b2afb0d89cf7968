//! Making a written file and its name survive a crash, the same way on Linux and Windows: the
//! one place for the two system differences that broke the daily backup on Windows (issue 20).
//!
//! - Flushing a file needs a handle opened for writing on Windows (`FlushFileBuffers` refuses a
//!   read-only handle with "Access denied", os error 5), while Linux flushes any handle. So
//!   [`sync_file`] opens the file for writing (never truncating) and closes it before it returns,
//!   because Windows cannot rename a file over another while either is open without sharing.
//! - A folder can be flushed on Linux (so a rename in it is durable); Windows cannot open a
//!   folder as a file and makes renames durable itself, so [`sync_folder`] does its best.
//!
//! Deliberately not here: choosing temporary names or renaming (the callers do, with
//! `std::fs::rename`, which replaces an existing target on Windows too).

use std::path::Path;

/// Flushes `path`'s contents to disk, through a handle that is closed again on return.
pub fn sync_file(path: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new().write(true).open(path)?.sync_all()
}

/// Flushes the folder's list of names (where the system allows it), so a rename in it survives
/// a power cut; failure is not an error, as on Windows, where folders cannot be opened this way.
pub fn sync_folder(folder: &Path) {
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syncing_keeps_the_bytes_and_releases_the_file_for_a_rename_over_it() {
        let dir = tempfile::tempdir().unwrap();
        let temp = dir.path().join(".x.partial");
        let target = dir.path().join("x.db");
        std::fs::write(&temp, b"new").unwrap();
        std::fs::write(&target, b"old").unwrap();
        sync_file(&temp).unwrap();
        sync_folder(dir.path());
        std::fs::rename(&temp, &target).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new", "synced without truncating, then renamed over the old file");
    }

    #[test]
    fn a_missing_file_is_an_error_and_is_not_created() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("gone.db");
        assert!(sync_file(&missing).is_err());
        assert!(!missing.exists(), "syncing never creates a file");
    }
}
