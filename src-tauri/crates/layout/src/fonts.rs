//! The bundled faces (Liberation Sans, metric-compatible with Arial; DejaVu Sans as the
//! fallback for characters Liberation lacks; Liberation Mono for code), parsed once, with
//! their metrics, character coverage and one cached shaping plan each.
//!
//! Shaping itself lives in [`crate::shape`]. This module does no layout and never reads a
//! file: the faces are compiled in, so a missing font is a build error, not a runtime one.

use std::sync::OnceLock;

use rustybuzz::{Direction, Face, ShapePlan};

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

impl FontId {
    /// Every face, in a fixed order (the index of a face in this list is its slot in the book).
    pub const ALL: [FontId; 7] = [
        FontId::SansRegular,
        FontId::SansBold,
        FontId::SansItalic,
        FontId::SansBoldItalic,
        FontId::FallbackRegular,
        FontId::FallbackBold,
        FontId::Mono,
    ];

    fn slot(self) -> usize {
        self as usize
    }

    /// The Liberation face for a combination of weight, slant and monospacing. There is no
    /// bold or italic mono face bundled: code is set in the one mono face.
    pub fn for_style(bold: bool, italic: bool, mono: bool) -> FontId {
        match (mono, bold, italic) {
            (true, _, _) => FontId::Mono,
            (false, false, false) => FontId::SansRegular,
            (false, true, false) => FontId::SansBold,
            (false, false, true) => FontId::SansItalic,
            (false, true, true) => FontId::SansBoldItalic,
        }
    }

    /// The DejaVu face used for characters this face lacks (same weight where bundled).
    pub fn fallback(self) -> FontId {
        match self {
            FontId::SansBold | FontId::SansBoldItalic | FontId::FallbackBold => FontId::FallbackBold,
            _ => FontId::FallbackRegular,
        }
    }
}

/// One parsed face with what layout and the PDF writer need from it.
pub(crate) struct LoadedFace {
    pub data: &'static [u8],
    pub face: Face<'static>,
    pub plan: ShapePlan,
    pub postscript_name: String,
    pub units_per_em: u16,
    pub ascender: i16,
    pub descender: i16,
    pub cap_height: i16,
    pub space_glyph: u16,
    pub space_advance: u16,
    /// One bit per Basic Multilingual Plane character the face maps to a glyph; checking a
    /// bit is much cheaper than a cmap lookup, and every character of every paragraph is
    /// checked when choosing between a face and its fallback.
    bmp_coverage: Vec<u64>,
}

impl LoadedFace {
    fn load(data: &'static [u8], fallback_name: &str) -> LoadedFace {
        // The bundled faces are known-good TrueType files; if one could not be parsed the
        // build itself is broken, and an empty face would only hide that.
        let face = match Face::from_slice(data, 0) {
            Some(face) => face,
            None => panic!("the bundled font {fallback_name} cannot be parsed"),
        };
        let plan = ShapePlan::new(&face, Direction::LeftToRight, Some(rustybuzz::script::LATIN), None, &[]);
        let postscript_name = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME && n.is_unicode())
            .and_then(|n| n.to_string())
            .unwrap_or_else(|| fallback_name.to_string());
        let mut bmp_coverage = vec![0u64; 1024];
        if let Some(cmap) = face.tables().cmap {
            for subtable in cmap.subtables {
                if !subtable.is_unicode() {
                    continue;
                }
                subtable.codepoints(|cp| {
                    if cp < 0x10000 && subtable.glyph_index(cp).is_some_and(|g| g.0 != 0) {
                        bmp_coverage[(cp / 64) as usize] |= 1 << (cp % 64);
                    }
                });
            }
        }
        let space_glyph = face.glyph_index(' ').map_or(0, |g| g.0);
        let space_advance = face.glyph_hor_advance(ttf_parser::GlyphId(space_glyph)).unwrap_or(0);
        LoadedFace {
            data,
            postscript_name,
            units_per_em: face.as_ref().units_per_em(),
            ascender: face.ascender(),
            descender: face.descender(),
            cap_height: face.capital_height().unwrap_or((face.ascender() as f32 * 0.7) as i16),
            space_glyph,
            space_advance,
            bmp_coverage,
            plan,
            face,
        }
    }

    /// Whether the face has a real glyph for `ch`.
    pub fn covers(&self, ch: char) -> bool {
        let cp = ch as u32;
        if cp < 0x10000 {
            self.bmp_coverage[(cp / 64) as usize] & (1 << (cp % 64)) != 0
        } else {
            self.face.glyph_index(ch).is_some_and(|g| g.0 != 0)
        }
    }
}

