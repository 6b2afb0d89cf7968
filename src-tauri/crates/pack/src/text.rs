//! The small vocabulary the generated documents share: how council papers print dates and
//! times ("Wednesday, 2 December 2020 - 7:00 pm"), lists of names ("A, B and C"), and short
//! constructors for document-tree blocks. Markdown from the data goes through [`markdown`],
//! which collects the parser's diagnostics as warnings.
//!
//! Deliberately not here: any layout decision (sizes are relative `scale`s, nothing in points).

use agendapack_doc::{markdown as md, Align, Block, Heading, Inline, Paragraph};
use chrono::{NaiveDate, NaiveTime, Timelike};

/// "Wednesday, 2 December 2020".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%A, %-d %B %Y").to_string()
}

/// "2 December 2020".
pub fn plain_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// "7:00 pm".
pub fn clock(time: NaiveTime) -> String {
    time.format("%-I:%M %P").to_string()
}

/// "(7:01 - 9:19 pm)", or "(11:30 am - 1:15 pm)" when the span crosses noon.
pub fn time_span(from: NaiveTime, to: NaiveTime) -> String {
    if (from.hour() < 12) == (to.hour() < 12) {
        format!("({} - {})", from.format("%-I:%M"), clock(to))
    } else {
        format!("({} - {})", clock(from), clock(to))
    }
}

/// "A", "A and B", "A, B and C".
pub fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub fn para(content: Vec<Inline>) -> Block {
    Block::Paragraph(Paragraph::new(content))
}

pub fn para_aligned(content: Vec<Inline>, align: Align, scale: f32) -> Block {
    Block::Paragraph(Paragraph { content, align, scale })
}

/// A heading that does not go into the outline: the pack makes its own outline (one entry per
/// item), so headings of generated documents stay out of it.
pub fn heading(level: u8, content: Vec<Inline>) -> Block {
    Block::Heading(Heading { level, content, outline: false, align: Align::Start })
}

pub fn heading_centered(level: u8, content: Vec<Inline>) -> Block {
    Block::Heading(Heading { level, content, outline: false, align: Align::Center })
}

/// Parses Markdown from the data into blocks. Parser diagnostics are collected in `warnings`
/// prefixed with `context` (which paper they come from), never turned into failures: a pack
/// with a badly formatted paragraph is still a pack.
pub fn markdown(source: &str, context: &str, warnings: &mut Vec<String>) -> Vec<Block> {
    markdown_with(source, context, &|_| None, warnings)
}

/// [`markdown`] with pictures: `resolve` gives the bytes of `![alt](src)`'s `src`.
pub fn markdown_with(source: &str, context: &str, resolve: &dyn Fn(&str) -> Option<Vec<u8>>, warnings: &mut Vec<String>) -> Vec<Block> {
    if source.trim().is_empty() {
        return Vec::new();
    }
    let parsed = md::parse(source, &md::ParseOptions { resolve_image: resolve, fallback_title: context });
    for d in &parsed.diagnostics {
        warnings.push(format!("{context}, line {} column {}: {}: {}", d.line, d.column, d.severity, d.message));
    }
    let mut blocks = parsed.document.blocks;
    // Footnotes of embedded Markdown are printed right after its text.
    for footnote in parsed.document.footnotes {
        let mut content = vec![Inline::plain(format!("{} ", footnote.number))];
        match footnote.blocks.first() {
            Some(Block::Paragraph(p)) => {
                content.extend(p.content.iter().cloned());
                blocks.push(para(content));
                blocks.extend(footnote.blocks.into_iter().skip(1));
            }
            _ => {
                blocks.push(para(content));
                blocks.extend(footnote.blocks);
            }
        }
    }
    strip_outline(&mut blocks);
    blocks
}

/// Markdown headings would otherwise each add a bookmark; the pack's outline is per item.
fn strip_outline(blocks: &mut [Block]) {
    for block in blocks {
        match block {
            Block::Heading(h) => h.outline = false,
            Block::Quote(inner) | Block::KeepTogether(inner) => strip_outline(inner),
            Block::Division(d) => strip_outline(&mut d.blocks),
            Block::List(list) => list.items.iter_mut().for_each(|i| strip_outline(&mut i.blocks)),
            Block::Table(t) => t
                .header
                .iter_mut()
                .chain(t.body.iter_mut())
                .flat_map(|r| r.cells.iter_mut())
                .for_each(|c| strip_outline(&mut c.blocks)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_print_as_council_papers_do() {
        let date = NaiveDate::from_ymd_opt(2020, 12, 2).expect("valid");
        assert_eq!(long_date(date), "Wednesday, 2 December 2020", "seed 001's notice");
        assert_eq!(clock(NaiveTime::from_hms_opt(19, 0, 0).expect("valid")), "7:00 pm", "seed 001's time");
        let span = time_span(NaiveTime::from_hms_opt(19, 1, 0).expect("valid"), NaiveTime::from_hms_opt(21, 19, 0).expect("valid"));
        assert_eq!(span, "(7:01 - 9:19 pm)", "seed 001's minutes print the meridiem once");
        let span = time_span(NaiveTime::from_hms_opt(11, 30, 0).expect("valid"), NaiveTime::from_hms_opt(13, 15, 0).expect("valid"));
        assert_eq!(span, "(11:30 am - 1:15 pm)", "a span across noon needs both");
    }

    #[test]
    fn names_join_with_and() {
        let names: Vec<String> = ["A", "B", "C"].iter().map(|s| s.to_string()).collect();
        assert_eq!(join_names(&names), "A, B and C");
        assert_eq!(join_names(&names[..1]), "A");
    }
}
