//! Editing a report: its cover-sheet fields and body, and its appendices one by one (add
//! Markdown, attach a PDF, change, delete, reorder). Each change stamps the report's
//! `updated_at` with the time the caller passes in, which also counts its `revision` up
//! (migration 0013's trigger, so every writer counts).
//!
//! Two people, one paper: a save may say which revision it was based on. One based on an older
//! revision is refused ([`StoreError::Outdated`], "changed by NAME at 14:02") and its fields are
//! kept in `report_kept_versions`, in the same transaction as the check, so nothing typed is
//! lost; a save that says nothing is written as before (the CLI, imports, the single desk).
//! No clash: the same fields as stored, or one change since that was the same person's.
//!
//! Deliberately not here: parsing attached PDFs. The caller checks them with the pack crate
//! first; the store checks only the `%PDF-` signature and keeps the page count it is given.

use agendapack_model::limits::Field;
use agendapack_model::{Access, ItemKind};
use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension};

use super::check::{invalid, Problems};
use super::rows::{AppendixKind, AppendixRow, KeptVersion, PdfAttachment, ReportDetail, ReportFields};
use crate::queries::{people, reports};
use crate::{codes, sha256_hex, StoreError};

/// The report of an agenda item: its id and last change.
struct ReportRow {
    id: i64,
    updated_at: String,
    revision: i64,
    revised_by: String,
}

fn report_row(conn: &Connection, item_id: i64) -> Result<Option<ReportRow>, StoreError> {
    Ok(conn
        .query_row("SELECT id, updated_at, revision, revised_by FROM reports WHERE agenda_item_id = ?1", [item_id], |r| {
            Ok(ReportRow { id: r.get(0)?, updated_at: r.get(1)?, revision: r.get(2)?, revised_by: r.get(3)? })
        })
        .optional()?)
}

fn report_of(conn: &Connection, item_id: i64) -> Result<Option<(i64, String)>, StoreError> {
    Ok(report_row(conn, item_id)?.map(|r| (r.id, r.updated_at)))
}

fn existing_report(conn: &Connection, item_id: i64) -> Result<i64, StoreError> {
    match report_of(conn, item_id)? {
        Some((id, _)) => Ok(id),
        None => {
            super::agenda::meeting_of_item(conn, item_id)?;
            Err(StoreError::NotFound { what: "report for agenda item", id: item_id })
        }
    }
}

pub fn report_detail(conn: &Connection, item_id: i64) -> Result<ReportDetail, StoreError> {
    let row = match report_row(conn, item_id)? {
        Some(found) => found,
        None => {
            super::agenda::meeting_of_item(conn, item_id)?;
            return Err(StoreError::NotFound { what: "report for agenda item", id: item_id });
        }
    };
    let report = reports::load(conn, item_id)?.ok_or(StoreError::NotFound { what: "report for agenda item", id: item_id })?;
    Ok(ReportDetail {
        item_id,
        report: ReportFields::from_report(report),
        appendices: appendix_rows(conn, row.id)?,
        updated_at: codes::parse_date_time("reports.updated_at", &row.updated_at)?,
        revision: row.revision,
        revised_by: row.revised_by,
    })
}

