//! The logical structure of a tagged PDF (PDF/UA-1): layout's [`StructNode`] list becomes the
//! structure tree (`/StructTreeRoot`, one `/StructElem` per node), with the `/ParentTree` that
//! maps every page's marked content and every link annotation back to its element.
//!
//! Two phases, because page content needs the structure types before the tree can be written:
//! [`Plan::new`] decides, from the laid-out pages alone, which nodes are kept and which type each
//! one gets; the content writer then marks content with those types; [`Tree::write`] finally
//! assembles the elements from the marked-content lists the content writer returned.
//!
//! Decisions made here, and why:
//! - **Heading levels are renumbered** in reading order so that they never skip a level (a
//!   report that starts at `###` still reads H1, H2...): numbered headings must nest for
//!   PDF/UA, and authors' Markdown often does not. The printed size is untouched. Each section
//!   (a pack's front document or paper) starts its own count with H1, so a paper's levels do
//!   not depend on the paper before it, and the levels a paper drawn ahead of the rest of the
//!   pack ([`crate::draw_ahead`]) was marked with are those its section gets in the whole tree.
//! - **Empty nodes are dropped** (a heading or paragraph that produced no glyphs), except
//!   table structure: an empty cell still holds its place in its row and column.
//! - **Kids are ordered by first appearance in the content**, so text before, inside and after
//!   a link reads in that order; nodes without content go next to their siblings by index.
//! - A link area without a node (none in layout's output, possible in hand-made pages) still
//!   gets a Link element of its own under the root, so every annotation is tagged.
//!
//! It deliberately does not check the result (see [`crate::tagcheck`]) and knows nothing about
//! grafted appendix trees beyond the elements [`crate::import`] hands it.

use std::collections::BTreeMap;

use agendapack_layout::{CellSpan, LaidOut, Placed, Role, StructKind, StructNode};
use lopdf::{dictionary, Dictionary, Document, Object, ObjectId};
use rayon::prelude::*;

use crate::save;
use crate::stream::text_string;

const HEADINGS: [&[u8]; 6] = [b"H1", b"H2", b"H3", b"H4", b"H5", b"H6"];

/// Which nodes are kept and the structure type of each.
pub(crate) struct Plan {
    /// Per node: its structure type, or None when the node is dropped.
    types: Vec<Option<&'static [u8]>>,
    /// Per node: its parent among kept nodes (None for roots).
    parents: Vec<Option<u32>>,
}

impl Plan {
    pub fn new(doc: &LaidOut) -> Plan {
        let nodes = &doc.structure;
        let n = nodes.len();
        // A parent must come before its child: that rules out cycles in any input.
        let parents: Vec<Option<u32>> =
            nodes.iter().enumerate().map(|(i, node)| node.parent.filter(|&p| (p as usize) < i)).collect();
        let mut has_content = vec![false; n];
        let mut mark = |node: Option<u32>| {
            if let Some(i) = node.filter(|&i| (i as usize) < n) {
                has_content[i as usize] = true;
            }
        };
        for page in &doc.pages {
            for node in content_nodes(&page.items) {
                mark(Some(node));
            }
            for link in &page.links {
                mark(link.node);
            }
            if let Some(imported) = &page.imported {
                mark(imported.parent);
            }
            for &node in page.drawn.iter().flat_map(|d| &d.nodes) {
                mark(Some(node));
            }
        }
        // Children come after parents, so one backward pass carries content up the tree.
        for i in (0..n).rev() {
            if let (true, Some(p)) = (has_content[i], parents[i]) {
                has_content[p as usize] = true;
            }
        }
        let mut types: Vec<Option<&'static [u8]>> = nodes
            .iter()
            .zip(&has_content)
            .map(|(node, &content)| (content || is_table_part(&node.kind)).then(|| base_type(&node.kind)))
            .collect();
        // A kept node under a dropped parent would dangle: drop it too (parents come first).
        for i in 0..n {
            if let Some(p) = parents[i] {
                if types[p as usize].is_none() {
                    types[i] = None;
                }
            }
        }
        renumber_headings(nodes, &parents, &mut types);
        Plan { types, parents }
    }

    /// The structure type content of `node` is marked with; None when the content must be an
    /// artifact (no node, an unknown node, or a dropped one).
    pub fn type_of(&self, node: Option<u32>) -> Option<&'static [u8]> {
        self.types.get(node? as usize).copied().flatten()
    }
}

