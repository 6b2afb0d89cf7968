//! Acceptance tests of issue 9 (accessible packs): every PDF AgendaPack makes is a tagged PDF
//! that passes [`agendapack_pdf::check_tags`] (all content marked or an artifact, every MCID
//! referenced once, headings nested without skips, Figures with alt text, tables with header
//! cells, link annotations tagged with Contents, Lang, title, MarkInfo, PDF/UA identifier), and
//! poppler agrees that it is tagged.
//!
//! Checked on: the demo pack (public and full edition, and the supplement), each seed and demo
//! Markdown paper rendered alone, the fuzz corpus, and packs with a tagged and an untagged PDF
//! appendix (whose tree is carried over, or whose name the build warnings give).

mod pack_support;
mod typeset_common;

use std::path::PathBuf;

use agendapack_model::{Access, Appendix, AppendixContent};
use agendapack_pack::render::{render_markdown, RenderOptions};
use agendapack_pack::{Edition, PackOptions};
use agendapack_pdf::{check_tags, TagReport};
use pack_support::{build_to_file, demo, demo_supplement, hand_written_pdf};
use typeset_common::{repo_root, tool};

fn checked(name: &str, bytes: &[u8]) -> TagReport {
    let report = check_tags(bytes).unwrap_or_else(|e| panic!("{name}: the checker must read the PDF: {e}"));
    assert!(report.is_ok(), "{name}: the PDF must pass the tagged-PDF checker:\n{}", report.problems.join("\n"));
    assert!(report.marked_content > 0, "{name}: a PDF with text has tagged content");
    report
}

fn pdfinfo_says_tagged(name: &str, path: &std::path::Path) {
    let out = tool("pdfinfo", &[&path.to_string_lossy()]);
    let text = String::from_utf8_lossy(&out.stdout);
    let tagged = text.lines().any(|l| l.starts_with("Tagged:") && l.trim_end().ends_with("yes"));
    assert!(tagged, "{name}: pdfinfo must report \"Tagged: yes\":\n{text}");
}

#[test]
fn demo_pack_is_tagged_in_both_editions_and_the_supplement() {
    for (name, bundle, options) in [
        ("public edition", demo(), PackOptions::default()),
        ("full edition", demo(), PackOptions { edition: Edition::Full, ..PackOptions::default() }),
        ("draft", demo(), PackOptions { draft: true, ..PackOptions::default() }),
        ("supplement", demo_supplement(), PackOptions { supplement: true, ..PackOptions::default() }),
    ] {
        let built = build_to_file(&bundle, &options);
        let report = checked(name, &built.pack.pdf);
        pdfinfo_says_tagged(name, &built.path);
        for kind in ["Document", "Sect", "H1", "P", "TOC", "TOCI", "Link", "Table", "TH", "TD"] {
            assert!(report.types.contains_key(kind), "{name}: the pack has {kind} elements: {:?}", report.types);
        }
        assert!(report.heading_levels.first() == Some(&1), "{name}: the first heading is H1");
    }
}

