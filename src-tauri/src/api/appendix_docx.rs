//! A Word file dropped on a report's appendices (issue 17): `appendix_import_docx` adds it as
//! an editable Markdown appendix through [`super::docx::appendix_from_docx`], the same path as
//! `agendapack appendix add`, and answers the report with the reader's warnings. (A dropped
//! PDF goes through `appendix_attach_pdf`.)
//!
//! Deliberately not here: reading Word (the docx module) or storing (the store).

use agendapack_store::edit::ReportDetail;
use base64::Engine;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::docx::appendix_from_docx;
use super::word::DocxFileRequest;
use super::{ApiContext, ApiError};

/// The report with its new appendix, and what the Word reader warned about.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AppendixImported {
    pub detail: ReportDetail,
    pub warnings: Vec<String>,
}

pub fn appendix_import_docx(ctx: &ApiContext, req: DocxFileRequest) -> Result<AppendixImported, ApiError> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(req.bytes_base64.as_bytes())
        .map_err(|e| ApiError::invalid("bytes_base64", format!("The file's bytes are not valid base64: {e}.")))?;
    let now = ctx.now();
    let mut store = ctx.store()?;
    let warnings = appendix_from_docx(&mut store, req.item_id, None, &bytes, now)?;
    Ok(AppendixImported { detail: store.report_detail(req.item_id)?, warnings })
}
