//! Pagination: joins the laid-out front matter and papers into one run of pages, applying the
//! pack's rules, and finds the agenda's page ranges by a bounded fixpoint.
//!
//! Rules (DOMAIN.md "Anatomy"): every paper and appendix starts on an odd page; a left-over even
//! page between two papers carries only "This page is intentionally left blank" and its number;
//! every page is stamped "Page N", N its position (in a supplement, counted from the first page
//! after its front sheet); "(Pages a - b)" runs from the first page to the last non-blank page
//! of an item's papers; one outline entry per item with papers and one nested entry per
//! appendix; restricted papers of the full edition are marked on every page.
//!
//! **Fixpoint.** Papers do not depend on page numbers, so each is laid out once. The agenda does:
//! longer numbers can push it onto another page, which moves every paper by one or two pages.
//! The agenda is given a *reserved* page count R: ranges are computed as if it had R pages, it
//! is laid out with them, and if it needs more than R pages, R grows to that and we go again; if
//! it needs R or fewer, the unused reserved pages become blank pages and we stop.
//! Termination: R never shrinks, and it is bounded (the agenda laid out with the widest numbers
//! the pack can have), so the loop ends; in practice in two passes (placeholders, then real
//! numbers), because the placeholder "(Page 1)" is the narrowest label and labels only widen.
//! The loop is nevertheless capped at [`MAX_PASSES`] and reports an error rather than spin.
//!
//! **Structure.** The pack's logical structure (for tagged PDF) is one Document: each front
//! document (notice, agenda, fixed pages) is a section of it, each item a section titled as its
//! outline entry, holding one section per paper; a PDF appendix's section is where the writer
//! hangs the appendix's own tags. Furniture stamped here is all artifact. The outline gets,
//! under each item (and each appendix), a bookmark for every heading its papers print.
//!
//! Deliberately not here: what the documents say (generated-document modules), PDF writing.

use agendapack_doc::{Color, Document, LinkTarget};
use agendapack_layout::{Anchor, LaidOut, OutlineEntry, Page, Placed, Role, StructKind, StructNode, TextRun};
use agendapack_model::Access;

use crate::agenda::PageRanges;
use crate::furniture;

/// At most this many layouts of the agenda per pack.
pub const MAX_PASSES: usize = 8;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PaginateError {
    #[error("the agenda's page ranges did not settle after {0} layouts")]
    DidNotSettle(usize),
}

/// The page size and margins furniture is placed in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    pub margin_top: f32,
    pub margin_bottom: f32,
}

/// What pagination needs from the typesetting stage. The real one wraps `agendapack_layout`;
/// tests use a fake with predictable page counts.
pub trait Typesetter {
    fn geometry(&self) -> Geometry;
    fn lay_out(&self, document: &Document) -> LaidOut;
    /// One line of text in the sans face, baseline origin at (0, 0).
    fn line(&self, text: &str, size: f32, bold: bool, color: Color) -> TextRun;
}

/// One laid-out paper (report, minutes, work programme or appendix).
#[derive(Debug, Clone)]
pub struct LaidPaper {
    pub laid: LaidOut,
    pub access: Access,
    /// Appendix number and outline title ("Appendix 1: Action plan") for appendices.
    pub appendix: Option<(usize, String)>,
    /// Whether its pages come from an attached PDF (the "Appendix N" head is stamped).
    pub imported: bool,
    /// A bookmark for every heading it prints, pages counted from its first (taken from its
    /// text when it is made, so its pages may then be drawn ahead and their glyphs freed).
    pub headings: Vec<OutlineEntry>,
}

impl LaidPaper {
    pub fn new(laid: LaidOut, access: Access, appendix: Option<(usize, String)>, imported: bool) -> LaidPaper {
        // An appendix's headings go under its own bookmark.
        let level = if appendix.is_some() { 2 } else { 1 };
        let headings = heading_bookmarks(&laid, level);
        LaidPaper { laid, access, appendix, imported, headings }
    }
}

/// The papers of one agenda item, laid out.
#[derive(Debug, Clone)]
pub struct LaidItem {
    pub number: Option<u32>,
    /// Outline title, "3. Minutes".
    pub title: String,
    /// Neutral anchor name the agenda links to.
    pub anchor: String,
    pub papers: Vec<LaidPaper>,
}

/// The parts of a pack in order, ready to be joined.
pub struct Parts<'a> {
    /// Laid out before the agenda (the notice of meeting).
    pub before: Vec<LaidOut>,
    /// Lays out the agenda (or the supplement's sheet) for given ranges.
    pub agenda: &'a dyn Fn(&PageRanges) -> LaidOut,
    /// Laid out after the agenda (the council's fixed pages).
    pub after: Vec<LaidOut>,
    pub items: Vec<LaidItem>,
    /// Front matter is not numbered, and papers are numbered from 1 (a supplement).
    pub number_from_papers: bool,
    pub draft: bool,
    /// Mark restricted papers "NOT FOR PUBLICATION" (full edition).
    pub mark_restricted: bool,
}

