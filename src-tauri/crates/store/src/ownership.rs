//! What ties an account to papers (issue 18, migration 0011): which author's account writes
//! which report (by its agenda item, so an officer can commission a report before it exists),
//! which committees a member's account sits on, and the few facts about an item, appendix or
//! meeting that authorisation needs (its meeting, committee, whether it is restricted, whether
//! the meeting's papers are published).
//!
//! Deliberately not here: deciding who may do what (`agendapack::api::authz` reads these facts
//! and decides), and accounts themselves ([`crate::accounts`]).

use agendapack_model::account::Role;
use agendapack_model::validate::Problem;
use agendapack_model::{ItemKind, ReportStatus};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

use crate::{codes, Store, StoreError};

/// What authorisation needs to know about one agenda item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemFacts {
    pub item_id: i64,
    pub meeting_id: i64,
    /// The account that authors its report, if one was set.
    pub owner: Option<i64>,
    /// The item is exempt or confidential, or its report has an exempt or confidential
    /// appendix: a restricted paper, which only officers, administrators and clerks read.
    pub restricted: bool,
    /// The report's status, when the item has a report yet.
    pub report_status: Option<ReportStatus>,
}

/// What authorisation needs to know about one meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingFacts {
    pub meeting_id: i64,
    pub committee_id: i64,
    /// The day its papers were published, when they have been.
    pub published_on: Option<NaiveDate>,
}

/// One report an author's account owns, for their "my reports" list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnedReport {
    pub item_id: i64,
    pub meeting_id: i64,
    pub committee: String,
    pub meeting_date: NaiveDate,
    /// The agenda item's title (the report's own title may not be written yet).
    pub title: String,
    pub report_status: Option<ReportStatus>,
    pub restricted: bool,
}

fn invalid(path: &str, message: String) -> StoreError {
    StoreError::Invalid(vec![Problem { path: path.to_string(), message }])
}

/// An item is restricted when it, or any appendix of its report, is not public.
pub(crate) const RESTRICTED: &str = "(i.access_kind <> 'public' OR EXISTS (SELECT 1 FROM reports r2 JOIN appendices a ON a.report_id = r2.id
                          WHERE r2.agenda_item_id = i.id AND a.access_kind <> 'public'))";

fn status(text: Option<String>) -> Result<Option<ReportStatus>, StoreError> {
    text.map(|t| codes::report_status("reports.status", &t)).transpose()
}

impl Store {
    /// Makes `account_id` the author of item `item_id`'s report, or (None) leaves it without
    /// one. Only a report item can have an author, and only an author's account can be one.
    pub fn report_owner_set(&self, item_id: i64, account_id: Option<i64>) -> Result<(), StoreError> {
        let kind: String = self
            .conn
            .query_row("SELECT kind FROM agenda_items WHERE id = ?1", [item_id], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NotFound { what: "agenda item", id: item_id })?;
        if kind != ItemKind::Report.as_str() {
            return Err(invalid("item_id", format!("agenda item {item_id} is not a report item, so it has no author")));
        }
        let Some(account_id) = account_id else {
            self.conn.execute("DELETE FROM report_owners WHERE agenda_item_id = ?1", [item_id])?;
            return Ok(());
        };
        let account = self.account_get(account_id)?.ok_or(StoreError::NotFound { what: "account", id: account_id })?;
        if account.role != Role::Author {
            return Err(invalid("account_id", format!("{} is not an author's account, so it cannot own a report", account.name)));
        }
        self.conn.execute(
            "INSERT INTO report_owners (agenda_item_id, account_id) VALUES (?1, ?2)
             ON CONFLICT (agenda_item_id) DO UPDATE SET account_id = excluded.account_id",
            params![item_id, account_id],
        )?;
        Ok(())
    }

