//! "Clear day" arithmetic on a working calendar. Clear days exclude both the day of the event
//! (publication, notice) and the day of the meeting (R v Swansea City Council ex parte
//! Elitestone), so "5 clear working days before Wednesday 2 December 2020" means publication on
//! or before Tuesday 24 November.
//!
//! Deliberately not here: which rule applies to which meeting (see `kinds`). Searches are
//! bounded (a calendar made entirely of closures gives an error, not an endless loop).

use agendapack_model::DayType;
use chrono::NaiveDate;

use crate::calendar::WorkingCalendar;

/// How far a search may walk before giving up: ten years of days.
const SEARCH_LIMIT_DAYS: u32 = 3660;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ClearDayError {
    #[error("no working day was found within ten years of {0}; the calendar's closure days cover it all")]
    NoWorkingDay(NaiveDate),
    #[error("the date {0} is outside the range of dates that can be counted")]
    OutOfRange(NaiveDate),
    #[error("the bank holidays of {} are not known (AgendaPack counts from 1978 on, or the years an imported bank-holiday file covers)", .0.format("%Y"))]
    YearNotSupported(NaiveDate),
}

/// Refuses a day whose bank holidays the calendar does not know, rather than count it wrong.
fn supported(day: NaiveDate, cal: &WorkingCalendar) -> Result<NaiveDate, ClearDayError> {
    if cal.supports(day) {
        Ok(day)
    } else {
        Err(ClearDayError::YearNotSupported(day))
    }
}

fn previous(date: NaiveDate) -> Result<NaiveDate, ClearDayError> {
    date.pred_opt().ok_or(ClearDayError::OutOfRange(date))
}

fn next(date: NaiveDate) -> Result<NaiveDate, ClearDayError> {
    date.succ_opt().ok_or(ClearDayError::OutOfRange(date))
}

/// The number of working days strictly between `from` and `to` (0 if `to` is not after `from`).
pub fn clear_working_days_between(from: NaiveDate, to: NaiveDate, cal: &WorkingCalendar) -> u32 {
    let mut count = 0;
    let mut day = from.succ_opt();
    while let Some(d) = day.filter(|d| *d < to) {
        if cal.is_working_day(d) {
            count += 1;
        }
        day = d.succ_opt();
    }
    count
}

/// The number of calendar days strictly between `from` and `to` (0 if `to` is not after `from`).
pub fn clear_days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    u32::try_from((to - from).num_days() - 1).unwrap_or(0)
}

/// The latest working day on or before `date`.
pub fn working_day_on_or_before(date: NaiveDate, cal: &WorkingCalendar) -> Result<NaiveDate, ClearDayError> {
    let mut day = date;
    for _ in 0..SEARCH_LIMIT_DAYS {
        if cal.is_working_day(supported(day, cal)?) {
            return Ok(day);
        }
        day = previous(day)?;
    }
    Err(ClearDayError::NoWorkingDay(date))
}

/// The n-th working day before `date` (`date` itself excluded); n = 0 gives `date`.
pub fn nth_working_day_before(date: NaiveDate, n: u32, cal: &WorkingCalendar) -> Result<NaiveDate, ClearDayError> {
    let mut day = date;
    for _ in 0..n {
        day = working_day_on_or_before(previous(day)?, cal)?;
    }
    Ok(day)
}

/// The n-th working day after `date` (`date` itself excluded); n = 0 gives `date`.
pub fn nth_working_day_after(date: NaiveDate, n: u32, cal: &WorkingCalendar) -> Result<NaiveDate, ClearDayError> {
    let mut day = date;
    for _ in 0..n {
        day = next(day)?;
        let start = day;
        let mut steps = 0;
        while !cal.is_working_day(supported(day, cal)?) {
            steps += 1;
            if steps > SEARCH_LIMIT_DAYS {
                return Err(ClearDayError::NoWorkingDay(start));
            }
            day = next(day)?;
        }
    }
    Ok(day)
}

