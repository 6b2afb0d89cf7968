//! Merging pages of attached PDFs into the output, vector content untouched.
//!
//! Each distinct source file is parsed once. For every imported page the objects it reaches
//! (content streams, fonts, images, annotations...) are copied under fresh object numbers past
//! the output's; inherited `/Resources`, `/MediaBox`, `/CropBox` and `/Rotate` are copied down
//! onto the page; the original content is wrapped in `q`/`Q` and the page's own items (the
//! pack's "Page N" stamp) are drawn on top from an extra content stream, with our fonts added
//! to the page's resources under names (`/APF<n>`) that cannot clash with the source's.
//!
//! References to other pages of the same source (links inside a Word document) point at
//! their copies when those pages are imported too, and become null otherwise. It deliberately
//! does not copy the source's outline, named destinations, structure tree or forms.

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use crate::attachment::{self, AttachmentError, Opened};

/// The parsed sources of a document's imported pages.
pub(crate) struct Sources {
    by_pointer: BTreeMap<usize, usize>,
    sources: Vec<Source>,
    /// Shared one-operator streams that bracket the source content.
    brackets: Option<(ObjectId, ObjectId)>,
}

struct Source {
    opened: Opened,
    /// Source object id → output object id, for everything copied so far.
    copied: BTreeMap<ObjectId, ObjectId>,
}

#[derive(Debug, thiserror::Error)]
#[error("page {page} of the output takes page {index} of an attached PDF: {reason}")]
pub struct ImportError {
    pub page: usize,
    pub index: usize,
    pub reason: AttachmentError,
}

/// What the writer adds to an imported page.
pub(crate) struct Overlay {
    /// The stamp's content stream (already in the output), if the page has items.
    pub stamp: Option<ObjectId>,
    /// Our `/Font` and `/XObject` resources, merged into the page's own.
    pub fonts: Dictionary,
    pub xobjects: Dictionary,
    pub annots: Vec<Object>,
}

impl Sources {
    /// Parses every distinct source and reserves, for every imported page, the output id
    /// `page_ids[i]` so that links between imported pages can be kept.
    pub fn open(pages: &[agendapack_layout::Page], page_ids: &[ObjectId]) -> Result<Sources, ImportError> {
        let mut by_pointer = BTreeMap::new();
        let mut sources: Vec<Source> = Vec::new();
        for (n, page) in pages.iter().enumerate() {
            let Some(imported) = &page.imported else { continue };
            let pointer = Arc::as_ptr(&imported.source) as usize;
            let slot = match by_pointer.get(&pointer) {
                Some(&slot) => slot,
                None => {
                    let opened = attachment::open(&imported.source).map_err(|reason| ImportError {
                        page: n + 1,
                        index: imported.index + 1,
                        reason,
                    })?;
                    sources.push(Source { opened, copied: BTreeMap::new() });
                    by_pointer.insert(pointer, sources.len() - 1);
                    sources.len() - 1
                }
            };
            let source = &mut sources[slot];
            let Some(&original) = source.opened.pages.get(imported.index) else {
                return Err(ImportError {
                    page: n + 1,
                    index: imported.index + 1,
                    reason: AttachmentError::MissingPage {
                        wanted: imported.index + 1,
                        pages: source.opened.pages.len(),
                    },
                });
            };
            // A page imported twice keeps its first copy as the link target.
            source.copied.entry(original).or_insert(page_ids[n]);
        }
        Ok(Sources { by_pointer, sources, brackets: None })
    }

