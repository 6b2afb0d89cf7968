//! Tracker papers "as at" a date, on the demo trackers of seeds 000 and 004.

use super::*;
use crate::standalone::landscape_pdf;
use agendapack_doc::plain_text;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn demo(index: usize) -> Tracker {
    let trackers = agendapack_demo::trackers().unwrap_or_else(|e| panic!("demo trackers load: {e}"));
    trackers.into_iter().nth(index).unwrap_or_else(|| panic!("demo tracker {index} exists"))
}

fn cell_text(cell: &Cell) -> String {
    cell.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(plain_text(&p.content)),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn tables(doc: &Document) -> Vec<&Table> {
    doc.blocks.iter().filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).collect()
}

#[test]
fn seed_000_as_at_december_2014_shows_the_november_progress() {
    let tracker = demo(0);
    let (doc, summary) = tracker_paper(&tracker, date(2014, 12, 1));
    assert_eq!(summary.recommendations, 30, "every recommendation is printed");
    assert_eq!(summary.actions, tracker.action_count(), "every action is printed");
    let tables = tables(&doc);
    assert_eq!(tables.len(), 6, "one table per theme, as the seed has");
    let header: Vec<String> = tables[0].header[0].cells.iter().map(cell_text).collect();
    assert_eq!(header[5], "Progress as at 1 December 2014", "the progress column names the chosen date");
    assert_eq!(header.len(), 7, "seed 000 has portfolio holders, so the column is printed");
    let first = &tables[0].body[0];
    assert!(cell_text(&first.cells[0]).starts_with("1.1 Manage expectations"), "the recommendation opens its first row");
    assert!(cell_text(&first.cells[5]).contains("Corporate Delivery Plan agreed by Cabinet"), "the November progress is shown in December");
    assert!(summary.overdue > 0, "actions due in October 2014 and not complete are overdue in December");
}

#[test]
fn an_earlier_view_hides_later_progress_and_nothing_is_overdue_yet() {
    let tracker = demo(0);
    let (doc, summary) = tracker_paper(&tracker, date(2014, 9, 1));
    let all: Vec<String> = tables(&doc).iter().flat_map(|t| &t.body).map(|r| cell_text(&r.cells[5])).collect();
    assert!(all.iter().all(|p| p.is_empty()), "no update dated November 2014 may show as at 1 September 2014");
    assert_eq!(summary.complete, 0, "nothing was reported complete before the first update");
    assert_eq!(summary.overdue, 0, "no action of the plan was due before September 2014");
}

#[test]
fn overdue_rows_are_shaded_and_say_so_in_words() {
    let tracker = demo(0);
    let (doc, summary) = tracker_paper(&tracker, date(2015, 6, 1));
    let rows: Vec<&Row> = tables(&doc).into_iter().flat_map(|t| &t.body).collect();
    let overdue: Vec<&&Row> = rows.iter().filter(|r| cell_text(&r.cells[4]).starts_with("Overdue")).collect();
    assert_eq!(overdue.len(), summary.overdue, "each overdue action says 'Overdue' in its status cell");
    assert!(overdue.iter().all(|r| r.cells[1].fill == Some(OVERDUE_FILL)), "and its row is shaded");
    let complete_rows = rows.iter().filter(|r| cell_text(&r.cells[4]) == "Complete").count();
    assert!(complete_rows > 0, "complete actions are never overdue, whatever the date");
}

#[test]
fn seed_004_has_no_portfolio_column_and_renders_over_several_pages() {
    let tracker = demo(1);
    let (doc, summary) = tracker_paper(&tracker, date(2019, 1, 15));
    assert_eq!(summary.actions, 52, "every action of seed 004 is printed");
    assert!(tables(&doc).iter().all(|t| t.header[0].cells.len() == 6), "no portfolio holder column without holders");
    let pdf = landscape_pdf(&doc, None).unwrap_or_else(|e| panic!("the tracker renders: {e}"));
    assert!(pdf.pages >= 3, "a 52-action plan runs over several landscape pages, got {}", pdf.pages);
    let again = landscape_pdf(&doc, None).map(|p| p.pdf).unwrap_or_default();
    assert!(again == pdf.pdf, "the same tracker and date give the same bytes");
}

#[test]
fn the_markdown_view_parses_cleanly_into_the_same_tables() {
    let tracker = demo(0);
    let text = tracker_markdown(&tracker, date(2014, 12, 1));
    let parsed = agendapack_doc::markdown::parse(&text, &agendapack_doc::markdown::ParseOptions::new("tracker"));
    let problems: Vec<String> = parsed.diagnostics.iter().map(|d| format!("{}:{} {}", d.line, d.column, d.message)).collect();
    assert!(problems.is_empty(), "the generated Markdown has no problems: {problems:?}");
    let tables_of = tables;
    let tables = tables_of(&parsed.document);
    assert_eq!(tables.len(), 6, "one table per theme, as on paper");
    let rows: usize = tables.iter().map(|t| t.body.len()).sum();
    assert_eq!(rows, tracker.action_count() + 1, "a row per action, plus recommendation 5.3 which has none");
    assert_eq!(cell_text(&tables[0].header[0].cells[5]), "Progress as at 1 December 2014", "the as-at date heads the progress column");
    let (paper, _) = tracker_paper(&tracker, date(2014, 12, 1));
    let paper_first = cell_text(&tables_of(&paper)[0].body[0].cells[1]);
    assert_eq!(cell_text(&tables[0].body[0].cells[1]), paper_first, "the same action text as the paper");
    assert!(text.contains("**Overdue**"), "overdue actions say so in the Markdown too");
}
