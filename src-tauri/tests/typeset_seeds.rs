//! Acceptance tests of issue 3 on the real documents: every seed fixture (000, 003, 004) and
//! every Markdown piece of the demo council (seed 001/002) is rendered with the real
//! `agendapack render` binary, and the PDF is checked with independent tools: `qpdf --check`
//! accepts it; `pdffonts` lists only embedded, subset fonts with Unicode maps; `pdftotext`
//! recovers every word of the source in reading order; no word box leaves the text area; the
//! action-plan tables repeat their header row on every page they continue on; Welsh and
//! typographic characters round-trip exactly.
//!
//! The expected words come from our own document tree (`agendapack_doc::text`), not from a
//! regex on the Markdown, so Markdown syntax never leaks into the comparison.

mod typeset_common;

use std::path::{Path, PathBuf};

use agendapack_doc::markdown::{parse, ParseOptions};
use agendapack_doc::text::document_text;
use agendapack_doc::{Block, Document};
use agendapack_layout::PackStyle;
use typeset_common::{pdf_pages_text, render, repo_root, tool, without_footer, word_boxes, words};

/// The documents checked: the seed fixtures and every Markdown file of the demo council.
fn documents() -> Vec<PathBuf> {
    let mut files = typeset_common::seed_fixtures();
    let demo = typeset_common::demo_papers();
    assert!(demo.len() >= 5, "the demo council's Markdown papers are expected under assets/demo (found {})", demo.len());
    files.extend(demo);
    for f in &files {
        assert!(f.is_file(), "fixture {} is missing", f.display());
    }
    files
}

fn tree(path: &Path) -> Document {
    let source = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    parse(&source, &ParseOptions::new("doc")).document
}

#[test]
fn every_document_renders_to_a_valid_pdf_with_embedded_subset_fonts() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary directory: {e}"));
    for doc in documents() {
        let run = render(&doc, dir.path());
        assert!(run.success, "agendapack render {} must succeed; stderr:\n{}", doc.display(), run.stderr);

        let check = tool("qpdf", &["--check", &run.pdf.to_string_lossy()]);
        let report = String::from_utf8_lossy(&check.stdout);
        assert!(
            check.status.success() && report.contains("No syntax or stream encoding errors"),
            "qpdf --check must accept the PDF of {}:\n{report}{}",
            doc.display(),
            String::from_utf8_lossy(&check.stderr)
        );

        let fonts = tool("pdffonts", &[&run.pdf.to_string_lossy()]);
        let listing = String::from_utf8_lossy(&fonts.stdout).into_owned();
        let rows: Vec<&str> = listing.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
        assert!(!rows.is_empty(), "pdffonts lists at least one font for {}", doc.display());
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            // name type... encoding emb sub uni object-number generation
            let n = cols.len();
            assert!(n >= 7, "unexpected pdffonts row {row:?}");
            let (emb, sub, uni) = (cols[n - 5], cols[n - 4], cols[n - 3]);
            assert!(emb == "yes" && sub == "yes" && uni == "yes", "every font of {} must be embedded, subset and mapped to Unicode: {row}", doc.display());
            let tag = cols[0].split('+').next().unwrap_or_default();
            assert!(
                cols[0].contains('+') && tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
                "subset fonts carry a six-capital-letter tag: {row}"
            );
        }
    }
}

#[test]
fn pdftotext_recovers_every_word_in_reading_order() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary directory: {e}"));
    for doc in documents() {
        let document = tree(&doc);
        let expected = words(&document_text(&document));
        let run = render(&doc, dir.path());
        assert!(run.success, "agendapack render {} must succeed; stderr:\n{}", doc.display(), run.stderr);
        let pages = pdf_pages_text(&run.pdf);
        let total = pages.len();
        let found: Vec<String> = pages.iter().enumerate().flat_map(|(i, text)| without_footer(words(text), i + 1, total)).collect();
        let headers = header_sequences(&document);
        if let Err(message) = compare_words(&expected, &found, &headers) {
            panic!("{}: {message}", doc.display());
        }
    }
}

/// The words of each table's header rows, which the PDF repeats on continued pages.
fn header_sequences(document: &Document) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut pending: Vec<&Block> = document.blocks.iter().collect();
    while let Some(block) = pending.pop() {
        match block {
            Block::Table(table) if !table.header.is_empty() => {
                let header = Document { title: String::new(), blocks: vec![Block::Table(agendapack_doc::Table { body: Vec::new(), ..table.clone() })], footnotes: Vec::new() };
                out.push(words(&document_text(&header)));
            }
            Block::Quote(b) | Block::KeepTogether(b) => pending.extend(b),
            Block::List(l) => pending.extend(l.items.iter().flat_map(|i| &i.blocks)),
            _ => {}
        }
    }
    out.sort_by_key(|h| std::cmp::Reverse(h.len()));
    out
}

