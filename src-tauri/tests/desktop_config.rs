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

/// Permissions the window may hold: listening for pack-progress events and the close request,
/// and destroying its own window (the leave guard holds a close request while a change cannot
/// be saved, and closes the window itself once the user answers Leave); nothing more.
const ALLOWED: &[&str] = &["core:event:allow-listen", "core:event:allow-unlisten", "core:window:allow-destroy"];

#[test]
fn capabilities_grant_the_window_only_events_and_its_own_close() {
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

// ---- Issue 10: what the web side can hand the backend, and how SQL is built. ----

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The non-test part of a source file: test modules sit at the end, after `#[cfg(test)]`.
fn production_source(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{} reads: {e}", path.display()));
    match text.find("#[cfg(test)]") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

#[test]
fn the_web_side_never_hands_the_backend_a_file_path() {
    // Attachments arrive as bytes and Save As runs a native dialog in Rust: no command request
    // carries a path, and no name from a request is joined onto one.
    let mut files = Vec::new();
    rust_files(&src_tauri().join("src/api"), &mut files);
    rust_files(&src_tauri().join("src/desktop"), &mut files);
    assert!(files.len() > 5, "the api and desktop sources are found");
    for file in files {
        let source = production_source(&file);
        for (n, block) in source.split("pub struct ").enumerate().skip(1) {
            let (name, body) = block.split_once('{').unwrap_or((block, ""));
            let body = body.split('}').next().unwrap_or_default();
            if name.trim().ends_with("Request") {
                assert!(
                    !body.contains("PathBuf") && !body.contains("Path>") && !body.contains("&Path"),
                    "{} struct {n} ({}) must not take a file path from the page",
                    file.display(),
                    name.trim()
                );
            }
        }
        for pattern in [".join(req.", ".join(&req.", "File::create(req.", "File::create(&req.", "fs::write(req.", "fs::write(&req."] {
            assert!(!source.contains(pattern), "{} must not build a path from a request ({pattern})", file.display());
        }
    }
}

/// The `{...}` placeholders of one string literal.
fn placeholders(literal: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = literal;
    while let Some(start) = rest.find('{') {
        if rest[start + 1..].starts_with('{') {
            rest = &rest[start + 2..];
            continue;
        }
        let Some(end) = rest[start..].find('}') else { break };
        out.push(rest[start + 1..start + end].split(':').next().unwrap_or_default().to_string());
        rest = &rest[start + end + 1..];
    }
    out
}

#[test]
fn the_store_builds_sql_only_from_constants_and_parameters() {
    // Values reach SQLite only as parameters (?1). A `format!` that builds SQL may splice in
    // nothing but UPPER_CASE constants (column lists, fixed clauses) and, in the migration
    // runner, the migration's own number into `PRAGMA user_version`.
    const SQL_WORDS: [&str; 8] = ["SELECT ", "INSERT ", "UPDATE ", "DELETE ", "PRAGMA ", " WHERE ", " FROM ", "CREATE "];
    let mut files = Vec::new();
    rust_files(&src_tauri().join("crates/store/src"), &mut files);
    let mut checked = 0;
    for file in files.iter().filter(|f| !f.to_string_lossy().ends_with("tests.rs")) {
        let source = production_source(file);
        let mut rest = source.as_str();
        while let Some(at) = rest.find("format!(") {
            rest = &rest[at + "format!(".len()..];
            let trimmed = rest.trim_start();
            let Some(body) = trimmed.strip_prefix('"') else { continue };
            let mut end = 0;
            let bytes = body.as_bytes();
            while end < bytes.len() && !(bytes[end] == b'"' && (end == 0 || bytes[end - 1] != b'\\')) {
                end += 1;
            }
            let literal = &body[..end];
            // The store writes SQL keywords in capitals; prose ("cannot go from") is not SQL.
            if !SQL_WORDS.iter().any(|w| literal.contains(w)) {
                continue;
            }
            checked += 1;
            let args = &body[end..body[end..].find(')').map(|e| end + e).unwrap_or(end)];
            for name in placeholders(literal) {
                let constant = !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
                let version = name.is_empty() && file.ends_with("migrate.rs") && args.contains("migration.version");
                assert!(
                    constant || version,
                    "{}: SQL built with format! splices {{{name}}} into {literal:?}; pass values as parameters",
                    file.display()
                );
            }
        }
    }
    assert!(checked >= 2, "the check saw the store's format!-built SQL ({checked} literals), so it is looking at the right files");
}
