//! The team server under load, killed and restarted (issue 18): 50 simulated people on
//! loopback against the real `agendapack server` binary, for a bounded time that ends by itself.
//!
//! - 40 **authors**, each owning one report of the demo meeting, autosave it every half second
//!   with new text (`report_save`), as the editor does while someone types (each on a
//!   half-second grid of their own, the 40 spread over the half second: people do not type in
//!   step);
//! - 6 **officers** list the meetings, open the demo meeting, build its pack (public and full in
//!   turn), poll the job until it is done and download the PDF, then think for a few seconds;
//! - 4 **clerks** list the meetings and read the demo meeting and its minutes every two seconds.
//!
//! Halfway through, the server is killed with SIGKILL; the requests in flight end with it and
//! people wait (the app would retry). The server is started again on the same database and
//! port, and before anyone carries on every report is read back and must hold at least the last
//! save the killed server acknowledged (or a later one whose answer the kill cut off). People
//! then sign in again (sessions live in memory) and carry on. At the end every report is
//! checked the same way.
//!
//! Asserted: no error at all, except those the kill causes (a connection refused, reset or cut
//! while the server is down, or a session or pack job of the killed server unknown to the new
//! one); no acknowledged save lost; every kind of work was done. Reported, not asserted: save
//! latency (p50, p95, max) overall and while a pack builds, written to standard output and to
//! `CARGO_TARGET_TMPDIR/team_load.txt` (run with `-- --nocapture` to see it).
//!
//! Bounds: `AGENDAPACK_LOAD_SECONDS` (default 120) seconds of load, the kill at the middle; the
//! people are fixed. `AGENDAPACK_LOAD_BIN` runs another build of the binary (a release one) under
//! the same load. This is one test in its own binary, so `cargo test --workspace` runs it alone,
//! never beside other test binaries; it adds the two minutes to that run.
//!
//! The client is a few lines of HTTP/1.1 over rustls (as `team_server.rs`), one kept-alive
//! connection per person as a browser holds it, trusting only the server's own certificate:
//! no HTTP client library is needed for JSON requests with a Content-Length answer.

mod cli_support;
mod team_support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering::SeqCst};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rustls::pki_types::ServerName;
use serde_json::{json, Value};
use team_support::password;

const AUTHORS: usize = 40;
const OFFICERS: usize = 6;
const CLERKS: usize = 4;
/// An editor's autosave interval.
const SAVE_EVERY: Duration = Duration::from_millis(500);
const CLERK_EVERY: Duration = Duration::from_secs(2);
const OFFICER_THINKS: Duration = Duration::from_secs(4);
const POLL_EVERY: Duration = Duration::from_millis(250);
/// The demo council's meeting with papers (`init --demo`).
const DEMO_MEETING: i64 = 1;

fn load_seconds() -> u64 {
    std::env::var("AGENDAPACK_LOAD_SECONDS").ok().and_then(|v| v.parse().ok()).filter(|&s| s >= 2).unwrap_or(120)
}

fn author_name(n: usize) -> String {
    format!("author{n:02}")
}

/// The body of author `n`'s save number `seq`: a page of Markdown naming both, so the stored
/// text says which save it is, and every save differs from the one before.
fn body_text(n: usize, seq: u64) -> String {
    let mut body = format!("Load test report {n:02}, autosave {seq}.\n\n");
    for paragraph in 0..6 {
        body.push_str(&format!(
            "Paragraph {paragraph} of save {seq}. The committee is asked to note the progress made on the \
             review's recommendations, the spending to date against the agreed budget, and the \
             risks set out in section {paragraph} below, which officers will report on again.\n\n"
        ));
    }
    body
}

/// The save number a stored body says it is (0 for the empty draft no save has touched).
fn saved_seq(n: usize, body: &str) -> Option<u64> {
    if body.is_empty() {
        return Some(0);
    }
    let seq: u64 = body.strip_prefix(&format!("Load test report {n:02}, autosave "))?.split('.').next()?.parse().ok()?;
    (body == body_text(n, seq)).then_some(seq)
}

