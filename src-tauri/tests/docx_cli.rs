//! The Word commands' contract (issue 16, point 4): `agendapack docx FILE [--json]`,
//! `report import` and `appendix add`. Output shapes, and hostile or wrong files: each gets one
//! sentence on stderr and exit code 1, and a refused import leaves the database as it was.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/docx/council_report.docx")
}

fn run(db: Option<&Path>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_agendapack"));
    if let Some(db) = db {
        command.arg("--db").arg(db);
    }
    command.args(args).output().expect("the binary runs")
}

fn ok(db: Option<&Path>, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(out.status.success(), "agendapack {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Asserts exit code 1 with one line on stderr (starting "agendapack: "); returns it.
fn refused(out: &Output, what: &str) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{what}: exit code 1 ({stderr})");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{what}: one line on stderr: {stderr}");
    assert!(stderr.starts_with("agendapack: ") && !stderr.contains("panicked"), "{what}: a sentence, not a panic: {stderr}");
    assert!(out.stdout.is_empty(), "{what}: nothing on stdout");
    stderr
}

#[test]
fn docx_prints_markdown_or_one_json_object() {
    let file = fixture();
    let markdown = ok(None, &["docx", &file.to_string_lossy()]);
    assert!(markdown.contains("![Bar chart of spending by directorate](media:image1.png)"), "Markdown names the picture by media: name");
    let json: Value = serde_json::from_str(&ok(None, &["docx", &file.to_string_lossy(), "--json"])).expect("one JSON object");
    let keys: Vec<&str> = json.as_object().expect("an object").keys().map(String::as_str).collect();
    assert_eq!(keys, ["cover", "markdown", "media", "warnings"], "the contract's four keys (listed sorted by serde_json), no more");
    assert_eq!(json["markdown"].as_str(), Some(markdown.as_str()), "the same Markdown as without --json");
    let cover = &json["cover"];
    assert_eq!(cover["title"], "Budget Monitoring Report 2020/21", "the cover sheet's title");
    assert_eq!(cover["decision"], "for-decision", "decision in the interchange form");
    assert_eq!(cover["key_decision"], true, "key decision as a flag");
    assert_eq!(cover["authors"][0]["name"], "Jane Smith", "authors as interchange people");
    let media = json["media"].as_array().expect("media");
    assert_eq!(media[0]["alt"], "Bar chart of spending by directorate", "Word's alt text");
    assert!(media.iter().all(|m| m["sha256"].as_str().is_some_and(|h| h.len() == 64) && m.get("bytes").is_none()), "hashes, not bytes");
}

#[test]
fn hostile_and_wrong_files_get_one_sentence() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("written");
        path
    };
    let good = std::fs::read(fixture()).expect("the fixture");
    let cases: Vec<(&str, PathBuf, &str)> = vec![
        ("not a zip", write("notes.docx", b"Dear colleagues, the report follows."), "not a Word document"),
        ("an empty file", write("empty.docx", b""), "cannot be used"),
        ("a cut-off file", write("cut.docx", &good[..good.len() / 2]), "cannot be used"),
        ("a missing file", dir.path().join("absent.docx"), "no such file"),
        ("a PDF", write("paper.docx", b"%PDF-1.7\n%%EOF\n"), "cannot be used"),
    ];
    for (what, path, expect) in &cases {
        let message = refused(&run(None, &["docx", &path.to_string_lossy(), "--json"]), what);
        assert!(message.contains(expect), "{what}: the sentence says so: {message}");
    }
    // A file far larger than any paper is refused before it is read (a sparse file: instant).
    let huge = dir.path().join("huge.docx");
    std::fs::File::create(&huge).and_then(|f| f.set_len(300 * 1024 * 1024)).expect("a sparse file");
    let message = refused(&run(None, &["docx", &huge.to_string_lossy()]), "a 300 MB file");
    assert!(message.contains("larger than"), "the size is named: {message}");
}

#[test]
fn a_refused_import_leaves_the_database_unchanged() {
    let (dir, db, meeting) = demo_database();
    let export = |name: &str| {
        let path = dir.path().join(name);
        ok(Some(&db), &["export", "--meeting", &meeting, "--out", &path.to_string_lossy()]);
        std::fs::read(path).expect("exported")
    };
    let before = export("before.json");
    let bad = dir.path().join("bad.docx");
    std::fs::write(&bad, b"PK\x03\x04 this is not really a zip").expect("written");
    refused(&run(Some(&db), &["report", "import", "--meeting", &meeting, "--item", "4", &bad.to_string_lossy()]), "report import of a broken file");
    refused(&run(Some(&db), &["appendix", "add", "--meeting", &meeting, "--item", "4", &bad.to_string_lossy()]), "appendix add of a broken file");
    refused(&run(Some(&db), &["report", "import", "--meeting", &meeting, "--item", "99", &fixture().to_string_lossy()]), "an item that does not exist");
    assert_eq!(export("after.json"), before, "nothing was changed by the refused commands");

    // A good file: the import says what it filled; an appendix from Word and one from a PDF.
    let said = ok(Some(&db), &["report", "import", "--meeting", &meeting, "--item", "4", &fixture().to_string_lossy()]);
    assert!(said.starts_with("item 4: report body set from") && said.contains("pictures: 2"), "{said}");
    let said = ok(Some(&db), &["appendix", "add", "--meeting", &meeting, "--item", "4", &fixture().to_string_lossy(), "--title", "Budget detail"]);
    assert!(said.starts_with("item 4: appendix added"), "{said}");
    let bundle: Value = serde_json::from_slice(&export("after-add.json")).expect("JSON");
    let report = bundle["items"].as_array().and_then(|items| items.iter().find(|i| i["number"] == 4)).map(|i| i["report"].clone()).expect("item 4's report");
    let appendix = report["appendices"].as_array().and_then(|a| a.iter().find(|a| a["title"] == "Budget detail")).expect("the Word appendix");
    let text = appendix["content"]["text"].as_str().unwrap_or_default();
    assert!(text.contains("](media:a2-image1.png)"), "the appendix's pictures are renamed so they never clash with the body's");
    let names: Vec<&str> = report["pictures"].as_array().into_iter().flatten().filter_map(|p| p["name"].as_str()).collect();
    assert_eq!(names, ["image1.png", "image2.png", "a2-image1.png", "a2-image2.png"], "the report holds the body's and the appendix's pictures");
    let pdf = dir.path().join("letter.pdf");
    ok(None, &["render", &fixture_markdown(dir.path()).to_string_lossy(), "--out", &pdf.to_string_lossy()]);
    let said = ok(Some(&db), &["appendix", "add", "--meeting", &meeting, "--item", "4", &pdf.to_string_lossy(), "--title", "Letter"]);
    assert!(said.contains("PDF appendix added"), "{said}");
}

