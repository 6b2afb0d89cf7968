//! Hostile input: each case is refused with one plain sentence (or read with a warning), never
//! a panic, and never by inflating a bomb.

mod support;

use agendapack_docx::{read_docx, DocxError};
use support::*;

/// One sentence: ends with a full stop, one line, no second sentence.
fn one_sentence(e: &DocxError) -> String {
    let m = e.to_string();
    assert!(m.ends_with('.') && !m.contains('\n') && !m.trim_end_matches('.').contains(". "), "not one sentence: {m}");
    m
}

fn refused(bytes: &[u8]) -> DocxError {
    let e = read_docx(bytes).expect_err("refused");
    one_sentence(&e);
    e
}

fn rels_and_types() -> Vec<RawEntry> {
    minimal_parts("").into_iter().filter(|(n, _)| n != "word/document.xml").map(|(n, b)| stored(&n, &b)).collect()
}

#[test]
fn not_a_zip() {
    assert_eq!(refused(b"Dear Councillor, please find attached"), DocxError::NotZip);
    assert_eq!(refused(b""), DocxError::NotZip);
    // Starts like a zip but is not one.
    assert_eq!(refused(b"PK\x03\x04 truncated"), DocxError::BadZip);
}

#[test]
fn a_password_protected_docx_is_an_ole_file_and_refused() {
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let e = refused(&ole);
    assert_eq!(e, DocxError::Encrypted);
    assert!(e.to_string().contains("password"));
}

#[test]
fn missing_parts_are_named() {
    assert!(matches!(refused(&raw_zip(&rels_and_types())), DocxError::MissingPart(_)));
    let no_body = zip_of(&[minimal_parts("")[0].clone(), minimal_parts("")[1].clone(), (
        "word/document.xml".into(),
        br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>"#.to_vec(),
    )]);
    assert!(matches!(refused(&no_body), DocxError::MissingPart(_)));
}

#[test]
fn a_duplicated_part_is_refused() {
    let mut entries = rels_and_types();
    let doc = minimal_parts(&p("first"))[2].1.clone();
    entries.push(stored("word/document.xml", &doc));
    entries.push(stored("word/document.xml", &minimal_parts(&p("second"))[2].1));
    let e = refused(&raw_zip(&entries));
    assert!(matches!(e, DocxError::DuplicatePart(ref n) if n == "word/document.xml"), "{e:?}");
}

#[test]
fn entity_expansion_and_external_entities_are_refused() {
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"#;
    let external = r#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"#;
    for xml in [laughs, external] {
        let mut parts = minimal_parts("");
        parts[2].1 = xml.as_bytes().to_vec();
        assert!(matches!(refused(&zip_of(&parts)), DocxError::Doctype(_)));
    }
    // An entity used without any declaration is malformed, not expanded.
    let mut parts = minimal_parts("");
    parts[2].1 = br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"#.to_vec();
    assert!(matches!(refused(&zip_of(&parts)), DocxError::Malformed(..)));
}

#[test]
fn a_zip_bomb_past_1_gb_is_refused_by_its_declared_size() {
    let mut entries = rels_and_types();
    let bomb = deflated_zeros(1100);
    assert!(bomb.len() < 8 << 20, "the bomb is small: {} bytes", bomb.len());
    entries.push(RawEntry { name: "word/document.xml".into(), method: 8, data: bomb, declared_size: 1100 << 20 });
    assert_eq!(refused(&raw_zip(&entries)), DocxError::PartTooLarge("word/document.xml".into()));
}

#[test]
fn a_zip_bomb_that_lies_about_its_size_is_stopped_at_the_limit() {
    let mut entries = rels_and_types();
    entries.push(RawEntry { name: "word/document.xml".into(), method: 8, data: deflated_zeros(1100), declared_size: 1000 });
    // The stream is read one byte past the 64 MB a part may have, then refused: never
    // inflated whole (that would take seconds and 1 GB).
    let e = refused(&raw_zip(&entries));
    assert_eq!(e, DocxError::PartTooLarge("word/document.xml".into()));
}

fn with_picture(picture: RawEntry) -> Vec<u8> {
    let drawing = r#"<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1" descr="A map of the wards"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="rIdImg"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#;
    let mut entries: Vec<RawEntry> = minimal_parts(&format!("{}{drawing}", p("Before the map.")))
        .into_iter()
        .map(|(n, b)| stored(&n, &b))
        .collect();
    entries.push(stored(
        "word/_rels/document.xml.rels",
        br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdImg" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>"#,
    ));
    entries.push(picture);
    raw_zip(&entries)
}

#[test]
fn a_100_mb_picture_is_left_out_with_a_warning() {
    let big = RawEntry { name: "word/media/image1.png".into(), method: 8, data: deflated_zeros(100), declared_size: 100 << 20 };
    let paper = read_docx(&with_picture(big)).expect("the text still reads");
    assert!(paper.media.is_empty(), "the picture is not taken");
    assert!(paper.markdown.contains("Before the map."));
    assert!(paper.warnings.iter().any(|w| w.contains("image1.png") && w.contains("100 MB")), "{:?}", paper.warnings);
}

#[test]
fn an_emf_picture_is_a_warning_not_a_crash() {
    let mut emf = vec![1u8, 0, 0, 0];
    emf.resize(40, 0);
    emf.extend(b" EMF");
    emf.resize(200, 0);
    let paper = read_docx(&with_picture(stored("word/media/image1.png", &emf))).expect("reads");
    assert!(paper.media.is_empty());
    assert!(paper.warnings.iter().any(|w| w.contains("EMF")), "{:?}", paper.warnings);
}

#[test]
fn deep_nesting_is_refused_and_moderate_nesting_is_bounded() {
    let deep = "<w:sdt><w:sdtContent>".repeat(5000) + &p("deep") + &"</w:sdtContent></w:sdt>".repeat(5000);
    assert!(matches!(refused(&minimal_docx(&deep)), DocxError::TooDeep(_)));
    // Tables in tables, ten deep: read, flattened below the third level, with a warning.
    let mut t = p("innermost");
    for _ in 0..10 {
        t = format!("<w:tbl><w:tr><w:tc>{t}</w:tc></w:tr></w:tbl>");
    }
    let paper = read_docx(&minimal_docx(&t)).expect("reads");
    assert!(paper.markdown.contains("innermost"));
    assert!(!paper.warnings.is_empty());
}

#[test]
fn malformed_xml_is_one_sentence() {
    let mut parts = minimal_parts("");
    parts[2].1 = b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p></w:body>".to_vec();
    assert!(matches!(refused(&zip_of(&parts)), DocxError::Malformed(..)));
}
