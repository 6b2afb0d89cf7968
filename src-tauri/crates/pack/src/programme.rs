//! The committee's work programme as a paper (seed 001's last pages): the heading and note,
//! then a ruled table Meeting | Agenda Items | Officer(s) | Cabinet Member/Presenter |
//! Clearance Deadline | Final Report Deadline, one row per planned item, the meeting and its
//! deadlines printed once per meeting, "(TBC)" before the deadlines of a provisional date.
//!
//! Deliberately not here: computing deadlines (the rows carry them as printed).

use agendapack_doc::{Align, Block, Cell, Color, Column, Document, Inline, Row, Table};
use agendapack_model::{MeetingBundle, WorkProgrammeEntry};
use chrono::Datelike;

use crate::text::{heading, markdown, para};

const HEADER_FILL: Color = Color { r: 0.88, g: 0.88, b: 0.88 };

fn text_cell(text: String, bold: bool) -> Cell {
    let inline = if bold { Inline::bold(text) } else { Inline::plain(text) };
    Cell::new(if inline_is_empty(&inline) { Vec::new() } else { vec![para(vec![inline])] })
}

fn inline_is_empty(inline: &Inline) -> bool {
    matches!(inline, Inline::Text(t) if t.text.trim().is_empty())
}

/// The municipal year (May to April) a date falls in, by its starting calendar year.
fn municipal_year(date: chrono::NaiveDate) -> i32 {
    if date.month() >= 5 { date.year() } else { date.year() - 1 }
}

/// "6 January", "26 January (Extraordinary Meeting)"; the year is printed only for a meeting
/// in another municipal year than the pack's ("9 June 2021"), as seed 001 does.
fn meeting_label(entry: &WorkProgrammeEntry, pack_year: i32) -> String {
    let date = if municipal_year(entry.meeting_date) == pack_year {
        entry.meeting_date.format("%-d %B").to_string()
    } else {
        entry.meeting_date.format("%-d %B %Y").to_string()
    };
    if entry.meeting_label.is_empty() {
        date
    } else {
        format!("{date} ({})", entry.meeting_label)
    }
}

fn deadline(text: &str, provisional: bool) -> String {
    match (provisional, text.is_empty()) {
        (true, true) => "(TBC)".into(),
        (true, false) => format!("(TBC) {text}"),
        (false, _) => text.to_string(),
    }
}

/// The work programme paper, or None when the committee has no rows.
pub fn programme_paper(bundle: &MeetingBundle, warnings: &mut Vec<String>) -> Option<Document> {
    if bundle.work_programme.is_empty() {
        return None;
    }
    let title = bundle
        .work_programme_heading
        .as_ref()
        .map(|h| h.title.clone())
        .unwrap_or_else(|| format!("{}: Work Programme", bundle.committee.name));
    let mut blocks = vec![heading(1, vec![Inline::plain(title.clone())])];
    if let Some(note) = bundle.work_programme_heading.as_ref().map(|h| h.note.as_str()) {
        blocks.extend(markdown(note, "work programme note", warnings));
    }
    let header = Row {
        cells: [
            "Meeting",
            "Agenda Items",
            "Officer(s)",
            "Cabinet Member/ Presenter",
            "Clearance Deadline",
            "Final Report Deadline",
        ]
        .iter()
        .map(|h| Cell { fill: Some(HEADER_FILL), ..text_cell(h.to_string(), true) })
        .collect(),
    };
    let year = municipal_year(bundle.meeting.date());
    let mut body = Vec::new();
    let mut previous: Option<(chrono::NaiveDate, &str)> = None;
    for entry in &bundle.work_programme {
        let first_of_meeting = previous != Some((entry.meeting_date, entry.meeting_label.as_str()));
        previous = Some((entry.meeting_date, entry.meeting_label.as_str()));
        let context = format!("work programme {}", meeting_label(entry, year));
        let (meeting, clearance, final_deadline) = if first_of_meeting {
            (
                text_cell(meeting_label(entry, year), true),
                text_cell(deadline(&entry.clearance_deadline, entry.provisional), false),
                text_cell(deadline(&entry.final_report_deadline, entry.provisional), false),
            )
        } else {
            (Cell::new(Vec::new()), Cell::new(Vec::new()), Cell::new(Vec::new()))
        };
        body.push(Row {
            cells: vec![
                meeting,
                Cell::new(markdown(&entry.title, &context, warnings)),
                Cell::new(markdown(&entry.officers, &context, warnings)),
                Cell::new(markdown(&entry.presenter, &context, warnings)),
                clearance,
                final_deadline,
            ],
        });
    }
    let widths = [0.12, 0.34, 0.16, 0.14, 0.11, 0.13];
    blocks.push(Block::Table(Table {
        columns: widths.iter().map(|w| Column { align: Align::Start, width: Some(*w) }).collect(),
        header: vec![header],
        body,
        ruled: true,
    }));
    Some(Document { title, blocks, footnotes: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::small_bundle;
    use agendapack_doc::plain_text;

    fn cell_text(cell: &Cell) -> String {
        cell.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(plain_text(&p.content)),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn one_meeting_cell_per_meeting_and_tbc_for_provisional_dates() {
        let doc = programme_paper(&small_bundle(), &mut Vec::new()).expect("rows exist");
        let Some(Block::Table(table)) = doc.blocks.iter().find(|b| matches!(b, Block::Table(_))) else {
            panic!("the programme is a table")
        };
        let rows: Vec<Vec<String>> = table.body.iter().map(|r| r.cells.iter().map(cell_text).collect()).collect();
        assert_eq!(rows[0][0], "6 January", "the meeting is named in its first row, without the year of the same municipal year");
        assert_eq!(rows[1][0], "", "and not repeated in the next row of the same meeting");
        assert_eq!(rows[0][5], "10am, Friday 18 December", "deadlines as printed");
        assert_eq!(rows[2][4], "(TBC) 11 February", "a provisional date's deadline");
        assert_eq!(table.header[0].cells.len(), 6, "six columns as in seed 001");
    }
}
