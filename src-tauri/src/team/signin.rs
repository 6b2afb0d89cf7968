//! Signing in and out of the team server, and the session cookie that carries a sign-in.
//!
//! `POST /api/login {"name","password"}`: refused with 429 while the name or the address is
//! throttled (`throttle.rs`, checked before the password so a throttled guess costs nothing and
//! tells nothing), else the password is checked on a blocking thread (argon2id is slow on
//! purpose); a wrong one is 401 "The name or password is wrong." (never saying which), a good
//! one opens a session and sets the cookie. `POST /api/logout` ends the session the cookie
//! names. `GET /api/whoami` answers who is signed in (no one: `null`) and whether single sign-on
//! is offered (`sso.rs`, which opens its sessions through [`open_session`] too).
//!
//! The cookie is `__Host-agendapack_session`: `HttpOnly` (no script reads it), `Secure` (never
//! sent over plain HTTP), `SameSite=Strict` (no other site's page makes the browser send it),
//! `Path=/` and no `Domain`, which the `__Host-` prefix makes browsers insist on. It has no
//! `Max-Age`, so it goes when the browser closes; the server ends it sooner (`sessions.rs`).
//!
//! Deliberately not here: password hashing (the store), what the account may do (`api::authz`).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::accounts::{self, Account};
use super::http::{api_failure, blocking, failure, json, read_body};
use super::Team;
use crate::api::{parse_request, ApiError, ErrorCode};

/// The session cookie's name.
pub const COOKIE: &str = "__Host-agendapack_session";
/// A sign-in request is a name and a password: nothing near this size.
const MAX_LOGIN_BODY: usize = 8 * 1024;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LoginRequest {
    name: String,
    password: String,
}

/// Who is signed in, as `login` and `whoami` answer it.
#[derive(Serialize)]
struct SignedIn<'a> {
    name: &'a str,
    display: &'a str,
    role: &'a str,
}

impl<'a> SignedIn<'a> {
    fn of(account: &'a Account) -> SignedIn<'a> {
        SignedIn { name: &account.name, display: account.audit_name(), role: account.role.as_str() }
    }
}

pub async fn login(team: &Arc<Team>, peer: SocketAddr, headers: &HeaderMap, body: Body) -> Response {
    let body = match read_body(headers, body, MAX_LOGIN_BODY).await {
        Ok(body) => body,
        Err(answer) => return answer,
    };
    let request: LoginRequest = match parse_request(&body) {
        Ok(request) => request,
        Err(e) => return api_failure(&e),
    };
    let address = peer.ip();
    let throttled = team.throttle().check(&request.name, address, Instant::now());
    if let Err(wait) = throttled {
        let minutes = wait.as_secs().div_ceil(60).max(1);
        let mut answer = failure(
            StatusCode::TOO_MANY_REQUESTS,
            &format!(
                "Too many failed sign-ins for this account or from this address; try again in {minutes} minute{}.",
                if minutes == 1 { "" } else { "s" }
            ),
        );
        answer.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait.as_secs().max(1)));
        return answer;
    }
    let ctx = Arc::clone(&team.ctx);
    let LoginRequest { name, password } = request;
    let checked_name = name.clone();
    let account = match blocking(move || accounts::check_password(&ctx, &checked_name, &password)).await {
        Ok(account) => account,
        Err(e) => return api_failure(&e),
    };
    let Some(account) = account else {
        team.throttle().failed(&name, address, Instant::now());
        return api_failure(&ApiError::new(ErrorCode::SignInRequired, "The name or password is wrong."));
    };
    team.throttle().succeeded(&name);
    let cookie = match open_session(team, headers, &account) {
        Ok(cookie) => cookie,
        Err(e) => return api_failure(&e),
    };
    let mut answer = json(StatusCode::OK, &SignedIn::of(&account));
    set_cookie(&mut answer, &cookie);
    answer
}

