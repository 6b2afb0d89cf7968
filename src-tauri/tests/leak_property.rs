//! Property test (issue 10): exempt information never reaches the public edition, in any form.
//!
//! Each case takes the demo meeting, makes a random set of its reports exempt or confidential
//! (with a public title), and writes one unique marker into random exempt fields: the item
//! title, the report's title, summary, recommendations, reasons, body, background papers,
//! author and director, Markdown and PDF appendices (title, text, file name, the PDF's own
//! text), an exempt appendix of an open report, exempt minutes of the previous meeting
//! (heading, text, resolutions, declaration, vote, action, urgency reason) and an exempt
//! forward-plan entry. The public pack (and the public minutes PDF) must not contain the marker in its raw bytes, in
//! qpdf's uncompressed form (which holds the outline, annotations, metadata and every string,
//! literal or hex, ASCII or UTF-16), in pdftotext's text, nor in the file name. The full
//! edition of the same meeting must show it: the control that proves the check can fail.
//!
//! Pictures (issue 16): pictures with unique pixel patterns in an exempt report and in an
//! exempt appendix of an open report, loaded through `Store::load_bundle_for_public`, must be
//! absent from the public pack (no image of their size in `pdfimages -list`, no row of their
//! pixels in any decoded stream) and present in the full one.
//!
//! Cases come from a fixed seed, so a failure names a case that reproduces.

mod fuzz_support;

use std::path::Path;
use std::process::Command;

use agendapack_model::{
    Access, Appendix, AppendixContent, Declaration, DecisionWhen, ExemptParagraph, ForwardPlanEntry, MeetingBundle,
    MinuteAction, MinuteEntry, RecordedVote,
};
use agendapack_pack::forward_plan::{forward_plan_csv, forward_plan_paper};
use agendapack_pack::minutes_pdf::{minutes_pdf, MinutesPdfOptions};
use agendapack_pack::render::{pdf_stage, render_markdown, RenderOptions};
use agendapack_pack::{build, Edition, PackOptions, PackTypesetter};
use fuzz_support::Rng;

const CASES: u64 = 5;

fn marker(rng: &mut Rng, case: u64) -> String {
    let letters: String = (0..8).map(|_| char::from(b'A' + rng.below(26) as u8)).collect();
    format!("QZX{letters}K{case}")
}

fn exempt(public_title: &str) -> Access {
    let paragraphs = vec![ExemptParagraph::new(3).unwrap_or_else(|| panic!("paragraph 3 exists"))];
    Access::Exempt { paragraphs, public_title: Some(public_title.to_string()) }
}

fn restricted(rng: &mut Rng, public_title: &str) -> Access {
    if rng.below(4) == 0 {
        Access::Confidential { public_title: Some(public_title.to_string()) }
    } else {
        exempt(public_title)
    }
}

fn pdf_with(text: &str) -> Vec<u8> {
    render_markdown(&format!("# Appendix\n\n{text}\n"), &RenderOptions::new("appendix"))
        .unwrap_or_else(|e| panic!("the appendix PDF renders: {e}"))
        .pdf
}

fn pdf_appendix(title: &str, access: Access, file_name: &str, text: &str) -> Appendix {
    let bytes = pdf_with(text);
    Appendix {
        title: title.to_string(),
        access,
        content: AppendixContent::Pdf {
            file_name: file_name.to_string(),
            sha256: agendapack_store::sha256_hex(&bytes),
            bytes,
        },
    }
}

