//! Attached PDFs: refused when unusable (with a sentence the user can act on), merged page by
//! page with their text still extractable and our stamp on top.

mod common;

use std::process::Command;
use std::sync::Arc;

use agendapack_layout::fonts::FontId;
use agendapack_layout::{LaidOut, Placed, Tag};
use agendapack_pdf::{inspect_attachment, write_pdf, AttachmentError, PdfOptions};
use common::*;

/// A 10-page "Word document" made by our own writer, pages A4 portrait.
fn ten_page_appendix() -> Vec<u8> {
    let pages = (1..=10)
        .map(|n| {
            page(vec![Placed::Text(run(
                FontId::SansRegular,
                12.0,
                72.0,
                100.0,
                &format!("Appendix body text on page {n}"),
                para(0),
            ))])
        })
        .collect();
    write_pdf(&LaidOut { pages, ..LaidOut::default() }, &PdfOptions::default()).expect("appendix is written")
}

fn pack_with_appendix(appendix: &Arc<Vec<u8>>) -> LaidOut {
    let mut pages = vec![page(vec![Placed::Text(run(FontId::SansBold, 14.0, 72.0, 80.0, "Agenda item 5", para(0)))])];
    for i in 0..10 {
        pages.push(imported(appendix, i, &format!("Page {}", i + 2)));
    }
    LaidOut { pages, ..LaidOut::default() }
}

#[test]
fn imported_pages_keep_their_text_and_get_the_stamp() {
    let appendix = Arc::new(ten_page_appendix());
    let bytes = write_pdf(&pack_with_appendix(&appendix), &PdfOptions::default()).expect("pack is written");
    qpdf_check(&bytes);
    for n in 2..=11 {
        let text = pdftotext(&bytes, n, n);
        assert!(
            text.contains(&format!("Appendix body text on page {}", n - 1)),
            "page {n} must still carry the appendix's own extractable text:\n{text}"
        );
        assert!(text.contains(&format!("Page {n}")), "page {n} must carry the pack's stamp:\n{text}");
    }
    let (_, info) = tool("pdfinfo", &[], &bytes);
    assert!(info.contains("Pages:           11"), "one pack page and ten appendix pages:\n{info}");
}

#[test]
fn a_source_is_copied_once_however_many_pages_it_gives() {
    let appendix = Arc::new(ten_page_appendix());
    let bytes = write_pdf(&pack_with_appendix(&appendix), &PdfOptions::default()).expect("pack is written");
    let (_, fonts) = tool("pdffonts", &[], &bytes);
    let appendix_fonts = fonts.lines().filter(|l| l.contains("LiberationSans ") || l.contains("+LiberationSans  ")).count();
    // Our regular face for stamps, and the appendix's own regular face: shared by its pages.
    assert!(appendix_fonts <= 2, "the appendix font must be copied once, not once per page:\n{fonts}");
}

#[test]
fn merging_is_deterministic() {
    let appendix = Arc::new(ten_page_appendix());
    let doc = pack_with_appendix(&appendix);
    let first = write_pdf(&doc, &PdfOptions::default()).expect("written");
    let second = write_pdf(&doc, &PdfOptions::default()).expect("written");
    assert_eq!(first, second, "the same pack and appendix must give the same bytes");
}

#[test]
fn inspect_reports_pages_and_sizes() {
    let info = inspect_attachment(&ten_page_appendix()).expect("our own PDF is a fine attachment");
    assert_eq!(info.pages, 10, "ten pages were written");
    assert_eq!(info.sizes.len(), 10, "one size per page");
    let (w, h) = info.sizes[0];
    assert!((w - A4.0).abs() < 0.01 && (h - A4.1).abs() < 0.01, "pages are A4 portrait, got {w} x {h}");
}

#[test]
fn garbage_is_not_a_pdf() {
    let err = inspect_attachment(b"PK\x03\x04 this is a Word file, not a PDF").err();
    assert_eq!(err, Some(AttachmentError::NotPdf), "a zip file must be refused as not a PDF");
    let message = AttachmentError::NotPdf.to_string();
    assert!(message.starts_with("The file is not a PDF"), "the message names the problem: {message}");
}

#[test]
fn truncated_pdf_is_damaged() {
    let bytes = ten_page_appendix();
    let cut = &bytes[..bytes.len() * 2 / 3];
    match inspect_attachment(cut) {
        Err(AttachmentError::Damaged(reason)) => assert!(!reason.is_empty(), "the reason is given"),
        other => panic!("a PDF cut to two thirds must be refused as damaged, got {other:?}"),
    }
}

#[test]
fn damaged_cross_reference_is_refused() {
    let mut bytes = ten_page_appendix();
    // Overwrite the middle of the file (objects and streams) with junk, keeping the ends.
    let middle = bytes.len() / 2;
    for b in &mut bytes[middle - 2000..middle + 2000] {
        *b = b'#';
    }
    assert!(inspect_attachment(&bytes).is_err(), "a PDF with a smashed middle must not be accepted");
}

#[test]
fn encrypted_pdf_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plain = dir.path().join("in.pdf");
    let locked = dir.path().join("out.pdf");
    std::fs::write(&plain, ten_page_appendix()).expect("write");
    let status = Command::new("qpdf")
        .args(["--encrypt", "user", "owner", "256", "--"])
        .arg(&plain)
        .arg(&locked)
        .status()
        .expect("qpdf runs");
    assert!(status.success(), "qpdf must encrypt the test file");
    let bytes = std::fs::read(&locked).expect("read encrypted");
    assert_eq!(inspect_attachment(&bytes).err(), Some(AttachmentError::Encrypted), "password-protected PDFs are refused");

    // Owner-password-only files open without a password but are still encrypted.
    let owner_only = dir.path().join("owner.pdf");
    let status = Command::new("qpdf")
        .args(["--encrypt", "", "owner", "256", "--"])
        .arg(&plain)
        .arg(&owner_only)
        .status()
        .expect("qpdf runs");
    assert!(status.success(), "qpdf must encrypt the test file");
    let bytes = std::fs::read(&owner_only).expect("read encrypted");
    assert_eq!(inspect_attachment(&bytes).err(), Some(AttachmentError::Encrypted), "encrypted PDFs are refused");
}

