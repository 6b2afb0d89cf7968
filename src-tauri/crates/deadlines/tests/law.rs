//! The law of "clear days" as the deadline engine applies it, case by case: the facts of
//! R v Swansea City Council ex p Elitestone (1993), each nation's publication date around
//! Christmas, New Year, Easter and the one-off bank holidays, each council setting, and a
//! property over every meeting day of 2012-2035 in all four nations.
//!
//! Every expected date here was worked out by hand from the calendar, and the comment beside it
//! lists the clear days, so a failure says which day the engine counted wrongly.

use agendapack_deadlines::{
    clear_working_days_between, key_decision_notice, private_meeting_notices, statutory_publication, BankHolidays, ClearDayError,
    DayType, DeadlineError, DeadlineSettings, StatutoryRule, WorkingCalendar,
};
use agendapack_model::Nation;
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn calendar(nation: Nation) -> WorkingCalendar {
    WorkingCalendar::new(nation.into(), &BankHolidays::shipped().expect("the shipped file is valid"), Vec::new())
}

/// The latest publication date of a meeting under the council's settings.
fn publication_with(nation: Nation, settings: &DeadlineSettings, meeting: NaiveDate) -> NaiveDate {
    let rule = StatutoryRule::for_council(nation, settings);
    statutory_publication(meeting, &rule, &calendar(nation)).expect("a date exists").date
}

fn publication(nation: Nation, meeting: NaiveDate) -> NaiveDate {
    publication_with(nation, &DeadlineSettings::default(), meeting)
}

/// One table row: (nation, meeting, expected publication, why).
fn check(cases: &[(Nation, NaiveDate, NaiveDate, &str)]) {
    for (nation, meeting, expected, why) in cases {
        assert_eq!(publication(*nation, *meeting), *expected, "{} meeting on {meeting}: {why}", nation.as_str());
    }
}

#[test]
fn elitestone_1990_three_clear_working_days() {
    let (wales, meeting) = (Nation::Wales, d(1990, 5, 1));
    // Tuesday 1 May 1990 (May Day was Monday 7 May): clear days Monday 30 April, Friday 27 and
    // Thursday 26 April; 28 and 29 April "were not working days".
    assert_eq!(publication(wales, meeting), d(1990, 4, 25), "Elitestone: publication by Wednesday 25 April 1990");
    let rule = StatutoryRule::for_council(wales, &DeadlineSettings::default());
    let cal = calendar(wales);
    assert!(rule.check(d(1990, 4, 25), meeting, &cal).met(), "25 April leaves 26, 27 and 30 April clear");
    let late = rule.check(d(1990, 4, 26), meeting, &cal);
    assert!(!late.met(), "the agenda of Thursday 26 April 1990 was late, as the Court of Appeal held");
    assert_eq!(late.describe(), "missed: published 26 April 1990, 2 clear working days (3 required)", "the check says how short it fell");
    assert!(rule.text().contains("3 clear working days (R v Swansea CC ex p Elitestone, 1993)"), "the rule names its basis: {}", rule.text());
}

#[test]
fn england_five_clear_working_days() {
    let e = Nation::England;
    check(&[
        (e, d(2021, 1, 6), d(2020, 12, 24), "clear days 29, 30, 31 Dec, 4, 5 Jan: Christmas, the Boxing Day substitute and New Year skipped"),
        (e, d(2021, 4, 8), d(2021, 3, 29), "clear days 30, 31 Mar, 1, 6, 7 Apr: Good Friday and Easter Monday skipped"),
        (e, d(2022, 6, 8), d(2022, 5, 27), "clear days 30, 31 May, 1, 6, 7 Jun: the Platinum Jubilee's 2 and 3 June skipped"),
        (e, d(2002, 6, 7), d(2002, 5, 28), "clear days 29, 30, 31 May, 5, 6 Jun: the Golden Jubilee moved the spring holiday to 4 June and added 3 June"),
        (e, d(2011, 5, 4), d(2011, 4, 20), "clear days 21, 26, 27, 28 Apr, 3 May: Good Friday 22, Easter Monday 25, the royal wedding 29 April and May Day 2 May skipped"),
    ]);
}

