//! The event-to-tree state machine behind [`super::parse`]: pulldown-cmark events in, a
//! [`Document`] and diagnostics out. Containers (quotes, lists, items, footnote definitions,
//! tables, cells) live on an explicit stack, so nesting depth never turns into recursion here;
//! inline content collects in one open [`InlineBlock`] at a time.
//! It does not decide anything about appearance; the parent module documents the rules.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use pulldown_cmark::{Alignment, Event, Tag, TagEnd};

mod finish;
mod lang_spans;
mod runs;
mod spans;
mod specials;

use super::numbering::{section_label, strip_front};
use super::positions::LineIndex;
use super::{Diagnostic, ParseOptions, Severity, MAX_DEPTH, MAX_DIAGNOSTICS};
use crate::{
    plain_text, Align, Block, Cell, Column, Division, Heading, Inline, Lang, LinkTarget, List,
    ListItem, ListKind, Paragraph, Row, Table,
};
use finish::slug;
pub(super) use lang_spans::{lang_attribute, SPAN_MARKER};

/// An open container.
enum Frame {
    Root(Vec<Block>),
    Quote(Vec<Block>),
    List {
        kind: ListKind,
        items: Vec<ListItem>,
    },
    Item {
        label: Option<String>,
        blocks: Vec<Block>,
    },
    Footnote {
        label: String,
        offset: usize,
        blocks: Vec<Block>,
    },
    Table {
        columns: Vec<Column>,
        header: Vec<Row>,
        body: Vec<Row>,
        row: Vec<Cell>,
        /// Per row (header rows first), per cell: the span marker it holds and where.
        marks: Vec<Vec<Option<(char, usize)>>>,
        row_marks: Vec<Option<(char, usize)>>,
    },
    Cell(Vec<Block>),
    /// `<div lang>` / `<div class="landscape">` up to its `</div>`.
    Division {
        lang: Option<Lang>,
        landscape: bool,
        blocks: Vec<Block>,
        offset: usize,
    },
}

#[derive(Clone, Copy, PartialEq)]
enum InlineKind {
    Paragraph,
    Heading(u8),
}

/// The paragraph or heading being filled with inlines.
struct InlineBlock {
    kind: InlineKind,
    id: Option<String>,
    inlines: Vec<Inline>,
    /// Where the current source line's inlines start: (number of inlines, length of the last
    /// run's text), to cut a `\newpage` line back out.
    line_start: (usize, usize),
    /// The current line's text while it could still be `\newpage` alone.
    line_text: String,
    line_pure: bool,
}

struct PendingImage {
    source: String,
    title: String,
    alt: String,
    offset: usize,
}

pub(super) struct Builder<'a> {
    options: &'a ParseOptions<'a>,
    source: &'a str,
    lines: LineIndex<'a>,
    diagnostics: Vec<Diagnostic>,
    suppressed: usize,
    frames: Vec<Frame>,
    /// Real quote and list frames open (the depth that [`MAX_DEPTH`] limits).
    depth: usize,
    /// Container starts ignored because they were too deep; their ends are ignored too.
    flattened: usize,
    flatten_reported: bool,
    open: Option<InlineBlock>,
    emphasis: u32,
    strong: u32,
    strike: u32,
    underline: u32,
    superscript: u32,
    subscript: u32,
    /// Languages of the open `<span lang>` tags, innermost last.
    langs: Vec<Lang>,
    links: Vec<Option<LinkTarget>>,
    /// Per open link: whether it is a `[words]{lang=...}` span that pushed onto `langs`.
    link_spans: Vec<bool>,
    /// The source range of the `{lang=...}` after an open span, whose text is not printed.
    skip_attribute: Option<Range<usize>>,
    /// Where the open paragraph starts (for a `::: {lang=...}` fence's diagnostic).
    paragraph_at: usize,
    image: Option<PendingImage>,
    code: Option<String>,
    html: Option<(String, usize)>,
    footnote_numbers: BTreeMap<String, u32>,
    footnote_refs: Vec<(String, usize)>,
    footnote_defs: BTreeMap<String, (Vec<Block>, usize)>,
    title: Option<String>,
    anchors: BTreeSet<String>,
    internal_links: Vec<(String, usize)>,
    /// pulldown-cmark leaves an undefined `[^label]` as the texts "[", "^label", "]"; this
    /// follows that sequence to report it.
    undefined_note: NoteScan,
}

#[derive(Clone, PartialEq)]
enum NoteScan {
    Idle,
    Bracket(usize),
    Label(usize, String),
}

