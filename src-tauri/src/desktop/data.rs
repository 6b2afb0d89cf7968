//! Where the desktop app keeps its data: the `AGENDAPACK_DB` file when that variable is set (tests
//! use it so they never touch the officer's database), otherwise the same platform data file the
//! CLI uses. Either way a database that does not exist yet is created with the demo council, so
//! the first start shows something to build.
//!
//! Deliberately not here: what the commands do with the store once it is open.

use std::path::PathBuf;

use agendapack_store::Store;

use crate::cli::db;

/// The environment variable naming a database file to use instead of the default one.
pub const DB_VARIABLE: &str = "AGENDAPACK_DB";

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("{0}")]
    Open(String),
}

impl From<crate::cli::CliError> for DataError {
    fn from(e: crate::cli::CliError) -> Self {
        DataError::Open(e.0)
    }
}

/// Opens the app's database once, at start-up.
pub fn open_store() -> Result<(Store, PathBuf), DataError> {
    match std::env::var_os(DB_VARIABLE).filter(|v| !v.is_empty()) {
        Some(file) => {
            let path = PathBuf::from(file);
            let is_new = !path.exists();
            let mut store = db::open(Some(&path))?;
            if is_new {
                db::load_demo(&mut store)?;
            }
            Ok((store, path))
        }
        None => {
            let path = agendapack_store::default_path()
                .map_err(|e| DataError::Open(format!("the data folder could not be found: {e}")))?;
            let store = db::open(None)?;
            Ok((store, path))
        }
    }
}
