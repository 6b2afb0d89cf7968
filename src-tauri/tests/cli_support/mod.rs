//! Running the `agendapack` binary in CLI tests: one place for how a test starts it, so no
//! test touches the real data directory (HOME and XDG_DATA_HOME point inside the test's own
//! folder) and no panic backtrace setting leaks in from the developer's shell.
#![allow(dead_code)] // each test file uses the part it needs

use std::path::Path;
use std::process::{Command, Output};

/// The binary Cargo built for this test run.
pub const BIN: &str = env!("CARGO_BIN_EXE_agendapack");

/// `agendapack` with its home inside `home`, ready for arguments.
pub fn agendapack(home: &Path) -> Command {
    let mut command = Command::new(BIN);
    command.env("HOME", home).env("XDG_DATA_HOME", home.join("data")).env_remove("RUST_BACKTRACE");
    command
}

/// Runs `agendapack ARGS` with its home inside `home` and returns what it did.
pub fn run(home: &Path, args: &[&str]) -> Output {
    agendapack(home).args(args).output().unwrap_or_else(|e| panic!("the agendapack binary runs: {e}"))
}

/// Runs `agendapack ARGS`, which must succeed, and returns its standard output.
pub fn ok(home: &Path, args: &[&str]) -> String {
    let out = run(home, args);
    assert!(out.status.success(), "agendapack {args:?} should succeed; stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}
