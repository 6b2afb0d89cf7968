//! Attached PDF appendices: checks that a file can be merged into a pack (a readable,
//! unencrypted PDF with at least one page) and reports its page sizes and where each page's
//! content reaches ([`crate::ink`]).
//!
//! This is what the UI and the CLI call when a PDF is attached, and what the merger uses to
//! open a source. It deliberately does not repair damaged files or try passwords: a file we
//! cannot read cleanly is refused with a sentence the user can act on.

use lopdf::{Document, Object, ObjectId};

/// What the pack needs to know about an attached PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct AttachmentInfo {
    pub pages: usize,
    /// Displayed page sizes (width, height) in points: the crop box, turned by `/Rotate`.
    pub sizes: Vec<(f32, f32)>,
    /// Whether it has a structure tree (a tagged PDF), which a pack carries over; an untagged
    /// appendix cannot be read by a screen reader.
    pub tagged: bool,
    /// Each page's ink (what its content paints), in displayed coordinates; None for a page
    /// that paints nothing. The pack keeps its page stamp off it.
    pub ink: Vec<Option<crate::PageInk>>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AttachmentError {
    #[error("The file is not a PDF (it does not start with a %PDF- header).")]
    NotPdf,
    #[error("The PDF is damaged and cannot be read ({0}).")]
    Damaged(String),
    #[error("The PDF is encrypted or password-protected; attach an unprotected copy instead.")]
    Encrypted,
    #[error("The PDF has no pages.")]
    NoPages,
    #[error("The PDF has no page {wanted} (it has {pages}).")]
    MissingPage { wanted: usize, pages: usize },
    #[error("The PDF is {size_mb} MB, more than the {limit_mb} MB an appendix may be; attach a smaller copy.")]
    TooLarge { size_mb: usize, limit_mb: usize },
}

/// The largest PDF appendix accepted (issue 10): lopdf holds a whole file and its objects in
/// memory, several times its size, and a pack holds every appendix at once.
pub const MAX_ATTACHMENT_BYTES: usize = 100 * 1024 * 1024;

/// Checks an attached file and returns its page count and sizes.
pub fn inspect_attachment(bytes: &[u8]) -> Result<AttachmentInfo, AttachmentError> {
    let source = open(bytes)?;
    check_references(&source)?;
    check_streams(&source.doc)?;
    let sizes = source.pages.iter().map(|&id| displayed_size(&source.doc, id)).collect();
    let tagged = crate::import::is_tagged(&source.doc);
    let ink = source.pages.iter().map(|&id| crate::ink::page_ink(&source.doc, id)).collect();
    Ok(AttachmentInfo { pages: source.pages.len(), sizes, tagged, ink })
}

/// A parsed attachment and its pages in order.
pub(crate) struct Opened {
    pub doc: Document,
    pub pages: Vec<ObjectId>,
}

pub(crate) fn open(bytes: &[u8]) -> Result<Opened, AttachmentError> {
    if bytes.len() > MAX_ATTACHMENT_BYTES {
        let mb = |n: usize| n.div_ceil(1024 * 1024);
        return Err(AttachmentError::TooLarge { size_mb: mb(bytes.len()), limit_mb: mb(MAX_ATTACHMENT_BYTES) });
    }
    let head = &bytes[..bytes.len().min(1024)];
    if !contains(head, b"%PDF-") {
        return Err(AttachmentError::NotPdf);
    }
    // A file cut short loses its final end-of-file marker; lopdf would otherwise rebuild
    // what it can and hide the damage.
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    if !contains(tail, b"%%EOF") {
        return Err(AttachmentError::Damaged("it ends before its end-of-file marker".to_owned()));
    }
    let doc = match Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(_) if contains(bytes, b"/Encrypt") => return Err(AttachmentError::Encrypted),
        Err(e) => return Err(AttachmentError::Damaged(e.to_string())),
    };
    if doc.was_encrypted() || doc.trailer.has(b"Encrypt") {
        return Err(AttachmentError::Encrypted);
    }
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    if pages.is_empty() {
        return Err(AttachmentError::NoPages);
    }
    for &id in &pages {
        if doc.get_dictionary(id).is_err() {
            return Err(AttachmentError::Damaged(format!("page object {} is missing", id.0)));
        }
    }
    Ok(Opened { doc, pages })
}

