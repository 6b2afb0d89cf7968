//! Font embedding: finds which glyphs of which faces the pages use, subsets each face to
//! exactly those glyphs (with `subsetter`), and writes it as a Type0 / CIDFontType2 font with
//! Identity-H encoding, `/W` widths, a `/CIDToGIDMap` and a ToUnicode CMap built from the text
//! runs' clusters.
//!
//! CIDs are the faces' own glyph ids, so content streams can be written before the document's
//! glyph set is known (a pack writes each paper as soon as it is laid out, [`crate::draw_ahead`]);
//! `subsetter` renumbers the glyphs it keeps (densely, in ascending order of the original ids),
//! and the `/CIDToGIDMap` stream maps each CID to its glyph in the subset. The subset tag is
//! derived from a hash of the glyph set, so the same pages always give the same bytes.
//!
//! It deliberately does not measure or shape anything: widths come from the font's `hmtx` only
//! ([`face::metrics`]) so that the viewer's pen arithmetic can be matched exactly by the content
//! writer.

use std::collections::BTreeMap;

use agendapack_layout::fonts::FontId;
use agendapack_layout::{DrawnGlyph, Page, Placed, TextRun};
use lopdf::{dictionary, Dictionary, Document, Object, Stream};
use rayon::prelude::*;

use crate::face;
use crate::stream::{fnv1a, flate};

#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    #[error("the bundled font {0} could not be read.")]
    Unreadable(&'static str),
    #[error("the font {name} could not be subset ({reason}).")]
    Subset { name: &'static str, reason: String },
}

/// One face as used by the document.
pub(crate) struct UsedFont {
    pub id: FontId,
    /// Whether each glyph id is shown.
    used: Vec<bool>,
    /// Glyph ids shown (the CIDs), ascending, from 0 (`.notdef`, always kept).
    glyphs: Vec<u16>,
    /// Text shown by each glyph id, from the first run that used it.
    unicode: Vec<Option<String>>,
    face: ttf_parser::Face<'static>,
}

/// The faces used by a document, indexed like [`face::ALL`].
pub(crate) struct FontSet {
    fonts: Vec<Option<UsedFont>>,
}

impl FontSet {
    /// Scans every text run of `pages`, and the glyph lists of pages drawn ahead, in page order.
    pub fn collect(pages: &[Page]) -> Result<FontSet, EmbedError> {
        let mut fonts: Vec<Option<UsedFont>> = face::ALL.iter().map(|_| None).collect();
        for page in pages {
            if let Some(drawn) = &page.drawn {
                for DrawnGlyph { font, id, text } in &drawn.glyphs {
                    let font = open(&mut fonts, *font)?;
                    let gid = *id as usize;
                    if let Some(flag) = font.used.get_mut(gid) {
                        *flag = true;
                        let characters = drawn.glyph_text.get(text.start as usize..text.end as usize).unwrap_or_default();
                        if font.unicode[gid].is_none() && !characters.is_empty() {
                            font.unicode[gid] = Some(characters.to_owned());
                        }
                    }
                }
            }
            for item in &page.items {
                let Placed::Text(run) = item else { continue };
                if run.glyphs.is_empty() {
                    continue;
                }
                note_run(run, open(&mut fonts, run.font)?);
            }
        }
        for font in fonts.iter_mut().flatten() {
            font.finish();
        }
        Ok(FontSet { fonts })
    }

    pub fn used(&self) -> impl Iterator<Item = &UsedFont> {
        self.fonts.iter().flatten()
    }

    /// Writes every used face into `doc`; returns the `/Font` resource dictionary.
    pub fn embed(&self, doc: &mut Document, level: u32) -> Result<Dictionary, EmbedError> {
        // Each face is subset and compressed on its own thread; the objects are then added in
        // face order, so their numbers do not depend on the threads.
        let used: Vec<&UsedFont> = self.used().collect();
        let built: Vec<Result<BuiltFont, EmbedError>> = used.par_iter().map(|font| font.build(level)).collect();
        let mut resources = Dictionary::new();
        for (font, built) in used.into_iter().zip(built) {
            let id = built?.add_to(doc);
            resources.set(format!("{}F{}", crate::RESOURCE_PREFIX, face::index(font.id)).into_bytes(), Object::Reference(id));
        }
        Ok(resources)
    }
}

/// One face's objects made by [`UsedFont::build`], to be numbered by [`BuiltFont::add_to`].
struct BuiltFont {
    file: Stream,
    descriptor: Dictionary,
    cid_to_gid: Stream,
    cid_font: Dictionary,
    to_unicode: Stream,
    type0: Dictionary,
}

impl BuiltFont {
    /// Adds the objects to `doc` (always in the same order) with their references; returns
    /// the Type0 font's id.
    fn add_to(self, doc: &mut Document) -> lopdf::ObjectId {
        let BuiltFont { file, mut descriptor, cid_to_gid, mut cid_font, to_unicode, mut type0 } = self;
        let file_id = doc.add_object(file);
        descriptor.set("FontFile2", file_id);
        let descriptor_id = doc.add_object(descriptor);
        let cid_to_gid_id = doc.add_object(cid_to_gid);
        cid_font.set("FontDescriptor", descriptor_id);
        cid_font.set("CIDToGIDMap", cid_to_gid_id);
        let cid_font_id = doc.add_object(cid_font);
        let to_unicode_id = doc.add_object(to_unicode);
        type0.set("DescendantFonts", vec![Object::Reference(cid_font_id)]);
        type0.set("ToUnicode", to_unicode_id);
        doc.add_object(type0)
    }
}

/// The face `id` of `fonts`, parsed on first use.
fn open(fonts: &mut [Option<UsedFont>], id: FontId) -> Result<&mut UsedFont, EmbedError> {
    let entry = &mut fonts[face::index(id)];
    if entry.is_none() {
        let parsed =
            ttf_parser::Face::parse(face::data(id), 0).map_err(|_| EmbedError::Unreadable(face::postscript_name(id)))?;
        let n = parsed.number_of_glyphs() as usize;
        *entry = Some(UsedFont { id, used: vec![false; n], glyphs: Vec::new(), unicode: vec![None; n], face: parsed });
    }
    entry.as_mut().ok_or(EmbedError::Unreadable(face::postscript_name(id)))
}

/// Where [`note_run`] reports the glyphs of a run.
trait GlyphSink {
    /// The number of glyphs in the face.
    fn glyph_count(&self) -> usize;
    /// Notes `gid` as shown; says whether it still has no text.
    fn shown(&mut self, gid: u16) -> bool;
    /// The characters `gid` shows.
    fn text(&mut self, gid: u16, characters: &str);
}

impl GlyphSink for UsedFont {
    fn glyph_count(&self) -> usize {
        self.used.len()
    }

    fn shown(&mut self, gid: u16) -> bool {
        self.used[gid as usize] = true;
        self.unicode[gid as usize].is_none()
    }

    fn text(&mut self, gid: u16, characters: &str) {
        self.unicode[gid as usize] = Some(characters.to_owned());
    }
}

/// A page's glyphs, for [`glyph_usage`], in the order first seen.
struct PageGlyphs<'a> {
    font: FontId,
    slot: usize,
    count: usize,
    /// Per face slot, by glyph id: the glyph's position in `glyphs` plus one (0: not yet seen).
    seen: &'a mut [Vec<u32>],
    glyphs: Vec<DrawnGlyph>,
    text: String,
}

