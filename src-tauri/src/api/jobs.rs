//! The pack job table: builds run on their own `std::thread` (never the caller's, so neither
//! the IPC thread nor an HTTP worker waits on a build), report progress as a fraction and a
//! stage name, and keep their result in memory with the PDF bytes. Each finished pack is also
//! written to the packs folder, atomically (temporary file, then rename).
//!
//! Builds run one at a time; the others wait as "queued". A build already uses every core (up
//! to four typesetting threads), so a second one at once finishes no sooner in total, while on
//! the team server people's requests wait for the CPU behind them. On Linux the build threads
//! also run at a lower priority (nice 10), so a save does not queue behind typesetting. Measured
//! by `tests/team_load.rs` (six officers building on two cores): autosaves' p95 while a pack
//! built fell from 0.4-1.3 s to 40-260 ms (ARCHITECTURE.md, "Team edition: the server").
//!
//! Memory stays bounded on a server that runs for months: only the newest [`KEEP_PDFS`]
//! finished packs keep their PDF in memory (each is also in the packs folder when there is
//! one), and only the newest [`KEEP_JOBS`] jobs are remembered at all. Measured by
//! `tests/team_load.rs` before this bound: about 0.8 MB more for every pack built.
//!
//! Deliberately not here: how a pack is made (the pack crate) or shown (the UI).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use agendapack_pack::{build, Edition, PackOptions};
use agendapack_store::{MeetingId, Store};

use super::error::{ApiError, ErrorCode};
use super::packs::{JobState, PackJob, PackRange, PackResult};

/// One job's record.
struct Job {
    /// What is being built: the team edition's authorisation lets an author or a member fetch
    /// only a published meeting's public pack (`api::authz`).
    meeting_id: i64,
    options: PackOptions,
    status: PackJob,
    pdf: Option<Arc<Vec<u8>>>,
    file: Option<PathBuf>,
    /// The PDF was let go to bound memory ([`KEEP_PDFS`]).
    released: bool,
}

/// How many finished packs keep their PDF in memory: a person fetches their pack moments after
/// it is built; an older one is built again (or opened from the packs folder).
pub const KEEP_PDFS: usize = 16;
/// How many jobs are remembered at all; a job running is never forgotten.
pub const KEEP_JOBS: usize = 256;

/// Lets go of the PDFs beyond the newest [`KEEP_PDFS`] and of the oldest finished jobs beyond
/// [`KEEP_JOBS`].
fn release_old(jobs: &mut BTreeMap<u64, Job>) {
    for job in jobs.values_mut().rev().filter(|j| j.pdf.is_some()).skip(KEEP_PDFS) {
        job.pdf = None;
        job.released = true;
    }
    while jobs.len() > KEEP_JOBS {
        let Some(oldest) = jobs.iter().find(|(_, j)| j.status.state != JobState::Running).map(|(id, _)| *id) else { break };
        jobs.remove(&oldest);
    }
}

#[derive(Default)]
pub struct JobTable {
    jobs: Mutex<BTreeMap<u64, Job>>,
    /// Held by the one build running; the others wait for it (see the module comment).
    building: Mutex<()>,
}

fn poisoned() -> ApiError {
    ApiError::new(ErrorCode::Internal, "The pack job table was damaged by an earlier failure; restart AgendaPack.")
}

fn unknown(job_id: u64) -> ApiError {
    ApiError::not_found(format!("There is no pack job {job_id}."))
}

impl JobTable {
    fn update(&self, job_id: u64, change: impl FnOnce(&mut Job)) {
        // A poisoned table only loses progress reports; the job itself goes on.
        if let Ok(mut jobs) = self.jobs.lock() {
            if let Some(job) = jobs.get_mut(&job_id) {
                change(job);
            }
        }
    }

    pub fn status(&self, job_id: u64) -> Result<PackJob, ApiError> {
        let jobs = self.jobs.lock().map_err(|_| poisoned())?;
        jobs.get(&job_id).map(|j| j.status.clone()).ok_or_else(|| unknown(job_id))
    }

    pub fn pdf(&self, job_id: u64) -> Result<Arc<Vec<u8>>, ApiError> {
        let jobs = self.jobs.lock().map_err(|_| poisoned())?;
        let job = jobs.get(&job_id).ok_or_else(|| unknown(job_id))?;
        job.pdf.clone().ok_or_else(|| match job.status.state {
            JobState::Running => ApiError::new(ErrorCode::Conflict, format!("Pack job {job_id} is still building.")),
            _ if job.released => ApiError::not_found(format!(
                "Pack job {job_id} was built before the newest {KEEP_PDFS} packs and its PDF is no longer held; build the pack again."
            )),
            _ => ApiError::not_found(format!("Pack job {job_id} failed, so it has no PDF.")),
        })
    }

