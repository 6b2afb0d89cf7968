//! The working-day calendar: the three UK bank-holiday divisions, the government's bank-holiday
//! JSON (parsed and validated as a whole), and `WorkingCalendar`, which says whether a date is
//! a working day for a council (weekends, its division's bank holidays, its own closure days).
//!
//! Deliberately not here: reading files or the clock (callers pass the JSON text and dates),
//! and any deadline arithmetic (see `clear_days`).

use std::collections::{BTreeMap, BTreeSet};

use agendapack_model::Nation;
use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::holidays::{computed_holidays, FIRST_COMPUTED_YEAR};

/// The bank-holiday data shipped with the product (generated from the rules plus the known
/// one-off days; see `holidays::shipped_bank_holidays` and its test).
pub const SHIPPED_JSON: &str = include_str!("../../../../assets/bank-holidays.json");

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CalendarError {
    #[error("the bank-holiday file is not valid JSON in the government's format: {0}")]
    Json(String),
    #[error("the bank-holiday file has an unknown division \"{0}\" (expected england-and-wales, scotland or northern-ireland)")]
    UnknownDivision(String),
    #[error("the bank-holiday file's entry \"{key}\" says its division is \"{inner}\"")]
    DivisionMismatch { key: String, inner: String },
    #[error("the bank-holiday file has a bad date \"{date}\" in {division} (expected YYYY-MM-DD)")]
    BadDate { division: String, date: String },
    #[error("the bank-holiday file lists {date} twice in {division}")]
    DuplicateDate { division: String, date: NaiveDate },
    #[error("the bank-holiday file has no events for {division}")]
    NoEvents { division: String },
    #[error("the bank-holiday file has no bank holidays in {year} for {division}, although it covers the years around it")]
    MissingYear { division: String, year: i32 },
    #[error("the bank-holiday file has no divisions")]
    Empty,
}

/// A bank-holiday division: England and Wales share one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Division {
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}

impl Division {
    pub const ALL: [Division; 3] = [Division::EnglandAndWales, Division::Scotland, Division::NorthernIreland];

    /// The key used in the government's JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Division::EnglandAndWales => "england-and-wales",
            Division::Scotland => "scotland",
            Division::NorthernIreland => "northern-ireland",
        }
    }

    pub fn parse(text: &str) -> Option<Division> {
        Division::ALL.into_iter().find(|d| d.as_str() == text)
    }
}

impl From<Nation> for Division {
    fn from(nation: Nation) -> Division {
        match nation {
            Nation::England | Nation::Wales => Division::EnglandAndWales,
            Nation::Scotland => Division::Scotland,
            Nation::NorthernIreland => Division::NorthernIreland,
        }
    }
}

/// One bank holiday as the government publishes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankHoliday {
    pub title: String,
    pub date: NaiveDate,
    /// E.g. "Substitute day"; often empty.
    pub notes: String,
    pub bunting: bool,
}

/// Validated bank-holiday data: per division, the holidays sorted by date.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BankHolidays {
    divisions: BTreeMap<Division, Vec<BankHoliday>>,
}

// The wire form of the government's file. Unknown fields are tolerated because the publisher
// may add some; everything this crate relies on is checked.
#[derive(Serialize, Deserialize)]
struct WireDivision {
    division: String,
    events: Vec<WireEvent>,
}

#[derive(Serialize, Deserialize)]
struct WireEvent {
    title: String,
    date: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    bunting: bool,
}

impl BankHolidays {
    /// The data shipped in assets/bank-holidays.json.
    pub fn shipped() -> Result<BankHolidays, CalendarError> {
        BankHolidays::from_json(SHIPPED_JSON)
    }

