//! Blocks to slices: headings, paragraphs, lists, quotes, code, rules, images, breaks,
//! keep-together groups, anchors and footnotes, each with its structure node.
//!
//! Every block adds its own space *after* itself (headings also before), so a container can
//! trim the trailing space of its last child. Tables live in [`crate::table`]. Nothing here
//! decides page breaks; it only sets the keep flags that pagination honours.

use agendapack_doc::{plain_text, Align, Block, Heading, Image, ImageData, Inline, List, ListKind, Paragraph};

use crate::flow::{Mark, RepeatedHeader, Slice, SliceKind};
use crate::fonts::FontId;
use crate::inline::{prepare, InlineSetting, Prepared};
use crate::lines::{baseline_offset, set_paragraph, LineSetting};
use crate::shape::Shaper;
use crate::style::PackStyle;
use crate::types::{Line, Placed, PlacedImage, Point, Rect, Role, StructKind, StructNode, Tag};

/// Containers nested deeper than this are flattened: their leaf blocks are laid out at the
/// deepest indent, which keeps recursion (and indentation) bounded on any tree.
pub(crate) const MAX_DEPTH: u32 = 32;

/// Narrowest box that indentation (lists, quotes, footnotes) leaves for text.
const MIN_FRAME_WIDTH: f32 = 72.0;

/// Shared state while a document is laid out.
pub(crate) struct Ctx<'a> {
    pub style: &'a PackStyle,
    pub shaper: &'a mut Shaper,
    pub structure: Vec<StructNode>,
    pub headers: Vec<RepeatedHeader>,
}

/// Where and how blocks are set: the horizontal box, the structure parent and text options.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    pub x: f32,
    pub width: f32,
    pub depth: u32,
    pub list_depth: u32,
    pub parent: u32,
    /// Everything bold (table header cells).
    pub bold: bool,
    /// Text size multiplier (footnotes are smaller).
    pub scale: f32,
    /// Inside a table cell: page breaks are ignored and images are capped to the page.
    pub in_cell: bool,
    /// Alignment of paragraphs that ask for none (a table column's alignment).
    pub align: Align,
}

impl Frame {
    fn indented(self, by: f32) -> Frame {
        // Deep nesting stops indenting once the box is an inch wide, so text stays readable.
        let by = by.min(self.width - MIN_FRAME_WIDTH).min(self.width * 0.5).max(0.0);
        Frame { x: self.x + by, width: self.width - by, depth: self.depth + 1, ..self }
    }
}

