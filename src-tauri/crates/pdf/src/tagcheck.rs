//! A checker for tagged PDF, public so that tests (ours and the app's) hold every pack to the
//! same rules: the machine-checkable part of PDF/UA-1 that our writer is responsible for, read
//! back from the bytes with lopdf, independent of how the file was written.
//!
//! Rules checked ([`check_tags`]):
//! - the catalog has `/MarkInfo << /Marked true >>`, a `/Lang`, `/ViewerPreferences
//!   << /DisplayDocTitle true >>`, a StructTreeRoot, and XMP metadata with `pdfuaid:part` 1;
//!   the Info dictionary has a `/Title`;
//! - every painting operator of every page's content is inside marked content with an MCID or
//!   inside an Artifact;
//! - every MCID in the content is referenced from the structure tree exactly once, and the tree
//!   references no MCID that the content lacks; the ParentTree maps each one back;
//! - numbered headings start at H1 and never skip a level, in reading order;
//! - every Figure has `/Alt` (or `/ActualText`); every Table has at least one TH;
//! - table cells' `/ColSpan` and `/RowSpan` (in `/A` with `/O /Table`) are whole numbers of
//!   at least 1, and with them every row of a table covers the same number of columns and
//!   no cell reaches below the table's last row (rows counted across THead, TBody, TFoot);
//! - every Link annotation has `/Contents` and a `/StructParent` that the ParentTree resolves.
//!
//! It deliberately does not check what needs judgement (is the alt text good, is the reading
//! order right), content inside form XObjects (drawing one that has its own `/StructParents`
//! counts as tagged content), or the rest of the Matterhorn protocol (fonts,
//! colour contrast...). Structure types are resolved through the RoleMap before checking.

use std::collections::{BTreeMap, BTreeSet};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// At most this many problems are listed (then one line saying how many more).
const MAX_PROBLEMS: usize = 60;

#[derive(Debug, thiserror::Error)]
pub enum TagCheckError {
    #[error("the file cannot be read as a PDF ({0}).")]
    Unreadable(String),
}

/// What the checker found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TagReport {
    /// One sentence per rule broken (capped); empty when the file passes.
    pub problems: Vec<String>,
    /// Levels of the numbered headings (H1..H6), in reading order.
    pub heading_levels: Vec<u8>,
    /// Structure elements reached from the root.
    pub elements: usize,
    /// Marked-content sequences with an MCID in the pages' content.
    pub marked_content: usize,
    /// Structure types found (after the RoleMap), with counts.
    pub types: BTreeMap<String, usize>,
    /// (columns, rows) of every table cell that spans more than one place, in reading order.
    pub spanning_cells: Vec<(i64, i64)>,
    /// `/Lang` values set on structure elements, with counts.
    pub languages: BTreeMap<String, usize>,
    /// The `/Alt` text of every Figure, in reading order.
    pub figure_alts: Vec<String>,
}

impl TagReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }

    fn problem(&mut self, text: String) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(text);
        } else if self.problems.len() == MAX_PROBLEMS {
            self.problems.push("(more problems not listed)".to_owned());
        }
    }
}

