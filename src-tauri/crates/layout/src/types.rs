//! The laid-out document: pages of positioned items. Shared by layout (which makes them), the
//! pack engine (which concatenates documents and stamps page furniture) and the PDF writer
//! (which only draws them).

use std::sync::Arc;

use agendapack_doc::{Color, LinkTarget};

use crate::fonts::FontId;

/// A point on the page, in points from the top-left corner (y down).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

/// An axis-aligned rectangle: top-left corner and size, in points.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// A whole laid-out document (or a whole pack, once the pack engine has joined its papers).
#[derive(Debug, Clone, Default)]
pub struct LaidOut {
    pub pages: Vec<Page>,
    /// Bookmarks, in document order; `level` 0 is the top.
    pub outline: Vec<OutlineEntry>,
    /// Where each [`agendapack_doc::Block::Anchor`] (and each outlined heading) landed.
    pub anchors: Vec<Anchor>,
    /// The logical structure (for tagged PDF): nodes in reading order; placed items point
    /// into this list by index through their [`Tag`].
    pub structure: Vec<StructNode>,
}

impl LaidOut {
    /// Appends `other` after this document's pages, shifting its page indices, outline,
    /// anchors and structure references so that they still point at the right places.
    pub fn append(&mut self, other: LaidOut) {
        let page_offset = self.pages.len();
        let node_offset = self.structure.len() as u32;
        for mut page in other.pages {
            for item in &mut page.items {
                if let Some(node) = item.tag_mut().node.as_mut() {
                    *node += node_offset;
                }
            }
            for node in page.links.iter_mut().filter_map(|l| l.node.as_mut()) {
                *node += node_offset;
            }
            if let Some(node) = page.imported.as_mut().and_then(|i| i.parent.as_mut()) {
                *node += node_offset;
            }
            if let Some(drawn) = page.drawn.as_mut() {
                for (_, node) in &mut drawn.marks {
                    *node += node_offset;
                }
                for node in &mut drawn.nodes {
                    *node += node_offset;
                }
            }
            self.pages.push(page);
        }
        self.outline.extend(other.outline.into_iter().map(|mut e| {
            e.page += page_offset;
            e
        }));
        self.anchors.extend(other.anchors.into_iter().map(|mut a| {
            a.page += page_offset;
            a
        }));
        self.structure.extend(other.structure.into_iter().map(|mut n| {
            if let Some(p) = n.parent.as_mut() {
                *p += node_offset;
            }
            n
        }));
    }

    pub fn anchor(&self, name: &str) -> Option<&Anchor> {
        self.anchors.iter().find(|a| a.name == name)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutlineEntry {
    pub title: String,
    pub level: u8,
    pub page: usize,
    /// Top of the target, in points from the top of the page.
    pub y: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    pub name: String,
    pub page: usize,
    pub y: f32,
}

/// One page: its size, what is drawn on it, and the clickable areas.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    /// A page of an attached PDF, drawn first, with `items` (page stamps) on top of it.
    pub imported: Option<ImportedPage>,
    pub items: Vec<Placed>,
    pub links: Vec<LinkArea>,
    /// Content already written by the PDF writer (`agendapack_pdf::draw_ahead`), drawn under
    /// `items`: a pack writes each paper's pages as soon as the paper is laid out, so that its
    /// glyphs are freed at once; `items` then holds only what was placed since (page stamps).
    pub drawn: Option<Box<DrawnContent>>,
}

/// A page's content as the PDF writer wrote it ahead of the rest of the file, with what the
/// file still needs to know of it (structure, glyphs and images used). Opaque to everything
/// but the writer; the pack engine only moves it with its page.
#[derive(Debug, Clone, Default)]
pub struct DrawnContent {
    /// The content stream, deflated.
    pub stream: Vec<u8>,
    /// Each marked-content sequence with an MCID (numbered from 0) and its structure node.
    pub marks: Vec<(u32, u32)>,
    /// The structure nodes that own content on the page (its non-artifact items).
    pub nodes: Vec<u32>,
    /// Every glyph shown, once per face and id, with the text of its cluster where the first
    /// glyph of a cluster shows it (for ToUnicode).
    pub glyphs: Vec<DrawnGlyph>,
    /// The glyphs' texts, one after another ([`DrawnGlyph::text`]): one string per page
    /// rather than one per glyph.
    pub glyph_text: String,
    /// Every image drawn, with the size it was placed at.
    pub images: Vec<(Arc<Vec<u8>>, Rect)>,
}

/// A glyph a drawn page shows (see [`DrawnContent::glyphs`]).
#[derive(Debug, Clone, PartialEq)]
pub struct DrawnGlyph {
    pub font: FontId,
    pub id: u16,
    /// Where its text is in [`DrawnContent::glyph_text`]; empty when it shows none.
    pub text: std::ops::Range<u32>,
}

/// A page taken whole from an attached PDF appendix.
#[derive(Debug, Clone)]
pub struct ImportedPage {
    /// The whole source file (shared by all its pages).
    pub source: Arc<Vec<u8>>,
    /// Zero-based page index within the source.
    pub index: usize,
    /// The structure node (a section) under which the source page's own tagged content is
    /// placed in the logical structure; None leaves it out of the structure.
    pub parent: Option<u32>,
    /// Where the source page is drawn when not at its own size and place (shrunk so that
    /// the page stamp does not cover its content); None draws it as it is.
    pub placement: Option<Placement>,
}

/// A source page drawn scaled: a point (x, y) of the page as displayed, in points from its
/// bottom-left corner, is drawn at (scale·x + dx, scale·y + dy). Its links move with it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    pub scale: f32,
    pub dx: f32,
    pub dy: f32,
}

