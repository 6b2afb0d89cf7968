//! The PDF writer: laid-out pages ([`LaidOut`]) in, PDF bytes out; plus the check that an
//! attached PDF can be merged ([`inspect_attachment`]).
//!
//! It draws exactly what layout placed and makes no layout decision of its own.
//!
//! How the file is made: printpdf (the project's declared PDF library) writes every page's
//! content stream; lopdf 0.44 (the lopdf printpdf itself uses) assembles and finishes the file.
//! - Page content ([`content`]) is a list of printpdf operations (`Op`): text as glyph ids
//!   in `TJ` arrays (printpdf's `Op::Unknown`; [`content`] says why not `TextItem::GlyphIds`)
//!   with one `Tm` per run and TJ adjustments computed against our own `/W`, so layout's
//!   shaped advances, kerning and offsets are honoured to 1/100 000 em; rules, filled rectangles, images (`UseXobject`), and marked
//!   content (`BDC` with an MCID, `/Artifact BMC`, `EMC`). [`encode`] has printpdf serialise
//!   the operations (through `PdfDocument::to_lopdf_document`) a few pages at a time, and
//!   keeps only the content streams.
//! - Fonts ([`embed`]) stay ours, not printpdf's font resources: subset with `subsetter` and
//!   written as Type0/CIDFontType2, Identity-H, with a ToUnicode CMap built from layout's
//!   clusters (ligatures map back to all their letters). printpdf's own font path is worse
//!   for us (read from its 0.12.8 source): it needs an allsorts `ParsedFont` of each face,
//!   parsed again for every document; its ToUnicode keeps one string per glyph id from
//!   `Codepoint.cid`, so every glyph of every run would carry an allocated cluster string;
//!   its `/W` truncates advances to whole thousandths; and its document-level output needs
//!   undoing (PDF 1.3, 1970 dates, an empty `GTS_PDFXVersion`, a trailer `/ID` from a
//!   process-wide counter, flat outline, inline link annotations the structure tree cannot
//!   reference). So printpdf encodes the content and nothing else of its document is kept.
//! - The document is assembled as lopdf objects: pages, nested outline, `/PageLabels`,
//!   `/Lang`, viewer preferences, Info, imported appendix pages ([`import`]), all streams
//!   deflated at level 3 with libdeflate (page streams in parallel), and saved by [`save`] with
//!   every non-stream object packed into compressed object streams.
//! - Output is deterministic: no clock, no random ids; the trailer `/ID` is the SHA-256 of the
//!   file written with a placeholder ID.
//! - Every file is a tagged PDF aiming at PDF/UA-1 ([`tags`]): marked content with MCIDs, a
//!   structure tree with ParentTree, `/MarkInfo`, `/Tabs /S`, XMP with `pdfuaid:part 1`.
//!   [`tagcheck`] checks a file against the rules the tests hold every pack to.

mod attachment;
mod content;
mod embed;
mod encode;
mod face;
mod finish;
mod images;
mod import;
mod ink;
mod memory;
mod save;
mod stream;
mod tags;
pub mod tagcheck;

use lopdf::{dictionary, Document, Object, ObjectId, Stream, StringFormat};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

pub use agendapack_layout::LaidOut;
use agendapack_layout::{DrawnContent, Page, Placed};
pub use attachment::{inspect_attachment, AttachmentError, AttachmentInfo, MAX_ATTACHMENT_BYTES};
pub use embed::EmbedError;
pub use images::{ImageError, MAX_DPI, MAX_IMAGE_PIXELS};
pub use import::ImportError;
pub use ink::{InkBox, PageInk, INK_COLUMNS};
pub use memory::{release_paper_memory, set_release, MemoryRelease};
pub use tagcheck::{check_tags, TagReport};

/// A calendar date and time in UTC, written as `D:YYYYMMDDHHmmSSZ`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PdfDate {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl PdfDate {
    pub fn to_pdf_string(&self) -> String {
        format!(
            "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
            self.year.min(9999),
            self.month.clamp(1, 12),
            self.day.clamp(1, 31),
            self.hour.min(23),
            self.minute.min(59),
            self.second.min(59)
        )
    }
}

