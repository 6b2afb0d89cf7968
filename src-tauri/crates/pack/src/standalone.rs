//! A generated paper printed on its own, outside a pack (a tracker, the forward plan): layout
//! on A4 landscape, because both are wide tables, "Page N of M" in the footer, then PDF.
//!
//! Deliberately not here: the pack's furniture (running heads, odd-page starts, pack page
//! numbers); a paper that goes into a pack as an appendix is laid out by the pack instead.

use agendapack_doc::Document;
use agendapack_layout::{layout, PackStyle};
use agendapack_pdf::PdfDate;

use crate::render::{pdf_stage, stamp_page_numbers, RenderError, RenderOptions};

/// A rendered stand-alone paper.
#[derive(Debug, Clone)]
pub struct StandalonePdf {
    pub pdf: Vec<u8>,
    pub pages: usize,
}

/// The house style turned to A4 landscape, with 10 pt text: these papers are dense tables
/// (seeds 000 and 004 print theirs at about that size), and 12 pt doubled their page count.
pub fn landscape_style() -> PackStyle {
    let portrait = PackStyle::default();
    PackStyle {
        page_width: portrait.page_height,
        page_height: portrait.page_width,
        body_size: 10.0,
        heading_sizes: [16.0, 13.0, 11.0, 10.0, 10.0, 10.0],
        ..portrait
    }
}

/// Lays the document out on A4 landscape and writes it; `creation_date` comes from the caller
/// (never the clock) so that the same data gives the same bytes.
pub fn landscape_pdf(document: &Document, creation_date: Option<PdfDate>) -> Result<StandalonePdf, RenderError> {
    let mut options = RenderOptions::new(&document.title);
    options.style = landscape_style();
    options.creation_date = creation_date;
    let mut laid_out = layout(document, &options.style);
    stamp_page_numbers(&mut laid_out, &options.style);
    let pdf = pdf_stage(&laid_out, &document.title, &options)?;
    Ok(StandalonePdf { pdf, pages: laid_out.pages.len() })
}
