//! Fuzz-style robustness tests of the typesetting engine (issue 3): random and adversarial
//! Markdown must give a PDF or a clear error, never a panic and never a hang. Inputs are
//! bounded so the whole file runs in seconds in a debug build; nothing here measures time.
//!
//! - the corpus of interesting inputs in `tests/fixtures/fuzz/` (each rendered by the real
//!   binary; the one that is not UTF-8 must give one clear sentence and exit code 1);
//! - generated adversarial documents: 1,000 levels of lists and of quotes, a table of 200
//!   columns, a table of 5,000 rows, empty and whitespace-only documents, unbalanced emphasis;
//! - a 10 MB single line (and 1 MB lines of adversarial kinds) through the parser, which must
//!   stay linear, and a 1 MB single line through the whole pipeline;
//! - a few hundred random documents from a seeded xorshift generator.

mod typeset_common;

use agendapack_doc::markdown::{parse, ParseOptions, MAX_DIAGNOSTICS};
use agendapack_doc::text::document_text;
use agendapack_pack::render::{render_markdown, RenderOptions};
use typeset_common::{render, repo_root, tool};

/// Renders in-process and checks the result is a PDF with at least one page.
fn renders(name: &str, source: &str) -> usize {
    match render_markdown(source, &RenderOptions::new(name)) {
        Ok(rendered) => {
            assert!(rendered.pdf.starts_with(b"%PDF-"), "{name}: the output must be a PDF");
            assert!(rendered.pages >= 1, "{name}: a PDF has at least one page");
            assert!(
                rendered.diagnostics.len() <= MAX_DIAGNOSTICS + 1,
                "{name}: diagnostics are capped, got {}",
                rendered.diagnostics.len()
            );
            rendered.pages
        }
        Err(e) => panic!("{name}: rendering must succeed on any valid UTF-8 Markdown, got: {e}"),
    }
}

#[test]
fn corpus_files_render_or_fail_clearly() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary directory: {e}"));
    let corpus = repo_root().join("tests/fixtures/fuzz");
    let mut files: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap_or_else(|e| panic!("the fuzz corpus {} must exist: {e}", corpus.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "the corpus keeps at least ten interesting inputs");
    let mut saw_invalid = false;
    for file in files {
        let bytes = std::fs::read(&file).unwrap_or_default();
        let run = render(&file, dir.path());
        if std::str::from_utf8(&bytes).is_ok() {
            assert!(run.success, "{} must render; stderr:\n{}", file.display(), run.stderr);
            let check = tool("qpdf", &["--check", &run.pdf.to_string_lossy()]);
            assert!(check.status.success(), "qpdf accepts the PDF of {}", file.display());
        } else {
            saw_invalid = true;
            assert!(!run.success, "{} is not UTF-8, so rendering must fail", file.display());
            let lines: Vec<&str> = run.stderr.lines().collect();
            assert_eq!(lines.len(), 1, "a failure is one sentence on stderr: {:?}", run.stderr);
            assert!(lines[0].contains("is not UTF-8 text"), "the error says what is wrong: {}", lines[0]);
            assert!(!run.pdf.exists(), "no PDF is written for a file that cannot be read");
        }
    }
    assert!(saw_invalid, "the corpus includes a file that is not UTF-8");
}

#[test]
fn deep_nesting_of_lists_and_quotes() {
    let mut lists = String::new();
    for level in 0..1000 {
        lists.push_str(&"  ".repeat(level));
        lists.push_str(&format!("- level {level}\n"));
    }
    renders("lists", &lists);
    let parsed = parse(&lists, &ParseOptions::new("lists"));
    let text = document_text(&parsed.document);
    assert!(text.contains("level 0") && text.contains("level 999"), "flattening keeps the text of every level");

    renders("quotes", &(">".repeat(1000) + " deep\n"));
    renders("mixed", &"> - ".repeat(500).to_string());
    renders("ordered", &(0..1000).map(|l| format!("{}1. n{l}\n", "   ".repeat(l))).collect::<String>());
}

#[test]
fn wide_and_long_tables() {
    let columns = 200;
    let header: String = (0..columns).map(|c| format!("| h{c} ")).collect::<String>() + "|\n";
    let rule: String = "|---".repeat(columns) + "|\n";
    let row: String = (0..columns).map(|c| format!("| c{c} ")).collect::<String>() + "|\n";
    renders("200 columns", &format!("{header}{rule}{row}{row}"));

    let mut long = String::from("| Recommendation | Action | Lead |\n|---|---|---|\n");
    for r in 0..5000 {
        long.push_str(&format!("| {r}.1 Do the thing | Action {r} | Officer {r} |\n"));
    }
    let pages = renders("5000 rows", &long);
    assert!(pages > 50, "5,000 rows run over many pages ({pages})");
}

