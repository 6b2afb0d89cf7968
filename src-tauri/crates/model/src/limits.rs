//! How long each short field may be: the one table of limits (issue 14, point 4), checked on
//! import ([`crate::validate`]), by every store edit and so by the API and the CLI. The README's
//! limits table is this table.
//!
//! Why limits at all: a 2,000-character committee name was accepted and filled 38 lines of the
//! agenda, and a 100,000-character e-mail address made the build's line breaking take
//! gigabytes. The numbers are generous for real councils (the longest committee names seen
//! are under 100 characters) and count characters, not bytes, so Welsh and accented names
//! are not penalised.
//!
//! Messages name the field and the limit, never the value: an over-long value is the last
//! thing a user wants read back (and could be megabytes).
//!
//! Deliberately not here: Markdown papers (limited in bytes by
//! [`crate::validate::MAX_TEXT_BYTES`]) and required-field checks.

use crate::MeetingBundle;

/// A short field with a length limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    CouncilName,
    ChiefExecutiveName,
    ChiefExecutiveTitle,
    CommitteeName,
    PersonName,
    JobTitle,
    Email,
    Phone,
    Venue,
    ItemTitle,
    PublicTitle,
    ReportTitle,
    AddressedTo,
    ReportOf,
    WardsAffected,
    AccountableDirector,
    AppendixTitle,
    FileName,
    AccountName,
    AccountDisplay,
}

/// One row of the table: what the field is called in messages, and its most characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub field: Field,
    pub label: &'static str,
    pub max_chars: usize,
}

/// The table. 254 for e-mail is the longest address SMTP can carry (RFC 5321 path limit); 255
/// for file names is what common file systems allow.
pub const LIMITS: &[Limit] = &[
    Limit { field: Field::CouncilName, label: "council name", max_chars: 200 },
    Limit { field: Field::ChiefExecutiveName, label: "chief executive's name", max_chars: 200 },
    Limit { field: Field::ChiefExecutiveTitle, label: "chief executive's title", max_chars: 200 },
    Limit { field: Field::CommitteeName, label: "committee name", max_chars: 200 },
    Limit { field: Field::PersonName, label: "name", max_chars: 200 },
    Limit { field: Field::JobTitle, label: "job title", max_chars: 200 },
    Limit { field: Field::Email, label: "e-mail address", max_chars: 254 },
    Limit { field: Field::Phone, label: "telephone number", max_chars: 50 },
    Limit { field: Field::Venue, label: "venue", max_chars: 300 },
    Limit { field: Field::ItemTitle, label: "item title", max_chars: 300 },
    Limit { field: Field::PublicTitle, label: "public title", max_chars: 300 },
    Limit { field: Field::ReportTitle, label: "report title", max_chars: 300 },
    Limit { field: Field::AddressedTo, label: "body the report is addressed to", max_chars: 200 },
    Limit { field: Field::ReportOf, label: "\"report of\" line", max_chars: 300 },
    Limit { field: Field::WardsAffected, label: "list of wards affected", max_chars: 1_000 },
    Limit { field: Field::AccountableDirector, label: "accountable director", max_chars: 300 },
    Limit { field: Field::AppendixTitle, label: "appendix title", max_chars: 300 },
    Limit { field: Field::FileName, label: "file name", max_chars: 255 },
    // A sign-in name is typed at every sign-in; 64 holds any e-mail local part (RFC 5321).
    Limit { field: Field::AccountName, label: "account name", max_chars: 64 },
    Limit { field: Field::AccountDisplay, label: "account's full name", max_chars: 200 },
];

/// The row of `field`.
pub fn limit(field: Field) -> &'static Limit {
    LIMITS.iter().find(|l| l.field == field).expect("every field has a row in LIMITS")
}

/// The sentence for `text` in `field` when it is too long; None when it fits.
pub fn check(field: Field, text: &str) -> Option<String> {
    let limit = limit(field);
    // Counting stops just past the limit, so a megabyte-long value costs no more than a short one.
    let counted = text.chars().take(limit.max_chars + 1).count();
    (counted > limit.max_chars).then(|| {
        format!("the {} is longer than the {} characters it may have", limit.label, group(limit.max_chars))
    })
}

