//! Commands for planning (work programme board, forward plan of key decisions, recommendation
//! trackers): each hands its request to `crate::api::programme`.
//!
//! Deliberately not here: any rule about what is valid (the api and the store decide).

use serde_json::Value;
use tauri::State;

use super::{forward, Reply};
use crate::api::{self, ApiContext};

#[tauri::command(async)]
pub fn programme_board(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::programme::programme_board)
}

#[tauri::command(async)]
pub fn programme_item_add(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::programme::programme_item_add)
}

#[tauri::command(async)]
pub fn programme_item_update(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::programme::programme_item_update)
}

#[tauri::command(async)]
pub fn programme_item_move(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::programme::programme_item_move)
}

#[tauri::command(async)]
pub fn programme_item_status(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::programme::programme_item_status)
}

#[tauri::command(async)]
pub fn programme_item_confirm(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::programme::programme_item_confirm)
}

#[tauri::command(async)]
pub fn programme_item_history(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::programme::programme_item_history)
}

#[tauri::command(async)]
pub fn forward_plan_list(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::programme::forward_plan_list)
}

#[tauri::command(async)]
pub fn forward_plan_save(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::programme::forward_plan_save)
}

#[tauri::command(async)]
pub fn forward_plan_delete(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::programme::forward_plan_delete)
}

#[tauri::command(async)]
pub fn trackers_list(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::programme::trackers_list)
}

#[tauri::command(async)]
pub fn tracker_get(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::programme::tracker_get)
}

#[tauri::command(async)]
pub fn tracker_add_update(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::programme::tracker_add_update)
}

#[tauri::command(async)]
pub fn tracker_attach(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::programme::tracker_attach)
}
