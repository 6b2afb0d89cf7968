//! Pagination rules checked on fake layouts with known page counts, so that each rule can be
//! seen in isolation from fonts and the layout engine.

use std::cell::Cell;

use agendapack_doc::{Color, Document};
use agendapack_layout::{fonts::FontId, Glyph, LaidOut, Page, Placed, Point, Tag, TextRun};
use agendapack_model::{Access, ExemptParagraph};

use super::*;
use crate::agenda::pages_label;
use crate::furniture::BLANK_PAGE_TEXT;

/// A typesetter whose glyphs are all 6 pt wide and whose `lay_out` gives one page per block.
pub struct FakeTypesetter;

pub fn run(text: &str, size: f32) -> TextRun {
    TextRun {
        origin: Point::default(),
        font: FontId::SansRegular,
        size,
        color: Color { r: 0.0, g: 0.0, b: 0.0 },
        text: text.to_string(),
        glyphs: text
            .char_indices()
            .map(|(i, _)| Glyph { id: 1, advance: size * 0.5, x_offset: 0.0, y_offset: 0.0, cluster: i as u32 })
            .collect(),
        tag: Tag::default(),
    }
}

impl Typesetter for FakeTypesetter {
    fn geometry(&self) -> Geometry {
        Geometry { width: 595.0, height: 842.0, margin_top: 57.0, margin_bottom: 71.0 }
    }
    fn lay_out(&self, document: &Document) -> LaidOut {
        pages(document.blocks.len(), &document.title)
    }
    fn line(&self, text: &str, size: f32, _bold: bool, _color: Color) -> TextRun {
        run(text, size)
    }
}

/// `n` pages whose only text is "<label> k".
pub fn pages(n: usize, label: &str) -> LaidOut {
    let mut laid = LaidOut::default();
    for k in 1..=n {
        let mut page = Page { width: 595.0, height: 842.0, ..Page::default() };
        page.items.push(Placed::Text(TextRun { origin: Point { x: 72.0, y: 72.0 }, ..run(&format!("{label} {k}"), 12.0) }));
        laid.pages.push(page);
    }
    laid
}

fn texts(page: &Page) -> Vec<String> {
    page.items
        .iter()
        .filter_map(|i| match i {
            Placed::Text(t) => Some(t.text.clone()),
            _ => None,
        })
        .collect()
}

fn paper(n: usize, label: &str) -> LaidPaper {
    LaidPaper::new(pages(n, label), Access::Public, None, false)
}

fn item(number: u32, papers: Vec<LaidPaper>) -> LaidItem {
    LaidItem { number: Some(number), title: format!("{number}. Item"), anchor: format!("item-{number}"), papers }
}

fn seed_like_items() -> Vec<LaidItem> {
    let appendix = LaidPaper::new(pages(2, "appendix"), Access::Public, Some((1, "Appendix 1: Action plan".into())), false);
    vec![
        item(3, vec![paper(5, "minutes")]),
        item(4, vec![paper(3, "report"), appendix]),
        item(5, vec![paper(3, "programme")]),
    ]
}

fn one_page_agenda(_: &PageRanges) -> LaidOut {
    pages(1, "agenda")
}

fn parts<'a>(agenda: &'a dyn Fn(&PageRanges) -> LaidOut, items: Vec<LaidItem>) -> Parts<'a> {
    Parts {
        before: vec![pages(1, "notice")],
        agenda,
        after: Vec::new(),
        items,
        number_from_papers: false,
        draft: false,
        mark_restricted: false,
    }
}

