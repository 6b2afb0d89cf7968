//! The team server's HTTP surface, in the order a request meets it:
//! 1. the cross-site rule (`crate::cross_site`) on every state-changing request, with the
//!    server's own origin `https://` + the Host the browser addressed, before anything else and
//!    even when a valid session cookie came along;
//! 2. sign-in, sign-out and "who am I" (`signin.rs`); the council's single sign-on at
//!    `GET /auth/oidc/start` and `/auth/oidc/callback` (`sso.rs`);
//! 3. `POST /api/<command>`: the session's account is found first (401 without one, before a
//!    byte of the body is read), the body is read up to [`MAX_BODY`] (413 beyond), and the
//!    command runs through `api::authz` as that account on a blocking thread;
//!    After a command that changed something, everyone's live-update stream hears of it;
//!    after a new password, the account's other sessions end (`signin::after_password_change`);
//! 4. `GET /api/events`: that stream (server-sent events, `events.rs`), for a session;
//! 5. `GET /api/pack_pdf/<job>`: a built pack's bytes, authorised as the `pack_pdf` command;
//! 6. `GET /calendar/<token>.ics`: a person's calendar feed, the secret address being the key;
//! 7. every other GET is a file of the built UI (`crate::ui_files`), for anyone: the sign-in
//!    screen is part of it, and it holds no data.
//!
//! Every answer carries the UI's content-security policy, `no-store` and HSTS (a year); failures are the API's
//! JSON error (`{code, message}`) with the status `ErrorCode::http_status` gives, as `serve`
//! answers them.
//!
//! Deliberately not here: any command's logic or any rule of who may do what.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::Router;
use base64::Engine;
use http_body_util::{BodyExt, LengthLimitError, Limited};

use super::accounts::{self, Account};
use super::{events, signin, sso};
use super::Team;
use crate::api::{ApiError, ErrorCode};
use crate::cross_site;
use crate::ui_files::{static_file, CSP};

/// The largest request body: a PDF appendix at the store's limit
/// (`agendapack_pdf::MAX_ATTACHMENT_BYTES`, 100 MiB) as base64, plus 1 MiB for the JSON
/// around it: about 134 MiB. Word files, pictures and texts are all smaller.
pub const MAX_BODY: usize = agendapack_pdf::MAX_ATTACHMENT_BYTES.div_ceil(3) * 4 + 1024 * 1024;

// A PDF appendix at the store's limit must fit, and the limit must not be much more.
const _: () = assert!(MAX_BODY > agendapack_pdf::MAX_ATTACHMENT_BYTES.div_ceil(3) * 4 && MAX_BODY < 140 * 1024 * 1024);

/// The app: every request goes through [`answer`].
pub fn router(team: Arc<Team>) -> Router {
    Router::new().fallback(answer).with_state(team)
}

