//! AgendaPack's application layer: the command-line program now, the Tauri desktop shell later.
//! Each command unpacks its arguments, calls one function of the core crates, and reports.
