//! The committee domain of English (and Welsh, Scottish, Northern Irish) local government,
//! as plain Rust values.
//!
//! These types are what every other stage speaks: the store loads them from SQLite, the
//! interchange format is their serde form, the pack planner reads them. They carry no database
//! ids except where a value must point at a stored row (`MeetingSummary::id`), so a meeting
//! exported from one database imports into another unchanged.
//!
//! Deliberately not here: storage, validation against the database, layout, dates of "today".
//! Validation that needs only the value itself lives in [`validate`].

pub mod access;
pub mod account;
pub mod limits;
pub mod deadline_settings;
pub mod minutes;
pub mod picture;
pub mod programme;
mod bytes;
pub mod validate;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

pub use access::{open_in_private_section, Access, ExemptParagraph};
pub use deadline_settings::{DayType, DeadlineSettings, NORTHERN_IRELAND_CLEAR_DAYS};
pub use picture::Picture;
pub use minutes::{
    ActionState, Attendance, AttendanceKind, Confirmation, Declaration, InterestNature, MinuteAction, MinuteEntry,
    MinuteNumbering, Minutes, MinutesStatus, PreviousMeeting, RecordedVote,
};
pub use programme::{
    ActionStatus, DecisionWhen, ForwardPlanEntry, PlannedItemStatus, ProgressUpdate, Rag, Recommendation, Tracker,
    TrackerAction, TrackerSource, UrgencyRoute, WorkProgrammeEntry, WorkProgrammeHeading,
};

/// The nation whose law and bank holidays apply to a council.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Nation {
    England,
    Wales,
    Scotland,
    NorthernIreland,
}

impl Nation {
    pub const ALL: [Nation; 4] = [Nation::England, Nation::Wales, Nation::Scotland, Nation::NorthernIreland];

    /// The stable text form used in the database, the CLI and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Nation::England => "england",
            Nation::Wales => "wales",
            Nation::Scotland => "scotland",
            Nation::NorthernIreland => "northern-ireland",
        }
    }

    pub fn parse(text: &str) -> Option<Nation> {
        Nation::ALL.into_iter().find(|n| n.as_str() == text)
    }
}

/// The council that publishes the packs: one per database.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Council {
    pub name: String,
    pub nation: Nation,
    pub chief_executive_name: String,
    /// E.g. "Acting Chief Executive".
    pub chief_executive_title: String,
    /// PNG or JPEG bytes of the council's logo, base64 in JSON.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "bytes::base64_opt")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>", optional))]
    pub logo: Option<Vec<u8>>,
    /// Standing texts printed on notices and agendas; absent ones take the defaults.
    #[serde(default)]
    pub standing_texts: StandingTexts,
    /// Optional fixed pages placed after the agenda in every pack (seed 001's vision and
    /// priorities page), as Markdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub fixed_pages: Option<String>,
    /// How the council counts the clear days the law leaves to it (Scotland, Northern Ireland,
    /// key decisions); absent means the defaults.
    #[serde(default, skip_serializing_if = "DeadlineSettings::is_default")]
    #[cfg_attr(feature = "ts", ts(as = "Option<DeadlineSettings>", optional))]
    pub deadline_settings: DeadlineSettings,
}

/// The council's standing wording. Each field is Markdown; the defaults are the wording of
/// seed 001 (Barking and Dagenham), which is typical of English councils.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StandingTexts {
    pub declaration_of_interests: String,
    /// Followed by the date of the previous meeting.
    pub minutes_confirmation: String,
    pub urgent_public_items: String,
    pub exclusion_resolution: String,
    pub private_business: String,
    pub no_private_business: String,
    pub urgent_exempt_items: String,
    pub webcast_notice: String,
}

