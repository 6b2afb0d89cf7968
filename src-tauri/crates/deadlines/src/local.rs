//! A committee's own deadlines, as rules: "Draft to CSG, 14 working days before", "Final report
//! to Democratic Services by 10:00, 8 working days before", "draft minutes 5 working days
//! after", "call-in ends 5 working days after". Each rule may be replaced for one meeting by a
//! hand-set date with a reason (seed 001's work programme shows dates moved around Christmas
//! and Easter), keyed by the meeting's date so a work-programme row can use it before the
//! meeting exists.
//!
//! The one entry point is [`local_deadlines`]: rules + overrides + calendar -> deadlines, in
//! rule order. Deliberately not here: storing rules (the store's `deadline_rules` table) and
//! any status against today (see `status`).

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::calendar::WorkingCalendar;
use crate::clear_days::{nth_working_day_after, nth_working_day_before};
use crate::kinds::{Deadline, DeadlineError, DeadlineKind};

/// The most working days a rule may count: a year is plenty for any committee's cycle and
/// keeps a typo (2000 for 20) from searching for years.
pub const MAX_RULE_WORKING_DAYS: u32 = 260;

/// What a local rule is for; `as_str` is the stable text stored and used in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LocalRuleKind {
    /// A draft report to an internal clearance board, before the meeting.
    DraftToBoard,
    /// The final report to democratic services, before the meeting.
    FinalReport,
    /// Draft minutes, after the meeting.
    DraftMinutes,
    /// The end of the call-in period of executive decisions, after the meeting.
    CallIn,
}

impl LocalRuleKind {
    pub const ALL: [LocalRuleKind; 4] =
        [LocalRuleKind::DraftToBoard, LocalRuleKind::FinalReport, LocalRuleKind::DraftMinutes, LocalRuleKind::CallIn];

    pub fn as_str(self) -> &'static str {
        match self {
            LocalRuleKind::DraftToBoard => "draft-to-board",
            LocalRuleKind::FinalReport => "final-report",
            LocalRuleKind::DraftMinutes => "draft-minutes",
            LocalRuleKind::CallIn => "call-in",
        }
    }

    pub fn parse(text: &str) -> Option<LocalRuleKind> {
        LocalRuleKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// True for the rules counted forward from the meeting day.
    pub fn after_meeting(self) -> bool {
        matches!(self, LocalRuleKind::DraftMinutes | LocalRuleKind::CallIn)
    }

    pub fn deadline_kind(self) -> DeadlineKind {
        match self {
            LocalRuleKind::DraftToBoard => DeadlineKind::DraftToBoard,
            LocalRuleKind::FinalReport => DeadlineKind::FinalReport,
            LocalRuleKind::DraftMinutes => DeadlineKind::DraftMinutes,
            LocalRuleKind::CallIn => DeadlineKind::CallInEnd,
        }
    }
}

/// One local rule of a committee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalRule {
    pub kind: LocalRuleKind,
    /// What the committee calls it, e.g. "Draft to CSG".
    pub label: String,
    /// Counted from the meeting, the meeting day excluded: 1 is the working day before (or
    /// after, for the after-meeting kinds).
    pub working_days: u32,
    /// The time of day it is due, e.g. 10:00.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<NaiveTime>,
}

/// A hand-set date for one meeting, replacing the computed one (e.g. moved around a holiday).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub date: NaiveDate,
    /// Replaces the rule's time when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<NaiveTime>,
    pub reason: String,
}

impl LocalRule {
    /// The kind of deadline this rule gives.
    pub fn deadline_kind(&self) -> DeadlineKind {
        self.kind.deadline_kind()
    }

    /// The rule in words, e.g. "Final report to Democratic Services by 10:00, 8 working days
    /// before the meeting (local rule)".
    pub fn text(&self) -> String {
        let by = self.time.map(|t| format!(" by {}", t.format("%H:%M"))).unwrap_or_default();
        let side = if self.kind.after_meeting() { "after" } else { "before" };
        let days = if self.working_days == 1 { "working day".to_string() } else { format!("{} working days", self.working_days) };
        format!("{}{by}, {days} {side} the meeting (local rule)", self.label.trim())
    }

    /// The deadline for a meeting on `meeting`, or the override's date when one is given.
    pub fn deadline(&self, meeting: NaiveDate, cal: &WorkingCalendar, manual: Option<&Override>) -> Result<Deadline, DeadlineError> {
        let kind = self.kind.deadline_kind();
        if self.working_days > MAX_RULE_WORKING_DAYS {
            return Err(DeadlineError::RuleTooLong { label: self.label.clone(), days: self.working_days });
        }
        let label = if self.label.trim().is_empty() { kind.title().to_string() } else { self.label.trim().to_string() };
        match manual {
            Some(o) if o.reason.trim().is_empty() => Err(DeadlineError::OverrideWithoutReason(label)),
            Some(o) => Ok(Deadline {
                kind,
                label,
                date: o.date,
                time: o.time.or(self.time),
                rule: self.text(),
                override_reason: Some(o.reason.trim().to_string()),
            }),
            None => {
                let date = if self.kind.after_meeting() {
                    nth_working_day_after(meeting, self.working_days, cal)?
                } else {
                    nth_working_day_before(meeting, self.working_days, cal)?
                };
                Ok(Deadline { kind, label, date, time: self.time, rule: self.text(), override_reason: None })
            }
        }
    }
}

