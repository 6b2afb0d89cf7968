//! An officer report as one paper: the standard cover sheet (a ruled two-column table, seed
//! 001), the body, "Public Background Papers Used in the Preparation of the Report", and the
//! generated "List of appendices". Also the head of a Markdown appendix ("Appendix N").
//!
//! The list of appendices follows the edition: in the public edition a restricted appendix is
//! listed by number and access statement only, never by its title.
//!
//! Deliberately not here: whether the report is in the pack at all (see `plan`).

use agendapack_doc::{Align, Block, Cell, Column, Document, Inline, LinkTarget, Row, Table, Text, TextStyle};
use agendapack_model::{Access, AppendixContent, DecisionType, MeetingBundle, Report};

use crate::plan::Edition;
use crate::text::{heading, markdown_with, para, para_aligned, plain_date};

fn cell(blocks: Vec<Block>, colspan: u16) -> Cell {
    Cell { blocks, colspan, rowspan: 1, fill: None }
}

fn labelled(label: &str, value: &str) -> Vec<Block> {
    vec![para(vec![Inline::bold(format!("{label} ")), Inline::plain(value.to_string())])]
}

/// Resolves `media:NAME` from the report's stored pictures (any other source is missing).
pub fn picture_resolver(report: &Report) -> impl Fn(&str) -> Option<Vec<u8>> + '_ {
    media_resolver(&report.pictures)
}

/// The one rule for `![alt](media:NAME)`: the picture of that name among `pictures` (a
/// report's own); any other source is missing. The editor's check uses it too, so it reports
/// exactly the pictures the pack would miss.
pub fn media_resolver(pictures: &[agendapack_model::Picture]) -> impl Fn(&str) -> Option<Vec<u8>> + '_ {
    move |source: &str| {
        let name = source.strip_prefix("media:")?;
        pictures.iter().find(|p| p.name == name).map(|p| p.bytes.clone())
    }
}

fn boxed(label: &str, source: &str, context: &str, report: &Report, warnings: &mut Vec<String>) -> Vec<Block> {
    let mut blocks = vec![para(vec![Inline::bold(label.to_string())])];
    blocks.extend(markdown_with(source, context, &picture_resolver(report), warnings));
    blocks
}

/// "Open report", "Exempt report: paragraph 3 ..." or "Open report with appendices
/// 2 and 3 not for publication". The appendix numbers are not sensitive; their titles might be.
fn access_line(item_access: &Access, report: &Report) -> String {
    match item_access.statement() {
        // "Exempt: paragraph 3 ..." becomes "Exempt report: paragraph 3 ...".
        Some(statement) => match statement.strip_prefix("Exempt: ") {
            Some(rest) => format!("Exempt report: {rest}"),
            None => format!("Report not for publication: {statement}"),
        },
        None => {
            let exempt: Vec<String> = report
                .appendices
                .iter()
                .enumerate()
                .filter(|(_, a)| a.access.is_restricted())
                .map(|(i, _)| (i + 1).to_string())
                .collect();
            match exempt.len() {
                0 => "Open report".into(),
                1 => format!("Open report with appendix {} not for publication", exempt[0]),
                _ => format!("Open report with appendices {} not for publication", crate::text::join_names(&exempt)),
            }
        }
    }
}

fn authors(report: &Report) -> (String, Vec<Inline>) {
    let names: Vec<String> = report
        .authors
        .iter()
        .map(|p| if p.job_title.is_empty() { p.name.clone() } else { format!("{}, {}", p.name, p.job_title) })
        .collect();
    let mut contact = vec![Inline::bold("Contact Details: ")];
    let mut first = true;
    for person in &report.authors {
        if !person.phone.is_empty() {
            if !first {
                contact.push(Inline::LineBreak);
            }
            contact.push(Inline::plain(format!("Tel: {}", person.phone)));
            first = false;
        }
        if !person.email.is_empty() {
            if !first {
                contact.push(Inline::LineBreak);
            }
            contact.push(Inline::plain("E-mail: "));
            contact.push(Inline::Text(Text {
                text: person.email.clone(),
                style: TextStyle::default(),
                link: Some(LinkTarget::External(format!("mailto:{}", person.email))),
            }));
            first = false;
        }
    }
    (names.join("; "), contact)
}

