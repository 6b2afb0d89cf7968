//! Shared harness of the typesetting acceptance tests: run the real `agendapack render`
//! binary, and read its PDF back with independent tools (qpdf, pdffonts, pdftotext). A missing
//! tool fails the test with a sentence saying what to install, never a silent pass.

#![allow(dead_code)] // each test file uses a different part of the harness

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs an external tool; panics with a clear message if it is not installed.
pub fn tool(name: &str, args: &[&str]) -> Output {
    match Command::new(name).args(args).output() {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            panic!("{name} is not installed: these tests check the PDF with qpdf and poppler-utils (pdffonts, pdftotext); install them")
        }
        Err(e) => panic!("could not run {name}: {e}"),
    }
}

/// The repository root (the workspace above `src-tauri`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// The result of one `agendapack render` run.
pub struct Run {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
    pub pdf: PathBuf,
}

/// Renders `markdown` (a file) into `out_dir` with the real binary.
pub fn render(markdown: &Path, out_dir: &Path) -> Run {
    let name = markdown.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    let pdf = out_dir.join(format!("{name}.pdf"));
    let output = Command::new(env!("CARGO_BIN_EXE_agendapack"))
        .arg("render")
        .arg(markdown)
        .arg("--out")
        .arg(&pdf)
        .current_dir(repo_root())
        .output();
    let output = match output {
        Ok(o) => o,
        Err(e) => panic!("could not run the agendapack binary: {e}"),
    };
    Run {
        success: output.status.success(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        pdf,
    }
}

/// `pdftotext` of the file in content-stream order (`-raw`), one string per page.
pub fn pdf_pages_text(pdf: &Path) -> Vec<String> {
    let output = tool("pdftotext", &["-raw", "-enc", "UTF-8", &pdf.to_string_lossy(), "-"]);
    assert!(output.status.success(), "pdftotext must read {}: {}", pdf.display(), String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    // pdftotext ends the last page with a form feed too.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Removes "Page N of M" (this page's footer) from a page's words.
pub fn without_footer(words: Vec<String>, page: usize, total: usize) -> Vec<String> {
    let footer = ["Page".to_string(), page.to_string(), "of".to_string(), total.to_string()];
    match words.windows(4).rposition(|w| w == footer) {
        Some(at) => words[..at].iter().chain(&words[at + 4..]).cloned().collect(),
        None => panic!("page {page} of {total} has no \"Page {page} of {total}\" footer"),
    }
}

/// A word as compared between the tree and the PDF: ligatures spelled out, curly quotes
/// straightened, no-break spaces are spaces.
pub fn normalise(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            '‘' | '’' => out.push('\''),
            '“' | '”' => out.push('"'),
            '\u{ad}' => {}
            _ => out.push(c),
        }
    }
    out
}

pub fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(normalise).filter(|w| !w.is_empty()).collect()
}

/// One word box from `pdftotext -bbox`.
#[derive(Debug, Clone)]
pub struct WordBox {
    pub page: usize,
    pub text: String,
    pub x_min: f32,
    pub y_min: f32,
    pub x_max: f32,
    pub y_max: f32,
}

/// Word boxes of every page (y from the top of the page), with each page's size.
pub fn word_boxes(pdf: &Path) -> (Vec<(f32, f32)>, Vec<WordBox>) {
    let output = tool("pdftotext", &["-bbox", "-enc", "UTF-8", &pdf.to_string_lossy(), "-"]);
    assert!(output.status.success(), "pdftotext -bbox must read {}", pdf.display());
    let html = String::from_utf8_lossy(&output.stdout).into_owned();
    let mut sizes = Vec::new();
    let mut boxes = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            sizes.push((attr(line, "width"), attr(line, "height")));
        } else if line.starts_with("<word ") {
            let text = line.split_once('>').map(|(_, rest)| rest.trim_end_matches("</word>")).unwrap_or_default();
            boxes.push(WordBox {
                page: sizes.len(),
                text: unescape(text),
                x_min: attr(line, "xMin"),
                y_min: attr(line, "yMin"),
                x_max: attr(line, "xMax"),
                y_max: attr(line, "yMax"),
            });
        }
    }
    (sizes, boxes)
}

fn attr(line: &str, name: &str) -> f32 {
    let key = format!("{name}=\"");
    line.find(&key)
        .and_then(|at| line[at + key.len()..].split('"').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(f32::NAN)
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The seed fixtures rendered alone by the typesetting tests (seeds 000, 003, 004 as Markdown).
pub fn seed_fixtures() -> Vec<PathBuf> {
    let root = repo_root();
    ["000", "003", "004"].iter().map(|n| root.join(format!("tests/fixtures/seeds/{n}.md"))).collect()
}

/// Every Markdown paper of the demo council under assets/demo, sorted by path.
pub fn demo_papers() -> Vec<PathBuf> {
    let mut pending = vec![repo_root().join("assets/demo")];
    let mut demo = Vec::new();
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                demo.push(path);
            }
        }
    }
    demo.sort();
    demo
}