/// The demo meeting with the marker hidden in random exempt places. Returns where it went.
fn seeded_meeting(rng: &mut Rng, m: &str) -> (MeetingBundle, Vec<&'static str>) {
    let mut bundle = agendapack_demo::bundles().into_iter().next().unwrap_or_else(|| panic!("the demo has a meeting"));
    let mut places = Vec::new();
    let reports: Vec<usize> = bundle.items.iter().enumerate().filter(|(_, i)| i.report.is_some()).map(|(n, _)| n).collect();
    assert!(reports.len() >= 2, "the demo has reports to make exempt");
    let chosen = reports[rng.below(reports.len())];
    for &index in &reports {
        let item = &mut bundle.items[index];
        let Some(report) = item.report.as_mut() else { continue };
        if index == chosen || rng.below(3) == 0 {
            item.access = restricted(rng, "Exempt item");
            let mut put = |place: &'static str, field: &mut String, rng: &mut Rng| {
                if place == "report body" || rng.below(2) == 0 {
                    field.push_str(&format!(" {m} "));
                    places.push(place);
                }
            };
            put("item title", &mut item.title, rng);
            put("report title", &mut report.title, rng);
            put("report of", &mut report.report_of, rng);
            put("summary", &mut report.summary, rng);
            put("recommendations", &mut report.recommendations, rng);
            put("reasons", &mut report.reasons, rng);
            put("report body", &mut report.body, rng);
            put("background papers", &mut report.background_papers, rng);
            put("accountable director", &mut report.accountable_director, rng);
            if let Some(author) = report.authors.first_mut() {
                put("report author", &mut author.name, rng);
            }
            report.appendices.push(Appendix {
                title: format!("Costs {m}"),
                access: Access::Public,
                content: AppendixContent::Markdown { text: format!("The figures: {m}.") },
            });
            report.appendices.push(pdf_appendix(&format!("Plan {m}"), Access::Public, &format!("{m}.pdf"), &format!("Site {m}")));
            places.extend(["appendix of an exempt report", "PDF appendix, its name and text"]);
        } else if rng.below(2) == 0 {
            report.appendices.push(pdf_appendix(
                &format!("Valuation {m}"),
                exempt("Exempt appendix"),
                &format!("valuation-{m}.pdf"),
                &format!("Price {m}"),
            ));
            report.appendices.push(Appendix {
                title: format!("Bids {m}"),
                access: restricted(rng, "Exempt appendix"),
                content: AppendixContent::Markdown { text: format!("Bid: {m}") },
            });
            places.push("exempt appendices of an open report");
        }
    }
    if let Some(previous) = bundle.previous.as_mut() {
        let number = previous.minutes.entries.iter().map(|e| e.number).max().unwrap_or(0) + 1;
        let mut entry = MinuteEntry::new(number, &format!("Land sale {m}"), &format!("Discussed {m}."), exempt("Exempt minute"));
        entry.resolutions = vec![format!("Sell to {m}")];
        entry.urgency_reason = format!("Urgent because {m}");
        entry.actions = vec![MinuteAction { text: format!("Tell {m}"), owner: format!("Officer {m}"), due: None, done: false }];
        if let Some(first) = previous.minutes.entries.first() {
            entry.item = first.item;
        }
        if rng.below(2) == 0 {
            entry.votes = vec![RecordedVote {
                motion: format!("Motion {m}"),
                in_favour: vec![format!("Cllr {m}")],
                against: Vec::new(),
                abstained: Vec::new(),
            }];
        }
        if let Some(d) = previous.minutes.entries.iter().flat_map(|e| e.declarations.iter()).next().cloned() {
            entry.declarations = vec![Declaration { interest: format!("Owns {m}"), ..d }];
        }
        previous.minutes.entries.push(entry);
        places.push("exempt minute entry");
    }
    (bundle, places)
}

