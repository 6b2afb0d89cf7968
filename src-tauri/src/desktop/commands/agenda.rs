//! Commands for a meeting's agenda items: add, edit, delete, reorder: each hands its request to `crate::api::agenda`.
//!
//! Deliberately not here: any rule about what is valid (the api and the store decide).

use serde_json::Value;
use tauri::State;

use super::{forward, Reply};
use crate::api::{self, ApiContext};

#[tauri::command(async)]
pub fn item_add(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::agenda::item_add)
}

#[tauri::command(async)]
pub fn item_update(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::agenda::item_update)
}

#[tauri::command(async)]
pub fn item_delete(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::agenda::item_delete)
}

#[tauri::command(async)]
pub fn items_reorder(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::agenda::items_reorder)
}
