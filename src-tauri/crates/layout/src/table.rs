//! Tables: column widths from content (like CSS automatic tables), rows of cells holding
//! blocks, ruled cells, fills, header rows repeated on continued pages, and rows taller than
//! a page split at line boundaries.
//!
//! Each row becomes one slice (or several, if it is taller than a page), so a row moves whole
//! to the next page; rows joined by a cell spanning rows are one group, which moves whole too
//! and is cut (when taller than a page) preferably where its rows meet. The table always takes the full width of its frame. Nothing here decides
//! page breaks; pagination repeats the header through [`Slice::repeat_header`].

use agendapack_doc::{Align, Block, Color, Table};

use crate::blocks::{line, trim_trailing_space, vline, Ctx, Frame, MAX_DEPTH};
use crate::columns::{self, ColumnNeed, ColumnPlan};
use crate::flow::{shift_item, Mark, RepeatedHeader, Slice, SliceKind};
use crate::inline::{content_widths, prepare, prepare_verbatim, InlineSetting};
use crate::types::{CellSpan, FilledRect, Placed, Rect, StructKind, Tag};

/// Most columns a table is given; cells beyond are dropped (no real paper comes close).
const MAX_COLUMNS: usize = 1000;

/// Cell content stacked into one box, with the heights at which it may be cut.
pub(crate) struct Stacked {
    pub slice: Slice,
    pub cuts: Vec<f32>,
}

/// Stacks slices into one box (page breaks and leading space dropped).
pub(crate) fn stack(slices: Vec<Slice>) -> Slice {
    stack_with_cuts(slices).slice
}

fn stack_with_cuts(slices: Vec<Slice>) -> Stacked {
    let mut out = Slice::new(SliceKind::Content, 0.0);
    let mut cuts = Vec::new();
    let mut y = 0.0;
    for mut s in slices {
        if matches!(s.kind, SliceKind::PageBreak | SliceKind::OddPageBreak) || (s.kind == SliceKind::Space && out.items.is_empty()) {
            continue;
        }
        if out.first_baseline.is_none() {
            out.first_baseline = s.first_baseline.map(|b| b + y);
        }
        s.shift(0.0, y);
        out.items.append(&mut s.items);
        out.links.append(&mut s.links);
        out.marks.append(&mut s.marks);
        y += s.height;
        cuts.push(y);
    }
    out.height = y;
    Stacked { slice: out, cuts }
}

/// What a cell's blocks need across: min-content and max-content widths, and the summed
/// length of all their lines set unbroken with the number of blocks (to estimate the height
/// at a given width). In points, without cell padding.
#[derive(Debug, Clone, Copy, Default)]
struct Widths {
    min: f32,
    max: f32,
    total: f32,
    blocks: f32,
}

impl Widths {
    fn one(min: f32, max: f32) -> Widths {
        Widths { min, max, total: max, blocks: 1.0 }
    }

    fn indented(self, by: f32) -> Widths {
        Widths { min: self.min + by, max: self.max + by, ..self }
    }

    fn and(self, other: Widths) -> Widths {
        Widths { min: self.min.max(other.min), max: self.max.max(other.max), total: self.total + other.total, blocks: self.blocks + other.blocks }
    }
}

fn blocks_widths(ctx: &mut Ctx, blocks: &[Block], bold: bool, scale: f32, depth: u32) -> Widths {
    let style = ctx.style;
    let black = Color { r: 0.0, g: 0.0, b: 0.0 };
    let setting = |size: f32, bold: bool| InlineSetting { size, bold, mono: false, color: black, link_color: black, tag: Tag::ARTIFACT, superscript_scale: style.superscript_scale };
    let mut out = Widths::default();
    if depth >= MAX_DEPTH {
        return out;
    }
    for block in blocks {
        let w = match block {
            Block::Paragraph(p) => {
                let s = if p.scale.is_finite() && p.scale > 0.0 { p.scale.clamp(0.25, 8.0) } else { 1.0 };
                let (a, b) = content_widths(&prepare(&p.content, &setting(style.body_size * s * scale, bold), ctx.shaper));
                Widths::one(a, b)
            }
            Block::Heading(h) => {
                let size = style.heading_sizes[(h.level.clamp(1, 6) - 1) as usize] * scale;
                let (a, b) = content_widths(&prepare(&h.content, &setting(size, true), ctx.shaper));
                Widths::one(a, b)
            }
            Block::List(l) => l.items.iter().fold(Widths::default(), |acc, item| acc.and(blocks_widths(ctx, &item.blocks, bold, scale, depth + 1))).indented(style.list_indent),
            Block::Quote(inner) | Block::KeepTogether(inner) => blocks_widths(ctx, inner, bold, scale, depth + 1).indented(style.quote_indent),
            Block::Division(d) => blocks_widths(ctx, &d.blocks, bold, scale, depth + 1),
            Block::Code(code) => code.lines().fold(Widths::default(), |acc, l| {
                let (x, y) = content_widths(&prepare_verbatim(l, &setting(style.code_size * scale, false), ctx.shaper));
                acc.and(Widths::one(x, y))
            }),
            Block::Table(t) => {
                let n = t.columns.len().max(t.header.iter().chain(&t.body).map(|r| r.cells.len()).max().unwrap_or(1)).max(1);
                Widths::one(n as f32 * style.min_column_width.min(24.0), n as f32 * style.min_column_width * 4.0)
            }
            Block::Image(_) => Widths::one(48.0, 200.0),
            _ => Widths::default(),
        };
        out = out.and(w);
    }
    out
}

