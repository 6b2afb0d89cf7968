//! Taking and keeping minutes: start a meeting's minutes from the committee's membership and
//! agenda, save every change (one transaction, checked before the first write), move them
//! draft → published draft → confirmed → signed, record amendments to confirmed minutes, and
//! follow up actions across meetings.
//!
//! Invariant: confirmed and signed minutes are the record; every edit of them is refused with
//! a sentence saying so, and a correction is an amendment appended to their confirmation.
//! Marking an action done is allowed at any status: it is follow-up, not the record.
//!
//! Minute numbers: the first minute of a meeting follows the committee's highest number in the
//! same numbering year ([`MinuteNumbering`], a council setting; 1 May by default); with no
//! earlier minutes in that year in the database, the number already stored (or sent) is kept,
//! so imported history such as seed 001's minutes 21-25 keeps its numbers. Entries are always
//! renumbered consecutively in their order. Deliberately not here: rendering (pack crate).

use agendapack_model::minutes::check_minutes;
use agendapack_model::{
    ActionState, Attendance, AttendanceKind, Confirmation, ItemKind, MinuteAction, MinuteEntry, MinuteNumbering, Minutes,
    MinutesStatus,
};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::agenda::item_rows;
use super::check::invalid;
use super::rows::ItemRow;
use crate::queries::{committees, meetings, minutes as q};
use crate::StoreError;

/// A member of the committee on the meeting's date, for the attendance ticks.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberOnDate {
    pub name: String,
    pub role: agendapack_model::MemberRole,
}

/// The minutes this meeting confirms, so the clerk can open and confirm them from here.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviousMinutes {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub meeting_id: i64,
    pub date: NaiveDate,
    pub status: MinutesStatus,
}

/// What the minute-taking screen shows.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MinutesDetail {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub meeting_id: i64,
    pub committee: String,
    pub starts_at: NaiveDateTime,
    /// None until the clerk starts them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub minutes: Option<Minutes>,
    pub locked: bool,
    /// The statuses the minutes may move to next.
    pub next_statuses: Vec<MinutesStatus>,
    pub members: Vec<MemberOnDate>,
    pub items: Vec<ItemRow>,
    /// The number the first minute takes.
    pub first_number: u32,
    pub numbering: MinuteNumbering,
    /// The committee's previous meeting with minutes (confirmed at this one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub previous: Option<PreviousMinutes>,
}

/// One line of the actions log.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionRow {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub meeting_id: i64,
    pub committee: String,
    pub meeting_date: NaiveDate,
    pub minute_number: u32,
    pub minute_heading: String,
    /// The minute is exempt or confidential: do not show this line to the public.
    pub restricted: bool,
    pub entry_position: u32,
    pub position: u32,
    pub action: MinuteAction,
    pub state: ActionState,
}

fn locked_error(status: MinutesStatus) -> StoreError {
    StoreError::Conflict {
        field: "status".into(),
        message: format!(
            "these minutes are {} and can no longer be edited; record a correction as an amendment",
            status.as_str().replace('-', " ")
        ),
    }
}

fn first_number(conn: &Connection, meeting_id: i64, date: NaiveDate, stored: Option<u32>) -> Result<u32, StoreError> {
    let rule = q::numbering(conn)?;
    let earlier = q::earlier_numbers(conn, meeting_id)?;
    let start = rule.year_start(date);
    let any_in_year = earlier.iter().any(|(d, _)| start.is_none_or(|s| *d >= s));
    Ok(match (any_in_year, stored) {
        (false, Some(n)) => n,
        _ => rule.first_number(date, &earlier),
    })
}

