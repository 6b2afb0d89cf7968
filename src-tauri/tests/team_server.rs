//! The team server's security, tested against the real binary (issue 18): `agendapack server`
//! on a temporary copy of the demo council with one account per role made by `user add`, over
//! HTTPS with its self-signed certificate as the only trusted root.
//!
//! Covered: sign-in right and wrong, the cookie's flags, 401 without a session, 403 for a role,
//! sign-out and a disabled account ending sessions, a foreign Origin with a text/plain body
//! refused even with a valid session, throttling after repeated failed sign-ins, path
//! traversal (raw and percent-encoded), the body limit, plain HTTP not served, and the printed
//! fingerprint being the one of the certificate the handshake presents; HSTS on every answer;
//! the administrator's account commands (disable and enable, a role change ending the
//! person's session, the last administrator kept) and changing one's own password.

mod cli_support;
mod team_support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::{Arc, OnceLock};

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use team_support::{add_user, password, read_start, trusting};

/// The password of every test account: `<name>-password-1` (the README's demo rule too).
const ROLES: [&str; 5] = ["administrator", "officer", "clerk", "author", "member"];

/// The demo council with one account per role (named after the role), made once per run and
/// copied for each server, so `init --demo` and five password hashes are paid once.
fn template() -> &'static Path {
    static TEMPLATE: OnceLock<tempfile::TempDir> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let db = dir.path().join("council.db");
            let db_arg = db.to_str().unwrap();
            cli_support::ok(dir.path(), &["--db", db_arg, "init", "--demo"]);
            for role in ROLES {
                add_user(dir.path(), &db, role, role, None);
            }
            dir
        })
        .path()
}

