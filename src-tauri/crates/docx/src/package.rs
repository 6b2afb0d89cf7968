//! The .docx package: the zip archive read under limits, parts looked up by name, and
//! relationships resolved to part names.
//!
//! Limits, so a hostile file is refused without inflating it all: a part's declared size is
//! checked before it is read, reading stops one byte past the limit whatever the archive
//! claims, and the total inflated across all parts read is capped. Duplicated part names are
//! refused (the zip crate would keep one of them silently).

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use crate::xml::{self, Element};
use crate::DocxError;

/// At most this many bytes inflated from one document, all parts together.
pub const MAX_TOTAL_INFLATED: u64 = 256 * 1024 * 1024;
/// An XML part larger than this is refused (the 180-page seed plan's is 1 MB; the error
/// message says 64 MB).
pub const MAX_XML_PART: u64 = 64 * 1024 * 1024;
/// A picture larger than this is left out with a warning.
pub const MAX_PICTURE: u64 = 20 * 1024 * 1024;
/// Archives with more entries than this are refused.
const MAX_ENTRIES: usize = 10_000;

const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub struct Package<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    inflated: u64,
}

/// A relationship of one part: its type's last segment, its target, and whether it is external.
#[derive(Debug, Clone)]
pub struct Relationship {
    pub kind: String,
    pub target: String,
    pub external: bool,
}

/// Outcome of reading a part that may be too large to take.
pub enum Fetched {
    Bytes(Vec<u8>),
    Missing,
    TooLarge(u64),
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, DocxError> {
        if bytes.starts_with(&OLE_MAGIC) {
            return Err(DocxError::Encrypted);
        }
        if !bytes.starts_with(b"PK") {
            return Err(DocxError::NotZip);
        }
        if let Some(name) = duplicated_name(bytes) {
            return Err(DocxError::DuplicatePart(xml::short(&name)));
        }
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| DocxError::BadZip)?;
        if archive.len() > MAX_ENTRIES {
            return Err(DocxError::BadZip);
        }
        Ok(Package { archive, inflated: 0 })
    }

    /// Reads a part of at most `limit` bytes.
    pub fn fetch(&mut self, name: &str, limit: u64) -> Result<Fetched, DocxError> {
        let mut file = match self.archive.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(Fetched::Missing),
            Err(zip::result::ZipError::UnsupportedArchive(_)) => return Err(DocxError::Encrypted),
            Err(_) => return Err(DocxError::BadPart(xml::short(name))),
        };
        if file.encrypted() {
            return Err(DocxError::Encrypted);
        }
        let declared = file.size();
        if declared > limit {
            return Ok(Fetched::TooLarge(declared));
        }
        let room = MAX_TOTAL_INFLATED.saturating_sub(self.inflated);
        if declared > room {
            return Err(DocxError::TooLarge);
        }
        // The declared size may lie: read at most one byte past what we accept.
        let cap = limit.min(room);
        let mut out = Vec::with_capacity(declared.min(cap) as usize);
        (&mut file)
            .take(cap + 1)
            .read_to_end(&mut out)
            .map_err(|_| DocxError::BadPart(xml::short(name)))?;
        self.inflated += out.len() as u64;
        if out.len() as u64 > cap {
            return if cap < limit { Err(DocxError::TooLarge) } else { Ok(Fetched::TooLarge(out.len() as u64)) };
        }
        Ok(Fetched::Bytes(out))
    }

    /// Reads and parses an XML part; `None` when the part is absent.
    pub fn xml(&mut self, name: &str) -> Result<Option<Element>, DocxError> {
        match self.fetch(name, MAX_XML_PART)? {
            Fetched::Missing => Ok(None),
            Fetched::TooLarge(_) => Err(DocxError::PartTooLarge(xml::short(name))),
            Fetched::Bytes(b) => xml::parse(&b).map(Some).map_err(|p| DocxError::from_xml(name, p)),
        }
    }

    /// The relationships of a part, by id (empty when it has none).
    pub fn relationships(&mut self, part: &str) -> Result<HashMap<String, Relationship>, DocxError> {
        let (dir, file) = match part.rfind('/') {
            Some(i) => (&part[..i + 1], &part[i + 1..]),
            None => ("", part),
        };
        let rels_name = format!("{dir}_rels/{file}.rels");
        let mut out = HashMap::new();
        let Some(root) = self.xml(&rels_name)? else { return Ok(out) };
        for r in root.children_named("rel:Relationship") {
            let (Some(id), Some(target)) = (r.attr("Id"), r.attr("Target")) else { continue };
            let kind = r.attr("Type").unwrap_or("").rsplit('/').next().unwrap_or("").to_string();
            let external = r.attr("TargetMode") == Some("External");
            let target = if external { target.to_string() } else { resolve(dir, target) };
            out.insert(id.to_string(), Relationship { kind, target, external });
        }
        Ok(out)
    }
}

/// A relationship target made into a part name, relative to the source part's folder.
fn resolve(dir: &str, target: &str) -> String {
    let joined = if let Some(abs) = target.strip_prefix('/') { abs.to_string() } else { format!("{dir}{target}") };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// A part name that occurs twice in the central directory, read straight from the bytes.
fn duplicated_name(bytes: &[u8]) -> Option<String> {
    let eocd = bytes.len().checked_sub(22)?;
    let lowest = eocd.saturating_sub(65_535);
    let at = (lowest..=eocd).rev().find(|&i| bytes[i..].starts_with(&[0x50, 0x4b, 0x05, 0x06]))?;
    let u16_at = |i: usize| -> Option<usize> { Some(u16::from_le_bytes(bytes.get(i..i + 2)?.try_into().ok()?) as usize) };
    let u32_at = |i: usize| -> Option<usize> { Some(u32::from_le_bytes(bytes.get(i..i + 4)?.try_into().ok()?) as usize) };
    let count = u16_at(at + 10)?;
    let mut pos = u32_at(at + 16)?;
    let mut seen = HashSet::new();
    for _ in 0..count.min(MAX_ENTRIES) {
        if !bytes.get(pos..)?.starts_with(&[0x50, 0x4b, 0x01, 0x02]) {
            return None;
        }
        let name_len = u16_at(pos + 28)?;
        let extra = u16_at(pos + 30)?;
        let comment = u16_at(pos + 32)?;
        let name = String::from_utf8_lossy(bytes.get(pos + 46..pos + 46 + name_len)?).to_lowercase();
        if !seen.insert(name.clone()) {
            return Some(name);
        }
        pos += 46 + name_len + extra + comment;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_relative_to_the_part() {
        assert_eq!(resolve("word/", "media/image1.png"), "word/media/image1.png");
        assert_eq!(resolve("word/", "../customXml/item1.xml"), "customXml/item1.xml");
        assert_eq!(resolve("word/", "/word/media/a.png"), "word/media/a.png");
    }
}
