//! The kinds of deadline a meeting has, each computed from the meeting date on a working
//! calendar and carrying its rule in words: statutory publication (by nation and the council's
//! settings), key-decision notice, private-meeting notices, local rules per committee
//! (overridable per meeting with a reason), and the deadlines after the meeting (draft minutes,
//! Wales' note of decisions, end of call-in).
//!
//! Clear days are working days of the council's calendar wherever the law is settled (England
//! and Wales: R v Swansea CC ex p Elitestone, 1993) and by default elsewhere; only where the
//! law leaves it to the council do its `DeadlineSettings` choose calendar days.
//!
//! Deliberately not here: where local rules and overrides are stored, and "today" (a status
//! against today is the caller's, who passes the date in).

use agendapack_model::{DayType, DeadlineSettings, Nation};
use chrono::{NaiveDate, NaiveTime};

use crate::calendar::WorkingCalendar;
use crate::clear_days::{clear_days_counted, latest_day_with_clear_days, nth_working_day_after, ClearDayError};

/// The case that decided clear days are working days, as the rules in words cite it.
pub const ELITESTONE: &str = "R v Swansea CC ex p Elitestone, 1993";

/// What a period counts on when the council's standing orders, not a court, decided it.
const STANDING_ORDERS: &str = "the council's standing orders";

/// Wales' note of attendance, declarations and decisions: within 7 working days (s100C(1A)).
pub const DECISIONS_NOTE_WORKING_DAYS: u32 = 7;

/// "3 clear working days", "1 clear working day", "28 clear calendar days".
pub fn clear_days_phrase(n: u32, days: DayType) -> String {
    let unit = match days {
        DayType::Working => "working day",
        DayType::Calendar => "calendar day",
    };
    format!("{n} clear {unit}{}", if n == 1 { "" } else { "s" })
}

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
    /// Wales: the note of attendance, declarations of interest and decisions (s100C(1A)).
    DecisionsNote,
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
            DeadlineKind::DecisionsNote => "decisions-note",
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
            DeadlineKind::DecisionsNote => "Note of attendance, declarations and decisions",
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
            DeadlineKind::DecisionsNote,
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

/// The statutory publication rule of a council: its nation's period, counted as the law or
/// (where the law leaves it open) the council's settings say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatutoryRule {
    pub clear_days: u32,
    pub days: DayType,
    /// What must be published, in words.
    pub what: &'static str,
    /// The statute that sets the period.
    pub citation: &'static str,
    /// Why the days are counted as they are: the case, or the council's standing orders.
    pub basis: &'static str,
}

impl StatutoryRule {
    /// The one rule: England 5 and Wales 3 clear working days (decided, no setting);
    /// Scotland 3 and Northern Ireland 3 (its number configurable) clear working days unless
    /// the council's settings say calendar days.
    pub fn for_council(nation: Nation, settings: &DeadlineSettings) -> StatutoryRule {
        let basis = |days: DayType| if days == DayType::Working { ELITESTONE } else { STANDING_ORDERS };
        match nation {
            Nation::England => StatutoryRule {
                clear_days: 5,
                days: DayType::Working,
                what: "agenda and public reports open to inspection",
                citation: "s100B(3) Local Government Act 1972",
                basis: ELITESTONE,
            },
            Nation::Wales => StatutoryRule {
                clear_days: 3,
                days: DayType::Working,
                what: "notice, agenda and public reports published electronically and open to inspection",
                citation: "s100B(3) and s100BA Local Government Act 1972, as amended by the Local Government and Elections (Wales) Act 2021",
                basis: ELITESTONE,
            },
            Nation::Scotland => StatutoryRule {
                clear_days: 3,
                days: settings.scotland_publication_days,
                what: "agenda and public reports open to inspection",
                citation: "s50B Local Government (Scotland) Act 1973",
                basis: basis(settings.scotland_publication_days),
            },
            Nation::NorthernIreland => StatutoryRule {
                clear_days: settings.northern_ireland_clear_days,
                days: settings.northern_ireland_publication_days,
                what: "notice of the meeting and its agenda given",
                citation: "Sch 5 para 5(1) Local Government Act (Northern Ireland) 2014, as the council's standing orders apply it",
                basis: basis(settings.northern_ireland_publication_days),
            },
        }
    }

