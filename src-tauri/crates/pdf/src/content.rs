//! Page content streams: turns one page's placed items into PDF operators, flipping layout's
//! top-left origin to PDF's bottom-left one.
//!
//! Text is positioned absolutely per run (`1 0 0 1 x y Tm`) and shown with one `TJ` whose
//! adjustment numbers make every glyph land exactly at layout's pen position (advances and
//! offsets), computed against the same `/W` widths the viewer uses; shaping offsets in y use
//! text rise (`Ts`). Each group of consecutive items with the same [`Tag`] is wrapped in marked
//! content (`/Artifact BMC` or `/<Role> <</MCID n>> BDC`), with MCIDs numbered from 0 on every
//! page, and the MCID → structure node list is kept for the structure tree ([`crate::tags`]).
//!
//! It deliberately makes no layout decision: nothing is measured, wrapped or moved.

use agendapack_doc::Color;
use agendapack_layout::fonts::FontId;
use agendapack_layout::{FilledRect, Line, Page, Placed, PlacedImage, Role, Tag, TextRun};

use crate::embed::FontSet;
use crate::images::ImageSet;
use crate::tags::Plan;
use crate::stream::{push_code, push_num, push_uint};

/// Glyph position error (thousandths of an em) below which no TJ adjustment is written.
const POSITION_TOLERANCE: f64 = 0.01;

/// One marked-content sequence that belongs to a structure node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MarkedContent {
    pub mcid: u32,
    pub node: u32,
}

/// A page's content stream (uncompressed) and its marked-content list.
pub(crate) struct PageContent {
    pub bytes: Vec<u8>,
    pub marks: Vec<MarkedContent>,
}

/// Writes the operators for `items` of `page` (all of them, or the stamp on an imported page).
/// Resource names are `/<prefix>F<n>` for fonts and `/<prefix>Im<n>` for images.
///
/// Content is marked with the structure type [`Plan`] gives its node; content of a dropped or
/// unknown node, and everything when `all_artifacts` (the stamp on an imported page, whose
/// MCIDs belong to the source), is an artifact.
pub(crate) fn write_page(page: &Page, fonts: &FontSet, images: &ImageSet, prefix: &str, plan: &Plan, all_artifacts: bool) -> PageContent {
    let mut w = Writer {
        out: Vec::with_capacity(page.items.len() * 96 + 64),
        height: f64::from(page.height),
        fonts,
        images,
        prefix: prefix.as_bytes(),
        in_text: false,
        font: None,
        fill: None,
        stroke: None,
        line_width: None,
        marks: Vec::new(),
        plan,
        all_artifacts,
    };
    let items = &page.items;
    let mut start = 0;
    while start < items.len() {
        let tag = *items[start].tag();
        let end = items[start..]
            .iter()
            .position(|item| *item.tag() != tag)
            .map_or(items.len(), |n| start + n);
        w.begin_marked(tag);
        for item in &items[start..end] {
            match item {
                Placed::Text(run) => w.text(run),
                Placed::Line(line) => w.line(line),
                Placed::Rect(rect) => w.rect(rect),
                Placed::Image(image) => w.image(image),
            }
        }
        w.end_text();
        w.out.extend_from_slice(b"EMC\n");
        start = end;
    }
    PageContent { bytes: w.out, marks: w.marks }
}

struct Writer<'a> {
    out: Vec<u8>,
    height: f64,
    fonts: &'a FontSet,
    images: &'a ImageSet,
    prefix: &'a [u8],
    in_text: bool,
    font: Option<(FontId, f32)>,
    fill: Option<Color>,
    stroke: Option<Color>,
    line_width: Option<f32>,
    marks: Vec<MarkedContent>,
    plan: &'a Plan,
    all_artifacts: bool,
}

