//! `agendapack user`: the team server's accounts (issue 18). `add NAME --role ROLE
//! [--display "Full Name"]` and `reset-password NAME` read the password from standard input, one
//! line, so it never appears in the process list or the shell's history; `list [--json]`;
//! `disable NAME` (accounts are never deleted). Beyond the contract: `enable NAME` (back in
//! use), `role NAME ROLE` (the last enabled administrator keeps the role, as on screen); `own NAME --item ID` gives
//! an author's account the report of an agenda item, and `committees NAME [ID...]` sets the
//! committees a member's account sits on (what the app's officers do on screen).
//!
//! Deliberately not here: any rule about names, passwords or roles (the model and the store).

use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::Path;

use agendapack_model::account::{self, Role, MAX_PASSWORD_CHARS};
use clap::{Args, Subcommand, ValueEnum};

use super::{db, CliError, CliResult};

#[derive(Debug, Args)]
pub struct UserArgs {
    #[command(subcommand)]
    pub command: UserCommand,
}

/// The roles as the command line spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    Administrator,
    Officer,
    Clerk,
    Author,
    Member,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Role {
        match role {
            RoleArg::Administrator => Role::Administrator,
            RoleArg::Officer => Role::Officer,
            RoleArg::Clerk => Role::Clerk,
            RoleArg::Author => Role::Author,
            RoleArg::Member => Role::Member,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add an account; its password is read from standard input (one line).
    Add {
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// The full name the audit trail and the screens show.
        #[arg(long, default_value = "")]
        display: String,
    },
    /// List the accounts (disabled ones marked).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Disable an account: it can no longer sign in, and is kept.
    Disable { name: String },
    /// Enable a disabled account again: it signs in with its password as before.
    Enable { name: String },
    /// Give an account another role (from its next request on).
    Role {
        name: String,
        #[arg(value_enum)]
        role: RoleArg,
    },
    /// Give an account a new password, read from standard input (one line).
    ResetPassword { name: String },
    /// Make an author's account the author of an agenda item's report.
    Own {
        name: String,
        #[arg(long, value_name = "ITEM_ID")]
        item: i64,
    },
    /// Set the committees (by id, see `agendapack committees`) a member's account sits on.
    Committees { name: String, ids: Vec<i64> },
}

pub fn run(db_path: Option<&Path>, args: &UserArgs) -> CliResult {
    let mut store = db::open(db_path)?;
    match &args.command {
        UserCommand::Add { name, role, display } => {
            let password = password_from_stdin()?;
            let now = chrono::Utc::now().naive_utc();
            let account = store.account_add(name, display, Role::from(*role), &password, now)?;
            println!("Added {} ({}).", account.name, account.role);
        }
        UserCommand::List { json } => {
            let accounts = store.accounts()?;
            if *json {
                println!("{}", serde_json::to_string_pretty(&accounts)?);
            } else if accounts.is_empty() {
                println!("No accounts yet: add one with `agendapack user add NAME --role ROLE`.");
            } else {
                for a in accounts {
                    let disabled = if a.disabled { "  (disabled)" } else { "" };
                    println!("{:<24} {:<14} {}{disabled}", a.name, a.role.as_str(), a.display);
                }
            }
        }
        UserCommand::Disable { name } => {
            let account = store.account_disable(name)?;
            println!("{} is disabled: it can no longer sign in, and stays in the list and the audit trail.", account.name);
        }
        UserCommand::Enable { name } => {
            let account = store.account_enable(name)?;
            println!("{} is enabled: it can sign in again.", account.name);
        }
        UserCommand::Role { name, role } => {
            let account = store.account_role_set(name, Role::from(*role))?;
            let article = if account.role.as_str().starts_with(['a', 'o']) { "an" } else { "a" };
            println!("{} is now {article} {}.", account.name, account.role);
        }
        UserCommand::ResetPassword { name } => {
            // The account is looked up first, so a wrong name is said before a password is asked for.
            let found = store.account_by_name(name)?.ok_or_else(|| agendapack_store::StoreError::NoAccount(shown(name)))?;
            let password = password_from_stdin()?;
            store.account_reset_password(&found.name, &password)?;
            println!("{} has a new password.", found.name);
        }
        UserCommand::Own { name, item } => {
            let account = store.account_by_name(name)?.ok_or_else(|| agendapack_store::StoreError::NoAccount(shown(name)))?;
            store.report_owner_set(*item, Some(account.id))?;
            println!("{} now authors the report of agenda item {item}.", account.name);
        }
        UserCommand::Committees { name, ids } => {
            let account = store.account_by_name(name)?.ok_or_else(|| agendapack_store::StoreError::NoAccount(shown(name)))?;
            store.account_committees_set(account.id, ids)?;
            println!("{} sits on {} committee{}.", account.name, ids.len(), if ids.len() == 1 { "" } else { "s" });
        }
    }
    Ok(())
}

/// At most the first 40 characters of a name the user typed, for a message.
fn shown(name: &str) -> String {
    name.chars().take(40).collect()
}

/// One line of standard input, without its line ending. Read with a bound, so a file piped in
/// by mistake costs nothing; the store checks the password's length.
fn password_from_stdin() -> Result<String, CliError> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        // There is no terminal echo control here without another dependency: say so.
        eprint!("Password (shown as you type; pipe it in to keep it off the screen): ");
        let _ = std::io::stderr().flush();
    }
    let mut line = Vec::new();
    let limit = (MAX_PASSWORD_CHARS * 4 + 2) as u64;
    stdin
        .lock()
        .take(limit)
        .read_until(b'\n', &mut line)
        .map_err(|e| CliError(format!("the password could not be read from standard input: {e}")))?;
    let mut text = String::from_utf8(line).map_err(|_| CliError("the password on standard input is not UTF-8 text".into()))?;
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    if text.is_empty() {
        return Err(CliError("no password was given: write it on standard input, one line".into()));
    }
    if let Some(problem) = account::password_problem(&text) {
        return Err(CliError(problem));
    }
    Ok(text)
}