/// The structure nodes that `items` give content to: those of every item that is not an
/// artifact (the one rule for a plan made from items and for a page drawn ahead).
pub(crate) fn content_nodes(items: &[Placed]) -> impl Iterator<Item = u32> + '_ {
    items.iter().map(Placed::tag).filter(|tag| tag.role != Role::Artifact).filter_map(|tag| tag.node)
}

fn is_table_part(kind: &StructKind) -> bool {
    matches!(
        kind,
        StructKind::Table
            | StructKind::TableHead
            | StructKind::TableBody
            | StructKind::TableRow
            | StructKind::TableHeaderCell(_)
            | StructKind::TableCell(_)
    )
}

fn base_type(kind: &StructKind) -> &'static [u8] {
    match kind {
        StructKind::Document => b"Document",
        StructKind::Section { .. } => b"Sect",
        StructKind::Heading(level) => HEADINGS[(level.clamp(&1, &6) - 1) as usize],
        StructKind::Paragraph => b"P",
        StructKind::List => b"L",
        StructKind::ListItem => b"LI",
        StructKind::ListLabel => b"Lbl",
        StructKind::ListBody => b"LBody",
        StructKind::Table => b"Table",
        StructKind::TableHead => b"THead",
        StructKind::TableBody => b"TBody",
        StructKind::TableRow => b"TR",
        StructKind::TableHeaderCell(_) => b"TH",
        StructKind::TableCell(_) => b"TD",
        StructKind::Figure { .. } => b"Figure",
        StructKind::Quote => b"BlockQuote",
        StructKind::Code => b"Code",
        StructKind::Note => b"Note",
        StructKind::Link => b"Link",
        StructKind::Toc => b"TOC",
        StructKind::TocItem => b"TOCI",
        StructKind::Division | StructKind::LangDivision { .. } => b"Div",
        StructKind::Span { .. } => b"Span",
    }
}

/// Gives kept headings levels that never skip one, in reading order (depth first, children by
/// index): a heading one step deeper than the previous one printed is one level deeper, a
/// heading at or above an earlier level closes the levels below it, and a section starts
/// afresh.
fn renumber_headings(nodes: &[StructNode], parents: &[Option<u32>], types: &mut [Option<&'static [u8]>]) {
    let mut children: Vec<Vec<u32>> = vec![Vec::new(); nodes.len()];
    let mut roots = Vec::new();
    for (i, parent) in parents.iter().enumerate() {
        match parent {
            Some(p) => children[*p as usize].push(i as u32),
            None => roots.push(i as u32),
        }
    }
    // Printed levels of the open headings, outermost first.
    let mut open: Vec<u8> = Vec::new();
    let mut stack: Vec<u32> = roots.into_iter().rev().collect();
    while let Some(i) = stack.pop() {
        let i = i as usize;
        if types[i].is_none() {
            continue;
        }
        if let StructKind::Section { .. } = nodes[i].kind {
            open.clear();
        }
        if let StructKind::Heading(printed) = nodes[i].kind {
            while open.last().is_some_and(|&top| top >= printed) {
                open.pop();
            }
            open.push(printed);
            types[i] = Some(HEADINGS[open.len().min(6) - 1]);
        }
        stack.extend(children[i].iter().rev());
    }
}

/// A page's entry of the ParentTree: our marked content (MCID, node), or an array made elsewhere.
enum PageKey<'a> {
    Ours(&'a [(u32, u32)]),
    Other(Object),
}

/// One kid of a structure element, in reading order.
#[derive(Debug, Clone)]
enum Kid {
    Node(u32),
    /// Marked content `mcid` on page `page`.
    Content { page: usize, mcid: u32 },
    /// A link annotation.
    Annotation { page: usize, annot: ObjectId },
    /// An element of a grafted appendix tree (already in the output).
    /// (Boxed: an `Object` is over a hundred bytes, and a pack has tens of thousands of kids.)
    Grafted(Box<Object>),
    /// The whole content of page `page`, an untagged page `number` of an attached PDF,
    /// marked as one Figure with MCID 0.
    Untagged { page: usize, number: usize },
}

/// Structure elements serialised together by one thread ([`Tree::write`]).
const ELEMENTS_PER_RUN: usize = 2048;

/// The structure tree being assembled.
pub(crate) struct Tree<'a> {
    plan: &'a Plan,
    nodes: &'a [StructNode],
    kids: Vec<Vec<Kid>>,
    /// Whether any kid is [`Kid::Untagged`] (rare: only untagged attached PDFs).
    has_untagged: bool,
    attached: Vec<bool>,
    /// ParentTree: page key → MCID-indexed elements, annotation key → element.
    page_entries: BTreeMap<usize, Vec<(u32, u32)>>,
    /// Grafted entries: page index → the source's (remapped) array for that page.
    grafted_pages: BTreeMap<usize, Object>,
    /// Grafted annotations: (output annotation, remapped element).
    grafted_annots: Vec<(ObjectId, Object)>,
    /// Grafted form XObjects: (output stream, the source's remapped array for it).
    grafted_forms: Vec<(ObjectId, Object)>,
    /// Our link annotations: (annotation, node or None for a loose link).
    annots: Vec<(ObjectId, Option<u32>, usize)>,
    role_map: Dictionary,
    class_map: Dictionary,
}

