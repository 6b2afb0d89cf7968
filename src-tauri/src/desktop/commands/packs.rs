//! Commands for building packs: start a build, follow it, fetch the PDF, and the two desktop-only
//! actions, "Save as…" (a native save dialog on this side: the page never names a path) and
//! "Open in system viewer". While a build runs, a watcher thread sends `pack-progress` events
//! with the same payload as `pack_job` plus its `job_id`, so the page need not poll.
//!
//! With a team server in use, the two desktop-only actions fetch the pack's bytes from it
//! (`remote::pack_bytes`); the other commands are forwarded before they get here.
//!
//! Deliberately not here: building (the api runs builds on its own worker thread) or choosing
//! where packs live on disk beyond the one temporary copy the system viewer needs.

use std::time::Duration;

use serde::Deserialize;
use serde_json::{json, Value};
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use super::{forward, internal, CommandError, Reply};
use crate::api::packs::{JobState, PackJobRequest};
use crate::api::{self, parse_request, ApiContext, ApiError, ErrorCode};
use crate::desktop::remote::{self, Remote};

/// The event the page listens to while a pack builds.
pub const PROGRESS_EVENT: &str = "pack-progress";

/// How often the watcher looks at a running build: often enough for a smooth progress bar.
const WATCH_EVERY: Duration = Duration::from_millis(150);

#[tauri::command(async)]
pub fn pack_build<R: Runtime>(app: AppHandle<R>, ctx: State<'_, ApiContext>, request: Value) -> Reply {
    let started = forward(&ctx, request, api::packs::pack_build)?;
    if let Some(job_id) = started.get("job_id").and_then(Value::as_u64) {
        watch(app, job_id);
    }
    Ok(started)
}

#[tauri::command(async)]
pub fn pack_job(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::packs::pack_job)
}

#[tauri::command(async)]
pub fn pack_pdf(ctx: State<'_, ApiContext>, request: Value) -> Reply {
    forward(&ctx, request, api::packs::pack_pdf)
}

/// Asks where to save the built pack and writes it there. Answers `{saved, path?}`; cancelling
/// the dialog is not an error.
#[tauri::command(async)]
pub fn pack_save_as<R: Runtime>(app: AppHandle<R>, ctx: State<'_, ApiContext>, remote: State<'_, Remote>, request: Value) -> Reply {
    let job_id = job_of(&request)?;
    let bytes = match remote::pack_bytes(&remote, job_id) {
        Some(from_server) => from_server?,
        None => ctx.pack_bytes(job_id)?.to_vec(),
    };
    let mut dialog = app
        .dialog()
        .file()
        .set_title("Save the agenda pack")
        .set_file_name(format!("agenda-pack-{job_id}.pdf"))
        .add_filter("PDF document", &["pdf"]);
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    let Some(chosen) = dialog.blocking_save_file() else {
        return Ok(json!({ "saved": false }));
    };
    let path = chosen
        .into_path()
        .map_err(|e| ApiError::new(ErrorCode::Invalid, format!("The chosen place cannot be saved to: {e}.")))?;
    std::fs::write(&path, bytes.as_slice())
        .map_err(|e| ApiError::new(ErrorCode::Storage, format!("The pack could not be saved to {}: {e}.", path.display())))?;
    Ok(json!({ "saved": true, "path": path.display().to_string() }))
}

/// Opens the built pack in the system's PDF viewer: the copy the build wrote beside the
/// database, or, when there is none, a copy written to the temporary folder now.
#[tauri::command(async)]
pub fn pack_open_external<R: Runtime>(app: AppHandle<R>, ctx: State<'_, ApiContext>, remote: State<'_, Remote>, request: Value) -> Reply {
    let job_id = job_of(&request)?;
    let from_server = remote::pack_bytes(&remote, job_id).transpose()?;
    let kept = if from_server.is_none() { ctx.pack_file(job_id)? } else { None };
    let path = match kept {
        Some(path) => path,
        None => {
            let bytes = match from_server {
                Some(bytes) => bytes,
                None => ctx.pack_bytes(job_id)?.to_vec(),
            };
            let folder = std::env::temp_dir().join("agendapack");
            std::fs::create_dir_all(&folder)
                .map_err(|e| internal(format!("The temporary folder {} could not be made: {e}.", folder.display())))?;
            let path = folder.join(format!("agenda-pack-{job_id}.pdf"));
            std::fs::write(&path, bytes.as_slice())
                .map_err(|e| internal(format!("The pack could not be written to {}: {e}.", path.display())))?;
            path
        }
    };
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| internal(format!("No PDF viewer could be started: {e}.")))?;
    Ok(json!({ "opened": true, "path": path.display().to_string() }))
}

/// The job a save or open request names (`{job_id}`, as for pack_pdf).
fn job_of(request: &Value) -> Result<u64, CommandError> {
    #[derive(Deserialize)]
    struct Named {
        job_id: u64,
    }
    let body = serde_json::to_vec(request).map_err(|e| internal(format!("The request could not be read: {e}.")))?;
    let named: Named = parse_request(&body)?;
    Ok(named.job_id)
}

/// Sends `pack-progress` events for one build until it stops running. The watcher only reads the
/// job table; the build itself runs on the api's worker thread.
fn watch<R: Runtime>(app: AppHandle<R>, job_id: u64) {
    let spawned = std::thread::Builder::new().name(format!("pack-progress-{job_id}")).spawn(move || loop {
        let ctx = app.state::<ApiContext>();
        // A job the api no longer knows has nothing more to report; pack_job tells the page.
        let Ok(job) = api::packs::pack_job(&ctx, PackJobRequest { job_id }) else {
            return;
        };
        let running = job.state == JobState::Running;
        let mut payload = match serde_json::to_value(&job) {
            Ok(Value::Object(map)) => map,
            _ => return,
        };
        payload.insert("job_id".into(), json!(job_id));
        if let Err(e) = app.emit(PROGRESS_EVENT, Value::Object(payload)) {
            eprintln!("agendapack-desktop: a progress event could not be sent: {e}");
        }
        if !running {
            return;
        }
        std::thread::sleep(WATCH_EVERY);
    });
    if let Err(e) = spawned {
        // The page still polls pack_job, so the build is followed without events.
        eprintln!("agendapack-desktop: progress events are off for this build: {e}");
    }
}
