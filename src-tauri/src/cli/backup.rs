//! `agendapack backup --out FILE` and `agendapack restore FILE`: a consistent copy of the
//! database made with SQLite's online backup API (other windows may keep working), and the
//! reverse, which refuses a file that is not a sound AgendaPack database of this or an older
//! version and keeps a copy of what it replaces in `backups/` beside the database.
//!
//! Deliberately not here: the automatic daily backups (made when the database is opened, see
//! [`super::db`]) and the checks themselves (the store's `backup` module).

use std::path::{Path, PathBuf};

use clap::Args;

use super::{db, CliError, CliResult};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The file to write the copy to (replaced if it exists).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A backup made by `agendapack backup` (or a daily one from the backups folder).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

pub fn backup(db_path: Option<&Path>, args: &BackupArgs) -> CliResult {
    let store = db::open(db_path)?;
    store.backup_to(&args.out)?;
    println!("Backed up to {}.", args.out.display());
    Ok(())
}

pub fn restore(db_path: Option<&Path>, args: &RestoreArgs) -> CliResult {
    let target = match db_path {
        Some(path) => path.to_path_buf(),
        None => agendapack_store::default_path()?,
    };
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !parent.is_dir() {
            return Err(CliError(format!("the folder {} does not exist", parent.display())));
        }
    }
    let today = chrono::Local::now().date_naive();
    let restored = agendapack_store::backup::restore(&target, &args.file, today)?;
    println!("Restored {} from {}.", target.display(), args.file.display());
    if let Some(kept) = restored.kept {
        println!("The database as it was before is kept in {}.", kept.display());
    }
    Ok(())
}
