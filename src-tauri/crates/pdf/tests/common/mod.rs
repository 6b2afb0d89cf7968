//! Hand-built laid-out documents for the writer tests, and the poppler/qpdf checks.
//!
//! Text is "shaped" one glyph per character straight from the font's cmap and hmtx, so the
//! tests do not depend on the layout engine.

#![allow(dead_code)]

use std::process::Command;
use std::sync::Arc;

use agendapack_doc::{Color, LinkTarget};
use agendapack_layout::fonts::FontId;
use agendapack_layout::{
    Anchor, FilledRect, Glyph, ImportedPage, LaidOut, Line, LinkArea, StructKind, StructNode, OutlineEntry, Page, Placed,
    PlacedImage, Point, Rect, Role, Tag, TextRun,
};

pub const A4: (f32, f32) = (595.276, 841.89);
pub const BLACK: Color = Color { r: 0.0, g: 0.0, b: 0.0 };

pub fn font_data(font: FontId) -> &'static [u8] {
    match font {
        FontId::SansBold => include_bytes!("../../../../../assets/fonts/LiberationSans-Bold.ttf"),
        FontId::FallbackRegular => include_bytes!("../../../../../assets/fonts/DejaVuSans.ttf"),
        FontId::Mono => include_bytes!("../../../../../assets/fonts/LiberationMono-Regular.ttf"),
        _ => include_bytes!("../../../../../assets/fonts/LiberationSans-Regular.ttf"),
    }
}

/// One glyph per character, advances from hmtx, clusters at each character's byte offset.
pub fn run(font: FontId, size: f32, x: f32, y: f32, text: &str, tag: Tag) -> TextRun {
    let face = ttf_parser::Face::parse(font_data(font), 0).expect("bundled font parses");
    let scale = size / f32::from(face.units_per_em());
    let glyphs = text
        .char_indices()
        .map(|(i, c)| {
            let id = face.glyph_index(c).map_or(0, |g| g.0);
            let advance = f32::from(face.glyph_hor_advance(ttf_parser::GlyphId(id)).unwrap_or(0)) * scale;
            Glyph { id, advance, x_offset: 0.0, y_offset: 0.0, cluster: i as u32 }
        })
        .collect();
    TextRun { origin: Point { x, y }, font, size, color: BLACK, text: text.to_owned(), glyphs, tag }
}

pub fn glyph_id(font: FontId, c: char) -> u16 {
    let face = ttf_parser::Face::parse(font_data(font), 0).expect("bundled font parses");
    face.glyph_index(c).map_or(0, |g| g.0)
}

pub fn para(node: u32) -> Tag {
    Tag { role: Role::Paragraph, node: Some(node) }
}

pub fn page(items: Vec<Placed>) -> Page {
    Page { width: A4.0, height: A4.1, imported: None, items, links: Vec::new(), drawn: None }
}

/// A text-heavy document: `pages` pages of 48 lines of about 90 characters.
pub fn text_heavy(pages: usize) -> LaidOut {
    let line = "The committee RESOLVED that the report be noted, and that the Director of Finance £ – “agreed”";
    let mut doc = LaidOut::default();
    for p in 0..pages {
        let mut items = Vec::new();
        for l in 0..48 {
            let font = if l % 10 == 0 { FontId::SansBold } else { FontId::SansRegular };
            items.push(Placed::Text(run(font, 10.0, 56.7, 70.0 + 15.0 * l as f32, line, para(l))));
        }
        items.push(Placed::Text(run(FontId::SansRegular, 9.0, 280.0, 810.0, &format!("Page {}", p + 1), Tag::ARTIFACT)));
        doc.pages.push(page(items));
        doc.outline.push(OutlineEntry { title: format!("Item {}", p + 1), level: 0, page: p, y: 70.0 });
    }
    doc
}