#[test]
fn empty_whitespace_and_broken_inputs() {
    for (name, source) in [
        ("empty", ""),
        ("spaces", "   "),
        ("newlines", "\n\n\n\n"),
        ("tabs and CRs", "\t\r\n\t\r\n"),
        ("lone pipe", "|"),
        ("lone hash", "#"),
        ("unbalanced emphasis", "**a *b ~~c `d"),
        ("unclosed fence", "```\ncode without end"),
        ("unclosed link", "[text](http://x"),
        ("footnote only", "[^1]:"),
        ("NUL", "\0\0\0"),
        ("newpage only", "\\newpage"),
    ] {
        renders(name, source);
    }
}

/// A 10 MB single line of words, and 1 MB lines of each adversarial kind (openers that are
/// never closed, brackets, raw HTML, backticks...), must parse with their text intact and
/// their diagnostics capped. The parser is linear (measured in release: 1 MB → 8 MB of
/// unclosed `*a ` takes 8× the time), so this takes seconds even in a debug build; a
/// quadratic step would take hours and time the test out instead.
#[test]
fn megabyte_single_lines_parse() {
    const MB: usize = 1024 * 1024;
    for (name, unit, size) in [
        ("words", "word ", 10 * MB),
        ("emphasis openers", "*a ", MB),
        ("brackets", "[a ", MB),
        ("link openers", "[a](", MB),
        ("pipes", "| ", MB),
        ("html", "<b>", MB),
        ("backticks", "`a ", MB),
        ("footnote refs", "[^x] ", MB),
        ("entities", "&amp; ", MB),
    ] {
        let line = unit.repeat(size / unit.len());
        let parsed = parse(&line, &ParseOptions::new(name));
        assert!(parsed.diagnostics.len() <= MAX_DIAGNOSTICS + 1, "{name}: diagnostics are capped");
        let text_len = document_text(&parsed.document).len();
        assert!(text_len > size / 4, "{name}: the text of the line survives parsing ({text_len} bytes)");
    }
}

#[test]
fn one_megabyte_single_line_renders() {
    let line = "lorem ipsum dolor sit amet ".repeat(1024 * 1024 / 27);
    let pages = renders("1 MB line", &line);
    assert!(pages > 100, "a megabyte of text fills many pages ({pages})");
    let unbroken = "x".repeat(200_000);
    renders("200 kB word", &unbroken);
}

/// A tiny deterministic generator (xorshift64*), so failures reproduce from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const FRAGMENTS: &[&str] = &[
    "# ", "## ", "###### ", "- ", "* ", "1. ", "3) ", "> ", "    ", "```", "~~~", "---", "***", "| a | b |", "|---|:-:|",
    "| ", " |", "**", "*", "_", "__", "~~", "`", "[", "]", "(", ")", "[link](https://example.org)", "[x](#y)", "![alt](i.png)",
    "![](x)", "[^1]", "[^1]: note", "<br>", "<div>", "</div>", "<!--", "-->", "\\newpage", "\\", "&amp;", "&#x0;", "1.1 ", "2.3.1 ",
    "\t", " ", "  ", "\n", "\n\n", "\r\n", "word", "Welsh ŵ ŷ â", "£€–—‘’“”…", "😀", "\u{200b}", "\u{feff}", "\0", "{#id}", "- [ ] ",
];

#[test]
fn random_documents_never_break_the_engine() {
    let mut rng = Rng(0x5EED_CAFE_F00D_1234);
    for case in 0..300 {
        let pieces = 1 + rng.below(120);
        let mut source = String::new();
        for _ in 0..pieces {
            source.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]);
            if rng.below(4) == 0 {
                // A random character of any script, including controls.
                source.push(char::from_u32(rng.below(0x3_0000) as u32).unwrap_or('?'));
            }
        }
        let name = format!("random case {case}");
        let parsed = parse(&source, &ParseOptions::new(&name));
        for d in &parsed.diagnostics {
            assert!(d.line >= 1 && d.column >= 1, "{name}: positions are 1-based: {d:?}\nsource: {source:?}");
            assert!(d.line <= source.lines().count().max(1) + 1, "{name}: the line exists: {d:?}");
        }
        renders(&name, &source);
    }
}
