//! `agendapack serve`: the app's commands over HTTP on the loopback interface, for browser
//! tests and UI development. `POST /api/<command>` takes the request JSON and answers the
//! response JSON (or an ApiError with a 4xx/5xx status); `GET /api/pack_pdf/<job_id>` answers
//! a built pack's bytes; every other GET is a file of the built UI (`--ui`, default `ui/dist`),
//! so page and API share an origin.
//!
//! Safety: binds to a loopback address only (anything else is refused), answers only requests
//! whose Host header names that loopback address (so a web page elsewhere cannot reach it
//! through DNS rebinding), refuses a command from another site's page or with a body that is
//! not JSON before reading the body (`crate::cross_site`), and sends a strict content-security
//! policy with every answer.
//!
//! Deliberately not here: any command's logic (see `crate::api`).

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::Args;
use tiny_http::{Header, Method, Request, Response, Server};

use super::{db, CliError, CliResult};
use crate::api::{dispatch, ApiContext, ApiError, ErrorCode};
use crate::cross_site;
use crate::ui_files::{static_file, CSP};

/// Worker threads answering requests; pack builds run on threads of their own.
const WORKERS: usize = 4;
/// The largest request body accepted (a PDF appendix as base64).
const MAX_BODY: u64 = 200 * 1024 * 1024;
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port to listen on; 0 picks a free one (printed on start).
    #[arg(long, default_value_t = 8320)]
    pub port: u16,
    /// The loopback address to listen on (127.0.0.1 or ::1); other addresses are refused.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// The built UI to serve at / (default: ui/dist in the current folder).
    #[arg(long, value_name = "DIR")]
    pub ui: Option<PathBuf>,
}

pub fn run(db_path: Option<&Path>, args: &ServeArgs) -> CliResult {
    if !args.host.is_loopback() {
        return Err(CliError(format!(
            "agendapack serve listens on the loopback interface only; {} is not a loopback address (use 127.0.0.1)",
            args.host
        )));
    }
    let ui = args.ui.clone().unwrap_or_else(|| PathBuf::from("ui/dist"));
    let ctx = Arc::new(ApiContext::new(db::open(db_path)?));
    let server = Server::http(SocketAddr::new(args.host, args.port))
        .map_err(|e| CliError(format!("cannot listen on {}:{}: {e}", args.host, args.port)))?;
    let port = server.server_addr().to_ip().map(|a| a.port()).unwrap_or(args.port);
    let origin = match args.host {
        IpAddr::V4(ip) => format!("{ip}:{port}"),
        IpAddr::V6(ip) => format!("[{ip}]:{port}"),
    };
    println!("AgendaPack serving on http://{origin}");
    std::io::stdout().flush()?;
    if !ui.join("index.html").is_file() {
        eprintln!("agendapack: note: {} has no index.html (build the UI first); only /api/ is served", ui.display());
    }
    let server = Arc::new(server);
    let allowed_hosts = Arc::new(vec![origin.clone(), format!("localhost:{port}"), format!("{}:{port}", Ipv4Addr::LOCALHOST)]);
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (server, ctx, ui, allowed_hosts) = (Arc::clone(&server), Arc::clone(&ctx), ui.clone(), Arc::clone(&allowed_hosts));
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    answer(request, &ctx, &ui, &allowed_hosts);
                }
            })
        })
        .collect();
    for worker in workers {
        let _ = worker.join();
    }
    Ok(())
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn respond(request: Request, status: u16, content_type: &str, body: Vec<u8>) {
    let mut response = Response::from_data(body).with_status_code(status);
    for (name, value) in [
        ("Content-Type", content_type),
        ("Content-Security-Policy", CSP),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Cache-Control", "no-store"),
    ] {
        if let Some(h) = header(name, value) {
            response.add_header(h);
        }
    }
    // The client may have gone; nothing to do about it.
    let _ = request.respond(response);
}

