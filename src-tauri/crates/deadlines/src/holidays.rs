//! The bank holidays of each division computed by rule (Easter by the anonymous Gregorian
//! computus, first and last Mondays, substitute days for fixed days at weekends) with the
//! one-off days that proclamations added or moved since 1978, and the generator of the shipped
//! data (2012-2028).
//!
//! The rules hold from 1978, the first year with the early May bank holiday in every division,
//! so older meetings (R v Swansea CC ex p Elitestone is about 1 May 1990) are counted right;
//! before that AgendaPack refuses to count rather than guess. Scotland's St Andrew's Day is a
//! bank holiday from 2007 (St Andrew's Day Bank Holiday (Scotland) Act 2007).
//!
//! Deliberately not here: predicting future one-off days (nobody can), and reading files.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::calendar::{BankHoliday, BankHolidays, Division};

/// The years the shipped file covers.
pub const SHIPPED_YEARS: std::ops::RangeInclusive<i32> = 2012..=2028;

/// The first year whose bank holidays the rules give (the early May bank holiday began in
/// 1978); dates before it are refused unless a bank-holiday file covers them.
pub const FIRST_COMPUTED_YEAR: i32 = 1978;

/// The first year Scotland had St Andrew's Day as a bank holiday.
const FIRST_ST_ANDREWS_YEAR: i32 = 2007;

/// Easter Sunday of a Gregorian year (the "anonymous Gregorian" / Meeus-Jones-Butcher method).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

fn first_monday(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, 1)
}

