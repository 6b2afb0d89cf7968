//! The document tree: blocks and inlines that say *what* a document is, never *where* it goes.
//!
//! Markdown is parsed into it ([`markdown`]), the pack engine generates it for notices, agendas
//! and cover sheets, and the layout stage turns it into pages. Nothing here knows about fonts,
//! points or PDF; nothing here does I/O.
//!
//! Invariant: a tree is plain data. Two equal trees lay out to the same pages.

mod lang;
pub mod markdown;
pub mod text;

pub use lang::Lang;

use serde::{Deserialize, Serialize};

/// A whole document: one paper of a pack (a report, an appendix, the agenda) or a document
/// rendered alone.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Document {
    /// The document's title, used for the PDF title and its outline entry.
    pub title: String,
    pub blocks: Vec<Block>,
    /// Footnote bodies, numbered from 1 in order of first reference; printed at the end.
    pub footnotes: Vec<Footnote>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Footnote {
    pub number: u32,
    pub blocks: Vec<Block>,
}

/// A block-level element.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Block {
    Heading(Heading),
    Paragraph(Paragraph),
    List(List),
    Table(Table),
    /// Indented quotation.
    Quote(Vec<Block>),
    /// Preformatted text in a monospaced face, lines kept as they are (wrapped only if too wide).
    Code(String),
    /// A horizontal rule across the text width.
    Rule,
    Image(Image),
    /// Start the next block on a new page.
    PageBreak,
    /// Start the next block on a new odd (recto) page.
    OddPageBreak,
    /// Vertical space, in points.
    Space(f32),
    /// Blocks that must not be split across pages (moved whole to the next page if they do not
    /// fit, unless taller than a page).
    KeepTogether(Vec<Block>),
    /// A named place that internal links can point at; takes no space.
    Anchor(String),
    /// A group of blocks with a language of its own or a page orientation (Markdown
    /// `<div lang="cy">` / `<div class="landscape">`).
    Division(Division),
}

/// Blocks that belong together: a passage in another language, or a part meant for landscape
/// pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Division {
    /// The passage's language when it differs from the document's (tagged as `/Lang`).
    pub lang: Option<Lang>,
    /// The author asked for landscape pages (a wide table). Layout currently sets it on the
    /// document's own (portrait) pages.
    pub landscape: bool,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    pub content: Vec<Inline>,
    /// Whether the heading gets a bookmark in the outline.
    pub outline: bool,
    pub align: Align,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    pub content: Vec<Inline>,
    pub align: Align,
    /// Text size relative to the body size (1.0 = body); the front sheet uses larger text.
    pub scale: f32,
}

impl Paragraph {
    pub fn new(content: Vec<Inline>) -> Paragraph {
        Paragraph { content, align: Align::Start, scale: 1.0 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Align {
    /// Left in English (ragged right), or justified when the style asks for it.
    #[default]
    Start,
    Center,
    End,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct List {
    pub kind: ListKind,
    pub items: Vec<ListItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ListKind {
    Bullet,
    /// Numbered from `start`: "1.", "2.", ...
    Ordered { start: u32 },
    /// No marker at all (items still indented).
    Plain,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListItem {
    /// An explicit label that replaces the computed marker, e.g. "1.1" or "(a)".
    pub label: Option<String>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub columns: Vec<Column>,
    /// Rows repeated at the top of every page the table continues on.
    pub header: Vec<Row>,
    pub body: Vec<Row>,
    /// Whether cells are ruled (true for every table in council papers; false for the
    /// borderless layout tables of a front sheet).
    pub ruled: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub align: Align,
    /// A fixed share of the table width (0 < w <= 1), or None to size from content.
    pub width: Option<f32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub cells: Vec<Cell>,
}

/// A table cell. A cell spanning rows occupies its columns in the rows below it, and those
/// rows leave the covered places out of their `cells` (as HTML does).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub blocks: Vec<Block>,
    /// How many columns the cell spans (1 or more).
    pub colspan: u16,
    /// How many rows the cell spans (1 or more), counted within its part (header or body).
    pub rowspan: u16,
    /// Light grey background (cover-sheet labels, RAG status fills use `fill`).
    pub fill: Option<Color>,
}

impl Cell {
    pub fn new(blocks: Vec<Block>) -> Cell {
        Cell { blocks, colspan: 1, rowspan: 1, fill: None }
    }
}

/// An sRGB colour; components 0.0 to 1.0.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Color {
    pub r: f32,
    pub g: f32,
    pub b: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Image {
    /// Encoded PNG or JPEG bytes; resolved by the caller (from `assets/` or the database).
    pub data: ImageData,
    /// Alternative text; empty only when `decorative`.
    pub alt: String,
    pub decorative: bool,
    /// Largest width as a share of the text width (the image is never scaled up past its
    /// natural size at 150 dpi).
    pub max_width: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ImageData {
    /// Decoded RGB(A) pixels are not carried here: the PDF stage decodes.
    Encoded(Vec<u8>),
    /// The source named an image that could not be found; laid out as a framed placeholder
    /// with the alt text, and reported as a diagnostic by whoever resolved it.
    Missing { source: String },
}

/// An inline element of a paragraph, heading or cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Inline {
    Text(Text),
    /// A forced line break.
    LineBreak,
}

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Text {
    pub text: String,
    pub style: TextStyle,
    pub link: Option<LinkTarget>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TextStyle {
    pub bold: bool,
    pub italic: bool,
    pub mono: bool,
    pub strike: bool,
    /// Smaller and raised: footnote references, `<sup>`.
    pub superscript: bool,
    /// Smaller and lowered: `<sub>`.
    pub subscript: bool,
    pub underline: bool,
    /// The run's language when it differs from the document's (`<span lang="cy">`).
    pub lang: Option<Lang>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkTarget {
    /// A URL (http, https, mailto).
    External(String),
    /// An [`Block::Anchor`] name in the same output.
    Internal(String),
}

impl Inline {
    pub fn plain(text: impl Into<String>) -> Inline {
        Inline::Text(Text { text: text.into(), style: TextStyle::default(), link: None })
    }

    pub fn bold(text: impl Into<String>) -> Inline {
        Inline::Text(Text { text: text.into(), style: TextStyle { bold: true, ..TextStyle::default() }, link: None })
    }

    pub fn italic(text: impl Into<String>) -> Inline {
        Inline::Text(Text { text: text.into(), style: TextStyle { italic: true, ..TextStyle::default() }, link: None })
    }
}

/// The plain text of inlines, for titles, outline entries and tests.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push_str(&t.text),
            Inline::LineBreak => out.push(' '),
        }
    }
    out
}
