//! Document-level objects: link annotations, the nested outline, page labels, the catalog
//! entries (language, viewer preferences, page mode) and the Info dictionary.
//!
//! It deliberately writes no structure tree yet (issue 9 adds it from the marked-content lists
//! the content writer keeps) and reads no clock: dates come from [`crate::PdfOptions`].

use std::collections::BTreeMap;

use agendapack_doc::LinkTarget;
use agendapack_layout::{Anchor, LaidOut, LinkArea, OutlineEntry};
use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, StringFormat};

use crate::stream::text_string;
use crate::PdfOptions;

/// Where internal links and bookmarks can point.
pub(crate) struct Targets<'a> {
    pub page_ids: &'a [ObjectId],
    pub heights: Vec<f32>,
    anchors: BTreeMap<&'a str, &'a Anchor>,
}

impl<'a> Targets<'a> {
    pub fn new(doc: &'a LaidOut, page_ids: &'a [ObjectId]) -> Targets<'a> {
        let mut anchors = BTreeMap::new();
        for anchor in &doc.anchors {
            // The first anchor of a name wins, as in `LaidOut::anchor`.
            anchors.entry(anchor.name.as_str()).or_insert(anchor);
        }
        Targets { page_ids, heights: doc.pages.iter().map(|p| p.height).collect(), anchors }
    }

    /// `[page /XYZ null top null]`: the page scrolled to `y`, zoom unchanged.
    fn destination(&self, page: usize, y: f32) -> Option<Object> {
        let id = *self.page_ids.get(page)?;
        let top = (self.heights[page] - y).clamp(0.0, self.heights[page]);
        Some(Object::Array(vec![id.into(), "XYZ".into(), Object::Null, top.into(), Object::Null]))
    }
}

/// Link annotations for a page: no visible border, URI actions or GoTo destinations. Links
/// to anchors that do not exist are left out (the area simply is not clickable).
pub(crate) fn link_annotations(doc: &mut Document, page_height: f32, links: &[LinkArea], targets: &Targets) -> Vec<Object> {
    let mut annots = Vec::new();
    for link in links {
        let r = link.rect;
        let rect: Vec<Object> = vec![
            r.x.into(),
            (page_height - r.y - r.height).into(),
            (r.x + r.width).into(),
            (page_height - r.y).into(),
        ];
        let mut annot = dictionary! {
            "Type" => "Annot",
            "Subtype" => "Link",
            "Rect" => rect,
            "Border" => vec![0.into(), 0.into(), 0.into()],
        };
        match &link.target {
            LinkTarget::External(url) => {
                annot.set(
                    "A",
                    dictionary! {
                        "S" => "URI",
                        "URI" => Object::String(url.as_bytes().to_vec(), StringFormat::Literal),
                    },
                );
            }
            LinkTarget::Internal(name) => {
                let Some(dest) = targets.anchors.get(name.as_str()).and_then(|a| targets.destination(a.page, a.y)) else {
                    continue;
                };
                annot.set("Dest", dest);
            }
        }
        if !link.description.is_empty() {
            annot.set("Contents", text_string(&link.description));
        }
        annots.push(Object::Reference(doc.add_object(annot)));
    }
    annots
}

/// The nested outline: an entry's parent is the nearest earlier entry of a lower level.
/// All entries are open. Returns the outline root, or None when there are no entries.
pub(crate) fn outline(doc: &mut Document, entries: &[OutlineEntry], targets: &Targets) -> Option<ObjectId> {
    let entries: Vec<&OutlineEntry> = entries.iter().filter(|e| e.page < targets.page_ids.len()).collect();
    if entries.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    // parents[i]: index of the parent entry, None for top-level entries.
    let mut parents: Vec<Option<usize>> = Vec::with_capacity(entries.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        while stack.last().is_some_and(|&top| entries[top].level >= entry.level) {
            stack.pop();
        }
        parents.push(stack.last().copied());
        stack.push(i);
    }
    // Descendant counts, from the last entry back (children always come after parents).
    let mut descendants = vec![0i64; entries.len()];
    for i in (0..entries.len()).rev() {
        if let Some(p) = parents[i] {
            descendants[p] += 1 + descendants[i];
        }
    }
    // Children of each entry (None: the top level), in document order.
    let mut by_parent: BTreeMap<Option<usize>, Vec<usize>> = BTreeMap::new();
    for (i, parent) in parents.iter().enumerate() {
        by_parent.entry(*parent).or_default().push(i);
    }
    for (i, entry) in entries.iter().enumerate() {
        let parent_id = parents[i].map_or(root, |p| ids[p]);
        let siblings = &by_parent[&parents[i]];
        let position = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let mut item = dictionary! {
            "Title" => text_string(&entry.title),
            "Parent" => parent_id,
        };
        if let Some(dest) = targets.destination(entry.page, entry.y) {
            item.set("Dest", dest);
        }
        if position > 0 {
            item.set("Prev", ids[siblings[position - 1]]);
        }
        if let Some(&next) = siblings.get(position + 1) {
            item.set("Next", ids[next]);
        }
        if let Some(kids) = by_parent.get(&Some(i)) {
            item.set("First", ids[kids[0]]);
            item.set("Last", ids[kids[kids.len() - 1]]);
            item.set("Count", descendants[i]);
        }
        doc.objects.insert(ids[i], Object::Dictionary(item));
    }
    let top = &by_parent[&None];
    let mut root_dict = dictionary! { "Type" => "Outlines", "Count" => entries.len() as i64 };
    if let (Some(first), Some(last)) = (top.first(), top.last()) {
        root_dict.set("First", ids[*first]);
        root_dict.set("Last", ids[*last]);
    }
    doc.objects.insert(root, Object::Dictionary(root_dict));
    Some(root)
}

/// Adds the catalog entries and returns the catalog dictionary.
pub(crate) fn catalog(pages: ObjectId, outline: Option<ObjectId>, options: &PdfOptions) -> Dictionary {
    let mut catalog = dictionary! { "Type" => "Catalog", "Pages" => pages };
    if let Some(root) = outline {
        catalog.set("Outlines", root);
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    if !options.lang.is_empty() {
        catalog.set("Lang", text_string(&options.lang));
    }
    if options.page_labels {
        catalog.set("PageLabels", dictionary! { "Nums" => vec![0.into(), dictionary! { "S" => "D" }.into()] });
    }
    if options.display_doc_title {
        catalog.set("ViewerPreferences", dictionary! { "DisplayDocTitle" => true });
    }
    catalog
}

pub(crate) fn info(options: &PdfOptions) -> Dictionary {
    let mut info = Dictionary::new();
    for (key, value) in [("Title", &options.title), ("Author", &options.author), ("Subject", &options.subject)] {
        if !value.is_empty() {
            info.set(key, text_string(value));
        }
    }
    info.set("Producer", text_string("AgendaPack"));
    if let Some(date) = &options.creation_date {
        let date = Object::String(date.to_pdf_string().into_bytes(), StringFormat::Literal);
        info.set("CreationDate", date.clone());
        info.set("ModDate", date);
    }
    info
}