    /// A resource-name prefix for our fonts and images on `page` that no font or XObject
    /// name of the source page starts with ([`crate::RESOURCE_PREFIX`] on our own pages).
    pub fn free_prefix(&self, page: &agendapack_layout::Page) -> String {
        let base = crate::RESOURCE_PREFIX;
        let Some((doc, original)) = self.original(page) else { return base.to_owned() };
        let mut taken: Vec<Vec<u8>> = Vec::new();
        let resources = attachment::inherited(doc, original, b"Resources");
        let resources = match resources {
            Some(Object::Reference(r)) => doc.get_dictionary(*r).ok(),
            Some(Object::Dictionary(d)) => Some(d),
            _ => None,
        };
        if let Some(resources) = resources {
            for key in [&b"Font"[..], b"XObject"] {
                let dict = match resources.get(key) {
                    Ok(Object::Reference(r)) => doc.get_dictionary(*r).ok(),
                    Ok(Object::Dictionary(d)) => Some(d),
                    _ => None,
                };
                taken.extend(dict.into_iter().flat_map(|d| d.iter().map(|(k, _)| k.clone())));
            }
        }
        let mut candidate = base.to_owned();
        for n in 1.. {
            if !taken.iter().any(|name| name.starts_with(candidate.as_bytes())) {
                break;
            }
            candidate = format!("{base}{n}x");
        }
        candidate
    }

    fn original(&self, page: &agendapack_layout::Page) -> Option<(&Document, ObjectId)> {
        let imported = page.imported.as_ref()?;
        let slot = *self.by_pointer.get(&(Arc::as_ptr(&imported.source) as usize))?;
        let opened = &self.sources[slot].opened;
        Some((&opened.doc, *opened.pages.get(imported.index)?))
    }

    /// The operators that put the stamp of imported `page` (laid out on the page as displayed)
    /// into the source page's user space; empty for pages that are not imported.
    pub fn stamp_matrix(&self, page: &agendapack_layout::Page) -> String {
        let Some((doc, original)) = self.original(page) else { return String::new() };
        displayed_to_user(attachment::visible_box(doc, original), attachment::rotation(doc, original))
    }

    /// Writes imported page `page` of the output as object `id` under `parent`.
    pub fn import(
        &mut self,
        out: &mut Document,
        page: &agendapack_layout::Page,
        id: ObjectId,
        parent: ObjectId,
        overlay: Overlay,
    ) {
        let Some(imported) = &page.imported else { return };
        let Some(&slot) = self.by_pointer.get(&(Arc::as_ptr(&imported.source) as usize)) else { return };
        let brackets = *self.brackets.get_or_insert_with(|| {
            let q = out.add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
            let big_q = out.add_object(Stream::new(Dictionary::new(), b"Q\n".to_vec()));
            (q, big_q)
        });
        let source = &mut self.sources[slot];
        let Some(&original) = source.opened.pages.get(imported.index) else { return };
        let doc = &source.opened.doc;

        let mut dict = doc.get_dictionary(original).cloned().unwrap_or_default();
        dict.remove(b"Parent");
        // These point into the source's structure tree and article threads, not copied.
        dict.remove(b"StructParents");
        dict.remove(b"B");
        for key in [&b"Resources"[..], b"MediaBox", b"CropBox", b"Rotate"] {
            if !dict.has(key) {
                if let Some(value) = attachment::inherited(doc, original, key) {
                    dict.set(key.to_vec(), value.clone());
                }
            }
        }

        let mut copier = Copier { doc, copied: &mut source.copied, queue: VecDeque::new() };
        let mut dict = match copier.remap(out, Object::Dictionary(dict)) {
            Object::Dictionary(d) => d,
            _ => Dictionary::new(),
        };
        copier.drain(out);

        dict.set("Parent", parent);
        let mut resources = resolve_dict(out, dict.get(b"Resources").ok());
        for (key, ours) in [(&b"Font"[..], overlay.fonts), (b"XObject", overlay.xobjects)] {
            if ours.is_empty() {
                continue;
            }
            let mut merged = resolve_dict(out, resources.get(key).ok());
            for (name, value) in ours.into_iter() {
                merged.set(name, value);
            }
            resources.set(key.to_vec(), merged);
        }
        dict.set("Resources", resources);

        if let Some(stamp) = overlay.stamp {
            let mut contents = vec![Object::Reference(brackets.0)];
            match dict.get(b"Contents") {
                Ok(Object::Array(parts)) => contents.extend(parts.iter().cloned()),
                Ok(Object::Reference(r)) => match out.get_object(*r) {
                    // An indirect array of streams.
                    Ok(Object::Array(parts)) => contents.extend(parts.iter().cloned()),
                    _ => contents.push(Object::Reference(*r)),
                },
                _ => {}
            }
            contents.push(Object::Reference(brackets.1));
            contents.push(Object::Reference(stamp));
            dict.set("Contents", contents);
        }
        if !overlay.annots.is_empty() {
            let mut annots = match dict.get(b"Annots") {
                Ok(Object::Array(a)) => a.clone(),
                Ok(Object::Reference(r)) => out.get_object(*r).and_then(Object::as_array).cloned().unwrap_or_default(),
                _ => Vec::new(),
            };
            annots.extend(overlay.annots);
            dict.set("Annots", annots);
        }
        out.objects.insert(id, Object::Dictionary(dict));
    }
}

