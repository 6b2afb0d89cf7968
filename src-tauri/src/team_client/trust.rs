//! Which certificate the desktop app accepts from a team server, decided in one rustls
//! `ServerCertVerifier`:
//! - `Trust::Pinned(fingerprint)`: exactly the certificate whose SHA-256 fingerprint the person
//!   confirmed against the one the server printed at start (first-use trust, as SSH does). The
//!   name and dates are not checked, since the person's confirmation is the trust; any other
//!   certificate is refused, even one a public authority signed, and the fingerprint it had is
//!   kept so the app can name both.
//! - `Trust::Authority`: the usual web PKI (the public authorities' roots): a council
//!   certificate bought from one, renewed without anyone having to confirm anything.
//! - `Trust::Probe`: accepts any certificate and records it, for the one request that asks
//!   "is this an AgendaPack server, and what is its fingerprint?" before any name or password
//!   is sent.
//!
//! In every case the handshake's signature is still checked against the certificate's key, so
//! a certificate copied from the real server is of no use without its private key.
//!
//! Deliberately not here: where trusted fingerprints are kept (the desktop's settings file).

use std::sync::{Arc, Mutex};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};

use crate::team::tls::fingerprint;

/// What the verifier accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trust {
    Pinned(String),
    Authority,
    Probe,
}

/// What the last handshake presented: the certificate's fingerprint, and whether the public
/// authorities vouch for it (for this host name, today).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Presented {
    pub fingerprint: String,
    pub by_authority: bool,
}

/// Where the verifier records what each handshake presented, shared with the client.
pub type Seen = Arc<Mutex<Option<Presented>>>;

/// The verifier; `seen` is shared with the client, which reads it to explain a refusal.
#[derive(Debug)]
pub struct Verifier {
    trust: Trust,
    provider: Arc<CryptoProvider>,
    web_pki: Option<Arc<WebPkiServerVerifier>>,
    seen: Seen,
}

/// The ring provider, as the team server uses (builds without cmake or NASM).
pub fn provider() -> Arc<CryptoProvider> {
    #[allow(deprecated)]
    Arc::new(rustls::crypto::ring::default_provider())
}

/// A TLS client configuration that trusts as `trust` says, and the slot that records what each
/// handshake presented.
pub fn client_config(trust: Trust) -> Result<(Arc<ClientConfig>, Seen), String> {
    let provider = provider();
    let roots = RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
    let web_pki = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), Arc::clone(&provider))
        .build()
        .ok();
    let seen = Arc::new(Mutex::new(None));
    let verifier = Arc::new(Verifier { trust, provider: Arc::clone(&provider), web_pki, seen: Arc::clone(&seen) });
    let mut config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS could not be set up: {e}."))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    // The team server speaks HTTP/1.1 only, as does the client.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok((Arc::new(config), seen))
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let by_authority = self
            .web_pki
            .as_ref()
            .is_some_and(|pki| pki.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now).is_ok());
        let presented = Presented { fingerprint: fingerprint(end_entity), by_authority };
        *self.seen.lock().unwrap_or_else(|p| p.into_inner()) = Some(presented.clone());
        let accepted = match &self.trust {
            Trust::Pinned(pin) => same_fingerprint(pin, &presented.fingerprint),
            Trust::Authority => presented.by_authority,
            Trust::Probe => true,
        };
        if accepted {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General("the team server's certificate is not the trusted one".into()))
        }
    }

    fn verify_tls12_signature(&self, message: &[u8], cert: &CertificateDer<'_>, dss: &DigitallySignedStruct) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(&self, message: &[u8], cert: &CertificateDer<'_>, dss: &DigitallySignedStruct) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

/// Fingerprints compared as hex digits, whatever separators or case they were written with
/// (people copy them from a terminal, a browser or an e-mail).
pub fn same_fingerprint(a: &str, b: &str) -> bool {
    let digits = |s: &str| s.chars().filter(char::is_ascii_hexdigit).map(|c| c.to_ascii_uppercase()).collect::<String>();
    let (a, b) = (digits(a), digits(b));
    a.len() == 64 && a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_match_whatever_they_were_written_with() {
        let colons = "AB:".repeat(31) + "AB";
        assert!(same_fingerprint(&colons, &"ab".repeat(32)));
        assert!(same_fingerprint(&colons, &"ab ".repeat(32)));
        assert!(!same_fingerprint(&colons, &("AB:".repeat(31) + "AC")));
        assert!(!same_fingerprint("", ""), "an empty pin trusts nothing");
        assert!(!same_fingerprint("AB:CD", "AB:CD"), "a short pin trusts nothing");
    }
}
