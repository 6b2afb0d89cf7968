//! The clerk's record of a meeting: attendance, numbered minutes with their resolutions,
//! declarations of interest, recorded votes and actions, and the minutes' life from draft to
//! signed; plus the rule that numbers minutes through the municipal year.
//!
//! These are plain values: the store keeps them, the pack prints them. The checks here need
//! nothing but the value itself ([`check_minutes`]); the lock on confirmed minutes and the
//! numbering across meetings are applied by the store, which sees the other meetings.
//!
//! Deliberately not here: storage, the clock ("today" is always passed in), layout.

use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::validate::Problem;
use crate::{is_false, Access, ExemptParagraph, MemberRole, Person};

/// How a person attended a meeting, for the minutes.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttendanceKind {
    Present,
    /// Another councillor or an officer attending, not a member of the committee.
    AlsoPresent,
    Apologies,
    Absent,
}

/// One person's line in the attendance record.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    pub person: Person,
    pub kind: AttendanceKind,
    /// The role printed after the name in the minutes, e.g. Chair.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub role: Option<MemberRole>,
    /// Attended by video link (printed "(virtually)").
    #[serde(default, skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<bool>"))]
    pub remote: bool,
    /// A substitute's line names the member they sat for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub substitute_for: Option<String>,
    /// Arrived after the start (printed "arrived 7:20 pm").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub arrived_at: Option<NaiveTime>,
    /// Left before the end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub left_at: Option<NaiveTime>,
}

impl Attendance {
    /// A plain line: on time, in the room, not a substitute.
    pub fn new(person: Person, kind: AttendanceKind, role: Option<MemberRole>) -> Attendance {
        Attendance { person, kind, role, remote: false, substitute_for: None, arrived_at: None, left_at: None }
    }
}

/// The kinds of interest a member can declare (Localism Act 2011 and the usual code of
/// conduct).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InterestNature {
    DisclosablePecuniary,
    OtherRegistrable,
    NonRegistrable,
}

impl InterestNature {
    pub const ALL: [InterestNature; 3] =
        [InterestNature::DisclosablePecuniary, InterestNature::OtherRegistrable, InterestNature::NonRegistrable];
    pub fn as_str(self) -> &'static str {
        match self {
            InterestNature::DisclosablePecuniary => "disclosable-pecuniary",
            InterestNature::OtherRegistrable => "other-registrable",
            InterestNature::NonRegistrable => "non-registrable",
        }
    }
    pub fn parse(text: &str) -> Option<InterestNature> {
        InterestNature::ALL.into_iter().find(|n| n.as_str() == text)
    }
    /// As printed: "a disclosable pecuniary interest".
    pub fn words(self) -> &'static str {
        match self {
            InterestNature::DisclosablePecuniary => "a disclosable pecuniary interest",
            InterestNature::OtherRegistrable => "an other registrable interest",
            InterestNature::NonRegistrable => "a non-registrable interest",
        }
    }
}

/// A declaration of interest made on the minute's item.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Declaration {
    pub member: String,
    pub nature: InterestNature,
    /// What the interest is, e.g. "as a trustee of the BD Collective".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<String>"))]
    pub interest: String,
    /// Whether the member left the room for the item.
    #[serde(default, skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<bool>"))]
    pub left_room: bool,
}

/// A vote recorded by name.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedVote {
    /// What was put to the vote.
    pub motion: String,
    #[serde(default)]
    pub in_favour: Vec<String>,
    #[serde(default)]
    pub against: Vec<String>,
    #[serde(default)]
    pub abstained: Vec<String>,
}

impl RecordedVote {
    /// A simple majority of those voting; a tie is lost unless the chair's casting vote is
    /// recorded among those in favour (which the clerk does by name).
    pub fn carried(&self) -> bool {
        self.in_favour.len() > self.against.len()
    }
}

/// Something someone agreed to do, followed up in the actions log.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinuteAction {
    pub text: String,
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "is_false")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<bool>"))]
    pub done: bool,
}

