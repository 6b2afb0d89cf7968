//! To be written (issue 2).
use std::path::Path;
use super::{CliError, CliResult};
pub fn run(_db: Option<&Path>, _demo: bool) -> CliResult { Err(CliError("not available yet".into())) }
