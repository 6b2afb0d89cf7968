//! Pages written ahead of the rest of the file ([`draw_ahead`], what a pack does with each
//! paper as soon as it is laid out) give exactly the file the whole document would have given.

mod common;

use std::sync::Arc;

use agendapack_doc::markdown::{parse, ParseOptions};
use agendapack_layout::fonts::FontId;
use agendapack_layout::{layout, PackStyle, Placed, Rect, Tag};
use agendapack_pdf::{check_tags, draw_ahead, write_pdf, write_pdf_owned, PdfOptions};
use common::{image_item, pdftotext, png, run, sampler};

/// A real paper: headings that start below level 1, a list, a table with shared borders,
/// a ligature ("ffi"), Welsh, a footnote.
const SOURCE: &str = "### Report of the Director of Finance

The office reviewed the *final* figures for the efficient fficial fund; **officers** recommend:

1. that the budget be approved;
2. that the fees in Appendix A be noted.[^1]

| Service | 2024/25 | 2025/26 |
| --- | ---: | ---: |
| Libraries | £1,200 | £1,250 |
| Parks | £800 | £820 |

#### Consultation

[Croeso i'r cyfarfod]{lang=cy} – ŵ ŷ â, € “quoted” …

[^1]: As set out at the meeting of 12 March.
";

fn paper() -> agendapack_layout::LaidOut {
    let parsed = parse(SOURCE, &ParseOptions::new("Report"));
    let mut laid = layout(&parsed.document, &PackStyle::default());
    // Pages long enough for several batches.
    let one = laid.clone();
    for _ in 0..5 {
        laid.append(one.clone());
    }
    laid
}

#[test]
fn a_document_drawn_ahead_gives_the_same_bytes() {
    for (name, doc) in [("laid-out paper", paper()), ("sampler", with_image(sampler()))] {
        let options = PdfOptions::default();
        let whole = write_pdf(&doc, &options).expect("written whole");
        let mut ahead = doc.clone();
        draw_ahead(&mut ahead, options.compression_level);
        assert!(ahead.pages.iter().all(|p| p.items.is_empty() && p.drawn.is_some()), "{name}: every page drawn, its items freed");
        assert_eq!(write_pdf(&ahead, &options).expect("written after drawing ahead"), whole, "{name}: borrowed pages");
        assert_eq!(write_pdf_owned(ahead, &options).expect("and owned"), whole, "{name}: owned pages");
    }
}

#[test]
fn stamps_placed_after_drawing_ahead_go_on_top() {
    let mut doc = paper();
    draw_ahead(&mut doc, 4);
    for (n, page) in doc.pages.iter_mut().enumerate() {
        page.items.push(Placed::Text(run(FontId::SansRegular, 9.0, 280.0, 810.0, &format!("Page {}", n + 1), Tag::ARTIFACT)));
    }
    let pages = doc.pages.len();
    let bytes = write_pdf(&doc, &PdfOptions { title: "Report".to_owned(), ..PdfOptions::default() }).expect("written");
    let report = check_tags(&bytes).expect("readable");
    assert!(report.is_ok(), "tags: {:?}", report.problems);
    let text = pdftotext(&bytes, 1, pages);
    assert!(text.contains("efficient fficial"), "the ligature reads as its letters: {text}");
    assert!(text.contains(&format!("Page {pages}")), "the last page's stamp: {text}");
    let body = text.find("Croeso").expect("the Welsh passage");
    assert!(text[body..].contains("Page"), "the stamp comes after the page's own text");
}

fn with_image(mut doc: agendapack_layout::LaidOut) -> agendapack_layout::LaidOut {
    let data = Arc::new(png(40, 30, true));
    doc.pages[2].items.push(image_item(&data, Rect { x: 56.7, y: 300.0, width: 160.0, height: 120.0 }));
    // The same bytes behind another Arc are the same image.
    doc.pages[1].items.push(image_item(&Arc::new((*data).clone()), Rect { x: 56.7, y: 400.0, width: 80.0, height: 60.0 }));
    doc
}
