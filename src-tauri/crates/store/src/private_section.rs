//! The items migration 0007 found open to the public below the Private Business heading and
//! made "exempt, paragraph not chosen", listed once to each reader: the CLI reports them on
//! its next command, the app's Meetings screen shows them once.
//!
//! Deliberately not here: the rule itself (`agendapack_model::access::open_in_private_section`,
//! which every agenda edit runs) and the build warning for a paragraph not chosen (the pack
//! plan gives it).

use chrono::NaiveDateTime;
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::{codes, Store, StoreError};

/// Who is being told: each reader is told once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeReader {
    Cli,
    App,
}

/// One item the upgrade restricted.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestrictedByUpgrade {
    /// The meeting, while it exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, type = "number"))]
    pub meeting_id: Option<i64>,
    pub committee: String,
    pub meeting_start: NaiveDateTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub number: Option<u32>,
    pub title: String,
}

impl RestrictedByUpgrade {
    /// One sentence saying what happened and what to do.
    pub fn sentence(&self) -> String {
        let which = match self.number {
            Some(n) => format!("item {n}"),
            None => "an item".into(),
        };
        let title: String = self.title.chars().take(40).collect();
        let cut = if title.len() < self.title.len() { "..." } else { "" };
        format!(
            "{which} \"{title}{cut}\" of {}, {}, was open to the public below Private Business; it is now exempt with no \
             paragraph chosen (left out of public packs): choose its Schedule 12A paragraph(s)",
            self.committee,
            self.meeting_start.format("%-d %B %Y")
        )
    }
}

impl Store {
    /// The items the upgrade restricted that `reader` has not been told of, marked as told.
    /// Writes nothing when there is nothing to tell, so a read-only database still opens for
    /// reading.
    pub fn take_private_section_notices(&mut self, reader: NoticeReader) -> Result<Vec<RestrictedByUpgrade>, StoreError> {
        // Constant column names only: the SQL is chosen, never spliced from input.
        let (select, mark) = match reader {
            NoticeReader::Cli => (
                "SELECT id, meeting_id, committee, meeting_start, number, title FROM private_section_review WHERE told_cli = 0 ORDER BY id",
                "UPDATE private_section_review SET told_cli = 1 WHERE id = ?1",
            ),
            NoticeReader::App => (
                "SELECT id, meeting_id, committee, meeting_start, number, title FROM private_section_review WHERE told_app = 0 ORDER BY id",
                "UPDATE private_section_review SET told_app = 1 WHERE id = ?1",
            ),
        };
        let rows: Vec<(i64, Option<i64>, String, String, Option<u32>, String)> = self
            .conn
            .prepare(select)?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
            .collect::<Result<_, _>>()?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let tx = self.conn.transaction()?;
        let mut out = Vec::new();
        for (id, meeting_id, committee, start, number, title) in rows {
            tx.execute(mark, params![id])?;
            let meeting_start = codes::parse_date_time("private_section_review.meeting_start", &start)?;
            out.push(RestrictedByUpgrade { meeting_id, committee, meeting_start, number, title });
        }
        tx.commit()?;
        Ok(out)
    }
}