/// The joined pack.
#[derive(Debug, Clone)]
pub struct Paginated {
    pub laid: LaidOut,
    /// Printed first and last page of each item's papers, as on the agenda.
    pub ranges: Vec<(usize, usize)>,
    /// How many layouts of the agenda it took.
    pub passes: usize,
    /// Number of the pack's first physical page that carries "Page 1" minus one (0 for a main
    /// pack; the front sheet's page count for a supplement).
    pub number_offset: usize,
}

fn page_count(laid: &LaidOut) -> usize {
    laid.pages.len().max(1)
}

/// Where each item's papers land if the front matter takes `front` pages; printed numbers.
fn ranges_for(front: usize, items: &[LaidItem], offset: usize) -> Vec<(usize, usize)> {
    let mut used = front;
    let mut ranges = Vec::with_capacity(items.len());
    for item in items {
        let mut first = None;
        let mut last = used;
        for paper in &item.papers {
            if used % 2 == 1 {
                used += 1; // the blank verso before an odd-page start
            }
            first.get_or_insert(used + 1);
            used += page_count(&paper.laid);
            last = used;
        }
        let first = first.unwrap_or(used + 1);
        ranges.push((first - offset, last.saturating_sub(offset).max(first - offset)));
    }
    ranges
}

/// Front pages once padded so that the first paper starts on an odd page.
fn padded(front: usize) -> usize {
    front + front % 2
}

/// Joins the parts, finding the agenda's ranges by the fixpoint described in the module docs.
pub fn paginate(ts: &dyn Typesetter, parts: Parts) -> Result<Paginated, PaginateError> {
    let before: usize = parts.before.iter().map(page_count).sum();
    let after: usize = parts.after.iter().map(page_count).sum();
    let placeholder: PageRanges = vec![None; parts.items.len()];
    let mut agenda = (parts.agenda)(&placeholder);
    let mut reserved = page_count(&agenda);
    let mut passes = 1;
    let ranges = loop {
        let front = before + reserved + after;
        let offset = if parts.number_from_papers { padded(front) } else { 0 };
        let ranges = ranges_for(front, &parts.items, offset);
        if passes >= MAX_PASSES {
            return Err(PaginateError::DidNotSettle(passes));
        }
        agenda = (parts.agenda)(&ranges.iter().map(|r| Some(*r)).collect());
        passes += 1;
        let needed = page_count(&agenda);
        if needed <= reserved {
            break ranges;
        }
        reserved = needed;
    };
    let mut laid = LaidOut { structure: vec![StructNode { parent: None, kind: StructKind::Document }], ..LaidOut::default() };
    let geometry = ts.geometry();
    for part in parts.before {
        append_document(&mut laid, part, geometry, ROOT, "");
    }
    let agenda_pages = page_count(&agenda);
    append_document(&mut laid, agenda, geometry, ROOT, "Agenda");
    for _ in agenda_pages..reserved {
        laid.pages.push(furniture::blank_page(ts));
    }
    for part in parts.after {
        append_document(&mut laid, part, geometry, ROOT, "");
    }
    let front = laid.pages.len();
    let number_offset = if parts.number_from_papers { padded(front) } else { 0 };
    let mut restricted_pages: Vec<(usize, String)> = Vec::new();
    let mut item_section = ROOT;
    for (index, item) in parts.items.into_iter().enumerate() {
        for (k, paper) in item.papers.into_iter().enumerate() {
            if laid.pages.len() % 2 == 1 {
                laid.pages.push(furniture::blank_page(ts));
            }
            let start = laid.pages.len();
            if k == 0 {
                laid.anchors.push(Anchor { name: item.anchor.clone(), page: start, y: 0.0 });
                laid.outline.push(OutlineEntry { title: item.title.clone(), level: 0, page: start, y: 0.0 });
                laid.structure.push(StructNode { parent: Some(ROOT), kind: StructKind::Section { title: item.title.clone() } });
                item_section = laid.structure.len() as u32 - 1;
            }
            if let Some((_, title)) = &paper.appendix {
                laid.outline.push(OutlineEntry { title: title.clone(), level: 1, page: start, y: 0.0 });
            }
            let count = page_count(&paper.laid);
            let title = paper.appendix.as_ref().map(|(_, t)| t.clone()).unwrap_or_default();
            append_paper(&mut laid, paper.laid, &format!("p{index}-{k}-"), geometry, item_section, &title);
            let mut headings: Vec<OutlineEntry> =
                paper.headings.into_iter().map(|h| OutlineEntry { page: h.page + start, ..h }).collect();
            // An item's own paper (report, minutes, work programme) opens with a generated title
            // block: a cover sheet's committee name, "MINUTES OF ...". The item's bookmark already
            // names the paper, so that furniture is left out of the outline (issue 14).
            if paper.appendix.is_none() && headings.first().is_some_and(|h| h.page == start) {
                headings.remove(0);
            }
            laid.outline.extend(headings);
            if let (true, Some(statement)) = (parts.mark_restricted, paper.access.statement()) {
                restricted_pages.extend((start..start + count).map(|p| (p, statement.clone())));
            }
            if let (true, Some((number, _))) = (paper.imported, &paper.appendix) {
                if let Some(page) = laid.pages.get_mut(start) {
                    furniture::stamp_appendix(ts, page, *number);
                }
            }
        }
    }
    for (page, statement) in restricted_pages {
        if let Some(page) = laid.pages.get_mut(page) {
            furniture::stamp_restricted(ts, page, &statement);
        }
    }
    for (index, page) in laid.pages.iter_mut().enumerate() {
        if index >= number_offset {
            furniture::stamp_number(ts, page, index + 1 - number_offset);
        }
        if parts.draft {
            furniture::stamp_draft(ts, page);
        }
    }
    Ok(Paginated { laid, ranges, passes, number_offset })
}

