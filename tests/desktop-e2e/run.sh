#!/usr/bin/env bash
# Runs the desktop end-to-end test on already built binaries: a temporary database with the demo
# council and a large meeting (the demo's reports 4x over, imported through the CLI), a private
# Xvfb display, tauri-driver, then app.test.mjs. Every process it starts is stopped on exit.
#   bash tests/desktop-e2e/run.sh [DESKTOP_BINARY]
set -euo pipefail
cd "$(dirname "$0")/../.."
here=tests/desktop-e2e
source "$here/display.sh"

bin=$(realpath "${1:-target/debug/agendapack-desktop}")
cli=${AGENDAPACK_CLI:-target/debug/agendapack}
port=${TAURI_DRIVER_PORT:-4444}
[ -x "$bin" ] || { echo "desktop e2e: $bin is not built" >&2; exit 1; }
[ -x "$cli" ] || { echo "desktop e2e: $cli is not built" >&2; exit 1; }
command -v tauri-driver >/dev/null || { echo "desktop e2e: tauri-driver is not installed (cargo install tauri-driver --locked)" >&2; exit 1; }
command -v WebKitWebDriver >/dev/null || { echo "desktop e2e: WebKitWebDriver is missing (apt-get install webkit2gtk-driver)" >&2; exit 1; }
if curl -s -o /dev/null "http://127.0.0.1:$port/status"; then
  echo "desktop e2e: something already listens on port $port; set TAURI_DRIVER_PORT to a free port" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'desktop_cleanup; rm -rf "$work"' EXIT

# The app gets its own database: tests never touch the officer's.
export AGENDAPACK_DB="$work/agendapack.db"
"$cli" --db "$AGENDAPACK_DB" init --demo >/dev/null
demo=$("$cli" --db "$AGENDAPACK_DB" meetings --json | node -e '
  const meetings = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const demo = meetings.find((m) => m.committee === "Overview and Scrutiny Committee");
  if (!demo) { console.error("no demo meeting in the new database"); process.exit(1); }
  console.log(demo.id);')
"$cli" --db "$AGENDAPACK_DB" export --meeting "$demo" --out "$work/demo.json"
node "$here/scale-meeting.mjs" "$work/demo.json" "$work/large.json" 4
large=$("$cli" --db "$AGENDAPACK_DB" import "$work/large.json" | tail -n1 | tr -dc 0-9)
[ -n "$large" ] || { echo "desktop e2e: the large meeting was not imported" >&2; exit 1; }

start_display "$work"
start_tauri_driver "$work" "$port" || exit 1

status=0
AGENDAPACK_DESKTOP_BIN="$bin" WEBDRIVER_URL="http://127.0.0.1:$port" DEMO_MEETING_ID="$demo" \
  LARGE_MEETING_ID="$large" SCREENSHOT="${SCREENSHOT:-docs/screenshots/desktop-build.png}" \
  node "$here/app.test.mjs" || status=$?
if [ "$status" -ne 0 ]; then
  echo "desktop e2e: failed; tauri-driver and app output:" >&2
  tail -n 60 "$work/tauri-driver.log" >&2
fi
exit "$status"