/// A positioned item.
#[derive(Debug, Clone)]
pub enum Placed {
    Text(TextRun),
    Line(Line),
    Rect(FilledRect),
    Image(PlacedImage),
}

impl Placed {
    pub fn tag(&self) -> &Tag {
        match self {
            Placed::Text(t) => &t.tag,
            Placed::Line(l) => &l.tag,
            Placed::Rect(r) => &r.tag,
            Placed::Image(i) => &i.tag,
        }
    }

    pub fn tag_mut(&mut self) -> &mut Tag {
        match self {
            Placed::Text(t) => &mut t.tag,
            Placed::Line(l) => &mut l.tag,
            Placed::Rect(r) => &mut r.tag,
            Placed::Image(i) => &mut i.tag,
        }
    }
}

/// A run of shaped glyphs in one font and size on one baseline.
#[derive(Debug, Clone)]
pub struct TextRun {
    /// Start of the baseline.
    pub origin: Point,
    pub font: FontId,
    /// Font size in points.
    pub size: f32,
    pub color: Color,
    /// The source text the glyphs were shaped from (for ToUnicode and search).
    pub text: String,
    pub glyphs: Vec<Glyph>,
    pub tag: Tag,
}

/// A shaped glyph: its id in the font, where it sits relative to the previous glyph's pen
/// position, and which characters of the run's text it shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub id: u16,
    /// Horizontal advance in points (already includes kerning).
    pub advance: f32,
    /// Offset from the pen position in points (x right, y up), from shaping; usually zero.
    pub x_offset: f32,
    pub y_offset: f32,
    /// Byte offset into [`TextRun::text`] where this glyph's characters start; the glyph
    /// shows the text from here to the next glyph's `cluster` (or the end).
    pub cluster: u32,
}

/// A straight stroked line (table rules, horizontal rules, underlines).
#[derive(Debug, Clone)]
pub struct Line {
    pub from: Point,
    pub to: Point,
    pub width: f32,
    pub color: Color,
    pub tag: Tag,
}

/// A filled rectangle (cell shading, the DRAFT mark's box).
#[derive(Debug, Clone)]
pub struct FilledRect {
    pub rect: Rect,
    pub fill: Color,
    pub tag: Tag,
}

#[derive(Debug, Clone)]
pub struct PlacedImage {
    pub rect: Rect,
    /// Encoded PNG or JPEG; the PDF writer decodes, downsamples and deduplicates.
    pub data: Arc<Vec<u8>>,
    pub tag: Tag,
}

/// A clickable area.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkArea {
    pub rect: Rect,
    /// Shared by every area of one link (a link broken over lines has one area per line), so
    /// a long URL is held once however many lines it spans (issue 14: a 160 KB autolink took
    /// 1.56 GB when each line copied it).
    pub target: Arc<LinkTarget>,
    /// Words for assistive technology (the link text); shared like `target`.
    pub description: Arc<str>,
    /// The Link structure node of the text this area covers (None: the area is not part of
    /// the logical structure, e.g. a link in a repeated table header).
    pub node: Option<u32>,
}

/// What a placed item is, for tagging: its role, and the structure node it belongs to
/// (None for artifacts such as page numbers, which are not part of the content).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tag {
    pub role: Role,
    pub node: Option<u32>,
}

impl Tag {
    pub const ARTIFACT: Tag = Tag { role: Role::Artifact, node: None };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    /// Page furniture: page numbers, running heads, blank-page text, DRAFT marks, rules that
    /// only decorate.
    #[default]
    Artifact,
    Heading(u8),
    Paragraph,
    ListLabel,
    ListBody,
    TableHeaderCell,
    TableCell,
    Figure,
    Code,
    Quote,
    Footnote,
    Link,
}

/// A node of the logical structure tree.
#[derive(Debug, Clone, PartialEq)]
pub struct StructNode {
    pub parent: Option<u32>,
    pub kind: StructKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StructKind {
    Document,
    Section { title: String },
    Heading(u8),
    Paragraph,
    List,
    ListItem,
    ListLabel,
    ListBody,
    Table,
    TableHead,
    TableBody,
    TableRow,
    TableHeaderCell(CellSpan),
    TableCell(CellSpan),
    Figure { alt: String },
    Quote,
    Code,
    Note,
    Link,
    Toc,
    TocItem,
    /// A grouping with no meaning of its own (PDF `Div`): a table used only for layout, such as
    /// a report's cover-sheet box, which has no header cells to make it a data table.
    Division,
    /// Blocks in another language (PDF `Div` with `/Lang`).
    LangDivision { lang: String },
    /// Words in another language inside a paragraph (PDF `Span` with `/Lang`).
    Span { lang: String },
}

/// How many columns and rows a table cell covers (PDF `/ColSpan`, `/RowSpan`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellSpan {
    pub cols: u16,
    pub rows: u16,
}

impl CellSpan {
    pub const ONE: CellSpan = CellSpan { cols: 1, rows: 1 };
}
