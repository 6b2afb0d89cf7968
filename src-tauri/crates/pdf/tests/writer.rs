//! The writer checked from outside: qpdf and poppler read what we write, fonts are embedded
//! subsets with Unicode maps, text comes back exactly, outline and links point where they
//! should, and the bytes are the same every time.

mod common;

use std::sync::Arc;

use agendapack_layout::fonts::FontId;
use agendapack_layout::{Glyph, LaidOut, Placed, Rect, Tag};
use agendapack_pdf::{write_pdf, write_pdf_owned, PdfDate, PdfOptions};
use common::*;
use lopdf::{Document, Object};

fn options() -> PdfOptions {
    PdfOptions {
        title: "Cabinet – 20 November 2020".to_owned(),
        author: "Example Borough Council".to_owned(),
        subject: "Agenda pack".to_owned(),
        creation_date: Some(PdfDate { year: 2020, month: 11, day: 20, hour: 0, minute: 0, second: 0 }),
        ..PdfOptions::default()
    }
}

fn write(doc: &LaidOut) -> Vec<u8> {
    write_pdf(doc, &options()).expect("a well-formed LaidOut must be written")
}

#[test]
fn sampler_passes_qpdf_check() {
    qpdf_check(&write(&sampler()));
}

#[test]
fn welsh_and_typographic_punctuation_extract_exactly() {
    let text = pdftotext(&write(&sampler()), 1, 1);
    assert!(
        text.lines().any(|l| l.trim() == "Cymraeg: ŵ ŷ â, £ € – — ‘ ’ “ ” …"),
        "the ToUnicode map must give back every character of the run:\n{text}"
    );
    assert!(text.contains("code()"), "mono text must extract too:\n{text}");
}

#[test]
fn ligature_glyph_extracts_as_all_its_letters() {
    let fi = glyph_id(FontId::SansRegular, '\u{fb01}');
    assert_ne!(fi, 0, "Liberation Sans has an fi ligature glyph, which this test relies on");
    let mut shaped = run(FontId::SansRegular, 12.0, 56.7, 100.0, "finance", para(1));
    let rest = shaped.glyphs.split_off(2);
    shaped.glyphs = vec![Glyph { id: fi, advance: 6.7, x_offset: 0.0, y_offset: 0.0, cluster: 0 }];
    shaped.glyphs.extend(rest);
    let doc = LaidOut { pages: vec![page(vec![Placed::Text(shaped)])], ..LaidOut::default() };
    let text = pdftotext(&write(&doc), 1, 1);
    assert_eq!(text.trim(), "finance", "a ligature must map back to the letters of its cluster");
}

#[test]
fn fonts_are_embedded_subsets_with_unicode_maps() {
    let (ok, listing) = tool("pdffonts", &[], &write(&sampler()));
    assert!(ok, "pdffonts must read the file:\n{listing}");
    let fonts: Vec<&str> = listing.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(fonts.len(), 3, "bold, regular and mono are used, so three fonts:\n{listing}");
    for line in fonts {
        let name = line.split_whitespace().next().unwrap_or("");
        let tag_ok = name.len() > 7
            && name.as_bytes()[6] == b'+'
            && name[..6].bytes().all(|b| b.is_ascii_uppercase());
        assert!(tag_ok, "every font needs a six-capital subset tag: {line}");
        assert!(line.contains("CID TrueType") && line.contains("Identity-H"), "fonts are CID TrueType, Identity-H: {line}");
        let flags: Vec<&str> = line.split_whitespace().rev().take(5).collect();
        // Columns from the right: object generation, object number, uni, sub, emb.
        assert_eq!(&flags[2..5], &["yes", "yes", "yes"], "emb, sub and uni must all be yes: {line}");
    }
}

#[test]
fn subset_is_much_smaller_than_the_font() {
    let bytes = write(&sampler());
    assert!(bytes.len() < 120_000, "three subset fonts should stay well under the 1 MB of whole fonts, got {}", bytes.len());
}

#[test]
fn same_input_gives_identical_bytes() {
    let doc = sampler();
    assert_eq!(write(&doc), write(&doc), "output must be deterministic");
}

