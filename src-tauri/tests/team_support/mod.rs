//! What the team server's tests share (team_server, team_live, team_client, team_load): an
//! account made as an administrator makes one (`user add`, the password on standard input),
//! the lines `agendapack server` prints before it serves (its port and certificate
//! fingerprint), and a TLS client that trusts exactly the server's own certificate.
//! Each test file includes `cli_support` too, which starts the binary.
#![allow(dead_code)] // each test file uses the part it needs

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{ChildStdout, Stdio};
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;

use crate::cli_support;

/// The password every test account is given.
pub fn password(name: &str) -> String {
    format!("{name}-password-1")
}

/// `agendapack --db DB user add NAME --role ROLE [--display FULL NAME]`, with [`password`] on
/// standard input; it must succeed.
pub fn add_user(home: &Path, db: &Path, name: &str, role: &str, display: Option<&str>) {
    let mut command = cli_support::agendapack(home);
    command.arg("--db").arg(db).args(["user", "add", name, "--role", role]);
    if let Some(display) = display {
        command.args(["--display", display]);
    }
    let mut child = command.stdin(Stdio::piped()).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(format!("{}\n", password(name)).as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "user add {name}: {}", String::from_utf8_lossy(&out.stderr));
}

/// What the server printed before serving.
pub struct Printed {
    pub port: u16,
    pub fingerprint: String,
    /// It made a self-signed certificate on this start.
    pub made_certificate: bool,
}

/// Reads the server's standard output up to its fingerprint line, which it prints once it
/// listens.
pub fn read_start(stdout: ChildStdout) -> Printed {
    let mut lines = BufReader::new(stdout).lines();
    let (mut port, mut made_certificate) = (None, false);
    let fingerprint = loop {
        let line = lines.next().expect("the server prints its address and fingerprint before serving").unwrap();
        if line.starts_with("Made a self-signed certificate: ") {
            made_certificate = true;
        } else if let Some(rest) = line.strip_prefix("AgendaPack team server on https://127.0.0.1:") {
            port = rest.parse().ok();
        } else if let Some(rest) = line.strip_prefix("Certificate SHA-256 fingerprint: ") {
            break rest.to_string();
        }
    };
    Printed { port: port.expect("the server prints its address"), fingerprint, made_certificate }
}

/// A TLS client configuration that trusts the certificate in `pem` and nothing else.
pub fn trusting(pem: &Path) -> Arc<rustls::ClientConfig> {
    let cert = std::fs::read(pem).expect("the certificate to trust is there");
    let mut roots = rustls::RootCertStore::empty();
    roots.add(CertificateDer::from_pem_slice(&cert).unwrap()).unwrap();
    #[allow(deprecated)] // ring's provider; see team/tls.rs
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    Arc::new(config)
}
