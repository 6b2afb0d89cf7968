//! AgendaPack's application layer: the `agendapack` command-line program (`cli`), the UI's
//! commands (`api`, served over loopback HTTP by `agendapack serve`), and the Tauri desktop shell
//! (`desktop`, behind the `desktop` feature). Each command unpacks its arguments, calls one
//! function of the core crates, and reports; no business logic lives here.

pub mod allocator;
pub mod api;
pub mod atomic_file;
pub mod cli;
pub mod cross_site;
pub mod team;
pub mod team_client;
pub mod ui_files;
#[cfg(feature = "desktop")]
pub mod desktop;
