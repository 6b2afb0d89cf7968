//! The document body walked into [`Block`]s: sections (landscape), paragraphs (headings,
//! numbered paragraphs, bullets, page breaks), tables, and the state that spans paragraphs
//! (complex fields, footnotes, warnings).
//!
//! Runs, links, fields and pictures inside a paragraph are read in [`crate::runs`].

use std::collections::{BTreeSet, HashMap};

use crate::numbering::{Label, Numbering};
use crate::package::{Package, Relationship};
use crate::render::{self, Block, Cell, Seg, Table};
use crate::styles::{StyleRole, Styles};
use crate::xml::Element;
use crate::DocxMedia;

/// Tables inside tables deeper than this are read as plain paragraphs.
const MAX_TABLE_NESTING: usize = 3;

/// A complex field open across runs (and paragraphs): `begin`, instruction, `separate`, result, `end`.
#[derive(Debug, Default)]
pub struct Field {
    pub instruction: String,
    pub in_result: bool,
    /// A TOC (or similar) field whose result is dropped: the pack makes its own outline.
    pub dropped: bool,
    /// A HYPERLINK field's target, and where its result starts in the paragraph's segments.
    pub link: Option<(String, usize)>,
}

pub struct Reader<'a> {
    pub pkg: Package<'a>,
    pub styles: Styles,
    pub numbering: Numbering,
    pub rels: HashMap<String, Relationship>,
    pub footnotes: HashMap<String, Element>,
    pub endnotes: HashMap<String, Element>,
    pub notes: Vec<(String, String)>,
    pub note_ids: HashMap<String, String>,
    pub media: Vec<DocxMedia>,
    pub media_parts: HashMap<String, String>,
    pub warnings: BTreeSet<&'static str>,
    pub extra_warnings: Vec<String>,
    pub fields: Vec<Field>,
    pub title: Option<String>,
    /// Blocks read from text boxes, written after the paragraph that anchors them.
    pub pending: Vec<Block>,
    pub table_depth: usize,
    pub in_note: bool,
    /// A bookmark written between paragraphs (pandoc does), for the next heading.
    pub block_anchor: Option<String>,
    /// Every bookmark on a heading, to the one anchor the heading is written with.
    pub heading_anchors: HashMap<String, String>,
    pub internal_links: Vec<InternalLink>,
}

/// A link to a bookmark, as first written.
pub struct InternalLink {
    pub markdown: String,
    pub text: String,
    pub anchor: String,
}

impl<'a> Reader<'a> {
    pub fn warn(&mut self, w: &'static str) {
        self.warnings.insert(w);
    }

    /// The body's blocks, landscape sections wrapped.
    pub fn body(&mut self, body: &Element) -> Vec<Block> {
        let mut out = Vec::new();
        let mut section = Vec::new();
        let mut children: Vec<&Element> = Vec::new();
        flatten_block_containers(body, &mut children, self);
        for el in children {
            match el.name.as_str() {
                "w:p" => {
                    self.paragraph(el, &mut section);
                    if let Some(sect) = el.child("w:pPr").and_then(|p| p.child("w:sectPr")) {
                        close_section(&mut out, &mut section, sect);
                    }
                }
                "w:tbl" => self.table(el, &mut section),
                "w:bookmarkStart" => self.block_anchor = el.attr("w:name").map(str::to_string),
                "w:sectPr" => close_section(&mut out, &mut section, el),
                _ => {}
            }
        }
        out.append(&mut section);
        out
    }

    /// Blocks of a container such as a cell, a note or a text box (no sections).
    pub fn blocks(&mut self, container: &Element) -> Vec<Block> {
        let mut out = Vec::new();
        let mut children: Vec<&Element> = Vec::new();
        flatten_block_containers(container, &mut children, self);
        for el in children {
            match el.name.as_str() {
                "w:p" => self.paragraph(el, &mut out),
                "w:tbl" => self.table(el, &mut out),
                "w:bookmarkStart" => self.block_anchor = el.attr("w:name").map(str::to_string),
                _ => {}
            }
        }
        out
    }

