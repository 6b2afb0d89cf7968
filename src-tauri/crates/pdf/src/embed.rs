//! Font embedding: finds which glyphs of which faces the pages use, subsets each face to
//! exactly those glyphs (with `subsetter`), and writes it as a Type0 / CIDFontType2 font with
//! Identity-H encoding, `/W` widths and a ToUnicode CMap built from the text runs' clusters.
//!
//! CIDs are the subset's glyph ids (`subsetter` renumbers glyphs densely, in ascending order of
//! the original ids, so the numbering depends only on the set of glyphs used). The subset tag
//! is derived from a hash of that set, so the same pages always give the same bytes.
//!
//! It deliberately does not measure or shape anything: widths come from the font's `hmtx` only
//! so that the viewer's pen arithmetic can be matched exactly by the content writer.

use std::collections::BTreeMap;

use agendapack_layout::fonts::FontId;
use agendapack_layout::{Page, Placed, TextRun};
use lopdf::{dictionary, Dictionary, Document, Object, Stream};

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
    /// Position in [`face::ALL`]; the resource name is `/<prefix>F<slot>`.
    pub slot: usize,
    /// Original glyph id → CID in the subset (0, `.notdef`, for glyphs not in the font).
    cid_of: Vec<u16>,
    /// Advance widths by CID, in thousandths of an em, exactly as written to `/W`.
    pub widths: Vec<f32>,
    /// Original glyph ids in CID order.
    glyphs: Vec<u16>,
    /// Text shown by each original glyph, from the first run that used it.
    unicode: Vec<Option<String>>,
    face: ttf_parser::Face<'static>,
}

impl UsedFont {
    /// The CID to write for a glyph id from layout; out-of-range ids show `.notdef`.
    #[inline]
    pub fn cid(&self, glyph: u16) -> u16 {
        self.cid_of.get(glyph as usize).copied().unwrap_or(0)
    }
}

/// The faces used by a document, indexed like [`face::ALL`].
pub(crate) struct FontSet {
    fonts: Vec<Option<UsedFont>>,
}

impl FontSet {
    /// Scans every text run of `pages` (first pass of the writer).
    pub fn collect(pages: &[Page]) -> Result<FontSet, EmbedError> {
        let mut fonts: Vec<Option<UsedFont>> = face::ALL.iter().map(|_| None).collect();
        let mut used: Vec<Vec<bool>> = face::ALL.iter().map(|_| Vec::new()).collect();
        for page in pages {
            for item in &page.items {
                let Placed::Text(run) = item else { continue };
                if run.glyphs.is_empty() {
                    continue;
                }
                let slot = face::index(run.font);
                if fonts[slot].is_none() {
                    let data = face::data(run.font);
                    let parsed = ttf_parser::Face::parse(data, 0)
                        .map_err(|_| EmbedError::Unreadable(face::postscript_name(run.font)))?;
                    let n = parsed.number_of_glyphs() as usize;
                    used[slot] = vec![false; n];
                    fonts[slot] = Some(UsedFont {
                        id: run.font,
                        slot,
                        cid_of: Vec::new(),
                        widths: Vec::new(),
                        glyphs: Vec::new(),
                        unicode: vec![None; n],
                        face: parsed,
                    });
                }
                if let Some(font) = fonts[slot].as_mut() {
                    note_run(run, &mut used[slot], &mut font.unicode);
                }
            }
        }
        for (slot, font) in fonts.iter_mut().enumerate() {
            if let Some(font) = font.as_mut() {
                font.finish(&used[slot]);
            }
        }
        Ok(FontSet { fonts })
    }

    pub fn get(&self, id: FontId) -> Option<&UsedFont> {
        self.fonts[face::index(id)].as_ref()
    }

    pub fn used(&self) -> impl Iterator<Item = &UsedFont> {
        self.fonts.iter().flatten()
    }