    /// Which meeting's pack, and what kind, job `job_id` builds.
    pub(crate) fn kind(&self, job_id: u64) -> Result<(i64, PackOptions), ApiError> {
        let jobs = self.jobs.lock().map_err(|_| poisoned())?;
        jobs.get(&job_id).map(|j| (j.meeting_id, j.options)).ok_or_else(|| unknown(job_id))
    }

    pub fn file(&self, job_id: u64) -> Result<Option<PathBuf>, ApiError> {
        let jobs = self.jobs.lock().map_err(|_| poisoned())?;
        jobs.get(&job_id).map(|j| j.file.clone()).ok_or_else(|| unknown(job_id))
    }

    /// Registers a job and starts its worker thread; returns at once with the job's id.
    pub fn start(
        self: &Arc<Self>,
        store: Arc<Mutex<Store>>,
        meeting_id: i64,
        options: PackOptions,
        packs_dir: Option<PathBuf>,
        // Warnings known before the build (deadline checks), shown first in the result.
        early_warnings: Vec<String>,
    ) -> Result<u64, ApiError> {
        let job_id = {
            let mut jobs = self.jobs.lock().map_err(|_| poisoned())?;
            let id = jobs.keys().next_back().map_or(1, |last| last + 1);
            jobs.insert(id, Job { meeting_id, options, status: stage(JobState::Running, 0.0, "queued"), pdf: None, file: None, released: false });
            id
        };
        let table = Arc::clone(self);
        // The person who started the build (team server) is the one its publication names.
        let acting = agendapack_store::acting::acting_user();
        let spawned = std::thread::Builder::new().name(format!("pack-job-{job_id}")).spawn(move || {
            lower_priority();
            // The guard holds no data, so one a panicking build poisoned is as good as any.
            let _turn = table.building.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let work = || run(&table, job_id, &store, meeting_id, options, packs_dir.as_deref());
            let outcome = match &acting {
                Some(user) => agendapack_store::acting::acting_as(user, work),
                None => work(),
            };
            let outcome = outcome.map(|(mut result, pdf, file)| {
                result.warnings.splice(0..0, early_warnings);
                (result, pdf, file)
            });
            table.update(job_id, |job| match outcome {
                Ok((result, pdf, file)) => {
                    job.status = PackJob { result: Some(result), ..stage(JobState::Done, 1.0, "done") };
                    job.pdf = Some(Arc::new(pdf));
                    job.file = file;
                }
                Err(error) => job.status = PackJob { error: Some(error), ..stage(JobState::Failed, 1.0, "failed") },
            });
            if let Ok(mut jobs) = table.jobs.lock() {
                release_old(&mut jobs);
            }
        });
        if let Err(e) = spawned {
            let error = ApiError::new(ErrorCode::Internal, format!("The pack build could not be started: {e}."));
            self.update(job_id, |job| job.status = PackJob { error: Some(error.clone()), ..stage(JobState::Failed, 1.0, "failed") });
            return Err(error);
        }
        Ok(job_id)
    }
}

/// Lowers the calling thread's scheduling priority to nice 10; the typesetting threads it starts
/// inherit it. Linux only: there the nice value belongs to the thread, while on other Unix
/// systems `setpriority` would lower the whole process, requests included. A refusal leaves
/// the priority as it was, which is only slower for others.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        // The C library's own declaration (glibc and musl alike), which std links already: one
        // call does not warrant the `libc` crate. PRIO_PROCESS is 0; `who` 0 is this thread.
        extern "C" {
            fn setpriority(which: std::ffi::c_int, who: std::ffi::c_uint, prio: std::ffi::c_int) -> std::ffi::c_int;
        }
        // SAFETY: plain integers in and out; no memory of ours is read or written.
        unsafe {
            setpriority(0, 0, 10);
        }
    }
}

fn stage(state: JobState, progress: f32, name: &str) -> PackJob {
    PackJob { state, progress, stage: name.to_string(), result: None, error: None }
}

type Outcome = (PackResult, Vec<u8>, Option<PathBuf>);

fn run(
    table: &JobTable,
    job_id: u64,
    store: &Mutex<Store>,
    meeting_id: i64,
    options: PackOptions,
    packs_dir: Option<&Path>,
) -> Result<Outcome, ApiError> {
    table.update(job_id, |job| job.status = stage(JobState::Running, 0.05, "loading the meeting"));
    // The store is held only while the meeting loads, so editing goes on during the build.
    let bundle = {
        let store = store
            .lock()
            .map_err(|_| ApiError::new(ErrorCode::Internal, "The database is unusable after an earlier failure."))?;
        // The public edition loads no picture of a restricted paper.
        match options.edition {
            agendapack_pack::Edition::Public => store.load_bundle_for_public(MeetingId(meeting_id))?,
            agendapack_pack::Edition::Full => store.load_bundle(MeetingId(meeting_id))?,
        }
    };
    table.update(job_id, |job| job.status = stage(JobState::Running, 0.15, "typesetting the papers"));
    let pack = build(&bundle, &options)?;
    table.update(job_id, |job| job.status = stage(JobState::Running, 0.95, "saving the pack"));
    let file = match packs_dir {
        Some(dir) => Some(write_pack(dir, &file_name(meeting_id, &options), job_id, &pack.pdf)?),
        None => None,
    };
    // A pack written to the packs folder is recorded with its SHA-256 (issue 10's audit trail).
    if let Some(path) = &file {
        let store = store.lock().map_err(|_| ApiError::new(ErrorCode::Internal, "The database is unusable after an earlier failure."))?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        store.record_publication(meeting_id, &format!("{:?}", options.edition).to_lowercase(), &name, &pack.pdf, chrono::Utc::now().naive_utc())?;
    }
    let result = PackResult {
        pages: pack.pages as u32,
        size: pack.pdf.len() as u64,
        ranges: pack
            .ranges
            .iter()
            .map(|r| PackRange { number: r.number, title: r.title.clone(), first: r.first as u32, last: r.last as u32 })
            .collect(),
        warnings: pack.warnings.clone(),
    };
    Ok((result, pack.pdf, file))
}

