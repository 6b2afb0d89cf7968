//! Whole-document layout tests: each case is a small document tree and a property every
//! page must have. The helpers build trees tersely; `check_*` functions hold the assertions.

use agendapack_doc::{Align, Block, Cell, Column, Document, Footnote, Heading, Image, ImageData, Inline, LinkTarget, List, ListItem, ListKind, Paragraph, Row, Table, Text, TextStyle};

use crate::{layout, LaidOut, PackStyle, Placed, Role, StructKind};

fn para(text: &str) -> Block {
    Block::Paragraph(Paragraph::new(vec![Inline::plain(text)]))
}

fn heading(level: u8, text: &str) -> Block {
    Block::Heading(Heading { level, content: vec![Inline::plain(text)], outline: true, align: Align::Start })
}

fn doc(blocks: Vec<Block>) -> Document {
    Document { title: "Test".into(), blocks, footnotes: Vec::new() }
}

fn cell(text: &str) -> Cell {
    Cell::new(vec![para(text)])
}

fn table(header: Vec<Vec<&str>>, body: Vec<Vec<String>>) -> Block {
    let ncols = header.first().map_or(1, |r| r.len());
    Block::Table(Table {
        columns: (0..ncols).map(|_| Column { align: Align::Start, width: None }).collect(),
        header: header.into_iter().map(|r| Row { cells: r.into_iter().map(cell).collect() }).collect(),
        body: body.into_iter().map(|r| Row { cells: r.iter().map(|c| cell(c)).collect() }).collect(),
        ruled: true,
    })
}

fn nested_list(depth: usize) -> Block {
    let mut block = para("deepest item text that is long enough to wrap over more than one line of the page");
    for d in 0..depth {
        block = Block::List(List { kind: ListKind::Bullet, items: vec![ListItem { label: None, blocks: vec![para(&format!("level {d}")), block] }] });
    }
    block
}

fn lorem(words: usize) -> String {
    let vocab = ["committee", "report", "the", "of", "council", "budget", "and", "scrutiny", "recommendation", "to", "a", "ward"];
    (0..words).map(|i| vocab[(i * 7 + i / 3) % vocab.len()]).collect::<Vec<_>>().join(" ")
}

/// Every glyph, rule and image lies inside the text area of its page.
fn check_inside(name: &str, out: &LaidOut, style: &PackStyle) {
    let (l, r, t, b) = (style.text_left() - 0.05, style.text_left() + style.text_width() + 0.05, style.text_top() - 0.05, style.text_bottom() + 0.05);
    assert!(!out.pages.is_empty(), "{name}: layout always gives at least one page");
    for (pi, page) in out.pages.iter().enumerate() {
        for item in &page.items {
            match item {
                Placed::Text(run) => {
                    let mut x = run.origin.x;
                    for g in &run.glyphs {
                        let (x0, x1) = (x + g.x_offset, x + g.x_offset + g.advance);
                        assert!(x0 >= l && x1 <= r, "{name}: page {pi}: glyph of {:?} spans {x0}..{x1}, outside {l}..{r}", run.text);
                        x += g.advance;
                    }
                    let top = run.origin.y - run.size * 0.905;
                    assert!(top >= t - run.size * 0.1 && run.origin.y <= b, "{name}: page {pi}: baseline {} of {:?} outside {t}..{b}", run.origin.y, run.text);
                }
                Placed::Line(line) => {
                    for p in [line.from, line.to] {
                        assert!(p.x >= l && p.x <= r && p.y >= t && p.y <= b, "{name}: page {pi}: rule end {p:?} outside the text area");
                    }
                }
                Placed::Rect(rect) => assert!(rect.rect.x >= l && rect.rect.x + rect.rect.width <= r && rect.rect.y >= t && rect.rect.y + rect.rect.height <= b, "{name}: page {pi}: fill outside the text area"),
                Placed::Image(img) => assert!(img.rect.x >= l && img.rect.x + img.rect.width <= r && img.rect.y >= t && img.rect.y + img.rect.height <= b, "{name}: page {pi}: image outside the text area"),
            }
        }
    }
}

fn page_text(out: &LaidOut, page: usize) -> String {
    out.pages[page].items.iter().filter_map(|i| if let Placed::Text(t) = i { Some(t.text.as_str()) } else { None }).collect::<Vec<_>>().join("|")
}