/// The pack's Document node.
const ROOT: u32 = 0;

/// Appends a document, dropping its own outline (the pack makes its own) and making sure it
/// has at least one page. Its structure becomes a section (titled `title`, if not empty) under
/// `parent`; a document without structure, a PDF appendix, gets a new section that its
/// imported pages hang their own tags under.
fn append_document(laid: &mut LaidOut, mut part: LaidOut, geometry: Geometry, parent: u32, title: &str) {
    part.outline.clear();
    if part.pages.is_empty() {
        part.pages.push(Page { width: geometry.width, height: geometry.height, ..Page::default() });
    }
    let first_page = laid.pages.len();
    let first_node = laid.structure.len();
    let had_structure = !part.structure.is_empty();
    laid.append(part);
    let section = StructKind::Section { title: title.to_owned() };
    if had_structure {
        for node in &mut laid.structure[first_node..] {
            if node.parent.is_none() {
                node.parent = Some(parent);
                if node.kind == StructKind::Document {
                    node.kind = section.clone();
                }
            }
        }
    } else if laid.pages[first_page..].iter().any(|p| p.imported.is_some()) {
        laid.structure.push(StructNode { parent: Some(parent), kind: section });
        let node = laid.structure.len() as u32 - 1;
        for imported in laid.pages[first_page..].iter_mut().filter_map(|p| p.imported.as_mut()) {
            imported.parent = Some(node);
        }
    }
}

/// A bookmark for every heading of a paper, at `base` plus its printed level minus one. The
/// title is the heading's text as printed, lines joined by spaces.
fn heading_bookmarks(laid: &LaidOut, base: u8) -> Vec<OutlineEntry> {
    // node → (entry index, y of the last run added)
    let mut open: std::collections::BTreeMap<u32, (usize, f32)> = std::collections::BTreeMap::new();
    let mut entries: Vec<OutlineEntry> = Vec::new();
    for (page_index, page) in laid.pages.iter().enumerate() {
        for item in &page.items {
            let Placed::Text(run) = item else { continue };
            let (Role::Heading(level), Some(node)) = (run.tag.role, run.tag.node) else { continue };
            match open.get_mut(&node) {
                Some((at, y)) => {
                    let entry = &mut entries[*at];
                    if (*y - run.origin.y).abs() > 0.01 {
                        entry.title.push(' ');
                    }
                    entry.title.push_str(&run.text);
                    *y = run.origin.y;
                }
                None => {
                    open.insert(node, (entries.len(), run.origin.y));
                    let top = (run.origin.y - run.size).max(0.0);
                    entries.push(OutlineEntry { title: run.text.clone(), level: base + level.clamp(1, 6) - 1, page: page_index, y: top });
                }
            }
        }
    }
    for entry in &mut entries {
        entry.title = entry.title.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    entries.retain(|e| !e.title.is_empty());
    entries
}

/// Appends a paper with its anchor names (and the internal links that use them) prefixed, so
/// that two papers with a heading of the same name do not link into each other.
fn append_paper(laid: &mut LaidOut, mut paper: LaidOut, prefix: &str, geometry: Geometry, parent: u32, title: &str) {
    for anchor in &mut paper.anchors {
        anchor.name = format!("{prefix}{}", anchor.name);
    }
    for page in &mut paper.pages {
        for link in &mut page.links {
            if let LinkTarget::Internal(name) = std::sync::Arc::make_mut(&mut link.target) {
                *name = format!("{prefix}{name}");
            }
        }
    }
    append_document(laid, paper, geometry, parent, title);
}

#[cfg(test)]
#[path = "paginate_tests.rs"]
mod tests;
