//! Shaping text into glyphs with rustybuzz (kerning and ligatures on), with per-character
//! fallback to DejaVu and a cache of shaped words.
//!
//! Text is shaped word by word: council papers repeat the same few thousand words, so the
//! cache turns most shaping into a hash lookup. Kerning across a space is lost that way; the
//! Liberation faces kern almost nothing across spaces, so the difference is invisible.
//! This module does not break lines or place anything.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use rustybuzz::{BufferFlags, UnicodeBuffer};

use crate::fonts::{FontBook, FontId};
use crate::types::Glyph;

/// A glyph in font units, as shaping produced it. `cluster` is a byte offset into the text
/// that was shaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct UnitGlyph {
    pub id: u16,
    pub advance: i32,
    pub x_offset: i32,
    pub y_offset: i32,
    pub cluster: u32,
}

/// Words longer than this are shaped without caching: they are rare (URLs, the 10 MB line of
/// a stress test) and would only fill the cache.
const CACHE_WORD_LIMIT: usize = 64;
/// The cache is emptied when it reaches this many words, which bounds its memory.
const CACHE_CAPACITY: usize = 60_000;

/// Shaped words of one face.
type WordCache = HashMap<Box<str>, Arc<[UnitGlyph]>, BuildHasherDefault<WordHasher>>;

/// A reusable shaping context: the rustybuzz buffer and the cache of shaped words.
pub(crate) struct Shaper {
    book: &'static FontBook,
    buffer: Option<UnicodeBuffer>,
    /// One map per face (indexed like [`FontId::ALL`]), so that lookups borrow the word.
    cache: Vec<WordCache>,
    cached: usize,
}

/// FxHash (as in rustc): much faster than SipHash on short words, and the cache is private
/// so hash flooding is not a concern. Iteration order never reaches the output.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

thread_local! {
    static SHAPER: RefCell<Shaper> = RefCell::new(Shaper::new());
}

/// Runs `f` with this thread's shaper (its cache survives between documents of a pack).
pub(crate) fn with_shaper<R>(f: impl FnOnce(&mut Shaper) -> R) -> R {
    SHAPER.with(|s| match s.try_borrow_mut() {
        Ok(mut shaper) => f(&mut shaper),
        // Re-entered (cannot happen in this crate, but must not panic): use a fresh shaper.
        Err(_) => f(&mut Shaper::new()),
    })
}

impl Shaper {
    pub fn new() -> Shaper {
        Shaper { book: FontBook::bundled(), buffer: Some(UnicodeBuffer::new()), cache: FontId::ALL.iter().map(|_| HashMap::default()).collect(), cached: 0 }
    }

    pub fn book(&self) -> &'static FontBook {
        self.book
    }

    /// Shapes `text` in exactly `font` (no fallback), clusters relative to `text`.
    pub fn shape_in(&mut self, font: FontId, text: &str) -> Arc<[UnitGlyph]> {
        let slot = font as usize;
        if text.len() <= CACHE_WORD_LIMIT {
            if let Some(hit) = self.cache.get(slot).and_then(|c| c.get(text)) {
                return hit.clone();
            }
        }
        let glyphs: Arc<[UnitGlyph]> = self.shape_uncached(font, text).into();
        if text.len() <= CACHE_WORD_LIMIT {
            if self.cached >= CACHE_CAPACITY {
                self.cache.iter_mut().for_each(HashMap::clear);
                self.cached = 0;
            }
            if let Some(c) = self.cache.get_mut(slot) {
                c.insert(text.into(), glyphs.clone());
                self.cached += 1;
            }
        }
        glyphs
    }

    fn shape_uncached(&mut self, font: FontId, text: &str) -> Vec<UnitGlyph> {
        let face = self.book.face(font);
        let mut buffer = self.buffer.take().unwrap_or_default();
        buffer.push_str(text);
        // Set explicitly: the plan was built for left-to-right Latin, and rustybuzz requires
        // the buffer to match the plan.
        buffer.set_direction(rustybuzz::Direction::LeftToRight);
        buffer.set_script(rustybuzz::script::LATIN);
        buffer.set_flags(BufferFlags::BEGINNING_OF_TEXT | BufferFlags::END_OF_TEXT | BufferFlags::REMOVE_DEFAULT_IGNORABLES);
        let shaped = rustybuzz::shape_with_plan(&face.face, &face.plan, buffer);
        let out = shaped
            .glyph_infos()
            .iter()
            .zip(shaped.glyph_positions())
            .map(|(info, pos)| UnitGlyph {
                id: info.glyph_id as u16,
                advance: pos.x_advance,
                x_offset: pos.x_offset,
                y_offset: pos.y_offset,
                cluster: info.cluster,
            })
            .collect();
        self.buffer = Some(shaped.clear());
        out
    }

    /// Shapes `text` styled in `primary`, splitting it where characters need the fallback
    /// face. Calls `emit(font, byte_range, glyphs)` for each piece, in order; the glyphs'
    /// clusters are relative to the start of their piece.
    pub fn shape_with_fallback(&mut self, primary: FontId, text: &str, mut emit: impl FnMut(FontId, std::ops::Range<usize>, &[UnitGlyph])) {
        let mut start = 0;
        let mut current: Option<FontId> = None;
        for (i, ch) in text.char_indices() {
            // Every bundled face has printable ASCII: skip the coverage check for it.
            let font = if (' '..='~').contains(&ch) { primary } else { self.book.face_for_char(primary, ch) };
            match current {
                Some(f) if f != font => {
                    let glyphs = self.shape_in(f, &text[start..i]);
                    emit(f, start..i, &glyphs);
                    start = i;
                    current = Some(font);
                }
                Some(_) => {}
                None => current = Some(font),
            }
        }
        if let Some(f) = current {
            let glyphs = self.shape_in(f, &text[start..]);
            emit(f, start..text.len(), &glyphs);
        }
    }
}

