//! The agenda as a document tree: "AGENDA", then the numbered items with their standing texts,
//! "(Pages a - b)" for items with papers (each a link to the paper's first page), the Private
//! Business heading with its standing paragraph, and restricted items with their access
//! statement.
//!
//! Page ranges are an input: the pagination fixpoint lays the agenda out again whenever they
//! change. Entries come from the plan, already reduced to what the edition may show, so nothing
//! restricted is ever printed here in the public edition.
//!
//! Laid out, the agenda is tagged as a table of contents ([`tag_as_contents`]): each list of
//! entries is a TOC, each entry a TOCI.
//!
//! Deliberately not here: where the papers land (see `paginate`).

use agendapack_layout::{LaidOut, StructKind};
use agendapack_doc::{Block, Document, Inline, LinkTarget, List, ListItem, ListKind, Text, TextStyle};
use agendapack_model::{ItemKind, MeetingBundle};

use crate::plan::{AgendaEntry, PackPlan};
use crate::text::{heading, markdown, para, plain_date};

/// First and last page of each item's papers, indexed like `PackPlan::items`; None while not
/// yet known (a narrow placeholder is printed, so the agenda can only grow when the real
/// numbers arrive: see the termination argument in `paginate`).
pub type PageRanges = Vec<Option<(usize, usize)>>;

/// "(Pages 3 - 7)", or "(Page 9)" for a one-page paper.
pub fn pages_label(range: Option<(usize, usize)>) -> String {
    match range {
        Some((a, b)) if a == b => format!("(Page {a})"),
        Some((a, b)) => format!("(Pages {a} - {b})"),
        None => "(Page 1)".into(),
    }
}

/// The main pack's agenda.
pub fn agenda(bundle: &MeetingBundle, plan: &PackPlan, ranges: &PageRanges, warnings: &mut Vec<String>) -> Document {
    let mut blocks = vec![heading(1, vec![Inline::plain("AGENDA")])];
    blocks.extend(entries_blocks(bundle, plan, ranges, warnings));
    Document { title: format!("Agenda: {}", bundle.committee.name), blocks, footnotes: Vec::new() }
}

/// The agenda's entries, as the main agenda and the supplement's front sheet print them.
pub fn entries_blocks(bundle: &MeetingBundle, plan: &PackPlan, ranges: &PageRanges, warnings: &mut Vec<String>) -> Vec<Block> {
    let texts = crate::standing::standing_texts(bundle);
    let mut blocks = Vec::new();
    let mut list: Vec<ListItem> = Vec::new();
    let mut in_private = false;
    for (position, entry) in plan.agenda.iter().enumerate() {
        if entry.kind == ItemKind::PrivateBusinessHeading {
            flush(&mut blocks, &mut list);
            in_private = true;
            blocks.push(heading(2, vec![Inline::plain(entry.title.clone())]));
            blocks.extend(markdown(&texts.private_business, "standing text (private business)", warnings));
            // "No such items" only when the private section holds no business at all (the
            // fixed-wording lines do not count), whatever the items' access.
            let has_private_items = plan.agenda[position + 1..]
                .iter()
                .any(|e| agendapack_model::access::must_be_restricted_in_private_section(e.kind));
            if !has_private_items {
                blocks.push(para(vec![Inline::Text(Text {
                    text: texts.no_private_business.clone(),
                    style: TextStyle { bold: true, italic: true, ..TextStyle::default() },
                    link: None,
                })]));
            }
            continue;
        }
        list.push(entry_item(bundle, plan, entry, ranges, in_private, warnings));
    }
    flush(&mut blocks, &mut list);
    blocks
}

/// Retags the laid-out agenda as a table of contents: a list at the top of the document
/// becomes a TOC, its items TOCIs, and what an item's body held (its paragraphs, with the
/// "(Pages a - b)" link) hangs directly under the TOCI, since a TOCI holds a label and
/// paragraphs but no list body.
pub fn tag_as_contents(laid: &mut LaidOut) {
    let structure = &mut laid.structure;
    let is_root = |p: Option<u32>, s: &[agendapack_layout::StructNode]| {
        p.and_then(|p| s.get(p as usize)).is_some_and(|n| n.parent.is_none())
    };
    for i in 0..structure.len() {
        let parent = structure[i].parent;
        let parent_kind = parent.and_then(|p| structure.get(p as usize)).map(|n| n.kind.clone());
        match (&structure[i].kind, parent_kind) {
            (StructKind::List, _) if is_root(parent, structure) => structure[i].kind = StructKind::Toc,
            (StructKind::ListItem, Some(StructKind::Toc)) => structure[i].kind = StructKind::TocItem,
            // Nodes come after their parents, so the body's parent is already a TOCI here.
            (StructKind::ListBody, Some(StructKind::TocItem)) => {}
            (_, Some(StructKind::ListBody)) => {
                let body = parent.and_then(|p| structure.get(p as usize)).and_then(|b| b.parent);
                if body.and_then(|b| structure.get(b as usize)).is_some_and(|b| b.kind == StructKind::TocItem) {
                    structure[i].parent = body;
                }
            }
            _ => {}
        }
    }
}

fn flush(blocks: &mut Vec<Block>, list: &mut Vec<ListItem>) {
    if !list.is_empty() {
        blocks.push(Block::List(List { kind: ListKind::Plain, items: std::mem::take(list) }));
    }
}

