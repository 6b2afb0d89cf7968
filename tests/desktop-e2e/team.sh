#!/usr/bin/env bash
# The desktop app connected to a team server (issue 18, item 6), end to end on built binaries:
# the desktop's own database is the demo council; the team server's (started by team.test.mjs,
# which also restarts it with a new certificate) is the demo council with one meeting more and an
# officer account, so the window shows which database it reads. A private Xvfb display,
# tauri-driver, then team.test.mjs. Every process started here is stopped on exit.
#   bash tests/desktop-e2e/team.sh [DESKTOP_BINARY]
set -euo pipefail
cd "$(dirname "$0")/../.."
here=tests/desktop-e2e
source "$here/display.sh"

bin=$(realpath "${1:-target/debug/agendapack-desktop}")
cli=$(realpath "${AGENDAPACK_CLI:-target/debug/agendapack}")
port=${TAURI_DRIVER_PORT:-4444}
[ -x "$bin" ] || { echo "desktop team e2e: $bin is not built" >&2; exit 1; }
[ -x "$cli" ] || { echo "desktop team e2e: $cli is not built" >&2; exit 1; }
[ -f ui/dist/index.html ] || { echo "desktop team e2e: ui/dist is not built (cd ui && npm run build)" >&2; exit 1; }
command -v tauri-driver >/dev/null || { echo "desktop team e2e: tauri-driver is not installed (cargo install tauri-driver --locked)" >&2; exit 1; }
command -v WebKitWebDriver >/dev/null || { echo "desktop team e2e: WebKitWebDriver is missing (apt-get install webkit2gtk-driver)" >&2; exit 1; }
if curl -s -o /dev/null "http://127.0.0.1:$port/status"; then
  echo "desktop team e2e: something already listens on port $port; set TAURI_DRIVER_PORT to a free port" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'desktop_cleanup; rm -rf "$work"' EXIT
mkdir -p "$work/desk" "$work/server"

ids() {
  "$cli" --db "$1" meetings --json | node -e '
    const meetings = JSON.parse(require("fs").readFileSync(0, "utf8"));
    console.log(meetings.map((m) => m.id).sort((a, b) => a - b).join(","));'
}

# The desktop's own file (the app keeps its settings file beside it).
export AGENDAPACK_DB="$work/desk/agendapack.db"
"$cli" --db "$AGENDAPACK_DB" init --demo >/dev/null

# The server's database: the demo council, its demo meeting imported once more, and two officers
# (the second changes an agenda from another desk while the window shows it).
server_db="$work/server/council.db"
"$cli" --db "$server_db" init --demo >/dev/null
demo=$("$cli" --db "$server_db" meetings --json | node -e '
  const meetings = JSON.parse(require("fs").readFileSync(0, "utf8"));
  console.log(meetings.find((m) => m.committee === "Overview and Scrutiny Committee").id);')
"$cli" --db "$server_db" export --meeting "$demo" --out "$work/demo.json"
extra=$("$cli" --db "$server_db" import "$work/demo.json" | tail -n1 | tr -dc 0-9)
[ -n "$extra" ] || { echo "desktop team e2e: the extra meeting was not imported" >&2; exit 1; }
printf 'officer-password-1\n' | "$cli" --db "$server_db" user add officer --role officer --display "Olive Officer" >/dev/null
printf 'other-password-1\n' | "$cli" --db "$server_db" user add other --role officer --display "Oscar Other" >/dev/null

start_display "$work"
start_tauri_driver "$work" "$port" || exit 1

status=0
AGENDAPACK_DESKTOP_BIN="$bin" AGENDAPACK_CLI="$cli" WEBDRIVER_URL="http://127.0.0.1:$port" \
  SERVER_DB="$server_db" SERVER_MEETINGS="$(ids "$server_db")" LOCAL_MEETINGS="$(ids "$AGENDAPACK_DB")" \
  EXTRA_MEETING="$extra" SETTINGS_FILE="$work/desk/agendapack-desktop.json" \
  SCREENSHOTS="${SCREENSHOTS:-docs/screenshots}" \
  node "$here/team.test.mjs" || status=$?
if [ "$status" -ne 0 ]; then
  echo "desktop team e2e: failed; tauri-driver and app output:" >&2
  tail -n 60 "$work/tauri-driver.log" >&2
fi
exit "$status"
