//! The `agendapack` binary's store commands, run as a user would: `init`, `meetings`, `export`,
//! `import`, against databases in temporary folders. Bad input must give exit code 1 and one
//! sentence naming the problem, and leave the database as it was.

mod cli_support;
use cli_support::{run, ok};
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

/// Runs a command that must fail and returns its one-line message.
fn fails(home: &Path, args: &[&str]) -> String {
    let out = run(home, args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "agendapack {args:?} should exit with 1; stderr: {stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"), "errors are not panics: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "the error is one line: {stderr:?}");
    assert!(stderr.starts_with("agendapack: "), "the error names the program: {stderr:?}");
    stderr.trim_end().to_string()
}

struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Scratch {
        Scratch { dir: tempfile::tempdir().expect("a temporary folder") }
    }
    fn home(&self) -> &Path {
        self.dir.path()
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn db(&self, name: &str) -> String {
        self.path(name).display().to_string()
    }
}

fn meetings_json(s: &Scratch, db: &str) -> Vec<Value> {
    let text = ok(s.home(), &["--db", db, "meetings", "--json"]);
    let value: Value = serde_json::from_str(&text).expect("meetings --json prints JSON");
    value.as_array().expect("meetings --json prints an array").clone()
}

fn find<'a>(meetings: &'a [Value], date: &str, committee_part: &str) -> Option<&'a Value> {
    meetings.iter().find(|m| {
        m["date"] == date && m["committee"].as_str().is_some_and(|c| c.contains(committee_part))
    })
}

#[test]
fn init_demo_lists_the_two_demo_meetings_once() {
    let s = Scratch::new();
    let db = s.db("demo.db");
    ok(s.home(), &["--db", &db, "init", "--demo"]);
    let meetings = meetings_json(&s, &db);
    let main = find(&meetings, "2020-12-02", "Overview and Scrutiny Committee");
    assert!(main.is_some(), "the seed 001 meeting (2 December 2020, Overview and Scrutiny Committee) is listed: {meetings:#?}");
    assert!(find(&meetings, "2019-09-04", "").is_some(), "the seed 002 supplement meeting (4 September 2019) is listed: {meetings:#?}");
    for m in &meetings {
        for key in ["id", "committee", "date", "time", "status", "items"] {
            assert!(m.get(key).is_some(), "each meeting has {key:?}: {m}");
        }
    }
    ok(s.home(), &["--db", &db, "init", "--demo"]);
    assert_eq!(meetings_json(&s, &db), meetings, "init --demo on a database that has the demo must not add it again");
    let table = ok(s.home(), &["--db", &db, "meetings"]);
    assert!(table.starts_with("ID  DATE"), "the plain listing is a table with a header: {table}");
    assert!(table.contains("2020-12-02  19:00  Overview and Scrutiny Committee"), "rows show date, time and committee: {table}");
}

#[test]
fn without_db_the_data_directory_gets_the_demo_on_first_use() {
    let s = Scratch::new();
    let text = ok(s.home(), &["meetings", "--json"]);
    let created = s.home().join("data/agendapack/agendapack.db");
    assert!(created.is_file(), "the database is created in XDG_DATA_HOME/agendapack");
    let meetings: Vec<Value> = serde_json::from_str(&text).expect("JSON");
    assert_eq!(meetings.len(), agendapack_demo::bundles().len(), "first use loads every demo meeting: {meetings:#?}");
    let again: Vec<Value> = serde_json::from_str(&ok(s.home(), &["meetings", "--json"])).expect("JSON");
    assert_eq!(again, meetings, "the second use opens the same database without loading the demo again");
}

