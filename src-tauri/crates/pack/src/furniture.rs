//! Page furniture stamped on laid-out pages: "Page N" centred in the bottom margin, the blank
//! verso page's sentence, "NOT FOR PUBLICATION" with the access statement on restricted pages
//! of the full edition, "Appendix N" on the first page of a PDF appendix, and the DRAFT mark.
//!
//! Everything here is an Artifact (not part of the logical content) and is pushed after the
//! page's own items, so it comes last in the content stream and does not disturb the reading
//! order of the text. Positions are taken from each page's own size, so a landscape or Letter
//! page of an attached PDF is stamped in its own bottom margin.
//!
//! Deliberately not here: deciding which pages get what (see `paginate`).

use agendapack_doc::Color;
use agendapack_layout::{Page, Placed, Point, Tag, TextRun};

use crate::paginate::Typesetter;

/// The one sentence a left-over verso page carries.
pub const BLANK_PAGE_TEXT: &str = "This page is intentionally left blank";

const BLACK: Color = Color { r: 0.0, g: 0.0, b: 0.0 };
/// Light enough not to compete with the text, dark enough to survive a photocopier.
const DRAFT_GREY: Color = Color { r: 0.78, g: 0.78, b: 0.78 };
const STAMP_SIZE: f32 = 10.0;

fn width(run: &TextRun) -> f32 {
    run.glyphs.iter().map(|g| g.advance).sum()
}

fn place(mut run: TextRun, x: f32, y: f32) -> Placed {
    run.origin = Point { x, y };
    run.tag = Tag::ARTIFACT;
    Placed::Text(run)
}

fn centred(ts: &dyn Typesetter, page: &Page, text: &str, size: f32, bold: bool, y: f32) -> Placed {
    let run = ts.line(text, size, bold, BLACK);
    let x = ((page.width - width(&run)) / 2.0).max(0.0);
    place(run, x, y)
}

/// A page carrying only the blank-page sentence (its number is stamped with the others).
pub fn blank_page(ts: &dyn Typesetter) -> Page {
    let geometry = ts.geometry();
    let mut page = Page { width: geometry.width, height: geometry.height, ..Page::default() };
    let item = centred(ts, &page, BLANK_PAGE_TEXT, 12.0, false, geometry.height / 2.0);
    page.items.push(item);
    page
}

/// How far above a page's bottom edge the "Page N" stamp's baseline sits.
fn stamp_baseline(ts: &dyn Typesetter) -> f32 {
    (ts.geometry().margin_bottom * 0.45).max(STAMP_SIZE + 4.0)
}

/// "Page N", centred in the bottom margin.
pub fn stamp_number(ts: &dyn Typesetter, page: &mut Page, number: usize) {
    let y = page.height - stamp_baseline(ts);
    let item = centred(ts, page, &format!("Page {number}"), STAMP_SIZE, false, y);
    page.items.push(item);
}

/// The area the "Page N" stamp may cover at the bottom of a page `page_width` wide: from the
/// bottom edge up to `top`, between `left` and `right` (points from the left edge). Wide
/// enough for "Page 9999" and a few points of white around it, so content kept out of it is
/// never touched by any page number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StampBand {
    pub left: f32,
    pub right: f32,
    pub top: f32,
}

pub fn stamp_band(ts: &dyn Typesetter, page_width: f32) -> StampBand {
    const CLEAR: f32 = 4.0;
    let widest = width(&ts.line("Page 9999", STAMP_SIZE, false, BLACK));
    let left = ((page_width - widest) / 2.0 - CLEAR).max(0.0);
    let right = ((page_width + widest) / 2.0 + CLEAR).min(page_width);
    // The stamp's ascenders reach about 0.75 em above its baseline.
    StampBand { left, right, top: stamp_baseline(ts) + 0.75 * STAMP_SIZE + CLEAR }
}

/// "NOT FOR PUBLICATION" and the access statement, centred in the top margin.
pub fn stamp_restricted(ts: &dyn Typesetter, page: &mut Page, statement: &str) {
    let top = ts.geometry().margin_top;
    let y = (top * 0.35).max(STAMP_SIZE + 2.0);
    let heading = centred(ts, page, "NOT FOR PUBLICATION", STAMP_SIZE, true, y);
    let detail = centred(ts, page, statement, 8.0, false, y + 11.0);
    page.items.push(heading);
    page.items.push(detail);
}

/// "Appendix N" at the top right of a PDF appendix's first page (a Markdown appendix has it in
/// its text instead).
pub fn stamp_appendix(ts: &dyn Typesetter, page: &mut Page, number: usize) {
    let run = ts.line(&format!("Appendix {number}"), 12.0, true, BLACK);
    let x = (page.width - width(&run) - 36.0).max(0.0);
    let y = (ts.geometry().margin_top * 0.6).max(14.0);
    page.items.push(place(run, x, y));
}

/// A large light-grey "DRAFT" in the top-right corner of the top margin, clear of the text
/// area and of the centred restricted-page stamp.
pub fn stamp_draft(ts: &dyn Typesetter, page: &mut Page) {
    let run = ts.line("DRAFT", 26.0, true, DRAFT_GREY);
    let x = (page.width - width(&run) - 24.0).max(0.0);
    let y = (ts.geometry().margin_top * 0.75).max(28.0);
    page.items.push(place(run, x, y));
}