/// How to write the file. `Default` gives deterministic output with no dates at all.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfOptions {
    /// Info `/Title`; shown in the title bar when `display_doc_title` is set.
    pub title: String,
    pub author: String,
    pub subject: String,
    /// Catalog `/Lang` (BCP 47), e.g. "en-GB"; empty leaves it out.
    pub lang: String,
    /// Info `/CreationDate` and `/ModDate`; taken from the data (never the clock) so that the
    /// same input gives the same bytes. None leaves both out.
    pub creation_date: Option<PdfDate>,
    /// `/PageLabels`: decimal page numbers from 1, so viewers show "Page 12" as 12.
    pub page_labels: bool,
    /// `/ViewerPreferences << /DisplayDocTitle true >>`: show the title, not the file name.
    pub display_doc_title: bool,
    /// Deflate level for streams (libdeflate's 1-12; 0 is taken as 1). 3: on the four-times
    /// meeting (whole build, one thread) level 4 took 4% more CPU time for a file 1% smaller,
    /// level 6 12% more for 3%; level 1 saved 2% of the time for 3% more bytes. (zlib-rs at
    /// level 3 took 8% more time than libdeflate for a file 2% larger.)
    pub compression_level: u32,
    /// Most threads used to write and compress page content; 0 means one per core (up to 4).
    /// The bytes are the same whatever the number.
    pub threads: usize,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions {
            title: String::new(),
            author: String::new(),
            subject: String::new(),
            lang: "en-GB".to_owned(),
            creation_date: None,
            page_labels: true,
            display_doc_title: true,
            compression_level: 3,
            threads: 0,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the document has no pages, and a PDF needs at least one.")]
    NoPages,
    #[error(transparent)]
    Font(#[from] EmbedError),
    #[error(transparent)]
    Image(#[from] ImageError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error("the PDF could not be serialised ({0}).")]
    Save(String),
}

/// Start of our resource names (`/APF0`, `/APIm0`). On an imported page a free variant
/// (`AP1`, `AP2`...) is used when the source already has names starting with this one.
pub(crate) const RESOURCE_PREFIX: &str = "AP";

/// The placeholder written as the file identifier before the real one is known.
const ID_PLACEHOLDER: [u8; 16] = *b"AgendaPackFileID";

/// Writes `doc` as a PDF file.
pub fn write_pdf(doc: &LaidOut, options: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    let prepared = prepare(doc, options)?;
    let mut slots: Vec<&Page> = doc.pages.iter().collect();
    let drawn = draw_pages(&mut slots, &prepared, options.threads)?;
    finish_file(doc, prepared, drawn, options)
}

/// [`write_pdf`] taking the pages, so that each page's items (most of a pack's memory: every
/// glyph of every run) are freed as soon as its content stream is written, rather than held
/// until the file is finished. The bytes are those of [`write_pdf`].
pub fn write_pdf_owned(mut doc: LaidOut, options: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    let prepared = prepare(&doc, options)?;
    let mut slots: Vec<&mut Page> = doc.pages.iter_mut().collect();
    let drawn = draw_pages(&mut slots, &prepared, options.threads)?;
    drop(slots);
    memory::release_freed_memory();
    let bytes = finish_file(&doc, prepared, drawn, options);
    memory::drop_later(doc);
    bytes
}


/// What drawing the pages needs, made before any page is drawn: the fonts and images used
/// (embedded), the opened sources of imported pages, the structure plan, and the file so far.
struct Prepared {
    level: u32,
    sources: import::Sources,
    plan: tags::Plan,
    out: Document,
    pages_id: ObjectId,
    page_ids: Vec<ObjectId>,
    font_resources: lopdf::Dictionary,
    xobject_resources: lopdf::Dictionary,
    resources_id: ObjectId,
}

fn prepare(doc: &LaidOut, options: &PdfOptions) -> Result<Prepared, PdfError> {
    if doc.pages.is_empty() {
        return Err(PdfError::NoPages);
    }
    let level = options.compression_level.min(9);
    let fonts = embed::FontSet::collect(&doc.pages)?;
    let images = images::ImageSet::collect(&doc.pages);

    let mut out = Document::with_version("1.7");
    let pages_id = out.new_object_id();
    let page_ids: Vec<ObjectId> = doc.pages.iter().map(|_| out.new_object_id()).collect();
    let sources = import::Sources::open(&doc.pages, &page_ids)?;

    let font_resources = fonts.embed(&mut out, level)?;
    let xobject_resources = images.embed(&mut out, level)?;
    let mut resources = lopdf::Dictionary::new();
    if !font_resources.is_empty() {
        resources.set("Font", font_resources.clone());
    }
    if !xobject_resources.is_empty() {
        resources.set("XObject", xobject_resources.clone());
    }
    let resources_id = out.add_object(resources);
    let plan = tags::Plan::new(doc);
    Ok(Prepared { level, sources, plan, out, pages_id, page_ids, font_resources, xobject_resources, resources_id })
}

/// Assembles the file around the drawn pages: page objects, links, imported pages, the
/// structure tree, outline, catalog and Info; then serialises it. Reads no page's items.
fn finish_file(doc: &LaidOut, prepared: Prepared, drawn_pages: Vec<DrawnPage>, options: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    let Prepared { level, mut sources, plan, mut out, pages_id, page_ids, font_resources, xobject_resources, resources_id } = prepared;
    let targets = finish::Targets::new(doc, &page_ids);
    let struct_tree_root = out.new_object_id();
    let elem_ids: Vec<Option<ObjectId>> =
        (0..doc.structure.len()).map(|i| plan.type_of(Some(i as u32)).map(|_| out.new_object_id())).collect();
    let mut tree = tags::Tree::new(&plan, &doc.structure);
    for ((n, page), drawn) in doc.pages.iter().enumerate().zip(drawn_pages) {
        let links = finish::link_annotations(&mut out, page.height, &page.links, &targets);
        tree.add_marks(n, &drawn.marks);
        for &(annot, node) in &links {
            tree.add_link(n, annot, node);
        }
        let annots: Vec<Object> = links.iter().map(|&(id, _)| Object::Reference(id)).collect();
        let prefix = drawn.prefix;
        if let Some(imported) = &page.imported {
            let rename = |d: &lopdf::Dictionary| -> lopdf::Dictionary {
                let mut renamed = lopdf::Dictionary::new();
                for (key, value) in d.iter() {
                    let mut name = prefix.as_bytes().to_vec();
                    name.extend_from_slice(&key[RESOURCE_PREFIX.len()..]);
                    renamed.set(name, value.clone());
                }
                renamed
            };
            let stamp = drawn.streams.into_iter().next().map(|stream| out.add_object(stream));
            let overlay = import::Overlay {
                stamp,
                fonts: rename(&font_resources),
                xobjects: rename(&xobject_resources),
                annots,
            };
            let section = imported.parent.and_then(|node| elem_ids.get(node as usize).copied().flatten());
            let graft = sources.import(&mut out, page, page_ids[n], pages_id, overlay, section);
            if graft.untagged {
                tree.add_untagged(n, imported.parent, imported.index + 1);
            }
            tree.add_grafted(imported.parent, graft.tops, graft.role_map, graft.class_map);
            if let Some(entry) = graft.page_entry {
                tree.add_grafted_page(n, entry);
            }
            for (annot, entry) in graft.annots {
                tree.add_grafted_annotation(annot, entry);
            }
            for (form, entry) in graft.forms {
                tree.add_grafted_form(form, entry);
            }
            for annot in graft.untagged_links {
                tree.add_link(n, annot, None);
            }
            if let Some(dict) = out.objects.get_mut(&page_ids[n]).and_then(|o| o.as_dict_mut().ok()) {
                dict.set("Tabs", "S");
            }
            continue;
        }
        let mut contents: Vec<Object> = drawn.streams.into_iter().map(|stream| Object::Reference(out.add_object(stream))).collect();
        let contents = match contents.len() {
            0 => Object::Reference(out.add_object(compressed_stream(b"", level))),
            1 => contents.remove(0),
            // Content drawn ahead, then what was stamped on the page since.
            _ => Object::Array(contents),
        };
        let mut page_dict = dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), page.width.into(), page.height.into()],
            "Resources" => resources_id,
            "Contents" => contents,
            // Tab order follows the structure (PDF/UA).
            "Tabs" => "S",
        };
        if !annots.is_empty() {
            page_dict.set("Annots", annots);
        }
        out.objects.insert(page_ids[n], Object::Dictionary(page_dict));
    }

    let kids: Vec<Object> = page_ids.iter().map(|&id| Object::Reference(id)).collect();
    out.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => page_ids.len() as i64 }),
    );
    let outline = finish::outline(&mut out, &doc.outline, &targets);
    let mut raw = save::RawObjects::default();
    tree.write(&mut out, &mut raw, struct_tree_root, &elem_ids, &page_ids);
    let metadata = out.add_object(finish::xmp_metadata(options));
    let tagging = finish::Tagging { struct_tree_root, metadata };
    let catalog_id = out.add_object(finish::catalog(pages_id, outline, tagging, options));
    let info_id = out.add_object(finish::info(options));
    out.trailer.set("Root", catalog_id);
    out.trailer.set("Info", info_id);
    let placeholder = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
    out.trailer.set("ID", vec![placeholder.clone(), placeholder]);

    let mut bytes = save::save(&out, &raw, level);
    memory::drop_later((out, raw, sources));
    set_file_id(&mut bytes)?;
    Ok(bytes)
}