/// A word the layout adds that is not in the tree: list bullets, computed list numbers,
/// footnote numbers.
fn generated(word: &str) -> bool {
    let marker = word.strip_suffix(['.', ')']);
    let numeric = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    matches!(word, "•" | "◦" | "▪" | "‣" | "–" | "-" | "·")
        || numeric(word)
        || marker.is_some_and(|m| numeric(m) || (m.len() == 1 && m.chars().all(|c| c.is_ascii_lowercase())) || (!m.is_empty() && m.chars().all(|c| "ivxlc".contains(c))))
}

/// Walks both word sequences; the PDF may split a word over lines (with or without a hyphen),
/// repeat a table header, or add list markers, but must not lose, add or reorder words.
fn compare_words(expected: &[String], found: &[String], headers: &[Vec<String>]) -> Result<(), String> {
    let (mut e, mut f) = (0, 0);
    while e < expected.len() {
        let want = &expected[e];
        // A repeated header is skipped before anything else when the document does not say
        // those words next: a header starting with the expected word ("A place ...") must not
        // be taken for the row it interrupts.
        let rest = &found[f.min(found.len())..];
        if let Some(used) = headers.iter().find_map(|h| match_sequence(h, rest).filter(|_| match_sequence(h, &expected[e..]).is_none())) {
            f += used;
            continue;
        }
        if f < found.len() && &found[f] == want {
            e += 1;
            f += 1;
            continue;
        }
        if let Some(used) = joined(want, &found[f.min(found.len())..]) {
            e += 1;
            f += used;
            continue;
        }
        if let Some(used) = headers.iter().find_map(|h| match_sequence(h, &found[f.min(found.len())..])) {
            f += used;
            continue;
        }
        if f < found.len() && generated(&found[f]) {
            f += 1;
            continue;
        }
        let before = expected[e.saturating_sub(8)..e].join(" ");
        let after = expected[e..(e + 8).min(expected.len())].join(" ");
        let got = found[f.saturating_sub(8)..(f + 8).min(found.len())].join(" ");
        return Err(format!("word {} of {} diverges: expected \"{before} >>{after}\" but the PDF has \"{got}\"", e + 1, expected.len()));
    }
    let rest: Vec<&String> = found[f..].iter().filter(|w| !generated(w)).collect();
    if !rest.is_empty() {
        return Err(format!("the PDF has words after the end of the document: {:?}", &rest[..rest.len().min(10)]));
    }
    Ok(())
}

/// How many found words spell `sequence` from the start of `found` (words may be split over
/// lines, as in narrow table columns), if they do.
fn match_sequence(sequence: &[String], found: &[String]) -> Option<usize> {
    let mut f = 0;
    for want in sequence {
        if found.get(f) == Some(want) {
            f += 1;
        } else {
            f += joined(want, &found[f.min(found.len())..])?;
        }
    }
    (f > 0).then_some(f)
}

/// If `want` is spread over the next few found words (a line break inside it, with or without
/// an added hyphen), how many found words it takes.
fn joined(want: &str, found: &[String]) -> Option<usize> {
    let mut glued = String::new();
    for (i, piece) in found.iter().enumerate().take(12) {
        let without_hyphen = format!("{glued}{}", piece.strip_suffix('-').unwrap_or(piece));
        glued.push_str(piece);
        if i > 0 && glued == want {
            return Some(i + 1);
        }
        if i > 0 && without_hyphen == want {
            return Some(i + 1);
        }
        let next = if want.starts_with(glued.as_str()) {
            glued.clone()
        } else if want.starts_with(without_hyphen.as_str()) {
            without_hyphen
        } else {
            return None;
        };
        glued = next;
    }
    None
}

#[test]
fn no_word_lies_outside_the_text_area() {
    let style = PackStyle::default();
    let tolerance = 1.5;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary directory: {e}"));
    for doc in documents() {
        let run = render(&doc, dir.path());
        assert!(run.success, "agendapack render {} must succeed; stderr:\n{}", doc.display(), run.stderr);
        let (sizes, boxes) = word_boxes(&run.pdf);
        let total = sizes.len();
        for (index, (width, height)) in sizes.iter().enumerate() {
            let page = index + 1;
            assert!((width - style.page_width).abs() < 1.0 && (height - style.page_height).abs() < 1.0, "page {page} of {} is A4 portrait, got {width} x {height}", doc.display());
            let on_page: Vec<_> = boxes.iter().filter(|b| b.page == page).collect();
            let footer = [String::from("Page"), page.to_string(), "of".into(), total.to_string()];
            let footer_at = on_page.windows(4).position(|w| w.iter().map(|b| &b.text).eq(footer.iter()));
            assert!(footer_at.is_some(), "page {page} of {} carries its \"Page {page} of {total}\" footer", doc.display());
            for (i, word) in on_page.iter().enumerate() {
                if footer_at.is_some_and(|at| (at..at + 4).contains(&i)) {
                    assert!(word.y_min > style.page_height - style.margin_bottom, "the footer sits in the bottom margin");
                    continue;
                }
                let inside = word.x_min >= style.margin_left - tolerance
                    && word.x_max <= style.page_width - style.margin_right + tolerance
                    && word.y_min >= style.margin_top - tolerance
                    && word.y_max <= style.page_height - style.margin_bottom + tolerance;
                assert!(inside, "{}: page {page}: word {:?} at x {:.1}-{:.1}, y {:.1}-{:.1} leaves the text area", doc.display(), word.text, word.x_min, word.x_max, word.y_min, word.y_max);
            }
        }
    }
}

