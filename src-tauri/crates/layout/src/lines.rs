//! Line breaking and setting: prepared atoms in, one [`Slice`] per line out.
//!
//! Breaking is greedy first-fit on measured widths. A word wider than the whole line is
//! broken between characters (grapheme clusters), so no line ever overflows its box. Setting
//! aligns each line (ragged right, centred, right, or justified by widening the spaces),
//! merges neighbouring atoms of the same face into one [`TextRun`], and draws link
//! underlines, strike-through lines and link areas.
//! This module does not paginate: it only says which lines belong together (widows/orphans).

use agendapack_doc::Align;

use crate::flow::{Slice, SliceKind};
use crate::fonts::FontBook;
use crate::inline::{After, Atom, Deco, Prepared};
use crate::shape::to_glyph;
use crate::types::{Glyph, Line, LinkArea, Placed, Point, Rect, Role, Tag, TextRun};

/// Slack for float rounding when testing whether something fits.
const FIT_SLACK: f32 = 0.001;

#[derive(Debug, Clone)]
struct LineBox {
    atoms: std::ops::Range<usize>,
    width: f32,
    /// Ended by a forced break or the paragraph's end: never justified.
    hard_end: bool,
}

/// Breaks `p` into lines no wider than `width`. The atoms of `p` are replaced by the set
/// atoms (words too long for a line are cut into pieces).
fn break_lines(p: &mut Prepared, width: f32) -> Vec<LineBox> {
    let atoms = std::mem::take(&mut p.atoms);
    let mut out: Vec<Atom> = Vec::with_capacity(atoms.len());
    let mut lines = Vec::new();
    let mut line_start = 0usize;
    let mut line_w = 0.0f32;
    let mut pending = 0.0f32;
    let mut i = 0;
    while i < atoms.len() {
        let mut end = i;
        while end < atoms.len() && atoms[end].after == After::Joined {
            end += 1;
        }
        let end = (end + 1).min(atoms.len());
        let word_w: f32 = atoms[i..end].iter().map(|a| a.width).sum();
        if out.len() > line_start && line_w + pending + word_w > width + FIT_SLACK {
            lines.push(LineBox { atoms: line_start..out.len(), width: line_w, hard_end: false });
            line_start = out.len();
            line_w = 0.0;
        }
        if out.len() == line_start && word_w > width + FIT_SLACK {
            for atom in &atoms[i..end] {
                split_atom(p, atom, width, &mut out, &mut lines, &mut line_start, &mut line_w);
            }
        } else {
            line_w += if out.len() > line_start { pending } else { 0.0 } + word_w;
            out.extend_from_slice(&atoms[i..end]);
        }
        let last = &atoms[end - 1];
        pending = if last.after == After::Space { last.space } else { 0.0 };
        if last.after == After::Forced {
            lines.push(LineBox { atoms: line_start..out.len(), width: line_w, hard_end: true });
            line_start = out.len();
            line_w = 0.0;
            pending = 0.0;
        }
        i = end;
    }
    if out.len() > line_start {
        lines.push(LineBox { atoms: line_start..out.len(), width: line_w, hard_end: true });
    }
    p.atoms = out;
    lines
}

/// Appends `atom` to the current line, cutting it between clusters wherever the line is full.
fn split_atom(p: &Prepared, atom: &Atom, width: f32, out: &mut Vec<Atom>, lines: &mut Vec<LineBox>, line_start: &mut usize, line_w: &mut f32) {
    let scale = atom.size / FontBook::bundled().units_per_em(atom.font) as f32;
    let glyphs = &p.glyphs[atom.glyphs.start as usize..atom.glyphs.end as usize];
    let mut piece_start = 0usize;
    let mut piece_w = 0.0f32;
    let mut k = 0usize;
    while k < glyphs.len() {
        // A cluster (several glyphs for one character, or one ligature) is never cut.
        let mut next = k + 1;
        while next < glyphs.len() && glyphs[next].cluster == glyphs[k].cluster {
            next += 1;
        }
        let cluster_w: f32 = glyphs[k..next].iter().map(|g| g.advance as f32 * scale).sum();
        let line_has_content = out.len() > *line_start || k > piece_start;
        if line_has_content && *line_w + piece_w + cluster_w > width + FIT_SLACK {
            if k > piece_start {
                out.push(sub_atom(atom, glyphs, piece_start, k, piece_w, After::Joined));
            }
            lines.push(LineBox { atoms: *line_start..out.len(), width: *line_w + piece_w, hard_end: false });
            *line_start = out.len();
            *line_w = 0.0;
            piece_start = k;
            piece_w = 0.0;
        }
        piece_w += cluster_w;
        k = next;
    }
    if piece_start < glyphs.len() || glyphs.is_empty() {
        out.push(sub_atom(atom, glyphs, piece_start, glyphs.len(), piece_w, atom.after));
        *line_w += piece_w;
    } else if let Some(last) = out.last_mut() {
        last.after = atom.after;
    }
}

