//! Pictures of papers (migration 0009): the `media` table holds each distinct picture's bytes
//! once, keyed by SHA-256; `paper_media` names them for a report. Writing a report's pictures
//! replaces its list; the bytes of a picture no paper uses any more are freed by a trigger.
//!
//! Also the public edition's load: [`Store::load_bundle_for_public`] gives a bundle in which no
//! restricted (exempt or confidential) paper has a picture, so a public pack cannot carry one
//! whatever its planner does.
//!
//! Deliberately not here: checking pixels (the PDF stage does, under its limits).

use std::collections::BTreeSet;

use agendapack_model::picture::referenced_names;
use agendapack_model::validate::Problem;
use agendapack_model::{AppendixContent, MeetingBundle, Picture, Report};
use chrono::NaiveDateTime;
use rusqlite::{params, Connection};

use crate::edit::{ReportDetail, ReportFields};
use crate::{MeetingId, Store, StoreError};

/// The problems of a report's pictures (each one's own, and names used twice), with
/// `at` the report's path in the bundle.
pub fn picture_problems(pictures: &[Picture], at: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut names = BTreeSet::new();
    for (k, picture) in pictures.iter().enumerate() {
        if let Some(message) = picture.problem() {
            problems.push(Problem { path: format!("{at}.pictures[{k}]"), message });
        }
        if !names.insert(picture.name.as_str()) {
            problems.push(Problem { path: format!("{at}.pictures[{k}].name"), message: format!("two pictures are named \"{}\"", picture.name) });
        }
    }
    problems
}

/// Replaces the pictures of report `report_id` with `pictures` (already checked).
pub(crate) fn replace_report_pictures(conn: &Connection, report_id: i64, pictures: &[Picture]) -> Result<(), StoreError> {
    conn.execute("DELETE FROM paper_media WHERE report_id = ?1", [report_id])?;
    for (position, picture) in pictures.iter().enumerate() {
        // The bytes are written only when no paper holds them yet: stored once.
        conn.execute("INSERT OR IGNORE INTO media (sha256, bytes) VALUES (?1, ?2)", params![picture.sha256, picture.bytes])?;
        conn.execute(
            "INSERT INTO paper_media (report_id, position, name, sha256, alt) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![report_id, position as i64, picture.name, picture.sha256, picture.alt],
        )?;
    }
    Ok(())
}

