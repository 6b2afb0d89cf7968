//! A committee's planning documents as plain values: the work programme (items planned for
//! future meetings), the executive's forward plan of key decisions, and recommendation
//! trackers (action plans reviewed meeting after meeting, seeds 000 and 004).
//!
//! Deliberately not here: deadline arithmetic (agendapack-deadlines), the 28-day notice check
//! and rendering (agendapack-pack), storage (agendapack-store). The values carry dates; what
//! "today" is always comes from the caller.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::access::Access;

fn is_false(b: &bool) -> bool {
    !*b
}

/// One row of a committee's work programme: an item planned for a future meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkProgrammeEntry {
    pub meeting_date: NaiveDate,
    /// Printed after the date, e.g. "Extraordinary Meeting" or "First meeting of 2021/22".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub meeting_label: String,
    /// Whether the meeting date is provisional: its deadlines print "(TBC)".
    #[serde(default, skip_serializing_if = "is_false")]
    pub provisional: bool,
    /// Markdown (items may have sub-lists).
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub officers: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub presenter: String,
    /// As printed: "10 December", "10am, Friday 18 December".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub clearance_deadline: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub final_report_deadline: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkProgrammeHeading {
    pub title: String,
    /// Markdown printed under the title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Where a planned item stands.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlannedItemStatus {
    /// On the programme, not yet an agenda item.
    #[default]
    Planned,
    /// On the meeting's agenda, with a report assigned to its author.
    Confirmed,
    /// Put back to a later meeting not yet chosen.
    Deferred,
    /// Taken off the programme.
    Withdrawn,
}

impl PlannedItemStatus {
    pub const ALL: [PlannedItemStatus; 4] =
        [PlannedItemStatus::Planned, PlannedItemStatus::Confirmed, PlannedItemStatus::Deferred, PlannedItemStatus::Withdrawn];

    pub fn as_str(self) -> &'static str {
        match self {
            PlannedItemStatus::Planned => "planned",
            PlannedItemStatus::Confirmed => "confirmed",
            PlannedItemStatus::Deferred => "deferred",
            PlannedItemStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(text: &str) -> Option<PlannedItemStatus> {
        PlannedItemStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// The delivery status of a tracker action, as reported in a progress update.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    #[default]
    NotStarted,
    InProgress,
    /// Continuing work with no end date ("Ongoing" in seed 000).
    Ongoing,
    Complete,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] =
        [ActionStatus::NotStarted, ActionStatus::InProgress, ActionStatus::Ongoing, ActionStatus::Complete];

    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::NotStarted => "not-started",
            ActionStatus::InProgress => "in-progress",
            ActionStatus::Ongoing => "ongoing",
            ActionStatus::Complete => "complete",
        }
    }

    /// How the status is printed in a tracker table.
    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::NotStarted => "Not started",
            ActionStatus::InProgress => "In progress",
            ActionStatus::Ongoing => "Ongoing",
            ActionStatus::Complete => "Complete",
        }
    }

    pub fn parse(text: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// Red / amber / green rating of an action.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rag {
    Red,
    Amber,
    Green,
}

impl Rag {
    pub fn as_str(self) -> &'static str {
        match self {
            Rag::Red => "red",
            Rag::Amber => "amber",
            Rag::Green => "green",
        }
    }

    pub fn parse(text: &str) -> Option<Rag> {
        [Rag::Red, Rag::Amber, Rag::Green].into_iter().find(|r| r.as_str() == text)
    }
}

/// A dated progress report on one action ("Progress as at November 2014").
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressUpdate {
    /// The date the update speaks for; a tracker "as at" a date shows updates up to it.
    pub as_at: NaiveDate,
    pub text: String,
    /// The action's status from this update on.
    #[serde(default)]
    pub status: ActionStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub rag: Option<Rag>,
}

/// One action agreed in response to a recommendation.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackerAction {
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lead_officer: String,
    /// The timescale as written ("October 2014, then ongoing").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub timescale: String,
    /// The date the action is due, when the timescale names one: after it, an action that is
    /// not complete is overdue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub portfolio_holder: String,
    /// In date order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub updates: Vec<ProgressUpdate>,
}

/// What a tracker action looks like on a given date.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionAsAt<'a> {
    pub status: ActionStatus,
    pub rag: Option<Rag>,
    /// The latest update on or before the date.
    pub latest: Option<&'a ProgressUpdate>,
    /// Due before the date and not complete by it.
    pub overdue: bool,
}

impl TrackerAction {
    /// The action as it stood on `as_at`: later updates are ignored, so an old view can be
    /// reproduced exactly.
    pub fn as_at(&self, as_at: NaiveDate) -> ActionAsAt<'_> {
        let latest = self.updates.iter().filter(|u| u.as_at <= as_at).max_by_key(|u| u.as_at);
        let status = latest.map(|u| u.status).unwrap_or_default();
        let overdue = status != ActionStatus::Complete && self.due.is_some_and(|due| due < as_at);
        ActionAsAt { status, rag: latest.and_then(|u| u.rag), latest, overdue }
    }
}