/// Where each cell of a table part (its header rows, or its body rows) sits: per row, per
/// cell, (first column, columns spanned, rows spanned). Columns that a cell spanning rows
/// covers are skipped in the rows below it; spans are cut at the part's last row and at
/// [`MAX_COLUMNS`].
fn place_cells(rows: &[agendapack_doc::Row]) -> Vec<Vec<(usize, usize, usize)>> {
    let mut busy_until: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        let mut col = 0;
        let mut placed = Vec::with_capacity(row.cells.len());
        for cell in &row.cells {
            while busy_until.get(col).is_some_and(|&until| until > r) {
                col += 1;
            }
            if col >= MAX_COLUMNS {
                break;
            }
            let span = (cell.colspan.max(1) as usize).min(MAX_COLUMNS - col);
            let down = (cell.rowspan.max(1) as usize).min(rows.len() - r);
            if busy_until.len() < col + span {
                busy_until.resize(col + span, 0);
            }
            busy_until[col..col + span].iter_mut().for_each(|u| *u = r + down);
            placed.push((col, span, down));
            col += span;
        }
        out.push(placed);
    }
    out
}

/// Column widths (summing to `width`) and the table's text scale, from cell content and
/// fixed shares (see [`crate::columns`]).
#[allow(clippy::too_many_arguments)]
fn column_plan(ctx: &mut Ctx, table: &Table, places: &[Vec<(usize, usize, usize)>], ncols: usize, width: f32, pad: f32, frame: Frame) -> ColumnPlan {
    let style = ctx.style;
    let floor = style.min_column_width.min(width / ncols as f32);
    // Text widths at the frame's size, without padding; `base` holds what does not scale.
    let mut mins = vec![0.0f32; ncols];
    let mut maxs = vec![0.0f32; ncols];
    let mut long: Vec<Vec<(f32, f32)>> = vec![Vec::new(); ncols];
    let mut spanning = Vec::new();
    let header_rows = table.header.len();
    // Lines of full-size table text in a page, less room for a repeated header.
    let page_lines = 0.75 * style.text_height() / (style.body_size * frame.scale * style.line_height).max(f32::MIN_POSITIVE);
    let tall_threshold = 0.5 * page_lines * width / ncols as f32;
    for (r, (row, placed)) in table.header.iter().chain(&table.body).zip(places).enumerate() {
        for (cell, &(col, span, _)) in row.cells.iter().zip(placed) {
            if col >= ncols {
                break;
            }
            let span = span.min(ncols - col);
            let w = blocks_widths(ctx, &cell.blocks, r < header_rows, frame.scale, frame.depth + 1);
            let (a, b) = (w.min, w.max);
            if span == 1 {
                mins[col] = mins[col].max(a);
                maxs[col] = maxs[col].max(b);
                // Only cells that could outgrow a page even in a fair share of the width
                // are worth estimating heights for.
                if w.total > tall_threshold {
                    long[col].push((w.total, w.blocks));
                }
            } else {
                spanning.push((col, span, a, b));
            }
        }
    }
    for (col, span, a, b) in spanning {
        // A spanning cell's padding between the columns it covers is room for its text.
        let inner = (span - 1) as f32 * 2.0 * pad;
        for (v, want) in [(&mut mins, a - inner), (&mut maxs, b - inner)] {
            let have: f32 = v[col..col + span].iter().sum();
            if want > have {
                let extra = (want - have) / span as f32;
                v[col..col + span].iter_mut().for_each(|w| *w += extra);
            }
        }
    }
    let needs: Vec<ColumnNeed> = (0..ncols)
        .map(|i| {
            let preferred = table.columns.get(i).and_then(|c| c.width).filter(|w| w.is_finite() && *w > 0.0).map(|w| w.min(1.0) * width);
            // A column narrower than the floor would be unreadable even when empty.
            let base = (2.0 * pad).max(floor - mins[i]);
            ColumnNeed { base, min: mins[i], max: maxs[i].max(mins[i]), preferred, long: std::mem::take(&mut long[i]) }
        })
        .collect();
    let min_scale = style.table_min_text_size / (style.body_size * frame.scale).max(f32::MIN_POSITIVE);
    columns::plan(&needs, width, min_scale, page_lines)
}

