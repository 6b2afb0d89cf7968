#!/usr/bin/env bash
# The one release command (issue 20): builds the installers into dist/.
#   bash tests/release.sh [deb|windows|all]        (default: all)
#
#   dist/agendapack_<version>_amd64.deb      Debian 12 / Ubuntu: the desktop app and the command
#                                            line, a menu entry and the icon (dpkg-deb; its
#                                            Depends come from dpkg-shlibdeps)
#   dist/AgendaPack-<version>-setup.exe      Windows 10/11: per-user NSIS installer of the desktop
#                                            app (WebView2) and the command line, cross-built
#                                            for x86_64-pc-windows-gnu (see docs/windows.md)
#
# It installs what it needs if it is missing (WebKitGTK, Node, mingw-w64, NSIS, ImageMagick,
# the Rust Windows target) and builds the UI first (it is embedded at compile time). Release
# builds of the desktop feature are slow (about 17 min each on 2 idle cores), so CI does not run
# this; CI runs the Windows proof of the command line (tests/windows.sh) instead.
# AGENDAPACK_PROFILE=dev packages dev-profile binaries instead (a quick check of the packaging
# alone, never for users). tests/install-check.sh installs and starts what this built.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
what=${1:-all}
case "$what" in deb | windows | all) ;; *) echo "usage: bash tests/release.sh [deb|windows|all]" >&2; exit 2 ;; esac
profile=${AGENDAPACK_PROFILE:-release}
case "$profile" in release) profile_dir=release ;; dev) profile_dir=debug ;; *) echo "AGENDAPACK_PROFILE is release or dev" >&2; exit 2 ;; esac
target_dir=${CARGO_TARGET_DIR:-$root/target}
version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
win_target=x86_64-pc-windows-gnu
say() { echo "tests/release.sh: $*"; }
mkdir -p dist

# --- what the builds need ------------------------------------------------------------------------
packages=(imagemagick)
# make builds jemalloc, the Linux build's allocator.
[ "$what" = windows ] || packages+=(libwebkit2gtk-4.1-dev dpkg-dev make)
[ "$what" = deb ] || packages+=(gcc-mingw-w64-x86-64 nsis)
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
source tests/lib/packages.sh
ensure_packages tests/release.sh "${packages[@]}"

# The UI is embedded at compile time. Its packages are installed exactly from the lock file
# unless they already are (npm ci would remove them under a running test).
(cd ui && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run build)
stage=$(mktemp -d)
trap 'rm -rf "$stage"; rm -f "$root/src-tauri/icons/icon.ico"' EXIT

# --- Debian ------------------------------------------------------------------------------------
if [ "$what" != windows ]; then
  cargo build --locked --profile "$profile" -p agendapack --bin agendapack
  cargo build --locked --profile "$profile" -p agendapack --features desktop --bin agendapack-desktop
  deb=$stage/deb
  install -d "$deb/DEBIAN" "$deb/usr/bin" "$deb/usr/share/applications" \
    "$deb/usr/share/icons/hicolor/256x256/apps" "$deb/usr/share/doc/agendapack"
  for bin in agendapack agendapack-desktop; do
    strip -o "$deb/usr/bin/$bin" "$target_dir/$profile_dir/$bin"
  done
  install -m 644 packaging/linux/agendapack.desktop "$deb/usr/share/applications/agendapack.desktop"
  install -m 644 src-tauri/icons/icon.png "$deb/usr/share/icons/hicolor/256x256/apps/agendapack.png"
  printf 'AgendaPack\nLicense: MIT OR Apache-2.0\n' >"$deb/usr/share/doc/agendapack/copyright"
  # The shared libraries the two programs link (WebKitGTK, GTK, libc ...) as Depends.
  mkdir -p "$stage/shlibs/debian" && : >"$stage/shlibs/debian/control"
  depends=$(cd "$stage/shlibs" && dpkg-shlibdeps -O "$deb/usr/bin/agendapack-desktop" "$deb/usr/bin/agendapack" 2>/dev/null \
    | sed -n 's/^shlibs:Depends=//p')
  [ -n "$depends" ] || { echo "tests/release.sh: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
  size_kb=$(du -sk "$deb/usr" | cut -f1)
  cat >"$deb/DEBIAN/control" <<EOF
Package: agendapack
Version: $version
Architecture: amd64
Maintainer: AgendaPack <maintainers@agendapack.invalid>
Installed-Size: $size_kb
Depends: $depends
Section: office
Priority: optional
Homepage: https://agendapack.invalid/
Description: committee agenda packs for councils, as PDF
 AgendaPack keeps a council's committees, meetings, agendas, reports and minutes in
 one local SQLite database and builds the paginated, tagged PDF agenda pack (public
 and full editions). The desktop app is agendapack-desktop (in the applications
 menu); agendapack is the command line.
EOF
  out=dist/agendapack_${version}_amd64.deb
  dpkg-deb --root-owner-group -Zxz --build "$deb" "$out" >/dev/null
  say "built $out ($(du -k "$out" | cut -f1) KB, profile $profile)"
fi

# --- Windows -----------------------------------------------------------------------------------
if [ "$what" != deb ]; then
  rustup target list --installed | grep -qx "$win_target" || rustup target add "$win_target"
  # tauri-build puts a Windows icon resource into the .exe and wants it as icons/icon.ico; it is
  # made from the one committed icon here and removed afterwards.
  convert src-tauri/icons/icon.png -define icon:auto-resize=256,48,32,16 src-tauri/icons/icon.ico
  cargo build --locked --profile "$profile" --target "$win_target" -p agendapack --bin agendapack
  cargo build --locked --profile "$profile" --target "$win_target" -p agendapack --features desktop --bin agendapack-desktop
  win=$stage/win
  mkdir -p "$win"
  for exe in agendapack agendapack-desktop; do
    x86_64-w64-mingw32-strip -o "$win/$exe.exe" "$target_dir/$win_target/$profile_dir/$exe.exe"
  done
  # The x86_64-pc-windows-gnu build loads WebView2 through Microsoft's loader DLL, which the
  # webview2-com-sys crate carries and its build script copies out; it goes beside the .exe.
  loader=$(ls -t "$target_dir/$win_target/$profile_dir"/build/webview2-com-sys-*/out/x64/WebView2Loader.dll | head -1)
  cp "$loader" "$win/WebView2Loader.dll"
  cp src-tauri/icons/icon.ico "$win/agendapack.ico"
  out=$root/dist/AgendaPack-$version-setup.exe
  makensis -V2 -DVERSION="$version" -DSTAGE="$win" -DOUTFILE="$out" -DDESKTOP packaging/windows/agendapack.nsi
  say "built dist/AgendaPack-$version-setup.exe ($(du -k "$out" | cut -f1) KB, profile $profile)"
fi
