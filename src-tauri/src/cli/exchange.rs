//! To be written (issue 2).
use std::path::Path;
use super::{CliError, CliResult};
pub fn export(_db: Option<&Path>, _meeting: i64, _out: Option<&Path>) -> CliResult { Err(CliError("not available yet".into())) }
pub fn import(_db: Option<&Path>, _file: &Path) -> CliResult { Err(CliError("not available yet".into())) }
