//! The release binary against the probe's hostile inputs and hostile disks (issue 14): a long
//! bad value is quoted short; a read-only database leaves no PDF behind and can still be read;
//! a full disk leaves no 0-byte or half-written file and says "the disk is full". The disk
//! cases need root (to mount a small tmpfs and a read-only bind mount) and are skipped with a
//! printed reason otherwise.

mod cli_support;
use cli_support::{run};
use std::path::Path;
use std::process::{Command, Output};

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

/// A mount made for one test, unmounted when it ends (also on failure).
struct Mount(std::path::PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Runs `mount args...`; None (with the reason printed) when this is not root or mount fails.
fn mount(args: &[&str], at: &Path) -> Option<Mount> {
    let root = Command::new("id").arg("-u").output().ok().is_some_and(|o| o.stdout.starts_with(b"0\n"));
    if !root {
        eprintln!("skipped: mounting a small or read-only file system needs root");
        return None;
    }
    let status = Command::new("mount").args(args).arg(at).status().ok()?;
    if !status.success() {
        eprintln!("skipped: `mount {args:?}` failed here (no privilege to mount in this container?)");
        return None;
    }
    Some(Mount(at.to_path_buf()))
}

/// Every file in `dir` with its size, sorted: what a failed command left behind.
fn files_in(dir: &Path) -> Vec<(String, u64)> {
    let mut files: Vec<(String, u64)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.metadata().map(|m| m.len()).unwrap_or(0)))
        .collect();
    files.sort();
    files
}

fn demo(home: &Path) -> String {
    let db = home.join("demo.db").display().to_string();
    let out = run(home, &["--db", &db, "init", "--demo"]);
    assert!(out.status.success(), "init --demo: {}", stderr(&out));
    db
}

#[test]
fn a_full_disk_leaves_no_empty_or_partial_file_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let db = demo(home);
    let small = home.join("small");
    std::fs::create_dir(&small).unwrap();
    let Some(_mount) = mount(&["-t", "tmpfs", "-o", "size=64k", "tmpfs"], &small) else { return };
    let at = |name: &str| small.join(name).display().to_string();
    let markdown = home.join("long.md");
    std::fs::write(&markdown, "The committee noted the report and its many appendices in full.\n\n".repeat(20_000)).unwrap();
    let cases: [(&str, Vec<String>); 4] = [
        ("build", vec!["--db".into(), db.clone(), "build".into(), "--out".into(), at("pack.pdf")]),
        ("export", vec!["--db".into(), db.clone(), "export".into(), "--meeting".into(), "1".into(), "--out".into(), at("meeting.json")]),
        ("render", vec!["render".into(), markdown.display().to_string(), "--out".into(), at("long.pdf")]),
        ("backup", vec!["--db".into(), db.clone(), "backup".into(), "--out".into(), at("copy.db")]),
    ];
    for (what, args) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(home, &args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{what} on a full disk fails: {err}");
        assert!(err.contains("the disk is full"), "{what} says the disk is full: {err}");
        assert!(!err.contains("not an error") && !err.contains("panicked"), "{what}: one plain sentence: {err}");
        assert_eq!(files_in(&small), vec![], "{what} leaves no empty, partial or temporary file");
    }
}

#[test]
fn a_read_only_database_builds_nothing_and_is_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let data = home.join("data-folder");
    std::fs::create_dir(&data).unwrap();
    let db_path = data.join("demo.db");
    let out = run(home, &["--db", &db_path.display().to_string(), "init", "--demo"]);
    assert!(out.status.success(), "init --demo: {}", stderr(&out));
    let writable = run(home, &["--db", &db_path.display().to_string(), "meetings", "--json"]);
    let expected = String::from_utf8(writable.stdout).unwrap();
    // The same folder seen through a read-only bind mount: a read-only disk, even for root.
    let read_only = home.join("read-only");
    std::fs::create_dir(&read_only).unwrap();
    let Some(_bind) = mount(&["--bind", &data.display().to_string()], &read_only) else { return };
    let remounted = Command::new("mount").args(["-o", "remount,bind,ro"]).arg(&read_only).status();
    assert!(remounted.is_ok_and(|s| s.success()), "a bind mount made by root can be made read-only");
    let db = read_only.join("demo.db").display().to_string();
    let pdf = home.join("pack.pdf");
    let out = run(home, &["--db", &db, "build", "--out", &pdf.display().to_string()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "build on a read-only database fails: {err}");
    assert!(err.contains("cannot be written") || err.contains("read-only") || err.contains("readonly"), "and says why: {err}");
    assert!(!pdf.exists(), "and leaves no PDF behind (audit --verify would reject it)");
    assert!(!files_in(home).iter().any(|(name, _)| name.contains("pack.pdf")), "nor a temporary file");
    let meetings = run(home, &["--db", &db, "meetings", "--json"]);
    assert!(meetings.status.success(), "meetings reads a read-only database: {}", stderr(&meetings));
    assert_eq!(String::from_utf8(meetings.stdout).unwrap(), expected, "and lists what is there");
    for args in [&["export", "--meeting", "1"][..], &["audit", "--meeting", "1"][..], &["meetings"][..]] {
        let full: Vec<&str> = ["--db", db.as_str()].into_iter().chain(args.iter().copied()).collect();
        let out = run(home, &full);
        assert!(out.status.success(), "{args:?} reads a read-only database: {}", stderr(&out));
    }
}