#[test]
fn papers_start_on_odd_pages_with_blank_versos_between() {
    let out = paginate(&FakeTypesetter, parts(&one_page_agenda, seed_like_items())).expect("settles");
    assert_eq!(out.ranges, vec![(3, 7), (9, 14), (15, 17)], "minutes 3-7, report and appendix 9-14, programme 15-17");
    let pages = &out.laid.pages;
    assert_eq!(pages.len(), 17, "two front pages, 5 + 1 blank + 3 + 1 blank + 2 + 3");
    for blank in [8, 12] {
        assert_eq!(
            texts(&pages[blank - 1]),
            vec![BLANK_PAGE_TEXT.to_string(), format!("Page {blank}")],
            "page {blank} carries only the blank-page sentence and its number"
        );
    }
    assert_eq!(texts(&pages[12])[0], "appendix 1", "the appendix starts on odd page 13");
    for (index, page) in pages.iter().enumerate() {
        let stamp = format!("Page {}", index + 1);
        assert_eq!(texts(page).last(), Some(&stamp), "every page is numbered by its position");
    }
}

#[test]
fn outline_and_anchors_point_at_each_item_and_appendix() {
    let out = paginate(&FakeTypesetter, parts(&one_page_agenda, seed_like_items())).expect("settles");
    let outline: Vec<(String, u8, usize)> = out.laid.outline.iter().map(|e| (e.title.clone(), e.level, e.page)).collect();
    assert_eq!(
        outline,
        vec![
            ("3. Item".to_string(), 0, 2),
            ("4. Item".to_string(), 0, 8),
            ("Appendix 1: Action plan".to_string(), 1, 12),
            ("5. Item".to_string(), 0, 14),
        ],
        "one entry per item and a nested one per appendix, at zero-based page indices"
    );
    assert_eq!(out.laid.anchor("item-4").map(|a| a.page), Some(8), "the agenda's link target for item 4 is page 9");
}

#[test]
fn agenda_growing_with_real_numbers_moves_the_papers() {
    // One page with placeholders, two once real numbers are printed: everything moves by two
    // (the agenda's second page and a blank verso), and the agenda must print the moved numbers.
    let printed = std::cell::RefCell::new(Vec::new());
    let agenda = |ranges: &PageRanges| {
        *printed.borrow_mut() = ranges.clone();
        pages(if ranges.iter().all(Option::is_some) { 2 } else { 1 }, "agenda")
    };
    let out = paginate(&FakeTypesetter, parts(&agenda, seed_like_items())).expect("settles");
    assert_eq!(out.ranges[0], (5, 9), "minutes after notice, two agenda pages and a blank verso");
    let last: Vec<_> = printed.borrow().iter().map(|r| r.expect("real numbers on the last pass")).collect();
    assert_eq!(last, out.ranges, "the agenda printed on the last pass shows the final ranges");
    assert_eq!(texts(&out.laid.pages[3])[0], BLANK_PAGE_TEXT, "page 4 is the blank verso before the minutes");
}

#[test]
fn agenda_shrinking_keeps_its_reserved_pages_as_blank_pages() {
    // Longer with placeholders than with the real numbers: the reserved page is kept (blank),
    // so the numbers printed stay true.
    let agenda = |ranges: &PageRanges| pages(if ranges.iter().all(Option::is_some) { 1 } else { 2 }, "agenda");
    let out = paginate(&FakeTypesetter, parts(&agenda, seed_like_items())).expect("settles");
    assert_eq!(out.ranges[0], (5, 9), "the agenda keeps two pages' room");
    assert_eq!(texts(&out.laid.pages[2])[0], BLANK_PAGE_TEXT, "the unused agenda page is blank");
}

#[test]
fn long_agenda_with_sixty_items_converges() {
    // An agenda that needs a page per 20 items, plus one page per 150 characters of ranges:
    // longer numbers lengthen it, as on a real agenda.
    let items: Vec<LaidItem> = (1..=60).map(|n| item(n, vec![paper(1 + (n as usize % 7), "paper")])).collect();
    let calls = Cell::new(0);
    let agenda = |ranges: &PageRanges| {
        calls.set(calls.get() + 1);
        let chars: usize = ranges.iter().map(|r| pages_label(*r).len()).sum();
        pages(3 + chars / 150, "agenda")
    };
    let out = paginate(&FakeTypesetter, parts(&agenda, items)).expect("a 60-item agenda settles");
    assert!(out.passes <= 3, "placeholders, real numbers, and at most one correction: {} passes", out.passes);
    assert_eq!(calls.get(), out.passes, "each pass is one agenda layout");
    let agenda_pages = out.laid.pages.iter().filter(|p| texts(p).first().is_some_and(|t| t.starts_with("agenda"))).count();
    let front = 1 + agenda_pages;
    assert_eq!(out.ranges[0].0, front + 1 + front % 2, "the first paper follows the agenda's final length");
    for (a, b) in &out.ranges {
        assert!(a % 2 == 1 && a <= b, "each range starts on an odd page: {a}-{b}");
    }
}

