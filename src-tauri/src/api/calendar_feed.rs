//! Each account's private calendar feed (issue 19): `calendar_feed_issue` gives the signed-in
//! account a new secret address (replacing the old one) and `calendar_feed_revoke` ends it;
//! both are team commands (answered only through `authz::dispatch_as`: a feed belongs to an
//! account). [`calendar_feed`] is what the team server answers for `GET /calendar/<token>.ics`:
//! None (404) for an unknown, replaced or revoked token or a disabled account.
//!
//! Deliberately not here: what the feed lists and the token's storage (the store's
//! `calendar_feed`), routing the address (the team server).

use agendapack_model::account::Account;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ApiContext, ApiError, NoArgs};

/// A new feed address, shown once.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CalendarFeedIssued {
    /// The secret in the address: 64 hexadecimal digits.
    pub token: String,
    /// The address's path on the team server: "/calendar/<token>.ics".
    pub path: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CalendarFeedRevoked {
    /// False when the account had no feed.
    pub revoked: bool,
}

/// The path the team server serves a feed at.
pub fn feed_path(token: &str) -> String {
    format!("/calendar/{token}.ics")
}

pub fn calendar_feed_issue(ctx: &ApiContext, account: &Account, _req: NoArgs) -> Result<CalendarFeedIssued, ApiError> {
    let token = ctx.store()?.calendar_feed_issue(account.id, ctx.now())?;
    Ok(CalendarFeedIssued { path: feed_path(&token), token })
}

pub fn calendar_feed_revoke(ctx: &ApiContext, account: &Account, _req: NoArgs) -> Result<CalendarFeedRevoked, ApiError> {
    Ok(CalendarFeedRevoked { revoked: ctx.store()?.calendar_feed_revoke(account.id)? })
}

/// The feed at `/calendar/<file>`: `file` is "<token>.ics". None: answer 404.
pub fn calendar_feed(ctx: &ApiContext, file: &str) -> Result<Option<String>, ApiError> {
    let Some(token) = file.strip_suffix(".ics") else { return Ok(None) };
    Ok(ctx.store()?.calendar_feed_ics(token, ctx.now().date())?)
}
