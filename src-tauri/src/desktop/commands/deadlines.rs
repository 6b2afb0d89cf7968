//! Commands for deadlines (dashboard, a meeting's deadlines and .ics, committee rules, late
//! items, bank holidays and closure days): each hands its request to `crate::api::deadlines`.
//!
//! Deliberately not here: any rule about what is valid (the api and the store decide).

use serde_json::Value;
use tauri::State;

use super::{forward, Reply};
use crate::api::{self, ApiContext};

#[tauri::command(async)]
pub fn deadlines_meeting(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::deadlines::deadlines_meeting)
}

#[tauri::command(async)]
pub fn deadlines_report(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::deadlines::deadlines_report)
}

#[tauri::command(async)]
pub fn report_status_history(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::deadlines::report_status_history)
}

#[tauri::command(async)]
pub fn deadlines_upcoming(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::deadlines::deadlines_upcoming)
}

#[tauri::command(async)]
pub fn deadlines_ics(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::deadlines::deadlines_ics)
}

#[tauri::command(async)]
pub fn deadline_rules(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::deadlines::deadline_rules)
}

#[tauri::command(async)]
pub fn deadline_rule_save(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::deadlines::deadline_rule_save)
}

#[tauri::command(async)]
pub fn deadline_rule_delete(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::deadlines::deadline_rule_delete)
}

#[tauri::command(async)]
pub fn deadline_override_save(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::deadlines::deadline_override_save)
}

#[tauri::command(async)]
pub fn item_mark_late(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::deadlines::item_mark_late)
}

#[tauri::command(async)]
pub fn holidays_import(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::deadlines::holidays_import)
}

#[tauri::command(async)]
pub fn closure_days_list(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::deadlines::closure_days_list)
}

#[tauri::command(async)]
pub fn closure_days_save(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::deadlines::closure_days_save)
}
