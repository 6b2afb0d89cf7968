//! The built UI's files (`ui/dist`) for a URL path, as both HTTP servers answer them: the
//! loopback `agendapack serve` and the team server `agendapack server`. `/` is index.html, an
//! app route (a path without an extension that names no file) is index.html too, and a path
//! that would leave the folder is no file at all.
//!
//! The path is taken as the request sent it, not percent-decoded: the UI's own files have
//! plain names, so `%2e%2e` is only ever a file name that does not exist, never a way up.
//!
//! Deliberately not here: HTTP (each server answers the bytes its own way), caching.

use std::path::{Component, Path};

/// The content-security policy every answer of both servers carries. No remote content, no inline scripts, no framing by other sites; blob: for the PDF viewer.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; \
font-src 'self'; connect-src 'self'; worker-src 'self' blob:; frame-src 'self' blob:; object-src 'none'; \
base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The UI file for a URL path: `/` is index.html; a path without an extension that names no
/// file is the app's own route, answered with index.html too. Paths leaving `ui` are refused.
pub fn static_file(ui: &Path, url: &str) -> Option<(Vec<u8>, &'static str)> {
    let relative = Path::new(url.trim_start_matches('/'));
    if !relative.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut path = if relative.as_os_str().is_empty() { ui.join("index.html") } else { ui.join(relative) };
    if !path.is_file() && relative.extension().is_none() {
        path = ui.join("index.html");
    }
    let bytes = std::fs::read(&path).ok()?;
    Some((bytes, content_type(&path)))
}

pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json" | "map") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("ttf") => "font/ttf",
        Some("wasm") => "application/wasm",
        Some("pdf") => "application/pdf",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_ui_folder_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "<!doctype html>").unwrap();
        assert!(static_file(dir.path(), "/../Cargo.toml").is_none(), "a .. path must not escape the UI folder");
        assert_eq!(static_file(dir.path(), "/").map(|f| f.1), Some("text/html; charset=utf-8"), "/ is index.html");
        assert!(static_file(dir.path(), "/meetings/3").is_some(), "an app route falls back to index.html");
        assert!(static_file(dir.path(), "/missing.js").is_none(), "a missing asset is not index.html");
    }

    #[test]
    fn encoded_and_backslashed_ways_up_are_no_file() {
        let root = tempfile::tempdir().unwrap();
        let ui = root.path().join("dist");
        std::fs::create_dir(&ui).unwrap();
        std::fs::write(ui.join("index.html"), "<!doctype html>").unwrap();
        std::fs::write(root.path().join("secret.txt"), "not for the web").unwrap();
        for url in ["/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/..%2fsecret.txt", "/..\\secret.txt", "/./../secret.txt", "//../secret.txt"] {
            let leaked = matches!(static_file(&ui, url), Some((ref bytes, _)) if bytes == b"not for the web");
            assert!(!leaked, "{url} must not reach a file outside the UI folder");
        }
    }
}