/// The cover sheet table, body, background papers and list of appendices.
pub fn report_paper(
    bundle: &MeetingBundle,
    item_access: &Access,
    report: &Report,
    edition: Edition,
    warnings: &mut Vec<String>,
) -> Document {
    let context = format!("report \"{}\"", report.title);
    let addressed_to = report.addressed_to.clone().unwrap_or_else(|| bundle.committee.name.clone());
    let date = report.cover_date.unwrap_or_else(|| bundle.meeting.date());
    let mut blocks = vec![
        heading(1, vec![Inline::plain(addressed_to.to_uppercase())]),
        para(vec![Inline::bold(plain_date(date))]),
    ];
    let (author_names, contact) = authors(report);
    let decision = match report.decision {
        DecisionType::ForInformation => "For information",
        DecisionType::ForDecision => "For decision",
    };
    // Rows whose fields are empty are left out: a report carried from elsewhere (seed 002's
    // urgent item) has no cover data, and empty ruled boxes read as missing information.
    let mut rows = vec![Row { cells: vec![cell(labelled("Title:", &report.title), 2)] }];
    if !report.report_of.trim().is_empty() {
        rows.push(Row { cells: vec![cell(vec![para(vec![Inline::bold(report.report_of.clone())])], 2)] });
    }
    rows.push(Row {
        cells: vec![
            cell(vec![para(vec![Inline::bold(access_line(item_access, report))])], 1),
            cell(vec![para(vec![Inline::bold(decision)])], 1),
        ],
    });
    if !report.wards_affected.trim().is_empty() {
        rows.push(Row {
            cells: vec![
                cell(labelled("Wards affected:", &report.wards_affected), 1),
                cell(labelled("Key decision:", if report.key_decision { "Yes" } else { "No" }), 1),
            ],
        });
    }
    if !report.authors.is_empty() {
        rows.push(Row { cells: vec![cell(labelled("Report author:", &author_names), 1), cell(vec![para(contact)], 1)] });
    }
    if !report.accountable_director.trim().is_empty() {
        rows.push(Row { cells: vec![cell(labelled("Accountable Director:", &report.accountable_director), 2)] });
    }
    if !report.summary.trim().is_empty() {
        rows.push(Row { cells: vec![cell(boxed("Summary", &report.summary, &context, report, warnings), 2)] });
    }
    if !report.recommendations.trim().is_empty() {
        rows.push(Row { cells: vec![cell(boxed("Recommendation(s)", &report.recommendations, &context, report, warnings), 2)] });
    }
    if !report.reasons.trim().is_empty() {
        rows.push(Row { cells: vec![cell(boxed("Reason(s)", &report.reasons, &context, report, warnings), 2)] });
    }
    blocks.push(Block::Table(Table {
        columns: vec![Column { align: Align::Start, width: Some(0.5) }, Column { align: Align::Start, width: Some(0.5) }],
        header: Vec::new(),
        body: rows,
        ruled: true,
    }));
    blocks.push(Block::Space(6.0));
    let resolve = picture_resolver(report);
    // Clearance sign-offs are printed here, never stored in the body (crate::signoffs).
    let printed = crate::signoffs::printed_body(&report.body, &report.signoffs);
    blocks.extend(markdown_with(&printed, &context, &resolve, warnings));
    // Bodies imported from existing reports often carry these closing sections already;
    // printing them twice would read as a mistake, so the generated ones step aside.
    let body = report.body.to_lowercase();
    if !body.contains("public background papers") {
        let background = if report.background_papers.trim().is_empty() { "None." } else { &report.background_papers };
        blocks.push(para(vec![Inline::bold("Public Background Papers Used in the Preparation of the Report:")]));
        blocks.extend(markdown_with(background, &context, &resolve, warnings));
    }
    if !report.appendices.is_empty() && !body.contains("list of appendices") {
        blocks.push(para(vec![Inline::bold("List of appendices:")]));
        for (index, appendix) in report.appendices.iter().enumerate() {
            let line = if appendix.access.is_restricted() && edition == Edition::Public {
                format!("Appendix {}: {}", index + 1, appendix.access.statement().unwrap_or_default())
            } else {
                format!("Appendix {}: {}", index + 1, appendix.title)
            };
            blocks.push(para(vec![Inline::plain(line)]));
        }
    }
    Document { title: report.title.clone(), blocks, footnotes: Vec::new() }
}