#[test]
fn wales_three_clear_working_days() {
    let w = Nation::Wales;
    check(&[
        (w, d(2022, 6, 8), d(2022, 5, 31), "clear days 1, 6, 7 June 2022: 2 and 3 June were the Platinum Jubilee holidays"),
        (w, d(2021, 1, 6), d(2020, 12, 30), "clear days 31 Dec, 4, 5 Jan: New Year's Day skipped"),
        (w, d(2020, 12, 29), d(2020, 12, 21), "clear days 22, 23, 24 Dec: Christmas and the Boxing Day substitute (28) skipped"),
        (w, d(2021, 4, 8), d(2021, 3, 31), "clear days 1, 6, 7 Apr: Good Friday and Easter Monday skipped"),
        (w, d(1995, 5, 11), d(1995, 5, 4), "clear days 5, 9, 10 May 1995: VE Day's 50th anniversary moved May Day to 8 May"),
        (w, d(1981, 7, 31), d(1981, 7, 24), "clear days 27, 28, 30 Jul: the royal wedding of 29 July 1981 skipped"),
        (w, d(2000, 1, 5), d(1999, 12, 24), "clear days 29, 30 Dec 1999, 4 Jan 2000: the Christmas substitutes (27, 28), the millennium holiday (31) and the New Year substitute (3 Jan) skipped"),
        (w, d(2023, 5, 11), d(2023, 5, 4), "clear days 5, 9, 10 May 2023: the coronation holiday of 8 May skipped"),
    ]);
}

#[test]
fn scotland_three_clear_working_days_on_its_own_holidays() {
    let s = Nation::Scotland;
    check(&[
        (s, d(2025, 12, 2), d(2025, 11, 25), "clear days 26, 27, 28 Nov: St Andrew's Day (Sunday 30) gives Monday 1 December off"),
        (s, d(2021, 4, 7), d(2021, 3, 31), "clear days 1, 5, 6 Apr: Scotland has Good Friday but no Easter Monday"),
        (s, d(2021, 1, 6), d(2020, 12, 29), "clear days 30, 31 Dec, 5 Jan: 1 January and the 2 January substitute (Monday 4) skipped"),
        (s, d(2022, 6, 8), d(2022, 5, 31), "clear days 1, 6, 7 June 2022: the Jubilee holidays are UK-wide"),
        (s, d(2006, 12, 4), d(2006, 11, 28), "clear days 29, 30 Nov, 1 Dec: St Andrew's Day was not yet a bank holiday in 2006"),
    ]);
    assert_eq!(publication(Nation::England, d(2021, 4, 7)), d(2021, 3, 26), "England for contrast: Easter Monday 5 April is a holiday there (clear days 29 Mar to 1 Apr and 6 Apr)");
}

#[test]
fn northern_ireland_three_clear_working_days_on_its_own_holidays() {
    let n = Nation::NorthernIreland;
    check(&[
        (n, d(2025, 3, 20), d(2025, 3, 13), "clear days 14, 18, 19 Mar: St Patrick's Day (Monday 17) skipped"),
        (n, d(2025, 7, 15), d(2025, 7, 8), "clear days 9, 10, 11 Jul: 12 July (a Saturday) gives Monday 14 off"),
        (n, d(2021, 4, 7), d(2021, 3, 30), "clear days 31 Mar, 1, 6 Apr: Good Friday and Easter Monday skipped"),
        (n, d(2023, 1, 4), d(2022, 12, 28), "clear days 29, 30 Dec, 3 Jan: the Christmas substitute (27) and New Year substitute (2 Jan) skipped"),
        (n, d(2022, 9, 22), d(2022, 9, 15), "clear days 16, 20, 21 Sep: the state funeral of 19 September 2022 skipped"),
    ]);
}

#[test]
fn scotland_may_count_calendar_days() {
    let settings = DeadlineSettings { scotland_publication_days: DayType::Calendar, ..DeadlineSettings::default() };
    // 29, 30 November and 1 December are the three clear calendar days; Friday 28 is a working day.
    assert_eq!(publication_with(Nation::Scotland, &settings, d(2025, 12, 2)), d(2025, 11, 28), "calendar days when the standing orders say so");
    let rule = StatutoryRule::for_council(Nation::Scotland, &settings);
    assert!(rule.text().contains("3 clear calendar days (the council's standing orders)"), "the basis is the council's: {}", rule.text());
    let england = StatutoryRule::for_council(Nation::England, &settings);
    assert_eq!(england.days, DayType::Working, "England has no switch: the Court of Appeal decided it");
}

