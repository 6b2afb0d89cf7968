//! Data-driven tests of the Markdown parser: each case is Markdown in, a compact outline of the
//! tree (and the diagnostics, with line:column) out, compared through one `check` helper that
//! prints both sides when they differ.

use super::{parse, ParseOptions, Parsed, MAX_DEPTH};
use crate::{Block, ImageData, Inline, LinkTarget, ListKind};

/// A compact, readable outline of the tree: one line per block, indented by nesting; inline
/// runs are shown as `text` with style marks (*italic* **bold** `code` ~~strike~~ ^sup^
/// [text](target)) and `/` for a line break. Diagnostics follow as `! line:col severity: msg`.
fn outline(parsed: &Parsed) -> String {
    let mut out = String::new();
    out.push_str(&format!("title: {}\n", parsed.document.title));
    blocks(&parsed.document.blocks, 0, &mut out);
    for note in &parsed.document.footnotes {
        out.push_str(&format!("footnote {}\n", note.number));
        blocks(&note.blocks, 1, &mut out);
    }
    for d in &parsed.diagnostics {
        out.push_str(&format!(
            "! {}:{} {}: {}\n",
            d.line, d.column, d.severity, d.message
        ));
    }
    out
}

fn blocks(list: &[Block], depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    for block in list {
        match block {
            Block::Heading(h) => {
                out.push_str(&format!("{pad}h{} {}\n", h.level, inlines(&h.content)))
            }
            Block::Paragraph(p) => out.push_str(&format!("{pad}p {}\n", inlines(&p.content))),
            Block::List(l) => {
                let kind = match l.kind {
                    ListKind::Bullet => "bullets".to_string(),
                    ListKind::Ordered { start } => format!("ordered from {start}"),
                    ListKind::Plain => "plain".to_string(),
                };
                out.push_str(&format!("{pad}list {kind}\n"));
                for item in &l.items {
                    out.push_str(&format!(
                        "{pad}  item{}\n",
                        item.label
                            .as_ref()
                            .map(|l| format!(" {l}"))
                            .unwrap_or_default()
                    ));
                    blocks(&item.blocks, depth + 2, out);
                }
            }
            Block::Table(t) => {
                let aligns: Vec<String> =
                    t.columns.iter().map(|c| format!("{:?}", c.align)).collect();
                out.push_str(&format!(
                    "{pad}table ruled={} columns={}\n",
                    t.ruled,
                    aligns.join(",")
                ));
                for (kind, rows) in [("head", &t.header), ("row", &t.body)] {
                    for row in rows {
                        let cells: Vec<String> = row
                            .cells
                            .iter()
                            .map(|c| {
                                let mut s = String::new();
                                if c.colspan > 1 || c.rowspan > 1 {
                                    s.push_str(&format!("[{}x{}] ", c.colspan, c.rowspan));
                                }
                                blocks(&c.blocks, 0, &mut s);
                                s.trim_end().replace('\n', " + ")
                            })
                            .collect();
                        out.push_str(&format!("{pad}  {kind} | {} |\n", cells.join(" | ")));
                    }
                }
            }
            Block::Quote(inner) => {
                out.push_str(&format!("{pad}quote\n"));
                blocks(inner, depth + 1, out);
            }
            Block::Code(code) => out.push_str(&format!("{pad}code {code:?}\n")),
            Block::Rule => out.push_str(&format!("{pad}rule\n")),
            Block::Image(image) => {
                let data = match &image.data {
                    ImageData::Encoded(bytes) => format!("{} bytes", bytes.len()),
                    ImageData::Missing { source } => format!("missing {source}"),
                };
                out.push_str(&format!(
                    "{pad}image alt={:?} decorative={} {data}\n",
                    image.alt, image.decorative
                ));
            }
            Block::PageBreak => out.push_str(&format!("{pad}page break\n")),
            Block::OddPageBreak => out.push_str(&format!("{pad}odd page break\n")),
            Block::Space(s) => out.push_str(&format!("{pad}space {s}\n")),
            Block::KeepTogether(inner) => {
                out.push_str(&format!("{pad}keep\n"));
                blocks(inner, depth + 1, out);
            }
            Block::Anchor(name) => out.push_str(&format!("{pad}#{name}\n")),
            Block::Division(d) => {
                let lang = d.lang.map(|l| format!(" lang={l}")).unwrap_or_default();
                out.push_str(&format!("{pad}div{lang} landscape={}\n", d.landscape));
                blocks(&d.blocks, depth + 1, out);
            }
        }
    }
}

