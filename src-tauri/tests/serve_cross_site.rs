//! `agendapack serve` refuses writes that another web page could send (issue 14): the probe's
//! cross-site text/plain POST, a plain HTML form with `enctype=text/plain`, a text/plain POST
//! with no Origin at all, and JSON from another origin; the database is unchanged after them,
//! while the app's own page sending JSON still works. The refusal comes before the body is read.

mod serve_support;
use serve_support::start;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use serde_json::Value;

/// Status and body of one HTTP/1.0 POST with the given extra header lines. `declared_length`
/// lets a test claim a body it never sends, to show the answer does not wait for it.
fn post(port: u16, command: &str, extra_headers: &[&str], body: &[u8], declared_length: usize) -> (u16, Value) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    // Only a guard against a hung test run; no assertion depends on time.
    stream.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let mut head = format!("POST /api/{command} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
    for line in extra_headers {
        head.push_str(line);
        head.push_str("\r\n");
    }
    head.push_str(&format!("Content-Length: {declared_length}\r\n\r\n"));
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut raw = Vec::new();
    // The server may close while a refused body is still unsent; what it answered is kept.
    let _ = stream.read_to_end(&mut raw);
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("an HTTP response has a header block");
    let headers = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = headers.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status line");
    let value = serde_json::from_slice(&raw[split + 4..]).unwrap_or(Value::Null);
    (status, value)
}

fn send(port: u16, command: &str, extra_headers: &[&str], body: &str) -> (u16, Value) {
    post(port, command, extra_headers, body.as_bytes(), body.len())
}

/// Everything a refused write could have changed, as the API reports it.
fn snapshot(port: u16) -> (Value, Value) {
    let json_header = ["Content-Type: application/json"];
    let (s1, meetings) = send(port, "meetings_list", &json_header, "{}");
    let (s2, committees) = send(port, "committees_list", &json_header, "{}");
    assert_eq!((s1, s2), (200, 200), "the lists are readable");
    (meetings, committees)
}

#[test]
fn writes_from_other_sites_are_refused_and_change_nothing() {
    let server = start();
    let port = server.port;
    let own_origin = format!("Origin: http://127.0.0.1:{port}");
    let json_type = "Content-Type: application/json";

    // The app's own page, as Chromium sends it: allowed.
    let (status, committee) = send(port, "committee_save", &[&own_origin, "Sec-Fetch-Site: same-origin", json_type], r#"{"name":"Licensing Committee"}"#);
    assert_eq!(status, 200, "the server's own page may write: {committee}");
    let committee_id = committee["id"].as_i64().unwrap();
    let before = snapshot(port);

    let meeting = format!(r#"{{"committee_id":{committee_id},"starts_at":"2030-01-01T19:00:00","venue":{{"kind":"place","name":"Hall"}},"contact_officer":{{"name":"Leanna McPherson","email":"leanna@example.org"}}}}"#);
    // fetch(..., {method: 'POST', mode: 'no-cors', body: JSON}) from another site: text/plain.
    let (status, answer) = send(port, "meeting_create", &["Origin: http://evil.example", "Sec-Fetch-Site: cross-site", "Content-Type: text/plain;charset=UTF-8"], &meeting);
    assert_eq!(status, 403, "a cross-site text/plain POST is refused as cross-site: {answer}");
    assert!(answer["message"].as_str().unwrap_or("").contains("another site"), "with a sentence saying why: {answer}");
    // <form method=post enctype=text/plain action=http://127.0.0.1:PORT/api/committee_save>
    // with one field named `{"name":"Pwned","x":"` and the value `"}`.
    let (status, _) = send(port, "committee_save", &["Origin: http://evil.example", "Sec-Fetch-Site: cross-site", "Content-Type: text/plain"], "{\"name\":\"Pwned\",\"x\":\"=\"}\r\n");
    assert_eq!(status, 403, "an HTML form from another site is refused");
    // A browser that sends no Origin (or an old one): the form body type alone refuses it.
    let (status, answer) = send(port, "committee_save", &["Content-Type: text/plain"], r#"{"name":"Pwned"}"#);
    assert_eq!(status, 415, "a text/plain body without an Origin is not JSON: {answer}");
    let (status, _) = send(port, "committee_save", &["Content-Type: application/x-www-form-urlencoded"], "name=Pwned");
    assert_eq!(status, 415, "a urlencoded form body is not JSON");
    let (status, _) = send(port, "committee_save", &[], r#"{"name":"Pwned"}"#);
    assert_eq!(status, 415, "a body with no declared type is not JSON");
    // JSON from another origin (a browser would preflight it; a page on another port of this
    // machine is another origin too).
    let (status, _) = send(port, "meeting_create", &["Origin: http://127.0.0.1:1", json_type], &meeting);
    assert_eq!(status, 403, "JSON from another origin is refused");
    let (status, _) = send(port, "meeting_create", &["Origin: null", json_type], &meeting);
    assert_eq!(status, 403, "the opaque origin of a sandboxed frame is refused");
    let (status, _) = send(port, "meeting_create", &["Sec-Fetch-Site: cross-site", json_type], &meeting);
    assert_eq!(status, 403, "without Origin, Sec-Fetch-Site: cross-site is refused");

    // Refused before the body is read: a request claiming a 100 MB body it never sends is
    // answered at once (were the server reading first, this exchange would never end).
    let (status, _) = post(port, "committee_save", &["Origin: http://evil.example", "Content-Type: text/plain"], b"", 100 * 1024 * 1024);
    assert_eq!(status, 403, "the refusal does not wait for the body");

    assert_eq!(snapshot(port), before, "no refused request changed the database");
    let (status, created) = send(port, "meeting_create", &[&own_origin, "Sec-Fetch-Site: same-origin", json_type], &meeting);
    assert_eq!(status, 200, "and the same request from the app's own page still works: {created}");
    let (meetings, _) = snapshot(port);
    assert_eq!(meetings.as_array().map(Vec::len), Some(1), "the one allowed meeting_create made one meeting");
}