async fn answer(State(team): State<Arc<Team>>, ConnectInfo(peer): ConnectInfo<SocketAddr>, request: Request) -> Response {
    let mut response = route(team, peer, request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
        // The server speaks HTTPS only: a browser that has been here once never tries plain HTTP.
        (header::STRICT_TRANSPORT_SECURITY, "max-age=31536000"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

async fn route(team: Arc<Team>, peer: SocketAddr, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().to_string();
    let method = parts.method.clone();
    if let Err(refusal) = cross_site_check(&method, &parts.headers) {
        return failure(StatusCode::from_u16(refusal.status()).unwrap_or(StatusCode::FORBIDDEN), refusal.message());
    }
    match (&method, path.as_str()) {
        (&Method::POST, "/api/login") => signin::login(&team, peer, &parts.headers, body).await,
        (&Method::POST, "/api/logout") => signin::logout(&team, &parts.headers),
        (&Method::GET, "/api/whoami") => signin::whoami(&team, &parts.headers).await,
        (&Method::GET, "/api/events") => events::stream(team, &parts.headers).await,
        (&Method::GET, "/auth/oidc/start") => sso::start(&team, &parts.headers).await,
        (&Method::GET, "/auth/oidc/callback") => sso::callback(&team, peer.ip(), &parts.headers, parts.uri.query().unwrap_or_default()).await,
        (_, p) if p.starts_with("/api/pack_pdf/") => {
            if method != Method::GET {
                return failure(StatusCode::METHOD_NOT_ALLOWED, "Fetch a pack's PDF with GET.");
            }
            pack_pdf(&team, &parts.headers, &p["/api/pack_pdf/".len()..]).await
        }
        (_, p) if p.starts_with("/api/") => {
            if method != Method::POST {
                return failure(StatusCode::METHOD_NOT_ALLOWED, "Commands are sent with POST and a JSON body.");
            }
            command(&team, &parts.headers, p["/api/".len()..].to_string(), body).await
        }
        (&Method::GET, p) if p.starts_with("/calendar/") => calendar_feed(&team, p["/calendar/".len()..].to_string()).await,
        (&Method::GET | &Method::HEAD, _) => ui_file(&team, path).await,
        _ => failure(StatusCode::METHOD_NOT_ALLOWED, "Only GET is answered outside /api/."),
    }
}

/// The cross-site rule, with this server's own origin: `https://` and the host the browser
/// addressed. A page of another site sends its own origin, which never equals ours; a page
/// reached by DNS rebinding under another name would fail TLS (our certificate does not name
/// it) and would carry no cookie of ours.
fn cross_site_check(method: &Method, headers: &HeaderMap) -> Result<(), cross_site::Refusal> {
    let find = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let own: Vec<String> = find(header::HOST).map(|host| vec![format!("https://{host}")]).unwrap_or_default();
    let request = cross_site::RequestHeaders {
        origin: find(header::ORIGIN),
        sec_fetch_site: headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()),
        content_type: find(header::CONTENT_TYPE),
    };
    cross_site::check_origins(method.as_str(), &request, &own)
}

/// The signed-in account, or the 401 answer.
pub(super) async fn signed_in(team: &Arc<Team>, headers: &HeaderMap) -> Result<Account, Response> {
    match signin::session_account(team, headers).await {
        Ok(Some(account)) => Ok(account),
        Ok(None) => Err(api_failure(&ApiError::new(ErrorCode::SignInRequired, "Sign in first; there is no session, or it has ended."))),
        Err(e) => Err(api_failure(&e)),
    }
}

async fn command(team: &Arc<Team>, headers: &HeaderMap, command: String, body: Body) -> Response {
    let actor = match signed_in(team, headers).await {
        Ok(actor) => actor,
        Err(answer) => return closing(answer),
    };
    let body = match read_body(headers, body, MAX_BODY).await {
        Ok(body) => body,
        Err(answer) => return answer,
    };
    let ctx = Arc::clone(&team.ctx);
    let (after_actor, after_command) = (actor.clone(), command.clone());
    let outcome = blocking(move || {
        let value = accounts::dispatch_as(&ctx, &actor, &command, &body)
            .unwrap_or_else(|| Err(ApiError::not_found(format!("There is no command called {:?}.", shorten(&command)))))?;
        let change = events::change_after(&ctx, &actor, &command, &body, &value);
        Ok((value, change))
    })
    .await;
    match outcome {
        Ok((value, change)) => {
            signin::after_password_change(team, headers, &after_actor, &after_command, &value);
            if let Some(change) = change {
                events::announce(team, change);
            }
            json(StatusCode::OK, &value)
        }
        Err(e) => api_failure(&e),
    }
}

/// A built pack's PDF, for the browser's download: allowed exactly when the `pack_pdf`
/// command would be, by running it (so the one table decides, job and edition included).
async fn pack_pdf(team: &Arc<Team>, headers: &HeaderMap, job: &str) -> Response {
    let actor = match signed_in(team, headers).await {
        Ok(actor) => actor,
        Err(answer) => return answer,
    };
    let Ok(job_id) = job.parse::<u64>() else {
        return api_failure(&ApiError::not_found(format!("{:?} is not a pack job id.", shorten(job))));
    };
    let ctx = Arc::clone(&team.ctx);
    let outcome = blocking(move || {
        let request = serde_json::json!({ "job_id": job_id }).to_string();
        let value = accounts::dispatch_as(&ctx, &actor, "pack_pdf", request.as_bytes())
            .unwrap_or_else(|| Err(ApiError::new(ErrorCode::Internal, "The pack_pdf command is missing.")))?;
        let base64 = value.get("base64").and_then(|b| b.as_str()).unwrap_or_default();
        base64::engine::general_purpose::STANDARD
            .decode(base64)
            .map_err(|e| ApiError::new(ErrorCode::Internal, format!("The pack's PDF could not be decoded: {e}.")))
    })
    .await;
    match outcome {
        Ok(bytes) => bytes_answer(StatusCode::OK, "application/pdf", bytes),
        Err(e) => api_failure(&e),
    }
}

/// A person's calendar feed at its secret address (`api::calendar_feed`): no session, since a
/// calendar program fetches it; the 256-bit token in the path is the key, and an unknown,
/// replaced or revoked one is 404 like any missing file.
async fn calendar_feed(team: &Arc<Team>, file: String) -> Response {
    let ctx = Arc::clone(&team.ctx);
    match blocking(move || crate::api::calendar_feed::calendar_feed(&ctx, &file)).await {
        Ok(Some(ics)) => bytes_answer(StatusCode::OK, "text/calendar; charset=utf-8", ics.into_bytes()),
        Ok(None) => failure(StatusCode::NOT_FOUND, "There is no calendar at this address."),
        Err(e) => api_failure(&e),
    }
}

async fn ui_file(team: &Arc<Team>, path: String) -> Response {
    let ui = team.ui.clone();
    let shown = shorten(&path);
    match tokio::task::spawn_blocking(move || static_file(&ui, &path)).await {
        Ok(Some((bytes, content_type))) => bytes_answer(StatusCode::OK, content_type, bytes),
        _ => failure(StatusCode::NOT_FOUND, &format!("There is no file {shown}.")),
    }
}

/// `answer`, sent for a request whose body was not read (refused before it was): marked
/// `Connection: close`, which the server then does. Without the mark a client would send its
/// next request on the same connection and, when the server had closed it meanwhile, meet a
/// closed connection instead of an answer (the desktop app said "could not be reached" after a
/// refused command, depending on timing).
fn closing(mut answer: Response) -> Response {
    answer.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    answer
}

/// The request body, refused with 413 past `limit`: at once when Content-Length says so, or
/// as soon as a body without one passes it (so at most `limit` bytes are ever held). A refusal
/// leaves the body unread, so it is [`closing`].
pub(super) async fn read_body(headers: &HeaderMap, body: Body, limit: usize) -> Result<Bytes, Response> {
    read_whole(headers, body, limit).await.map_err(closing)
}

async fn read_whole(headers: &HeaderMap, body: Body, limit: usize) -> Result<Bytes, Response> {
    let too_large = || failure(StatusCode::PAYLOAD_TOO_LARGE, &format!("The request is larger than the {} this server accepts.", size_text(limit)));
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    match Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => Err(too_large()),
        Err(e) => Err(failure(StatusCode::BAD_REQUEST, &format!("The request body could not be read: {e}."))),
    }
}

fn size_text(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MB", bytes / (1024 * 1024))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// Runs store work off the async threads; a panic in it is one sentence, not a dropped connection.
pub(super) async fn blocking<T: Send + 'static>(work: impl FnOnce() -> Result<T, ApiError> + Send + 'static) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|_| Err(ApiError::new(ErrorCode::Internal, "The server failed while running the command.")))
}

