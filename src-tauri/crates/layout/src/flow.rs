//! The vertical list and its pagination.
//!
//! Blocks are first turned into [`Slice`]s (a line of text, a table row, an image, some
//! space), each with its items positioned relative to the slice's top and a flag saying
//! whether a page may break after it. [`paginate`] then walks the slices once, breaking
//! pages where the next slice does not fit, stepping back to the last allowed break when the
//! break would fall inside a kept group (heading + next block, widow/orphan lines, a
//! KeepTogether), and repeating table header rows on continued pages.
//! This module knows nothing about text or tables: only heights and flags.

use crate::style::PackStyle;
use crate::types::{Anchor, LinkArea, OutlineEntry, Page, Placed, Tag};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SliceKind {
    Content,
    /// Vertical space: dropped at the top of a page.
    Space,
    PageBreak,
    OddPageBreak,
}

/// Something recorded where it lands: an anchor or an outline entry, at `y` in the slice.
#[derive(Debug, Clone)]
pub(crate) enum Mark {
    Anchor { name: String, y: f32 },
    Outline { title: String, level: u8, y: f32 },
}

#[derive(Debug, Clone)]
pub(crate) struct Slice {
    pub kind: SliceKind,
    pub height: f32,
    /// Positions are absolute in x, relative to the slice top in y.
    pub items: Vec<Placed>,
    pub links: Vec<LinkArea>,
    pub marks: Vec<Mark>,
    /// No page break between this slice and the next.
    pub keep_with_next: bool,
    /// For a table body row: the table whose header rows are repeated above it when it
    /// starts a page (an index into the header list given to [`paginate`]).
    pub repeat_header: Option<u32>,
    /// Baseline of the first line of text, relative to the top (list markers align to it).
    pub first_baseline: Option<f32>,
}

impl Slice {
    pub fn new(kind: SliceKind, height: f32) -> Slice {
        Slice {
            kind,
            height: if height.is_finite() { height.max(0.0) } else { 0.0 },
            items: Vec::new(),
            links: Vec::new(),
            marks: Vec::new(),
            keep_with_next: false,
            repeat_header: None,
            first_baseline: None,
        }
    }

    pub fn space(height: f32) -> Slice {
        Slice::new(SliceKind::Space, height)
    }

    /// Moves everything in the slice down by `dy` (and right by `dx`).
    pub fn shift(&mut self, dx: f32, dy: f32) {
        for item in &mut self.items {
            shift_item(item, dx, dy);
        }
        for link in &mut self.links {
            link.rect.x += dx;
            link.rect.y += dy;
        }
        for mark in &mut self.marks {
            match mark {
                Mark::Anchor { y, .. } | Mark::Outline { y, .. } => *y += dy,
            }
        }
        if let Some(b) = self.first_baseline.as_mut() {
            *b += dy;
        }
    }
}

pub(crate) fn shift_item(item: &mut Placed, dx: f32, dy: f32) {
    match item {
        Placed::Text(t) => {
            t.origin.x += dx;
            t.origin.y += dy;
        }
        Placed::Line(l) => {
            l.from.x += dx;
            l.to.x += dx;
            l.from.y += dy;
            l.to.y += dy;
        }
        Placed::Rect(r) => {
            r.rect.x += dx;
            r.rect.y += dy;
        }
        Placed::Image(i) => {
            i.rect.x += dx;
            i.rect.y += dy;
        }
    }
}

/// Header rows of a table, repeated on the pages it continues on.
#[derive(Debug, Clone, Default)]
pub(crate) struct RepeatedHeader {
    pub slices: Vec<Slice>,
    pub height: f32,
}

/// Where slices land: per page, the header to repeat (if any, with its y) and the slices
/// with their y.
#[derive(Debug, Default)]
struct PagePlan {
    header: Option<(u32, f32)>,
    entries: Vec<(usize, f32)>,
}

/// Rounding slack: a slice that overshoots the text area by less than this still fits.
const EPSILON: f32 = 0.01;

pub(crate) struct Paginated {
    pub pages: Vec<Page>,
    pub outline: Vec<OutlineEntry>,
    pub anchors: Vec<Anchor>,
}

/// Distributes `slices` over pages.
pub(crate) fn paginate(mut slices: Vec<Slice>, headers: &[RepeatedHeader], style: &PackStyle) -> Paginated {
    let plans = plan_pages(&slices, headers, style);
    let mut out = Paginated { pages: Vec::with_capacity(plans.len()), outline: Vec::new(), anchors: Vec::new() };
    for (page_index, plan) in plans.into_iter().enumerate() {
        let mut page = Page { width: style.page_width, height: style.page_height, ..Page::default() };
        if let Some((h, y)) = plan.header {
            if let Some(header) = headers.get(h as usize) {
                let mut at = y;
                for slice in &header.slices {
                    // The repeated copy is page furniture for assistive technology: the
                    // header was already read once, at the start of the table.
                    let mut copy = slice.clone();
                    copy.shift(0.0, at);
                    for item in &mut copy.items {
                        *item.tag_mut() = Tag::ARTIFACT;
                    }
                    page.items.extend(copy.items);
                    page.links.extend(copy.links.into_iter().map(|mut l| {
                        l.node = None;
                        l
                    }));
                    at += slice.height;
                }
            }
        }
        for (index, y) in plan.entries {
            let Some(slice) = slices.get_mut(index) else { continue };
            let mut slice = std::mem::replace(slice, Slice::space(0.0));
            slice.shift(0.0, y);
            page.items.append(&mut slice.items);
            page.links.append(&mut slice.links);
            for mark in slice.marks {
                match mark {
                    Mark::Anchor { name, y } => out.anchors.push(Anchor { name, page: page_index, y }),
                    Mark::Outline { title, level, y } => out.outline.push(OutlineEntry { title, level, page: page_index, y }),
                }
            }
        }
        out.pages.push(page);
    }
    out
}