pub fn minutes_detail(conn: &Connection, meeting_id: i64) -> Result<MinutesDetail, StoreError> {
    let stored = meetings::load(conn, meeting_id)?.ok_or(StoreError::NoMeeting(meeting_id))?;
    let committee = committees::load(conn, stored.committee_id)?;
    let date = stored.meeting.date();
    let minutes = q::load(conn, meeting_id)?;
    let stored_first = minutes.as_ref().and_then(|m| m.entries.first()).map(|e| e.number);
    let status = minutes.as_ref().map(|m| m.status);
    let previous = match stored.extras.confirms_minutes_of.or(q::previous_with_minutes(conn, meeting_id)?) {
        Some(previous_id) => match (meetings::load(conn, previous_id)?, q::load(conn, previous_id)?) {
            (Some(p), Some(m)) => Some(PreviousMinutes { meeting_id: previous_id, date: p.meeting.date(), status: m.status }),
            _ => None,
        },
        None => None,
    };
    Ok(MinutesDetail {
        previous,
        meeting_id,
        committee: committee.name,
        starts_at: stored.meeting.starts_at,
        locked: status.is_some_and(MinutesStatus::is_locked),
        next_statuses: status.map(|s| s.next().to_vec()).unwrap_or_default(),
        members: committee
            .members
            .iter()
            .filter(|m| m.holds_on(date))
            .map(|m| MemberOnDate { name: m.person.name.clone(), role: m.role })
            .collect(),
        items: item_rows(conn, meeting_id)?,
        first_number: first_number(conn, meeting_id, date, stored_first)?,
        numbering: q::numbering(conn)?,
        minutes,
    })
}

/// Starts a meeting's minutes as a draft: every member on the date listed as absent (the clerk
/// ticks who is there), one minute per numbered agenda item, numbered on from the year, a late
/// item's minute carrying its urgency reason.
pub fn minutes_start(conn: &mut Connection, meeting_id: i64) -> Result<MinutesDetail, StoreError> {
    let tx = conn.transaction()?;
    let detail = minutes_detail(&tx, meeting_id)?;
    if detail.minutes.is_some() {
        return Err(StoreError::Conflict { field: "minutes".into(), message: "this meeting's minutes are already started".into() });
    }
    let stored = meetings::load(&tx, meeting_id)?.ok_or(StoreError::NoMeeting(meeting_id))?;
    let committee = committees::load(&tx, stored.committee_id)?;
    let date = stored.meeting.date();
    let attendance = committee
        .members
        .iter()
        .filter(|m| m.holds_on(date))
        .map(|m| Attendance::new(m.person.clone(), AttendanceKind::Absent, Some(m.role)))
        .collect();
    // The Minutes item confirms the previous meeting's minutes: seed 001 heads it "Minutes -
    // 7 October 2020" and records the confirmation as its text, which the clerk can amend.
    let previous_date = match q::previous_with_minutes(&tx, meeting_id)? {
        Some(previous) => meetings::load(&tx, previous)?.map(|m| m.meeting.date()),
        None => None,
    };
    let mut entries = Vec::new();
    for (n, i) in detail.items.iter().filter(|i| i.number.is_some() && i.kind != ItemKind::PrivateBusinessHeading).enumerate() {
        let number = detail.first_number + n as u32;
        let mut entry = match (i.kind, previous_date) {
            (ItemKind::Minutes, Some(date)) => {
                let on = date.format("%-d %B %Y");
                let text = format!("The minutes of the meeting held on {on} were confirmed as correct.");
                MinuteEntry::new(number, &format!("Minutes - {on}"), &text, i.access.clone())
            }
            _ => MinuteEntry::new(number, &i.title, "", i.access.clone()),
        };
        entry.item = i.number;
        // A late item's s100B(4)(b) reason must be specified in the minutes: the chair's
        // special circumstances, as recorded when it was marked late (issue 19).
        entry.urgency_reason = tx.query_row("SELECT urgency_reason FROM agenda_items WHERE id = ?1", [i.id], |r| r.get(0))?;
        entries.push(entry);
    }
    let start = stored.meeting.starts_at.time();
    let minutes = Minutes {
        opened_at: start,
        closed_at: stored.meeting.ends_at.unwrap_or(start),
        status: MinutesStatus::Draft,
        attendance,
        entries,
        confirmation: None,
        signed_on: None,
    };
    q::insert(&tx, meeting_id, &minutes)?;
    tx.commit()?;
    minutes_detail(conn, meeting_id)
}

