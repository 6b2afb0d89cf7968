//! Accounts of the team edition (issue 18, migration 0011): add, list, disable and enable,
//! change a role or a full name, reset a password (the administrator) or change one's own
//! (knowing the current one), and check a password at sign-in. Passwords are kept only as argon2id PHC strings
//! (RustCrypto's `argon2`, its default parameters: 19 MiB, 2 passes, 1 lane, OWASP's
//! recommendation), each with its own random salt.
//!
//! Accounts are disabled, never deleted (a trigger refuses deletes), and are not part of a
//! meeting's interchange document: they belong to the server, not to a meeting, so export and
//! import never carry them (nor a password hash) from one database to another.
//!
//! One rule of the store's own: the council always keeps an enabled administrator. The last one
//! cannot be disabled or given another role (by the screen or the command line alike), since
//! no one could then manage accounts except by editing the database.
//!
//! Deliberately not here: what a role may do (`agendapack::api::authz`), sessions and throttling
//! (the team server), which papers an account owns ([`crate::ownership`]).

use std::sync::OnceLock;

use agendapack_model::account::{self, Account, Role};
use agendapack_model::validate::Problem;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::NaiveDateTime;
use password_hash::rand_core::OsRng;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::{codes, Store, StoreError};

const SELECT: &str = "SELECT id, name, display, role, disabled FROM accounts";

/// One line of an account's trail (migration 0015): who changed it, when, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AccountLogEntry {
    /// YYYY-MM-DDTHH:MM:SS, from the actor's clock.
    pub at: String,
    /// Who made the change: the signed-in person on the team server, the system user at the
    /// command line.
    pub user: String,
    /// add, disable, enable, role, password, details, committees.
    pub action: String,
    pub summary: String,
}

fn invalid(path: &str, message: String) -> StoreError {
    StoreError::Invalid(vec![Problem { path: path.to_string(), message }])
}

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, String, String, String, bool)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn account((id, name, display, role, disabled): (i64, String, String, String, bool)) -> Result<Account, StoreError> {
    let role = Role::parse(&role).ok_or_else(|| StoreError::BadValue { column: "accounts.role".into(), value: role })?;
    Ok(Account { id, name, display, role, disabled })
}

fn hash(password: &str) -> Result<String, StoreError> {
    if let Some(problem) = account::password_problem(password) {
        return Err(invalid("password", problem));
    }
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| invalid("password", format!("the password could not be hashed: {e}")))
}

