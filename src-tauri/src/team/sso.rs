//! Single sign-on with the council's identity provider: OpenID Connect's authorization-code
//! flow with PKCE and a nonce (issue 18), by the `openidconnect` crate (ureq as its HTTP
//! client, rustls; run on a blocking thread). Only when the server is started with
//! `--oidc-issuer` and `--oidc-client-id` (the client secret from `AGENDAPACK_OIDC_SECRET`).
//!
//! `GET /auth/oidc/start` makes `state`, `nonce` and the PKCE verifier, keeps them here for
//! [`PENDING_FOR`] keyed by a random token in the short-lived cookie [`COOKIE`] (SameSite=Lax:
//! the provider's return is a cross-site top-level navigation, which a Strict cookie would not
//! come back on), and sends the browser to the provider. `GET /auth/oidc/callback` takes that
//! pending sign-in (once: it is removed whatever happens), checks `state`, exchanges the code
//! with the verifier, and verifies the ID token: signature against the provider's keys,
//! issuer, audience, expiry and nonce. The provider's metadata and keys are fetched afresh at
//! each sign-in, so a rotated key is never stale (two small requests; a council signs in a
//! few hundred times a day at most).
//!
//! The person is mapped to an EXISTING, enabled local account whose name equals the token's
//! `preferred_username` claim (or `sub`, `--oidc-claim sub`); roles stay in the account table.
//! Anyone else is refused with a sentence, and counts as a failed sign-in for the throttle.
//! Then the same session as a password sign-in is opened (`signin::open_session`).
//!
//! The issuer must be `https://`, except on a loopback address (127.0.0.0/8, ::1, localhost),
//! where `http://` is allowed so the tests can run a local provider; such an issuer can only
//! be reached from the server's own machine.
//!
//! Deliberately not here: sessions and their cookie (`signin.rs`, `sessions.rs`), roles.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use base64::Engine;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::url::{form_urlencoded, Url};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope,
    TokenResponse,
};
use sha2::{Digest, Sha256};

use super::http::shorten;
use super::{accounts, signin, Team};

/// The cookie that carries a pending sign-in from `start` to `callback`.
pub const COOKIE: &str = "__Host-agendapack_sso";
/// How long a person has at the provider's sign-in page.
pub const PENDING_FOR: Duration = Duration::from_secs(10 * 60);
/// At most this many sign-ins pending at once; more are refused (a flood of `start`s cannot
/// fill the server's memory).
const MAX_PENDING: usize = 10_000;
/// How long the provider may take to answer one request.
const PROVIDER_TIMEOUT: Duration = Duration::from_secs(15);

/// Which claim of the ID token names the local account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountClaim {
    PreferredUsername,
    Subject,
}

impl AccountClaim {
    pub fn parse(text: &str) -> Result<AccountClaim, String> {
        match text {
            "preferred_username" => Ok(AccountClaim::PreferredUsername),
            "sub" => Ok(AccountClaim::Subject),
            other => Err(format!("--oidc-claim must be preferred_username or sub, not {:?}", shorten(other))),
        }
    }
}

/// The identity provider the server trusts.
#[derive(Debug, Clone)]
pub struct SsoConfig {
    pub issuer: IssuerUrl,
    pub client_id: String,
    pub secret: String,
    pub claim: AccountClaim,
}

