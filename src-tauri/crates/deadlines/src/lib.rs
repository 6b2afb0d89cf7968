//! Deadlines of committee meetings: the working-day calendar of each UK bank-holiday division
//! (`calendar`, `holidays`), "clear day" arithmetic (`clear_days`) and the deadline kinds with
//! their rules in words (`kinds`), a committee's local rules with per-meeting overrides
//! (`local`), the status of a deadline against today with its red/amber/green (`status`), and
//! iCalendar export (`ics`).
//!
//! Public API at a glance (what other crates call):
//! - `WorkingCalendar::new(division, &BankHolidays::shipped()?.updated_with(&imported), closures)`
//! - `statutory_publication(meeting, &StatutoryRule::for_council(nation, &settings), &cal)`
//! - `local_deadlines(meeting, &[(LocalRule, Option<Override>)], &cal)`: a committee's local
//!   deadlines (e.g. a work programme's "CSG" and "final report" columns); the store wraps it as
//!   `Store::committee_local_deadlines(committee_id, meeting_date)`.
//! - `status(due, done_on, today, &cal, DEFAULT_AMBER_WORKING_DAYS)` -> `Status` -> `rag()`
//! - `ics::meeting_calendar(&IcsMeeting, &[Deadline])` -> iCalendar text
//!
//! Everything here is a pure function of its arguments: "today", the meeting date and the
//! calendar are always passed in, never read from the clock or the disk, so results are
//! reproducible and testable. Deliberately not here: storing deadlines, local rules or report
//! lifecycles (the store's job), and any user interface.

pub mod calendar;
pub mod clear_days;
pub mod holidays;
pub mod ics;
pub mod kinds;
pub mod local;
pub mod status;

pub use agendapack_model::{DayType, DeadlineSettings};

pub use calendar::{BankHoliday, BankHolidays, CalendarError, Division, WorkingCalendar};
pub use clear_days::{
    clear_days_between, clear_days_counted, clear_working_days_between, latest_day_with_clear_days, latest_day_with_clear_days_before,
    latest_day_with_clear_working_days_before, nth_working_day_after, nth_working_day_before, working_day_on_or_before,
    ClearDayError,
};
pub use holidays::{computed_holidays, easter_sunday, FIRST_COMPUTED_YEAR};
pub use kinds::{
    call_in_end, clear_days_phrase, decisions_note_due, draft_minutes_due, key_decision_notice, private_meeting_notices,
    statutory_publication, Deadline, DeadlineError, DeadlineKind, PublicationCheck, StatutoryRule, DECISIONS_NOTE_WORKING_DAYS,
    ELITESTONE,
};
pub use local::{local_deadlines, LocalRule, LocalRuleKind, Override, MAX_RULE_WORKING_DAYS};
pub use status::{status, Rag, Status, DEFAULT_AMBER_WORKING_DAYS};
