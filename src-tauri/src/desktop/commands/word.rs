//! Commands of the report editor's Word import (preview, apply, undo): each hands its request to `crate::api::word`.
//!
//! Deliberately not here: any rule about what is valid (the api and the store decide).

use serde_json::Value;
use tauri::State;

use super::{forward, Reply};
use crate::api::{self, ApiContext};

#[tauri::command(async)]
pub fn docx_preview(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::word::docx_preview)
}

#[tauri::command(async)]
pub fn report_import_docx(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::word::report_import_docx)
}

#[tauri::command(async)]
pub fn report_restore(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::word::report_restore)
}