/// All bundled faces, parsed once. Obtain it with [`FontBook::bundled`]; it is immutable and
/// shared by every thread.
pub struct FontBook {
    faces: Vec<LoadedFace>,
}

static BOOK: OnceLock<FontBook> = OnceLock::new();

macro_rules! font_file {
    ($name:literal) => {
        (include_bytes!(concat!("../../../../assets/fonts/", $name)) as &'static [u8], $name)
    };
}

impl FontBook {
    /// The faces compiled into the program (assets/fonts).
    pub fn bundled() -> &'static FontBook {
        BOOK.get_or_init(|| {
            let files: [(&'static [u8], &str); 7] = [
                font_file!("LiberationSans-Regular.ttf"),
                font_file!("LiberationSans-Bold.ttf"),
                font_file!("LiberationSans-Italic.ttf"),
                font_file!("LiberationSans-BoldItalic.ttf"),
                font_file!("DejaVuSans.ttf"),
                font_file!("DejaVuSans-Bold.ttf"),
                font_file!("LiberationMono-Regular.ttf"),
            ];
            FontBook { faces: files.iter().map(|(data, name)| LoadedFace::load(data, name)).collect() }
        })
    }

    pub(crate) fn face(&self, id: FontId) -> &LoadedFace {
        &self.faces[id.slot()]
    }

    /// The raw TrueType file, for embedding.
    pub fn data(&self, id: FontId) -> &'static [u8] {
        self.face(id).data
    }

    /// The face's PostScript name from its `name` table (e.g. "LiberationSans-Bold").
    pub fn postscript_name(&self, id: FontId) -> &str {
        &self.face(id).postscript_name
    }

    pub fn units_per_em(&self, id: FontId) -> u16 {
        self.face(id).units_per_em
    }

    /// Typographic ascender, font units (positive, above the baseline).
    pub fn ascender(&self, id: FontId) -> i16 {
        self.face(id).ascender
    }

    /// Typographic descender, font units (negative, below the baseline).
    pub fn descender(&self, id: FontId) -> i16 {
        self.face(id).descender
    }

    /// Height of capital letters, font units.
    pub fn cap_height(&self, id: FontId) -> i16 {
        self.face(id).cap_height
    }

    /// The face's bounding box (xMin, yMin, xMax, yMax), font units, for the PDF /FontBBox.
    pub fn bbox(&self, id: FontId) -> (i16, i16, i16, i16) {
        let r = self.face(id).face.global_bounding_box();
        (r.x_min, r.y_min, r.x_max, r.y_max)
    }

    /// Whether the face is italic (for the PDF font descriptor flags and /ItalicAngle).
    pub fn italic_angle(&self, id: FontId) -> f32 {
        self.face(id).face.italic_angle()
    }

    /// The horizontal advance of a glyph from `hmtx`, font units (for the PDF /W array).
    pub fn glyph_advance(&self, id: FontId, glyph: u16) -> u16 {
        self.face(id).face.glyph_hor_advance(ttf_parser::GlyphId(glyph)).unwrap_or(0)
    }

    /// The number of glyphs in the face.
    pub fn glyph_count(&self, id: FontId) -> u16 {
        self.face(id).face.number_of_glyphs()
    }

    /// Whether the face has a real glyph (not .notdef) for `ch`.
    pub fn has_char(&self, id: FontId, ch: char) -> bool {
        self.face(id).covers(ch)
    }

    /// The face that draws `ch` for text styled in `primary`: `primary` itself when it has
    /// the character, else its DejaVu fallback when that has it, else `primary` (which then
    /// shows its .notdef box, so that a missing character is visible rather than dropped).
    pub fn face_for_char(&self, primary: FontId, ch: char) -> FontId {
        if self.face(primary).covers(ch) {
            return primary;
        }
        let fallback = primary.fallback();
        if self.face(fallback).covers(ch) {
            fallback
        } else {
            primary
        }
    }

    /// Width of the space character, in points at `size`.
    pub fn space_width(&self, id: FontId, size: f32) -> f32 {
        let f = self.face(id);
        f.space_advance as f32 * size / f.units_per_em as f32
    }

    /// The space glyph, used between words inside one text run.
    pub fn space_glyph(&self, id: FontId) -> u16 {
        self.face(id).space_glyph
    }
}

