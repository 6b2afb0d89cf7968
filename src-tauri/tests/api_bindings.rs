//! The committed TypeScript bindings (`ui/src/bindings/`) are what the Rust API types export
//! now. To update them after changing an API type:
//!
//!     UPDATE_BINDINGS=1 cargo test -p agendapack --test api_bindings

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn committed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings")
}

/// Every .ts file of a folder, by name.
fn ts_files(dir: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".ts") {
                files.insert(name, std::fs::read_to_string(entry.path()).unwrap_or_default());
            }
        }
    }
    files
}

#[test]
fn committed_bindings_match_the_rust_types() {
    let fresh = tempfile::tempdir().unwrap();
    agendapack::api::bindings::export(fresh.path()).expect("the bindings export into an empty folder");
    let generated = ts_files(fresh.path());
    assert!(generated.contains_key("MeetingDetail.ts"), "the export must include the agenda builder's type");
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let dir = committed_dir();
        std::fs::create_dir_all(&dir).unwrap();
        for name in ts_files(&dir).keys() {
            if !generated.contains_key(name) {
                std::fs::remove_file(dir.join(name)).unwrap();
            }
        }
        for (name, text) in &generated {
            std::fs::write(dir.join(name), text).unwrap();
        }
        return;
    }
    let committed = ts_files(&committed_dir());
    let how = "update them with: UPDATE_BINDINGS=1 cargo test -p agendapack --test api_bindings";
    for (name, text) in &generated {
        match committed.get(name) {
            None => panic!("ui/src/bindings/{name} is missing; {how}"),
            Some(old) => assert_eq!(old, text, "ui/src/bindings/{name} is out of date; {how}"),
        }
    }
    for name in committed.keys() {
        assert!(generated.contains_key(name), "ui/src/bindings/{name} is no longer generated; delete it or {how}");
    }
}