/// One laid-out cell of a row group: its box (y from the group's top) and content.
struct CellBox {
    x0: f32,
    x1: f32,
    y0: f32,
    y1: f32,
    fill: Option<Color>,
    stacked: Stacked,
}

/// Rows joined by cells that span rows (or one row alone), laid out as one box before
/// splitting: it moves to the next page whole, or is cut where every cell allows.
struct RowBox {
    height: f32,
    cells: Vec<CellBox>,
    /// Where the rows inside the group meet (good places to cut).
    row_edges: Vec<f32>,
}

/// How a table part's cells are set: tagging, header or body.
#[derive(Clone, Copy)]
struct PartSetting {
    is_header: bool,
    data_table: bool,
    group: u32,
}

pub(crate) fn table(ctx: &mut Ctx, table: &Table, frame: Frame, out: &mut Vec<Slice>) {
    let style = ctx.style;
    let mut places = place_cells(&table.header);
    places.extend(place_cells(&table.body));
    let used = places.iter().flatten().map(|&(c, s, _)| c + s).max().unwrap_or(0);
    let ncols = table.columns.len().max(used).clamp(1, MAX_COLUMNS);
    let width = frame.width;
    let pad = style.cell_padding.min(width / ncols as f32 / 6.0);
    let ColumnPlan { widths, text_scale } = column_plan(ctx, table, &places, ncols, width, pad, frame);
    let frame = Frame { scale: frame.scale * text_scale, ..frame };
    let mut xs = Vec::with_capacity(ncols + 1);
    let mut x = frame.x;
    for w in &widths {
        xs.push(x);
        x += w;
    }
    xs.push(frame.x + width);
    let aligns: Vec<Align> = table.columns.iter().map(|c| c.align).collect();
    // A table without header rows only arranges its cells (a cover sheet's box): tagging it
    // as a data table would promise headers it does not have, so it is a grouping of groupings.
    let data_table = !table.header.is_empty();
    let table_node = ctx.node(Some(frame.parent), if data_table { StructKind::Table } else { StructKind::Division });
    let head_node = data_table.then(|| ctx.node(Some(table_node), StructKind::TableHead));
    let body_node = if data_table { ctx.node(Some(table_node), StructKind::TableBody) } else { table_node };
    let page_h = style.text_height();
    let mut header = RepeatedHeader::default();
    let header_index = ctx.headers.len() as u32;
    let (head_places, body_places) = places.split_at(table.header.len());
    for (rows, places, is_header) in [(&table.header, head_places, true), (&table.body, body_places, false)] {
        let part = PartSetting { is_header, data_table, group: if is_header { head_node.unwrap_or(body_node) } else { body_node } };
        let mut r = 0;
        while r < rows.len() {
            // The group ends at the last row any of its cells reaches.
            let mut end = r;
            let mut k = r;
            while k <= end {
                end = end.max(places[k].iter().map(|&(_, _, down)| k + down - 1).max().unwrap_or(k));
                k += 1;
            }
            let rb = row_group(ctx, &rows[r..=end], &places[r..=end], &xs, &aligns, pad, frame, part);
            r = end + 1;
            let avail = if is_header { page_h } else { (page_h - header.height.min(page_h / 2.0)).max(page_h / 2.0) };
            let slices = split_row(rb, avail, pad, table.ruled, style.table_rule_width, style.rule_color, frame.x, frame.x + width);
            for mut slice in slices {
                if is_header {
                    slice.keep_with_next = true;
                    header.height += slice.height;
                    header.slices.push(slice.clone());
                } else if !header.slices.is_empty() {
                    slice.repeat_header = Some(header_index);
                }
                out.push(slice);
            }
        }
    }
    ctx.headers.push(header);
    out.push(Slice::space(style.paragraph_spacing));
}