// ------------------------------------------------------------------------------------------
// The server process and what the people know about it.

/// Whether the server is up and which start of it this is: the kill window's errors are told
/// from real ones by these.
#[derive(Default)]
struct ServerState {
    /// Bumped after each restart, before people carry on.
    epoch: AtomicU64,
    /// Set just before the kill, cleared after the restart's checks.
    down: AtomicBool,
    /// People waiting for the server to come back.
    paused: AtomicUsize,
    /// Set when the run is over.
    stop: AtomicBool,
    port: AtomicU64,
}

impl ServerState {
    fn epoch(&self) -> u64 {
        self.epoch.load(SeqCst)
    }

    /// A failure that began in `since` (the epoch of the connection, session or job it used) is
    /// the kill's doing when the server is down now or has been restarted since.
    fn kill_caused(&self, since: u64) -> bool {
        self.down.load(SeqCst) || since < self.epoch()
    }
}

struct Server {
    child: Child,
    port: u16,
    // Kept open: the server must never write into a closed pipe.
    _stdout: BufReader<ChildStdout>,
}

impl Server {
    /// The server's resident memory in MB, where /proc tells it (Linux).
    fn resident_mb(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let kb: u64 = status.lines().find_map(|l| l.strip_prefix("VmRSS:"))?.trim().trim_end_matches("kB").trim().parse().ok()?;
        Some(kb / 1024)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The binary under test with its home inside `home`: the one Cargo built, or
/// `AGENDAPACK_LOAD_BIN` (to measure another build, a release one say, with the same test).
fn agendapack(home: &Path) -> std::process::Command {
    match std::env::var_os("AGENDAPACK_LOAD_BIN") {
        Some(bin) => {
            let mut command = std::process::Command::new(bin);
            command.env("HOME", home).env("XDG_DATA_HOME", home.join("data")).env_remove("RUST_BACKTRACE");
            command
        }
        None => cli_support::agendapack(home),
    }
}

/// Starts the server on `dir/council.db` at `port` (0: any), answering once it listens. A
/// restart may find its port still held for a moment by the killed process's sockets, so a
/// start that cannot listen is tried again, a bounded number of times.
fn start_server(dir: &Path, port: u16) -> Server {
    for attempt in 1..=50 {
        let log = std::fs::File::create(dir.join(format!("server-{port}-{attempt}.log"))).unwrap();
        let mut child = agendapack(dir)
            .arg("--db")
            .arg(dir.join("council.db"))
            .args(["server", "--listen", &format!("127.0.0.1:{port}"), "--ui"])
            .arg(dir.join("ui"))
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut bound = None;
        let mut line = String::new();
        while stdout.read_line(&mut line).unwrap_or(0) > 0 {
            if let Some(rest) = line.trim_end().strip_prefix("AgendaPack team server on https://127.0.0.1:") {
                bound = rest.parse::<u16>().ok();
            }
            if line.starts_with("Certificate SHA-256 fingerprint: ") {
                break;
            }
            line.clear();
        }
        match bound {
            Some(bound) => return Server { child, port: bound, _stdout: stdout },
            None => {
                let _ = child.wait();
                let why = std::fs::read_to_string(dir.join(format!("server-{port}-{attempt}.log"))).unwrap_or_default();
                assert!(why.contains("cannot listen") && port != 0, "the server did not start: {why}");
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    }
    panic!("the server could not listen on port {port} again after 50 tries");
}

// ------------------------------------------------------------------------------------------
// The client: HTTP/1.1 over TLS, kept alive.

struct Answer {
    status: u16,
    set_cookie: Option<String>,
    /// The server said `Connection: close`: the connection is not used again, as HTTP/1.1
    /// requires of a client.
    close: bool,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).chars().take(300).collect()
    }
}

struct Connection {
    stream: rustls::StreamOwned<rustls::ClientConnection, TcpStream>,
    epoch: u64,
    /// When its last answer came: the server closes a connection idle for 30 s
    /// (`team::HEADER_TIMEOUT`), so one idle for [`IDLE_LIMIT`] is not used again.
    last_answer: Instant,
}

/// Well inside the server's 30 s, as a browser drops idle connections before a server would.
const IDLE_LIMIT: Duration = Duration::from_secs(15);

fn tls_config(dir: &Path) -> Arc<rustls::ClientConfig> {
    team_support::trusting(&dir.join("council.db.server-cert.pem"))
}

fn connect(tls: &Arc<rustls::ClientConfig>, port: u16, epoch: u64) -> std::io::Result<Connection> {
    let socket = TcpStream::connect(("127.0.0.1", port))?;
    socket.set_nodelay(true)?;
    let name = ServerName::try_from("127.0.0.1").unwrap();
    let connection = rustls::ClientConnection::new(Arc::clone(tls), name).map_err(std::io::Error::other)?;
    Ok(Connection { stream: rustls::StreamOwned::new(connection, socket), epoch, last_answer: Instant::now() })
}

impl Connection {
    /// One request and its whole answer, on the kept-alive connection.
    fn send(&mut self, method: &str, path: &str, port: u16, cookie: Option<&str>, body: &[u8]) -> std::io::Result<Answer> {
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: https://127.0.0.1:{port}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        );
        if let Some(token) = cookie {
            head.push_str(&format!("Cookie: __Host-agendapack_session={token}\r\n"));
        }
        head.push_str("\r\n");
        let mut request = head.into_bytes();
        request.extend_from_slice(body);
        self.stream.write_all(&request)?;
        self.stream.flush()?;
        let mut raw = Vec::with_capacity(4096);
        let mut chunk = [0u8; 16 * 1024];
        let split = loop {
            if let Some(at) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
                break at;
            }
            let n = self.stream.read(&mut chunk)?;
            if n == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            raw.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut lines = head.split("\r\n");
        let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).unwrap_or(0);
        let (mut length, mut set_cookie, mut close) = (None, None, false);
        for (name, value) in lines.filter_map(|l| l.split_once(':')) {
            match name.trim().to_ascii_lowercase().as_str() {
                "content-length" => length = value.trim().parse::<usize>().ok(),
                "set-cookie" => set_cookie = Some(value.trim().to_string()),
                "connection" => close = value.trim().eq_ignore_ascii_case("close"),
                "transfer-encoding" => return Err(std::io::Error::other("a chunked answer; every answer here has a length")),
                _ => {}
            }
        }
        let length = length.ok_or_else(|| std::io::Error::other("an answer without Content-Length"))?;
        let mut body = raw.split_off(split + 4);
        while body.len() < length {
            let n = self.stream.read(&mut chunk)?;
            if n == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            body.extend_from_slice(&chunk[..n]);
        }
        self.last_answer = Instant::now();
        Ok(Answer { status, set_cookie, close, body })
    }
}

// ------------------------------------------------------------------------------------------
// What every person records.

/// One author's saves, shared with the checks: the highest save number sent and the highest
/// acknowledged.
#[derive(Default)]
struct Ledger {
    sent: AtomicU64,
    acked: AtomicU64,
}

#[derive(Default)]
struct Tally {
    /// Each acknowledged save: its latency, and whether a pack was building while it ran.
    saves: Mutex<Vec<(Duration, bool)>>,
    builds: AtomicUsize,
    downloads: AtomicUsize,
    reads: AtomicUsize,
    sign_ins: AtomicUsize,
    /// Failures the kill explains, counted, not failing the run.
    cut: AtomicUsize,
    /// Every other failure: the run fails with them.
    errors: Mutex<Vec<String>>,
    /// Pack builds running now (from an acknowledged pack_build to the job's end).
    building: AtomicUsize,
}

/// What a request came to.
enum Reply {
    Ok(Value),
    /// No answer, or one from a server that is gone: the kill's doing.
    Cut,
    /// A failure that is not the kill's: recorded.
    Failed,
}

/// One simulated person with their connection and session.
struct Person {
    name: String,
    state: Arc<ServerState>,
    tally: Arc<Tally>,
    tls: Arc<rustls::ClientConfig>,
    connection: Option<Connection>,
    /// The session token and the epoch it was made in.
    session: Option<(String, u64)>,
}

impl Person {
    fn port(&self) -> u16 {
        self.state.port.load(SeqCst) as u16
    }