/// Saves the times, attendance and minutes (not the status: see [`minutes_set_status`]).
pub fn minutes_save(conn: &mut Connection, meeting_id: i64, sent: &Minutes) -> Result<MinutesDetail, StoreError> {
    let tx = conn.transaction()?;
    let stored = q::load(&tx, meeting_id)?
        .ok_or_else(|| invalid("minutes", "this meeting's minutes have not been started"))?;
    if stored.status.is_locked() {
        return Err(locked_error(stored.status));
    }
    let meeting = meetings::load(&tx, meeting_id)?.ok_or(StoreError::NoMeeting(meeting_id))?;
    let mut minutes = sent.clone();
    // The status and its dates change only through their own command.
    minutes.status = stored.status;
    minutes.confirmation = stored.confirmation.clone();
    minutes.signed_on = stored.signed_on;
    let keep = sent.entries.first().or(stored.entries.first()).map(|e| e.number);
    let first = first_number(&tx, meeting_id, meeting.meeting.date(), keep)?;
    for (n, entry) in minutes.entries.iter_mut().enumerate() {
        entry.number = first + n as u32;
    }
    let problems = check_minutes(&minutes, "minutes");
    if !problems.is_empty() {
        return Err(StoreError::Invalid(problems));
    }
    let minutes_id = q::minutes_id(&tx, meeting_id)?.ok_or(StoreError::NotFound { what: "minutes", id: meeting_id })?;
    q::replace_body(&tx, minutes_id, &minutes)?;
    tx.commit()?;
    minutes_detail(conn, meeting_id)
}

/// What moving to a new status needs.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    pub to: MinutesStatus,
    /// For "confirmed": the meeting that confirmed them and the amendments it agreed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub confirmation: Option<Confirmation>,
    /// For "signed".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub signed_on: Option<NaiveDate>,
}

pub fn minutes_set_status(conn: &mut Connection, meeting_id: i64, change: &StatusChange) -> Result<MinutesDetail, StoreError> {
    let tx = conn.transaction()?;
    let mut minutes = q::load(&tx, meeting_id)?
        .ok_or_else(|| invalid("minutes", "this meeting's minutes have not been started"))?;
    let date = meetings::load(&tx, meeting_id)?.ok_or(StoreError::NoMeeting(meeting_id))?.meeting.date();
    if !minutes.status.next().contains(&change.to) {
        return Err(invalid(
            "to",
            format!("minutes cannot go from {} to {}", minutes.status.as_str(), change.to.as_str()),
        ));
    }
    match change.to {
        MinutesStatus::Confirmed => {
            let Some(confirmation) = &change.confirmation else {
                return Err(invalid("confirmation.meeting_date", "say at which meeting the minutes were confirmed"));
            };
            if confirmation.meeting_date <= date {
                return Err(invalid("confirmation.meeting_date", "minutes are confirmed at a later meeting than their own"));
            }
            if confirmation.amendments.iter().any(|a| a.trim().is_empty()) {
                return Err(invalid("confirmation.amendments", "an amendment cannot be empty"));
            }
            minutes.confirmation = Some(confirmation.clone());
        }
        MinutesStatus::Signed => {
            let Some(signed_on) = change.signed_on else {
                return Err(invalid("signed_on", "say when the chair signed the minutes"));
            };
            if signed_on < date {
                return Err(invalid("signed_on", "minutes cannot be signed before their meeting"));
            }
            minutes.signed_on = Some(signed_on);
        }
        MinutesStatus::Draft | MinutesStatus::PublishedDraft => {}
    }
    minutes.status = change.to;
    // Published minutes must be complete (see `check_minutes`): a draft may hold half-typed rows.
    let problems = check_minutes(&minutes, "minutes");
    if !problems.is_empty() {
        return Err(StoreError::Invalid(problems));
    }
    let minutes_id = q::minutes_id(&tx, meeting_id)?.ok_or(StoreError::NotFound { what: "minutes", id: meeting_id })?;
    q::write_state(&tx, minutes_id, &minutes)?;
    tx.commit()?;
    minutes_detail(conn, meeting_id)
}

