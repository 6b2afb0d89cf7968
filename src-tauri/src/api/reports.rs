//! Commands on a report and its appendices: `report_get`, `report_save` (refused as a
//! conflict when based on an old revision; `report_kept_versions` lists what was typed),
//! `appendix_add`,
//! `appendix_attach_pdf`, `appendix_update`, `appendix_delete`, `appendices_reorder`, and
//! `markdown_check` (the report editor's live diagnostics, including characters the fonts
//! cannot print) and `text_check` (the same for a short field).
//!
//! An attached PDF is parsed here with `agendapack_pack::check_attachment` before the store sees
//! it: an encrypted, damaged or non-PDF file is refused with code `bad_attachment` and nothing
//! is stored.

use agendapack_doc::markdown::{parse, ParseOptions, Severity};
use agendapack_model::Access;
use agendapack_store::edit::{KeptVersion, PdfAttachment, ReportDetail, ReportFields};
use base64::Engine;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::error::ErrorCode;
use super::{ApiContext, ApiError};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReportGetRequest {
    #[ts(type = "number")]
    pub item_id: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ReportSaveRequest {
    #[ts(type = "number")]
    pub item_id: i64,
    pub report: ReportFields,
    /// The report's `revision` when the editor loaded it (or its last save's answer): a save
    /// based on an older one is refused with code `conflict` and what was typed is kept.
    /// Absent: saved whatever the revision (the CLI, imports, older callers).
    #[serde(default)]
    #[ts(optional, type = "number")]
    pub base_revision: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AppendixAddRequest {
    #[ts(type = "number")]
    pub item_id: i64,
    pub title: String,
    #[serde(default)]
    pub access: Access,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AppendixAttachPdfRequest {
    #[ts(type = "number")]
    pub item_id: i64,
    pub title: String,
    #[serde(default)]
    pub access: Access,
    pub file_name: String,
    /// The file's bytes, standard base64.
    pub bytes_base64: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AppendixUpdateRequest {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    #[serde(default)]
    pub access: Access,
    /// New Markdown for a Markdown appendix; absent to keep the text (and for PDFs).
    #[serde(default)]
    #[ts(optional)]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AppendixDeleteRequest {
    #[ts(type = "number")]
    pub id: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AppendicesReorderRequest {
    #[ts(type = "number")]
    pub item_id: i64,
    #[ts(type = "Array<number>")]
    pub ids: Vec<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MarkdownCheckRequest {
    pub text: String,
    /// The report item whose text this is: its stored pictures answer `media:NAME`, as in the
    /// pack. Without it (a text that belongs to no report) every picture is reported missing.
    #[serde(default)]
    #[ts(optional)]
    pub item_id: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosticSeverity {
    Warning,
    Error,
}

/// A problem in Markdown, at a 1-based line and column (in characters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Diagnostic {
    pub line: u32,
    pub column: u32,
    pub severity: DiagnosticSeverity,
    pub message: String,
}

pub fn report_get(ctx: &ApiContext, req: ReportGetRequest) -> Result<ReportDetail, ApiError> {
    Ok(ctx.store()?.report_detail(req.item_id)?)
}

pub fn report_save(ctx: &ApiContext, req: ReportSaveRequest) -> Result<ReportDetail, ApiError> {
    let now = ctx.now();
    Ok(ctx.store()?.report_save_based(req.item_id, &req.report, req.base_revision, now)?)
}

/// The saves of a report refused as conflicts, newest first, each with every field as typed.
pub fn report_kept_versions(ctx: &ApiContext, req: ReportGetRequest) -> Result<Vec<KeptVersion>, ApiError> {
    Ok(ctx.store()?.report_kept_versions(req.item_id)?)
}

pub fn appendix_add(ctx: &ApiContext, req: AppendixAddRequest) -> Result<ReportDetail, ApiError> {
    let now = ctx.now();
    Ok(ctx.store()?.appendix_add(req.item_id, &req.title, &req.access, &req.text, now)?)
}

pub fn appendix_attach_pdf(ctx: &ApiContext, req: AppendixAttachPdfRequest) -> Result<ReportDetail, ApiError> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(req.bytes_base64.as_bytes())
        .map_err(|e| ApiError::invalid("bytes_base64", format!("The file's bytes are not valid base64: {e}.")))?;
    let pages = agendapack_pack::check_attachment(&bytes).map_err(|e| ApiError {
        code: ErrorCode::BadAttachment,
        message: attach_refused(&req.file_name, &e),
        field: Some("file".into()),
        kept_version: None,
    })?;
    let pdf = PdfAttachment {
        title: req.title,
        access: req.access,
        file_name: req.file_name,
        bytes,
        pages: u32::try_from(pages).unwrap_or(u32::MAX),
    };
    let now = ctx.now();
    Ok(ctx.store()?.appendix_attach_pdf(req.item_id, &pdf, now)?)
}

pub fn appendix_update(ctx: &ApiContext, req: AppendixUpdateRequest) -> Result<ReportDetail, ApiError> {
    let now = ctx.now();
    Ok(ctx.store()?.appendix_update(req.id, &req.title, &req.access, req.text.as_deref(), now)?)
}

pub fn appendix_delete(ctx: &ApiContext, req: AppendixDeleteRequest) -> Result<ReportDetail, ApiError> {
    let now = ctx.now();
    Ok(ctx.store()?.appendix_delete(req.id, now)?)
}

pub fn appendices_reorder(ctx: &ApiContext, req: AppendicesReorderRequest) -> Result<ReportDetail, ApiError> {
    let now = ctx.now();
    Ok(ctx.store()?.appendices_reorder(req.item_id, &req.ids, now)?)
}

/// The Markdown problems the pack would report, without building anything; the store is read
/// only for the report's pictures.
pub fn markdown_check(ctx: &ApiContext, req: MarkdownCheckRequest) -> Result<Vec<Diagnostic>, ApiError> {
    let pictures = match req.item_id {
        Some(item_id) => ctx.store()?.report_pictures(item_id)?,
        None => Vec::new(),
    };
    let resolve = agendapack_pack::cover::media_resolver(&pictures);
    let parsed = parse(&req.text, &ParseOptions { resolve_image: &resolve, fallback_title: "document" });
    let mut diagnostics: Vec<Diagnostic> = parsed
        .diagnostics
        .into_iter()
        .map(|d| Diagnostic {
            line: u32::try_from(d.line).unwrap_or(u32::MAX),
            column: u32::try_from(d.column).unwrap_or(u32::MAX),
            severity: match d.severity {
                Severity::Warning => DiagnosticSeverity::Warning,
                Severity::Error => DiagnosticSeverity::Error,
            },
            message: d.message,
        })
        .collect();
    diagnostics.extend(unprintable_diagnostics(&req.text));
    Ok(diagnostics)
}

/// A warning at the first place of each character the pack's fonts cannot print (issue 14):
/// the same test the build warns with (`agendapack_layout::fonts::unprintable_chars`).
fn unprintable_diagnostics(text: &str) -> Vec<Diagnostic> {
    use agendapack_layout::fonts::unprintable_chars;
    unprintable_chars(text)
        .into_iter()
        .map(|ch| {
            let (line, column) = text
                .lines()
                .enumerate()
                .find_map(|(i, l)| l.chars().position(|c| c == ch).map(|col| (i + 1, col + 1)))
                .unwrap_or((1, 1));
            Diagnostic {
                line: u32::try_from(line).unwrap_or(u32::MAX),
                column: u32::try_from(column).unwrap_or(u32::MAX),
                severity: DiagnosticSeverity::Warning,
                message: unprintable_message(ch),
            }
        })
        .collect()
}

fn unprintable_message(ch: char) -> String {
    format!(
        "the character {} cannot be printed with the pack's fonts (it would show as an empty box); replace or remove it",
        agendapack_layout::fonts::describe_char(ch)
    )
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TextCheckRequest {
    pub text: String,
}

/// `text_check`: the warnings for a short field (a title, a name) that is not Markdown: one
/// per character the pack's fonts cannot print, shown next to the field by the editor.
pub fn text_check(_ctx: &ApiContext, req: TextCheckRequest) -> Result<Vec<String>, ApiError> {
    Ok(agendapack_layout::fonts::unprintable_chars(&req.text).into_iter().map(unprintable_message).collect())
}

/// One sentence naming the file as it was spelt (never re-cased) and the reason:
/// "“notapdf.pdf” cannot be attached: the file is not a PDF (…)." The check's own wrapping
/// ("the attached file cannot be used: …") is left out, so the message does not nest.
fn attach_refused(file_name: &str, e: &agendapack_pack::PackError) -> String {
    let reason = match e {
        agendapack_pack::PackError::AttachmentCheck(inner) => inner.to_string(),
        other => other.to_string(),
    };
    let mut chars = reason.trim_end_matches('.').chars();
    let reason: String = chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default();
    let shown: String = if file_name.chars().count() > 40 { file_name.chars().take(39).chain(['…']).collect() } else { file_name.to_owned() };
    format!("“{shown}” cannot be attached: {reason}.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use agendapack_store::Store;
    use base64::Engine;
    use chrono::NaiveDate;

    /// A 2 x 2 RGB PNG.
    fn png() -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, 2, 2);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.write_header().unwrap().write_image_data(&[200; 12]).unwrap();
        out
    }

    #[test]
    fn a_reports_own_pictures_are_found_when_its_text_is_checked() {
        let mut store = Store::open_in_memory().unwrap();
        let at = NaiveDate::from_ymd_opt(2020, 11, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
        store.import_bundle_at(&agendapack_demo::bundles().remove(0), at).unwrap();
        let ctx = ApiContext::new(store);
        let item_id = (1..200).find(|&id| report_get(&ctx, ReportGetRequest { item_id: id }).is_ok()).expect("the demo has a report");
        let request = super::super::pictures::PictureAddRequest {
            item_id,
            file_name: "ward map.png".into(),
            alt: String::new(),
            bytes_base64: base64::engine::general_purpose::STANDARD.encode(png()),
        };
        let name = super::super::pictures::report_picture_add(&ctx, request).unwrap().name;
        let text = format!("The ward:\n\n![Ward map](media:{name})\n");
        let missing = |d: &Vec<Diagnostic>| d.iter().filter(|d| d.message.contains("media:")).count();

        let with_report = markdown_check(&ctx, MarkdownCheckRequest { text: text.clone(), item_id: Some(item_id) }).unwrap();
        assert_eq!(missing(&with_report), 0, "the pack finds it, so the editor must not call it missing: {with_report:?}");
        let alone = markdown_check(&ctx, MarkdownCheckRequest { text: text.clone(), item_id: None }).unwrap();
        assert_eq!(missing(&alone), 1, "a text of no report has no pictures to find: {alone:?}");
        let other = markdown_check(&ctx, MarkdownCheckRequest { text: "![A](media:nothing.png)".into(), item_id: Some(item_id) }).unwrap();
        assert_eq!(missing(&other), 1, "a name the report does not have is still reported: {other:?}");
    }
}