/// `pdfinfo -struct-text` prints the tree with each element's text; the demo pack's headings
/// must come out in the order they are printed: the agenda, then each item's report in turn.
#[test]
fn struct_text_reads_the_demo_pack_in_order() {
    let built = build_to_file(&demo(), &PackOptions::default());
    let out = tool("pdfinfo", &["-struct-text", &built.path.to_string_lossy()]);
    assert!(out.status.success(), "pdfinfo -struct-text runs: {}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let position = |needle: &str| text.find(needle).unwrap_or_else(|| panic!("the structure text has {needle:?}:\n{}", &text[..text.len().min(4000)]));
    let agenda = position("AGENDA");
    let minutes = position("MINUTES");
    let sects = text.matches("Sect").count();
    assert!(sects >= 5, "one section per front document and item (found {sects})");
    assert!(agenda < minutes, "the agenda is read before the minutes");
    // Each item is a section titled as its bookmark, in pack order, after the agenda.
    let lines: Vec<&str> = text.lines().collect();
    let mut last = lines.iter().position(|l| l.contains("\"AGENDA\"")).unwrap_or(0);
    for range in &built.pack.ranges {
        let title = format!("Sect \"{}. {}\"", range.number.unwrap_or(0), range.title);
        let at = lines.iter().position(|l| l.trim() == title).unwrap_or_else(|| panic!("the structure has {title}"));
        assert!(at > last, "{title} comes after the previous item (line {at} after {last})");
        last = at;
    }
    // The first heading inside the minutes' section is the minutes' own title.
    let minutes_sect = lines.iter().position(|l| l.trim().starts_with("Sect \"3. Minutes")).unwrap_or(0);
    let first_heading = lines[minutes_sect..].iter().position(|l| l.trim().starts_with("H1")).map(|k| minutes_sect + k);
    let heading_text = first_heading.and_then(|k| lines.get(k + 1)).copied().unwrap_or_default();
    assert!(heading_text.contains("MINUTES OF"), "the minutes section opens with its H1: {heading_text:?}");
    let h1 = text.matches("/H1").count() + text.lines().filter(|l| l.trim_start().starts_with("H1")).count();
    assert!(h1 >= 3, "the papers' titles are H1 headings (found {h1})");
}

/// The seed fixtures and every Markdown paper of the demo, each rendered alone.
fn documents() -> Vec<PathBuf> {
    let mut files = typeset_common::seed_fixtures();
    files.extend(typeset_common::demo_papers());
    files
}

#[test]
fn every_seed_and_demo_paper_rendered_alone_is_tagged() {
    let files = documents();
    assert!(files.len() >= 8, "the seeds and the demo's papers are found ({})", files.len());
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        let name = file.display().to_string();
        let rendered = render_markdown(&source, &RenderOptions::new("document")).unwrap_or_else(|e| panic!("{name}: renders: {e}"));
        checked(&name, &rendered.pdf);
    }
}

#[test]
fn every_fuzz_corpus_file_is_tagged() {
    let corpus = repo_root().join("tests/fixtures/fuzz");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap_or_else(|e| panic!("the fuzz corpus {} must exist: {e}", corpus.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "the corpus keeps at least ten inputs");
    let mut rendered_any = 0;
    for file in files {
        let Ok(source) = std::fs::read_to_string(&file) else { continue }; // the non-UTF-8 one
        let name = file.display().to_string();
        let rendered = render_markdown(&source, &RenderOptions::new("fuzz")).unwrap_or_else(|e| panic!("{name}: renders: {e}"));
        let report = check_tags(&rendered.pdf).unwrap_or_else(|e| panic!("{name}: readable: {e}"));
        assert!(report.is_ok(), "{name}: must pass the checker:\n{}", report.problems.join("\n"));
        rendered_any += 1;
    }
    assert!(rendered_any >= 10, "most of the corpus is valid UTF-8 and was checked ({rendered_any})");
}

#[test]
fn pdf_appendices_keep_their_tags_or_are_named_in_the_warnings() {
    let tagged = render_markdown("# Budget appendix\n\n## Costs\n\n| Service | Cost |\n|---|---|\n| Waste | £1 |\n", &RenderOptions::new("budget"))
        .unwrap_or_else(|e| panic!("the tagged appendix renders: {e}"))
        .pdf;
    let mut bundle = demo();
    let report = bundle.items.iter_mut().find(|i| i.number == Some(4)).and_then(|i| i.report.as_mut()).expect("item 4 is a report");
    report.appendices.push(Appendix {
        title: "Tagged budget".into(),
        access: Access::Public,
        content: AppendixContent::Pdf { file_name: "budget.pdf".into(), sha256: String::new(), bytes: tagged },
    });
    report.appendices.push(Appendix {
        title: "Scanned letter".into(),
        access: Access::Public,
        content: AppendixContent::Pdf { file_name: "scan.pdf".into(), sha256: String::new(), bytes: hand_written_pdf(2, "Scanned appendix page") },
    });
    let built = build_to_file(&bundle, &PackOptions::default());
    let report = checked("pack with PDF appendices", &built.pack.pdf);
    pdfinfo_says_tagged("pack with PDF appendices", &built.path);
    let warned: Vec<&String> = built.pack.warnings.iter().filter(|w| w.contains("not a tagged PDF")).collect();
    assert_eq!(warned.len(), 1, "exactly the untagged appendix is reported: {:?}", built.pack.warnings);
    assert!(warned[0].contains("Scanned letter"), "the warning names the appendix at fault: {}", warned[0]);
    let out = tool("pdfinfo", &["-struct-text", &built.path.to_string_lossy()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Budget appendix"), "the tagged appendix's heading is in the pack's structure");
    assert!(report.types.get("Figure").is_some_and(|&n| n >= 2), "each untagged page is a described Figure: {:?}", report.types);
}
