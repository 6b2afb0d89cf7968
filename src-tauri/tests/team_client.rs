//! The desktop app's client of a team server (`agendapack::team_client`, issue 18 item 6),
//! against the real `agendapack server` on a temporary demo council: the probe shows the
//! fingerprint the server printed; a client pinned to it signs in, runs commands on the
//! server's database as the signed-in account (401 before, 403 beyond the role) and fetches a
//! built pack's PDF; a wrong pin is refused with both fingerprints named; a self-signed server
//! is not taken on the public authorities' word; live updates are followed; wrong and unreachable addresses are one sentence.
//! Built without the `desktop` feature: the client is plain library code.

mod cli_support;
mod team_support;

use std::process::{Child, Stdio};

use agendapack::api::ErrorCode;
use agendapack::team_client::trust::Trust;
use agendapack::team_client::{probe, ServerAddress, TeamClient};
use serde_json::{json, Value};
use team_support::{add_user, read_start};

/// A running team server on its own demo council, stopped when the test ends.
struct Server {
    child: Child,
    port: u16,
    fingerprint: String,
    dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn address(&self) -> ServerAddress {
        ServerAddress::parse(&format!("127.0.0.1:{}", self.port)).unwrap()
    }

    fn db(&self) -> String {
        self.dir.path().join("council.db").display().to_string()
    }
}

