//! The council cover sheet: when the body begins with a table of labels and values (Title,
//! Report of, Open/Exempt, For Decision/For Information, Wards Affected, Key Decision, Report
//! Author, Contact Details, Accountable Director, Summary, Recommendation(s), Reason(s)), its
//! values fill [`CoverFields`] and the table leaves the body.
//!
//! Cells are read in reading order; a cell that starts with a label takes its value from the
//! rest of the cell, else from the next cell (so one or two columns, side by side or one
//! under the other, all read). Rows holding anything that could not be placed stay in the
//! body as a table. Fewer than two labels: not a cover sheet, nothing changes.

use crate::render::{self, Block, Cell, Table};
use crate::{CoverAuthor, CoverFields};

/// Blocks (a committee name, a date) allowed before the cover table.
const MAX_LEADING_BLOCKS: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    ReportOf,
    Decision,
    Access,
    Wards,
    KeyDecision,
    Author,
    Contact,
    Director,
    Summary,
    Recommendations,
    Reasons,
}

/// Labels as they appear (lower case, without a trailing colon), longest first where one
/// starts another.
const LABELS: &[(&str, Field)] = &[
    ("title of report", Field::Title),
    ("report title", Field::Title),
    ("title", Field::Title),
    ("subject", Field::Title),
    ("report of", Field::ReportOf),
    ("report from", Field::ReportOf),
    ("report by", Field::ReportOf),
    ("for decision/for information", Field::Decision),
    ("for decision / for information", Field::Decision),
    ("for decision or for information", Field::Decision),
    ("for decision/information", Field::Decision),
    ("decision or information", Field::Decision),
    ("open/exempt report", Field::Access),
    ("open / exempt report", Field::Access),
    ("open or exempt report", Field::Access),
    ("open/exempt", Field::Access),
    ("open or exempt", Field::Access),
    ("wards affected", Field::Wards),
    ("ward(s) affected", Field::Wards),
    ("key decision", Field::KeyDecision),
    ("report authors", Field::Author),
    ("report author(s)", Field::Author),
    ("report author", Field::Author),
    ("author", Field::Author),
    ("contact officer", Field::Author),
    ("contact details", Field::Contact),
    ("accountable director", Field::Director),
    ("accountable strategic leadership director", Field::Director),
    ("responsible director", Field::Director),
    ("executive summary", Field::Summary),
    ("summary", Field::Summary),
    ("purpose of report", Field::Summary),
    ("purpose of the report", Field::Summary),
    ("recommendation(s)", Field::Recommendations),
    ("recommendations", Field::Recommendations),
    ("recommendation", Field::Recommendations),
    ("reason(s)", Field::Reasons),
    ("reasons for recommendation(s)", Field::Reasons),
    ("reasons for recommendations", Field::Reasons),
    ("reasons", Field::Reasons),
    ("reason", Field::Reasons),
];

/// A cell that is a value by itself: "Open Report", "For Decision".
fn standalone(text: &str) -> Option<(Field, &'static str)> {
    match normalise(text).as_str() {
        "open report" | "open" | "public report" => Some((Field::Access, "open")),
        "exempt report" | "exempt" | "confidential report" => Some((Field::Access, "exempt")),
        "for decision" => Some((Field::Decision, "For Decision")),
        "for information" | "for noting" => Some((Field::Decision, "For Information")),
        _ => None,
    }
}