fn appendix_rows(conn: &Connection, report_id: i64) -> Result<Vec<AppendixRow>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, title, access_kind, access_paragraphs, access_public_title, kind, text, file_name, pages,
                coalesce(length(bytes), length(CAST(text AS BLOB)), 0)
         FROM appendices WHERE report_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([report_id], |r| {
        Ok((
            (r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?),
            (r.get::<_, Option<String>>(4)?, r.get::<_, String>(5)?, r.get::<_, Option<String>>(6)?),
            (r.get::<_, Option<String>>(7)?, r.get::<_, Option<u32>>(8)?, r.get::<_, i64>(9)?),
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let ((id, title, access_kind, paragraphs), (public_title, kind, text), (file_name, pages, size)) = row?;
        let kind = match kind.as_str() {
            "markdown" => AppendixKind::Markdown,
            "pdf" => AppendixKind::Pdf,
            _ => return Err(StoreError::BadValue { column: "appendices.kind".into(), value: kind }),
        };
        out.push(AppendixRow {
            id,
            title,
            access: codes::access(&access_kind, &paragraphs, public_title)?,
            kind,
            text,
            file_name,
            pages,
            size: u32::try_from(size).unwrap_or(u32::MAX),
        });
    }
    Ok(out)
}

fn check_fields(report: &ReportFields) -> Result<(), StoreError> {
    let mut problems = Problems::default();
    problems.required("title", &report.title, "a report needs a title");
    problems.limit("title", Field::ReportTitle, &report.title);
    problems.limit("addressed_to", Field::AddressedTo, report.addressed_to.as_deref().unwrap_or_default());
    problems.limit("report_of", Field::ReportOf, &report.report_of);
    problems.limit("wards_affected", Field::WardsAffected, &report.wards_affected);
    problems.limit("accountable_director", Field::AccountableDirector, &report.accountable_director);
    for (field, text) in [
        ("summary", &report.summary),
        ("recommendations", &report.recommendations),
        ("reasons", &report.reasons),
        ("body", &report.body),
        ("background_papers", &report.background_papers),
    ] {
        problems.text_size(field, text);
    }
    for (i, author) in report.authors.iter().enumerate() {
        problems.person(&format!("authors[{i}]"), author, "an author");
    }
    problems.finish()
}

/// Saves the report's fields (creating the report of a "report" item that has none); with a
/// `base_revision` older than the report's, keeps them instead and refuses (see the module).
pub fn report_save(
    conn: &mut Connection,
    item_id: i64,
    report: &ReportFields,
    base_revision: Option<i64>,
    now: NaiveDateTime,
) -> Result<ReportDetail, StoreError> {
    check_fields(report)?;
    let tx = conn.transaction()?;
    if let Some(base) = base_revision {
        if let Some(refused) = outdated(&tx, item_id, report, base, now)? {
            tx.commit()?;
            return Err(refused);
        }
    }
    let kind: String = tx
        .query_row("SELECT kind FROM agenda_items WHERE id = ?1", [item_id], |r| r.get(0))
        .optional()?
        .ok_or(StoreError::NotFound { what: "agenda item", id: item_id })?;
    if kind != ItemKind::Report.as_str() {
        return Err(invalid("kind", format!("agenda item {item_id} is not a report item, so it cannot carry a report")));
    }
    match report_of(&tx, item_id)? {
        None => reports::insert(&tx, item_id, &report.to_report(), now)?,
        Some((report_id, _)) => {
            tx.execute(
                "UPDATE reports SET addressed_to = ?2, cover_date = ?3, title = ?4, report_of = ?5, decision = ?6,
                     wards_affected = ?7, key_decision = ?8, accountable_director = ?9, summary = ?10,
                     recommendations = ?11, reasons = ?12, body = ?13, background_papers = ?14, status = ?15,
                     updated_at = ?16
                 WHERE id = ?1",
                params![
                    report_id,
                    report.addressed_to,
                    report.cover_date.map(codes::date_text),
                    report.title.trim(),
                    report.report_of,
                    codes::decision_text(report.decision),
                    report.wards_affected,
                    report.key_decision,
                    report.accountable_director,
                    report.summary,
                    report.recommendations,
                    report.reasons,
                    report.body,
                    report.background_papers,
                    report.status.as_str(),
                    codes::date_time_text(now)
                ],
            )?;
            tx.execute("DELETE FROM report_authors WHERE report_id = ?1", [report_id])?;
            for (position, author) in report.authors.iter().enumerate() {
                let person_id = people::upsert(&tx, author)?;
                tx.execute(
                    "INSERT INTO report_authors (report_id, position, person_id, person_job_title, person_phone)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![report_id, position as i64, person_id, author.job_title, author.phone],
                )?;
            }
        }
    }
    let detail = report_detail(&tx, item_id)?;
    tx.commit()?;
    Ok(detail)
}

/// The refusal of a save based on revision `base`, with the fields kept, when the report has
/// changed since; None when the save may go ahead. A save whose fields are already the stored
/// ones is no conflict (two people made the same change, or a retry after a lost answer).
fn outdated(tx: &Connection, item_id: i64, report: &ReportFields, base: i64, now: NaiveDateTime) -> Result<Option<StoreError>, StoreError> {
    let Some(current) = report_row(tx, item_id)? else { return Ok(None) };
    if base >= current.revision {
        return Ok(None);
    }
    let stored = reports::load(tx, item_id)?.map(ReportFields::from_report);
    if stored.as_ref() == Some(report) {
        return Ok(None);
    }
    // The one change since was this person's own (an appendix saved beside the body a moment
    // before the body's save arrived): nothing of anyone else's would be written over.
    let me: String = tx.query_row("SELECT agendapack_user()", [], |r| r.get(0))?;
    if current.revision == base + 1 && current.revised_by == me {
        return Ok(None);
    }
    let fields = serde_json::to_string(report).map_err(|e| invalid("report", format!("the report could not be kept: {e}")))?;
    // agendapack_user(): who is typing, named as the audit trail names them.
    tx.execute(
        "INSERT INTO report_kept_versions (agenda_item_id, base_revision, revision, kept_by, kept_at, fields)
         VALUES (?1, ?2, ?3, agendapack_user(), ?4, ?5)",
        params![item_id, base, current.revision, codes::date_time_text(now), fields],
    )?;
    let kept = tx.last_insert_rowid();
    let changed_at = codes::parse_date_time("reports.updated_at", &current.updated_at)?;
    Ok(Some(StoreError::Outdated { kept, message: outdated_message(&current.revised_by, changed_at, now) }))
}

/// "This report was changed by Jane Smith at 14:02 after you opened it; ...", the day named
/// when it was not today.
pub(crate) fn outdated_message(by: &str, at: NaiveDateTime, now: NaiveDateTime) -> String {
    let who = if by.trim().is_empty() { "someone else" } else { by.trim() };
    let when = if at.date() == now.date() { at.format("%H:%M").to_string() } else { at.format("%H:%M on %-d %B %Y").to_string() };
    format!("This report was changed by {who} at {when} after you opened it; your version is kept below theirs.")
}

/// The kept versions of item `item_id`'s report, newest first.
pub fn kept_versions(conn: &Connection, item_id: i64) -> Result<Vec<KeptVersion>, StoreError> {
    super::agenda::meeting_of_item(conn, item_id)?;
    let mut stmt = conn.prepare(
        "SELECT id, base_revision, revision, kept_by, kept_at, fields FROM report_kept_versions
         WHERE agenda_item_id = ?1 ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([item_id], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?, r.get::<_, String>(3)?, r.get::<_, String>(4)?, r.get::<_, String>(5)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, base_revision, revision, kept_by, kept_at, fields) = row?;
        let report = serde_json::from_str(&fields).map_err(|_| StoreError::BadValue {
            column: "report_kept_versions.fields".into(),
            value: fields.chars().take(40).collect(),
        })?;
        out.push(KeptVersion {
            id,
            item_id,
            base_revision,
            revision,
            kept_by,
            kept_at: codes::parse_date_time("report_kept_versions.kept_at", &kept_at)?,
            report,
        });
    }
    Ok(out)
}

fn touch(conn: &Connection, report_id: i64, now: NaiveDateTime) -> Result<(), StoreError> {
    conn.execute("UPDATE reports SET updated_at = ?2 WHERE id = ?1", params![report_id, codes::date_time_text(now)])?;
    Ok(())
}

fn check_appendix(title: &str, access: &Access) -> Problems {
    let mut problems = Problems::default();
    problems.required("title", title, "an appendix needs a title");
    problems.limit("title", Field::AppendixTitle, title);
    problems.access("access", access);
    problems
}

/// Inserts an appendix at the end of the report's list.
fn insert_appendix(
    conn: &Connection,
    report_id: i64,
    title: &str,
    access: &Access,
    content: (&str, Option<&str>, Option<&str>, Option<String>, Option<&[u8]>, Option<u32>),
) -> Result<(), StoreError> {
    let (kind, text, file_name, sha256, bytes, pages) = content;
    let columns = codes::access_columns(access);
    conn.execute(
        "INSERT INTO appendices (report_id, position, title, access_kind, access_paragraphs, access_public_title,
             kind, text, file_name, sha256, bytes, pages)
         VALUES (?1, (SELECT coalesce(max(position) + 1, 0) FROM appendices WHERE report_id = ?1),
             ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![report_id, title.trim(), columns.kind, columns.paragraphs, columns.public_title, kind, text, file_name, sha256, bytes, pages],
    )?;
    Ok(())
}

pub fn appendix_add(
    conn: &mut Connection,
    item_id: i64,
    title: &str,
    access: &Access,
    text: &str,
    now: NaiveDateTime,
) -> Result<ReportDetail, StoreError> {
    let mut problems = check_appendix(title, access);
    problems.text_size("text", text);
    problems.finish()?;
    let tx = conn.transaction()?;
    let report_id = existing_report(&tx, item_id)?;
    insert_appendix(&tx, report_id, title, access, ("markdown", Some(text), None, None, None, None))?;
    touch(&tx, report_id, now)?;
    let detail = report_detail(&tx, item_id)?;
    tx.commit()?;
    Ok(detail)
}

pub fn appendix_attach_pdf(conn: &mut Connection, item_id: i64, pdf: &PdfAttachment, now: NaiveDateTime) -> Result<ReportDetail, StoreError> {
    let mut problems = check_appendix(&pdf.title, &pdf.access);
    problems.required("file_name", &pdf.file_name, "an attached PDF needs its file name");
    problems.limit("file_name", Field::FileName, &pdf.file_name);
    if !pdf.bytes.starts_with(b"%PDF-") {
        problems.push("file", "the attached file is not a PDF (it does not start with %PDF-)");
    }
    if pdf.pages == 0 {
        problems.push("file", "the attached PDF has no pages");
    }
    problems.finish()?;
    let tx = conn.transaction()?;
    let report_id = existing_report(&tx, item_id)?;
    let content = ("pdf", None, Some(pdf.file_name.trim()), Some(sha256_hex(&pdf.bytes)), Some(pdf.bytes.as_slice()), Some(pdf.pages));
    insert_appendix(&tx, report_id, &pdf.title, &pdf.access, content)?;
    touch(&tx, report_id, now)?;
    let detail = report_detail(&tx, item_id)?;
    tx.commit()?;
    Ok(detail)
}

/// The report and agenda item an appendix belongs to, and its kind.
fn appendix_owner(conn: &Connection, id: i64) -> Result<(i64, i64, String), StoreError> {
    conn.query_row(
        "SELECT a.report_id, r.agenda_item_id, a.kind FROM appendices a JOIN reports r ON r.id = a.report_id WHERE a.id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?
    .ok_or(StoreError::NotFound { what: "appendix", id })
}

/// Changes an appendix's title and access, and a Markdown appendix's text.
pub fn appendix_update(
    conn: &mut Connection,
    id: i64,
    title: &str,
    access: &Access,
    text: Option<&str>,
    now: NaiveDateTime,
) -> Result<ReportDetail, StoreError> {
    let mut problems = check_appendix(title, access);
    problems.text_size("text", text.unwrap_or_default());
    problems.finish()?;
    let tx = conn.transaction()?;
    let (report_id, item_id, kind) = appendix_owner(&tx, id)?;
    if kind == "pdf" && text.is_some() {
        return Err(invalid("text", "an attached PDF has no text to change; attach a new file instead"));
    }
    let columns = codes::access_columns(access);
    tx.execute(
        "UPDATE appendices SET title = ?2, access_kind = ?3, access_paragraphs = ?4, access_public_title = ?5,
             text = coalesce(?6, text)
         WHERE id = ?1",
        params![id, title.trim(), columns.kind, columns.paragraphs, columns.public_title, text],
    )?;
    touch(&tx, report_id, now)?;
    let detail = report_detail(&tx, item_id)?;
    tx.commit()?;
    Ok(detail)
}

fn write_positions(conn: &Connection, report_id: i64, ids: &[i64]) -> Result<(), StoreError> {
    // Positions are unique within a report: move them out of the way first.
    conn.execute("UPDATE appendices SET position = -1 - position WHERE report_id = ?1", [report_id])?;
    for (position, id) in ids.iter().enumerate() {
        conn.execute("UPDATE appendices SET position = ?2 WHERE id = ?1", params![id, position as i64])?;
    }
    Ok(())
}

fn appendix_ids(conn: &Connection, report_id: i64) -> Result<Vec<i64>, StoreError> {
    Ok(conn
        .prepare("SELECT id FROM appendices WHERE report_id = ?1 ORDER BY position")?
        .query_map([report_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

pub fn appendix_delete(conn: &mut Connection, id: i64, now: NaiveDateTime) -> Result<ReportDetail, StoreError> {
    let tx = conn.transaction()?;
    let (report_id, item_id, _) = appendix_owner(&tx, id)?;
    tx.execute("DELETE FROM appendices WHERE id = ?1", [id])?;
    let rest = appendix_ids(&tx, report_id)?;
    write_positions(&tx, report_id, &rest)?;
    touch(&tx, report_id, now)?;
    let detail = report_detail(&tx, item_id)?;
    tx.commit()?;
    Ok(detail)
}

/// Puts the report's appendices in the order of `ids` (every appendix, once): they are
/// numbered "Appendix 1, 2 ..." in that order in the pack.
pub fn appendices_reorder(conn: &mut Connection, item_id: i64, ids: &[i64], now: NaiveDateTime) -> Result<ReportDetail, StoreError> {
    let tx = conn.transaction()?;
    let report_id = existing_report(&tx, item_id)?;
    let mut current = appendix_ids(&tx, report_id)?;
    current.sort_unstable();
    let mut wanted = ids.to_vec();
    wanted.sort_unstable();
    if current != wanted {
        return Err(invalid("ids", "the new order must list every appendix of this report exactly once"));
    }
    write_positions(&tx, report_id, ids)?;
    touch(&tx, report_id, now)?;
    let detail = report_detail(&tx, item_id)?;
    tx.commit()?;
    Ok(detail)
}
