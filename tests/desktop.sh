#!/usr/bin/env bash
# The desktop app's tests on a fresh Debian 12 machine with Rust and (if absent, installed here)
# Node: installs WebKitGTK, Xvfb, WebKitWebDriver and tauri-driver, builds the UI and the
# desktop binary, then drives the real app through WebDriver (tests/desktop-e2e/run.sh).
# tests/run.sh calls this script. The cold-start measurement is separate:
#   bash tests/desktop-e2e/cold-start.sh   (after a release build)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libwebkit2gtk-4.1-dev xvfb xauth webkit2gtk-driver imagemagick curl)
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
source tests/lib/packages.sh
ensure_packages tests/desktop.sh "${packages[@]}"

if ! command -v tauri-driver >/dev/null; then
  echo "tests/desktop.sh: installing tauri-driver"
  cargo install tauri-driver --locked
  export PATH="$HOME/.cargo/bin:$PATH"
fi

# The UI is embedded into the binary at compile time, so it is built first.
if [ ! -f ui/package-lock.json ]; then
  echo "tests/desktop.sh: ui/package-lock.json is missing; the UI cannot be built" >&2
  exit 1
fi
(cd ui && npm ci --no-audit --no-fund && npm run build)

cargo build --locked -p agendapack --bin agendapack
cargo build --locked -p agendapack --features desktop --bin agendapack-desktop

bash tests/desktop-e2e/run.sh target/debug/agendapack-desktop
# The same app connected to a team server (issue 18): trust by fingerprint, sign-in, the server's data.
bash tests/desktop-e2e/team.sh target/debug/agendapack-desktop
