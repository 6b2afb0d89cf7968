//! Word papers (issue 16): a `.docx` converted to our Markdown, pictures and cover-sheet
//! fields ([`docx_convert`]), and a report set from one ([`report_from_docx`]). The CLI calls
//! these now; the app's report editor can call the same functions later.
//!
//! The conversion itself is `agendapack_docx::read_docx` (pure); this module maps its cover
//! fields onto the report's interchange fields and stores the result in one store call.
//!
//! Deliberately not here: reading files (callers pass bytes) or any Word parsing.

use agendapack_docx::{read_docx, CoverFields, DocxPaper};
use agendapack_model::picture::sha256_hex;
use agendapack_model::{DecisionType, Person, Picture};
use agendapack_store::edit::{ItemRow, ReportFields};
use agendapack_store::Store;
use serde::Serialize;
use serde_json::{Map, Value};

use super::error::ErrorCode;
use super::ApiError;

/// What `agendapack docx --json` prints: the Markdown, the cover fields found (interchange
/// names and forms), the pictures without their bytes, and the reader's warnings.
#[derive(Debug, Clone, Serialize)]
pub struct DocxConversion {
    pub markdown: String,
    pub cover: Map<String, Value>,
    pub media: Vec<MediaInfo>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MediaInfo {
    pub name: String,
    pub alt: Option<String>,
    pub sha256: String,
}

/// A converted paper: the summary to show, and the pictures to store.
pub struct ConvertedDocx {
    pub paper: DocxPaper,
    pub summary: DocxConversion,
}

/// Reads `.docx` bytes; a file Word would not open, or a hostile one, is one sentence.
pub fn docx_convert(bytes: &[u8]) -> Result<ConvertedDocx, ApiError> {
    let paper = read_docx(bytes).map_err(|e| ApiError::new(ErrorCode::Invalid, e.to_string()))?;
    let summary = DocxConversion {
        markdown: paper.markdown.clone(),
        cover: cover_json(&paper.cover),
        media: paper.media.iter().map(|m| MediaInfo { name: m.name.clone(), alt: m.alt.clone(), sha256: sha256_hex(&m.bytes) }).collect(),
        warnings: paper.warnings.clone(),
    };
    Ok(ConvertedDocx { paper, summary })
}

/// "For Decision" / "For information" as the model's decision type.
fn decision(text: &str) -> Option<DecisionType> {
    let lower = text.to_lowercase();
    match (lower.contains("decision"), lower.contains("information")) {
        (true, false) => Some(DecisionType::ForDecision),
        (false, true) => Some(DecisionType::ForInformation),
        _ => None,
    }
}

/// "Yes", "No" (and "Key decision: yes") as a flag.
fn yes_no(text: &str) -> Option<bool> {
    let lower = text.trim().to_lowercase();
    let last = lower.rsplit(|c: char| !c.is_alphabetic()).find(|w| !w.is_empty()).unwrap_or("");
    match last {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

fn authors(cover: &CoverFields) -> Vec<Person> {
    cover
        .authors
        .iter()
        .filter(|a| !a.name.trim().is_empty())
        .map(|a| Person {
            name: a.name.trim().to_owned(),
            job_title: a.job_title.clone().unwrap_or_default(),
            phone: a.phone.clone().unwrap_or_default(),
            email: a.email.clone().unwrap_or_default(),
        })
        .collect()
}

/// The cover fields found, under the interchange Report field names.
fn cover_json(cover: &CoverFields) -> Map<String, Value> {
    let mut out = Map::new();
    let mut text = |key: &str, value: &Option<String>| {
        if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            out.insert(key.to_owned(), Value::String(v.to_owned()));
        }
    };
    text("title", &cover.title);
    text("report_of", &cover.report_of);
    text("wards_affected", &cover.wards_affected);
    text("accountable_director", &cover.accountable_director);
    text("summary", &cover.summary);
    text("recommendations", &cover.recommendations);
    text("reasons", &cover.reasons);
    if let Some(d) = cover.decision.as_deref().and_then(decision) {
        out.insert("decision".into(), serde_json::to_value(d).unwrap_or(Value::Null));
    }
    if let Some(k) = cover.key_decision.as_deref().and_then(yes_no) {
        out.insert("key_decision".into(), Value::Bool(k));
    }
    let people = authors(cover);
    if !people.is_empty() {
        out.insert("authors".into(), serde_json::to_value(&people).unwrap_or(Value::Null));
    }
    out
}

/// What an import changed: the cover fields it filled, and the reader's warnings.
#[derive(Debug, Clone, Serialize)]
pub struct ReportImported {
    pub filled: Vec<String>,
    pub pictures: usize,
    pub warnings: Vec<String>,
}

/// Sets agenda item `item_id`'s report body, pictures and the cover fields the Word file
/// fills (others keep their values), in one store call.
pub fn report_from_docx(store: &mut Store, item_id: i64, item_title: &str, bytes: &[u8], now: chrono::NaiveDateTime) -> Result<ReportImported, ApiError> {
    let ConvertedDocx { paper, summary } = docx_convert(bytes)?;
    // Before anything is written: a file marked exempt never lands in an open item.
    let access_note = cover_access_check(&paper.cover, &store.item_row(item_id)?)?;
    let mut fields: ReportFields = match store.report_detail(item_id) {
        Ok(detail) => detail.report,
        // A report item with no report yet starts from an empty draft.
        Err(agendapack_store::StoreError::NotFound { .. }) => ReportFields::draft(item_title),
        Err(e) => return Err(e.into()),
    };
    let mut filled = Vec::new();
    let cover = &paper.cover;
    let mut set = |name: &str, slot: &mut String, value: &Option<String>| {
        if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            *slot = v.to_owned();
            filled.push(name.to_owned());
        }
    };
    set("title", &mut fields.title, &cover.title);
    set("report_of", &mut fields.report_of, &cover.report_of);
    set("wards_affected", &mut fields.wards_affected, &cover.wards_affected);
    set("accountable_director", &mut fields.accountable_director, &cover.accountable_director);
    set("summary", &mut fields.summary, &cover.summary);
    set("recommendations", &mut fields.recommendations, &cover.recommendations);
    set("reasons", &mut fields.reasons, &cover.reasons);
    if let Some(d) = cover.decision.as_deref().and_then(decision) {
        fields.decision = d;
        filled.push("decision".into());
    }
    if let Some(k) = cover.key_decision.as_deref().and_then(yes_no) {
        fields.key_decision = k;
        filled.push("key_decision".into());
    }
    let people = authors(cover);
    if !people.is_empty() {
        fields.authors = people;
        filled.push("authors".into());
    }
    if fields.title.trim().is_empty() {
        if let Some(title) = paper.title.as_deref().filter(|t| !t.trim().is_empty()) {
            fields.title = title.trim().to_owned();
            filled.push("title".into());
        }
    }
    fields.body = paper.markdown.clone();
    let pictures: Vec<Picture> = paper.media.iter().map(|m| Picture::new(&m.name, m.bytes.clone(), m.alt.as_deref().unwrap_or(""))).collect();
    let mut warnings = summary.warnings;
    warnings.extend(access_note);
    store.report_import(item_id, &fields, &pictures, now)?;
    Ok(ReportImported { filled, pictures: pictures.len(), warnings })
}

/// The one rule for a Word cover sheet's "Open/Exempt report" against the item's access on the
/// agenda, checked by the import and by its preview. The item's access decides what is
/// published, and an import never changes it; so a file marked exempt is refused for an open
/// item (its report would otherwise print in the public pack), a file marked open for a
/// restricted item gets a note (the safe way round), and when they agree nothing is said.
pub(crate) fn cover_access_check(cover: &CoverFields, item: &ItemRow) -> Result<Option<String>, ApiError> {
    let Some(marked) = cover.access.as_deref().map(str::trim).filter(|a| !a.is_empty()) else {
        return Ok(None);
    };
    let cover_restricted = marked == "exempt";
    let item_restricted = item.access.is_restricted();
    let number = item.number.map(|n| format!("item {n}")).unwrap_or_else(|| "the item".to_owned());
    match (cover_restricted, item_restricted) {
        (true, false) => Err(ApiError::new(
            ErrorCode::Invalid,
            format!(
                "The Word file's cover sheet marks it an exempt report, but {number} \"{}\" is open to the public: make the item exempt (with its Schedule 12A paragraph) before importing, so that the report is not published.",
                excerpt(&item.title)
            ),
        )),
        (false, true) => Ok(Some(format!("the cover sheet says it is an open report; {number} stays restricted, as the agenda says"))),
        _ => Ok(None),
    }
}

/// Adds a Word file as a Markdown appendix of item `item_id`'s report (which must exist):
/// its pictures join the report's, renamed `a{N}-NAME` so that they never clash with the
/// body's. Returns the reader's warnings.
pub fn appendix_from_docx(store: &mut Store, item_id: i64, title: Option<&str>, bytes: &[u8], now: chrono::NaiveDateTime) -> Result<Vec<String>, ApiError> {
    let ConvertedDocx { paper, summary } = docx_convert(bytes)?;
    // The appendix is added public (the item's access governs it), so the same rule as a report.
    let access_note = cover_access_check(&paper.cover, &store.item_row(item_id)?)?;
    let detail = store.report_detail(item_id)?;
    let number = detail.appendices.len() + 1;
    let prefix = format!("a{number}-");
    let mut markdown = paper.markdown.replace("](media:", &format!("](media:{prefix}"));
    if markdown.trim().is_empty() {
        markdown = String::from("(This Word file has no text.)");
    }
    let mut pictures = store.report_pictures(item_id)?;
    pictures.extend(paper.media.iter().map(|m| Picture::new(&format!("{prefix}{}", m.name), m.bytes.clone(), m.alt.as_deref().unwrap_or(""))));
    let title = title
        .map(str::to_owned)
        .or_else(|| paper.title.clone().filter(|t| !t.trim().is_empty()))
        .or_else(|| paper.cover.title.clone().filter(|t| !t.trim().is_empty()))
        .unwrap_or_else(|| format!("Appendix {number}"));
    // Checked before the first write, so a bad picture changes nothing.
    let problems = agendapack_store::media::picture_problems(&pictures, "report");
    if !problems.is_empty() {
        return Err(agendapack_store::StoreError::Invalid(problems).into());
    }
    store.appendix_add(item_id, &title, &agendapack_model::Access::Public, &markdown, now)?;
    store.set_report_pictures(item_id, &pictures)?;
    let mut warnings = summary.warnings;
    warnings.extend(access_note);
    Ok(warnings)
}

/// At most 40 characters of a value, for a message.
fn excerpt(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(40) {
        Some((at, _)) => format!("{}...", &one_line[..at]),
        None => one_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_words_become_interchange_values() {
        assert_eq!(decision("For Decision"), Some(DecisionType::ForDecision), "seed 001's wording");
        assert_eq!(decision("For Information"), Some(DecisionType::ForInformation), "the other box");
        assert_eq!(decision("For decision / For information"), None, "both ticked: not guessed");
        assert_eq!(yes_no("Yes"), Some(true), "a plain yes");
        assert_eq!(yes_no("Key Decision: No"), Some(false), "label and value in one cell");
        assert_eq!(yes_no("Maybe"), None, "anything else is left alone");
    }

    fn item(access: agendapack_model::Access) -> ItemRow {
        ItemRow {
            id: 1,
            position: 3,
            number: Some(4),
            title: "Budget Monitoring".into(),
            kind: agendapack_model::ItemKind::Report,
            description: String::new(),
            access,
            supplementary: false,
            has_report: true,
            report_title: None,
            appendix_count: 0,
            report_status: None,
        }
    }

    fn cover(access: Option<&str>) -> CoverFields {
        CoverFields { access: access.map(str::to_owned), ..CoverFields::default() }
    }

    #[test]
    fn a_file_marked_exempt_never_lands_in_an_open_item() {
        use agendapack_model::access::ExemptParagraph;
        use agendapack_model::Access;
        let exempt = Access::Exempt { paragraphs: vec![ExemptParagraph::new(3).unwrap()], public_title: None };
        let refused = cover_access_check(&cover(Some("exempt")), &item(Access::Public)).unwrap_err();
        assert!(refused.message.contains("item 4 \"Budget Monitoring\" is open to the public"), "{}", refused.message);
        assert_eq!(cover_access_check(&cover(Some("exempt")), &item(exempt.clone())).unwrap(), None, "they agree: nothing said");
        assert_eq!(cover_access_check(&cover(Some("open")), &item(Access::Public)).unwrap(), None, "they agree: nothing said");
        assert_eq!(cover_access_check(&cover(None), &item(Access::Public)).unwrap(), None, "no marking: nothing said");
        let note = cover_access_check(&cover(Some("open")), &item(exempt)).unwrap().expect("the safe way round is noted");
        assert!(note.contains("stays restricted"), "{note}");
    }
}
