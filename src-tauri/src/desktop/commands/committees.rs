//! Commands for committees and their members' seats: each hands its request to `crate::api::committees`.
//!
//! Deliberately not here: any rule about what is valid (the api and the store decide).

use serde_json::Value;
use tauri::State;

use super::{forward, Reply};
use crate::api::{self, ApiContext};

#[tauri::command(async)]
pub fn committees_list(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::committees::committees_list)
}

#[tauri::command(async)]
pub fn committee_save(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::committees::committee_save)
}

#[tauri::command(async)]
pub fn committee_texts_save(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::committees::committee_texts_save)
}

#[tauri::command(async)]
pub fn committee_retire(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::committees::committee_retire)
}

#[tauri::command(async)]
pub fn committee_delete(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::committees::committee_delete)
}

#[tauri::command(async)]
pub fn membership_save(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::committees::membership_save)
}

#[tauri::command(async)]
pub fn membership_delete(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::committees::membership_delete)
}
