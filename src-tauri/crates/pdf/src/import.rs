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
//! their copies when those pages are imported too, and become null otherwise.
//!
//! Tags: a source with a structure tree has it carried over ([`Graft`]): its top elements are
//! copied under the section element the page's [`ImportedPage::parent`] names (the source's
//! StructTreeRoot is mapped onto that element, so every `/P` lands right), and the ParentTree
//! entries of its pages and annotations are handed back to be renumbered in ours; MCIDs stay
//! as they are, since the content streams are copied unchanged. So are those of its form
//! XObjects (nested ones too): a copied stream with `/StructParents` loses the source's key and
//! its ParentTree entry is handed back ([`Graft::forms`]) for a fresh key in ours; an XObject
//! drawn by several imported pages is copied once, so it gets one key. MCRs keep pointing at
//! the copies (`/Stm` at the copied stream, `/Pg` at the copied page). A source without one has each
//! page's content wrapped as one Figure (MCID 0) that [`crate::tags`] describes as untagged.
//! A page with a [`Placement`] (the pack shrinks a page whose content reaches into the stamp's
//! band) is drawn through one more `cm`, and its links' rectangles are moved the same way.
//! It deliberately does not copy the source's outline, named destinations, or forms.
//!
//! [`ImportedPage::parent`]: agendapack_layout::ImportedPage
//! [`Placement`]: agendapack_layout::Placement

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use crate::attachment::{self, AttachmentError, Opened};
use crate::ink::Affine;

/// The parsed sources of a document's imported pages.
pub(crate) struct Sources {
    by_pointer: BTreeMap<usize, usize>,
    sources: Vec<Source>,
    /// Shared one-operator streams that bracket the source content.
    brackets: Option<(ObjectId, ObjectId)>,
    /// The same for an untagged source, also marking the content as a Figure with MCID 0.
    figure_brackets: Option<(ObjectId, ObjectId)>,
}

struct Source {
    opened: Opened,
    /// Source object id → output object id, for everything copied so far.
    copied: BTreeMap<ObjectId, ObjectId>,
    /// The source's structure tree, if it is tagged.
    tags: Option<SourceTags>,
    /// Whether its tree has been hung into ours already.
    grafted: bool,
    /// Copied form XObjects (output id) with the source's `/StructParents` key, not yet
    /// handed back in a [`Graft`].
    forms: Vec<(ObjectId, i64)>,
}

/// A source's structure tree root and its ParentTree, flattened.
struct SourceTags {
    root: ObjectId,
    parent_tree: BTreeMap<i64, Object>,
}

