//! The kinds of deadline a meeting has, each computed from the meeting date on a working
//! calendar and carrying its rule in words: statutory publication (by nation), key-decision
//! notice, private-meeting notices, local rules per committee (overridable per meeting with a
//! reason), and the deadlines after the meeting (draft minutes, end of call-in).
//!
//! Deliberately not here: where local rules and overrides are stored, and "today" (a status
//! against today is the caller's, who passes the date in).

use agendapack_model::Nation;
use chrono::{NaiveDate, NaiveTime};

use crate::calendar::WorkingCalendar;
use crate::clear_days::{
    clear_days_between, clear_working_days_between, latest_day_with_clear_days_before,
    latest_day_with_clear_working_days_before, nth_working_day_after, ClearDayError,
};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DeadlineError {
    #[error(transparent)]
    ClearDays(#[from] ClearDayError),
    #[error("an override of the \"{0}\" deadline needs a reason")]
    OverrideWithoutReason(String),
    #[error("the rule \"{label}\" counts {days} working days, more than a year's worth")]
    RuleTooLong { label: String, days: u32 },
}

/// What a deadline is for; `as_str` is the stable text used in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DeadlineKind {
    /// Statutory publication of the agenda and public reports.
    Publication,
    /// Notice of a key decision (reg 9 of the 2012 Regulations).
    KeyDecisionNotice,
    /// First notice of intention to hold (part of) an executive meeting in private (reg 5).
    PrivateMeetingNotice,
    /// The further notice of a private meeting (reg 5).
    PrivateMeetingFurtherNotice,
    /// Local: a draft report to an internal board.
    DraftToBoard,
    /// Local: the final report to democratic services.
    FinalReport,
    /// Local: draft minutes after the meeting.
    DraftMinutes,
    /// The end of the call-in period of an executive decision.
    CallInEnd,
}

impl DeadlineKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineKind::Publication => "publication",
            DeadlineKind::KeyDecisionNotice => "key-decision-notice",
            DeadlineKind::PrivateMeetingNotice => "private-meeting-notice",
            DeadlineKind::PrivateMeetingFurtherNotice => "private-meeting-further-notice",
            DeadlineKind::DraftToBoard => "draft-to-board",
            DeadlineKind::FinalReport => "final-report",
            DeadlineKind::DraftMinutes => "draft-minutes",
            DeadlineKind::CallInEnd => "call-in-end",
        }
    }

    /// The kind in words, the default label of its deadlines.
    pub fn title(self) -> &'static str {
        match self {
            DeadlineKind::Publication => "Statutory publication of the agenda",
            DeadlineKind::KeyDecisionNotice => "Key decision notice",
            DeadlineKind::PrivateMeetingNotice => "Notice of a private meeting",
            DeadlineKind::PrivateMeetingFurtherNotice => "Further notice of a private meeting",
            DeadlineKind::DraftToBoard => "Draft report to the clearance board",
            DeadlineKind::FinalReport => "Final report to democratic services",
            DeadlineKind::DraftMinutes => "Draft minutes",
            DeadlineKind::CallInEnd => "End of the call-in period",
        }
    }

    /// The inverse of `as_str`.
    pub fn parse(text: &str) -> Option<DeadlineKind> {
        [
            DeadlineKind::Publication,
            DeadlineKind::KeyDecisionNotice,
            DeadlineKind::PrivateMeetingNotice,
            DeadlineKind::PrivateMeetingFurtherNotice,
            DeadlineKind::DraftToBoard,
            DeadlineKind::FinalReport,
            DeadlineKind::DraftMinutes,
            DeadlineKind::CallInEnd,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }
}

/// One computed deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub kind: DeadlineKind,
    /// What it is, for people: the kind's title or a local rule's label ("Draft to CSG").
    pub label: String,
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    /// The rule in words, e.g. "at least 5 clear working days before the meeting ...".
    pub rule: String,
    /// Why the computed date was replaced for this meeting, when it was.
    pub override_reason: Option<String>,
}

/// The statutory publication rule of a nation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatutoryRule {
    pub clear_days: u32,
    /// True when the clear days are working days (England); calendar days otherwise.
    pub working_days: bool,
    pub citation: &'static str,
}

