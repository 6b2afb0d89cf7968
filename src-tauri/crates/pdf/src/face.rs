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