fn inlines(list: &[Inline]) -> String {
    let mut out = String::new();
    for inline in list {
        match inline {
            Inline::LineBreak => out.push('/'),
            Inline::Text(t) => {
                let mut s = t.text.clone();
                if t.style.mono {
                    s = format!("`{s}`");
                }
                if t.style.italic {
                    s = format!("*{s}*");
                }
                if t.style.bold {
                    s = format!("**{s}**");
                }
                if t.style.strike {
                    s = format!("~~{s}~~");
                }
                if t.style.superscript {
                    s = format!("^{s}^");
                }
                if t.style.subscript {
                    s = format!("_{s}_");
                }
                if t.style.underline {
                    s = format!("<u>{s}</u>");
                }
                if let Some(lang) = t.style.lang {
                    s = format!("{{{lang}:{s}}}");
                }
                match &t.link {
                    Some(LinkTarget::External(url)) => s = format!("[{s}]({url})"),
                    Some(LinkTarget::Internal(name)) => s = format!("[{s}](#{name})"),
                    None => {}
                }
                out.push_str(&s);
            }
        }
    }
    out
}

fn check(markdown: &str, expected: &str) {
    let resolve = |src: &str| {
        if src == "logo.png" {
            Some(vec![1, 2, 3])
        } else {
            None
        }
    };
    let options = ParseOptions {
        resolve_image: &resolve,
        fallback_title: "stem",
    };
    let actual = outline(&parse(markdown, &options));
    let expected = expected.trim_start_matches('\n');
    assert!(
        actual == expected,
        "parsing {markdown:?}\n--- expected ---\n{expected}--- actual ---\n{actual}"
    );
}

#[test]
fn headings_title_and_anchors() {
    check(
        "## Intro\n\n# Main *title*\n\n# Second {#custom}\n",
        "
title: Main title
#intro
h2 Intro
#main-title
h1 Main *title*
#custom
h1 Second
",
    );
    check("no heading\n", "title: stem\np no heading\n");
}

