//! Inline text prepared for line breaking: styled runs cut into shaped atoms with the break
//! opportunities between them, and content widths for table column sizing.
//!
//! Break opportunities (a small subset of UAX #14): at spaces (the space is glue that can
//! stretch when justifying and vanishes at a line end), after hyphens, dashes and slashes,
//! at zero-width spaces and soft hyphens. No-break spaces do not break.
//! This module does not decide where lines end ([`crate::lines`] does) or place anything.

use std::ops::Range;

use agendapack_doc::{Color, Inline, LinkTarget, TextStyle};

use crate::fonts::FontId;
use crate::shape::{Shaper, UnitGlyph};
use crate::types::Tag;

/// What follows an atom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum After {
    /// The next atom continues the same word.
    Joined,
    /// A space: a break opportunity and stretchable glue.
    Space,
    /// A break opportunity without glue (after a hyphen or slash, at a zero-width space).
    Break,
    /// A forced line break.
    Forced,
}

/// The smallest unit of shaped text: one face, one size, one decoration.
#[derive(Debug, Clone)]
pub(crate) struct Atom {
    pub font: FontId,
    pub size: f32,
    pub deco: u32,
    /// Byte range in [`Prepared::text`].
    pub text: Range<u32>,
    /// Range in [`Prepared::glyphs`].
    pub glyphs: Range<u32>,
    /// Width in points.
    pub width: f32,
    pub after: After,
    /// Width of the space that follows, when `after` is [`After::Space`].
    pub space: f32,
}

/// How an inline is drawn, beyond its face and size.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Deco {
    pub color: Color,
    pub tag: Tag,
    pub strike: bool,
    pub superscript: bool,
    pub subscript: bool,
    pub underline: bool,
    /// Index into [`Prepared::links`].
    pub link: Option<u32>,
    /// Index into [`Prepared::langs`].
    pub lang: Option<u32>,
}

#[derive(Debug, Clone)]
pub(crate) struct LinkInfo {
    /// Shared with every [`crate::LinkArea`] of the link, one per line it spans.
    pub target: std::sync::Arc<LinkTarget>,
    pub text: std::sync::Arc<str>,
    pub color: Color,
    /// The link's structure node (set once the paragraph's nodes are made).
    pub node: Option<u32>,
}

/// A paragraph's text, shaped and cut into atoms.
#[derive(Debug, Default)]
pub(crate) struct Prepared {
    pub text: String,
    /// Clusters are byte offsets into `text`.
    pub glyphs: Vec<UnitGlyph>,
    pub atoms: Vec<Atom>,
    pub decos: Vec<Deco>,
    pub links: Vec<LinkInfo>,
    /// Languages of runs in another language, one per run (each becomes a Span node).
    pub langs: Vec<String>,
    /// The paragraph's text size (superscripts are smaller, but lines are spaced by this).
    pub size: f32,
}

/// How a paragraph's inlines are to be set.
#[derive(Debug, Clone, Copy)]
pub(crate) struct InlineSetting {
    pub size: f32,
    /// Set everything bold (headings, table header cells).
    pub bold: bool,
    pub mono: bool,
    pub color: Color,
    pub link_color: Color,
    pub tag: Tag,
    pub superscript_scale: f32,
}

/// Pieces longer than this are shaped in several calls, which bounds shaping buffers for
/// pathological input (one 10 MB "word"); the only loss is kerning at the seams.
const MAX_PIECE: usize = 2048;

/// Characters after which a line may break without a space.
fn breaks_after(ch: char) -> bool {
    matches!(ch, '-' | '/' | '\u{2010}' | '\u{2013}' | '\u{2014}' | '\\')
}

/// Characters that separate words (collapsed to one space). No-break spaces are not here.
fn is_space(ch: char) -> bool {
    matches!(ch, ' ' | '\t' | '\n' | '\r' | '\u{2000}'..='\u{200A}' | '\u{3000}' | '\u{205F}' | '\u{1680}')
}

struct Preparer<'a> {
    p: Prepared,
    shaper: &'a mut Shaper,
}

