//! The team server's door to accounts and to the one authorisation table: checking a password
//! at sign-in, reading a session's account afresh on each request, and running a command as
//! that account. Each is one call to the store or to `api::authz`; nothing is decided here.
//!
//! Deliberately not here: which role may run which command (`api::authz`), sessions, HTTP.

pub use agendapack_model::account::Account;

use crate::api::{ApiContext, ApiError};

/// The account when `name` and `password` match an account that is not disabled.
pub fn check_password(ctx: &ApiContext, name: &str, password: &str) -> Result<Option<Account>, ApiError> {
    Ok(ctx.store()?.account_check_password(name, password)?)
}

/// A session's account as it is now; None once it has been disabled (or is gone), which ends
/// the session.
pub fn current(ctx: &ApiContext, account_id: i64) -> Result<Option<Account>, ApiError> {
    Ok(ctx.store()?.account_get(account_id)?.filter(|a| !a.disabled))
}

/// Runs `command` as `actor`, through the one authorisation table.
pub fn dispatch_as(
    ctx: &ApiContext,
    actor: &Account,
    command: &str,
    body: &[u8],
) -> Option<Result<serde_json::Value, ApiError>> {
    crate::api::authz::dispatch_as(ctx, Some(actor), command, body)
}