/// Records a correction to confirmed minutes; unconfirmed minutes are simply edited.
pub fn minutes_amend(conn: &mut Connection, meeting_id: i64, text: &str) -> Result<MinutesDetail, StoreError> {
    if text.trim().is_empty() {
        return Err(invalid("text", "an amendment cannot be empty"));
    }
    let tx = conn.transaction()?;
    let mut minutes = q::load(&tx, meeting_id)?
        .ok_or_else(|| invalid("minutes", "this meeting's minutes have not been started"))?;
    let Some(confirmation) = minutes.confirmation.as_mut() else {
        return Err(invalid("text", "only confirmed minutes take amendments; edit the draft instead"));
    };
    confirmation.amendments.push(text.trim().to_string());
    let minutes_id = q::minutes_id(&tx, meeting_id)?.ok_or(StoreError::NotFound { what: "minutes", id: meeting_id })?;
    q::write_state(&tx, minutes_id, &minutes)?;
    tx.commit()?;
    minutes_detail(conn, meeting_id)
}

/// Every action agreed in any meeting's minutes, with its state on `today`: overdue first,
/// then due, open and done, each oldest meeting first.
pub fn actions(conn: &Connection, today: NaiveDate) -> Result<Vec<ActionRow>, StoreError> {
    let mut rows: Vec<ActionRow> = q::all_actions(conn)?
        .into_iter()
        .map(|a| ActionRow {
            state: a.action.state(today),
            meeting_id: a.meeting_id,
            committee: a.committee,
            meeting_date: a.meeting_date,
            minute_number: a.minute_number,
            minute_heading: a.minute_heading,
            restricted: a.restricted,
            entry_position: u32::try_from(a.entry_position).unwrap_or(u32::MAX),
            position: u32::try_from(a.position).unwrap_or(u32::MAX),
            action: a.action,
        })
        .collect();
    // Stable: within a state the query's meeting order stays.
    rows.sort_by_key(|r| r.state);
    Ok(rows)
}

pub fn action_set_done(conn: &mut Connection, meeting_id: i64, entry_position: u32, position: u32, done: bool) -> Result<(), StoreError> {
    let tx = conn.transaction()?;
    if !q::set_action_done(&tx, meeting_id, i64::from(entry_position), i64::from(position), done)? {
        return Err(StoreError::NotFound { what: "action", id: i64::from(position) });
    }
    tx.commit()?;
    Ok(())
}

pub fn numbering_set(conn: &mut Connection, rule: MinuteNumbering) -> Result<(), StoreError> {
    if MinuteNumbering::parse(&rule.as_text()).is_none() {
        return Err(invalid("numbering", "the numbering year must start on a real day of the year"));
    }
    Ok(q::set_numbering(conn, rule)?)
}

impl crate::Store {
    /// What the minute-taking screen of meeting `meeting_id` shows.
    pub fn minutes_detail(&self, meeting_id: i64) -> Result<MinutesDetail, StoreError> {
        minutes_detail(&self.conn, meeting_id)
    }

    /// Starts the meeting's minutes from its membership and agenda.
    pub fn minutes_start(&mut self, meeting_id: i64) -> Result<MinutesDetail, StoreError> {
        minutes_start(&mut self.conn, meeting_id)
    }

    /// Saves the minutes' times, attendance and entries; refused once confirmed.
    pub fn minutes_save(&mut self, meeting_id: i64, minutes: &Minutes) -> Result<MinutesDetail, StoreError> {
        minutes_save(&mut self.conn, meeting_id, minutes)
    }

    pub fn minutes_set_status(&mut self, meeting_id: i64, change: &StatusChange) -> Result<MinutesDetail, StoreError> {
        minutes_set_status(&mut self.conn, meeting_id, change)
    }

    /// Appends a correction to confirmed minutes.
    pub fn minutes_amend(&mut self, meeting_id: i64, text: &str) -> Result<MinutesDetail, StoreError> {
        minutes_amend(&mut self.conn, meeting_id, text)
    }

    /// The actions log across all meetings, with states on `today`.
    pub fn actions(&self, today: NaiveDate) -> Result<Vec<ActionRow>, StoreError> {
        actions(&self.conn, today)
    }

    pub fn action_set_done(&mut self, meeting_id: i64, entry_position: u32, position: u32, done: bool) -> Result<(), StoreError> {
        action_set_done(&mut self.conn, meeting_id, entry_position, position, done)
    }

    pub fn minute_numbering(&self) -> Result<MinuteNumbering, StoreError> {
        q::numbering(&self.conn)
    }

    pub fn minute_numbering_set(&mut self, rule: MinuteNumbering) -> Result<(), StoreError> {
        numbering_set(&mut self.conn, rule)
    }
}
