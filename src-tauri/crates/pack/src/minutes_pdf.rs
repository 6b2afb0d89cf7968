//! A meeting's minutes printed alone (`agendapack minutes --meeting ID --out FILE.pdf`): the
//! same minute blocks as the pack's Minutes item ([`crate::minutes::minutes_blocks`]), with the
//! minutes' standing (draft, confirmed at which meeting with which amendments, signed) at the
//! end, laid out with the house style and "Page N of M" like a document rendered alone.
//!
//! The public edition leaves out every restricted minute's content exactly as the pack does.
//! Deliberately not here: loading the minutes (the caller passes them) and the clock (the PDF
//! date comes in [`MinutesPdfOptions::creation_date`]).

use agendapack_doc::{Document, Inline};
use agendapack_layout::{layout, PackStyle};
use agendapack_model::{Meeting, Minutes, MinutesStatus};
use agendapack_pdf::{write_pdf, PdfDate, PdfError, PdfOptions};

use crate::minutes::minutes_blocks;
use crate::plan::Edition;
use crate::render::stamp_page_numbers;
use crate::text::{para, plain_date};

/// How to print the minutes.
#[derive(Debug, Clone)]
pub struct MinutesPdfOptions {
    pub edition: Edition,
    pub style: PackStyle,
    /// None writes no date, so the same minutes always give the same bytes.
    pub creation_date: Option<PdfDate>,
}

impl MinutesPdfOptions {
    pub fn new(edition: Edition) -> MinutesPdfOptions {
        MinutesPdfOptions { edition, style: PackStyle::default(), creation_date: None }
    }
}