impl Ctx<'_> {
    pub fn node(&mut self, parent: Option<u32>, kind: StructKind) -> u32 {
        self.structure.push(StructNode { parent, kind });
        (self.structure.len() - 1) as u32
    }

    fn setting(&self, size: f32, frame: &Frame, tag: Tag, bold: bool, mono: bool) -> InlineSetting {
        InlineSetting {
            size,
            bold: bold || frame.bold,
            mono,
            color: self.style.text_color,
            link_color: self.style.link_color,
            tag,
            superscript_scale: self.style.superscript_scale,
        }
    }

    fn line_setting(&self, frame: &Frame, align: Align) -> LineSetting {
        LineSetting {
            x: frame.x,
            width: frame.width,
            align,
            justify: self.style.justify,
            line_height: self.style.line_height,
            superscript_rise: self.style.superscript_rise,
            orphans: self.style.orphans,
            widows: self.style.widows,
        }
    }

    /// Shapes inlines with one structure node per link (children of `node`).
    fn prepare_inlines(&mut self, content: &[Inline], setting: &InlineSetting, node: u32) -> Prepared {
        let mut p = prepare(content, setting, self.shaper);
        let link_nodes: Vec<u32> = (0..p.links.len()).map(|_| self.node(Some(node), StructKind::Link)).collect();
        for (info, node) in p.links.iter_mut().zip(&link_nodes) {
            info.node = Some(*node);
        }
        // Runs in another language are Spans with their /Lang (inside a link: the link wins).
        let lang_nodes: Vec<u32> = p.langs.iter().map(|lang| self.node(Some(node), StructKind::Span { lang: lang.clone() })).collect();
        for deco in &mut p.decos {
            if let Some(l) = deco.link {
                deco.tag = Tag { role: Role::Link, node: link_nodes.get(l as usize).copied() };
            } else if let Some(l) = deco.lang {
                deco.tag = Tag { node: lang_nodes.get(l as usize).copied(), ..deco.tag };
            }
        }
        p
    }

    /// Lays out `blocks` in `frame`, appending slices to `out`.
    pub fn blocks(&mut self, blocks: &[Block], frame: Frame, out: &mut Vec<Slice>) {
        if frame.depth >= MAX_DEPTH {
            for leaf in flatten(blocks) {
                self.block(leaf, frame, out);
            }
            return;
        }
        for block in blocks {
            self.block(block, frame, out);
        }
    }

    fn block(&mut self, block: &Block, frame: Frame, out: &mut Vec<Slice>) {
        let style = self.style;
        match block {
            Block::Heading(h) => self.heading(h, frame, out),
            Block::Paragraph(p) => {
                if self.paragraph(p, frame, out) {
                    out.push(Slice::space(style.paragraph_spacing));
                }
            }
            Block::List(list) => self.list(list, frame, out),
            Block::Table(table) => crate::table::table(self, table, frame, out),
            Block::Quote(inner) => self.quote(inner, frame, out),
            Block::Code(code) => self.code(code, frame, out),
            Block::Rule => {
                let h = style.paragraph_spacing.max(style.rule_width) * 2.0;
                let mut slice = Slice::new(SliceKind::Content, h);
                slice.items.push(line(frame.x, frame.x + frame.width, h / 2.0, style.rule_width, style.rule_color));
                out.push(slice);
            }
            Block::Image(image) => self.image(image, frame, out),
            Block::PageBreak if !frame.in_cell => out.push(Slice::new(SliceKind::PageBreak, 0.0)),
            Block::OddPageBreak if !frame.in_cell => out.push(Slice::new(SliceKind::OddPageBreak, 0.0)),
            Block::PageBreak | Block::OddPageBreak => {}
            Block::Space(h) => {
                let h = if h.is_finite() { h.clamp(0.0, style.text_height()) } else { 0.0 };
                out.push(Slice::space(h));
            }
            Block::KeepTogether(inner) => {
                let start = out.len();
                self.blocks(inner, Frame { depth: frame.depth + 1, ..frame }, out);
                trim_trailing_space(out, start);
                let n = out.len();
                for s in &mut out[start..n.saturating_sub(1)] {
                    s.keep_with_next = true;
                }
                out.push(Slice::space(style.paragraph_spacing));
            }
            Block::Anchor(name) => {
                let mut slice = Slice::new(SliceKind::Content, 0.0);
                slice.marks.push(Mark::Anchor { name: name.clone(), y: 0.0 });
                slice.keep_with_next = true;
                out.push(slice);
            }
            // A landscape division is set on the document's own pages for now (see the
            // Markdown format notes); a language becomes a Div with /Lang.
            Block::Division(division) => {
                let parent = match division.lang {
                    Some(lang) => self.node(Some(frame.parent), StructKind::LangDivision { lang: lang.as_str().to_owned() }),
                    None => frame.parent,
                };
                self.blocks(&division.blocks, Frame { parent, depth: frame.depth + 1, ..frame }, out);
            }
        }
    }

    fn heading(&mut self, h: &Heading, frame: Frame, out: &mut Vec<Slice>) {
        let style = self.style;
        let level = h.level.clamp(1, 6);
        let size = (style.heading_sizes[(level - 1) as usize] * frame.scale).min(frame.width.max(0.5));
        let node = self.node(Some(frame.parent), StructKind::Heading(level));
        let setting = self.setting(size, &frame, Tag { role: Role::Heading(level), node: Some(node) }, true, false);
        let p = self.prepare_inlines(&h.content, &setting, node);
        if p.atoms.is_empty() {
            return;
        }
        let mut space = Slice::space(style.heading_space_before);
        space.keep_with_next = true;
        out.push(space);
        let start = out.len();
        set_paragraph(p, &self.line_setting(&frame, h.align), out);
        // A heading is never the last thing on a page: every line keeps with what follows.
        for s in &mut out[start..] {
            s.keep_with_next = true;
        }
        if let Some(first) = out.get_mut(start) {
            let title = plain_text(&h.content).split_whitespace().collect::<Vec<_>>().join(" ");
            if h.outline && !frame.in_cell {
                first.marks.push(Mark::Anchor { name: slug(&title), y: 0.0 });
                first.marks.push(Mark::Outline { title, level: level - 1, y: 0.0 });
            }
        }
        let mut after = Slice::space(style.heading_space_after);
        after.keep_with_next = true;
        out.push(after);
    }

    /// Sets a paragraph; false when it had no text (so no space follows it).
    pub fn paragraph(&mut self, para: &Paragraph, frame: Frame, out: &mut Vec<Slice>) -> bool {
        let scale = if para.scale.is_finite() && para.scale > 0.0 { para.scale.clamp(0.25, 8.0) } else { 1.0 };
        // Never larger than the box is wide, so that a single letter always fits.
        let size = (self.style.body_size * scale * frame.scale).min(frame.width.max(0.5));
        if para.content.is_empty() {
            return false;
        }
        let node = self.node(Some(frame.parent), StructKind::Paragraph);
        let setting = self.setting(size, &frame, Tag { role: Role::Paragraph, node: Some(node) }, false, false);
        let mut lines = 0;
        for chunk in chunks(&para.content) {
            let p = self.prepare_inlines(&chunk, &setting, node);
            if !p.atoms.is_empty() {
                lines += set_paragraph(p, &self.line_setting(&frame, if para.align == Align::Start { frame.align } else { para.align }), out);
            }
        }
        if lines == 0 {
            self.structure.pop_if_last(node);
        }
        lines > 0
    }

    fn list(&mut self, list: &List, frame: Frame, out: &mut Vec<Slice>) {
        let style = self.style;
        let size = style.body_size * frame.scale;
        let list_node = self.node(Some(frame.parent), StructKind::List);
        let markers: Vec<String> = list
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| match (&item.label, &list.kind) {
                (Some(label), _) => label.clone(),
                (None, ListKind::Bullet) => ["•", "–", "◦"][(frame.list_depth % 3) as usize].to_string(),
                (None, ListKind::Ordered { start }) => format!("{}.", start.saturating_add(i as u32)),
                (None, ListKind::Plain) => String::new(),
            })
            .collect();
        let gap = size * 0.5;
        let widest = markers.iter().map(|m| crate::measure(m, frame.bold, size)).fold(0.0, f32::max);
        let indent = style.list_indent.max(widest + gap).min(frame.width * 0.5);
        let inner = Frame { list_depth: frame.list_depth + 1, ..frame.indented(indent) };
        for (i, (item, marker)) in list.items.iter().zip(&markers).enumerate() {
            let item_node = self.node(Some(list_node), StructKind::ListItem);
            let label_node = (!marker.is_empty()).then(|| self.node(Some(item_node), StructKind::ListLabel));
            let body_node = self.node(Some(item_node), StructKind::ListBody);
            let start = out.len();
            self.blocks(&item.blocks, Frame { parent: body_node, ..inner }, out);
            trim_trailing_space(out, start);
            let first = match out[start..].iter().position(|s| s.kind == SliceKind::Content && s.height > 0.0) {
                Some(k) => start + k,
                None => {
                    out.push(Slice::new(SliceKind::Content, size * style.line_height));
                    out.len() - 1
                }
            };
            if let Some(label_node) = label_node {
                let slice = &mut out[first];
                let baseline = slice.first_baseline.unwrap_or_else(|| baseline_offset(size, style.line_height));
                let font = if frame.bold { FontId::SansBold } else { FontId::SansRegular };
                let w = crate::measure(marker, frame.bold, size);
                let x = (inner.x - gap - w).max(frame.x);
                let tag = Tag { role: Role::ListLabel, node: Some(label_node) };
                // Before the body's items, so that the label comes first in the content stream.
                let runs = crate::text_runs(marker, font, size, Point { x, y: baseline }, Align::Start, w, tag);
                slice.items.splice(0..0, runs.into_iter().map(Placed::Text));
            }
            if i + 1 < list.items.len() {
                out.push(Slice::space(style.list_item_spacing));
            }
        }
        out.push(Slice::space(style.paragraph_spacing));
    }

    fn quote(&mut self, inner: &[Block], frame: Frame, out: &mut Vec<Slice>) {
        let style = self.style;
        let node = self.node(Some(frame.parent), StructKind::Quote);
        let start = out.len();
        self.blocks(inner, Frame { parent: node, ..frame.indented(style.quote_indent) }, out);
        trim_trailing_space(out, start);
        let x = frame.x + style.quote_rule_width / 2.0;
        for slice in &mut out[start..] {
            if slice.height > 0.0 && matches!(slice.kind, SliceKind::Content | SliceKind::Space) {
                let mut rule = line(x, x, 0.0, style.quote_rule_width, style.rule_color);
                if let Placed::Line(l) = &mut rule {
                    l.from = Point { x, y: 0.0 };
                    l.to = Point { x, y: slice.height };
                }
                slice.items.push(rule);
            }
        }
        out.push(Slice::space(style.paragraph_spacing));
    }

    fn code(&mut self, code: &str, frame: Frame, out: &mut Vec<Slice>) {
        let style = self.style;
        let size = style.code_size * frame.scale;
        let node = self.node(Some(frame.parent), StructKind::Code);
        let setting = self.setting(size, &frame, Tag { role: Role::Code, node: Some(node) }, false, true);
        let ls = self.line_setting(&frame, Align::Start);
        let text = code.strip_suffix('\n').unwrap_or(code);
        for source_line in text.split('\n') {
            let expanded = source_line.trim_end_matches('\r').replace('\t', "    ");
            let p = crate::inline::prepare_verbatim(&expanded, &setting, self.shaper);
            if p.atoms.is_empty() {
                out.push(Slice::new(SliceKind::Content, size * style.line_height));
            } else {
                set_paragraph(p, &LineSetting { justify: false, ..ls }, out);
            }
        }
        out.push(Slice::space(style.paragraph_spacing));
    }

    fn image(&mut self, image: &Image, frame: Frame, out: &mut Vec<Slice>) {
        let style = self.style;
        let share = if image.max_width.is_finite() && image.max_width > 0.0 { image.max_width.min(1.0) } else { 1.0 };
        let max_w = frame.width * share;
        // An image the author gave no alt text (a Markdown diagnostic says so before the build)
        // still gets some, so that a screen reader announces an image rather than nothing.
        let alt = match (image.alt.trim(), &image.data) {
            ("", ImageData::Missing { source }) => format!("Image not available: {source}"),
            ("", _) => "Image with no description".to_string(),
            (alt, _) => alt.to_string(),
        };
        let node = (!image.decorative).then(|| self.node(Some(frame.parent), StructKind::Figure { alt }));
        let tag = node.map_or(Tag::ARTIFACT, |n| Tag { role: Role::Figure, node: Some(n) });
        let size = match &image.data {
            ImageData::Encoded(bytes) => crate::image::pixel_size(bytes).map(|s| (s, bytes)),
            ImageData::Missing { .. } => None,
        };
        match size {
            Some(((pw, ph), bytes)) => {
                // Natural size at 150 dpi; never scaled up past it.
                let natural_w = pw as f32 * 72.0 / 150.0;
                let mut w = natural_w.min(max_w);
                let mut h = w * ph as f32 / pw as f32;
                let max_h = style.text_height();
                if h > max_h {
                    w *= max_h / h;
                    h = max_h;
                }
                let mut slice = Slice::new(SliceKind::Content, h);
                slice.items.push(Placed::Image(PlacedImage { rect: Rect { x: frame.x, y: 0.0, width: w, height: h }, data: std::sync::Arc::new(bytes.clone()), tag }));
                out.push(slice);
            }
            None => {
                // A framed placeholder saying what is missing, so the gap is visible.
                let label = match (&image.data, image.alt.trim()) {
                    (_, alt) if !alt.is_empty() => format!("Image not available: {alt}"),
                    (ImageData::Missing { source }, _) => format!("Image not available: {source}"),
                    _ => "Image not available".to_string(),
                };
                let pad = style.cell_padding.max(2.0);
                let inner = Frame { x: frame.x + pad, width: (max_w - 2.0 * pad).max(1.0), parent: node.unwrap_or(frame.parent), ..frame };
                let mut text = Vec::new();
                let para = Paragraph::new(vec![Inline::italic(label)]);
                self.paragraph(&para, inner, &mut text);
                let mut cell = crate::table::stack(text);
                cell.shift(0.0, pad);
                let h = cell.height + 2.0 * pad;
                let mut slice = Slice::new(SliceKind::Content, h);
                let (x0, x1) = (frame.x, frame.x + max_w);
                let c = style.rule_color;
                let w = style.table_rule_width;
                slice.items.push(line(x0, x1, 0.0, w, c));
                slice.items.push(line(x0, x1, h, w, c));
                slice.items.push(vline(x0, 0.0, h, w, c));
                slice.items.push(vline(x1, 0.0, h, w, c));
                slice.items.extend(cell.items);
                out.push(slice);
            }
        }
        out.push(Slice::space(style.paragraph_spacing));
    }
}

