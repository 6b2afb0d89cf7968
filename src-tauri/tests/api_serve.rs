//! Every kind of command through `agendapack serve` over real HTTP on 127.0.0.1 with a
//! temporary database: committees and members, a meeting with its standard items, a report
//! with a Markdown table, reordering, an exempt item, a refused PDF, a public pack built on a
//! worker and fetched as PDF, and the errors for an unknown command and bad JSON.

mod serve_support;
use serve_support::start;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// (status, headers, body) of one HTTP/1.0 exchange (1.0 so that the body is never chunked).
fn http(port: u16, method: &str, path: &str, body: &[u8]) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let head = format!(
        "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("an HTTP response has a header block");
    let headers = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = headers.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status line");
    (status, headers, raw[split + 4..].to_vec())
}

fn call(port: u16, command: &str, request: Value) -> (u16, Value) {
    let (status, _, body) = http(port, "POST", &format!("/api/{command}"), request.to_string().as_bytes());
    let value = serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{command} must answer JSON ({e}): {body:?}"));
    (status, value)
}

fn ok(port: u16, command: &str, request: Value) -> Value {
    let (status, value) = call(port, command, request);
    assert_eq!(status, 200, "{command} must succeed: {value}");
    value
}

fn numbers_and_titles(detail: &Value) -> Vec<(Option<u64>, String)> {
    detail["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["number"].as_u64(), i["title"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn the_whole_officer_journey_over_http() {
    let server = start();
    let port = server.port;

    let council = json!({"name": "London Borough of Test", "nation": "england", "chief_executive_name": "Claire Symonds",
        "chief_executive_title": "Chief Executive"});
    assert_eq!(ok(port, "council_save", json!({"council": council}))["name"], "London Borough of Test", "the council is saved");
    assert_eq!(ok(port, "council_get", json!({}))["nation"], "england", "and reads back");

    let committee = ok(port, "committee_save", json!({"name": "Overview and Scrutiny Committee"}));
    let committee_id = committee["id"].as_i64().unwrap();
    let with_member = ok(port, "membership_save", json!({"committee_id": committee_id,
        "person": {"name": "Cllr Jane Jones"}, "role": "chair", "from": "2020-05-20"}));
    assert_eq!(with_member["members"][0]["person"]["name"], "Cllr Jane Jones", "the member is on the committee");
    assert_eq!(ok(port, "committees_list", json!({}))[0]["members"][0]["role"], "chair", "the list shows the chair");

    let meeting = ok(port, "meeting_create", json!({"committee_id": committee_id, "starts_at": "2021-03-10T19:00:00",
        "venue": {"kind": "place", "name": "Council Chamber, Town Hall"},
        "contact_officer": {"name": "Leanna McPherson", "email": "leanna@example.org"}}));
    let meeting_id = meeting["id"].as_i64().unwrap();
    let standard = numbers_and_titles(&meeting);
    assert_eq!(standard.len(), 8, "a new meeting has the eight standard items: {standard:?}");
    assert_eq!(standard[0], (Some(1), "Apologies for Absence".into()), "apologies come first");
    assert_eq!(standard[6], (None, "Private Business".into()), "the Private Business heading is unnumbered");
    assert_eq!(ok(port, "meetings_list", json!({})).as_array().unwrap().len(), 1, "the meeting is listed");

    let added = ok(port, "item_add", json!({"meeting_id": meeting_id, "title": "Budget Monitoring", "kind": "report"}));
    let report_item = added["items"][3]["id"].as_i64().unwrap();
    assert_eq!(numbers_and_titles(&added)[3], (Some(4), "Budget Monitoring".into()), "the report is item 4");
    let mut report = ok(port, "report_get", json!({"item_id": report_item}))["report"].clone();
    // Long enough to run over two pages, so the agenda prints "(Pages a - b)".
    let paragraphs = "The forecast outturn is reported to the committee each quarter for scrutiny.\n\n".repeat(60);
    let table = "| Service | Budget | Forecast |\n| --- | --- | --- |\n| Waste | 10.2 | 10.9 |\n| Parks | 3.1 | 2.8 |\n";
    report["body"] = json!(format!("# Budget\n\n{table}\n{paragraphs}"));
    report["report_of"] = json!("Report of the Director of Finance");
    report["authors"] = json!([{"name": "Claudia Wakefield", "job_title": "Finance Manager"}]);
    let saved = ok(port, "report_save", json!({"item_id": report_item, "report": report}));
    assert!(saved["report"]["body"].as_str().unwrap().contains("| Waste |"), "the table body is saved");
    let diagnostics = ok(port, "markdown_check", json!({"text": "See [^missing]."}));
    assert!(!diagnostics.as_array().unwrap().is_empty(), "an undefined footnote is a diagnostic");

    let ids: Vec<i64> = added["items"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect();
    let mut swapped = ids.clone();
    swapped.swap(0, 1);
    let reordered = ok(port, "items_reorder", json!({"meeting_id": meeting_id, "item_ids": swapped}));
    let order = numbers_and_titles(&reordered);
    assert_eq!(order[0], (Some(1), "Declaration of Members' Interests".into()), "numbers follow the new order");
    assert_eq!(order[1], (Some(2), "Apologies for Absence".into()), "numbers follow the new order");

    // Below Private Business an item must arrive restricted (issue 14): open, it is refused at its access.
    let (status, refused) = call(port, "item_add", json!({"meeting_id": meeting_id, "title": "Sale of Land at Riverside Quay",
        "kind": "report", "after_item_id": ids[7]}));
    assert_eq!((status, refused["field"].as_str()), (400, Some("access")), "an open item below the heading is refused: {refused}");
    assert!(refused["message"].as_str().unwrap_or("").contains("is in the private section but is open to the public"), "{refused}");
    let private = ok(port, "item_add", json!({"meeting_id": meeting_id, "title": "Sale of Land at Riverside Quay",
        "kind": "report", "after_item_id": ids[7], "access": {"kind": "confidential"}}));
    assert_eq!(private["items"][7]["kind"], "private-business-heading", "the heading stays where it was");
    assert_eq!(private["items"][8]["title"], "Sale of Land at Riverside Quay", "the new item follows the heading");
    let private_item = private["items"][8]["id"].as_i64().unwrap();
    let (status, refused) = call(port, "item_update", json!({"id": private_item, "title": "Sale of Land at Riverside Quay",
        "access": {"kind": "exempt", "paragraphs": []}}));
    assert_eq!((status, refused["field"].as_str()), (400, Some("access.paragraphs")), "no paragraph is refused: {refused}");
    let exempt = ok(port, "item_update", json!({"id": private_item, "title": "Sale of Land at Riverside Quay",
        "access": {"kind": "exempt", "paragraphs": [3], "public_title": "Property matter"}}));
    assert_eq!(exempt["items"][8]["access"]["paragraphs"], json!([3]), "the item is exempt under paragraph 3");

    let bad_pdf = base64_of(b"%PDF-1.4\nthis is not really a PDF\n%%EOF\n");
    let (status, refused) = call(port, "appendix_attach_pdf", json!({"item_id": report_item, "title": "Scan",
        "file_name": "scan.pdf", "bytes_base64": bad_pdf}));
    assert_eq!((status, refused["code"].as_str()), (422, Some("bad_attachment")), "a damaged PDF is refused: {refused}");
    let (_, not_pdf) = call(port, "appendix_attach_pdf", json!({"item_id": report_item, "title": "Scan",
        "file_name": "notapdf.pdf", "bytes_base64": base64_of(b"hello")}));
    let message = not_pdf["message"].as_str().unwrap_or_default();
    // Issue 14: the file name kept its case ("Notapdf.pdf") and the reason nested three deep.
    assert!(message.starts_with("“notapdf.pdf” cannot be attached: the file is not a PDF"), "the name as spelt, then the reason: {message}");
    assert_eq!(message.matches(": ").count(), 1, "one sentence, not nested: {message}");
    let after = ok(port, "report_get", json!({"item_id": report_item}));
    assert!(after["appendices"].as_array().unwrap().is_empty(), "nothing is stored for a refused PDF");

    let job = ok(port, "pack_build", json!({"meeting_id": meeting_id, "edition": "public"}))["job_id"].as_u64().unwrap();
    let started = Instant::now();
    let status = loop {
        let status = ok(port, "pack_job", json!({"job_id": job}));
        if status["state"] != "running" {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(300), "the pack must build within five minutes");
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(status["state"], "done", "the public pack builds: {status}");
    assert!(status["result"]["ranges"].as_array().is_some_and(|r| !r.is_empty()), "the result lists page ranges");
    let (code, headers, pdf) = http(port, "GET", &format!("/api/pack_pdf/{job}"), b"");
    assert_eq!(code, 200, "the PDF can be fetched");
    assert!(headers.to_ascii_lowercase().contains("content-type: application/pdf"), "as a PDF: {headers}");
    let text = pdftotext(&pdf);
    assert!(text.contains("(Pages"), "the agenda prints page ranges:\n{text}");
    assert!(text.contains("Property matter"), "the exempt item is listed under its public title");
    assert!(!text.contains("Riverside Quay"), "the exempt item's real title stays out of the public pack");
    assert!(text.contains("Waste") && text.contains("10.9"), "the report's table is in the pack");

    let (status, unknown) = call(port, "drop_everything", json!({}));
    assert_eq!((status, unknown["code"].as_str()), (404, Some("not_found")), "an unknown command is not found");
    let (status, _, body) = http(port, "POST", "/api/meeting_get", b"{\"id\": ");
    let error: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!((status, error["code"].as_str()), (400, Some("invalid")), "bad JSON is a 400: {error}");
    assert!(error["message"].as_str().unwrap().contains("not valid JSON"), "and says the JSON is broken: {error}");

    let (status, headers, page) = http(port, "GET", "/", b"");
    assert_eq!(status, 200, "the UI is served at /");
    assert!(String::from_utf8_lossy(&page).contains("<title>AgendaPack</title>"), "the UI's index.html is served");
    assert!(headers.contains("Content-Security-Policy: default-src 'self'"), "with a strict CSP: {headers}");
}

#[test]
fn only_loopback_addresses_are_served() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_agendapack"))
        .arg("--db")
        .arg(dir.path().join("x.db"))
        .args(["serve", "--port", "0", "--host", "0.0.0.0"])
        .output()
        .unwrap();
    assert!(!out.status.success(), "serving on every interface must be refused");
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a loopback address"), "and the reason given");
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pack.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext").arg("-layout").arg(&path).arg("-").output().expect("pdftotext is installed");
    assert!(out.status.success(), "pdftotext must read the pack");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