/// 1000 → "1,000".
fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Every short field of a bundle that is too long, as (JSON path, sentence).
pub fn bundle_problems(bundle: &MeetingBundle) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut check_at = |path: String, field: Field, text: &str| {
        if let Some(message) = check(field, text) {
            out.push((path, message));
        }
    };
    let c = &bundle.council;
    check_at("council.name".into(), Field::CouncilName, &c.name);
    check_at("council.chief_executive_name".into(), Field::ChiefExecutiveName, &c.chief_executive_name);
    check_at("council.chief_executive_title".into(), Field::ChiefExecutiveTitle, &c.chief_executive_title);
    check_at("committee.name".into(), Field::CommitteeName, &bundle.committee.name);
    let person = |at: String, p: &crate::Person, check_at: &mut dyn FnMut(String, Field, &str)| {
        check_at(format!("{at}.name"), Field::PersonName, &p.name);
        check_at(format!("{at}.job_title"), Field::JobTitle, &p.job_title);
        check_at(format!("{at}.email"), Field::Email, &p.email);
        check_at(format!("{at}.phone"), Field::Phone, &p.phone);
    };
    for (i, m) in bundle.committee.members.iter().enumerate() {
        person(format!("committee.members[{i}].person"), &m.person, &mut check_at);
    }
    person("meeting.contact_officer".into(), &bundle.meeting.contact_officer, &mut check_at);
    // The people in minutes are checked with the minutes (`crate::minutes::check_minutes`).
    if let Some(prev) = &bundle.previous {
        person("previous.meeting.contact_officer".into(), &prev.meeting.contact_officer, &mut check_at);
    }
    if let crate::Venue::Place { name } = &bundle.meeting.venue {
        check_at("meeting.venue.name".into(), Field::Venue, name);
    }
    for (i, item) in bundle.items.iter().enumerate() {
        let at = format!("items[{i}]");
        check_at(format!("{at}.title"), Field::ItemTitle, &item.title);
        if let Some(t) = item.access.public_title() {
            check_at(format!("{at}.access.public_title"), Field::PublicTitle, t);
        }
        let Some(r) = &item.report else { continue };
        check_at(format!("{at}.report.title"), Field::ReportTitle, &r.title);
        if let Some(to) = &r.addressed_to {
            check_at(format!("{at}.report.addressed_to"), Field::AddressedTo, to);
        }
        check_at(format!("{at}.report.report_of"), Field::ReportOf, &r.report_of);
        check_at(format!("{at}.report.wards_affected"), Field::WardsAffected, &r.wards_affected);
        check_at(format!("{at}.report.accountable_director"), Field::AccountableDirector, &r.accountable_director);
        for (j, a) in r.authors.iter().enumerate() {
            person(format!("{at}.report.authors[{j}]"), a, &mut check_at);
        }
        for (j, a) in r.appendices.iter().enumerate() {
            check_at(format!("{at}.report.appendices[{j}].title"), Field::AppendixTitle, &a.title);
            if let Some(t) = a.access.public_title() {
                check_at(format!("{at}.report.appendices[{j}].access.public_title"), Field::PublicTitle, t);
            }
            if let crate::AppendixContent::Pdf { file_name, .. } = &a.content {
                check_at(format!("{at}.report.appendices[{j}].content.file_name"), Field::FileName, file_name);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_exactly_one_row() {
        for (i, row) in LIMITS.iter().enumerate() {
            assert_eq!(LIMITS.iter().filter(|r| r.field == row.field).count(), 1, "row {i} ({}) is the only one for its field", row.label);
            assert!(row.max_chars >= 50, "{}: a limit below 50 characters would refuse real values", row.label);
        }
    }

    #[test]
    fn a_value_at_the_limit_fits_and_one_more_character_does_not() {
        let name = "é".repeat(200);
        assert_eq!(check(Field::CommitteeName, &name), None, "200 characters (400 bytes) fit: the limit counts characters");
        let message = check(Field::CommitteeName, &format!("{name}x")).expect("201 characters are too many");
        assert_eq!(message, "the committee name is longer than the 200 characters it may have");
    }

    #[test]
    fn the_message_never_repeats_the_value() {
        let email = format!("{}@example.org", "a".repeat(100_000));
        let message = check(Field::Email, &email).expect("a 100,000-character address is refused");
        assert!(!message.contains("aaaa"), "the value is not echoed: {message}");
        assert!(message.contains("e-mail address") && message.contains("254"), "the field and limit are named: {message}");
        assert_eq!(check(Field::WardsAffected, &"w".repeat(1_001)).as_deref(), Some("the list of wards affected is longer than the 1,000 characters it may have"));
    }
}
