//! `agendapack reminders` (issue 19): e-mail reminders through the council's SMTP server.
//! - `send [--today YYYY-MM-DD]`: sends every reminder owed (clearance steps due tomorrow or
//!   overdue to their approvers and delegates; final reports due tomorrow or overdue to their
//!   authors), each once: a second run sends nothing new. One line per reminder: sent,
//!   skipped (an account with no e-mail address, set with `reminders email`) or not
//!   sent (the server's reason); exit code 1 when any was not sent.
//! - `smtp`: prints the mail server (never the password); with `--host`, `--port`, `--tls`
//!   and `--from` sets it (`--user`, `--link` optional; `--password-stdin` reads the password
//!   as one line from standard input, so it is never in the process list; `AGENDAPACK_SMTP_PASSWORD`
//!   in the environment, when set, is used instead of the stored one).
//! - `email NAME [ADDRESS]`: the address an account's reminders go to (printed without
//!   ADDRESS; "" removes it).
//!
//! Deliberately not here: what is owed (the store), sending (`crate::team::reminders`).

use std::io::BufRead;
use std::path::Path;
use std::sync::Mutex;

use agendapack_deadlines::calendar::parse_iso_date;
use agendapack_store::reminders::SmtpSettingsInput;
use clap::{Args, Subcommand, ValueEnum};

use super::{db, CliError, CliResult};

#[derive(Debug, Args)]
pub struct RemindersArgs {
    #[command(subcommand)]
    pub command: RemindersCommand,
}

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TlsArg {
    /// Plain SMTP (a relay on the council's own network).
    None,
    /// Upgraded with STARTTLS (usually port 587).
    Starttls,
    /// TLS from the first byte (usually port 465).
    Tls,
}

#[derive(Debug, Subcommand)]
pub enum RemindersCommand {
    /// Send the reminders owed today, each once.
    Send {
        /// The day the reminders are judged on (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<String>,
    },
    /// Print or set the e-mail address an account's reminders go to ("" removes it).
    Email { name: String, address: Option<String> },
    /// Print the council's mail server, or set it.
    Smtp {
        #[arg(long, requires_all = ["port", "tls", "from"])]
        host: Option<String>,
        #[arg(long, requires = "host")]
        port: Option<u16>,
        #[arg(long, value_enum, requires = "host")]
        tls: Option<TlsArg>,
        /// The sender: "Democratic Services <democracy@council.gov.uk>" or a bare address.
        #[arg(long, requires = "host")]
        from: Option<String>,
        /// The user name to sign in to the server with (none by default).
        #[arg(long, requires = "host", default_value = "")]
        user: String,
        /// Read the password (one line) from standard input.
        #[arg(long, requires = "host")]
        password_stdin: bool,
        /// The team server's address the e-mails link to, e.g. https://agendapack.council.gov.uk:8443.
        #[arg(long, requires = "host", default_value = "")]
        link: String,
    },
}

fn read_password() -> Result<String, CliError> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| CliError(format!("the password could not be read from standard input: {e}.")))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

pub fn run(db_path: Option<&Path>, args: &RemindersArgs) -> CliResult {
    match &args.command {
        RemindersCommand::Send { today } => {
            let now = chrono::Local::now().naive_local();
            let today = match today {
                Some(text) => parse_iso_date(text).ok_or_else(|| CliError(format!("--today must be a date such as 2020-11-19, not \"{}\".", text.chars().take(40).collect::<String>())))?,
                None => now.date(),
            };
            let store = Mutex::new(db::open(db_path)?);
            let report = crate::team::reminders::send_due(&|| store.lock().map_err(|_| "the database is unavailable".to_string()), today, now).map_err(CliError)?;
            let lines = report.lines();
            if lines.is_empty() {
                println!("no reminders to send");
            }
            for line in lines {
                println!("{line}");
            }
            if !report.failed.is_empty() {
                let n = report.failed.len();
                return Err(CliError(format!("{n} reminder{} could not be sent (they will be tried again next run).", if n == 1 { "" } else { "s" })));
            }
            Ok(())
        }
        RemindersCommand::Email { name, address } => {
            let store = db::open(db_path)?;
            if let Some(address) = address {
                store.account_email_set(name, address)?;
            }
            let shown: String = name.chars().take(40).collect();
            let account = store.account_by_name(name)?.ok_or_else(|| CliError(format!("there is no account named \"{shown}\".")))?;
            let email = store.account_email(account.id)?;
            if email.is_empty() {
                println!("{}: no e-mail address (no reminders are sent)", account.name);
            } else {
                println!("{}: {email}", account.name);
            }
            Ok(())
        }
        RemindersCommand::Smtp { host, port, tls, from, user, password_stdin, link } => {
            let store = db::open(db_path)?;
            if let (Some(host), Some(port), Some(tls), Some(from)) = (host, port, tls, from) {
                let password = if *password_stdin { Some(read_password()?) } else { None };
                let tls = match tls {
                    TlsArg::None => "none",
                    TlsArg::Starttls => "starttls",
                    TlsArg::Tls => "tls",
                };
                store.smtp_settings_save(&SmtpSettingsInput {
                    host: host.clone(),
                    port: *port,
                    tls: tls.into(),
                    from_address: from.clone(),
                    username: user.clone(),
                    password,
                    link_address: link.clone(),
                })?;
            }
            match store.smtp_settings()? {
                None => println!("no mail server is set"),
                Some(s) => {
                    let user = if s.username.is_empty() { "no sign-in".to_string() } else { format!("user {}", s.username) };
                    let password = if s.password_set { ", password stored" } else { "" };
                    println!("{}:{} ({}), from {}, {user}{password}", s.host, s.port, s.tls, s.from_address);
                    if !s.link_address.is_empty() {
                        println!("links to {}", s.link_address);
                    }
                }
            }
            Ok(())
        }
    }
}