#[test]
fn nothing_leaves_the_text_area() {
    let style = PackStyle::default();
    let long_word = "x".repeat(500);
    let url = format!("https://example.org/{}", "segment/".repeat(60));
    let wide: Vec<Vec<String>> = (0..5).map(|r| (0..200).map(|c| format!("r{r}c{c}")).collect()).collect();
    let link = Inline::Text(Text { text: url.clone(), style: TextStyle::default(), link: Some(LinkTarget::External(url.clone())) });
    let cases: Vec<(&str, Vec<Block>)> = vec![
        ("empty", vec![]),
        ("long word", vec![para(&long_word)]),
        ("url link", vec![Block::Paragraph(Paragraph::new(vec![Inline::plain("See "), link]))]),
        ("wide table", vec![table(vec![vec!["Meeting", "Agenda items", "Officer"]], (0..60).map(|i| vec![format!("{i} December"), lorem(40), long_word.clone()]).collect())]),
        ("200 columns", vec![Block::Table(Table { columns: vec![], header: vec![], body: wide.iter().map(|r| Row { cells: r.iter().map(|c| cell(c)).collect() }).collect(), ruled: true })]),
        ("nested lists 50 deep", vec![nested_list(50)]),
        ("code", vec![Block::Code(format!("fn main() {{\n\tlet x = \"{}\";\n}}\n", "y".repeat(300)))]),
        ("quote and rule", vec![Block::Quote(vec![para(&lorem(300))]), Block::Rule]),
        ("missing image", vec![Block::Image(Image { data: ImageData::Missing { source: "logo.png".into() }, alt: "Council logo".into(), decorative: false, max_width: 0.5 })]),
        ("centred and right", vec![Block::Paragraph(Paragraph { content: vec![Inline::plain(lorem(80))], align: Align::Center, scale: 1.5 }), Block::Paragraph(Paragraph { content: vec![Inline::plain(lorem(80))], align: Align::End, scale: 1.0 })]),
    ];
    for (name, blocks) in cases {
        let out = layout(&doc(blocks), &style);
        check_inside(name, &out, &style);
        let justified = layout(&doc(vec![para(&lorem(500))]), &PackStyle { justify: true, ..style.clone() });
        check_inside("justified", &justified, &style);
    }
}

#[test]
fn ten_megabyte_line_lays_out() {
    let style = PackStyle::default();
    let text = lorem(1_800_000);
    assert!(text.len() > 10_000_000, "the case needs a 10 MB paragraph");
    let out = layout(&doc(vec![para(&text)]), &style);
    assert!(out.pages.len() > 1000, "10 MB of text fills thousands of pages, got {}", out.pages.len());
    let last = out.pages.len() - 1;
    check_inside("10 MB", &LaidOut { pages: vec![out.pages[0].clone(), out.pages[last].clone()], ..LaidOut::default() }, &style);
}

/// Issue 14: a 160 KB autolink took 1.56 GB because each of its lines copied the URL and the
/// link text. Every line's area now shares the one target and description.
#[test]
fn a_long_link_is_held_once_however_many_lines_it_spans() {
    let url = format!("https://example.org/{}", "a".repeat(200_000));
    let link = Inline::Text(Text { text: url.clone(), style: TextStyle::default(), link: Some(LinkTarget::External(url)) });
    let out = layout(&doc(vec![Block::Paragraph(Paragraph::new(vec![Inline::plain("See "), link]))]), &PackStyle::default());
    let areas: Vec<_> = out.pages.iter().flat_map(|p| &p.links).collect();
    assert!(areas.len() > 1000, "the link spans thousands of lines, one area each ({})", areas.len());
    assert!(
        areas.iter().all(|a| std::sync::Arc::ptr_eq(&a.target, &areas[0].target) && std::sync::Arc::ptr_eq(&a.description, &areas[0].description)),
        "every area shares the link's one target and description, so the URL is held once"
    );
}

#[test]
fn header_rows_repeat_on_continued_pages() {
    let style = PackStyle::default();
    let out = layout(&doc(vec![table(vec![vec!["Recommendation", "Progress"]], (0..120).map(|i| vec![format!("Row {i}"), lorem(12)]).collect())]), &style);
    assert!(out.pages.len() >= 3, "120 rows run over several pages");
    for p in 0..out.pages.len() {
        assert!(page_text(&out, p).starts_with("Recommendation|Progress"), "page {p} starts with the repeated header row: {}", &page_text(&out, p)[..40]);
    }
    let tables = out.structure.iter().filter(|n| n.kind == StructKind::Table).count();
    assert_eq!(tables, 1, "one Table node even when split over pages");
    let header_tags: Vec<Role> = out.pages[1].items.iter().filter_map(|i| if let Placed::Text(t) = i { Some(t.tag.role) } else { None }).take(2).collect();
    assert_eq!(header_tags, vec![Role::Artifact, Role::Artifact], "repeated header copies are artifacts, read once");
}

