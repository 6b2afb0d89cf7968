//! Commands for report clearance (routes, a report's state and history, submit, approve,
//! return, waiting for me, per-meeting due dates; reminders' mail server and account addresses):
//! each hands its request to `crate::api::clearance` or `crate::api::reminders`. The desktop
//! app is the single desk: no one signs in, so a sign-off names its account in `as`.
//!
//! Deliberately not here: any rule about what is valid (the api and the store decide).

use serde_json::Value;
use tauri::State;

use super::{forward, Reply};
use crate::api::{self, ApiContext};

#[tauri::command(async)]
pub fn clearance_route_get(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::clearance::clearance_route_get)
}

#[tauri::command(async)]
pub fn clearance_route_save(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::clearance::clearance_route_save)
}

#[tauri::command(async)]
pub fn clearance_state(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::clearance::clearance_state)
}

#[tauri::command(async)]
pub fn clearance_submit(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::clearance::clearance_submit)
}

#[tauri::command(async)]
pub fn clearance_approve(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::clearance::clearance_approve)
}

#[tauri::command(async)]
pub fn clearance_return(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::clearance::clearance_return)
}

#[tauri::command(async)]
pub fn clearance_waiting(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::clearance::clearance_waiting_desk)
}

#[tauri::command(async)]
pub fn clearance_dues(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::clearance::clearance_dues)
}

#[tauri::command(async)]
pub fn clearance_due_save(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::clearance::clearance_due_save)
}

// Reminders' settings (issue 19): the mail server and each account's address.

#[tauri::command(async)]
pub fn smtp_settings_get(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::reminders::smtp_settings_get)
}

#[tauri::command(async)]
pub fn smtp_settings_save(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::reminders::smtp_settings_save)
}

#[tauri::command(async)]
pub fn account_email_set(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::reminders::account_email_set)
}