fn respond_error(request: Request, error: &ApiError) {
    let status = error.code.http_status();
    let body = serde_json::to_vec(error).unwrap_or_else(|_| br#"{"code":"internal","message":"Unknown error."}"#.to_vec());
    respond(request, status, "application/json", body);
}

fn answer(mut request: Request, ctx: &ApiContext, ui: &Path, allowed_hosts: &[String]) {
    let host_ok = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .is_some_and(|h| allowed_hosts.iter().any(|a| h.value.as_str().eq_ignore_ascii_case(a)));
    if !host_ok {
        let error = ApiError::new(ErrorCode::Invalid, "This server answers only requests addressed to its loopback address.");
        return respond_error(request, &error);
    }
    let url = request.url().split(['?', '#']).next().unwrap_or("/").to_string();
    let method = request.method().clone();
    if let Err(refusal) = cross_site_check(&request, allowed_hosts) {
        let error = ApiError::new(ErrorCode::Invalid, refusal.message());
        let body = serde_json::to_vec(&error).unwrap_or_default();
        return respond(request, refusal.status(), "application/json", body);
    }
    if let Some(rest) = url.strip_prefix("/api/pack_pdf/") {
        if method != Method::Get {
            return respond_error(request, &ApiError::new(ErrorCode::Invalid, "Fetch a pack's PDF with GET."));
        }
        return match rest.parse::<u64>() {
            Ok(job_id) => match ctx.pack_bytes(job_id) {
                Ok(bytes) => respond(request, 200, "application/pdf", bytes.as_slice().to_vec()),
                Err(e) => respond_error(request, &e),
            },
            Err(_) => respond_error(request, &ApiError::not_found(format!("{rest:?} is not a pack job id."))),
        };
    }
    if url == "/api/whoami" && method == Method::Get {
        // The UI's first question (see team::signin): this server has no accounts.
        return respond(request, 200, "application/json", br#"{"team":false,"account":null}"#.to_vec());
    }
    if let Some(command) = url.strip_prefix("/api/") {
        if method != Method::Post {
            return respond_error(request, &ApiError::new(ErrorCode::Invalid, "Commands are sent with POST and a JSON body."));
        }
        let mut body = Vec::new();
        if let Err(e) = request.as_reader().take(MAX_BODY + 1).read_to_end(&mut body) {
            return respond_error(request, &ApiError::new(ErrorCode::Invalid, format!("The request body could not be read: {e}.")));
        }
        if body.len() as u64 > MAX_BODY {
            return respond_error(request, &ApiError::new(ErrorCode::Invalid, "The request is larger than 200 MB."));
        }
        return match dispatch(ctx, command, &body) {
            Some(Ok(value)) => {
                let bytes = serde_json::to_vec(&value).unwrap_or_default();
                respond(request, 200, "application/json", bytes)
            }
            Some(Err(e)) => respond_error(request, &e),
            None => respond_error(request, &ApiError::not_found(format!("There is no command called {command:?}."))),
        };
    }
    if method != Method::Get && method != Method::Head {
        return respond_error(request, &ApiError::new(ErrorCode::Invalid, "Only GET is answered outside /api/."));
    }
    match static_file(ui, &url) {
        Some((bytes, content_type)) => respond(request, 200, content_type, bytes),
        None => respond_error(request, &ApiError::not_found(format!("There is no file {url}."))),
    }
}

/// The cross-site rule on this request's headers; runs before the body is read.
fn cross_site_check(request: &Request, own_hosts: &[String]) -> Result<(), cross_site::Refusal> {
    let find = |name: &'static str| request.headers().iter().find(|h| h.field.equiv(name)).map(|h| h.value.as_str());
    let headers = cross_site::RequestHeaders {
        origin: find("Origin"),
        sec_fetch_site: find("Sec-Fetch-Site"),
        content_type: find("Content-Type"),
    };
    cross_site::check(request.method().as_str(), &headers, own_hosts)
}