    /// Parses and validates a whole file; any problem refuses the file, so nothing is ever
    /// half-loaded.
    pub fn from_json(text: &str) -> Result<BankHolidays, CalendarError> {
        let wire: BTreeMap<String, WireDivision> =
            serde_json::from_str(text).map_err(|e| CalendarError::Json(e.to_string()))?;
        if wire.is_empty() {
            return Err(CalendarError::Empty);
        }
        let mut divisions = BTreeMap::new();
        for (key, entry) in wire {
            let division = Division::parse(&key).ok_or_else(|| CalendarError::UnknownDivision(key.clone()))?;
            if entry.division != key {
                return Err(CalendarError::DivisionMismatch { key, inner: entry.division });
            }
            if entry.events.is_empty() {
                return Err(CalendarError::NoEvents { division: key });
            }
            let mut seen = BTreeSet::new();
            let mut events = Vec::with_capacity(entry.events.len());
            for event in entry.events {
                let date = parse_iso_date(&event.date)
                    .ok_or_else(|| CalendarError::BadDate { division: key.clone(), date: event.date.clone() })?;
                if !seen.insert(date) {
                    return Err(CalendarError::DuplicateDate { division: key, date });
                }
                events.push(BankHoliday { title: event.title, date, notes: event.notes, bunting: event.bunting });
            }
            events.sort_by_key(|e| e.date);
            // A year inside the covered range with no holidays would silently make Christmas a
            // working day; refuse such a file rather than guess.
            let (first, last) = (events[0].date.year(), events[events.len() - 1].date.year());
            for year in first..=last {
                if !events.iter().any(|e| e.date.year() == year) {
                    return Err(CalendarError::MissingYear { division: key, year });
                }
            }
            divisions.insert(division, events);
        }
        Ok(BankHolidays { divisions })
    }

    /// Builds data from already-valid events (the generator of the shipped file uses this).
    pub fn from_events(divisions: BTreeMap<Division, Vec<BankHoliday>>) -> BankHolidays {
        let mut divisions = divisions;
        for events in divisions.values_mut() {
            events.sort_by_key(|e| e.date);
        }
        BankHolidays { divisions }
    }

    /// The file in the government's format, two-space indented, divisions in a fixed order.
    pub fn to_json(&self) -> String {
        let wire: BTreeMap<&str, WireDivision> = self
            .divisions
            .iter()
            .map(|(division, events)| {
                let events = events
                    .iter()
                    .map(|e| WireEvent {
                        title: e.title.clone(),
                        date: e.date.format("%Y-%m-%d").to_string(),
                        notes: e.notes.clone(),
                        bunting: e.bunting,
                    })
                    .collect();
                (division.as_str(), WireDivision { division: division.as_str().to_string(), events })
            })
            .collect();
        // Serialising plain strings, bools and maps cannot fail.
        serde_json::to_string_pretty(&wire).unwrap_or_default() + "\n"
    }

    /// This data with a newer, already validated file laid over it: each division the newer
    /// file has replaces this one's; divisions it lacks are kept.
    pub fn updated_with(&self, newer: &BankHolidays) -> BankHolidays {
        let mut divisions = self.divisions.clone();
        for (division, events) in &newer.divisions {
            divisions.insert(*division, events.clone());
        }
        BankHolidays { divisions }
    }

    pub fn events(&self, division: Division) -> &[BankHoliday] {
        self.divisions.get(&division).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The first and last year the data covers for a division, if it has any.
    pub fn years(&self, division: Division) -> Option<(i32, i32)> {
        let events = self.events(division);
        Some((events.first()?.date.year(), events.last()?.date.year()))
    }
}

/// Parses exactly `YYYY-MM-DD` (chrono alone would accept `2021-2-3`).
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// A council's working days: not Saturdays or Sundays, not its division's bank holidays (from
/// the data for the years it covers, computed by rule for other years), and not its own
/// closure days. Closures only ever add non-working days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkingCalendar {
    pub division: Division,
    holidays: BTreeSet<NaiveDate>,
    covered: Option<(i32, i32)>,
    closures: BTreeSet<NaiveDate>,
}

impl WorkingCalendar {
    pub fn new(division: Division, data: &BankHolidays, closures: Vec<NaiveDate>) -> WorkingCalendar {
        WorkingCalendar {
            division,
            holidays: data.events(division).iter().map(|e| e.date).collect(),
            covered: data.years(division),
            closures: closures.into_iter().collect(),
        }
    }

    /// Whether the date is a bank holiday in this calendar's division.
    pub fn is_bank_holiday(&self, date: NaiveDate) -> bool {
        match self.covered {
            Some((first, last)) if (first..=last).contains(&date.year()) => self.holidays.contains(&date),
            _ => computed_holidays(self.division, date.year()).iter().any(|h| h.date == date),
        }
    }

