//! Pictures that belong to a paper (a report's body, its cover-sheet boxes, its Markdown
//! appendices), stored by content hash and referenced from the Markdown as `media:NAME`.
//!
//! Deliberately not here: decoding or checking pixels (the PDF stage decodes, under its own
//! limits) or storage (the store keeps each distinct picture's bytes once).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::bytes;

/// The largest picture a paper may hold, in bytes: a print-quality photograph is a few MB;
/// the Word reader refuses larger ones before they get this far.
pub const MAX_PICTURE_BYTES: usize = 20 * 1024 * 1024;

/// A picture and the name the paper's Markdown uses for it (`![alt](media:NAME)`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Picture {
    /// Unique within its report; letters, digits, `.`, `-` and `_` (e.g. "image1.png").
    pub name: String,
    /// Lower-case hex SHA-256 of `bytes`, checked on import.
    pub sha256: String,
    /// PNG or JPEG bytes, base64 in JSON.
    #[serde(with = "bytes::base64_bytes")]
    pub bytes: Vec<u8>,
    /// The alt text the picture came with (Word's description); the Markdown's own alt text
    /// is what the pack prints and tags.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub alt: String,
}

impl Picture {
    /// A picture named `name` holding `bytes`, its hash computed.
    pub fn new(name: &str, bytes: Vec<u8>, alt: &str) -> Picture {
        Picture { name: name.to_owned(), sha256: sha256_hex(&bytes), bytes, alt: alt.to_owned() }
    }

    /// What is wrong with the picture, if anything: one sentence.
    pub fn problem(&self) -> Option<String> {
        let name_ok = !self.name.is_empty()
            && self.name.len() <= 100
            && self.name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
        if !name_ok {
            return Some("a picture's name must be 1 to 100 letters, digits, dots, hyphens or underscores".into());
        }
        if self.bytes.len() > MAX_PICTURE_BYTES {
            return Some(format!("picture \"{}\" is larger than the 20 MB a picture may be", self.name));
        }
        let png = self.bytes.starts_with(b"\x89PNG\r\n\x1a\n");
        let jpeg = self.bytes.starts_with(&[0xFF, 0xD8, 0xFF]);
        if !png && !jpeg {
            return Some(format!("picture \"{}\" is not a PNG or JPEG file", self.name));
        }
        if self.sha256 != sha256_hex(&self.bytes) {
            return Some(format!("picture \"{}\" does not match its SHA-256", self.name));
        }
        None
    }
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The picture names a paper's Markdown refers to (`](media:NAME`), in order, repeated
/// names once. A plain text scan: a name inside a code span counts too, which only ever
/// keeps a picture, never loses one.
pub fn referenced_names(markdown: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (at, _) in markdown.match_indices("](media:") {
        let rest = &markdown[at + 8..];
        let end = rest.find(|c: char| c == ')' || c.is_whitespace()).unwrap_or(rest.len());
        let name = &rest[..end];
        if !name.is_empty() && !out.iter().any(|n| n == name) {
            out.push(name.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_must_match_its_hash_and_be_png_or_jpeg() {
        let png = b"\x89PNG\r\n\x1a\nrest".to_vec();
        let good = Picture::new("image1.png", png.clone(), "A chart");
        assert_eq!(good.problem(), None, "a fresh picture is sound");
        let tampered = Picture { bytes: [png.as_slice(), b"x"].concat(), ..good.clone() };
        assert!(tampered.problem().is_some_and(|p| p.contains("SHA-256")), "changed bytes are caught");
        let gif = Picture::new("a.gif", b"GIF89a".to_vec(), "");
        assert!(gif.problem().is_some_and(|p| p.contains("PNG or JPEG")), "only PNG and JPEG");
        let bad_name = Picture::new("../x.png", png, "");
        assert!(bad_name.problem().is_some(), "names are plain");
    }

    #[test]
    fn names_referenced_from_markdown() {
        let text = "![A](media:one.png) and ![decorative](media:two.jpg \"t\") ![A](media:one.png) [x](http://a)";
        assert_eq!(referenced_names(text), vec!["one.png", "two.jpg"], "each name once, in order");
    }
}
