//! The desktop app's client of a team server (issue 18, item 6): the same commands the window
//! sends over Tauri IPC, sent instead as `POST /api/<command>` to `agendapack server` over
//! HTTPS, with the session cookie held here in Rust (the page never sees it) and the server's
//! certificate trusted as `trust` decides (a fingerprint the person confirmed, or a public
//! authority). Blocking (ureq on rustls with ring): each call runs on one of Tauri's worker
//! threads, as the local commands do.
//!
//! Compiled without the `desktop` feature, so `cargo test -p agendapack` tests it against a
//! real team server (tests/team_client.rs).
//!
//! Deliberately not here: which commands go to the server (desktop/remote.rs), where the
//! choice of server and trusted fingerprints are kept (desktop/settings.rs), any command logic.

pub mod address;
pub mod trust;

use std::io::{BufRead, Read};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

use crate::api::{ApiError, ErrorCode};
use crate::team::COOKIE;
pub use address::ServerAddress;
use trust::{Presented, Trust};

/// How long a connection may take to open: an address that does not answer is reported soon.
const CONNECT_WITHIN: Duration = Duration::from_secs(10);
/// How long the server may be silent in the middle of an answer before the call is given up.
/// Builds run as jobs on the server, so no command should keep it silent for long.
const SILENT_AT_MOST: Duration = Duration::from_secs(300);
/// The largest answer read: a pack PDF well beyond any council's, and not the whole memory.
const MAX_ANSWER: u64 = 1024 * 1024 * 1024;

/// What a first look at a server found, before anything is trusted or sent to it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Probe {
    /// `host:port`, as the address was read.
    pub address: String,
    /// SHA-256 of the certificate it presented, `AB:CD:...`, to compare with the one it printed.
    pub fingerprint: String,
    /// Whether a public authority vouches for the certificate (then no fingerprint need be compared).
    pub by_authority: bool,
}

/// Looks at the server at `typed`: that it answers, over TLS, as an AgendaPack team server, and
/// what certificate it presents. Sends no name, password or cookie.
pub fn probe(typed: &str) -> Result<Probe, ApiError> {
    let address = ServerAddress::parse(typed).map_err(|m| ApiError::invalid("address", m))?;
    let client = TeamClient::new(address, Trust::Probe)?;
    client.whoami()?;
    let presented = client.presented().ok_or_else(|| ApiError::new(ErrorCode::Internal, "The server's certificate was not seen."))?;
    Ok(Probe { address: client.address.to_string(), fingerprint: presented.fingerprint, by_authority: presented.by_authority })
}

/// A connection to one team server, and who is signed in on it.
pub struct TeamClient {
    address: ServerAddress,
    trust: Trust,
    agent: ureq::Agent,
    seen: trust::Seen,
    /// The session cookie's value; only this client ever holds it.
    session: Mutex<Option<String>>,
    /// Who signed in, as the server answered (`{name, display, role}`).
    account: Mutex<Option<Value>>,
}

/// One server-sent event: its name (`change`, `resync`; `message` when it has none) and data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServerEvent {
    pub name: String,
    pub data: String,
}

/// An answer of the server, whatever its status.
struct Answer {
    status: u16,
    body: Vec<u8>,
    cookies: Vec<String>,
}