/// The latest working day D with at least `n` working days strictly between D and `meeting`.
pub fn latest_day_with_clear_working_days_before(
    meeting: NaiveDate,
    n: u32,
    cal: &WorkingCalendar,
) -> Result<NaiveDate, ClearDayError> {
    // The n-th working day back is the earliest of the n clear days; D is the working day
    // before it.
    let earliest_clear = nth_working_day_before(meeting, n, cal)?;
    working_day_on_or_before(previous(earliest_clear)?, cal)
}

/// The latest day with at least `n` calendar days strictly between it and `meeting`; with
/// `working_day`, moved back to the latest working day on or before it (for acts, such as
/// publication, that must happen on a working day).
pub fn latest_day_with_clear_days_before(
    meeting: NaiveDate,
    n: u32,
    working_day: bool,
    cal: &WorkingCalendar,
) -> Result<NaiveDate, ClearDayError> {
    let day = meeting
        .checked_sub_days(chrono::Days::new(u64::from(n) + 1))
        .ok_or(ClearDayError::OutOfRange(meeting))?;
    let day = supported(day, cal)?;
    if working_day {
        working_day_on_or_before(day, cal)
    } else {
        Ok(day)
    }
}

/// The clear days strictly between `from` and `to`, of the given day type: the one count every
/// statutory check uses.
pub fn clear_days_counted(from: NaiveDate, to: NaiveDate, days: DayType, cal: &WorkingCalendar) -> u32 {
    match days {
        DayType::Working => clear_working_days_between(from, to, cal),
        DayType::Calendar => clear_days_between(from, to),
    }
}

