//! Building a pack end to end: plan → document trees → layout (each paper once) → pagination
//! fixpoint → PDF bytes. Also [`check_attachment`], the test an attached PDF must pass when it
//! is attached (not when the pack is built).
//!
//! Deterministic: the PDF's dates come from the meeting (date of publication, else the meeting
//! date), never the clock, so the same bundle gives the same bytes.
//!
//! Deliberately not here: reading the database or writing files (the CLI and the app do that).

use std::sync::Arc;

use agendapack_doc::{Align, Color, Document};
use agendapack_layout::fonts::FontId;
use agendapack_layout::{layout, text_run, ImportedPage, LaidOut, PackStyle, Page, Point, Tag, TextRun};
use agendapack_model::{AgendaItem, AppendixContent, MeetingBundle};
use agendapack_pdf::{inspect_attachment, write_pdf_owned, AttachmentError, PdfDate, PdfError, PdfOptions};
use chrono::{Datelike, NaiveDateTime, Timelike};

use crate::agenda::{agenda, PageRanges};
use crate::cover::{appendix_paper, report_paper};
use crate::minutes::minutes_paper;
use crate::notice::{notice, supplement_sheet};
use crate::paginate::{paginate, Geometry, LaidItem, LaidPaper, PaginateError, Parts, Typesetter};
use crate::plan::{plan, Edition, FrontDocument, ItemPapers, PackOptions, PackPlan, Paper, PaperKind};
use crate::programme::programme_paper;
use crate::text::{markdown, plain_date};

#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error("the meeting has no items marked supplementary, so there is no supplementary agenda to build")]
    NoSupplementaryItems,
    #[error("the PDF appendix \"{title}\" cannot be used: {source}")]
    Attachment { title: String, source: AttachmentError },
    #[error("the attached file cannot be used: {0}")]
    AttachmentCheck(AttachmentError),
    #[error(transparent)]
    Pagination(#[from] PaginateError),
    #[error("the pack's PDF could not be written: {0}")]
    Pdf(#[from] PdfError),
    #[error("the papers of \"{0}\" could not be laid out (an internal error, please report it); the pack was not built")]
    PaperFailed(String),
}

/// Printed page range of one agenda item's papers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRange {
    pub number: Option<u32>,
    /// The title as this edition prints it.
    pub title: String,
    pub first: usize,
    pub last: usize,
}

/// A built pack.
#[derive(Debug, Clone)]
pub struct BuiltPack {
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub ranges: Vec<ItemRange>,
    /// Problems in the Markdown of the papers (the pack was still built).
    pub warnings: Vec<String>,
}

/// Lays out with the bundled fonts and a [`PackStyle`].
pub struct PackTypesetter {
    pub style: PackStyle,
}

impl Typesetter for PackTypesetter {
    fn geometry(&self) -> Geometry {
        Geometry {
            width: self.style.page_width,
            height: self.style.page_height,
            margin_top: self.style.margin_top,
            margin_bottom: self.style.margin_bottom,
        }
    }

    fn lay_out(&self, document: &Document) -> LaidOut {
        layout(document, &self.style)
    }

    fn line(&self, text: &str, size: f32, bold: bool, color: Color) -> TextRun {
        let font = if bold { FontId::SansBold } else { FontId::SansRegular };
        let mut run = text_run(text, font, size, Point::default(), Align::Start, 0.0, Tag::ARTIFACT);
        run.color = color;
        run
    }
}

/// Starts reading the bundled fonts (the faces layout shapes with and the widths the PDF
/// writer uses) on a thread of its own and returns at once: a build that starts later finds
/// them ready instead of reading them first. The CLI calls it before it opens the database,
/// which takes about as long (a few milliseconds). Nothing else changes: a build that comes
/// before the fonts are read waits for them.
pub fn prepare_fonts() {
    let _ = std::thread::Builder::new().name("agendapack-fonts".into()).spawn(|| {
        agendapack_layout::fonts::FontBook::bundled();
        agendapack_pdf::prepare_fonts();
    });
}

/// Checks a PDF when it is attached to a report: readable, unencrypted, with pages. Returns
/// its page count.
pub fn check_attachment(bytes: &[u8]) -> Result<usize, PackError> {
    inspect_attachment(bytes).map(|info| info.pages).map_err(PackError::AttachmentCheck)
}