impl Default for StandingTexts {
    fn default() -> Self {
        StandingTexts {
            declaration_of_interests: "In accordance with the Council's Constitution, Members are asked to declare any interest they may have in any matter which is to be considered at this meeting.".into(),
            minutes_confirmation: "To confirm as correct the minutes of the meeting held on".into(),
            urgent_public_items: "Any other public items which the Chair decides are urgent".into(),
            exclusion_resolution: "To consider whether it would be appropriate to pass a resolution to exclude the public and press from the remainder of the meeting due to the nature of the business to be transacted.".into(),
            private_business: "The public and press have a legal right to attend Council meetings such as the {committee}, except where business is confidential or certain other sensitive information is to be discussed. The list below shows why items are in the private part of the agenda, with reference to the relevant legislation (the relevant paragraph of Part 1 of Schedule 12A of the Local Government Act 1972 as amended).".into(),
            no_private_business: "There are no such items at the time of preparing this agenda.".into(),
            urgent_exempt_items: "Any confidential or exempt items which the Chair decides are urgent".into(),
            webcast_notice: "Please note that this meeting will be webcast, which is a transmission of audio and video over the internet. To view the webcast click here and select the relevant meeting (the weblink will be available at least 24-hours before the meeting).".into(),
        }
    }
}

/// A committee's own wording for some of the council's standing texts (issue 14: a Licensing
/// Committee pack named "Overview & Scrutiny Committee"). A field left `None` uses the
/// council's text. Texts of both may hold the placeholders `{committee}` and `{meeting_date}`,
/// which the pack crate fills in (one function, `agendapack_pack::standing`).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StandingTextOverrides {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub declaration_of_interests: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub minutes_confirmation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub urgent_public_items: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub exclusion_resolution: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub private_business: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub no_private_business: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub urgent_exempt_items: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub webcast_notice: Option<String>,
}

impl StandingTextOverrides {
    /// True when the committee uses the council's text for everything.
    pub fn is_empty(&self) -> bool {
        *self == StandingTextOverrides::default()
    }

    /// The council's texts with this committee's own wording in place (placeholders not yet
    /// filled in).
    pub fn apply(&self, council: &StandingTexts) -> StandingTexts {
        let pick = |own: &Option<String>, theirs: &String| own.clone().unwrap_or_else(|| theirs.clone());
        StandingTexts {
            declaration_of_interests: pick(&self.declaration_of_interests, &council.declaration_of_interests),
            minutes_confirmation: pick(&self.minutes_confirmation, &council.minutes_confirmation),
            urgent_public_items: pick(&self.urgent_public_items, &council.urgent_public_items),
            exclusion_resolution: pick(&self.exclusion_resolution, &council.exclusion_resolution),
            private_business: pick(&self.private_business, &council.private_business),
            no_private_business: pick(&self.no_private_business, &council.no_private_business),
            urgent_exempt_items: pick(&self.urgent_exempt_items, &council.urgent_exempt_items),
            webcast_notice: pick(&self.webcast_notice, &council.webcast_notice),
        }
    }
}

/// A person: a councillor, an officer, a co-opted member. Identified across an interchange
/// document by `name` and `email` together.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// As printed, e.g. "Cllr Jane Jones" or "Claudia Wakefield".
    pub name: String,
    /// Job title for officers ("Director My Place"); empty for councillors.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>", optional))]
    pub job_title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>", optional))]
    pub phone: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>", optional))]
    pub email: String,
}

impl Person {
    pub fn named(name: &str) -> Person {
        Person { name: name.into(), job_title: String::new(), phone: String::new(), email: String::new() }
    }
}

/// A member's role on a committee.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MemberRole {
    Chair,
    DeputyChair,
    Member,
    Substitute,
    ByInvitation,
}

impl MemberRole {
    pub const ALL: [MemberRole; 5] =
        [MemberRole::Chair, MemberRole::DeputyChair, MemberRole::Member, MemberRole::Substitute, MemberRole::ByInvitation];

    pub fn as_str(self) -> &'static str {
        match self {
            MemberRole::Chair => "chair",
            MemberRole::DeputyChair => "deputy-chair",
            MemberRole::Member => "member",
            MemberRole::Substitute => "substitute",
            MemberRole::ByInvitation => "by-invitation",
        }
    }

    pub fn parse(text: &str) -> Option<MemberRole> {
        MemberRole::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

/// One person's seat on a committee over a span of dates.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Membership {
    pub person: Person,
    pub role: MemberRole,
    pub from: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub until: Option<NaiveDate>,
}