/// Checks `bytes` against the rules in the module documentation.
pub fn check_tags(bytes: &[u8]) -> Result<TagReport, TagCheckError> {
    let doc = Document::load_mem(bytes).map_err(|e| TagCheckError::Unreadable(e.to_string()))?;
    let mut report = TagReport::default();
    let catalog = doc.catalog().map_err(|e| TagCheckError::Unreadable(e.to_string()))?.clone();
    document_level(&doc, &catalog, &mut report);

    let pages: BTreeMap<u32, ObjectId> = doc.get_pages();
    let page_number: BTreeMap<ObjectId, u32> = pages.iter().map(|(n, id)| (*id, *n)).collect();
    // (page, MCID) found in the content.
    let mut in_content: BTreeSet<(ObjectId, i64)> = BTreeSet::new();
    for (&number, &page) in &pages {
        page_content(&doc, number, page, &mut in_content, &mut report);
    }
    report.marked_content = in_content.len();

    let Some(root) = catalog.get(b"StructTreeRoot").ok().and_then(|o| resolve(&doc, o).as_dict().ok()) else {
        report.problem("the catalog has no StructTreeRoot, so the file has no structure tree.".to_owned());
        return Ok(report);
    };
    let role_map = root.get(b"RoleMap").ok().and_then(|o| resolve(&doc, o).as_dict().ok()).cloned().unwrap_or_default();
    let mut parent_tree = BTreeMap::new();
    if let Ok(tree) = root.get(b"ParentTree") {
        number_tree(&doc, tree, &mut parent_tree);
    }
    let mut referenced: BTreeMap<(ObjectId, i64), usize> = BTreeMap::new();
    let mut annotations_in_tree: BTreeSet<ObjectId> = BTreeSet::new();
    walk_tree(&doc, root, &role_map, &page_number, &mut referenced, &mut annotations_in_tree, &mut report);

    for (page, mcid) in &in_content {
        match referenced.get(&(*page, *mcid)) {
            None => report.problem(format!("page {}: MCID {mcid} is not referenced from the structure tree.", page_number.get(page).copied().unwrap_or(0))),
            Some(&n) if n > 1 => report.problem(format!("page {}: MCID {mcid} is referenced {n} times from the structure tree.", page_number.get(page).copied().unwrap_or(0))),
            Some(_) => {}
        }
        if !parent_tree_maps(&doc, &parent_tree, *page, *mcid) {
            report.problem(format!("page {}: the ParentTree does not map MCID {mcid} back to an element.", page_number.get(page).copied().unwrap_or(0)));
        }
    }
    for (page, mcid) in referenced.keys() {
        if !in_content.contains(&(*page, *mcid)) {
            report.problem(format!("page {}: the structure tree references MCID {mcid}, which the content does not have.", page_number.get(page).copied().unwrap_or(0)));
        }
    }
    links(&doc, &pages, &parent_tree, &annotations_in_tree, &mut report);
    Ok(report)
}

fn resolve<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    match object {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(object),
        other => other,
    }
}

