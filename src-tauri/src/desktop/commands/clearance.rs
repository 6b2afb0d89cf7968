//! Commands for report clearance (routes, a report's state and history, submit, approve,
//! return, waiting for me): each hands its request to `crate::api::clearance`. The desktop
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