impl SsoConfig {
    /// Checks the issuer address: `https://`, or `http://` on a loopback address only.
    pub fn new(issuer: &str, client_id: &str, secret: &str, claim: AccountClaim) -> Result<SsoConfig, String> {
        let url = Url::parse(issuer).map_err(|e| format!("--oidc-issuer {:?} is not an address: {e}", shorten(issuer)))?;
        let loopback = match url.host() {
            Some(openidconnect::url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(openidconnect::url::Host::Ipv6(ip)) => ip.is_loopback(),
            Some(openidconnect::url::Host::Domain(name)) => name == "localhost",
            None => false,
        };
        match url.scheme() {
            "https" => {}
            "http" if loopback => {}
            _ => return Err(format!("--oidc-issuer must be an https:// address (http:// only on this machine's loopback), not {:?}", shorten(issuer))),
        }
        if client_id.trim().is_empty() {
            return Err("--oidc-client-id is empty".into());
        }
        if secret.is_empty() {
            return Err("set the client secret in the environment variable AGENDAPACK_OIDC_SECRET".into());
        }
        let issuer = IssuerUrl::new(issuer.to_string()).map_err(|e| format!("--oidc-issuer {:?} is not an address: {e}", shorten(issuer)))?;
        Ok(SsoConfig { issuer, client_id: client_id.to_string(), secret: secret.to_string(), claim })
    }
}

/// Single sign-on as the server holds it: the provider and the pending sign-ins.
pub struct Sso {
    config: SsoConfig,
    pending: Mutex<PendingSignIns>,
}

impl Sso {
    pub fn new(config: SsoConfig) -> Sso {
        Sso { config, pending: Mutex::default() }
    }

    fn pending(&self) -> MutexGuard<'_, PendingSignIns> {
        self.pending.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// What `start` keeps for `callback`.
#[derive(Debug)]
struct Pending {
    state: String,
    nonce: String,
    verifier: String,
    redirect: String,
    made: Instant,
}

/// The sign-ins begun and not yet finished, keyed by the SHA-256 of their cookie's token.
#[derive(Default)]
struct PendingSignIns {
    open: HashMap<[u8; 32], Pending>,
}

/// Why a return from the provider is refused: one sentence for the person.
#[derive(Debug, PartialEq, Eq)]
enum Refusal {
    NotStarted,
    StateMismatch,
}

impl Refusal {
    fn sentence(&self) -> &'static str {
        match self {
            Refusal::NotStarted => "This sign-in was not started in this browser, or it took longer than 10 minutes; start again.",
            Refusal::StateMismatch => "This sign-in's answer does not belong to the sign-in this browser started; start again.",
        }
    }
}

impl PendingSignIns {
    /// Keeps `pending` and answers the cookie's token; expired ones are dropped first.
    fn begin(&mut self, pending: Pending, now: Instant) -> Result<String, &'static str> {
        self.open.retain(|_, p| now.saturating_duration_since(p.made) < PENDING_FOR);
        if self.open.len() >= MAX_PENDING {
            return Err("Too many sign-ins are under way; try again in a few minutes.");
        }
        let mut token = [0u8; 32];
        getrandom::fill(&mut token).map_err(|_| "No random token could be made.")?;
        self.open.insert(Sha256::digest(token).into(), pending);
        Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(token))
    }

    /// Takes the pending sign-in `token` names (it is gone afterwards, whatever the answer) when
    /// it is live and `state` is the one it was given.
    fn finish(&mut self, token: &str, state: &str, now: Instant) -> Result<Pending, Refusal> {
        let Ok(raw) = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(token) else {
            return Err(Refusal::NotStarted);
        };
        let key: [u8; 32] = Sha256::digest(raw).into();
        let pending = self.open.remove(&key).ok_or(Refusal::NotStarted)?;
        if now.saturating_duration_since(pending.made) >= PENDING_FOR {
            return Err(Refusal::NotStarted);
        }
        // Compared as hashes, so the time taken says nothing about how much of it matched.
        if Sha256::digest(state.as_bytes()) != Sha256::digest(pending.state.as_bytes()) {
            return Err(Refusal::StateMismatch);
        }
        Ok(pending)
    }
}

/// The HTTP client for the provider: no redirects followed (the crate's advice: a redirect
/// could send the code elsewhere), bounded time.
fn agent() -> openidconnect::ureq::Agent {
    openidconnect::ureq::AgentBuilder::new().redirects(0).timeout(PROVIDER_TIMEOUT).build()
}