#[test]
fn outline_is_nested_by_level() {
    let pdf = Document::load_mem(&write(&sampler())).expect("lopdf re-reads the file");
    let catalog = pdf.catalog().expect("catalog");
    assert_eq!(catalog.get(b"PageMode").and_then(Object::as_name).ok(), Some(&b"UseOutlines"[..]), "PageMode must be a name");
    let root = pdf.get_dictionary(catalog.get(b"Outlines").and_then(Object::as_reference).expect("outline root")).expect("root dict");
    let title = |d: &lopdf::Dictionary| {
        let raw = d.get(b"Title").and_then(Object::as_str).expect("title").to_vec();
        lopdf::decode_text_string(&Object::String(raw, lopdf::StringFormat::Literal)).unwrap_or_default()
    };
    let child = |d: &lopdf::Dictionary, key: &[u8]| pdf.get_dictionary(d.get(key).and_then(Object::as_reference).expect("link")).expect("entry");
    let first = child(root, b"First");
    assert_eq!(title(first), "1. Agenda");
    let second = child(first, b"Next");
    assert_eq!(title(second), "2. Minutes");
    let appendix = child(second, b"First");
    assert_eq!(title(appendix), "Appendix A – Budget", "level 1 nests under the preceding level 0");
    let annex = child(appendix, b"First");
    assert_eq!(title(annex), "Annex 1", "level 2 nests under the preceding level 1");
    let third = child(second, b"Next");
    assert_eq!(title(third), "3. Any other business", "a level 0 after nested entries returns to the top");
    assert_eq!(second.get(b"Count").and_then(Object::as_i64).ok(), Some(2), "Minutes has two open descendants");
}

#[test]
fn links_have_no_border_and_the_right_target() {
    let pdf = Document::load_mem(&write(&sampler())).expect("lopdf re-reads the file");
    let pages = pdf.get_pages();
    let first = pdf.get_dictionary(pages[&1]).expect("page 1");
    let annots = first.get(b"Annots").and_then(Object::as_array).expect("page 1 has links");
    assert_eq!(annots.len(), 2, "one internal and one external link");
    let internal = pdf.get_dictionary(annots[0].as_reference().expect("ref")).expect("annot");
    let border: Vec<i64> = internal.get(b"Border").and_then(Object::as_array).expect("border").iter().filter_map(|o| o.as_i64().ok()).collect();
    assert_eq!(border, vec![0, 0, 0], "links must not draw a visible border");
    let dest = internal.get(b"Dest").and_then(Object::as_array).expect("internal links use a destination");
    assert_eq!(dest[0].as_reference().ok(), Some(pages[&2]), "the anchor 'minutes' is on page 2");
    let top = dest[3].as_float().expect("top");
    assert!((top - (A4.1 - 300.0)).abs() < 0.01, "destination top is the anchor's y flipped, got {top}");
    let external = pdf.get_dictionary(annots[1].as_reference().expect("ref")).expect("annot");
    // One action object per link, shared by the areas of every line it spans (issue 14).
    let action_id = external.get(b"A").and_then(Object::as_reference).expect("a reference to the link's URI action");
    let action = pdf.get_dictionary(action_id).expect("URI action");
    assert_eq!(action.get(b"URI").and_then(Object::as_str).ok(), Some(&b"https://example.gov.uk/meetings"[..]));
}

#[test]
fn catalog_and_info_carry_the_options() {
    let bytes = write(&sampler());
    let pdf = Document::load_mem(&bytes).expect("lopdf re-reads the file");
    let catalog = pdf.catalog().expect("catalog");
    assert_eq!(catalog.get(b"Lang").and_then(Object::as_str).ok(), Some(&b"en-GB"[..]));
    assert!(catalog.has(b"PageLabels"), "page labels requested by default");
    let prefs = catalog.get(b"ViewerPreferences").and_then(Object::as_dict).expect("viewer preferences");
    assert_eq!(prefs.get(b"DisplayDocTitle").and_then(Object::as_bool).ok(), Some(true));
    let (_, info) = tool("pdfinfo", &[], &bytes);
    assert!(info.contains("Title:           Cabinet – 20 November 2020"), "title round-trips through UTF-16:\n{info}");
    assert!(info.contains("Producer:        AgendaPack"), "producer is AgendaPack:\n{info}");
    assert!(info.contains("CreationDate:") && info.contains("2020"), "creation date comes from the options:\n{info}");
    assert!(!String::from_utf8_lossy(&bytes).contains("GTS_PDFX"), "no PDF/X claim");
}

