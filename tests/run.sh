#!/usr/bin/env bash
# The one command that runs every AgendaPack test on a fresh Debian 12 machine with Rust:
#   bash tests/run.sh
# It installs what the tests need (Debian packages via apt-get), then runs the Rust unit and
# integration tests of every crate. .ci/run calls exactly this script.
set -euo pipefail
cd "$(dirname "$0")/.."

# --- system packages -------------------------------------------------------------------------
# poppler-utils and qpdf are the independent tools the PDF tests check our output with; make
# builds jemalloc, the programs' allocator on Linux (src-tauri/src/allocator.rs).
packages=(poppler-utils qpdf make)
source tests/lib/packages.sh
ensure_packages tests/run.sh "${packages[@]}"

# --- Rust: unit and integration tests of every crate (the desktop shell is feature-gated) -----
cargo test --workspace --locked

# --- Windows: the command line cross-built for Windows and run under Wine, its demo pack
# byte-identical to the Linux build's (installs wine64, mingw-w64 and the Rust target itself).
bash tests/windows.sh

# --- The web UI (Vitest, then the browser end-to-end test) and the desktop app (Tauri under
# Xvfb, driven through WebDriver). Each script installs what it needs itself.
for part in tests/ui.sh tests/desktop.sh; do
  if [ -f "$part" ]; then
    echo "tests/run.sh: running $part"
    bash "$part"
  fi
done