/// Text shaped in one face: a piece of a [`shape`] result.
#[derive(Debug, Clone, PartialEq)]
pub struct ShapedRun {
    pub font: FontId,
    pub size: f32,
    pub text: String,
    /// Clusters are byte offsets into `text`.
    pub glyphs: Vec<Glyph>,
    /// Sum of the advances, in points.
    pub width: f32,
}

/// Shapes `text` in `font` at `size` points, as one or more runs (a new run wherever a
/// character needs the fallback face). Spaces are shaped as ordinary glyphs; soft hyphens and
/// zero-width spaces produce no glyph.
pub fn shape(text: &str, font: FontId, size: f32) -> Vec<ShapedRun> {
    let size = if size.is_finite() && size > 0.0 { size } else { 0.0 };
    let book = FontBook::bundled();
    let mut runs: Vec<ShapedRun> = Vec::new();
    with_shaper(|shaper| {
        shaper.shape_with_fallback(font, text, |f, range, glyphs| {
            let scale = size / book.units_per_em(f) as f32;
            let piece = &text[range];
            let mut run = ShapedRun { font: f, size, text: piece.to_string(), glyphs: Vec::with_capacity(glyphs.len()), width: 0.0 };
            for g in glyphs {
                let glyph = to_glyph(g, scale, 0);
                run.width += glyph.advance;
                run.glyphs.push(glyph);
            }
            runs.push(run);
        });
    });
    runs
}

/// A unit glyph scaled to points, its cluster shifted by `cluster_base`.
pub(crate) fn to_glyph(g: &UnitGlyph, scale: f32, cluster_base: u32) -> Glyph {
    Glyph {
        id: g.id,
        advance: g.advance as f32 * scale,
        x_offset: g.x_offset as f32 * scale,
        y_offset: g.y_offset as f32 * scale,
        cluster: g.cluster + cluster_base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn width(text: &str, font: FontId) -> f32 {
        shape(text, font, 12.0).iter().map(|r| r.width).sum()
    }

    #[test]
    fn kerning_narrows_av() {
        let book = FontBook::bundled();
        let a = book.face(FontId::SansRegular).face.glyph_index('A').map_or(0, |g| g.0);
        let v = book.face(FontId::SansRegular).face.glyph_index('V').map_or(0, |g| g.0);
        let unkerned = (book.glyph_advance(FontId::SansRegular, a) + book.glyph_advance(FontId::SansRegular, v)) as f32 * 12.0 / 2048.0;
        let kerned = width("AV", FontId::SansRegular);
        assert!(kerned < unkerned - 0.1, "Liberation Sans kerns the pair AV, so the shaped width {kerned} must be below the sum of advances {unkerned}");
    }

    #[test]
    fn fallback_splits_runs_and_keeps_text() {
        let runs = shape("Tick ☐ box", FontId::SansRegular, 12.0);
        let fonts: Vec<FontId> = runs.iter().map(|r| r.font).collect();
        assert_eq!(fonts, vec![FontId::SansRegular, FontId::FallbackRegular, FontId::SansRegular], "the ballot box is missing from Liberation and must come from DejaVu");
        let joined: String = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(joined, "Tick ☐ box", "runs together carry the whole source text");
    }

    #[test]
    fn invisible_characters_make_no_glyphs() {
        let runs = shape("a\u{00AD}b\u{200B}c", FontId::SansRegular, 12.0);
        let count: usize = runs.iter().map(|r| r.glyphs.len()).sum();
        assert_eq!(count, 3, "soft hyphen and zero-width space are removed by shaping");
    }

    #[test]
    fn clusters_point_at_char_starts() {
        for run in shape("Llŷr’s “café” – £5 …", FontId::SansRegular, 12.0) {
            for g in &run.glyphs {
                assert!(run.text.is_char_boundary(g.cluster as usize), "cluster {} must start a character in {:?}", g.cluster, run.text);
            }
        }
    }
}