/// Builds the pack of `bundle` as PDF bytes, on the number of threads [`threads_from_env`] gives.
pub fn build(bundle: &MeetingBundle, options: &PackOptions) -> Result<BuiltPack, PackError> {
    build_with(bundle, options, &PackTypesetter { style: PackStyle::default() })
}

/// [`build`] with a given typesetter (style).
pub fn build_with(bundle: &MeetingBundle, options: &PackOptions, ts: &PackTypesetter) -> Result<BuiltPack, PackError> {
    build_on(bundle, options, ts, threads_from_env())
}

/// [`build`] on at most `threads` threads (0: one per core, at most 4). Papers are laid out and
/// pages written in parallel; the bytes are the same whatever the number.
pub fn build_threads(bundle: &MeetingBundle, options: &PackOptions, threads: usize) -> Result<BuiltPack, PackError> {
    build_on(bundle, options, &PackTypesetter { style: PackStyle::default() }, threads)
}

/// The environment variable that sets how many threads a pack build uses (a positive number;
/// unset, 0 or anything else: one per core, at most 4; never more than 16).
pub const THREADS_VARIABLE: &str = "AGENDAPACK_THREADS";

/// The thread count [`THREADS_VARIABLE`] asks for (0 when unset or not a number).
pub fn threads_from_env() -> usize {
    std::env::var(THREADS_VARIABLE).ok().and_then(|v| v.trim().parse().ok()).unwrap_or(0)
}

/// The pack's pages as laid out and paginated, before they are written: what the PDF draws
/// (tests compare the written file with it).
pub fn lay_out_pack(bundle: &MeetingBundle, options: &PackOptions) -> Result<LaidOut, PackError> {
    let ts = PackTypesetter { style: PackStyle::default() };
    Ok(compose(bundle, options, &ts, threads_from_env(), None)?.paginated.laid)
}

/// A pack laid out and paginated, with what writing it needs.
struct Composed {
    plan: PackPlan,
    paginated: crate::paginate::Paginated,
    warnings: Vec<String>,
}

fn build_on(bundle: &MeetingBundle, options: &PackOptions, ts: &PackTypesetter, threads: usize) -> Result<BuiltPack, PackError> {
    // One pool for the whole build: layout and writing share its threads.
    agendapack_pdf::on_threads(threads, || build_now(bundle, options, ts, threads))
}

fn build_now(bundle: &MeetingBundle, options: &PackOptions, ts: &PackTypesetter, threads: usize) -> Result<BuiltPack, PackError> {
    let level = PdfOptions::default().compression_level;
    let Composed { plan, paginated, warnings } = compose(bundle, options, ts, threads, Some(level))?;
    let pages = paginated.laid.pages.len();
    // Taken by value: each page's glyphs are freed as soon as its content is written.
    let pdf = write_pdf_owned(paginated.laid, &PdfOptions { threads, compression_level: level, ..pdf_options(bundle, &plan) })?;
    let ranges = plan
        .items
        .iter()
        .zip(&paginated.ranges)
        .map(|(item, (first, last))| ItemRange {
            number: item.number,
            title: plan.agenda.iter().find(|e| e.item == item.item).map(|e| e.title.clone()).unwrap_or_default(),
            first: *first,
            last: *last,
        })
        .collect();
    Ok(BuiltPack { pdf, pages, ranges, warnings })
}

