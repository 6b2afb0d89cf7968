//! The release binary against the probe's hostile inputs and hostile disks (issue 14): a long
//! bad value is quoted short; a read-only database leaves no PDF behind and can still be read;
//! a full disk leaves no 0-byte or half-written file and says "the disk is full". The disk
//! cases need root (to mount a small tmpfs and a read-only bind mount) and are skipped with a
//! printed reason otherwise.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_agendapack");

fn run(home: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("the agendapack binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_megabyte_unknown_enum_value_is_quoted_short() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db").display().to_string();
    let export = run(dir.path(), &["--db", &db, "init", "--demo"]);
    assert!(export.status.success(), "init --demo: {}", stderr(&export));
    let json = run(dir.path(), &["--db", &db, "export", "--meeting", "1"]);
    let text = String::from_utf8(json.stdout).unwrap();
    let kind = "\"kind\": \"report\"";
    assert!(text.contains(kind), "the demo export has a report item");
    let bad = text.replacen(kind, &format!("\"kind\": \"{}\"", "r".repeat(1_000_000)), 1);
    let file = dir.path().join("bad.json");
    std::fs::write(&file, bad).unwrap();
    let out = run(dir.path(), &["--db", &db, "import", &file.display().to_string()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "the import fails: {}", &err[..err.len().min(300)]);
    assert!(err.contains("unknown variant `rrrr"), "the message says what is wrong: {}", &err[..err.len().min(300)]);
    assert!(err.len() < 1024, "stderr stays under 1 KB ({} bytes)", err.len());
}