/// Text beyond this many bytes is prepared and set in pieces cut at spaces, which keeps the
/// working memory of a huge paragraph bounded; each cut ends a line a little early.
const CHUNK_BYTES: usize = 64 * 1024;

/// `content` in pieces of about [`CHUNK_BYTES`] of text (one piece, borrowed, when small).
fn chunks(content: &[Inline]) -> Vec<std::borrow::Cow<'_, [Inline]>> {
    let total: usize = content.iter().map(|i| if let Inline::Text(t) = i { t.text.len() } else { 1 }).sum();
    if total <= CHUNK_BYTES {
        return vec![std::borrow::Cow::Borrowed(content)];
    }
    let mut out = Vec::new();
    let mut current: Vec<Inline> = Vec::new();
    let mut size = 0;
    for inline in content {
        let Inline::Text(t) = inline else {
            current.push(inline.clone());
            size += 1;
            continue;
        };
        let mut rest = t.text.as_str();
        while size + rest.len() > CHUNK_BYTES {
            let want = CHUNK_BYTES.saturating_sub(size);
            // Cut at the first space at or after the budget (a chunk never ends mid-word).
            let Some(cut) = rest.get(want..).and_then(|tail| tail.find(' ')).map(|k| k + want) else { break };
            current.push(Inline::Text(agendapack_doc::Text { text: rest[..cut].to_string(), style: t.style, link: t.link.clone() }));
            out.push(std::borrow::Cow::Owned(std::mem::take(&mut current)));
            size = 0;
            rest = &rest[cut..];
            if want == 0 && cut == 0 {
                // A space right at the start: step past it so the loop advances.
                rest = &rest[1..];
            }
        }
        if !rest.is_empty() {
            size += rest.len();
            current.push(Inline::Text(agendapack_doc::Text { text: rest.to_string(), style: t.style, link: t.link.clone() }));
        }
    }
    if !current.is_empty() {
        out.push(std::borrow::Cow::Owned(current));
    }
    out
}