#[test]
fn short_columns_are_not_wrapped_to_feed_long_ones() {
    let out = layout(&doc(vec![table(vec![vec!["No.", "Recommendation", "Status"]], (0..3).map(|i| vec![i.to_string(), lorem(60), "On track".into()]).collect())]), &PackStyle::default());
    let runs: Vec<&str> = out.pages[0].items.iter().filter_map(|i| if let Placed::Text(t) = i { Some(t.text.as_str()) } else { None }).collect();
    assert_eq!(runs.iter().filter(|t| **t == "On track").count(), 3, "a short status fits its column on one line: {runs:?}");
}

#[test]
fn tall_row_splits_between_lines() {
    let style = PackStyle::default();
    let out = layout(&doc(vec![table(vec![vec!["A", "B"]], vec![vec!["short".into(), lorem(3000)]])]), &style);
    assert!(out.pages.len() >= 2, "a row taller than a page is split");
    check_inside("tall row", &out, &style);
}

#[test]
fn no_widows_or_orphans() {
    let style = PackStyle::default();
    // Fill the page to various depths, then a long paragraph: wherever it splits, at least
    // two of its lines are on each page.
    for lead in 0..45 {
        let mut blocks: Vec<Block> = (0..lead).map(|_| para("filler")).collect();
        blocks.push(para(&format!("START {} END", lorem(120))));
        let out = layout(&doc(blocks), &style);
        let node = out.structure.iter().rposition(|n| n.kind == StructKind::Paragraph).map(|n| n as u32);
        for (p, page) in out.pages.iter().enumerate() {
            let lines = page.items.iter().filter(|i| matches!(i, Placed::Text(t) if t.tag.node == node)).count();
            assert!(lines == 0 || lines >= 2, "lead {lead}: page {p} holds {lines} line(s) of the split paragraph; none or at least 2 expected");
        }
    }
}

#[test]
fn heading_never_last_on_page() {
    let style = PackStyle::default();
    for lead in 0..50 {
        let mut blocks: Vec<Block> = (0..lead).map(|_| para("filler")).collect();
        blocks.push(heading(2, "Financial implications"));
        blocks.push(para(&lorem(60)));
        let out = layout(&doc(blocks), &style);
        for (p, page) in out.pages.iter().enumerate() {
            let last = page.items.iter().rev().find_map(|i| if let Placed::Text(t) = i { Some(t) } else { None });
            if let Some(t) = last {
                assert!(t.tag.role != Role::Heading(2), "lead {lead}: page {p} ends with the heading");
            }
        }
        assert_eq!(out.outline.len(), 1, "the outlined heading is in the outline");
        assert!(out.anchor("financial-implications").is_some(), "outlined headings are anchors");
    }
}

#[test]
fn fallback_face_for_missing_character() {
    let out = layout(&doc(vec![para("Tick ☐ here")]), &PackStyle::default());
    let fonts: Vec<crate::FontId> = out.pages[0].items.iter().filter_map(|i| if let Placed::Text(t) = i { Some(t.font) } else { None }).collect();
    assert!(fonts.contains(&crate::FontId::FallbackRegular), "☐ is not in Liberation Sans, so DejaVu draws it: {fonts:?}");
    assert_eq!(page_text(&out, 0).replace('|', ""), "Tick ☐ here", "text survives the split into runs");
}

#[test]
fn lists_links_footnotes_and_structure() {
    let link = Inline::Text(Text { text: "the council website".into(), style: TextStyle::default(), link: Some(LinkTarget::External("https://example.gov.uk".into())) });
    let mut d = doc(vec![
        Block::List(List { kind: ListKind::Ordered { start: 1 }, items: vec![ListItem { label: Some("(a)".into()), blocks: vec![para("first")] }, ListItem { label: None, blocks: vec![para("second")] }] }),
        Block::Paragraph(Paragraph::new(vec![Inline::plain("Visit "), link, Inline::plain(" today.")])),
    ]);
    d.footnotes.push(Footnote { number: 1, blocks: vec![para("A note.")] });
    let out = layout(&d, &PackStyle::default());
    let text = page_text(&out, 0);
    assert!(text.contains("(a)|first") && text.contains("2.|second"), "explicit and computed list labels precede their items: {text}");
    assert_eq!(out.pages[0].links.len(), 1, "one link area for a link on one line");
    assert_eq!(&*out.pages[0].links[0].description, "the council website", "link description is the link text");
    let kinds: Vec<&StructKind> = out.structure.iter().map(|n| &n.kind).collect();
    for want in [StructKind::List, StructKind::ListItem, StructKind::ListLabel, StructKind::ListBody, StructKind::Link, StructKind::Note] {
        assert!(kinds.contains(&&want), "structure has a {want:?} node");
    }
    for page in &out.pages {
        for item in &page.items {
            if let Some(n) = item.tag().node {
                assert!((n as usize) < out.structure.len(), "tags point at existing structure nodes");
            }
        }
    }
}