/// The pictures of report `report_id`, in order.
pub(crate) fn load_report_pictures(conn: &Connection, report_id: i64) -> Result<Vec<Picture>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT pm.name, pm.sha256, m.bytes, pm.alt FROM paper_media pm JOIN media m ON m.sha256 = pm.sha256
         WHERE pm.report_id = ?1 ORDER BY pm.position",
    )?;
    let rows = stmt.query_map([report_id], |r| Ok(Picture { name: r.get(0)?, sha256: r.get(1)?, bytes: r.get(2)?, alt: r.get(3)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Keeps only the pictures the public may see: none for a restricted item, else those named
/// by the report's printable texts and its unrestricted Markdown appendices.
fn public_pictures(report: &mut Report, item_restricted: bool) {
    if item_restricted {
        report.pictures.clear();
        return;
    }
    let mut named: BTreeSet<String> = BTreeSet::new();
    for text in [&report.body, &report.summary, &report.recommendations, &report.reasons, &report.background_papers] {
        named.extend(referenced_names(text));
    }
    for appendix in report.appendices.iter().filter(|a| !a.access.is_restricted()) {
        if let AppendixContent::Markdown { text } = &appendix.content {
            named.extend(referenced_names(text));
        }
    }
    report.pictures.retain(|p| named.contains(&p.name));
}

impl Store {
    /// The meeting as the public edition may see it: like [`Store::load_bundle`], but no
    /// restricted paper keeps a picture (an exempt item's report none at all, an open report
    /// only those its own text and its open Markdown appendices name).
    pub fn load_bundle_for_public(&self, id: MeetingId) -> Result<MeetingBundle, StoreError> {
        let mut bundle = self.load_bundle(id)?;
        for item in &mut bundle.items {
            let restricted = item.access.is_restricted();
            if let Some(report) = item.report.as_mut() {
                public_pictures(report, restricted);
            }
        }
        Ok(bundle)
    }

    /// Sets agenda item `item_id`'s report from an imported paper: its fields (body and the
    /// cover fields found) and its pictures. The pictures are checked before anything is
    /// written; the fields are saved as `report_save` saves them.
    pub fn report_import(&mut self, item_id: i64, fields: &ReportFields, pictures: &[Picture], now: NaiveDateTime) -> Result<ReportDetail, StoreError> {
        let problems = picture_problems(pictures, "report");
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let detail = self.report_save(item_id, fields, now)?;
        self.set_report_pictures(item_id, pictures)?;
        Ok(detail)
    }

    /// Replaces the pictures of agenda item `item_id`'s report (which must exist).
    pub fn set_report_pictures(&mut self, item_id: i64, pictures: &[Picture]) -> Result<(), StoreError> {
        let problems = picture_problems(pictures, "report");
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let tx = self.conn.transaction()?;
        let report_id: i64 = rusqlite::OptionalExtension::optional(tx.query_row(
            "SELECT id FROM reports WHERE agenda_item_id = ?1",
            [item_id],
            |r| r.get(0),
        ))?
        .ok_or(StoreError::NotFound { what: "report for agenda item", id: item_id })?;
        replace_report_pictures(&tx, report_id, pictures)?;
        tx.commit()?;
        Ok(())
    }

    /// The pictures of agenda item `item_id`'s report (none when it has no report).
    pub fn report_pictures(&self, item_id: i64) -> Result<Vec<Picture>, StoreError> {
        let report_id: Option<i64> = rusqlite::OptionalExtension::optional(self.conn.query_row(
            "SELECT id FROM reports WHERE agenda_item_id = ?1",
            [item_id],
            |r| r.get(0),
        ))?;
        match report_id {
            Some(id) => load_report_pictures(&self.conn, id),
            None => Ok(Vec::new()),
        }
    }

    /// How many distinct pictures' bytes the database holds (each stored once).
    pub fn stored_picture_count(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT count(*) FROM media", [], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use agendapack_model::{Access, Appendix};

    fn png(seed: u8) -> Vec<u8> {
        [b"\x89PNG\r\n\x1a\n".as_slice(), &[seed; 8]].concat()
    }

    #[test]
    fn bytes_are_stored_once_and_freed_with_the_last_paper() {
        let store = Store::open_in_memory().expect("in memory");
        let conn = &store.conn;
        conn.execute_batch("PRAGMA foreign_keys = OFF").expect("no parents needed for this test");
        let shared = Picture::new("a.png", png(1), "Chart");
        replace_report_pictures(conn, 1, std::slice::from_ref(&shared)).expect("report 1");
        replace_report_pictures(conn, 2, &[Picture { name: "b.png".into(), ..shared.clone() }, Picture::new("c.png", png(2), "")]).expect("report 2");
        assert_eq!(store.stored_picture_count().ok(), Some(2), "the picture both reports use is stored once");
        replace_report_pictures(conn, 2, &[]).expect("report 2 lets go");
        assert_eq!(store.stored_picture_count().ok(), Some(1), "c.png's bytes went with its last paper; a.png stays for report 1");
        assert_eq!(load_report_pictures(conn, 1).expect("load"), vec![shared], "report 1 keeps its picture");
        replace_report_pictures(conn, 1, &[]).expect("report 1 lets go");
        assert_eq!(store.stored_picture_count().ok(), Some(0), "nothing left");
    }

    #[test]
    fn the_public_keeps_only_pictures_of_papers_it_may_see() {
        let picture = |name: &str, seed| Picture::new(name, png(seed), "");
        let mut report: Report = serde_json::from_str(
            r#"{"title":"T","report_of":"","decision":"for-information","wards_affected":"","key_decision":false,
                "authors":[],"accountable_director":"","summary":"","recommendations":"","body":"![A](media:body.png)","status":"draft"}"#,
        )
        .expect("a report");
        report.appendices = vec![
            Appendix { title: "Open".into(), access: Access::Public, content: AppendixContent::Markdown { text: "![B](media:open.png)".into() } },
            Appendix { title: "Secret".into(), access: Access::Confidential { public_title: None }, content: AppendixContent::Markdown { text: "![C](media:secret.png)".into() } },
        ];
        report.pictures = vec![picture("body.png", 1), picture("open.png", 2), picture("secret.png", 3), picture("unused.png", 4)];
        let mut open = report.clone();
        public_pictures(&mut open, false);
        let names: Vec<&str> = open.pictures.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["body.png", "open.png"], "the confidential appendix's picture (and an unused one) stay out");
        public_pictures(&mut report, true);
        assert!(report.pictures.is_empty(), "an exempt item's report has no picture in the public bundle");
    }
}