/// What an entry's line says: the title, or the council's standing wording for the items
/// whose wording is a setting.
fn entry_title(bundle: &MeetingBundle, entry: &AgendaEntry, in_private: bool) -> String {
    let texts = crate::standing::standing_texts(bundle);
    match entry.kind {
        ItemKind::Minutes => match &bundle.previous {
            Some(previous) => format!(
                "{} - {} {}",
                entry.title,
                texts.minutes_confirmation,
                plain_date(previous.meeting.date())
            ),
            None => entry.title.clone(),
        },
        ItemKind::UrgentBusiness if entry.statement.is_none() => {
            if in_private { texts.urgent_exempt_items.clone() } else { texts.urgent_public_items.clone() }
        }
        ItemKind::ExclusionResolution => texts.exclusion_resolution.clone(),
        _ => entry.title.clone(),
    }
}

fn entry_item(
    bundle: &MeetingBundle,
    plan: &PackPlan,
    entry: &AgendaEntry,
    ranges: &PageRanges,
    in_private: bool,
    warnings: &mut Vec<String>,
) -> ListItem {
    let title = entry_title(bundle, entry, in_private);
    let bold = TextStyle { bold: true, ..TextStyle::default() };
    let mut line = Vec::new();
    match entry.papers {
        Some(index) => {
            // The page range is the link to the papers' first page: it reads as a reference
            // (as "(Pages 3 - 7)" does on paper) while the title stays plain bold text.
            let target = plan.items.get(index).map(|i| LinkTarget::Internal(i.anchor.clone()));
            let range = ranges.get(index).copied().flatten();
            line.push(Inline::Text(Text { text: format!("{title} "), style: bold, link: None }));
            line.push(Inline::Text(Text { text: pages_label(range), style: bold, link: target }));
        }
        None => line.push(Inline::Text(Text { text: title, style: bold, link: None })),
    }
    let mut blocks = vec![para(line)];
    if let Some(statement) = &entry.statement {
        blocks.push(para(vec![Inline::italic(statement.clone())]));
    }
    if !entry.description.trim().is_empty() {
        let context = format!("agenda item {}", entry.number.map(|n| n.to_string()).unwrap_or_default());
        blocks.extend(markdown(&crate::standing::fill(&entry.description, bundle), &context, warnings));
    }
    ListItem { label: entry.number.map(|n| format!("{n}.")), blocks }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{plan, Edition, PackOptions};
    use crate::testdata::{bundle_with_exempt_item, small_bundle};
    use agendapack_doc::plain_text;

    /// Every line of text in the blocks, depth first, with its link target.
    fn lines(blocks: &[Block], out: &mut Vec<(String, Option<LinkTarget>)>) {
        for block in blocks {
            match block {
                Block::Paragraph(p) => {
                    let link = p.content.iter().find_map(|i| match i {
                        Inline::Text(t) => t.link.clone(),
                        _ => None,
                    });
                    out.push((plain_text(&p.content), link));
                }
                Block::Heading(h) => out.push((plain_text(&h.content), None)),
                Block::List(l) => {
                    for item in &l.items {
                        out.push((item.label.clone().unwrap_or_default(), None));
                        lines(&item.blocks, out);
                    }
                }
                _ => {}
            }
        }
    }

    fn agenda_lines(bundle: &MeetingBundle, options: &PackOptions, ranges: &PageRanges) -> Vec<(String, Option<LinkTarget>)> {
        let plan = plan(bundle, options);
        let mut warnings = Vec::new();
        let doc = agenda(bundle, &plan, ranges, &mut warnings);
        let mut out = Vec::new();
        lines(&doc.blocks, &mut out);
        out
    }

    #[test]
    fn agenda_prints_ranges_and_links_items_with_papers() {
        let bundle = small_bundle();
        let ranges = vec![Some((3, 7)), Some((9, 23)), Some((25, 25))];
        let lines = agenda_lines(&bundle, &PackOptions::default(), &ranges);
        let find = |needle: &str| lines.iter().find(|(l, _)| l.contains(needle)).cloned();
        let (minutes, link) = find("Minutes - To confirm").expect("the minutes entry is printed");
        assert_eq!(
            minutes, "Minutes - To confirm as correct the minutes of the meeting held on 4 November 2020 (Pages 3 - 7)",
            "seed 001's wording"
        );
        assert_eq!(link, Some(LinkTarget::Internal("item-3".into())), "the entry links to the minutes");
        assert!(find("(Pages 9 - 23)").is_some(), "the report's range: {lines:?}");
        assert!(find("Work Programme (Page 25)").is_some(), "a one-page paper: {lines:?}");
        assert!(find("There are no such items").is_some(), "no private items in this meeting: {lines:?}");
        assert!(find("In accordance with the Council").is_some(), "declarations standing text");
        assert!(find("resolution to exclude the public").is_some(), "the exclusion resolution's standing text");
    }

    #[test]
    fn exempt_item_is_listed_with_its_statement_but_public_title() {
        let bundle = bundle_with_exempt_item("ZQXJ-SECRET-7731");
        let lines = agenda_lines(&bundle, &PackOptions::default(), &vec![None; 3]);
        assert!(lines.iter().all(|(l, _)| !l.contains("ZQXJ")), "the marker is not on the public agenda: {lines:?}");
        assert!(lines.iter().any(|(l, _)| l == "Disposal of a council property"), "the public title is: {lines:?}");
        assert!(
            lines.iter().any(|(l, _)| l == "Exempt: paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972"),
            "with its statement: {lines:?}"
        );
        assert!(lines.iter().all(|(l, _)| !l.contains("There are no such items")), "there is a private item now");
        let full = agenda_lines(&bundle, &PackOptions { edition: Edition::Full, ..PackOptions::default() }, &vec![None; 4]);
        assert!(full.iter().any(|(l, _)| l.contains("Sale of ZQXJ-SECRET-7731 House (Page 1)")), "full edition: {full:?}");
    }
}
