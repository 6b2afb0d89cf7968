//! Fuzzing the Word reader through the CLI path (issue 16): every input, from the corpus in
//! `tests/fuzz-corpus/docx/` and from seeded byte mutations of the council-report fixture,
//! must give Markdown or one sentence with exit code 1, never a panic or another exit code;
//! an input the reader takes is then imported as a report, and the pack still builds with
//! tagged output. A refused import leaves the database as it was.

mod fuzz_support;

use std::path::Path;
use std::process::{Command, Output};

use fuzz_support::{corpus, mutate, repo_root, Rng};

const MUTATIONS: usize = 120;
/// Mutated files that still read are imported and built; a few are enough to exercise it.
const BUILDS: usize = 3;

fn run(db: Option<&Path>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_agendapack"));
    if let Some(db) = db {
        command.arg("--db").arg(db);
    }
    command.args(args).output().expect("the binary runs")
}

/// Runs `docx --json` on `bytes`; true when the file was read.
fn convert(dir: &Path, what: &str, bytes: &[u8]) -> bool {
    let path = dir.join("input.docx");
    std::fs::write(&path, bytes).expect("written");
    let out = run(None, &["docx", &path.to_string_lossy(), "--json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{what}: the reader panicked: {stderr}");
    match out.status.code() {
        Some(0) => {
            let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{what}: --json is JSON: {e}"));
            assert!(json["markdown"].is_string(), "{what}: the object has its Markdown");
            true
        }
        Some(1) => {
            assert_eq!(stderr.trim_end().lines().count(), 1, "{what}: one sentence: {stderr}");
            false
        }
        other => panic!("{what}: exit code {other:?} (only 0 or 1 are allowed): {stderr}"),
    }
}

#[test]
fn word_files_never_crash_the_cli() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut inputs: Vec<(String, Vec<u8>)> = corpus("docx");
    let seed_file = std::fs::read(repo_root().join("tests/fixtures/docx/council_report.docx")).expect("the fixture");
    let mut rng = Rng::new(0x0D0C_5EED);
    for k in 0..MUTATIONS {
        inputs.push((format!("mutation {k}"), mutate(&mut rng, &seed_file)));
    }
    let db = dir.path().join("fuzz.db");
    let init = run(Some(&db), &["init", "--demo"]);
    assert!(init.status.success(), "the demo database is made");
    let meetings: serde_json::Value = serde_json::from_slice(&run(Some(&db), &["meetings", "--json"]).stdout).expect("JSON");
    let meeting = meetings.as_array().and_then(|m| m.iter().find(|m| m["items"].as_u64() > Some(5))).and_then(|m| m["id"].as_i64()).expect("the demo meeting").to_string();
    let (mut read, mut built) = (0, 0);
    for (what, bytes) in &inputs {
        if !convert(dir.path(), what, bytes) {
            continue;
        }
        read += 1;
        if built >= BUILDS {
            continue;
        }
        let path = dir.path().join("input.docx");
        let out = run(Some(&db), &["report", "import", "--meeting", &meeting, "--item", "4", &path.to_string_lossy()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(matches!(out.status.code(), Some(0) | Some(1)) && !stderr.contains("panicked"), "{what}: report import ends cleanly: {stderr}");
        if out.status.success() {
            let pdf = dir.path().join("pack.pdf");
            let out = run(Some(&db), &["build", "--meeting", &meeting, "--edition", "full", "--out", &pdf.to_string_lossy()]);
            assert!(out.status.success(), "{what}: the pack builds after the import: {}", String::from_utf8_lossy(&out.stderr));
            let report = agendapack_pdf::check_tags(&std::fs::read(&pdf).expect("the pack")).expect("readable");
            assert!(report.is_ok(), "{what}: the pack stays tagged: {:?}", report.problems);
            built += 1;
        }
    }
    assert!(read > 0, "some inputs are read (the corpus and light mutations)");
    assert!(read < inputs.len(), "some inputs are refused (the mutations reach the checks)");
}
