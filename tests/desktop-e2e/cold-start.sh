#!/usr/bin/env bash
# Measures the desktop app's cold start: from launching the binary to the meetings list painted
# in its window (the app writes the time to AGENDAPACK_READY_FILE, see src/desktop/ready.rs).
# Runs it RUNS times (default 5) under a private Xvfb, each with a fresh copy of a demo database,
# and reports every run and the median. It reports; it does not pass or fail on the time.
#   bash tests/desktop-e2e/cold-start.sh [BINARY]   (default: target/release/agendapack-desktop)
set -euo pipefail
cd "$(dirname "$0")/../.."
here=tests/desktop-e2e
source "$here/display.sh"

bin=${1:-target/release/agendapack-desktop}
runs=${RUNS:-5}
cli=${AGENDAPACK_CLI:-target/debug/agendapack}
[ -x "$bin" ] || { echo "cold-start: $bin is not built (cargo build --release -p agendapack --features desktop --bin agendapack-desktop)" >&2; exit 1; }
[ -x "$cli" ] || { echo "cold-start: $cli is not built (cargo build -p agendapack --bin agendapack)" >&2; exit 1; }

work=$(mktemp -d)
app_pid=
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  desktop_cleanup
  rm -rf "$work"
}
trap cleanup EXIT
start_display "$work"

"$cli" --db "$work/demo.db" init --demo >/dev/null
times=()
for run in $(seq 1 "$runs"); do
  cp "$work/demo.db" "$work/run.db"
  rm -f "$work/ready"
  start=$(date +%s%N)
  AGENDAPACK_DB="$work/run.db" AGENDAPACK_READY_FILE="$work/ready" "$bin" >"$work/app.log" 2>&1 &
  app_pid=$!
  if ! wait_until 60 "the window of run $run to show the meetings list (see the app log below)" test -s "$work/ready"; then
    cat "$work/app.log" >&2
    exit 1
  fi
  ready=$(head -n1 "$work/ready")
  ms=$(( (ready - start) / 1000000 ))
  echo "cold-start: run $run: ${ms} ms"
  times+=("$ms")
  kill "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}')
echo "cold-start: median of $runs runs: ${median} ms to an interactive window ($bin)"
