//! A deadline's status against "today" (always an argument): met or missed once the thing is
//! done, otherwise overdue, due soon or upcoming, and the red / amber / green the dashboard
//! shows. Overdue and missed are red, due soon amber, the rest green.
//!
//! Deliberately not here: what counts as "done" for each kind (the caller knows whether a
//! report was submitted or a pack published, and passes that day in).

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::WorkingCalendar;
use crate::clear_days::clear_working_days_between;

/// How many working days ahead a deadline turns amber by default.
pub const DEFAULT_AMBER_WORKING_DAYS: u32 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Not done and the day has passed.
    Overdue,
    /// Done, but after the deadline.
    Missed,
    /// Not done; due within the amber window (today included).
    DueSoon,
    /// Not done; due later.
    Upcoming,
    /// Done on or before the deadline.
    Met,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rag {
    Red,
    Amber,
    Green,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Overdue => "overdue",
            Status::Missed => "missed",
            Status::DueSoon => "due-soon",
            Status::Upcoming => "upcoming",
            Status::Met => "met",
        }
    }

    pub fn rag(self) -> Rag {
        match self {
            Status::Overdue | Status::Missed => Rag::Red,
            Status::DueSoon => Rag::Amber,
            Status::Upcoming | Status::Met => Rag::Green,
        }
    }
}

impl Rag {
    pub fn as_str(self) -> &'static str {
        match self {
            Rag::Red => "red",
            Rag::Amber => "amber",
            Rag::Green => "green",
        }
    }
}

/// The status of a deadline on `due`, done on `done_on` (None: not yet), seen on `today`.
/// Amber when at most `amber_working_days` working days lie between today and the deadline.
pub fn status(due: NaiveDate, done_on: Option<NaiveDate>, today: NaiveDate, cal: &WorkingCalendar, amber_working_days: u32) -> Status {
    match done_on {
        Some(done) if done <= due => Status::Met,
        Some(_) => Status::Missed,
        None if today > due => Status::Overdue,
        None if clear_working_days_between(today, due, cal) < amber_working_days => Status::DueSoon,
        None => Status::Upcoming,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{BankHolidays, Division};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn statuses_and_colours() {
        let cal = WorkingCalendar::new(Division::EnglandAndWales, &BankHolidays::shipped().unwrap(), Vec::new());
        let due = d(2020, 11, 24);
        assert_eq!(status(due, Some(d(2020, 11, 20)), d(2020, 12, 1), &cal, 3), Status::Met, "done before the day");
        assert_eq!(status(due, Some(due), d(2020, 12, 1), &cal, 3), Status::Met, "done on the day counts as met");
        assert_eq!(status(due, Some(d(2020, 11, 25)), d(2020, 12, 1), &cal, 3), Status::Missed, "done a day late");
        assert_eq!(status(due, None, d(2020, 11, 25), &cal, 3), Status::Overdue, "not done and past");
        assert_eq!(status(due, None, due, &cal, 3), Status::DueSoon, "due today is amber");
        // Thursday 19 to Tuesday 24: 20 and 23 lie between, 2 working days < 3.
        assert_eq!(status(due, None, d(2020, 11, 19), &cal, 3), Status::DueSoon, "two working days away is amber");
        assert_eq!(status(due, None, d(2020, 11, 17), &cal, 3), Status::Upcoming, "a week away is green");
        assert_eq!(Status::Overdue.rag(), Rag::Red, "overdue is red");
        assert_eq!(Status::Missed.rag().as_str(), "red", "missed is red");
        assert_eq!(Status::DueSoon.rag().as_str(), "amber", "due soon is amber");
    }

    #[test]
    fn a_weekend_does_not_make_a_deadline_look_further_away() {
        let cal = WorkingCalendar::new(Division::EnglandAndWales, &BankHolidays::shipped().unwrap(), Vec::new());
        // Friday 20 November to Tuesday 24: only Monday 23 lies between.
        assert_eq!(status(d(2020, 11, 24), None, d(2020, 11, 20), &cal, 3), Status::DueSoon, "weekends are not counted");
    }
}