/// A small document with every kind of item, a nested outline and both kinds of link.
pub fn sampler() -> LaidOut {
    let welsh = "Cymraeg: ŵ ŷ â, £ € – — ‘ ’ “ ” …";
    let first = page(vec![
        Placed::Text(run(FontId::SansBold, 16.0, 56.7, 80.0, "Agenda", Tag { role: Role::Heading(1), node: Some(1) })),
        Placed::Text(run(FontId::SansRegular, 11.0, 56.7, 110.0, welsh, para(2))),
        Placed::Line(Line {
            from: Point { x: 56.7, y: 120.0 },
            to: Point { x: 538.0, y: 120.0 },
            width: 0.5,
            color: BLACK,
            tag: Tag::ARTIFACT,
        }),
        Placed::Rect(FilledRect {
            rect: Rect { x: 56.7, y: 130.0, width: 100.0, height: 20.0 },
            fill: Color { r: 0.9, g: 0.9, b: 0.9 },
            tag: Tag::ARTIFACT,
        }),
        Placed::Text(run(FontId::SansRegular, 11.0, 56.7, 170.0, "See the minutes", Tag { role: Role::Link, node: Some(3) })),
        Placed::Text(run(FontId::Mono, 9.0, 56.7, 190.0, "code()", Tag { role: Role::Code, node: Some(4) })),
    ]);
    let mut first = first;
    first.links = vec![
        LinkArea {
            rect: Rect { x: 56.7, y: 160.0, width: 80.0, height: 12.0 },
            target: LinkTarget::Internal("minutes".to_owned()).into(),
            description: "See the minutes".into(),
            node: Some(3),
        },
        LinkArea {
            rect: Rect { x: 56.7, y: 200.0, width: 80.0, height: 12.0 },
            target: LinkTarget::External("https://example.gov.uk/meetings".to_owned()).into(),
            description: "Council website".into(),
            node: None,
        },
    ];
    let second = page(vec![Placed::Text(run(FontId::SansBold, 14.0, 56.7, 300.0, "Minutes", Tag { role: Role::Heading(2), node: Some(5) }))]);
    let third = page(vec![Placed::Text(run(FontId::SansRegular, 11.0, 56.7, 80.0, "Appendix A", para(6)))]);
    LaidOut {
        pages: vec![first, second, third],
        outline: vec![
            OutlineEntry { title: "1. Agenda".to_owned(), level: 0, page: 0, y: 80.0 },
            OutlineEntry { title: "2. Minutes".to_owned(), level: 0, page: 1, y: 300.0 },
            OutlineEntry { title: "Appendix A – Budget".to_owned(), level: 1, page: 2, y: 80.0 },
            OutlineEntry { title: "Annex 1".to_owned(), level: 2, page: 2, y: 80.0 },
            OutlineEntry { title: "3. Any other business".to_owned(), level: 0, page: 2, y: 400.0 },
        ],
        anchors: vec![Anchor { name: "minutes".to_owned(), page: 1, y: 300.0 }],
        structure: sampler_structure(),
    }
}

/// The sampler's logical structure: node indices match the tags used above (and 9, the
/// figure of [`image_item`]).
pub fn sampler_structure() -> Vec<StructNode> {
    let node = |parent: Option<u32>, kind: StructKind| StructNode { parent, kind };
    vec![
        node(None, StructKind::Document),
        node(Some(0), StructKind::Heading(1)),
        node(Some(0), StructKind::Paragraph),
        node(Some(2), StructKind::Link),
        node(Some(0), StructKind::Code),
        node(Some(0), StructKind::Heading(2)),
        node(Some(0), StructKind::Paragraph),
        node(Some(0), StructKind::Paragraph),
        node(Some(0), StructKind::Paragraph),
        node(Some(0), StructKind::Figure { alt: "A diagonal gradient".to_owned() }),
    ]
}

pub fn image_item(data: &Arc<Vec<u8>>, rect: Rect) -> Placed {
    Placed::Image(PlacedImage { rect, data: data.clone(), tag: Tag { role: Role::Figure, node: Some(9) } })
}

pub fn imported(source: &Arc<Vec<u8>>, index: usize, stamp: &str) -> Page {
    Page {
        width: A4.0,
        height: A4.1,
        imported: Some(ImportedPage { source: source.clone(), index, parent: None, placement: None }),
        items: vec![Placed::Text(run(FontId::SansRegular, 9.0, 500.0, 820.0, stamp, Tag::ARTIFACT))],
        links: Vec::new(),
        drawn: None,
    }
}

/// An RGB PNG of `w`×`h` pixels with a diagonal gradient.
pub fn png(w: u32, h: u32, alpha: bool) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(if alpha { png::ColorType::Rgba } else { png::ColorType::Rgb });
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().expect("png header");
        let channels = if alpha { 4 } else { 3 };
        let mut data = Vec::with_capacity((w * h) as usize * channels);
        for y in 0..h {
            for x in 0..w {
                data.extend_from_slice(&[(x % 256) as u8, (y % 256) as u8, 128]);
                if alpha {
                    data.push(if x < w / 2 { 255 } else { 100 });
                }
            }
        }
        writer.write_image_data(&data).expect("png data");
    }
    out
}

/// Writes `bytes` to a temporary file and runs `program args... file`.
pub fn tool(program: &str, args: &[&str], bytes: &[u8]) -> (bool, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("out.pdf");
    std::fs::write(&path, bytes).expect("write temp pdf");
    let output = Command::new(program).args(args).arg(&path).output().expect("tool runs");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

pub fn pdftotext(bytes: &[u8], first: usize, last: usize) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("out.pdf");
    std::fs::write(&path, bytes).expect("write temp pdf");
    let output = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-f", &first.to_string(), "-l", &last.to_string()])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn qpdf_check(bytes: &[u8]) {
    let (ok, text) = tool("qpdf", &["--check"], bytes);
    assert!(ok && text.contains("No syntax or stream encoding errors"), "qpdf --check must pass:\n{text}");
    assert!(!text.to_lowercase().contains("warning"), "qpdf --check must not warn:\n{text}");
}