/// What an imported page brings to the structure tree.
#[derive(Default)]
pub(crate) struct Graft {
    /// The source's top elements (copied), the first time its tree is hung in.
    pub tops: Vec<Object>,
    pub role_map: Dictionary,
    pub class_map: Dictionary,
    /// The page's ParentTree entry (copied).
    pub page_entry: Option<Object>,
    /// The page's tagged annotations (output id) with their ParentTree entries (copied).
    pub annots: Vec<(ObjectId, Object)>,
    /// Form XObjects copied with this page (output id) with their ParentTree entries (copied).
    pub forms: Vec<(ObjectId, Object)>,
    /// Annotations of the page that the source did not tag (output ids).
    pub untagged_links: Vec<ObjectId>,
    /// The source is not tagged: the page's content is wrapped as one Figure with MCID 0.
    pub untagged: bool,
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
                    let tags = source_tags(&opened.doc);
                    sources.push(Source { opened, copied: BTreeMap::new(), tags, grafted: false, forms: Vec::new() });
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
        Ok(Sources { by_pointer, sources, brackets: None, figure_brackets: None })
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
        crate::ink::displayed_to_user_map(attachment::visible_box(doc, original), attachment::rotation(doc, original)).cm()
    }

    /// Writes imported page `page` of the output as object `id` under `parent`. `section` is
    /// the structure element its tags hang under (None: the page is left out of the tree).
    pub fn import(
        &mut self,
        out: &mut Document,
        page: &agendapack_layout::Page,
        id: ObjectId,
        parent: ObjectId,
        overlay: Overlay,
        section: Option<ObjectId>,
    ) -> Graft {
        let mut graft = Graft::default();
        let Some(imported) = &page.imported else { return graft };
        let Some(&slot) = self.by_pointer.get(&(Arc::as_ptr(&imported.source) as usize)) else { return graft };
        let source = &mut self.sources[slot];
        let Some(&original) = source.opened.pages.get(imported.index) else { return graft };
        let doc = &source.opened.doc;
        let tagged = section.is_some() && source.tags.is_some();
        graft.untagged = section.is_some() && source.tags.is_none();
        let brackets = if graft.untagged {
            *self.figure_brackets.get_or_insert_with(|| {
                let open = out.add_object(Stream::new(Dictionary::new(), b"q /Figure <</MCID 0>> BDC\n".to_vec()));
                let close = out.add_object(Stream::new(Dictionary::new(), b"EMC Q\n".to_vec()));
                (open, close)
            })
        } else {
            *self.brackets.get_or_insert_with(|| {
                let q = out.add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
                let big_q = out.add_object(Stream::new(Dictionary::new(), b"Q\n".to_vec()));
                (q, big_q)
            })
        };

        if let (true, Some(section), Some(tags)) = (tagged && !source.grafted, section, &source.tags) {
            // The source's root becomes our section element: every top element's /P follows.
            source.copied.insert(tags.root, section);
            source.grafted = true;
            let mut copier = Copier { doc, copied: &mut source.copied, forms: &mut source.forms, queue: VecDeque::new() };
            if let Ok(root) = doc.get_dictionary(tags.root) {
                graft.tops = match root.get(b"K").cloned() {
                    Ok(Object::Array(items)) => items.into_iter().map(|k| copier.remap(out, k)).collect(),
                    Ok(other) => vec![copier.remap(out, other)],
                    Err(_) => Vec::new(),
                };
                for (key, target) in [(&b"RoleMap"[..], &mut graft.role_map), (b"ClassMap", &mut graft.class_map)] {
                    let value = root.get(key).ok().cloned().map(|v| copier.remap(out, v));
                    copier.drain(out);
                    *target = resolve_dict(out, value.as_ref());
                }
            }
            copier.drain(out);
        }

        let mut dict = doc.get_dictionary(original).cloned().unwrap_or_default();
        dict.remove(b"Parent");
        // Renumbered into our ParentTree by the caller (or dropped for an untagged source).
        let struct_parents = dict.remove(b"StructParents").and_then(|o| o.as_i64().ok());
        // Article threads are not copied.
        dict.remove(b"B");
        let source_annots: Vec<ObjectId> = match dict.get(b"Annots") {
            Ok(Object::Array(a)) => a.iter().filter_map(|o| o.as_reference().ok()).collect(),
            Ok(Object::Reference(r)) => doc.get_object(*r).and_then(Object::as_array).map(|a| a.iter().filter_map(|o| o.as_reference().ok()).collect()).unwrap_or_default(),
            _ => Vec::new(),
        };
        for key in [&b"Resources"[..], b"MediaBox", b"CropBox", b"Rotate"] {
            if !dict.has(key) {
                if let Some(value) = attachment::inherited(doc, original, key) {
                    dict.set(key.to_vec(), value.clone());
                }
            }
        }

        let mut copier = Copier { doc, copied: &mut source.copied, forms: &mut source.forms, queue: VecDeque::new() };
        let mut dict = match copier.remap(out, Object::Dictionary(dict)) {
            Object::Dictionary(d) => d,
            _ => Dictionary::new(),
        };
        copier.drain(out);
        if section.is_some() {
            let parent_tree = source.tags.as_ref().map(|t| &t.parent_tree);
            if let Some(entry) = struct_parents.and_then(|k| parent_tree?.get(&k)).filter(|_| tagged) {
                graft.page_entry = Some(copier.remap(out, entry.clone()));
            }
            for annot in source_annots {
                let Some(&copy) = copier.copied.get(&annot) else { continue };
                let Ok(source_dict) = doc.get_dictionary(annot) else { continue };
                let key = source_dict.get(b"StructParent").and_then(Object::as_i64).ok();
                let entry = key.and_then(|k| parent_tree?.get(&k)).filter(|_| tagged).cloned();
                let is_link = source_dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|s| s == b"Link");
                if let Some(annot_dict) = out.objects.get_mut(&copy).and_then(|o| o.as_dict_mut().ok()) {
                    annot_dict.remove(b"StructParent");
                    if is_link && !annot_dict.has(b"Contents") {
                        // PDF/UA: a link says where it goes in words.
                        annot_dict.set("Contents", crate::stream::text_string("Link in the attached PDF"));
                    }
                }
                match entry {
                    Some(entry) => {
                        let entry = copier.remap(out, entry);
                        graft.annots.push((copy, entry));
                    }
                    None if is_link => graft.untagged_links.push(copy),
                    None => {}
                }
            }
            copier.drain(out);
        }
        // Form XObjects copied so far (with this page, or reached from the tree through an
        // MCR's `/Stm`): their entries, remapped; copying an entry may reach further forms.
        while let Some((copy, key)) = (!source.forms.is_empty()).then(|| source.forms.remove(0)) {
            let entry = source.tags.as_ref().and_then(|t| t.parent_tree.get(&key)).filter(|_| tagged).cloned();
            let Some(entry) = entry else { continue };
            let mut copier = Copier { doc, copied: &mut source.copied, forms: &mut source.forms, queue: VecDeque::new() };
            let entry = copier.remap(out, entry);
            copier.drain(out);
            graft.forms.push((copy, entry));
        }

        // A page shrunk clear of the stamp (`Placement`): its content is drawn through one more
        // `cm`, and its own links are moved and scaled with it.
        let shrink = imported.placement.map(|p| {
            let to_user = crate::ink::displayed_to_user_map(attachment::visible_box(doc, original), attachment::rotation(doc, original));
            let to_displayed = to_user.invert().unwrap_or(Affine::IDENTITY);
            let scale = Affine { a: p.scale, b: 0.0, c: 0.0, d: p.scale, e: p.dx, f: p.dy };
            to_displayed.then(&scale).then(&to_user)
        });
        if let Some(map) = shrink {
            move_annotations(out, &dict, &map);
        }

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

        if overlay.stamp.is_some() || graft.untagged || shrink.is_some() {
            let open = match shrink {
                Some(map) => {
                    let figure = if graft.untagged { "/Figure <</MCID 0>> BDC\n" } else { "" };
                    let text = format!("q\n{}{figure}", map.cm());
                    out.add_object(Stream::new(Dictionary::new(), text.into_bytes()))
                }
                None => brackets.0,
            };
            let mut contents = vec![Object::Reference(open)];
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
            contents.extend(overlay.stamp.map(Object::Reference));
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
        graft
    }
}