#[test]
fn missing_source_page_is_an_error_not_a_panic() {
    let appendix = Arc::new(ten_page_appendix());
    let doc = LaidOut { pages: vec![imported(&appendix, 10, "Page 1")], ..LaidOut::default() };
    let err = write_pdf(&doc, &PdfOptions::default()).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("no page 11"), "asking for page 11 of 10 names the page: {err}");
}

#[test]
fn imported_page_without_stamp_is_kept_as_is() {
    let appendix = Arc::new(ten_page_appendix());
    let mut page = imported(&appendix, 3, "");
    page.items.clear();
    let doc = LaidOut { pages: vec![page], ..LaidOut::default() };
    let bytes = write_pdf(&doc, &PdfOptions::default()).expect("written");
    qpdf_check(&bytes);
    assert!(pdftotext(&bytes, 1, 1).contains("page 4"), "the fourth appendix page is the one imported");
    let _ = Tag::ARTIFACT;
}

/// Renders page 1 at 72 dpi in grey (as displayed, rotation applied) and returns its size
/// and the number of dark pixels inside `area` (x0, y0, x1, y1; top-left origin).
fn dark_pixels(bytes: &[u8], area: (usize, usize, usize, usize)) -> (usize, usize, usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("in.pdf");
    std::fs::write(&pdf, bytes).expect("write");
    let out = dir.path().join("page");
    let status = Command::new("pdftoppm")
        .args(["-r", "72", "-gray", "-singlefile", "-f", "1", "-l", "1"])
        .arg(&pdf)
        .arg(&out)
        .status()
        .expect("pdftoppm runs");
    assert!(status.success(), "pdftoppm must render the page");
    let pgm = std::fs::read(dir.path().join("page.pgm")).expect("rendered page");
    // Binary PGM: "P5", width, height, maxval, one whitespace byte, then the pixels.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&pgm[start..at]).into_owned());
    }
    let pixels = &pgm[at + 1..];
    let (w, h): (usize, usize) = (fields[1].parse().expect("width"), fields[2].parse().expect("height"));
    let mut dark = 0;
    for y in area.1..area.3.min(h) {
        for x in area.0..area.2.min(w) {
            if pixels[y * w + x] < 128 {
                dark += 1;
            }
        }
    }
    (w, h, dark)
}

#[test]
fn stamp_lands_where_placed_on_a_rotated_attachment() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plain = dir.path().join("in.pdf");
    let turned = dir.path().join("turned.pdf");
    std::fs::write(&plain, ten_page_appendix()).expect("write");
    let status = Command::new("qpdf").arg(&plain).arg(&turned).arg("--rotate=+90:1-10").status().expect("qpdf runs");
    assert!(status.success(), "qpdf must rotate the test file");
    let source = Arc::new(std::fs::read(&turned).expect("read"));
    let info = inspect_attachment(&source).expect("rotated file is fine");
    let (w, h) = info.sizes[0];
    assert!((w - A4.1).abs() < 0.01 && (h - A4.0).abs() < 0.01, "a rotated A4 page is displayed landscape, got {w} x {h}");

    let mut page = imported(&source, 0, "Page 7");
    page.width = w;
    page.height = h;
    if let Some(Placed::Text(stamp)) = page.items.first_mut() {
        stamp.origin.x = 700.0;
        stamp.origin.y = 580.0;
    }
    let bytes = write_pdf(&LaidOut { pages: vec![page], ..LaidOut::default() }, &PdfOptions::default()).expect("written");
    qpdf_check(&bytes);
    let (width, height, at_stamp) = dark_pixels(&bytes, (699, 571, 740, 581));
    assert!(width > height, "the page is shown landscape ({width} x {height})");
    assert!(at_stamp > 30, "the stamp is drawn upright just above the baseline (700, 580), found {at_stamp} dark pixels");
    let (_, _, above) = dark_pixels(&bytes, (699, 540, 740, 568));
    assert_eq!(above, 0, "nothing is drawn just above the stamp (a rotated stamp would be)");
    assert!(pdftotext(&bytes, 1, 1).contains("Appendix body text on page 1"), "the rotated page keeps its text");
}

#[test]
fn an_attachment_made_by_another_producer_merges() {
    // qpdf rewrites our file with object streams and a different object layout, which is
    // closer to what Word and LibreOffice write than our own output.
    let dir = tempfile::tempdir().expect("temp dir");
    let plain = dir.path().join("in.pdf");
    let other = dir.path().join("other.pdf");
    std::fs::write(&plain, ten_page_appendix()).expect("write");
    let status = Command::new("qpdf")
        .args(["--object-streams=generate", "--compress-streams=y"])
        .arg(&plain)
        .arg(&other)
        .status()
        .expect("qpdf runs");
    assert!(status.success(), "qpdf must rewrite the test file");
    let source = Arc::new(std::fs::read(&other).expect("read"));
    assert_eq!(inspect_attachment(&source).map(|i| i.pages), Ok(10), "the rewritten file still has ten pages");
    let bytes = write_pdf(&pack_with_appendix(&source), &PdfOptions::default()).expect("written");
    qpdf_check(&bytes);
    assert!(pdftotext(&bytes, 6, 6).contains("Appendix body text on page 5"), "text of a page from an object-stream PDF survives");
}
