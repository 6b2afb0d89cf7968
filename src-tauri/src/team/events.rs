//! Live updates (issue 18, "a screen someone else changed updates without a reload"):
//! `GET /api/events`, a stream of server-sent events to each signed-in browser.
//!
//! After every command that succeeds and may have changed something (`api::authz::changes_state`,
//! the one list of commands that change nothing), one small event goes to everyone signed in:
//! `event: change`, `data: {"command", "meeting_id"?, "item_id"?, "by"}`: ids and the name of
//! who did it, never content. A screen that cares re-runs its own commands, which are
//! authorised as always, so an event cannot show anyone a paper they may not read. How much of
//! a change each person hears is `api::authz::told_of_change`: staff all of it; an author or a
//! member a change to a report they may open, and otherwise at most that a meeting changed,
//! without the item or the name (a change to another person's paper is not theirs to know of).
//!
//! The stream needs a session (401 without, like every command). A comment every [`KEEP_ALIVE`]
//! keeps proxies from cutting a quiet stream; at each, the session is looked at without
//! counting as a use, and the stream ends when it has ended (idle, absolute, sign-out, the
//! account disabled), so an open tab never keeps a session alive. A browser that falls more
//! than [`BACKLOG`] events behind gets `event: resync` and re-fetches what it shows.
//!
//! Deliberately not here: who may read what (the commands), which commands change things
//! (`api::authz::READS`), what a screen does with an event (ui/src/lib/live.svelte.ts).

use std::convert::Infallible;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::http::HeaderMap;
use axum::response::sse::{Event, Sse};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;
use tokio::sync::broadcast;

use super::accounts::{self, Account};
use super::http::{blocking, signed_in};
use super::{signin, Team};
use crate::api::{authz, ApiContext};

/// How often a quiet stream gets a keep-alive comment (and its session is looked at).
pub const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// How many events a slow browser may fall behind before it is told to re-fetch everything.
pub const BACKLOG: usize = 256;

/// One change, as sent: ids and a name only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub command: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item_id: Option<i64>,
    /// Who made it, as the audit trail names them.
    pub by: String,
}

/// The channel every stream listens to.
pub fn channel() -> broadcast::Sender<Arc<Change>> {
    broadcast::channel(BACKLOG).0
}

/// The change `actor` made by running `command` on `request` with `answer`, or None when the
/// command changes nothing. The item is the request's or the answer's `item_id`; the meeting
/// is the request's or answer's `meeting_id`, or the `id` of a meeting given back whole
/// (`MeetingDetail`, which carries `items`), or else the item's meeting.
pub fn change_after(ctx: &ApiContext, actor: &Account, command: &str, request: &[u8], answer: &Value) -> Option<Change> {
    if !authz::changes_state(command) {
        return None;
    }
    let request: Value = serde_json::from_slice(request).unwrap_or(Value::Null);
    let id = |v: &Value, key: &str| v.get(key).and_then(Value::as_i64);
    let item_id = id(&request, "item_id").or_else(|| id(answer, "item_id"));
    let meeting_id = id(&request, "meeting_id")
        .or_else(|| id(answer, "meeting_id"))
        .or_else(|| answer.get("items").and_then(|_| id(answer, "id")))
        .or_else(|| {
            let item = item_id?;
            let store = ctx.store().ok()?;
            store.item_facts(item).ok().flatten().map(|f| f.meeting_id)
        });
    Some(Change { command: command.to_string(), meeting_id, item_id, by: actor.audit_name().to_string() })
}

/// Tells every open stream about `change`; no stream open is no error.
pub fn announce(team: &Team, change: Change) {
    let _ = team.events.send(Arc::new(change));
}

