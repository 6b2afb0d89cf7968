//! The visible text of a document tree in reading order, as plain text: what a reader (or
//! `pdftotext`) should recover from the rendered PDF. Used for word-level round-trip checks
//! and search. It leaves out what layout generates (list bullets and computed numbers, footnote
//! numbers) and images, whose alt text is not printed; explicit list labels ("1.1") are kept.

use crate::{Block, Document, Inline};

/// What is still to be written: a block, or an explicit list label.
enum Pending<'a> {
    Block(&'a Block),
    Label(&'a str),
}

/// The document's text, one line per paragraph, heading, list label, table cell or code line.
/// Tables give their header rows first, then the body, row by row and cell by cell. Footnotes
/// follow the body.
pub fn document_text(document: &Document) -> String {
    let mut out = String::new();
    // An explicit stack rather than recursion: trees from hostile input can be deep.
    let mut pending: Vec<Pending> = document.blocks.iter().rev().map(Pending::Block).collect();
    let mut footnotes = document.footnotes.iter();
    loop {
        let block = match pending.pop() {
            Some(Pending::Block(block)) => block,
            Some(Pending::Label(label)) => {
                out.push_str(label);
                out.push('\n');
                continue;
            }
            None => match footnotes.next() {
                Some(note) => {
                    pending.extend(note.blocks.iter().rev().map(Pending::Block));
                    continue;
                }
                None => break,
            },
        };
        match block {
            Block::Heading(h) => line(&mut out, &h.content),
            Block::Paragraph(p) => line(&mut out, &p.content),
            Block::List(list) => {
                for item in list.items.iter().rev() {
                    pending.extend(item.blocks.iter().rev().map(Pending::Block));
                    if let Some(label) = &item.label {
                        pending.push(Pending::Label(label));
                    }
                }
            }
            Block::Table(table) => {
                for row in table.header.iter().chain(&table.body).rev() {
                    for cell in row.cells.iter().rev() {
                        pending.extend(cell.blocks.iter().rev().map(Pending::Block));
                    }
                }
            }
            Block::Quote(blocks) | Block::KeepTogether(blocks) => {
                pending.extend(blocks.iter().rev().map(Pending::Block))
            }
            Block::Division(division) => {
                pending.extend(division.blocks.iter().rev().map(Pending::Block))
            }
            Block::Code(code) => {
                out.push_str(code);
                out.push('\n');
            }
            Block::Rule
            | Block::Image(_)
            | Block::PageBreak
            | Block::OddPageBreak
            | Block::Space(_)
            | Block::Anchor(_) => {}
        }
    }
    out
}

fn line(out: &mut String, inlines: &[Inline]) {
    for inline in inlines {
        match inline {
            Inline::Text(t) => out.push_str(&t.text),
            Inline::LineBreak => out.push('\n'),
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::document_text;
    use crate::markdown::{parse, ParseOptions};

    #[test]
    fn reading_order_with_labels_tables_and_footnotes() {
        let source =
            "# T\n\n1.1 First[^n]\n\n- a\n- b\n\n| H1 | H2 |\n|--|--|\n| c | d |\n\n[^n]: Note.\n";
        let parsed = parse(source, &ParseOptions::new("x"));
        assert_eq!(
            document_text(&parsed.document),
            "T\n1.1\nFirst1\na\nb\nH1\nH2\nc\nd\nNote.\n",
            "labels before their paragraph, bullets left out, cells row by row, footnotes last"
        );
    }
}
