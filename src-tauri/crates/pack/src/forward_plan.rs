//! The forward plan of key decisions: the 28-clear-day notice check of each entry (reg 9 of
//! the Local Authorities (Executive Arrangements) (Meetings and Access to Information)
//! (England) Regulations 2012, with the general exception of reg 10 and special urgency of
//! reg 11), and the plan as a paper (PDF through [`crate::standalone`]) and as CSV, in a
//! public edition that leaves out every exempt detail or a full one for members and officers.
//!
//! The notice date comes from agendapack-deadlines (`key_decision_notice`): the latest working
//! day with 28 clear calendar days before the decision (configurable as working days).
//!
//! Deliberately not here: storing entries (agendapack-store), choosing today's date, writing
//! files.

use agendapack_deadlines::{clear_days_between, key_decision_notice, DeadlineError, WorkingCalendar};
use agendapack_doc::{Align, Block, Cell, Color, Column, Document, Inline, Row, Table};
use agendapack_model::{Access, ForwardPlanEntry, UrgencyRoute};
use chrono::NaiveDate;

use crate::plan::Edition;
use crate::text::{heading, para, plain_date};

const HEADER_FILL: Color = Color { r: 0.88, g: 0.88, b: 0.88 };
const FLAG_FILL: Color = Color { r: 0.98, g: 0.84, b: 0.84 };
/// Reg 10(3): the decision waits five clear days after the general exception notice.
const GENERAL_EXCEPTION_CLEAR_DAYS: u32 = 5;

#[derive(Debug, thiserror::Error)]
pub enum ForwardPlanError {
    #[error("the notice date of key decision {reference} cannot be computed: {source}")]
    Notice { reference: String, source: DeadlineError },
}

/// How notice of key decisions is counted: 28 clear days by default; the Regulations do not
/// define clear days, so a council may count working days instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoticeRule {
    pub clear_days: u32,
    pub working_days: bool,
}

impl Default for NoticeRule {
    fn default() -> NoticeRule {
        NoticeRule { clear_days: 28, working_days: false }
    }
}

impl NoticeRule {
    /// The rule as a council's deadline settings give it: 28 clear days of its key-decision
    /// day type.
    pub fn for_council(settings: &agendapack_deadlines::DeadlineSettings) -> NoticeRule {
        NoticeRule { clear_days: 28, working_days: settings.key_decision_days == agendapack_deadlines::DayType::Working }
    }

    fn day_type(self) -> agendapack_deadlines::DayType {
        if self.working_days {
            agendapack_deadlines::DayType::Working
        } else {
            agendapack_deadlines::DayType::Calendar
        }
    }
}

/// The result of checking one entry's notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeOutcome {
    /// Published on or before the notice date.
    OnTime,
    /// Not yet published; still in time while `today` is on or before the notice date.
    NotPublished { still_in_time: bool },
    /// Published after the notice date with no urgency route recorded.
    Late,
    /// Late, and the general exception was recorded; `waited` says whether the decision is at
    /// least five clear days after both the notice and informing the scrutiny chair.
    GeneralException { waited: bool },
    /// Late, and special urgency was agreed and recorded.
    SpecialUrgency,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeCheck {
    pub reference: String,
    /// The latest date notice may be published for the decision date.
    pub notice_by: NaiveDate,
    pub outcome: NoticeOutcome,
}

impl NoticeCheck {
    /// Whether the entry needs attention: late without a valid route, or still unpublished
    /// after its notice date.
    pub fn flagged(&self) -> bool {
        matches!(
            self.outcome,
            NoticeOutcome::Late | NoticeOutcome::GeneralException { waited: false } | NoticeOutcome::NotPublished { still_in_time: false }
        )
    }

    /// The check in words, as printed in the plan's notice column.
    pub fn describe(&self) -> String {
        let by = plain_date(self.notice_by);
        match &self.outcome {
            NoticeOutcome::OnTime => format!("Notice given by {by}"),
            NoticeOutcome::NotPublished { still_in_time: true } => format!("Notice due by {by}"),
            NoticeOutcome::NotPublished { still_in_time: false } => format!("LATE: notice was due by {by} and is not published"),
            NoticeOutcome::Late => format!("LATE: notice was due by {by}; no general exception or special urgency recorded"),
            NoticeOutcome::GeneralException { waited: true } => format!("General exception (notice was due by {by})"),
            NoticeOutcome::GeneralException { waited: false } => {
                format!("LATE: general exception recorded but the decision is less than 5 clear days after it (notice was due by {by})")
            }
            NoticeOutcome::SpecialUrgency => format!("Special urgency (notice was due by {by})"),
        }
    }
}

/// Checks one entry's notice against its decision date, as on `today`.
pub fn check_notice(
    entry: &ForwardPlanEntry,
    rule: NoticeRule,
    cal: &WorkingCalendar,
    today: NaiveDate,
) -> Result<NoticeCheck, ForwardPlanError> {
    let notice_by = key_decision_notice(entry.when.date, rule.clear_days, rule.day_type(), cal)
        .map_err(|source| ForwardPlanError::Notice { reference: entry.reference.clone(), source })?
        .date;
    let outcome = match entry.published {
        None => NoticeOutcome::NotPublished { still_in_time: today <= notice_by },
        Some(published) if published <= notice_by => NoticeOutcome::OnTime,
        Some(published) => match &entry.urgency {
            None => NoticeOutcome::Late,
            Some(UrgencyRoute::SpecialUrgency { .. }) => NoticeOutcome::SpecialUrgency,
            Some(UrgencyRoute::GeneralException { scrutiny_chair_informed, .. }) => {
                let last = published.max(*scrutiny_chair_informed);
                NoticeOutcome::GeneralException {
                    waited: clear_days_between(last, entry.when.date) >= GENERAL_EXCEPTION_CLEAR_DAYS,
                }
            }
        },
    };
    Ok(NoticeCheck { reference: entry.reference.clone(), notice_by, outcome })
}

