//! Editions, supplements, PDF appendices and draft marks, checked on the built PDF with
//! independent tools.

mod pack_support;

use agendapack_model::{Access, AgendaItem, Appendix, AppendixContent, ExemptParagraph, ItemKind, MeetingBundle};
use agendapack_pack::{check_attachment, Edition, PackOptions};
use pack_support::*;

const MARKER: &str = "ZQXJ-SECRET-7731";

/// The demo meeting with an exempt report after the Private Business heading: the marker in its
/// title, description, body and appendix; a separate public title.
fn with_exempt_report() -> MeetingBundle {
    let mut bundle = demo();
    let template = bundle.items.iter().find_map(|i| i.report.clone()).expect("the demo has reports");
    let mut report = template;
    report.title = format!("Sale of {MARKER} House");
    report.summary = format!("The offer for {MARKER} House.");
    report.body = format!("## 1. Introduction\n\n1.1 The buyer of {MARKER} House has offered a price.");
    report.appendices = vec![Appendix {
        title: format!("Valuation of {MARKER}"),
        access: Access::Public,
        content: AppendixContent::Markdown { text: format!("The valuation of {MARKER} House.") },
    }];
    let item = AgendaItem {
        number: Some(11),
        title: format!("Sale of {MARKER} House"),
        kind: ItemKind::Report,
        description: format!("To consider the sale of {MARKER} House."),
        access: Access::Exempt {
            paragraphs: vec![ExemptParagraph::new(3).expect("paragraph 3 exists")],
            public_title: Some("Disposal of a council property".into()),
        },
        supplementary: false,
        report: Some(report),
    };
    let heading = bundle
        .items
        .iter()
        .position(|i| i.kind == ItemKind::PrivateBusinessHeading)
        .expect("the demo agenda has a Private Business heading");
    bundle.items.insert(heading + 1, item);
    bundle
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn public_edition_contains_no_exempt_text_anywhere() {
    let bundle = with_exempt_report();
    let built = build_to_file(&bundle, &PackOptions::default());
    assert!(!contains(&built.pack.pdf, MARKER), "the marker is not in the file's bytes");
    let uncompressed = qpdf_uncompressed(&built.path);
    assert!(!contains(&uncompressed, MARKER), "nor in any stream once qpdf decompresses them");
    let text = flat(&all_pages(&built.path, built.pack.pages).join(" "));
    assert!(!text.contains(MARKER), "nor in the extracted text");
    assert!(!text.contains("ZQXJ"), "not even part of it");
    assert!(text.contains("Disposal of a council property"), "the agenda lists the item by its public title");
    assert!(
        text.contains("Exempt: paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972"),
        "with its paragraph"
    );
    assert!(!text.contains("NOT FOR PUBLICATION"), "the public edition has no restricted pages to mark");
    assert!(built.pack.ranges.iter().all(|r| r.number != Some(11)), "the exempt item has no papers");
}

#[test]
fn full_edition_has_the_exempt_report_marked_on_every_page() {
    let bundle = with_exempt_report();
    let built = build_to_file(&bundle, &PackOptions { edition: Edition::Full, ..PackOptions::default() });
    let range = built.pack.ranges.iter().find(|r| r.number == Some(11)).expect("the full edition has its papers");
    let pages = all_pages(&built.path, built.pack.pages);
    assert!(flat(&pages.join(" ")).contains(MARKER), "the full edition contains the exempt text");
    for n in range.first..=range.last {
        let text = flat(&pages[n - 1]);
        if text.contains("This page is intentionally left blank") {
            continue;
        }
        assert!(text.contains("NOT FOR PUBLICATION"), "page {n} of the exempt report is marked");
        assert!(text.contains("Exempt: paragraph 3"), "page {n} gives the paragraph");
    }
    let open_page = flat(&pages[built.pack.ranges[0].first - 1]);
    assert!(!open_page.contains("NOT FOR PUBLICATION"), "open papers are not marked");
}

#[test]
fn supplement_of_seed_002_numbers_its_pages_from_one() {
    let bundle = demo_supplement();
    let built = build_to_file(&bundle, &PackOptions { supplement: true, ..PackOptions::default() });
    assert_eq!(built.pack.ranges.len(), 1, "one supplementary item");
    let range = &built.pack.ranges[0];
    assert_eq!((range.number, range.first), (Some(6), 1), "item 6 keeps its number; its pages start at 1");
    let front = flat(&page_text(&built.path, 1));
    assert!(front.contains("SUPPLEMENTARY AGENDA"), "the supplement's own front sheet: {front}");
    assert!(front.contains(&format!("(Pages 1 - {})", range.last)), "the sheet lists the item's range: {front}");
    assert!(front.contains("6."), "with its original number");
    assert!(front.contains("Section 100B"), "and the reason it is late");
    let first_paper = (1..=built.pack.pages)
        .find(|&n| lines(&page_text(&built.path, n)).contains(&"Page 1".to_string()))
        .expect("some page is Page 1");
    assert_eq!(first_paper % 2, 1, "the papers start on a recto");
    assert!(first_paper > 1, "the front sheet itself is not numbered");
    assert_eq!(built.pack.pages - first_paper + 1, range.last, "numbered pages run 1 to the end of the item");
}

#[test]
fn pdf_appendix_is_stitched_in_with_page_stamps_and_extractable_text() {
    let bytes = hand_written_pdf(10, "Word appendix page");
    assert_eq!(check_attachment(&bytes).ok(), Some(10), "the attachment passes the check with its page count");
    assert!(check_attachment(b"not a pdf at all").is_err(), "a non-PDF is refused when attached");
    let mut bundle = demo();
    let report = bundle
        .items
        .iter_mut()
        .find(|i| i.number == Some(4))
        .and_then(|i| i.report.as_mut())
        .expect("item 4 is a report");
    report.appendices.push(Appendix {
        title: "Word appendix".into(),
        access: Access::Public,
        content: AppendixContent::Pdf { file_name: "word.pdf".into(), sha256: String::new(), bytes },
    });
    let built = build_to_file(&bundle, &PackOptions::default());
    let pages = all_pages(&built.path, built.pack.pages);
    let first = pages.iter().position(|t| t.contains("Word appendix page 1")).expect("the appendix's text is extractable") + 1;
    assert_eq!(first % 2, 1, "the PDF appendix starts on an odd page ({first})");
    for k in 1..=10 {
        let n = first + k - 1;
        let text = &pages[n - 1];
        assert!(text.contains(&format!("Word appendix page {k}")), "page {n} is the appendix's page {k}");
        assert!(lines(text).contains(&format!("Page {n}")), "page {n} carries the pack's stamp");
    }
    let range = built.pack.ranges.iter().find(|r| r.number == Some(4)).expect("item 4 has papers");
    assert_eq!(range.last, first + 9, "the appendix's pages are counted in item 4's range");
    assert!(flat(&pages[first - 1]).contains("Appendix"), "the first page has its Appendix heading stamped");
}

#[test]
fn draft_marks_every_page() {
    let bundle = demo_supplement();
    let built = build_to_file(&bundle, &PackOptions { draft: true, ..PackOptions::default() });
    for n in 1..=built.pack.pages {
        assert!(lines(&page_text(&built.path, n)).contains(&"DRAFT".to_string()), "page {n} is marked DRAFT");
    }
}
