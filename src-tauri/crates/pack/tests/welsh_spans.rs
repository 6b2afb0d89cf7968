//! Welsh passages marked in Markdown (`[Croeso i'r cyfarfod]{lang=cy}` and `::: {lang=cy}`
//! fences, docs/format.md) reach the tagged PDF as a structure element with `/Lang (cy)` whose
//! marked content holds exactly
//! those words, read back with lopdf: the element's MCIDs are followed into the page's content
//! stream and its glyphs decoded through the font's ToUnicode map (a small reader of our own,
//! independent of the writer). pdftotext still extracts the words, and the document stays en-GB.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

use agendapack_pack::render::{render_markdown, RenderOptions};
use agendapack_pdf::check_tags;
use lopdf::content::Content;
use lopdf::{Document, Object, ObjectId};

const SOURCE: &str = "# Bilingual notice\n\n\
The Chair opened the meeting: [Croeso i'r cyfarfod]{lang=cy}. Members were welcomed.\n\n\
**Apologies [Ymddiheuriadau]{lang=cy}** were received.\n\n\
::: {lang=cy}\n\nBore da i bawb.\n\n:::\n\nThe meeting closed.\n";

fn resolve<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    match object {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(object),
        other => other,
    }
}

fn text_string(object: &Object) -> String {
    match object {
        Object::String(bytes, _) if bytes.starts_with(&[0xFE, 0xFF]) => {
            let units: Vec<u16> = bytes[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
            String::from_utf16_lossy(&units)
        }
        Object::String(bytes, _) => bytes.iter().map(|&b| b as char).collect(),
        _ => String::new(),
    }
}

/// The ToUnicode map of a Type0 font: glyph code to text (the writer's `bfchar` entries).
fn to_unicode(doc: &Document, font: &Object) -> BTreeMap<u16, String> {
    let mut map = BTreeMap::new();
    let Ok(dict) = resolve(doc, font).as_dict() else { return map };
    let Ok(Object::Stream(stream)) = dict.get(b"ToUnicode").map(|o| resolve(doc, o)) else { return map };
    let data = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
    let text = String::from_utf8_lossy(&data);
    for block in text.split("beginbfchar").skip(1) {
        let body = block.split("endbfchar").next().unwrap_or("");
        for line in body.lines() {
            let hexes: Vec<&str> = line.split(['<', '>']).filter(|s| !s.trim().is_empty()).collect();
            if let [code, target] = hexes[..] {
                let code = u16::from_str_radix(code, 16).expect("a glyph code");
                let units: Vec<u16> = (0..target.len() / 4).map(|i| u16::from_str_radix(&target[i * 4..i * 4 + 4], 16).expect("UTF-16")).collect();
                map.insert(code, String::from_utf16_lossy(&units));
            }
        }
    }
    map
}

/// The text inside each MCID's marked content on one page.
fn marked_texts(doc: &Document, page: ObjectId) -> BTreeMap<i64, String> {
    let fonts: BTreeMap<Vec<u8>, BTreeMap<u16, String>> = doc
        .get_page_fonts(page)
        .expect("page fonts")
        .into_iter()
        .map(|(name, font)| (name, to_unicode(doc, &Object::Dictionary(font.clone()))))
        .collect();
    let content = Content::decode(&doc.get_page_content(page)).expect("decodable content");
    let mut out: BTreeMap<i64, String> = BTreeMap::new();
    // The MCID of each open marked-content sequence (None for BMC or BDC without one).
    let mut open: Vec<Option<i64>> = Vec::new();
    let mut font: Vec<u8> = Vec::new();
    for op in &content.operations {
        match op.operator.as_str() {
            "BDC" => {
                let mcid = op.operands.get(1).and_then(|p| p.as_dict().ok()).and_then(|d| d.get(b"MCID").ok()).and_then(|m| m.as_i64().ok());
                open.push(mcid);
            }
            "BMC" => open.push(None),
            "EMC" => {
                open.pop();
            }
            "Tf" => font = op.operands.first().and_then(|n| n.as_name().ok()).map(<[u8]>::to_vec).unwrap_or_default(),
            "Tj" | "TJ" => {
                let Some(mcid) = open.iter().rev().find_map(|m| *m) else { continue };
                let strings: Vec<&Object> = match op.operands.first() {
                    Some(Object::Array(items)) => items.iter().collect(),
                    Some(other) => vec![other],
                    None => Vec::new(),
                };
                let map = fonts.get(&font);
                for s in strings {
                    if let Object::String(bytes, _) = s {
                        for code in bytes.chunks(2) {
                            let code = u16::from_be_bytes([code[0], *code.get(1).unwrap_or(&0)]);
                            let text = map.and_then(|m| m.get(&code)).cloned().unwrap_or_default();
                            out.entry(mcid).or_default().push_str(&text);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The text of every structure element carrying `/Lang`, with that language, in object order.
fn language_elements(doc: &Document) -> Vec<(String, String, String)> {
    let pages: BTreeMap<ObjectId, BTreeMap<i64, String>> = doc.get_pages().values().map(|&id| (id, marked_texts(doc, id))).collect();
    let mut found = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(Object::as_name).ok() != Some(&b"StructElem"[..]) {
            continue;
        }
        let Ok(lang) = dict.get(b"Lang") else { continue };
        let role = String::from_utf8_lossy(dict.get(b"S").and_then(Object::as_name).unwrap_or(b"")).into_owned();
        let mut text = String::new();
        element_text(doc, &pages, dict, &mut text);
        found.push((role, text_string(resolve(doc, lang)), text));
    }
    found
}

/// The text of a structure element's marked content, its child elements' included.
fn element_text(doc: &Document, pages: &BTreeMap<ObjectId, BTreeMap<i64, String>>, dict: &lopdf::Dictionary, text: &mut String) {
    let page = dict.get(b"Pg").and_then(Object::as_reference).ok();
    let kids: Vec<&Object> = match dict.get(b"K").map(|k| resolve(doc, k)) {
        Ok(Object::Array(items)) => items.iter().collect(),
        Ok(other) => vec![other],
        Err(_) => Vec::new(),
    };
    for kid in kids {
        let (mcid, pg) = match resolve(doc, kid) {
            Object::Integer(n) => (*n, page),
            Object::Dictionary(child) if child.has(b"S") => {
                element_text(doc, pages, child, text);
                continue;
            }
            Object::Dictionary(mcr) => (
                mcr.get(b"MCID").and_then(|m| m.as_i64()).unwrap_or(-1),
                mcr.get(b"Pg").and_then(Object::as_reference).ok().or(page),
            ),
            _ => continue,
        };
        if let Some(t) = pg.and_then(|p| pages.get(&p)).and_then(|m| m.get(&mcid)) {
            text.push_str(t);
        }
    }
}

fn pdftotext(pdf: &[u8]) -> String {
    let mut child = Command::new("pdftotext")
        .args(["-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("pdftotext (poppler-utils) runs");
    child.stdin.take().expect("stdin").write_all(pdf).expect("the PDF is piped");
    let out = child.wait_with_output().expect("pdftotext finishes");
    assert!(out.status.success(), "pdftotext reads the PDF");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn welsh_spans_are_elements_with_lang_cy_holding_exactly_their_words() {
    let rendered = render_markdown(SOURCE, &RenderOptions::new("notice")).expect("the document renders");
    assert!(rendered.diagnostics.is_empty(), "the span syntax is understood: {:?}", rendered.diagnostics);
    let report = check_tags(&rendered.pdf).expect("readable");
    assert!(report.is_ok(), "the tag checker passes: {:?}", report.problems);
    assert_eq!(report.languages.get("cy"), Some(&3), "three Welsh passages carry /Lang (cy): {:?}", report.languages);

    let doc = Document::load_mem(&rendered.pdf).expect("lopdf reads the PDF");
    let elements = language_elements(&doc);
    let mut welsh: Vec<String> = elements.iter().filter(|(_, lang, _)| lang == "cy").map(|(role, _, text)| format!("{role}: {text}")).collect();
    welsh.sort();
    assert_eq!(
        welsh,
        vec!["Div: Bore da i bawb.".to_owned(), "Span: Croeso i\u{2019}r cyfarfod".to_owned(), "Span: Ymddiheuriadau".to_owned()],
        "each Welsh Span holds exactly its words (the apostrophe made typographic), the fenced division its paragraph"
    );
    let catalog = doc.catalog().expect("a catalog");
    assert_eq!(text_string(resolve(&doc, catalog.get(b"Lang").expect("/Lang"))), "en-GB", "the document itself stays English");

    let text = pdftotext(&rendered.pdf);
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for phrase in ["meeting: Croeso i\u{2019}r cyfarfod. Members", "Apologies Ymddiheuriadau were received. Bore da i bawb. The meeting closed."] {
        assert!(words.contains(phrase), "pdftotext extracts {phrase:?}:\n{text}");
    }
    assert!(!text.contains("lang=") && !text.contains(":::"), "attributes and fences are not printed:\n{text}");
}

#[test]
fn documents_without_spans_keep_their_bytes() {
    // The span syntax is only recognised after brackets: the same text with plain brackets gives
    // the same PDF as before the syntax existed (brackets and braces printed as written).
    let plain = "# Notice\n\nSee [note] and {lang=cy} apart.\n";
    let a = render_markdown(plain, &RenderOptions::new("notice")).expect("renders");
    let b = render_markdown(plain, &RenderOptions::new("notice")).expect("renders");
    assert!(a.pdf == b.pdf, "deterministic bytes");
    assert!(check_tags(&a.pdf).expect("readable").languages.is_empty(), "no /Lang element without a span");
    let words = pdftotext(&a.pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("See [note] and {lang=cy} apart."), "printed as written: {words}");
}