#[test]
fn deterministic() {
    let d = doc(vec![heading(1, "Report"), para(&lorem(2000)), table(vec![vec!["a", "b"]], vec![vec!["1".into(), lorem(50)]])]);
    let a = layout(&d, &PackStyle::default());
    let b = layout(&d, &PackStyle::default());
    assert_eq!(format!("{:?}", a.pages), format!("{:?}", b.pages), "laying out twice gives identical pages");
    assert_eq!(a.structure, b.structure, "and identical structure");
}

#[test]
fn odd_page_break_leaves_blank_verso() {
    let out = layout(&doc(vec![para("one"), Block::OddPageBreak, para("three")]), &PackStyle::default());
    assert_eq!(out.pages.len(), 3, "content after an odd-page break on page 1 starts on page 3");
    assert!(out.pages[1].items.is_empty(), "the blank verso carries nothing (the pack engine adds its text)");
}

/// Release-mode timing of a synthetic 180-page document: `cargo test --release -p
/// agendapack-layout perf_180_pages -- --nocapture`. In debug builds it only checks the size.
#[test]
fn perf_180_pages() {
    let mut blocks = Vec::new();
    for s in 0..100 {
        blocks.push(heading(2, &format!("{s} Section")));
        for p in 0..8 {
            blocks.push(para(&format!("{s}.{p} {}", lorem(70))));
        }
        blocks.push(Block::List(List { kind: ListKind::Bullet, items: (0..4).map(|_| ListItem { label: None, blocks: vec![para(&lorem(25))] }).collect() }));
        blocks.push(table(vec![vec!["Action", "Lead", "Status"]], (0..4).map(|i| vec![lorem(15 + i), "Director".into(), "On track".into()]).collect()));
    }
    let d = doc(blocks);
    let start = std::time::Instant::now();
    let out = layout(&d, &PackStyle::default());
    let cold = start.elapsed();
    let start = std::time::Instant::now();
    let again = layout(&d, &PackStyle::default());
    let warm = start.elapsed();
    println!("layout of {} pages: {cold:?} cold (fonts loaded, nothing cached), {warm:?} warm", out.pages.len());
    assert!((150..=220).contains(&out.pages.len()), "the synthetic document is about 180 pages, got {}", out.pages.len());
    assert_eq!(out.pages.len(), again.pages.len(), "the shaping cache does not change the result");
}

/// The table cell (structure node) an item belongs to, walking up from its tag.
fn cell_of(out: &LaidOut, item: &Placed) -> Option<u32> {
    let mut node = item.tag().node?;
    loop {
        let n = out.structure.get(node as usize)?;
        if matches!(n.kind, StructKind::TableCell(_) | StructKind::TableHeaderCell(_)) {
            return Some(node);
        }
        node = n.parent?;
    }
}

#[test]
fn split_row_emits_each_cell_contiguously_in_reading_order() {
    // A body row taller than a page must be cut; text extraction in content order (pdftotext
    // -raw) then reads each cell's part on a page whole, left to right, never line by line
    // across cells.
    let d = doc(vec![table(vec![vec!["Action", "Progress", "Lead"]], vec![vec![lorem(400), lorem(300), "Director".into()]])]);
    let out = layout(&d, &PackStyle::default());
    assert!(out.pages.len() >= 2, "a 700-word row in narrow columns runs over pages");
    for (pi, page) in out.pages.iter().enumerate() {
        let order: Vec<u32> = page.items.iter().filter(|i| matches!(i, Placed::Text(_))).filter_map(|i| cell_of(&out, i)).collect();
        let mut runs: Vec<u32> = order.clone();
        runs.dedup();
        let mut sorted = runs.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(runs, sorted, "page {pi}: each cell's text is one contiguous run, cells in reading order (got cell sequence {runs:?})");
    }
}

