//! Commands for minutes and the actions log: each hands its request to `crate::api::minutes`.
//!
//! Deliberately not here: any rule about what is valid (the api and the store decide).

use serde_json::Value;
use tauri::State;

use super::{forward, Reply};
use crate::api::{self, ApiContext};

#[tauri::command(async)]
pub fn minutes_get(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::minutes::minutes_get)
}

#[tauri::command(async)]
pub fn minutes_start(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::minutes::minutes_start)
}

#[tauri::command(async)]
pub fn minutes_save(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::minutes::minutes_save)
}

#[tauri::command(async)]
pub fn minutes_status(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::minutes::minutes_status)
}

#[tauri::command(async)]
pub fn minutes_amend(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::minutes::minutes_amend)
}

#[tauri::command(async)]
pub fn actions_list(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::minutes::actions_list)
}

#[tauri::command(async)]
pub fn action_done(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::minutes::action_done)
}

#[tauri::command(async)]
pub fn minute_numbering_set(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::minutes::minute_numbering_set)
}
