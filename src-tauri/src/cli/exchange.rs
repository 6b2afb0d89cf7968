//! `agendapack export` and `agendapack import`: a meeting as one JSON interchange document
//! (docs/format.md). The format itself is in `agendapack_store::exchange`.

use std::path::Path;

use agendapack_store::{exchange, MeetingId, StoreError};

use super::{db, CliError, CliResult};

pub fn export(db_path: Option<&Path>, meeting: i64, out: Option<&Path>) -> CliResult {
    let store = db::open_reader(db_path)?;
    let bundle = store.load_bundle(MeetingId(meeting))?;
    let text = exchange::to_json(&bundle)?;
    match out {
        Some(path) => crate::atomic_file::write(path, text.as_bytes()).map_err(|e| CliError(e.to_string()))?,
        None => print!("{text}"),
    }
    Ok(())
}

pub fn import(db_path: Option<&Path>, file: &Path) -> CliResult {
    let shown = file.display();
    let text = std::fs::read_to_string(file).map_err(|e| CliError(format!("cannot read {shown}: {e}")))?;
    // Parse before opening the database, so a bad file cannot even create one.
    let bundle = exchange::from_json(&text).map_err(|e| CliError(format!("{shown}: {e}")))?;
    let mut store = db::open(db_path)?;
    let id = store.import_bundle(&bundle).map_err(|e| match e {
        StoreError::Invalid(_) => CliError(format!("{shown}: {e}")),
        other => CliError::from(other),
    })?;
    println!("{id}");
    Ok(())
}