fn last_monday(year: i32, month: u32) -> Option<NaiveDate> {
    let (next_year, next_month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    let mut day = NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()?;
    while day.weekday() != Weekday::Mon {
        day = day.pred_opt()?;
    }
    Some(day)
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn holiday(title: &str, date: NaiveDate, notes: &str) -> BankHoliday {
    BankHoliday { title: title.to_string(), date, notes: notes.to_string(), bunting: true }
}

/// The bank holidays of a division in a year, sorted by date: the regular ones with that
/// year's one-off days applied. Fixed days that fall at a weekend get a substitute: the next
/// weekday not already a holiday (so Christmas on a Sunday gives Boxing Day on Monday 26 and
/// the Christmas substitute on Tuesday 27, as the government lists them). Empty for a year
/// chrono cannot represent; the rules are those of 1978 on (see [`FIRST_COMPUTED_YEAR`]).
pub fn computed_holidays(division: Division, year: i32) -> Vec<BankHoliday> {
    let mut days = regular(division, year).unwrap_or_default();
    apply_one_offs(&mut days, year);
    days.sort_by_key(|h| h.date);
    days
}

fn regular(division: Division, year: i32) -> Option<Vec<BankHoliday>> {
    let ymd = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d);
    let easter = easter_sunday(year)?;
    // Moving days (never at a weekend) first, then fixed days that may need substitutes.
    let mut moving = vec![
        holiday("Good Friday", easter - Duration::days(2), ""),
        holiday("Early May bank holiday", first_monday(year, 5)?, ""),
        holiday("Spring bank holiday", last_monday(year, 5)?, ""),
    ];
    let mut fixed = vec![("New Year’s Day", ymd(1, 1)?)];
    match division {
        Division::EnglandAndWales => {
            moving.push(holiday("Easter Monday", easter + Duration::days(1), ""));
            moving.push(holiday("Summer bank holiday", last_monday(year, 8)?, ""));
        }
        Division::Scotland => {
            fixed.push(("2nd January", ymd(1, 2)?));
            moving.push(holiday("Summer bank holiday", first_monday(year, 8)?, ""));
            if year >= FIRST_ST_ANDREWS_YEAR {
                fixed.push(("St Andrew’s Day", ymd(11, 30)?));
            }
        }
        Division::NorthernIreland => {
            fixed.push(("St Patrick’s Day", ymd(3, 17)?));
            moving.push(holiday("Easter Monday", easter + Duration::days(1), ""));
            fixed.push(("Battle of the Boyne (Orangemen’s Day)", ymd(7, 12)?));
            moving.push(holiday("Summer bank holiday", last_monday(year, 8)?, ""));
        }
    }
    fixed.push(("Christmas Day", ymd(12, 25)?));
    fixed.push(("Boxing Day", ymd(12, 26)?));

    let mut days = moving;
    // Fixed days on weekdays keep their date; only then are substitutes placed, in calendar
    // order, on the next weekday still free.
    let mut weekend_days = Vec::new();
    for (title, date) in fixed {
        if is_weekend(date) {
            weekend_days.push((title, date));
        } else {
            days.push(holiday(title, date, ""));
        }
    }
    for (title, date) in weekend_days {
        let mut substitute = date;
        while is_weekend(substitute) || days.iter().any(|h| h.date == substitute) {
            substitute = substitute.succ_opt()?;
        }
        days.push(holiday(title, substitute, "Substitute day"));
    }
    days.sort_by_key(|h| h.date);
    Some(days)
}

/// The one-off changes since 1978 (all divisions): a regular day moved, or a day added.
enum OneOff {
    Moved { from: (i32, u32, u32), to: (i32, u32, u32), title: &'static str },
    Added { on: (i32, u32, u32), title: &'static str },
}

const ONE_OFFS: [OneOff; 13] = [
    OneOff::Added { on: (1981, 7, 29), title: "Royal wedding of the Prince of Wales and Lady Diana Spencer" },
    OneOff::Moved { from: (1995, 5, 1), to: (1995, 5, 8), title: "Early May bank holiday (VE day, 50th anniversary)" },
    OneOff::Added { on: (1999, 12, 31), title: "Millennium celebrations" },
    OneOff::Moved { from: (2002, 5, 27), to: (2002, 6, 4), title: "Spring bank holiday" },
    OneOff::Added { on: (2002, 6, 3), title: "Queen’s Golden Jubilee" },
    OneOff::Added { on: (2011, 4, 29), title: "Royal wedding of Prince William and Catherine Middleton" },
    OneOff::Moved { from: (2012, 5, 28), to: (2012, 6, 4), title: "Spring bank holiday" },
    OneOff::Added { on: (2012, 6, 5), title: "Queen’s Diamond Jubilee" },
    OneOff::Moved { from: (2020, 5, 4), to: (2020, 5, 8), title: "Early May bank holiday (VE day)" },
    OneOff::Moved { from: (2022, 5, 30), to: (2022, 6, 2), title: "Spring bank holiday" },
    OneOff::Added { on: (2022, 6, 3), title: "Platinum Jubilee bank holiday" },
    OneOff::Added { on: (2022, 9, 19), title: "Bank Holiday for the State Funeral of Queen Elizabeth II" },
    OneOff::Added { on: (2023, 5, 8), title: "Bank holiday for the coronation of King Charles III" },
];

fn date_of((y, m, d): (i32, u32, u32)) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Applies the one-off days of `year` to its regular days.
fn apply_one_offs(days: &mut Vec<BankHoliday>, year: i32) {
    for one_off in &ONE_OFFS {
        match one_off {
            OneOff::Moved { from, to, title } if from.0 == year => {
                if let (Some(from), Some(to)) = (date_of(*from), date_of(*to)) {
                    if let Some(event) = days.iter_mut().find(|e| e.date == from) {
                        event.date = to;
                        event.title = (*title).to_string();
                    }
                }
            }
            OneOff::Added { on, title } if on.0 == year => {
                if let Some(on) = date_of(*on) {
                    days.push(holiday(title, on, ""));
                }
            }
            _ => {}
        }
    }
}

/// The data of the shipped assets/bank-holidays.json: the computed days of 2012-2028, one-offs
/// included. A test checks the shipped file equals this, so the file is reproducible.
pub fn shipped_bank_holidays() -> BankHolidays {
    let mut divisions = BTreeMap::new();
    for division in Division::ALL {
        let events: Vec<BankHoliday> = SHIPPED_YEARS.flat_map(|year| computed_holidays(division, year)).collect();
        divisions.insert(division, events);
    }
    BankHolidays::from_events(divisions)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn dates(division: Division, year: i32) -> Vec<NaiveDate> {
        computed_holidays(division, year).into_iter().map(|h| h.date).collect()
    }

    #[test]
    fn easter_matches_known_dates() {
        for (year, m, day) in [(2019, 4, 21), (2020, 4, 12), (2021, 4, 4), (2024, 3, 31), (2025, 4, 20), (2038, 4, 25), (2285, 3, 22)] {
            assert_eq!(easter_sunday(year), Some(d(year, m, day)), "Easter Sunday {year} is a published date");
        }
    }

    #[test]
    fn england_2021_matches_the_government_list() {
        let expected = [d(2021, 1, 1), d(2021, 4, 2), d(2021, 4, 5), d(2021, 5, 3), d(2021, 5, 31), d(2021, 8, 30), d(2021, 12, 27), d(2021, 12, 28)];
        assert_eq!(dates(Division::EnglandAndWales, 2021), expected, "2021: Christmas Sat and Boxing Day Sun give 27 and 28");
    }

    #[test]
    fn substitutes_follow_the_government_order() {
        let e2022 = computed_holidays(Division::EnglandAndWales, 2022);
        let boxing = e2022.iter().find(|h| h.title == "Boxing Day").unwrap();
        let christmas = e2022.iter().find(|h| h.title == "Christmas Day").unwrap();
        assert_eq!((boxing.date, christmas.date), (d(2022, 12, 26), d(2022, 12, 27)), "Christmas on Sunday: Boxing Day keeps 26, Christmas moves to 27");
        assert_eq!(christmas.notes, "Substitute day", "a moved day is marked as a substitute");
        let s2022 = dates(Division::Scotland, 2022);
        assert!(s2022.contains(&d(2022, 1, 3)) && s2022.contains(&d(2022, 1, 4)), "Scotland 2022: 1 and 2 January at the weekend give 3 and 4 January");
        assert!(dates(Division::Scotland, 2025).contains(&d(2025, 12, 1)), "St Andrew's Day on Sunday 30 Nov 2025 moves to Monday 1 December");
        assert!(dates(Division::NorthernIreland, 2020).contains(&d(2020, 7, 13)), "12 July 2020 was a Sunday: substitute Monday 13 July");
        assert!(dates(Division::NorthernIreland, 2024).contains(&d(2024, 3, 18)), "St Patrick's Day 2024 was a Sunday: substitute 18 March");
    }

    #[test]
    fn divisions_differ_where_the_law_does() {
        let scot = dates(Division::Scotland, 2023);
        let eng = dates(Division::EnglandAndWales, 2023);
        assert!(!scot.contains(&d(2023, 4, 10)), "Scotland has no Easter Monday");
        assert!(eng.contains(&d(2023, 4, 10)), "England has Easter Monday");
        assert!(scot.contains(&d(2023, 8, 7)) && !scot.contains(&d(2023, 8, 28)), "Scotland's summer holiday is the first Monday of August");
    }

    #[test]
    fn the_shipped_file_is_the_generated_data() {
        let generated = shipped_bank_holidays().to_json();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../assets/bank-holidays.json");
        // Set AGENDAPACK_WRITE_BANK_HOLIDAYS=1 to regenerate the file from the rules.
        if std::env::var_os("AGENDAPACK_WRITE_BANK_HOLIDAYS").is_some() {
            std::fs::write(path, &generated).unwrap();
        }
        let first_difference = crate::calendar::SHIPPED_JSON.lines().zip(generated.lines()).position(|(a, b)| a != b);
        assert!(
            crate::calendar::SHIPPED_JSON == generated,
            "assets/bank-holidays.json must be reproducible from the rules and one-offs (first differing line: {first_difference:?})"
        );
    }

    #[test]
    fn one_offs_are_in_the_shipped_data() {
        let data = shipped_bank_holidays();
        for division in Division::ALL {
            let days: Vec<NaiveDate> = data.events(division).iter().map(|e| e.date).collect();
            for day in [d(2012, 6, 4), d(2012, 6, 5), d(2020, 5, 8), d(2022, 6, 2), d(2022, 6, 3), d(2022, 9, 19), d(2023, 5, 8)] {
                assert!(days.contains(&day), "{day} was a one-off bank holiday in {}", division.as_str());
            }
            for moved in [d(2012, 5, 28), d(2020, 5, 4), d(2022, 5, 30)] {
                assert!(!days.contains(&moved), "{moved} was moved away in {}", division.as_str());
            }
        }
    }
}
