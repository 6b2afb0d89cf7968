//! Who is signed in: the team server's session table. A session is opened by a good sign-in
//! and named by a random 256-bit token that only the browser holds (in a cookie); the table
//! keeps the token's SHA-256, so a copy of the server's memory does not hand out sessions.
//! A session ends after [`IDLE`] without a request, after [`ABSOLUTE`] whatever happens, or on
//! sign-out.
//!
//! Kept in memory: restarting the server signs everyone out, which costs a sign-in and keeps
//! no secret on disk. Time is passed in (`now`), so the expiry rules are tested without waiting.
//!
//! A session holds the account's id, not a copy of the account: the server reads the account
//! afresh on every request, so disabling it or changing its role takes effect at once. It also
//! holds the role the account signed in with, so a session whose account has since been given
//! another role ends (`signin::session_account`): the screens the person has open were made for
//! the old role, and signing in again gives them the new one.
//!
//! A new password ends the account's other sessions (`signin::after_password_change`): whoever
//! knew the old one is signed out, the person who typed the new one stays signed in.
//!
//! Deliberately not here: passwords (the store checks them), cookies and HTTP (`http.rs`).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use agendapack_model::account::Role;
use base64::Engine;
use sha2::{Digest, Sha256};

/// A session unused for this long has ended: a desk left with the browser open.
pub const IDLE: Duration = Duration::from_secs(30 * 60);
/// A session ends this long after sign-in however busy it is: a working day.
pub const ABSOLUTE: Duration = Duration::from_secs(12 * 60 * 60);

/// The SHA-256 of a session token: what the table keeps.
type TokenHash = [u8; 32];

struct Session {
    account_id: i64,
    role: Role,
    opened: Instant,
    last_seen: Instant,
}

impl Session {
    fn live(&self, now: Instant) -> bool {
        now.saturating_duration_since(self.last_seen) < IDLE && now.saturating_duration_since(self.opened) < ABSOLUTE
    }
}

/// The open sessions.
#[derive(Default)]
pub struct Sessions {
    open: HashMap<TokenHash, Session>,
}

impl Sessions {
    /// Opens a session for the account `account_id` and answers its token (43 characters, base64url), the
    /// only copy of which goes to the browser. Ended sessions are dropped here, so the table
    /// holds only live ones and the sign-ins of the last [`ABSOLUTE`] at most.
    pub fn open(&mut self, account_id: i64, role: Role, now: Instant) -> Result<String, getrandom::Error> {
        let mut token = [0u8; 32];
        getrandom::fill(&mut token)?;
        self.open.retain(|_, session| session.live(now));
        self.open.insert(hash(&token), Session { account_id, role, opened: now, last_seen: now });
        Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(token))
    }

    /// The account id of a live session and the role it signed in with; the call counts as
    /// its latest use. None for a token that is unknown, malformed or ended (an ended one is
    /// dropped).
    pub fn find(&mut self, token: &str, now: Instant) -> Option<(i64, Role)> {
        let key = decode(token)?;
        let session = self.open.get_mut(&key)?;
        if !session.live(now) {
            self.open.remove(&key);
            return None;
        }
        session.last_seen = now;
        Some((session.account_id, session.role))
    }

    /// The account id of a live session, like [`Sessions::find`] but without counting as a
    /// use: a live-update stream left open asks this, so an open tab does not keep its
    /// session from running out.
    pub fn peek(&self, token: &str, now: Instant) -> Option<i64> {
        let session = self.open.get(&decode(token)?)?;
        session.live(now).then_some(session.account_id)
    }

    /// Ends a session (sign-out); an unknown token is no error.
    pub fn close(&mut self, token: &str) {
        if let Some(key) = decode(token) {
            self.open.remove(&key);
        }
    }

    /// Ends every session of account `account_id` but the one `keep` names (if it is one of
    /// them): a password reset or change.
    pub fn close_account(&mut self, account_id: i64, keep: Option<&str>) {
        let keep = keep.and_then(decode);
        self.open.retain(|key, session| session.account_id != account_id || Some(*key) == keep);
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.open.len()
    }
}

fn decode(token: &str) -> Option<TokenHash> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(token.trim()).ok()?;
    (bytes.len() == 32).then(|| hash(&bytes))
}