#[test]
fn narrow_table_columns_keep_whole_words() {
    // Six columns whose longest words (bold header "Recommendation:") do not fit at 12 pt:
    // the table text is set smaller rather than breaking a word.
    let header = vec!["Recommendation:", "Action(s):", "Timescale", "Lead Officer(s)", "Progress as at November", "Portfolio Holder"];
    let body = vec![vec![lorem(40), lorem(30), "From October 2014".into(), "Fiona Taylor/Member Development Committee".into(), lorem(60), "Cllr Ogungbose".into()]];
    let out = layout(&doc(vec![table(vec![header.clone()], body)]), &PackStyle::default());
    let runs: Vec<String> = out.pages[0].items.iter().filter_map(|i| if let Placed::Text(t) = i { Some(t.text.trim().to_string()) } else { None }).collect();
    for word in ["Recommendation:", "Officer(s)", "Timescale", "Ogungbose", "Development", "Committee"] {
        assert!(runs.iter().any(|r| r.split_whitespace().any(|w| w == word)), "{word:?} is set whole on one line; runs: {runs:?}");
    }
    let sizes: Vec<f32> = out.pages[0].items.iter().filter_map(|i| if let Placed::Text(t) = i { Some(t.size) } else { None }).collect();
    assert!(sizes.iter().all(|s| *s >= 10.0 - 0.01 && *s < 12.0), "table text is shrunk, but not below the 10 pt floor: {sizes:?}");
}

/// Rows joined by a cell spanning rows: kept together when they fit on a page (the group
/// moves to the next page whole), cut where two rows meet when taller than a page, and never
/// outside the text area.
#[test]
fn rows_joined_by_a_row_span_move_together_or_split_between_rows() {
    let style = PackStyle::default();
    let row = |first: Option<Cell>, i: usize| Row { cells: first.into_iter().chain([cell(&format!("value{i}"))]).collect() };
    let group = |n: usize, tag: &str| -> Vec<Row> {
        (0..n).map(|i| row((i == 0).then(|| Cell { rowspan: n as u16, ..cell(&format!("span{tag}")) }), i)).collect()
    };
    // A short group after text filling most of a page goes to the next page whole.
    let mut blocks: Vec<Block> = (0..9).map(|_| para(&lorem(90))).collect();
    let mut body = group(6, "A");
    body.extend(group(80, "B"));
    let header = Row { cells: vec![cell("Name"), cell("Value")] };
    blocks.push(Block::Table(Table { columns: vec![Column { align: Align::Start, width: None }; 2], header: vec![header], body, ruled: true }));
    let out = layout(&doc(blocks), &style);
    check_inside("row groups", &out, &style);
    let page_of = |word: &str| (0..out.pages.len()).filter(|&p| page_text(&out, p).split(|c: char| c == '|' || c.is_whitespace()).any(|w| w == word)).collect::<Vec<_>>();
    let a = page_of("spanA");
    assert_eq!(a.len(), 1, "the spanning cell is printed once");
    for i in 0..6 {
        assert_eq!(page_of(&format!("value{i}")).first(), a.first(), "row {i} of the short group is on its spanning cell's page");
    }
    // The tall group (80 rows) cannot fit one page: it is cut, each row whole on one page.
    let pages: std::collections::BTreeSet<usize> = (0..80).flat_map(|i| page_of(&format!("value{i}"))).collect();
    assert!(pages.len() >= 2, "the tall group is cut across pages");
    let spans: Vec<_> = out.structure.iter().filter_map(|n| match n.kind { StructKind::TableCell(s) if s.rows > 1 => Some(s.rows), _ => None }).collect();
    assert_eq!(spans, vec![6, 80], "each group's first cell is tagged with its row span");
}

#[test]
fn a_welsh_span_holds_its_words_and_not_the_space_after_them() {
    // The space after a passage in another language goes to the next run, so the passage's Span
    // (and its /Lang) covers exactly its words; the glyphs stay where they were.
    let cy = agendapack_doc::Lang::parse("cy");
    let welsh = |text: &str| Inline::Text(Text { text: text.into(), style: TextStyle { lang: cy, ..TextStyle::default() }, link: None });
    let content = vec![Inline::plain("Say "), welsh("Bore da i bawb"), Inline::plain(" to all.")];
    let out = layout(&doc(vec![Block::Paragraph(Paragraph::new(content))]), &PackStyle::default());
    assert_eq!(page_text(&out, 0), "Say |Bore da i bawb| to all.");
    let runs: Vec<&crate::TextRun> = out.pages[0].items.iter().filter_map(|i| if let Placed::Text(t) = i { Some(t) } else { None }).collect();
    let end = |r: &crate::TextRun| r.origin.x + r.glyphs.iter().map(|g| g.advance).sum::<f32>();
    assert!((end(runs[1]) - runs[2].origin.x).abs() < 1e-3, "the next run starts where the Welsh words end, with the space");
    assert!(matches!(&out.structure[runs[1].tag.node.expect("tagged") as usize].kind, StructKind::Span { lang } if lang == "cy"));
}