/// A copy of a (possibly indirect) dictionary, so the page can own a modified version.
fn resolve_dict(out: &Document, value: Option<&Object>) -> Dictionary {
    match value {
        Some(Object::Dictionary(d)) => d.clone(),
        Some(Object::Reference(r)) => out.get_dictionary(*r).cloned().unwrap_or_default(),
        _ => Dictionary::new(),
    }
}

/// The `cm` that maps displayed-page coordinates (origin bottom-left of the page as shown)
/// into the page's user space, given its visible box and rotation.
fn displayed_to_user(b: [f32; 4], rotate: i64) -> String {
    let (w, h) = (b[2] - b[0], b[3] - b[1]);
    let (a, bb, c, d, e, f) = match rotate {
        90 => (0.0, 1.0, -1.0, 0.0, w, 0.0),
        180 => (-1.0, 0.0, 0.0, -1.0, w, h),
        270 => (0.0, -1.0, 1.0, 0.0, 0.0, h),
        _ => (1.0, 0.0, 0.0, 1.0, 0.0, 0.0),
    };
    format!("{a} {bb} {c} {d} {} {} cm\n", e + b[0], f + b[1])
}

/// Copies objects from a source into the output, breadth first (no recursion, so deep or
/// cyclic object graphs cannot overflow the stack).
struct Copier<'a> {
    doc: &'a Document,
    copied: &'a mut BTreeMap<ObjectId, ObjectId>,
    queue: VecDeque<(ObjectId, ObjectId)>,
}

impl Copier<'_> {
    /// The output id for source object `id`, scheduling its copy; None for pages that are not
    /// imported (and for the page tree), which must not be dragged in.
    fn target(&mut self, out: &mut Document, id: ObjectId) -> Option<ObjectId> {
        if let Some(&new) = self.copied.get(&id) {
            return Some(new);
        }
        let object = self.doc.get_object(id).ok()?;
        if let Ok(dict) = object.as_dict() {
            if let Ok(kind) = dict.get(b"Type").and_then(Object::as_name) {
                if kind == b"Page" || kind == b"Pages" || kind == b"Catalog" {
                    return None;
                }
            }
        }
        let new = out.new_object_id();
        self.copied.insert(id, new);
        self.queue.push_back((id, new));
        Some(new)
    }

    fn remap(&mut self, out: &mut Document, object: Object) -> Object {
        match object {
            Object::Reference(id) => match self.target(out, id) {
                Some(new) => Object::Reference(new),
                None => Object::Null,
            },
            Object::Array(items) => Object::Array(items.into_iter().map(|o| self.remap(out, o)).collect()),
            Object::Dictionary(dict) => Object::Dictionary(self.remap_dict(out, dict)),
            Object::Stream(mut stream) => {
                stream.dict = self.remap_dict(out, stream.dict);
                Object::Stream(stream)
            }
            other => other,
        }
    }

    fn remap_dict(&mut self, out: &mut Document, dict: Dictionary) -> Dictionary {
        let mut result = Dictionary::new();
        for (key, value) in dict.into_iter() {
            let value = self.remap(out, value);
            result.set(key, value);
        }
        result
    }

    fn drain(&mut self, out: &mut Document) {
        while let Some((old, new)) = self.queue.pop_front() {
            let object = self.doc.get_object(old).cloned().unwrap_or(Object::Null);
            let copy = self.remap(out, object);
            out.objects.insert(new, copy);
        }
    }
}