    /// Writes every used face into `doc`; returns the `/Font` resource dictionary.
    pub fn embed(&self, doc: &mut Document, level: u32) -> Result<Dictionary, EmbedError> {
        let mut resources = Dictionary::new();
        for font in self.used() {
            let id = font.write(doc, level)?;
            resources.set(format!("{}F{}", crate::RESOURCE_PREFIX, font.slot).into_bytes(), Object::Reference(id));
        }
        Ok(resources)
    }
}

/// Marks the glyphs of `run` as used and records, for glyphs not yet mapped, the characters
/// of their cluster (a ligature maps to all of its characters).
fn note_run(run: &TextRun, used: &mut [bool], unicode: &mut [Option<String>]) {
    let mut previous_cluster = None;
    for glyph in &run.glyphs {
        let gid = glyph.id as usize;
        let Some(flag) = used.get_mut(gid) else {
            // Not in the font: drawn as .notdef, which is always in the subset.
            previous_cluster = Some(glyph.cluster);
            continue;
        };
        *flag = true;
        // The second and later glyphs of one cluster (a base and its marks) show no text
        // of their own; the first glyph carries the cluster's characters.
        let continues_cluster = previous_cluster == Some(glyph.cluster);
        previous_cluster = Some(glyph.cluster);
        if continues_cluster || unicode[gid].is_some() {
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
        if let Some(text) = run.text.get(start..end) {
            if !text.is_empty() {
                unicode[gid] = Some(text.to_owned());
            }
        }
    }
}

impl UsedFont {
    /// Fixes the CID numbering and widths once all runs have been seen.
    fn finish(&mut self, used: &[bool]) {
        self.cid_of = vec![0; used.len()];
        self.glyphs = vec![0];
        for (gid, &is_used) in used.iter().enumerate().skip(1) {
            if is_used {
                self.cid_of[gid] = self.glyphs.len() as u16;
                self.glyphs.push(gid as u16);
            }
        }
        let per_unit = 1000.0 / f64::from(self.face.units_per_em().max(1));
        self.widths = self
            .glyphs
            .iter()
            .map(|&g| {
                let advance = self.face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0);
                // Rounded to 1/1000 of a unit so the value survives being written as text.
                ((f64::from(advance) * per_unit * 1000.0).round() / 1000.0) as f32
            })
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
                let used = self.cid_of.get(g as usize).is_some_and(|&cid| cid != 0);
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

    fn write(&self, doc: &mut Document, level: u32) -> Result<lopdf::ObjectId, EmbedError> {
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
        let file_id = doc.add_object(file);

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
            "FontFile2" => file_id,
        };
        let descriptor_id = doc.add_object(descriptor);

        let widths: Vec<Object> = self.widths.iter().map(|&w| Object::Real(w)).collect();
        let cid_font = dictionary! {
            "Type" => "Font",
            "Subtype" => "CIDFontType2",
            "BaseFont" => Object::Name(base_font.clone().into_bytes()),
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"),
                "Supplement" => 0,
            },
            "FontDescriptor" => descriptor_id,
            "W" => vec![Object::Integer(0), Object::Array(widths)],
            "CIDToGIDMap" => "Identity",
        };
        let cid_font_id = doc.add_object(cid_font);

        let cmap = self.to_unicode_cmap();
        let mut to_unicode = Stream::new(Dictionary::new(), Vec::new());
        to_unicode.set_content(flate(cmap.as_bytes(), level));
        to_unicode.dict.set("Filter", "FlateDecode");
        let to_unicode_id = doc.add_object(to_unicode);

        Ok(doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => Object::Name(base_font.into_bytes()),
            "Encoding" => "Identity-H",
            "DescendantFonts" => vec![Object::Reference(cid_font_id)],
            "ToUnicode" => to_unicode_id,
        }))
    }

    fn to_unicode_cmap(&self) -> String {
        let mut entries: BTreeMap<u16, &str> = BTreeMap::new();
        for (cid, &g) in self.glyphs.iter().enumerate().skip(1) {
            if let Some(text) = self.unicode[g as usize].as_deref() {
                entries.insert(cid as u16, text);
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
