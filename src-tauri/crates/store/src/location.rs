//! Where the database lives when the user does not say: the platform's data directory
//! (XDG on Linux: ~/.local/share/agendapack/agendapack.db).

use std::path::PathBuf;

use crate::StoreError;

pub fn default_path() -> Result<PathBuf, StoreError> {
    let dirs = directories::ProjectDirs::from("uk", "AgendaPack", "AgendaPack").ok_or(StoreError::NoDataDirectory)?;
    Ok(dirs.data_dir().join("agendapack.db"))
}
