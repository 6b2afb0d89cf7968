//! Fuzzing PDF appendices (issue 10): what the attach check (`check_attachment`) accepts must
//! also merge into a pack, and what it refuses is refused with one clear sentence; never a
//! panic, a hang or unbounded memory. Inputs: the corpus in `tests/fuzz-corpus/pdf/` (a
//! decompression bomb, a page-tree cycle, 3,000-deep arrays, missing objects ...) and seeded
//! mutations of a real PDF made by our own renderer. The size limit is tested at its edge.

mod fuzz_support;

use agendapack_model::{Access, Appendix, AppendixContent, MeetingBundle};
use agendapack_pack::render::{render_markdown, RenderOptions};
use agendapack_pack::{build, check_attachment, Edition, PackOptions};
use fuzz_support::{assert_clear, corpus, mutate, Rng};

const MUTATIONS: usize = 250;
/// Accepted mutants are merged into a whole pack; a few suffice and keep the run short.
const MERGES: usize = 4;

fn with_appendix(pdf: &[u8]) -> MeetingBundle {
    let mut bundle = agendapack_demo::bundles().into_iter().next().unwrap_or_else(|| panic!("the demo has a meeting"));
    let report = bundle
        .items
        .iter_mut()
        .find_map(|item| item.report.as_mut())
        .unwrap_or_else(|| panic!("the demo has a report"));
    report.appendices = vec![Appendix {
        title: "Fuzzed appendix".into(),
        access: Access::Public,
        content: AppendixContent::Pdf {
            file_name: "fuzzed.pdf".into(),
            sha256: agendapack_store::sha256_hex(pdf),
            bytes: pdf.to_vec(),
        },
    }];
    bundle
}

/// Checks `bytes`; if accepted and `merge`, builds a pack with it. Returns whether accepted.
fn attach(what: &str, bytes: &[u8], merge: bool) -> bool {
    match check_attachment(bytes) {
        Ok(pages) => {
            assert!(pages >= 1, "{what}: an accepted PDF has pages");
            if merge {
                let options = PackOptions { edition: Edition::Full, supplement: false, draft: false };
                match build(&with_appendix(bytes), &options) {
                    Ok(pack) => assert!(pack.pdf.starts_with(b"%PDF-"), "{what}: the merged pack is a PDF"),
                    // Accepted on attach but refused on merge is allowed only with a sentence.
                    Err(e) => assert_clear(what, &e.to_string()),
                }
            }
            true
        }
        Err(e) => {
            assert_clear(what, &e.to_string());
            false
        }
    }
}

#[test]
fn corpus_pdfs_are_accepted_or_refused_clearly() {
    let mut accepted = Vec::new();
    for (name, bytes) in corpus("pdf") {
        if attach(&name, &bytes, true) {
            accepted.push(name);
        }
    }
    assert!(accepted.contains(&"minimal-good.pdf".to_string()), "the well-formed corpus PDF is accepted: {accepted:?}");
    for refused in ["truncated.pdf", "no-eof.pdf", "no-pages.pdf", "missing-object.pdf", "not-a-pdf.pdf", "empty.pdf", "broken-flate.pdf"] {
        assert!(!accepted.contains(&refused.to_string()), "{refused} is damaged and must be refused");
    }
}

#[test]
fn mutated_pdfs_are_accepted_or_refused_clearly() {
    let source = "# Appendix\n\nA table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nSome **bold** text and a [link](https://example.org).\n";
    let base = render_markdown(source, &RenderOptions::new("appendix"))
        .unwrap_or_else(|e| panic!("the base appendix renders: {e}"))
        .pdf;
    assert!(attach("the unmodified PDF", &base, true), "the unmodified PDF is accepted (the baseline works)");
    let mut rng = Rng::new(0x0010_0DF0);
    let (mut accepted, mut merged) = (0, 0);
    for case in 0..MUTATIONS {
        let input = mutate(&mut rng, &base);
        let merge = merged < MERGES;
        if attach(&format!("mutation {case}"), &input, merge) {
            accepted += 1;
            merged += usize::from(merge);
        }
    }
    assert!(accepted < MUTATIONS, "damaged PDFs are refused, not all accepted ({accepted} of {MUTATIONS})");
}

#[test]
fn an_attachment_over_the_size_limit_is_refused_before_it_is_parsed() {
    let limit = agendapack_pdf::MAX_ATTACHMENT_BYTES;
    let mut big = b"%PDF-1.4\n".to_vec();
    big.resize(limit + 1, b' ');
    big.extend_from_slice(b"\n%%EOF\n");
    let err = check_attachment(&big).map(|_| ()).map_err(|e| e.to_string());
    let message = err.err().unwrap_or_default();
    assert!(message.contains("more than the 100 MB an appendix may be"), "the limit is named in the refusal: {message}");
}
