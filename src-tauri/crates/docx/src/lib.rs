//! The Word reader: `.docx` bytes in, our Markdown dialect, pictures, cover-sheet fields and
//! warnings out. Pure: no I/O, no clock, no Tauri; it never panics on input.
//!
//! Why not `docx-rs`: it is built for writing; reading through it loses what a council paper
//! needs (numbering labels, field structure, tracked-change wrappers), so this crate reads the
//! package with `zip` and the XML with `quick-xml` itself.
//!
//! Pipeline: [`package`] (zip under limits) → [`xml`] (element trees, no DOCTYPE) →
//! [`convert`]/[`runs`]/[`media`] (Word's structure to blocks, using [`styles`] and
//! [`numbering`]) → [`cover`] (the cover-sheet table to fields) → [`render`] (our Markdown).
//!
//! **Invariant:** every size and depth limit lives in [`package`] and [`xml`]; the mapping
//! stages only see parsed trees of bounded depth. **Invariant:** only [`render`] knows how the
//! Markdown dialect is spelt. Not read: headers and footers (the pack prints its own), charts
//! (no picture of them is stored), embedded objects' contents, fonts, sizes and spacing.

mod convert;
mod cover;
mod media;
mod numbering;
mod package;
mod render;
mod runs;
mod styles;
mod xml;

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

pub use package::{MAX_PICTURE, MAX_TOTAL_INFLATED};

/// A Word document read into what a report needs. `title` is the first paragraph in Word's
/// Title style (left out of the Markdown); `warnings` say, one sentence each, what was left
/// out or changed (tracked changes, comments, text boxes, pictures that cannot be drawn).
#[derive(Debug, Clone, Serialize)]
pub struct DocxPaper {
    pub markdown: String,
    pub title: Option<String>,
    pub cover: CoverFields,
    pub media: Vec<DocxMedia>,
    pub warnings: Vec<String>,
}

/// A picture of the document (PNG or JPEG bytes as stored), referenced from the Markdown as
/// `![alt](media:NAME)`, or `![decorative](media:NAME)` when Word marks it decorative.
#[derive(Debug, Clone, Serialize)]
pub struct DocxMedia {
    pub name: String,
    pub bytes: Vec<u8>,
    pub alt: Option<String>,
    pub decorative: bool,
}

/// The report's cover fields found in a cover-sheet table (interchange Report field names).
/// `summary`, `recommendations` and `reasons` are Markdown; the others plain text as printed
/// ("Report of the Director of My Place" is kept whole; after a "Report of:" label, the value).
/// `access` is "open" or "exempt"; `filled` names the fields found, in the order found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CoverFields {
    pub title: Option<String>,
    pub report_of: Option<String>,
    pub decision: Option<String>,
    pub wards_affected: Option<String>,
    pub key_decision: Option<String>,
    pub authors: Vec<CoverAuthor>,
    pub accountable_director: Option<String>,
    pub summary: Option<String>,
    pub recommendations: Option<String>,
    pub reasons: Option<String>,
    pub access: Option<String>,
    pub filled: Vec<String>,
}

/// An author as the cover sheet gives them ("Name – Job title", a phone, an e-mail).
#[derive(Debug, Clone, Serialize)]
pub struct CoverAuthor {
    pub name: String,
    pub job_title: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// Why a file could not be read as a Word document (Display: one plain sentence).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DocxError {
    #[error("The file is not a Word document: it is not a .docx (zip) archive.")]
    NotZip,
    #[error("The Word document's zip archive is damaged and cannot be read.")]
    BadZip,
    #[error("The file is password-protected or an old Word 97-2003 document; remove the password in Word and save it as .docx.")]
    Encrypted,
    #[error("The Word document is damaged: the part {0} appears twice.")]
    DuplicatePart(String),
    #[error("The Word document has no {0}, so there is nothing to read.")]
    MissingPart(String),
    #[error("The Word document's part {0} cannot be read.")]
    BadPart(String),
    #[error("The Word document expands to more than 256 MB when unzipped (a zip bomb or a damaged file) and was refused.")]
    TooLarge,
    #[error("The Word document's part {0} expands to more than 64 MB when unzipped (a zip bomb or a damaged file) and was refused.")]
    PartTooLarge(String),
    #[error("The Word document's part {0} declares a DOCTYPE, which a .docx never has, and was refused.")]
    Doctype(String),
    #[error("The Word document's part {0} nests elements more than 200 deep and was refused.")]
    TooDeep(String),
    #[error("The Word document's part {0} is not well-formed XML ({1}).")]
    Malformed(String, String),
}