/// A Word file whose cover sheet says "Exempt" is refused for an open item before anything is
/// written (its report would otherwise print in the public pack); once the item is exempt on the
/// agenda, the same file imports and nothing is said about access, since the two agree.
#[test]
fn a_file_marked_exempt_is_refused_for_an_open_item() {
    let (dir, db, meeting) = demo_database();
    let exempt_file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/docx/council_report_exempt.docx");
    let export = |name: &str| {
        let path = dir.path().join(name);
        ok(Some(&db), &["export", "--meeting", &meeting, "--out", &path.to_string_lossy()]);
        path
    };
    let before = export("before.json");
    let before_bytes = std::fs::read(&before).expect("exported");
    for command in [["report", "import"], ["appendix", "add"]] {
        let args = [command[0], command[1], "--meeting", &meeting, "--item", "4", &exempt_file.to_string_lossy()];
        let said = refused(&run(Some(&db), &args), "an exempt file into an open item");
        assert!(said.contains("marks it an exempt report") && said.contains("item 4"), "the sentence says why and names the item: {said}");
    }
    assert_eq!(std::fs::read(export("after.json")).expect("exported"), before_bytes, "nothing was written");

    // A copy of the meeting with item 4 exempt (paragraph 3), through the interchange; the same
    // file then imports into it.
    let mut bundle: Value = serde_json::from_slice(&before_bytes).expect("JSON");
    let item = bundle["items"].as_array_mut().and_then(|items| items.iter_mut().find(|i| i["number"] == 4)).expect("item 4");
    item["access"] = serde_json::json!({"kind": "exempt", "paragraphs": [3]});
    let edited = dir.path().join("exempt-item.json");
    std::fs::write(&edited, serde_json::to_vec(&bundle).expect("JSON")).expect("written");
    let copy = ok(Some(&db), &["import", &edited.to_string_lossy()]);
    let said = ok(Some(&db), &["report", "import", "--meeting", copy.trim(), "--item", "4", &exempt_file.to_string_lossy()]);
    assert!(said.starts_with("item 4: report body set from"), "{said}");
    assert!(!said.contains("cover sheet"), "the file and the item agree, so nothing is said about access: {said}");
}

/// A new demo database in a temporary folder, and the id of the demo meeting (the one with
/// more than five items).
fn demo_database() -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("demo.db");
    ok(Some(&db), &["init", "--demo"]);
    let meetings: Value = serde_json::from_str(&ok(Some(&db), &["meetings", "--json"])).expect("JSON");
    let meeting = meetings.as_array().and_then(|m| m.iter().find(|m| m["items"].as_u64() > Some(5))).and_then(|m| m["id"].as_i64()).expect("the demo meeting");
    (dir, db, meeting.to_string())
}

/// A small Markdown file to render into a PDF appendix.
fn fixture_markdown(dir: &Path) -> PathBuf {
    let path = dir.join("letter.md");
    std::fs::write(&path, "# Letter\n\nDear Chair, the figures follow.\n").expect("written");
    path
}

#[test]
fn report_status_sets_a_published_report_back_to_draft_and_refuses_a_made_up_status() {
    let (_dir, db, meeting) = demo_database();
    let said = ok(Some(&db), &["report", "status", "--meeting", &meeting, "--item", "4", "draft"]);
    assert_eq!(said.trim(), "item 4: report status set to draft");
    let exported: Value = serde_json::from_str(&ok(Some(&db), &["export", "--meeting", &meeting])).expect("JSON");
    let item = exported["items"].as_array().unwrap().iter().find(|i| i["number"] == 4).expect("item 4");
    assert_eq!(item["report"]["status"], "draft", "the store has it: {}", item["report"]["status"]);
    let message = refused(&run(Some(&db), &["report", "status", "--meeting", &meeting, "--item", "4", "approved"]), "a made-up status");
    assert!(message.contains("\"approved\" is not a report status"), "{message}");
}