impl<'a> Tree<'a> {
    pub fn new(plan: &'a Plan, nodes: &'a [StructNode]) -> Tree<'a> {
        let n = nodes.len();
        Tree {
            plan,
            nodes,
            kids: vec![Vec::new(); n],
            has_untagged: false,
            attached: vec![false; n],
            page_entries: BTreeMap::new(),
            grafted_pages: BTreeMap::new(),
            grafted_annots: Vec::new(),
            grafted_forms: Vec::new(),
            annots: Vec::new(),
            role_map: Dictionary::new(),
            class_map: Dictionary::new(),
        }
    }

    fn kept(&self, node: u32) -> bool {
        self.plan.type_of(Some(node)).is_some()
    }

    /// Makes `node` a kid of its parent (and so on up), the first time it is reached.
    fn attach(&mut self, node: u32) {
        let mut current = node;
        while !self.attached[current as usize] {
            self.attached[current as usize] = true;
            match self.plan.parents[current as usize] {
                Some(parent) => {
                    self.kids[parent as usize].push(Kid::Node(current));
                    current = parent;
                }
                None => break,
            }
        }
    }

    /// Records page `page`'s marked content, in content order.
    pub fn add_marks(&mut self, page: usize, marks: &[crate::content::MarkedContent]) {
        for mark in marks {
            if !self.kept(mark.node) {
                continue;
            }
            self.kids[mark.node as usize].push(Kid::Content { page, mcid: mark.mcid });
            self.attach(mark.node);
            self.page_entries.entry(page).or_default().push((mark.mcid, mark.node));
        }
    }

    /// Records a link annotation of page `page` made for the link area of `node`.
    pub fn add_link(&mut self, page: usize, annot: ObjectId, node: Option<u32>) {
        match node.filter(|&n| self.kept(n)) {
            Some(n) => {
                self.kids[n as usize].push(Kid::Annotation { page, annot });
                self.attach(n);
                self.annots.push((annot, Some(n), page));
            }
            None => {
                self.annots.push((annot, None, page));
            }
        }
    }

    /// Hangs the top elements of a grafted appendix tree under `node`.
    pub fn add_grafted(&mut self, node: Option<u32>, tops: Vec<Object>, role_map: Dictionary, class_map: Dictionary) {
        let Some(n) = node.filter(|&n| self.kept(n)) else { return };
        self.kids[n as usize].extend(tops.into_iter().map(|top| Kid::Grafted(Box::new(top))));
        self.attach(n);
        for (key, value) in role_map.into_iter() {
            if !self.role_map.has(&key) {
                self.role_map.set(key, value);
            }
        }
        for (key, value) in class_map.into_iter() {
            if !self.class_map.has(&key) {
                self.class_map.set(key, value);
            }
        }
    }

    /// An imported page of an untagged PDF (page `number` of it), under `node`.
    pub fn add_untagged(&mut self, page: usize, node: Option<u32>, number: usize) {
        let Some(n) = node.filter(|&n| self.kept(n)) else { return };
        self.kids[n as usize].push(Kid::Untagged { page, number });
        self.has_untagged = true;
        self.attach(n);
    }

    /// A grafted page's ParentTree entry (the source's, remapped).
    pub fn add_grafted_page(&mut self, page: usize, entry: Object) {
        self.grafted_pages.insert(page, entry);
    }

    pub fn add_grafted_annotation(&mut self, annot: ObjectId, entry: Object) {
        self.grafted_annots.push((annot, entry));
    }

    /// A grafted form XObject's ParentTree entry (the source's, remapped).
    pub fn add_grafted_form(&mut self, form: ObjectId, entry: Object) {
        self.grafted_forms.push((form, entry));
    }

    /// Serialises element `i` into `buf`; false when it is not written (no structure type).
    fn element(
        &self,
        i: usize,
        root_id: ObjectId,
        elem_ids: &[Option<ObjectId>],
        page_ids: &[ObjectId],
        figures: &BTreeMap<(usize, usize), ObjectId>,
        buf: &mut Vec<u8>,
    ) -> bool {
        let Some(kind) = self.plan.type_of(Some(i as u32)) else { return false };
        let parent = self.plan.parents[i].and_then(|p| elem_ids[p as usize]).unwrap_or(root_id);
        let first_page = self.kids[i].iter().find_map(|k| match k {
            Kid::Content { page, .. } | Kid::Annotation { page, .. } | Kid::Untagged { page, .. } => Some(*page),
            _ => None,
        });
        buf.clear();
        buf.extend_from_slice(b"<</Type/StructElem/S");
        save::write_name(buf, kind);
        push_ref(buf, b"/P ", parent);
        if let Some(page) = first_page {
            push_ref(buf, b"/Pg ", page_ids[page]);
        }
        if !self.kids[i].is_empty() {
            buf.extend_from_slice(b"/K[");
            for (k, kid) in self.kids[i].iter().enumerate() {
                match kid {
                    Kid::Node(child) => match elem_ids[*child as usize] {
                        Some(id) => push_ref(buf, b"", id),
                        None => continue,
                    },
                    Kid::Content { page, mcid } if Some(*page) == first_page => {
                        crate::stream::push_uint(buf, u64::from(*mcid));
                    }
                    Kid::Content { page, mcid } => {
                        push_ref(buf, b"<</Type/MCR/Pg ", page_ids[*page]);
                        buf.extend_from_slice(b"/MCID ");
                        crate::stream::push_uint(buf, u64::from(*mcid));
                        buf.extend_from_slice(b">>");
                    }
                    Kid::Annotation { page, annot } => {
                        push_ref(buf, b"<</Type/OBJR/Pg ", page_ids[*page]);
                        push_ref(buf, b"/Obj ", *annot);
                        buf.extend_from_slice(b">>");
                    }
                    Kid::Grafted(object) => save::write_object(buf, object),
                    Kid::Untagged { .. } => match figures.get(&(i, k)) {
                        Some(&figure) => push_ref(buf, b"", figure),
                        None => continue,
                    },
                }
                buf.push(b' ');
            }
            buf.push(b']');
        }
        match &self.nodes[i].kind {
            StructKind::Section { title } if !title.trim().is_empty() => {
                buf.extend_from_slice(b"/T ");
                save::write_object(buf, &text_string(title.trim()));
            }
            StructKind::Figure { alt } => {
                buf.extend_from_slice(b"/Alt ");
                save::write_object(buf, &text_string(alt.trim()));
            }
            // Header rows are column headers: THead holds them (layout's only header cells).
            StructKind::TableHeaderCell(span) => {
                buf.extend_from_slice(b"/A<</O/Table/Scope/Column");
                push_spans(buf, *span);
                buf.extend_from_slice(b">>");
            }
            StructKind::TableCell(span) if *span != CellSpan::ONE => {
                buf.extend_from_slice(b"/A<</O/Table");
                push_spans(buf, *span);
                buf.extend_from_slice(b">>");
            }
            StructKind::LangDivision { lang } | StructKind::Span { lang } => {
                buf.extend_from_slice(b"/Lang ");
                save::write_object(buf, &text_string(lang));
            }
            _ => {}
        }
        buf.extend_from_slice(b">>");
        true
    }

    /// Writes the tree into `out`: elements, ParentTree, `/StructParents` on pages and
    /// `/StructParent` on annotations, the root as `root_id`.
    /// Elements go into `raw` already serialised (object number → bytes), the rest into `out`.
    pub fn write(
        mut self,
        out: &mut Document,
        raw: &mut save::RawObjects,
        root_id: ObjectId,
        elem_ids: &[Option<ObjectId>],
        page_ids: &[ObjectId],
    ) {
        let n = self.nodes.len();
        // Kept nodes that no content reached go next to their siblings, by index.
        for i in 0..n {
            if self.attached[i] || !self.kept(i as u32) {
                continue;
            }
            self.attached[i] = true;
            if let Some(parent) = self.plan.parents[i] {
                let siblings = &mut self.kids[parent as usize];
                let at = siblings.iter().position(|k| matches!(k, Kid::Node(s) if *s as usize > i)).unwrap_or(siblings.len());
                siblings.insert(at, Kid::Node(i as u32));
            }
        }
        let roots: Vec<u32> = (0..n as u32).filter(|&i| self.kept(i) && self.plan.parents[i as usize].is_none()).collect();
        let first_root = roots.first().copied();
        let mut top: Vec<Object> = roots.iter().filter_map(|&r| elem_ids[r as usize]).map(Object::Reference).collect();
        let mut untagged_pages: Vec<(usize, ObjectId)> = Vec::new();

        // Link areas without a node get a Link element of their own, under the first root.
        let mut loose: BTreeMap<ObjectId, ObjectId> = BTreeMap::new();
        for &(annot, node, page) in &self.annots {
            if node.is_some() {
                continue;
            }
            let parent = first_root.and_then(|r| elem_ids[r as usize]).unwrap_or(root_id);
            let id = out.add_object(dictionary! {
                "Type" => "StructElem",
                "S" => "Link",
                "P" => parent,
                "Pg" => page_ids[page],
                "K" => vec![Object::Dictionary(dictionary! { "Type" => "OBJR", "Pg" => page_ids[page], "Obj" => annot })],
            });
            loose.insert(annot, id);
            match first_root {
                Some(r) => self.kids[r as usize].push(Kid::Grafted(Box::new(Object::Reference(id)))),
                None => top.push(Object::Reference(id)),
            }
        }

        // The Figures standing for the pages of untagged attached PDFs are made first, in
        // element order, so that their object numbers do not depend on the threads below.
        let mut figures: BTreeMap<(usize, usize), ObjectId> = BTreeMap::new();
        if self.has_untagged {
            for i in 0..n {
                let (Some(id), Some(_)) = (elem_ids[i], self.plan.type_of(Some(i as u32))) else { continue };
                for (k, kid) in self.kids[i].iter().enumerate() {
                    let Kid::Untagged { page, number } = kid else { continue };
                    let title = match &self.nodes[i].kind {
                        StructKind::Section { title } if !title.trim().is_empty() => title.trim().to_owned(),
                        _ => "an attached PDF".to_owned(),
                    };
                    let alt = format!("Page {number} of {title}: the attached PDF has no tags, so its text cannot be read out here.");
                    let figure = out.add_object(dictionary! {
                        "Type" => "StructElem",
                        "S" => "Figure",
                        "P" => id,
                        "Pg" => page_ids[*page],
                        "K" => 0,
                        "Alt" => text_string(&alt),
                    });
                    untagged_pages.push((*page, figure));
                    figures.insert((i, k), figure);
                }
            }
        }
        // Elements are written straight to bytes: building thousands of lopdf dictionaries
        // only to serialise and drop them was most of the tagging cost. A pack has tens of
        // thousands, serialised in fixed runs on as many threads as there are and joined in
        // order: the same bytes on any number of threads.
        let this = &self;
        let runs: Vec<save::RawObjects> = (0..n.div_ceil(ELEMENTS_PER_RUN))
            .into_par_iter()
            .map(|run| {
                let mut part = save::RawObjects::default();
                let mut buf: Vec<u8> = Vec::with_capacity(256);
                for i in run * ELEMENTS_PER_RUN..n.min((run + 1) * ELEMENTS_PER_RUN) {
                    if let Some(id) = elem_ids[i] {
                        if this.element(i, root_id, elem_ids, page_ids, &figures, &mut buf) {
                            part.push(id.0, &buf);
                        }
                    }
                }
                part
            })
            .collect();
        for part in runs {
            raw.append(part);
        }
        let mut buf: Vec<u8> = Vec::with_capacity(256);
        // ParentTree: pages keyed by page index, annotations after them. Written straight to
        // bytes too: one entry per MCID of every page.
        // A page's own marks win over a grafted appendix page's array, which wins over the
        // Figure of an untagged one.
        let mut page_keys: BTreeMap<usize, PageKey> =
            self.page_entries.iter().map(|(&page, entries)| (page, PageKey::Ours(entries))).collect();
        for (page, entry) in std::mem::take(&mut self.grafted_pages) {
            page_keys.entry(page).or_insert(PageKey::Other(entry));
        }
        for (page, figure) in untagged_pages {
            page_keys.entry(page).or_insert(PageKey::Other(Object::Array(vec![Object::Reference(figure)])));
        }
        buf.clear();
        buf.extend_from_slice(b"<</Nums[");
        for (page, entry) in page_keys {
            crate::stream::push_uint(&mut buf, page as u64);
            match entry {
                PageKey::Ours(entries) => {
                    let len = entries.iter().map(|(m, _)| *m as usize + 1).max().unwrap_or(0);
                    let mut array: Vec<Option<ObjectId>> = vec![None; len];
                    for (mcid, node) in entries {
                        array[*mcid as usize] = elem_ids[*node as usize];
                    }
                    buf.extend_from_slice(b"[");
                    for (k, entry) in array.iter().enumerate() {
                        match entry {
                            Some(id) => push_ref(&mut buf, if k > 0 { b" " } else { b"" }, *id),
                            None => buf.extend_from_slice(if k > 0 { b" null" } else { b"null" }),
                        }
                    }
                    buf.extend_from_slice(b"]");
                }
                PageKey::Other(object) => {
                    buf.push(b' ');
                    save::write_object(&mut buf, &object);
                }
            }
            buf.push(b' ');
            set_key(out, page_ids[page], b"StructParents", page as i64);
        }
        let mut key = page_ids.len() as i64;
        let mut entry = |buf: &mut Vec<u8>, out: &mut Document, object: ObjectId, name: &[u8], value: &Object| {
            crate::stream::push_int(buf, key);
            buf.push(b' ');
            save::write_object(buf, value);
            buf.push(b' ');
            set_key(out, object, name, key);
            key += 1;
        };
        for (annot, node, _) in std::mem::take(&mut self.annots) {
            let Some(elem) = node.and_then(|n| elem_ids[n as usize]).or_else(|| loose.get(&annot).copied()) else { continue };
            entry(&mut buf, out, annot, b"StructParent", &Object::Reference(elem));
        }
        for (annot, value) in std::mem::take(&mut self.grafted_annots) {
            entry(&mut buf, out, annot, b"StructParent", &value);
        }
        for (form, value) in std::mem::take(&mut self.grafted_forms) {
            entry(&mut buf, out, form, b"StructParents", &value);
        }
        buf.extend_from_slice(b"]>>");
        let parent_tree = out.new_object_id();
        raw.push(parent_tree.0, &buf);
        let mut root = dictionary! {
            "Type" => "StructTreeRoot",
            "K" => top,
            "ParentTree" => parent_tree,
            "ParentTreeNextKey" => key,
        };
        if !self.role_map.is_empty() {
            root.set("RoleMap", self.role_map);
        }
        if !self.class_map.is_empty() {
            root.set("ClassMap", self.class_map);
        }
        out.objects.insert(root_id, Object::Dictionary(root));
        // A list per element: freed off the build's path.
        crate::memory::drop_later((std::mem::take(&mut self.kids), std::mem::take(&mut self.attached)));
    }
}

/// `/ColSpan n` and `/RowSpan n` of a table cell, each only when more than 1 (the default).
fn push_spans(buf: &mut Vec<u8>, span: CellSpan) {
    for (key, n) in [(&b"/ColSpan "[..], span.cols), (&b"/RowSpan "[..], span.rows)] {
        if n > 1 {
            buf.extend_from_slice(key);
            crate::stream::push_uint(buf, u64::from(n));
        }
    }
}

/// `prefix` then ` n g R`-style reference bytes.
fn push_ref(buf: &mut Vec<u8>, prefix: &[u8], (id, generation): ObjectId) {
    buf.extend_from_slice(prefix);
    crate::stream::push_uint(buf, u64::from(id));
    buf.push(b' ');
    crate::stream::push_uint(buf, u64::from(generation));
    buf.extend_from_slice(b" R");
}

/// Sets an integer entry on a dictionary (or stream) object of the output.
fn set_key(out: &mut Document, id: ObjectId, key: &[u8], value: i64) {
    match out.objects.get_mut(&id) {
        Some(Object::Dictionary(dict)) => dict.set(key.to_vec(), value),
        Some(Object::Stream(stream)) => stream.dict.set(key.to_vec(), value),
        _ => {}
    }
}
