; The Windows installer of AgendaPack (issue 20), compiled on Linux by Debian's makensis from
; tests/release.sh:
;   makensis -DVERSION=0.1.0 -DSTAGE=<folder with the files> -DOUTFILE=<setup.exe> agendapack.nsi
; Per-user: no administrator rights, installed into %LOCALAPPDATA%\Programs\AgendaPack, a
; Start-menu entry, an entry in Settings > Apps to uninstall. The database is not here: it lives
; in %APPDATA%\AgendaPack\AgendaPack\data and an uninstall leaves it (and its backups) alone.
;
; STAGE holds agendapack.exe (the command line), agendapack.ico and, with -DDESKTOP,
; agendapack-desktop.exe and the WebView2Loader.dll it needs beside it (x86_64-pc-windows-gnu
; links WebView2 dynamically). Without -DDESKTOP the installer carries the command line alone
; (used to prove the installer itself under Wine; not what users get).

; A 64-bit installer for the 64-bit program (Debian's nsis has the amd64 stubs); it also runs
; under Debian's wine64, which has no 32-bit half.
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef VERSION
  !error "pass -DVERSION=x.y.z"
!endif
!ifndef STAGE
  !error "pass -DSTAGE=folder"
!endif
!ifndef OUTFILE
  !error "pass -DOUTFILE=file.exe"
!endif

!define NAME "AgendaPack"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\AgendaPack"

Name "${NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\AgendaPack"
InstallDirRegKey HKCU "Software\AgendaPack" "InstallDir"
Icon "${STAGE}\agendapack.ico"
UninstallIcon "${STAGE}\agendapack.ico"
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${NAME}"
VIAddVersionKey "FileDescription" "AgendaPack installer"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "LegalCopyright" "MIT OR Apache-2.0"

!include "MUI2.nsh"
!define MUI_ICON "${STAGE}\agendapack.ico"
!define MUI_UNICON "${STAGE}\agendapack.ico"
!ifdef DESKTOP
  !define MUI_FINISHPAGE_RUN "$INSTDIR\agendapack-desktop.exe"
!endif
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "AgendaPack"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${STAGE}\agendapack.exe"
  File "${STAGE}\agendapack.ico"
!ifdef DESKTOP
  File "${STAGE}\agendapack-desktop.exe"
  File "${STAGE}\WebView2Loader.dll"
  CreateShortcut "$SMPROGRAMS\AgendaPack.lnk" "$INSTDIR\agendapack-desktop.exe" "" "$INSTDIR\agendapack.ico"
!endif
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "Software\AgendaPack" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "AgendaPack"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\agendapack.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\AgendaPack.lnk"
  Delete "$INSTDIR\agendapack-desktop.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\agendapack.exe"
  Delete "$INSTDIR\agendapack.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\AgendaPack"
SectionEnd