impl DocxError {
    fn from_xml(part: &str, problem: xml::XmlProblem) -> DocxError {
        let part = xml::short(part);
        match problem {
            xml::XmlProblem::Doctype => DocxError::Doctype(part),
            xml::XmlProblem::TooDeep => DocxError::TooDeep(part),
            xml::XmlProblem::Malformed(m) => DocxError::Malformed(part, m),
            xml::XmlProblem::Empty => DocxError::Malformed(part, "no root element".into()),
        }
    }
}

/// Reads a .docx: our Markdown, its pictures, the cover-sheet fields and what was left out.
pub fn read_docx(bytes: &[u8]) -> Result<DocxPaper, DocxError> {
    let mut pkg = package::Package::open(bytes)?;
    let root_rels = pkg.relationships("")?;
    let main = root_rels
        .values()
        .find(|r| r.kind == "officeDocument" && !r.external)
        .map(|r| r.target.clone())
        .unwrap_or_else(|| "word/document.xml".to_string());
    let document = pkg.xml(&main)?.ok_or_else(|| DocxError::MissingPart(format!("main document part ({})", xml::short(&main))))?;
    let body = document.child("w:body").ok_or_else(|| DocxError::MissingPart("document body".into()))?;
    let rels = pkg.relationships(&main)?;
    let part = |kind: &str| rels.values().find(|r| r.kind == kind && !r.external).map(|r| r.target.clone());
    let mut load = |kind: &str| -> Result<Option<xml::Element>, DocxError> {
        match part(kind) {
            Some(name) => pkg.xml(&name),
            None => Ok(None),
        }
    };
    let styles = styles::Styles::read(load("styles")?.as_ref());
    let numbering = numbering::Numbering::read(load("numbering")?.as_ref(), &styles);
    let footnotes = notes(load("footnotes")?, "w:footnote");
    let endnotes = notes(load("endnotes")?, "w:endnote");
    let mut reader = convert::Reader {
        pkg,
        styles,
        numbering,
        rels,
        footnotes,
        endnotes,
        notes: Vec::new(),
        note_ids: HashMap::new(),
        media: Vec::new(),
        media_parts: HashMap::new(),
        warnings: BTreeSet::new(),
        extra_warnings: Vec::new(),
        fields: Vec::new(),
        title: None,
        pending: Vec::new(),
        table_depth: 0,
        in_note: false,
        block_anchor: None,
        heading_anchors: HashMap::new(),
        internal_links: Vec::new(),
    };
    let mut blocks = reader.body(body);
    let mut cover = cover::extract(&mut blocks);
    let mut markdown = render::markdown(&blocks);
    for (label, text) in &reader.notes {
        markdown.push_str(&format!("\n\n[^{label}]: {text}"));
    }
    let markdown = reader.resolve_internal_links(&markdown);
    for field in [&mut cover.summary, &mut cover.recommendations, &mut cover.reasons].into_iter().flatten() {
        *field = reader.resolve_internal_links(field);
    }
    let markdown = if markdown.is_empty() { markdown } else { markdown + "\n" };
    let mut warnings: Vec<String> = reader.warnings.iter().map(|w| w.to_string()).collect();
    warnings.extend(reader.extra_warnings);
    Ok(DocxPaper { markdown, title: reader.title, cover, media: reader.media, warnings })
}

/// Notes by id, leaving out Word's separator notes.
fn notes(root: Option<xml::Element>, name: &str) -> HashMap<String, xml::Element> {
    let Some(root) = root else { return HashMap::new() };
    root.children
        .into_iter()
        .filter_map(|n| match n {
            xml::Node::Element(e) if e.name == name && e.attr("w:type").map_or(true, |t| t == "normal") => {
                e.attr("w:id").map(|id| (id.to_string(), e.clone()))
            }
            _ => None,
        })
        .collect()
}