/// Whether `password` matches the PHC string `stored`; a damaged string matches nothing.
fn verify(stored: &str, password: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A hash of nothing anyone can type, verified when the name is unknown so that a wrong name
/// costs the same work as a wrong password (the answer's timing does not tell which names
/// exist). Made once per process with the same parameters as real hashes.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::encode_b64(b"agendapack-dummy").expect("a 16-byte salt encodes");
        Argon2::default()
            .hash_password(b"\0no account has this password\0", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

fn by_name(conn: &Connection, name: &str) -> Result<Option<Account>, StoreError> {
    let row = conn.query_row(&format!("{SELECT} WHERE name = ?1"), [name], read).optional()?;
    row.map(account).transpose()
}

fn not_found(name: &str) -> StoreError {
    let shown: String = name.chars().take(40).collect();
    StoreError::NoAccount(shown)
}

impl Store {
    /// Adds an account with `password` (checked against the model's rules, then hashed).
    /// The name must be new regardless of case; `now` stamps its creation.
    pub fn account_add(
        &self,
        name: &str,
        display: &str,
        role: Role,
        password: &str,
        now: NaiveDateTime,
    ) -> Result<Account, StoreError> {
        if let Some(problem) = account::name_problem(name) {
            return Err(invalid("name", problem));
        }
        if let Some(problem) = account::display_problem(display) {
            return Err(invalid("display", problem));
        }
        if by_name(&self.conn, name)?.is_some() {
            return Err(StoreError::Conflict { field: "name".into(), message: format!("there is already an account named \"{name}\"") });
        }
        let hash = hash(password)?;
        self.conn.execute(
            "INSERT INTO accounts (name, display, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![name, display.trim(), role.as_str(), hash, codes::date_time_text(now)],
        )?;
        let id = self.conn.last_insert_rowid();
        Ok(Account { id, name: name.to_string(), display: display.trim().to_string(), role, disabled: false })
    }

    /// Every account, disabled ones too, by name.
    pub fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        let mut stmt = self.conn.prepare(&format!("{SELECT} ORDER BY name, id"))?;
        let rows = stmt.query_map([], read)?.collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().map(account).collect()
    }

    /// The account with this id, if any (the team server's sessions hold ids).
    pub fn account_get(&self, id: i64) -> Result<Option<Account>, StoreError> {
        let row = self.conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], read).optional()?;
        row.map(account).transpose()
    }

    /// The account with this sign-in name (regardless of case), if any.
    pub fn account_by_name(&self, name: &str) -> Result<Option<Account>, StoreError> {
        by_name(&self.conn, name)
    }

    /// Disables the account `name`: it can no longer sign in, and stays in the list and the
    /// trail. Disabling a disabled account is not an error.
    pub fn account_disable(&self, name: &str) -> Result<Account, StoreError> {
        let found = by_name(&self.conn, name)?.ok_or_else(|| not_found(name))?;
        self.keep_an_administrator(&found, "name", "disabled")?;
        self.conn.execute("UPDATE accounts SET disabled = 1 WHERE id = ?1", [found.id])?;
        Ok(Account { disabled: true, ..found })
    }

    /// Enables the account `name` again: it can sign in with its password as before.
    /// Enabling an enabled account is not an error.
    pub fn account_enable(&self, name: &str) -> Result<Account, StoreError> {
        let found = by_name(&self.conn, name)?.ok_or_else(|| not_found(name))?;
        self.conn.execute("UPDATE accounts SET disabled = 0 WHERE id = ?1", [found.id])?;
        Ok(Account { disabled: false, ..found })
    }

    /// Gives the account `name` another role. What it may do changes with its next request
    /// (the team server reads the account afresh each time).
    pub fn account_role_set(&self, name: &str, role: Role) -> Result<Account, StoreError> {
        let found = by_name(&self.conn, name)?.ok_or_else(|| not_found(name))?;
        if role != Role::Administrator {
            self.keep_an_administrator(&found, "role", "given another role")?;
        }
        self.conn.execute("UPDATE accounts SET role = ?2 WHERE id = ?1", params![found.id, role.as_str()])?;
        Ok(Account { role, ..found })
    }

    /// Sets the full name of the account `name` (checked as for a new account).
    pub fn account_display_set(&self, name: &str, display: &str) -> Result<Account, StoreError> {
        if let Some(problem) = account::display_problem(display) {
            return Err(invalid("display", problem));
        }
        let found = by_name(&self.conn, name)?.ok_or_else(|| not_found(name))?;
        self.conn.execute("UPDATE accounts SET display = ?2 WHERE id = ?1", params![found.id, display.trim()])?;
        Ok(Account { display: display.trim().to_string(), ..found })
    }

    /// Refuses to take `account` out of the enabled administrators when it is the last of them.
    fn keep_an_administrator(&self, account: &Account, field: &str, what: &str) -> Result<(), StoreError> {
        if account.role != Role::Administrator || account.disabled {
            return Ok(());
        }
        let others: i64 = self.conn.query_row(
            "SELECT count(*) FROM accounts WHERE role = 'administrator' AND disabled = 0 AND id <> ?1",
            [account.id],
            |r| r.get(0),
        )?;
        if others == 0 {
            return Err(invalid(
                field,
                format!("the account {} is the last enabled administrator, so it cannot be {what}: make another account an administrator first", account.name),
            ));
        }
        Ok(())
    }

    /// Changes the password of the account `id` for its owner, who must give the current one.
    pub fn account_password_change(&self, id: i64, current: &str, new: &str) -> Result<Account, StoreError> {
        let found = self.account_get(id)?.ok_or(StoreError::NotFound { what: "account", id })?;
        let stored: String = self.conn.query_row("SELECT password_hash FROM accounts WHERE id = ?1", [id], |r| r.get(0))?;
        if !verify(&stored, current) {
            return Err(invalid("current", "the current password is wrong".into()));
        }
        let hash = hash(new).map_err(|e| match e {
            // The rule is about the new password: say so beside that field.
            StoreError::Invalid(mut problems) => {
                problems.iter_mut().for_each(|p| p.path = "password".into());
                StoreError::Invalid(problems)
            }
            other => other,
        })?;
        self.conn.execute("UPDATE accounts SET password_hash = ?2 WHERE id = ?1", params![id, hash])?;
        Ok(found)
    }

    /// Gives the account `name` a new password (checked and hashed as for a new account).
    pub fn account_reset_password(&self, name: &str, password: &str) -> Result<Account, StoreError> {
        let found = by_name(&self.conn, name)?.ok_or_else(|| not_found(name))?;
        let hash = hash(password)?;
        self.conn.execute("UPDATE accounts SET password_hash = ?2 WHERE id = ?1", params![found.id, hash])?;
        Ok(found)
    }

    /// The trail of the account `id`, oldest first (written by triggers, migration 0015).
    pub fn account_log(&self, id: i64) -> Result<Vec<AccountLogEntry>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT at, user_name, action, summary FROM account_log WHERE account_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map([id], |r| Ok(AccountLogEntry { at: r.get(0)?, user: r.get(1)?, action: r.get(2)?, summary: r.get(3)? }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Sign-in: the account when `name` exists, is not disabled and `password` is its
    /// password; None otherwise, without saying which (the caller answers "wrong name or
    /// password" either way). An unknown name still verifies a hash, so the work done, and
    /// the time taken, is about the same in every case.
    pub fn account_check_password(&self, name: &str, password: &str) -> Result<Option<Account>, StoreError> {
        let row = self
            .conn
            .query_row("SELECT password_hash FROM accounts WHERE name = ?1", [name], |r| r.get::<_, String>(0))
            .optional()?;
        let Some(stored) = row else {
            let _ = verify(dummy_hash(), password);
            return Ok(None);
        };
        if !verify(&stored, password) {
            return Ok(None);
        }
        Ok(by_name(&self.conn, name)?.filter(|a| !a.disabled))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap().and_hms_opt(21, 0, 0).unwrap()
    }

    const PASSWORD: &str = "correct horse battery";

    #[test]
    fn an_account_signs_in_with_its_password_only() {
        let store = Store::open_in_memory().unwrap();
        let added = store.account_add("priya", "Priya Shah", Role::Author, PASSWORD, now()).unwrap();
        assert_eq!(store.account_check_password("priya", PASSWORD).unwrap(), Some(added.clone()), "the right password signs in");
        assert_eq!(store.account_check_password("PRIYA", PASSWORD).unwrap(), Some(added.clone()), "names ignore case");
        assert_eq!(store.account_check_password("priya", "wrong horse battery").unwrap(), None, "a wrong password does not");
        assert_eq!(store.account_check_password("nobody", PASSWORD).unwrap(), None, "an unknown name does not");
        let stored: String = store.conn.query_row("SELECT password_hash FROM accounts", [], |r| r.get(0)).unwrap();
        assert!(stored.starts_with("$argon2id$v=19$"), "the password is kept as an argon2id PHC string: {stored}");
        assert!(!stored.contains(PASSWORD), "never the password itself");
    }

    #[test]
    fn a_disabled_account_cannot_sign_in_and_is_kept() {
        let store = Store::open_in_memory().unwrap();
        store.account_add("tom", "", Role::Clerk, PASSWORD, now()).unwrap();
        assert!(store.account_disable("Tom").unwrap().disabled, "disabling says so");
        assert_eq!(store.account_check_password("tom", PASSWORD).unwrap(), None, "a disabled account cannot sign in");
        assert_eq!(store.accounts().unwrap().len(), 1, "it is still listed");
        let refused = store.conn.execute("DELETE FROM accounts", []);
        assert!(refused.is_err(), "accounts are never deleted, not even by SQL");
    }

    #[test]
    fn a_reset_password_replaces_the_old_one() {
        let store = Store::open_in_memory().unwrap();
        store.account_add("ann", "Ann Lee", Role::Officer, PASSWORD, now()).unwrap();
        store.account_reset_password("ann", "a brand new passphrase").unwrap();
        assert_eq!(store.account_check_password("ann", PASSWORD).unwrap(), None, "the old password no longer works");
        assert!(store.account_check_password("ann", "a brand new passphrase").unwrap().is_some(), "the new one does");
        assert!(matches!(store.account_reset_password("ann", "short"), Err(StoreError::Invalid(_))), "a short one is refused");
        assert!(store.account_reset_password("nobody", PASSWORD).is_err(), "an unknown name is an error");
    }

    #[test]
    fn a_disabled_account_is_enabled_again_with_its_password() {
        let store = Store::open_in_memory().unwrap();
        store.account_add("tom", "", Role::Clerk, PASSWORD, now()).unwrap();
        store.account_disable("tom").unwrap();
        assert!(!store.account_enable("TOM").unwrap().disabled, "enabling says so");
        assert!(store.account_check_password("tom", PASSWORD).unwrap().is_some(), "it signs in again");
        assert!(!store.account_enable("tom").unwrap().disabled, "enabling twice is no error");
        assert!(matches!(store.account_enable("nobody"), Err(StoreError::NoAccount(_))), "an unknown name is an error");
    }

    #[test]
    fn a_role_and_a_full_name_are_changed() {
        let store = Store::open_in_memory().unwrap();
        store.account_add("ann", "Ann Lee", Role::Officer, PASSWORD, now()).unwrap();
        assert_eq!(store.account_role_set("ann", Role::Clerk).unwrap().role, Role::Clerk);
        assert_eq!(store.account_by_name("ann").unwrap().unwrap().role, Role::Clerk, "stored");
        assert_eq!(store.account_display_set("ann", " Ann Lee-Smith ").unwrap().display, "Ann Lee-Smith");
        assert!(matches!(store.account_display_set("ann", "a\u{7}b"), Err(StoreError::Invalid(_))), "no control characters");
    }

    #[test]
    fn the_last_enabled_administrator_is_kept() {
        let store = Store::open_in_memory().unwrap();
        store.account_add("ada", "", Role::Administrator, PASSWORD, now()).unwrap();
        let refused = store.account_disable("ada").unwrap_err().to_string();
        assert!(refused.contains("last enabled administrator"), "one plain sentence: {refused}");
        assert!(matches!(store.account_role_set("ada", Role::Officer), Err(StoreError::Invalid(_))), "nor demoted");
        assert_eq!(store.account_role_set("ada", Role::Administrator).unwrap().role, Role::Administrator, "staying one is fine");
        store.account_add("bea", "", Role::Administrator, PASSWORD, now()).unwrap();
        store.account_disable("bea").unwrap();
        assert!(store.account_disable("ada").is_err(), "a disabled administrator does not count");
        store.account_enable("bea").unwrap();
        store.account_role_set("ada", Role::Officer).expect("with another enabled administrator, one may step down");
        assert!(store.account_disable("bea").is_err(), "and then bea is the last");
        store.account_add("tom", "", Role::Clerk, PASSWORD, now()).unwrap();
        store.account_disable("tom").expect("other roles are disabled freely");
    }

    #[test]
    fn a_person_changes_their_own_password_knowing_the_current_one() {
        let store = Store::open_in_memory().unwrap();
        let ann = store.account_add("ann", "", Role::Author, PASSWORD, now()).unwrap();
        let wrong = store.account_password_change(ann.id, "not the password", "a brand new passphrase");
        assert!(matches!(&wrong, Err(StoreError::Invalid(p)) if p[0].path == "current"), "the current one must be right: {wrong:?}");
        let short = store.account_password_change(ann.id, PASSWORD, "short");
        assert!(matches!(&short, Err(StoreError::Invalid(p)) if p[0].path == "password"), "the new one follows the rule: {short:?}");
        assert!(store.account_check_password("ann", PASSWORD).unwrap().is_some(), "nothing refused changed it");
        store.account_password_change(ann.id, PASSWORD, "a brand new passphrase").unwrap();
        assert!(store.account_check_password("ann", "a brand new passphrase").unwrap().is_some(), "the new one signs in");
        assert!(store.account_check_password("ann", PASSWORD).unwrap().is_none(), "the old one does not");
    }

    #[test]
    fn every_change_to_an_account_is_in_its_trail_with_who_made_it() {
        let mut store = Store::open_in_memory().unwrap();
        store.set_actor(crate::Actor::fixed("Ada Admin", now())).unwrap();
        let ann = store.account_add("ann", "Ann Lee", Role::Author, PASSWORD, now()).unwrap();
        store.account_disable("ann").unwrap();
        store.account_disable("ann").unwrap();
        store.account_enable("ann").unwrap();
        store.account_role_set("ann", Role::Member).unwrap();
        store.account_reset_password("ann", "a brand new passphrase").unwrap();
        store.account_display_set("ann", "Ann Lee-Smith").unwrap();
        store.account_job_title_set("ann", "Councillor").unwrap();
        store.conn.execute("INSERT INTO committees (id, name) VALUES (1, 'Cabinet'), (2, 'Planning')", []).unwrap();
        store.account_committees_set(ann.id, &[1, 2]).unwrap();
        store.account_committees_set(ann.id, &[2]).unwrap();
        let trail: Vec<(String, String, String)> =
            store.account_log(ann.id).unwrap().into_iter().map(|e| (e.user, e.action, e.summary)).collect();
        let expected = [
            ("add", "ann added as author"),
            ("disable", "ann disabled"),
            ("enable", "ann enabled"),
            ("role", "role author to member"),
            ("password", "new password"),
            ("details", "full name \"Ann Lee-Smith\""),
            ("details", "job title \"Councillor\""),
            ("committees", "joined Cabinet"),
            ("committees", "joined Planning"),
            ("committees", "left Cabinet"),
        ];
        let expected: Vec<(String, String, String)> =
            expected.iter().map(|(a, s)| ("Ada Admin".to_string(), a.to_string(), s.to_string())).collect();
        assert_eq!(trail, expected, "one line per real change (disabling twice is one), never the password");
        assert!(store.conn.execute("DELETE FROM account_log", []).is_err(), "the trail is append-only");
    }

    #[test]
    fn names_are_unique_regardless_of_case_and_checked() {
        let store = Store::open_in_memory().unwrap();
        store.account_add("ann", "", Role::Officer, PASSWORD, now()).unwrap();
        assert!(matches!(store.account_add("ANN", "", Role::Clerk, PASSWORD, now()), Err(StoreError::Conflict { .. })), "ANN is ann");
        assert!(matches!(store.account_add("a b", "", Role::Clerk, PASSWORD, now()), Err(StoreError::Invalid(_))), "no spaces");
        assert!(matches!(store.account_add("bob", "", Role::Clerk, "", now()), Err(StoreError::Invalid(_))), "no empty password");
        assert_eq!(store.accounts().unwrap().len(), 1, "nothing refused was stored");
    }
}