#[test]
fn export_then_import_into_a_fresh_database_round_trips() {
    let s = Scratch::new();
    let (db, fresh) = (s.db("a.db"), s.db("b.db"));
    ok(s.home(), &["--db", &db, "init"]);
    let id = ok(s.home(), &["--db", &db, "import", &write(&s, "rich.json", &rich_document())]).trim().to_string();
    let first = ok(s.home(), &["--db", &db, "export", "--meeting", &id]);
    let file = s.path("first.json");
    ok(s.home(), &["--db", &db, "export", "--meeting", &id, "--out", &file.display().to_string()]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), first, "--out writes what stdout prints");
    let new_id = ok(s.home(), &["--db", &fresh, "import", &file.display().to_string()]).trim().to_string();
    assert!(new_id.parse::<i64>().is_ok(), "import prints the new meeting id: {new_id:?}");
    let second = ok(s.home(), &["--db", &fresh, "export", "--meeting", &new_id]);
    assert_eq!(second, first, "export, import into a fresh database, export again gives identical JSON");
    let value: Value = serde_json::from_str(&first).unwrap();
    let doc = rich_document();
    assert_eq!(value["items"][3]["access"], doc["items"][3]["access"], "the Welsh exempt paragraphs come back in order");
    let content = "/items/2/report/appendices/0/content";
    assert_eq!(value.pointer(content), doc.pointer(content), "the PDF appendix comes back byte for byte");
    assert_eq!(
        value["previous"]["minutes"]["entries"][0]["heading"],
        doc["previous"]["minutes"]["entries"][0]["heading"],
        "the previous meeting's minutes come back"
    );
}

#[test]
fn the_demo_meeting_round_trips_through_export_and_import() {
    let s = Scratch::new();
    let (db, fresh) = (s.db("a.db"), s.db("b.db"));
    ok(s.home(), &["--db", &db, "init", "--demo"]);
    for m in meetings_json(&s, &db) {
        let id = m["id"].to_string();
        let first = ok(s.home(), &["--db", &db, "export", "--meeting", &id]);
        let new_id = ok(s.home(), &["--db", &fresh, "import", &write(&s, "demo.json", &serde_json::from_str(&first).unwrap())]);
        let second = ok(s.home(), &["--db", &fresh, "export", "--meeting", new_id.trim()]);
        assert_eq!(second, first, "demo meeting {id} survives export and import unchanged");
    }
}

#[test]
fn an_unknown_meeting_is_named() {
    let s = Scratch::new();
    let db = s.db("a.db");
    ok(s.home(), &["--db", &db, "init"]);
    assert_eq!(fails(s.home(), &["--db", &db, "export", "--meeting", "42"]), "agendapack: there is no meeting with id 42");
}