trait PopIfLast {
    fn pop_if_last(&mut self, node: u32);
}

impl PopIfLast for Vec<StructNode> {
    /// Drops a node that turned out to have no content, if nothing was added after it.
    fn pop_if_last(&mut self, node: u32) {
        if self.len() == node as usize + 1 {
            self.pop();
        }
    }
}

/// Removes space slices at the end of `out` (from `start` on): a container's last child
/// must not add space inside the container.
pub(crate) fn trim_trailing_space(out: &mut Vec<Slice>, start: usize) {
    while out.len() > start && out.last().is_some_and(|s| s.kind == SliceKind::Space) {
        out.pop();
    }
}

/// A horizontal rule, as page decoration.
pub(crate) fn line(x0: f32, x1: f32, y: f32, width: f32, color: agendapack_doc::Color) -> Placed {
    Placed::Line(Line { from: Point { x: x0, y }, to: Point { x: x1, y }, width, color, tag: Tag::ARTIFACT })
}

/// A vertical rule, as page decoration.
pub(crate) fn vline(x: f32, y0: f32, y1: f32, width: f32, color: agendapack_doc::Color) -> Placed {
    Placed::Line(Line { from: Point { x, y: y0 }, to: Point { x, y: y1 }, width, color, tag: Tag::ARTIFACT })
}

