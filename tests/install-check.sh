#!/usr/bin/env bash
# Installs and starts what tests/release.sh built into dist/ (issue 20):
#   bash tests/install-check.sh [deb|windows|all]      (default: all)
#
# deb:     apt-get install ./dist/agendapack_<version>_amd64.deb, lists its files (dpkg -c), runs
#          the installed command line, then starts the installed desktop app under a private Xvfb
#          on a fresh demo database, waits until the meetings list is painted (the app's
#          AGENDAPACK_READY_FILE hook) and saves a screenshot to dist/installed-deb-meetings.png.
#          The package stays installed (remove it with apt-get remove agendapack).
# windows: runs dist/AgendaPack-<version>-setup.exe silently (/S) under Wine in a temporary
#          prefix, checks the per-user install (%LOCALAPPDATA%\Programs\AgendaPack, the Start-menu
#          entry, the Apps entry in the registry), runs the installed agendapack.exe, and
#          uninstalls. The desktop app itself cannot start under Wine: Wine has no WebView2 runtime
#          (docs/windows.md).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
what=${1:-all}
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
say() { echo "tests/install-check.sh: $*"; }
fail() { echo "tests/install-check.sh: FAILED: $*" >&2; exit 1; }
source tests/desktop-e2e/display.sh
work=$(mktemp -d)
app_pid=
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  desktop_cleanup
  if [ -n "${WINEPREFIX:-}" ]; then /usr/lib/wine/wineserver -k 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

if [ "$what" != windows ]; then
  deb=$root/dist/agendapack_${version}_amd64.deb
  [ -f "$deb" ] || fail "$deb is not built (bash tests/release.sh deb)"
  say "dpkg -c $(basename "$deb") ($(du -k "$deb" | cut -f1) KB):"
  dpkg -c "$deb"
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq -o DPkg::Lock::Timeout=600 "$deb"
  for p in /usr/bin/agendapack /usr/bin/agendapack-desktop /usr/share/applications/agendapack.desktop; do
    [ -e "$p" ] || fail "$p was not installed"
  done
  /usr/bin/agendapack --db "$work/demo.db" init --demo >/dev/null
  /usr/bin/agendapack --db "$work/demo.db" meetings
  start_display "$work"
  AGENDAPACK_DB="$work/demo.db" AGENDAPACK_READY_FILE="$work/ready" /usr/bin/agendapack-desktop >"$work/app.log" 2>&1 &
  app_pid=$!
  wait_until 120 "the installed app to show the meetings list" test -s "$work/ready" || { cat "$work/app.log" >&2; exit 1; }
  import -window root "$root/dist/installed-deb-meetings.png"
  say "the installed desktop app shows the meetings list: dist/installed-deb-meetings.png"
fi

if [ "$what" != deb ]; then
  setup=$root/dist/AgendaPack-$version-setup.exe
  [ -f "$setup" ] || fail "$setup is not built (bash tests/release.sh windows)"
  export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
  wine=/usr/lib/wine/wine64
  (unset DISPLAY; "$wine" wineboot --init >"$work/wineboot.log" 2>&1)
  (unset DISPLAY; "$wine" "$setup" /S) || fail "the installer failed"
  /usr/lib/wine/wineserver -w
  user=$(unset DISPLAY; "$wine" cmd /c 'echo %USERNAME%' 2>/dev/null | tr -d '\r')
  home=$WINEPREFIX/drive_c/users/$user
  dir=$home/AppData/Local/Programs/AgendaPack
  say "installed in %LOCALAPPDATA%\\Programs\\AgendaPack:"
  ls -l "$dir"
  for f in agendapack.exe agendapack-desktop.exe WebView2Loader.dll agendapack.ico uninstall.exe; do
    [ -f "$dir/$f" ] || fail "$f was not installed"
  done
  [ -f "$home/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/AgendaPack.lnk" ] || fail "no Start-menu entry"
  /usr/lib/wine/wineserver -w   # the registry is saved when the server ends
  grep -q 'Uninstall\\\\AgendaPack\]' "$WINEPREFIX/user.reg" || fail "no entry in Settings > Apps (HKCU ...\\Uninstall\\AgendaPack)"
  # The installed command line runs (beside it, for Wine 8 only, the ProcessPrng shim of
  # tests/windows/bcryptprimitives.c).
  x86_64-w64-mingw32-gcc -shared -O2 -o "$dir/bcryptprimitives.dll" tests/windows/bcryptprimitives.c -ladvapi32
  (cd "$work" && unset DISPLAY && "$wine" "$dir/agendapack.exe" --db demo-win.db init --demo) || fail "the installed agendapack.exe did not run"
  rm "$dir/bcryptprimitives.dll"
  (unset DISPLAY; "$wine" "$dir/uninstall.exe" /S) || fail "the uninstaller failed"
  /usr/lib/wine/wineserver -w
  # NSIS's uninstaller copies itself to a temporary folder and runs from there; wait for it.
  wait_until 60 "the uninstaller to remove the program" test ! -e "$dir/agendapack.exe"
  [ ! -e "$home/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/AgendaPack.lnk" ] || fail "the uninstaller left the Start-menu entry"
  say "the Windows installer installs per user, with a Start-menu entry, and uninstalls"
fi
