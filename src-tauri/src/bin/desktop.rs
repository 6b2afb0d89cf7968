//! The AgendaPack desktop app's entry point: everything lives in `agendapack::desktop`.

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    agendapack::allocator::install();
    agendapack::desktop::run();
}