fn discover(config: &SsoConfig, http: &openidconnect::ureq::Agent) -> Result<CoreProviderMetadata, String> {
    CoreProviderMetadata::discover(&config.issuer, http)
        .map_err(|e| format!("The council's sign-in service at {} could not be reached or answered wrongly: {}.", config.issuer.as_str(), plain_error(&e)))
}

fn plain_error(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text.chars().take(300).collect()
}

/// The address of the callback, as the browser addressed this server.
fn redirect_address(headers: &HeaderMap) -> Result<String, String> {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).ok_or("The request named no host.")?;
    Ok(format!("https://{host}/auth/oidc/callback"))
}

/// `GET /auth/oidc/start`.
pub async fn start(team: &Arc<Team>, headers: &HeaderMap) -> Response {
    let Some(sso) = team.sso.as_ref() else {
        return page(StatusCode::NOT_FOUND, "Single sign-on is not set up on this server; sign in with your name and password.");
    };
    let redirect = match redirect_address(headers) {
        Ok(redirect) => redirect,
        Err(e) => return page(StatusCode::BAD_REQUEST, &e),
    };
    let config = sso.config.clone();
    let made = tokio::task::spawn_blocking(move || -> Result<(Url, Pending), String> {
        let http = agent();
        let metadata = discover(&config, &http)?;
        let redirect_url = RedirectUrl::new(redirect.clone()).map_err(|e| format!("The callback address is not valid: {e}."))?;
        let client = CoreClient::from_provider_metadata(metadata, ClientId::new(config.client_id.clone()), Some(ClientSecret::new(config.secret.clone())))
            .set_redirect_uri(redirect_url);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
            .set_pkce_challenge(challenge);
        if config.claim == AccountClaim::PreferredUsername {
            request = request.add_scope(Scope::new("profile".into()));
        }
        let (url, state, nonce) = request.url();
        let pending = Pending {
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            verifier: verifier.secret().clone(),
            redirect,
            made: Instant::now(),
        };
        Ok((url, pending))
    })
    .await
    .unwrap_or_else(|_| Err("The server failed while starting the sign-in.".into()));
    let (url, pending) = match made {
        Ok(made) => made,
        Err(e) => return page(StatusCode::BAD_GATEWAY, &e),
    };
    let token = match sso.pending().begin(pending, Instant::now()) {
        Ok(token) => token,
        Err(e) => return page(StatusCode::SERVICE_UNAVAILABLE, e),
    };
    let mut answer = redirect_to(url.as_str());
    let max_age = PENDING_FOR.as_secs();
    append_cookie(&mut answer, &format!("{COOKIE}={token}; HttpOnly; Secure; SameSite=Lax; Path=/; Max-Age={max_age}"));
    answer
}

/// `GET /auth/oidc/callback?code=…&state=…` (or `?error=…`).
pub async fn callback(team: &Arc<Team>, address: IpAddr, headers: &HeaderMap, query: &str) -> Response {
    let Some(sso) = team.sso.as_ref() else {
        return page(StatusCode::NOT_FOUND, "Single sign-on is not set up on this server; sign in with your name and password.");
    };
    let params: HashMap<String, String> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
    let token = signin::cookie(headers, COOKIE).unwrap_or_default();
    let state = params.get("state").map(String::as_str).unwrap_or_default();
    let taken = sso.pending().finish(&token, state, Instant::now());
    let mut answer = match taken {
        Err(refusal) => page(StatusCode::BAD_REQUEST, refusal.sentence()),
        Ok(pending) => finish_sign_in(team, sso, address, headers, &params, pending).await,
    };
    // The pending sign-in is used up either way.
    append_cookie(&mut answer, &format!("{COOKIE}=; HttpOnly; Secure; SameSite=Lax; Path=/; Max-Age=0"));
    answer
}

