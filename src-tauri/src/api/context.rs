//! [`ApiContext`]: what every command runs against. The open store (behind a mutex, so the
//! desktop's IPC threads and the HTTP bridge's workers take turns), the pack job table, the
//! folder built packs are written to, and the clock, read here at the edge and passed down.
//!
//! Deliberately not here: any command's logic.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use agendapack_store::Store;
use chrono::NaiveDateTime;

use super::error::{ApiError, ErrorCode};
use super::jobs::JobTable;

/// Where the time comes from: the system clock in the app, a fixed time in tests.
pub type Clock = Box<dyn Fn() -> NaiveDateTime + Send + Sync>;

pub struct ApiContext {
    store: Arc<Mutex<Store>>,
    pub(crate) jobs: Arc<JobTable>,
    packs_dir: Option<PathBuf>,
    clock: Clock,
}

impl ApiContext {
    /// A context over `store`; built packs are also written to a `packs` folder beside the
    /// database file (none for an in-memory store).
    pub fn new(store: Store) -> ApiContext {
        let packs_dir = store.path().and_then(Path::parent).map(|dir| dir.join("packs"));
        ApiContext {
            store: Arc::new(Mutex::new(store)),
            jobs: Arc::new(JobTable::default()),
            packs_dir,
            clock: Box::new(|| chrono::Utc::now().naive_utc()),
        }
    }

    /// The same context with another clock (tests use a fixed time).
    pub fn with_clock(mut self, clock: Clock) -> ApiContext {
        self.clock = clock;
        self
    }

    pub fn now(&self) -> NaiveDateTime {
        (self.clock)()
    }

    /// The store, for one command. A panic while another command held it leaves the store
    /// unusable for this process, which the UI is told in words.
    pub fn store(&self) -> Result<MutexGuard<'_, Store>, ApiError> {
        self.store.lock().map_err(|_| {
            ApiError::new(ErrorCode::Internal, "An earlier command failed while using the database; restart AgendaPack.")
        })
    }

    pub(crate) fn shared_store(&self) -> Arc<Mutex<Store>> {
        Arc::clone(&self.store)
    }

    /// The folder built packs are written to, if any.
    pub fn packs_dir(&self) -> Option<&Path> {
        self.packs_dir.as_deref()
    }

    /// The PDF bytes of a finished pack job (for Save As / the browser's GET).
    pub fn pack_bytes(&self, job_id: u64) -> Result<Arc<Vec<u8>>, ApiError> {
        self.jobs.pdf(job_id)
    }

    /// The file a finished pack job was written to, if it was (for "Open in system viewer").
    pub fn pack_file(&self, job_id: u64) -> Result<Option<PathBuf>, ApiError> {
        self.jobs.file(job_id)
    }
}