fn sub_atom(atom: &Atom, glyphs: &[crate::shape::UnitGlyph], from: usize, to: usize, width: f32, after: After) -> Atom {
    let text_start = glyphs.get(from).map_or(atom.text.start, |g| g.cluster);
    let text_end = glyphs.get(to).map_or(atom.text.end, |g| g.cluster);
    Atom {
        text: text_start..text_end,
        glyphs: atom.glyphs.start + from as u32..atom.glyphs.start + to as u32,
        width,
        after,
        space: if after == After::Space { atom.space } else { 0.0 },
        ..atom.clone()
    }
}

/// How to set a block of lines.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineSetting {
    pub x: f32,
    pub width: f32,
    pub align: Align,
    pub justify: bool,
    pub line_height: f32,
    pub superscript_rise: f32,
    pub orphans: usize,
    pub widows: usize,
}

/// Distance from a line's top to its baseline, for text of `size` in a line box of
/// `line_height` times the size: half the leading, then the ascender.
pub(crate) fn baseline_offset(size: f32, line_height: f32) -> f32 {
    // Liberation Sans: ascender 0.905 em, descender 0.212 em (same as Arial).
    let (asc, desc) = (0.905, 0.212);
    ((line_height - asc - desc) * size / 2.0).max(0.0) + asc * size
}

/// Breaks and sets `p`, appending one slice per line to `out`, with the keep flags that
/// keep widows and orphans away. Returns the number of lines.
pub(crate) fn set_paragraph(mut p: Prepared, s: &LineSetting, out: &mut Vec<Slice>) -> usize {
    let width = s.width.max(1.0);
    let lines = break_lines(&mut p, width);
    let line_h = p.size * s.line_height;
    let baseline = baseline_offset(p.size, s.line_height);
    let n = lines.len();
    out.reserve(n);
    for (k, line) in lines.iter().enumerate() {
        let mut slice = Slice::new(SliceKind::Content, line_h);
        slice.first_baseline = Some(baseline);
        set_line(&p, line, s, width, baseline, line_h, &mut slice);
        slice.keep_with_next = k + 1 < n && (k + 1 < s.orphans || k + s.widows >= n);
        out.push(slice);
    }
    n
}

struct RunBuilder {
    run: Option<TextRun>,
    /// Glyphs and text bytes in the line (with its spaces): the capacity a run can need.
    glyphs: usize,
    text: usize,
}

