//! Each account's private calendar feed (issue 19, migration 0012): an address with a secret
//! token that a person subscribes to in Outlook, listing their reports' deadlines (those of the
//! reports an officer gave their account, restricted ones left out, as everywhere an author
//! looks) and the clearance sign-offs waiting for them, written by the deadlines crate's
//! `ics::feed_calendar` so each event keeps the UID it has in a meeting's own .ics file.
//!
//! The token is 256 random bits shown once; only its SHA-256 is kept (as for sessions), so a
//! copy of the database does not open anyone's feed. A new token replaces the old; revoking
//! deletes it; an unknown or revoked token, or a disabled account, finds no feed (the team
//! server answers 404). Deliberately not here: serving the address (the team server).

use std::collections::BTreeMap;

use agendapack_deadlines::ics::{feed_calendar, IcsMeeting};
use agendapack_deadlines::{Deadline, DeadlineKind};
use chrono::{NaiveDate, NaiveDateTime};
use password_hash::rand_core::{OsRng, RngCore};
use rusqlite::{params, OptionalExtension};

use crate::edit::deadline_view::{ics_meeting, row_deadline};
use crate::{codes, sha256_hex, Store, StoreError};

/// The characters of a token: 64 lowercase hexadecimal digits.
const TOKEN_HEX_CHARS: usize = 64;

impl Store {
    /// A new feed token for the account (replacing any earlier one, whose address stops
    /// working). Shown to the person once; only its hash is kept.
    pub fn calendar_feed_issue(&self, account_id: i64, now: NaiveDateTime) -> Result<String, StoreError> {
        self.account_get(account_id)?.ok_or(StoreError::NotFound { what: "account", id: account_id })?;
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        self.conn.execute(
            "INSERT INTO calendar_feeds (account_id, token_sha256, created_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (account_id) DO UPDATE SET token_sha256 = excluded.token_sha256, created_at = excluded.created_at",
            params![account_id, sha256_hex(token.as_bytes()), codes::date_time_text(now)],
        )?;
        Ok(token)
    }

    /// Revokes the account's feed; false when it had none.
    pub fn calendar_feed_revoke(&self, account_id: i64) -> Result<bool, StoreError> {
        Ok(self.conn.execute("DELETE FROM calendar_feeds WHERE account_id = ?1", [account_id])? > 0)
    }

    /// The feed of `token` as iCalendar text, judged on `today`; None when no enabled account
    /// has that token (unknown, revoked, replaced or malformed).
    pub fn calendar_feed_ics(&self, token: &str, today: NaiveDate) -> Result<Option<String>, StoreError> {
        if token.len() != TOKEN_HEX_CHARS || !token.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            return Ok(None);
        }
        let account_id: Option<i64> = self
            .conn
            .query_row("SELECT account_id FROM calendar_feeds WHERE token_sha256 = ?1", [sha256_hex(token.as_bytes())], |r| r.get(0))
            .optional()?;
        let Some(account) = account_id.map(|id| self.account_get(id)).transpose()?.flatten().filter(|a| !a.disabled) else {
            return Ok(None);
        };
        let mut meetings: BTreeMap<i64, Vec<Deadline>> = BTreeMap::new();
        for report in self.reports_owned(account.id)?.into_iter().filter(|r| !r.restricted) {
            let events = meetings.entry(report.meeting_id).or_default();
            for row in self.report_deadlines(report.item_id, today)? {
                let deadline = row_deadline(&row)?;
                // The meeting's publication date once, however many of their reports it has.
                if row.item_id.is_none() && events.iter().any(|d| d.kind == deadline.kind && d.label == deadline.label) {
                    continue;
                }
                events.push(deadline);
            }
        }
        for step in self.clearance_waiting_for(account.id, today)? {
            let Some(due) = step.due else { continue };
            meetings.entry(step.meeting_id).or_default().push(Deadline {
                // A clearance step is an internal deadline before the final report, as a
                // draft to a board is.
                kind: DeadlineKind::DraftToBoard,
                label: format!("{} sign-off: {}", step.step, step.item),
                date: due,
                time: None,
                rule: format!("the {} step of the report's clearance route", step.step),
                override_reason: None,
            });
        }
        let mut calendar: Vec<(IcsMeeting, Vec<Deadline>)> = Vec::new();
        for (meeting_id, deadlines) in meetings {
            calendar.push((ics_meeting(&self.conn, meeting_id)?, deadlines));
        }
        calendar.sort_by_key(|(m, _)| (m.starts_at, m.id));
        Ok(Some(feed_calendar(&format!("{}: AgendaPack deadlines", account.audit_name()), &calendar)))
    }
}