/// The structure tree of a source, when it has one with content.
fn source_tags(doc: &Document) -> Option<SourceTags> {
    let root = doc.catalog().ok()?.get(b"StructTreeRoot").ok()?.as_reference().ok()?;
    let root_dict = doc.get_dictionary(root).ok()?;
    let has_kids = match root_dict.get(b"K").ok()? {
        Object::Array(a) => !a.is_empty(),
        Object::Null => false,
        _ => true,
    };
    if !has_kids {
        return None;
    }
    let mut parent_tree = BTreeMap::new();
    if let Ok(tree) = root_dict.get(b"ParentTree") {
        number_tree(doc, tree, &mut parent_tree);
    }
    Some(SourceTags { root, parent_tree })
}

/// Whether an attached PDF has a structure tree that can be carried over.
pub(crate) fn is_tagged(doc: &Document) -> bool {
    source_tags(doc).is_some()
}

/// Flattens a number tree (`/Nums` leaves under `/Kids`), breadth first with a node budget so
/// that a cyclic or huge tree in a damaged file cannot hang the writer.
fn number_tree(doc: &Document, node: &Object, out: &mut BTreeMap<i64, Object>) {
    let mut pending = vec![node.clone()];
    let mut budget = 100_000;
    while let Some(node) = pending.pop() {
        budget -= 1;
        if budget == 0 {
            return;
        }
        let dict = match &node {
            Object::Reference(r) => doc.get_dictionary(*r).ok(),
            Object::Dictionary(d) => Some(d),
            _ => None,
        };
        let Some(dict) = dict else { continue };
        if let Ok(nums) = dict.get(b"Nums").and_then(Object::as_array) {
            for pair in nums.chunks(2) {
                if let [Object::Integer(k), value] = pair {
                    out.entry(*k).or_insert_with(|| value.clone());
                }
            }
        }
        if let Ok(kids) = dict.get(b"Kids").and_then(Object::as_array) {
            pending.extend(kids.iter().cloned());
        }
    }
}

