//! The desktop app's Tauri commands, one module per domain, each a line or two that hands the
//! request to the matching `crate::api` function (the same functions `agendapack serve` calls).
//! Every command is `async` in Tauri's sense, so it runs on Tauri's worker pool and never on the
//! thread that drives the window: a slow query or a pack build cannot freeze the UI.
//!
//! Requests arrive as JSON and are read into the api function's own request type here, so a
//! malformed request comes back as an `ApiError` ({code, message, field}) like every other error,
//! not as Tauri's bare string.
//!
//! Deliberately not here: validation, storage or pack logic (all in `crate::api` and the core
//! crates); the command list itself is in `super::run`.

pub mod agenda;
pub mod audit;
pub mod clearance;
pub mod committees;
pub mod council;
pub mod deadlines;
pub mod meetings;
pub mod minutes;
pub mod packs;
pub mod programme;
pub mod reports;
pub mod pictures;
pub mod word;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::api::{parse_request, ApiContext, ApiError, ErrorCode};

/// The error every command returns: the api's {code, message, field}.
pub type CommandError = ApiError;

/// What every command returns to the page.
pub type Reply = Result<Value, ApiError>;

/// Reads `request` as the request type of `command`, calls it, and turns its response into JSON.
pub fn forward<Req, Resp>(ctx: &ApiContext, request: Value, command: fn(&ApiContext, Req) -> Result<Resp, ApiError>) -> Reply
where
    Req: DeserializeOwned,
    Resp: Serialize,
{
    // Through the api's own reader, so a wrong field is named exactly as over HTTP.
    let body = serde_json::to_vec(&request).map_err(|e| internal(format!("The request could not be read: {e}.")))?;
    let response = command(ctx, parse_request(&body)?)?;
    serde_json::to_value(response).map_err(|e| internal(format!("The answer could not be sent to the window: {e}.")))
}

/// A failure that is not the officer's doing.
pub fn internal(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::Internal, message)
}