/// Lays out and paginates the pack. With `draw_ahead` (a compression level), each paper's pages
/// are written as soon as the paper is laid out ([`agendapack_pdf::draw_ahead`]), on the thread
/// that laid it out: its glyphs are freed at once and writing is spread with the layout.
fn compose(
    bundle: &MeetingBundle,
    options: &PackOptions,
    ts: &PackTypesetter,
    threads: usize,
    draw_ahead: Option<u32>,
) -> Result<Composed, PackError> {
    let plan = plan(bundle, options);
    if options.supplement && plan.agenda.is_empty() {
        return Err(PackError::NoSupplementaryItems);
    }
    let mut warnings = plan.warnings.clone();
    let mut before = Vec::new();
    let mut after = Vec::new();
    for front in &plan.front {
        match front {
            FrontDocument::Notice => {
                let laid = ts.lay_out(&notice(bundle, &mut warnings));
                warnings.extend(crate::paper_checks::unprintable("the notice of meeting", &laid));
                before.push(laid);
            }
            FrontDocument::FixedPages => {
                let source = bundle.council.fixed_pages.as_deref().unwrap_or_default();
                let blocks = markdown(source, "council fixed pages", &mut warnings);
                after.push(ts.lay_out(&Document { title: String::new(), blocks, footnotes: Vec::new() }));
            }
            FrontDocument::Agenda | FrontDocument::SupplementSheet => {}
        }
    }
    let items = lay_out_papers(bundle, &plan, ts, threads, draw_ahead, &mut warnings)?;
    // The agenda is laid out once per fixpoint pass; its Markdown warnings are the same every
    // pass, so only the last pass's are kept.
    let agenda_warnings = std::cell::RefCell::new(Vec::new());
    let lay_out_agenda = |ranges: &PageRanges| {
        let mut w = Vec::new();
        let doc = if plan.supplement {
            supplement_sheet(bundle, &plan, ranges, &mut w)
        } else {
            agenda(bundle, &plan, ranges, &mut w)
        };
        let mut laid = ts.lay_out(&doc);
        w.extend(crate::paper_checks::unprintable("the agenda", &laid));
        *agenda_warnings.borrow_mut() = w;
        crate::agenda::tag_as_contents(&mut laid);
        laid
    };
    let paginated = paginate(
        ts,
        Parts {
            before,
            agenda: &lay_out_agenda,
            after,
            items,
            number_from_papers: plan.supplement,
            draft: options.draft,
            mark_restricted: plan.edition == Edition::Full,
        },
    )?;
    warnings.extend(agenda_warnings.into_inner());
    Ok(Composed { plan, paginated, warnings })
}

fn pdf_options(bundle: &MeetingBundle, plan: &PackPlan) -> PdfOptions {
    let what = if plan.supplement { "Supplementary agenda" } else { "Agenda pack" };
    let edition = match plan.edition {
        Edition::Public => "public edition",
        Edition::Full => "full edition, not for publication",
    };
    let stamp: NaiveDateTime = match bundle.meeting.published_on {
        Some(date) => date.and_time(chrono::NaiveTime::MIN),
        None => bundle.meeting.starts_at,
    };
    PdfOptions {
        title: format!("{what}: {}, {}", bundle.committee.name, plain_date(bundle.meeting.date())),
        author: bundle.council.name.clone(),
        subject: format!("{what}, {edition}"),
        lang: "en-GB".into(),
        creation_date: Some(PdfDate {
            year: u16::try_from(stamp.year()).unwrap_or(2000),
            month: stamp.month() as u8,
            day: stamp.day() as u8,
            hour: stamp.hour() as u8,
            minute: stamp.minute() as u8,
            second: 0,
        }),
        // Viewer page labels count from the first page; a supplement's front sheet is not
        // numbered, so labels would disagree with the printed numbers there.
        page_labels: !plan.supplement,
        display_doc_title: true,
        ..PdfOptions::default()
    }
}

