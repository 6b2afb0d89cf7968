//! Build warnings about what a paper says rather than how it is set (issue 14, point 4):
//! characters the bundled fonts cannot print (named, once per character per paper), reports
//! with nothing in them, and reports whose authors give no way to contact them.
//!
//! Deliberately not here: Markdown diagnostics (see `text`), deadline checks (the store's),
//! and stopping the build: every warning here leaves the pack built.

use agendapack_layout::fonts::{describe_char, unprintable_chars};
use agendapack_layout::{LaidOut, Placed};
use agendapack_model::Report;

/// A paper's title as a warning names it: at most 60 characters, so a long title does not
/// bury the sentence.
pub fn short_title(title: &str) -> String {
    match title.char_indices().nth(60) {
        Some((cut, _)) => format!("{}…", title[..cut].trim_end()),
        None => title.to_string(),
    }
}

/// One warning per character of `laid` that no bundled face can print; `paper` names the
/// paper ("the report \"Budget\" (item 4)").
pub fn unprintable(paper: &str, laid: &LaidOut) -> Vec<String> {
    let mut text = String::new();
    for page in &laid.pages {
        for item in &page.items {
            if let Placed::Text(run) = item {
                text.push_str(&run.text);
                text.push('\n');
            }
        }
    }
    unprintable_chars(&text)
        .into_iter()
        .map(|ch| format!("{paper} has the character {}, which the pack's fonts cannot print (it shows as an empty box); replace or remove it", describe_char(ch)))
        .collect()
}

/// Warnings about a report's own content: nothing in it, or no way to reach its authors.
/// A report that carries only appendices is not empty (its papers are the appendices), and a
/// report that names no author at all (seed 002's carried report) is not warned about its
/// authors; one whose named authors have no telephone number or e-mail between them is: the
/// cover sheet would send readers nowhere.
pub fn report(paper: &str, report: &Report) -> Vec<String> {
    let mut out = Vec::new();
    let blank = |t: &str| t.trim().is_empty();
    if blank(&report.summary) && blank(&report.recommendations) && blank(&report.reasons) && blank(&report.body) && report.appendices.is_empty() {
        out.push(format!("{paper} is empty: it has no summary, recommendations, reasons, body or appendices"));
    }
    let contactable = report.authors.iter().any(|a| !blank(&a.phone) || !blank(&a.email));
    if !report.authors.is_empty() && !contactable {
        out.push(format!("{paper}: none of its authors has a telephone number or e-mail address, so readers cannot contact them; add one on the report's cover sheet"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use agendapack_model::Person;

    fn with(summary: &str, authors: Vec<Person>) -> Report {
        let mut r = crate::testdata::small_bundle().items.into_iter().find_map(|i| i.report).expect("the small bundle has a report");
        r.summary = summary.into();
        r.recommendations.clear();
        r.reasons.clear();
        r.body.clear();
        r.appendices.clear();
        r.authors = authors;
        r
    }

    #[test]
    fn an_empty_report_and_unreachable_authors_are_warned_about() {
        let nobody = Person::named("Ann Author");
        let warnings = report("the report \"X\" (item 4)", &with("", vec![nobody.clone()]));
        assert_eq!(warnings.len(), 2, "empty and unreachable: {warnings:?}");
        assert!(warnings[0].contains("is empty") && warnings[1].contains("cannot contact"), "{warnings:?}");
        let mut reachable = nobody.clone();
        reachable.email = "ann@example.org".into();
        assert!(report("r", &with("A summary.", vec![reachable, nobody])).is_empty(), "one reachable author is enough");
        assert!(report("r", &with("A summary.", vec![])).is_empty(), "no author named: nothing to say about contact details");
    }
}