impl GlyphSink for PageGlyphs<'_> {
    fn glyph_count(&self) -> usize {
        self.count
    }

    fn shown(&mut self, gid: u16) -> bool {
        let seen = &mut self.seen[self.slot];
        if seen.len() < self.count {
            seen.resize(self.count, 0);
        }
        match seen[gid as usize] {
            0 => {
                self.glyphs.push(DrawnGlyph { font: self.font, id: gid, text: 0..0 });
                seen[gid as usize] = self.glyphs.len() as u32;
                true
            }
            at => self.glyphs[at as usize - 1].text.is_empty(),
        }
    }

    fn text(&mut self, gid: u16, characters: &str) {
        if let Some(&at) = self.seen[self.slot].get(gid as usize).filter(|&&at| at > 0) {
            let start = self.text.len() as u32;
            self.text.push_str(characters);
            self.glyphs[at as usize - 1].text = start..self.text.len() as u32;
        }
    }
}

/// The glyphs `items` show, once per face and id (in the order first shown), with the text of
/// each where the first glyph of a cluster shows it: what [`FontSet::collect`] needs of a page
/// drawn ahead.
pub(crate) fn glyph_usage(items: &[Placed]) -> (Vec<DrawnGlyph>, String) {
    thread_local! {
        // Reused from page to page: cleared entry by entry, never reallocated.
        static SEEN: std::cell::RefCell<Vec<Vec<u32>>> = std::cell::RefCell::new(vec![Vec::new(); face::ALL.len()]);
    }
    SEEN.with(|cell| {
        let mut fresh;
        let mut borrowed = cell.try_borrow_mut();
        let seen: &mut [Vec<u32>] = match borrowed.as_deref_mut() {
            Ok(seen) => seen,
            Err(_) => {
                fresh = vec![Vec::new(); face::ALL.len()];
                &mut fresh
            }
        };
        let mut page = PageGlyphs { font: FontId::SansRegular, slot: 0, count: 0, seen, glyphs: Vec::new(), text: String::new() };
        for item in items {
            let Placed::Text(run) = item else { continue };
            let Some(metrics) = face::metrics(run.font) else { continue };
            (page.font, page.slot, page.count) = (run.font, metrics.slot, metrics.widths.len());
            note_run(run, &mut page);
        }
        let PageGlyphs { seen, glyphs, text, .. } = page;
        for glyph in &glyphs {
            seen[face::index(glyph.font)][glyph.id as usize] = 0;
        }
        (glyphs, text)
    })
}