async fn finish_sign_in(team: &Arc<Team>, sso: &Sso, address: IpAddr, headers: &HeaderMap, params: &HashMap<String, String>, pending: Pending) -> Response {
    if let Some(error) = params.get("error") {
        let said = params.get("error_description").unwrap_or(error);
        return page(StatusCode::FORBIDDEN, &format!("The council's sign-in service did not sign you in: {}", shorten(said)));
    }
    let Some(code) = params.get("code").cloned() else {
        return page(StatusCode::BAD_REQUEST, "The council's sign-in service sent no code; start again.");
    };
    let config = sso.config.clone();
    let ctx = Arc::clone(&team.ctx);
    let verified = tokio::task::spawn_blocking(move || -> Result<(String, Option<accounts::Account>), String> {
        let http = agent();
        let metadata = discover(&config, &http)?;
        let redirect_url = RedirectUrl::new(pending.redirect.clone()).map_err(|e| format!("The callback address is not valid: {e}."))?;
        let client = CoreClient::from_provider_metadata(metadata, ClientId::new(config.client_id.clone()), Some(ClientSecret::new(config.secret.clone())))
            .set_redirect_uri(redirect_url);
        let tokens = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| format!("The council's sign-in service names no token endpoint: {e}."))?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier.clone()))
            .request(&http)
            .map_err(|e| format!("The council's sign-in service did not accept the sign-in's code: {}.", plain_error(&e)))?;
        let id_token = tokens.id_token().ok_or("The council's sign-in service sent no ID token.")?;
        let claims = id_token
            .claims(&client.id_token_verifier(), &Nonce::new(pending.nonce.clone()))
            .map_err(|e| format!("The ID token from the council's sign-in service was refused: {}.", plain_error(&e)))?;
        let name = match config.claim {
            AccountClaim::Subject => Some(claims.subject().as_str().to_string()),
            AccountClaim::PreferredUsername => claims.preferred_username().map(|n| n.as_str().to_string()),
        }
        .ok_or("The ID token names no preferred_username; ask the administrator to set --oidc-claim.")?;
        let account = local_account(&ctx, &name).map_err(|e| e.to_string())?;
        Ok((name, account))
    })
    .await
    .unwrap_or_else(|_| Err("The server failed while finishing the sign-in.".into()));
    let (name, account) = match verified {
        Ok(found) => found,
        Err(e) => return page(StatusCode::FORBIDDEN, &e),
    };
    if let Err(wait) = team.throttle().check(&name, address, Instant::now()) {
        let minutes = wait.as_secs().div_ceil(60).max(1);
        return page(StatusCode::TOO_MANY_REQUESTS, &format!("Too many refused sign-ins for this name or from this address; try again in {minutes} minutes."));
    }
    let Some(account) = account else {
        team.throttle().failed(&name, address, Instant::now());
        return page(
            StatusCode::FORBIDDEN,
            &format!("{:?} has no AgendaPack account here (or it is disabled); ask an administrator to add one.", shorten(&name)),
        );
    };
    team.throttle().succeeded(&name);
    match signin::open_session(team, headers, &account) {
        Ok(cookie) => {
            let mut answer = redirect_to("/");
            append_cookie(&mut answer, &cookie);
            answer
        }
        Err(e) => page(StatusCode::INTERNAL_SERVER_ERROR, &e.message),
    }
}

/// The enabled account named `name`, if there is one.
fn local_account(ctx: &crate::api::ApiContext, name: &str) -> Result<Option<accounts::Account>, crate::api::ApiError> {
    Ok(ctx.store()?.account_by_name(name)?.filter(|a| !a.disabled))
}

fn redirect_to(location: &str) -> Response {
    let mut answer = Response::new(Body::empty());
    *answer.status_mut() = StatusCode::SEE_OTHER;
    if let Ok(value) = HeaderValue::from_str(location) {
        answer.headers_mut().insert(header::LOCATION, value);
    }
    answer
}

fn append_cookie(answer: &mut Response, cookie: &str) {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        answer.headers_mut().append(header::SET_COOKIE, value);
    }
}