fn hash(token: &[u8]) -> TokenHash {
    Sha256::digest(token).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_look_from_a_live_update_stream_does_not_keep_a_session_alive() {
        let (mut sessions, t0) = (Sessions::default(), Instant::now());
        let token = sessions.open(1, Role::Officer, t0).unwrap();
        assert_eq!(sessions.peek(&token, t0 + IDLE / 2), Some(1), "live, and the look is no use");
        assert_eq!(sessions.peek(&token, t0 + IDLE), None, "so it ends IDLE after its last real use");
        assert_eq!(sessions.find(&token, t0 + IDLE), None, "for the commands too");
    }

    #[test]
    fn a_token_finds_its_account_until_sign_out() {
        let (mut sessions, t0) = (Sessions::default(), Instant::now());
        let token = sessions.open(1, Role::Officer, t0).unwrap();
        assert_eq!(token.len(), 43, "256 bits as unpadded base64url");
        assert_eq!(sessions.find(&token, t0), Some((1, Role::Officer)));
        let other = sessions.open(2, Role::Officer, t0).unwrap();
        assert_ne!(token, other, "every sign-in gets its own random token");
        sessions.close(&token);
        assert!(sessions.find(&token, t0).is_none(), "signed out");
        assert!(sessions.find(&other, t0).is_some(), "another person's session is untouched");
    }

    #[test]
    fn a_new_password_ends_the_accounts_other_sessions_only() {
        let (mut sessions, t0) = (Sessions::default(), Instant::now());
        let here = sessions.open(1, Role::Officer, t0).unwrap();
        let elsewhere = sessions.open(1, Role::Officer, t0).unwrap();
        let someone_else = sessions.open(2, Role::Officer, t0).unwrap();
        sessions.close_account(1, Some(&here));
        assert!(sessions.find(&here, t0).is_some(), "the session that changed it stays");
        assert!(sessions.find(&elsewhere, t0).is_none(), "the account's other session ended");
        assert!(sessions.find(&someone_else, t0).is_some(), "another account's is untouched");
        sessions.close_account(1, Some(&someone_else));
        assert!(sessions.find(&here, t0).is_none(), "a kept token of another account keeps nothing of this one");
    }

    #[test]
    fn the_table_keeps_hashes_not_tokens() {
        let (mut sessions, t0) = (Sessions::default(), Instant::now());
        let token = sessions.open(1, Role::Officer, t0).unwrap();
        let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(&token).unwrap();
        assert!(!sessions.open.contains_key(raw.as_slice()), "the raw token is not a key");
        assert!(sessions.open.contains_key(&hash(&raw)), "its SHA-256 is");
    }

    #[test]
    fn an_idle_session_ends_and_a_busy_one_ends_at_the_absolute_limit() {
        let (mut sessions, t0) = (Sessions::default(), Instant::now());
        let idle = sessions.open(3, Role::Officer, t0).unwrap();
        let busy = sessions.open(4, Role::Officer, t0).unwrap();
        // The busy one is used every 20 minutes, within the idle limit, for the whole day.
        let mut now = t0;
        while now + Duration::from_secs(20 * 60) < t0 + ABSOLUTE {
            now += Duration::from_secs(20 * 60);
            assert!(sessions.find(&busy, now).is_some(), "used within {IDLE:?}, so still open");
        }
        assert!(sessions.find(&idle, t0 + IDLE).is_none(), "unused for {IDLE:?}: ended");
        assert!(sessions.find(&busy, t0 + ABSOLUTE).is_none(), "{ABSOLUTE:?} after sign-in: ended however busy");
    }

    #[test]
    fn malformed_tokens_find_nothing() {
        let (mut sessions, t0) = (Sessions::default(), Instant::now());
        sessions.open(1, Role::Officer, t0).unwrap();
        for token in ["", "x", "not base64 at all!", &"A".repeat(43), &"A".repeat(4000)] {
            assert!(sessions.find(token, t0).is_none(), "{token:.20} is no session");
        }
    }

    #[test]
    fn ended_sessions_are_dropped_at_the_next_sign_in() {
        let (mut sessions, t0) = (Sessions::default(), Instant::now());
        for _ in 0..3 {
            sessions.open(1, Role::Officer, t0).unwrap();
        }
        sessions.open(2, Role::Officer, t0 + IDLE).unwrap();
        assert_eq!(sessions.len(), 1, "the three idle sessions went when the fourth opened");
    }
}
