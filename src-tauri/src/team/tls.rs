//! The team server's TLS identity: the council's certificate and key (PEM files, `--cert` and
//! `--key`), or else a self-signed certificate made on first start and kept beside the
//! database, so that its fingerprint, printed at every start, stays the one people were told to
//! trust. rustls with the ring provider does the TLS; rcgen makes the certificate.
//!
//! Deliberately not here: HTTP, and any trust decision (browsers and the desktop app make it,
//! by a council's certificate authority or by the printed fingerprint).

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::ServerConfig;
use sha2::{Digest, Sha256};

/// Why the server has no TLS identity; each message is one sentence naming the file.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("cannot read the certificate {path}: {reason}")]
    Certificate { path: String, reason: String },
    #[error("cannot read the private key {path}: {reason}")]
    Key { path: String, reason: String },
    #[error("the certificate {cert} and the key {key} cannot be used together: {reason}")]
    Pair { cert: String, key: String, reason: String },
    #[error("cannot make a self-signed certificate: {0}")]
    Make(String),
    #[error("cannot keep the self-signed certificate: {0}")]
    Keep(String),
}

/// Where the certificate and key come from.
#[derive(Debug, Clone)]
pub enum TlsSource {
    /// The council's own PEM files: a certificate chain (server certificate first) and its key.
    Files { cert: PathBuf, key: PathBuf },
    /// A self-signed certificate kept in these two files, made when they do not exist yet,
    /// for the host names and addresses given (used only when making it).
    SelfSigned { cert: PathBuf, key: PathBuf, names: Vec<String> },
}

/// A TLS identity ready to serve.
pub struct Identity {
    pub config: Arc<ServerConfig>,
    /// SHA-256 of the server certificate (DER), as browsers show it: `AB:CD:...`.
    pub fingerprint: String,
    /// Where the certificate is, and whether this start made it.
    pub cert_path: PathBuf,
    pub made_now: bool,
}

/// The two files of the self-signed certificate for a database: `NAME.db` keeps
/// `NAME.db.server-cert.pem` and `NAME.db.server-key.pem` beside it.
pub fn self_signed_paths(db: &Path) -> (PathBuf, PathBuf) {
    let name = db.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "agendapack.db".into());
    let dir = db.parent().unwrap_or(Path::new("."));
    (dir.join(format!("{name}.server-cert.pem")), dir.join(format!("{name}.server-key.pem")))
}

/// The names a new self-signed certificate is made for: localhost and the loopback addresses,
/// the address listened on when it is a particular one, this machine's name, and `extra`.
pub fn default_names(listen: IpAddr, extra: &[String]) -> Vec<String> {
    let mut names = vec!["localhost".to_string(), "127.0.0.1".to_string(), "::1".to_string()];
    if !listen.is_unspecified() {
        names.push(listen.to_string());
    }
    if let Some(host) = machine_name() {
        names.push(host);
    }
    names.extend(extra.iter().cloned());
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| seen.insert(n.to_ascii_lowercase()));
    names
}

/// The machine's name as the operating system gives it, when it is a usable DNS name.
fn machine_name() -> Option<String> {
    let name = std::env::var("COMPUTERNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())?;
    let name = name.trim().to_ascii_lowercase();
    let usable = !name.is_empty()
        && name.len() <= 253
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    usable.then_some(name)
}

/// Loads (or first makes) the identity.
pub fn load(source: &TlsSource) -> Result<Identity, TlsError> {
    match source {
        TlsSource::Files { cert, key } => {
            let (chain, private) = read_pair(cert, key)?;
            identity(chain, private, cert, key, false)
        }
        TlsSource::SelfSigned { cert, key, names } => {
            let made_now = !cert.exists() && !key.exists();
            if made_now {
                make_self_signed(cert, key, names)?;
            }
            let (chain, private) = read_pair(cert, key)?;
            identity(chain, private, cert, key, made_now)
        }
    }
}

fn read_pair(cert: &Path, key: &Path) -> Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>), TlsError> {
    let cert_error = |reason: String| TlsError::Certificate { path: cert.display().to_string(), reason };
    let chain = CertificateDer::pem_file_iter(cert)
        .map_err(|e| cert_error(pem_reason(&e)))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| cert_error(pem_reason(&e)))?;
    if chain.is_empty() {
        return Err(cert_error("it holds no PEM certificate (-----BEGIN CERTIFICATE-----)".into()));
    }
    let private = PrivateKeyDer::from_pem_file(key)
        .map_err(|e| TlsError::Key { path: key.display().to_string(), reason: pem_reason(&e) })?;
    Ok((chain, private))
}

fn pem_reason(e: &rustls::pki_types::pem::Error) -> String {
    use rustls::pki_types::pem::Error;
    match e {
        Error::Io(io) => crate::atomic_file::plain(io),
        Error::NoItemsFound => "it holds no PEM block of that kind".into(),
        other => format!("it is not a valid PEM file ({other:?})").chars().take(120).collect(),
    }
}