/// Lays out every paper of the plan once, on up to `threads` threads: papers do not depend on
/// each other, and each result (with its warnings) goes back to its place in plan order, so
/// the outcome does not depend on the number of threads.
fn lay_out_papers(
    bundle: &MeetingBundle,
    plan: &PackPlan,
    ts: &PackTypesetter,
    threads: usize,
    draw_ahead: Option<u32>,
    warnings: &mut Vec<String>,
) -> Result<Vec<LaidItem>, PackError> {
    let jobs: Vec<(usize, usize)> = plan
        .items
        .iter()
        .enumerate()
        .flat_map(|(i, planned)| (0..planned.papers.len()).map(move |p| (i, p)))
        .collect();
    let lay_out = |&(i, p): &(usize, usize)| {
        let mut result = lay_out_paper(bundle, &plan.items[i], &plan.items[i].papers[p], plan, ts);
        if let (Some(level), Ok((Some(paper), _))) = (draw_ahead, result.as_mut()) {
            agendapack_pdf::draw_ahead(&mut paper.laid, level);
            if paper.laid.pages.len() >= LONG_PAPER_PAGES {
                agendapack_pdf::release_paper_memory();
            }
        }
        result
    };
    // Papers differ a lot in length (the demo's longest is two thirds of the work): the
    // threads take them longest first from one queue, so the long ones start at once, and the
    // pages of each are written by every thread that is free (`draw_ahead`'s batches are
    // stolen by a thread whose queue has run out). Each result goes back to its place.
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&at| std::cmp::Reverse(estimated_work(bundle, plan, jobs[at])));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::Mutex::new(Vec::with_capacity(jobs.len()));
    agendapack_pdf::on_threads(threads, || {
        rayon::scope(|scope| {
            for _ in 0..rayon::current_num_threads() {
                scope.spawn(|_| loop {
                    let taken = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(&at) = order.get(taken) else { break };
                    // A paper whose layout fails stops the build with its name, on any number
                    // of threads, rather than leaving the pack without it.
                    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lay_out(&jobs[at])))
                        .unwrap_or_else(|_| Err(PackError::PaperFailed(plan.items[jobs[at].0].title.clone())));
                    if let Ok(mut done) = done.lock() {
                        done.push((at, result));
                    }
                });
            }
        })
    });
    let mut results: Vec<Option<PaperResult>> = Vec::new();
    results.resize_with(jobs.len(), || None);
    for (at, result) in done.into_inner().unwrap_or_default() {
        results[at] = Some(result);
    }
    let mut results = results.into_iter();
    let mut items = Vec::with_capacity(plan.items.len());
    for planned in &plan.items {
        let mut papers = Vec::new();
        for _ in &planned.papers {
            let Some(result) = results.next().flatten() else { continue };
            let (paper, paper_warnings) = result?;
            warnings.extend(paper_warnings);
            papers.extend(paper);
        }
        if !papers.is_empty() {
            items.push(LaidItem {
                number: planned.number,
                title: planned.title.clone(),
                anchor: planned.anchor.clone(),
                papers,
            });
        }
    }
    Ok(items)
}

/// A paper this long was laid out whole before its pages were written: the thread that wrote
/// it gives the memory it freed back at once ([`agendapack_pdf::release_paper_memory`]), so
/// that it does not stay on top of the next papers (the demo pack: 41 MB peak without, 38 MB
/// with; shorter papers gain nothing worth the cost).
const LONG_PAPER_PAGES: usize = 30;

/// How much work laying out and writing a paper is, roughly: the length of its text. Only the
/// order the papers are taken in depends on it, never the result.
fn estimated_work(bundle: &MeetingBundle, plan: &PackPlan, (i, p): (usize, usize)) -> usize {
    let planned = &plan.items[i];
    let report = bundle.items.get(planned.item).and_then(|item| item.report.as_ref());
    match (&planned.papers[p].kind, report) {
        (PaperKind::Report, Some(r)) => r.summary.len() + r.recommendations.len() + r.reasons.len() + r.body.len() + 4_000,
        (PaperKind::Appendix { index, .. }, Some(r)) => match r.appendices.get(*index).map(|a| &a.content) {
            Some(AppendixContent::Markdown { text }) => text.len(),
            // Pages taken whole from a PDF: read, not laid out.
            _ => 1_000,
        },
        (PaperKind::Minutes, _) => 20_000,
        (PaperKind::WorkProgramme, _) => 10_000,
        _ => 0,
    }
}

/// One laid-out paper (None: nothing to print) and the warnings it raised.
type PaperResult = Result<(Option<LaidPaper>, Vec<String>), PackError>;