/// Where an action stands on a given day.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionState {
    Overdue,
    /// Due today.
    Due,
    Open,
    Done,
}

impl MinuteAction {
    pub fn state(&self, today: NaiveDate) -> ActionState {
        match (self.done, self.due) {
            (true, _) => ActionState::Done,
            (false, Some(due)) if due < today => ActionState::Overdue,
            (false, Some(due)) if due == today => ActionState::Due,
            _ => ActionState::Open,
        }
    }
}

/// One numbered minute.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinuteEntry {
    pub number: u32,
    pub heading: String,
    /// Markdown.
    pub text: String,
    #[serde(default)]
    pub access: Access,
    /// The number of the agenda item this minute records; None for business added on the day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub item: Option<u32>,
    /// What was resolved, each Markdown; more than one is printed as a numbered list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<String>>"))]
    pub resolutions: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<Declaration>>"))]
    pub declarations: Vec<Declaration>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<RecordedVote>>"))]
    pub votes: Vec<RecordedVote>,
    /// The chair's reasons for taking a late item as urgent (s100B(4)(b) LGA 1972 requires
    /// them in the minutes).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<String>"))]
    pub urgency_reason: String,
    /// Non-empty when the press and public were excluded for this business, under these
    /// paragraphs of Schedule 12A.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<ExemptParagraph>>"))]
    pub exclusion: Vec<ExemptParagraph>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<MinuteAction>>"))]
    pub actions: Vec<MinuteAction>,
}

impl MinuteEntry {
    /// A minute with a heading and text and nothing else.
    pub fn new(number: u32, heading: &str, text: &str, access: Access) -> MinuteEntry {
        MinuteEntry {
            number,
            heading: heading.into(),
            text: text.into(),
            access,
            item: None,
            resolutions: Vec::new(),
            declarations: Vec::new(),
            votes: Vec::new(),
            urgency_reason: String::new(),
            exclusion: Vec::new(),
            actions: Vec::new(),
        }
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MinutesStatus {
    Draft,
    PublishedDraft,
    Confirmed,
    Signed,
}

impl MinutesStatus {
    pub const ALL: [MinutesStatus; 4] =
        [MinutesStatus::Draft, MinutesStatus::PublishedDraft, MinutesStatus::Confirmed, MinutesStatus::Signed];
    pub fn as_str(self) -> &'static str {
        match self {
            MinutesStatus::Draft => "draft",
            MinutesStatus::PublishedDraft => "published-draft",
            MinutesStatus::Confirmed => "confirmed",
            MinutesStatus::Signed => "signed",
        }
    }
    pub fn parse(text: &str) -> Option<MinutesStatus> {
        MinutesStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }
    /// Confirmed (and then signed) minutes are the record: no edit, only recorded amendments.
    pub fn is_locked(self) -> bool {
        matches!(self, MinutesStatus::Confirmed | MinutesStatus::Signed)
    }
    /// The statuses a clerk may move to from this one. Going back from published draft to
    /// draft is allowed (a mistake found before the next meeting); nothing leaves confirmed
    /// except signing.
    pub fn next(self) -> &'static [MinutesStatus] {
        match self {
            MinutesStatus::Draft => &[MinutesStatus::PublishedDraft],
            MinutesStatus::PublishedDraft => &[MinutesStatus::Draft, MinutesStatus::Confirmed],
            MinutesStatus::Confirmed => &[MinutesStatus::Signed],
            MinutesStatus::Signed => &[],
        }
    }
}

/// How and when the minutes were agreed as a correct record.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Confirmation {
    /// The date of the later meeting that confirmed them.
    pub meeting_date: NaiveDate,
    /// Corrections agreed, each a sentence (seed 001: "subject to the removal of the letter
    /// 'u' ..."); corrections found after confirmation are appended here, never edited in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<String>>"))]
    pub amendments: Vec<String>,
}