fn text(doc: &Document, object: Option<&Object>) -> String {
    match object.map(|o| resolve(doc, o)) {
        Some(Object::String(bytes, _)) => {
            if bytes.starts_with(&[0xFE, 0xFF]) {
                let units: Vec<u16> = bytes[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
                String::from_utf16_lossy(&units)
            } else {
                bytes.iter().map(|&b| b as char).collect()
            }
        }
        _ => String::new(),
    }
}

fn document_level(doc: &Document, catalog: &Dictionary, report: &mut TagReport) {
    let marked = catalog
        .get(b"MarkInfo")
        .ok()
        .and_then(|o| resolve(doc, o).as_dict().ok())
        .and_then(|d| d.get(b"Marked").ok())
        .and_then(|o| o.as_bool().ok());
    if marked != Some(true) {
        report.problem("the catalog lacks /MarkInfo << /Marked true >>.".to_owned());
    }
    if text(doc, catalog.get(b"Lang").ok()).trim().is_empty() {
        report.problem("the catalog has no /Lang, so readers cannot choose a voice.".to_owned());
    }
    let display_title = catalog
        .get(b"ViewerPreferences")
        .ok()
        .and_then(|o| resolve(doc, o).as_dict().ok())
        .and_then(|d| d.get(b"DisplayDocTitle").ok())
        .and_then(|o| o.as_bool().ok());
    if display_title != Some(true) {
        report.problem("the viewer preferences do not ask for the title to be displayed (DisplayDocTitle).".to_owned());
    }
    let info = doc.trailer.get(b"Info").ok().and_then(|o| resolve(doc, o).as_dict().ok());
    if text(doc, info.and_then(|i| i.get(b"Title").ok())).trim().is_empty() {
        report.problem("the document has no title in its Info dictionary.".to_owned());
    }
    let xmp = catalog
        .get(b"Metadata")
        .ok()
        .and_then(|o| resolve(doc, o).as_stream().ok())
        .map(|s| s.decompressed_content().unwrap_or_else(|_| s.content.clone()));
    let declares_ua = xmp.as_deref().is_some_and(|x| {
        let x = String::from_utf8_lossy(x);
        x.contains("<pdfuaid:part>1</pdfuaid:part>") || x.contains("pdfuaid:part=\"1\"")
    });
    if !declares_ua {
        report.problem("the XMP metadata does not identify the file as PDF/UA-1 (pdfuaid:part).".to_owned());
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Marked {
    Artifact,
    Mcid,
    Other,
}

const PAINTING: [&str; 16] = ["Tj", "TJ", "'", "\"", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh", "EI"];

fn page_content(doc: &Document, number: u32, page: ObjectId, found: &mut BTreeSet<(ObjectId, i64)>, report: &mut TagReport) {
    let bytes = doc.get_page_content(page);
    let content = match Content::decode(&bytes) {
        Ok(c) => c,
        Err(e) => {
            report.problem(format!("page {number}: the content cannot be parsed ({e})."));
            return;
        }
    };
    let properties = page_properties(doc, page);
    let tagged_forms = tagged_forms(doc, page);
    let mut stack: Vec<Marked> = Vec::new();
    let mut unmarked = 0usize;
    let mut first_unmarked = String::new();
    for op in &content.operations {
        match op.operator.as_str() {
            "BMC" => {
                let artifact = op.operands.first().and_then(|o| o.as_name().ok()) == Some(&b"Artifact"[..]);
                stack.push(if artifact { Marked::Artifact } else { Marked::Other });
            }
            "BDC" => {
                let tag = op.operands.first().and_then(|o| o.as_name().ok());
                let props = match op.operands.get(1) {
                    Some(Object::Dictionary(d)) => Some(d.clone()),
                    Some(Object::Name(name)) => properties.as_ref().and_then(|p| p.get(name).ok()).and_then(|o| resolve(doc, o).as_dict().ok()).cloned(),
                    _ => None,
                };
                let mcid = props.as_ref().and_then(|p| p.get(b"MCID").ok()).and_then(|o| o.as_i64().ok());
                if tag == Some(&b"Artifact"[..]) {
                    stack.push(Marked::Artifact);
                } else if let Some(mcid) = mcid {
                    if !found.insert((page, mcid)) {
                        report.problem(format!("page {number}: MCID {mcid} is used twice in the content."));
                    }
                    stack.push(Marked::Mcid);
                } else {
                    stack.push(Marked::Other);
                }
            }
            "EMC" => {
                if stack.pop().is_none() {
                    report.problem(format!("page {number}: EMC without a matching BMC/BDC."));
                }
            }
            // A form XObject with its own `/StructParents` carries its tags inside.
            "Do" if op.operands.first().and_then(|o| o.as_name().ok()).is_some_and(|n| tagged_forms.contains(n)) => {}
            op_name if PAINTING.contains(&op_name) => {
                if !stack.iter().any(|m| matches!(m, Marked::Artifact | Marked::Mcid)) {
                    unmarked += 1;
                    if first_unmarked.is_empty() {
                        first_unmarked = op_name.to_owned();
                    }
                }
            }
            _ => {}
        }
    }
    if !stack.is_empty() {
        report.problem(format!("page {number}: {} marked-content sequences are not closed.", stack.len()));
    }
    if unmarked > 0 {
        report.problem(format!(
            "page {number}: {unmarked} painting operators (the first a {first_unmarked}) are neither tagged content nor an Artifact."
        ));
    }
}

/// The page's `/Properties` resources (named marked-content property lists).
fn page_properties(doc: &Document, page: ObjectId) -> Option<Dictionary> {
    let resources = crate::attachment::inherited(doc, page, b"Resources")?;
    let resources = resolve(doc, resources).as_dict().ok()?;
    resolve(doc, resources.get(b"Properties").ok()?).as_dict().ok().cloned()
}

/// The names of the page's form XObjects that have `/StructParents` (tagged inside).
fn tagged_forms(doc: &Document, page: ObjectId) -> BTreeSet<Vec<u8>> {
    let resources = crate::attachment::inherited(doc, page, b"Resources").and_then(|r| resolve(doc, r).as_dict().ok());
    let Some(xobjects) = resources.and_then(|r| r.get(b"XObject").ok()).and_then(|x| resolve(doc, x).as_dict().ok()) else {
        return BTreeSet::new();
    };
    xobjects
        .iter()
        .filter(|(_, x)| matches!(resolve(doc, x), Object::Stream(s) if s.dict.has(b"StructParents")))
        .map(|(name, _)| name.clone())
        .collect()
}

/// The standard type of an element's `/S`, through the RoleMap (a few hops at most).
fn standard_type(s: &[u8], role_map: &Dictionary) -> Vec<u8> {
    let mut current = s.to_vec();
    for _ in 0..8 {
        match role_map.get(&current).and_then(Object::as_name) {
            Ok(next) if next != current.as_slice() => current = next.to_vec(),
            _ => break,
        }
    }
    current
}

/// Depth-first walk of the structure tree in reading order: MCIDs, OBJRs, heading levels,
/// Figure alt text and table header cells.
fn walk_tree(
    doc: &Document,
    root: &Dictionary,
    role_map: &Dictionary,
    page_number: &BTreeMap<ObjectId, u32>,
    referenced: &mut BTreeMap<(ObjectId, i64), usize>,
    annotations: &mut BTreeSet<ObjectId>,
    report: &mut TagReport,
) {
    // (object, page inherited from the parent, enclosing table index)
    let mut stack: Vec<(Object, Option<ObjectId>)> = kids_of(root).into_iter().rev().map(|k| (k, None)).collect();
    let mut visited: BTreeSet<ObjectId> = BTreeSet::new();
    let mut last_heading = 0u8;
    let mut tables: Vec<(ObjectId, bool)> = Vec::new();
    let mut table_of: BTreeMap<ObjectId, usize> = BTreeMap::new();
    let mut parent_of: BTreeMap<ObjectId, ObjectId> = BTreeMap::new();
    let mut budget = 5_000_000usize;
    while let Some((kid, page)) = stack.pop() {
        budget = budget.saturating_sub(1);
        if budget == 0 {
            report.problem("the structure tree is too large to check.".to_owned());
            return;
        }
        let (id, object) = match &kid {
            Object::Reference(id) => {
                if !visited.insert(*id) {
                    continue;
                }
                (Some(*id), doc.get_object(*id).unwrap_or(&Object::Null))
            }
            other => (None, other),
        };
        match object {
            Object::Integer(mcid) => match page {
                Some(p) => *referenced.entry((p, *mcid)).or_default() += 1,
                None => report.problem(format!("MCID {mcid} is referenced by an element without a page (/Pg).")),
            },
            Object::Dictionary(dict) => {
                let kind = dict.get(b"Type").and_then(Object::as_name).ok();
                if kind == Some(&b"MCR"[..]) {
                    if dict.has(b"Stm") {
                        continue; // content of a form XObject: not checked here
                    }
                    let pg = dict.get(b"Pg").and_then(Object::as_reference).ok().or(page);
                    match (pg, dict.get(b"MCID").and_then(Object::as_i64)) {
                        (Some(p), Ok(mcid)) => *referenced.entry((p, mcid)).or_default() += 1,
                        _ => report.problem("a marked-content reference has no page or no MCID.".to_owned()),
                    }
                    continue;
                }
                if kind == Some(&b"OBJR"[..]) {
                    if let Ok(obj) = dict.get(b"Obj").and_then(Object::as_reference) {
                        annotations.insert(obj);
                    }
                    continue;
                }
                let Ok(s) = dict.get(b"S").and_then(Object::as_name) else {
                    report.problem("a structure element has no type (/S).".to_owned());
                    continue;
                };
                report.elements += 1;
                let standard = standard_type(s, role_map);
                *report.types.entry(String::from_utf8_lossy(&standard).into_owned()).or_default() += 1;
                let lang = text(doc, dict.get(b"Lang").ok());
                if !lang.trim().is_empty() {
                    *report.languages.entry(lang.trim().to_owned()).or_default() += 1;
                }
                if standard == b"TD" || standard == b"TH" {
                    let (cols, rows) = cell_span(doc, dict);
                    if cols != 1 || rows != 1 {
                        report.spanning_cells.push((cols, rows));
                    }
                }
                let own_page = dict.get(b"Pg").and_then(Object::as_reference).ok().or(page);
                if let Some(level) = heading_level(&standard) {
                    if level > last_heading + 1 {
                        report.problem(format!("heading H{level} follows H{last_heading}, skipping a level."));
                    }
                    last_heading = level;
                    report.heading_levels.push(level);
                }
                if standard == b"Figure" {
                    let alt = text(doc, dict.get(b"Alt").ok());
                    report.figure_alts.push(alt.clone());
                    let actual = text(doc, dict.get(b"ActualText").ok());
                    if alt.trim().is_empty() && actual.trim().is_empty() {
                        let on = own_page.and_then(|p| page_number.get(&p)).copied().unwrap_or(0);
                        report.problem(format!("a Figure on page {on} has no alternative text (/Alt)."));
                    }
                }
                if let Some(id) = id {
                    // The nearest enclosing table, through the parents seen so far.
                    let mut up = parent_of.get(&id).copied();
                    let mut enclosing = None;
                    while let Some(p) = up {
                        if let Some(&t) = table_of.get(&p) {
                            enclosing = Some(t);
                            break;
                        }
                        up = parent_of.get(&p).copied();
                    }
                    if standard == b"Table" {
                        tables.push((id, false));
                        table_of.insert(id, tables.len() - 1);
                    } else if let Some(t) = enclosing {
                        table_of.insert(id, t);
                        if standard == b"TH" {
                            tables[t].1 = true;
                        }
                    }
                    for kid in kids_of(dict) {
                        if let Object::Reference(k) = kid {
                            parent_of.entry(k).or_insert(id);
                        }
                    }
                }
                for kid in kids_of(dict).into_iter().rev() {
                    stack.push((kid, own_page));
                }
            }
            _ => {}
        }
    }
    for (id, has_th) in tables {
        if !has_th {
            report.problem(format!("the table (object {}) has no header cells (TH).", id.0));
        }
        if let Ok(table) = doc.get_dictionary(id) {
            table_grid(doc, id, table, role_map, report);
        }
    }
}

/// A cell's (ColSpan, RowSpan) from its table attributes (1 when absent).
fn cell_span(doc: &Document, cell: &Dictionary) -> (i64, i64) {
    let mut span = (1, 1);
    let attributes = match cell.get(b"A").map(|o| resolve(doc, o)) {
        Ok(Object::Array(list)) => list.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => Vec::new(),
    };
    for attribute in &attributes {
        let Ok(a) = resolve(doc, attribute).as_dict() else { continue };
        if a.get(b"O").and_then(Object::as_name).ok() != Some(&b"Table"[..]) {
            continue;
        }
        if let Ok(n) = a.get(b"ColSpan").and_then(Object::as_i64) {
            span.0 = n;
        }
        if let Ok(n) = a.get(b"RowSpan").and_then(Object::as_i64) {
            span.1 = n;
        }
    }
    span
}

/// Checks that a table's spans tile a rectangle: each row covers the same number of columns
/// (places covered by cells spanning rows from above included) and no cell reaches below
/// the last row.
fn table_grid(doc: &Document, id: ObjectId, table: &Dictionary, role_map: &Dictionary, report: &mut TagReport) {
    // The table's rows in order, through THead / TBody / TFoot.
    let mut rows: Vec<Dictionary> = Vec::new();
    let mut pending: Vec<Object> = kids_of(table).into_iter().rev().collect();
    while let Some(kid) = pending.pop() {
        let Ok(dict) = resolve(doc, &kid).as_dict() else { continue };
        let Ok(s) = dict.get(b"S").and_then(Object::as_name) else { continue };
        match standard_type(s, role_map).as_slice() {
            b"TR" => rows.push(dict.clone()),
            b"THead" | b"TBody" | b"TFoot" => pending.extend(kids_of(dict).into_iter().rev()),
            _ => {}
        }
        if rows.len() > 100_000 {
            return;
        }
    }
    // Per column: how many more rows a cell from above still covers.
    let mut covered: Vec<i64> = Vec::new();
    let mut widths = BTreeSet::new();
    for row in &rows {
        let mut width = covered.iter().filter(|&&n| n > 0).count() as i64;
        let mut col = 0usize;
        for kid in kids_of(row) {
            let Ok(cell) = resolve(doc, &kid).as_dict() else { continue };
            let Ok(s) = cell.get(b"S").and_then(Object::as_name) else { continue };
            if !matches!(standard_type(s, role_map).as_slice(), b"TD" | b"TH") {
                continue;
            }
            let (cols, down) = cell_span(doc, cell);
            if !(1..=10_000).contains(&cols) || !(1..=100_000).contains(&down) {
                report.problem(format!("a cell of the table (object {}) has ColSpan {cols} and RowSpan {down}; both must be whole numbers of at least 1.", id.0));
                return;
            }
            while covered.get(col).is_some_and(|&n| n > 0) {
                col += 1;
            }
            let end = col + cols as usize;
            if covered.len() < end {
                covered.resize(end, 0);
            }
            covered[col..end].iter_mut().for_each(|n| *n = down);
            width += cols;
            col = end;
        }
        widths.insert(width);
        covered.iter_mut().for_each(|n| *n = (*n - 1).max(0));
    }
    if widths.len() > 1 {
        let list: Vec<String> = widths.iter().map(i64::to_string).collect();
        report.problem(format!("the rows of the table (object {}) cover different numbers of columns ({}), so its spans do not fit together.", id.0, list.join(", ")));
    }
    if covered.iter().any(|&n| n > 0) {
        report.problem(format!("a cell of the table (object {}) spans rows below the table's last row.", id.0));
    }
}

fn heading_level(standard: &[u8]) -> Option<u8> {
    match standard {
        [b'H', d @ b'1'..=b'6'] => Some(d - b'0'),
        _ => None,
    }
}

fn kids_of(dict: &Dictionary) -> Vec<Object> {
    match dict.get(b"K") {
        Ok(Object::Array(items)) => items.clone(),
        Ok(Object::Null) | Err(_) => Vec::new(),
        Ok(other) => vec![other.clone()],
    }
}

fn number_tree(doc: &Document, node: &Object, out: &mut BTreeMap<i64, Object>) {
    let mut pending = vec![node.clone()];
    let mut budget = 100_000;
    while let Some(node) = pending.pop() {
        budget -= 1;
        if budget == 0 {
            return;
        }
        let Ok(dict) = resolve(doc, &node).as_dict() else { continue };
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

fn parent_tree_maps(doc: &Document, tree: &BTreeMap<i64, Object>, page: ObjectId, mcid: i64) -> bool {
    let Some(key) = doc.get_dictionary(page).ok().and_then(|d| d.get(b"StructParents").ok()).and_then(|o| o.as_i64().ok()) else {
        return false;
    };
    let Some(entry) = tree.get(&key) else { return false };
    let Ok(array) = resolve(doc, entry).as_array() else { return false };
    usize::try_from(mcid).ok().and_then(|m| array.get(m)).is_some_and(|o| matches!(o, Object::Reference(_)))
}

fn links(
    doc: &Document,
    pages: &BTreeMap<u32, ObjectId>,
    tree: &BTreeMap<i64, Object>,
    in_tree: &BTreeSet<ObjectId>,
    report: &mut TagReport,
) {
    for (&number, &page) in pages {
        let Ok(dict) = doc.get_dictionary(page) else { continue };
        let annots = match dict.get(b"Annots").map(|o| resolve(doc, o)) {
            Ok(Object::Array(a)) => a.clone(),
            _ => continue,
        };
        for annot in annots {
            let id = annot.as_reference().ok();
            let Ok(a) = resolve(doc, &annot).as_dict() else { continue };
            if a.get(b"Subtype").and_then(Object::as_name).ok() != Some(&b"Link"[..]) {
                continue;
            }
            if text(doc, a.get(b"Contents").ok()).trim().is_empty() {
                report.problem(format!("page {number}: a link annotation has no /Contents."));
            }
            match a.get(b"StructParent").and_then(Object::as_i64) {
                Ok(key) if tree.get(&key).is_some_and(|o| matches!(o, Object::Reference(_))) => {}
                Ok(key) => report.problem(format!("page {number}: a link annotation's StructParent {key} is not in the ParentTree.")),
                Err(_) => report.problem(format!("page {number}: a link annotation has no /StructParent.")),
            }
            if id.is_some_and(|id| !in_tree.contains(&id)) {
                report.problem(format!("page {number}: a link annotation is not referenced by an OBJR in the structure tree."));
            }
        }
    }
}
