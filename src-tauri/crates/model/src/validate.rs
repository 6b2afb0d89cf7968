//! Checks on a [`MeetingBundle`](crate::MeetingBundle) that need nothing but the value itself:
//! numbering, access consistency (including the private section's rule), PDF hashes' shape.
//! The store runs them before any write, so a bad import changes nothing.

use crate::{Access, AppendixContent, ItemKind, MeetingBundle};

/// One problem found, with the JSON-path-like location of the field at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct Problem {
    pub path: String,
    pub message: String,
}

/// The most text one Markdown field (a report body, an appendix) may hold: 5 MB is some 2,500
/// printed pages, far beyond any paper, and keeps a hostile import from costing gigabytes in
/// layout (issue 10).
pub const MAX_TEXT_BYTES: usize = 5 * 1024 * 1024;

/// Every problem in the bundle, in document order; empty when it is sound.
pub fn check_bundle(bundle: &MeetingBundle) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut push = |path: String, message: &str| problems.push(Problem { path, message: message.into() });

    if bundle.council.name.trim().is_empty() {
        push("council.name".into(), "the council needs a name");
    }
    if bundle.committee.name.trim().is_empty() {
        push("committee.name".into(), "the committee needs a name");
    }
    for (i, m) in bundle.committee.members.iter().enumerate() {
        if m.person.name.trim().is_empty() {
            push(format!("committee.members[{i}].person.name"), "a member needs a name");
        }
        if m.until.is_some_and(|u| u < m.from) {
            push(format!("committee.members[{i}].until"), "the membership ends before it starts");
        }
    }
    let mut seen_numbers = Vec::new();
    for (i, item) in bundle.items.iter().enumerate() {
        let at = format!("items[{i}]");
        if item.title.trim().is_empty() {
            push(format!("{at}.title"), "an agenda item needs a title");
        }
        if let Some(n) = item.number {
            if seen_numbers.contains(&n) {
                push(format!("{at}.number"), "two agenda items have the same number");
            }
            seen_numbers.push(n);
        }
        if let Access::Exempt { paragraphs, .. } = &item.access {
            if paragraphs.is_empty() {
                push(format!("{at}.access.paragraphs"), "an exempt item must cite at least one paragraph of Schedule 12A");
            }
        }
        match (&item.report, item.kind) {
            (Some(_), ItemKind::Report) | (None, _) => {}
            (Some(_), _) => push(format!("{at}.report"), "only an item of kind \"report\" can carry a report"),
        }
        if let Some(report) = &item.report {
            if report.title.trim().is_empty() {
                push(format!("{at}.report.title"), "a report needs a title");
            }
            let texts = [
                ("summary", &report.summary),
                ("recommendations", &report.recommendations),
                ("reasons", &report.reasons),
                ("body", &report.body),
                ("background_papers", &report.background_papers),
            ];
            for (field, text) in texts {
                if text.len() > MAX_TEXT_BYTES {
                    push(format!("{at}.report.{field}"), "is longer than the 5 MB a paper's text may be");
                }
            }
            for (j, appendix) in report.appendices.iter().enumerate() {
                let at = format!("{at}.report.appendices[{j}]");
                if let AppendixContent::Markdown { text } = &appendix.content {
                    if text.len() > MAX_TEXT_BYTES {
                        push(format!("{at}.content.text"), "is longer than the 5 MB a paper's text may be");
                    }
                }
                if let AppendixContent::Pdf { sha256, file_name, .. } = &appendix.content {
                    if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()) {
                        push(format!("{at}.content.sha256"), "must be 64 lower-case hexadecimal digits");
                    }
                    if file_name.trim().is_empty() {
                        push(format!("{at}.content.file_name"), "an attached PDF needs its file name");
                    }
                }
                if let Access::Exempt { paragraphs, .. } = &appendix.access {
                    if paragraphs.is_empty() {
                        push(format!("{at}.access.paragraphs"), "an exempt appendix must cite at least one paragraph of Schedule 12A");
                    }
                }
            }
        }
    }
    // Place and access are one truth: nothing open below the Private Business heading.
    for index in crate::open_in_private_section(bundle.items.iter().map(|i| (i.kind, &i.access))) {
        let item = &bundle.items[index];
        push(format!("items[{index}].access"), &crate::access::open_in_private_section_message(item.number, &item.title));
    }
    for (path, message) in crate::limits::bundle_problems(bundle) {
        push(path, &message);
    }
    if let Some(prev) = &bundle.previous {
        if prev.meeting.starts_at >= bundle.meeting.starts_at {
            push("previous.meeting.starts_at".into(), "the previous meeting must be before this one");
        }
    }
    problems
}
