//! Two people, one paper, on the real team server (issue 18): a save based on an old revision
//! is refused with 409 and "changed by NAME at HH:MM", what was typed is kept and can be read
//! back, and "keep mine" (saving again on the new revision) goes through; the live-update
//! stream (`GET /api/events`) needs a session and tells another signed-in person of each change
//! with ids and a name, never content, and says nothing for a read.
//!
//! The server is `agendapack server` on the demo council with an officer and an author (who
//! owns item 4, "Improving Household Waste"), over HTTPS trusting only its own certificate.
//! The small HTTP client is written out here rather than shared with team_server.rs, which
//! needs requests exactly as written; this one also reads a stream as it arrives.

mod cli_support;
mod team_support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::Arc;

use rustls::pki_types::ServerName;
use serde_json::{json, Value};
use team_support::{add_user, password, read_start, trusting};

const ITEM: i64 = 4;

type Tls = rustls::StreamOwned<rustls::ClientConnection, TcpStream>;

struct Server {
    child: Child,
    port: u16,
    tls: Arc<rustls::ClientConfig>,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("council.db");
    let db_arg = db.to_str().unwrap();
    cli_support::ok(dir.path(), &["--db", db_arg, "init", "--demo"]);
    add_user(dir.path(), &db, "olivia", "officer", Some("Olivia Officer"));
    add_user(dir.path(), &db, "arun", "author", Some("Arun Author"));
    cli_support::ok(dir.path(), &["--db", db_arg, "user", "own", "arun", "--item", &ITEM.to_string()]);
    let ui = dir.path().join("ui");
    std::fs::create_dir_all(&ui).unwrap();
    std::fs::write(ui.join("index.html"), "<!doctype html><title>AgendaPack</title>").unwrap();
    let mut child = cli_support::agendapack(dir.path())
        .args(["--db", db_arg, "server", "--listen", "127.0.0.1:0", "--ui"])
        .arg(&ui)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let port = read_start(child.stdout.take().unwrap()).port;
    let tls = trusting(&dir.path().join("council.db.server-cert.pem"));
    Server { child, port, tls, _dir: dir }
}

impl Server {
    fn connect(&self) -> Tls {
        let name = ServerName::try_from("127.0.0.1").unwrap();
        let connection = rustls::ClientConnection::new(Arc::clone(&self.tls), name).unwrap();
        rustls::StreamOwned::new(connection, TcpStream::connect(("127.0.0.1", self.port)).unwrap())
    }

    fn send(&self, method: &str, path: &str, session: Option<&str>, body: &str) -> Tls {
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\nOrigin: https://127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
            body.len(),
            port = self.port
        );
        if let Some(token) = session {
            head.push_str(&format!("Cookie: __Host-agendapack_session={token}\r\n"));
        }
        head.push_str("\r\n");
        let mut stream = self.connect();
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body.as_bytes()).unwrap();
        stream.flush().unwrap();
        stream
    }

    /// A command: status, `Set-Cookie` and the JSON answer (bodies here are small and sent whole).
    fn command(&self, session: Option<&str>, command: &str, body: &Value) -> (u16, Option<String>, Value) {
        let mut stream = self.send("POST", &format!("/api/{command}"), session, &body.to_string());
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").expect("an HTTP answer");
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status");
        let cookie = head.lines().find_map(|l| l.strip_prefix("set-cookie: ").map(str::to_string));
        (status, cookie, serde_json::from_str(body).unwrap_or(Value::Null))
    }

    fn session(&self, name: &str) -> String {
        let (status, cookie, answer) = self.command(None, "login", &json!({ "name": name, "password": password(name) }));
        assert_eq!(status, 200, "{name} signs in: {answer}");
        let cookie = cookie.expect("a sign-in sets a cookie");
        cookie.split(';').next().unwrap().strip_prefix("__Host-agendapack_session=").unwrap().to_string()
    }

    fn ok(&self, session: &str, command: &str, body: Value) -> Value {
        let (status, _, answer) = self.command(Some(session), command, &body);
        assert_eq!(status, 200, "{command}: {answer}");
        answer
    }
}

/// An open `GET /api/events`, read as it arrives.
struct Events {
    stream: Tls,
    seen: String,
}

impl Events {
    /// Opens the stream; answers the status and, for 200, the stream (subscribed once the
    /// answer's head has arrived, so no change after this is missed).
    fn open(server: &Server, session: Option<&str>) -> (u16, String, Option<Events>) {
        let mut stream = server.send("GET", "/api/events", session, "");
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            assert_eq!(stream.read(&mut byte).unwrap(), 1, "the answer's head arrives");
            head.push(byte[0]);
        }
        let head = String::from_utf8_lossy(&head).into_owned();
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status");
        let events = (status == 200).then(|| Events { stream, seen: String::new() });
        (status, head, events)
    }

    /// The next `change` event's data (keep-alive comments and chunk sizes are skipped).
    fn next_change(&mut self) -> Value {
        loop {
            if let Some(start) = self.seen.find("event: change\ndata: ") {
                let rest = &self.seen[start + "event: change\ndata: ".len()..];
                if let Some(end) = rest.find('\n') {
                    let data: Value = serde_json::from_str(&rest[..end]).expect("an event's data is JSON");
                    self.seen = rest[end..].to_string();
                    return data;
                }
            }
            let mut buffer = [0u8; 4096];
            let n = self.stream.read(&mut buffer).expect("the stream stays open");
            assert!(n > 0, "the stream ended before the change arrived: {}", self.seen);
            self.seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
    }
}

