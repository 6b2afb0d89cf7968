//! AgendaPack's application layer: the `agendapack` command-line program now, the Tauri desktop
//! shell later. Each command unpacks its arguments, calls one function of the core crates, and
//! reports; no business logic lives here.

pub mod api;
pub mod cli;
#[cfg(feature = "desktop")]
pub mod desktop;
