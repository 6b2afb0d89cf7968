//! Issue 21: a pack writes each paper's pages as soon as the paper is laid out, before
//! pagination ([`agendapack_pdf::draw_ahead`]). Its marked content must be what writing the
//! whole paginated pack at once gives: the same structure types on the same MCIDs of every
//! page (a paper's heading levels must not depend on the papers around it), and the same
//! structure tree.

use agendapack_pack::{build, lay_out_pack, Edition, PackOptions};
use agendapack_pdf::{write_pdf, PdfOptions};
use lopdf::{Document, Object};

/// Per page, every `BDC` with an MCID: (tag, MCID), in content order.
fn marked(pdf: &[u8]) -> Vec<Vec<(Vec<u8>, i64)>> {
    let doc = Document::load_mem(pdf).expect("the PDF loads");
    doc.get_pages()
        .into_values()
        .map(|page| {
            let content = doc.get_and_decode_page_content(page).expect("the content decodes");
            content
                .operations
                .iter()
                .filter(|op| op.operator == "BDC")
                .filter_map(|op| {
                    let tag = op.operands.first()?.as_name().ok()?.to_vec();
                    let mcid = op.operands.get(1)?.as_dict().ok()?.get(b"MCID").ok()?.as_i64().ok()?;
                    Some((tag, mcid))
                })
                .collect()
        })
        .collect()
}

/// The structure elements' types, depth first in reading order.
fn structure_types(pdf: &[u8]) -> Vec<Vec<u8>> {
    let doc = Document::load_mem(pdf).expect("the PDF loads");
    let resolve = |o: &Object| match o {
        Object::Reference(id) => doc.get_object(*id).ok().cloned(),
        other => Some(other.clone()),
    };
    let root = doc.catalog().ok().and_then(|c| c.get(b"StructTreeRoot").ok()).and_then(resolve).expect("a structure tree");
    let mut types = Vec::new();
    let mut stack = vec![root];
    while let Some(object) = stack.pop() {
        let Ok(dict) = object.as_dict() else { continue };
        if let Ok(s) = dict.get(b"S").and_then(Object::as_name) {
            types.push(s.to_vec());
        }
        let kids = match dict.get(b"K").ok().and_then(resolve) {
            Some(Object::Array(kids)) => kids,
            Some(kid) => vec![kid],
            None => Vec::new(),
        };
        stack.extend(kids.iter().rev().filter_map(resolve));
    }
    types
}

#[test]
fn papers_drawn_ahead_are_marked_as_the_whole_pack_would_be() {
    let bundles = agendapack_demo::bundles();
    for (name, bundle) in [("seed 001", &bundles[0]), ("seed 002", &bundles[1])] {
        let options = PackOptions { edition: Edition::Full, ..PackOptions::default() };
        let built = build(bundle, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
        let whole = write_pdf(&lay_out_pack(bundle, &options).expect("laid out"), &PdfOptions::default()).expect("written whole");
        let (ahead, at_once) = (marked(&built.pdf), marked(&whole));
        assert_eq!(ahead.len(), at_once.len(), "{name}: the same pages");
        for (n, (a, b)) in ahead.iter().zip(&at_once).enumerate() {
            assert_eq!(a, b, "{name}: page {} is marked differently when its paper is drawn ahead", n + 1);
        }
        assert!(ahead.iter().flatten().any(|(tag, _)| tag.starts_with(b"H")), "{name}: headings are marked");
        assert_eq!(structure_types(&built.pdf), structure_types(&whole), "{name}: the same structure tree");
    }
}
