//! Rendering one Markdown document alone (`agendapack render`), so that an author can check a
//! report before it goes into a pack: parse → layout → "Page N of M" in the footer → PDF.
//!
//! Each stage is a public function of its own ([`parse_stage`], [`layout_stage`],
//! [`stamp_page_numbers`], [`pdf_stage`]) so that the benchmark can time them separately;
//! [`render_markdown`] chains them. Nothing here reads files or the clock: images come through
//! [`RenderOptions::resolve_image`] and the PDF date through [`RenderOptions::creation_date`].
//! It deliberately adds no other furniture (no running head, no DRAFT mark): that is the
//! pack's job.

use agendapack_doc::markdown::{self, Diagnostic, ParseOptions, Parsed};
use agendapack_doc::Align;
use agendapack_layout::fonts::FontId;
use agendapack_layout::{layout, text_run, LaidOut, PackStyle, Placed, Point, Tag};
use agendapack_pdf::{write_pdf, PdfDate, PdfError, PdfOptions};

/// Size of the "Page N of M" footer, in points.
pub const FOOTER_SIZE: f32 = 10.0;

/// What rendering needs from its caller.
pub struct RenderOptions<'a> {
    /// The title when the document has no level-1 heading (the CLI passes the file stem).
    pub fallback_title: &'a str,
    /// Encoded PNG or JPEG bytes of the image named in `![alt](src)`, or None if missing.
    pub resolve_image: &'a dyn Fn(&str) -> Option<Vec<u8>>,
    /// Page size, margins and type sizes.
    pub style: PackStyle,
    /// Written as the PDF's creation date; None writes no date, so the same Markdown always
    /// gives the same bytes.
    pub creation_date: Option<PdfDate>,
}

impl<'a> RenderOptions<'a> {
    /// The house style, no images, no date.
    pub fn new(fallback_title: &'a str) -> RenderOptions<'a> {
        RenderOptions { fallback_title, resolve_image: &|_| None, style: PackStyle::default(), creation_date: None }
    }
}

/// A rendered document.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub pdf: Vec<u8>,
    /// Problems found in the Markdown (the PDF was still made).
    pub diagnostics: Vec<Diagnostic>,
    pub pages: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the PDF could not be written: {0}")]
    Pdf(#[from] PdfError),
}

/// Markdown to PDF bytes. Problems in the Markdown are diagnostics, not errors; the only
/// error is a PDF that cannot be written.
pub fn render_markdown(source: &str, options: &RenderOptions) -> Result<Rendered, RenderError> {
    let parsed = parse_stage(source, options);
    let mut laid_out = layout_stage(&parsed, options);
    stamp_page_numbers(&mut laid_out, &options.style);
    let pdf = pdf_stage(&laid_out, &parsed.document.title, options)?;
    Ok(Rendered { pdf, diagnostics: parsed.diagnostics, pages: laid_out.pages.len() })
}

/// Stage 1: Markdown to document tree.
pub fn parse_stage(source: &str, options: &RenderOptions) -> Parsed {
    markdown::parse(source, &ParseOptions { resolve_image: options.resolve_image, fallback_title: options.fallback_title })
}

/// Stage 2: document tree to pages.
pub fn layout_stage(parsed: &Parsed, options: &RenderOptions) -> LaidOut {
    layout(&parsed.document, &options.style)
}

/// Stage 3: "Page N of M" centred in the bottom margin of every page, as page furniture
/// (an artifact, not content, for tagged PDF).
pub fn stamp_page_numbers(laid_out: &mut LaidOut, style: &PackStyle) {
    let total = laid_out.pages.len();
    // Half way down the bottom margin, so the footer never touches the text area.
    let baseline = style.page_height - style.margin_bottom / 2.0 + FOOTER_SIZE / 3.0;
    let left = style.margin_left;
    let width = style.page_width - style.margin_left - style.margin_right;
    for (index, page) in laid_out.pages.iter_mut().enumerate() {
        let text = format!("Page {} of {}", index + 1, total);
        let run = text_run(&text, FontId::SansRegular, FOOTER_SIZE, Point { x: left, y: baseline }, Align::Center, width, Tag::ARTIFACT);
        page.items.push(Placed::Text(run));
    }
}

/// Stage 4: pages to PDF bytes, with the document's title and British English as its language.
pub fn pdf_stage(laid_out: &LaidOut, title: &str, options: &RenderOptions) -> Result<Vec<u8>, RenderError> {
    let pdf_options = PdfOptions {
        title: title.to_string(),
        lang: "en-GB".to_string(),
        creation_date: options.creation_date,
        ..PdfOptions::default()
    };
    Ok(write_pdf(laid_out, &pdf_options)?)
}

#[cfg(test)]
mod tests {
    use super::{render_markdown, RenderOptions};
    use agendapack_layout::Placed;

    #[test]
    fn renders_with_footer_and_diagnostics() {
        let source = "# Report\n\nSome text with ![](missing.png) an image.\n\n\\newpage\n\nMore.\n";
        let rendered = match render_markdown(source, &RenderOptions::new("stem")) {
            Ok(r) => r,
            Err(e) => panic!("a small document must render: {e}"),
        };
        assert!(rendered.pdf.starts_with(b"%PDF-"), "the output is a PDF file");
        assert_eq!(rendered.pages, 2, "the explicit page break gives a second page");
        let messages: Vec<&str> = rendered.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert!(messages.iter().any(|m| m.contains("missing.png")), "the missing image is reported: {messages:?}");
        let again = render_markdown(source, &RenderOptions::new("stem")).map(|r| r.pdf).unwrap_or_default();
        assert!(again == rendered.pdf, "the same Markdown gives the same bytes");
    }

    #[test]
    fn every_page_says_page_n_of_m() {
        let options = RenderOptions::new("stem");
        let parsed = super::parse_stage("a\n\n\\newpage\n\nb\n\n\\newpage\n\nc\n", &options);
        let mut laid_out = super::layout_stage(&parsed, &options);
        super::stamp_page_numbers(&mut laid_out, &options.style);
        let footers: Vec<String> = laid_out
            .pages
            .iter()
            .map(|page| {
                page.items
                    .iter()
                    .filter_map(|item| match item {
                        Placed::Text(run) if run.text.starts_with("Page ") => Some(run.text.clone()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
                    .join("|")
            })
            .collect();
        assert_eq!(footers, ["Page 1 of 3", "Page 2 of 3", "Page 3 of 3"], "one footer per page, counting all pages");
        let style = &options.style;
        for page in &laid_out.pages {
            for item in &page.items {
                if let Placed::Text(run) = item {
                    if run.text.starts_with("Page ") {
                        assert!(run.origin.y > style.page_height - style.margin_bottom, "the footer sits in the bottom margin");
                        assert!(run.origin.y < style.page_height, "the footer is on the page");
                    }
                }
            }
        }
    }
}
