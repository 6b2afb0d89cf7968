//! Document-level objects: link annotations, the nested outline, page labels, the catalog
//! entries (language, viewer preferences, page mode) and the Info dictionary.
//!
//! Also the tagged-PDF entries of the catalog (`/MarkInfo`, `/StructTreeRoot`) and the XMP
//! metadata that declares PDF/UA-1. The structure tree itself is [`crate::tags`]. Nothing here
//! reads a clock: dates come from [`crate::PdfOptions`].

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

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
    /// The URI action and `/Contents` string of each external link, written once and
    /// referenced by all its annotations (one per line it spans), keyed by the layout's shared
    /// target: a long link costs its length once, not once per line.
    shared: RefCell<HashMap<usize, (ObjectId, ObjectId)>>,
}

impl<'a> Targets<'a> {
    pub fn new(doc: &'a LaidOut, page_ids: &'a [ObjectId]) -> Targets<'a> {
        let mut anchors = BTreeMap::new();
        for anchor in &doc.anchors {
            // The first anchor of a name wins, as in `LaidOut::anchor`.
            anchors.entry(anchor.name.as_str()).or_insert(anchor);
        }
        Targets { page_ids, heights: doc.pages.iter().map(|p| p.height).collect(), anchors, shared: RefCell::new(HashMap::new()) }
    }

    /// `[page /XYZ null top null]`: the page scrolled to `y`, zoom unchanged.
    fn destination(&self, page: usize, y: f32) -> Option<Object> {
        let id = *self.page_ids.get(page)?;
        let top = (self.heights[page] - y).clamp(0.0, self.heights[page]);
        Some(Object::Array(vec![id.into(), "XYZ".into(), Object::Null, top.into(), Object::Null]))
    }
}

/// Link annotations for a page: no visible border, URI actions or GoTo destinations, each
/// with `/Contents` (the link text, else where it goes) for assistive technology. Links
/// to anchors that do not exist are left out (the area simply is not clickable). Returns each
/// annotation with the structure node of its link text.
pub(crate) fn link_annotations(doc: &mut Document, page_height: f32, links: &[LinkArea], targets: &Targets) -> Vec<(ObjectId, Option<u32>)> {
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
        match &*link.target {
            LinkTarget::External(url) => {
                let key = Arc::as_ptr(&link.target) as usize;
                let mut shared = targets.shared.borrow_mut();
                let (action, contents) = *shared.entry(key).or_insert_with(|| {
                    let action = doc.add_object(dictionary! {
                        "S" => "URI",
                        "URI" => Object::String(url.as_bytes().to_vec(), StringFormat::Literal),
                    });
                    (action, doc.add_object(contents(link)))
                });
                annot.set("A", action);
                annot.set("Contents", contents);
            }
            LinkTarget::Internal(name) => {
                let Some(dest) = targets.anchors.get(name.as_str()).and_then(|a| targets.destination(a.page, a.y)) else {
                    continue;
                };
                annot.set("Dest", dest);
                annot.set("Contents", contents(link));
            }
        }
        annots.push((doc.add_object(annot), link.node));
    }
    annots
}

/// An annotation's `/Contents`: the link text, else where it goes.
fn contents(link: &LinkArea) -> Object {
    let description = link.description.trim();
    match &*link.target {
        _ if !description.is_empty() => text_string(description),
        LinkTarget::External(url) => text_string(url),
        LinkTarget::Internal(_) => text_string("Link to another page of this document"),
    }
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
pub(crate) fn catalog(pages: ObjectId, outline: Option<ObjectId>, tags: Tagging, options: &PdfOptions) -> Dictionary {
    let mut catalog = dictionary! { "Type" => "Catalog", "Pages" => pages };
    catalog.set("StructTreeRoot", tags.struct_tree_root);
    catalog.set("MarkInfo", dictionary! { "Marked" => true });
    catalog.set("Metadata", tags.metadata);
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

/// The tagged-PDF objects the catalog points at.
pub(crate) struct Tagging {
    pub struct_tree_root: ObjectId,
    pub metadata: ObjectId,
}

/// The XMP metadata stream: title, author, subject, language, dates and the PDF/UA-1
/// identification (`pdfuaid:part`). Uncompressed, as PDF/A and PDF/UA readers expect to find it.
pub(crate) fn xmp_metadata(options: &PdfOptions) -> lopdf::Stream {
    let mut xml = String::with_capacity(1024);
    xml.push_str("<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n");
    xml.push_str("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    xml.push_str("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n");
    xml.push_str("<pdfuaid:part>1</pdfuaid:part>\n");
    if !options.title.is_empty() {
        xml.push_str(&format!("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:title>\n", xml_escape(&options.title)));
    }
    if !options.author.is_empty() {
        xml.push_str(&format!("<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>\n", xml_escape(&options.author)));
    }
    if !options.subject.is_empty() {
        xml.push_str(&format!("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>\n", xml_escape(&options.subject)));
    }
    if !options.lang.is_empty() {
        xml.push_str(&format!("<dc:language><rdf:Bag><rdf:li>{}</rdf:li></rdf:Bag></dc:language>\n", xml_escape(&options.lang)));
    }
    xml.push_str("<pdf:Producer>AgendaPack</pdf:Producer>\n");
    if let Some(d) = &options.creation_date {
        let date = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            d.year.min(9999),
            d.month.clamp(1, 12),
            d.day.clamp(1, 31),
            d.hour.min(23),
            d.minute.min(59),
            d.second.min(59)
        );
        xml.push_str(&format!("<xmp:CreateDate>{date}</xmp:CreateDate>\n<xmp:ModifyDate>{date}</xmp:ModifyDate>\n"));
    }
    xml.push_str("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    let dict = dictionary! { "Type" => "Metadata", "Subtype" => "XML" };
    lopdf::Stream::new(dict, xml.into_bytes()).with_compression(false)
}

fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
