//! Measures `write_pdf` on a text-heavy 250-page document (48 lines of ~95 characters a page,
//! two faces, one rule and one stamp a page): `cargo run --release -p agendapack-pdf
//! --example write_speed`. Prints the median of several runs and the file size.

use std::time::Instant;

use agendapack_doc::Color;
use agendapack_layout::fonts::FontId;
use agendapack_layout::{Glyph, LaidOut, Line, OutlineEntry, Page, Placed, Point, Role, Tag, TextRun};
use agendapack_pdf::{write_pdf, PdfOptions};

const REGULAR: &[u8] = include_bytes!("../../../../assets/fonts/LiberationSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../../assets/fonts/LiberationSans-Bold.ttf");

fn run(font: FontId, x: f32, y: f32, text: &str, node: Option<u32>) -> TextRun {
    let data = if font == FontId::SansBold { BOLD } else { REGULAR };
    let Ok(face) = ttf_parser::Face::parse(data, 0) else { panic!("bundled font") };
    let size = 10.0;
    let scale = size / f32::from(face.units_per_em());
    let glyphs = text
        .char_indices()
        .map(|(i, c)| {
            let id = face.glyph_index(c).map_or(0, |g| g.0);
            let advance = f32::from(face.glyph_hor_advance(ttf_parser::GlyphId(id)).unwrap_or(0)) * scale;
            Glyph { id, advance, x_offset: 0.0, y_offset: 0.0, cluster: i as u32 }
        })
        .collect();
    let role = if node.is_some() { Role::Paragraph } else { Role::Artifact };
    TextRun {
        origin: Point { x, y },
        font,
        size,
        color: Color { r: 0.0, g: 0.0, b: 0.0 },
        text: text.to_owned(),
        glyphs,
        tag: Tag { role, node },
    }
}

fn document(pages: usize) -> LaidOut {
    let lines = [
        "The Committee considered the report of the Director of Finance on the revenue budget for 2021/22",
        "RESOLVED that the Cabinet be recommended to approve the council tax base of 41,234.5 Band D “equivalent”",
        "Members asked about the £2.4m shortfall in the adult social care budget – the officer’s answer is in Appendix B",
    ];
    let mut doc = LaidOut::default();
    for p in 0..pages {
        let mut items = Vec::new();
        for l in 0..48u32 {
            let font = if l % 12 == 0 { FontId::SansBold } else { FontId::SansRegular };
            let text = lines[(l as usize + p) % lines.len()];
            items.push(Placed::Text(run(font, 56.7, 70.0 + 15.0 * l as f32, text, Some(l))));
        }
        items.push(Placed::Line(Line {
            from: Point { x: 56.7, y: 60.0 },
            to: Point { x: 538.6, y: 60.0 },
            width: 0.5,
            color: Color { r: 0.0, g: 0.0, b: 0.0 },
            tag: Tag::ARTIFACT,
        }));
        items.push(Placed::Text(run(FontId::SansRegular, 280.0, 810.0, &format!("Page {}", p + 1), None)));
        doc.pages.push(Page { width: 595.276, height: 841.89, imported: None, items, links: Vec::new(), drawn: None });
        doc.outline.push(OutlineEntry { title: format!("Item {}", p + 1), level: (p % 2) as u8, page: p, y: 70.0 });
    }
    doc
}

fn main() {
    let doc = document(250);
    let glyphs: usize = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .map(|i| if let Placed::Text(t) = i { t.glyphs.len() } else { 0 })
        .sum();
    // Single-threaded and automatic runs interleaved, so that load from other processes
    // hits both alike.
    let mut times = [Vec::new(), Vec::new()];
    let mut size = 0;
    for _ in 0..11 {
        for (slot, threads) in [1, 0].into_iter().enumerate() {
            let options = PdfOptions { threads, ..PdfOptions::default() };
            let start = Instant::now();
            match write_pdf(&doc, &options) {
                Ok(bytes) => size = bytes.len(),
                Err(e) => {
                    eprintln!("{e}");
                    std::process::exit(1);
                }
            }
            times[slot].push(start.elapsed().as_secs_f64());
        }
    }
    for (label, mut t) in ["1 thread", "auto threads"].into_iter().zip(times) {
        t.sort_by(f64::total_cmp);
        println!(
            "250 pages, {glyphs} glyphs, {label}: median {:.1} ms (min {:.1}, max {:.1}), {} KB",
            t[t.len() / 2] * 1000.0,
            t[0] * 1000.0,
            t[t.len() - 1] * 1000.0,
            size / 1024
        );
    }
}