impl<'a> Builder<'a> {
    pub(super) fn new(source: &'a str, options: &'a ParseOptions<'a>) -> Builder<'a> {
        Builder {
            options,
            source,
            lines: LineIndex::new(source),
            diagnostics: Vec::new(),
            suppressed: 0,
            frames: vec![Frame::Root(Vec::new())],
            depth: 0,
            flattened: 0,
            flatten_reported: false,
            open: None,
            emphasis: 0,
            strong: 0,
            strike: 0,
            underline: 0,
            superscript: 0,
            subscript: 0,
            langs: Vec::new(),
            links: Vec::new(),
            link_spans: Vec::new(),
            skip_attribute: None,
            paragraph_at: 0,
            image: None,
            code: None,
            html: None,
            footnote_numbers: BTreeMap::new(),
            footnote_refs: Vec::new(),
            footnote_defs: BTreeMap::new(),
            title: None,
            anchors: BTreeSet::new(),
            internal_links: Vec::new(),
            undefined_note: NoteScan::Idle,
        }
    }

    pub(super) fn event(&mut self, event: Event, range: Range<usize>) {
        let at = range.start;
        if let Event::Text(text) = &event {
            self.scan_undefined_note(text, at);
        } else {
            self.undefined_note = NoteScan::Idle;
        }
        match event {
            Event::Start(Tag::TableCell) => {
                let raw = self.source.get(range.clone()).unwrap_or("");
                let marker_at = at + (raw.len() - raw.trim_start().len());
                let marker = match raw.trim() {
                    "<" => Some(('<', marker_at)),
                    "^" => Some(('^', marker_at)),
                    _ => None,
                };
                if let Some(Frame::Table { row_marks, .. }) = self.frames.last_mut() {
                    row_marks.push(marker);
                }
                self.start(Tag::TableCell, at)
            }
            Event::Start(Tag::Link { dest_url, .. }) if &*dest_url == lang_spans::SPAN_MARKER => {
                self.pure_line_broken();
                self.open_lang_span(range);
            }
            Event::Start(tag) => self.start(tag, at),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                if let Some(text) = self.outside_attribute(&text, &range) {
                    self.text(text, at)
                }
            }
            Event::Code(text) => {
                self.pure_line_broken();
                self.push_text(&text, |s| s.mono = true, at);
            }
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text(&text, at),
            Event::Html(html) => match self.html.as_mut() {
                Some((buffer, _)) => buffer.push_str(&html),
                None => self.html = Some((html.to_string(), at)),
            },
            Event::InlineHtml(html) => self.inline_html(&html, at),
            Event::FootnoteReference(label) => self.footnote_reference(&label, at),
            Event::SoftBreak => self.line_break(false, at),
            Event::HardBreak => self.line_break(true, at),
            Event::Rule => {
                self.close_inline();
                self.push_block(Block::Rule);
            }
            Event::TaskListMarker(done) => {
                self.push_text(if done { "☒ " } else { "☐ " }, |_| {}, at)
            }
        }
    }