/// A Markdown appendix: "Appendix N" at its head, then its text. PDF appendices get the same
/// words stamped instead (see `furniture`).
pub fn appendix_paper(report: &Report, index: usize, warnings: &mut Vec<String>) -> Option<Document> {
    let appendix = report.appendices.get(index)?;
    let AppendixContent::Markdown { text } = &appendix.content else { return None };
    let mut blocks = vec![para_aligned(vec![Inline::bold(format!("Appendix {}", index + 1))], Align::End, 1.0)];
    blocks.extend(markdown_with(text, &format!("appendix \"{}\"", appendix.title), &picture_resolver(report), warnings));
    Some(Document { title: appendix.title.clone(), blocks, footnotes: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::small_bundle;
    use agendapack_doc::plain_text;

    fn table_texts(doc: &Document) -> Vec<String> {
        let mut out = Vec::new();
        for block in &doc.blocks {
            if let Block::Table(t) = block {
                for row in &t.body {
                    let cells: Vec<String> = row
                        .cells
                        .iter()
                        .map(|c| {
                            c.blocks
                                .iter()
                                .filter_map(|b| match b {
                                    Block::Paragraph(p) => Some(plain_text(&p.content)),
                                    _ => None,
                                })
                                .collect::<Vec<_>>()
                                .join(" ")
                        })
                        .collect();
                    out.push(cells.join(" | "));
                }
            }
        }
        out
    }

    #[test]
    fn cover_sheet_has_the_standard_rows() {
        let bundle = small_bundle();
        let report = bundle.items[3].report.clone().expect("item 4 is a report");
        let doc = report_paper(&bundle, &Access::Public, &report, Edition::Public, &mut Vec::new());
        let rows = table_texts(&doc);
        assert_eq!(rows[0], "Title: Progress update on Street Cleansing", "title row");
        assert_eq!(rows[2], "Open report | For information", "access and decision row");
        assert_eq!(rows[3], "Wards affected: All | Key decision: No", "wards and key decision");
        assert!(rows[4].contains("Lisa Keating, Director My Place") && rows[4].contains("Tel: 020 8227 3369"), "{}", rows[4]);
        assert!(rows.iter().any(|r| r.starts_with("Recommendation(s)")), "recommendations box: {rows:?}");
        match &doc.blocks[0] {
            Block::Heading(h) => assert_eq!(plain_text(&h.content), "OVERVIEW AND SCRUTINY COMMITTEE", "the paper's heading"),
            other => panic!("the paper must start with its heading, found {other:?}"),
        }
    }

    #[test]
    fn public_list_of_appendices_hides_a_restricted_title() {
        let bundle = small_bundle();
        let mut report = bundle.items[3].report.clone().expect("item 4 is a report");
        report.appendices[1].title = "ZQXJ valuation".into();
        report.appendices[1].access = Access::Confidential { public_title: None };
        let public = report_paper(&bundle, &Access::Public, &report, Edition::Public, &mut Vec::new());
        let text = format!("{:?}", public.blocks);
        assert!(!text.contains("ZQXJ"), "a restricted appendix title stays out of the public report");
        assert!(text.contains("Open report with appendix 2 not for publication"), "the cover says an appendix is exempt");
        let full = report_paper(&bundle, &Access::Public, &report, Edition::Full, &mut Vec::new());
        assert!(format!("{:?}", full.blocks).contains("Appendix 2: ZQXJ valuation"), "the full edition lists it");
    }
}
