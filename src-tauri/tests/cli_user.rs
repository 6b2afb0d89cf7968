//! `agendapack user`, run as an administrator would (issue 18): accounts are added with the
//! password on standard input, listed, disabled (never deleted) and enabled again, given
//! another role (never the last enabled administrator's) and given new passwords; a bad
//! password, name or role is refused with one sentence, exit code 1, and nothing stored.
//! Passwords are checked through the store, as the team server's sign-in does.

mod cli_support;

use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

use agendapack_store::Store;
use cli_support::{agendapack, ok};

/// Runs `agendapack ARGS` with `stdin` as its standard input.
fn run_with_input(home: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = agendapack(home)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("the agendapack binary runs: {e}"));
    // A command that fails before reading may close its input first; that is not the test's concern.
    let _ = child.stdin.take().expect("piped").write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn succeeds(home: &Path, args: &[&str], stdin: &str) -> String {
    let out = run_with_input(home, args, stdin);
    assert!(out.status.success(), "agendapack {args:?} should succeed; stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The command fails with exit code 1 and one sentence on standard error.
fn refused(home: &Path, args: &[&str], stdin: &str) -> String {
    let out = run_with_input(home, args, stdin);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "agendapack {args:?} should exit with 1; stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "errors are not panics: {stderr}");
    stderr
}

fn accounts(home: &Path, db: &str) -> Vec<serde_json::Value> {
    let out = ok(home, &["--db", db, "user", "list", "--json"]);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("user list --json is JSON ({e}): {out}"))
}

fn signs_in(db: &Path, name: &str, password: &str) -> bool {
    let store = Store::open(db).unwrap();
    store.account_check_password(name, password).unwrap().is_some()
}

#[test]
fn an_account_is_added_listed_and_signs_in_with_the_password_from_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let db_arg = db.to_str().unwrap();
    let out = succeeds(dir.path(), &["--db", db_arg, "user", "add", "priya", "--role", "author", "--display", "Priya Shah"], "correct horse battery\n");
    assert!(out.contains("priya") && out.contains("author"), "the addition is confirmed: {out}");
    let list = accounts(dir.path(), db_arg);
    assert_eq!(list.len(), 1, "one account: {list:?}");
    assert_eq!(list[0]["name"], "priya", "its name");
    assert_eq!(list[0]["display"], "Priya Shah", "its full name");
    assert_eq!(list[0]["role"], "author", "its role, as the command line spells it");
    assert_eq!(list[0]["disabled"], false, "enabled");
    assert!(list[0].get("password_hash").is_none(), "no hash is ever listed: {list:?}");
    let text = ok(dir.path(), &["--db", db_arg, "user", "list"]);
    assert!(text.contains("priya") && text.contains("Priya Shah"), "the plain list names it: {text}");
    assert!(signs_in(&db, "priya", "correct horse battery"), "the password from standard input is the account's");
    // Windows line endings are not part of the password.
    succeeds(dir.path(), &["--db", db_arg, "user", "add", "tom", "--role", "clerk"], "a clerk's long password\r\n");
    assert!(signs_in(&db, "tom", "a clerk's long password"), "the CR of CRLF is dropped");
}

#[test]
fn an_empty_or_short_password_is_refused_and_nothing_is_added() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let db_arg = db.to_str().unwrap();
    let args = ["--db", db_arg, "user", "add", "ann", "--role", "officer"];
    let empty = refused(dir.path(), &args, "");
    assert!(empty.contains("no password"), "an empty input says so: {empty}");
    assert_eq!(empty.trim().lines().count(), 1, "in one sentence: {empty}");
    let blank_line = refused(dir.path(), &args, "\n");
    assert!(blank_line.contains("no password"), "an empty line too: {blank_line}");
    let short = refused(dir.path(), &args, "secret\n");
    assert!(short.contains("shorter than the 10 characters"), "a short one says how long it must be: {short}");
    assert!(!short.contains("secret"), "and never repeats it: {short}");
    assert!(accounts(dir.path(), db_arg).is_empty(), "nothing refused was added");
}

#[test]
fn names_are_unique_regardless_of_case_and_roles_are_the_five() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let db_arg = db.to_str().unwrap();
    succeeds(dir.path(), &["--db", db_arg, "user", "add", "ann", "--role", "officer"], "correct horse battery\n");
    let twice = refused(dir.path(), &["--db", db_arg, "user", "add", "ANN", "--role", "clerk"], "correct horse battery\n");
    assert!(twice.contains("already an account"), "the same name in capitals is the same name: {twice}");
    let spaced = refused(dir.path(), &["--db", db_arg, "user", "add", "ann lee", "--role", "clerk"], "correct horse battery\n");
    assert!(spaced.contains("no spaces"), "a name with a space is refused: {spaced}");
    refused(dir.path(), &["--db", db_arg, "user", "add", "bob", "--role", "superuser"], "correct horse battery\n");
    for role in ["administrator", "officer", "clerk", "author", "member"] {
        succeeds(dir.path(), &["--db", db_arg, "user", "add", &format!("{role}1"), "--role", role], "correct horse battery\n");
    }
    assert_eq!(accounts(dir.path(), db_arg).len(), 6, "ann and one account of each role");
}

