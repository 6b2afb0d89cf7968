//! Helpers shared by the Word reader's integration tests: fixtures, the Markdown read back
//! through the doc crate, word recall, and zips made in memory.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{Cursor, Read, Write};

pub fn fixtures_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/fixtures/docx")
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixtures_dir().join(name)).unwrap_or_else(|e| panic!("fixture {name}: {e} (run make_fixtures.sh)"))
}

pub fn seed_text(prefix: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../../shared/seeds");
    let entry = std::fs::read_dir(&dir)
        .expect("the seeds folder")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .expect("the seed");
    std::fs::read_to_string(entry.path()).expect("seed text")
}

/// The Markdown read by the doc crate's reader, as the plain text a reader of the PDF gets.
pub fn document_text(markdown: &str) -> String {
    let options = agendapack_doc::markdown::ParseOptions::new("Imported");
    let parsed = agendapack_doc::markdown::parse(markdown, &options);
    agendapack_doc::text::document_text(&parsed.document)
}

/// Lower-case words (letters and digits), HTML tags and the commonest entities removed.
pub fn words(text: &str) -> HashMap<String, usize> {
    let mut clean = String::with_capacity(text.len());
    let mut in_tag = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' if chars.peek().is_some_and(|n| n.is_ascii_alphabetic() || *n == '/') => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                clean.push(' ');
            }
            _ if in_tag => {}
            _ => clean.push(c),
        }
    }
    let clean = clean.replace("&amp;", "&").replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">");
    let mut out = HashMap::new();
    for w in clean.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        *out.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    out
}

/// The share of `reference`'s words (with multiplicity) found in `got`.
pub fn recall(reference: &str, got: &str) -> (f64, Vec<String>) {
    let want = words(reference);
    let have = words(got);
    let total: usize = want.values().sum();
    let mut found = 0;
    let mut missing = Vec::new();
    for (w, n) in &want {
        let h = have.get(w).copied().unwrap_or(0);
        found += h.min(*n);
        if h < *n {
            missing.push(format!("{w}×{}", n - h));
        }
    }
    missing.sort();
    (found as f64 / total.max(1) as f64, missing)
}

/// A part of a .docx, read with the zip crate directly (independent of the reader).
pub fn part(docx: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip");
    let mut f = z.by_name(name).expect("the part");
    let mut s = String::new();
    f.read_to_string(&mut s).expect("utf-8");
    s
}

/// Every part of a .docx, in order.
pub fn parts(docx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).expect("entry");
            let mut b = Vec::new();
            f.read_to_end(&mut b).expect("inflate");
            (f.name().to_string(), b)
        })
        .collect()
}

/// A zip of these parts (deflated).
pub fn zip_of(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in parts {
            w.start_file(name.as_str(), opts).expect("start");
            w.write_all(bytes).expect("write");
        }
        w.finish().expect("finish");
    }
    out.into_inner()
}

/// The smallest .docx around this body XML (the children of `w:body`).
pub fn minimal_docx(body: &str) -> Vec<u8> {
    zip_of(&minimal_parts(body))
}

pub fn minimal_parts(body: &str) -> Vec<(String, Vec<u8>)> {
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"><w:body>{body}</w:body></w:document>"#
    );
    vec![
        ("[Content_Types].xml".into(), br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_vec()),
        ("_rels/.rels".into(), br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_vec()),
        ("word/document.xml".into(), doc.into_bytes()),
    ]
}

/// A paragraph of plain text.
pub fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// One entry of a zip written by hand, so a test can make what no zip writer would: a
/// declared size that lies, a name used twice.
pub struct RawEntry {
    pub name: String,
    /// 0 stored, 8 deflated.
    pub method: u16,
    pub data: Vec<u8>,
    pub declared_size: u32,
}

pub fn raw_zip(entries: &[RawEntry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes()); // version needed
            h.extend(0u16.to_le_bytes()); // flags
            h.extend(e.method.to_le_bytes());
            h.extend(0u32.to_le_bytes()); // time, date
            // The real CRC for stored parts; deflated test parts are bombs the reader never finishes.
            let crc = if e.method == 0 {
                let mut c = flate2::Crc::new();
                c.update(&e.data);
                c.sum()
            } else {
                0
            };
            h.extend(crc.to_le_bytes());
            h.extend((e.data.len() as u32).to_le_bytes());
            h.extend(e.declared_size.to_le_bytes());
            h.extend((e.name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend(0u16.to_le_bytes()); // comment
                h.extend(0u16.to_le_bytes()); // disk
                h.extend(0u16.to_le_bytes()); // internal attrs
                h.extend(0u32.to_le_bytes()); // external attrs
                h.extend(offset.to_le_bytes());
            }
            h.extend(e.name.as_bytes());
            h
        };
        out.extend(header(0x04034b50, false));
        out.extend(&e.data);
        central.extend(header(0x02014b50, true));
    }
    let cd_offset = out.len() as u32;
    out.extend(&central);
    out.extend(0x06054b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// A raw deflate stream of `mib` MiB of zeros, made from one compressed MiB repeated, so a
/// gigabyte bomb is built in milliseconds.
pub fn deflated_zeros(mib: usize) -> Vec<u8> {
    use flate2::write::DeflateEncoder;
    use flate2::Compression;
    // Level 9: under the workspace's feature set flate2 uses the zlib-rs backend, whose fast
    // level makes a 1 MiB block of zeros about 10 KB (an 11 MB bomb); the best level keeps it
    // near deflate's 1:1000 limit whichever backend is built.
    let mut enc = DeflateEncoder::new(Vec::new(), Compression::best());
    enc.write_all(&vec![0u8; 1 << 20]).expect("compress");
    enc.flush().expect("sync flush");
    let block = std::mem::take(enc.get_mut());
    let mut out = Vec::with_capacity(block.len() * mib + 16);
    for _ in 0..mib {
        out.extend(&block);
    }
    let tail = DeflateEncoder::new(Vec::new(), Compression::fast()).finish().expect("final block");
    out.extend(tail);
    out
}

pub fn stored(name: &str, data: &[u8]) -> RawEntry {
    RawEntry { name: name.into(), method: 0, data: data.to_vec(), declared_size: data.len() as u32 }
}