/// A plain page with one sentence and the way back to the sign-in form.
fn page(status: StatusCode, sentence: &str) -> Response {
    let escaped = sentence.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let html = format!(
        "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Sign-in refused - AgendaPack</title></head>\
         <body><main><h1>Sign-in refused</h1><p id=\"sso-refusal\">{escaped}</p><p><a href=\"/\">Back to sign-in</a></p></main></body></html>"
    );
    super::http::bytes_answer(status, "text/html; charset=utf-8", html.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table with one sign-in begun now, with state "s1": the table, its cookie, now.
    fn begun() -> (PendingSignIns, String, Instant) {
        let now = Instant::now();
        let mut table = PendingSignIns::default();
        let token = table.begin(pending("s1", now), now).unwrap();
        (table, token, now)
    }

    fn pending(state: &str, made: Instant) -> Pending {
        Pending { state: state.into(), nonce: "n".into(), verifier: "v".into(), redirect: "https://h/auth/oidc/callback".into(), made }
    }

    #[test]
    fn a_pending_sign_in_is_finished_once_with_its_own_state() {
        let (mut table, token, now) = begun();
        assert_eq!(table.finish(&token, "s1", now).map(|p| p.nonce).ok().as_deref(), Some("n"));
        assert_eq!(table.finish(&token, "s1", now).err(), Some(Refusal::NotStarted), "used up");
    }

    #[test]
    fn a_wrong_state_is_refused_and_uses_the_sign_in_up() {
        let (mut table, token, now) = begun();
        assert_eq!(table.finish(&token, "s2", now).err(), Some(Refusal::StateMismatch));
        assert_eq!(table.finish(&token, "s1", now).err(), Some(Refusal::NotStarted), "no second try with the same cookie");
    }

    #[test]
    fn a_pending_sign_in_expires_and_an_unknown_cookie_is_refused() {
        let (mut table, token, now) = begun();
        assert_eq!(table.finish(&token, "s1", now + PENDING_FOR).err(), Some(Refusal::NotStarted));
        assert_eq!(table.finish("not-a-token", "s1", now).err(), Some(Refusal::NotStarted));
        assert_eq!(table.finish("", "", now).err(), Some(Refusal::NotStarted));
    }

    #[test]
    fn expired_sign_ins_are_dropped_when_another_begins() {
        let now = Instant::now();
        let mut table = PendingSignIns::default();
        table.begin(pending("old", now), now).unwrap();
        table.begin(pending("new", now), now + PENDING_FOR).unwrap();
        assert_eq!(table.open.len(), 1);
    }

    #[test]
    fn the_issuer_is_https_or_loopback_http() {
        let ok = |url: &str| SsoConfig::new(url, "client", "secret", AccountClaim::PreferredUsername).is_ok();
        assert!(ok("https://login.microsoftonline.com/tenant/v2.0"));
        assert!(ok("http://127.0.0.1:4000"));
        assert!(ok("http://[::1]:4000"));
        assert!(ok("http://localhost:4000"));
        assert!(!ok("http://idp.council.example"), "plain http across the network");
        assert!(!ok("http://10.0.0.1"));
        assert!(!ok("ftp://127.0.0.1"));
        assert!(!ok("not an address"));
        assert!(SsoConfig::new("https://idp.example", "client", "", AccountClaim::Subject).is_err(), "no secret");
        assert!(SsoConfig::new("https://idp.example", " ", "s", AccountClaim::Subject).is_err(), "no client id");
    }

    #[test]
    fn the_account_claim_is_one_of_two() {
        assert_eq!(AccountClaim::parse("sub"), Ok(AccountClaim::Subject));
        assert_eq!(AccountClaim::parse("preferred_username"), Ok(AccountClaim::PreferredUsername));
        assert!(AccountClaim::parse("email").is_err(), "never the e-mail");
    }

    #[test]
    fn refusal_pages_escape_what_they_say() {
        let answer = page(StatusCode::FORBIDDEN, "<script>");
        assert_eq!(answer.status(), StatusCode::FORBIDDEN);
    }
}