fn start() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("council.db");
    let db = db_path.display().to_string();
    cli_support::ok(dir.path(), &["--db", &db, "init", "--demo"]);
    add_user(dir.path(), &db_path, "officer", "officer", None);
    add_user(dir.path(), &db_path, "member", "member", None);
    add_user(dir.path(), &db_path, "other", "officer", None);
    std::fs::create_dir_all(dir.path().join("ui")).unwrap();
    let mut child = cli_support::agendapack(dir.path())
        .args(["--db", &db, "server", "--listen", "127.0.0.1:0", "--ui"])
        .arg(dir.path().join("ui"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let printed = read_start(child.stdout.take().unwrap());
    Server { child, port: printed.port, fingerprint: printed.fingerprint, dir }
}

fn pinned(server: &Server) -> TeamClient {
    TeamClient::new(server.address(), Trust::Pinned(server.fingerprint.clone())).unwrap()
}

#[test]
fn the_probe_shows_the_fingerprint_the_server_printed() {
    let server = start();
    let found = probe(&format!("https://127.0.0.1:{}/", server.port)).unwrap();
    assert_eq!(found.fingerprint, server.fingerprint, "the person compares these two");
    assert_eq!(found.address, format!("127.0.0.1:{}", server.port));
    assert!(!found.by_authority, "a self-signed certificate is no authority's");
}

#[test]
fn a_pinned_client_works_on_the_servers_database_as_the_signed_in_account() {
    let server = start();
    let client = pinned(&server);
    assert_eq!(client.whoami().unwrap(), None, "no one is signed in yet");
    let before = client.call("meetings_list", &json!({})).unwrap_err();
    assert_eq!(before.code, ErrorCode::SignInRequired, "{before:?}");

    let wrong = client.sign_in("officer", "not-the-password").unwrap_err();
    assert_eq!(wrong.message, "The name or password is wrong.");
    let account = client.sign_in("officer", "officer-password-1").unwrap();
    assert_eq!(account["role"], "officer");
    assert_eq!(client.whoami().unwrap().unwrap()["name"], "officer", "the session cookie is sent back");

    // The meetings are the server's: the same ids its database lists.
    let listed = client.call("meetings_list", &json!({})).unwrap();
    let ids = |meetings: &Value| {
        let mut ids: Vec<i64> = meetings.as_array().unwrap().iter().map(|m| m["id"].as_i64().unwrap()).collect();
        ids.sort();
        ids
    };
    let on_server: Value = serde_json::from_str(&cli_support::ok(server.dir.path(), &["--db", &server.db(), "meetings", "--json"])).unwrap();
    assert!(!ids(&listed).is_empty());
    assert_eq!(ids(&listed), ids(&on_server));

    // A command's own error comes back as the server sent it.
    let missing = client.call("meeting_get", &json!({ "id": 999_999 })).unwrap_err();
    assert_eq!(missing.code, ErrorCode::NotFound, "{missing:?}");

    // A pack is built on the server and its PDF fetched from it.
    let meeting = listed.as_array().unwrap().iter().find(|m| m["committee"] == "Overview and Scrutiny Committee").expect("the demo meeting");
    let started = client.call("pack_build", &json!({ "meeting_id": meeting["id"], "edition": "public" })).unwrap();
    let job_id = started["job_id"].as_u64().unwrap();
    let job = loop {
        let job = client.call("pack_job", &json!({ "job_id": job_id })).unwrap();
        if job["state"] != "running" {
            break job;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    assert_eq!(job["state"], "done", "{job}");
    let pdf = client.pack_pdf(job_id).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "the pack's PDF");
    let as_command = client.call("pack_pdf", &json!({ "job_id": job_id })).unwrap();
    assert!(as_command["base64"].as_str().is_some_and(|b| b.len() > pdf.len()), "the command form answers base64");

    client.sign_out();
    assert_eq!(client.account(), None);
    let after = client.call("meetings_list", &json!({})).unwrap_err();
    assert_eq!(after.code, ErrorCode::SignInRequired, "signed out: {after:?}");
}

#[test]
fn a_role_is_refused_by_the_server_through_the_client() {
    let server = start();
    let member = pinned(&server);
    member.sign_in("member", "member-password-1").unwrap();
    let refused = member.call("meeting_create", &json!({})).unwrap_err();
    assert_eq!(refused.code, ErrorCode::Forbidden, "{refused:?}");
}

#[test]
fn a_changed_certificate_is_refused_naming_both_fingerprints() {
    let server = start();
    let trusted = "AB:".repeat(31) + "AB";
    let client = TeamClient::new(server.address(), Trust::Pinned(trusted.clone())).unwrap();
    let refused = client.sign_in("officer", "officer-password-1").unwrap_err();
    assert!(refused.message.starts_with("The team server's certificate has changed"), "{}", refused.message);
    assert!(refused.message.contains(&trusted) && refused.message.contains(&server.fingerprint), "both fingerprints: {}", refused.message);
    assert_eq!(client.account(), None, "nothing was signed in");
}

#[test]
fn a_self_signed_server_is_not_taken_on_the_authorities_word() {
    let server = start();
    let client = TeamClient::new(server.address(), Trust::Authority).unwrap();
    let refused = client.whoami().unwrap_err();
    assert!(refused.message.contains("not vouched for by a known authority"), "{}", refused.message);
    assert!(refused.message.contains(&server.fingerprint), "{}", refused.message);
}

#[test]
fn wrong_and_unreachable_addresses_are_one_sentence() {
    let plain = probe("http://127.0.0.1:8443").unwrap_err();
    assert_eq!(plain.field.as_deref(), Some("address"));
    assert!(plain.message.contains("only HTTPS"), "{}", plain.message);

    // A port nothing listens on: bind one, note it, let it go.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let nothing = probe(&format!("127.0.0.1:{port}")).unwrap_err();
    assert_eq!(nothing.message, format!("Nothing answers at 127.0.0.1:{port}; check the address and that the team server is running."));

    let unknown = probe("no-such-host.invalid:8443").unwrap_err();
    assert_eq!(unknown.message, "The name no-such-host.invalid could not be found; check the address.");
}

#[test]
fn live_updates_are_followed_as_the_signed_in_account() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let server = start();
    let watcher = pinned(&server);
    watcher.sign_in("member", "member-password-1").unwrap();
    let changer = pinned(&server);
    changer.sign_in("other", "other-password-1").unwrap();
    let heard = AtomicBool::new(false);
    let event = std::thread::scope(|scope| {
        let following = scope.spawn(|| {
            let mut seen = None;
            let outcome = watcher.follow_events(|event| match event {
                Some(event) => {
                    seen = Some(event);
                    heard.store(true, Ordering::SeqCst);
                    false
                }
                None => true,
            });
            outcome.map(|_| seen)
        });
        // The stream may not be open yet when a change is made, so changes are made until one is heard.
        let mut n = 0;
        while !heard.load(Ordering::SeqCst) {
            n += 1;
            changer.call("committee_save", &json!({ "name": format!("Live Committee {n}") })).unwrap();
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        following.join().unwrap()
    });
    let event = event.unwrap().expect("an event");
    assert_eq!(event.name, "change");
    let change: Value = serde_json::from_str(&event.data).unwrap();
    assert_eq!(change["command"], "committee_save", "{change}");

    // Signed out, the stream is refused.
    watcher.sign_out();
    let refused = watcher.follow_events(|_| true).unwrap_err();
    assert_eq!(refused.code, ErrorCode::SignInRequired);
}

/// A refused command (no session) is answered before its body is read; the connection it came
/// on must not be taken again for the next request, or that request meets a closed connection
/// ("could not be reached"), depending on timing. Repeated so that the timing comes round.
#[test]
fn a_request_after_a_refused_one_is_answered() {
    let server = start();
    let client = pinned(&server);
    for round in 0..40 {
        let refused = client.call("meetings_list", &json!({})).unwrap_err();
        assert_eq!(refused.code, ErrorCode::SignInRequired, "round {round}: {refused:?}");
        let account = client.sign_in("officer", "officer-password-1");
        assert!(account.is_ok(), "round {round}: {account:?}");
        client.sign_out();
    }
}
