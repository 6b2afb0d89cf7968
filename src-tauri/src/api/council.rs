//! Commands on the council's settings: `council_get`, `council_save`.

use agendapack_model::Council;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ApiContext, ApiError, NoArgs};

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CouncilSaveRequest {
    pub council: Council,
}

pub fn council_get(ctx: &ApiContext, _req: NoArgs) -> Result<Council, ApiError> {
    Ok(ctx.store()?.council()?)
}

pub fn council_save(ctx: &ApiContext, req: CouncilSaveRequest) -> Result<Council, ApiError> {
    Ok(ctx.store()?.council_save(&req.council)?)
}