#[test]
fn a_stale_save_is_refused_kept_and_shown_and_the_other_person_hears_of_each_change() {
    let server = start();
    let (status, _, _) = Events::open(&server, None);
    assert_eq!(status, 401, "no session, no stream");

    let officer = server.session("olivia");
    let author = server.session("arun");
    let (status, head, events) = Events::open(&server, Some(&author));
    assert_eq!(status, 200, "a signed-in person gets the stream: {head}");
    assert!(head.to_ascii_lowercase().contains("content-type: text/event-stream"), "server-sent events: {head}");
    let mut events = events.unwrap();

    // Both open the report at the same revision.
    let opened = server.ok(&officer, "report_get", json!({ "item_id": ITEM }));
    let base = opened["revision"].as_i64().expect("a report carries its revision");
    assert_eq!(server.ok(&author, "report_get", json!({ "item_id": ITEM }))["revision"].as_i64(), Some(base));

    // The officer saves first; the author hears of it: ids and a name, no words.
    let mut theirs = opened["report"].clone();
    theirs["summary"] = json!("The officer's summary, saved first.");
    theirs["status"] = json!("draft"); // the demo's report is further on; an author writes drafts
    let saved = server.ok(&officer, "report_save", json!({ "item_id": ITEM, "report": theirs, "base_revision": base }));
    assert_eq!(saved["revision"].as_i64(), Some(base + 1), "a save counts one");
    assert_eq!(saved["revised_by"], "Olivia Officer");
    let change = events.next_change();
    assert_eq!(change, json!({ "command": "report_save", "meeting_id": 1, "item_id": ITEM, "by": "Olivia Officer" }), "the change as sent");

    // The author, still on the old revision, saves: 409, who and when, and what they typed kept.
    let mut mine = opened["report"].clone();
    mine["summary"] = json!("The author's summary, typed meanwhile.");
    mine["status"] = json!("draft");
    let (status, _, refused) = server.command(Some(&author), "report_save", &json!({ "item_id": ITEM, "report": mine, "base_revision": base }));
    assert_eq!(status, 409, "a save on an old revision is a conflict: {refused}");
    assert_eq!(refused["code"], "conflict");
    let message = refused["message"].as_str().unwrap();
    assert!(
        message.starts_with("This report was changed by Olivia Officer at ") && message.ends_with("after you opened it; your version is kept below theirs."),
        "one plain sentence naming who and when: {message}"
    );
    let kept_id = refused["kept_version"].as_i64().expect("the conflict names the kept version");
    let current = server.ok(&author, "report_get", json!({ "item_id": ITEM }));
    assert_eq!(current["report"]["summary"], "The officer's summary, saved first.", "theirs stands");
    let kept = server.ok(&author, "report_kept_versions", json!({ "item_id": ITEM }));
    assert_eq!(kept[0]["id"].as_i64(), Some(kept_id));
    assert_eq!(kept[0]["report"]["summary"], "The author's summary, typed meanwhile.", "mine is kept, every word");
    assert_eq!(kept[0]["kept_by"], "Arun Author");

    // A read sends nothing: the next change heard is the author's "keep mine" save.
    server.ok(&officer, "report_get", json!({ "item_id": ITEM }));
    let again = server.ok(&author, "report_save", json!({ "item_id": ITEM, "report": mine, "base_revision": current["revision"] }));
    assert_eq!(again["report"]["summary"], "The author's summary, typed meanwhile.", "keep mine: saved on their revision");
    let change = events.next_change();
    assert_eq!((change["command"].as_str(), change["by"].as_str()), (Some("report_save"), Some("Arun Author")), "{change}");

    // A save without a base (the CLI's, an import's) is written as before.
    let (status, _, _) = server.command(Some(&officer), "report_save", &json!({ "item_id": ITEM, "report": theirs }));
    assert_eq!(status, 200, "no base, no check");
    assert_eq!(events.next_change()["item_id"].as_i64(), Some(ITEM), "the author hears of their own report");

    // Another person's report is not the author's to know of: not its item, not who changed it.
    let other = (1..40)
        .filter(|&item| item != ITEM)
        .find(|&item| server.command(Some(&officer), "report_get", &json!({ "item_id": item })).0 == 200)
        .expect("the demo has a second report");
    let mut report = server.ok(&officer, "report_get", json!({ "item_id": other }))["report"].clone();
    report["summary"] = json!("Another author's summary.");
    server.ok(&officer, "report_save", json!({ "item_id": other, "report": report }));
    server.ok(&officer, "report_save", json!({ "item_id": ITEM, "report": theirs }));
    let heard = events.next_change();
    assert_eq!(heard["item_id"].as_i64(), Some(ITEM), "the change to item {other} was not sent to the author: {heard}");
}