    fn start(&mut self, tag: Tag, at: usize) {
        match tag {
            Tag::Paragraph => {
                self.paragraph_at = at;
                self.open_inline(InlineKind::Paragraph, None)
            }
            Tag::Heading { level, id, .. } => {
                self.open_inline(InlineKind::Heading(level as u8), id.map(|i| i.to_string()))
            }
            Tag::BlockQuote(_) => self.push_container(Frame::Quote(Vec::new()), true, at),
            Tag::List(start) => {
                let kind = match start {
                    Some(n) => ListKind::Ordered {
                        start: u32::try_from(n).unwrap_or(u32::MAX),
                    },
                    None => ListKind::Bullet,
                };
                self.push_container(
                    Frame::List {
                        kind,
                        items: Vec::new(),
                    },
                    true,
                    at,
                );
            }
            Tag::Item => self.push_container(
                Frame::Item {
                    label: None,
                    blocks: Vec::new(),
                },
                false,
                at,
            ),
            Tag::FootnoteDefinition(label) => {
                self.close_inline();
                self.frames.push(Frame::Footnote {
                    label: label.to_string(),
                    offset: at,
                    blocks: Vec::new(),
                });
            }
            Tag::CodeBlock(_) => {
                self.close_inline();
                self.code = Some(String::new());
            }
            Tag::HtmlBlock => {
                self.close_inline();
                self.html = None;
            }
            Tag::Table(alignments) => {
                self.close_inline();
                let columns = alignments
                    .iter()
                    .map(|a| Column {
                        align: align(*a),
                        width: None,
                    })
                    .collect();
                self.frames.push(Frame::Table {
                    columns,
                    header: Vec::new(),
                    body: Vec::new(),
                    row: Vec::new(),
                    marks: Vec::new(),
                    row_marks: Vec::new(),
                });
            }
            Tag::TableHead | Tag::TableRow => {}
            Tag::TableCell => {
                self.frames.push(Frame::Cell(Vec::new()));
                self.open_inline(InlineKind::Paragraph, None);
            }
            Tag::Emphasis => {
                self.pure_line_broken();
                self.emphasis += 1;
            }
            Tag::Strong => {
                self.pure_line_broken();
                self.strong += 1;
            }
            Tag::Strikethrough => {
                self.pure_line_broken();
                self.strike += 1;
            }
            Tag::Link { dest_url, .. } => {
                self.pure_line_broken();
                let target = self.link_target(&dest_url, at);
                self.links.push(target);
                self.link_spans.push(false);
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                self.pure_line_broken();
                self.image = Some(PendingImage {
                    source: dest_url.to_string(),
                    title: title.to_string(),
                    alt: String::new(),
                    offset: at,
                });
            }
            Tag::Superscript
            | Tag::Subscript
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) => self.close_inline(),
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item => self.pop_container(),
            TagEnd::FootnoteDefinition => {
                self.close_inline();
                self.close_divisions();
                if let Some(Frame::Footnote {
                    label,
                    offset,
                    blocks,
                }) = self.frames.pop()
                {
                    if self.footnote_defs.contains_key(&label) {
                        self.report(offset, Severity::Warning, || format!("footnote [^{label}] is defined twice; the first definition is used"));
                    } else {
                        self.footnote_defs.insert(label, (blocks, offset));
                    }
                }
            }
            TagEnd::CodeBlock => {
                let mut code = self.code.take().unwrap_or_default();
                if code.ends_with('\n') {
                    code.pop();
                }
                self.push_block(Block::Code(code));
            }
            TagEnd::HtmlBlock => self.html_block(),
            TagEnd::Table => {
                self.close_inline();
                if let Some(Frame::Table {
                    columns,
                    mut header,
                    mut body,
                    marks,
                    ..
                }) = self.frames.pop()
                {
                    let (head_marks, body_marks) = marks.split_at(header.len().min(marks.len()));
                    for (rows, marks) in [(&mut header, head_marks), (&mut body, body_marks)] {
                        for (at, marker) in spans::join_cells(rows, marks) {
                            self.report(at, Severity::Warning, || {
                                format!("a table cell holding only \"{marker}\" has no cell to join, so it is shown as text")
                            });
                        }
                    }
                    self.push_block(Block::Table(Table {
                        columns,
                        header,
                        body,
                        ruled: true,
                    }));
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                let head = tag == TagEnd::TableHead;
                if let Some(Frame::Table {
                    header,
                    body,
                    row,
                    marks,
                    row_marks,
                    ..
                }) = self.frames.last_mut()
                {
                    let cells = std::mem::take(row);
                    let mut row_marks = std::mem::take(row_marks);
                    row_marks.resize(cells.len(), None);
                    marks.push(row_marks);
                    if head {
                        header.push(Row { cells })
                    } else {
                        body.push(Row { cells })
                    }
                }
            }
            TagEnd::TableCell => {
                self.close_inline();
                if let Some(Frame::Cell(blocks)) = self.frames.pop() {
                    if let Some(Frame::Table { row, .. }) = self.frames.last_mut() {
                        row.push(Cell::new(blocks));
                    }
                }
            }
            TagEnd::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::Link => {
                self.links.pop();
                if self.link_spans.pop() == Some(true) {
                    self.langs.pop();
                }
            }
            TagEnd::Image => self.finish_image(),
            TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => {}
        }
    }

    // ----- containers -------------------------------------------------------------------

    fn push_container(&mut self, frame: Frame, counts: bool, at: usize) {
        self.close_inline();
        if self.flattened > 0 || (counts && self.depth >= MAX_DEPTH) {
            self.flattened += 1;
            if !self.flatten_reported {
                self.flatten_reported = true;
                self.report(at, Severity::Warning, || {
                    format!("lists and quotes nested deeper than {MAX_DEPTH} levels are flattened")
                });
            }
            return;
        }
        if counts {
            self.depth += 1;
        }
        self.frames.push(frame);
    }

