//! Commands that build packs: `pack_build` starts a job on a worker thread and returns its id
//! at once; `pack_job` reports its progress and result; `pack_pdf` gives the PDF as base64
//! (the browser bridge also serves it as bytes at `GET /api/pack_pdf/<job_id>`).

use agendapack_pack::{Edition, PackOptions};
use base64::Engine;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{ApiContext, ApiError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PackEdition {
    Public,
    Full,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PackBuildRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub edition: PackEdition,
    #[serde(default)]
    pub supplement: bool,
    #[serde(default)]
    pub draft: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PackBuildResponse {
    #[ts(type = "number")]
    pub job_id: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PackJobRequest {
    #[ts(type = "number")]
    pub job_id: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Running,
    Done,
    Failed,
}

/// The printed page range of one agenda item's papers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PackRange {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub number: Option<u32>,
    pub title: String,
    pub first: u32,
    pub last: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PackResult {
    pub pages: u32,
    /// Bytes of the PDF.
    #[ts(type = "number")]
    pub size: u64,
    pub ranges: Vec<PackRange>,
    /// Problems in the papers' Markdown (the pack was still built).
    pub warnings: Vec<String>,
}

/// A pack job's state: also the payload of the desktop's `pack-progress` event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PackJob {
    pub state: JobState,
    /// From 0 to 1.
    pub progress: f32,
    /// What the build is doing, in words ("typesetting the papers").
    pub stage: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub result: Option<PackResult>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub error: Option<ApiError>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct PackPdfResponse {
    pub base64: String,
}

pub fn pack_build(ctx: &ApiContext, req: PackBuildRequest) -> Result<PackBuildResponse, ApiError> {
    // Checked here so a wrong id is an immediate answer, not a failed job.
    ctx.store()?.meeting_detail(req.meeting_id)?;
    let options = PackOptions {
        edition: match req.edition {
            PackEdition::Public => Edition::Public,
            PackEdition::Full => Edition::Full,
        },
        supplement: req.supplement,
        draft: req.draft,
    };
    // Deadline checks (issue 6): a public pack after the statutory publication date, key
    // decisions without notice. Recorded now and shown first among the build's warnings.
    let now = ctx.now();
    let public = options.edition == Edition::Public;
    let late = {
        let mut store = ctx.store()?;
        let late = store.build_checks(req.meeting_id, now.date(), public, req.supplement)?;
        if !late.is_empty() {
            store.build_warnings_record(req.meeting_id, now, if public { "public" } else { "full" }, &late)?;
        }
        late
    };
    let job_id = ctx.jobs.start(ctx.shared_store(), req.meeting_id, options, ctx.packs_dir().map(|p| p.to_path_buf()), late)?;
    Ok(PackBuildResponse { job_id })
}

pub fn pack_job(ctx: &ApiContext, req: PackJobRequest) -> Result<PackJob, ApiError> {
    ctx.jobs.status(req.job_id)
}

pub fn pack_pdf(ctx: &ApiContext, req: PackJobRequest) -> Result<PackPdfResponse, ApiError> {
    let bytes = ctx.pack_bytes(req.job_id)?;
    Ok(PackPdfResponse { base64: base64::engine::general_purpose::STANDARD.encode(bytes.as_slice()) })
}