impl TeamClient {
    /// A client for `address` trusting as `trust` says; nothing is sent yet.
    pub fn new(address: ServerAddress, trust: Trust) -> Result<TeamClient, ApiError> {
        let (tls, seen) = trust::client_config(trust.clone()).map_err(|m| ApiError::new(ErrorCode::Internal, m))?;
        let agent = ureq::AgentBuilder::new()
            .tls_config(tls)
            .timeout_connect(CONNECT_WITHIN)
            .timeout_read(SILENT_AT_MOST)
            // The server never redirects; a redirect would be somewhere not trusted.
            .redirects(0)
            // A proxy from the environment would see the traffic only encrypted, but it is not
            // needed on the council's network and would change whom "unreachable" means.
            .try_proxy_from_env(false)
            .user_agent(concat!("AgendaPack-desktop/", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(TeamClient { address, trust, agent, seen, session: Mutex::new(None), account: Mutex::new(None) })
    }

    pub fn address(&self) -> &ServerAddress {
        &self.address
    }

    pub fn trust(&self) -> &Trust {
        &self.trust
    }

    /// What the server presented in the last handshake.
    pub fn presented(&self) -> Option<Presented> {
        lock(&self.seen).clone()
    }

    /// Who is signed in, or None.
    pub fn account(&self) -> Option<Value> {
        lock(&self.account).clone()
    }

    /// Asks the server who is signed in (`GET /api/whoami`), which also shows that it is an
    /// AgendaPack team server and that its certificate is trusted.
    pub fn whoami(&self) -> Result<Option<Value>, ApiError> {
        let answer = self.send("GET", "/api/whoami", None)?;
        let body = serde_json::from_slice::<Value>(&answer.body).ok();
        let team = body.as_ref().and_then(|v| v.get("team")).and_then(Value::as_bool);
        if answer.status != 200 || team != Some(true) {
            return Err(ApiError::invalid("address", format!("{} answers, but it is not an AgendaPack team server.", self.address)));
        }
        Ok(body.and_then(|mut v| v.get_mut("account").map(Value::take)).filter(|a| !a.is_null()))
    }

    /// Signs in; answers the account, or the server's sentence (wrong password, throttled).
    pub fn sign_in(&self, name: &str, password: &str) -> Result<Value, ApiError> {
        let body = serde_json::json!({ "name": name, "password": password }).to_string();
        let answer = self.send("POST", "/api/login", Some(body.as_bytes()))?;
        let value = self.value_of(answer.status, &answer.body)?;
        let token = answer.cookies.iter().find_map(|c| session_cookie(c)).filter(|t| !t.is_empty());
        let Some(token) = token else {
            return Err(ApiError::new(ErrorCode::Internal, "The team server signed you in but sent no session."));
        };
        *lock(&self.session) = Some(token);
        *lock(&self.account) = Some(value.clone());
        Ok(value)
    }

    /// Ends the session on the server (when it can be reached) and forgets it here either way.
    pub fn sign_out(&self) {
        if lock(&self.session).is_some() {
            let _ = self.send("POST", "/api/logout", Some(b"{}"));
        }
        *lock(&self.session) = None;
        *lock(&self.account) = None;
    }

    /// Runs one command on the server as the signed-in account; its answer or its error as the
    /// server sent them (`sign_in_required` when no one is signed in or the session ended).
    pub fn call(&self, command: &str, request: &Value) -> Result<Value, ApiError> {
        let safe_name = !command.is_empty() && command.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !safe_name {
            return Err(ApiError::not_found(format!("There is no command called {command:?}.")));
        }
        let body = serde_json::to_vec(request).map_err(|e| ApiError::new(ErrorCode::Internal, format!("The request could not be written: {e}.")))?;
        let answer = self.send("POST", &format!("/api/{command}"), Some(&body))?;
        self.value_of(answer.status, &answer.body)
    }

    /// Follows the server's live updates (`GET /api/events`, server-sent events) as the
    /// signed-in account: `each` gets every event (`Some`) and every keep-alive (`None`, about
    /// every 15 s) and answers whether to go on. Returns when the stream ends (the server
    /// stopped, or ended it with the session: then `sign_in_required`) or `each` says stop.
    pub fn follow_events(&self, mut each: impl FnMut(Option<ServerEvent>) -> bool) -> Result<(), ApiError> {
        let Some(token) = lock(&self.session).clone() else {
            return Err(ApiError::new(ErrorCode::SignInRequired, "Sign in first; there is no session."));
        };
        let request = self
            .agent
            .get(&format!("{}/api/events", self.address.origin()))
            .set("Accept", "text/event-stream")
            .set("Cookie", &format!("{COOKIE}={token}"));
        let response = match request.call() {
            Ok(response) => response,
            Err(ureq::Error::Status(status, response)) => {
                let mut body = Vec::new();
                let _ = response.into_reader().take(64 * 1024).read_to_end(&mut body);
                return self.value_of(status, &body).map(|_| ());
            }
            Err(ureq::Error::Transport(transport)) => return Err(self.unreachable(&transport)),
        };
        let (mut name, mut data) = (String::new(), String::new());
        for line in std::io::BufReader::new(response.into_reader()).lines() {
            let line = line.map_err(|e| ApiError::new(ErrorCode::Internal, format!("The team server's live updates stopped: {e}.")))?;
            let go_on = if line.is_empty() {
                if name.is_empty() && data.is_empty() {
                    continue;
                }
                let name = if name.is_empty() { "message".to_string() } else { std::mem::take(&mut name) };
                let event = ServerEvent { name, data: std::mem::take(&mut data) };
                each(Some(event))
            } else if line.starts_with(':') {
                each(None)
            } else {
                let (field, value) = line.split_once(':').map(|(f, v)| (f, v.strip_prefix(' ').unwrap_or(v))).unwrap_or((&line, ""));
                match field {
                    "event" => name = value.to_string(),
                    "data" => {
                        if !data.is_empty() {
                            data.push('\n');
                        }
                        data.push_str(value);
                    }
                    _ => {}
                }
                continue;
            };
            if !go_on {
                return Ok(());
            }
        }
        // The server ends the stream when the session ends; say so if it has.
        match self.whoami() {
            Ok(None) => {
                *lock(&self.session) = None;
                *lock(&self.account) = None;
                Err(ApiError::new(ErrorCode::SignInRequired, "The session has ended; sign in again."))
            }
            _ => Ok(()),
        }
    }

    /// A built pack's PDF (`GET /api/pack_pdf/<job>`), allowed as the `pack_pdf` command is.
    pub fn pack_pdf(&self, job_id: u64) -> Result<Vec<u8>, ApiError> {
        let answer = self.send("GET", &format!("/api/pack_pdf/{job_id}"), None)?;
        if answer.status == 200 {
            return Ok(answer.body);
        }
        self.value_of(answer.status, &answer.body).map(|_| Vec::new())
    }

    /// The JSON of a 200 answer, or the error the server's answer holds. A 401 also forgets
    /// the session, so the window shows the sign-in form.
    fn value_of(&self, status: u16, body: &[u8]) -> Result<Value, ApiError> {
        if status == 200 {
            return serde_json::from_slice(body)
                .map_err(|_| ApiError::new(ErrorCode::Internal, format!("The team server at {} answered with something that is not JSON.", self.address)));
        }
        if status == 401 {
            *lock(&self.session) = None;
            *lock(&self.account) = None;
        }
        Err(serde_json::from_slice::<ApiError>(body)
            .unwrap_or_else(|_| ApiError::new(ErrorCode::Internal, format!("The team server answered {status} without an explanation."))))
    }

    fn send(&self, method: &str, path: &str, body: Option<&[u8]>) -> Result<Answer, ApiError> {
        let mut request = self.agent.request(method, &format!("{}{path}", self.address.origin()));
        if body.is_some() {
            request = request.set("Content-Type", "application/json");
        }
        if let Some(token) = lock(&self.session).clone() {
            request = request.set("Cookie", &format!("{COOKIE}={token}"));
        }
        let outcome = match body {
            Some(bytes) => request.send_bytes(bytes),
            None => request.call(),
        };
        let response = match outcome {
            Ok(response) => response,
            Err(ureq::Error::Status(_, response)) => response,
            Err(ureq::Error::Transport(transport)) => return Err(self.unreachable(&transport)),
        };
        let status = response.status();
        let cookies = response.all("set-cookie").into_iter().map(str::to_owned).collect();
        let mut bytes = Vec::new();
        response
            .into_reader()
            .take(MAX_ANSWER)
            .read_to_end(&mut bytes)
            .map_err(|e| ApiError::new(ErrorCode::Internal, format!("The team server's answer was cut off: {e}.")))?;
        Ok(Answer { status, body: bytes, cookies })
    }

    /// One sentence for a request that never got an answer: the certificate first (a changed
    /// one is said loudly, with both fingerprints), then the name, then the connection.
    fn unreachable(&self, transport: &ureq::Transport) -> ApiError {
        let presented = self.presented();
        let message = match (&self.trust, presented) {
            (Trust::Pinned(pin), Some(seen)) if !trust::same_fingerprint(pin, &seen.fingerprint) => format!(
                "The team server's certificate has changed: you trusted {pin}, but {} now presents {}. Do not go on unless its administrator confirms the new fingerprint.",
                self.address, seen.fingerprint
            ),
            (Trust::Authority, Some(seen)) if !seen.by_authority => format!(
                "The certificate of {} is not vouched for by a known authority; connect again to compare its fingerprint {}.",
                self.address, seen.fingerprint
            ),
            _ => match transport.kind() {
                ureq::ErrorKind::Dns => format!("The name {} could not be found; check the address.", self.address.host),
                ureq::ErrorKind::ConnectionFailed => format!("Nothing answers at {}; check the address and that the team server is running.", self.address),
                _ => format!("The team server at {} could not be reached: {transport}.", self.address),
            },
        };
        ApiError::new(ErrorCode::Internal, message)
    }
}

/// The session token in one `Set-Cookie` header, when it is ours.
fn session_cookie(header: &str) -> Option<String> {
    let (name, rest) = header.split_once('=')?;
    (name.trim() == COOKIE).then(|| rest.split(';').next().unwrap_or("").trim().to_string())
}

// Each slot is replaced whole, never left half-changed, so a poisoned lock is taken as it is.
fn lock<T>(slot: &Mutex<T>) -> MutexGuard<'_, T> {
    slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_session_cookie_is_read_from_set_cookie() {
        assert_eq!(session_cookie(&format!("{COOKIE}=abc; HttpOnly; Secure")).as_deref(), Some("abc"));
        assert_eq!(session_cookie(&format!("{COOKIE}=; Max-Age=0")).as_deref(), Some(""));
        assert_eq!(session_cookie("other=abc"), None);
    }
}
