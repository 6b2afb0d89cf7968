//! Fuzzing the Markdown -> PDF path (issue 10), beside the typesetting fuzz of issue 3
//! (`typeset_fuzz.rs`): the corpus in `tests/fuzz-corpus/markdown/` (deep nesting, 300-column
//! and 3,000-row tables, footnote chains, scripts and file: links, bidi controls) and seeded
//! random documents built from Markdown's constructs. Each must give a PDF (problems become
//! diagnostics) and the limits must hold: nesting deeper than `MAX_DEPTH` is flattened with a
//! diagnostic, an image claiming more pixels than the limit is refused with a sentence, and
//! links to `javascript:` or `file:` never become live links in the PDF.

mod fuzz_support;

use agendapack_doc::markdown::MAX_DEPTH;
use agendapack_pack::render::{render_markdown, RenderOptions};
use fuzz_support::{corpus, Rng};

const RANDOM_DOCUMENTS: usize = 60;

fn render(what: &str, source: &str) -> agendapack_pack::render::Rendered {
    render_markdown(source, &RenderOptions::new(what))
        .unwrap_or_else(|e| panic!("{what}: any UTF-8 Markdown must give a PDF, got: {e}"))
}

#[test]
fn corpus_documents_render() {
    for (name, bytes) in corpus("markdown") {
        let source = String::from_utf8(bytes).unwrap_or_else(|_| panic!("{name}: corpus Markdown is UTF-8"));
        let rendered = render(&name, &source);
        assert!(rendered.pdf.starts_with(b"%PDF-") && rendered.pages >= 1, "{name}: a PDF with pages");
        let raw = String::from_utf8_lossy(&rendered.pdf);
        for scheme in ["javascript:", "file:"] {
            assert!(!raw.contains(&format!("/URI ({scheme}")), "{name}: a {scheme} link must not become a live link");
        }
    }
}

#[test]
fn nesting_past_the_limit_is_flattened_with_a_diagnostic() {
    let deep = ">".repeat(MAX_DEPTH * 4) + " deep\n";
    let rendered = render("deep quotes", &deep);
    assert!(
        rendered.diagnostics.iter().any(|d| d.message.contains("nested deeper than")),
        "quotes nested past {MAX_DEPTH} levels are reported, not silently dropped"
    );
}

#[test]
fn an_image_claiming_too_many_pixels_is_refused_with_a_sentence() {
    // A PNG header claiming 30,000 x 30,000 pixels (2.7 GB decoded) with almost no data.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&30_000u32.to_be_bytes());
    ihdr.extend_from_slice(&30_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    png.extend_from_slice(&13u32.to_be_bytes());
    png.extend_from_slice(&ihdr);
    png.extend_from_slice(&crc32(&ihdr).to_be_bytes());
    png.extend_from_slice(&0u32.to_be_bytes());
    png.extend_from_slice(b"IEND");
    png.extend_from_slice(&crc32(b"IEND").to_be_bytes());
    let resolve = move |_: &str| Some(png.clone());
    let mut options = RenderOptions::new("bomb");
    options.resolve_image = &resolve;
    match render_markdown("![a huge picture](huge.png)\n", &options) {
        Ok(rendered) => assert!(
            !rendered.diagnostics.is_empty(),
            "an image that cannot be decoded is reported if the document still renders"
        ),
        Err(e) => {
            let message = e.to_string();
            fuzz_support::assert_clear("the image bomb", &message);
            assert!(message.contains("image"), "the refusal names the image: {message}");
        }
    }
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// Issue 14: long unbroken runs (a 1 MB autolink; the probe's 160 KB one took 1.56 GB, and
/// 320 KB aborted) are set in linear work: the PDF grows with the input, not its square,
/// because a link broken over thousands of lines keeps one URI action and one description.
#[test]
fn long_unbroken_runs_render_in_linear_work() {
    let mb = 1_000_000;
    let cases = [
        ("a 1 MB autolink", format!("See <https://example.org/{}> now.\n", "a".repeat(mb))),
        ("a 1 MB link with long text", format!("[{}](https://example.org/{})\n", "b".repeat(mb / 2), "c".repeat(mb / 2))),
        ("a 1 MB word", format!("{}\n", "d".repeat(mb))),
        ("a 200 KB e-mail autolink", format!("<{}@example.org>\n", "e".repeat(200_000))),
        ("a 1 MB code span", format!("`{}`\n", "f".repeat(mb))),
    ];
    for (what, source) in cases {
        let rendered = render(what, &source);
        assert!(rendered.pages >= 1, "{what}: a PDF with pages");
        // Copying the URL per line would make this hundreds of megabytes.
        assert!(rendered.pdf.len() < 2 * source.len() + 256 * 1024, "{what}: {} bytes of PDF for {} of Markdown", rendered.pdf.len(), source.len());
    }
}

/// A random document from Markdown's constructs, nested and repeated at random.
fn random_document(rng: &mut Rng) -> String {
    const PIECES: &[&str] = &[
        "# Heading\n", "## Sub *heading*\n", "Paragraph with **bold**, *italic* and `code`.\n", "- item\n", "  - nested\n",
        "1. first\n", "> quote\n", "| a | b |\n|---|---|\n| 1 | 2 |\n", "```\ncode block\n```\n", "---\n",
        "Footnote[^n].\n\n[^n]: The note.\n", "[link](https://example.org) ", "![img](missing.png)", "<b>html</b>",
        "\\*escaped\\* ", "&amp; &#x1F600; ", "~~struck~~ ", "\n\n", "    indented code\n", "| unclosed | table\n",
        "**", "*", "`", "[", "](", "> > > ", "- [ ] task\n", "Ünïcödé — “quotes” £€ ", "\t\t", "\r\n",
        // Long unbroken runs (issue 14), joined by the generator to others into longer ones.
        "<https://example.org/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa>",
        "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
    ];
    let count = 1 + rng.below(80);
    (0..count).map(|_| *rng.pick(PIECES)).collect()
}

#[test]
fn random_documents_render() {
    let mut rng = Rng::new(0x0010_3D3D);
    for case in 0..RANDOM_DOCUMENTS {
        let source = random_document(&mut rng);
        let rendered = render(&format!("random document {case}"), &source);
        assert!(rendered.pages >= 1, "random document {case}: at least one page:\n{source}");
    }
}