#[test]
fn action_plan_tables_repeat_their_header_on_every_continued_page() {
    let style = PackStyle::default();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary directory: {e}"));
    for name in ["000", "004"] {
        let doc = repo_root().join(format!("tests/fixtures/seeds/{name}.md"));
        let document = tree(&doc);
        let run = render(&doc, dir.path());
        assert!(run.success, "agendapack render {} must succeed; stderr:\n{}", doc.display(), run.stderr);
        let pages = pdf_pages_text(&run.pdf);
        let total = pages.len();
        let page_words: Vec<Vec<String>> = pages.iter().enumerate().map(|(i, t)| without_footer(words(t), i + 1, total)).collect();
        let (_, boxes) = word_boxes(&run.pdf);
        let mut continued_pages = 0;
        let mut from_page = 0;
        for block in &document.blocks {
            let Block::Table(table) = block else { continue };
            let (Some(first), Some(last)) = (table.body.first(), table.body.last()) else { continue };
            let header = words(&document_text(&Document { title: String::new(), blocks: vec![Block::Table(agendapack_doc::Table { body: Vec::new(), ..table.clone() })], footnotes: Vec::new() }));
            let row_words = |row: &agendapack_doc::Row| {
                let one = agendapack_doc::Table { header: Vec::new(), body: vec![row.clone()], ..table.clone() };
                words(&document_text(&Document { title: String::new(), blocks: vec![Block::Table(one)], footnotes: Vec::new() }))
            };
            let first_words: Vec<String> = row_words(first).into_iter().take(3).collect();
            let last_words: Vec<String> = row_words(last).into_iter().rev().take(3).collect::<Vec<_>>().into_iter().rev().collect();
            let start = (from_page..page_words.len()).find(|&p| contains(&page_words[p], &first_words));
            let Some(start) = start else { panic!("{name}: the first row of a table ({first_words:?}) is not found in the PDF") };
            let end = (start..page_words.len()).find(|&p| contains(&page_words[p], &last_words));
            let Some(end) = end else { panic!("{name}: the last row of a table ({last_words:?}) is not found after page {}", start + 1) };
            for page in start + 1..=end {
                let top = &page_words[page];
                assert!(
                    match_sequence(&header, top).is_some(),
                    "{name}: page {} continues a table, so it must start with the header row {header:?}; it starts with {:?}",
                    page + 1,
                    &top[..top.len().min(header.len() + 4)]
                );
                let first_box = boxes.iter().find(|b| b.page == page + 1);
                assert!(
                    first_box.is_some_and(|b| b.y_min < style.margin_top + 30.0),
                    "{name}: the repeated header of page {} is at the top of the text area",
                    page + 1
                );
                continued_pages += 1;
            }
            from_page = end;
        }
        assert!(continued_pages >= 2, "{name}: the action plan runs over several pages ({continued_pages} continued pages found)");
    }
}

fn contains(haystack: &[String], needle: &[String]) -> bool {
    needle.is_empty() || (0..haystack.len()).any(|i| match_sequence(needle, &haystack[i..]).is_some())
}

#[test]
fn welsh_and_typographic_characters_round_trip() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary directory: {e}"));
    let paragraph = "Mae’r ŵyr yn byw mewn tŷ â gardd fawr; ŴŶÂ. Pris: £12.50 neu €15 – 20 — “dyfynbris” a ‘dyfynbris’ … diwedd.";
    let markdown = dir.path().join("cymraeg.md");
    std::fs::write(&markdown, format!("# Prawf\n\n{paragraph}\n")).unwrap_or_else(|e| panic!("cannot write the test file: {e}"));
    let run = render(&markdown, dir.path());
    assert!(run.success, "the Welsh paragraph renders; stderr:\n{}", run.stderr);
    let text = pdf_pages_text(&run.pdf).join(" ");
    let flat: Vec<&str> = text.split_whitespace().collect();
    let expected: Vec<&str> = paragraph.split_whitespace().collect();
    assert!(
        flat.windows(expected.len()).any(|w| w == expected),
        "every character of the paragraph comes back exactly from pdftotext (no normalising):\nexpected {paragraph}\ngot      {}",
        flat.join(" ")
    );
}