/// The leaf blocks of a tree, in reading order, found without recursion (for trees nested
/// too deeply to lay out level by level). Table cells' blocks are included in order.
fn flatten(blocks: &[Block]) -> Vec<&Block> {
    let mut out = Vec::new();
    let mut stack: Vec<std::slice::Iter<'_, Block>> = vec![blocks.iter()];
    while let Some(top) = stack.last_mut() {
        let Some(block) = top.next() else {
            stack.pop();
            continue;
        };
        match block {
            Block::List(l) => {
                for item in l.items.iter().rev() {
                    stack.push(item.blocks.iter());
                }
                // The pushes above run in reverse so the first item is read first.
            }
            Block::Quote(inner) | Block::KeepTogether(inner) => stack.push(inner.iter()),
            Block::Division(d) => stack.push(d.blocks.iter()),
            Block::Table(t) => {
                for row in t.header.iter().chain(&t.body).rev() {
                    for cell in row.cells.iter().rev() {
                        stack.push(cell.blocks.iter());
                    }
                }
            }
            leaf => out.push(leaf),
        }
    }
    out
}

/// A link target name for a heading: lower case, words joined by hyphens.
pub(crate) fn slug(title: &str) -> String {
    let mut out = String::new();
    for word in title.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

impl Ctx<'_> {
    /// Footnotes after the body: a short rule, then each note numbered, in a smaller size.
    pub fn footnotes(&mut self, notes: &[agendapack_doc::Footnote], frame: Frame, out: &mut Vec<Slice>) {
        if notes.is_empty() {
            return;
        }
        let style = self.style;
        trim_trailing_space(out, 0);
        out.push(Slice::space(style.paragraph_spacing * 2.0));
        let mut rule = Slice::new(SliceKind::Content, style.paragraph_spacing);
        rule.items.push(line(frame.x, frame.x + frame.width / 3.0, 0.0, style.rule_width, style.rule_color));
        rule.keep_with_next = true;
        out.push(rule);
        let scale = style.footnote_size / style.body_size;
        let size = style.footnote_size;
        let numbers: Vec<String> = notes.iter().map(|n| n.number.to_string()).collect();
        let widest = numbers.iter().map(|m| crate::measure(m, false, size)).fold(0.0, f32::max);
        let gap = size * 0.5;
        let indent = (widest + gap).max(size * 1.5).min(frame.width * 0.5);
        for (note, number) in notes.iter().zip(&numbers) {
            let node = self.node(Some(frame.parent), StructKind::Note);
            let start = out.len();
            let inner = Frame { scale: frame.scale * scale, parent: node, ..frame.indented(indent) };
            self.blocks(&note.blocks, inner, out);
            trim_trailing_space(out, start);
            let first = match out[start..].iter().position(|s| s.kind == SliceKind::Content && s.height > 0.0) {
                Some(k) => start + k,
                None => {
                    out.push(Slice::new(SliceKind::Content, size * style.line_height));
                    out.len() - 1
                }
            };
            let slice = &mut out[first];
            let baseline = slice.first_baseline.unwrap_or_else(|| baseline_offset(size, style.line_height));
            let tag = Tag { role: Role::Footnote, node: Some(node) };
            let runs = crate::text_runs(number, FontId::SansRegular, size, Point { x: frame.x, y: baseline }, Align::Start, indent, tag);
            slice.items.splice(0..0, runs.into_iter().map(Placed::Text));
            out.push(Slice::space(style.list_item_spacing));
        }
    }
}