/// Every entry's check, in the entries' order.
pub fn check_all(
    entries: &[ForwardPlanEntry],
    rule: NoticeRule,
    cal: &WorkingCalendar,
    today: NaiveDate,
) -> Result<Vec<NoticeCheck>, ForwardPlanError> {
    entries.iter().map(|e| check_notice(e, rule, cal, today)).collect()
}

/// One entry's columns as text, for both the paper and the CSV, with the edition applied.
fn columns(entry: &ForwardPlanEntry, check: Option<&NoticeCheck>, edition: Edition) -> Vec<String> {
    let (decision, private) = match (&entry.access, edition) {
        (Access::Public, _) => (entry.decision.clone(), "Open".to_string()),
        (Access::Exempt { paragraphs, public_title }, _) => {
            let numbers = paragraphs.iter().map(|p| p.number().to_string()).collect::<Vec<_>>().join(", ");
            let mut private = format!("Exempt (paragraph {numbers} of Schedule 12A)");
            if edition == Edition::Full && !entry.exempt_reason.is_empty() {
                private = format!("{private}: {}", entry.exempt_reason);
            }
            (shown_title(entry, public_title.as_deref(), edition), private)
        }
        (Access::Confidential { public_title }, _) => {
            let mut private = "Confidential (s100A(3))".to_string();
            if edition == Edition::Full && !entry.exempt_reason.is_empty() {
                private = format!("{private}: {}", entry.exempt_reason);
            }
            (shown_title(entry, public_title.as_deref(), edition), private)
        }
    };
    let mut notice = check.map(NoticeCheck::describe).unwrap_or_default();
    if let Some(route) = &entry.urgency {
        notice = format!("{notice}. Reason: {}", route.reason());
    }
    vec![
        entry.reference.clone(),
        decision,
        entry.decision_maker.clone(),
        entry.when.printed(),
        entry.wards.join(", "),
        entry.documents.clone(),
        entry.contact.clone(),
        private,
        entry.published.map(plain_date).unwrap_or_default(),
        notice,
    ]
}

/// The decision's title in an edition: the public title stands in for an exempt title in the
/// public edition.
fn shown_title(entry: &ForwardPlanEntry, public_title: Option<&str>, edition: Edition) -> String {
    match (edition, public_title) {
        (Edition::Public, Some(title)) => title.to_string(),
        _ => entry.decision.clone(),
    }
}

const HEADERS: [&str; 10] = [
    "Ref",
    "Decision",
    "Decision maker",
    "Date of decision",
    "Wards",
    "Documents to be considered",
    "Contact",
    "Open or private",
    "First published",
    "Notice",
];

fn text_cell(text: &str, bold: bool) -> Cell {
    if text.is_empty() {
        return Cell::new(Vec::new());
    }
    Cell::new(vec![para(vec![if bold { Inline::bold(text) } else { Inline::plain(text) }])])
}

/// The forward plan as a paper: title, a line on the edition and the notice rule, and one
/// ruled table (header repeated on each page); flagged notices are shaded and say "LATE".
pub fn forward_plan_paper(
    title: &str,
    entries: &[ForwardPlanEntry],
    checks: &[NoticeCheck],
    edition: Edition,
    published: NaiveDate,
) -> Document {
    let mut blocks = vec![heading(1, vec![Inline::plain(title)])];
    let edition_note = match edition {
        Edition::Public => "Public edition: exempt details are not published.",
        Edition::Full => "NOT FOR PUBLICATION: full edition for members and officers, with the reasons for exemption.",
    };
    blocks.push(para(vec![Inline::plain(format!(
        "Published {}. Key decisions are notified at least 28 clear days before they are taken. {edition_note}",
        plain_date(published)
    ))]));
    let header = Row { cells: HEADERS.iter().map(|h| Cell { fill: Some(HEADER_FILL), ..text_cell(h, true) }).collect() };
    let body = entries
        .iter()
        .map(|entry| {
            let check = checks.iter().find(|c| c.reference == entry.reference);
            let flagged = check.is_some_and(NoticeCheck::flagged);
            let cells = columns(entry, check, edition)
                .iter()
                .enumerate()
                .map(|(i, text)| {
                    let cell = text_cell(text, i == 0);
                    if flagged && i == HEADERS.len() - 1 {
                        Cell { fill: Some(FLAG_FILL), ..cell }
                    } else {
                        cell
                    }
                })
                .collect();
            Row { cells }
        })
        .collect();
    let widths = [0.06, 0.17, 0.09, 0.08, 0.08, 0.12, 0.11, 0.10, 0.07, 0.12];
    blocks.push(Block::Table(Table {
        columns: widths.iter().map(|w| Column { align: Align::Start, width: Some(*w) }).collect(),
        header: vec![header],
        body,
        ruled: true,
    }));
    Document { title: title.to_string(), blocks, footnotes: Vec::new() }
}

/// One CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The forward plan as CSV (RFC 4180, CRLF line ends, a header row), with the edition applied.
pub fn forward_plan_csv(entries: &[ForwardPlanEntry], checks: &[NoticeCheck], edition: Edition) -> String {
    let mut out = String::new();
    let mut line = |fields: Vec<String>| {
        out.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    };
    line(HEADERS.iter().map(|h| h.to_string()).collect());
    for entry in entries {
        let check = checks.iter().find(|c| c.reference == entry.reference);
        line(columns(entry, check, edition));
    }
    out
}

#[cfg(test)]
#[path = "forward_plan_tests.rs"]
mod tests;
