//! Commands for the council's own settings: name, nation, chief executive, logo, standing texts: each hands its request to `crate::api::council`.
//!
//! Deliberately not here: any rule about what is valid (the api and the store decide).

use serde_json::Value;
use tauri::State;

use super::{forward, Reply};
use crate::api::{self, ApiContext};

#[tauri::command(async)]
pub fn council_get(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::council::council_get)
}

#[tauri::command(async)]
pub fn council_save(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::council::council_save)
}
