//! Fine-grained editing for the app: one [`Store`] method per user action (save a committee,
//! add an agenda item, reorder appendices ...), each one transaction, checked before its first
//! write, returning the rows the app shows next.
//!
//! Problems with what was typed are [`StoreError::Invalid`] with the form field's name as the
//! problem's path; a missing row is [`StoreError::NotFound`] (or `NoMeeting`); a clash with what
//! is stored is [`StoreError::Conflict`]. Times are passed in (`now`), never read here.
//!
//! Deliberately not here: whole-meeting import and export (see [`crate::exchange`]), building
//! packs, and checking attached PDFs beyond their signature (the caller uses the pack crate).

mod agenda;
mod check;
mod committees;
pub(crate) mod deadline_view;
pub(crate) mod deadlines;
mod meetings;
mod minutes;
mod reports;
pub mod rows;
#[cfg(test)]
mod tests;

use agendapack_model::{Access, Council, ItemKind, StandingTextOverrides, StandingTexts};
use chrono::NaiveDateTime;

pub use deadline_view::{dashboard_order, DeadlineRow, StatusChangeRow};
pub use deadlines::{
    ClosureDay, DeadlineOverrideRow, DeadlineRuleInput, DeadlineRuleRow, HolidayImport, OverrideSpec, RuleSpec, RulesFile,
};
pub use meetings::standard_items;
pub use minutes::{ActionRow, MemberOnDate, MinutesDetail, PreviousMinutes, StatusChange};
pub use rows::{
    AccessChange, AppendixKind, AppendixRow, CommitteeRow, ItemChanges, ItemRow, MeetingChanges, MeetingDetail, MembershipInput,
    KeptVersion, MembershipRow, NewItem, NewMeeting, PdfAttachment, ReportDetail, ReportFields,
};

use crate::{Store, StoreError};

impl Store {
    /// The council's settings; [`StoreError::NoCouncil`] before any is saved.
    pub fn council(&self) -> Result<Council, StoreError> {
        committees::council_get(&self.conn)
    }

    pub fn council_save(&mut self, council: &Council) -> Result<Council, StoreError> {
        committees::council_save(&mut self.conn, council)
    }

    /// The standing texts new meetings use: the council's, or the defaults before there is one.
    pub fn standing_texts(&self) -> Result<StandingTexts, StoreError> {
        Ok(crate::queries::council::load(&self.conn)?.map(|c| c.standing_texts).unwrap_or_default())
    }

    pub fn committees(&self) -> Result<Vec<CommitteeRow>, StoreError> {
        committees::committees(&self.conn)
    }

    /// Creates a committee (`id` None) or renames one.
    pub fn committee_save(&mut self, id: Option<i64>, name: &str) -> Result<CommitteeRow, StoreError> {
        committees::committee_save(&mut self.conn, id, name)
    }

    /// Retires a committee (kept with its meetings, left out of new-meeting choices) or, with
    /// `retired` false, brings it back.
    pub fn committee_retire(&mut self, id: i64, retired: bool) -> Result<CommitteeRow, StoreError> {
        committees::committee_retire(&mut self.conn, id, retired)
    }

    /// Deletes a committee that has no meetings; one with meetings must be retired instead.
    pub fn committee_delete(&mut self, id: i64) -> Result<(), StoreError> {
        committees::committee_delete(&mut self.conn, id)
    }

    /// Sets the committee's own wording of standing texts (blank fields use the council's).
    pub fn committee_texts_save(&mut self, id: i64, texts: &StandingTextOverrides) -> Result<CommitteeRow, StoreError> {
        committees::committee_texts_save(&mut self.conn, id, texts)
    }

    pub fn membership_save(&mut self, committee_id: i64, seat: &MembershipInput) -> Result<CommitteeRow, StoreError> {
        committees::membership_save(&mut self.conn, committee_id, seat)
    }

    pub fn membership_delete(&mut self, id: i64) -> Result<CommitteeRow, StoreError> {
        committees::membership_delete(&mut self.conn, id)
    }

    pub fn meeting_detail(&self, id: i64) -> Result<MeetingDetail, StoreError> {
        meetings::meeting_detail(&self.conn, id)
    }

    /// A new scheduled meeting with the standard agenda items, numbered.
    pub fn meeting_create(&mut self, new: &NewMeeting) -> Result<MeetingDetail, StoreError> {
        meetings::meeting_create(&mut self.conn, new)
    }

    pub fn meeting_update(&mut self, id: i64, changes: &MeetingChanges) -> Result<MeetingDetail, StoreError> {
        meetings::meeting_update(&mut self.conn, id, changes)
    }