impl Writer<'_> {
    fn num(&mut self, v: f64) {
        push_num(&mut self.out, v);
    }

    fn nums(&mut self, values: &[f64]) {
        for v in values {
            self.num(*v);
            self.out.push(b' ');
        }
    }

    fn begin_marked(&mut self, tag: Tag) {
        let kind = match (tag.role, tag.node) {
            (Role::Artifact, _) | (_, None) => None,
            _ if self.all_artifacts => None,
            (_, node) => self.plan.type_of(node),
        };
        match (kind, tag.node) {
            // Content without a (kept) structure node is not part of the logical document.
            (None, _) | (_, None) => self.out.extend_from_slice(b"/Artifact BMC\n"),
            (Some(kind), Some(node)) => {
                let mcid = self.marks.len() as u32;
                self.marks.push(MarkedContent { mcid, node });
                self.out.push(b'/');
                self.out.extend_from_slice(kind);
                self.out.extend_from_slice(b" <</MCID ");
                push_uint(&mut self.out, u64::from(mcid));
                self.out.extend_from_slice(b">> BDC\n");
            }
        }
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.out.extend_from_slice(b"ET\n");
            self.in_text = false;
        }
    }

    fn set_fill(&mut self, color: Color) {
        if self.fill != Some(color) {
            self.nums(&[f64::from(color.r), f64::from(color.g), f64::from(color.b)]);
            self.out.extend_from_slice(b"rg\n");
            self.fill = Some(color);
        }
    }

    fn set_stroke(&mut self, color: Color) {
        if self.stroke != Some(color) {
            self.nums(&[f64::from(color.r), f64::from(color.g), f64::from(color.b)]);
            self.out.extend_from_slice(b"RG\n");
            self.stroke = Some(color);
        }
    }

    fn text(&mut self, run: &TextRun) {
        let Some(font) = self.fonts.get(run.font) else { return };
        if run.glyphs.is_empty() || !(run.size.is_finite() && run.size > 0.0) {
            return;
        }
        if !self.in_text {
            self.out.extend_from_slice(b"BT\n");
            self.in_text = true;
        }
        if self.font != Some((run.font, run.size)) {
            self.out.push(b'/');
            self.out.extend_from_slice(self.prefix);
            self.out.push(b'F');
            push_uint(&mut self.out, font.slot as u64);
            self.out.push(b' ');
            self.num(f64::from(run.size));
            self.out.extend_from_slice(b" Tf\n");
            self.font = Some((run.font, run.size));
        }
        self.set_fill(run.color);
        self.out.extend_from_slice(b"1 0 0 1 ");
        self.nums(&[f64::from(run.origin.x), self.height - f64::from(run.origin.y)]);
        self.out.extend_from_slice(b"Tm\n[");

        let to_em = 1000.0 / f64::from(run.size);
        let mut pen = 0.0f64; // layout's pen, points from the run origin
        let mut actual = 0.0f64; // the viewer's pen, thousandths of an em
        let mut rise = 0.0f32;
        let mut in_string = false;
        for glyph in &run.glyphs {
            if glyph.y_offset != rise && glyph.y_offset.is_finite() {
                if in_string {
                    self.out.push(b')');
                    in_string = false;
                }
                self.out.extend_from_slice(b"] TJ\n");
                self.num(f64::from(glyph.y_offset));
                self.out.extend_from_slice(b" Ts\n[");
                rise = glyph.y_offset;
            }
            let target = (pen + f64::from(glyph.x_offset)) * to_em;
            let diff = actual - target;
            if diff.is_finite() && diff.abs() > POSITION_TOLERANCE {
                // TJ numbers move the pen left by n/1000 em; written to three decimals.
                let adjust = (diff * 1000.0).round() / 1000.0;
                if in_string {
                    self.out.push(b')');
                    in_string = false;
                }
                self.num(adjust);
                actual -= adjust;
            }
            if !in_string {
                self.out.push(b'(');
                in_string = true;
            }
            let cid = font.cid(glyph.id);
            push_code(&mut self.out, cid);
            actual += f64::from(font.widths.get(cid as usize).copied().unwrap_or(0.0));
            if glyph.advance.is_finite() {
                pen += f64::from(glyph.advance);
            }
        }
        if in_string {
            self.out.push(b')');
        }
        self.out.extend_from_slice(b"] TJ\n");
        if rise != 0.0 {
            self.out.extend_from_slice(b"0 Ts\n");
        }
    }

    fn line(&mut self, line: &Line) {
        self.end_text();
        if self.line_width != Some(line.width) {
            self.num(f64::from(line.width));
            self.out.extend_from_slice(b" w\n");
            self.line_width = Some(line.width);
        }
        self.set_stroke(line.color);
        let h = self.height;
        self.nums(&[f64::from(line.from.x), h - f64::from(line.from.y)]);
        self.out.extend_from_slice(b"m ");
        self.nums(&[f64::from(line.to.x), h - f64::from(line.to.y)]);
        self.out.extend_from_slice(b"l S\n");
    }

    fn rect(&mut self, rect: &FilledRect) {
        self.end_text();
        self.set_fill(rect.fill);
        let r = rect.rect;
        let bottom = self.height - f64::from(r.y) - f64::from(r.height);
        self.nums(&[f64::from(r.x), bottom, f64::from(r.width), f64::from(r.height)]);
        self.out.extend_from_slice(b"re f\n");
    }

    fn image(&mut self, image: &PlacedImage) {
        let Some(index) = self.images.index_of(&image.data) else { return };
        self.end_text();
        let r = image.rect;
        let bottom = self.height - f64::from(r.y) - f64::from(r.height);
        self.out.extend_from_slice(b"q ");
        self.nums(&[f64::from(r.width), 0.0, 0.0, f64::from(r.height), f64::from(r.x), bottom]);
        self.out.extend_from_slice(b"cm /");
        self.out.extend_from_slice(self.prefix);
        self.out.extend_from_slice(b"Im");
        push_uint(&mut self.out, index as u64);
        self.out.extend_from_slice(b" Do Q\n");
    }
}