fn plan_pages(slices: &[Slice], headers: &[RepeatedHeader], style: &PackStyle) -> Vec<PagePlan> {
    let top = style.text_top();
    let bottom = style.text_bottom();
    let mut plans = vec![PagePlan::default()];
    let mut y = top;
    let mut i = 0;
    while i < slices.len() {
        let slice = &slices[i];
        let page_empty = plans.last().is_none_or(|p| p.entries.is_empty());
        match slice.kind {
            SliceKind::PageBreak => {
                if !page_empty {
                    plans.push(PagePlan::default());
                    y = top;
                }
                i += 1;
                continue;
            }
            SliceKind::OddPageBreak => {
                if !page_empty {
                    plans.push(PagePlan::default());
                    y = top;
                }
                // Page index 1 is page 2, a verso: leave it blank and start on the next.
                if plans.len() % 2 == 0 {
                    plans.push(PagePlan::default());
                }
                i += 1;
                continue;
            }
            SliceKind::Space if page_empty => {
                i += 1;
                continue;
            }
            _ => {}
        }
        if page_empty && slice.kind == SliceKind::Content {
            if let Some(h) = slice.repeat_header {
                let header_height = headers.get(h as usize).map_or(0.0, |hd| hd.height);
                if header_height > 0.0 && header_height + slice.height <= bottom - top + EPSILON {
                    if let Some(plan) = plans.last_mut() {
                        plan.header = Some((h, y));
                    }
                    y += header_height;
                }
            }
        }
        if !page_empty && y + slice.height > bottom + EPSILON {
            let plan = plans.last_mut().map(|p| std::mem::take(&mut p.entries)).unwrap_or_default();
            let first = plan.first().map_or(i, |e| e.0);
            let allowed = |b: usize| b > first && !slices[b - 1].keep_with_next;
            let mut b = i;
            while b > first && !allowed(b) {
                b -= 1;
            }
            if b <= first {
                // The whole page is one kept group: break where it overflows.
                b = i;
            }
            if let Some(last) = plans.last_mut() {
                last.entries = plan.into_iter().filter(|e| e.0 < b).collect();
                if last.entries.is_empty() {
                    // Cannot happen (b > first), but an empty plan must not lose its slices.
                    b = first;
                }
            }
            plans.push(PagePlan::default());
            y = top;
            i = b;
            continue;
        }
        if let Some(plan) = plans.last_mut() {
            plan.entries.push((i, y));
        }
        y += slice.height;
        i += 1;
    }
    plans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(heights: &[(f32, bool)]) -> Vec<Slice> {
        heights
            .iter()
            .map(|&(h, keep)| {
                let mut s = Slice::new(SliceKind::Content, h);
                s.keep_with_next = keep;
                s
            })
            .collect()
    }

    fn pages_of(slices: &[Slice]) -> Vec<Vec<usize>> {
        let style = PackStyle { page_height: 200.0, margin_top: 0.0, margin_bottom: 0.0, ..PackStyle::default() };
        plan_pages(slices, &[], &style).into_iter().map(|p| p.entries.into_iter().map(|e| e.0).collect()).collect()
    }

    #[test]
    fn breaks_before_kept_group() {
        let check = |slices: Vec<Slice>, expect: Vec<Vec<usize>>| assert_eq!(pages_of(&slices), expect, "page assignment");
        // Four 60pt slices on a 200pt page: three fit.
        check(lines(&[(60.0, false); 4]), vec![vec![0, 1, 2], vec![3]]);
        // Slice 2 keeps with 3, so both move.
        check(lines(&[(60.0, false), (60.0, false), (60.0, true), (60.0, false)]), vec![vec![0, 1], vec![2, 3]]);
        // Everything kept: break where it overflows rather than loop.
        check(lines(&[(60.0, true); 4]), vec![vec![0, 1, 2], vec![3]]);
    }

    #[test]
    fn odd_page_break_inserts_blank_verso() {
        let mut slices = lines(&[(10.0, false)]);
        slices.push(Slice::new(SliceKind::OddPageBreak, 0.0));
        slices.extend(lines(&[(10.0, false)]));
        assert_eq!(pages_of(&slices), vec![vec![0], vec![], vec![2]], "content after an odd-page break starts on page 3, page 2 left blank");
    }
}