impl StatutoryRule {
    /// The rule for a council's nation; `northern_ireland_clear_days` configures Northern
    /// Ireland's (default 3).
    pub fn for_nation(nation: Nation, northern_ireland_clear_days: Option<u32>) -> StatutoryRule {
        match nation {
            Nation::England => StatutoryRule { clear_days: 5, working_days: true, citation: "s100B(3) Local Government Act 1972" },
            Nation::Wales => StatutoryRule { clear_days: 3, working_days: false, citation: "s100BA Local Government Act 1972, electronic publication" },
            Nation::Scotland => StatutoryRule { clear_days: 3, working_days: false, citation: "s50B Local Government (Scotland) Act 1973" },
            Nation::NorthernIreland => StatutoryRule {
                clear_days: northern_ireland_clear_days.unwrap_or(3),
                working_days: false,
                citation: "the council's standing orders (Northern Ireland, configurable)",
            },
        }
    }

    fn unit(&self) -> &'static str {
        if self.working_days {
            "clear working days"
        } else {
            "clear days"
        }
    }

    pub fn text(&self) -> String {
        format!(
            "agenda and public reports open to inspection at least {} {} before the meeting, the day of publication and the day of the meeting excluded, published on a working day ({})",
            self.clear_days,
            self.unit(),
            self.citation
        )
    }

    /// How an actual publication date measures against the rule.
    pub fn check(&self, published_on: NaiveDate, meeting: NaiveDate, cal: &WorkingCalendar) -> PublicationCheck {
        let clear_days = if self.working_days {
            clear_working_days_between(published_on, meeting, cal)
        } else {
            clear_days_between(published_on, meeting)
        };
        PublicationCheck {
            published_on,
            clear_days,
            required: self.clear_days,
            unit: self.unit(),
            on_working_day: cal.is_working_day(published_on),
        }
    }
}

/// An actual publication measured against the statutory rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicationCheck {
    pub published_on: NaiveDate,
    pub clear_days: u32,
    pub required: u32,
    pub unit: &'static str,
    pub on_working_day: bool,
}

impl PublicationCheck {
    pub fn met(&self) -> bool {
        self.clear_days >= self.required && self.on_working_day
    }

    /// E.g. "met: published 20 November 2020, 7 clear working days".
    pub fn describe(&self) -> String {
        let on = self.published_on.format("%-d %B %Y");
        if self.met() {
            format!("met: published {on}, {} {}", self.clear_days, self.unit)
        } else if !self.on_working_day {
            format!("missed: published {on}, which is not a working day")
        } else {
            format!("missed: published {on}, {} {} ({} required)", self.clear_days, self.unit, self.required)
        }
    }
}

/// The latest statutory publication date of a meeting.
pub fn statutory_publication(meeting: NaiveDate, rule: &StatutoryRule, cal: &WorkingCalendar) -> Result<Deadline, DeadlineError> {
    let date = if rule.working_days {
        latest_day_with_clear_working_days_before(meeting, rule.clear_days, cal)?
    } else {
        latest_day_with_clear_days_before(meeting, rule.clear_days, true, cal)?
    };
    Ok(Deadline { kind: DeadlineKind::Publication, label: DeadlineKind::Publication.title().into(), date, time: None, rule: rule.text(), override_reason: None })
}

/// The latest date for the notice of a key decision taken on `decision`: `clear_days` (28 by
/// default) clear calendar days, or working days when the council so configures. The notice
/// is dated on a working day because officers publish it.
pub fn key_decision_notice(decision: NaiveDate, clear_days: u32, working_days: bool, cal: &WorkingCalendar) -> Result<Deadline, DeadlineError> {
    let (date, unit) = if working_days {
        (latest_day_with_clear_working_days_before(decision, clear_days, cal)?, "clear working days")
    } else {
        (latest_day_with_clear_days_before(decision, clear_days, true, cal)?, "clear days")
    };
    let rule = format!(
        "notice of the key decision at least {clear_days} {unit} before it is taken (reg 9, Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England) Regulations 2012), unless the general exception (reg 10) or special urgency (reg 11) is used and recorded"
    );
    Ok(Deadline { kind: DeadlineKind::KeyDecisionNotice, label: DeadlineKind::KeyDecisionNotice.title().into(), date, time: None, rule, override_reason: None })
}

/// The two notices of a private executive meeting (reg 5): 28 clear days before, and a
/// further notice 5 clear days before.
pub fn private_meeting_notices(meeting: NaiveDate, cal: &WorkingCalendar) -> Result<[Deadline; 2], DeadlineError> {
    let first = latest_day_with_clear_days_before(meeting, 28, true, cal)?;
    let further = latest_day_with_clear_days_before(meeting, 5, true, cal)?;
    Ok([
        Deadline {
            kind: DeadlineKind::PrivateMeetingNotice,
            label: DeadlineKind::PrivateMeetingNotice.title().into(),
            date: first,
            time: None,
            rule: "notice of intention to hold the meeting in private at least 28 clear days before (reg 5(2), 2012 Regulations)".into(),
            override_reason: None,
        },
        Deadline {
            kind: DeadlineKind::PrivateMeetingFurtherNotice,
            label: DeadlineKind::PrivateMeetingFurtherNotice.title().into(),
            date: further,
            time: None,
            rule: "further notice of the private meeting at least 5 clear days before (reg 5(4), 2012 Regulations)".into(),
            override_reason: None,
        },
    ])
}