impl Preparer<'_> {
    /// Shapes `piece` and appends it as one or more atoms (one per face).
    fn push_piece(&mut self, piece: &str, primary: FontId, size: f32, deco: u32) {
        let mut rest = piece;
        while !rest.is_empty() {
            let mut cut = rest.len().min(MAX_PIECE);
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            let (head, tail) = rest.split_at(cut);
            let p = &mut self.p;
            let book = self.shaper.book();
            self.shaper.shape_with_fallback(primary, head, |font, range, glyphs| {
                let text_start = p.text.len() as u32;
                p.text.push_str(&head[range]);
                let glyph_start = p.glyphs.len() as u32;
                let mut units: i64 = 0;
                for g in glyphs {
                    units += g.advance as i64;
                    p.glyphs.push(UnitGlyph { cluster: g.cluster + text_start, ..*g });
                }
                let width = units as f32 * size / book.units_per_em(font) as f32;
                p.atoms.push(Atom {
                    font,
                    size,
                    deco,
                    text: text_start..p.text.len() as u32,
                    glyphs: glyph_start..p.glyphs.len() as u32,
                    width,
                    after: After::Joined,
                    space: 0.0,
                });
            });
            rest = tail;
        }
    }

    /// Marks the end of the last atom as a break of kind `after` (a stronger break wins).
    fn end_word(&mut self, after: After, space: f32) {
        if let Some(last) = self.p.atoms.last_mut() {
            match (last.after, after) {
                (After::Forced, _) => {}
                (_, After::Forced) | (_, After::Space) => {
                    last.after = after;
                    last.space = space;
                }
                (After::Joined, After::Break) => last.after = After::Break,
                _ => {}
            }
        }
    }
}

/// Shapes `inlines` for setting with `setting`. Leading and repeated spaces collapse.
pub(crate) fn prepare(inlines: &[Inline], setting: &InlineSetting, shaper: &mut Shaper) -> Prepared {
    let mut pr = Preparer { p: Prepared { size: setting.size, ..Prepared::default() }, shaper };
    let book = pr.shaper.book();
    for inline in inlines {
        let t = match inline {
            Inline::Text(t) => t,
            Inline::LineBreak => {
                let ends_line = pr.p.atoms.last().is_none_or(|a| a.after == After::Forced);
                if ends_line {
                    // An empty line: a zero-width atom gives it a place to be.
                    let deco = push_deco(&mut pr.p, setting, TextStyle::default(), None, None);
                    let at = pr.p.text.len() as u32;
                    let g = pr.p.glyphs.len() as u32;
                    pr.p.atoms.push(Atom { font: FontId::SansRegular, size: setting.size, deco, text: at..at, glyphs: g..g, width: 0.0, after: After::Forced, space: 0.0 });
                } else {
                    pr.end_word(After::Forced, 0.0);
                }
                continue;
            }
        };
        let style = t.style;
        let primary = FontId::for_style(style.bold || setting.bold, style.italic, style.mono || setting.mono);
        let size = if style.superscript || style.subscript { setting.size * setting.superscript_scale } else { setting.size };
        let link = t.link.as_ref().map(|target| {
            pr.p.links.push(LinkInfo { target: std::sync::Arc::new(target.clone()), text: t.text.trim().into(), color: setting.link_color, node: None });
            (pr.p.links.len() - 1) as u32
        });
        let lang = style.lang.map(|lang| {
            pr.p.langs.push(lang.as_str().to_owned());
            (pr.p.langs.len() - 1) as u32
        });
        let deco = push_deco(&mut pr.p, setting, style, link, lang);
        let space = book.space_width(primary, size);
        let text = t.text.as_str();
        let mut start = 0;
        for (i, ch) in text.char_indices() {
            let next = i + ch.len_utf8();
            if is_space(ch) {
                pr.push_piece(&text[start..i], primary, size, deco);
                pr.end_word(After::Space, space);
                start = next;
            } else if ch == '\u{200B}' || ch == '\u{00AD}' {
                pr.push_piece(&text[start..i], primary, size, deco);
                pr.end_word(After::Break, 0.0);
                start = next;
            } else if ch.is_control() || ('\u{200C}'..='\u{200F}').contains(&ch) || ch == '\u{FEFF}' {
                pr.push_piece(&text[start..i], primary, size, deco);
                start = next;
            } else if breaks_after(ch) && i > start {
                pr.push_piece(&text[start..next], primary, size, deco);
                pr.end_word(After::Break, 0.0);
                start = next;
            }
        }
        pr.push_piece(&text[start..], primary, size, deco);
    }
    pr.p
}