/// The characters of `text` that no bundled face can print (they would show as empty boxes),
/// each once, in order of first appearance. The one test for "can this be printed", used by
/// the editor's warnings and the pack's build warnings alike (issue 14).
///
/// Text is checked against the regular sans face and its fallback (the bold and italic
/// faces cover the same characters). Line ends, tabs and characters that are meant to print
/// nothing (zero-width joiners and spaces, variation selectors, the soft hyphen) are not
/// reported: an emoji's selector is not a second problem.
pub fn unprintable_chars(text: &str) -> Vec<char> {
    let book = FontBook::bundled();
    let mut found: Vec<char> = Vec::new();
    for ch in text.chars() {
        if ch.is_ascii() || prints_nothing(ch) || found.contains(&ch) {
            continue;
        }
        let printable = book.has_char(FontId::SansRegular, ch) || book.has_char(FontId::FallbackRegular, ch);
        if !printable {
            found.push(ch);
        }
    }
    found
}

/// Characters that draw nothing by design, so a missing glyph for them is not a problem.
fn prints_nothing(ch: char) -> bool {
    ch.is_control()
        || matches!(ch as u32, 0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F
            | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F | 0xFEFF
            | 0xFFA0 | 0xFFF0..=0xFFF8 | 0xE0000..=0xE0FFF)
}

/// A character named for a warning: "U+1F600 (an emoji)", "U+E000 (a private-use character)".
pub fn describe_char(ch: char) -> String {
    let cp = ch as u32;
    let kind = match cp {
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF => Some("an emoji or symbol"),
        0xE000..=0xF8FF | 0xF0000..=0x10FFFF => Some("a private-use character"),
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x3040..=0x30FF | 0xAC00..=0xD7AF => Some("a Chinese, Japanese or Korean character"),
        _ => None,
    };
    match kind {
        Some(kind) => format!("U+{cp:04X} ({kind})"),
        None => format!("U+{cp:04X}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn emoji_are_unprintable_once_each_and_ordinary_text_is_not() {
        use super::{describe_char, unprintable_chars};
        assert_eq!(unprintable_chars("Café – £5, “quoted”, Ŵ, ß, ő, €"), Vec::<char>::new(), "Latin text, dashes, quotes and currency print");
        // DejaVu Sans draws the emoticons block (😀) in black and white; the crab and the thumbs-up
        // are in no bundled face.
        assert_eq!(unprintable_chars("Good 😀 news \u{1F980} \u{1F980} \u{1F44D}\u{FE0F}"), vec!['\u{1F980}', '\u{1F44D}'], "each emoji once, its selector not at all");
        assert_eq!(describe_char('😀'), "U+1F600 (an emoji or symbol)");
        assert_eq!(describe_char('\u{E000}'), "U+E000 (a private-use character)");
    }

    use super::*;

    #[test]
    fn every_face_loads_with_sane_metrics() {
        let book = FontBook::bundled();
        for id in FontId::ALL {
            assert!(book.units_per_em(id) >= 1000, "{id:?}: TrueType faces use 1000 or 2048 units per em");
            assert!(book.ascender(id) > 0 && book.descender(id) < 0, "{id:?}: ascender above and descender below the baseline");
            assert!(!book.postscript_name(id).is_empty(), "{id:?}: the PDF writer needs a PostScript name");
            let a = book.face(id).face.glyph_index('a').map(|g| g.0).unwrap_or(0);
            assert!(book.glyph_advance(id, a) > 0, "{id:?}: 'a' has an advance");
        }
        assert_eq!(book.postscript_name(FontId::SansBold), "LiberationSans-Bold", "the name table gives the real PostScript name");
    }

    #[test]
    fn fallback_chosen_only_for_missing_characters() {
        let book = FontBook::bundled();
        let check = |primary: FontId, ch: char, expect: FontId| {
            assert_eq!(book.face_for_char(primary, ch), expect, "{ch:?} in {primary:?} should be drawn by {expect:?}");
        };
        check(FontId::SansRegular, 'a', FontId::SansRegular);
        check(FontId::SansRegular, 'ŵ', FontId::SansRegular);
        check(FontId::SansRegular, '€', FontId::SansRegular);
        check(FontId::SansRegular, '≠', FontId::SansRegular);
        check(FontId::SansRegular, '☐', FontId::FallbackRegular);
        check(FontId::SansBold, '☐', FontId::FallbackBold);
        check(FontId::SansItalic, '☐', FontId::FallbackRegular);
    }
}