/// Draft minutes due `working_days` working days after the meeting (a local target).
pub fn draft_minutes_due(meeting: NaiveDate, working_days: u32, cal: &WorkingCalendar) -> Result<Deadline, DeadlineError> {
    Ok(Deadline {
        kind: DeadlineKind::DraftMinutes,
            label: DeadlineKind::DraftMinutes.title().into(),
        date: nth_working_day_after(meeting, working_days, cal)?,
        time: None,
        rule: format!("draft minutes within {working_days} working days of the meeting (local target)"),
        override_reason: None,
    })
}

/// The last day of the call-in period: `working_days` (commonly 5) working days after the
/// decision notice is published; the decision may be implemented after it.
pub fn call_in_end(decision_published: NaiveDate, working_days: u32, cal: &WorkingCalendar) -> Result<Deadline, DeadlineError> {
    Ok(Deadline {
        kind: DeadlineKind::CallInEnd,
            label: DeadlineKind::CallInEnd.title().into(),
        date: nth_working_day_after(decision_published, working_days, cal)?,
        time: None,
        rule: format!("call-in period ends {working_days} working days after the decision notice is published"),
        override_reason: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{BankHolidays, Division};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn england() -> WorkingCalendar {
        WorkingCalendar::new(Division::EnglandAndWales, &BankHolidays::shipped().unwrap(), Vec::new())
    }

    #[test]
    fn england_publication_and_the_seed_check() {
        let cal = england();
        let rule = StatutoryRule::for_nation(Nation::England, None);
        let deadline = statutory_publication(d(2020, 12, 2), &rule, &cal).unwrap();
        assert_eq!(deadline.date, d(2020, 11, 24), "the DOMAIN.md example: Tuesday 24 November 2020");
        assert!(deadline.rule.contains("s100B(3)"), "the rule cites the Act: {}", deadline.rule);
        let check = rule.check(d(2020, 11, 20), d(2020, 12, 2), &cal);
        assert_eq!(check.describe(), "met: published 20 November 2020, 7 clear working days", "the seed's publication");
        let late = rule.check(d(2020, 11, 26), d(2020, 12, 2), &cal);
        assert!(!late.met() && late.describe().starts_with("missed"), "26 November leaves only 3 clear working days");
        let saturday = rule.check(d(2020, 11, 21), d(2020, 12, 2), &cal);
        assert!(!saturday.met(), "publication on a Saturday does not count even with enough days");
    }

    #[test]
    fn wales_and_scotland_use_three_clear_days() {
        let cal = england();
        let wales = statutory_publication(d(2020, 12, 2), &StatutoryRule::for_nation(Nation::Wales, None), &cal).unwrap();
        assert_eq!(wales.date, d(2020, 11, 27), "3 clear days before 2 Dec is Sat 28 Nov, so Friday 27");
        let ni = StatutoryRule::for_nation(Nation::NorthernIreland, Some(7));
        assert_eq!(ni.clear_days, 7, "Northern Ireland's rule is configurable");
    }

    #[test]
    fn key_decision_and_private_meeting_notices() {
        let cal = england();
        let notice = key_decision_notice(d(2020, 12, 2), 28, false, &cal).unwrap();
        assert_eq!(notice.date, d(2020, 11, 3), "28 clear days before 2 Dec 2020 is 3 Nov (a Tuesday)");
        let [first, further] = private_meeting_notices(d(2020, 12, 2), &cal).unwrap();
        assert_eq!((first.date, further.date), (d(2020, 11, 3), d(2020, 11, 26)), "28 and 5 clear days before");
    }

    #[test]
    fn after_the_meeting() {
        let cal = england();
        assert_eq!(draft_minutes_due(d(2020, 12, 2), 5, &cal).unwrap().date, d(2020, 12, 9), "5 working days after Wed 2 Dec");
        assert_eq!(call_in_end(d(2020, 12, 21), 5, &cal).unwrap().date, d(2020, 12, 30), "22, 23, 24, 29, 30 December: call-in skips Christmas and the Boxing Day substitute");
    }
}