fn lay_out_paper(bundle: &MeetingBundle, planned: &ItemPapers, paper: &Paper, plan: &PackPlan, ts: &PackTypesetter) -> PaperResult {
    let mut warnings = Vec::new();
    let Some(item) = bundle.items.get(planned.item) else { return Ok((None, warnings)) };
    let laid = match &paper.kind {
        PaperKind::Minutes => minutes_paper(bundle, plan.edition, &mut warnings).map(|d| (ts.lay_out(&d), None, false)),
        // The six-column programme is set on landscape pages, as councils print it:
        // on portrait, deadline columns break words.
        PaperKind::WorkProgramme => {
            programme_paper(bundle, &mut warnings).map(|d| (layout(&d, &landscape(&ts.style)), None, false))
        }
        PaperKind::Report => item
            .report
            .as_ref()
            .map(|r| (ts.lay_out(&report_paper(bundle, &item.access, r, plan.edition, &mut warnings)), None, false)),
        PaperKind::Appendix { index, number, .. } => appendix(item, *index, *number, ts, &mut warnings)?,
    };
    if let Some((laid, _, imported)) = &laid {
        let name = match (&paper.kind, &item.report) {
            (PaperKind::Report, Some(r)) => format!("the report \"{}\"", crate::paper_checks::short_title(&r.title)),
            (PaperKind::Appendix { number, .. }, _) => format!("Appendix {number}"),
            (PaperKind::Minutes, _) => "the minutes".to_string(),
            _ => "the work programme".to_string(),
        };
        let name = match item.number {
            Some(n) => format!("{name} (item {n})"),
            None => name,
        };
        if let (PaperKind::Report, Some(r)) = (&paper.kind, &item.report) {
            warnings.extend(crate::paper_checks::report(&name, r));
        }
        if !imported {
            warnings.extend(crate::paper_checks::unprintable(&name, laid));
        }
    }
    let paper = laid.map(|(laid, appendix, imported)| LaidPaper::new(laid, paper.access.clone(), appendix, imported));
    Ok((paper, warnings))
}

fn landscape(style: &PackStyle) -> PackStyle {
    PackStyle { page_width: style.page_height, page_height: style.page_width, ..style.clone() }
}

type LaidAppendix = Option<(LaidOut, Option<(usize, String)>, bool)>;

fn appendix(item: &AgendaItem, index: usize, number: usize, ts: &PackTypesetter, warnings: &mut Vec<String>) -> Result<LaidAppendix, PackError> {
    let Some(report) = &item.report else { return Ok(None) };
    let Some(appendix) = report.appendices.get(index) else { return Ok(None) };
    let outline = Some((number, format!("Appendix {number}: {}", appendix.title)));
    match &appendix.content {
        AppendixContent::Markdown { .. } => {
            Ok(appendix_paper(report, index, warnings).map(|d| (ts.lay_out(&d), outline, false)))
        }
        AppendixContent::Pdf { bytes, .. } => {
            let info = inspect_attachment(bytes)
                .map_err(|source| PackError::Attachment { title: appendix.title.clone(), source })?;
            if !info.tagged {
                // Its pages go in as one described Figure each: readable for nobody using a
                // screen reader, so the officer is told which appendix to replace.
                warnings.push(format!(
                    "the PDF appendix \"{}\" (Appendix {number}) is not a tagged PDF, so screen readers cannot read it and the pack is not fully accessible; attach a tagged PDF (in Word: Save as PDF with \"Document structure tags for accessibility\")",
                    appendix.title
                ));
            }
            let source = Arc::new(bytes.clone());
            let mut pages: Vec<Page> = info
                .sizes
                .iter()
                .enumerate()
                .map(|(index, (width, height))| Page {
                    width: *width,
                    height: *height,
                    imported: Some(ImportedPage { source: Arc::clone(&source), index, parent: None, placement: None }),
                    ..Page::default()
                })
                .collect();
            let (shrunk, scale) = crate::clearance::keep_clear(ts, &mut pages, &info.ink);
            if !shrunk.is_empty() {
                warnings.push(crate::clearance::warning(&appendix.title, number, &shrunk, scale));
            }
            Ok(Some((LaidOut { pages, ..LaidOut::default() }, outline, true)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::small_bundle;

    #[test]
    fn small_meeting_builds_deterministically() {
        let bundle = small_bundle();
        let first = build(&bundle, &PackOptions::default()).expect("the small meeting builds");
        let second = build(&bundle, &PackOptions::default()).expect("and again");
        assert!(first.pdf.starts_with(b"%PDF-"), "a PDF file");
        assert_eq!(first.pdf, second.pdf, "same bundle, same bytes");
        let numbers: Vec<_> = first.ranges.iter().map(|r| (r.number, r.first % 2)).collect();
        assert_eq!(numbers, vec![(Some(3), 1), (Some(4), 1), (Some(5), 1)], "each item starts on an odd page");
    }
}