fn set_line(p: &Prepared, line: &LineBox, s: &LineSetting, width: f32, baseline: f32, line_h: f32, slice: &mut Slice) {
    let book = FontBook::bundled();
    let atoms = &p.atoms[line.atoms.clone()];
    let free = (width - line.width).max(0.0);
    let spaces = atoms.iter().take(atoms.len().saturating_sub(1)).filter(|a| a.after == After::Space).count();
    let (mut x, extra) = match s.align {
        Align::Start if s.justify && !line.hard_end && spaces > 0 => (s.x, free / spaces as f32),
        Align::Start => (s.x, 0.0),
        Align::Center => (s.x + free / 2.0, 0.0),
        Align::End => (s.x + free, 0.0),
    };
    let mut rb = RunBuilder { run: None, glyphs: 0, text: 0 };
    for a in atoms {
        rb.glyphs += (a.glyphs.end - a.glyphs.start) as usize + 1;
        rb.text += (a.text.end - a.text.start) as usize + 1;
    }
    // The open link area: (link index, start x, end x).
    let mut link_open: Option<(u32, f32, f32)> = None;
    // The space after the last word of a passage in another language, carried to the start of
    // the next run so that the passage's Span holds exactly its words.
    let mut lang_space: Option<f32> = None;
    for (k, atom) in atoms.iter().enumerate() {
        let Some(deco) = p.decos.get(atom.deco as usize) else { continue };
        let rise = if deco.superscript {
            p.size * s.superscript_rise
        } else if deco.subscript {
            -p.size * s.superscript_rise * 0.5
        } else {
            0.0
        };
        let y = baseline - rise;
        let tag = match deco.link {
            Some(_) => Tag { role: Role::Link, node: deco.tag.node },
            None => deco.tag,
        };
        let start_x = x;
        let scale = atom.size / book.units_per_em(atom.font) as f32;
        {
            let carried = lang_space.take();
            let run = rb.open(atom, deco.color, tag, Point { x: x - carried.unwrap_or(0.0), y }, slice);
            if let Some(space) = carried {
                run.glyphs.push(Glyph { id: book.space_glyph(run.font), advance: space, x_offset: 0.0, y_offset: 0.0, cluster: 0 });
                run.text.push(' ');
            }
            let base = run.text.len() as u32;
            let text = p.text.get(atom.text.start as usize..atom.text.end as usize).unwrap_or("");
            run.text.push_str(text);
            for g in &p.glyphs[atom.glyphs.start as usize..atom.glyphs.end as usize] {
                let mut glyph = to_glyph(g, scale, base);
                glyph.cluster = g.cluster - atom.text.start + base;
                x += glyph.advance;
                run.glyphs.push(glyph);
            }
        }
        if deco.strike && x > start_x {
            let y = baseline - rise - atom.size * 0.27;
            slice.items.push(rule(start_x, x, y, atom.size / 16.0, deco.color));
        }
        if deco.underline && x > start_x {
            // The space after an underlined word is underlined too when the next word is.
            let next_under = atoms.get(k + 1).and_then(|a| p.decos.get(a.deco as usize)).is_some_and(|d| d.underline);
            let end = if atom.after == After::Space && next_under && k + 1 < atoms.len() { x + atom.space + extra } else { x };
            slice.items.push(rule(start_x, end, baseline - rise + atom.size * 0.12, atom.size / 16.0, deco.color));
        }
        let is_last = k + 1 == atoms.len();
        let space = if atom.after == After::Space && !is_last { atom.space + extra } else { 0.0 };
        let next_link = atoms.get(k + 1).and_then(|a| p.decos.get(a.deco as usize)).and_then(|d| d.link);
        match (link_open, deco.link) {
            (Some((l, from, _)), Some(cur)) if l == cur => link_open = Some((l, from, x)),
            (open, cur) => {
                if let Some(o) = open {
                    close_link(p, o, baseline, line_h, slice);
                }
                link_open = cur.map(|c| (c, start_x, x));
            }
        }
        let lang_of = |d: &Deco| d.lang.and_then(|l| p.langs.get(l as usize));
        let next_lang = atoms.get(k + 1).and_then(|a| p.decos.get(a.deco as usize)).map(lang_of);
        if space > 0.0 && deco.link.is_none() && lang_of(deco).is_some() && next_lang.is_some_and(|l| l != lang_of(deco)) {
            lang_space = Some(space);
            x += space;
        } else if space > 0.0 {
            if let Some(run) = rb.run.as_mut() {
                run.glyphs.push(Glyph { id: book.space_glyph(run.font), advance: space, x_offset: 0.0, y_offset: 0.0, cluster: run.text.len() as u32 });
                run.text.push(' ');
            }
            x += space;
            // A link's area and underline continue over a space between two of its words.
            if let (Some((l, from, _)), Some(n)) = (link_open, next_link) {
                if l == n {
                    link_open = Some((l, from, x));
                }
            }
        }
    }
    if let Some(o) = link_open {
        close_link(p, o, baseline, line_h, slice);
    }
    // A line that ends between two words (at a space or a forced break) ends its text with a
    // space of no width: nothing changes on the page, but the last word of this line and the
    // first of the next stay two words when the text is read aloud or copied.
    let between_words = atoms.last().is_some_and(|a| matches!(a.after, After::Space | After::Forced));
    if between_words && line.atoms.end < p.atoms.len() {
        if let Some(run) = rb.run.as_mut() {
            run.glyphs.push(Glyph { id: book.space_glyph(run.font), advance: 0.0, x_offset: 0.0, y_offset: 0.0, cluster: run.text.len() as u32 });
            run.text.push(' ');
        }
    }
    rb.flush(slice);
}

fn close_link(p: &Prepared, (link, from, to): (u32, f32, f32), baseline: f32, line_h: f32, slice: &mut Slice) {
    let Some(info) = p.links.get(link as usize) else { return };
    if to <= from {
        return;
    }
    slice.items.push(rule(from, to, baseline + p.size * 0.12, p.size / 18.0, info.color));
    slice.links.push(LinkArea { rect: Rect { x: from, y: 0.0, width: to - from, height: line_h }, target: info.target.clone(), description: info.text.clone(), node: info.node });
}

