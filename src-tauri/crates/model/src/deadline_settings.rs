//! A council's deadline settings: how it counts the "clear days" of the statutory periods
//! where the law leaves that to it. England's five and Wales' three clear days are working days
//! by the Court of Appeal (R v Swansea City Council ex p Elitestone, 1993), so they have no
//! setting; Scotland's three clear days and Northern Ireland's notice are working days by
//! default (Elitestone is persuasive there) and follow the council's standing orders; key
//! decisions' 28 clear days are calendar days by default (the 2012 Regulations do not define
//! them) and some councils count working days.
//!
//! Deliberately not here: the arithmetic (agendapack-deadlines) and storage (the store).

use serde::{Deserialize, Serialize};

/// Which days a period counts.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DayType {
    /// Monday to Friday, not the nation's bank holidays or the council's closure days.
    Working,
    /// Every day.
    Calendar,
}

impl DayType {
    pub const ALL: [DayType; 2] = [DayType::Working, DayType::Calendar];

    /// The stable text used in the database and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DayType::Working => "working",
            DayType::Calendar => "calendar",
        }
    }

    pub fn parse(text: &str) -> Option<DayType> {
        DayType::ALL.into_iter().find(|d| d.as_str() == text)
    }
}

/// The fewest and most clear days Northern Ireland's notice may be set to: the 2014 Act's
/// three days is the floor; four weeks is far beyond any standing order and keeps a typo out.
pub const NORTHERN_IRELAND_CLEAR_DAYS: std::ops::RangeInclusive<u32> = 3..=28;

/// How the council counts the periods the law leaves to it. Every field has the default the
/// product would use without it, so an interchange file without settings means the defaults.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DeadlineSettings {
    /// Scotland: the three clear days of s50B Local Government (Scotland) Act 1973.
    pub scotland_publication_days: DayType,
    /// Northern Ireland: the number of clear days' notice (Sch 5 para 5(1), 2014 Act: 3).
    pub northern_ireland_clear_days: u32,
    /// Northern Ireland: which days that notice counts.
    pub northern_ireland_publication_days: DayType,
    /// Key decisions' 28 clear days (reg 9, 2012 Regulations) and the private-meeting notices
    /// of the same Regulations.
    pub key_decision_days: DayType,
}

impl Default for DeadlineSettings {
    fn default() -> Self {
        DeadlineSettings {
            scotland_publication_days: DayType::Working,
            northern_ireland_clear_days: 3,
            northern_ireland_publication_days: DayType::Working,
            key_decision_days: DayType::Calendar,
        }
    }
}

impl DeadlineSettings {
    pub fn is_default(&self) -> bool {
        *self == DeadlineSettings::default()
    }

    /// What is wrong with the settings, as (field, sentence); empty when they are sound.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        if !NORTHERN_IRELAND_CLEAR_DAYS.contains(&self.northern_ireland_clear_days) {
            problems.push((
                "northern_ireland_clear_days",
                format!(
                    "Northern Ireland's notice must be between {} and {} clear days, not {}",
                    NORTHERN_IRELAND_CLEAR_DAYS.start(),
                    NORTHERN_IRELAND_CLEAR_DAYS.end(),
                    self.northern_ireland_clear_days
                ),
            ));
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_law_as_read() {
        let d = DeadlineSettings::default();
        assert_eq!(d.scotland_publication_days, DayType::Working, "Elitestone is persuasive in Scotland");
        assert_eq!((d.northern_ireland_clear_days, d.northern_ireland_publication_days), (3, DayType::Working), "three clear working days in NI");
        assert_eq!(d.key_decision_days, DayType::Calendar, "the 2012 Regulations' clear days are calendar days by default");
        assert!(d.problems().is_empty(), "the defaults are sound");
    }

    #[test]
    fn json_without_fields_means_the_defaults_and_bad_values_are_named() {
        let empty: DeadlineSettings = serde_json::from_str("{}").unwrap();
        assert!(empty.is_default(), "an absent field takes its default");
        let two = DeadlineSettings { northern_ireland_clear_days: 2, ..DeadlineSettings::default() };
        assert_eq!(two.problems()[0].0, "northern_ireland_clear_days", "fewer than 3 days is refused at its field");
        assert!(serde_json::from_str::<DeadlineSettings>(r#"{"key_decision_days": "fortnightly"}"#).is_err(), "an unknown day type is refused");
        assert_eq!(DayType::parse("calendar"), Some(DayType::Calendar), "the text form parses back");
    }
}
