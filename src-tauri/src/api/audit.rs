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