/// A running team server, stopped when the test ends (also on failure).
struct Server {
    child: Child,
    port: u16,
    fingerprint: String,
    made_certificate: bool,
    dir: PathBuf,
    tls: Arc<rustls::ClientConfig>,
    _keep: Option<tempfile::TempDir>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A server on a fresh copy of the template, with a stand-in UI folder and a secret file
/// beside it that no URL may reach.
fn start() -> Server {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(template().join("council.db"), dir.path().join("council.db")).unwrap();
    let ui = dir.path().join("ui");
    std::fs::create_dir_all(ui.join("assets")).unwrap();
    std::fs::write(ui.join("index.html"), "<!doctype html><title>AgendaPack</title>").unwrap();
    std::fs::write(ui.join("assets/app.js"), "console.log('app')").unwrap();
    std::fs::write(dir.path().join("secret.txt"), "SECRET-NOT-FOR-THE-WEB").unwrap();
    let path = dir.path().to_path_buf();
    let mut server = start_in(&path);
    server._keep = Some(dir);
    server
}

/// Starts (or restarts) the server on the database in `dir`.
fn start_in(dir: &Path) -> Server {
    start_with(dir, &[], &dir.join("council.db.server-cert.pem"))
}

/// Starts the server with extra arguments, trusting the certificate in `trusted` (PEM).
fn start_with(dir: &Path, extra: &[&str], trusted: &Path) -> Server {
    let mut child = cli_support::agendapack(dir)
        .arg("--db")
        .arg(dir.join("council.db"))
        .args(["server", "--listen", "127.0.0.1:0", "--ui"])
        .arg(dir.join("ui"))
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let printed = read_start(child.stdout.take().unwrap());
    Server {
        child,
        port: printed.port,
        fingerprint: printed.fingerprint,
        made_certificate: printed.made_certificate,
        dir: dir.to_path_buf(),
        tls: trusting(trusted),
        _keep: None,
    }
}

/// One answer: status, headers (lower-case names) and body.
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl Server {
    fn origin(&self) -> String {
        format!("https://127.0.0.1:{}", self.port)
    }

    /// Sends one request exactly as written (no URL normalisation, which a client library
    /// would apply to `..`), over TLS trusting only the server's own certificate. Bodies a test
    /// expects refused are kept small (or unsent): a server that closes with unread bytes in its
    /// socket resets the connection, which could swallow its answer.
    fn raw(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n", self.port);
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("content-length")) {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        let mut stream = self.connect();
        stream.write_all(head.as_bytes()).unwrap();
        // A refused body may be refused before it is all sent; the answer is read either way.
        let _ = stream.write_all(body).and_then(|()| stream.flush());
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        parse(&raw)
    }

    fn connect(&self) -> rustls::StreamOwned<rustls::ClientConnection, TcpStream> {
        let name = ServerName::try_from("127.0.0.1").unwrap();
        let connection = rustls::ClientConnection::new(Arc::clone(&self.tls), name).unwrap();
        let socket = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        rustls::StreamOwned::new(connection, socket)
    }

    /// A command as the app's own page sends it: own Origin, JSON, and the session cookie.
    fn command(&self, session: Option<&str>, command: &str, body: &Value) -> Answer {
        let origin = self.origin();
        let cookie = session.map(|token| format!("__Host-agendapack_session={token}"));
        let mut headers = vec![("Origin", origin.as_str()), ("Content-Type", "application/json")];
        if let Some(cookie) = &cookie {
            headers.push(("Cookie", cookie.as_str()));
        }
        self.raw("POST", &format!("/api/{command}"), &headers, body.to_string().as_bytes())
    }

    fn login(&self, name: &str, password: &str) -> Answer {
        self.command(None, "login", &json!({ "name": name, "password": password }))
    }

    /// Signs in as `name` and answers the session token.
    fn session(&self, name: &str) -> String {
        let answer = self.login(name, &password(name));
        assert_eq!(answer.status, 200, "{name} signs in: {}", answer.text());
        let cookie = answer.header("set-cookie").expect("a sign-in sets a cookie");
        cookie.split(';').next().unwrap().strip_prefix("__Host-agendapack_session=").unwrap().to_string()
    }

    fn get(&self, path: &str) -> Answer {
        self.raw("GET", path, &[], b"")
    }
}

/// Reads an HTTP/1.1 answer (plain or chunked body).
fn parse(raw: &[u8]) -> Answer {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or_else(|| panic!("an HTTP answer: {:?}", String::from_utf8_lossy(raw)));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers.iter().any(|(n, v)| n == "transfer-encoding" && v.contains("chunked")) {
        body = dechunk(&body);
    }
    Answer { status, headers, body }
}

fn dechunk(mut rest: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    while let Some(end) = rest.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&rest[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        body.extend_from_slice(&rest[end + 2..end + 2 + size]);
        rest = &rest[end + 2 + size + 2..];
    }
    body
}

#[test]
fn signing_in_takes_the_right_password_and_sets_a_strict_cookie() {
    let server = start();
    let good = server.login("officer", &password("officer"));
    assert_eq!(good.status, 200, "the right password signs in: {}", good.text());
    assert_eq!(good.json()["role"], "officer", "the answer says who signed in: {}", good.text());
    let cookie = good.header("set-cookie").expect("a session cookie is set");
    let (pair, flags) = cookie.split_once(';').unwrap();
    let token = pair.strip_prefix("__Host-agendapack_session=").expect("the __Host- prefix pins Secure, Path=/ and no Domain");
    assert_eq!(token.len(), 43, "a 256-bit random token, base64url: {token}");
    let flags: Vec<String> = flags.split(';').map(|f| f.trim().to_ascii_lowercase()).collect();
    for flag in ["httponly", "secure", "samesite=strict", "path=/"] {
        assert!(flags.iter().any(|f| f == flag), "the cookie has {flag}: {cookie}");
    }
    assert!(!flags.iter().any(|f| f.starts_with("domain")), "no Domain: the cookie stays with this host");

    for (name, wrong) in [("officer", "officer-password-2"), ("nobody", "whatever-password")] {
        let answer = server.login(name, wrong);
        assert_eq!(answer.status, 401, "{name} with a wrong password is refused");
        assert_eq!(answer.json()["message"], "The name or password is wrong.", "a wrong name and a wrong password read the same");
        assert!(answer.header("set-cookie").is_none(), "no cookie for a failed sign-in");
    }
    let whoami = server.raw("GET", "/api/whoami", &[("Cookie", &format!("__Host-agendapack_session={token}"))], b"");
    assert_eq!((whoami.status, whoami.json()["account"]["name"].as_str()), (200, Some("officer")), "{}", whoami.text());
    let nobody = server.get("/api/whoami");
    assert_eq!((nobody.status, nobody.json()), (200, json!({ "team": true, "account": null, "sso": false })), "the UI asks this before sign-in");
    // Single sign-on is offered only when the server was started with --oidc-issuer
    // (tests/e2e/oidc.e2e.mjs runs it against a local provider).
    for path in ["/auth/oidc/start", "/auth/oidc/callback?code=c&state=s"] {
        let answer = server.get(path);
        assert_eq!(answer.status, 404, "{path} without single sign-on set up: {}", answer.text());
        assert!(answer.text().contains("Single sign-on is not set up on this server"), "{}", answer.text());
    }
}

#[test]
fn commands_need_a_session_and_a_role_that_may() {
    let server = start();
    let none = server.command(None, "meetings_list", &json!({}));
    assert_eq!(none.status, 401, "no session, no command: {}", none.text());
    assert_eq!(none.json()["code"], "sign_in_required");
    let forged = server.command(Some("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), "meetings_list", &json!({}));
    assert_eq!(forged.status, 401, "a made-up token is no session");

    let officer = server.session("officer");
    let meetings = server.command(Some(&officer), "meetings_list", &json!({}));
    assert_eq!(meetings.status, 200, "an officer lists meetings: {}", meetings.text());
    assert!(meetings.json().as_array().is_some_and(|m| !m.is_empty()), "the demo council has meetings");

    let member = server.session("member");
    let refused = server.command(Some(&member), "meeting_create", &json!({}));
    assert_eq!(refused.status, 403, "a councillor may not create meetings: {}", refused.text());
    assert_eq!(refused.json()["code"], "forbidden");

    let unknown = server.command(Some(&officer), "drop_tables", &json!({}));
    assert_eq!(unknown.status, 404, "an unknown command is named as such: {}", unknown.text());

    // The pack download is authorised like the pack_pdf command: no session, no bytes.
    let pdf = server.get("/api/pack_pdf/1");
    assert_eq!(pdf.status, 401, "{}", pdf.text());
    let cookie = format!("__Host-agendapack_session={officer}");
    let missing = server.raw("GET", "/api/pack_pdf/999999", &[("Cookie", &cookie)], b"");
    assert_eq!(missing.status, 404, "a job that does not exist: {}", missing.text());

    let logout = server.command(Some(&officer), "logout", &json!({}));
    assert_eq!(logout.status, 200);
    assert!(logout.header("set-cookie").is_some_and(|c| c.contains("Max-Age=0")), "the browser is told to drop the cookie");
    assert_eq!(server.command(Some(&officer), "meetings_list", &json!({})).status, 401, "signed out: the token is dead");
    assert_eq!(server.command(Some(&member), "meetings_list", &json!({})).status, 200, "another person's session goes on");
}

#[test]
fn a_disabled_account_is_signed_out_at_once() {
    let server = start();
    let clerk = server.session("clerk");
    assert_eq!(server.command(Some(&clerk), "meetings_list", &json!({})).status, 200);
    let db = server.dir.join("council.db");
    cli_support::ok(&server.dir, &["--db", db.to_str().unwrap(), "user", "disable", "clerk"]);
    let after = server.command(Some(&clerk), "meetings_list", &json!({}));
    assert_eq!(after.status, 401, "the session ended with the account: {}", after.text());
    assert_eq!(server.login("clerk", &password("clerk")).status, 401, "and it cannot sign in again");
}

#[test]
fn every_answer_tells_the_browser_to_keep_to_https() {
    let server = start();
    for answer in [server.get("/"), server.get("/api/whoami"), server.command(None, "meetings_list", &json!({}))] {
        assert_eq!(answer.header("strict-transport-security"), Some("max-age=31536000"), "HSTS on every answer ({})", answer.status);
    }
}

#[test]
fn the_administrator_manages_accounts_and_a_changed_role_signs_the_person_out() {
    let server = start();
    let admin = server.session("administrator");
    let added = server.command(Some(&admin), "account_add", &json!({"name": "omar", "display": "Omar Farah", "role": "author", "password": password("omar")}));
    assert_eq!((added.status, added.json()["role"].as_str()), (200, Some("author")), "{}", added.text());
    let officer = server.session("officer");
    assert_eq!(server.command(Some(&officer), "accounts_list", &json!({})).status, 403, "accounts are the administrator's");

    // Disabled, the session ends at once; enabled again, the same password signs in.
    let omar = server.session("omar");
    assert_eq!(server.command(Some(&admin), "account_disable", &json!({"name": "omar"})).status, 200);
    assert_eq!(server.command(Some(&omar), "my_reports", &json!({})).status, 401, "disabled: signed out");
    assert_eq!(server.command(Some(&admin), "account_enable", &json!({"name": "omar"})).status, 200);
    let omar = server.session("omar");
    assert_eq!(server.command(Some(&omar), "my_reports", &json!({})).status, 200, "enabled again");

    // Given another role, the old session ends: its screens were made for the old role.
    let role = server.command(Some(&admin), "account_role_set", &json!({"name": "officer", "role": "clerk"}));
    assert_eq!((role.status, role.json()["role"].as_str()), (200, Some("clerk")), "{}", role.text());
    assert_eq!(server.command(Some(&officer), "meetings_list", &json!({})).status, 401, "a changed role: signed out");
    let clerk_now = server.session("officer");
    assert_eq!(server.command(Some(&clerk_now), "meeting_create", &json!({})).status, 403, "signed in again, with the clerk's rights only");

    // The last enabled administrator is kept, by one plain sentence beside the field.
    let last = server.command(Some(&admin), "account_role_set", &json!({"name": "administrator", "role": "officer"}));
    assert_eq!((last.status, last.json()["field"].as_str()), (400, Some("role")), "{}", last.text());
    assert!(last.json()["message"].as_str().unwrap().contains("last enabled administrator"), "{}", last.text());
    assert_eq!(server.command(Some(&admin), "account_disable", &json!({"name": "administrator"})).status, 400);

    // Anyone changes their own password, knowing the current one.
    let wrong = server.command(Some(&omar), "password_change", &json!({"current": "not-it-at-all", "password": "omar-password-2"}));
    assert_eq!((wrong.status, wrong.json()["field"].as_str()), (400, Some("current")), "{}", wrong.text());
    let changed = server.command(Some(&omar), "password_change", &json!({"current": password("omar"), "password": "omar-password-2"}));
    assert_eq!(changed.status, 200, "{}", changed.text());
    assert_eq!(server.login("omar", "omar-password-2").status, 200, "the new password signs in");
}

#[test]
fn a_new_password_ends_the_accounts_other_sessions() {
    let server = start();
    let admin = server.session("administrator");
    // Changing one's own password: the desk that changed it stays, the other desk is signed out.
    let (here, elsewhere, other_person) = (server.session("clerk"), server.session("clerk"), server.session("officer"));
    let changed = server.command(Some(&here), "password_change", &json!({"current": password("clerk"), "password": "clerk-password-2"}));
    assert_eq!(changed.status, 200, "{}", changed.text());
    assert_eq!(server.command(Some(&here), "meetings_list", &json!({})).status, 200, "the session that changed it stays");
    assert_eq!(server.command(Some(&elsewhere), "meetings_list", &json!({})).status, 401, "the other session ended");
    assert_eq!(server.command(Some(&other_person), "meetings_list", &json!({})).status, 200, "another person's is untouched");

    // Reset by the administrator: every session of that person ends, the administrator's stays.
    let reset = server.command(Some(&admin), "account_password_reset", &json!({"name": "clerk", "password": "clerk-password-3"}));
    assert_eq!(reset.status, 200, "{}", reset.text());
    assert_eq!(server.command(Some(&here), "meetings_list", &json!({})).status, 401, "reset: the person is signed out");
    assert_eq!(server.command(Some(&admin), "accounts_list", &json!({})).status, 200, "the administrator stays signed in");
    assert_eq!(server.command(Some(&other_person), "meetings_list", &json!({})).status, 200);
    assert_eq!(server.login("clerk", "clerk-password-3").status, 200, "the new password signs in");
    // A refused change ends nothing.
    let officer_too = server.session("officer");
    let wrong = server.command(Some(&officer_too), "password_change", &json!({"current": "not-it-at-all", "password": "officer-password-2"}));
    assert_eq!(wrong.status, 400, "{}", wrong.text());
    assert_eq!(server.command(Some(&other_person), "meetings_list", &json!({})).status, 200, "a refused change signs no one out");
}

#[test]
fn another_sites_page_is_refused_even_with_a_valid_session() {
    let server = start();
    let officer = server.session("officer");
    let cookie = format!("__Host-agendapack_session={officer}");
    let body = br#"{"committee_id":1,"date":"2027-01-01","time":"18:00","venue":"x","title":"forged"}"#;
    // What an HTML form on evil.example posts (enctype=text/plain), cookie and all.
    let forged = server.raw(
        "POST",
        "/api/meeting_create",
        &[("Origin", "https://evil.example"), ("Content-Type", "text/plain"), ("Cookie", &cookie), ("Sec-Fetch-Site", "cross-site")],
        body,
    );
    assert_eq!(forged.status, 403, "a foreign page's post is refused: {}", forged.text());
    let json_from_elsewhere = server.raw(
        "POST",
        "/api/meeting_create",
        &[("Origin", "https://evil.example"), ("Content-Type", "application/json"), ("Cookie", &cookie)],
        body,
    );
    assert_eq!(json_from_elsewhere.status, 403, "JSON from another origin too");
    let plain_http_origin = format!("http://127.0.0.1:{}", server.port);
    let downgraded = server.raw(
        "POST",
        "/api/meetings_list",
        &[("Origin", &plain_http_origin), ("Content-Type", "application/json"), ("Cookie", &cookie)],
        b"{}",
    );
    assert_eq!(downgraded.status, 403, "http:// on our host is another origin");
    let own_origin = server.origin();
    let text_plain = server.raw(
        "POST",
        "/api/meetings_list",
        &[("Origin", &own_origin), ("Content-Type", "text/plain"), ("Cookie", &cookie)],
        b"{}",
    );
    assert_eq!(text_plain.status, 415, "a body not declared JSON is refused even from our own page");
    let forged_login = server.raw(
        "POST",
        "/api/login",
        &[("Origin", "https://evil.example"), ("Content-Type", "text/plain")],
        br#"{"name":"officer","password":"officer-password-1"}"#,
    );
    assert_eq!(forged_login.status, 403, "no sign-in from another site (login CSRF)");
    assert_eq!(server.command(Some(&officer), "meetings_list", &json!({})).status, 200, "our own page still works");
    let meetings = server.command(Some(&officer), "meetings_list", &json!({})).json();
    assert!(!meetings.to_string().contains("forged"), "no meeting was made by the refused posts");
}

#[test]
fn repeated_failed_sign_ins_are_throttled() {
    let server = start();
    for attempt in 1..=5 {
        let answer = server.login("author", "not-the-password");
        assert_eq!(answer.status, 401, "failure {attempt} is an ordinary refusal");
    }
    let throttled = server.login("author", &password("author"));
    assert_eq!(throttled.status, 429, "the sixth try within 15 minutes is refused, right password or not: {}", throttled.text());
    let message = throttled.json()["message"].as_str().unwrap_or_default().to_string();
    assert!(message.starts_with("Too many failed sign-ins") && message.contains("try again in"), "one sentence saying when: {message}");
    let retry: u64 = throttled.header("retry-after").and_then(|v| v.parse().ok()).expect("a Retry-After header");
    assert!(retry > 0 && retry <= 15 * 60, "retry after at most the window: {retry}");
    // Every failure came from this address, so it is throttled for any name, too.
    assert_eq!(server.login("clerk", &password("clerk")).status, 429, "the address is throttled as well");
}

#[test]
fn no_url_reaches_a_file_outside_the_ui_folder() {
    let server = start();
    assert_eq!(server.get("/").status, 200, "the UI's index is served");
    assert_eq!(server.get("/assets/app.js").text(), "console.log('app')", "and its assets");
    for path in [
        "/../secret.txt",
        "/assets/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/.%2e/secret.txt",
        "/%252e%252e/secret.txt",
        "//../secret.txt",
    ] {
        let answer = server.get(path);
        assert!(!answer.text().contains("SECRET-NOT-FOR-THE-WEB"), "{path} must not reach the file beside the UI folder");
        assert!(answer.status == 404 || answer.status == 400 || answer.text().contains("<title>AgendaPack"), "{path}: {}", answer.status);
    }
}

#[test]
fn bodies_past_the_limit_are_refused_before_they_are_read() {
    let server = start();
    let officer = server.session("officer");
    let cookie = format!("__Host-agendapack_session={officer}");
    let origin = server.origin();
    let over = (agendapack::team::MAX_BODY + 1).to_string();
    // Claims a body one byte over the limit and sends none of it: the answer comes at once.
    let too_large = server.raw(
        "POST",
        "/api/report_save",
        &[("Origin", &origin), ("Content-Type", "application/json"), ("Cookie", &cookie), ("Content-Length", &over)],
        b"",
    );
    assert_eq!(too_large.status, 413, "{}", too_large.text());
    assert!(too_large.json()["message"].as_str().unwrap_or_default().contains("134 MB"), "the limit is named: {}", too_large.text());
    // Without a session the body is never read at all: 401 whatever its size.
    let anonymous = server.raw(
        "POST",
        "/api/report_save",
        &[("Origin", &origin), ("Content-Type", "application/json"), ("Content-Length", &over)],
        b"",
    );
    assert_eq!(anonymous.status, 401, "{}", anonymous.text());
    // A sign-in is a name and a password: 8 KB is plenty.
    let login = server.raw("POST", "/api/login", &[("Origin", &origin), ("Content-Type", "application/json"), ("Content-Length", "9000")], b"");
    assert_eq!(login.status, 413, "{}", login.text());
    // (A body sent without a length is cut off at the limit as it arrives: http.rs's unit test.)
}

#[test]
fn plain_http_is_not_served() {
    let server = start();
    let mut socket = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    socket.write_all(format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n", server.port).as_bytes()).unwrap();
    let mut raw = Vec::new();
    let _ = socket.read_to_end(&mut raw);
    assert!(!raw.starts_with(b"HTTP/"), "no HTTP answer over plain TCP: {:?}", String::from_utf8_lossy(&raw));
    assert!(!String::from_utf8_lossy(&raw).contains("AgendaPack"), "and no page");
}

#[test]
fn the_printed_fingerprint_is_the_certificates_and_survives_a_restart() {
    let server = start();
    assert!(server.made_certificate, "the first start makes the certificate and says where");
    let pem = std::fs::read(server.dir.join("council.db.server-cert.pem")).unwrap();
    let der = CertificateDer::from_pem_slice(&pem).unwrap();
    assert_eq!(server.fingerprint, colon_hex(&Sha256::digest(&der)), "the printed fingerprint is the kept certificate's");
    let mut stream = server.connect();
    stream.write_all(format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n", server.port).as_bytes()).unwrap();
    let mut ignored = Vec::new();
    let _ = stream.read_to_end(&mut ignored);
    let presented = stream.conn.peer_certificates().expect("the handshake presents a certificate")[0].clone();
    assert_eq!(colon_hex(&Sha256::digest(&presented)), server.fingerprint, "and the one the handshake presents");

    let dir = server.dir.clone();
    let fingerprint = server.fingerprint.clone();
    let keep = {
        let mut server = server;
        server._keep.take()
    };
    let again = start_in(&dir);
    assert!(!again.made_certificate, "a restart keeps the certificate");
    assert_eq!(again.fingerprint, fingerprint, "so people's first-use trust still holds");
    drop(again);
    drop(keep);
}

fn colon_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(":")
}

#[test]
fn the_councils_own_certificate_is_served_and_none_is_made() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(template().join("council.db"), dir.path().join("council.db")).unwrap();
    std::fs::create_dir(dir.path().join("ui")).unwrap();
    // A stand-in for the council's certificate: issued for the names its clients use.
    let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    let params = rcgen::CertificateParams::new(vec!["agendas.example.gov.uk".to_string(), "127.0.0.1".to_string()]).unwrap();
    let cert = params.self_signed(&key).unwrap();
    let (cert_path, key_path) = (dir.path().join("council.pem"), dir.path().join("council.key"));
    std::fs::write(&cert_path, cert.pem()).unwrap();
    std::fs::write(&key_path, key.serialize_pem()).unwrap();
    let server = start_with(dir.path(), &["--cert", cert_path.to_str().unwrap(), "--key", key_path.to_str().unwrap()], &cert_path);
    assert!(!server.made_certificate, "no self-signed certificate is made when the council's is given");
    assert!(!dir.path().join("council.db.server-cert.pem").exists(), "and none is written");
    assert_eq!(server.fingerprint, colon_hex(&Sha256::digest(cert.der())), "the printed fingerprint is the council certificate's");
    assert_eq!(server.get("/api/whoami").status, 200, "served over TLS with it");
    drop(server);

    // A key that is not the certificate's is one sentence and exit code 1, before listening.
    let other = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
    std::fs::write(&key_path, other.serialize_pem()).unwrap();
    let db = dir.path().join("council.db");
    let out = cli_support::run(
        dir.path(),
        &["--db", db.to_str().unwrap(), "server", "--listen", "127.0.0.1:0", "--cert", cert_path.to_str().unwrap(), "--key", key_path.to_str().unwrap()],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("agendapack: the certificate") && stderr.contains("cannot be used together"), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one sentence: {stderr}");
}

#[test]
fn a_calendar_feed_is_served_at_its_secret_address_only() {
    let server = start();
    let author = server.session("author");
    let issued = server.command(Some(&author), "calendar_feed_issue", &json!({}));
    assert_eq!(issued.status, 200, "{}", issued.text());
    let path = issued.json()["path"].as_str().expect("the feed's path").to_string();
    // A calendar program sends no cookie: the address is the key.
    let feed = server.get(&path);
    assert_eq!(feed.status, 200, "{}", feed.text());
    assert!(feed.header("content-type").is_some_and(|t| t.starts_with("text/calendar")), "{:?}", feed.header("content-type"));
    assert!(feed.text().starts_with("BEGIN:VCALENDAR"), "{}", feed.text());
    let guessed = format!("/calendar/{}.ics", "0".repeat(64));
    assert_eq!(server.get(&guessed).status, 404, "a guessed address is no calendar");
    assert_eq!(server.command(Some(&author), "calendar_feed_revoke", &json!({})).status, 200);
    assert_eq!(server.get(&path).status, 404, "a revoked address is no calendar");
}
