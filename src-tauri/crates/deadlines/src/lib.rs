//! Deadlines of committee meetings: the working-day calendar of each UK bank-holiday division
//! (`calendar`, `holidays`), "clear day" arithmetic (`clear_days`) and the deadline kinds with
//! their rules in words (`kinds`).
//!
//! Everything here is a pure function of its arguments: "today", the meeting date and the
//! calendar are always passed in, never read from the clock or the disk, so results are
//! reproducible and testable. Deliberately not here: storing deadlines, local rules or report
//! lifecycles (the store's job), and any user interface.

pub mod calendar;
pub mod clear_days;
pub mod holidays;
pub mod kinds;

pub use calendar::{BankHoliday, BankHolidays, CalendarError, Division, WorkingCalendar};
pub use clear_days::{
    clear_days_between, clear_working_days_between, latest_day_with_clear_days_before,
    latest_day_with_clear_working_days_before, nth_working_day_after, nth_working_day_before, working_day_on_or_before,
    ClearDayError,
};
pub use holidays::{computed_holidays, easter_sunday};
pub use kinds::{
    call_in_end, draft_minutes_due, key_decision_notice, private_meeting_notices, statutory_publication, Deadline, DeadlineError,
    DeadlineKind, LocalRule, LocalRuleKind, Override, PublicationCheck, StatutoryRule,
};