/// The clerk's record of a meeting.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Minutes {
    /// When the meeting actually opened and closed: "(7:01 - 9:19 pm)".
    pub opened_at: NaiveTime,
    pub closed_at: NaiveTime,
    pub status: MinutesStatus,
    pub attendance: Vec<Attendance>,
    pub entries: Vec<MinuteEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub confirmation: Option<Confirmation>,
    /// The day the chair signed them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub signed_on: Option<NaiveDate>,
}

/// A meeting whose minutes are confirmed at this one: the committee's previous meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreviousMeeting {
    pub meeting: crate::Meeting,
    pub minutes: Minutes,
}

/// Where minute numbers restart: at the start of each municipal year (English councils hold
/// their annual meeting in May, so the default is 1 May), or never.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
#[cfg_attr(feature = "ts", ts(rename_all = "kebab-case", tag = "kind"))]
pub enum MinuteNumbering {
    YearFrom { month: u32, day: u32 },
    Continuous,
}

impl Default for MinuteNumbering {
    fn default() -> Self {
        MinuteNumbering::YearFrom { month: 5, day: 1 }
    }
}

impl MinuteNumbering {
    /// The stable text form kept in the database: "05-01" or "continuous".
    pub fn as_text(self) -> String {
        match self {
            MinuteNumbering::YearFrom { month, day } => format!("{month:02}-{day:02}"),
            MinuteNumbering::Continuous => "continuous".into(),
        }
    }

    pub fn parse(text: &str) -> Option<MinuteNumbering> {
        if text == "continuous" {
            return Some(MinuteNumbering::Continuous);
        }
        let (m, d) = text.split_once('-')?;
        let (month, day) = (m.parse().ok()?, d.parse().ok()?);
        // 2020 is a leap year, so 29 February is accepted as a start (and clamps below).
        NaiveDate::from_ymd_opt(2020, month, day).map(|_| MinuteNumbering::YearFrom { month, day })
    }

    /// The first day of the numbering year that holds `date`; None when numbers never restart.
    pub fn year_start(self, date: NaiveDate) -> Option<NaiveDate> {
        let MinuteNumbering::YearFrom { month, day } = self else { return None };
        let start_in = |year: i32| {
            NaiveDate::from_ymd_opt(year, month, day).or_else(|| NaiveDate::from_ymd_opt(year, month, 28))
        };
        let this_year = start_in(date.year())?;
        if date >= this_year { Some(this_year) } else { start_in(date.year() - 1) }
    }

    /// The first minute number of a meeting on `date`, given the committee's earlier meetings
    /// as (date, highest minute number). Numbers run on within the numbering year and restart
    /// at 1 in a new one.
    pub fn first_number(self, date: NaiveDate, earlier: &[(NaiveDate, u32)]) -> u32 {
        let start = self.year_start(date);
        earlier
            .iter()
            .filter(|(d, _)| *d < date && start.is_none_or(|s| *d >= s))
            .map(|(_, n)| *n)
            .max()
            .map_or(1, |n| n + 1)
    }
}

