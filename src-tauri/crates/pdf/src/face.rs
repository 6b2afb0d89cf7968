//! The font bytes and metrics the writer needs for each [`FontId`]: the TrueType data to
//! subset, units per em, advance widths for `/W`, and the descriptor metrics.
//!
//! Until `agendapack_layout::fonts::FontBook` exists this reads the bundled TTF files itself
//! (compiled in); it deliberately does no shaping or measuring of text: layout already did.

use agendapack_layout::fonts::FontId;

/// Every face, in a fixed order that also fixes the `/APF<n>` resource names.
pub(crate) const ALL: [FontId; 7] = [
    FontId::SansRegular,
    FontId::SansBold,
    FontId::SansItalic,
    FontId::SansBoldItalic,
    FontId::FallbackRegular,
    FontId::FallbackBold,
    FontId::Mono,
];

/// Position of `id` in [`ALL`].
pub(crate) fn index(id: FontId) -> usize {
    match id {
        FontId::SansRegular => 0,
        FontId::SansBold => 1,
        FontId::SansItalic => 2,
        FontId::SansBoldItalic => 3,
        FontId::FallbackRegular => 4,
        FontId::FallbackBold => 5,
        FontId::Mono => 6,
    }
}

/// The TrueType bytes of a bundled face.
pub(crate) fn data(id: FontId) -> &'static [u8] {
    match id {
        FontId::SansRegular => include_bytes!("../../../../assets/fonts/LiberationSans-Regular.ttf"),
        FontId::SansBold => include_bytes!("../../../../assets/fonts/LiberationSans-Bold.ttf"),
        FontId::SansItalic => include_bytes!("../../../../assets/fonts/LiberationSans-Italic.ttf"),
        FontId::SansBoldItalic => {
            include_bytes!("../../../../assets/fonts/LiberationSans-BoldItalic.ttf")
        }
        FontId::FallbackRegular => include_bytes!("../../../../assets/fonts/DejaVuSans.ttf"),
        FontId::FallbackBold => include_bytes!("../../../../assets/fonts/DejaVuSans-Bold.ttf"),
        FontId::Mono => include_bytes!("../../../../assets/fonts/LiberationMono-Regular.ttf"),
    }
}

/// The PostScript name, used (after the subset tag) as `/BaseFont`.
pub(crate) fn postscript_name(id: FontId) -> &'static str {
    match id {
        FontId::SansRegular => "LiberationSans",
        FontId::SansBold => "LiberationSans-Bold",
        FontId::SansItalic => "LiberationSans-Italic",
        FontId::SansBoldItalic => "LiberationSans-BoldItalic",
        FontId::FallbackRegular => "DejaVuSans",
        FontId::FallbackBold => "DejaVuSans-Bold",
        FontId::Mono => "LiberationMono",
    }
}