    fn error(&self, what: String) {
        self.tally.errors.lock().unwrap().push(format!("{}: {what}", self.name));
    }

    /// One request on the kept-alive connection, connecting first when there is none. A
    /// transport failure drops the connection and is the kill's only when it explains it.
    fn request(&mut self, method: &str, path: &str, body: &[u8]) -> Result<Answer, Reply> {
        let started_in = self.state.epoch();
        if self.connection.as_ref().is_some_and(|c| c.last_answer.elapsed() > IDLE_LIMIT) {
            self.connection = None;
        }
        if self.connection.is_none() {
            match connect(&self.tls, self.port(), started_in) {
                Ok(c) => self.connection = Some(c),
                Err(e) => return Err(self.transport_failure(started_in, &format!("connect: {e}"))),
            }
        }
        let cookie = self.session.as_ref().map(|(token, _)| token.clone());
        let port = self.port();
        let connection = self.connection.as_mut().unwrap();
        let since = connection.epoch.min(started_in);
        match connection.send(method, path, port, cookie.as_deref(), body) {
            Ok(answer) => {
                if answer.close {
                    self.connection = None;
                }
                Ok(answer)
            }
            Err(e) => {
                self.connection = None;
                Err(self.transport_failure(since, &format!("{method} {path}: {e}")))
            }
        }
    }

