//! Commands for the audit trail: each hands its request to `crate::api::audit`.
//!
//! Deliberately not here: any rule about what is recorded (the store's triggers decide).

use serde_json::Value;
use tauri::State;

use super::{forward, Reply};
use crate::api::{self, ApiContext};

#[tauri::command(async)]
pub fn audit_list(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::audit::audit_list)
}
