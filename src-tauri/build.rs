//! Build script: Tauri's code generation for the desktop app only. Without the "desktop"
//! feature it does nothing, so the library and CLI build without GTK or WebKit.

fn main() {
    #[cfg(feature = "desktop")]
    tauri_build::build();
}
