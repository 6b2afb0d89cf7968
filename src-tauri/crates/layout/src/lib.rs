//! Layout: document trees in, pages of positioned items out.
//!
//! The output ([`LaidOut`], [`Page`], [`Placed`]) is the contract with the PDF writer, which
//! makes no layout decisions of its own: every glyph, rule and image arrives here with its final
//! position. Each placed item knows what it is ([`Tag`]), so that a tagged PDF can be written
//! without laying out again.
//!
//! Units are PostScript points (1/72 inch). The origin is the **top-left** corner of the page,
//! y grows downwards; the PDF writer flips to PDF's bottom-left origin.
//!
//! Pipeline inside: blocks ([`blocks`], [`table`]) become slices (lines, rows, images with
//! keep flags); [`flow`] distributes slices over pages. Text goes through [`inline`]
//! (shaping into atoms with break opportunities) and [`lines`] (breaking and setting).
//!
//! Invariant: layout never sees a database, a clock or a file path; fonts come compiled in.
//! Invariant: [`layout`] never panics and always returns at least one page.

mod blocks;
mod columns;
mod flow;
pub mod fonts;
mod image;
mod inline;
mod lines;
mod shape;
mod style;
mod table;
mod types;

#[cfg(test)]
mod tests;

pub use agendapack_doc::Align;
pub use fonts::{FontBook, FontId};
pub use shape::{shape, ShapedRun};
pub use style::PackStyle;
pub use types::*;

use agendapack_doc::Document;

use blocks::{Ctx, Frame};

/// Lays out a whole document on pages of `style`. Never panics; an empty document gives one
/// empty page. Footnotes are printed after the body.
pub fn layout(doc: &Document, style: &PackStyle) -> LaidOut {
    let style = style.sanitized();
    shape::with_shaper(|shaper| {
        let mut ctx = Ctx { style: &style, shaper, structure: vec![StructNode { parent: None, kind: StructKind::Document }], headers: Vec::new() };
        let frame = Frame { x: style.text_left(), width: style.text_width(), depth: 0, list_depth: 0, parent: 0, bold: false, scale: 1.0, in_cell: false, align: Align::Start };
        let mut slices = Vec::new();
        ctx.blocks(&doc.blocks, frame, &mut slices);
        ctx.footnotes(&doc.footnotes, frame, &mut slices);
        let paginated = flow::paginate(slices, &ctx.headers, &style);
        LaidOut { pages: paginated.pages, outline: paginated.outline, anchors: paginated.anchors, structure: ctx.structure }
    })
}

/// Width of `text` in points, shaped in Liberation Sans (bold or regular) at `size`, with
/// fallback faces for missing characters.
pub fn measure(text: &str, bold: bool, size: f32) -> f32 {
    let font = if bold { FontId::SansBold } else { FontId::SansRegular };
    shape(text, font, size).iter().map(|r| r.width).sum()
}

/// One text run for page furniture ("Page N", blank-page text, DRAFT marks): `text` shaped
/// in `font` at `size`, on the baseline `at.y`, aligned within `width` from `at.x`.
///
/// A run has one face, so when `text` has characters `font` lacks, the whole run is set in
/// the DejaVu fallback (which covers everything Liberation does); use [`text_runs`] for
/// per-character fallback.
pub fn text_run(text: &str, font: FontId, size: f32, at: Point, align: Align, width: f32, tag: Tag) -> TextRun {
    let book = FontBook::bundled();
    let face = if text.chars().all(|c| c.is_whitespace() || book.has_char(font, c)) { font } else { font.fallback() };
    let runs = shape(text, face, size);
    let mut run = TextRun { origin: at, font: face, size, color: agendapack_doc::Color { r: 0.0, g: 0.0, b: 0.0 }, text: String::new(), glyphs: Vec::new(), tag };
    for piece in runs {
        let base = run.text.len() as u32;
        run.text.push_str(&piece.text);
        run.glyphs.extend(piece.glyphs.into_iter().map(|g| Glyph { cluster: g.cluster + base, ..g }));
    }
    let w: f32 = run.glyphs.iter().map(|g| g.advance).sum();
    run.origin.x = aligned_x(at.x, width, w, align);
    run
}

/// Like [`text_run`], but split into several runs wherever a character needs the fallback
/// face, as body text is.
pub fn text_runs(text: &str, font: FontId, size: f32, at: Point, align: Align, width: f32, tag: Tag) -> Vec<TextRun> {
    let pieces = shape(text, font, size);
    let total: f32 = pieces.iter().map(|p| p.width).sum();
    let mut x = aligned_x(at.x, width, total, align);
    pieces
        .into_iter()
        .filter(|p| !p.glyphs.is_empty())
        .map(|p| {
            let run = TextRun { origin: Point { x, y: at.y }, font: p.font, size: p.size, color: agendapack_doc::Color { r: 0.0, g: 0.0, b: 0.0 }, text: p.text, glyphs: p.glyphs, tag };
            x += p.width;
            run
        })
        .collect()
}

fn aligned_x(x: f32, width: f32, w: f32, align: Align) -> f32 {
    let width = if width.is_finite() { width } else { 0.0 };
    match align {
        Align::Start => x,
        Align::Center => x + (width - w) / 2.0,
        Align::End => x + width - w,
    }
}
