//! Markdown (CommonMark + GFM tables, footnotes, strikethrough, smart punctuation, heading
//! attributes) parsed into a [`Document`](crate::Document), with every problem reported as a
//! [`Diagnostic`] that points at the source (1-based line and column, columns in characters).
//!
//! It does no I/O: images are resolved through [`ParseOptions::resolve_image`], supplied by the
//! caller. It never panics on input and never interprets raw HTML.
//!
//! The rules beyond CommonMark, chosen for council papers:
//! - **Numbered paragraphs.** A paragraph (or the first paragraph of a list item) whose text
//!   starts with a section number of at least two parts (`1.1`, `2.3.1`, optionally with a
//!   trailing dot), followed by spaces or a tab and then a capital letter, an opening quote or
//!   `(`, becomes a list item labelled with that number ("1.1 The purpose..." → label `1.1`,
//!   text "The purpose..."). Consecutive numbered paragraphs share one list. The capital-letter
//!   rule keeps sentences such as "1.5 million homes..." as plain paragraphs; a plain `1.` list
//!   stays an ordered Markdown list; headings and table cells are never relabelled (a cell
//!   reading "1.1 Manage expectations" keeps its text as written).
//! - **Page breaks.** A line containing only `\newpage` starts a new page. (`\n` is not a
//!   Markdown escape, so the line is otherwise plain text; no HTML is involved.)
//! - **Explicit labels.** A paragraph (or the first paragraph of a list item, or a paragraph in
//!   a table cell) whose text starts with a label of at most 16 characters without spaces,
//!   holding a digit, `.`, `)` or `]` or being one symbol (a bullet), and then a TAB prints
//!   that label as given ("a)\tText", "(iv)\tText", "2.3.1\tText"): it
//!   becomes a list item with that label, and consecutive labelled paragraphs share one list.
//!   This is how the Word reader keeps Word's own numbering; a label that would read as a
//!   Markdown list marker is written escaped (`1\.` or `1\)`).
//! - **Raw HTML** is not interpreted, with these exceptions: `<span lang="cy">..</span>` gives
//!   its runs a language, `<div lang="cy">` and `<div class="landscape">` (each on a line of
//!   its own, with blank lines around) up to `</div>` make a [`Division`](crate::Division),
//!   and `<u>`, `<sup>`, `<sub>` underline, raise and lower. `<br>` (`<br/>`, `<br />`)
//!   inside a table cell, which converted tables use for line breaks, becomes a
//!   [`Inline::LineBreak`](crate::Inline) silently. An HTML comment is dropped, any other
//!   HTML is shown as literal text, each with a diagnostic.
//! - **Language spans** `[Croeso i'r cyfarfod]{lang=cy}` (Pandoc's bracketed span): brackets
//!   that are not a link, followed directly by `{lang=TAG}`, give their runs that language; a
//!   tag that is not one ([`Lang::parse`](crate::Lang::parse)) keeps the words with a warning.
//!   A paragraph `::: {lang=cy}` up to a paragraph `:::` is a language division, as
//!   `<div lang="cy">` is (not in table cells).
//! - **Merged table cells.** A GFM table cell holding exactly `<` joins the cell to its left
//!   (column span), one holding exactly `^` joins the cell above (row span); a block of
//!   merged cells is written with `^` under its first column and `<` (or `^`) in the rest.
//!   Header and body rows merge separately. A marker with nothing to join is shown as text
//!   with a warning; `\<` and `\^` are always text.
//! - **Images** `![alt](src "title")` become image blocks (a paragraph around one is split).
//!   The pack resolves `media:NAME` from the pictures stored with the paper.
//!   An image that cannot be resolved becomes [`ImageData::Missing`](crate::ImageData) with an
//!   error. Empty alt text is a warning unless the alt text or the title is `decorative`, which
//!   marks the image as decorative (no alt text needed).
//! - **Links**: `http:`, `https:` and `mailto:` become external links, `#name` an internal link
//!   to a heading (`{#name}` attribute, or the heading's slug: lower case, words joined by `-`);
//!   any other target is shown as plain text with a warning, since a PDF cannot follow it.
//! - **Footnotes** are numbered by first reference; references become superscript numbers.
//! - **Nesting** of lists and quotes deeper than [`MAX_DEPTH`] is flattened into the level at
//!   the limit, with one warning, so later stages never recurse without bound.
//! - The **title** is the first level-1 heading, else [`ParseOptions::fallback_title`].

mod builder;
mod html;
mod numbering;
mod positions;
#[cfg(test)]
mod tests;

use pulldown_cmark::{BrokenLink, CowStr, LinkType, Options, Parser};

use crate::Document;

/// Lists and block quotes nested deeper than this are flattened.
pub const MAX_DEPTH: usize = 32;

/// At most this many diagnostics are reported per document (then one saying how many more),
/// so a pathological file cannot produce millions of messages.
pub const MAX_DIAGNOSTICS: usize = 500;

/// What the parser needs from its caller.
pub struct ParseOptions<'a> {
    /// Returns the encoded bytes (PNG or JPEG) of the image named in `![alt](src)`, or `None`
    /// when there is no such image. The caller decides where to look (the Markdown file's
    /// folder, `assets/`, the database).
    pub resolve_image: &'a dyn Fn(&str) -> Option<Vec<u8>>,
    /// The title when the document has no level-1 heading (e.g. the file stem).
    pub fallback_title: &'a str,
}

impl<'a> ParseOptions<'a> {
    /// Options that resolve no image at all (every image is reported missing).
    pub fn new(fallback_title: &'a str) -> ParseOptions<'a> {
        ParseOptions {
            resolve_image: &|_| None,
            fallback_title,
        }
    }
}

/// The result of parsing: the document, and the problems found on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub document: Document,
    /// In source order of discovery (mostly by position).
    pub diagnostics: Vec<Diagnostic>,
}

/// A problem in the Markdown, at a position of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters (not bytes).
    pub column: usize,
    pub severity: Severity,
    /// One plain sentence.
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The output is complete but not as the author probably meant (raw HTML shown as text,
    /// missing alt text, flattened nesting).
    Warning,
    /// Something the reader will see is wrong or missing (an image that cannot be found, a
    /// footnote that is not defined, a link to nowhere).
    Error,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// Parses Markdown into a document. Never fails: every problem becomes a diagnostic.
/// Runs in time linear in the size of the source.
pub fn parse(source: &str, options: &ParseOptions) -> Parsed {
    let flags = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut builder = builder::Builder::new(source, options);
    // `[words]{lang=cy}`: brackets without a link definition, followed by a language
    // attribute, become a span (see builder/lang_spans.rs); other brackets stay text.
    let spans = |link: BrokenLink| {
        (link.link_type == LinkType::Shortcut && builder::lang_attribute(source, link.span.end).is_some())
            .then(|| (CowStr::Borrowed(builder::SPAN_MARKER), CowStr::Borrowed("")))
    };
    for (event, range) in Parser::new_with_broken_link_callback(source, flags, Some(spans)).into_offset_iter() {
        builder.event(event, range);
    }
    builder.finish()
}