/// Reports the glyphs of `run` to `sink`: each glyph in the face as shown, and, for a glyph
/// that starts a cluster and has no text yet, the characters of its cluster (a ligature gives
/// all of its characters).
fn note_run(run: &TextRun, sink: &mut impl GlyphSink) {
    let glyph_count = sink.glyph_count();
    let mut previous_cluster = None;
    for glyph in &run.glyphs {
        if glyph.id as usize >= glyph_count {
            // Not in the font: drawn as .notdef, which is always in the subset.
            previous_cluster = Some(glyph.cluster);
            continue;
        }
        let wants_text = sink.shown(glyph.id);
        // The second and later glyphs of one cluster (a base and its marks) show no text
        // of their own; the first glyph carries the cluster's characters.
        let continues_cluster = previous_cluster == Some(glyph.cluster);
        previous_cluster = Some(glyph.cluster);
        if continues_cluster || !wants_text {
            continue;
        }
        let start = glyph.cluster as usize;
        // The cluster ends where the next larger cluster starts (this also holds for
        // right-to-left runs, whose clusters decrease).
        let end = run
            .glyphs
            .iter()
            .map(|g| g.cluster as usize)
            .filter(|&c| c > start)
            .min()
            .unwrap_or(run.text.len());
        if let Some(characters) = run.text.get(start..end) {
            if !characters.is_empty() {
                sink.text(glyph.id, characters);
            }
        }
    }
}

impl UsedFont {
    /// Fixes the glyph list once all runs have been seen.
    fn finish(&mut self) {
        self.glyphs = std::iter::once(0)
            .chain((1..self.used.len()).filter(|&g| self.used[g]).map(|g| g as u16))
            .collect();
        self.fill_unicode_from_cmap();
    }

    /// Glyphs used only as secondary glyphs of clusters get their character from the font's
    /// own cmap, so that every CID has a ToUnicode entry when the font can give one.
    fn fill_unicode_from_cmap(&mut self) {
        let missing = self.glyphs.iter().skip(1).any(|&g| self.unicode[g as usize].is_none());
        if !missing {
            return;
        }
        let Some(cmap) = self.face.tables().cmap else { return };
        for subtable in cmap.subtables {
            if !subtable.is_unicode() {
                continue;
            }
            let mut found: Vec<(u16, char)> = Vec::new();
            subtable.codepoints(|cp| {
                if let (Some(c), Some(g)) = (char::from_u32(cp), subtable.glyph_index(cp)) {
                    found.push((g.0, c));
                }
            });
            // Lowest code point wins, so the result does not depend on table order.
            found.sort_unstable();
            for (g, c) in found {
                let used = g != 0 && self.used.get(g as usize).copied().unwrap_or(false);
                if used && self.unicode[g as usize].is_none() {
                    self.unicode[g as usize] = Some(c.to_string());
                }
            }
        }
    }

    /// Six capital letters from a hash of the face name and the glyph set.
    fn subset_tag(&self) -> String {
        let mut bytes = face::postscript_name(self.id).as_bytes().to_vec();
        for g in &self.glyphs {
            bytes.extend_from_slice(&g.to_be_bytes());
        }
        let mut hash = fnv1a(&bytes);
        (0..6)
            .map(|_| {
                let letter = (b'A' + (hash % 26) as u8) as char;
                hash /= 26;
                letter
            })
            .collect()
    }

