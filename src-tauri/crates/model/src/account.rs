//! People who sign in to a team server (issue 18): an [`Account`] with one [`Role`], and the
//! rules for its sign-in name and password.
//!
//! An account is not a [`Person`](crate::Person) of the committee domain: a person is printed
//! in a pack (an author on a cover sheet, a member of a committee), an account signs in. The
//! two are linked where it matters by the store (which account authors which report, which
//! committees a member's account sits on).
//!
//! Deliberately not here: password hashing and storage (the store), what each role may do
//! (`agendapack::api::authz`, the one table), sessions (the team server).

use serde::{Deserialize, Serialize};

use crate::limits::{self, Field};

/// What an account may do, from most to least: the one table of command to roles is in
/// `agendapack::api::authz`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Accounts and council-wide settings, and everything an officer does.
    Administrator,
    /// Democratic services: committees, meetings, agendas, reports, packs, deadlines, planning.
    Officer,
    /// Minutes, attendance and actions; reads agendas, reports and full packs.
    Clerk,
    /// A report author: their own reports, their deadlines, published public packs.
    Author,
    /// A councillor: published public packs of their committees.
    Member,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Administrator, Role::Officer, Role::Clerk, Role::Author, Role::Member];

    /// The stored and command-line form (`officer`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::Officer => "officer",
            Role::Clerk => "clerk",
            Role::Author => "author",
            Role::Member => "member",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A stored account. The password hash never leaves the store, so it is not here.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// The sign-in name, unique regardless of case (see [`name_problem`]).
    pub name: String,
    /// The full name the audit trail and the screens show ("Priya Shah").
    pub display: String,
    pub role: Role,
    /// A disabled account cannot sign in; accounts are never deleted, so the audit trail's
    /// names always lead somewhere.
    pub disabled: bool,
}

impl Account {
    /// The name the audit trail records for this account's changes: the full name, and the
    /// sign-in name when there is no full name.
    pub fn audit_name(&self) -> &str {
        if self.display.trim().is_empty() {
            &self.name
        } else {
            &self.display
        }
    }
}

/// The fewest characters a password may have. Length is what makes a password hard to guess
/// (NIST SP 800-63B asks at least 8; we ask a little more because a team server is on the
/// council's network); no rules about kinds of characters.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The most: long enough for any passphrase or manager-made password, short enough that
/// hashing an absurd one costs nothing.
pub const MAX_PASSWORD_CHARS: usize = 1_000;

/// What is wrong with `name` as a sign-in name, as one sentence; None when it is sound.
/// Letters and digits of ASCII with `.`, `-`, `_` and `@` (so an e-mail address works), up to
/// the table's limit: plain ASCII makes "the same name regardless of case" one simple rule,
/// which the store's `COLLATE NOCASE` enforces.
pub fn name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("an account needs a name to sign in with".into());
    }
    if let Some(problem) = limits::check(Field::AccountName, name) {
        return Some(problem);
    }
    if !name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'@')) {
        return Some("an account name may have only letters, digits, dots, hyphens, underscores and @ (no spaces)".into());
    }
    None
}

/// What is wrong with `display` as an account's full name; None when it is sound (it may be
/// empty: the sign-in name is shown instead).
pub fn display_problem(display: &str) -> Option<String> {
    if display.chars().any(char::is_control) {
        return Some("an account's full name cannot hold control characters".into());
    }
    limits::check(Field::AccountDisplay, display)
}

/// What is wrong with `password`; None when it may be used.
pub fn password_problem(password: &str) -> Option<String> {
    let chars = password.chars().take(MAX_PASSWORD_CHARS + 1).count();
    if password.trim().is_empty() {
        Some("the password is empty".into())
    } else if chars < MIN_PASSWORD_CHARS {
        Some(format!("the password is shorter than the {MIN_PASSWORD_CHARS} characters it must have"))
    } else if chars > MAX_PASSWORD_CHARS {
        Some(format!("the password is longer than the {MAX_PASSWORD_CHARS} characters it may have"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_text() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role), "{role} reads back");
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.as_str()), "serde and the stored form agree");
        }
        assert_eq!(Role::parse("Officer"), None, "roles are lower case, as the command line takes them");
    }

    #[test]
    fn names_are_plain_sign_in_names() {
        for good in ["priya", "p.shah", "p_shah-2", "priya.shah@example.gov.uk"] {
            assert_eq!(name_problem(good), None, "{good} is a good name");
        }
        for bad in ["", "priya shah", "prïya", "a/b", "x\n", &"a".repeat(65)] {
            assert!(name_problem(bad).is_some(), "{bad:?} is refused");
        }
        assert!(name_problem(&"a".repeat(64)).is_none(), "64 characters is the limit, inclusive");
    }

    #[test]
    fn passwords_have_a_length_not_a_recipe() {
        assert!(password_problem("").unwrap().contains("empty"), "an empty password says so");
        assert!(password_problem("          ").unwrap().contains("empty"), "spaces alone are empty");
        assert!(password_problem("short").unwrap().contains("shorter"), "a short one says so");
        assert_eq!(password_problem("correct horse"), None, "a passphrase is fine");
        assert!(password_problem(&"x".repeat(1_001)).unwrap().contains("longer"), "an absurd one is refused");
    }
}