/// Moves the (already copied) annotations of a page dictionary through `map`: their `/Rect`
/// and `/QuadPoints`, so a link stays on the words it covers when the page is shrunk.
fn move_annotations(out: &mut Document, page: &Dictionary, map: &Affine) {
    let ids: Vec<ObjectId> = match page.get(b"Annots") {
        Ok(Object::Array(a)) => a.iter().filter_map(|o| o.as_reference().ok()).collect(),
        Ok(Object::Reference(r)) => out.get_object(*r).and_then(Object::as_array).map(|a| a.iter().filter_map(|o| o.as_reference().ok()).collect()).unwrap_or_default(),
        _ => Vec::new(),
    };
    let floats = |a: &[Object]| a.iter().map(|o| o.as_float().ok()).collect::<Option<Vec<f32>>>();
    for id in ids {
        let Some(annot) = out.objects.get_mut(&id).and_then(|o| o.as_dict_mut().ok()) else { continue };
        if let Some(r) = annot.get(b"Rect").and_then(Object::as_array).ok().and_then(|a| floats(a)).filter(|r| r.len() == 4) {
            let moved = map.map_box([r[0].min(r[2]), r[1].min(r[3]), r[0].max(r[2]), r[1].max(r[3])]);
            annot.set("Rect", moved.iter().map(|v| Object::Real(*v)).collect::<Vec<_>>());
        }
        if let Some(q) = annot.get(b"QuadPoints").and_then(Object::as_array).ok().and_then(|a| floats(a)) {
            let moved: Vec<Object> = q
                .chunks(2)
                .filter(|p| p.len() == 2)
                .flat_map(|p| {
                    let (x, y) = map.apply(p[0], p[1]);
                    [Object::Real(x), Object::Real(y)]
                })
                .collect();
            annot.set("QuadPoints", moved);
        }
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

/// Copies objects from a source into the output, breadth first (no recursion, so deep or
/// cyclic object graphs cannot overflow the stack).
struct Copier<'a> {
    doc: &'a Document,
    copied: &'a mut BTreeMap<ObjectId, ObjectId>,
    /// Copied streams that had `/StructParents` (the key is taken off the copy).
    forms: &'a mut Vec<(ObjectId, i64)>,
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
            let mut copy = self.remap(out, object);
            if let Object::Stream(stream) = &mut copy {
                // The source's key means nothing in our ParentTree: the caller gives a fresh one.
                if let Some(key) = stream.dict.remove(b"StructParents") {
                    if let Ok(key) = key.as_i64() {
                        self.forms.push((new, key));
                    }
                }
            }
            out.objects.insert(new, copy);
        }
    }
}