impl Membership {
    /// Whether the seat is held on `date` (both ends inclusive).
    pub fn holds_on(&self, date: NaiveDate) -> bool {
        self.from <= date && self.until.is_none_or(|u| date <= u)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Committee {
    /// E.g. "Overview and Scrutiny Committee".
    pub name: String,
    #[serde(default)]
    pub members: Vec<Membership>,
    /// The committee's own wording of standing texts; empty uses the council's throughout.
    #[serde(default, skip_serializing_if = "StandingTextOverrides::is_empty")]
    pub standing_texts: StandingTextOverrides,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingStatus {
    Scheduled,
    Cancelled,
    Held,
}

impl MeetingStatus {
    pub const ALL: [MeetingStatus; 3] = [MeetingStatus::Scheduled, MeetingStatus::Cancelled, MeetingStatus::Held];
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingStatus::Scheduled => "scheduled",
            MeetingStatus::Cancelled => "cancelled",
            MeetingStatus::Held => "held",
        }
    }
    pub fn parse(text: &str) -> Option<MeetingStatus> {
        MeetingStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// Where a meeting takes place.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind", deny_unknown_fields)]
// ts-rs cannot read deny_unknown_fields on an enum and would drop the whole serde line.
#[cfg_attr(feature = "ts", ts(rename_all = "kebab-case", tag = "kind"))]
pub enum Venue {
    /// "Meeting to be held virtually".
    Virtual,
    /// A room, e.g. "Council Chamber, Town Hall, Barking".
    Place { name: String },
}

/// A meeting of a committee, without its agenda.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub starts_at: NaiveDateTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub ends_at: Option<NaiveTime>,
    pub venue: Venue,
    pub status: MeetingStatus,
    pub contact_officer: Person,
    /// The date printed as "Date of publication" on the notice; None until published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub published_on: Option<NaiveDate>,
    /// Shown on the notice of meeting (webcasting, recording); Markdown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub notices: Vec<String>,
}

impl Meeting {
    pub fn date(&self) -> NaiveDate {
        self.starts_at.date()
    }
}

/// What an agenda item is, which decides its standing text and what papers it has.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    /// Apologies, declarations of interest, and any other item with only a line of text.
    StandardText,
    /// An officer report with its cover sheet and appendices.
    Report,
    /// The minutes of the previous meeting, to confirm.
    Minutes,
    /// The committee's work programme, generated from its plan.
    WorkProgramme,
    /// "Any other public items which the Chair decides are urgent" and its exempt counterpart.
    UrgentBusiness,
    /// The resolution to exclude the public and press.
    ExclusionResolution,
    /// The "Private Business" heading and its standing paragraph.
    PrivateBusinessHeading,
}

impl ItemKind {
    pub const ALL: [ItemKind; 7] = [
        ItemKind::StandardText,
        ItemKind::Report,
        ItemKind::Minutes,
        ItemKind::WorkProgramme,
        ItemKind::UrgentBusiness,
        ItemKind::ExclusionResolution,
        ItemKind::PrivateBusinessHeading,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::StandardText => "standard-text",
            ItemKind::Report => "report",
            ItemKind::Minutes => "minutes",
            ItemKind::WorkProgramme => "work-programme",
            ItemKind::UrgentBusiness => "urgent-business",
            ItemKind::ExclusionResolution => "exclusion-resolution",
            ItemKind::PrivateBusinessHeading => "private-business-heading",
        }
    }
    pub fn parse(text: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// One entry on a meeting's agenda, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// The printed number; None for headings such as "Private Business".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    pub title: String,
    pub kind: ItemKind,
    /// Markdown printed under the title on the agenda (e.g. the declarations sentence).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default)]
    pub access: Access,
    /// True when the item belongs to a supplementary agenda published after the main pack.
    #[serde(default, skip_serializing_if = "is_false")]
    pub supplementary: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<Report>,
}

impl AgendaItem {
    /// The title as the public may see it: the public title of an exempt item whose own
    /// title is sensitive.
    pub fn public_title(&self) -> &str {
        self.access.public_title().unwrap_or(&self.title)
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReportStatus {
    Draft,
    Submitted,
    Cleared,
    Published,
}

impl ReportStatus {
    pub const ALL: [ReportStatus; 4] =
        [ReportStatus::Draft, ReportStatus::Submitted, ReportStatus::Cleared, ReportStatus::Published];
    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::Draft => "draft",
            ReportStatus::Submitted => "submitted",
            ReportStatus::Cleared => "cleared",
            ReportStatus::Published => "published",
        }
    }
    pub fn parse(text: &str) -> Option<ReportStatus> {
        ReportStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionType {
    ForInformation,
    ForDecision,
}

/// An officer report: the fields of the standard cover sheet, then a Markdown body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The body heading the cover sheet names, usually the committee the report goes to;
    /// differs when a report to another body is carried (seed 001 item 5: "CABINET").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addressed_to: Option<String>,
    /// The date on the cover sheet when it is not the meeting's (a Cabinet report carried
    /// to scrutiny).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover_date: Option<NaiveDate>,
    pub title: String,
    /// "Report of the Director of My Place".
    pub report_of: String,
    pub decision: DecisionType,
    /// "All", or a list of wards.
    pub wards_affected: String,
    pub key_decision: bool,
    /// One or more authors as printed on the cover sheet.
    pub authors: Vec<Person>,
    /// "Lisa Keating – Director My Place".
    pub accountable_director: String,
    /// Markdown.
    pub summary: String,
    /// Markdown.
    pub recommendations: String,
    /// Markdown; the "Reason(s)" box.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reasons: String,
    /// Markdown: the numbered sections of the report.
    pub body: String,
    /// "Public Background Papers Used in the Preparation of the Report"; Markdown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub background_papers: String,
    pub status: ReportStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appendices: Vec<Appendix>,
    /// Pictures of the report's papers (body, cover-sheet boxes, Markdown appendices), named
    /// from their Markdown as `media:NAME`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pictures: Vec<Picture>,
    /// The clearance sign-offs the paper prints under implications headings (issue 19): the
    /// store fills them from the clearance history when it loads a meeting, and the pack prints
    /// them. Never part of the interchange document (they name a server's accounts) and never
    /// in `body`, so an export or the editor carries no generated text.
    #[serde(skip)]
    pub signoffs: Vec<Signoff>,
}

/// An approved clearance step the paper prints as "Implications completed by: NAME, JOB TITLE"
/// under the report body's heading `heading` (issue 19).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signoff {
    /// "Financial implications": matched ignoring case, numbering and emphasis.
    pub heading: String,
    /// The approver's full name.
    pub name: String,
    /// '' when the account has none.
    pub job_title: String,
}

/// An appendix to a report: Markdown written in the product, or a PDF made elsewhere.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    pub title: String,
    /// Exempt or confidential appendices to an otherwise open report are left out of the
    /// public edition.
    #[serde(default)]
    pub access: Access,
    pub content: AppendixContent,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind", deny_unknown_fields)]
pub enum AppendixContent {
    Markdown {
        text: String,
    },
    Pdf {
        file_name: String,
        /// Lower-case hex SHA-256 of `bytes`, checked on import.
        sha256: String,
        #[serde(with = "bytes::base64_bytes")]
        bytes: Vec<u8>,
    },
}

/// Everything a meeting's pack needs, loaded in one store call; also the body of the JSON
/// interchange document (see docs/format.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingBundle {
    pub council: Council,
    pub committee: Committee,
    pub meeting: Meeting,
    pub items: Vec<AgendaItem>,
    /// The previous meeting and its minutes, confirmed under the Minutes item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<PreviousMeeting>,
    /// This meeting's own minutes, once taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<Minutes>,
    /// The committee's work programme rows from this meeting on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub work_programme: Vec<WorkProgrammeEntry>,
    /// Title and intro line of the work programme, e.g. "Overview and Scrutiny Committee:
    /// Work Programme 2020/21".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_programme_heading: Option<WorkProgrammeHeading>,
    /// Why the supplementary items are late (printed on the supplement's front sheet), e.g. the
    /// s100B(4) urgency statement.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub supplement_reason: String,
}

/// A line of the meetings list: what `agendapack meetings --json` prints.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingSummary {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub committee: String,
    /// ISO date.
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub status: MeetingStatus,
    /// Number of agenda items.
    pub items: usize,
    /// Whether any item is marked supplementary.
    pub has_supplement: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}
