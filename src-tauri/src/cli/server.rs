//! `agendapack server`: the team server (`crate::team`) on an address of the council's network,
//! over HTTPS with the council's certificate (`--cert`, `--key`) or a self-signed one kept
//! beside the database.
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
    let config = TeamConfig { listen: args.listen, tls, ui };
    team::run(ApiContext::new(store), config).map_err(|e| CliError(e.to_string()))
}
