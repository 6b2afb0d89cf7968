//! Issue 21's position check: every glyph the PDF shows lands where layout put it, within
//! 0.01 pt, for the demo packs (seeds 001 and 002) and each seed fixture rendered alone
//! (000, 003, 004).
//!
//! The positions are read back from the written file by a small content-stream interpreter
//! of our own (lopdf parses, this file does the text-state arithmetic: `Tm`, `Tf`, `Ts`, `TJ`
//! and `Tj` with the fonts' `/W` widths), independent of the writer's code, and compared glyph
//! by glyph with layout's pen positions (run origin + advances + shaping offsets).

use std::collections::BTreeMap;
use std::path::PathBuf;

use agendapack_layout::{LaidOut, Placed};
use agendapack_pack::render::{layout_stage, parse_stage, pdf_stage, stamp_page_numbers, RenderOptions};
use agendapack_pack::{build, lay_out_pack, Edition, PackOptions};
use lopdf::{Document, Object, ObjectId};

/// Largest distance allowed between layout's and the file's position of a glyph, in points.
const TOLERANCE: f64 = 0.01;

/// A glyph position on the page, points from the bottom-left corner.
#[derive(Debug, Clone, Copy)]
struct At {
    x: f64,
    y: f64,
}

/// Where layout put every glyph of every page drawn by us (imported pages are left out).
fn laid_positions(laid: &LaidOut) -> Vec<Option<Vec<At>>> {
    laid.pages
        .iter()
        .map(|page| {
            if page.imported.is_some() {
                return None;
            }
            let height = f64::from(page.height);
            let mut glyphs = Vec::new();
            for item in &page.items {
                let Placed::Text(run) = item else { continue };
                if run.glyphs.is_empty() || !(run.size.is_finite() && run.size > 0.0) {
                    continue;
                }
                let mut pen = 0.0f64;
                for g in &run.glyphs {
                    glyphs.push(At {
                        x: f64::from(run.origin.x) + pen + f64::from(g.x_offset),
                        y: height - f64::from(run.origin.y) + f64::from(g.y_offset),
                    });
                    pen += f64::from(g.advance);
                }
            }
            Some(glyphs)
        })
        .collect()
}

fn number(object: &Object) -> f64 {
    match object {
        Object::Integer(n) => *n as f64,
        Object::Real(r) => f64::from(*r),
        _ => f64::NAN,
    }
}

fn resolve<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    match object {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(object),
        other => other,
    }
}

/// CID → width (thousandths of an em) from a Type0 font's descendant `/W`.
fn widths(doc: &Document, font: &Object) -> BTreeMap<u32, f64> {
    let mut out = BTreeMap::new();
    let Ok(font) = resolve(doc, font).as_dict() else { return out };
    let Some(descendant) = font
        .get(b"DescendantFonts")
        .ok()
        .map(|d| resolve(doc, d))
        .and_then(|d| d.as_array().ok())
        .and_then(|a| a.first())
        .map(|d| resolve(doc, d))
        .and_then(|d| d.as_dict().ok())
    else {
        return out;
    };
    let Some(w) = descendant.get(b"W").ok().map(|w| resolve(doc, w)).and_then(|w| w.as_array().ok()) else { return out };
    let mut i = 0;
    while i < w.len() {
        let first = number(&w[i]) as u32;
        match w.get(i + 1).map(|o| resolve(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter().enumerate() {
                    out.insert(first + k as u32, number(v));
                }
                i += 2;
            }
            Some(last) => {
                let last = number(last) as u32;
                let width = w.get(i + 2).map_or(0.0, number);
                for cid in first..=last {
                    out.insert(cid, width);
                }
                i += 3;
            }
            None => break,
        }
    }
    out
}

/// The fonts of a page's resources, by resource name.
fn page_fonts(doc: &Document, page: ObjectId) -> BTreeMap<Vec<u8>, BTreeMap<u32, f64>> {
    let mut fonts = BTreeMap::new();
    let resources = doc
        .get_dictionary(page)
        .ok()
        .and_then(|p| p.get(b"Resources").ok())
        .map(|r| resolve(doc, r))
        .and_then(|r| r.as_dict().ok());
    let Some(font_dict) = resources.and_then(|r| r.get(b"Font").ok()).map(|f| resolve(doc, f)).and_then(|f| f.as_dict().ok()) else {
        return fonts;
    };
    for (name, font) in font_dict.iter() {
        fonts.insert(name.clone(), widths(doc, font));
    }
    fonts
}

