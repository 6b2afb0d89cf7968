//! Opening the database for a command: the `--db` file, or the one in the platform data
//! directory, which is created with the demo council on first use.
//!
//! Deliberately not here: anything a command does with the store once open.

use std::path::Path;

use agendapack_store::{MeetingId, Store};

use super::CliError;

/// The store for a command. With `db`, that file (created empty if missing); without, the
/// platform's AgendaPack database, created with the demo council the first time.
pub fn open(db: Option<&Path>) -> Result<Store, CliError> {
    match db {
        Some(path) => open_file(path),
        None => open_default(),
    }
}

/// The store for a command that only reads (`meetings`, `export`, `audit`): opened read-only
/// when the file exists and is current, so a read-only folder or disk is no obstacle and no
/// backup is made; otherwise as [`open`] does (creating or migrating it).
pub fn open_reader(db: Option<&Path>) -> Result<Store, CliError> {
    let path = match db {
        Some(path) => path.to_path_buf(),
        None => agendapack_store::default_path()?,
    };
    if path.is_file() {
        if let Some(store) = Store::open_read_only(&path)? {
            return Ok(store);
        }
    }
    open(db)
}

/// Refuses a database file that cannot be written (a read-only file or disk) before a command
/// does work it could not record.
pub fn check_writable(path: &Path) -> Result<(), CliError> {
    match std::fs::OpenOptions::new().append(true).open(path) {
        Ok(_) => Ok(()),
        Err(e) => Err(CliError(format!("the database {} cannot be written: {}", path.display(), crate::atomic_file::plain(&e)))),
    }
}

fn open_file(path: &Path) -> Result<Store, CliError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !parent.is_dir() {
            return Err(CliError(format!("the folder {} does not exist", parent.display())));
        }
    }
    let mut store = Store::open(path)?;
    tell_private_section_notices(&mut store);
    // One backup a day in backups/ beside the database (issue 10); today is read here, at the
    // edge. A failed backup must not stop the user working, so it is a warning.
    let today = chrono::Local::now().date_naive();
    if let Err(e) = store.rotate_backups(today, agendapack_store::backup::KEEP_DAILY) {
        eprintln!("agendapack: warning: today's automatic backup was not made: {e}");
    }
    Ok(store)
}

/// Once, on the first command after the upgrade to schema 7: the items that were open to the
/// public below Private Business and are now exempt with no paragraph chosen.
fn tell_private_section_notices(store: &mut Store) {
    match store.take_private_section_notices(agendapack_store::private_section::NoticeReader::Cli) {
        Ok(notices) => {
            for notice in notices {
                eprintln!("agendapack: note: {}", notice.sentence());
            }
        }
        Err(e) => eprintln!("agendapack: warning: the items restricted by the upgrade could not be listed: {e}"),
    }
}

fn open_default() -> Result<Store, CliError> {
    let path = agendapack_store::default_path()?;
    if path.exists() {
        return open_file(&path);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| CliError(format!("cannot create the data folder {}: {e}", parent.display())))?;
    }
    let mut store = open_file(&path)?;
    if let Err(e) = load_demo(&mut store) {
        // Leave no half-made database behind, so the next run tries again from scratch.
        drop(store);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        return Err(e);
    }
    Ok(store)
}

/// What [`load_demo`] did.
pub enum DemoLoad {
    /// The demo meetings were imported now; the first is the demo meeting.
    Loaded(Vec<MeetingId>),
    /// The database already had them.
    AlreadyThere(MeetingId),
    /// This build has no demo meetings to load.
    NoDemo,
}

/// Imports every demo meeting unless the demo is already in the database.
pub fn load_demo(store: &mut Store) -> Result<DemoLoad, CliError> {
    // The demo trackers (issue 8) came after the demo meetings: stored on every demo load.
    super::programme::load_demo_trackers(store)?;
    // The demo committee's deadline rules (issue 6), unless it already has rules of its own.
    let rules = agendapack_store::edit::RulesFile::from_json(agendapack_demo::deadline_rules())?;
    store.deadline_rules_import_if_none(&rules)?;
    if let Some(id) = store.demo_meeting_id()? {
        super::programme::adopt_demo_programmes(store)?;
        return Ok(DemoLoad::AlreadyThere(id));
    }
    let bundles = agendapack_demo::bundles();
    let mut ids = Vec::with_capacity(bundles.len());
    for bundle in &bundles {
        let id = store
            .import_bundle(bundle)
            .map_err(|e| CliError(format!("the demo council could not be loaded: {e}")))?;
        ids.push(id);
    }
    // The imported work programmes become planned items (issue 8), printed from the rules.
    super::programme::adopt_demo_programmes(store)?;
    match ids.first() {
        Some(first) => {
            store.set_demo_meeting_id(*first)?;
            Ok(DemoLoad::Loaded(ids))
        }
        None => Ok(DemoLoad::NoDemo),
    }
}