fn write(s: &Scratch, name: &str, value: &Value) -> String {
    let path = s.path(name);
    std::fs::write(&path, serde_json::to_string_pretty(value).unwrap()).unwrap();
    path.display().to_string()
}

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A meeting document written by hand, as council IT staff would: an exempt Welsh item, a PDF
/// appendix, minutes of the previous meeting.
fn rich_document() -> Value {
    json!({
        "format": "agendapack-meeting",
        "version": 1,
        "council": {
            "name": "Cyngor Sir Ynys Môn",
            "nation": "wales",
            "chief_executive_name": "Dylan Williams",
            "chief_executive_title": "Chief Executive"
        },
        "committee": {
            "name": "Executive",
            "members": [{ "person": { "name": "Cllr Llinos Medi" }, "role": "chair", "from": "2022-05-20" }]
        },
        "meeting": {
            "starts_at": "2023-03-07T10:00:00",
            "venue": { "kind": "place", "name": "Council Chamber, Llangefni" },
            "status": "scheduled",
            "contact_officer": { "name": "Ann Holmes", "email": "ann@example.org", "phone": "01248 752518" },
            "published_on": "2023-03-01"
        },
        "items": [
            { "number": 1, "title": "Declaration of Interest", "kind": "standard-text" },
            { "number": 2, "title": "Minutes", "kind": "minutes" },
            {
                "number": 3,
                "title": "Budget",
                "kind": "report",
                "report": {
                    "title": "Revenue Budget 2023/24",
                    "report_of": "Report of the Director of Function (Resources)",
                    "decision": "for-decision",
                    "wards_affected": "All",
                    "key_decision": true,
                    "authors": [{ "name": "Marc Jones", "job_title": "Director of Function (Resources)" }],
                    "accountable_director": "Marc Jones",
                    "summary": "The budget.",
                    "recommendations": "1. Agree the budget.",
                    "body": "## 1 Introduction\n\n1.1 Text.",
                    "status": "published",
                    "appendices": [{
                        "title": "Scanned letter",
                        "content": {
                            "kind": "pdf",
                            "file_name": "letter.pdf",
                            "sha256": agendapack_store::sha256_hex(PDF),
                            "bytes": base64(PDF)
                        }
                    }]
                }
            },
            {
                "number": 4,
                "title": "Disposal of land at Llangefni",
                "kind": "standard-text",
                "access": { "kind": "exempt", "paragraphs": [14, 12], "public_title": "Disposal of land" }
            }
        ],
        "previous": {
            "meeting": {
                "starts_at": "2023-02-14T10:00:00",
                "venue": { "kind": "virtual" },
                "status": "held",
                "contact_officer": { "name": "Ann Holmes", "email": "ann@example.org", "phone": "01248 752518" }
            },
            "minutes": {
                "opened_at": "10:00:00",
                "closed_at": "11:30:00",
                "status": "published-draft",
                "attendance": [{ "person": { "name": "Cllr Llinos Medi" }, "kind": "present", "role": "chair" }],
                "entries": [{ "number": 1, "heading": "Apologies", "text": "None." }]
            }
        }
    })
}

/// `check`: importing `document` into a database holding one meeting fails with a message
/// containing each of `expected`, and leaves the database file byte-identical.
fn check_refused(s: &Scratch, name: &str, text: &str, expected: &[&str]) {
    let db = s.db("target.db");
    if !s.path("target.db").exists() {
        ok(s.home(), &["--db", &db, "init"]);
        ok(s.home(), &["--db", &db, "import", &write(s, "good.json", &rich_document())]);
    }
    let before = std::fs::read(s.path("target.db")).unwrap();
    let file = s.path(name);
    std::fs::write(&file, text).unwrap();
    let message = fails(s.home(), &["--db", &db, "import", &file.display().to_string()]);
    for part in expected {
        assert!(message.contains(part), "{name}: {message:?} should contain {part:?}");
    }
    assert_eq!(std::fs::read(s.path("target.db")).unwrap(), before, "{name}: a refused import leaves the database unchanged");
}

fn edited(edit: impl FnOnce(&mut Value)) -> String {
    let mut doc = rich_document();
    edit(&mut doc);
    serde_json::to_string_pretty(&doc).unwrap()
}

#[test]
fn bad_documents_are_refused_with_the_field_named() {
    let s = Scratch::new();
    let good = serde_json::to_string_pretty(&rich_document()).unwrap();
    check_refused(&s, "truncated.json", &good[..good.len() / 2], &["truncated.json: ", "(line "]);
    check_refused(&s, "unknown.json", &edited(|d| d["council"]["colour"] = json!("red")), &["council.colour: unknown field `colour`", "(line ", ", column "]);
    check_refused(
        &s,
        "missing.json",
        &edited(|d| {
            d["items"][2]["report"].as_object_mut().unwrap().remove("title");
        }),
        &["items[2].report: missing field `title`"],
    );
    check_refused(&s, "date.json", &edited(|d| d["meeting"]["published_on"] = json!("2021-02-30")), &["meeting.published_on: \"2021-02-30\" is not a real date"]);
    check_refused(
        &s,
        "paragraph.json",
        &edited(|d| d["items"][3]["access"]["paragraphs"][1] = json!(9)),
        &["items[3].access.paragraphs[1]: 9 is not a paragraph of Part 1 of Schedule 12A (England 1-7, Wales 12-18) (line"],
    );
    check_refused(
        &s,
        "hash.json",
        &edited(|d| d["items"][2]["report"]["appendices"][0]["content"]["sha256"] = json!("0".repeat(64))),
        &["items[2].report.appendices[0].content.sha256: does not match the attached bytes"],
    );
    check_refused(
        &s,
        "notpdf.json",
        &edited(|d| {
            let content = &mut d["items"][2]["report"]["appendices"][0]["content"];
            content["bytes"] = json!(base64(b"GIF89a not a pdf"));
            content["sha256"] = json!(agendapack_store::sha256_hex(b"GIF89a not a pdf"));
        }),
        &["items[2].report.appendices[0].content.bytes: the attached file is not a PDF"],
    );
}

