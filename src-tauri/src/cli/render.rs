//! `agendapack render`: one Markdown document to PDF. To be written (issue 3).

use std::path::PathBuf;

use clap::Args;

use super::{CliError, CliResult};

#[derive(Debug, Args)]
pub struct RenderArgs {
    #[arg(value_name = "FILE.md")]
    pub file: PathBuf,
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
}

pub fn run(_args: &RenderArgs) -> CliResult {
    Err(CliError("rendering is not available yet".into()))
}
