//! Pictures of a report for the formatted editor (issue 17): `report_pictures` lists them so
//! the editor can show `media:NAME` as the picture, and `report_picture_add` stores one (a file
//! inserted, or a picture pasted from Word or a web page) and answers the name the Markdown
//! uses for it. Adding bytes the report already holds answers the existing name, so pasting
//! the same picture twice stores it once.
//!
//! Deliberately not here: checking the bytes (the model's `Picture::problem`, run by the store
//! before any write) or converting other formats (the editor sends PNG or JPEG).

use agendapack_model::Picture;
use base64::Engine;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::reports::ReportGetRequest;
use super::word::PictureData;
use super::{ApiContext, ApiError};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PictureAddRequest {
    #[ts(type = "number")]
    pub item_id: i64,
    /// The file's name as the person knows it ("chart.png"), or "" for a pasted picture: only
    /// its extension and a readable stem are kept in the stored name.
    pub file_name: String,
    /// The picture's description, kept with the stored picture (the Markdown's alt text is
    /// what is printed and read out).
    #[serde(default)]
    pub alt: String,
    /// PNG or JPEG bytes, standard base64.
    pub bytes_base64: String,
}

/// The name the report's Markdown uses for the picture: `![alt](media:NAME)`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PictureAdded {
    pub name: String,
}

pub fn report_pictures(ctx: &ApiContext, req: ReportGetRequest) -> Result<Vec<PictureData>, ApiError> {
    let pictures = ctx.store()?.report_pictures(req.item_id)?;
    Ok(pictures
        .into_iter()
        .map(|p| PictureData { name: p.name, alt: p.alt, bytes_base64: base64::engine::general_purpose::STANDARD.encode(&p.bytes) })
        .collect())
}

pub fn report_picture_add(ctx: &ApiContext, req: PictureAddRequest) -> Result<PictureAdded, ApiError> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(req.bytes_base64.as_bytes())
        .map_err(|e| ApiError::invalid("bytes_base64", format!("The picture's bytes are not valid base64: {e}.")))?;
    let mut store = ctx.store()?;
    // The report must exist: a picture belongs to a report, never to an item alone.
    store.report_detail(req.item_id)?;
    let mut pictures = store.report_pictures(req.item_id)?;
    let hash = agendapack_model::picture::sha256_hex(&bytes);
    if let Some(same) = pictures.iter().find(|p| p.sha256 == hash) {
        return Ok(PictureAdded { name: same.name.clone() });
    }
    let taken: Vec<&str> = pictures.iter().map(|p| p.name.as_str()).collect();
    let name = picture_name(&req.file_name, &bytes, &taken);
    let picture = Picture::new(&name, bytes, &req.alt);
    if let Some(problem) = picture.problem() {
        return Err(ApiError::invalid("bytes_base64", super::error::capitalise(&format!("{problem}."))));
    }
    pictures.push(picture);
    store.set_report_pictures(req.item_id, &pictures)?;
    Ok(PictureAdded { name })
}

/// A stored name for a new picture: the file's stem made of allowed characters (or
/// "picture"), a number when that name is taken, and the extension its bytes call for.
fn picture_name(file_name: &str, bytes: &[u8], taken: &[&str]) -> String {
    let ext = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) { "jpg" } else { "png" };
    let stem: String = file_name
        .rsplit_once('.')
        .map_or(file_name, |(s, _)| s)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .take(60)
        .collect();
    let stem = stem.trim_matches('-');
    let stem = if stem.is_empty() { "picture" } else { stem };
    let mut name = format!("{stem}.{ext}");
    let mut n = 2;
    while taken.contains(&name.as_str()) {
        name = format!("{stem}-{n}.{ext}");
        n += 1;
    }
    name
}

#[cfg(test)]
mod tests {
    use super::picture_name;

    #[test]
    fn names_are_safe_unique_and_keep_the_kind_of_picture() {
        let png = b"\x89PNG\r\n\x1a\n....";
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0];
        assert_eq!(picture_name("Ward map (2024).PNG", png, &[]), "Ward-map--2024.png", "unsafe characters become hyphens");
        assert_eq!(picture_name("", png, &[]), "picture.png", "a pasted picture has no file name");
        assert_eq!(picture_name("photo.jpeg", &jpeg, &[]), "photo.jpg", "the extension follows the bytes");
        assert_eq!(picture_name("", png, &["picture.png", "picture-2.png"]), "picture-3.png", "a taken name gets the next number");
    }
}