fn identity(
    chain: Vec<CertificateDer<'static>>,
    private: PrivateKeyDer<'static>,
    cert: &Path,
    key: &Path,
    made_now: bool,
) -> Result<Identity, TlsError> {
    let fingerprint = fingerprint(&chain[0]);
    // ring, not aws-lc-rs: it builds with a C compiler alone (no cmake, no NASM), here and in the
    // Windows cross-build. rustls 0.23.48 marks ring's provider deprecated for want of
    // post-quantum key exchange; its classical suites (TLS 1.3, X25519, ECDSA/RSA) are sound.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let pair_error = |reason: String| TlsError::Pair { cert: cert.display().to_string(), key: key.display().to_string(), reason };
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| pair_error(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(chain, private)
        .map_err(|e| pair_error(e.to_string()))?;
    // HTTP/1.1 only: the server speaks nothing else (no HTTP/2), and says so in the handshake.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Identity { config: Arc::new(config), fingerprint, cert_path: cert.to_path_buf(), made_now })
}

/// SHA-256 of a certificate's DER bytes, upper-case hex in colon-separated pairs.
pub fn fingerprint(cert: &[u8]) -> String {
    Sha256::digest(cert).iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(":")
}

/// Makes an ECDSA P-256 self-signed certificate valid from yesterday for five years, and writes
/// it and its key (the key readable by the owner only, on Unix).
fn make_self_signed(cert: &Path, key: &Path, names: &[String]) -> Result<(), TlsError> {
    use chrono::Datelike;
    let make = |e: rcgen::Error| TlsError::Make(e.to_string());
    let key_pair = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).map_err(make)?;
    let mut params = rcgen::CertificateParams::new(names.to_vec()).map_err(make)?;
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.distinguished_name.push(rcgen::DnType::CommonName, "AgendaPack team server");
    params.distinguished_name.push(rcgen::DnType::OrganizationName, "AgendaPack (self-signed)");
    let today = chrono::Utc::now().date_naive();
    let start = today.pred_opt().unwrap_or(today);
    params.not_before = rcgen::date_time_ymd(start.year(), start.month() as u8, start.day() as u8);
    params.not_after = rcgen::date_time_ymd(start.year() + 5, start.month() as u8, start.day().min(28) as u8);
    let certificate = params.self_signed(&key_pair).map_err(make)?;
    let keep = |e: crate::atomic_file::WriteError| TlsError::Keep(e.to_string());
    crate::atomic_file::write_with(key, |temp| {
        write_private(temp, key_pair.serialize_pem().as_bytes())
    })
    .map_err(keep)?;
    crate::atomic_file::write(cert, certificate.pem().as_bytes()).map_err(keep)?;
    Ok(())
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_self_signed_certificate_is_made_once_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (cert, key) = self_signed_paths(&dir.path().join("council.db"));
        assert!(cert.ends_with("council.db.server-cert.pem"), "{cert:?}");
        let source = TlsSource::SelfSigned { cert: cert.clone(), key: key.clone(), names: vec!["localhost".into()] };
        let first = load(&source).unwrap();
        assert!(first.made_now, "the first start makes it");
        let again = load(&source).unwrap();
        assert!(!again.made_now, "a later start keeps it");
        assert_eq!(first.fingerprint, again.fingerprint, "so the fingerprint people trust stays the same");
        assert_eq!(first.fingerprint.len(), 32 * 3 - 1, "32 bytes as AB:CD:..: {}", first.fingerprint);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&key).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "the private key is the owner's alone");
        }
    }

    #[test]
    fn files_that_are_not_a_certificate_and_key_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
        std::fs::write(&cert, "hello").unwrap();
        std::fs::write(&key, "hello").unwrap();
        let err = load(&TlsSource::Files { cert: cert.clone(), key: key.clone() }).err().unwrap().to_string();
        assert!(err.starts_with("cannot read the certificate") && err.contains("cert.pem"), "{err}");
        let missing = load(&TlsSource::Files { cert: dir.path().join("none.pem"), key }).err().unwrap().to_string();
        assert!(missing.contains("none.pem"), "{missing}");
    }

    #[test]
    fn a_key_from_another_certificate_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (cert_a, key_a) = self_signed_paths(&dir.path().join("a.db"));
        let (_, key_b) = self_signed_paths(&dir.path().join("b.db"));
        load(&TlsSource::SelfSigned { cert: cert_a.clone(), key: key_a, names: vec!["localhost".into()] }).unwrap();
        load(&TlsSource::SelfSigned { cert: dir.path().join("b.db.server-cert.pem"), key: key_b.clone(), names: vec!["localhost".into()] })
            .unwrap();
        let err = load(&TlsSource::Files { cert: cert_a, key: key_b }).err().unwrap().to_string();
        assert!(err.contains("cannot be used together"), "{err}");
    }
}