#[test]
fn a_disabled_account_is_kept_and_cannot_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let db_arg = db.to_str().unwrap();
    succeeds(dir.path(), &["--db", db_arg, "user", "add", "tom", "--role", "clerk"], "correct horse battery\n");
    let out = ok(dir.path(), &["--db", db_arg, "user", "disable", "Tom"]);
    assert!(out.contains("disabled"), "disabling is confirmed: {out}");
    let list = accounts(dir.path(), db_arg);
    assert_eq!((list.len(), &list[0]["disabled"]), (1, &serde_json::Value::Bool(true)), "kept, marked disabled: {list:?}");
    assert!(ok(dir.path(), &["--db", db_arg, "user", "list"]).contains("(disabled)"), "the plain list marks it");
    assert!(!signs_in(&db, "tom", "correct horse battery"), "a disabled account cannot sign in");
    let unknown = refused(dir.path(), &["--db", db_arg, "user", "disable", "nobody"], "");
    assert!(unknown.contains("no account named \"nobody\""), "an unknown name is named: {unknown}");
}

#[test]
fn a_reset_password_replaces_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let db_arg = db.to_str().unwrap();
    succeeds(dir.path(), &["--db", db_arg, "user", "add", "ann", "--role", "officer"], "correct horse battery\n");
    refused(dir.path(), &["--db", db_arg, "user", "reset-password", "ann"], "short\n");
    assert!(signs_in(&db, "ann", "correct horse battery"), "a refused reset changes nothing");
    succeeds(dir.path(), &["--db", db_arg, "user", "reset-password", "ann"], "a brand new passphrase\n");
    assert!(signs_in(&db, "ann", "a brand new passphrase"), "the new password signs in");
    assert!(!signs_in(&db, "ann", "correct horse battery"), "the old one no longer does");
    let unknown = refused(dir.path(), &["--db", db_arg, "user", "reset-password", "nobody"], "a brand new passphrase\n");
    assert!(unknown.contains("no account named"), "an unknown name is said: {unknown}");
}

#[test]
fn a_disabled_account_is_enabled_again_and_roles_change_but_the_last_administrator_stays() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let db_arg = db.to_str().unwrap();
    succeeds(dir.path(), &["--db", db_arg, "user", "add", "ada", "--role", "administrator"], "correct horse battery\n");
    succeeds(dir.path(), &["--db", db_arg, "user", "add", "tom", "--role", "clerk"], "correct horse battery\n");
    ok(dir.path(), &["--db", db_arg, "user", "disable", "tom"]);
    let out = ok(dir.path(), &["--db", db_arg, "user", "enable", "TOM"]);
    assert!(out.contains("enabled"), "enabling is confirmed: {out}");
    assert!(signs_in(&db, "tom", "correct horse battery"), "and the old password signs in again");
    let out = ok(dir.path(), &["--db", db_arg, "user", "role", "tom", "officer"]);
    assert!(out.contains("now an officer"), "the new role is said: {out}");
    assert_eq!(accounts(dir.path(), db_arg)[1]["role"], "officer", "and stored");
    refused(dir.path(), &["--db", db_arg, "user", "role", "tom", "superuser"], "");
    let last = refused(dir.path(), &["--db", db_arg, "user", "role", "ada", "officer"], "");
    assert!(last.contains("last enabled administrator") && last.trim().lines().count() == 1, "one sentence: {last}");
    let last = refused(dir.path(), &["--db", db_arg, "user", "disable", "ada"], "");
    assert!(last.contains("last enabled administrator"), "nor disabled: {last}");
    ok(dir.path(), &["--db", db_arg, "user", "role", "tom", "administrator"]);
    ok(dir.path(), &["--db", db_arg, "user", "role", "ada", "author"]);
    assert_eq!(accounts(dir.path(), db_arg)[0]["role"], "author", "with another administrator, ada may step down");
    let unknown = refused(dir.path(), &["--db", db_arg, "user", "enable", "nobody"], "");
    assert!(unknown.contains("no account named \"nobody\""), "an unknown name is named: {unknown}");
}
