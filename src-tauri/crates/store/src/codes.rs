//! The text forms the schema stores for enumerations, dates and access, and back.
//!
//! Every conversion from a column is fallible: a database edited by hand (or by a newer
//! version) must give a clear [`StoreError::BadValue`], not a panic. Nothing here touches a
//! connection.

use agendapack_model::{
    Access, AttendanceKind, DecisionType, ExemptParagraph, ItemKind, MeetingStatus, MemberRole, MinutesStatus, Nation,
    ReportStatus,
};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::StoreError;

fn bad(column: &str, value: &str) -> StoreError {
    StoreError::BadValue { column: column.to_string(), value: value.to_string() }
}

pub fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub fn date_time_text(at: NaiveDateTime) -> String {
    // %.f prints nothing when there are no fractional seconds, so whole minutes stay short
    // and sort correctly as text.
    at.format("%Y-%m-%dT%H:%M:%S%.f").to_string()
}

pub fn time_text(time: NaiveTime) -> String {
    time.format("%H:%M:%S%.f").to_string()
}

pub fn parse_date(column: &str, text: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| bad(column, text))
}

pub fn parse_date_time(column: &str, text: &str) -> Result<NaiveDateTime, StoreError> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f").map_err(|_| bad(column, text))
}

pub fn parse_time(column: &str, text: &str) -> Result<NaiveTime, StoreError> {
    NaiveTime::parse_from_str(text, "%H:%M:%S%.f").map_err(|_| bad(column, text))
}

pub fn parse_opt_date(column: &str, text: Option<String>) -> Result<Option<NaiveDate>, StoreError> {
    text.map(|t| parse_date(column, &t)).transpose()
}

pub fn nation(column: &str, text: &str) -> Result<Nation, StoreError> {
    Nation::parse(text).ok_or_else(|| bad(column, text))
}

pub fn member_role(column: &str, text: &str) -> Result<MemberRole, StoreError> {
    MemberRole::parse(text).ok_or_else(|| bad(column, text))
}

pub fn meeting_status(column: &str, text: &str) -> Result<MeetingStatus, StoreError> {
    MeetingStatus::parse(text).ok_or_else(|| bad(column, text))
}

pub fn item_kind(column: &str, text: &str) -> Result<ItemKind, StoreError> {
    ItemKind::parse(text).ok_or_else(|| bad(column, text))
}

pub fn report_status(column: &str, text: &str) -> Result<ReportStatus, StoreError> {
    ReportStatus::parse(text).ok_or_else(|| bad(column, text))
}

pub fn minutes_status(column: &str, text: &str) -> Result<MinutesStatus, StoreError> {
    MinutesStatus::parse(text).ok_or_else(|| bad(column, text))
}

pub fn decision_text(decision: DecisionType) -> &'static str {
    match decision {
        DecisionType::ForInformation => "for-information",
        DecisionType::ForDecision => "for-decision",
    }
}

pub fn decision(column: &str, text: &str) -> Result<DecisionType, StoreError> {
    match text {
        "for-information" => Ok(DecisionType::ForInformation),
        "for-decision" => Ok(DecisionType::ForDecision),
        _ => Err(bad(column, text)),
    }
}

pub fn attendance_text(kind: AttendanceKind) -> &'static str {
    match kind {
        AttendanceKind::Present => "present",
        AttendanceKind::AlsoPresent => "also-present",
        AttendanceKind::Apologies => "apologies",
        AttendanceKind::Absent => "absent",
    }
}

pub fn attendance(column: &str, text: &str) -> Result<AttendanceKind, StoreError> {
    match text {
        "present" => Ok(AttendanceKind::Present),
        "also-present" => Ok(AttendanceKind::AlsoPresent),
        "apologies" => Ok(AttendanceKind::Apologies),
        "absent" => Ok(AttendanceKind::Absent),
        _ => Err(bad(column, text)),
    }
}

/// The three access columns (`access_kind`, `access_paragraphs`, `access_public_title`).
pub struct AccessColumns {
    pub kind: &'static str,
    pub paragraphs: String,
    pub public_title: Option<String>,
}

pub fn access_columns(access: &Access) -> AccessColumns {
    match access {
        Access::Public => AccessColumns { kind: "public", paragraphs: String::new(), public_title: None },
        Access::Exempt { paragraphs, public_title } => AccessColumns {
            kind: "exempt",
            paragraphs: paragraphs.iter().map(|p| p.number().to_string()).collect::<Vec<_>>().join(","),
            public_title: public_title.clone(),
        },
        Access::Confidential { public_title } => {
            AccessColumns { kind: "confidential", paragraphs: String::new(), public_title: public_title.clone() }
        }
    }
}

pub fn access(kind: &str, paragraphs: &str, public_title: Option<String>) -> Result<Access, StoreError> {
    match kind {
        "public" => Ok(Access::Public),
        "confidential" => Ok(Access::Confidential { public_title }),
        "exempt" => {
            let paragraphs = paragraphs
                .split(',')
                .filter(|p| !p.is_empty())
                .map(|p| p.parse::<u8>().ok().and_then(ExemptParagraph::new).ok_or_else(|| bad("access_paragraphs", p)))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Access::Exempt { paragraphs, public_title })
        }
        _ => Err(bad("access_kind", kind)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times_round_trip_through_text() {
        let at = NaiveDate::from_ymd_opt(2020, 12, 2).unwrap().and_hms_opt(19, 0, 0).unwrap();
        assert_eq!(date_time_text(at), "2020-12-02T19:00:00", "whole seconds print without a fraction");
        assert_eq!(parse_date_time("t", &date_time_text(at)).unwrap(), at, "the text form must read back");
        let t = NaiveTime::from_hms_milli_opt(19, 1, 2, 500).unwrap();
        assert_eq!(parse_time("t", &time_text(t)).unwrap(), t, "fractional seconds must survive");
    }

    #[test]
    fn exempt_paragraph_order_is_kept() {
        let access_in = Access::Exempt {
            paragraphs: vec![ExemptParagraph::new(14).unwrap(), ExemptParagraph::new(12).unwrap()],
            public_title: Some("Staffing matter".into()),
        };
        let c = access_columns(&access_in);
        assert_eq!(c.paragraphs, "14,12", "paragraphs are stored in the order given");
        assert_eq!(access(c.kind, &c.paragraphs, c.public_title).unwrap(), access_in, "access must read back");
        assert!(access("exempt", "9", None).is_err(), "paragraph 9 does not exist and must be refused from the database too");
    }
}