#[test]
fn kerned_advances_are_honoured() {
    // The second glyph is pushed 5 pt right of its natural position.
    let mut shaped = run(FontId::SansRegular, 10.0, 100.0, 100.0, "AV", para(1));
    shaped.glyphs[0].advance += 5.0;
    let doc = LaidOut { pages: vec![page(vec![Placed::Text(shaped)])], ..LaidOut::default() };
    let pdf = Document::load_mem(&write(&doc)).expect("lopdf re-reads the file");
    let content = pdf.get_page_content(pdf.get_pages()[&1]);
    let text = String::from_utf8_lossy(&content);
    // The glyph ids go in (literal) strings, the adjustment between them.
    assert!(text.contains(") -500("), "5 pt at 10 pt size is a TJ adjustment of -500 between the glyphs:\n{text}");
}

#[test]
fn identical_images_are_embedded_once_and_downsampled() {
    let big = Arc::new(png(1600, 800, false));
    let same_bytes = Arc::new(big.as_ref().clone());
    let doc = LaidOut {
        pages: vec![page(vec![
            image_item(&big, Rect { x: 56.7, y: 100.0, width: 144.0, height: 72.0 }),
            image_item(&same_bytes, Rect { x: 56.7, y: 300.0, width: 72.0, height: 36.0 }),
            image_item(&Arc::new(png(20, 20, true)), Rect { x: 300.0, y: 100.0, width: 20.0, height: 20.0 }),
        ])],
        ..LaidOut::default()
    };
    let bytes = write(&doc);
    qpdf_check(&bytes);
    let pdf = Document::load_mem(&bytes).expect("lopdf re-reads the file");
    let images: Vec<&lopdf::Dictionary> = pdf
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .map(|s| &s.dict)
        .filter(|d| d.get(b"Subtype").and_then(Object::as_name).ok() == Some(&b"Image"[..]))
        .collect();
    // The gradient (once, though placed twice via different Arcs), the small one, its mask.
    assert_eq!(images.len(), 3, "identical image data must be embedded once");
    let widths: Vec<i64> = images.iter().filter_map(|d| d.get(b"Width").and_then(Object::as_i64).ok()).collect();
    assert!(widths.contains(&400), "1600 px placed at 2 inches is downsampled to 200 dpi = 400 px: {widths:?}");
    assert!(images.iter().any(|d| d.has(b"SMask")), "a PNG with transparency gets a soft mask");
}

#[test]
fn artifacts_and_tagged_content_are_marked() {
    let pdf = Document::load_mem(&write(&sampler())).expect("lopdf re-reads the file");
    let content = pdf.get_page_content(pdf.get_pages()[&1]);
    let text = String::from_utf8_lossy(&content);
    assert!(text.contains("/H1 <</MCID 0>> BDC"), "the heading is the page's first marked content:\n{text}");
    assert!(text.contains("/P <</MCID 1>> BDC"), "the paragraph gets MCID 1:\n{text}");
    assert!(text.contains("/Artifact BMC"), "the rule and shading are artifacts:\n{text}");
}

#[test]
fn empty_document_is_refused() {
    let err = write_pdf(&LaidOut::default(), &PdfOptions::default()).err();
    assert!(err.is_some(), "a PDF needs a page");
}

#[test]
fn runs_with_bad_glyph_ids_or_sizes_do_not_panic() {
    let mut bad = run(FontId::SansRegular, 10.0, 10.0, 10.0, "ok", para(1));
    bad.glyphs[0].id = u16::MAX;
    bad.glyphs[1].advance = f32::NAN;
    let zero = run(FontId::SansRegular, 0.0, 10.0, 30.0, "zero", Tag::ARTIFACT);
    let doc = LaidOut { pages: vec![page(vec![Placed::Text(bad), Placed::Text(zero)])], ..LaidOut::default() };
    qpdf_check(&write(&doc));
}

#[test]
fn a_long_document_passes_qpdf_and_keeps_its_last_page() {
    let doc = text_heavy(120);
    let bytes = write(&doc);
    qpdf_check(&bytes);
    let one = write_pdf(&doc, &PdfOptions { threads: 1, ..options() }).expect("written");
    let parallel = write_pdf(&doc, &PdfOptions { threads: 3, ..options() }).expect("written");
    assert!(one == parallel, "pages drawn on several threads must give the same bytes as on one");
    let owned = write_pdf_owned(doc.clone(), &PdfOptions { threads: 2, ..options() }).expect("written");
    assert!(one == owned, "pages freed as they are drawn must give the same bytes");
    assert!(bytes == one, "a second writing in one process gives the same bytes");
    let text = pdftotext(&bytes, 120, 120);
    assert!(text.contains("Page 120"), "the last page carries its own number:\n{text}");
    let (_, info) = tool("pdfinfo", &[], &bytes);
    assert!(info.contains("Pages:           120"), "all pages are written:\n{info}");
}
