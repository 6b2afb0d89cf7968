//! A report imported from Word, end to end through the CLI (issue 16): `report import` on the
//! demo meeting, then `build`. The pack passes the tag checker, its Figure's /Alt is Word's alt
//! text, merged cells carry /ColSpan and /RowSpan, Welsh carries /Lang (cy); pdftotext finds
//! the report's words and `pdfimages -list` counts the new pictures; export and import keep the
//! pictures' hashes. The fixture is H6's, made by tests/fixtures/docx/make_council_report.py.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use agendapack_pdf::check_tags;
use agendapack_store::{MeetingId, Store};
use serde_json::Value;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/docx/council_report.docx")
}

fn agendapack(db: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_agendapack")).arg("--db").arg(db).args(args).output().expect("the binary runs");
    assert!(out.status.success(), "agendapack {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// The demo meeting and the printed number of its first report item.
fn demo_report_item(db: &Path) -> (i64, u32) {
    let store = Store::open(db).expect("the database opens");
    let id = store.demo_meeting_id().expect("readable").expect("the demo meeting");
    let detail = store.meeting_detail(id.0).expect("the meeting");
    let item = detail.items.iter().find(|i| i.has_report && i.number.is_some() && !i.access.is_restricted()).expect("an open report item");
    (id.0, item.number.unwrap_or_default())
}

fn image_count(pdf: &Path) -> usize {
    let out = Command::new("pdfimages").arg("-list").arg(pdf).output().expect("pdfimages must be installed");
    assert!(out.status.success(), "pdfimages -list reads the pack");
    // Two header lines, then one line per image.
    String::from_utf8_lossy(&out.stdout).lines().skip(2).filter(|l| !l.trim().is_empty()).count()
}

fn flat_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext must be installed");
    String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn picture_hashes(bundle: &Value) -> Vec<String> {
    let mut out: Vec<String> = bundle["items"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|item| item["report"]["pictures"].as_array().cloned().unwrap_or_default())
        .filter_map(|p| p["sha256"].as_str().map(str::to_owned))
        .collect();
    out.sort();
    out
}

#[test]
fn an_imported_word_report_reaches_the_pack_tagged_and_survives_export() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("demo.db");
    agendapack(&db, &["init", "--demo"]);
    let (meeting, item) = demo_report_item(&db);
    let (meeting_arg, item_arg) = (meeting.to_string(), item.to_string());
    let before = dir.path().join("before.pdf");
    agendapack(&db, &["build", "--meeting", &meeting_arg, "--edition", "full", "--out", &before.to_string_lossy()]);

    let docx = fixture();
    let converted = agendapack(&db, &["docx", &docx.to_string_lossy(), "--json"]);
    let converted: Value = serde_json::from_slice(&converted.stdout).expect("docx --json prints one JSON object");
    let mut word_hashes: Vec<String> = converted["media"].as_array().expect("media").iter().filter_map(|m| m["sha256"].as_str().map(str::to_owned)).collect();
    word_hashes.sort();
    assert_eq!(word_hashes.len(), 2, "the fixture has a described picture and a decorative one");

    let imported = agendapack(&db, &["report", "import", "--meeting", &meeting_arg, "--item", &item_arg, &docx.to_string_lossy()]);
    let said = String::from_utf8_lossy(&imported.stdout).into_owned();
    assert!(said.contains("cover fields filled:") && said.contains("title") && said.contains("summary"), "the import says which fields it filled: {said}");

    let after = dir.path().join("after.pdf");
    agendapack(&db, &["build", "--meeting", &meeting_arg, "--edition", "full", "--out", &after.to_string_lossy()]);
    let pdf = std::fs::read(&after).expect("the pack was written");
    let report = check_tags(&pdf).expect("readable");
    assert!(report.is_ok(), "the pack with the Word report passes the tag checker: {:?}", report.problems);
    assert!(
        report.figure_alts.iter().any(|a| a == "Bar chart of spending by directorate"),
        "the picture's Figure carries Word's alt text: {:?}",
        report.figure_alts
    );
    assert!(report.spanning_cells.contains(&(2, 1)), "the merged header cell carries /ColSpan 2: {:?}", report.spanning_cells);
    assert!(report.spanning_cells.contains(&(1, 2)), "the vertically merged cell carries /RowSpan 2: {:?}", report.spanning_cells);
    assert!(report.languages.get("cy").is_some_and(|&n| n >= 2), "the Welsh paragraph and the Welsh word carry /Lang (cy): {:?}", report.languages);
    let text = flat_text(&after);
    for words in ["The forecast overspend is £1.2 million.", "adroddiad hwn yn nodi", "Budget Monitoring Report 2020/21"] {
        assert!(text.contains(words), "pdftotext finds {words:?} in the pack");
    }
    assert_eq!(image_count(&after), image_count(&before) + 2, "pdfimages lists the report's two pictures on top of the demo's images");

    // Export and import into a fresh database keep the pictures, byte for byte.
    let exported = dir.path().join("meeting.json");
    agendapack(&db, &["export", "--meeting", &meeting_arg, "--out", &exported.to_string_lossy()]);
    let bundle: Value = serde_json::from_slice(&std::fs::read(&exported).expect("exported")).expect("JSON");
    assert_eq!(picture_hashes(&bundle), word_hashes, "the export carries the Word file's pictures by hash");
    let other = dir.path().join("other.db");
    agendapack(&other, &["import", &exported.to_string_lossy()]);
    let store = Store::open(&other).expect("the second database opens");
    let meetings = store.meetings().expect("meetings");
    let again = store.load_bundle(MeetingId(meetings[0].id)).expect("the imported meeting");
    let mut hashes: Vec<String> = again.items.iter().filter_map(|i| i.report.as_ref()).flat_map(|r| r.pictures.iter().map(|p| p.sha256.clone())).collect();
    hashes.sort();
    assert_eq!(hashes, word_hashes, "import keeps the pictures' hashes");
    assert_eq!(store.stored_picture_count().ok(), Some(2), "each picture's bytes are stored once");
}

#[test]
fn a_tampered_picture_hash_is_refused_on_import_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("demo.db");
    agendapack(&db, &["init", "--demo"]);
    let (meeting, item) = demo_report_item(&db);
    let (meeting_arg, item_arg) = (meeting.to_string(), item.to_string());
    agendapack(&db, &["report", "import", "--meeting", &meeting_arg, "--item", &item_arg, &fixture().to_string_lossy()]);
    let exported = dir.path().join("meeting.json");
    agendapack(&db, &["export", "--meeting", &meeting_arg, "--out", &exported.to_string_lossy()]);
    let text = std::fs::read_to_string(&exported).expect("exported");
    let mut bundle: Value = serde_json::from_str(&text).expect("JSON");
    let picture = bundle["items"].as_array_mut().expect("items").iter_mut().find_map(|i| i["report"]["pictures"].as_array_mut().and_then(|p| p.first_mut()).cloned());
    let hash = picture.and_then(|p| p["sha256"].as_str().map(str::to_owned)).expect("a picture");
    let tampered = text.replace(&hash, &"0".repeat(64));
    let path = dir.path().join("tampered.json");
    std::fs::write(&path, tampered).expect("written");
    let other = dir.path().join("other.db");
    agendapack(&other, &["init"]);
    let before = std::fs::read(&other).expect("the empty database");
    let out = Command::new(env!("CARGO_BIN_EXE_agendapack")).arg("--db").arg(&other).arg("import").arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(1), "a picture that does not match its hash is refused");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("does not match its SHA-256") && stderr.lines().count() == 1, "one sentence naming the problem: {stderr}");
    assert_eq!(std::fs::read(&other).expect("still there"), before, "the database is unchanged");
}
