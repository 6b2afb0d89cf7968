//! Tagged PDF: the structure tree the writer makes, judged by the crate's own checker
//! ([`agendapack_pdf::check_tags`]) and by poppler (`pdfinfo` must say "Tagged: yes"); plus
//! checks that the checker does catch what it claims to (a checker that passes everything
//! would prove nothing).

mod common;

use std::sync::Arc;

use agendapack_doc::markdown::{parse, ParseOptions};
use agendapack_layout::{layout, LaidOut, PackStyle, StructKind, StructNode};
use agendapack_pdf::{check_tags, write_pdf, PdfOptions, TagReport};
use common::{imported, sampler, tool};
use lopdf::{Document, Object};

fn options() -> PdfOptions {
    PdfOptions { title: "Tagged test".to_owned(), ..PdfOptions::default() }
}

fn check(bytes: &[u8]) -> TagReport {
    check_tags(bytes).unwrap_or_else(|e| panic!("the checker must read our own output: {e}"))
}

fn laid(markdown: &str) -> LaidOut {
    layout(&parse(markdown, &ParseOptions::new("Doc")).document, &PackStyle::default())
}

const REPORT: &str = "# Report

### Skipped a level

A paragraph with [a link](https://example.gov.uk) inside it, and text after.

- one
- two

| Service | Cost |
|---------|------|
| Waste   | £1   |

Note[^1].

[^1]: The footnote.
";

#[test]
fn sampler_passes_the_checker_and_pdfinfo_sees_tags() {
    let bytes = write_pdf(&sampler(), &options()).expect("the sampler is written");
    let report = check(&bytes);
    assert!(report.is_ok(), "the sampler must pass every rule: {:#?}", report.problems);
    assert_eq!(report.heading_levels, vec![1, 2], "H1 then H2, in reading order");
    let (ran, info) = tool("pdfinfo", &[], &bytes);
    assert!(ran, "pdfinfo reads the file: {info}");
    assert!(info.lines().any(|l| l.starts_with("Tagged:") && l.trim_end().ends_with("yes")), "poppler must see a tagged PDF:\n{info}");
}

#[test]
fn markdown_report_is_fully_tagged_with_renumbered_headings() {
    let bytes = write_pdf(&laid(REPORT), &options()).expect("written");
    let report = check(&bytes);
    assert!(report.is_ok(), "a laid-out report must pass: {:#?}", report.problems);
    assert_eq!(report.heading_levels, vec![1, 2], "### after # is tagged H2, so no level is skipped");
    for kind in ["Document", "P", "L", "LI", "Lbl", "LBody", "Table", "THead", "TBody", "TR", "TH", "TD", "Link", "Note"] {
        assert!(report.types.contains_key(kind), "the report has a {kind} element: {:?}", report.types);
    }
    let pdf = Document::load_mem(&bytes).expect("re-read");
    let th_scoped = pdf.objects.values().filter_map(|o| o.as_dict().ok()).any(|d| {
        d.get(b"S").and_then(Object::as_name).ok() == Some(&b"TH"[..])
            && d.get(b"A").and_then(Object::as_dict).and_then(|a| a.get(b"Scope")).and_then(Object::as_name).ok() == Some(&b"Column"[..])
    });
    assert!(th_scoped, "header cells say they head their column");
}

#[test]
fn same_document_same_bytes() {
    let a = write_pdf(&laid(REPORT), &options()).expect("written");
    let b = write_pdf(&laid(REPORT), &options()).expect("written");
    assert!(a == b, "the structure tree must not make the output depend on anything but the input");
}

#[test]
fn figure_without_alt_and_untagged_content_are_caught() {
    let mut doc = laid("# Title\n\nText.\n");
    // A heading node that claims to be a figure with no alt text.
    doc.structure[1] = StructNode { parent: Some(0), kind: StructKind::Figure { alt: String::new() } };
    let report = check(&write_pdf(&doc, &options()).expect("written"));
    assert!(report.problems.iter().any(|p| p.contains("Figure")), "a Figure without Alt is reported: {:?}", report.problems);

    // Content streams that paint outside marked content.
    let bytes = write_pdf(&laid("Text.\n"), &options()).expect("written");
    let mut pdf = Document::load_mem(&bytes).expect("re-read");
    let page = pdf.get_pages()[&1];
    let extra = pdf.add_object(lopdf::Stream::new(lopdf::Dictionary::new(), b"0 0 10 10 re f\n".to_vec()));
    if let Ok(dict) = pdf.get_dictionary_mut(page) {
        let contents = dict.get(b"Contents").cloned().unwrap_or(Object::Null);
        dict.set("Contents", vec![contents, Object::Reference(extra)]);
    }
    let mut changed = Vec::new();
    pdf.save_to(&mut changed).expect("saved");
    let report = check(&changed);
    assert!(
        report.problems.iter().any(|p| p.contains("neither tagged content nor an Artifact")),
        "an untagged rectangle is reported: {:?}",
        report.problems
    );
}

#[test]
fn skipped_heading_levels_are_caught() {
    let bytes = write_pdf(&laid("# One\n\nText.\n"), &options()).expect("written");
    let mut pdf = Document::load_mem(&bytes).expect("re-read");
    for object in pdf.objects.values_mut() {
        if let Ok(d) = object.as_dict_mut() {
            if d.get(b"S").and_then(Object::as_name).ok() == Some(&b"H1"[..]) {
                d.set("S", Object::Name(b"H3".to_vec()));
            }
        }
    }
    let mut changed = Vec::new();
    pdf.save_to(&mut changed).expect("saved");
    let report = check(&changed);
    assert!(report.problems.iter().any(|p| p.contains("skipping a level")), "H3 first is a skip: {:?}", report.problems);
}

#[test]
fn tagged_appendix_tree_is_carried_over_and_untagged_one_becomes_a_figure() {
    let appendix = Arc::new(write_pdf(&laid(REPORT), &options()).expect("the appendix is written"));
    let info = agendapack_pdf::inspect_attachment(&appendix).expect("our own output is a valid attachment");
    assert!(info.tagged, "our own output is tagged");

    let mut doc = laid("# Pack\n\nText.\n");
    let section = doc.structure.len() as u32;
    doc.structure.push(StructNode { parent: Some(0), kind: StructKind::Section { title: "Appendix 1: Budget".to_owned() } });
    for index in 0..info.pages {
        let mut page = imported(&appendix, index, "Page 2");
        if let Some(i) = page.imported.as_mut() {
            i.parent = Some(section);
        }
        doc.pages.push(page);
    }
    let bytes = write_pdf(&doc, &options()).expect("the pack with a tagged appendix is written");
    let report = check(&bytes);
    assert!(report.is_ok(), "the merged tree must pass: {:#?}", report.problems);
    assert_eq!(report.heading_levels, vec![1, 1, 2], "the pack's H1, then the appendix's H1 and H2");
    assert!(report.types.contains_key("Table"), "the appendix's table came over: {:?}", report.types);
    assert!(report.types.get("Link").is_some_and(|&n| n >= 1), "and its link");

    // An untagged source: content with no structure at all (everything an artifact, as an
    // old scanner or an untagged export gives) and no tree.
    let mut plain = laid("# Scan\n\nScanned text.\n");
    plain.structure.clear();
    let mut stripped = Document::load_mem(&write_pdf(&plain, &options()).expect("written")).expect("re-read");
    if let Ok(catalog) = stripped.catalog_mut() {
        catalog.remove(b"StructTreeRoot");
        catalog.remove(b"MarkInfo");
    }
    let mut untagged = Vec::new();
    stripped.save_to(&mut untagged).expect("saved");
    let untagged = Arc::new(untagged);
    assert!(!agendapack_pdf::inspect_attachment(&untagged).expect("still valid").tagged, "no tree, not tagged");
    let mut doc = laid("# Pack\n\nText.\n");
    let section = doc.structure.len() as u32;
    doc.structure.push(StructNode { parent: Some(0), kind: StructKind::Section { title: "Appendix 2: Scan".to_owned() } });
    let mut page = imported(&untagged, 0, "Page 2");
    if let Some(i) = page.imported.as_mut() {
        i.parent = Some(section);
    }
    doc.pages.push(page);
    let bytes = write_pdf(&doc, &options()).expect("written");
    let report = check(&bytes);
    assert!(report.is_ok(), "the untagged page, wrapped as a Figure, passes: {:#?}", report.problems);
    assert_eq!(report.types.get("Figure"), Some(&1), "the untagged page is one Figure: {:?}", report.types);
    let pdf = Document::load_mem(&bytes).expect("re-read");
    let alt = pdf
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").and_then(Object::as_name).ok() == Some(&b"Figure"[..]))
        .filter_map(|d| d.get(b"Alt").ok().and_then(|a| a.as_str().ok()).map(|b| String::from_utf8_lossy(b).into_owned()))
        .next()
        .unwrap_or_default();
    assert!(alt.contains("Appendix 2: Scan") && alt.contains("no tags"), "the Figure says which appendix is untagged: {alt:?}");
}

#[test]
fn cell_spans_are_written_and_checked_to_tile_the_table() {
    let markdown = "| Ward | Budget | < |\n|---|---|---|\n| Abbey | 1 | 2 |\n| ^ | 3 | 4 |\n";
    let good = laid(markdown);
    let report = check(&write_pdf(&good, &options()).expect("written"));
    assert!(report.is_ok(), "merged cells pass: {:#?}", report.problems);
    assert_eq!(report.spanning_cells, vec![(2, 1), (1, 2)], "/ColSpan 2 on the header cell, /RowSpan 2 on Abbey");

    // The checker must catch spans that do not fit together: widen the header cell, or let
    // Abbey reach below the last row.
    let span_of = |doc: &LaidOut, cols: u16, rows: u16| {
        doc.structure.iter().position(|n| matches!(n.kind, StructKind::TableHeaderCell(s) | StructKind::TableCell(s) if s.cols == cols && s.rows == rows)).expect("the spanning cell")
    };
    let mut wide = good.clone();
    let at = span_of(&wide, 2, 1);
    wide.structure[at].kind = StructKind::TableHeaderCell(agendapack_layout::CellSpan { cols: 3, rows: 1 });
    let report = check(&write_pdf(&wide, &options()).expect("written"));
    assert!(report.problems.iter().any(|p| p.contains("cover different numbers of columns")), "a too-wide span is caught: {:#?}", report.problems);
    let mut deep = good.clone();
    let at = span_of(&deep, 1, 2);
    deep.structure[at].kind = StructKind::TableCell(agendapack_layout::CellSpan { cols: 1, rows: 3 });
    let report = check(&write_pdf(&deep, &options()).expect("written"));
    assert!(report.problems.iter().any(|p| p.contains("below the table's last row")), "a span past the last row is caught: {:#?}", report.problems);
}

#[test]
fn welsh_runs_and_passages_carry_their_language() {
    let doc = laid("Hello <span lang=\"cy\">Croeso</span>.\n\n<div lang=\"cy-GB\">\n\nBore da.\n\n</div>\n");
    let report = check(&write_pdf(&doc, &options()).expect("written"));
    assert!(report.is_ok(), "{:#?}", report.problems);
    assert_eq!(report.languages.get("cy"), Some(&1), "the Welsh word is a Span with /Lang (cy)");
    assert_eq!(report.languages.get("cy-GB"), Some(&1), "the Welsh passage is a Div with /Lang (cy-GB)");
}