/// Shapes one line of code as it is: spaces are kept as glyphs (indentation matters), and
/// the line may wrap after any space or, failing that, between characters.
pub(crate) fn prepare_verbatim(text: &str, setting: &InlineSetting, shaper: &mut Shaper) -> Prepared {
    let mut pr = Preparer { p: Prepared { size: setting.size, ..Prepared::default() }, shaper };
    let deco = push_deco(&mut pr.p, setting, TextStyle::default(), None, None);
    let font = FontId::for_style(setting.bold, false, true);
    let mut start = 0;
    for (i, ch) in text.char_indices() {
        let next = i + ch.len_utf8();
        if ch == ' ' {
            pr.push_piece(&text[start..next], font, setting.size, deco);
            pr.end_word(After::Break, 0.0);
            start = next;
        } else if ch.is_control() {
            pr.push_piece(&text[start..i], font, setting.size, deco);
            start = next;
        }
    }
    pr.push_piece(&text[start..], font, setting.size, deco);
    pr.p
}

fn push_deco(p: &mut Prepared, setting: &InlineSetting, style: TextStyle, link: Option<u32>, lang: Option<u32>) -> u32 {
    let deco = Deco {
        color: if link.is_some() { setting.link_color } else { setting.color },
        tag: setting.tag,
        strike: style.strike,
        superscript: style.superscript,
        subscript: style.subscript && !style.superscript,
        underline: style.underline,
        link,
        lang,
    };
    if p.decos.last() == Some(&deco) {
        return (p.decos.len() - 1) as u32;
    }
    p.decos.push(deco);
    (p.decos.len() - 1) as u32
}

/// Width of the narrowest box the text fits without breaking inside a word (min-content),
/// and of the longest line when only forced breaks are taken (max-content).
pub(crate) fn content_widths(p: &Prepared) -> (f32, f32) {
    let (mut min, mut max) = (0.0f32, 0.0f32);
    let (mut word, mut line, mut pending) = (0.0f32, 0.0f32, 0.0f32);
    for atom in &p.atoms {
        word += atom.width;
        if atom.after == After::Joined {
            continue;
        }
        min = min.max(word);
        line += pending + word;
        word = 0.0;
        pending = if atom.after == After::Space { atom.space } else { 0.0 };
        if atom.after == After::Forced {
            max = max.max(line);
            line = 0.0;
            pending = 0.0;
        }
    }
    min = min.max(word);
    line += pending + word;
    (min, max.max(line))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shape::with_shaper;

    fn setting() -> InlineSetting {
        let black = Color { r: 0.0, g: 0.0, b: 0.0 };
        InlineSetting { size: 12.0, bold: false, mono: false, color: black, link_color: black, tag: Tag::ARTIFACT, superscript_scale: 0.6 }
    }

    fn words(text: &str) -> Vec<String> {
        with_shaper(|s| {
            let p = prepare(&[Inline::plain(text)], &setting(), s);
            let mut out = vec![String::new()];
            for a in &p.atoms {
                if let Some(last) = out.last_mut() {
                    last.push_str(&p.text[a.text.start as usize..a.text.end as usize]);
                }
                if a.after != After::Joined {
                    out.push(String::new());
                }
            }
            out.retain(|w| !w.is_empty());
            out
        })
    }

    #[test]
    fn break_opportunities() {
        let check = |text: &str, expect: &[&str]| assert_eq!(words(text), expect, "words of {text:?}");
        check("  two   words ", &["two", "words"]);
        check("well-known and/or", &["well-", "known", "and/", "or"]);
        check("£5\u{00A0}000", &["£5\u{00A0}000"]);
        check("long\u{00AD}word\u{200B}x", &["long", "word", "x"]);
        check("-5 —", &["-5", "—"]);
    }

    #[test]
    fn content_widths_min_is_widest_word() {
        with_shaper(|s| {
            let p = prepare(&[Inline::plain("a Committee b")], &setting(), s);
            let (min, max) = content_widths(&p);
            let committee = crate::measure("Committee", false, 12.0);
            assert!((min - committee).abs() < 0.01, "min-content {min} is the width of the widest word {committee}");
            assert!(max > min + 10.0, "max-content {max} holds the whole line");
        });
    }
}