/// A page's finished content: its resource prefix, marked content and compressed streams (for
/// an imported page, the stamp on top, if anything is drawn; otherwise the content drawn ahead,
/// if any, then what was placed since).
struct DrawnPage {
    prefix: String,
    marks: Vec<content::MarkedContent>,
    streams: Vec<Stream>,
}

/// A page handed to [`draw_pages`]: borrowed, or lent mutably so that its items can be freed
/// once its content is written ([`write_pdf_owned`]).
trait PageSlot: Send {
    fn page(&self) -> &Page;
    /// Its content drawn ahead, taken when the slot may be emptied.
    fn drawn(&mut self) -> Option<DrawnContent>;
    /// Called when the page's content stream is made; nothing after reads its items.
    fn release(&mut self) {}
}

impl PageSlot for &Page {
    fn page(&self) -> &Page {
        self
    }

    fn drawn(&mut self) -> Option<DrawnContent> {
        self.drawn.as_deref().cloned()
    }
}

impl PageSlot for &mut Page {
    fn page(&self) -> &Page {
        self
    }

    fn drawn(&mut self) -> Option<DrawnContent> {
        self.drawn.take().map(|d| *d)
    }

    fn release(&mut self) {
        self.items = Vec::new();
    }
}

/// Writes and compresses every page's content, in parallel on long documents: this is most
/// of the writer's work, and pages are independent. The pages go in batches of a few
/// ([`encode::batches`]), each taken by whichever thread is free: their
/// operations are made, encoded by printpdf and deflated, and only the compressed stream is
/// kept. The result is in page order, so the output does not depend on the number of threads.
/// Content drawn ahead ([`draw_ahead`]) is used as it is, with what was placed since on top.
fn draw_pages<S: PageSlot>(slots: &mut [S], prepared: &Prepared, threads: usize) -> Result<Vec<DrawnPage>, PdfError> {
    let Prepared { level, sources, plan, .. } = prepared;
    let level = *level;
    let draw = |batch: &mut [S]| -> Vec<DrawnPage> {
        let prefixes: Vec<String> = batch.iter().map(|slot| sources.free_prefix(slot.page())).collect();
        let written = encode::encode_contents(
            batch
                .iter()
                .zip(&prefixes)
                .map(|(slot, prefix)| {
                    let page = slot.page();
                    let ahead = page.drawn.as_ref().map_or(0, |d| d.marks.len() as u32);
                    content::write_page(&page.items, page.height, prefix, plan, page.imported.is_some(), ahead)
                })
                .collect(),
        );
        let mut drawn = Vec::with_capacity(batch.len());
        for ((slot, prefix), (on_top, bytes)) in batch.iter_mut().zip(prefixes).zip(written) {
            let ahead = slot.drawn();
            let page = slot.page();
            let mut streams = Vec::with_capacity(2);
            let mut marks = Vec::new();
            if page.imported.is_some() {
                if !bytes.is_empty() {
                    let mut stamped = sources.stamp_matrix(page).into_bytes();
                    stamped.extend_from_slice(&bytes);
                    streams.push(compressed_stream(&stamped, level));
                }
            } else {
                if let Some(ahead) = ahead {
                    marks.extend(ahead.marks.iter().map(|&(mcid, node)| content::MarkedContent { mcid, node }));
                    streams.push(flate_stream(ahead.stream));
                }
                if !bytes.is_empty() || streams.is_empty() {
                    streams.push(compressed_stream(&bytes, level));
                }
            }
            marks.extend(on_top);
            slot.release();
            drawn.push(DrawnPage { prefix, marks, streams });
        }
        drawn
    };
    let batches: Vec<Vec<DrawnPage>> =
        on_threads(threads, || encode::batches(slots, |s| s.page().items.len()).into_par_iter().map(draw).collect());
    Ok(batches.into_iter().flatten().collect())
}

