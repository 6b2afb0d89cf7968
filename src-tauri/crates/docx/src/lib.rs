//! The Word reader: `.docx` bytes in, our Markdown dialect, pictures, cover-sheet fields and
//! warnings out. Pure: no I/O, no clock, no Tauri; it never panics on input.
//!
//! (skeleton: the interface is fixed, the reading is being filled in.)

use serde::Serialize;

/// A Word document read into what a report needs.
#[derive(Debug, Clone, Serialize)]
pub struct DocxPaper {
    pub markdown: String,
    pub title: Option<String>,
    pub cover: CoverFields,
    pub media: Vec<DocxMedia>,
    pub warnings: Vec<String>,
}

/// A picture of the document, referenced from the Markdown as `media:NAME`.
#[derive(Debug, Clone, Serialize)]
pub struct DocxMedia {
    pub name: String,
    pub bytes: Vec<u8>,
    pub alt: Option<String>,
    pub decorative: bool,
}

/// The report's cover fields found in a cover-sheet table (interchange Report field names).
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

#[derive(Debug, Clone, Serialize)]
pub struct CoverAuthor {
    pub name: String,
    pub job_title: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// Why a file could not be read as a Word document.
#[derive(Debug, Clone, thiserror::Error)]
pub enum DocxError {
    #[error("The file is not a Word document (it is not a zip archive).")]
    NotZip,
}

pub fn read_docx(bytes: &[u8]) -> Result<DocxPaper, DocxError> {
    let _ = bytes;
    Err(DocxError::NotZip)
}