    /// The period with its basis: "3 clear working days (R v Swansea CC ex p Elitestone, 1993)".
    pub fn period(&self) -> String {
        format!("{} ({})", clear_days_phrase(self.clear_days, self.days), self.basis)
    }

    fn unit(&self) -> &'static str {
        match self.days {
            DayType::Working => "clear working days",
            DayType::Calendar => "clear calendar days",
        }
    }

    pub fn text(&self) -> String {
        format!(
            "{} at least {} before the meeting, the day of publication and the day of the meeting excluded, published on a working day ({})",
            self.what,
            self.period(),
            self.citation
        )
    }

    /// How an actual publication date measures against the rule.
    pub fn check(&self, published_on: NaiveDate, meeting: NaiveDate, cal: &WorkingCalendar) -> PublicationCheck {
        PublicationCheck {
            published_on,
            clear_days: clear_days_counted(published_on, meeting, self.days, cal),
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
    let date = latest_day_with_clear_days(meeting, rule.clear_days, rule.days, cal)?;
    Ok(Deadline { kind: DeadlineKind::Publication, label: DeadlineKind::Publication.title().into(), date, time: None, rule: rule.text(), override_reason: None })
}

/// The latest date for the notice of a key decision taken on `decision`: `clear_days` (28 by
/// default) clear days of the council's `days` setting (calendar by default). The notice is
/// dated on a working day because officers publish it.
pub fn key_decision_notice(decision: NaiveDate, clear_days: u32, days: DayType, cal: &WorkingCalendar) -> Result<Deadline, DeadlineError> {
    let date = latest_day_with_clear_days(decision, clear_days, days, cal)?;
    let rule = format!(
        "notice of the key decision at least {} before it is taken (reg 9, Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England) Regulations 2012), unless the general exception (reg 10) or special urgency (reg 11) is used and recorded",
        clear_days_phrase(clear_days, days)
    );
    Ok(Deadline { kind: DeadlineKind::KeyDecisionNotice, label: DeadlineKind::KeyDecisionNotice.title().into(), date, time: None, rule, override_reason: None })
}

/// The two notices of a private executive meeting (reg 5): 28 clear days before, and a
/// further notice 5 clear days before, counted like key decisions (the same Regulations).
pub fn private_meeting_notices(meeting: NaiveDate, days: DayType, cal: &WorkingCalendar) -> Result<[Deadline; 2], DeadlineError> {
    let first = latest_day_with_clear_days(meeting, 28, days, cal)?;
    let further = latest_day_with_clear_days(meeting, 5, days, cal)?;
    Ok([
        Deadline {
            kind: DeadlineKind::PrivateMeetingNotice,
            label: DeadlineKind::PrivateMeetingNotice.title().into(),
            date: first,
            time: None,
            rule: format!("notice of intention to hold the meeting in private at least {} before (reg 5(2), 2012 Regulations)", clear_days_phrase(28, days)),
            override_reason: None,
        },
        Deadline {
            kind: DeadlineKind::PrivateMeetingFurtherNotice,
            label: DeadlineKind::PrivateMeetingFurtherNotice.title().into(),
            date: further,
            time: None,
            rule: format!("further notice of the private meeting at least {} before (reg 5(4), 2012 Regulations)", clear_days_phrase(5, days)),
            override_reason: None,
        },
    ])
}

/// Wales only: the note of attendance, declarations of interest and decisions, published
/// before the end of 7 working days after the meeting (s100C(1A)-(1C) Local Government Act
/// 1972, inserted by the Local Government and Elections (Wales) Act 2021). None elsewhere.
pub fn decisions_note_due(meeting: NaiveDate, nation: Nation, cal: &WorkingCalendar) -> Result<Option<Deadline>, DeadlineError> {
    if nation != Nation::Wales {
        return Ok(None);
    }
    Ok(Some(Deadline {
        kind: DeadlineKind::DecisionsNote,
        label: DeadlineKind::DecisionsNote.title().into(),
        date: nth_working_day_after(meeting, DECISIONS_NOTE_WORKING_DAYS, cal)?,
        time: None,
        rule: format!(
            "publish a note of attendance, declarations of interest and decisions within {DECISIONS_NOTE_WORKING_DAYS} working days after the meeting (s100C(1A)-(1C) Local Government Act 1972, inserted by the Local Government and Elections (Wales) Act 2021)"
        ),
        override_reason: None,
    }))
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

    fn defaults() -> DeadlineSettings {
        DeadlineSettings::default()
    }

    #[test]
    fn england_publication_and_the_seed_check() {
        let cal = england();
        let rule = StatutoryRule::for_council(Nation::England, &defaults());
        let deadline = statutory_publication(d(2020, 12, 2), &rule, &cal).unwrap();
        assert_eq!(deadline.date, d(2020, 11, 24), "the DOMAIN.md example: Tuesday 24 November 2020");
        assert!(deadline.rule.contains("s100B(3)"), "the rule cites the Act: {}", deadline.rule);
        assert!(deadline.rule.contains("5 clear working days (R v Swansea CC ex p Elitestone, 1993)"), "the rule names its basis: {}", deadline.rule);
        let check = rule.check(d(2020, 11, 20), d(2020, 12, 2), &cal);
        assert_eq!(check.describe(), "met: published 20 November 2020, 7 clear working days", "the seed's publication");
        let late = rule.check(d(2020, 11, 26), d(2020, 12, 2), &cal);
        assert!(!late.met() && late.describe().starts_with("missed"), "26 November leaves only 3 clear working days");
        let saturday = rule.check(d(2020, 11, 21), d(2020, 12, 2), &cal);
        assert!(!saturday.met(), "publication on a Saturday does not count even with enough days");
    }

    #[test]
    fn wales_counts_three_clear_working_days() {
        let cal = england();
        let wales = statutory_publication(d(2020, 12, 2), &StatutoryRule::for_council(Nation::Wales, &defaults()), &cal).unwrap();
        // Was Friday 27 November when Wales counted calendar days; 27, 30 November and
        // 1 December are the three clear working days, so Thursday 26.
        assert_eq!(wales.date, d(2020, 11, 26), "3 clear working days before Wednesday 2 December 2020");
        let ni = StatutoryRule::for_council(Nation::NorthernIreland, &DeadlineSettings { northern_ireland_clear_days: 7, ..defaults() });
        assert_eq!(ni.clear_days, 7, "Northern Ireland's number is configurable");
        assert_eq!(clear_days_phrase(1, DayType::Working), "1 clear working day", "one day is singular");
    }

    #[test]
    fn key_decision_and_private_meeting_notices() {
        let cal = england();
        let notice = key_decision_notice(d(2020, 12, 2), 28, DayType::Calendar, &cal).unwrap();
        assert_eq!(notice.date, d(2020, 11, 3), "28 clear days before 2 Dec 2020 is 3 Nov (a Tuesday)");
        assert!(notice.rule.contains("28 clear calendar days"), "the rule says which days: {}", notice.rule);
        let [first, further] = private_meeting_notices(d(2020, 12, 2), DayType::Calendar, &cal).unwrap();
        assert_eq!((first.date, further.date), (d(2020, 11, 3), d(2020, 11, 26)), "28 and 5 clear days before");
    }

    #[test]
    fn after_the_meeting() {
        let cal = england();
        assert_eq!(draft_minutes_due(d(2020, 12, 2), 5, &cal).unwrap().date, d(2020, 12, 9), "5 working days after Wed 2 Dec");
        assert_eq!(call_in_end(d(2020, 12, 21), 5, &cal).unwrap().date, d(2020, 12, 30), "22, 23, 24, 29, 30 December: call-in skips Christmas and the Boxing Day substitute");
        let note = decisions_note_due(d(2020, 12, 2), Nation::Wales, &cal).unwrap().expect("Wales has the note");
        assert_eq!(note.date, d(2020, 12, 11), "7 working days after Wednesday 2 December 2020");
        assert_eq!(decisions_note_due(d(2020, 12, 2), Nation::England, &cal).unwrap(), None, "England has no such duty");
        assert_eq!(DeadlineKind::parse("decisions-note"), Some(DeadlineKind::DecisionsNote), "the kind parses back");
    }
}
