//! Merged table cells from the markers of the dialect: a cell holding exactly `<` joins the
//! cell to its left, `^` the cell above. Runs once per table part (header rows, body rows)
//! when the table ends, on the cells already built, and leaves HTML-style rows: a spanning
//! cell is kept where it starts, the places it covers are removed.
//! A marker that cannot join anything (first column, first row, or a join that would make
//! the merged area other than a rectangle) stays as text, and is returned to be reported.

use crate::{Cell, Row};

/// A merged area: rows `r0..=r1`, columns `c0..=c1`, and the cell shown in it.
struct Area {
    r0: usize,
    r1: usize,
    c0: usize,
    c1: usize,
    cell: Cell,
}

/// Joins the marked cells of `rows` (`marks` per row and cell, from the source). Returns
/// the markers left as text: (source offset, marker).
pub(super) fn join_cells(rows: &mut [Row], marks: &[Vec<Option<(char, usize)>>]) -> Vec<(usize, char)> {
    let no_marks = marks.iter().all(|row| row.iter().all(Option::is_none));
    if no_marks {
        return Vec::new();
    }
    let mut refused = Vec::new();
    let mut areas: Vec<Area> = Vec::new();
    // Per row, per column: the area covering that place.
    let mut owner: Vec<Vec<Option<usize>>> = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter_mut().enumerate() {
        let row_marks = marks.get(r).map(Vec::as_slice).unwrap_or(&[]);
        let is_marker = |c: usize| row_marks.get(c).copied().flatten().is_some();
        let mut own: Vec<Option<usize>> = Vec::with_capacity(row.cells.len());
        for (c, cell) in std::mem::take(&mut row.cells).into_iter().enumerate() {
            let joined = match row_marks.get(c).copied().flatten() {
                Some(('<', _)) if c > 0 => own[c - 1].filter(|&id| {
                    let a = &mut areas[id];
                    if c <= a.c1 {
                        true // inside an area a `^` already brought down to this row
                    } else if a.r0 == r && a.r1 == r && a.c1 + 1 == c {
                        a.c1 = c;
                        true
                    } else {
                        false
                    }
                }),
                Some(('^', _)) if r > 0 => owner[r - 1].get(c).copied().flatten().filter(|&id| {
                    let a = &mut areas[id];
                    if a.r1 == r && (a.c0..=a.c1).contains(&c) {
                        true // a later column of an area already brought down
                    } else if a.r1 + 1 == r && a.c0 == c && (c + 1..=a.c1).all(is_marker) {
                        a.r1 = r;
                        true
                    } else {
                        false
                    }
                }),
                _ => None,
            };
            match joined {
                Some(id) => own.push(Some(id)),
                None => {
                    if let Some((marker, at)) = row_marks.get(c).copied().flatten() {
                        refused.push((at, marker));
                    }
                    areas.push(Area { r0: r, r1: r, c0: c, c1: c, cell });
                    own.push(Some(areas.len() - 1));
                }
            }
        }
        owner.push(own);
    }
    for area in areas {
        let cell = Cell {
            colspan: u16::try_from(area.c1 - area.c0 + 1).unwrap_or(u16::MAX),
            rowspan: u16::try_from(area.r1 - area.r0 + 1).unwrap_or(u16::MAX),
            ..area.cell
        };
        // Areas were made in reading order, so each row's cells stay in column order.
        rows[area.r0].cells.push(cell);
    }
    refused
}