/// Lays out the rows of one group: each cell's content at its width, row heights from the
/// cells of one row, then the rows' heights stretched (the last row of a span) so that
/// every cell spanning rows fits.
#[allow(clippy::too_many_arguments)]
fn row_group(ctx: &mut Ctx, rows: &[agendapack_doc::Row], places: &[Vec<(usize, usize, usize)>], xs: &[f32], aligns: &[Align], pad: f32, frame: Frame, part: PartSetting) -> RowBox {
    let style = ctx.style;
    let ncols = xs.len() - 1;
    let min_row = 2.0 * pad + style.body_size * frame.scale * style.line_height;
    let mut heights = vec![0.0f32; rows.len()];
    // (row, last row, x0, x1, fill, content)
    let mut laid: Vec<(usize, usize, f32, f32, Option<Color>, Stacked)> = Vec::new();
    for (r, (row, placed)) in rows.iter().zip(places).enumerate() {
        let row_node = ctx.node(Some(part.group), if part.data_table { StructKind::TableRow } else { StructKind::Division });
        for (cell, &(col, span, down)) in row.cells.iter().zip(placed) {
            if col >= ncols {
                break;
            }
            let span = span.min(ncols - col);
            let down = down.min(rows.len() - r);
            let (x0, x1) = (xs[col], xs[col + span]);
            let cell_span = CellSpan { cols: span as u16, rows: down as u16 };
            let kind = match (part.data_table, part.is_header) {
                (false, _) => StructKind::Division,
                (true, true) => StructKind::TableHeaderCell(cell_span),
                (true, false) => StructKind::TableCell(cell_span),
            };
            let node = ctx.node(Some(row_node), kind);
            let inner_w = (x1 - x0 - 2.0 * pad).max(0.5);
            // In a column narrower than a letter, shrink the text so that it stays in its cell.
            let scale = frame.scale * (inner_w / (style.body_size * frame.scale).max(f32::MIN_POSITIVE)).clamp(0.02, 1.0);
            let inner = Frame { x: x0 + pad, width: inner_w, depth: frame.depth + 1, list_depth: 0, parent: node, bold: part.is_header, scale, in_cell: true, align: aligns.get(col).copied().unwrap_or(Align::Start) };
            let mut slices = Vec::new();
            ctx.blocks(&cell.blocks, inner, &mut slices);
            trim_trailing_space(&mut slices, 0);
            let stacked = stack_with_cuts(slices);
            if down == 1 {
                heights[r] = heights[r].max(stacked.slice.height + 2.0 * pad);
            }
            let fill = cell.fill.or(if part.is_header { style.header_fill } else { None });
            laid.push((r, r + down - 1, x0, x1, fill, stacked));
        }
    }
    for h in &mut heights {
        if *h <= 2.0 * pad {
            *h = min_row;
        }
    }
    for (r0, r1, _, _, _, stacked) in &laid {
        let need = stacked.slice.height + 2.0 * pad;
        let have: f32 = heights[*r0..=*r1].iter().sum();
        if need > have {
            heights[*r1] += need - have;
        }
    }
    let mut tops = Vec::with_capacity(rows.len() + 1);
    let mut y = 0.0;
    for h in &heights {
        tops.push(y);
        y += h;
    }
    tops.push(y);
    let cells = laid.into_iter().map(|(r0, r1, x0, x1, fill, stacked)| CellBox { x0, x1, y0: tops[r0], y1: tops[r1 + 1], fill, stacked }).collect();
    RowBox { height: y, cells, row_edges: tops[1..rows.len()].to_vec() }
}

