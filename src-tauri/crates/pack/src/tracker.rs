//! A recommendation tracker (action plan) as a paper, "as at" a chosen date, in the style of
//! seeds 000 and 004: the title, then per theme a heading and a ruled table whose header row
//! repeats on every page (the layout engine repeats `Table::header`): Recommendation |
//! Action(s) | Lead officer | Timescale | Status | Progress as at <date> [| Portfolio holder].
//! The recommendation is printed in its first action's row only, as the seeds do.
//!
//! As at a date: only progress updates dated on or before it are used, so a view printed for
//! an earlier meeting can be reproduced. An action due before the date and not complete is
//! overdue: its row is shaded and its status cell says "Overdue" in words (never colour alone,
//! which fails in black and white print and for colour-blind readers); RAG ratings likewise
//! print their name on a tinted cell.
//!
//! [`tracker_markdown`] writes the same view as Markdown (a GFM table per theme, `<br>` line
//! breaks in cells, "Overdue" in bold), so a tracker can become a report's appendix and go into
//! a pack through the ordinary Markdown appendix path.
//!
//! Deliberately not here: storage and editing of trackers (agendapack-store), choosing the date
//! (the caller passes it), page setup (see [`crate::standalone`]).

use agendapack_doc::{Align, Block, Cell, Color, Column, Document, Inline, Row, Table};
use agendapack_model::{Rag, Recommendation, Tracker, TrackerAction};
use chrono::NaiveDate;

use crate::text::{heading, para, plain_date};

const HEADER_FILL: Color = Color { r: 0.88, g: 0.88, b: 0.88 };
/// A light tint that stays readable under black text and prints as a pale grey.
const OVERDUE_FILL: Color = Color { r: 0.98, g: 0.84, b: 0.84 };
const RED_FILL: Color = Color { r: 0.96, g: 0.70, b: 0.70 };
const AMBER_FILL: Color = Color { r: 0.99, g: 0.85, b: 0.60 };
const GREEN_FILL: Color = Color { r: 0.76, g: 0.90, b: 0.74 };

/// Counts of what the paper shows, for the caller's summary line and for tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TrackerSummary {
    pub recommendations: usize,
    pub actions: usize,
    pub overdue: usize,
    pub complete: usize,
}

/// Text with line breaks as one paragraph per line (the data keeps the seeds' sub-paragraphs).
fn text_blocks(text: &str, bold: bool) -> Vec<Block> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| para(vec![if bold { Inline::bold(l) } else { Inline::plain(l) }]))
        .collect()
}

fn cell(text: &str) -> Cell {
    Cell::new(text_blocks(text, false))
}

fn rag_fill(rag: Rag) -> Color {
    match rag {
        Rag::Red => RED_FILL,
        Rag::Amber => AMBER_FILL,
        Rag::Green => GREEN_FILL,
    }
}

fn rag_label(rag: Rag) -> &'static str {
    match rag {
        Rag::Red => "Red",
        Rag::Amber => "Amber",
        Rag::Green => "Green",
    }
}

/// Whether any action in the tracker names a portfolio holder (seed 000 has the column, 004
/// does not): the column is printed only then.
fn has_portfolio_holders(tracker: &Tracker) -> bool {
    tracker.recommendations.iter().flat_map(|r| &r.actions).any(|a| !a.portfolio_holder.is_empty())
}

fn header_row(as_at: NaiveDate, holders: bool) -> Row {
    let progress = format!("Progress as at {}", plain_date(as_at));
    let mut titles = vec!["Recommendation", "Action(s)", "Lead Officer(s)", "Timescale", "Status", progress.as_str()];
    if holders {
        titles.push("Portfolio Holder");
    }
    Row { cells: titles.iter().map(|t| Cell { fill: Some(HEADER_FILL), ..Cell::new(text_blocks(t, true)) }).collect() }
}

fn recommendation_cell(rec: &Recommendation) -> Cell {
    let text = if rec.number.is_empty() { rec.text.clone() } else { format!("{} {}", rec.number, rec.text) };
    cell(&text)
}

fn action_row(rec_cell: Cell, action: &TrackerAction, as_at: NaiveDate, holders: bool, summary: &mut TrackerSummary) -> Row {
    let view = action.as_at(as_at);
    summary.actions += 1;
    if view.overdue {
        summary.overdue += 1;
    }
    if view.status == agendapack_model::ActionStatus::Complete {
        summary.complete += 1;
    }
    let mut status = view.status.label().to_string();
    if let Some(rag) = view.rag {
        status = format!("{status} ({})", rag_label(rag));
    }
    if view.overdue {
        status = format!("Overdue\n{status}");
    }
    let progress = view.latest.map(|u| format!("{}: {}", plain_date(u.as_at), u.text)).unwrap_or_default();
    let mut timescale = action.timescale.clone();
    if let Some(due) = action.due {
        if action.timescale.is_empty() {
            timescale = format!("Due {}", plain_date(due));
        }
    }
    let mut cells = vec![rec_cell, cell(&action.text), cell(&action.lead_officer), cell(&timescale)];
    let status_fill = if view.overdue { Some(OVERDUE_FILL) } else { view.rag.map(rag_fill) };
    cells.push(Cell { fill: status_fill, ..Cell::new(text_blocks(&status, view.overdue)) });
    cells.push(cell(&progress));
    if holders {
        cells.push(cell(&action.portfolio_holder));
    }
    if view.overdue {
        // The whole row is shaded so an overdue action stands out across a wide page; the
        // status cell keeps its own (same) tint and the word "Overdue".
        for c in cells.iter_mut().skip(1) {
            c.fill = Some(OVERDUE_FILL);
        }
    }
    Row { cells }
}

