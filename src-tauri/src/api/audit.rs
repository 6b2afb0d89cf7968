//! The audit command: `audit_list`, a meeting's trail (who changed what and when) and the
//! packs published for it with their SHA-256.
//!
//! Deliberately not here: writing the trail (the store's triggers do, for every writer).

use agendapack_store::{AuditEntry, Publication};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ApiContext, ApiError};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AuditListRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
}

/// A meeting's audit trail, oldest first, and its recorded publications.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AuditView {
    pub entries: Vec<AuditEntry>,
    pub publications: Vec<Publication>,
}

pub fn audit_list(ctx: &ApiContext, req: AuditListRequest) -> Result<AuditView, ApiError> {
    let store = ctx.store()?;
    // A meeting that never existed is an error; one deleted since keeps its trail.
    let entries = store.audit_log(req.meeting_id)?;
    if entries.is_empty() {
        store.meeting_detail(req.meeting_id)?;
    }
    Ok(AuditView { entries, publications: store.publications(req.meeting_id)? })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ErrorCode;
    use agendapack_store::{Actor, Store};

    #[test]
    fn a_meetings_trail_lists_changes_and_publications_and_an_unknown_meeting_is_not_found() {
        let mut store = Store::open_in_memory().unwrap_or_else(|e| panic!("an in-memory store: {e}"));
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).and_then(|d| d.and_hms_opt(9, 0, 0)).unwrap_or_default();
        store.set_actor(Actor::fixed("officer", at)).unwrap_or_else(|e| panic!("actor: {e}"));
        let bundle = agendapack_demo::bundles().into_iter().next().unwrap_or_else(|| panic!("the demo has a meeting"));
        let id = store.import_bundle_at(&bundle, at).unwrap_or_else(|e| panic!("the demo imports: {e}")).0;
        store.record_publication(id, "public", "pack.pdf", b"%PDF-1.7\n", at).unwrap_or_else(|e| panic!("recorded: {e}"));
        let ctx = ApiContext::new(store);
        let view = audit_list(&ctx, AuditListRequest { meeting_id: id }).unwrap_or_else(|e| panic!("the trail loads: {e:?}"));
        assert!(view.entries.iter().all(|e| e.user == "officer"), "every line names who made the change");
        assert_eq!(view.publications.len(), 1, "the publication is listed with the trail");
        let missing = audit_list(&ctx, AuditListRequest { meeting_id: 9999 }).map(|_| ()).unwrap_err();
        assert_eq!(missing.code, ErrorCode::NotFound, "a meeting that never existed is not found, not an empty trail");
    }
}
