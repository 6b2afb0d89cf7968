//! "Connect to a team server" (issue 18, item 6): the window keeps its own bundled UI and keeps
//! talking Tauri IPC; when a team server is chosen, every command of the page is forwarded here,
//! before Tauri's command table, to that server over HTTPS (`crate::team_client`) instead of
//! being run on the local file. So the same screens work against either, the session cookie
//! stays in Rust, and the page's content-security policy never has to allow another origin.
//!
//! The `team_*` commands drive the choice: `team_status` (which is in use, who is signed in),
//! `team_probe` (the certificate's fingerprint of an address, to compare with the one the server
//! printed), `team_connect` (trust it and use the server), `team_use_file` (back to the file on
//! this computer), `team_sign_in` and `team_sign_out`. The choice and the trusted fingerprints
//! are kept in the settings file (`settings.rs`); the local database stays open all along.
//!
//! When the server answers that no one is signed in (the session ran out, the account was
//! disabled) the page is told by the `team-session-ended` event and shows the sign-in form.
//! While someone is signed in, a thread follows the server's live updates (`GET /api/events`)
//! and passes each on to the page as a `team-change` event (`lib/live.svelte.ts` hears them as
//! a browser hears its EventSource), following again after a pause when the stream breaks.
//!
//! Deliberately not here: the HTTPS client and the trust rule (`crate::team_client`), what a
//! role may do (the server decides).

use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use serde::Deserialize;
use serde_json::{json, Value};
use tauri::ipc::{Invoke, InvokeBody};
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use super::commands::{internal, Reply};
use super::settings::{self, Settings};
use crate::api::{parse_request, ApiError, ErrorCode};
use crate::team_client::trust::{same_fingerprint, Trust};
use crate::team_client::{self, ServerAddress, TeamClient};

/// Told to the page when the server has ended the session.
pub const SESSION_ENDED_EVENT: &str = "team-session-ended";
/// Each live update of the server, passed on to the page: `{event, data}` as the server sent them.
pub const CHANGE_EVENT: &str = "team-change";
/// How long to wait before following the live updates again after the stream broke (a server
/// restart, a network hiccup): long enough not to hammer a server that is down.
const FOLLOW_AGAIN_AFTER: std::time::Duration = std::time::Duration::from_secs(3);

/// Commands this window answers itself even while it works against a team server: its own
/// settings, and the two that need this computer (a save dialog, the system's PDF viewer; they
/// fetch the pack's bytes from the server).
const ANSWERED_HERE: &[&str] = &[
    "desktop_ready",
    "pack_save_as",
    "pack_open_external",
    "team_status",
    "team_probe",
    "team_connect",
    "team_use_file",
    "team_sign_in",
    "team_sign_out",
];

/// The managed state: the server in use, if any.
pub struct Remote {
    settings_path: PathBuf,
    client: RwLock<Option<Arc<TeamClient>>>,
}

impl Remote {
    /// Reads the settings beside `database`; a server chosen before is used again (its
    /// fingerprint checked at the first request, the person signing in anew).
    pub fn start(database: &std::path::Path) -> Remote {
        let settings_path = settings::path_beside(database);
        let chosen = settings::load(&settings_path);
        let client = chosen.server.as_deref().and_then(|server| match client_for(server, &chosen) {
            Ok(client) => Some(Arc::new(client)),
            Err(e) => {
                eprintln!("agendapack-desktop: the team server {server} is set aside: {}", e.message);
                None
            }
        });
        Remote { settings_path, client: RwLock::new(client) }
    }

