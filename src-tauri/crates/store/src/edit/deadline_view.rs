//! Every deadline of a meeting, with its status against "today" (an argument): the statutory
//! publication date (the council's nation and deadline settings), each report's local
//! deadlines (judged by when the report was first submitted, from the status history),
//! key-decision notices, and the after-meeting ones (draft minutes, Wales' note of decisions,
//! end of call-in). Also the dashboard's list across meetings and the checks a build
//! runs. The public entry points are [`Store::meeting_deadlines`],
//! [`Store::upcoming_deadlines`], [`Store::committee_local_deadlines`] (for a work programme
//! row, before the meeting exists) and [`Store::build_checks`].
//!
//! A report counts as handed in when its status last moved out of "draft"; a report stored
//! already past draft (an import) was handed in before its history began, so it is not
//! judged late. Deliberately not here: editing (see `deadlines`) and the rules (the
//! deadlines crate).

use agendapack_deadlines::ics::{meeting_calendar, IcsMeeting};
use agendapack_deadlines::{
    clear_days_phrase, decisions_note_due, key_decision_notice, statutory_publication, status, BankHolidays, Deadline, DeadlineKind,
    Status, StatutoryRule, WorkingCalendar, DEFAULT_AMBER_WORKING_DAYS,
};
use agendapack_model::{Access, DeadlineSettings, Nation};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::queries::council::deadline_settings;
use crate::queries::deadlines as q;
use crate::{codes, Store, StoreError};

/// One deadline of a meeting as the app and the CLI show it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeadlineRow {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub meeting_id: i64,
    pub committee: String,
    pub meeting_date: NaiveDate,
    /// "publication", "draft-to-board", "final-report", "key-decision-notice", "draft-minutes", "call-in-end".
    pub kind: String,
    pub label: String,
    pub date: NaiveDate,
    /// "HH:MM" where a time of day applies.
    pub time: Option<String>,
    /// The rule in words.
    pub rule: String,
    /// "met", "missed", "overdue", "due-soon" or "upcoming".
    pub status: String,
    /// "red", "amber" or "green".
    pub rag: String,
    /// The status in a sentence.
    pub detail: String,
    /// The agenda item of a per-report deadline.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub item_id: Option<i64>,
    pub item: Option<String>,
    /// The report's authors, for the "my reports" filter.
    pub authors: Vec<String>,
    /// Why the date was set by hand for this meeting, when it was.
    pub override_reason: Option<String>,
    /// The report was (or will be) handed in after its final-report deadline.
    pub late: bool,
    /// What to do about it, e.g. mark the item supplementary with the urgency reason.
    pub proposal: Option<String>,
}

/// One status a report had, and when it changed to it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusChangeRow {
    pub status: String,
    pub changed_at: NaiveDateTime,
}

struct MeetingFacts {
    id: i64,
    committee_id: i64,
    committee: String,
    starts_at: NaiveDateTime,
    published_on: Option<NaiveDate>,
}

struct ReportFacts {
    item_id: i64,
    title: String,
    supplementary: bool,
    key_decision: bool,
    notice_on: Option<NaiveDate>,
    authors: Vec<String>,
    /// When it was first handed in: Some(None) if before its history began.
    handed_in: Option<Option<NaiveDateTime>>,
}

/// A deadline row as the calendar writes it: the item's title after the label.
pub(crate) fn row_deadline(row: &DeadlineRow) -> Result<Deadline, StoreError> {
    let kind = DeadlineKind::parse(&row.kind).ok_or_else(|| StoreError::BadValue { column: "deadline kind".into(), value: row.kind.clone() })?;
    let time = row.time.as_deref().map(|t| q::parse_hm("deadline time", t)).transpose()?;
    let label = match &row.item {
        Some(item) => format!("{}: {item}", row.label),
        None => row.label.clone(),
    };
    Ok(Deadline { kind, label, date: row.date, time, rule: row.rule.clone(), override_reason: row.override_reason.clone() })
}

