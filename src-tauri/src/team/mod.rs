//! The team server (`agendapack server`, issue 18): the app's API and UI for many people on
//! the council's network, over HTTPS only, each request run as the signed-in account.
//!
//! A second door, not a second house: every command goes through `api::authz::dispatch_as` (the
//! one table of who may do what) to the same `api` functions the desktop app and the loopback
//! `serve` call. This module adds only what a shared server needs around them:
//! - `tls`: the council's certificate, or a self-signed one kept beside the database;
//! - `sessions` and `signin`: sign-in, the session cookie, idle and absolute expiry;
//! - `throttle`: failed sign-ins per account and per address;
//! - `sso`: single sign-on with the council's identity provider (OpenID Connect), when set up;
//! - `http`: routing, the cross-site rule, the body limit, the UI's files;
//! - `accounts`: the calls into the store's accounts and `api::authz`;
//! - `events`: live updates, a server-sent event to everyone after each change.
//!
//! The stack: axum on tokio, TLS by rustls (ring provider) through axum-server. Store work runs
//! on tokio's blocking threads; the store itself is one SQLite connection behind the
//! context's mutex, as for `serve`.
//!
//! Deliberately not here: command logic, authorisation rules, account storage.

mod accounts;
mod events;
mod http;
pub mod reminders;
mod sessions;
mod signin;
pub mod sso;
mod throttle;
pub mod tls;

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::api::ApiContext;

pub use http::MAX_BODY;
pub use sessions::{ABSOLUTE as SESSION_ABSOLUTE, IDLE as SESSION_IDLE};
pub use signin::COOKIE;
pub use throttle::{LIMIT as THROTTLE_LIMIT, WINDOW as THROTTLE_WINDOW};

/// How long a client that has begun a request may take to send its headers (measured: a
/// trickling client is cut off at 30 s). A connection that sends nothing at all after the TLS
/// handshake is not cut off by this; it holds a socket until the client goes.
const HEADER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// What the server is started with.
pub struct TeamConfig {
    pub listen: SocketAddr,
    pub tls: tls::TlsSource,
    /// The built UI (ui/dist).
    pub ui: PathBuf,
    /// The council's identity provider for single sign-on, when set up.
    pub sso: Option<sso::SsoConfig>,
}

/// The server's state, shared by every request.
pub struct Team {
    ctx: Arc<ApiContext>,
    sessions: Mutex<sessions::Sessions>,
    throttle: Mutex<throttle::LoginThrottle>,
    /// Every change, to every open live-update stream (`events.rs`).
    events: tokio::sync::broadcast::Sender<Arc<events::Change>>,
    ui: PathBuf,
    sso: Option<sso::Sso>,
}

impl Team {
    // Neither table is left half-changed by a panic (each change is one insert or remove), so a
    // poisoned lock is taken as it is rather than taking the server down with it.
    fn sessions(&self) -> MutexGuard<'_, sessions::Sessions> {
        self.sessions.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn throttle(&self) -> MutexGuard<'_, throttle::LoginThrottle> {
        self.throttle.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Why the server did not start; one sentence.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error(transparent)]
    Tls(#[from] tls::TlsError),
    #[error("cannot listen on {address}: {reason}")]
    Listen { address: SocketAddr, reason: String },
    #[error("the server stopped: {0}")]
    Stopped(String),
}

/// Loads the TLS identity, binds the address, prints where the server is and its certificate's
/// fingerprint, and serves until the process is stopped.
pub fn run(ctx: ApiContext, config: TeamConfig) -> Result<(), ServerError> {
    let identity = tls::load(&config.tls)?;
    let listen_error = |e: std::io::Error| ServerError::Listen { address: config.listen, reason: crate::atomic_file::plain(&e) };
    let listener = TcpListener::bind(config.listen).map_err(listen_error)?;
    listener.set_nonblocking(true).map_err(listen_error)?;
    let bound = listener.local_addr().map_err(listen_error)?;
    if identity.made_now {
        println!("Made a self-signed certificate: {}", identity.cert_path.display());
    }
    println!("AgendaPack team server on https://{bound}");
    println!("Certificate SHA-256 fingerprint: {}", identity.fingerprint);
    if let Some(sso) = &config.sso {
        println!("Single sign-on with {}", sso.issuer.as_str());
    }
    if !config.ui.join("index.html").is_file() {
        eprintln!("agendapack: note: {} has no index.html (build the UI first); only /api/ is served", config.ui.display());
    }
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let ctx = Arc::new(ctx);
    // E-mail reminders once a day, when a mail server is set (issue 19).
    reminders::spawn_daily(ctx.clone());
    let team = Arc::new(Team {
        ctx,
        sessions: Mutex::default(),
        throttle: Mutex::default(),
        events: events::channel(),
        ui: config.ui,
        sso: config.sso.map(sso::Sso::new),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // Store work is serialised by the store's lock; more blocking threads would only queue.
        .max_blocking_threads(16)
        .build()
        .map_err(|e| ServerError::Stopped(e.to_string()))?;
    runtime.block_on(async move {
        let app = http::router(team).into_make_service_with_connect_info::<SocketAddr>();
        let rustls = axum_server::tls_rustls::RustlsConfig::from_config(identity.config);
        let mut server = axum_server::from_tcp_rustls(listener, rustls);
        // A client gets HEADER_TIMEOUT to send a request's headers (the TLS handshake has
        // axum-server's own 10 s), so trickling connections cannot pile up for ever.
        server
            .http_builder()
            .http1()
            .timer(hyper_util::rt::TokioTimer::new())
            .header_read_timeout(HEADER_TIMEOUT);
        server
            .serve(app)
            .await
            .map_err(|e| ServerError::Stopped(e.to_string()))
    })
}