    /// The team server in use, or None for the file on this computer.
    pub fn current(&self) -> Option<Arc<TeamClient>> {
        self.client.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    fn set(&self, client: Option<Arc<TeamClient>>) {
        *self.client.write().unwrap_or_else(|p| p.into_inner()) = client;
    }
}

/// A client for a kept server: pinned to its trusted fingerprint, or trusting the authorities.
fn client_for(server: &str, settings: &Settings) -> Result<TeamClient, ApiError> {
    let address = ServerAddress::parse(server).map_err(|m| ApiError::invalid("address", m))?;
    let trust = match settings.trusted.get(&address.to_string()) {
        Some(fingerprint) => Trust::Pinned(fingerprint.clone()),
        None => Trust::Authority,
    };
    TeamClient::new(address, trust)
}

/// Forwards the page's command to the team server when one is in use; gives the invoke back
/// (for Tauri's own command table) when the file on this computer is in use or the command is
/// answered here.
pub fn forward<R: Runtime>(invoke: Invoke<R>) -> Option<Invoke<R>> {
    let command = invoke.message.command().to_string();
    if ANSWERED_HERE.contains(&command.as_str()) {
        return Some(invoke);
    }
    let webview = invoke.message.webview();
    let Some(client) = webview.state::<Remote>().current() else {
        return Some(invoke);
    };
    let request = match invoke.message.payload() {
        InvokeBody::Json(args) => args.get("request").cloned().unwrap_or_else(|| json!({})),
        InvokeBody::Raw(_) => {
            invoke.resolver.reject(internal("The window sent a command the team server cannot take."));
            return None;
        }
    };
    let app = webview.app_handle().clone();
    let resolver = invoke.resolver;
    tauri::async_runtime::spawn_blocking(move || match client.call(&command, &request) {
        Ok(value) => resolver.resolve(value),
        Err(e) => {
            if e.code == ErrorCode::SignInRequired {
                let _ = app.emit(SESSION_ENDED_EVENT, ());
            }
            resolver.reject(e)
        }
    });
    None
}

/// A built pack's bytes from the team server, when one is in use (for "Save as…" and the
/// system viewer); None when the window works on the file on this computer.
pub fn pack_bytes(remote: &Remote, job_id: u64) -> Option<Result<Vec<u8>, ApiError>> {
    remote.current().map(|client| client.pack_pdf(job_id))
}

/// `{mode: "file"}` or `{mode: "team", address, fingerprint, account}`.
fn status(remote: &Remote) -> Value {
    match remote.current() {
        None => json!({ "mode": "file" }),
        Some(client) => {
            let fingerprint = match client.trust() {
                Trust::Pinned(pin) => Some(pin.clone()),
                _ => None,
            };
            json!({
                "mode": "team",
                "address": client.address().to_string(),
                "fingerprint": fingerprint,
                "account": client.account(),
            })
        }
    }
}

fn read<T: serde::de::DeserializeOwned>(request: &Value) -> Result<T, ApiError> {
    let body = serde_json::to_vec(request).map_err(|e| internal(format!("The request could not be read: {e}.")))?;
    parse_request(&body)
}

#[tauri::command(async)]
pub fn team_status(remote: State<'_, Remote>) -> Reply {
    Ok(status(&remote))
}

/// What the server at an address presents, and the fingerprint trusted for it before (if any),
/// so the window can say loudly that it has changed.
#[tauri::command(async)]
pub fn team_probe(remote: State<'_, Remote>, request: Value) -> Reply {
    #[derive(Deserialize)]
    struct Asked {
        address: String,
    }
    let asked: Asked = read(&request)?;
    let probe = team_client::probe(&asked.address)?;
    let kept = settings::load(&remote.settings_path).trusted.get(&probe.address).cloned();
    let changed = kept.as_deref().is_some_and(|kept| !same_fingerprint(kept, &probe.fingerprint));
    Ok(json!({
        "address": probe.address,
        "fingerprint": probe.fingerprint,
        "by_authority": probe.by_authority,
        "trusted_before": kept,
        "changed": changed,
    }))
}

/// Uses the server at `address`, trusting the certificate with `fingerprint` (the one the
/// person compared), or the authorities when `fingerprint` is null. The server is asked once
/// with that trust before anything is kept, so a certificate swapped since the probe is refused.
#[tauri::command(async)]
pub fn team_connect(remote: State<'_, Remote>, request: Value) -> Reply {
    #[derive(Deserialize)]
    struct Chosen {
        address: String,
        fingerprint: Option<String>,
    }
    let chosen: Chosen = read(&request)?;
    let address = ServerAddress::parse(&chosen.address).map_err(|m| ApiError::invalid("address", m))?;
    let trust = match chosen.fingerprint.as_deref().map(str::trim).filter(|f| !f.is_empty()) {
        Some(fingerprint) => Trust::Pinned(fingerprint.to_string()),
        None => Trust::Authority,
    };
    let client = TeamClient::new(address.clone(), trust.clone())?;
    client.whoami()?;
    let mut kept = settings::load(&remote.settings_path);
    kept.server = Some(address.to_string());
    match &trust {
        Trust::Pinned(fingerprint) => {
            kept.trusted.insert(address.to_string(), fingerprint.clone());
        }
        _ => {
            kept.trusted.remove(&address.to_string());
        }
    }
    settings::save(&remote.settings_path, &kept)?;
    if let Some(old) = remote.current() {
        old.sign_out();
    }
    remote.set(Some(Arc::new(client)));
    Ok(status(&remote))
}

/// Back to the file on this computer; the trusted fingerprints are kept for next time.
#[tauri::command(async)]
pub fn team_use_file(remote: State<'_, Remote>) -> Reply {
    let mut kept = settings::load(&remote.settings_path);
    kept.server = None;
    settings::save(&remote.settings_path, &kept)?;
    if let Some(old) = remote.current() {
        old.sign_out();
    }
    remote.set(None);
    Ok(status(&remote))
}

/// Follows the server's live updates for as long as `client` is the one in use and signed in.
fn follow<R: Runtime>(app: AppHandle<R>, client: Arc<TeamClient>) {
    let current = move |app: &AppHandle<R>| {
        let in_use = app.state::<Remote>().current().is_some_and(|c| Arc::ptr_eq(&c, &client));
        (in_use && client.account().is_some()).then(|| Arc::clone(&client))
    };
    let spawned = std::thread::Builder::new().name("team-events".into()).spawn(move || {
        while let Some(client) = current(&app) {
            let outcome = client.follow_events(|event| {
                if let Some(event) = event {
                    if let Err(e) = app.emit(CHANGE_EVENT, json!({ "event": event.name, "data": event.data })) {
                        eprintln!("agendapack-desktop: a live update could not be passed on: {e}");
                    }
                }
                current(&app).is_some()
            });
            if let Err(e) = outcome {
                if e.code == ErrorCode::SignInRequired {
                    let _ = app.emit(SESSION_ENDED_EVENT, ());
                    return;
                }
            }
            std::thread::sleep(FOLLOW_AGAIN_AFTER);
        }
    });
    if let Err(e) = spawned {
        // The screens still show what they read; they are just not told of others' changes.
        eprintln!("agendapack-desktop: live updates are off: {e}");
    }
}

#[tauri::command(async)]
pub fn team_sign_in<R: Runtime>(app: AppHandle<R>, remote: State<'_, Remote>, request: Value) -> Reply {
    #[derive(Deserialize)]
    struct Credentials {
        name: String,
        password: String,
    }
    let credentials: Credentials = read(&request)?;
    let client = remote.current().ok_or_else(|| ApiError::new(ErrorCode::Invalid, "No team server is chosen; connect to one first."))?;
    let account = client.sign_in(&credentials.name, &credentials.password)?;
    follow(app, client);
    Ok(account)
}

#[tauri::command(async)]
pub fn team_sign_out(remote: State<'_, Remote>) -> Reply {
    if let Some(client) = remote.current() {
        client.sign_out();
    }
    Ok(status(&remote))
}
