#!/usr/bin/env bash
# The Windows proof (issue 20), run by tests/run.sh after the Rust tests:
#   bash tests/windows.sh
# Cross-builds the command-line program for 64-bit Windows (x86_64-pc-windows-gnu, release,
# linked by Debian's mingw-w64), runs it under Wine on a headless machine (a console program
# needs no X), and checks that it does what the Linux build does: init --demo, build (public and
# full), export, import, deadlines, backup and restore, the daily automatic backup, the default
# data folder (%APPDATA%), the audit user (USERNAME), replacing outputs by rename, and a closed
# pipe. The demo pack, the export and the deadlines must be byte-identical to the Linux build's
# (the determinism invariant, across systems). Installs what it needs if it is missing:
# wine64 and gcc-mingw-w64-x86-64 (apt-get) and the Rust target (rustup).
#
# The Linux side is target/debug/agendapack, which `cargo test` has built (rebuilt here if stale).
# Prints how long the cross-build and the Wine runs took; nothing here has a time limit.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target=x86_64-pc-windows-gnu
say() { echo "tests/windows.sh: $*"; }
fail() { echo "tests/windows.sh: FAILED: $*" >&2; exit 1; }

# --- what the proof needs ----------------------------------------------------------------------
packages=(wine64 gcc-mingw-w64-x86-64)
source tests/lib/packages.sh
ensure_packages tests/windows.sh "${packages[@]}"
rustup target list --installed | grep -qx "$target" || rustup target add "$target"

# --- the two builds ----------------------------------------------------------------------------
# Rust's windows-gnu target links with x86_64-w64-mingw32-gcc by default (no .cargo/config.toml
# needed), and the cc crate finds the same compiler for the bundled SQLite.
started=$(date +%s)
cargo build --release --locked --target "$target" -p agendapack --bin agendapack
build_seconds=$(( $(date +%s) - started ))
target_dir=$(cd "${CARGO_TARGET_DIR:-target}" && pwd)
exe_built=$target_dir/$target/release/agendapack.exe
linux=$target_dir/debug/agendapack
# Usually fresh after `cargo test`; built here otherwise, from the same sources as the .exe.
cargo build --locked -p agendapack --bin agendapack

