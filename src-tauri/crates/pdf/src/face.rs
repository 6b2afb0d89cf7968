//! The font bytes the writer embeds for each [`FontId`], from layout's [`FontBook`] (the
//! same compiled-in faces layout shaped with, so glyph ids always match).
//!
//! It deliberately does no shaping or measuring of text: layout already did.

use agendapack_layout::fonts::{FontBook, FontId};

/// Every face, in a fixed order that also fixes the `/APF<n>` resource names.
pub(crate) const ALL: [FontId; 7] = FontId::ALL;

/// Position of `id` in [`ALL`].
pub(crate) fn index(id: FontId) -> usize {
    ALL.iter().position(|&f| f == id).unwrap_or(0)
}

/// The TrueType bytes of a bundled face.
pub(crate) fn data(id: FontId) -> &'static [u8] {
    FontBook::bundled().data(id)
}

/// The PostScript name, used (after the subset tag) as `/BaseFont`.
pub(crate) fn postscript_name(id: FontId) -> &'static str {
    FontBook::bundled().postscript_name(id)
}

/// What the content writer needs of a face, the same for every document: its resource slot and
/// each glyph's advance width as written to `/W`. Content streams address glyphs by their
/// original id (CID = glyph id, [`crate::embed`] maps CIDs to the subset's glyphs), so a page
/// can be written before the document's subset is known.
pub(crate) struct Metrics {
    /// Position in [`ALL`]; the resource name is `/<prefix>F<slot>`.
    pub slot: usize,
    /// Advance width by glyph id, in thousandths of an em, rounded to 1/1000 so that the value
    /// survives being written as text (the viewer's pen arithmetic is matched against it).
    pub widths: Vec<f32>,
}

impl Metrics {
    /// The CID to write for a glyph id from layout: the id itself; ids past the font's glyphs
    /// show `.notdef`.
    #[inline]
    pub fn cid(&self, glyph: u16) -> u16 {
        if (glyph as usize) < self.widths.len() {
            glyph
        } else {
            0
        }
    }
}

/// The metrics of `id`, read from the font once per process; None when the bundled bytes
/// cannot be parsed (then [`crate::embed`] reports the font).
pub(crate) fn metrics(id: FontId) -> Option<&'static Metrics> {
    static ALL_METRICS: std::sync::OnceLock<Vec<Option<Metrics>>> = std::sync::OnceLock::new();
    ALL_METRICS
        .get_or_init(|| {
            ALL.iter()
                .enumerate()
                .map(|(slot, &font)| {
                    let face = ttf_parser::Face::parse(data(font), 0).ok()?;
                    let per_unit = 1000.0 / f64::from(face.units_per_em().max(1));
                    let widths = (0..face.number_of_glyphs())
                        .map(|g| {
                            let advance = face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0);
                            ((f64::from(advance) * per_unit * 1000.0).round() / 1000.0) as f32
                        })
                        .collect();
                    Some(Metrics { slot, widths })
                })
                .collect()
        })
        .get(index(id))
        .and_then(Option::as_ref)
}
