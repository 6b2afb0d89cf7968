//! The pack plan: which documents a meeting's pack contains, in what order, for which edition.
//!
//! This is where the edition rules are applied, once: a restricted (exempt or confidential)
//! item, report or appendix contributes papers to the full edition only; in the public edition
//! it keeps its agenda entry (public title and access statement) and nothing else. Every later
//! stage works from the plan, so restricted text never even reaches layout in the public
//! edition (and so cannot leak into font subsets, outline or link names).
//!
//! The plan is also the last guard of the private section's rule
//! ([`agendapack_model::open_in_private_section`]): the store refuses open business below the
//! Private Business heading, but should such an item reach a build anyway it is treated as
//! restricted (left out of the public edition) and warned about, as are an exempt item whose
//! paragraph is not chosen and a restricted item above the heading.
//!
//! Deliberately not here: document trees (see the generated-document modules), page numbers
//! (see `paginate`), anything about PDF.

use agendapack_model::access::{must_be_restricted_in_private_section, paragraph_not_chosen};
use agendapack_model::{open_in_private_section, Access, AgendaItem, AppendixContent, ItemKind, MeetingBundle};

/// Which readers a pack is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Edition {
    /// The published pack: restricted papers left out entirely.
    #[default]
    Public,
    /// For members and officers: everything, restricted pages marked "NOT FOR PUBLICATION".
    Full,
}

/// How to build a pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PackOptions {
    /// Public or full edition.
    pub edition: Edition,
    /// Build the supplementary agenda (only items marked supplementary, pages numbered from 1
    /// after its own front sheet) instead of the main pack.
    pub supplement: bool,
    /// Mark every page "DRAFT".
    pub draft: bool,
}

/// The ordered contents of a pack.
#[derive(Debug, Clone, PartialEq)]
pub struct PackPlan {
    /// The documents before the papers: notice of meeting, agenda, fixed pages (main pack), or
    /// the supplement's combined front sheet and agenda.
    pub front: Vec<FrontDocument>,
    /// What the agenda prints, in order.
    pub agenda: Vec<AgendaEntry>,
    /// The papers of each agenda item that has any, in agenda order.
    pub items: Vec<ItemPapers>,
    pub edition: Edition,
    pub supplement: bool,
    /// Access problems found while planning (the pack is still built, safely).
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontDocument {
    Notice,
    Agenda,
    FixedPages,
    /// The supplementary agenda's front sheet with its list of items.
    SupplementSheet,
}

/// One line (or heading) of the agenda, already reduced to what the edition may show.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaEntry {
    /// Index into `MeetingBundle::items`.
    pub item: usize,
    pub number: Option<u32>,
    /// The title this edition may print (the public title of a restricted item in the public
    /// edition).
    pub title: String,
    pub kind: ItemKind,
    /// Markdown printed under the title; empty for restricted items in the public edition.
    pub description: String,
    /// The access statement of a restricted item ("Exempt: paragraph 3 of ...").
    pub statement: Option<String>,
    /// Index into `PackPlan::items` when the entry has papers in this edition.
    pub papers: Option<usize>,
}

/// The papers of one agenda item.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemPapers {
    /// Index into `MeetingBundle::items`.
    pub item: usize,
    pub number: Option<u32>,
    /// The title for the outline ("3. Minutes").
    pub title: String,
    /// Neutral link target name ("item-3"): never derived from a title, so nothing restricted
    /// can leak through link names.
    pub anchor: String,
    pub papers: Vec<Paper>,
}