/// Every way `marker` can be spelled inside a PDF file: ASCII, UTF-16BE, and both as hex.
fn spellings(marker: &str) -> Vec<Vec<u8>> {
    let ascii = marker.as_bytes().to_vec();
    let utf16: Vec<u8> = marker.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let hex = |bytes: &[u8], upper: bool| -> Vec<u8> {
        bytes.iter().map(|b| if upper { format!("{b:02X}") } else { format!("{b:02x}") }).collect::<String>().into_bytes()
    };
    vec![ascii.clone(), utf16.clone(), hex(&ascii, true), hex(&ascii, false), hex(&utf16, true), hex(&utf16, false)]
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn tool(program: &str, args: &[&str]) -> Vec<u8> {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program} must be installed: {e}"));
    // qpdf exits 3 for warnings, which a merged appendix may give; anything else is a failure.
    assert!(out.status.success() || out.status.code() == Some(3), "{program} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// Every form of the PDF at `path` a reader or a tool could find the marker in.
fn forms(path: &Path, dir: &Path) -> Vec<(&'static str, Vec<u8>)> {
    let shown = path.display().to_string();
    let qdf = dir.join("qdf.pdf");
    tool("qpdf", &["--qdf", "--object-streams=disable", &shown, &qdf.display().to_string()]);
    let qdf_bytes = std::fs::read(&qdf).unwrap_or_else(|e| panic!("qpdf wrote its output: {e}"));
    let text = tool("pdftotext", &["-enc", "UTF-8", &shown, "-"]);
    // A marker in a narrow table column is broken over lines (and may be hyphenated).
    let joined: Vec<u8> = String::from_utf8_lossy(&text)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{ad}')
        .collect::<String>()
        .into_bytes();
    vec![
        ("raw bytes", std::fs::read(path).unwrap_or_else(|e| panic!("the pack reads: {e}"))),
        ("uncompressed objects (qpdf --qdf)", qdf_bytes),
        ("text (pdftotext)", text),
        ("text joined across line breaks", joined),
        ("document info (pdfinfo -meta)", tool("pdfinfo", &["-meta", &shown])),
    ]
}

fn leaks(path: &Path, dir: &Path, marker: &str) -> Vec<&'static str> {
    let spelled = spellings(marker);
    forms(path, dir)
        .into_iter()
        .filter(|(_, bytes)| spelled.iter().any(|s| contains(bytes, s)))
        .map(|(name, _)| name)
        .collect()
}

fn build_to(bundle: &MeetingBundle, edition: Edition, path: &Path) {
    let options = PackOptions { edition, supplement: false, draft: false };
    let pack = build(bundle, &options).unwrap_or_else(|e| panic!("the {edition:?} pack builds: {e}"));
    std::fs::write(path, &pack.pdf).unwrap_or_else(|e| panic!("the pack is written: {e}"));
}

#[test]
fn exempt_markers_never_reach_the_public_pack() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
    let mut rng = Rng::new(0x0010_1EA4);
    for case in 0..CASES {
        let m = marker(&mut rng, case);
        let (bundle, places) = seeded_meeting(&mut rng, &m);
        let public = dir.path().join(format!("meeting-{case}-public.pdf"));
        build_to(&bundle, Edition::Public, &public);
        assert!(!public.display().to_string().contains(&m), "case {case}: the file name carries no marker");
        let found = leaks(&public, dir.path(), &m);
        assert!(found.is_empty(), "case {case}: marker {m} (placed in {places:?}) leaked into the public pack's {found:?}");
        if let Some(previous) = &bundle.previous {
            // The previous meeting's minutes printed alone (`agendapack minutes`), public edition.
            let options = MinutesPdfOptions::new(Edition::Public);
            let minutes = minutes_pdf(&bundle.committee.name, &previous.meeting, &previous.minutes, &options)
                .unwrap_or_else(|e| panic!("case {case}: the public minutes render: {e}"));
            let path = dir.path().join(format!("minutes-{case}-public.pdf"));
            std::fs::write(&path, &minutes.pdf).unwrap_or_else(|e| panic!("written: {e}"));
            let found = leaks(&path, dir.path(), &m);
            assert!(found.is_empty(), "case {case}: marker {m} leaked into the public minutes PDF's {found:?}");
        }
        if case == 0 {
            let full = dir.path().join("control-full.pdf");
            build_to(&bundle, Edition::Full, &full);
            let shown = leaks(&full, dir.path(), &m);
            assert!(shown.contains(&"text (pdftotext)"), "control: the full edition shows the marker, so the check can fail");
        }
    }
}

#[test]
fn exempt_forward_plan_details_never_reach_the_public_edition() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
    let mut rng = Rng::new(0x0010_F0A1);
    let m = marker(&mut rng, 99);
    let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default();
    let entry = ForwardPlanEntry {
        reference: "KD-1".into(),
        decision: format!("Sale of land to {m}"),
        decision_maker: "Cabinet".into(),
        when: DecisionWhen { date, period: String::new() },
        wards: vec!["Abbey".into()],
        documents: "Report".into(),
        contact: "Officer".into(),
        access: exempt("Disposal of a council site"),
        exempt_reason: format!("Commercial terms with {m}"),
        published: None,
        urgency: None,
    };
    let entries = vec![entry];
    for edition in [Edition::Public, Edition::Full] {
        let csv = forward_plan_csv(&entries, &[], edition);
        let document = forward_plan_paper("Forward Plan", &entries, &[], edition, date);
        let laid = agendapack_pack::paginate::Typesetter::lay_out(&PackTypesetter { style: Default::default() }, &document);
        let pdf = pdf_stage(&laid, "Forward Plan", &RenderOptions::new("forward plan"))
            .unwrap_or_else(|e| panic!("the forward plan renders: {e}"));
        let path = dir.path().join(format!("forward-plan-{edition:?}.pdf"));
        std::fs::write(&path, pdf).unwrap_or_else(|e| panic!("written: {e}"));
        let found = leaks(&path, dir.path(), &m);
        match edition {
            Edition::Public => {
                assert!(!csv.contains(&m), "the public forward plan CSV must not carry exempt details");
                assert!(found.is_empty(), "the public forward plan PDF must not carry exempt details: {found:?}");
            }
            Edition::Full => {
                assert!(csv.contains(&m), "control: the full CSV shows the exempt details");
                assert!(!found.is_empty(), "control: the full PDF shows the exempt details");
            }
        }
    }
}

