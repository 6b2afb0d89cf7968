//! The desktop app's own settings: whether the window works on the file on this computer or on
//! a team server (and which), and the certificate fingerprints the person has trusted, one per
//! server address, so a server is confirmed once and a changed certificate is noticed. A small
//! JSON file, `agendapack-desktop.json`, in the folder of the database the app opens (so tests
//! with `AGENDAPACK_DB` keep theirs beside their database), replaced whole on every change.
//!
//! Deliberately not here: passwords or session cookies (never written anywhere), trust decisions
//! (`crate::team_client::trust`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::api::{ApiError, ErrorCode};

/// The settings file's name, beside the database.
pub const FILE_NAME: &str = "agendapack-desktop.json";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// The team server the window works against (`host:port`); None: the file on this computer.
    #[serde(default)]
    pub server: Option<String>,
    /// Fingerprints the person confirmed, by server address. A server whose certificate a
    /// public authority vouches for has none.
    #[serde(default)]
    pub trusted: BTreeMap<String, String>,
}

/// Where the settings of the app that opens `database` are kept.
pub fn path_beside(database: &Path) -> PathBuf {
    database.parent().unwrap_or(Path::new(".")).join(FILE_NAME)
}

/// The settings, or the defaults (the local file) when there are none yet. A file that cannot
/// be read is reported and set aside in favour of the defaults: the app still opens on the file.
pub fn load(path: &Path) -> Settings {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
            eprintln!("agendapack-desktop: the settings {} could not be read ({e}); working on the file on this computer", path.display());
            Settings::default()
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Settings::default(),
        Err(e) => {
            eprintln!("agendapack-desktop: the settings {} could not be read ({e}); working on the file on this computer", path.display());
            Settings::default()
        }
    }
}

pub fn save(path: &Path, settings: &Settings) -> Result<(), ApiError> {
    let bytes = serde_json::to_vec_pretty(settings).map_err(|e| ApiError::new(ErrorCode::Internal, format!("The settings could not be written: {e}.")))?;
    crate::atomic_file::write(path, &bytes)
        .map_err(|e| ApiError::new(ErrorCode::Storage, format!("The settings could not be saved: {e}.")))
}
