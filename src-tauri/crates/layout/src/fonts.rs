//! The bundled faces (Liberation Sans, metric-compatible with Arial; DejaVu Sans as the
//! fallback for characters Liberation lacks; Liberation Mono for code), their metrics and
//! shaping. To be written (issue 3).

/// One of the bundled faces. The PDF writer embeds (a subset of) each face that is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontId {
    SansRegular,
    SansBold,
    SansItalic,
    SansBoldItalic,
    /// DejaVu Sans, for characters the Liberation faces lack.
    FallbackRegular,
    FallbackBold,
    Mono,
}