#[test]
fn northern_ireland_number_and_day_type_are_settings() {
    let five = DeadlineSettings { northern_ireland_clear_days: 5, ..DeadlineSettings::default() };
    // Tuesday 15 July 2025: clear working days 7, 8, 9, 10, 11 July (14 is the Boyne substitute).
    assert_eq!(publication_with(Nation::NorthernIreland, &five, d(2025, 7, 15)), d(2025, 7, 4), "five clear working days");
    let calendar_days = DeadlineSettings { northern_ireland_publication_days: DayType::Calendar, ..DeadlineSettings::default() };
    // Clear calendar days 12, 13, 14 July; 11 is a Friday and a working day.
    assert_eq!(publication_with(Nation::NorthernIreland, &calendar_days, d(2025, 7, 15)), d(2025, 7, 11), "three clear calendar days");
    let wales = StatutoryRule::for_council(Nation::Wales, &five);
    assert_eq!(wales.clear_days, 3, "Northern Ireland's number does not touch Wales");
}

#[test]
fn key_decisions_count_calendar_days_unless_set_to_working_days() {
    let cal = calendar(Nation::England);
    let calendar_days = key_decision_notice(d(2020, 12, 2), 28, DeadlineSettings::default().key_decision_days, &cal).unwrap();
    assert_eq!(calendar_days.date, d(2020, 11, 3), "28 clear calendar days before Wednesday 2 December 2020 (4 Nov to 1 Dec)");
    // 28 clear working days counted back from 1 December: 1 Dec, 30, 27-23, 20-16, 13-9 and
    // 6-2 Nov (22 days), 30-26 Oct (27) and 23 Oct (28).
    let working = key_decision_notice(d(2020, 12, 2), 28, DayType::Working, &cal).unwrap();
    assert_eq!(working.date, d(2020, 10, 22), "28 clear working days reach back to 23 October");
    assert_eq!(clear_working_days_between(working.date, d(2020, 12, 2), &cal), 28, "exactly 28 working days lie between");
    let [first, _] = private_meeting_notices(d(2020, 12, 2), DayType::Working, &cal).unwrap();
    assert_eq!(first.date, working.date, "private-meeting notices follow the same Regulations' setting");
}

#[test]
fn one_off_bank_holidays_since_1978_in_every_division() {
    let one_offs = [
        d(1981, 7, 29),
        d(1995, 5, 8),
        d(1999, 12, 31),
        d(2002, 6, 3),
        d(2002, 6, 4),
        d(2011, 4, 29),
        d(2012, 6, 4),
        d(2012, 6, 5),
        d(2022, 6, 2),
        d(2022, 6, 3),
        d(2022, 9, 19),
        d(2023, 5, 8),
    ];
    for nation in Nation::ALL {
        let cal = calendar(nation);
        for day in one_offs {
            assert!(cal.is_bank_holiday(day), "{day} was a one-off bank holiday in {}", nation.as_str());
        }
        for moved in [d(1995, 5, 1), d(2002, 5, 27), d(2012, 5, 28), d(2022, 5, 30)] {
            assert!(cal.is_working_day(moved), "{moved} was a working day in {}: its holiday was moved", nation.as_str());
        }
    }
}

#[test]
fn years_before_1978_are_refused_not_guessed() {
    let rule = StatutoryRule::for_council(Nation::England, &DeadlineSettings::default());
    let err = statutory_publication(d(1975, 6, 4), &rule, &calendar(Nation::England)).expect_err("1975 is before the rules");
    assert!(matches!(err, DeadlineError::ClearDays(ClearDayError::YearNotSupported(_))), "the error says the year is not supported: {err}");
    assert!(err.to_string().contains("1975"), "the sentence names the year: {err}");
}

#[test]
fn every_meeting_day_2012_to_2035_in_every_nation() {
    let mut checked = 0;
    for nation in Nation::ALL {
        let cal = calendar(nation);
        let rule = StatutoryRule::for_council(nation, &DeadlineSettings::default());
        assert_eq!(rule.days, DayType::Working, "every nation counts working days by default");
        let mut meeting = d(2012, 1, 1);
        while meeting <= d(2035, 12, 31) {
            let published = statutory_publication(meeting, &rule, &cal).expect("a date exists").date;
            assert!(cal.is_working_day(published), "{}: publication {published} for {meeting} must be a working day", nation.as_str());
            assert_eq!(
                clear_working_days_between(published, meeting, &cal),
                rule.clear_days,
                "{}: exactly {} working days lie strictly between {published} and {meeting}",
                nation.as_str(),
                rule.clear_days
            );
            checked += 1;
            meeting = meeting.succ_opt().unwrap();
        }
    }
    assert_eq!(checked, 4 * 8766, "every day of 24 years (6 leap years) in four nations");
}