    /// The account that authors item `item_id`'s report, if one was set.
    pub fn report_owner(&self, item_id: i64) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT account_id FROM report_owners WHERE agenda_item_id = ?1", [item_id], |r| r.get(0))
            .optional()?)
    }

    /// The reports `account_id` authors, meeting by meeting in date order, then agenda order.
    pub fn reports_owned(&self, account_id: i64) -> Result<Vec<OwnedReport>, StoreError> {
        let sql = format!(
            "SELECT i.id, i.meeting_id, c.name, substr(m.starts_at, 1, 10), i.title, r.status, {RESTRICTED}
             FROM report_owners o
             JOIN agenda_items i ON i.id = o.agenda_item_id
             JOIN meetings m ON m.id = i.meeting_id
             JOIN committees c ON c.id = m.committee_id
             LEFT JOIN reports r ON r.agenda_item_id = i.id
             WHERE o.account_id = ?1
             ORDER BY m.starts_at, m.id, i.position"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt
            .query_map([account_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?, r.get(4)?, r.get::<_, Option<String>>(5)?, r.get(6)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        rows.into_iter()
            .map(|(item_id, meeting_id, committee, date, title, st, restricted)| {
                Ok(OwnedReport {
                    item_id,
                    meeting_id,
                    committee,
                    meeting_date: codes::parse_date("meetings.starts_at", &date)?,
                    title,
                    report_status: status(st)?,
                    restricted,
                })
            })
            .collect()
    }

    /// Sets the committees a (member's) account sits on, replacing the earlier set. Only the
    /// committees joined or left are written, so the accounts' trail (migration 0015) records
    /// real changes only.
    pub fn account_committees_set(&mut self, account_id: i64, committee_ids: &[i64]) -> Result<(), StoreError> {
        self.account_get(account_id)?.ok_or(StoreError::NotFound { what: "account", id: account_id })?;
        let before = self.account_committees(account_id)?;
        let tx = self.conn.transaction()?;
        for left in before.iter().filter(|c| !committee_ids.contains(c)) {
            tx.execute("DELETE FROM account_committees WHERE account_id = ?1 AND committee_id = ?2", [account_id, *left])?;
        }
        for committee_id in committee_ids {
            let known: Option<i64> =
                tx.query_row("SELECT id FROM committees WHERE id = ?1", [committee_id], |r| r.get(0)).optional()?;
            known.ok_or(StoreError::NotFound { what: "committee", id: *committee_id })?;
            tx.execute(
                "INSERT OR IGNORE INTO account_committees (account_id, committee_id) VALUES (?1, ?2)",
                params![account_id, committee_id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The committees `account_id` sits on, by id.
    pub fn account_committees(&self, account_id: i64) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT committee_id FROM account_committees WHERE account_id = ?1 ORDER BY committee_id")?;
        let ids = stmt.query_map([account_id], |r| r.get(0))?.collect::<Result<_, _>>()?;
        Ok(ids)
    }

    /// The facts about agenda item `item_id`; None when there is no such item.
    pub fn item_facts(&self, item_id: i64) -> Result<Option<ItemFacts>, StoreError> {
        let sql = format!(
            "SELECT i.id, i.meeting_id, o.account_id, {RESTRICTED}, r.status
             FROM agenda_items i
             LEFT JOIN report_owners o ON o.agenda_item_id = i.id
             LEFT JOIN reports r ON r.agenda_item_id = i.id
             WHERE i.id = ?1"
        );
        let row = self
            .conn
            .query_row(&sql, [item_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get::<_, Option<String>>(4)?)))
            .optional()?;
        row.map(|(item_id, meeting_id, owner, restricted, st)| {
            Ok(ItemFacts { item_id, meeting_id, owner, restricted, report_status: status(st)? })
        })
        .transpose()
    }

    /// The agenda item whose report has appendix `appendix_id`; None when there is no such appendix.
    pub fn appendix_item(&self, appendix_id: i64) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT r.agenda_item_id FROM appendices a JOIN reports r ON r.id = a.report_id WHERE a.id = ?1",
                [appendix_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The facts about meeting `meeting_id`; None when there is no such meeting.
    pub fn meeting_facts(&self, meeting_id: i64) -> Result<Option<MeetingFacts>, StoreError> {
        let row = self
            .conn
            .query_row("SELECT id, committee_id, published_on FROM meetings WHERE id = ?1", [meeting_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get::<_, Option<String>>(2)?))
            })
            .optional()?;
        row.map(|(meeting_id, committee_id, published)| {
            Ok(MeetingFacts { meeting_id, committee_id, published_on: codes::parse_opt_date("meetings.published_on", published)? })
        })
        .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MeetingId;
    use chrono::NaiveDateTime;

    fn at() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap().and_hms_opt(21, 0, 0).unwrap()
    }

    /// The demo's first meeting, and the ids of its report items: (open ones, restricted ones).
    fn demo() -> (Store, MeetingId, Vec<i64>, Vec<i64>) {
        let mut store = Store::open_in_memory().unwrap();
        let bundle = agendapack_demo::bundles().into_iter().next().expect("the demo has a meeting");
        let id = store.import_bundle_at(&bundle, at()).unwrap();
        let ids: Vec<i64> = store
            .conn
            .prepare("SELECT id FROM agenda_items WHERE meeting_id = ?1 AND kind = 'report' ORDER BY position")
            .unwrap()
            .query_map([id.0], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let (mut open, mut restricted) = (Vec::new(), Vec::new());
        for item in ids {
            if store.item_facts(item).unwrap().unwrap().restricted {
                restricted.push(item);
            } else {
                open.push(item);
            }
        }
        (store, id, open, restricted)
    }

    #[test]
    fn an_officer_gives_a_report_to_an_author_and_takes_it_back() {
        let (store, meeting, open, _) = demo();
        let author = store.account_add("priya", "Priya Shah", Role::Author, "correct horse battery", at()).unwrap();
        let item = open[0];
        assert_eq!(store.report_owner(item).unwrap(), None, "no report has an author account at first");
        store.report_owner_set(item, Some(author.id)).unwrap();
        assert_eq!(store.report_owner(item).unwrap(), Some(author.id), "the owner is recorded");
        let facts = store.item_facts(item).unwrap().unwrap();
        assert_eq!((facts.meeting_id, facts.owner), (meeting.0, Some(author.id)), "the facts carry meeting and owner");
        let owned = store.reports_owned(author.id).unwrap();
        assert_eq!(owned.iter().map(|r| r.item_id).collect::<Vec<_>>(), vec![item], "the author's list has it");
        store.report_owner_set(item, None).unwrap();
        assert!(store.reports_owned(author.id).unwrap().is_empty(), "and loses it when taken back");
    }

    #[test]
    fn only_an_author_can_own_and_only_a_report_item() {
        let (store, meeting, open, _) = demo();
        let officer = store.account_add("ann", "Ann Lee", Role::Officer, "correct horse battery", at()).unwrap();
        assert!(matches!(store.report_owner_set(open[0], Some(officer.id)), Err(StoreError::Invalid(_))), "an officer owns no report");
        let author = store.account_add("priya", "", Role::Author, "correct horse battery", at()).unwrap();
        let not_report: i64 = store
            .conn
            .query_row("SELECT id FROM agenda_items WHERE meeting_id = ?1 AND kind <> 'report' LIMIT 1", [meeting.0], |r| r.get(0))
            .unwrap();
        assert!(store.report_owner_set(not_report, Some(author.id)).is_err(), "a heading has no author");
        assert!(matches!(store.report_owner_set(open[0], Some(999)), Err(StoreError::NotFound { .. })), "an unknown account");
    }

    #[test]
    fn restricted_items_are_known_as_such() {
        let (store, _, open, restricted) = demo();
        assert!(restricted.is_empty() && open.len() >= 2, "the demo's first meeting has open reports only");
        store.conn.execute("UPDATE agenda_items SET access_kind = 'confidential' WHERE id = ?1", [open[0]]).unwrap();
        assert!(store.item_facts(open[0]).unwrap().unwrap().restricted, "a confidential item is restricted");
        store
            .conn
            .execute(
                "UPDATE appendices SET access_kind = 'exempt', access_paragraphs = '3'
                 WHERE id = (SELECT a.id FROM appendices a JOIN reports r ON r.id = a.report_id WHERE r.agenda_item_id = ?1 LIMIT 1)",
                [open[1]],
            )
            .unwrap();
        assert!(store.item_facts(open[1]).unwrap().unwrap().restricted, "an exempt appendix restricts its report");
        assert_eq!(store.item_facts(99_999).unwrap(), None, "an unknown item has no facts");
    }

    #[test]
    fn a_members_committees_are_replaced_whole() {
        let (mut store, meeting, _, _) = demo();
        let member = store.account_add("cllr.jones", "Cllr Jones", Role::Member, "correct horse battery", at()).unwrap();
        let committee = store.meeting_facts(meeting.0).unwrap().unwrap().committee_id;
        store.account_committees_set(member.id, &[committee, committee]).unwrap();
        assert_eq!(store.account_committees(member.id).unwrap(), vec![committee], "a committee once");
        store.account_committees_set(member.id, &[]).unwrap();
        assert!(store.account_committees(member.id).unwrap().is_empty(), "and none after");
        assert!(store.account_committees_set(member.id, &[4242]).is_err(), "an unknown committee is refused");
    }
}