/// Turns a row group into slices no taller than `avail`, cutting only where every cell is
/// between two lines, past its end, or at its edge (preferring the latest such place).
#[allow(clippy::too_many_arguments)]
fn split_row(rb: RowBox, avail: f32, pad: f32, ruled: bool, rule_w: f32, color: Color, left: f32, right: f32) -> Vec<Slice> {
    let mut cuts = vec![0.0f32];
    let mut start = 0.0f32;
    // Where each cell allows a cut, from the group's top.
    let allowed: Vec<Vec<f32>> = rb.cells.iter().map(|c| c.stacked.cuts.iter().map(|k| c.y0 + pad + k).collect()).collect();
    while rb.height - start > avail + 0.01 {
        let limit = start + avail;
        let ok = |y: f32| {
            rb.cells.iter().zip(&allowed).all(|(c, cuts)| {
                y <= c.y0 + 0.01 || y >= c.y1 - 0.01 || y >= c.y0 + c.stacked.slice.height + pad - 0.01 || cuts.iter().any(|k| (k - y).abs() < 0.01)
            })
        };
        let best = allowed
            .iter()
            .flatten()
            .copied()
            .chain(rb.row_edges.iter().copied())
            .filter(|&y| y > start + 0.01 && y <= limit && ok(y))
            .fold(None, |acc: Option<f32>, y| Some(acc.map_or(y, |a| a.max(y))));
        let cut = best.unwrap_or(limit);
        cuts.push(cut);
        start = cut;
    }
    cuts.push(rb.height);
    let n = cuts.len() - 1;
    let mut slices: Vec<Slice> = (0..n).map(|k| Slice::new(SliceKind::Content, cuts[k + 1] - cuts[k])).collect();
    // A cell's box within slice k, from the slice's top: (top, bottom), or None outside it.
    let clip = |k: usize, y0: f32, y1: f32| -> Option<(f32, f32)> {
        let (top, bottom) = (y0.max(cuts[k]), y1.min(cuts[k + 1]));
        (bottom > top + 0.001).then(|| (top - cuts[k], bottom - cuts[k]))
    };
    for c in &rb.cells {
        if let Some(fill) = c.fill {
            for (k, s) in slices.iter_mut().enumerate() {
                if let Some((top, bottom)) = clip(k, c.y0, c.y1) {
                    s.items.push(Placed::Rect(FilledRect { rect: Rect { x: c.x0, y: top, width: c.x1 - c.x0, height: bottom - top }, fill, tag: Tag::ARTIFACT }));
                }
            }
        }
    }
    let chunk_of = |y: f32| cuts[1..].iter().position(|&c| y < c - 0.01).unwrap_or(n - 1);
    let mut rules: Vec<(f32, f32, f32, f32)> = Vec::new();
    for c in rb.cells {
        rules.push((c.x0, c.x1, c.y0, c.y1));
        let content = c.stacked.slice;
        let offset = c.y0 + pad;
        if content.first_baseline.is_some() {
            if let Some(first) = slices.first_mut() {
                if first.first_baseline.is_none() && c.y0 < 0.01 {
                    first.first_baseline = content.first_baseline.map(|b| b + pad);
                }
            }
        }
        for mut item in content.items {
            let key = match &item {
                Placed::Text(t) => t.origin.y - t.size * 0.5,
                Placed::Line(l) => l.from.y.min(l.to.y),
                Placed::Rect(r) => r.rect.y,
                Placed::Image(i) => i.rect.y,
            } + offset;
            let k = chunk_of(key);
            shift_item(&mut item, 0.0, offset - cuts[k]);
            slices[k].items.push(item);
        }
        for mut link in content.links {
            let k = chunk_of(link.rect.y + offset);
            link.rect.y += offset - cuts[k];
            slices[k].links.push(link);
        }
        for mark in content.marks {
            let (Mark::Anchor { y, .. } | Mark::Outline { y, .. }) = &mark;
            let k = chunk_of(*y + offset);
            let shifted = match mark {
                Mark::Anchor { name, y } => Mark::Anchor { name, y: y + offset - cuts[k] },
                Mark::Outline { title, level, y } => Mark::Outline { title, level, y: y + offset - cuts[k] },
            };
            slices[k].marks.push(shifted);
        }
    }
    if ruled {
        for (k, s) in slices.iter_mut().enumerate() {
            let h = s.height;
            s.items.push(line(left, right, 0.0, rule_w, color));
            s.items.push(line(left, right, h, rule_w, color));
            s.items.push(vline(left, 0.0, h, rule_w, color));
            s.items.push(vline(right, 0.0, h, rule_w, color));
            // Each cell is ruled round its own box, so a cell spanning rows has no rule
            // across it where its neighbours' rows meet.
            for &(x0, x1, y0, y1) in &rules {
                if let Some((top, bottom)) = clip(k, y0, y1) {
                    s.items.push(vline(x0, top, bottom, rule_w, color));
                    s.items.push(vline(x1, top, bottom, rule_w, color));
                    if bottom < h - 0.01 {
                        s.items.push(line(x0, x1, bottom, rule_w, color));
                    }
                }
            }
        }
    }
    slices
}