    fn pop_container(&mut self) {
        self.close_inline();
        if self.flattened == 0 {
            self.close_divisions();
        }
        if self.flattened > 0 {
            self.flattened -= 1;
            return;
        }
        let block = match self.frames.pop() {
            Some(Frame::Quote(blocks)) => {
                self.depth = self.depth.saturating_sub(1);
                Block::Quote(blocks)
            }
            Some(Frame::List { kind, items }) => {
                self.depth = self.depth.saturating_sub(1);
                Block::List(List { kind, items })
            }
            Some(Frame::Item { label, blocks }) => {
                if let Some(Frame::List { items, .. }) = self.frames.last_mut() {
                    items.push(ListItem { label, blocks });
                }
                return;
            }
            Some(other) => {
                // Unbalanced events cannot come from pulldown-cmark; put the frame back.
                self.frames.push(other);
                return;
            }
            None => return,
        };
        self.push_block(block);
    }

    /// Closes the innermost division if it is the open container (`</div>`, or a `:::` fence);
    /// false when there is none to close.
    fn end_division(&mut self) -> bool {
        if !matches!(self.frames.last(), Some(Frame::Division { .. })) {
            return false;
        }
        if let Some(Frame::Division { lang, landscape, blocks, .. }) = self.frames.pop() {
            self.push_block(Block::Division(Division { lang, landscape, blocks }));
        }
        true
    }

    /// Closes `<div>`s left open at the end of their container (a list item, a quote, the
    /// document), with a warning each.
    fn close_divisions(&mut self) {
        while let Some(Frame::Division { .. }) = self.frames.last() {
            self.close_inline();
            if let Some(Frame::Division {
                lang,
                landscape,
                blocks,
                offset,
            }) = self.frames.pop()
            {
                self.report(offset, Severity::Warning, || {
                    "a <div> is not closed by </div> inside its list, quote or note, so it ends there".into()
                });
                self.push_block(Block::Division(Division {
                    lang,
                    landscape,
                    blocks,
                }));
            }
        }
    }

    fn push_block(&mut self, block: Block) {
        if self.frames.is_empty() {
            self.frames.push(Frame::Root(Vec::new()));
        }
        let last = self.frames.len() - 1;
        match &mut self.frames[last] {
            Frame::Root(blocks)
            | Frame::Quote(blocks)
            | Frame::Item { blocks, .. }
            | Frame::Footnote { blocks, .. }
            | Frame::Division { blocks, .. }
            | Frame::Cell(blocks) => blocks.push(block),
            Frame::List { items, .. } => items.push(ListItem {
                label: None,
                blocks: vec![block],
            }),
            Frame::Table { .. } => {
                // Content between cells: pulldown-cmark sends none, but never lose it.
                self.frames.push(Frame::Cell(vec![block]));
                self.end(TagEnd::TableCell);
            }
        }
    }

    // ----- inline blocks ----------------------------------------------------------------

    fn open_inline(&mut self, kind: InlineKind, id: Option<String>) {
        self.close_inline();
        self.open = Some(InlineBlock {
            kind,
            id,
            inlines: Vec::new(),
            line_start: (0, 0),
            line_text: String::new(),
            line_pure: true,
        });
    }

    fn ensure_inline(&mut self) -> &mut InlineBlock {
        self.open.get_or_insert_with(|| InlineBlock {
            kind: InlineKind::Paragraph,
            id: None,
            inlines: Vec::new(),
            line_start: (0, 0),
            line_text: String::new(),
            line_pure: true,
        })
    }

    fn in_cell(&self) -> bool {
        matches!(self.frames.last(), Some(Frame::Cell(_)))
    }

    /// Ends the open paragraph or heading, if any, turning it into a block.
    fn close_inline(&mut self) {
        if self
            .open
            .as_ref()
            .is_some_and(|b| b.kind == InlineKind::Paragraph)
        {
            self.check_page_break_line();
        }
        if let Some(open) = self.open.take() {
            self.emit_inline_block(open.kind, open.id, open.inlines);
        }
        self.reset_inline_tags();
    }