/// The latest working day with at least `n` clear days of the given type before `meeting`:
/// the one search every statutory deadline uses (publication, notices).
pub fn latest_day_with_clear_days(meeting: NaiveDate, n: u32, days: DayType, cal: &WorkingCalendar) -> Result<NaiveDate, ClearDayError> {
    match days {
        DayType::Working => latest_day_with_clear_working_days_before(meeting, n, cal),
        DayType::Calendar => latest_day_with_clear_days_before(meeting, n, true, cal),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{BankHolidays, Division};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn cal(division: Division) -> WorkingCalendar {
        WorkingCalendar::new(division, &BankHolidays::shipped().expect("the shipped file is valid"), Vec::new())
    }

    #[test]
    fn the_seed_meeting_of_2_december_2020() {
        let england = cal(Division::EnglandAndWales);
        assert_eq!(
            latest_day_with_clear_working_days_before(d(2020, 12, 2), 5, &england),
            Ok(d(2020, 11, 24)),
            "the five clear working days are 25, 26, 27, 30 November and 1 December"
        );
        assert_eq!(clear_working_days_between(d(2020, 11, 20), d(2020, 12, 2), &england), 7, "publication on Friday 20 November leaves 7 clear working days");
    }

    #[test]
    fn across_christmas_and_new_year() {
        let england = cal(Division::EnglandAndWales);
        // Meeting Wed 6 Jan 2021: back over 5, 4 Jan, 1 Jan (holiday), 31, 30, 29 Dec; 28 and
        // 25 Dec are holidays (Boxing Day substitute, Christmas).
        assert_eq!(latest_day_with_clear_working_days_before(d(2021, 1, 6), 5, &england), Ok(d(2020, 12, 24)), "clear days 29, 30, 31 Dec, 4, 5 Jan");
        let closures = WorkingCalendar::new(
            Division::EnglandAndWales,
            &BankHolidays::shipped().unwrap(),
            vec![d(2020, 12, 29), d(2020, 12, 30), d(2020, 12, 31)],
        );
        assert_eq!(latest_day_with_clear_working_days_before(d(2021, 1, 6), 5, &closures), Ok(d(2020, 12, 21)), "closing 29-31 December pushes publication back to 21 December (clear days 22, 23, 24 Dec, 4, 5 Jan)");
    }

    #[test]
    fn across_easter_2021_and_2024() {
        let england = cal(Division::EnglandAndWales);
        // Meeting Thu 8 Apr 2021: clear days 7, 6, 1, 31 Mar, 30 Mar (2 and 5 April are holidays).
        assert_eq!(latest_day_with_clear_working_days_before(d(2021, 4, 8), 5, &england), Ok(d(2021, 3, 29)), "Good Friday and Easter Monday 2021 are not working days");
        // Meeting Wed 3 Apr 2024: clear days 2 Apr, 28, 27, 26, 25 Mar (29 Mar and 1 Apr holidays).
        assert_eq!(latest_day_with_clear_working_days_before(d(2024, 4, 3), 5, &england), Ok(d(2024, 3, 22)), "Easter 2024 fell at the end of March");
    }

    #[test]
    fn across_the_one_off_days() {
        let england = cal(Division::EnglandAndWales);
        // Meeting Wed 8 Jun 2022: clear days 7, 6, 1 Jun, 31, 30 May (2 and 3 June holidays;
        // 30 May was a working day that year because the spring holiday moved).
        assert_eq!(latest_day_with_clear_working_days_before(d(2022, 6, 8), 5, &england), Ok(d(2022, 5, 27)), "2022: the spring holiday moved to 2 June and the Jubilee added 3 June");
        // Meeting Wed 21 Sep 2022: clear days 20, 16, 15, 14, 13 Sep (19th state funeral).
        assert_eq!(latest_day_with_clear_working_days_before(d(2022, 9, 21), 5, &england), Ok(d(2022, 9, 12)), "the state funeral of 19 September 2022 was a bank holiday");
        // Meeting Fri 12 May 2023: clear days 11, 10, 9, 5, 4 May (1 and 8 May holidays).
        assert_eq!(latest_day_with_clear_working_days_before(d(2023, 5, 12), 5, &england), Ok(d(2023, 5, 3)), "the coronation holiday of 8 May 2023 is not a working day");
    }

    #[test]
    fn scotland_and_northern_ireland_differ() {
        let (eng, scot, ni) = (cal(Division::EnglandAndWales), cal(Division::Scotland), cal(Division::NorthernIreland));
        // Meeting Tue 2 Dec 2025; St Andrew's Day on Sun 30 Nov gives Scotland Mon 1 Dec off.
        assert_eq!(latest_day_with_clear_working_days_before(d(2025, 12, 2), 1, &eng), Ok(d(2025, 11, 28)), "England: 1 December 2025 is a working day, clear day is 1 Dec");
        assert_eq!(latest_day_with_clear_working_days_before(d(2025, 12, 2), 1, &scot), Ok(d(2025, 11, 27)), "Scotland: 1 December 2025 is St Andrew's substitute day");
        // Meeting Tue 15 Jul 2025; 12 July 2025 is a Saturday, so NI has Monday 14 July off.
        assert_eq!(latest_day_with_clear_working_days_before(d(2025, 7, 15), 2, &eng), Ok(d(2025, 7, 10)), "England: clear days 11 and 14 July 2025");
        assert_eq!(latest_day_with_clear_working_days_before(d(2025, 7, 15), 2, &ni), Ok(d(2025, 7, 9)), "NI: 14 July 2025 is the Boyne substitute day");
    }

    #[test]
    fn calendar_clear_days_are_counted_from_both_ends() {
        let england = cal(Division::EnglandAndWales);
        assert_eq!(latest_day_with_clear_days_before(d(2020, 12, 2), 3, false, &england), Ok(d(2020, 11, 28)), "3 clear days before 2 Dec are 29, 30 Nov and 1 Dec");
        assert_eq!(latest_day_with_clear_days_before(d(2020, 12, 2), 3, true, &england), Ok(d(2020, 11, 27)), "Saturday 28 November is not a working day: publish on Friday 27");
        assert_eq!(clear_days_between(d(2020, 11, 28), d(2020, 12, 2)), 3, "three days lie strictly between");
    }

    #[test]
    fn a_calendar_with_no_working_days_gives_an_error() {
        let start = d(2021, 1, 1);
        let all: Vec<NaiveDate> = start.iter_days().take(8000).collect();
        let closed = WorkingCalendar::new(Division::EnglandAndWales, &BankHolidays::default(), all);
        let last = d(2041, 1, 1);
        assert!(latest_day_with_clear_working_days_before(last, 5, &closed).is_err(), "no working day exists, which must be an error, not a hang");
    }
}