    /// The face's objects (subset font program, descriptor, CIDFont with its widths and
    /// CIDToGIDMap, ToUnicode CMap, Type0 font), not yet numbered: the costly part of
    /// embedding, independent of the other faces.
    fn build(&self, level: u32) -> Result<BuiltFont, EmbedError> {
        let name = face::postscript_name(self.id);
        let data = face::data(self.id);
        let remapper = subsetter::GlyphRemapper::new_from_glyphs_sorted(&self.glyphs);
        let subset = subsetter::subset(data, 0, &remapper)
            .map_err(|e| EmbedError::Subset { name, reason: e.to_string() })?;
        let base_font = format!("{}+{}", self.subset_tag(), name);

        let length1 = subset.len() as i64;
        let mut file = Stream::new(dictionary! { "Length1" => length1 }, Vec::new());
        file.set_content(flate(&subset, level));
        file.dict.set("Filter", "FlateDecode");

        let face = &self.face;
        let scale = 1000.0 / f32::from(face.units_per_em().max(1));
        let s = |v: i16| (f32::from(v) * scale).round() as i64;
        let bbox = face.global_bounding_box();
        let mut flags = 4; // symbolic: the subset has no cmap, glyphs are addressed by CID
        if face.is_monospaced() {
            flags |= 1;
        }
        if face.is_italic() {
            flags |= 64;
        }
        // References are set by `add_to`; a key set again keeps its place.
        let descriptor = dictionary! {
            "Type" => "FontDescriptor",
            "FontName" => Object::Name(base_font.clone().into_bytes()),
            "Flags" => flags,
            "FontBBox" => vec![s(bbox.x_min).into(), s(bbox.y_min).into(), s(bbox.x_max).into(), s(bbox.y_max).into()],
            "ItalicAngle" => face.italic_angle(),
            "Ascent" => s(face.ascender()),
            "Descent" => s(face.descender()),
            "CapHeight" => s(face.capital_height().unwrap_or(face.ascender())),
            "StemV" => if face.is_bold() { 120 } else { 80 },
            "FontFile2" => Object::Null,
        };

        let widths = self.widths();
        // CID (the original glyph id) → glyph id in the subset, two bytes each.
        let max_cid = self.glyphs.last().copied().unwrap_or(0) as usize;
        let mut cid_to_gid = vec![0u8; 2 * (max_cid + 1)];
        for (new, &cid) in self.glyphs.iter().enumerate() {
            cid_to_gid[2 * cid as usize..2 * cid as usize + 2].copy_from_slice(&(new as u16).to_be_bytes());
        }
        let mut cid_to_gid = Stream::new(Dictionary::new(), flate(&cid_to_gid, level));
        cid_to_gid.dict.set("Filter", "FlateDecode");
        let cid_font = dictionary! {
            "Type" => "Font",
            "Subtype" => "CIDFontType2",
            "BaseFont" => Object::Name(base_font.clone().into_bytes()),
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"),
                "Supplement" => 0,
            },
            "FontDescriptor" => Object::Null,
            "W" => widths,
            "CIDToGIDMap" => Object::Null,
        };

        let cmap = self.to_unicode_cmap();
        let mut to_unicode = Stream::new(Dictionary::new(), Vec::new());
        to_unicode.set_content(flate(cmap.as_bytes(), level));
        to_unicode.dict.set("Filter", "FlateDecode");

        let type0 = dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => Object::Name(base_font.into_bytes()),
            "Encoding" => "Identity-H",
            "DescendantFonts" => Object::Null,
            "ToUnicode" => Object::Null,
        };
        Ok(BuiltFont { file, descriptor, cid_to_gid, cid_font, to_unicode, type0 })
    }

    /// The `/W` array: for each run of consecutive CIDs, the first and its widths, exactly the
    /// values the content writer computed its adjustments against.
    fn widths(&self) -> Vec<Object> {
        let all = face::metrics(self.id).map(|m| m.widths.as_slice()).unwrap_or_default();
        let mut out = Vec::new();
        let mut run: Vec<Object> = Vec::new();
        let mut next = None;
        for &cid in &self.glyphs {
            if next != Some(cid) && !run.is_empty() {
                out.push(Object::Array(std::mem::take(&mut run)));
            }
            if run.is_empty() {
                out.push(Object::Integer(i64::from(cid)));
            }
            run.push(Object::Real(all.get(cid as usize).copied().unwrap_or(0.0)));
            next = cid.checked_add(1);
        }
        if !run.is_empty() {
            out.push(Object::Array(run));
        }
        out
    }

    fn to_unicode_cmap(&self) -> String {
        let mut entries: BTreeMap<u16, &str> = BTreeMap::new();
        for &cid in self.glyphs.iter().skip(1) {
            if let Some(text) = self.unicode[cid as usize].as_deref() {
                entries.insert(cid, text);
            }
        }
        let mut out = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
             /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
             1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        );
        let list: Vec<(u16, &str)> = entries.into_iter().collect();
        // A bfchar block may hold at most 100 entries.
        for chunk in list.chunks(100) {
            out.push_str(&format!("{} beginbfchar\n", chunk.len()));
            for (cid, text) in chunk {
                out.push_str(&format!("<{cid:04X}> <"));
                for unit in text.encode_utf16() {
                    out.push_str(&format!("{unit:04X}"));
                }
                out.push_str(">\n");
            }
            out.push_str("endbfchar\n");
        }
        out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        out
    }
}