    /// Whether this calendar knows the bank holidays of the date's year: the data covers it,
    /// or it is a year the rules give (1978 on).
    pub fn supports(&self, date: NaiveDate) -> bool {
        let year = date.year();
        year >= FIRST_COMPUTED_YEAR || self.covered.is_some_and(|(first, last)| (first..=last).contains(&year))
    }

    /// The closure days, in date order.
    pub fn closures(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.closures.iter().copied()
    }

    pub fn is_closure(&self, date: NaiveDate) -> bool {
        self.closures.contains(&date)
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.is_closure(date) && !self.is_bank_holiday(date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn england_and_wales_share_a_division() {
        assert_eq!(Division::from(Nation::England), Division::from(Nation::Wales), "England and Wales share bank holidays");
        assert_ne!(Division::from(Nation::Scotland), Division::from(Nation::England), "Scotland has its own");
    }

    #[test]
    fn bad_files_are_refused_with_the_place_named() {
        let cases = [
            ("{", "not valid JSON"),
            ("{}", "no divisions"),
            (r#"{"wales": {"division": "wales", "events": [{"title": "x", "date": "2020-01-01", "notes": "", "bunting": true}]}}"#, "\"wales\""),
            (r#"{"scotland": {"division": "scotland", "events": [{"title": "x", "date": "2021-02-30", "notes": "", "bunting": true}]}}"#, "2021-02-30"),
            (r#"{"scotland": {"division": "scotland", "events": [{"title": "x", "date": "2021-1-3", "notes": "", "bunting": true}]}}"#, "2021-1-3"),
            (r#"{"scotland": {"division": "scotland", "events": [{"title": "x", "date": "2021-01-01", "notes": "", "bunting": true}, {"title": "y", "date": "2021-01-01", "notes": "", "bunting": true}]}}"#, "twice in scotland"),
            (r#"{"scotland": {"division": "england-and-wales", "events": [{"title": "x", "date": "2021-01-01", "notes": "", "bunting": true}]}}"#, "says its division"),
            (r#"{"scotland": {"division": "scotland", "events": [{"title": "x", "date": "2019-01-01", "notes": "", "bunting": true}, {"title": "y", "date": "2021-01-01", "notes": "", "bunting": true}]}}"#, "in 2020 for scotland"),
        ];
        for (text, expected) in cases {
            let err = BankHolidays::from_json(text).expect_err("a bad file must be refused").to_string();
            assert!(err.contains(expected), "the error for {text} should name {expected:?}, got {err:?}");
        }
    }

    #[test]
    fn the_shipped_file_loads_and_covers_2012_to_2028() {
        let data = BankHolidays::shipped().expect("the shipped file is valid");
        for division in Division::ALL {
            assert_eq!(data.years(division), Some((2012, 2028)), "{} should cover 2012-2028", division.as_str());
        }
    }

    #[test]
    fn a_newer_file_replaces_only_its_own_divisions() {
        let shipped = BankHolidays::shipped().expect("the shipped file is valid");
        let newer = BankHolidays::from_json(
            r#"{"scotland": {"division": "scotland", "events": [{"title": "x", "date": "2029-01-01", "notes": "", "bunting": true}]}}"#,
        )
        .expect("a valid file");
        let merged = shipped.updated_with(&newer);
        assert_eq!(merged.years(Division::Scotland), Some((2029, 2029)), "Scotland comes from the newer file");
        assert_eq!(merged.events(Division::EnglandAndWales), shipped.events(Division::EnglandAndWales), "England and Wales is kept");
    }

    #[test]
    fn closures_add_non_working_days_and_never_remove_holidays() {
        let data = BankHolidays::shipped().expect("the shipped file is valid");
        let cal = WorkingCalendar::new(Division::EnglandAndWales, &data, vec![d(2020, 12, 29), d(2020, 12, 25)]);
        assert!(!cal.is_working_day(d(2020, 12, 29)), "a closure day is not a working day");
        assert!(!cal.is_working_day(d(2020, 12, 25)), "Christmas stays a holiday when also listed as a closure");
        assert!(cal.is_working_day(d(2020, 12, 30)), "30 December 2020 was an ordinary Wednesday");
        assert!(!cal.is_working_day(d(2020, 12, 28)), "Boxing Day 2020 was a Saturday: substitute Monday 28");
    }
}
