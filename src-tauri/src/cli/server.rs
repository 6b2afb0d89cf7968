//! `agendapack server`: the team server (`crate::team`) on an address of the council's network,
//! over HTTPS with the council's certificate (`--cert`, `--key`) or a self-signed one kept
//! beside the database; single sign-on with the council's identity provider when
//! `--oidc-issuer` and `--oidc-client-id` are given (`crate::team::sso`).
//!
//! Deliberately not here: anything the server does (see `crate::team`).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{db, CliError, CliResult};
use crate::api::ApiContext;
use crate::team::{self, tls::TlsSource, TeamConfig};

#[derive(Debug, Args)]
pub struct ServerArgs {
    /// The address and port to listen on (0.0.0.0:8443 for every interface; port 0 picks one).
    #[arg(long, value_name = "ADDR:PORT")]
    pub listen: SocketAddr,
    /// The council's certificate chain (PEM); without it a self-signed one is made and kept
    /// beside the database.
    #[arg(long, value_name = "FILE", requires = "key")]
    pub cert: Option<PathBuf>,
    /// The private key of --cert (PEM).
    #[arg(long, value_name = "FILE", requires = "cert")]
    pub key: Option<PathBuf>,
    /// Another host name or address for a self-signed certificate made now (repeatable).
    #[arg(long = "name", value_name = "HOST", conflicts_with = "cert")]
    pub names: Vec<String>,
    /// The built UI to serve at / (default: ui/dist in the current folder).
    #[arg(long, value_name = "DIR")]
    pub ui: Option<PathBuf>,
    /// The council's OpenID Connect identity provider (its issuer address, https://) for single
    /// sign-on; the client secret is read from the environment variable AGENDAPACK_OIDC_SECRET.
    #[arg(long, value_name = "URL", requires = "oidc_client_id")]
    pub oidc_issuer: Option<String>,
    /// This server's client id at the identity provider.
    #[arg(long, value_name = "ID", requires = "oidc_issuer")]
    pub oidc_client_id: Option<String>,
    /// The ID token's claim that names the local account: preferred_username (default) or sub.
    #[arg(long, value_name = "CLAIM", default_value = "preferred_username", requires = "oidc_issuer")]
    pub oidc_claim: String,
}

pub fn run(db_path: Option<&Path>, args: &ServerArgs) -> CliResult {
    let store = db::open(db_path)?;
    let tls = match (&args.cert, &args.key) {
        (Some(cert), Some(key)) => TlsSource::Files { cert: cert.clone(), key: key.clone() },
        _ => {
            let db_file = store
                .path()
                .map(Path::to_path_buf)
                .ok_or_else(|| CliError("the team server needs a database file to keep its certificate beside".into()))?;
            let (cert, key) = team::tls::self_signed_paths(&db_file);
            TlsSource::SelfSigned { cert, key, names: team::tls::default_names(args.listen.ip(), &args.names) }
        }
    };
    let ui = args.ui.clone().unwrap_or_else(|| PathBuf::from("ui/dist"));
    let sso = match (&args.oidc_issuer, &args.oidc_client_id) {
        (Some(issuer), Some(client_id)) => {
            // From the environment, never a flag: a flag would show in every `ps`.
            let secret = std::env::var("AGENDAPACK_OIDC_SECRET").unwrap_or_default();
            let claim = team::sso::AccountClaim::parse(&args.oidc_claim).map_err(CliError)?;
            Some(team::sso::SsoConfig::new(issuer, client_id, &secret, claim).map_err(CliError)?)
        }
        _ => None,
    };
    let config = TeamConfig { listen: args.listen, tls, ui, sso };
    team::run(ApiContext::new(store), config).map_err(|e| CliError(e.to_string()))
}