/// Everything the pages refer to must exist: lopdf skips objects it cannot parse, so a
/// damaged object shows up as a reference to nothing.
fn check_references(source: &Opened) -> Result<(), AttachmentError> {
    let doc = &source.doc;
    let mut seen = std::collections::BTreeSet::new();
    let mut pending: Vec<&Object> = Vec::new();
    let page_dicts = source.pages.iter().filter_map(|&id| doc.get_dictionary(id).ok());
    for dict in page_dicts {
        pending.extend(dict.iter().filter(|(k, _)| k.as_slice() != b"Parent").map(|(_, v)| v));
    }
    while let Some(object) = pending.pop() {
        match object {
            Object::Reference(id) => {
                if !seen.insert(*id) {
                    continue;
                }
                match doc.objects.get(id) {
                    Some(target) => {
                        // Other pages are checked as pages; do not climb the page tree.
                        let is_page_node = target
                            .as_dict()
                            .and_then(|d| d.get(b"Type"))
                            .and_then(Object::as_name)
                            .is_ok_and(|t| t == b"Page" || t == b"Pages");
                        if !is_page_node {
                            pending.push(target);
                        }
                    }
                    None => {
                        return Err(AttachmentError::Damaged(format!("object {} {} is missing or unreadable", id.0, id.1)));
                    }
                }
            }
            Object::Array(items) => pending.extend(items.iter()),
            Object::Dictionary(dict) => pending.extend(dict.iter().map(|(_, v)| v)),
            Object::Stream(stream) => pending.extend(stream.dict.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    Ok(())
}

/// Every deflated stream must inflate to its end. lopdf reads broken streams leniently
/// (returning what it could), which would let a damaged appendix through; viewers then show
/// blank or half-drawn pages. The check is strict (a wrong checksum fails too: garbage in
/// the middle of a stream often decodes without error until the checksum). Done when a file
/// is attached, not on every merge.
fn check_streams(doc: &Document) -> Result<(), AttachmentError> {
    use std::io::Read;
    for (id, object) in &doc.objects {
        let Object::Stream(stream) = object else { continue };
        let filter = stream.dict.get(b"Filter").ok();
        let flate = match filter {
            Some(Object::Name(n)) => n == b"FlateDecode",
            Some(Object::Array(a)) => a.first().and_then(|f| f.as_name().ok()) == Some(&b"FlateDecode"[..]),
            _ => false,
        };
        if !flate {
            continue;
        }
        let data = stream.content.as_slice();
        // Decoding into a sink, capped, so a decompression bomb costs time but no memory.
        const CAP: u64 = 1 << 30;
        let zlib = flate2::read::ZlibDecoder::new(data).take(CAP);
        if std::io::copy(&mut { zlib }, &mut std::io::sink()).is_err() {
            return Err(AttachmentError::Damaged(format!("stream {} {} cannot be decompressed", id.0, id.1)));
        }
    }
    Ok(())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Looks up a page attribute, following `/Parent` for the inheritable ones.
pub(crate) fn inherited<'a>(doc: &'a Document, page: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut current = doc.get_dictionary(page).ok()?;
    // The depth limit guards against a cyclic page tree in a damaged file.
    for _ in 0..64 {
        if let Ok(value) = current.get(key) {
            return Some(value);
        }
        let parent = current.get(b"Parent").and_then(Object::as_reference).ok()?;
        current = doc.get_dictionary(parent).ok()?;
    }
    None
}

/// A rectangle attribute as (llx, lly, urx, ury), normalised so that ll < ur.
pub(crate) fn page_box(doc: &Document, page: ObjectId, key: &[u8]) -> Option<[f32; 4]> {
    let value = inherited(doc, page, key)?;
    let value = match value {
        Object::Reference(id) => doc.get_object(*id).ok()?,
        other => other,
    };
    let array = value.as_array().ok()?;
    if array.len() != 4 {
        return None;
    }
    let mut v = [0f32; 4];
    for (slot, item) in v.iter_mut().zip(array) {
        *slot = item.as_float().ok()?;
    }
    Some([v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])])
}

/// The visible box: the crop box when there is one, else the media box, else A4.
pub(crate) fn visible_box(doc: &Document, page: ObjectId) -> [f32; 4] {
    page_box(doc, page, b"CropBox")
        .or_else(|| page_box(doc, page, b"MediaBox"))
        .unwrap_or([0.0, 0.0, 595.276, 841.89])
}

/// `/Rotate` normalised to 0, 90, 180 or 270.
pub(crate) fn rotation(doc: &Document, page: ObjectId) -> i64 {
    let r = inherited(doc, page, b"Rotate").and_then(|o| o.as_i64().ok()).unwrap_or(0);
    (r.rem_euclid(360) / 90) * 90
}

fn displayed_size(doc: &Document, page: ObjectId) -> (f32, f32) {
    let b = visible_box(doc, page);
    let (w, h) = (b[2] - b[0], b[3] - b[1]);
    if rotation(doc, page) % 180 == 90 {
        (h, w)
    } else {
        (w, h)
    }
}
