//! `agendapack audit --meeting ID [--json]`: a meeting's audit trail (who changed what and
//! when) and its recorded publications; `agendapack audit --verify FILE.pdf`: whether a pack
//! file is one that was published, found by its SHA-256.
//!
//! Deliberately not here: writing the trail (the store's triggers do).

use std::path::{Path, PathBuf};

use clap::Args;

use super::{db, CliError, CliResult};

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// The meeting whose trail to show.
    #[arg(long, required_unless_present = "verify")]
    pub meeting: Option<i64>,
    /// Print the trail as JSON: {entries, publications}.
    #[arg(long)]
    pub json: bool,
    /// A PDF to look up among the recorded publications.
    #[arg(long, value_name = "FILE.pdf", conflicts_with = "meeting")]
    pub verify: Option<PathBuf>,
}

pub fn run(db_path: Option<&Path>, args: &AuditArgs) -> CliResult {
    let store = db::open_reader(db_path)?;
    if let Some(file) = &args.verify {
        let bytes = std::fs::read(file).map_err(|e| CliError(format!("cannot read {}: {e}", file.display())))?;
        let found = store.find_publication(&bytes)?;
        if found.is_empty() {
            return Err(CliError(format!(
                "{} (SHA-256 {}) is not a pack this database recorded as published",
                file.display(),
                agendapack_store::sha256_hex(&bytes)
            )));
        }
        for p in found {
            println!(
                "{} is the {} edition of meeting {} published as {} by {} at {} (SHA-256 {}).",
                file.display(),
                p.edition,
                p.meeting_id,
                p.file_name,
                p.user,
                p.published_at,
                p.sha256
            );
        }
        return Ok(());
    }
    let Some(meeting) = args.meeting else {
        return Err(CliError("pass --meeting ID or --verify FILE.pdf".into()));
    };
    let entries = store.audit_log(meeting)?;
    if entries.is_empty() {
        store.meeting_detail(meeting)?;
    }
    let publications = store.publications(meeting)?;
    if args.json {
        let value = serde_json::json!({ "entries": entries, "publications": publications });
        let text = serde_json::to_string_pretty(&value).map_err(|e| CliError(format!("cannot write JSON: {e}")))?;
        println!("{text}");
        return Ok(());
    }
    for e in &entries {
        let id = e.entity_id.map(|id| format!(" {id}")).unwrap_or_default();
        println!("{}  {:<12} {:<7} {}{}  {}", e.at, e.user, e.action, e.entity, id, e.summary);
    }
    if entries.is_empty() {
        println!("No changes are recorded for meeting {meeting}.");
    }
    Ok(())
}