#[test]
fn inline_styles_links_and_breaks() {
    check(
        "**b** *i* `c` ~~s~~ [w](https://x.org) [m](mailto:a@b.c)\nsoft  \nhard\\\nend",
        "
title: stem
p **b** *i* `c` ~~s~~ [w](https://x.org) [m](mailto:a@b.c) soft/hard/end
",
    );
    check("# Top\n\nsee [top](#top) and [gone](#nowhere) and [file](report.pdf)\n\n[x](#)", "
title: Top
#top
h1 Top
p see [top](#top) and [gone](#nowhere) and file
p x
! 3:42 warning: link target \"report.pdf\" is not a web address or #heading, so the link is shown as plain text
! 5:1 warning: link target \"#\" names no heading, so the link is shown as plain text
! 3:21 error: link to #nowhere points at no heading in this document
");
}

#[test]
fn smart_punctuation() {
    check(
        "\"Quote\" -- it's 'so'... a---b\n",
        "title: stem\np “Quote” – it’s ‘so’… a—b\n",
    );
}

#[test]
fn lists_nested_and_ordered_start() {
    check(
        "- a\n  - b\n    1. c\n- d\n\n3. three\n4. four\n",
        "
title: stem
list bullets
  item
    p a
    list bullets
      item
        p b
        list ordered from 1
          item
            p c
  item
    p d
list ordered from 3
  item
    p three
  item
    p four
",
    );
}

#[test]
fn council_numbered_paragraphs() {
    check("1.1 The purpose.\n\n1.2 \"Quoted\" start.\n\n1.5 million homes.\n\n- 2.3.1 Item text\n\n## 3.1 Heading\n", "
title: stem
list ordered from 1
  item 1.1
    p The purpose.
  item 1.2
    p “Quoted” start.
p 1.5 million homes.
list bullets
  item 2.3.1
    p Item text
#3-1-heading
h2 3.1 Heading
");
}

#[test]
fn quotes_code_rules_and_page_breaks() {
    check("> quoted\n> > inner\n\n```rust\nfn x() {}\n```\n\n---\n\nbefore\n\\newpage\nafter\n\n\\newpage\n", "
title: stem
quote
  p quoted
  quote
    p inner
code \"fn x() {}\"
rule
p before
page break
p after
page break
");
}

#[test]
fn tables_with_alignment_and_cell_breaks() {
    check(
        "| A | B | C |\n|:--|:-:|--:|\n| 1.1 x<br>y | **b** | |\n| z |\n",
        "
title: stem
table ruled=true columns=Start,Center,End
  head | p A | p B | p C |
  row | p 1.1 x/y | p **b** |  |
  row | p z |  |  |
",
    );
}

#[test]
fn raw_html_is_text_or_dropped_with_diagnostics() {
    check(
        "<div>\nhello\n</div>\n\ntext <span>x</span> <br>\n\n<!-- note -->\n",
        "
title: stem
p <div>/hello/</div>
p text <span>x</span> <br>
! 1:1 warning: raw HTML \"<div> hello </div>\" is shown as text, not interpreted
! 5:6 warning: raw HTML \"<span>\" is shown as text, not interpreted
! 5:13 warning: raw HTML \"</span>\" is shown as text, not interpreted
! 5:21 warning: raw HTML \"<br>\" is shown as text, not interpreted
! 7:1 warning: an HTML comment is dropped
",
    );
}

#[test]
fn images_resolved_missing_and_alt_text() {
    check("![Council logo](logo.png)\n\ntext ![](gone.png) more\n\n![decorative](logo.png)\n\n![](logo.png \"decorative\")\n", "
title: stem
image alt=\"Council logo\" decorative=false 3 bytes
p text
image alt=\"\" decorative=false missing gone.png
p more
image alt=\"\" decorative=true 3 bytes
image alt=\"\" decorative=true 3 bytes
! 3:6 warning: image has no alt text (write alt text, or \"decorative\" if it carries no information)
! 3:6 error: image \"gone.png\" was not found
");
}

#[test]
fn footnotes_numbered_by_first_reference() {
    check(
        "A[^b] B[^a] C[^b] D[^x]\n\n[^a]: Alpha.\n[^b]: Beta.\n[^c]: Unused.\n",
        "
title: stem
p A^1^ B^2^ C^1^ D[^x]
footnote 1
  p Beta.
footnote 2
  p Alpha.
footnote 3
  p Unused.
! 1:20 error: footnote [^x] is not defined
! 5:1 warning: footnote [^c] is defined but never referenced
",
    );
}

#[test]
fn nesting_beyond_the_limit_is_flattened() {
    let depth = 1000;
    let markdown = ">".repeat(depth) + " deep\n";
    let parsed = parse(&markdown, &ParseOptions::new("deep"));
    let mut levels = 0;
    let mut blocks = &parsed.document.blocks;
    while let Some(Block::Quote(inner)) = blocks.first() {
        levels += 1;
        blocks = inner;
    }
    assert_eq!(levels, MAX_DEPTH, "quotes stop nesting at the limit");
    assert!(
        matches!(blocks.first(), Some(Block::Paragraph(_))),
        "the text survives at the deepest level kept"
    );
    assert_eq!(
        parsed.diagnostics.len(),
        1,
        "one warning for the flattening, not one per level: {:?}",
        parsed.diagnostics
    );
    assert_eq!(
        (parsed.diagnostics[0].line, parsed.diagnostics[0].column),
        (1, MAX_DEPTH + 1),
        "points at the first level dropped"
    );

    let mut list = String::new();
    for level in 0..depth {
        list.push_str(&"  ".repeat(level));
        list.push_str(&format!("- item {level}\n"));
    }
    let parsed = parse(&list, &ParseOptions::new("deep"));
    let text = crate::text::document_text(&parsed.document);
    assert!(
        text.contains("item 0") && text.contains(&format!("item {}", depth - 1)),
        "no item text is lost when flattening"
    );
}

#[test]
fn empty_and_whitespace_documents() {
    check("", "title: stem\n");
    check("   \n\n\t\n", "title: stem\n");
    check("|", "title: stem\np |\n");
}

#[test]
fn merged_cells_from_markers() {
    check(
        "| A | < | B |\n|---|---|---|\n| x | < | y |\n| ^ | < | z |\n| ^ | ^ | w |\n| p | q | ^ |\n",
        "
title: stem
table ruled=true columns=Start,Start,Start
  head | [2x1] p A | p B |
  row | [2x3] p x | p y |
  row | p z |
  row | [1x2] p w |
  row | p p | p q |
",
    );
}

#[test]
fn merged_cell_markers_that_join_nothing_stay_text() {
    check(
        "| < | ^ |\n|---|---|\n| ^ | x |\n| a | \\< |\n| b | c |\n| ^ | d |\n",
        "
title: stem
table ruled=true columns=Start,Start
  head | p < | p ^ |
  row | p ^ | p x |
  row | p a | p < |
  row | [1x2] p b | p c |
  row | p d |
! 1:3 warning: a table cell holding only \"<\" has no cell to join, so it is shown as text
! 1:7 warning: a table cell holding only \"^\" has no cell to join, so it is shown as text
! 3:3 warning: a table cell holding only \"^\" has no cell to join, so it is shown as text
",
    );
}

#[test]
fn explicit_labels_before_a_tab() {
    check(
        "a)\tFirst\n\n(ii)\tSecond\n\n- 2.3.1\tItem\n\n| h |\n|---|\n| (i)\tIn a cell |\n\nTel:\t020 8227\n",
        "
title: stem
list ordered from 1
  item a)
    p First
  item (ii)
    p Second
list bullets
  item 2.3.1
    p Item
table ruled=true columns=Start
  head | p h |
  row | list ordered from 1 +   item (i) +     p In a cell |
p Tel:\t020 8227
",
    );
}

#[test]
fn languages_styles_and_divisions() {
    check(
        "Hello <span lang=\"cy\">Croeso</span> x<sup>2</sup> H<sub>2</sub>O <u>under</u>\n\n<div lang=\"cy\">\n\nBore da.\n\n</div>\n\n<div class=\"landscape\">\n\n| a |\n|---|\n| b |\n\n</div>\n\n<u>open\n\nnext\n",
        "
title: stem
p Hello {cy:Croeso} x^2^ H_2_O <u>under</u>
div lang=cy landscape=false
  p Bore da.
div landscape=true
  table ruled=true columns=Start
    head | p a |
    row | p b |
p <u>open</u>
p next
",
    );
}

#[test]
fn windows_line_endings_read_the_same_as_unix_ones() {
    // A paper saved on Windows (issue 20): CRLF everywhere, through each construct that looks at
    // line ends: headings, soft and hard breaks, lists, a table with a merged cell, a labelled
    // paragraph (TAB), fenced code, a language division and a footnote.
    let lf = "# Budget monitoring\n\nThe first line\nand its continuation;  \nthen a hard break\\\nand one more.\n\n\
        1. First\n2. Second\n   - nested\n\n| Area | 2024 | 2025 |\n| --- | --- | --- |\n| Parks | 1 | < |\n\n\
        3.1\tLabelled paragraph.\n\n```\ncode line 1\ncode line 2\n```\n\n<div lang=\"cy\">\n\nCroeso.\n\n</div>\n\n\
        A note.[^1]\n\n[^1]: The footnote.\n";
    let crlf = lf.replace('\n', "\r\n");
    let unix = parse(lf, &ParseOptions::new("paper"));
    let windows = parse(&crlf, &ParseOptions::new("paper"));
    assert_eq!(outline(&windows), outline(&unix), "the same tree and diagnostics");
    assert_eq!(windows.document, unix.document, "the same document, to the last field");
}

#[test]
fn bracketed_spans_with_a_language() {
    // `[words]{lang=cy}`: the words take the language, inside bold and around bold, with quotes
    // round the tag, in a heading, a list and a table cell; brackets without the attribute
    // (or with another attribute) stay text, and a bad tag keeps the words with a warning.
    check(
        "# Agenda [Agenda]{lang=cy}\n\n\
Hello [Croeso i'r cyfarfod]{lang=cy}, said **the Chair [Bore da]{lang=\"cy-GB\"}**.\n\n\
[Dyma **eitem** un]{ lang = cy } and [plain] and [kept]{.class} and [x]{lang=welsh_ish}.\n\n\
- [Diolch]{lang=cy}\n\n\
| a |\n|---|\n| [Ie]{lang=cy} |\n",
        "
title: Agenda Agenda
#agenda-agenda
h1 Agenda {cy:Agenda}
p Hello {cy:Croeso i’r cyfarfod}, said **the Chair **{cy-GB:**Bore da**}.
p {cy:Dyma }{cy:**eitem**}{cy: un} and [plain] and [kept]{.class} and x.
list bullets
  item
    p {cy:Diolch}
table ruled=true columns=Start
  head | p a |
  row | p {cy:Ie} |
! 5:72 warning: \"welsh_ish\" is not a language tag (such as cy or cy-GB), so the passage keeps the document's language
",
    );
}

#[test]
fn fenced_divisions_with_a_language() {
    // `::: {lang=cy}` ... `:::` (paragraphs of their own) is a language division, nested in a
    // list item too; quotes round the tag are curled by smart punctuation and still read; a bad
    // tag gives a division without a language and a warning at the fence; a closing fence with
    // nothing open, a fence in a table cell and other attributes stay text.
    check(
        "::: {lang=cy}\n\nBore da.\n\n- Eitem\n\n:::\n\nAfter.\n\n\
- item\n\n  ::: {lang=\"cy-GB\"}\n\n  Diolch.\n\n  :::\n\n\
::: {lang=welsh!}\n\nText.\n\n:::\n\n:::\n\n::: {.note}\n\n| a |\n|---|\n| ::: {lang=cy} |\n",
        "
title: stem
div lang=cy landscape=false
  p Bore da.
  list bullets
    item
      p Eitem
p After.
list bullets
  item
    p item
    div lang=cy-GB landscape=false
      p Diolch.
div landscape=false
  p Text.
p :::
p ::: {.note}
table ruled=true columns=Start
  head | p a |
  row | p ::: {lang=cy} |
! 19:1 warning: \"welsh!\" is not a language tag (such as cy or cy-GB), so the passage keeps the document's language
",
    );
}