    /// Adds an item after `after_item_id` (default: after the last report, before the closing
    /// items) and renumbers; a "report" item gets an empty draft report stamped `now`.
    pub fn item_add(
        &mut self,
        meeting_id: i64,
        title: &str,
        kind: ItemKind,
        after_item_id: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<MeetingDetail, StoreError> {
        let new = NewItem { title: title.to_string(), kind, after_item_id, access: Access::Public };
        agenda::item_add(&mut self.conn, meeting_id, &new, now)
    }

    /// [`Store::item_add`] with the new item's access: what adding an item below the Private
    /// Business heading needs, since the store refuses open business there.
    pub fn item_add_new(&mut self, meeting_id: i64, new: &NewItem, now: NaiveDateTime) -> Result<MeetingDetail, StoreError> {
        agenda::item_add(&mut self.conn, meeting_id, new, now)
    }

    /// One agenda item with its access, by id.
    pub fn item_row(&self, item_id: i64) -> Result<ItemRow, StoreError> {
        agenda::item_row(&self.conn, item_id)
    }

    pub fn item_update(&mut self, id: i64, changes: &ItemChanges) -> Result<MeetingDetail, StoreError> {
        agenda::item_update(&mut self.conn, id, changes)
    }

    pub fn item_delete(&mut self, id: i64) -> Result<MeetingDetail, StoreError> {
        agenda::item_delete(&mut self.conn, id)
    }

    pub fn items_reorder(&mut self, meeting_id: i64, item_ids: &[i64]) -> Result<MeetingDetail, StoreError> {
        agenda::items_reorder(&mut self.conn, meeting_id, item_ids, None)
    }

    /// [`Store::items_reorder`] that also sets one item's access in the same transaction, so a
    /// move into the private section arrives with its paragraph(s).
    pub fn items_reorder_with_access(
        &mut self,
        meeting_id: i64,
        item_ids: &[i64],
        set_access: Option<&AccessChange>,
    ) -> Result<MeetingDetail, StoreError> {
        agenda::items_reorder(&mut self.conn, meeting_id, item_ids, set_access)
    }

    pub fn report_detail(&self, item_id: i64) -> Result<ReportDetail, StoreError> {
        reports::report_detail(&self.conn, item_id)
    }

    pub fn report_save(&mut self, item_id: i64, report: &ReportFields, now: NaiveDateTime) -> Result<ReportDetail, StoreError> {
        reports::report_save(&mut self.conn, item_id, report, None, now)
    }

    /// As [`Store::report_save`], refused with [`StoreError::Outdated`] when `base_revision`
    /// is older than the report's revision (someone else saved in between), the fields then
    /// kept as a [`KeptVersion`]. None saves whatever the revision, as `report_save` does.
    pub fn report_save_based(
        &mut self,
        item_id: i64,
        report: &ReportFields,
        base_revision: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<ReportDetail, StoreError> {
        reports::report_save(&mut self.conn, item_id, report, base_revision, now)
    }

    /// The saves of this report refused as out of date, newest first.
    pub fn report_kept_versions(&self, item_id: i64) -> Result<Vec<KeptVersion>, StoreError> {
        reports::kept_versions(&self.conn, item_id)
    }

    pub fn appendix_add(
        &mut self,
        item_id: i64,
        title: &str,
        access: &Access,
        text: &str,
        now: NaiveDateTime,
    ) -> Result<ReportDetail, StoreError> {
        reports::appendix_add(&mut self.conn, item_id, title, access, text, now)
    }

    /// Attaches a PDF the caller has already checked (parsed, unencrypted, `pages` counted).
    pub fn appendix_attach_pdf(&mut self, item_id: i64, pdf: &PdfAttachment, now: NaiveDateTime) -> Result<ReportDetail, StoreError> {
        reports::appendix_attach_pdf(&mut self.conn, item_id, pdf, now)
    }

    pub fn appendix_update(
        &mut self,
        id: i64,
        title: &str,
        access: &Access,
        text: Option<&str>,
        now: NaiveDateTime,
    ) -> Result<ReportDetail, StoreError> {
        reports::appendix_update(&mut self.conn, id, title, access, text, now)
    }

    pub fn appendix_delete(&mut self, id: i64, now: NaiveDateTime) -> Result<ReportDetail, StoreError> {
        reports::appendix_delete(&mut self.conn, id, now)
    }

    pub fn appendices_reorder(&mut self, item_id: i64, ids: &[i64], now: NaiveDateTime) -> Result<ReportDetail, StoreError> {
        reports::appendices_reorder(&mut self.conn, item_id, ids, now)
    }
}
