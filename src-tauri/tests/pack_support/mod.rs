//! Shared by the pack tests: build a pack to a temporary file and read it back with
//! independent tools (poppler's pdftotext and pdfinfo, qpdf), never with our own code.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use agendapack_model::MeetingBundle;
use agendapack_pack::{build, BuiltPack, PackOptions};
use serde_json::Value;

pub struct Built {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    pub pack: BuiltPack,
}

pub fn build_to_file(bundle: &MeetingBundle, options: &PackOptions) -> Built {
    let pack = build(bundle, options).unwrap_or_else(|e| panic!("the pack must build: {e}"));
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("pack.pdf");
    std::fs::write(&path, &pack.pdf).expect("the pack can be written");
    Built { dir, path, pack }
}

fn run(program: &str, args: &[&str]) -> Vec<u8> {
    let out = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program} must be installed: {e}"));
    assert!(out.status.success(), "{program} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// The text of page `n` (1-based) in content order.
pub fn page_text(path: &Path, n: usize) -> String {
    let n = n.to_string();
    let file = path.to_string_lossy();
    String::from_utf8_lossy(&run("pdftotext", &["-f", &n, "-l", &n, &file, "-"])).into_owned()
}

/// Every page's text, 1-based pages at index 0.
pub fn all_pages(path: &Path, pages: usize) -> Vec<String> {
    (1..=pages).map(|n| page_text(path, n)).collect()
}

/// The non-empty lines of a page, trimmed.
pub fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && *l != "\u{c}").map(str::to_string).collect()
}

/// Whitespace collapsed to single spaces (lines joined), for phrases that may wrap.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn pdfinfo_pages(path: &Path) -> usize {
    let out = String::from_utf8_lossy(&run("pdfinfo", &[&path.to_string_lossy()])).into_owned();
    out.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("pdfinfo reports a page count")
}

pub fn pdfinfo(path: &Path) -> String {
    String::from_utf8_lossy(&run("pdfinfo", &[&path.to_string_lossy()])).into_owned()
}

/// `qpdf --json` (version 2) of the whole file.
pub fn qpdf_json(path: &Path) -> Value {
    let out = run("qpdf", &["--json", &path.to_string_lossy()]);
    serde_json::from_slice(&out).expect("qpdf writes JSON")
}

/// The file decompressed by qpdf, with object streams expanded.
pub fn qpdf_uncompressed(path: &Path) -> Vec<u8> {
    let out = path.with_extension("qdf.pdf");
    run("qpdf", &["--qdf", "--object-streams=disable", &path.to_string_lossy(), &out.to_string_lossy()]);
    std::fs::read(out).expect("qpdf wrote the uncompressed file")
}

/// Internal links: (page they are on, their /Contents text, the page they go to), 1-based.
pub fn internal_links(json: &Value) -> Vec<(usize, String, usize)> {
    let objects = &json["qpdf"][1];
    let page_of: Vec<String> =
        json["pages"].as_array().expect("pages").iter().map(|p| p["object"].as_str().unwrap_or("").to_string()).collect();
    let mut links = Vec::new();
    for (index, page) in page_of.iter().enumerate() {
        let Some(annots) = objects[format!("obj:{page}")]["value"]["/Annots"].as_array() else { continue };
        for annot in annots {
            let value = &objects[format!("obj:{}", annot.as_str().unwrap_or(""))]["value"];
            let Some(dest) = value["/Dest"].as_array() else { continue };
            let target = dest.first().and_then(Value::as_str).unwrap_or("");
            if let Some(to) = page_of.iter().position(|p| p == target) {
                let text = value["/Contents"].as_str().unwrap_or("").trim_start_matches("u:").to_string();
                links.push((index + 1, text, to + 1));
            }
        }
    }
    links
}

pub fn demo() -> MeetingBundle {
    agendapack_demo::bundles().into_iter().next().expect("the demo has seed 001's meeting")
}

pub fn demo_supplement() -> MeetingBundle {
    agendapack_demo::bundles().into_iter().nth(1).expect("the demo has seed 002's meeting")
}

/// A PDF written by hand (Helvetica, one line "<label> N" per page, no structure tree), as a
/// stand-in for a file exported from Word or a scan: produced by neither our PDF writer nor
/// its libraries.
pub fn hand_written_pdf(pages: usize, label: &str) -> Vec<u8> {
    let mut objects: Vec<String> = Vec::new();
    let kids: Vec<String> = (0..pages).map(|k| format!("{} 0 R", 4 + 2 * k)).collect();
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {pages} >>", kids.join(" ")));
    objects.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into());
    for k in 0..pages {
        let content = format!("BT /F1 24 Tf 72 700 Td ({label} {}) Tj ET", k + 1);
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * k
        ));
        objects.push(format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()));
    }
    pdf_from_objects(&objects)
}

/// A PDF file of `objects` numbered from 1 in order (object 1 the catalog), with its
/// cross-reference table: what the hand-written test PDFs share.
pub fn pdf_from_objects(objects: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
    out
}