/// At most 40 characters of a value the client sent, for an error message.
pub(super) fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

pub(super) fn bytes_answer(status: StatusCode, content_type: &str, bytes: Vec<u8>) -> Response {
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    if let Ok(value) = HeaderValue::from_str(content_type) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response
}

pub(super) fn json(status: StatusCode, value: &impl serde::Serialize) -> Response {
    let bytes = serde_json::to_vec(value).unwrap_or_else(|_| br#"{"code":"internal","message":"Unknown error."}"#.to_vec());
    bytes_answer(status, "application/json", bytes)
}

/// A command's failure, with the status its code maps to.
pub(super) fn api_failure(error: &ApiError) -> Response {
    json(StatusCode::from_u16(error.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), error)
}

/// A failure of the request itself (method, size, origin, throttling): the API's error shape
/// with code `invalid`, the status saying which.
pub(super) fn failure(status: StatusCode, message: &str) -> Response {
    json(status, &ApiError::new(ErrorCode::Invalid, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_limit_is_named_in_megabytes() {
        assert_eq!(size_text(MAX_BODY), "134 MB");
        assert_eq!(size_text(8 * 1024), "8 KB");
    }

    #[test]
    fn a_body_without_a_length_is_cut_off_at_the_limit() {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let headers = HeaderMap::new();
        let within = runtime.block_on(read_body(&headers, Body::from(vec![b' '; 1000]), 1000));
        assert_eq!(within.map(|b| b.len()).ok(), Some(1000), "exactly the limit is accepted");
        let over = runtime.block_on(read_body(&headers, Body::from(vec![b' '; 1001]), 1000));
        assert_eq!(over.err().map(|r| r.status()), Some(StatusCode::PAYLOAD_TOO_LARGE), "one byte more is not");
    }

    #[test]
    fn values_in_messages_are_shortened() {
        assert_eq!(shorten("pack_build"), "pack_build");
        assert_eq!(shorten(&"x".repeat(100)).chars().count(), 41, "40 characters and an ellipsis");
    }
}
