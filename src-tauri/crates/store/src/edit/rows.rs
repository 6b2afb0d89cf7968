//! The shapes of fine-grained editing: what an edit takes and the rows it gives back, with
//! database ids so that the app can point at what it shows.
//!
//! These are serde types (snake_case, like the model's JSON) and, with the `ts` feature,
//! TypeScript types for the app. Deliberately not here: SQL (see the sibling modules) and any
//! rule (see [`super::check`]).

use agendapack_model::{
    Access, DecisionType, ItemKind, Meeting, MeetingStatus, MemberRole, Person, Report, ReportStatus, StandingTextOverrides,
    Venue,
};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// A committee with its memberships, oldest seat first.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommitteeRow {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub name: String,
    pub members: Vec<MembershipRow>,
    /// The committee's own wording of standing texts; a field absent uses the council's.
    pub standing_texts: StandingTextOverrides,
    /// Retired: kept with its meetings and papers, but not offered for new meetings.
    pub retired: bool,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MembershipRow {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub person: Person,
    pub role: MemberRole,
    pub from: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub until: Option<NaiveDate>,
}

/// A seat to add (no `id`) or change (with the `id` of a membership of the same committee).
#[derive(Debug, Clone, PartialEq)]
pub struct MembershipInput {
    pub id: Option<i64>,
    pub person: Person,
    pub role: MemberRole,
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
}

/// A meeting with its agenda as the agenda builder shows it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingDetail {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub committee_id: i64,
    /// The committee's name.
    pub committee: String,
    pub meeting: Meeting,
    pub supplement_reason: String,
    pub items: Vec<ItemRow>,
}

/// One agenda item, in agenda order.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemRow {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// From 0, in agenda order.
    pub position: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub number: Option<u32>,
    pub title: String,
    pub kind: ItemKind,
    pub description: String,
    pub access: Access,
    pub supplementary: bool,
    pub has_report: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub report_title: Option<String>,
    pub appendix_count: u32,
    /// The report's status (draft, submitted ...), shown on the agenda and kept fresh there
    /// by live updates on the team server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub report_status: Option<agendapack_model::ReportStatus>,
}

/// A new meeting: the rest (status, standard items) is filled in by [`crate::Store::meeting_create`].
#[derive(Debug, Clone, PartialEq)]
pub struct NewMeeting {
    pub committee_id: i64,
    pub starts_at: NaiveDateTime,
    pub venue: Venue,
    pub contact_officer: Person,
}

/// Every editable field of a meeting (reschedule, cancel, publish).
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingChanges {
    pub starts_at: NaiveDateTime,
    pub ends_at: Option<NaiveTime>,
    pub venue: Venue,
    pub status: MeetingStatus,
    pub contact_officer: Person,
    pub published_on: Option<NaiveDate>,
    pub notices: Vec<String>,
    pub supplement_reason: String,
}

/// The editable fields of an agenda item.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemChanges {
    pub title: String,
    pub description: String,
    pub access: Access,
    pub supplementary: bool,
}

/// A new agenda item. Below the Private Business heading it must arrive restricted (with its
/// Schedule 12A paragraph(s), or confidential): the store refuses it open there.
#[derive(Debug, Clone, PartialEq)]
pub struct NewItem {
    pub title: String,
    pub kind: ItemKind,
    /// Absent: after the last report, before the work programme and the closing items.
    pub after_item_id: Option<i64>,
    pub access: Access,
}

/// One item's new access, carried by a reorder so that a move into (or out of) the private
/// section and its paragraph arrive in one call.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessChange {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub item_id: i64,
    pub access: Access,
}

/// A report's cover-sheet fields and body: [`Report`] without its appendices, which are
/// edited one by one.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub addressed_to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub cover_date: Option<NaiveDate>,
    pub title: String,
    pub report_of: String,
    pub decision: DecisionType,
    pub wards_affected: String,
    pub key_decision: bool,
    pub authors: Vec<Person>,
    pub accountable_director: String,
    pub summary: String,
    pub recommendations: String,
    #[serde(default)]
    pub reasons: String,
    pub body: String,
    #[serde(default)]
    pub background_papers: String,
    pub status: ReportStatus,
}