/// Runs `f` on a pool of `threads` threads (0: one per core, at most 4), on which the writer's
/// parallel loops share out their work; on the pool already running, when called from one
/// (a pack build runs its layout and writing on one pool). Work is shared out in a fixed
/// way and results come back in order, so the bytes never depend on the number of threads.
pub fn on_threads<R: Send>(threads: usize, f: impl FnOnce() -> R + Send) -> R {
    if rayon::current_thread_index().is_some() {
        return f();
    }
    match rayon::ThreadPoolBuilder::new().num_threads(thread_count(threads)).build() {
        Ok(pool) => pool.install(f),
        // No thread could be started: rayon's global pool does the work.
        Err(_) => f(),
    }
}

/// Makes the per-process tables the writer needs (each bundled face's glyph widths), so that
/// a caller can have them made on a spare thread while it does something else.
pub fn prepare_fonts() {
    for &font in &face::ALL {
        face::metrics(font);
    }
}

/// Writes the content of `doc`'s pages now, ahead of the rest of the file, and frees their
/// items: each page keeps only its compressed stream and what the file needs to know of it
/// ([`DrawnContent`]). A pack calls this on each paper as soon as it is laid out, on the
/// thread that laid it out, so that no paper's glyphs are held while the others are laid out,
/// and writing is spread over the threads with the layout. What is placed on a page afterwards
/// (page stamps) is drawn on top when the file is written; [`write_pdf`] gives the same pages
/// as if the document had been written whole, with the same structure types (a paper's tags
/// depend on the paper alone, see [`tags`]).
///
/// Imported pages and pages already drawn are left as they are.
pub fn draw_ahead(doc: &mut LaidOut, compression_level: u32) {
    let plan = tags::Plan::new(doc);
    let level = compression_level.min(9);
    let mut pages: Vec<&mut Page> = doc.pages.iter_mut().filter(|p| p.imported.is_none() && p.drawn.is_none()).collect();
    // A long paper's batches are taken by whichever thread of the pool is free.
    pages.par_chunks_mut(encode::PAGES_DRAWN_AHEAD_PER_BATCH).for_each(|batch| {
        let written = encode::encode_contents(
            batch.iter().map(|page| content::write_page(&page.items, page.height, RESOURCE_PREFIX, &plan, false, 0)).collect(),
        );
        for (page, (marks, bytes)) in batch.iter_mut().zip(written) {
            let items = std::mem::take(&mut page.items);
            let mut nodes: Vec<u32> = tags::content_nodes(&items).collect();
            nodes.sort_unstable();
            nodes.dedup();
            let images = items
                .iter()
                .filter_map(|item| match item {
                    Placed::Image(image) => Some((image.data.clone(), image.rect)),
                    _ => None,
                })
                .collect();
            let (glyphs, glyph_text) = embed::glyph_usage(&items);
            page.drawn = Some(Box::new(DrawnContent {
                stream: stream::flate(&bytes, level),
                marks: marks.iter().map(|m| (m.mcid, m.node)).collect(),
                nodes,
                glyphs,
                glyph_text,
                images,
            }));
        }
    });
}

