//! The report editor's "Import from Word" (issue 17): `docx_preview` reads a `.docx` and says
//! what an import would fill (cover fields, pictures, warnings) without storing anything;
//! `report_import_docx` applies it through [`super::docx::report_from_docx`] and hands back the
//! report as it was; `report_restore` puts that back (the editor's "Undo import").
//!
//! Bytes cross as standard base64 in JSON, the same way through `serve` and Tauri IPC.
//! A restore is saved with the store's own `report_import` (report_save + pictures), so it is
//! validated and audited exactly as any other edit of the report.

use agendapack_model::Picture;
use agendapack_store::edit::{ReportDetail, ReportFields};
use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::docx::{docx_convert, report_from_docx};
use super::{ApiContext, ApiError};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DocxFileRequest {
    #[ts(type = "number")]
    pub item_id: i64,
    pub file_name: String,
    /// The file's bytes, standard base64.
    pub bytes_base64: String,
}

/// One cover-sheet field an import would fill, as the person reads it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CoverFieldPreview {
    /// The report field (interchange name, e.g. `title`, `summary`).
    pub field: String,
    pub value: String,
}

/// What importing a Word file would do, before anything is stored.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DocxPreview {
    pub cover: Vec<CoverFieldPreview>,
    pub pictures: u32,
    pub warnings: Vec<String>,
}

/// A picture of a report as it travels to the UI and back for an undo.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PictureData {
    pub name: String,
    #[serde(default)]
    pub alt: String,
    pub bytes_base64: String,
}

/// A report as it was: its fields and pictures.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReportSnapshot {
    pub report: ReportFields,
    pub pictures: Vec<PictureData>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ReportImportDocxResponse {
    pub detail: ReportDetail,
    pub filled: Vec<String>,
    pub pictures: u32,
    pub warnings: Vec<String>,
    /// The report before the import, for "Undo import".
    pub previous: ReportSnapshot,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReportRestoreRequest {
    #[ts(type = "number")]
    pub item_id: i64,
    pub previous: ReportSnapshot,
}

fn decode(text: &str, field: &str) -> Result<Vec<u8>, ApiError> {
    base64::engine::general_purpose::STANDARD
        .decode(text.as_bytes())
        .map_err(|e| ApiError::invalid(field, format!("The file's bytes are not valid base64: {e}.")))
}

/// A cover value as the dialog shows it.
fn shown(field: &str, value: &Value) -> String {
    match (field, value) {
        (_, Value::String(s)) if s == "for-decision" => "For decision".into(),
        (_, Value::String(s)) if s == "for-information" => "For information".into(),
        (_, Value::String(s)) => s.clone(),
        (_, Value::Bool(b)) => if *b { "Yes" } else { "No" }.into(),
        ("authors", Value::Array(people)) => people.iter().filter_map(|p| p.get("name").and_then(Value::as_str)).collect::<Vec<_>>().join(", "),
        (_, other) => other.to_string(),
    }
}

pub fn docx_preview(ctx: &ApiContext, req: DocxFileRequest) -> Result<DocxPreview, ApiError> {
    let bytes = decode(&req.bytes_base64, "bytes_base64")?;
    let converted = docx_convert(&bytes)?;
    let item = ctx.store()?.item_row(req.item_id)?;
    // The same check `report_from_docx` makes when it applies: refused here already, so the
    // person is told before choosing "Apply".
    let access_note = super::docx::cover_access_check(&converted.paper.cover, &item)?;
    let summary = converted.summary;
    let mut warnings = summary.warnings;
    warnings.extend(access_note);
    Ok(DocxPreview {
        cover: summary.cover.iter().map(|(k, v)| CoverFieldPreview { field: k.clone(), value: shown(k, v) }).collect(),
        pictures: u32::try_from(summary.media.len()).unwrap_or(u32::MAX),
        warnings,
    })
}

pub fn report_import_docx(ctx: &ApiContext, req: DocxFileRequest) -> Result<ReportImportDocxResponse, ApiError> {
    let bytes = decode(&req.bytes_base64, "bytes_base64")?;
    let now = ctx.now();
    let mut store = ctx.store()?;
    let before = store.report_detail(req.item_id)?;
    let pictures = store.report_pictures(req.item_id)?;
    let previous = ReportSnapshot {
        report: before.report.clone(),
        pictures: pictures
            .into_iter()
            .map(|p| PictureData { name: p.name, alt: p.alt, bytes_base64: base64::engine::general_purpose::STANDARD.encode(&p.bytes) })
            .collect(),
    };
    let imported = report_from_docx(&mut store, req.item_id, &before.report.title, &bytes, now)?;
    let detail = store.report_detail(req.item_id)?;
    Ok(ReportImportDocxResponse {
        detail,
        filled: imported.filled,
        pictures: u32::try_from(imported.pictures).unwrap_or(u32::MAX),
        warnings: imported.warnings,
        previous,
    })
}

pub fn report_restore(ctx: &ApiContext, req: ReportRestoreRequest) -> Result<ReportDetail, ApiError> {
    let mut pictures = Vec::with_capacity(req.previous.pictures.len());
    for (k, p) in req.previous.pictures.iter().enumerate() {
        let bytes = decode(&p.bytes_base64, &format!("previous.pictures[{k}].bytes_base64"))?;
        pictures.push(Picture::new(&p.name, bytes, &p.alt));
    }
    let now = ctx.now();
    Ok(ctx.store()?.report_import(req.item_id, &req.previous.report, &pictures, now)?)
}
