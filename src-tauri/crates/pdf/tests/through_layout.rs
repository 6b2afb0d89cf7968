//! The writer fed by the real layout engine (Markdown → document tree → pages → PDF): what
//! the pack will actually do.

mod common;

use agendapack_doc::markdown::{parse, ParseOptions};
use agendapack_layout::{layout, PackStyle};
use agendapack_pdf::{write_pdf, PdfOptions};
use common::{pdftotext, qpdf_check, tool};

const SOURCE: &str = "# Report of the Director of Finance

## 1. Purpose

Cymraeg: ŵ ŷ â, £ € – — ‘ ’ “ ” …

The office reviewed the *final* figures, and **officers** recommend the following:

1. that the budget be approved;
2. that the fees and charges in Appendix A be noted.

| Service | 2020/21 | 2021/22 |
|---------|---------|---------|
| Waste   | £1,200  | £1,250  |
| Parks   | £800    | £820    |

## 2. Background

";

fn document(paragraphs: usize) -> agendapack_layout::LaidOut {
    let mut source = SOURCE.to_owned();
    for n in 0..paragraphs {
        source.push_str(&format!(
            "Paragraph {n}: the Committee considered the financial implications, including the effect on the council tax base and the reserves held for future years.\n\n"
        ));
    }
    let parsed = parse(&source, &ParseOptions::new("Report"));
    layout(&parsed.document, &PackStyle::default())
}

#[test]
fn laid_out_report_is_valid_and_extractable() {
    let laid = document(120);
    assert!(laid.pages.len() > 3, "120 paragraphs fill several pages, got {}", laid.pages.len());
    let bytes = write_pdf(&laid, &PdfOptions::default()).expect("layout output is written");
    qpdf_check(&bytes);
    let text = pdftotext(&bytes, 1, 1);
    assert!(
        text.contains("Cymraeg: ŵ ŷ â, £ € – — ‘ ’ “ ” …"),
        "shaped text from layout must extract exactly:\n{text}"
    );
    assert!(text.contains("officers recommend"), "bold inline text extracts with its spaces:\n{text}");
    let last = laid.pages.len();
    let tail = pdftotext(&bytes, last, last);
    assert!(tail.contains("Paragraph 119"), "the last paragraph is on the last page:\n{tail}");
    let (_, fonts) = tool("pdffonts", &[], &bytes);
    for line in fonts.lines().skip(2).filter(|l| !l.trim().is_empty()) {
        assert!(line.contains("yes yes yes"), "every font is an embedded subset with a Unicode map: {line}");
    }
}

#[test]
fn laid_out_report_outline_matches_headings() {
    let laid = document(10);
    let bytes = write_pdf(&laid, &PdfOptions::default()).expect("layout output is written");
    let pdf = lopdf::Document::load_mem(&bytes).expect("re-read");
    let outline_count = pdf
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Outlines").ok())
        .and_then(|o| o.as_reference().ok())
        .and_then(|id| pdf.get_dictionary(id).ok())
        .and_then(|d| d.get(b"Count").ok())
        .and_then(|c| c.as_i64().ok());
    assert_eq!(outline_count, Some(laid.outline.len() as i64), "every outline entry of layout becomes a bookmark");
}