    fn paragraph(&mut self, p: &Element, out: &mut Vec<Block>) {
        let ppr = p.child("w:pPr");
        let style = ppr.and_then(|p| p.child("w:pStyle")).and_then(|s| s.val()).map(str::to_string);
        let outline = ppr.and_then(|p| p.child("w:outlineLvl")).and_then(|o| o.val()).and_then(|v| v.parse().ok());
        if ppr.and_then(|p| p.flag("w:pageBreakBefore")).unwrap_or(false) {
            out.push(Block::PageBreak);
        }
        let para_lang = ppr
            .and_then(|p| p.child("w:rPr"))
            .and_then(|r| r.child("w:lang"))
            .and_then(|l| l.val())
            .map(str::to_string)
            .or_else(|| self.styles.paragraph_lang(style.as_deref()));
        let base = crate::styles::RunProps { lang: para_lang, ..Default::default() }.over(&self.styles.defaults);
        let mut segs = Vec::new();
        let mut anchors: Vec<String> = self.block_anchor.take().filter(|a| crate::runs::valid_anchor(a)).into_iter().collect();
        let was_dropping = self.dropping();
        // A HYPERLINK field's result is linked only within one paragraph: its start index
        // means nothing in the next one.
        for f in &mut self.fields {
            f.link = None;
        }
        crate::runs::paragraph_content(self, p, &base, &mut segs, &mut anchors);
        let pending = std::mem::take(&mut self.pending);
        if was_dropping && self.dropping_or_just_ended(&segs) {
            out.extend(pending);
            return;
        }
        // Split at page breaks: text before, the break, text after.
        let mut pieces: Vec<Vec<Seg>> = vec![Vec::new()];
        for s in segs {
            match s {
                Seg::Raw(r) if r == PAGE_BREAK => pieces.push(Vec::new()),
                s => pieces.last_mut().map(|v| v.push(s)).unwrap_or(()),
            }
        }
        let numbering = self.paragraph_numbering(ppr, style.as_deref());
        let role = self.styles.role(style.as_deref(), outline);
        let count = pieces.len();
        for (i, piece) in pieces.into_iter().enumerate() {
            if i > 0 {
                out.push(Block::PageBreak);
            }
            let texts: Vec<&Seg> = piece.iter().filter(|s| matches!(s, Seg::Text(t, _) if !t.trim().is_empty())).collect();
            let welsh = !texts.is_empty() && texts.iter().all(|s| matches!(s, Seg::Text(_, f) if f.welsh));
            let text = render::inline(&piece, welsh);
            let plain = plain_of(&piece);
            let first = i == 0;
            let label = if first { numbering.clone() } else { None };
            if text.is_empty() && !matches!(&label, Some(Label::Number(l)) if !l.is_empty()) {
                continue;
            }
            let _ = count;
            match (&role, label) {
                (StyleRole::Title, _) if self.title.is_none() && !plain.trim().is_empty() => {
                    self.title = Some(plain.trim().to_string());
                }
                (StyleRole::Title, _) => out.push(Block::Heading { level: 1, text, anchor: None, welsh }),
                (StyleRole::Heading(level), label) => {
                    let text = match label {
                        Some(Label::Number(l)) if !l.is_empty() => format!("{} {}", render::escape(&l), text),
                        _ => text,
                    };
                    let anchor = if first { anchors.first().cloned() } else { None };
                    if let Some(chosen) = &anchor {
                        for a in &anchors {
                            self.heading_anchors.insert(a.clone(), chosen.clone());
                        }
                    }
                    out.push(Block::Heading { level: *level, text, anchor, welsh });
                }
                (StyleRole::Body, Some(Label::Bullet)) => {
                    let level = ppr
                        .and_then(|p| p.child("w:numPr"))
                        .and_then(|n| n.child("w:ilvl"))
                        .and_then(|l| l.val())
                        .and_then(|v| v.parse().ok())
                        .or_else(|| self.styles.numbering(style.as_deref()).and_then(|(_, l)| l.map(usize::from)))
                        .unwrap_or(0)
                        .max(self.styles.list_depth(style.as_deref()).unwrap_or(0));
                    out.push(Block::Bullet { level, text, plain, welsh });
                }
                (StyleRole::Body, Some(Label::Number(l))) => {
                    out.push(Block::Paragraph { text, plain, label: Some(l), welsh });
                }
                (StyleRole::Body, None) => out.push(Block::Paragraph { text, plain, label: None, welsh }),
            }
        }
        out.extend(pending);
    }