#[test]
fn an_agenda_that_never_settles_is_an_error_not_a_hang() {
    // Pathological: the agenda always needs more pages than the last numbers allowed for.
    let agenda = |ranges: &PageRanges| pages(ranges.iter().flatten().map(|r| r.1).max().unwrap_or(1), "agenda");
    let result = paginate(&FakeTypesetter, parts(&agenda, seed_like_items()));
    assert_eq!(result.err(), Some(PaginateError::DidNotSettle(MAX_PASSES)), "the loop is bounded");
}

#[test]
fn supplement_numbers_papers_from_one_after_an_unnumbered_front_sheet() {
    let mut parts = parts(&one_page_agenda, vec![item(6, vec![paper(10, "action plan")])]);
    parts.before.clear();
    parts.number_from_papers = true;
    let out = paginate(&FakeTypesetter, parts).expect("settles");
    assert_eq!(out.ranges, vec![(1, 10)], "seed 002: Pages 1 - 10");
    assert_eq!(out.laid.pages.len(), 12, "front sheet, blank verso, ten pages");
    assert!(texts(&out.laid.pages[0]).iter().all(|t| !t.starts_with("Page ")), "the front sheet is not numbered");
    assert_eq!(texts(&out.laid.pages[2]).last().map(String::as_str), Some("Page 1"), "the first paper page is Page 1");
}

#[test]
fn full_edition_marks_every_page_of_a_restricted_paper() {
    let access = Access::Exempt { paragraphs: vec![ExemptParagraph::new(3).expect("exists")], public_title: None };
    let mut restricted = paper(2, "exempt report");
    restricted.access = access;
    let mut parts = parts(&one_page_agenda, vec![item(3, vec![paper(1, "minutes")]), item(9, vec![restricted])]);
    parts.mark_restricted = true;
    parts.draft = true;
    let out = paginate(&FakeTypesetter, parts).expect("settles");
    let marked: Vec<usize> = out
        .laid
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| texts(p).iter().any(|t| t == "NOT FOR PUBLICATION"))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(marked, vec![5, 6], "both pages of the exempt report, and nothing else");
    assert!(
        texts(&out.laid.pages[4]).iter().any(|t| t.starts_with("Exempt: paragraph 3")),
        "with its statement"
    );
    assert!(out.laid.pages.iter().all(|p| texts(p).iter().any(|t| t == "DRAFT")), "draft marks every page");
    let furniture_tagged = out.laid.pages.iter().flat_map(|p| p.items.iter()).filter(|i| {
        matches!(i, Placed::Text(t) if t.text == "DRAFT" || t.text.starts_with("Page "))
    });
    assert!(furniture_tagged.clone().count() > 0 && furniture_tagged.into_iter().all(|i| i.tag().node.is_none()), "furniture is an artifact");
}

#[test]
fn paper_anchors_are_prefixed_so_papers_do_not_link_into_each_other() {
    let mut a = paper(1, "a");
    a.laid.anchors.push(agendapack_layout::Anchor { name: "introduction".into(), page: 0, y: 0.0 });
    let mut b = paper(1, "b");
    b.laid.anchors.push(agendapack_layout::Anchor { name: "introduction".into(), page: 0, y: 0.0 });
    let out = paginate(&FakeTypesetter, parts(&one_page_agenda, vec![item(3, vec![a]), item(4, vec![b])])).expect("settles");
    let names: Vec<&str> = out.laid.anchors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, vec!["item-3", "p0-0-introduction", "item-4", "p1-0-introduction"], "unique names");
}
