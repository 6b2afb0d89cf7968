//! `agendapack serve` started for a test: a temporary database and a stand-in UI folder, port 0
//! (the server prints where it listens), and the process stopped when the test ends, also on
//! failure. One place for the HTTP tests (api_serve, serve_cross_site).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// The server process, stopped when the test ends (also on failure).
pub struct Server {
    child: Child,
    pub port: u16,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn start() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let ui = dir.path().join("ui");
    std::fs::create_dir(&ui).unwrap();
    std::fs::write(ui.join("index.html"), "<!doctype html><title>AgendaPack</title>").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_agendapack"))
        .arg("--db")
        .arg(dir.path().join("test.db"))
        .args(["serve", "--port", "0", "--ui"])
        .arg(&ui)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let port = line
        .trim()
        .strip_prefix("AgendaPack serving on http://127.0.0.1:")
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("the server must print where it listens, got {line:?}"));
    Server { child, port, _dir: dir }
}