/// Every problem in `minutes` that needs nothing but the value, with paths under `at`.
///
/// A draft is work in progress typed live and autosaved: a declaration whose member is not
/// typed yet, or an action without its owner, is kept. Rows must be complete (headings,
/// members, motions, action texts and owners, no empty resolution) once the minutes are
/// published; contradictions (a name twice in one vote, leaving before arriving, two minutes
/// with one number) are refused at any status.
pub fn check_minutes(minutes: &Minutes, at: &str) -> Vec<Problem> {
    let complete = minutes.status != MinutesStatus::Draft;
    let mut problems = Vec::new();
    let mut push = |path: String, message: &str| problems.push(Problem { path, message: message.into() });
    for (i, a) in minutes.attendance.iter().enumerate() {
        if a.person.name.trim().is_empty() {
            push(format!("{at}.attendance[{i}].person.name"), "an attendance line needs a name");
        }
        use crate::limits::{check, Field};
        let p = &a.person;
        for (field, kind, text) in
            [("name", Field::PersonName, &p.name), ("job_title", Field::JobTitle, &p.job_title), ("email", Field::Email, &p.email), ("phone", Field::Phone, &p.phone)]
        {
            if let Some(message) = check(kind, text) {
                push(format!("{at}.attendance[{i}].person.{field}"), &message);
            }
        }
        if a.substitute_for.as_deref().is_some_and(|s| s.trim().is_empty()) {
            push(format!("{at}.attendance[{i}].substitute_for"), "a substitute must name the member they sat for");
        }
        if let (Some(arrived), Some(left)) = (a.arrived_at, a.left_at) {
            if left < arrived {
                push(format!("{at}.attendance[{i}].left_at"), "a person cannot leave before arriving");
            }
        }
    }
    let mut numbers: Vec<u32> = Vec::new();
    for (i, e) in minutes.entries.iter().enumerate() {
        let here = format!("{at}.entries[{i}]");
        if numbers.contains(&e.number) {
            push(format!("{here}.number"), "two minutes have the same number");
        }
        numbers.push(e.number);
        if complete && e.heading.trim().is_empty() {
            push(format!("{here}.heading"), "a minute needs a heading");
        }
        if let Access::Exempt { paragraphs, .. } = &e.access {
            if paragraphs.is_empty() {
                push(format!("{here}.access.paragraphs"), "an exempt minute must cite at least one paragraph of Schedule 12A");
            }
        }
        for (j, r) in e.resolutions.iter().enumerate() {
            if complete && r.trim().is_empty() {
                push(format!("{here}.resolutions[{j}]"), "a resolution cannot be empty");
            }
        }
        for (j, d) in e.declarations.iter().enumerate() {
            if complete && d.member.trim().is_empty() {
                push(format!("{here}.declarations[{j}].member"), "a declaration needs the member's name");
            }
        }
        for (j, v) in e.votes.iter().enumerate() {
            if complete && v.motion.trim().is_empty() {
                push(format!("{here}.votes[{j}].motion"), "a recorded vote needs what was put to the vote");
            }
            let mut names: Vec<&str> = v.in_favour.iter().chain(&v.against).chain(&v.abstained).map(|s| s.trim()).collect();
            if names.iter().any(|n| n.is_empty()) {
                push(format!("{here}.votes[{j}]"), "a name in a recorded vote is empty");
            }
            names.sort_unstable();
            if names.windows(2).any(|w| w[0] == w[1] && !w[0].is_empty()) {
                push(format!("{here}.votes[{j}]"), "a member is recorded twice in the same vote");
            }
        }
        for (j, a) in e.actions.iter().enumerate() {
            if complete && a.text.trim().is_empty() {
                push(format!("{here}.actions[{j}].text"), "an action needs to say what is to be done");
            }
            if complete && a.owner.trim().is_empty() {
                push(format!("{here}.actions[{j}].owner"), "an action needs an owner");
            }
        }
    }
    // Confirmed minutes without their confirmation date are accepted: documents written before
    // the date was kept say only "confirmed". The store asks for the date when it confirms.
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a real date")
    }

    #[test]
    fn numbers_run_on_in_the_municipal_year_and_restart_in_may() {
        let rule = MinuteNumbering::default();
        let earlier = [(d(2020, 9, 2), 12), (d(2020, 10, 7), 20), (d(2020, 11, 4), 25)];
        assert_eq!(rule.first_number(d(2020, 12, 2), &earlier), 26, "December follows November's 25");
        assert_eq!(rule.first_number(d(2020, 11, 4), &earlier[..2]), 21, "seed 001: November starts at 21");
        assert_eq!(rule.first_number(d(2021, 5, 20), &earlier), 1, "the first meeting after 1 May restarts");
        assert_eq!(rule.first_number(d(2021, 4, 30), &earlier), 26, "30 April is still the old year");
        assert_eq!(MinuteNumbering::Continuous.first_number(d(2021, 6, 1), &earlier), 26, "continuous numbering never restarts");
        let september = MinuteNumbering::parse("09-01").expect("a valid start");
        assert_eq!(september.first_number(d(2020, 10, 7), &earlier), 13, "a September year keeps numbering from September");
        assert_eq!(september.first_number(d(2020, 9, 2), &earlier), 1, "the first meeting of a September year starts at 1");
    }

    #[test]
    fn numbering_text_round_trips_and_refuses_nonsense() {
        for rule in [MinuteNumbering::default(), MinuteNumbering::Continuous, MinuteNumbering::YearFrom { month: 2, day: 29 }] {
            assert_eq!(MinuteNumbering::parse(&rule.as_text()), Some(rule), "{rule:?} must survive its text form");
        }
        assert_eq!(MinuteNumbering::parse("13-01"), None, "there is no 13th month");
        assert_eq!(MinuteNumbering::parse("may"), None, "only MM-DD or continuous");
        let leap = MinuteNumbering::YearFrom { month: 2, day: 29 };
        assert_eq!(leap.year_start(d(2021, 3, 1)), Some(d(2021, 2, 28)), "29 February falls back to the 28th");
    }

    #[test]
    fn locked_states_and_transitions() {
        assert!(MinutesStatus::Confirmed.is_locked() && MinutesStatus::Signed.is_locked(), "confirmed and signed are the record");
        assert!(!MinutesStatus::PublishedDraft.is_locked(), "a published draft can still be corrected");
        assert!(MinutesStatus::Signed.next().is_empty(), "nothing follows signing");
        assert!(!MinutesStatus::Confirmed.next().contains(&MinutesStatus::Draft), "confirmed minutes never go back to draft");
    }

    #[test]
    fn action_states_against_today() {
        let action = |due: Option<NaiveDate>, done: bool| MinuteAction { text: "x".into(), owner: "y".into(), due, done };
        let today = d(2020, 12, 2);
        assert_eq!(action(Some(d(2020, 12, 1)), false).state(today), ActionState::Overdue, "due yesterday");
        assert_eq!(action(Some(today), false).state(today), ActionState::Due, "due today");
        assert_eq!(action(Some(d(2021, 1, 6)), false).state(today), ActionState::Open, "due later");
        assert_eq!(action(None, false).state(today), ActionState::Open, "no date is open");
        assert_eq!(action(Some(d(2020, 1, 1)), true).state(today), ActionState::Done, "done wins over overdue");
    }

    #[test]
    fn checks_name_the_field() {
        let mut entry = MinuteEntry::new(21, "", "text", Access::Public);
        entry.votes.push(RecordedVote { motion: "m".into(), in_favour: vec!["A".into()], against: vec!["A".into()], abstained: vec![] });
        entry.actions.push(MinuteAction { text: "do".into(), owner: " ".into(), due: None, done: false });
        let minutes = Minutes {
            opened_at: NaiveTime::from_hms_opt(19, 0, 0).expect("time"),
            closed_at: NaiveTime::from_hms_opt(21, 0, 0).expect("time"),
            status: MinutesStatus::Confirmed,
            attendance: vec![],
            entries: vec![entry],
            confirmation: None,
            signed_on: None,
        };
        let paths: Vec<String> = check_minutes(&minutes, "minutes").into_iter().map(|p| p.path).collect();
        for want in ["minutes.entries[0].heading", "minutes.entries[0].votes[0]", "minutes.entries[0].actions[0].owner"] {
            assert!(paths.iter().any(|p| p == want), "{want} must be reported: {paths:?}");
        }
        let draft = Minutes { status: MinutesStatus::Draft, ..minutes };
        let paths: Vec<String> = check_minutes(&draft, "minutes").into_iter().map(|p| p.path).collect();
        assert_eq!(paths, ["minutes.entries[0].votes[0]"], "a draft keeps rows still being typed, but not a member voting twice");
    }
}