    fn emit_inline_block(
        &mut self,
        kind: InlineKind,
        id: Option<String>,
        mut inlines: Vec<Inline>,
    ) {
        trim(&mut inlines);
        match kind {
            InlineKind::Heading(level) => {
                let text = plain_text(&inlines);
                if level == 1 && self.title.is_none() && !text.trim().is_empty() {
                    self.title = Some(text.trim().to_string());
                }
                let anchor = self.unique_anchor(id.unwrap_or_else(|| slug(&text)));
                if !anchor.is_empty() {
                    self.push_block(Block::Anchor(anchor));
                }
                self.push_block(Block::Heading(Heading {
                    level,
                    content: inlines,
                    outline: true,
                    align: Align::Start,
                }));
            }
            InlineKind::Paragraph => {
                if inlines.is_empty() || self.fenced_division(&inlines) {
                    return;
                }
                let label = match tab_label(&inlines) {
                    Some(found) => Some(found),
                    None if self.in_cell() => None,
                    None => section_label(&inlines),
                };
                let Some((label, bytes)) = label else {
                    self.push_block(Block::Paragraph(Paragraph::new(inlines)));
                    return;
                };
                strip_front(&mut inlines, bytes);
                let paragraph = Block::Paragraph(Paragraph::new(inlines));
                let last = self.frames.len() - 1;
                match &mut self.frames[last] {
                    // The first paragraph of a list item: the item takes the number.
                    Frame::Item {
                        label: slot @ None,
                        blocks,
                    } if blocks.is_empty() => {
                        *slot = Some(label);
                        blocks.push(paragraph);
                    }
                    Frame::Root(blocks)
                    | Frame::Quote(blocks)
                    | Frame::Item { blocks, .. }
                    | Frame::Footnote { blocks, .. }
                    | Frame::Division { blocks, .. }
                    | Frame::Cell(blocks) => {
                        let item = ListItem {
                            label: Some(label),
                            blocks: vec![paragraph],
                        };
                        match blocks.last_mut() {
                            Some(Block::List(list))
                                if list.items.iter().all(|i| i.label.is_some()) =>
                            {
                                list.items.push(item)
                            }
                            _ => blocks.push(Block::List(List {
                                kind: ListKind::Ordered { start: 1 },
                                items: vec![item],
                            })),
                        }
                    }
                    _ => self.push_block(paragraph),
                }
            }
        }
    }

    // ----- diagnostics and the end ------------------------------------------------------

    /// Records a problem; the message is only built when it will be kept.
    fn report(&mut self, offset: usize, severity: Severity, message: impl FnOnce() -> String) {
        if self.diagnostics.len() >= MAX_DIAGNOSTICS {
            self.suppressed += 1;
            return;
        }
        let message = message();
        let (line, column) = self.lines.position(offset);
        self.diagnostics.push(Diagnostic {
            line,
            column,
            severity,
            message,
        });
    }
}

fn align(alignment: Alignment) -> Align {
    match alignment {
        Alignment::None | Alignment::Left => Align::Start,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::End,
    }
}

/// Removes leading and trailing spaces and line breaks (left around an image, a `\newpage`
/// line or a break at the end).
fn trim(inlines: &mut Vec<Inline>) {
    let mut drop = 0;
    for inline in inlines.iter_mut() {
        match inline {
            Inline::LineBreak => drop += 1,
            Inline::Text(t) => {
                let start = t.text.len() - t.text.trim_start().len();
                t.text.drain(..start);
                if t.text.is_empty() {
                    drop += 1;
                } else {
                    break;
                }
            }
        }
    }
    inlines.drain(..drop);
    while let Some(last) = inlines.last_mut() {
        match last {
            Inline::LineBreak => {
                inlines.pop();
            }
            Inline::Text(t) => {
                let kept = t.text.trim_end().len();
                t.text.truncate(kept);
                if t.text.is_empty() {
                    inlines.pop();
                } else {
                    break;
                }
            }
        }
    }
}

/// The label before a TAB at the start of a paragraph ("a)\tText"), and the bytes to remove
/// (label and TAB): at most 16 characters, no spaces, with a digit or `.`, `)`, `]`, or
/// one symbol alone (a bullet).
fn tab_label(inlines: &[Inline]) -> Option<(String, usize)> {
    let Some(Inline::Text(first)) = inlines.first() else {
        return None;
    };
    let tab = first.text.find('\t')?;
    let label = &first.text[..tab];
    if label.is_empty() || label.chars().count() > 16 || label.contains(char::is_whitespace) {
        return None;
    }
    // Shaped like a label ("1", "a)", "(iv)", "2.3.1", "A.", a bullet), so that a word
    // before a tab stop ("Tel:\t020...") stays text.
    let single_symbol = label.chars().count() == 1 && !label.chars().all(char::is_alphanumeric);
    if !(single_symbol || label.contains(|c: char| c.is_ascii_digit() || matches!(c, '.' | ')' | ']'))) {
        return None;
    }
    Some((label.to_string(), tab + 1))
}
