//! Tags inside an appendix's form XObjects: a tagged source (as Word or LibreOffice export
//! them) may draw its tagged content inside form XObjects, whose `/StructParents` key has its
//! own ParentTree entry and whose MCIDs the tree references through MCRs with `/Stm`. The
//! merged pack must give each copied XObject a fresh key in its own ParentTree, mapped to the
//! copied elements, with every MCR pointing at the copied stream and page.

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;

use agendapack_doc::markdown::{parse, ParseOptions};
use agendapack_layout::{layout, LaidOut, PackStyle, StructKind, StructNode};
use agendapack_pdf::{check_tags, write_pdf, PdfOptions};
use common::{imported, pdftotext, qpdf_check};
use lopdf::{dictionary, Document, Object, ObjectId, Stream};

/// A two-page tagged PDF whose pages both draw form XObject Fx1 (`/StructParents 0`, one P
/// with MCID 0), which draws a nested Fx2 (`/StructParents 1`, another P with MCID 0).
fn form_tagged_source() -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let font = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let form = |content: &[u8], key: i64, resources: lopdf::Dictionary| {
        Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                "Resources" => resources,
                "StructParents" => key,
            },
            content.to_vec(),
        )
    };
    let fx2 = doc.add_object(form(
        b"/P <</MCID 0>> BDC BT /F1 12 Tf 72 650 Td (Nested form text) Tj ET EMC\n",
        1,
        dictionary! { "Font" => dictionary! { "F1" => font } },
    ));
    let fx1 = doc.add_object(form(
        b"/P <</MCID 0>> BDC BT /F1 12 Tf 72 700 Td (Form text) Tj ET EMC /Fx2 Do\n",
        0,
        dictionary! { "Font" => dictionary! { "F1" => font }, "XObject" => dictionary! { "Fx2" => fx2 } },
    ));
    let pages_id = doc.new_object_id();
    let page_ids: Vec<ObjectId> = (0..2)
        .map(|_| {
            let content = doc.add_object(Stream::new(lopdf::Dictionary::new(), b"/Fx1 Do\n".to_vec()));
            doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
                "Resources" => dictionary! { "XObject" => dictionary! { "Fx1" => fx1 } },
                "Contents" => content,
            })
        })
        .collect();
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => page_ids.iter().map(|&p| Object::Reference(p)).collect::<Vec<_>>(),
            "Count" => 2,
        }),
    );
    let root_id = doc.new_object_id();
    let element = |doc: &mut Document, stm: ObjectId| {
        doc.add_object(dictionary! {
            "Type" => "StructElem",
            "S" => "P",
            "P" => root_id,
            "Pg" => page_ids[0],
            "K" => dictionary! { "Type" => "MCR", "Pg" => page_ids[0], "MCID" => 0, "Stm" => stm },
        })
    };
    let p1 = element(&mut doc, fx1);
    let p2 = element(&mut doc, fx2);
    doc.objects.insert(
        root_id,
        Object::Dictionary(dictionary! {
            "Type" => "StructTreeRoot",
            "K" => vec![p1.into(), p2.into()],
            "ParentTree" => dictionary! { "Nums" => vec![0.into(), vec![p1.into()].into(), 1.into(), vec![p2.into()].into()] },
            "ParentTreeNextKey" => 2,
        }),
    );
    let catalog = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
        "StructTreeRoot" => root_id,
        "MarkInfo" => dictionary! { "Marked" => true },
    });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("the fixture is saved");
    bytes
}

fn pack(appendix: &Arc<Vec<u8>>) -> LaidOut {
    let mut doc = layout(&parse("# Pack\n\nText.\n", &ParseOptions::new("Doc")).document, &PackStyle::default());
    let section = doc.structure.len() as u32;
    doc.structure.push(StructNode { parent: Some(0), kind: StructKind::Section { title: "Appendix 1: Forms".to_owned() } });
    for index in 0..2 {
        let mut page = imported(appendix, index, &format!("Page {}", index + 2));
        if let Some(i) = page.imported.as_mut() {
            i.parent = Some(section);
        }
        doc.pages.push(page);
    }
    doc
}