    /// Internal links written as `[text](#bookmark)`: pointed at their heading's anchor, or
    /// made plain text when the bookmark is not on a heading (a cross-reference to a numbered
    /// paragraph, say), which the PDF could not follow.
    pub fn resolve_internal_links(&self, markdown: &str) -> String {
        let mut out = markdown.to_string();
        let mut seen = std::collections::HashSet::new();
        for link in self.internal_links.iter().filter(|l| seen.insert(l.markdown.as_str())) {
            let replacement = match self.heading_anchors.get(&link.anchor) {
                Some(chosen) if *chosen == link.anchor => continue,
                Some(chosen) => format!("[{}](#{chosen})", link.text),
                None => link.text.clone(),
            };
            out = out.replace(&link.markdown, &replacement);
        }
        out
    }

    fn dropping(&self) -> bool {
        self.fields.iter().any(|f| f.dropped)
    }

    /// A paragraph that began inside a dropped field is dropped if it shows nothing after the field ends.
    fn dropping_or_just_ended(&self, segs: &[Seg]) -> bool {
        self.dropping() || segs.iter().all(|s| matches!(s, Seg::Text(t, _) if t.trim().is_empty()))
    }

    /// The label of a numbered paragraph, counting it.
    fn paragraph_numbering(&mut self, ppr: Option<&Element>, style: Option<&str>) -> Option<Label> {
        let direct = ppr.and_then(|p| p.child("w:numPr"));
        let from_style = self.styles.numbering(style);
        let num_id = direct
            .and_then(|n| n.child("w:numId"))
            .and_then(|n| n.val())
            .map(str::to_string)
            .or_else(|| from_style.as_ref().map(|(n, _)| n.clone()))?;
        if num_id == "0" {
            return None;
        }
        let ilvl = direct
            .and_then(|n| n.child("w:ilvl"))
            .and_then(|n| n.val())
            .and_then(|v| v.parse::<usize>().ok())
            .or_else(|| from_style.and_then(|(_, l)| l.map(usize::from)))
            .unwrap_or(0);
        self.numbering.next(&num_id, ilvl)
    }

    fn table(&mut self, tbl: &Element, out: &mut Vec<Block>) {
        if self.table_depth >= MAX_TABLE_NESTING {
            self.warn("Tables nested more than three deep were read as plain paragraphs.");
            let mut paras = Vec::new();
            let mut ps = Vec::new();
            tbl.find_all("w:p", &mut ps);
            for p in ps {
                self.paragraph(p, &mut paras);
            }
            out.extend(paras.into_iter().filter(|b| !matches!(b, Block::Table(_))));
            return;
        }
        self.table_depth += 1;
        let mut rows_el: Vec<&Element> = Vec::new();
        collect_within(tbl, "w:tr", &mut rows_el, 0);
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        for tr in rows_el {
            let trpr = tr.child("w:trPr");
            let grid_val = |name: &str| trpr.and_then(|t| t.child(name)).and_then(|g| g.val()).and_then(|v| v.parse::<usize>().ok()).unwrap_or(0).min(64);
            let mut row: Vec<Cell> = Vec::new();
            for _ in 0..grid_val("w:gridBefore") {
                row.push(Cell::Content(Vec::new()));
            }
            let mut cells: Vec<&Element> = Vec::new();
            collect_within(tr, "w:tc", &mut cells, 0);
            for tc in cells {
                let tcpr = tc.child("w:tcPr");
                let span = tcpr.and_then(|t| t.child("w:gridSpan")).and_then(|g| g.val()).and_then(|v| v.parse::<usize>().ok()).unwrap_or(1).clamp(1, 64);
                let vmerge = tcpr.and_then(|t| t.child("w:vMerge"));
                let continues = vmerge.is_some_and(|v| v.val().map_or(true, |v| v == "continue"));
                if continues && !rows.is_empty() {
                    row.push(Cell::JoinUp);
                } else {
                    let blocks = self.blocks(tc);
                    row.push(Cell::Content(blocks));
                }
                for _ in 1..span {
                    row.push(Cell::JoinLeft);
                }
            }
            for _ in 0..grid_val("w:gridAfter") {
                row.push(Cell::Content(Vec::new()));
            }
            rows.push(row);
        }
        self.table_depth -= 1;
        if rows.is_empty() {
            return;
        }
        if self.table_depth > 0 {
            self.warn("Tables inside table cells were flattened into their cell.");
        }
        out.push(Block::Table(Table { rows }));
    }
}