fn normalise(text: &str) -> String {
    let t = text.trim().trim_end_matches([':', '*', ' ']).trim_start_matches('*');
    t.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The label a text starts with, and the rest of the text after it.
fn label(text: &str) -> Option<(Field, String)> {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = flat.to_lowercase();
    let mut best: Option<(usize, Field)> = None;
    for (l, f) in LABELS {
        if let Some(after) = lower.strip_prefix(l) {
            let after = after.chars().next();
            let ends = matches!(after, None | Some(':' | ' ' | '-' | '–' | '\t'));
            if ends && best.map_or(true, |(n, _)| l.len() > n) {
                best = Some((l.len(), *f));
            }
        }
    }
    let (n, field) = best?;
    // Lower-casing can change byte lengths (the Kelvin sign becomes `k`): no match then.
    let tail = flat.get(n..)?;
    let rest = tail.trim_start_matches([':', ' ', '-', '–']).trim().to_string();
    // "Title" followed by a long sentence without a colon is prose, not a label.
    if !rest.is_empty() && !tail.trim_start().starts_with(':') && rest.split_whitespace().count() > 12 && field != Field::Title {
        return None;
    }
    // "Report of the Director of My Place" is kept whole, as the cover sheet prints it.
    if field == Field::ReportOf && !tail.trim_start().starts_with(':') && !rest.is_empty() {
        return Some((field, flat));
    }
    Some((field, rest))
}

/// Takes the cover table out of `blocks` into fields; `None` when there is no cover sheet.
pub fn extract(blocks: &mut Vec<Block>) -> CoverFields {
    let Some(index) = blocks.iter().take(MAX_LEADING_BLOCKS + 1).position(|b| matches!(b, Block::Table(_))) else {
        return CoverFields::default();
    };
    let Block::Table(table) = &blocks[index] else { return CoverFields::default() };
    let Some((cover, leftover)) = read_table(table) else { return CoverFields::default() };
    match leftover {
        Some(t) => blocks[index] = Block::Table(t),
        None => {
            blocks.remove(index);
        }
    }
    cover
}

fn read_table(table: &Table) -> Option<(CoverFields, Option<Table>)> {
    // (row, column, blocks) of cells with content, in reading order.
    let cells: Vec<(usize, usize, &Vec<Block>)> = table
        .rows
        .iter()
        .enumerate()
        .flat_map(|(r, row)| {
            row.iter().enumerate().filter_map(move |(c, cell)| match cell {
                Cell::Content(b) if b.iter().any(|b| !b.plain().trim().is_empty()) => Some((r, c, b)),
                _ => None,
            })
        })
        .collect();
    let mut used = vec![false; cells.len()];
    let mut cover = CoverFields::default();
    let mut labels = 0;
    let mut i = 0;
    while i < cells.len() {
        let blocks = cells[i].2;
        let first = blocks[0].plain();
        if let Some((field, value)) = standalone(&first).filter(|_| blocks.len() == 1) {
            labels += 1;
            used[i] = true;
            set_plain(&mut cover, field, value.to_string());
            i += 1;
            continue;
        }
        let Some((field, rest)) = label(&first) else {
            i += 1;
            continue;
        };
        labels += 1;
        used[i] = true;
        let mut value: Vec<Block> = Vec::new();
        if !rest.is_empty() {
            value.push(Block::Paragraph { text: render::escape(&rest), plain: rest.clone(), label: None, welsh: false });
        }
        value.extend(blocks[1..].iter().cloned());
        if value.is_empty() {
            if let Some(next) = cells.get(i + 1) {
                let next_first = next.2[0].plain();
                if label(&next_first).is_none() && standalone(&next_first).is_none() {
                    value = next.2.clone();
                    used[i + 1] = true;
                    i += 1;
                }
            }
        }
        fill(&mut cover, field, &value);
        i += 1;
    }
    if labels < 2 {
        return None;
    }
    let keep_rows: Vec<usize> = {
        let mut rows: Vec<usize> = cells.iter().zip(&used).filter(|(_, u)| !**u).map(|(c, _)| c.0).collect();
        rows.dedup();
        rows
    };
    let leftover = if keep_rows.is_empty() {
        None
    } else {
        Some(Table { rows: keep_rows.iter().map(|r| table.rows[*r].clone()).collect() })
    };
    Some((cover, leftover))
}

fn plain_value(value: &[Block]) -> String {
    value.iter().map(Block::plain).map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}

fn mark(cover: &mut CoverFields, name: &str) {
    if !cover.filled.iter().any(|f| f == name) {
        cover.filled.push(name.to_string());
    }
}

fn set_plain(cover: &mut CoverFields, field: Field, value: String) {
    if value.trim().is_empty() {
        return;
    }
    let (slot, name) = match field {
        Field::Title => (&mut cover.title, "title"),
        Field::ReportOf => (&mut cover.report_of, "report_of"),
        Field::Decision => (&mut cover.decision, "decision"),
        Field::Access => (&mut cover.access, "access"),
        Field::Wards => (&mut cover.wards_affected, "wards_affected"),
        Field::KeyDecision => (&mut cover.key_decision, "key_decision"),
        Field::Director => (&mut cover.accountable_director, "accountable_director"),
        _ => return,
    };
    if slot.is_none() {
        *slot = Some(value);
        mark(cover, name);
    }
}

fn fill(cover: &mut CoverFields, field: Field, value: &[Block]) {
    match field {
        Field::Summary | Field::Recommendations | Field::Reasons => {
            let md = render::markdown(value);
            if md.trim().is_empty() {
                return;
            }
            let (slot, name) = match field {
                Field::Summary => (&mut cover.summary, "summary"),
                Field::Recommendations => (&mut cover.recommendations, "recommendations"),
                _ => (&mut cover.reasons, "reasons"),
            };
            if slot.is_none() {
                *slot = Some(md);
                mark(cover, name);
            }
        }
        Field::Access => {
            let v = plain_value(value).to_lowercase();
            // A label whose value is in the next cell ("Open/Exempt Report:" | "Exempt") arrives
            // here empty: saying "open" now would win over the "Exempt" read next (first wins).
            if v.trim().is_empty() {
                return;
            }
            let access = if v.contains("exempt") || v.contains("confidential") || v.contains("not for publication") { "exempt" } else { "open" };
            set_plain(cover, Field::Access, access.to_string());
        }
        Field::Author => {
            let text = value.iter().map(Block::plain).collect::<Vec<_>>().join("\n");
            if let Some(author) = author(&text) {
                cover.authors.push(author);
                mark(cover, "authors");
            }
        }
        Field::Contact => {
            let text = plain_value(value);
            let (phone, email) = contact(&text);
            if let Some(a) = cover.authors.last_mut() {
                a.phone = a.phone.take().or(phone);
                a.email = a.email.take().or(email);
            } else if phone.is_some() || email.is_some() {
                cover.authors.push(CoverAuthor { name: String::new(), job_title: None, phone, email });
                mark(cover, "authors");
            }
        }
        _ => set_plain(cover, field, plain_value(value)),
    }
}

/// "Name – Job title" (or "Name, Job title"), with a phone and e-mail when the cell has them.
fn author(text: &str) -> Option<CoverAuthor> {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let first = *lines.first()?;
    let (name, job) = match first.split_once(" – ").or_else(|| first.split_once(" - ")).or_else(|| first.split_once(", ")) {
        Some((n, j)) => (n.trim().to_string(), Some(j.trim().to_string())),
        None => (first.to_string(), lines.get(1).filter(|l| !l.contains('@') && !l.to_lowercase().starts_with("tel")).map(|l| l.to_string())),
    };
    let (phone, email) = contact(text);
    Some(CoverAuthor { name, job_title: job.filter(|j| !j.is_empty()), phone, email })
}

/// A phone number (ten or more digits, spaces allowed) and an e-mail address found in text.
fn contact(text: &str) -> (Option<String>, Option<String>) {
    let email = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '<' || c == '>')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .find(|w| w.contains('@') && w.contains('.'))
        .map(str::to_string);
    let mut phone = None;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() || (chars[i] == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit)) {
            let start = i;
            let mut digits = 0;
            let mut end = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || matches!(chars[i], ' ' | '+' | '(' | ')' | '-')) {
                if chars[i].is_ascii_digit() {
                    digits += 1;
                    end = i + 1;
                }
                i += 1;
            }
            if digits >= 10 {
                phone = Some(chars[start..end].iter().collect::<String>().trim().to_string());
                break;
            }
        }
        i += 1;
    }
    (phone, email)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(t: &str) -> Block {
        Block::Paragraph { text: render::escape(t), plain: t.into(), label: None, welsh: false }
    }

    fn cell(ps: &[&str]) -> Cell {
        Cell::Content(ps.iter().map(|p| para(p)).collect())
    }

    #[test]
    fn two_column_cover_fills_fields_and_leaves_the_body() {
        let table = Table {
            rows: vec![
                vec![cell(&["Title:"]), cell(&["Budget Monitoring 2020/21"])],
                vec![cell(&["Report of the Cabinet Member for Finance"]), Cell::JoinLeft],
                vec![cell(&["Open Report"]), cell(&["For Decision"])],
                vec![cell(&["Wards Affected: All"]), cell(&["Key Decision: No"])],
                vec![cell(&["Report Author: Jane Smith – Finance Manager"]), cell(&["Contact Details:", "Tel: 020 8227 3369", "E-mail: jane.smith@example.gov.uk"])],
                vec![cell(&["Summary"]), cell(&["The budget is on track."])],
                vec![cell(&["Something else entirely"]), cell(&["kept"])],
            ],
        };
        let mut blocks = vec![Block::Table(table), para("1.1 Body")];
        let cover = extract(&mut blocks);
        assert_eq!(cover.title.as_deref(), Some("Budget Monitoring 2020/21"));
        assert_eq!(cover.report_of.as_deref(), Some("Report of the Cabinet Member for Finance"));
        assert_eq!(cover.access.as_deref(), Some("open"));
        assert_eq!(cover.decision.as_deref(), Some("For Decision"));
        assert_eq!(cover.wards_affected.as_deref(), Some("All"));
        assert_eq!(cover.key_decision.as_deref(), Some("No"));
        assert_eq!(cover.authors[0].name, "Jane Smith");
        assert_eq!(cover.authors[0].job_title.as_deref(), Some("Finance Manager"));
        assert_eq!(cover.authors[0].phone.as_deref(), Some("020 8227 3369"));
        assert_eq!(cover.authors[0].email.as_deref(), Some("jane.smith@example.gov.uk"));
        assert_eq!(cover.summary.as_deref(), Some("The budget is on track."));
        // The unplaced row stays in the body, as a table, before the body text.
        assert_eq!(blocks.len(), 2);
        assert!(matches!(&blocks[0], Block::Table(t) if t.rows.len() == 1));
    }

    #[test]
    fn labels_never_split_a_character() {
        // U+212A KELVIN SIGN lower-cases to an ASCII `k`, one byte shorter than it is.
        // Whatever it matches, reading it must not panic on a byte offset inside a character.
        let _ = label("\u{212A}ey decision: yes");
        assert_eq!(label("Key Decision: No").map(|(_, v)| v).as_deref(), Some("No"));
    }

    #[test]
    fn a_table_with_one_label_is_not_a_cover() {
        let table = Table { rows: vec![vec![cell(&["Title"]), cell(&["x"])], vec![cell(&["a"]), cell(&["b"])]] };
        let mut blocks = vec![Block::Table(table)];
        let cover = extract(&mut blocks);
        assert!(cover.filled.is_empty());
        assert_eq!(blocks.len(), 1);
    }
}
