//! The five seeds, converted to .docx by pandoc (tests/fixtures/docx/make_fixtures.sh), read
//! back: the words of the seed text are recovered (recall at least 0.99, measured on the
//! doc crate's reading of our Markdown), and headings, list items, table cells and pictures
//! counted in our Markdown equal those in the .docx's own XML.

mod support;

use support::*;

const SEEDS: [&str; 5] = ["000", "001", "002", "003", "004"];

#[test]
fn every_seed_docx_keeps_at_least_99_percent_of_the_seed_words() {
    for seed in SEEDS {
        let paper = agendapack_docx::read_docx(&fixture(&format!("seed_{seed}.docx"))).expect("the seed reads");
        let text = document_text(&paper.markdown);
        let (r, missing) = recall(&seed_text(seed), &text);
        eprintln!("seed {seed}: word recall {r:.4}");
        assert!(r >= 0.99, "seed {seed}: recall {r:.4}; missing e.g. {:?}", &missing[..missing.len().min(40)]);
    }
}

/// Counts in the .docx XML, by plain string matching (independent of the reader). List
/// items are numbered or bulleted paragraphs (numbering given directly, or by a List Bullet
/// style) with some text: an empty bulleted paragraph carries nothing and is left out.
fn source_counts(xml: &str) -> [usize; 4] {
    let body_outside_tables = strip_tables(xml);
    let list_items = body_outside_tables
        .split("<w:p>")
        .flat_map(|s| s.split("<w:p "))
        .filter(|p| p.contains("<w:numPr>") || p.contains("w:val=\"ListBullet"))
        .filter(|p| p.split("</w:p>").next().is_some_and(|p| p.contains("<w:t>") || p.contains("<w:t ")))
        .count();
    [
        xml.matches("<w:pStyle w:val=\"Heading").count(),
        list_items,
        xml.matches("<w:tc>").count() + xml.matches("<w:tc ").count(),
        xml.matches("<w:drawing>").count(),
    ]
}

fn strip_tables(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<w:tbl>") {
        out.push_str(&rest[..i]);
        let Some(j) = rest[i..].find("</w:tbl>") else { break };
        rest = &rest[i + j + 8..];
    }
    out.push_str(rest);
    out
}

/// Counts in our Markdown: `#` headings, list items (bullets and `LABEL<TAB>` paragraphs)
/// outside tables, table cells that are not `<` joins, pictures.
fn markdown_counts(md: &str) -> [usize; 4] {
    let mut counts = [0; 4];
    for line in md.lines() {
        let t = line.trim_start();
        if t.starts_with('#') && t.trim_start_matches('#').starts_with(' ') {
            counts[0] += 1;
        } else if t.starts_with("- ") || (line.contains('\t') && !line.starts_with('|')) {
            counts[1] += 1;
        } else if line.starts_with('|') && !line.starts_with("| ---") {
            let cells = split_cells(line);
            counts[2] += cells.iter().filter(|c| c.trim() != "<").count();
        }
        counts[3] += line.matches("](media:").count();
    }
    counts
}

fn split_cells(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut escaped = false;
    for c in line.trim().trim_start_matches('|').chars() {
        if escaped {
            cur.push(c);
            escaped = false;
        } else if c == '\\' {
            cur.push(c);
            escaped = true;
        } else if c == '|' {
            cells.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    cells
}

#[test]
fn headings_list_items_cells_and_pictures_are_counted_equal_to_the_source_xml() {
    let mut names: Vec<String> = SEEDS.iter().map(|s| format!("seed_{s}.docx")).collect();
    names.push("seed001_corporate_plan.docx".into());
    names.push("outline.docx".into());
    names.push("council_report.docx".into());
    for name in names {
        let bytes = fixture(&name);
        let paper = agendapack_docx::read_docx(&bytes).expect("reads");
        let mut xml = part(&bytes, "word/document.xml");
        if !paper.cover.filled.is_empty() {
            // The cover-sheet table leaves the body for the cover fields: not counted.
            let (i, j) = (xml.find("<w:tbl>").expect("cover table"), xml.find("</w:tbl>").expect("its end"));
            xml.replace_range(i..j + 8, "");
        }
        let want = source_counts(&xml);
        let got = markdown_counts(&paper.markdown);
        eprintln!("{name}: [headings, list items, cells, pictures] source {want:?}, ours {got:?}");
        assert_eq!(got, want, "{name}: [headings, list items, cells, pictures]");
    }
}
