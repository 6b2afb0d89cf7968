//! `agendapack build`: a meeting's agenda pack as PDF. To be written (issue 4).

use std::path::{Path, PathBuf};

use clap::Args;

use super::{CliError, CliResult, EditionArg};

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The meeting (an id from `agendapack meetings`); default: the demo meeting.
    #[arg(long)]
    pub meeting: Option<i64>,
    #[arg(long, value_enum, default_value = "public")]
    pub edition: EditionArg,
    /// Build the supplementary agenda (items marked supplementary) instead of the main pack.
    #[arg(long)]
    pub supplement: bool,
    /// Mark every page DRAFT.
    #[arg(long)]
    pub draft: bool,
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
}

pub fn run(_db: Option<&Path>, _args: &BuildArgs) -> CliResult {
    Err(CliError("building packs is not available yet".into()))
}