work=$(mktemp -d)
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
wine=/usr/lib/wine/wine64
cleanup() {
  /usr/lib/wine/wineserver -k 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
unset DISPLAY

# The program and, beside it, the ProcessPrng shim (see tests/windows/bcryptprimitives.c: Wine 8
# lacks the bcryptprimitives.dll that Rust's standard library needs; Windows 10/11 have it).
mkdir -p "$work/bin" "$work/win" "$work/lin"
cp "$exe_built" "$work/bin/agendapack.exe"
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/bin/bcryptprimitives.dll" tests/windows/bcryptprimitives.c -ladvapi32
"$wine" wineboot --init >"$work/wineboot.log" 2>&1 || { cat "$work/wineboot.log" >&2; fail "Wine could not make its prefix"; }

# A Windows path for a file under $work (Wine maps the Unix root to drive Z:).
winpath() { printf 'Z:%s' "${1//\//\\}"; }

# win ARGS...: runs agendapack.exe in $work/win (relative paths are Windows ones there).
# Its stdout goes to $work/out, its stderr to $work/err; fails on a non-zero exit, a panic, an
# OS error number or a backup that was not made. Adds its time to wine_ms.
wine_ms=0
wine_runs=0
win() {
  local t0; t0=$(date +%s%N)
  wine_runs=$(( wine_runs + 1 ))
  (cd "$work/win" && "$wine" "$work/bin/agendapack.exe" "$@" >"$work/out" 2>"$work/err") \
    || { cat "$work/err" >&2; fail "agendapack.exe $* failed"; }
  wine_ms=$(( wine_ms + ($(date +%s%N) - t0) / 1000000 ))
  if grep -q -e panicked -e "os error" -e "backup was not made" "$work/err"; then
    cat "$work/err" >&2; fail "agendapack.exe $* reported a fault"
  fi
}
lin() {
  (cd "$work/lin" && "$linux" "$@" >"$work/out" 2>"$work/err") || { cat "$work/err" >&2; fail "agendapack $* failed"; }
}
same() { cmp -s "$1" "$2" || fail "$3: $1 and $2 differ"; }
# True when no file matches the glob.
none() { ! compgen -G "$1" >/dev/null; }

# --- a database, the daily backup, the demo pack ------------------------------------------------
win --db win.db init --demo
# Today's name comes from the Windows clock; any date will do (no race at midnight).
none "$work/win/backups/win-????-??-??.db" && fail "no daily backup in backups\\ (found: $(ls -a "$work/win/backups" 2>&1))"
none "$work/win/backups/.*partial" || fail "a temporary backup file was left in backups\\"
lin --db lin.db init --demo
for edition in public full; do
  win --db win.db build --edition "$edition" --out "pack-$edition.pdf"
  lin --db lin.db build --edition "$edition" --out "pack-$edition.pdf"
  same "$work/win/pack-$edition.pdf" "$work/lin/pack-$edition.pdf" "the $edition demo pack"
done
# Again, over the existing file, to an absolute Windows path: replaced by rename.
win --db win.db build --edition full --out "$(winpath "$work/win/pack-full.pdf")"
same "$work/win/pack-full.pdf" "$work/lin/pack-full.pdf" "the rebuilt full pack"
none "$work/win/.*.part" || fail "a temporary file was left beside the pack"
say "the demo pack is byte-identical to the Linux build's (public and full)"

# --- export and import (line endings: the same bytes as on Linux) ------------------------------
win --db win.db export --meeting 1 --out meeting.json
lin --db lin.db export --meeting 1 --out meeting.json
same "$work/win/meeting.json" "$work/lin/meeting.json" "the export file"
win --db win.db export --meeting 1
cp "$work/out" "$work/win/stdout.json"
lin --db lin.db export --meeting 1
same "$work/win/stdout.json" "$work/out" "the export on stdout"
# An export saved with Windows line endings (as Notepad may) imports the same.
sed 's/$/\r/' "$work/lin/meeting.json" >"$work/win/crlf.json"
win --db imported.db import crlf.json
win --db imported.db export --meeting 1 --out reexport.json
same "$work/win/reexport.json" "$work/lin/meeting.json" "an import of a CRLF export, exported again"

# --- deadlines ---------------------------------------------------------------------------------
win --db win.db deadlines --meeting 1 --today 2020-11-20 --json --ics deadlines.ics
cp "$work/out" "$work/win/deadlines.json"
lin --db lin.db deadlines --meeting 1 --today 2020-11-20 --json --ics deadlines.ics
same "$work/win/deadlines.json" "$work/out" "deadlines --json"
same "$work/win/deadlines.ics" "$work/lin/deadlines.ics" "the deadlines .ics"
win --db win.db deadlines --date 2026-12-29 --nation england
cp "$work/out" "$work/win/date.txt"
lin --db lin.db deadlines --date 2026-12-29 --nation england
same "$work/win/date.txt" "$work/out" "deadlines --date"

# --- backup and restore ------------------------------------------------------------------------
win --db win.db backup --out saved.db
win --db win.db backup --out saved.db   # over the existing file
win --db win.db meetings --json
cp "$work/out" "$work/win/meetings-before.json"
win --db imported.db restore '..\win\saved.db'   # win.db's backup over imported.db, a Windows path
win --db imported.db meetings --json
same "$work/win/meetings-before.json" "$work/out" "the meetings after restore"
none "$work/win/backups/imported-before-restore-????-??-??.db" && fail "restore kept no copy of what it replaced"

# --- the audit trail names the Windows user (USERNAME) -----------------------------------------
# Wine makes USERNAME from the host's USER (and then finds no profile folder for a made-up one),
# so which variable wins is proved by the unit test of audit::user_name; here, that the name
# the audit records is Windows' USERNAME.
windows_user=$(cd "$work/win" && "$wine" cmd /c 'echo %USERNAME%' 2>/dev/null | tr -d '\r')
[ -n "$windows_user" ] || fail "Wine reports no USERNAME"
win --db win.db audit --meeting 1 --json
grep -q "\"$windows_user\"" "$work/out" || fail "the audit does not name the Windows user $windows_user"

# --- the default database lives in %APPDATA% ----------------------------------------------------
win meetings
appdata_db=$WINEPREFIX/drive_c/users/$windows_user/AppData/Roaming/AgendaPack/AgendaPack/data/agendapack.db
[ -f "$appdata_db" ] || fail "no default database at %APPDATA%\\AgendaPack\\AgendaPack\\data\\agendapack.db"

# --- a closed pipe ends the program quietly ----------------------------------------------------
# stdout is a FIFO whose only reader has been closed before the program starts, so every write
# meets a closed pipe (Wine reports ERROR_PIPE_NOT_CONNECTED): deterministic, unlike `| head`.
mkfifo "$work/fifo"
set +e
(
  cd "$work/win"
  exec 4<>"$work/fifo" 5>"$work/fifo"
  exec 4>&-
  "$wine" "$work/bin/agendapack.exe" --db win.db meetings >&5 2>"$work/err"
)
status=$?
set -e
[ "$status" -eq 0 ] || { cat "$work/err" >&2; fail "meetings into a closed pipe ended with $status"; }
grep -q -e panicked -e "os error" "$work/err" && { cat "$work/err" >&2; fail "meetings into a closed pipe printed an error"; }

say "Windows proof passed: cross-build ${build_seconds} s; agendapack.exe under Wine ${wine_ms} ms for $wine_runs runs; $(du -k "$exe_built" | cut -f1) KB .exe"
