//! `agendapack committees`: list the committees (retired ones marked), and `rename`, `retire`,
//! `unretire` or `delete` one by its id. Deleting is only for a committee that has never met;
//! one with meetings is retired instead, and the store says so in one sentence.
//!
//! Deliberately not here: any rule (the store decides what is allowed).

use std::path::Path;

use clap::{Args, Subcommand};

use super::{db, CliResult};

#[derive(Debug, Args)]
pub struct CommitteesArgs {
    #[command(subcommand)]
    pub command: Option<CommitteesCommand>,
}

#[derive(Debug, Subcommand)]
pub enum CommitteesCommand {
    /// Give a committee a new name (its meetings keep it).
    Rename { id: i64, name: String },
    /// Retire a committee: it keeps its meetings and papers but takes no new meetings.
    Retire { id: i64 },
    /// Bring a retired committee back.
    Unretire { id: i64 },
    /// Delete a committee that has never met.
    Delete { id: i64 },
}

pub fn run(db_path: Option<&Path>, args: &CommitteesArgs) -> CliResult {
    let mut store = db::open(db_path)?;
    match &args.command {
        None => {
            let committees = store.committees()?;
            if committees.is_empty() {
                println!("No committees yet: run `agendapack init --demo` or `agendapack import FILE.json`.");
            }
            for c in committees {
                let retired = if c.retired { "  (retired)" } else { "" };
                println!("{:>4}  {}{retired}", c.id, c.name);
            }
        }
        Some(CommitteesCommand::Rename { id, name }) => {
            let row = store.committee_save(Some(*id), name)?;
            println!("Committee {} is now called {}.", row.id, row.name);
        }
        Some(CommitteesCommand::Retire { id }) => {
            let row = store.committee_retire(*id, true)?;
            println!("{} is retired: its meetings are kept, and it takes no new meetings.", row.name);
        }
        Some(CommitteesCommand::Unretire { id }) => {
            let row = store.committee_retire(*id, false)?;
            println!("{} is back in use.", row.name);
        }
        Some(CommitteesCommand::Delete { id }) => {
            store.committee_delete(*id)?;
            println!("Committee {id} is deleted.");
        }
    }
    Ok(())
}
