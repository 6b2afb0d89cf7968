//! Commands for a report's pictures in the formatted editor (`crate::api::pictures`) and a Word
//! file dropped on its appendices (`crate::api::appendix_docx`): each hands its request on.
//!
//! Deliberately not here: any rule about what is valid (the api and the store decide).

use serde_json::Value;
use tauri::State;

use super::{forward, Reply};
use crate::api::{self, ApiContext};

#[tauri::command(async)]
pub fn report_pictures(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::pictures::report_pictures)
}

#[tauri::command(async)]
pub fn report_picture_add(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::pictures::report_picture_add)
}

#[tauri::command(async)]
pub fn appendix_import_docx(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::appendix_docx::appendix_import_docx)
}