/// Every local deadline of a meeting on `meeting`: one per rule, in the order given, each
/// replaced by its override when the caller pairs one with it.
pub fn local_deadlines(
    meeting: NaiveDate,
    rules: &[(LocalRule, Option<Override>)],
    cal: &WorkingCalendar,
) -> Result<Vec<Deadline>, DeadlineError> {
    rules.iter().map(|(rule, manual)| rule.deadline(meeting, cal, manual.as_ref())).collect()
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

    /// Seed 001's rules as fitted from its work programme (see assets/demo/001/deadline-rules.json).
    fn seed_rules() -> [LocalRule; 2] {
        [
            LocalRule { kind: LocalRuleKind::DraftToBoard, label: "CSG Deadline".into(), working_days: 14, time: None },
            LocalRule {
                kind: LocalRuleKind::FinalReport,
                label: "Governance Service's Deadline".into(),
                working_days: 8,
                time: NaiveTime::from_hms_opt(10, 0, 0),
            },
        ]
    }

    #[test]
    fn seed_001_dates_follow_the_fitted_rules() {
        let cal = england();
        let [csg, final_report] = seed_rules();
        // (meeting, printed CSG deadline, printed Governance Services deadline) where the seed
        // follows the rule; the others were moved by hand and are overrides in the demo.
        for (meeting, printed_csg, printed_final) in [
            (d(2021, 2, 3), d(2021, 1, 14), d(2021, 1, 22)),
            (d(2021, 3, 3), d(2021, 2, 11), d(2021, 2, 19)),
            (d(2021, 3, 31), d(2021, 3, 11), d(2021, 3, 19)),
        ] {
            assert_eq!(csg.deadline(meeting, &cal, None).unwrap().date, printed_csg, "CSG deadline for {meeting} as printed");
            assert_eq!(final_report.deadline(meeting, &cal, None).unwrap().date, printed_final, "final report for {meeting} as printed");
        }
        let jan = final_report.deadline(d(2021, 1, 26), &cal, None).unwrap();
        assert_eq!(jan.date, d(2021, 1, 14), "26 January 2021's final report: Thursday 14 January, as printed");
        assert_eq!(jan.time, NaiveTime::from_hms_opt(10, 0, 0), "the final report is due at 10am");
        assert_eq!(jan.rule, "Governance Service's Deadline by 10:00, 8 working days before the meeting (local rule)", "the rule in words");
    }

    #[test]
    fn easter_and_may_day_move_the_computed_date() {
        let cal = england();
        let [csg, final_report] = seed_rules();
        // 12 May 2021: 3 May is the Early May bank holiday, so 8 working days back is 29 April.
        assert_eq!(final_report.deadline(d(2021, 5, 12), &cal, None).unwrap().date, d(2021, 4, 29), "the May bank holiday is skipped");
        // 14 working days before Wednesday 21 April 2021 crosses Good Friday and Easter Monday.
        assert_eq!(csg.deadline(d(2021, 4, 21), &cal, None).unwrap().date, d(2021, 3, 30), "Easter's two bank holidays are skipped");
    }

    #[test]
    fn overrides_replace_the_date_and_need_a_reason() {
        let cal = england();
        let [_, final_report] = seed_rules();
        let moved = Override { date: d(2020, 12, 18), time: None, reason: "moved before Christmas".into() };
        let rules = vec![(final_report.clone(), Some(moved.clone()))];
        let got = local_deadlines(d(2021, 1, 6), &rules, &cal).unwrap();
        assert_eq!(got[0].date, d(2020, 12, 18), "the override's date wins");
        assert_eq!(got[0].time, NaiveTime::from_hms_opt(10, 0, 0), "the rule's time stays when the override has none");
        assert_eq!(got[0].override_reason.as_deref(), Some("moved before Christmas"), "the reason is carried");
        let no_reason = Override { reason: "  ".into(), ..moved };
        assert!(final_report.deadline(d(2021, 1, 6), &cal, Some(&no_reason)).is_err(), "an override without a reason is refused");
    }

    #[test]
    fn after_meeting_rules_count_forward_and_closures_count() {
        let minutes = LocalRule { kind: LocalRuleKind::DraftMinutes, label: "Draft minutes".into(), working_days: 5, time: None };
        assert_eq!(minutes.deadline(d(2020, 12, 21), &england(), None).unwrap().date, d(2020, 12, 30), "22, 23, 24, 29, 30 December");
        let closed = WorkingCalendar::new(
            Division::EnglandAndWales,
            &BankHolidays::shipped().unwrap(),
            vec![d(2020, 12, 29), d(2020, 12, 30), d(2020, 12, 31)],
        );
        assert_eq!(minutes.deadline(d(2020, 12, 21), &closed, None).unwrap().date, d(2021, 1, 5), "closure days are not working days");
        let silly = LocalRule { working_days: 5000, ..minutes };
        assert!(silly.deadline(d(2020, 12, 21), &england(), None).is_err(), "an absurd count is refused, not searched");
    }

    #[test]
    fn kinds_round_trip_through_text() {
        for kind in LocalRuleKind::ALL {
            assert_eq!(LocalRuleKind::parse(kind.as_str()), Some(kind), "{} parses back", kind.as_str());
        }
        assert_eq!(LocalRuleKind::parse("fortnightly"), None, "unknown kinds are not guessed");
    }
}