fn options() -> PdfOptions {
    PdfOptions { title: "Form tags".to_owned(), ..PdfOptions::default() }
}

#[test]
fn form_xobject_tags_are_renumbered_into_our_parent_tree() {
    let appendix = Arc::new(form_tagged_source());
    assert!(agendapack_pdf::inspect_attachment(&appendix).expect("the fixture is a valid attachment").tagged, "the fixture is tagged");
    let bytes = write_pdf(&pack(&appendix), &options()).expect("the pack is written");
    qpdf_check(&bytes);
    assert_eq!(bytes, write_pdf(&pack(&appendix), &options()).expect("written again"), "deterministic bytes");
    let report = check_tags(&bytes).expect("the checker reads the pack");
    assert!(report.is_ok(), "the merged tree must pass: {:#?}", report.problems);
    let text = pdftotext(&bytes, 2, 3);
    assert!(text.contains("Form text") && text.contains("Nested form text"), "the forms are drawn: {text}");

    let pdf = Document::load_mem(&bytes).expect("re-read");
    let pages: BTreeSet<ObjectId> = pdf.get_pages().values().copied().collect();
    let forms: Vec<(ObjectId, i64)> = pdf
        .objects
        .iter()
        .filter_map(|(id, o)| o.as_stream().ok().map(|s| (id, s)))
        .filter(|(_, s)| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(&b"Form"[..]))
        .filter_map(|(id, s)| Some((*id, s.dict.get(b"StructParents").ok()?.as_i64().ok()?)))
        .collect();
    assert_eq!(forms.len(), 2, "Fx1 and the nested Fx2 are copied once each, with a key: {forms:?}");

    let catalog = pdf.catalog().expect("catalog");
    let root = pdf.get_dictionary(catalog.get(b"StructTreeRoot").and_then(Object::as_reference).expect("tree")).expect("root");
    let tree = match root.get(b"ParentTree").expect("ParentTree") {
        Object::Reference(r) => pdf.get_dictionary(*r).expect("ParentTree"),
        Object::Dictionary(d) => d,
        other => panic!("ParentTree is {other:?}"),
    };
    let nums = tree.get(b"Nums").and_then(Object::as_array).expect("a flat Nums array");
    let keys: Vec<i64> = nums.chunks(2).filter_map(|p| p[0].as_i64().ok()).collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "keys ascend and are unique: {keys:?}");
    let next = root.get(b"ParentTreeNextKey").and_then(Object::as_i64).expect("next key");
    for (form, key) in forms {
        assert!(key < next, "key {key} of {form:?} is below ParentTreeNextKey {next}");
        let entry = nums.chunks(2).find(|p| p[0].as_i64().ok() == Some(key)).map(|p| &p[1]).expect("the form's key is in our ParentTree");
        let element = entry.as_array().expect("an MCID-indexed array")[0].as_reference().expect("MCID 0 maps to an element");
        let elem = pdf.get_dictionary(element).expect("the copied element");
        assert_eq!(elem.get(b"S").and_then(Object::as_name).ok(), Some(&b"P"[..]), "it is the copied P");
        let mcr = elem.get(b"K").and_then(Object::as_dict).expect("its MCR");
        assert_eq!(mcr.get(b"Stm").and_then(Object::as_reference).ok(), Some(form), "the MCR's /Stm is the copied XObject");
        assert_eq!(mcr.get(b"MCID").and_then(Object::as_i64).ok(), Some(0));
        let pg = mcr.get(b"Pg").and_then(Object::as_reference).expect("the MCR's /Pg");
        assert!(pages.contains(&pg), "the MCR's /Pg is a page of the pack");
        assert!(elem.get(b"P").and_then(Object::as_reference).is_ok_and(|p| p != element), "the P hangs in our tree");
    }
}
