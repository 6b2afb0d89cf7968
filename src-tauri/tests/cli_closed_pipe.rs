//! Commands whose reader has gone end quietly (issue 14: `build | head -1`, `meetings`,
//! `meetings --json`, `export`, `audit`, `deadlines --upcoming` printed Rust panic text).
//! The pipe's read end is closed before the command starts, so every write it makes meets a
//! closed pipe: deterministic, unlike racing a real `head -1`.

use std::path::Path;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_agendapack");

fn command(home: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command.args(args).env("HOME", home).env("XDG_DATA_HOME", home.join("data")).env_remove("RUST_BACKTRACE");
    command
}

/// Runs `args` with stdout a pipe nobody reads; returns stderr.
fn with_closed_stdout(home: &Path, args: &[&str]) -> String {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let out = command(home, args).stdout(writer).stderr(Stdio::piped()).output().expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        // Ended by SIGPIPE (13) like `cat` would be, or finished before noticing; never the
        // panic exit code 101.
        assert!(out.status.signal() == Some(13) || out.status.success(), "agendapack {args:?} ends quietly: {:?}; stderr: {stderr}", out.status);
    }
    stderr
}

#[test]
fn commands_end_quietly_when_the_reader_has_gone() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let db = home.join("demo.db").display().to_string();
    let init = command(home, &["--db", &db, "init", "--demo"]).output().unwrap();
    assert!(init.status.success(), "init --demo: {}", String::from_utf8_lossy(&init.stderr));
    let pdf = home.join("p.pdf").display().to_string();
    let cases: [&[&str]; 7] = [
        &["build", "--out", &pdf],
        &["meetings"],
        &["meetings", "--json"],
        &["export", "--meeting", "1"],
        &["audit", "--meeting", "1"],
        &["audit", "--meeting", "1", "--json"],
        &["deadlines", "--upcoming", "--today", "2020-11-01"],
    ];
    for case in cases {
        let args: Vec<&str> = ["--db", db.as_str()].into_iter().chain(case.iter().copied()).collect();
        let stderr = with_closed_stdout(home, &args);
        assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "agendapack {case:?} prints no panic text: {stderr}");
    }
    // The pack was still written and recorded before its summary met the closed pipe.
    assert!(Path::new(&pdf).is_file(), "build wrote the pack before printing");
}