impl ReportFields {
    /// An empty draft report with the given title: what adding a report item starts from.
    pub fn draft(title: &str) -> ReportFields {
        ReportFields {
            addressed_to: None,
            cover_date: None,
            title: title.to_string(),
            report_of: String::new(),
            decision: DecisionType::ForInformation,
            wards_affected: "All".into(),
            key_decision: false,
            authors: Vec::new(),
            accountable_director: String::new(),
            summary: String::new(),
            recommendations: String::new(),
            reasons: String::new(),
            body: String::new(),
            background_papers: String::new(),
            status: ReportStatus::Draft,
        }
    }

    pub fn from_report(report: Report) -> ReportFields {
        ReportFields {
            addressed_to: report.addressed_to,
            cover_date: report.cover_date,
            title: report.title,
            report_of: report.report_of,
            decision: report.decision,
            wards_affected: report.wards_affected,
            key_decision: report.key_decision,
            authors: report.authors,
            accountable_director: report.accountable_director,
            summary: report.summary,
            recommendations: report.recommendations,
            reasons: report.reasons,
            body: report.body,
            background_papers: report.background_papers,
            status: report.status,
        }
    }

    /// The model report these fields describe, with no appendices.
    pub fn to_report(&self) -> Report {
        Report {
            addressed_to: self.addressed_to.clone(),
            cover_date: self.cover_date,
            title: self.title.clone(),
            report_of: self.report_of.clone(),
            decision: self.decision,
            wards_affected: self.wards_affected.clone(),
            key_decision: self.key_decision,
            authors: self.authors.clone(),
            accountable_director: self.accountable_director.clone(),
            summary: self.summary.clone(),
            recommendations: self.recommendations.clone(),
            reasons: self.reasons.clone(),
            body: self.body.clone(),
            background_papers: self.background_papers.clone(),
            status: self.status,
            appendices: Vec::new(),
            pictures: Vec::new(),
            signoffs: Vec::new(),
        }
    }
}

/// A report as the report editor shows it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportDetail {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub item_id: i64,
    pub report: ReportFields,
    pub appendices: Vec<AppendixRow>,
    /// When the report or one of its appendices was last changed.
    pub updated_at: NaiveDateTime,
    /// One more for every change to the report or its appendices (migration 0013): a save
    /// sends the revision it was based on, and one based on an older revision is refused.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub revision: i64,
    /// Who made the latest change, as the audit trail names them ('' before anyone has).
    pub revised_by: String,
}

/// A save refused because the report had changed since it was opened: the fields as typed,
/// kept so that nothing is lost (`Store::report_kept_versions`).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeptVersion {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub item_id: i64,
    /// The revision the refused save was based on.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub base_revision: i64,
    /// The report's revision when it was refused (the version it clashed with).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub revision: i64,
    /// Who typed it.
    pub kept_by: String,
    pub kept_at: NaiveDateTime,
    pub report: ReportFields,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppendixKind {
    Markdown,
    Pdf,
}

/// One appendix, in order; a PDF's bytes are not sent back (they can be large).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppendixRow {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub title: String,
    pub access: Access,
    pub kind: AppendixKind,
    /// The Markdown of a Markdown appendix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub file_name: Option<String>,
    /// A PDF's page count, measured when it was attached (absent for imported PDFs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub pages: Option<u32>,
    /// Bytes of the PDF, or of the Markdown text.
    pub size: u32,
}

/// A PDF to attach, already checked by the caller (the pack crate parses it); the store
/// checks only what it can without parsing.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfAttachment {
    pub title: String,
    pub access: Access,
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub pages: u32,
}
