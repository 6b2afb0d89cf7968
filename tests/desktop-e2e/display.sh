# Sourced by the desktop test scripts: starts a private Xvfb display and tauri-driver, and cleans up every process
# the scripts start. Readiness is waited for by polling with a deadline, never by fixed sleeps.

DESKTOP_PIDS=()

desktop_cleanup() {
  local pid
  for pid in "${DESKTOP_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${DESKTOP_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  DESKTOP_PIDS=()
}

# wait_until SECONDS WHAT COMMAND...: runs COMMAND every 50 ms until it succeeds, or fails with a
# message naming WHAT after SECONDS.
wait_until() {
  local seconds=$1 what=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "desktop tests: gave up after ${seconds}s waiting for $what" >&2
      return 1
    fi
    sleep 0.05
  done
}

# start_display LOGDIR: starts Xvfb on a free display number and exports DISPLAY.
start_display() {
  local logdir=$1
  local fdfile="$logdir/xvfb.display"
  : >"$fdfile"
  # -displayfd makes Xvfb pick a free display and print its number once it accepts clients.
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$fdfile" >"$logdir/xvfb.log" 2>&1 &
  DESKTOP_PIDS+=($!)
  wait_until 20 "Xvfb to start (see $logdir/xvfb.log)" test -s "$fdfile" || return 1
  export DISPLAY=":$(head -n1 "$fdfile" | tr -dc 0-9)"
}

# start_tauri_driver LOGDIR PORT: starts tauri-driver (WebDriver for the app) on PORT and waits
# until it answers; its log is LOGDIR/tauri-driver.log.
start_tauri_driver() {
  local logdir=$1 port=$2
  tauri-driver --port "$port" >"$logdir/tauri-driver.log" 2>&1 &
  DESKTOP_PIDS+=($!)
  if ! wait_until 30 "tauri-driver on port $port" curl -sf -o /dev/null "http://127.0.0.1:$port/status"; then
    cat "$logdir/tauri-driver.log" >&2
    return 1
  fi
}