/// `GET /api/events`: the stream, for a signed-in session.
pub async fn stream(team: Arc<Team>, headers: &HeaderMap) -> Response {
    let account = match signed_in(&team, headers).await {
        Ok(account) => account,
        Err(answer) => return answer,
    };
    let Some(token) = signin::cookie_token(headers) else {
        return super::http::failure(axum::http::StatusCode::UNAUTHORIZED, "Sign in first.");
    };
    let listener = Listener { changes: team.events.subscribe(), team, token, account };
    let events = futures_util::stream::unfold(listener, |mut listener| async move {
        let event = listener.next().await?;
        Some((Ok::<_, Infallible>(event), listener))
    });
    Sse::new(events).into_response()
}

struct Listener {
    changes: broadcast::Receiver<Arc<Change>>,
    team: Arc<Team>,
    token: String,
    account: Account,
}

impl Listener {
    /// The next thing to send; None ends the stream.
    async fn next(&mut self) -> Option<Event> {
        // One deadline across changes this person does not hear of, so a busy server still
        // sends them their keep-alive (and looks at their session) on time.
        let keep_alive = tokio::time::Instant::now() + KEEP_ALIVE;
        loop {
            let change = match tokio::time::timeout_at(keep_alive, self.changes.recv()).await {
                Ok(Ok(change)) => change,
                Ok(Err(broadcast::error::RecvError::Lagged(_))) => return Some(Event::default().event("resync").data("{}")),
                Ok(Err(broadcast::error::RecvError::Closed)) => return None,
                Err(_quiet) => return self.still_signed_in().await.then(|| Event::default().comment("keep-alive")),
            };
            if let Some(told) = self.told(&change).await {
                return Some(Event::default().event("change").data(serde_json::to_string(&told).ok()?));
            }
        }
    }

    /// What of `change` this person may hear (`authz::told_of_change`); None: nothing.
    async fn told(&self, change: &Arc<Change>) -> Option<Change> {
        let (ctx, account, ids) = (Arc::clone(&self.team.ctx), self.account.clone(), (change.item_id, change.meeting_id));
        // A failure to decide tells nothing: the screen is brought up to date at the next visit.
        let told = blocking(move || authz::told_of_change(&ctx, &account, ids.0, ids.1)).await.ok()?;
        match told {
            authz::Told::Everything => Some((**change).clone()),
            authz::Told::MeetingOnly => Some(Change { command: change.command.clone(), meeting_id: change.meeting_id, item_id: None, by: String::new() }),
            authz::Told::Nothing => None,
        }
    }

    /// The session is live and its account not disabled.
    async fn still_signed_in(&self) -> bool {
        let Some(account_id) = self.team.sessions().peek(&self.token, Instant::now()) else {
            return false;
        };
        let ctx = Arc::clone(&self.team.ctx);
        matches!(blocking(move || accounts::current(&ctx, account_id)).await, Ok(Some(_)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use agendapack_model::account::Role;

    fn jane() -> Account {
        Account { id: 1, name: "jane".into(), display: "Jane Smith".into(), role: Role::Officer, disabled: false }
    }

    #[test]
    fn a_change_carries_ids_and_a_name_and_a_read_is_no_change() {
        let ctx = ApiContext::new(agendapack_store::Store::open_in_memory().unwrap());
        let saved = change_after(&ctx, &jane(), "report_save", br#"{"item_id": 4, "meeting_id": 1, "report": {"body": "secret"}}"#, &Value::Null);
        let change = saved.expect("a save is a change");
        assert_eq!(change, Change { command: "report_save".into(), meeting_id: Some(1), item_id: Some(4), by: "Jane Smith".into() });
        let sent = serde_json::to_string(&change).unwrap();
        assert!(!sent.contains("secret"), "never content: {sent}");
        let meeting = serde_json::json!({"id": 3, "items": []});
        let updated = change_after(&ctx, &jane(), "meeting_update", br#"{"id": 3}"#, &meeting).unwrap();
        assert_eq!((updated.meeting_id, updated.item_id), (Some(3), None), "a meeting given back whole names itself");
        assert_eq!(change_after(&ctx, &jane(), "report_get", br#"{"item_id": 4}"#, &Value::Null), None, "a read sends nothing");
    }
}