fn rule(from: f32, to: f32, y: f32, width: f32, color: agendapack_doc::Color) -> Placed {
    Placed::Line(Line { from: Point { x: from, y }, to: Point { x: to, y }, width, color, tag: Tag::ARTIFACT })
}

impl RunBuilder {
    /// The run that `atom` continues, or a new one starting at `at`.
    fn open(&mut self, atom: &Atom, color: agendapack_doc::Color, tag: Tag, at: Point, slice: &mut Slice) -> &mut TextRun {
        let continues = self.run.as_ref().is_some_and(|r| r.font == atom.font && r.size == atom.size && r.color == color && r.tag == tag && r.origin.y == at.y);
        if !continues {
            self.flush(slice);
        }
        let (glyphs, text) = (self.glyphs, self.text);
        self.run.get_or_insert_with(|| TextRun { origin: at, font: atom.font, size: atom.size, color, text: String::with_capacity(text), glyphs: Vec::with_capacity(glyphs), tag })
    }

    fn flush(&mut self, slice: &mut Slice) {
        if let Some(run) = self.run.take() {
            if !run.glyphs.is_empty() {
                slice.items.push(Placed::Text(run));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inline::{prepare, InlineSetting};
    use crate::shape::with_shaper;
    use agendapack_doc::{Color, Inline};

    fn set(text: &str, width: f32, justify: bool) -> Vec<Slice> {
        let black = Color { r: 0.0, g: 0.0, b: 0.0 };
        let setting = InlineSetting { size: 12.0, bold: false, mono: false, color: black, link_color: black, tag: Tag::ARTIFACT, superscript_scale: 0.6 };
        let ls = LineSetting { x: 10.0, width, align: Align::Start, justify, line_height: 1.2, superscript_rise: 0.35, orphans: 2, widows: 2 };
        let mut out = Vec::new();
        with_shaper(|s| set_paragraph(prepare(&[Inline::plain(text)], &setting, s), &ls, &mut out));
        out
    }

    fn line_texts(slices: &[Slice]) -> Vec<String> {
        slices
            .iter()
            .map(|s| s.items.iter().filter_map(|i| if let Placed::Text(t) = i { Some(t.text.clone()) } else { None }).collect::<String>())
            .collect()
    }

    fn right_edge(slice: &Slice) -> f32 {
        slice.items.iter().filter_map(|i| if let Placed::Text(t) = i { Some(t.origin.x + t.glyphs.iter().map(|g| g.advance).sum::<f32>()) } else { None }).fold(0.0, f32::max)
    }

    #[test]
    fn lines_fit_and_break_at_spaces() {
        let check = |text: &str, width: f32, expect: &[&str]| {
            let slices = set(text, width, false);
            assert_eq!(line_texts(&slices), expect, "lines of {text:?} in {width}pt");
            for s in &slices {
                assert!(right_edge(s) <= 10.0 + width + 0.01, "no line of {text:?} overflows {width}pt");
            }
        };
        check("one two three", 1000.0, &["one two three"]);
        // A line broken at a space keeps a zero-width space at its end, so the words of two
        // lines never run together when the text is extracted or read aloud.
        check("one two three", 60.0, &["one two ", "three"]);
        check("well-known", 40.0, &["well-", "known"]);
        check("abcdefghijklmnop", 40.0, &["abcdef", "ghijklm", "nop"]);
    }

    #[test]
    fn justified_lines_fill_the_width() {
        let slices = set("aa bb cc dd ee ff gg hh ii jj kk ll mm nn oo pp qq rr ss tt uu", 70.0, true);
        assert!(slices.len() > 2, "the text needs several lines: {:?}", line_texts(&slices));
        let first = right_edge(&slices[0]);
        assert!((first - 80.0).abs() < 0.01, "a justified line ends at the right edge, got {first}");
        let last = right_edge(slices.last().map_or(&slices[0], |s| s));
        assert!(last < 79.0, "the last line of a justified paragraph stays ragged");
    }

    #[test]
    fn widows_and_orphans_keep_flags() {
        let slices = set("a b c d e", 10.0, false);
        let keeps: Vec<bool> = slices.iter().map(|s| s.keep_with_next).collect();
        assert_eq!(keeps, vec![true, false, false, true, false], "first two and last two lines of five stay together");
    }
}