/// Printed minutes.
#[derive(Debug, Clone)]
pub struct MinutesPdf {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// Problems found in the minutes' Markdown (the PDF was still made).
    pub warnings: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum MinutesPdfError {
    #[error("the minutes PDF could not be written: {0}")]
    Pdf(#[from] PdfError),
}

/// The document: the minutes, then a line saying where they stand.
pub fn minutes_document(committee: &str, meeting: &Meeting, minutes: &Minutes, edition: Edition, warnings: &mut Vec<String>) -> Document {
    let mut blocks = minutes_blocks(committee, meeting.date(), minutes, edition, warnings);
    let standing = match (minutes.status, &minutes.confirmation) {
        (MinutesStatus::Draft, _) => "Draft minutes: not yet published or confirmed.".to_string(),
        (MinutesStatus::PublishedDraft, _) => "Draft minutes, to be confirmed at the next meeting.".to_string(),
        (_, Some(c)) => {
            let subject = if c.amendments.is_empty() {
                String::new()
            } else {
                format!(", subject to the following amendments: {}", c.amendments.join("; "))
            };
            format!("Confirmed as a correct record at the meeting held on {}{subject}.", plain_date(c.meeting_date))
        }
        (_, None) => "Confirmed as a correct record.".to_string(),
    };
    blocks.push(para(vec![Inline::italic(standing)]));
    if let Some(signed) = minutes.signed_on {
        blocks.push(para(vec![Inline::plain(format!("Signed by the Chair on {}.", plain_date(signed)))]));
    }
    Document { title: format!("Minutes of {}, {}", committee, plain_date(meeting.date())), blocks, footnotes: Vec::new() }
}

/// The minutes as PDF bytes.
pub fn minutes_pdf(committee: &str, meeting: &Meeting, minutes: &Minutes, options: &MinutesPdfOptions) -> Result<MinutesPdf, MinutesPdfError> {
    let mut warnings = Vec::new();
    let doc = minutes_document(committee, meeting, minutes, options.edition, &mut warnings);
    let mut laid_out = layout(&doc, &options.style);
    stamp_page_numbers(&mut laid_out, &options.style);
    let pdf_options = PdfOptions { title: doc.title.clone(), creation_date: options.creation_date, ..PdfOptions::default() };
    let pdf = write_pdf(&laid_out, &pdf_options)?;
    Ok(MinutesPdf { pages: laid_out.pages.len(), pdf, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::small_bundle;
    use agendapack_model::{Access, Confirmation, ExemptParagraph, MinuteAction, RecordedVote};

    #[test]
    fn public_minutes_pdf_has_no_trace_of_an_exempt_minute() {
        let mut bundle = small_bundle();
        let previous = bundle.previous.as_mut().expect("previous");
        let entry = &mut previous.minutes.entries[1];
        entry.heading = "QWZX heading".into();
        entry.resolutions = vec!["QWZX resolution".into()];
        entry.votes.push(RecordedVote { motion: "QWZX".into(), in_favour: vec!["QWZX".into()], against: vec![], abstained: vec![] });
        entry.actions.push(MinuteAction { text: "QWZX".into(), owner: "QWZX".into(), due: None, done: false });
        entry.access = Access::Exempt { paragraphs: vec![ExemptParagraph::new(1).expect("exists")], public_title: None };
        let (meeting, minutes) = (&previous.meeting, &previous.minutes);
        let public = minutes_pdf("Overview and Scrutiny Committee", meeting, minutes, &MinutesPdfOptions::new(Edition::Public))
            .unwrap_or_else(|e| panic!("the public minutes must print: {e}"));
        assert!(public.pdf.starts_with(b"%PDF-"), "the output is a PDF");
        let words = crate::testdata::block_texts(&minutes_document("C", meeting, minutes, Edition::Public, &mut Vec::new())).join(" ");
        assert!(!words.contains("QWZX"), "the public document carries nothing of the exempt minute");
        // The streams are compressed; the CLI test (src-tauri/tests/cli_minutes.rs) reads the
        // text back with pdftotext. Here: no uncompressed string (title, outline) has it.
        assert!(!String::from_utf8_lossy(&public.pdf).contains("QWZX"), "no plain string of the public PDF has the marker");
        let full = minutes_document("C", meeting, minutes, Edition::Full, &mut Vec::new());
        assert!(crate::testdata::block_texts(&full).join(" ").contains("QWZX heading"), "the full edition prints it");
    }

    #[test]
    fn the_minutes_pdf_is_a_tagged_pdf() {
        let bundle = small_bundle();
        let previous = bundle.previous.as_ref().expect("previous");
        let printed = minutes_pdf("Overview and Scrutiny Committee", &previous.meeting, &previous.minutes, &MinutesPdfOptions::new(Edition::Public))
            .unwrap_or_else(|e| panic!("the minutes must print: {e}"));
        let report = agendapack_pdf::check_tags(&printed.pdf).unwrap_or_else(|e| panic!("the checker must read the minutes: {e}"));
        assert!(report.is_ok(), "printed minutes must pass the tagged-PDF checker like every other PDF:\n{}", report.problems.join("\n"));
        assert_eq!(report.heading_levels.first(), Some(&1), "MINUTES OF ... is the first heading");
    }

    #[test]
    fn confirmed_minutes_say_where_and_with_what_amendments() {
        let bundle = small_bundle();
        let previous = bundle.previous.as_ref().expect("previous");
        let mut minutes = previous.minutes.clone();
        minutes.status = MinutesStatus::Signed;
        minutes.confirmation = Some(Confirmation {
            meeting_date: chrono::NaiveDate::from_ymd_opt(2020, 12, 2).expect("date"),
            amendments: vec!["the removal of the letter 'u' under item 18".into()],
        });
        minutes.signed_on = chrono::NaiveDate::from_ymd_opt(2020, 12, 2);
        let doc = minutes_document("Overview and Scrutiny Committee", &previous.meeting, &minutes, Edition::Public, &mut Vec::new());
        let text = crate::testdata::block_texts(&doc).join("\n");
        assert!(text.contains("Confirmed as a correct record at the meeting held on 2 December 2020, subject to the following amendments: the removal of the letter 'u' under item 18."), "{text}");
        assert!(text.contains("Signed by the Chair on 2 December 2020."), "{text}");
        let again = minutes_pdf("O", &previous.meeting, &minutes, &MinutesPdfOptions::new(Edition::Full)).map(|p| p.pdf).ok();
        let once = minutes_pdf("O", &previous.meeting, &minutes, &MinutesPdfOptions::new(Edition::Full)).map(|p| p.pdf).ok();
        assert!(again.is_some() && again == once, "the same minutes give the same bytes");
    }
}