/// `meeting-12-public.pdf`, `meeting-12-full-supplement-draft.pdf`: one file per kind of pack,
/// replaced by the next build of the same kind.
fn file_name(meeting_id: i64, options: &PackOptions) -> String {
    let edition = match options.edition {
        Edition::Public => "public",
        Edition::Full => "full",
    };
    let supplement = if options.supplement { "-supplement" } else { "" };
    let draft = if options.draft { "-draft" } else { "" };
    format!("meeting-{meeting_id}-{edition}{supplement}{draft}.pdf")
}

fn write_pack(dir: &Path, name: &str, job_id: u64, bytes: &[u8]) -> Result<PathBuf, ApiError> {
    let storage = |e: std::io::Error| ApiError::new(ErrorCode::Storage, format!("The pack could not be saved in {}: {e}.", dir.display()));
    std::fs::create_dir_all(dir).map_err(storage)?;
    let path = dir.join(name);
    let temp = dir.join(format!(".{name}.{}-{job_id}.part", std::process::id()));
    std::fs::write(&temp, bytes).and_then(|()| std::fs::rename(&temp, &path)).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        storage(e)
    })?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::super::packs::{pack_build, PackBuildRequest, PackEdition};
    use super::super::ApiContext;
    use super::{release_old, Job, JobState, KEEP_JOBS, KEEP_PDFS};
    use std::collections::BTreeMap;
    use std::sync::Arc;

    #[test]
    fn only_the_newest_packs_are_held_in_memory() {
        let finished = |state: JobState| Job {
            meeting_id: 1,
            options: agendapack_pack::PackOptions::default(),
            status: super::stage(state, 1.0, "done"),
            pdf: (state == JobState::Done).then(|| Arc::new(vec![0u8; 10])),
            file: None,
            released: false,
        };
        let mut jobs: BTreeMap<u64, Job> = (1..=300).map(|id| (id, finished(if id == 2 { JobState::Running } else { JobState::Done }))).collect();
        release_old(&mut jobs);
        let held: Vec<u64> = jobs.iter().filter(|(_, j)| j.pdf.is_some()).map(|(id, _)| *id).collect();
        assert_eq!(held, (300 - KEEP_PDFS as u64 + 1..=300).collect::<Vec<_>>(), "the newest keep their PDF");
        assert_eq!(jobs.len(), KEEP_JOBS, "the oldest finished jobs are forgotten");
        assert!(jobs.contains_key(&2), "a job still running is never forgotten");
        assert!(jobs[&100].released, "an older one says why it has no PDF");
    }

    #[test]
    fn builds_run_one_at_a_time_and_each_finishes() {
        let mut store = agendapack_store::Store::open_in_memory().unwrap();
        let at = chrono::NaiveDate::from_ymd_opt(2020, 11, 1).and_then(|d| d.and_hms_opt(9, 0, 0)).unwrap();
        let meeting = store.import_bundle_at(&agendapack_demo::bundles().remove(0), at).unwrap();
        let ctx = ApiContext::new(store);
        let jobs: Vec<u64> = [PackEdition::Public, PackEdition::Full]
            .map(|edition| pack_build(&ctx, PackBuildRequest { meeting_id: meeting.0, edition, supplement: false, draft: false }).unwrap().job_id)
            .to_vec();
        loop {
            // One look at the whole table: a build ends (done) before the next may leave "queued".
            let states: Vec<(JobState, String)> = {
                let table = ctx.jobs.jobs.lock().unwrap();
                jobs.iter().map(|id| (table[id].status.state, table[id].status.stage.clone())).collect()
            };
            let building = states.iter().filter(|(state, stage)| *state == JobState::Running && stage != "queued").count();
            assert!(building <= 1, "two builds at once: {states:?}");
            if states.iter().all(|(state, _)| *state != JobState::Running) {
                assert!(states.iter().all(|(state, _)| *state == JobState::Done), "both packs are built: {states:?}");
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
}