/// Marker the run reader leaves for a page break inside a paragraph.
pub const PAGE_BREAK: &str = "\u{0}page-break\u{0}";

fn plain_of(segs: &[Seg]) -> String {
    let mut s = String::new();
    for seg in segs {
        match seg {
            Seg::Text(t, _) => s.push_str(t),
            Seg::LineBreak => s.push('\n'),
            Seg::Raw(_) => {}
        }
    }
    s
}

/// Block-level children, looking through content controls, custom XML, tracked insertions and
/// markup-compatibility wrappers; a table of contents in a content control is left out.
fn flatten_block_containers<'e>(el: &'e Element, out: &mut Vec<&'e Element>, r: &mut Reader) {
    for c in el.elements() {
        match c.name.as_str() {
            "w:sdt" => {
                let gallery = c.child("w:sdtPr").and_then(|p| p.find("w:docPartGallery")).and_then(|g| g.val()).unwrap_or("");
                if gallery.contains("Table of Contents") {
                    continue;
                }
                if let Some(content) = c.child("w:sdtContent") {
                    flatten_block_containers(content, out, r);
                }
            }
            "w:customXml" | "w:ins" | "w:moveTo" => flatten_block_containers(c, out, r),
            "w:del" | "w:moveFrom" => r.warn(crate::runs::TRACKED),
            "mc:AlternateContent" => {
                if let Some(choice) = crate::runs::alternate(c) {
                    flatten_block_containers(choice, out, r);
                }
            }
            "w:altChunk" => r.warn("An imported chunk (altChunk) was left out; paste its content into the document instead."),
            _ => out.push(c),
        }
    }
}

/// The `tag` elements (rows `w:tr` of a table, cells `w:tc` of a row) directly inside `el` or
/// inside the wrappers Word puts around them (content controls, custom XML, a tracked insertion).
fn collect_within<'e>(el: &'e Element, tag: &str, out: &mut Vec<&'e Element>, depth: usize) {
    for c in el.elements() {
        match c.name.as_str() {
            name if name == tag => out.push(c),
            "w:sdt" | "w:sdtContent" | "w:customXml" | "w:ins" if depth < 8 => collect_within(c, tag, out, depth + 1),
            _ => {}
        }
    }
}

/// Ends the current section: its blocks go out, wrapped when the section is landscape.
fn close_section(out: &mut Vec<Block>, section: &mut Vec<Block>, sect: &Element) {
    let blocks = std::mem::take(section);
    if blocks.is_empty() {
        return;
    }
    let size = sect.child("w:pgSz");
    let orient = size.and_then(|s| s.attr("w:orient")) == Some("landscape");
    let dims = |a: &str| size.and_then(|s| s.attr(a)).and_then(|v| v.parse::<u64>().ok());
    let wider = matches!((dims("w:w"), dims("w:h")), (Some(w), Some(h)) if w > h);
    if orient || wider {
        out.push(Block::Landscape(blocks));
    } else {
        out.extend(blocks);
    }
}