/// A one-page SQLite database with no tables, written byte by byte (the test package has no
/// SQLite library), with the given `PRAGMA application_id` and `user_version`.
fn empty_sqlite(application_id: u32, user_version: u32) -> Vec<u8> {
    let mut page = vec![0u8; 4096];
    page[..16].copy_from_slice(b"SQLite format 3\0");
    page[16..18].copy_from_slice(&4096u16.to_be_bytes());
    page[18] = 1; // file format write version: rollback journal
    page[19] = 1;
    page[21] = 64; // payload fractions, fixed by the file format
    page[22] = 32;
    page[23] = 32;
    page[24..28].copy_from_slice(&1u32.to_be_bytes()); // change counter
    page[28..32].copy_from_slice(&1u32.to_be_bytes()); // size in pages
    page[44..48].copy_from_slice(&4u32.to_be_bytes()); // schema format
    page[56..60].copy_from_slice(&1u32.to_be_bytes()); // UTF-8
    page[60..64].copy_from_slice(&user_version.to_be_bytes());
    page[68..72].copy_from_slice(&application_id.to_be_bytes());
    page[92..96].copy_from_slice(&1u32.to_be_bytes()); // version-valid-for = change counter
    page[96..100].copy_from_slice(&3_046_000u32.to_be_bytes());
    page[100] = 0x0D; // sqlite_schema: an empty leaf table page
    page[105..107].copy_from_slice(&4096u16.to_be_bytes()); // cell content starts at the page end
    page
}

fn refused_file(s: &Scratch, name: &str, bytes: &[u8], expected: &str) {
    let path = s.path(name);
    std::fs::write(&path, bytes).unwrap();
    let db = path.display().to_string();
    for args in [vec!["--db", &db, "meetings"], vec!["--db", &db, "init", "--demo"]] {
        let message = fails(s.home(), &args);
        assert!(message.contains(expected), "{name} with {args:?}: {message:?} should contain {expected:?}");
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name}: a refused database file is left byte-identical");
    }
}

#[test]
fn files_that_are_not_agendapack_databases_are_refused() {
    let s = Scratch::new();
    refused_file(&s, "notes.db", b"Shopping list: milk, bread.\n", "notes.db is not an AgendaPack database");
    refused_file(&s, "foreign.db", &empty_sqlite(0x4650_4C44, 0), "foreign.db is a SQLite database of another application");
    let agendapack_id = agendapack_store::migrate::APPLICATION_ID as u32;
    refused_file(&s, "newer.db", &empty_sqlite(agendapack_id, 999), "was written by a newer version of AgendaPack (schema 999");
}

#[test]
fn a_damaged_database_is_refused() {
    let s = Scratch::new();
    let db = s.db("damaged.db");
    ok(s.home(), &["--db", &db, "init"]);
    ok(s.home(), &["--db", &db, "import", &write(&s, "rich.json", &rich_document())]);
    let mut bytes = std::fs::read(s.path("damaged.db")).unwrap();
    let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    assert!(bytes.len() >= 3 * page, "the database has at least three pages");
    bytes[page..3 * page].fill(0xA5);
    refused_file(&s, "damaged.db", &bytes, "damaged.db is damaged and cannot be used");
}
