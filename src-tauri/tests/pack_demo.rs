//! The demo meeting (seed 001) builds to a pack that reads like the real one, checked with
//! poppler and qpdf: the agenda's page ranges, odd-page starts, "Page N" stamps, blank pages,
//! outline and agenda links.

mod pack_support;

use agendapack_model::{ItemKind, MeetingBundle};
use agendapack_pack::{PackOptions, ItemRange};
use pack_support::*;

const BLANK: &str = "This page is intentionally left blank";

/// The heading each paper starts with, as the generators print it.
fn expected_heading(bundle: &MeetingBundle, range: &ItemRange) -> String {
    let item = bundle.items.iter().find(|i| i.number == range.number).expect("the range belongs to an item");
    match item.kind {
        ItemKind::Minutes => format!("MINUTES OF {}", bundle.committee.name.to_uppercase()),
        ItemKind::WorkProgramme => bundle
            .work_programme_heading
            .as_ref()
            .map(|h| h.title.clone())
            .unwrap_or_else(|| format!("{}: Work Programme", bundle.committee.name)),
        _ => item
            .report
            .as_ref()
            .and_then(|r| r.addressed_to.clone())
            .unwrap_or_else(|| bundle.committee.name.clone())
            .to_uppercase(),
    }
}

/// A line that is a whole page stamp, "Page 12".
fn is_stamp(line: &str) -> bool {
    line.strip_prefix("Page ").is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

#[test]
fn demo_pack_has_seed_001_structure() {
    let bundle = demo();
    let built = build_to_file(&bundle, &PackOptions::default());
    let pages = all_pages(&built.path, built.pack.pages);
    assert_eq!(pdfinfo_pages(&built.path), built.pack.pages, "pdfinfo agrees on the page count");
    assert!(built.pack.pages > 150, "the demo pack is about seed 001's size: {} pages", built.pack.pages);

    let numbers: Vec<Option<u32>> = built.pack.ranges.iter().map(|r| r.number).collect();
    assert_eq!(numbers, vec![Some(3), Some(4), Some(5), Some(6), Some(7)], "items 3 to 7 have papers, as in seed 001");

    // The agenda lists every range; it sits between the notice and the first paper.
    let first_paper = built.pack.ranges[0].first;
    let agenda = flat(&pages[1..first_paper - 1].join(" "));
    assert!(agenda.contains("AGENDA"), "the agenda follows the notice");
    for range in &built.pack.ranges {
        let label = format!("(Pages {} - {})", range.first, range.last);
        assert!(agenda.contains(&label), "the agenda shows item {:?} as {label}", range.number);
    }

    for range in &built.pack.ranges {
        assert_eq!(range.first % 2, 1, "item {:?} starts on an odd page ({})", range.number, range.first);
        let first_lines = lines(&pages[range.first - 1]);
        let heading = expected_heading(&bundle, range);
        assert!(
            flat(&first_lines.join(" ")).starts_with(&heading),
            "page {} starts with the paper's heading {heading:?}: {:?}",
            range.first,
            first_lines.first()
        );
        assert!(!pages[range.last - 1].contains(BLANK), "the range ends on a page with content ({})", range.last);
    }

    for (index, text) in pages.iter().enumerate() {
        let n = index + 1;
        let page_lines = lines(text);
        let stamps: Vec<&String> = page_lines.iter().filter(|l| is_stamp(l)).collect();
        assert_eq!(stamps, vec![&format!("Page {n}")], "page {n} is stamped with its position, once");
        if text.contains(BLANK) {
            assert_eq!(page_lines, vec![BLANK.to_string(), format!("Page {n}")], "a blank page carries only the sentence");
            assert_eq!(n % 2, 0, "blank pages are versos (page {n})");
        }
    }
}

#[test]
fn outline_and_agenda_links_point_at_each_items_first_page() {
    let bundle = demo();
    let built = build_to_file(&bundle, &PackOptions::default());
    let json = qpdf_json(&built.path);
    let outlines = json["outlines"].as_array().expect("the pack has an outline");
    let top: Vec<(String, usize)> = outlines
        .iter()
        .map(|o| (o["title"].as_str().unwrap_or("").to_string(), o["destpageposfrom1"].as_u64().unwrap_or(0) as usize))
        .collect();
    let expected: Vec<(String, usize)> = built
        .pack
        .ranges
        .iter()
        .map(|r| (format!("{}. {}", r.number.unwrap_or(0), r.title), r.first))
        .collect();
    assert_eq!(top, expected, "one outline entry per item with papers, at its first page");
    let report = bundle.items.iter().find(|i| i.number == Some(5)).and_then(|i| i.report.as_ref()).expect("item 5 is a report");
    // Beside the bookmarks of its report's headings (issue 9: every heading is bookmarked).
    let appendix_kids: Vec<&serde_json::Value> = outlines[2]["kids"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|k| k["title"].as_str().is_some_and(|t| t.starts_with("Appendix ")))
        .collect();
    assert_eq!(appendix_kids.len(), report.appendices.len(), "item 5 has a nested entry per appendix");
    for kid in appendix_kids {
        let page = kid["destpageposfrom1"].as_u64().unwrap_or(0) as usize;
        assert!(page % 2 == 1, "each appendix starts on an odd page ({page})");
        let text = page_text(&built.path, page);
        assert!(text.contains("Appendix"), "an appendix's first page has 'Appendix N' at its head (page {page})");
    }

    let links = internal_links(&json);
    for range in &built.pack.ranges {
        let label = format!("(Pages {} - {})", range.first, range.last);
        let link = links.iter().find(|(_, text, _)| *text == label);
        let Some((on, _, to)) = link else { panic!("the agenda links {label}: {links:?}") };
        assert!(*on < built.pack.ranges[0].first, "the link is on the agenda (page {on})");
        assert_eq!(*to, range.first, "{label} goes to its first page");
    }
    let info = pdfinfo(&built.path);
    let title = info.lines().find_map(|l| l.strip_prefix("Title:")).map(str::trim);
    assert_eq!(title, Some("Agenda pack: Overview and Scrutiny Committee, 2 December 2020"), "the PDF title names the meeting");
}

#[test]
fn outline_leaves_out_each_papers_generated_title_block() {
    // Issue 14: a cover-sheet heading for each report (the committee's name) and the minutes'
    // "MINUTES OF ..." were bookmarked under every item, repeating what the item's entry says.
    let bundle = demo();
    let built = build_to_file(&bundle, &PackOptions::default());
    let json = qpdf_json(&built.path);
    let outlines = json["outlines"].as_array().expect("the pack has an outline");
    for (item, range) in outlines.iter().zip(&built.pack.ranges) {
        let furniture = expected_heading(&bundle, range);
        let kids: Vec<&str> = item["kids"].as_array().into_iter().flatten().filter_map(|k| k["title"].as_str()).collect();
        assert!(!kids.contains(&furniture.as_str()), "\"{furniture}\" is not bookmarked under item {:?}: {kids:?}", range.number);
    }
}

#[test]
fn same_meeting_gives_the_same_bytes() {
    let bundle = demo();
    let a = agendapack_pack::build(&bundle, &PackOptions::default()).expect("builds");
    let b = agendapack_pack::build(&bundle, &PackOptions::default()).expect("builds again");
    assert!(a.pdf == b.pdf, "the pack is deterministic (no clock, no hash order)");
}
