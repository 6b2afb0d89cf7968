//! Commands for reports and their appendices, and the live Markdown check of their text: each hands its request to `crate::api::reports`.
//!
//! Deliberately not here: any rule about what is valid (the api and the store decide).

use serde_json::Value;
use tauri::State;

use super::{forward, Reply};
use crate::api::{self, ApiContext};

#[tauri::command(async)]
pub fn report_get(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::reports::report_get)
}

#[tauri::command(async)]
pub fn report_save(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::reports::report_save)
}

#[tauri::command(async)]
pub fn appendix_add(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::reports::appendix_add)
}

#[tauri::command(async)]
pub fn appendix_attach_pdf(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::reports::appendix_attach_pdf)
}

#[tauri::command(async)]
pub fn appendix_update(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::reports::appendix_update)
}

#[tauri::command(async)]
pub fn appendix_delete(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::reports::appendix_delete)
}

#[tauri::command(async)]
pub fn appendices_reorder(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::reports::appendices_reorder)
}

#[tauri::command(async)]
pub fn markdown_check(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::reports::markdown_check)
}

#[tauri::command(async)]
pub fn text_check(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::reports::text_check)
}