    fn transport_failure(&self, since: u64, what: &str) -> Reply {
        if self.state.kill_caused(since) {
            self.tally.cut.fetch_add(1, SeqCst);
            Reply::Cut
        } else {
            self.error(what.to_string());
            Reply::Failed
        }
    }

    fn sign_in(&mut self) -> Result<(), Reply> {
        let epoch = self.state.epoch();
        let body = json!({ "name": self.name, "password": password(&self.name) }).to_string();
        let answer = self.request("POST", "/api/login", body.as_bytes())?;
        let token = answer
            .set_cookie
            .as_deref()
            .and_then(|c| c.split(';').next())
            .and_then(|pair| pair.strip_prefix("__Host-agendapack_session="))
            .map(str::to_string);
        match (answer.status, token) {
            (200, Some(token)) => {
                self.session = Some((token, epoch));
                self.tally.sign_ins.fetch_add(1, SeqCst);
                Ok(())
            }
            _ => {
                self.error(format!("sign-in answered {}: {}", answer.status, answer.text()));
                Err(Reply::Failed)
            }
        }
    }

    /// A command as the app's page sends it, signing in first when there is no session.
    fn command(&mut self, command: &str, body: &Value) -> Reply {
        if self.session.is_none() {
            if let Err(reply) = self.sign_in() {
                return reply;
            }
        }
        let session_epoch = self.session.as_ref().map_or(0, |s| s.1);
        let answer = match self.request("POST", &format!("/api/{command}"), body.to_string().as_bytes()) {
            Ok(answer) => answer,
            Err(reply) => return reply,
        };
        match answer.status {
            200 => Reply::Ok(answer.json()),
            // Sessions live in the server's memory: a restarted server knows none.
            401 if self.state.kill_caused(session_epoch) => {
                self.session = None;
                self.tally.cut.fetch_add(1, SeqCst);
                Reply::Cut
            }
            status => {
                self.error(format!("{command} answered {status}: {}", answer.text()));
                Reply::Failed
            }
        }
    }

    /// Sleeps until `until`, waking early when the run stops or the server goes down.
    fn nap(&self, until: Instant) {
        while Instant::now() < until && !self.state.stop.load(SeqCst) && !self.state.down.load(SeqCst) {
            std::thread::sleep((until - Instant::now()).min(Duration::from_millis(20)));
        }
    }