/// Every glyph the page's content shows, where the viewer puts it (translation-only text
/// matrices and no `cm` around text, which is all the writer produces).
fn read_positions(doc: &Document, page: ObjectId) -> Vec<At> {
    let fonts = page_fonts(doc, page);
    let content = doc.get_and_decode_page_content(page).expect("the page content decodes");
    let empty = BTreeMap::new();
    let (mut font, mut size, mut rise) = (&empty, 0.0f64, 0.0f64);
    let (mut line_x, mut line_y, mut x) = (0.0f64, 0.0f64, 0.0f64);
    let mut out = Vec::new();
    let show = |bytes: &[u8], font: &BTreeMap<u32, f64>, size: f64, x: &mut f64, y: f64, out: &mut Vec<At>| {
        for code in bytes.chunks(2) {
            let cid = u32::from(code[0]) << 8 | u32::from(*code.get(1).unwrap_or(&0));
            out.push(At { x: *x, y });
            *x += font.get(&cid).copied().unwrap_or(0.0) / 1000.0 * size;
        }
    };
    for op in &content.operations {
        let args = &op.operands;
        match op.operator.as_str() {
            "BT" => {
                line_x = 0.0;
                line_y = 0.0;
                x = 0.0;
            }
            "Tf" => {
                let name = args.first().and_then(|n| n.as_name().ok()).unwrap_or_default();
                font = fonts.get(name).unwrap_or(&empty);
                size = args.get(1).map_or(0.0, number);
            }
            "Ts" => rise = args.first().map_or(0.0, number),
            "Tm" => {
                let m: Vec<f64> = args.iter().map(number).collect();
                assert!(m.len() == 6 && m[0] == 1.0 && m[1] == 0.0 && m[2] == 0.0 && m[3] == 1.0, "only translations are written: {m:?}");
                line_x = m[4];
                line_y = m[5];
                x = line_x;
            }
            "Td" => {
                line_x += args.first().map_or(0.0, number);
                line_y += args.get(1).map_or(0.0, number);
                x = line_x;
            }
            "Tj" => {
                if let Some(Object::String(bytes, _)) = args.first() {
                    show(bytes, font, size, &mut x, line_y + rise, &mut out);
                }
            }
            "TJ" => {
                let Some(Object::Array(items)) = args.first() else { continue };
                for item in items {
                    match item {
                        Object::String(bytes, _) => show(bytes, font, size, &mut x, line_y + rise, &mut out),
                        other => x -= number(other) / 1000.0 * size,
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Compares layout's glyphs with the file's, page by page; returns the glyphs compared.
fn check(name: &str, laid: &LaidOut, pdf: &[u8]) -> usize {
    let doc = Document::load_mem(pdf).unwrap_or_else(|e| panic!("{name}: the PDF must load: {e}"));
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    assert_eq!(pages.len(), laid.pages.len(), "{name}: one PDF page per laid-out page");
    let mut compared = 0;
    for (n, (expected, &page)) in laid_positions(laid).iter().zip(&pages).enumerate() {
        let Some(expected) = expected else { continue };
        let read = read_positions(&doc, page);
        assert_eq!(read.len(), expected.len(), "{name}, page {}: the file shows as many glyphs as layout placed", n + 1);
        for (k, (want, got)) in expected.iter().zip(&read).enumerate() {
            let (dx, dy) = ((want.x - got.x).abs(), (want.y - got.y).abs());
            assert!(
                dx <= TOLERANCE && dy <= TOLERANCE,
                "{name}, page {}, glyph {k}: layout put it at ({:.4}, {:.4}), the PDF at ({:.4}, {:.4})",
                n + 1,
                want.x,
                want.y,
                got.x,
                got.y
            );
        }
        compared += read.len();
    }
    compared
}

#[test]
fn demo_packs_draw_every_glyph_where_layout_put_it() {
    let bundles = agendapack_demo::bundles();
    let cases = [
        ("demo pack (seed 001), public edition", 0, PackOptions::default()),
        ("demo pack (seed 001), full edition", 0, PackOptions { edition: Edition::Full, ..PackOptions::default() }),
        ("supplement (seed 002)", 1, PackOptions { supplement: true, ..PackOptions::default() }),
    ];
    for (name, index, options) in cases {
        let bundle = &bundles[index];
        let laid = lay_out_pack(bundle, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
        let built = build(bundle, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
        let compared = check(name, &laid, &built.pdf);
        assert!(compared > 10_000, "{name}: a whole pack's glyphs are compared (only {compared})");
    }
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../..")
}

#[test]
fn seed_documents_draw_every_glyph_where_layout_put_it() {
    for seed in ["000", "003", "004"] {
        let path = repo_root().join(format!("tests/fixtures/seeds/{seed}.md"));
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let options = RenderOptions::new(seed);
        let parsed = parse_stage(&source, &options);
        let mut laid = layout_stage(&parsed, &options);
        stamp_page_numbers(&mut laid, &options.style);
        let pdf = pdf_stage(&laid, &parsed.document.title, &options).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        let compared = check(&format!("seed {seed}"), &laid, &pdf);
        assert!(compared > 1_000, "seed {seed}: its glyphs are compared (only {compared})");
    }
}
