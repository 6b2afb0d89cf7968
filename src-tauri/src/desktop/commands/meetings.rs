//! Commands for meetings: list, open, schedule, reschedule or cancel: each hands its request to `crate::api::meetings`.
//!
//! Deliberately not here: any rule about what is valid (the api and the store decide).

use serde_json::Value;
use tauri::State;

use super::{forward, Reply};
use crate::api::{self, ApiContext};

#[tauri::command(async)]
pub fn meetings_list(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::meetings::meetings_list)
}

#[tauri::command(async)]
pub fn private_section_notices(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::meetings::private_section_notices)
}

#[tauri::command(async)]
pub fn meeting_get(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::meetings::meeting_get)
}

#[tauri::command(async)]
pub fn meeting_create(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::meetings::meeting_create)
}

#[tauri::command(async)]
pub fn meeting_update(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::meetings::meeting_update)
}