    /// Waits out a kill: counted as paused until the server is back and checked.
    fn wait_while_down(&mut self) {
        if !self.state.down.load(SeqCst) {
            return;
        }
        self.state.paused.fetch_add(1, SeqCst);
        while self.state.down.load(SeqCst) {
            std::thread::sleep(Duration::from_millis(20));
        }
        self.state.paused.fetch_sub(1, SeqCst);
    }

    /// The person's loop: `step` until the run stops, pausing while the server is down.
    fn run(mut self, mut step: impl FnMut(&mut Person) -> Duration) {
        while !self.state.stop.load(SeqCst) {
            self.wait_while_down();
            // The pause is counted from the step's end: a slow step must not shorten it.
            let pause = step(&mut self);
            self.nap(Instant::now() + pause);
        }
        self.wait_while_down();
    }
}

// ------------------------------------------------------------------------------------------
// The three kinds of person.

/// An author: loads their report once per sign-in, then saves it every half second with new
/// text, recording what was sent and what was acknowledged.
fn author(person: Person, n: usize, item_id: i64, ledger: Arc<Ledger>) {
    let mut fields: Option<(Value, u64)> = None;
    // People do not type in step: each author's saves keep to a half-second grid of their own,
    // the 40 grids spread evenly over the half second, and a pause does not bunch them up.
    let phase = Instant::now() + SAVE_EVERY * n as u32 / AUTHORS as u32;
    let until_next = move || {
        let now = Instant::now();
        let done = now.saturating_duration_since(phase).as_nanos() / SAVE_EVERY.as_nanos();
        (phase + SAVE_EVERY * (done as u32 + 1)).saturating_duration_since(now)
    };
    person.run(move |p| {
        if Instant::now() < phase {
            return phase - Instant::now();
        }
        if p.session.is_none() && p.sign_in().is_err() {
            return until_next();
        }
        let epoch = p.state.epoch();
        if fields.as_ref().is_none_or(|(_, e)| *e < epoch) {
            match p.command("report_get", &json!({ "item_id": item_id })) {
                Reply::Ok(detail) => fields = Some((detail["report"].clone(), epoch)),
                _ => return until_next(),
            }
        }
        let seq = ledger.sent.load(SeqCst) + 1;
        let mut report = fields.as_ref().unwrap().0.clone();
        report["body"] = Value::String(body_text(n, seq));
        report["status"] = json!("draft");
        ledger.sent.store(seq, SeqCst);
        // Timed: the save alone (a sign-in it needed came first, above, or cuts it short).
        let building = p.tally.building.load(SeqCst) > 0;
        let started = Instant::now();
        let reply = p.command("report_save", &json!({ "item_id": item_id, "report": report }));
        let took = started.elapsed();
        if let Reply::Ok(detail) = reply {
            if detail["report"]["body"].as_str() == Some(&body_text(n, seq)) {
                ledger.acked.store(seq, SeqCst);
                let building = building || p.tally.building.load(SeqCst) > 0;
                p.tally.saves.lock().unwrap().push((took, building));
            } else {
                p.error(format!("save {seq} was answered with another text"));
            }
        }
        until_next()
    });
}

/// Counts a pack build as running from its acknowledgement until dropped.
struct Building<'a>(&'a AtomicUsize);

impl Drop for Building<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, SeqCst);
    }
}