/// Opens a session for `account` after a good sign-in (password, or the council's single
/// sign-on in `sso.rs`) and answers the session cookie to set.
pub(super) fn open_session(team: &Arc<Team>, headers: &HeaderMap, account: &Account) -> Result<String, ApiError> {
    // A browser that was signed in as someone else on this desk is signed out of that first.
    if let Some(old) = cookie_token(headers) {
        team.sessions().close(&old);
    }
    let token = team
        .sessions()
        .open(account.id, account.role, Instant::now())
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("No session could be made: {e}.")))?;
    Ok(format!("{COOKIE}={token}; HttpOnly; Secure; SameSite=Strict; Path=/"))
}

pub fn logout(team: &Arc<Team>, headers: &HeaderMap) -> Response {
    if let Some(token) = cookie_token(headers) {
        team.sessions().close(&token);
    }
    let mut answer = json(StatusCode::OK, &serde_json::json!({}));
    set_cookie(&mut answer, &format!("{COOKIE}=; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=0"));
    answer
}

/// `{"team": true, "account": {...} | null, "sso": bool}`, always 200: the UI asks it at start to know that
/// it runs against a team server (the loopback `serve` answers `"team": false`), whether to
/// show the sign-in screen and whether to offer the council's single sign-on there; a question
/// with an expected answer is not a failure.
pub async fn whoami(team: &Arc<Team>, headers: &HeaderMap) -> Response {
    let sso = team.sso.is_some();
    match session_account(team, headers).await {
        Ok(account) => json(StatusCode::OK, &serde_json::json!({ "team": true, "account": account.as_ref().map(SignedIn::of), "sso": sso })),
        Err(e) => api_failure(&e),
    }
}

/// The account of the session the request's cookie names, read afresh from the store; None
/// without a live session, or when the account has since been disabled or given another role
/// (either ends the session: the person signs in again as what they now are).
pub async fn session_account(team: &Arc<Team>, headers: &HeaderMap) -> Result<Option<Account>, ApiError> {
    let Some(token) = cookie_token(headers) else {
        return Ok(None);
    };
    let Some((account_id, role)) = team.sessions().find(&token, Instant::now()) else {
        return Ok(None);
    };
    let ctx = Arc::clone(&team.ctx);
    let account = blocking(move || accounts::current(&ctx, account_id)).await?.filter(|a| a.role == role);
    if account.is_none() {
        team.sessions().close(&token);
    }
    Ok(account)
}

/// After a command succeeded: a password reset by the administrator (`account_password_reset`,
/// whose answer names the account) or changed by its owner (`password_change`) ends that
/// account's other sessions, so whoever knew the old password is out; the session that sent
/// the command stays (the person changing their own password keeps working).
pub(super) fn after_password_change(team: &Team, headers: &HeaderMap, actor: &Account, command: &str, answer: &serde_json::Value) {
    let account_id = match command {
        "account_password_reset" => answer.get("id").and_then(serde_json::Value::as_i64),
        "password_change" => Some(actor.id),
        _ => None,
    };
    if let Some(account_id) = account_id {
        team.sessions().close_account(account_id, cookie_token(headers).as_deref());
    }
}

/// Our session cookie's value among the request's cookies.
pub(super) fn cookie_token(headers: &HeaderMap) -> Option<String> {
    cookie(headers, COOKIE)
}

/// The value of the cookie called exactly `wanted` among the request's cookies (the session's
/// here, the pending single sign-on's in `sso.rs`).
pub(super) fn cookie(headers: &HeaderMap, wanted: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == wanted)
        .map(|(_, value)| value.trim().to_string())
}

fn set_cookie(answer: &mut Response, cookie: &str) {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        answer.headers_mut().insert(header::SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.append(header::COOKIE, HeaderValue::from_static("theme=dark; __Host-agendapack_session=abc ; x=1"));
        assert_eq!(cookie_token(&headers).as_deref(), Some("abc"));
        let mut lookalike = HeaderMap::new();
        lookalike.append(header::COOKIE, HeaderValue::from_static("agendapack_session=abc; __Host-agendapack_sessionX=def"));
        assert_eq!(cookie_token(&lookalike), None, "only the exact name counts");
    }
}