fn table(rows: Vec<Row>, as_at: NaiveDate, holders: bool) -> Block {
    let widths: &[f32] = if holders {
        &[0.19, 0.19, 0.10, 0.09, 0.08, 0.26, 0.09]
    } else {
        &[0.22, 0.24, 0.11, 0.10, 0.08, 0.25]
    };
    Block::Table(Table {
        columns: widths.iter().map(|w| Column { align: Align::Start, width: Some(*w) }).collect(),
        header: vec![header_row(as_at, holders)],
        body: rows,
        ruled: true,
    })
}

/// The tracker as it stood on `as_at`, and what it shows.
pub fn tracker_paper(tracker: &Tracker, as_at: NaiveDate) -> (Document, TrackerSummary) {
    let holders = has_portfolio_holders(tracker);
    let mut summary = TrackerSummary::default();
    let mut blocks = vec![heading(1, vec![Inline::plain(tracker.title.clone())])];
    let mut intro = format!("Progress as at {}.", plain_date(as_at));
    if !tracker.source_name.is_empty() {
        intro = format!("{}. {intro}", tracker.source_name);
    }
    blocks.push(para(vec![Inline::plain(intro)]));
    // Recommendations are grouped under their theme, in order; a theme that comes back later
    // starts a new group rather than reordering the source.
    let mut groups: Vec<(&str, Vec<&Recommendation>)> = Vec::new();
    for rec in &tracker.recommendations {
        match groups.last_mut() {
            Some((theme, recs)) if *theme == rec.theme => recs.push(rec),
            _ => groups.push((rec.theme.as_str(), vec![rec])),
        }
    }
    for (theme, recs) in groups {
        if !theme.is_empty() {
            blocks.push(heading(2, vec![Inline::plain(theme)]));
        }
        let mut rows = Vec::new();
        for rec in recs {
            summary.recommendations += 1;
            if rec.actions.is_empty() {
                let mut cells = vec![recommendation_cell(rec)];
                cells.extend((1..if holders { 7 } else { 6 }).map(|_| Cell::new(Vec::new())));
                rows.push(Row { cells });
                continue;
            }
            for (i, action) in rec.actions.iter().enumerate() {
                let rec_cell = if i == 0 { recommendation_cell(rec) } else { Cell::new(Vec::new()) };
                rows.push(action_row(rec_cell, action, as_at, holders, &mut summary));
            }
        }
        blocks.push(table(rows, as_at, holders));
    }
    (Document { title: tracker.title.clone(), blocks, footnotes: Vec::new() }, summary)
}

/// Text safe inside a Markdown table cell: punctuation that Markdown would read is escaped,
/// and line breaks become `<br>` (the one HTML the parser accepts, in table cells only).
fn md_cell(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        for c in line.chars() {
            if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// The tracker as at `as_at` as Markdown: the same columns and rules as [`tracker_paper`].
pub fn tracker_markdown(tracker: &Tracker, as_at: NaiveDate) -> String {
    let holders = has_portfolio_holders(tracker);
    let mut out = format!("# {}\n\n", md_cell(&tracker.title));
    let intro = format!("Progress as at {}.", plain_date(as_at));
    if tracker.source_name.is_empty() {
        out.push_str(&format!("{intro}\n"));
    } else {
        out.push_str(&format!("{}. {intro}\n", md_cell(&tracker.source_name)));
    }
    let mut header = vec![
        "Recommendation".to_string(),
        "Action(s)".into(),
        "Lead Officer(s)".into(),
        "Timescale".into(),
        "Status".into(),
        format!("Progress as at {}", plain_date(as_at)),
    ];
    if holders {
        header.push("Portfolio Holder".into());
    }
    let mut theme: Option<&str> = None;
    for rec in &tracker.recommendations {
        if theme != Some(rec.theme.as_str()) {
            theme = Some(rec.theme.as_str());
            if !rec.theme.is_empty() {
                out.push_str(&format!("\n## {}\n", md_cell(&rec.theme)));
            }
            out.push_str(&format!("\n| {} |\n|{}\n", header.join(" | "), " --- |".repeat(header.len())));
        }
        let rec_text = if rec.number.is_empty() { rec.text.clone() } else { format!("{} {}", rec.number, rec.text) };
        if rec.actions.is_empty() {
            let blanks = " |".repeat(header.len() - 1);
            out.push_str(&format!("| {} |{blanks}\n", md_cell(&rec_text)));
        }
        for (i, action) in rec.actions.iter().enumerate() {
            let view = action.as_at(as_at);
            let mut status = view.status.label().to_string();
            if let Some(rag) = view.rag {
                status = format!("{status} ({})", rag_label(rag));
            }
            let status = if view.overdue { format!("**Overdue**<br>{status}") } else { status };
            let progress = view.latest.map(|u| format!("{}: {}", plain_date(u.as_at), u.text)).unwrap_or_default();
            let mut cells = vec![
                if i == 0 { md_cell(&rec_text) } else { String::new() },
                md_cell(&action.text),
                md_cell(&action.lead_officer),
                md_cell(&action.timescale),
                status,
                md_cell(&progress),
            ];
            if holders {
                cells.push(md_cell(&action.portfolio_holder));
            }
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
    }
    out
}

#[cfg(test)]
#[path = "tracker_tests.rs"]
mod tests;