/// An officer: the meetings list, the demo meeting, then its pack (public and full in turn),
/// polled until built, and the PDF downloaded.
fn officer(person: Person, n: usize) {
    let mut round = n;
    person.run(move |p| {
        round += 1;
        let tally = Arc::clone(&p.tally);
        for (command, body) in [("meetings_list", json!({})), ("meeting_get", json!({ "id": DEMO_MEETING }))] {
            match p.command(command, &body) {
                Reply::Ok(_) => tally.reads.fetch_add(1, SeqCst),
                _ => return POLL_EVERY,
            };
        }
        let edition = if round % 2 == 0 { "public" } else { "full" };
        let epoch = p.state.epoch();
        let job = match p.command("pack_build", &json!({ "meeting_id": DEMO_MEETING, "edition": edition })) {
            Reply::Ok(answer) => answer["job_id"].as_u64().unwrap_or_default(),
            _ => return POLL_EVERY,
        };
        tally.building.fetch_add(1, SeqCst);
        let building = Building(&tally.building);
        loop {
            p.nap(Instant::now() + POLL_EVERY);
            if p.state.stop.load(SeqCst) || p.state.down.load(SeqCst) {
                return Duration::ZERO;
            }
            match p.command("pack_job", &json!({ "job_id": job })) {
                Reply::Ok(status) if status["state"] == "running" => continue,
                Reply::Ok(status) if status["state"] == "done" => break,
                Reply::Ok(status) => {
                    p.error(format!("pack job {job} failed: {status}"));
                    return OFFICER_THINKS;
                }
                // A job of the killed server is unknown to the new one.
                _ if epoch < p.state.epoch() => return Duration::ZERO,
                _ => return OFFICER_THINKS,
            }
        }
        drop(building);
        tally.builds.fetch_add(1, SeqCst);
        match p.request("GET", &format!("/api/pack_pdf/{job}"), b"") {
            Ok(answer) if answer.status == 200 && answer.body.starts_with(b"%PDF-") => {
                tally.downloads.fetch_add(1, SeqCst);
            }
            Ok(answer) if epoch < p.state.epoch() => drop(answer),
            Ok(answer) => p.error(format!("the pack of job {job} answered {}: {}", answer.status, answer.text())),
            Err(_) => {}
        }
        OFFICER_THINKS
    });
}

/// A clerk: the meetings list, the demo meeting and its minutes.
fn clerk(person: Person) {
    person.run(|p| {
        let tally = Arc::clone(&p.tally);
        for (command, body) in [
            ("meetings_list", json!({})),
            ("meeting_get", json!({ "id": DEMO_MEETING })),
            ("minutes_get", json!({ "meeting_id": DEMO_MEETING })),
        ] {
            match p.command(command, &body) {
                Reply::Ok(_) => tally.reads.fetch_add(1, SeqCst),
                _ => return POLL_EVERY,
            };
        }
        CLERK_EVERY
    });
}

// ------------------------------------------------------------------------------------------
// Setting up, checking, reporting.

fn add_users(dir: &Path, db: &Path, users: &[(String, &str)]) {
    // Four at a time: each `user add` is a process and an argon2id hash.
    std::thread::scope(|scope| {
        for part in users.chunks(users.len().div_ceil(4)) {
            scope.spawn(move || {
                for (name, role) in part {
                    team_support::add_user(dir, db, name, role, None);
                }
            });
        }
    });
}

/// A person for the main thread's own setup and checks (an officer account of its own).
fn checker(state: &Arc<ServerState>, tally: &Arc<Tally>, tls: &Arc<rustls::ClientConfig>) -> Person {
    Person {
        name: "loadcheck".into(),
        state: Arc::clone(state),
        tally: Arc::clone(tally),
        tls: Arc::clone(tls),
        connection: None,
        session: None,
    }
}

fn must(reply: Reply, what: &str, tally: &Tally) -> Value {
    match reply {
        Reply::Ok(value) => value,
        _ => panic!("{what} failed: {:?}", tally.errors.lock().unwrap()),
    }
}

/// Every report holds a save its author sent, no older than the last one acknowledged.
fn check_reports(p: &mut Person, items: &[i64], ledgers: &[Arc<Ledger>], when: &str) -> usize {
    let mut checked = 0;
    for (n, (&item_id, ledger)) in items.iter().zip(ledgers).enumerate() {
        let (acked, sent) = (ledger.acked.load(SeqCst), ledger.sent.load(SeqCst));
        let tally = Arc::clone(&p.tally);
        let detail = must(p.command("report_get", &json!({ "item_id": item_id })), "reading a report back", &tally);
        let body = detail["report"]["body"].as_str().unwrap_or_default();
        let stored = saved_seq(n, body).unwrap_or_else(|| panic!("{when}: report {n:02} holds a text no author sent: {:?}", &body[..body.len().min(80)]));
        assert!(
            stored >= acked && stored <= sent,
            "{when}: report {n:02} holds save {stored}, but save {acked} was acknowledged (and {sent} the last sent)"
        );
        checked += 1;
    }
    checked
}