/// The number of threads `threads` asks for: 0 means one per core, at most 4; never more than
/// [`MAX_THREADS`].
pub fn thread_count(threads: usize) -> usize {
    match threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()).min(4),
        n => n.min(MAX_THREADS),
    }
}

/// The most threads a build uses, whatever it is asked: a pack has tens of papers, and each
/// thread of the pool spins a little looking for work (5,000 asked for by mistake made a
/// two-core machine crawl).
pub const MAX_THREADS: usize = 16;

/// A stream of `content`, deflated unless it is only a few dozen bytes (a page number stamp):
/// deflating gains those nothing, and resetting the compressor for each cost more than
/// writing a page's own content.
fn compressed_stream(content: &[u8], level: u32) -> Stream {
    if content.len() < 128 {
        return Stream::new(lopdf::Dictionary::new(), content.to_vec()).with_compression(false);
    }
    flate_stream(stream::flate(content, level))
}

/// A stream of already deflated bytes.
fn flate_stream(deflated: Vec<u8>) -> Stream {
    let mut stream = Stream::new(lopdf::Dictionary::new(), deflated);
    stream.dict.set("Filter", "FlateDecode");
    stream.with_compression(false)
}

/// The byte offset `startxref` names at the end of the file.
fn xref_start(bytes: &[u8]) -> Option<usize> {
    let tail = &bytes[bytes.len().saturating_sub(64)..];
    let key = b"startxref";
    let at = tail.windows(key.len()).rposition(|w| w == key)?;
    let digits: String = tail[at + key.len()..].iter().map(|&b| b as char).skip_while(|c| c.is_whitespace()).take_while(char::is_ascii_digit).collect();
    digits.parse::<usize>().ok().filter(|&n| n < bytes.len())
}

/// Replaces the placeholder `/ID` in the trailer with the first 16 bytes of the SHA-256 of
/// the file (same length, so no offset moves).
fn set_file_id(bytes: &mut [u8]) -> Result<(), PdfError> {
    let placeholder: String = ID_PLACEHOLDER.iter().map(|b| format!("{b:02X}")).collect();
    let digest = Sha256::digest(&*bytes);
    let id: String = digest[..16].iter().map(|b| format!("{b:02X}")).collect();
    let needle = placeholder.as_bytes();
    // The trailer (or, when lopdf writes a cross-reference stream, that stream's dictionary)
    // starts where `startxref` points; a fixed tail window misses it once the xref stream of a
    // large pack outgrows the window.
    let tail_start = xref_start(bytes).unwrap_or_else(|| bytes.len().saturating_sub(4096));
    let mut found = 0;
    let mut at = tail_start;
    while let Some(pos) = bytes[at..].windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)) {
        let start = at + pos;
        bytes[start..start + needle.len()].copy_from_slice(id.as_bytes());
        at = start + needle.len();
        found += 1;
    }
    if found == 2 {
        Ok(())
    } else {
        Err(PdfError::Save("the file identifier could not be placed in the trailer".to_owned()))
    }
}
