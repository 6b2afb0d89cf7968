//! Properties of the clear-day arithmetic over thousands of random dates (a seeded generator,
//! so every run checks the same cases): the computed latest date is a working day, leaves at
//! least N clear working days, and the next working day after it would not. Also: an imported
//! bank-holiday file changes a result, and computed years agree with the shipped data.

use agendapack_deadlines::{
    clear_working_days_between, computed_holidays, latest_day_with_clear_working_days_before, BankHolidays, Division,
    WorkingCalendar,
};
use chrono::{Datelike, Duration, NaiveDate};

mod seeded;
use seeded::Seeded;

#[test]
fn latest_dates_leave_exactly_enough_clear_working_days() {
    let data = BankHolidays::shipped().expect("the shipped file is valid");
    let start = NaiveDate::from_ymd_opt(2012, 1, 1).unwrap();
    let span = (NaiveDate::from_ymd_opt(2040, 12, 31).unwrap() - start).num_days() as u64;
    let mut rng = Seeded(0x5EED_2020_1202);
    let mut checked = 0;
    for division in Division::ALL {
        // Some calendars with closure days between Christmas and New Year, as councils add.
        for with_closures in [false, true] {
            let closures = if with_closures {
                (2012..=2040).flat_map(|y| (29..=31).map(move |d| NaiveDate::from_ymd_opt(y, 12, d).unwrap())).collect()
            } else {
                Vec::new()
            };
            let cal = WorkingCalendar::new(division, &data, closures);
            for _ in 0..1500 {
                let meeting = start + Duration::days(rng.below(span) as i64);
                let n = rng.below(12) as u32;
                let latest = latest_day_with_clear_working_days_before(meeting, n, &cal).expect("a working day exists");
                assert!(cal.is_working_day(latest), "{latest} (for {meeting}, n={n}) must be a working day");
                assert!(
                    clear_working_days_between(latest, meeting, &cal) >= n,
                    "{latest} must leave at least {n} clear working days before {meeting}"
                );
                let mut next = latest + Duration::days(1);
                while !cal.is_working_day(next) {
                    next += Duration::days(1);
                }
                if next < meeting {
                    assert!(
                        clear_working_days_between(next, meeting, &cal) < n,
                        "the next working day {next} after {latest} would leave fewer than {n} before {meeting}, else {latest} is not the latest"
                    );
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 9000, "every generated case was checked");
}

#[test]
fn an_imported_file_changes_the_result() {
    let meeting = NaiveDate::from_ymd_opt(2020, 12, 2).unwrap();
    let shipped = WorkingCalendar::new(Division::EnglandAndWales, &BankHolidays::shipped().unwrap(), Vec::new());
    assert_eq!(latest_day_with_clear_working_days_before(meeting, 5, &shipped), Ok(NaiveDate::from_ymd_opt(2020, 11, 24).unwrap()), "the shipped data gives 24 November");
    // A newer file declaring a (hypothetical) holiday on Friday 27 November 2020.
    let imported = BankHolidays::from_json(
        r#"{"england-and-wales": {"division": "england-and-wales", "events": [
            {"title": "Christmas Day", "date": "2020-12-25", "notes": "", "bunting": true},
            {"title": "Imagined holiday", "date": "2020-11-27", "notes": "", "bunting": false}]}}"#,
    )
    .expect("a valid file imports");
    let cal = WorkingCalendar::new(Division::EnglandAndWales, &imported, Vec::new());
    assert_eq!(latest_day_with_clear_working_days_before(meeting, 5, &cal), Ok(NaiveDate::from_ymd_opt(2020, 11, 23).unwrap()), "a holiday on 27 November pushes publication back to 23 November");
}

#[test]
fn computed_years_beyond_the_data_follow_the_rules() {
    let data = BankHolidays::shipped().unwrap();
    // For years the data covers without one-offs, the rules reproduce it.
    for division in Division::ALL {
        for year in [2014, 2017, 2019, 2021, 2025, 2028] {
            let shipped: Vec<NaiveDate> = data.events(division).iter().filter(|e| e.date.year() == year).map(|e| e.date).collect();
            let computed: Vec<NaiveDate> = computed_holidays(division, year).into_iter().map(|h| h.date).collect();
            assert_eq!(shipped, computed, "{} {year} has no one-offs, so the rules must agree with the data", division.as_str());
        }
    }
    // 2030 is beyond the data: Good Friday 19 April 2030 comes from the computus.
    let cal = WorkingCalendar::new(Division::EnglandAndWales, &data, Vec::new());
    assert!(!cal.is_working_day(NaiveDate::from_ymd_opt(2030, 4, 19).unwrap()), "Good Friday 2030 is computed beyond the shipped years");
    assert!(cal.is_working_day(NaiveDate::from_ymd_opt(2030, 4, 23).unwrap()), "Tuesday 23 April 2030 is an ordinary working day");
}