fn shown(megabytes: Option<u64>) -> String {
    megabytes.map_or_else(|| "?".to_string(), |mb| mb.to_string())
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[(sorted.len() * p).div_ceil(100).saturating_sub(1).min(sorted.len() - 1)]
}

fn latency_line(label: &str, mut saves: Vec<Duration>) -> String {
    saves.sort();
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    format!(
        "{label:<26} {:>6} saves   p50 {:>9}   p95 {:>9}   max {:>9}",
        saves.len(),
        ms(percentile(&saves, 50)),
        ms(percentile(&saves, 95)),
        ms(saves.last().copied().unwrap_or_default())
    )
}

#[test]
fn fifty_people_for_two_minutes_with_a_kill_in_the_middle_lose_no_acknowledged_save() {
    let seconds = load_seconds();
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let db = home.join("council.db");
    let init = agendapack(home).args(["--db", db.to_str().unwrap(), "init", "--demo"]).output().unwrap();
    assert!(init.status.success(), "init --demo: {}", String::from_utf8_lossy(&init.stderr));
    let mut users: Vec<(String, &str)> = (0..AUTHORS).map(|n| (author_name(n), "author")).collect();
    users.extend((0..OFFICERS).map(|n| (format!("officer{n}"), "officer")));
    users.extend((0..CLERKS).map(|n| (format!("clerk{n}"), "clerk")));
    users.push(("loadcheck".into(), "officer"));
    add_users(home, &db, &users);
    std::fs::create_dir_all(home.join("ui")).unwrap();
    std::fs::write(home.join("ui/index.html"), "<!doctype html><title>AgendaPack</title>").unwrap();

    let mut server = start_server(home, 0);
    let port = server.port;
    let state = Arc::new(ServerState::default());
    state.port.store(u64::from(port), SeqCst);
    let tally = Arc::new(Tally::default());
    let tls = tls_config(home);

    // Each author gets a report of their own on the demo meeting, added as an officer does.
    let mut main = checker(&state, &tally, &tls);
    for n in 0..AUTHORS {
        let body = json!({ "meeting_id": DEMO_MEETING, "title": format!("Load test report {n:02}"), "kind": "report" });
        must(main.command("item_add", &body), "adding a report item", &tally);
    }
    let meeting = must(main.command("meeting_get", &json!({ "id": DEMO_MEETING })), "reading the meeting", &tally);
    let items: Vec<i64> = (0..AUTHORS)
        .map(|n| {
            let title = format!("Load test report {n:02}");
            let item = meeting["items"].as_array().unwrap().iter().find(|i| i["title"] == title.as_str()).expect("the added item");
            item["id"].as_i64().unwrap()
        })
        .collect();
    for (n, item_id) in items.iter().enumerate() {
        must(main.command("report_owner_set", &json!({ "item_id": item_id, "account": author_name(n) })), "giving a report its author", &tally);
    }

    let ledgers: Vec<Arc<Ledger>> = (0..AUTHORS).map(|_| Arc::default()).collect();
    let person = |name: String| Person {
        name,
        state: Arc::clone(&state),
        tally: Arc::clone(&tally),
        tls: Arc::clone(&tls),
        connection: None,
        session: None,
    };
    let mut people = Vec::new();
    for (n, (&item_id, ledger)) in items.iter().zip(&ledgers).enumerate() {
        let (p, ledger) = (person(author_name(n)), Arc::clone(ledger));
        people.push(std::thread::spawn(move || author(p, n, item_id, ledger)));
    }
    for n in 0..OFFICERS {
        let p = person(format!("officer{n}"));
        people.push(std::thread::spawn(move || officer(p, n)));
    }
    for n in 0..CLERKS {
        let p = person(format!("clerk{n}"));
        people.push(std::thread::spawn(move || clerk(p)));
    }
    let total = people.len();
    let began = Instant::now();

    // The first half, then the kill.
    std::thread::sleep(Duration::from_secs(seconds / 2));
    let saves_before_kill = tally.saves.lock().unwrap().len();
    let memory_before_kill = server.resident_mb();
    state.down.store(true, SeqCst);
    server.child.kill().unwrap(); // SIGKILL
    server.child.wait().unwrap();
    let killed = Instant::now();
    // Every request in flight ends with the process; then nobody is mid-request.
    while state.paused.load(SeqCst) < total {
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(server);
    let server = start_server(home, port);
    state.epoch.fetch_add(1, SeqCst);
    let restarted = killed.elapsed();
    // Checked before anyone carries on (they wait while `down` is set): what the killed server
    // acknowledged, the new one has.
    main.session = None;
    main.connection = None;
    let checked_after_kill = check_reports(&mut main, &items, &ledgers, "after the kill");
    state.down.store(false, SeqCst);
    let paused_for = killed.elapsed();

    // The second half.
    std::thread::sleep(Duration::from_secs(seconds - seconds / 2));
    state.stop.store(true, SeqCst);
    for handle in people {
        handle.join().expect("a simulated person panicked");
    }
    let ran = began.elapsed() - paused_for;
    let checked_at_end = check_reports(&mut main, &items, &ledgers, "at the end");
    let memory_at_end = server.resident_mb();
    drop(server);

    let saves = std::mem::take(&mut *tally.saves.lock().unwrap());
    let during: Vec<Duration> = saves.iter().filter(|(_, b)| *b).map(|(d, _)| *d).collect();
    let quiet: Vec<Duration> = saves.iter().filter(|(_, b)| !*b).map(|(d, _)| *d).collect();
    let all: Vec<Duration> = saves.iter().map(|(d, _)| *d).collect();
    let summary = [
        format!(
            "team server load: {} people ({AUTHORS} authors saving every {} ms, {OFFICERS} officers, {CLERKS} clerks) for {:.0} s, SIGKILL at {} s",
            total,
            SAVE_EVERY.as_millis(),
            ran.as_secs_f64(),
            seconds / 2
        ),
        latency_line("all saves", all),
        latency_line("while a pack builds", during),
        latency_line("no pack building", quiet),
        format!(
            "packs built {}, downloaded {}; reads {}; sign-ins {}; requests cut by the kill {}; saves before the kill {}",
            tally.builds.load(SeqCst),
            tally.downloads.load(SeqCst),
            tally.reads.load(SeqCst),
            tally.sign_ins.load(SeqCst),
            tally.cut.load(SeqCst),
            saves_before_kill
        ),
        format!(
            "restart took {:.2} s; reports checked after the kill {checked_after_kill}, at the end {checked_at_end}; errors {}",
            restarted.as_secs_f64(),
            tally.errors.lock().unwrap().len()
        ),
        format!("server memory (resident): {} MB before the kill, {} MB at the end", shown(memory_before_kill), shown(memory_at_end)),
    ]
    .join("\n");
    println!("{summary}");
    let _ = std::fs::write(PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("team_load.txt"), format!("{summary}\n"));

    let errors = tally.errors.lock().unwrap();
    assert!(errors.is_empty(), "{} errors besides the kill's, the first: {:#?}", errors.len(), &errors[..errors.len().min(10)]);
    assert!(saves.len() > saves_before_kill && saves_before_kill > 0, "saves were acknowledged before and after the kill");
    assert!(tally.builds.load(SeqCst) > 0 && tally.downloads.load(SeqCst) > 0, "packs were built and downloaded");
    assert!(tally.reads.load(SeqCst) > 0, "meetings were read");
    assert!(tally.sign_ins.load(SeqCst) >= 2 * total, "everyone signed in again after the restart");
}
