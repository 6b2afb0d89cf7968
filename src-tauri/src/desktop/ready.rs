//! The cold-start measuring hook used by tests/desktop-e2e/cold-start.sh. When the
//! `AGENDAPACK_READY_FILE` variable names a file, the app watches its page after it loads and,
//! once the meetings list is on screen and painted (two animation frames later), writes the wall
//! clock time in nanoseconds since the Unix epoch to that file. The script compares it with the
//! time it launched the app. Without the variable nothing is watched and nothing is written.
//!
//! Deliberately not here: deciding what "fast enough" is (the script reports, it does not judge).

use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use tauri::{Runtime, Webview};

use super::commands::{internal, CommandError};

/// The environment variable naming the file to write when the window is ready.
pub const READY_FILE_VARIABLE: &str = "AGENDAPACK_READY_FILE";

/// The element that shows the window is usable: a row of the meetings list.
const READY_SELECTOR: &str = "tr[data-meeting-id]";

fn ready_file() -> Option<PathBuf> {
    std::env::var_os(READY_FILE_VARIABLE).filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// Called when the page has loaded: starts watching for the meetings list, if asked to.
pub fn watch<R: Runtime>(webview: &Webview<R>) {
    if ready_file().is_none() {
        return;
    }
    // Evaluated by the webview itself, not loaded as page script, so the CSP's script-src 'self'
    // still holds for everything the page loads.
    let script = format!(
        "(function () {{
            const selector = {selector};
            function check() {{
                if (document.querySelector(selector)) {{
                    requestAnimationFrame(() => requestAnimationFrame(() =>
                        window.__TAURI_INTERNALS__.invoke('desktop_ready', {{}})));
                }} else {{
                    requestAnimationFrame(check);
                }}
            }}
            check();
        }})();",
        selector = serde_json::Value::String(READY_SELECTOR.to_owned())
    );
    if let Err(e) = webview.eval(&script) {
        eprintln!("agendapack-desktop: the ready watch could not start: {e}");
    }
}

/// The page reports that the meetings list is painted: record the time.
#[tauri::command]
pub fn desktop_ready() -> Result<(), CommandError> {
    let Some(file) = ready_file() else {
        return Ok(());
    };
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .map_err(|_| internal("The system clock is set before 1970."))?;
    std::fs::write(&file, format!("{nanos}\n"))
        .map_err(|e| internal(format!("The ready file {} could not be written: {e}.", file.display())))
}