/// Width and height of the seeded pictures: a size no demo image has, so `pdfimages -list`
/// finds them by size (small enough that the PDF keeps every pixel).
const PICTURE_SIZE: (u32, u32) = (37, 23);

/// A PNG of random pixels, and one of its rows (a needle no other image contains).
fn unique_picture(rng: &mut Rng) -> (Vec<u8>, Vec<u8>) {
    let (w, h) = PICTURE_SIZE;
    let pixels: Vec<u8> = (0..w * h * 3).map(|_| rng.below(256) as u8).collect();
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap_or_else(|e| panic!("PNG header: {e}"));
        writer.write_image_data(&pixels).unwrap_or_else(|e| panic!("PNG data: {e}"));
    }
    let row = (w * 3) as usize;
    let middle = pixels[row * (h as usize / 2)..row * (h as usize / 2 + 1)].to_vec();
    (out, middle)
}

/// Images of [`PICTURE_SIZE`] that `pdfimages -list` finds in the PDF.
fn seeded_images(path: &Path) -> usize {
    let list = String::from_utf8_lossy(&tool("pdfimages", &["-list", &path.display().to_string()])).into_owned();
    let (w, h) = (PICTURE_SIZE.0.to_string(), PICTURE_SIZE.1.to_string());
    list.lines().skip(2).filter(|l| {
        let columns: Vec<&str> = l.split_whitespace().collect();
        columns.get(3) == Some(&w.as_str()) && columns.get(4) == Some(&h.as_str())
    }).count()
}

#[test]
fn pictures_of_restricted_papers_never_reach_the_public_pack() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
    let mut rng = Rng::new(0x0016_91C7);
    for case in 0..3u64 {
        let mut bundle = agendapack_demo::bundles().into_iter().next().unwrap_or_else(|| panic!("the demo has a meeting"));
        let reports: Vec<usize> = bundle.items.iter().enumerate().filter(|(_, i)| i.report.is_some()).map(|(n, _)| n).collect();
        let exempt_item = reports[rng.below(reports.len())];
        let open_item = *reports.iter().find(|&&i| i != exempt_item).unwrap_or_else(|| panic!("two reports"));
        let (in_body, body_row) = unique_picture(&mut rng);
        let (in_appendix, appendix_row) = unique_picture(&mut rng);
        {
            let item = &mut bundle.items[exempt_item];
            item.access = restricted(&mut rng, "Exempt item");
            let report = item.report.as_mut().unwrap_or_else(|| panic!("a report"));
            report.body.push_str("\n\n![Site plan](media:site.png)\n");
            report.pictures.push(agendapack_model::Picture::new("site.png", in_body, "Site plan"));
        }
        {
            let report = bundle.items[open_item].report.as_mut().unwrap_or_else(|| panic!("a report"));
            report.appendices.push(Appendix {
                title: "Valuation".into(),
                access: exempt("Exempt appendix"),
                content: AppendixContent::Markdown { text: "![Valuation chart](media:valuation.png)".into() },
            });
            report.pictures.push(agendapack_model::Picture::new("valuation.png", in_appendix, "Valuation chart"));
        }
        let mut store = agendapack_store::Store::open_in_memory().unwrap_or_else(|e| panic!("a store: {e}"));
        let id = store.import_bundle(&bundle).unwrap_or_else(|e| panic!("case {case}: the meeting imports: {e}"));
        let public_bundle = store.load_bundle_for_public(id).unwrap_or_else(|e| panic!("public load: {e}"));
        let loaded: usize = public_bundle.items.iter().filter_map(|i| i.report.as_ref()).map(|r| r.pictures.len()).sum();
        assert_eq!(loaded, 0, "case {case}: the public load holds no picture of a restricted paper");
        let public = dir.path().join(format!("pictures-{case}-public.pdf"));
        build_to(&public_bundle, Edition::Public, &public);
        let full = dir.path().join(format!("pictures-{case}-full.pdf"));
        build_to(&store.load_bundle(id).unwrap_or_else(|e| panic!("full load: {e}")), Edition::Full, &full);
        for (path, edition) in [(&public, "public"), (&full, "full")] {
            let decoded = forms(path, dir.path()).into_iter().find(|(name, _)| name.starts_with("uncompressed")).map(|(_, b)| b).unwrap_or_default();
            let found = [&body_row, &appendix_row].iter().filter(|row| contains(&decoded, row)).count();
            let images = seeded_images(path);
            if edition == "public" {
                assert_eq!((found, images), (0, 0), "case {case}: no restricted picture's pixels or image in the public pack");
            } else {
                assert_eq!((found, images), (2, 2), "control, case {case}: the full pack has both pictures, found by pixels and by pdfimages");
            }
        }
    }
}