/// The meeting as its calendar events name it; the DTSTAMP is the meeting's start, so the
/// same data always gives the same bytes.
pub(crate) fn ics_meeting(conn: &Connection, meeting_id: i64) -> Result<IcsMeeting, StoreError> {
    let meeting = meeting_facts(conn, meeting_id)?;
    Ok(IcsMeeting { id: meeting.id, committee: meeting.committee, starts_at: meeting.starts_at, stamp: meeting.starts_at })
}

fn meeting_facts(conn: &Connection, meeting_id: i64) -> Result<MeetingFacts, StoreError> {
    let row: Option<(i64, String, String, Option<String>)> = conn
        .query_row(
            "SELECT m.committee_id, c.name, m.starts_at, m.published_on FROM meetings m JOIN committees c ON c.id = m.committee_id
             WHERE m.id = ?1",
            [meeting_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let (committee_id, committee, starts_at, published_on) = row.ok_or(StoreError::NoMeeting(meeting_id))?;
    Ok(MeetingFacts {
        id: meeting_id,
        committee_id,
        committee,
        starts_at: codes::parse_date_time("meetings.starts_at", &starts_at)?,
        published_on: codes::parse_opt_date("meetings.published_on", published_on)?,
    })
}

fn report_facts(conn: &Connection, meeting_id: i64) -> Result<Vec<ReportFacts>, StoreError> {
    type Row = (i64, i64, String, String, String, Option<String>, i64, i64, Option<String>);
    let rows: Vec<Row> = conn
        .prepare(
            "SELECT i.id, r.id, i.title, i.access_kind, i.access_paragraphs, i.access_public_title, i.supplementary,
                    r.key_decision, r.key_decision_notice_on
             FROM agenda_items i JOIN reports r ON r.agenda_item_id = i.id
             WHERE i.meeting_id = ?1 ORDER BY i.position",
        )?
        .query_map([meeting_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut facts = Vec::with_capacity(rows.len());
    for (item_id, report_id, title, access_kind, paragraphs, public_title, supplementary, key_decision, notice_on) in rows {
        // Deadlines reach dashboards and calendar files: an exempt item shows its public title.
        let access: Access = codes::access(&access_kind, &paragraphs, public_title)?;
        let title = access.public_title().map(str::to_string).unwrap_or(title);
        let authors = conn
            .prepare("SELECT p.name FROM report_authors a JOIN people p ON p.id = a.person_id WHERE a.report_id = ?1 ORDER BY a.position")?
            .query_map([report_id], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        let history = q::status_history(conn, report_id)?;
        // The last move out of draft counts: a report sent back to draft is handed in again.
        let mut handed_in = None;
        for (i, (state, at)) in history.iter().enumerate() {
            handed_in = match (state.as_str(), handed_in) {
                ("draft", _) => None,
                (_, Some(kept)) => Some(kept),
                (_, None) if i == 0 => Some(None),
                (_, None) => Some(Some(*at)),
            };
        }
        facts.push(ReportFacts {
            item_id,
            title,
            supplementary: supplementary != 0,
            key_decision: key_decision != 0,
            notice_on: codes::parse_opt_date("reports.key_decision_notice_on", notice_on)?,
            authors,
            handed_in,
        });
    }
    Ok(facts)
}

fn long(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

fn due_at(deadline: &Deadline) -> NaiveDateTime {
    deadline.date.and_time(deadline.time.unwrap_or(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN)))
}

struct Builder<'a> {
    meeting: &'a MeetingFacts,
    cal: &'a WorkingCalendar,
    today: NaiveDate,
    rows: Vec<DeadlineRow>,
}

impl Builder<'_> {
    fn push(&mut self, deadline: &Deadline, state: Status, detail: String, report: Option<&ReportFacts>) {
        self.rows.push(DeadlineRow {
            meeting_id: self.meeting.id,
            committee: self.meeting.committee.clone(),
            meeting_date: self.meeting.starts_at.date(),
            kind: deadline.kind.as_str().to_string(),
            label: deadline.label.clone(),
            date: deadline.date,
            time: deadline.time.map(q::hm_text),
            rule: deadline.rule.clone(),
            status: state.as_str().to_string(),
            rag: state.rag().as_str().to_string(),
            detail,
            item_id: report.map(|r| r.item_id),
            item: report.map(|r| r.title.clone()),
            authors: report.map(|r| r.authors.clone()).unwrap_or_default(),
            override_reason: deadline.override_reason.clone(),
            late: false,
            proposal: None,
        });
    }

    fn open_status(&self, deadline: &Deadline) -> (Status, String) {
        let state = status(deadline.date, None, self.today, self.cal, DEFAULT_AMBER_WORKING_DAYS);
        let detail = match state {
            Status::Overdue => format!("overdue: was due {}", long(deadline.date)),
            _ => format!("due {}", long(deadline.date)),
        };
        (state, detail)
    }

    /// A report's local deadline, judged by when it was first handed in.
    fn report_row(&mut self, deadline: &Deadline, report: &ReportFacts) {
        let (state, detail) = match report.handed_in {
            Some(None) => (Status::Met, "handed in before its status history was recorded".to_string()),
            Some(Some(at)) if at <= due_at(deadline) => (Status::Met, format!("met: handed in {}", at.format("%-d %B %Y %H:%M"))),
            Some(Some(at)) => (Status::Missed, format!("missed: handed in {}", at.format("%-d %B %Y %H:%M"))),
            None => self.open_status(deadline),
        };
        self.push(deadline, state, detail, Some(report));
        let late = deadline.kind == DeadlineKind::FinalReport && matches!(state, Status::Missed | Status::Overdue);
        if let Some(row) = self.rows.last_mut() {
            row.late = late;
            if late && !report.supplementary {
                if let Some(on) = self.meeting.published_on {
                    row.proposal = Some(format!(
                        "the pack was published on {}: mark this item supplementary and record the special circumstances that make it urgent (s100B(4)(b) Local Government Act 1972)",
                        long(on)
                    ));
                }
            }
        }
    }
}

pub(crate) fn meeting_deadlines(conn: &Connection, meeting_id: i64, today: NaiveDate) -> Result<Vec<DeadlineRow>, StoreError> {
    meeting_deadlines_with(conn, meeting_id, today, None)
}

fn meeting_deadlines_with(
    conn: &Connection,
    meeting_id: i64,
    today: NaiveDate,
    overlay: Option<&BankHolidays>,
) -> Result<Vec<DeadlineRow>, StoreError> {
    let calendar = q::calendar_with(conn, overlay)?;
    deadlines_on(conn, meeting_id, today, &calendar)
}

/// The deadlines of a meeting on a calendar already built (the dashboard builds it once).
fn deadlines_on(
    conn: &Connection,
    meeting_id: i64,
    today: NaiveDate,
    (nation, cal): &(agendapack_model::Nation, WorkingCalendar),
) -> Result<Vec<DeadlineRow>, StoreError> {
    let (nation, cal) = (*nation, cal.clone());
    let meeting = meeting_facts(conn, meeting_id)?;
    let meeting_date = meeting.starts_at.date();
    let reports = report_facts(conn, meeting_id)?;
    let mut b = Builder { meeting: &meeting, cal: &cal, today, rows: Vec::new() };

    let settings = deadline_settings(conn)?;
    let statutory = StatutoryRule::for_council(nation, &settings);
    let publication = statutory_publication(meeting_date, &statutory, &cal)?;
    match meeting.published_on {
        Some(on) => {
            let check = statutory.check(on, meeting_date, &cal);
            b.push(&publication, if check.met() { Status::Met } else { Status::Missed }, check.describe(), None);
        }
        None => {
            let (state, detail) = b.open_status(&publication);
            b.push(&publication, state, format!("not published yet: {detail}"), None);
        }
    }

    let local = q::rules_for_meeting(conn, meeting.committee_id, meeting_date)?;
    for (stored, manual) in &local {
        let deadline = stored.rule.deadline(meeting_date, &cal, manual.as_ref())?;
        if stored.rule.kind.after_meeting() {
            after_meeting_row(conn, &mut b, &deadline)?;
        } else if reports.is_empty() {
            let (state, detail) = b.open_status(&deadline);
            b.push(&deadline, state, detail, None);
        } else {
            for report in &reports {
                b.report_row(&deadline, report);
            }
        }
    }

    if let Some(note) = decisions_note_due(meeting_date, nation, &cal)? {
        after_meeting_row(conn, &mut b, &note)?;
    }

    for report in reports.iter().filter(|r| r.key_decision) {
        let notice = key_decision_notice(meeting_date, 28, settings.key_decision_days, &cal)?;
        let (state, detail) = match report.notice_on {
            Some(on) if on <= notice.date => (Status::Met, format!("met: notice published {}", long(on))),
            Some(on) => (Status::Missed, format!("missed: notice published {}, less than {} before", long(on), clear_days_phrase(28, settings.key_decision_days))),
            None => {
                let (state, detail) = b.open_status(&notice);
                (state, format!("no notice date recorded; {detail}"))
            }
        };
        b.push(&notice, state, detail, Some(report));
    }
    b.rows.sort_by(|x, y| (x.date, &x.time).cmp(&(y.date, &y.time)));
    Ok(b.rows)
}

fn after_meeting_row(conn: &Connection, b: &mut Builder<'_>, deadline: &Deadline) -> Result<(), StoreError> {
    let (state, detail) = match deadline.kind {
        // Both are met once the minutes leave draft: the note of decisions is published with
        // (or as) the minutes.
        DeadlineKind::DraftMinutes | DeadlineKind::DecisionsNote => {
            let minutes: Option<String> =
                conn.query_row("SELECT status FROM minutes WHERE meeting_id = ?1", [b.meeting.id], |r| r.get(0)).optional()?;
            match minutes.as_deref() {
                Some(s) if s != "draft" => (Status::Met, format!("minutes are {s}")),
                _ => b.open_status(deadline),
            }
        }
        // The end of call-in is a date to wait for, not a task: once past, it has simply ended.
        _ if b.today > deadline.date => (Status::Met, format!("ended {}", long(deadline.date))),
        _ => (Status::Upcoming, format!("ends {}", long(deadline.date))),
    };
    b.push(deadline, state, detail, None);
    Ok(())
}

/// Red first, then amber, then green; earliest first within each.
pub fn dashboard_order(rows: &mut [DeadlineRow]) {
    let rank = |rag: &str| match rag {
        "red" => 0,
        "amber" => 1,
        _ => 2,
    };
    rows.sort_by(|x, y| (rank(&x.rag), x.date, &x.time, x.meeting_id).cmp(&(rank(&y.rag), y.date, &y.time, y.meeting_id)));
}

/// The calendar a meeting on any day is counted on (see [`Store::council_calendar`]).
#[derive(Debug, Clone)]
pub struct CouncilCalendar {
    pub nation: Nation,
    pub calendar: WorkingCalendar,
    pub settings: DeadlineSettings,
    /// Which calendar, in words: the council, its nation, the bank-holiday data, the closures.
    pub description: String,
}

impl Store {
    /// The council's deadline settings (the defaults before a council is saved).
    pub fn deadline_settings(&self) -> Result<DeadlineSettings, StoreError> {
        deadline_settings(&self.conn)
    }

    /// The council's calendar and deadline settings for a meeting that need not exist (the
    /// CLI's `deadlines --date`): the shipped bank holidays with its imported file, its closure
    /// days and settings. `nation` other than the council's gives that nation's bank holidays
    /// and default settings without the council's closures, which are its own.
    pub fn council_calendar(&self, nation: Option<Nation>, overlay: Option<&BankHolidays>) -> Result<CouncilCalendar, StoreError> {
        let council = crate::queries::council::load(&self.conn)?;
        let (own, cal) = q::calendar_with(&self.conn, overlay)?;
        let nation = nation.unwrap_or(own);
        let imported = q::imported_holidays(&self.conn)?.map(|(_, source, _)| source);
        let holidays = match (&imported, overlay) {
            (Some(source), _) => format!("bank holidays shipped with an imported file (\"{}\")", source.chars().take(40).collect::<String>()),
            (None, Some(_)) => "bank holidays shipped with the given file".to_string(),
            (None, None) => "bank holidays shipped".to_string(),
        };
        let name = council.as_ref().map(|c| c.name.clone()).unwrap_or_else(|| "no council saved".into());
        if nation == own {
            let closures = cal.closures().count();
            let settings = deadline_settings(&self.conn)?;
            let description = format!(
                "{name} ({}): {holidays}, {closures} closure day{}, the council's deadline settings",
                nation.as_str(),
                if closures == 1 { "" } else { "s" }
            );
            Ok(CouncilCalendar { nation, calendar: cal, settings, description })
        } else {
            let mut data = q::bank_holidays(&self.conn)?;
            if let Some(newer) = overlay {
                data = data.updated_with(newer);
            }
            let calendar = WorkingCalendar::new(nation.into(), &data, Vec::new());
            let description = format!(
                "{} {holidays} (the database's council, {name}, is in {}: its closure days and settings are not used)",
                nation.as_str(),
                own.as_str()
            );
            Ok(CouncilCalendar { nation, calendar, settings: DeadlineSettings::default(), description })
        }
    }

    /// Every deadline of a meeting (statutory, local per report, key-decision notices, after
    /// the meeting), in date order, with status against `today`.
    pub fn meeting_deadlines(&self, meeting_id: i64, today: NaiveDate) -> Result<Vec<DeadlineRow>, StoreError> {
        meeting_deadlines(&self.conn, meeting_id, today)
    }

    /// The deadlines of one report (by its agenda item) and its meeting's publication date:
    /// what the report editor shows.
    pub fn report_deadlines(&self, item_id: i64, today: NaiveDate) -> Result<Vec<DeadlineRow>, StoreError> {
        let meeting_id: i64 = self
            .conn
            .query_row("SELECT meeting_id FROM agenda_items WHERE id = ?1", [item_id], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NotFound { what: "agenda item", id: item_id })?;
        Ok(meeting_deadlines(&self.conn, meeting_id, today)?
            .into_iter()
            .filter(|row| row.item_id == Some(item_id) || row.kind == DeadlineKind::Publication.as_str())
            .collect())
    }

    /// The statuses a report (by its agenda item) has had, oldest first.
    pub fn report_status_history(&self, item_id: i64) -> Result<Vec<StatusChangeRow>, StoreError> {
        let report_id: i64 = self
            .conn
            .query_row("SELECT id FROM reports WHERE agenda_item_id = ?1", [item_id], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NotFound { what: "report of agenda item", id: item_id })?;
        Ok(q::status_history(&self.conn, report_id)?
            .into_iter()
            .map(|(status, changed_at)| StatusChangeRow { status, changed_at })
            .collect())
    }

    /// [`Store::meeting_deadlines`] with a one-off newer bank-holiday file laid over the stored
    /// data (the CLI's `--bank-holidays FILE`); nothing is stored.
    pub fn meeting_deadlines_with_holidays(&self, meeting_id: i64, today: NaiveDate, overlay: &BankHolidays) -> Result<Vec<DeadlineRow>, StoreError> {
        meeting_deadlines_with(&self.conn, meeting_id, today, Some(overlay))
    }

    /// The meeting's deadlines as an iCalendar file (see `agendapack_deadlines::ics`). The
    /// DTSTAMP is the meeting's start, so the same data always gives the same bytes.
    pub fn meeting_deadlines_ics(&self, meeting_id: i64, today: NaiveDate) -> Result<String, StoreError> {
        let meeting = ics_meeting(&self.conn, meeting_id)?;
        let rows = meeting_deadlines(&self.conn, meeting_id, today)?;
        let deadlines = rows.iter().map(row_deadline).collect::<Result<Vec<_>, StoreError>>()?;
        Ok(meeting_calendar(&meeting, &deadlines))
    }

    /// The dashboard: open deadlines of scheduled meetings from a month ago on (and those
    /// missed), overdue first. With `author`, only rows of reports whose author's name
    /// contains it (case-insensitive).
    pub fn upcoming_deadlines(&self, today: NaiveDate, author: Option<&str>) -> Result<Vec<DeadlineRow>, StoreError> {
        let since = today.checked_sub_days(chrono::Days::new(31)).unwrap_or(today);
        let ids: Vec<i64> = self
            .conn
            .prepare("SELECT id FROM meetings WHERE status = 'scheduled' AND substr(starts_at, 1, 10) >= ?1 ORDER BY starts_at, id")?
            .query_map([codes::date_text(since)], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let needle = author.map(|a| a.trim().to_lowercase()).filter(|a| !a.is_empty());
        let mut rows = Vec::new();
        let calendar = q::calendar(&self.conn)?;
        for id in ids {
            for row in deadlines_on(&self.conn, id, today, &calendar)? {
                let done_and_past = row.status == "met" && row.date < today;
                let mine = match &needle {
                    None => true,
                    Some(n) => row.authors.iter().any(|a| a.to_lowercase().contains(n.as_str())),
                };
                if mine && !done_and_past {
                    rows.push(row);
                }
            }
        }
        dashboard_order(&mut rows);
        Ok(rows)
    }

    /// A committee's local deadlines for a meeting on `meeting_date` (which need not exist
    /// yet), overrides applied: what a work programme prints in its deadline columns. Each
    /// comes with its rule's id.
    pub fn committee_local_deadlines(&self, committee_id: i64, meeting_date: NaiveDate) -> Result<Vec<(i64, Deadline)>, StoreError> {
        let cal = q::calendar(&self.conn)?.1;
        q::rules_for_meeting(&self.conn, committee_id, meeting_date)?
            .into_iter()
            .map(|(stored, manual)| Ok((stored.id, stored.rule.deadline(meeting_date, &cal, manual.as_ref())?)))
            .collect()
    }

    /// What building a pack of the meeting on `today` should warn about: a public main pack
    /// built after the latest statutory publication date but before the meeting, and
    /// key-decision reports without 28 clear days' notice.
    pub fn build_checks(&self, meeting_id: i64, today: NaiveDate, public: bool, supplement: bool) -> Result<Vec<String>, StoreError> {
        let mut warnings = Vec::new();
        let settings = deadline_settings(&self.conn)?;
        let period = StatutoryRule::for_council(q::nation(&self.conn)?, &settings).period();
        for row in meeting_deadlines(&self.conn, meeting_id, today)? {
            // After the meeting, a build is a copy for the record, not a publication.
            let for_the_meeting = today > row.date && today <= row.meeting_date;
            if row.kind == DeadlineKind::Publication.as_str() && public && !supplement && for_the_meeting {
                warnings.push(format!(
                    "this public pack is built on {}, after the latest statutory publication date ({}) for the meeting on {}: publishing it now breaks the {period} rule unless each late item is considered urgent for reasons recorded in the minutes (s100B(4)(b))",
                    long(today),
                    long(row.date),
                    long(row.meeting_date),
                ));
            }
            if row.kind == DeadlineKind::KeyDecisionNotice.as_str() && row.status != "met" {
                let item = row.item.as_deref().unwrap_or("a report");
                warnings.push(format!(
                    "\"{item}\" is a key decision without {} notice ({}); use the general exception (reg 10) or special urgency (reg 11) and record it",
                    clear_days_phrase(28, settings.key_decision_days).replacen(" days", " days'", 1),
                    row.detail
                ));
            }
        }
        Ok(warnings)
    }
}