/// One document of an item's papers. Each starts on an odd page.
#[derive(Debug, Clone, PartialEq)]
pub struct Paper {
    pub kind: PaperKind,
    /// The access that applies to the paper's pages (the stricter of item and appendix).
    pub access: Access,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaperKind {
    /// The previous meeting's minutes.
    Minutes,
    /// A report's cover sheet and body.
    Report,
    /// A report's appendix: `index` into `Report::appendices`, `number` as printed
    /// ("Appendix 2"), which stays the report's own numbering even when others are left out.
    Appendix { index: usize, number: usize, pdf: bool },
    /// The committee's work programme table.
    WorkProgramme,
}

impl Paper {
    /// Every paper starts on an odd (recto) page: the pack's one layout rule for papers.
    pub fn starts_on_odd_page(&self) -> bool {
        true
    }
}

/// Plans a pack. Pure: the same bundle and options give the same plan.
pub fn plan(bundle: &MeetingBundle, options: &PackOptions) -> PackPlan {
    let full = options.edition == Edition::Full;
    let mut agenda = Vec::new();
    let mut items = Vec::new();
    let open_in_private = open_in_private_section(bundle.items.iter().map(|i| (i.kind, &i.access)));
    let warnings = access_warnings(bundle, &open_in_private);
    for (index, item) in bundle.items.iter().enumerate() {
        if options.supplement && !item.supplementary {
            continue;
        }
        let misplaced = open_in_private.contains(&index);
        let restricted = item.access.is_restricted() || misplaced;
        let shows_private = full || !restricted;
        // A misplaced open item's pages are marked like any restricted paper's in the full edition.
        let access = if misplaced { Access::Exempt { paragraphs: Vec::new(), public_title: None } } else { item.access.clone() };
        let papers = if shows_private { papers_of(bundle, item, &access, full) } else { Vec::new() };
        let title = if shows_private { item.title.clone() } else { item.public_title().to_string() };
        let papers_index = (!papers.is_empty()).then(|| {
            items.push(ItemPapers {
                item: index,
                number: item.number,
                title: match item.number {
                    Some(n) => format!("{n}. {title}"),
                    None => title.clone(),
                },
                anchor: format!("item-{}", index + 1),
                papers,
            });
            items.len() - 1
        });
        agenda.push(AgendaEntry {
            item: index,
            number: item.number,
            title,
            kind: item.kind,
            description: if shows_private { item.description.clone() } else { String::new() },
            statement: if misplaced { Some(WITHHELD.to_string()) } else { item.access.statement() },
            papers: papers_index,
        });
    }
    let front = if options.supplement {
        vec![FrontDocument::SupplementSheet]
    } else if bundle.council.fixed_pages.as_deref().is_some_and(|p| !p.trim().is_empty()) {
        vec![FrontDocument::Notice, FrontDocument::Agenda, FrontDocument::FixedPages]
    } else {
        vec![FrontDocument::Notice, FrontDocument::Agenda]
    };
    PackPlan { front, agenda, items, edition: options.edition, supplement: options.supplement, warnings }
}

/// What the agenda says of an open item found below Private Business: its papers are withheld.
const WITHHELD: &str = "Not for publication: taken in private session (access not yet set)";

/// The build warnings about access: open business in the private section (withheld), an
/// exempt item with no paragraph chosen, and a restricted item above the heading (allowed:
/// listed with its paragraph, papers left out of the public edition).
fn access_warnings(bundle: &MeetingBundle, open_in_private: &[usize]) -> Vec<String> {
    let heading = bundle.items.iter().position(|i| i.kind == ItemKind::PrivateBusinessHeading);
    let mut warnings = Vec::new();
    for (index, item) in bundle.items.iter().enumerate() {
        let name = match item.number {
            Some(n) => format!("item {n} \"{}\"", short(&item.title)),
            None => format!("\"{}\"", short(&item.title)),
        };
        if open_in_private.contains(&index) {
            warnings.push(format!(
                "{}; it was left out of the public edition",
                agendapack_model::access::open_in_private_section_message(item.number, &item.title)
            ));
        } else if paragraph_not_chosen(&item.access) {
            warnings.push(format!(
                "{name} is exempt but no Schedule 12A paragraph is chosen: choose its paragraph(s) (it was left out of the public edition)"
            ));
        }
        let above_heading = heading.is_none_or(|h| index < h);
        if above_heading && item.access.is_restricted() && must_be_restricted_in_private_section(item.kind) {
            warnings.push(format!(
                "{name} is {} but sits above Private Business: it is listed with its access and its papers are left out of the public edition; move it below the heading if it is to be taken in private",
                if matches!(item.access, Access::Confidential { .. }) { "confidential" } else { "exempt" }
            ));
        }
    }
    warnings
}

/// At most 40 characters of a title, for a warning.
fn short(title: &str) -> String {
    match title.char_indices().nth(40) {
        Some((cut, _)) => format!("{}...", &title[..cut]),
        None => title.to_string(),
    }
}

/// The papers an item contributes when its own access allows it in this edition.
fn papers_of(bundle: &MeetingBundle, item: &AgendaItem, access: &Access, full: bool) -> Vec<Paper> {
    let item_access = access.clone();
    match item.kind {
        ItemKind::Minutes if bundle.previous.is_some() => {
            vec![Paper { kind: PaperKind::Minutes, access: item_access }]
        }
        ItemKind::WorkProgramme if !bundle.work_programme.is_empty() => {
            vec![Paper { kind: PaperKind::WorkProgramme, access: item_access }]
        }
        ItemKind::Report => {
            let Some(report) = &item.report else { return Vec::new() };
            let mut papers = vec![Paper { kind: PaperKind::Report, access: item_access.clone() }];
            for (index, appendix) in report.appendices.iter().enumerate() {
                if appendix.access.is_restricted() && !full {
                    continue;
                }
                // A restricted appendix of an open report carries the appendix's own statement;
                // an appendix of a restricted report carries the report's.
                let access = if appendix.access.is_restricted() { appendix.access.clone() } else { item_access.clone() };
                let pdf = matches!(appendix.content, AppendixContent::Pdf { .. });
                papers.push(Paper { kind: PaperKind::Appendix { index, number: index + 1, pdf }, access });
            }
            papers
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{bundle_with_exempt_item, small_bundle};

    #[test]
    fn main_pack_orders_notice_agenda_then_papers() {
        let bundle = small_bundle();
        let plan = plan(&bundle, &PackOptions::default());
        assert_eq!(plan.front, vec![FrontDocument::Notice, FrontDocument::Agenda], "no fixed pages in this council");
        let numbers: Vec<_> = plan.items.iter().map(|i| i.number).collect();
        assert_eq!(numbers, vec![Some(3), Some(4), Some(5)], "minutes, report and work programme have papers");
        let report = &plan.items[1];
        assert_eq!(report.papers.len(), 3, "a report with two appendices gives three documents");
        assert!(report.papers.iter().all(Paper::starts_on_odd_page), "every paper starts on an odd page");
        assert_eq!(report.anchor, "item-4", "anchors are neutral names from the item's position");
    }

    #[test]
    fn public_edition_keeps_only_the_agenda_entry_of_an_exempt_item() {
        let bundle = bundle_with_exempt_item("ZQXJ-SECRET-7731");
        let public = plan(&bundle, &PackOptions::default());
        let entry = public.agenda.iter().find(|e| e.statement.is_some()).expect("the exempt item is on the agenda");
        assert_eq!(entry.papers, None, "no papers for an exempt item in the public edition");
        assert!(!entry.title.contains("ZQXJ"), "the public title replaces the sensitive one: {}", entry.title);
        assert!(entry.description.is_empty(), "the description may be sensitive");
        assert!(
            public.items.iter().all(|i| !i.title.contains("ZQXJ")),
            "no outline title carries the marker"
        );
        let full = plan(&bundle, &PackOptions { edition: Edition::Full, ..PackOptions::default() });
        let entry = full.agenda.iter().find(|e| e.statement.is_some()).expect("listed in full too");
        assert!(entry.papers.is_some() && entry.title.contains("ZQXJ"), "the full edition has the real title and papers");
    }

    #[test]
    fn public_edition_drops_an_exempt_appendix_of_an_open_report() {
        let mut bundle = small_bundle();
        let report = bundle.items[3].report.as_mut().expect("item 4 is a report");
        report.appendices[1].access = agendapack_model::Access::Exempt {
            paragraphs: vec![agendapack_model::ExemptParagraph::new(3).expect("paragraph 3 exists")],
            public_title: None,
        };
        let public = plan(&bundle, &PackOptions::default());
        let kinds: Vec<_> = public.items[1].papers.iter().map(|p| p.kind.clone()).collect();
        assert_eq!(
            kinds,
            vec![PaperKind::Report, PaperKind::Appendix { index: 0, number: 1, pdf: false }],
            "only the open appendix remains, keeping its number"
        );
        let full = plan(&bundle, &PackOptions { edition: Edition::Full, ..PackOptions::default() });
        assert!(full.items[1].papers[2].access.is_restricted(), "the exempt appendix is marked in the full edition");
        assert!(!full.items[1].papers[1].access.is_restricted(), "the open appendix stays open");
    }

    #[test]
    fn supplement_lists_only_supplementary_items_with_their_numbers() {
        let mut bundle = small_bundle();
        bundle.items[3].supplementary = true;
        let plan = plan(&bundle, &PackOptions { supplement: true, ..PackOptions::default() });
        assert_eq!(plan.front, vec![FrontDocument::SupplementSheet], "the supplement has its own front sheet");
        assert_eq!(plan.agenda.len(), 1, "only the supplementary item is listed");
        assert_eq!(plan.agenda[0].number, Some(4), "the item keeps its original number");
    }

    #[test]
    fn an_open_item_below_private_business_is_withheld_from_the_public_edition_and_warned() {
        let mut bundle = bundle_with_exempt_item("ZQXJ-SECRET-7731");
        let private = bundle.items.iter().position(|i| i.access.is_restricted()).expect("the exempt item");
        bundle.items[private].access = Access::Public;
        let public = plan(&bundle, &PackOptions::default());
        let entry = public.agenda.iter().find(|e| e.item == private).expect("still listed");
        assert_eq!(entry.papers, None, "the last guard keeps its papers out of the public edition");
        assert!(entry.statement.is_some(), "and says why");
        assert!(
            public.warnings.iter().any(|w| w.contains("is in the private section but is open to the public")),
            "the build is warned: {:?}",
            public.warnings
        );
        let full = plan(&bundle, &PackOptions { edition: Edition::Full, ..PackOptions::default() });
        let papers = full.agenda.iter().find(|e| e.item == private).and_then(|e| e.papers).expect("papers in full");
        assert!(full.items[papers].papers.iter().all(|p| p.access.is_restricted()), "marked not for publication in full");
    }

    #[test]
    fn an_exempt_item_above_private_business_is_listed_and_warned() {
        let mut bundle = small_bundle();
        bundle.items[3].access = Access::Exempt {
            paragraphs: vec![agendapack_model::ExemptParagraph::new(3).expect("paragraph 3 exists")],
            public_title: None,
        };
        let public = plan(&bundle, &PackOptions::default());
        let entry = public.agenda.iter().find(|e| e.item == 3).expect("listed");
        assert!(entry.statement.as_deref().is_some_and(|s| s.contains("paragraph 3")), "with its paragraph");
        assert_eq!(entry.papers, None, "its papers are left out of the public edition");
        assert!(public.warnings.iter().any(|w| w.contains("sits above Private Business")), "warned: {:?}", public.warnings);
    }

    #[test]
    fn fixed_pages_follow_the_agenda_when_the_council_has_them() {
        let mut bundle = small_bundle();
        bundle.council.fixed_pages = Some("## Our Vision".into());
        let plan = plan(&bundle, &PackOptions::default());
        assert_eq!(plan.front, vec![FrontDocument::Notice, FrontDocument::Agenda, FrontDocument::FixedPages]);
    }
}