/// A recommendation of a review, with the actions agreed in response.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    /// As printed ("1.1"); empty when the source does not number them.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    pub text: String,
    /// The group heading it is printed under ("Theme 1: New leadership, ...").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub theme: String,
    pub actions: Vec<TrackerAction>,
}

/// Where a tracker's recommendations came from.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TrackerSource {
    ScrutinyReview,
    PeerChallenge,
    Audit,
    Other,
}

impl TrackerSource {
    pub fn as_str(self) -> &'static str {
        match self {
            TrackerSource::ScrutinyReview => "scrutiny-review",
            TrackerSource::PeerChallenge => "peer-challenge",
            TrackerSource::Audit => "audit",
            TrackerSource::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<TrackerSource> {
        [TrackerSource::ScrutinyReview, TrackerSource::PeerChallenge, TrackerSource::Audit, TrackerSource::Other]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// A recommendation tracker (action plan).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tracker {
    pub title: String,
    pub source: TrackerSource,
    /// The review it tracks, in words ("LGA Corporate Peer Challenge 2014").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source_name: String,
    pub recommendations: Vec<Recommendation>,
}

impl Tracker {
    pub fn action_count(&self) -> usize {
        self.recommendations.iter().map(|r| r.actions.len()).sum()
    }
}

/// When a key decision is to be taken.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionWhen {
    /// The earliest date the decision may be taken: the notice is counted back from it.
    pub date: NaiveDate,
    /// A period printed instead of the date ("March 2021"); empty to print the date.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub period: String,
}

impl DecisionWhen {
    pub fn printed(&self) -> String {
        if self.period.is_empty() {
            format!("{} {}", self.date.day(), self.date.format("%B %Y"))
        } else {
            self.period.clone()
        }
    }
}

/// How a key decision may be taken without 28 clear days' notice.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "route", deny_unknown_fields)]
#[cfg_attr(feature = "ts", ts(rename_all = "kebab-case", tag = "route"))]
pub enum UrgencyRoute {
    /// Reg 10: the scrutiny chair told, notice published, then 5 clear days.
    GeneralException { reason: String, scrutiny_chair_informed: NaiveDate },
    /// Reg 11: the scrutiny chair agrees the decision is urgent and cannot be deferred.
    SpecialUrgency { reason: String, agreed_by: String },
}

impl UrgencyRoute {
    pub fn reason(&self) -> &str {
        match self {
            UrgencyRoute::GeneralException { reason, .. } | UrgencyRoute::SpecialUrgency { reason, .. } => reason,
        }
    }
}

/// One key decision on the executive's forward plan.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForwardPlanEntry {
    /// The plan's own reference ("FP/2021/04").
    pub reference: String,
    pub decision: String,
    /// "Cabinet", "Cabinet Member for Finance".
    pub decision_maker: String,
    pub when: DecisionWhen,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wards: Vec<String>,
    /// Documents to be considered by the decision maker.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub documents: String,
    /// Contact officer with telephone or email.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact: String,
    /// Whether (part of) the decision will be taken in private, and under which paragraph.
    #[serde(default)]
    pub access: Access,
    /// Why the information is exempt: printed only in the full edition.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub exempt_reason: String,
    /// When notice of the decision was first published; None while it is not yet published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub published: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub urgency: Option<UrgencyRoute>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    fn action() -> TrackerAction {
        TrackerAction {
            text: "Produce a delivery plan".into(),
            lead_officer: "Karen Wheeler".into(),
            timescale: "October 2014".into(),
            due: Some(date(2014, 10, 31)),
            portfolio_holder: String::new(),
            updates: vec![
                ProgressUpdate { as_at: date(2014, 9, 1), text: "Drafting".into(), status: ActionStatus::InProgress, rag: Some(Rag::Amber) },
                ProgressUpdate { as_at: date(2014, 12, 1), text: "Agreed".into(), status: ActionStatus::Complete, rag: Some(Rag::Green) },
            ],
        }
    }

    #[test]
    fn an_action_as_at_a_date_ignores_later_updates() {
        let a = action();
        let before = a.as_at(date(2014, 8, 1));
        assert_eq!(before.status, ActionStatus::NotStarted, "no update yet means not started");
        assert!(before.latest.is_none(), "no update is shown before the first one");
        let mid = a.as_at(date(2014, 11, 15));
        assert_eq!(mid.latest.map(|u| u.text.as_str()), Some("Drafting"), "the December update is after the date");
        assert!(mid.overdue, "due in October and still in progress in mid November");
        let after = a.as_at(date(2015, 1, 1));
        assert!(!after.overdue, "a completed action is never overdue");
        assert_eq!(after.rag, Some(Rag::Green), "the latest update's rating");
    }

    #[test]
    fn statuses_round_trip_through_their_text() {
        for s in ActionStatus::ALL {
            assert_eq!(ActionStatus::parse(s.as_str()), Some(s), "each status reads back from its text");
        }
        for s in PlannedItemStatus::ALL {
            assert_eq!(PlannedItemStatus::parse(s.as_str()), Some(s), "each planned status reads back from its text");
        }
    }
}
