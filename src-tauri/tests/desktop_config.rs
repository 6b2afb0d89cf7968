//! Checks the desktop app's security settings as written in `tauri.conf.json` and
//! `capabilities/*.json`: a strict content-security policy, no remote content, and a window that
//! may do only what it needs. Plain JSON checks, so they run without the "desktop" feature and
//! without GTK or WebKit; a loosened policy fails here before anyone ships it.
//!
//! Deliberately not here: whether the app runs (tests/desktop.sh drives the real app).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn src_tauri() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{} should be readable: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} should be valid JSON: {e}", path.display()))
}

fn config() -> Value {
    read_json(&src_tauri().join("tauri.conf.json"))
}

/// The CSP as directive -> sources.
fn csp() -> BTreeMap<String, Vec<String>> {
    let conf = config();
    let csp = &conf["app"]["security"]["csp"];
    let object = csp.as_object().expect("app.security.csp should be an object of directives, so each can be checked");
    object
        .iter()
        .map(|(name, sources)| {
            let text = sources.as_str().expect("each CSP directive should be one string of sources");
            (name.clone(), text.split_whitespace().map(str::to_owned).collect())
        })
        .collect()
}

/// Every string anywhere in a JSON value, for the "no remote URL" check.
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            out.push(k.clone());
            strings(v, out)
        }),
        _ => {}
    }
}

/// The only http URL the app may name: Tauri's own IPC endpoint inside the webview.
const IPC_ORIGIN: &str = "http://ipc.localhost";

/// Whether a config string names a remote origin. CSP source lists hold several sources in
/// one string, so each whitespace-separated source is judged alone; Tauri's own IPC origin is
/// local.
fn is_remote(s: &str) -> bool {
    s.split_whitespace().any(|source| {
        let lower = source.to_ascii_lowercase();
        ["http://", "https://", "ws://", "wss://", "ftp://"].iter().any(|scheme| lower.contains(scheme))
            && lower != IPC_ORIGIN
    })
}

#[test]
fn csp_allows_only_the_apps_own_content() {
    let csp = csp();
    let expect = |name: &str, sources: &[&str]| {
        let got = csp.get(name).unwrap_or_else(|| panic!("the CSP should set {name}, or it falls back to something looser"));
        assert_eq!(got, &sources.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{name} should allow exactly {sources:?}");
    };
    expect("default-src", &["'self'"]);
    // No inline or eval'd script: an injected <script> in a report title must not run.
    expect("script-src", &["'self'"]);
    expect("img-src", &["'self'", "data:", "blob:"]);
    // pdf.js runs its worker from a blob: URL.
    expect("worker-src", &["'self'", "blob:"]);
    expect("connect-src", &["ipc:", IPC_ORIGIN]);
    expect("object-src", &["'none'"]);
    for (name, sources) in &csp {
        for source in sources {
            assert!(!source.contains('*'), "{name} should not use a wildcard source ({source})");
            assert!(!is_remote(source), "{name} should name no remote origin ({source})");
            assert!(
                source != "'unsafe-eval'" && !(source == "'unsafe-inline'" && name != "style-src"),
                "{name} should not allow {source}: only styles may be inline (editor and viewer set them at run time)"
            );
        }
    }
}

#[test]
fn config_names_no_remote_content_and_embeds_the_built_ui() {
    let conf = config();
    let mut all = Vec::new();
    strings(&conf, &mut all);
    let remote: Vec<&String> = all.iter().filter(|s| is_remote(s)).collect();
    assert!(remote.is_empty(), "tauri.conf.json should name no remote URL, found {remote:?}");
    assert_eq!(conf["build"]["frontendDist"], "../ui/dist", "the window should show the UI built into the binary, not a served page");
    assert!(conf["build"].get("devUrl").is_none(), "no devUrl: the app never loads its page from a server");
    assert_eq!(conf["app"]["withGlobalTauri"], false, "the page should reach Tauri only through the UI's command layer");
    let windows = conf["app"]["windows"].as_array().expect("app.windows should list the window");
    assert_eq!(windows.len(), 1, "AgendaPack has one window");
    let window = &windows[0];
    assert_eq!(window["title"], "AgendaPack", "the window title names the app");
    assert_eq!((window["width"].as_f64(), window["height"].as_f64()), (Some(1280.0), Some(800.0)), "the window opens at 1280x800");
    assert!(window.get("url").is_none(), "the window should load the embedded index page, not a URL");
}

/// Permissions the window may hold: listening for pack-progress events, nothing more.
const ALLOWED: &[&str] = &["core:event:allow-listen", "core:event:allow-unlisten"];

#[test]
fn capabilities_grant_the_window_only_event_listening() {
    let dir = src_tauri().join("capabilities");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{} should exist: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json" || x == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "a capability file should exist, or Tauri grants nothing and the UI cannot listen for progress");
    for file in &files {
        assert!(file.extension().is_some_and(|x| x == "json"), "{} should be JSON so this test can read it", file.display());
        let cap = read_json(file);
        assert!(cap.get("remote").is_none(), "{} should not open the IPC to remote pages", file.display());
        assert_eq!(cap["windows"], serde_json::json!(["main"]), "{} should apply to the main window only", file.display());
        let permissions = cap["permissions"].as_array().expect("a capability lists its permissions");
        for permission in permissions {
            let name = permission
                .as_str()
                .unwrap_or_else(|| panic!("{}: permissions should be plain identifiers, not scoped objects ({permission})", file.display()));
            assert!(
                ALLOWED.contains(&name),
                "{}: {name} is more than the window needs (no core defaults, shell, fs, http, dialog or opener: saving and opening happen on the Rust side)",
                file.display()
            );
        }
    }
}

#[test]
fn window_icon_is_an_rgba_png() {
    let path = src_tauri().join("icons/icon.png");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{} should exist: Tauri embeds it as the window icon: {e}", path.display()));
    assert!(bytes.len() > 33 && bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "icon.png should be a PNG");
    assert_eq!(&bytes[12..16], b"IHDR", "a PNG starts with its header chunk");
    assert_eq!(bytes[24], 8, "Tauri needs 8 bits per channel");
    assert_eq!(bytes[25], 6, "Tauri needs an RGBA icon (colour type 6)");
}
