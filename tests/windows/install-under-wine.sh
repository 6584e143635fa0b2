#!/usr/bin/env bash
# The Windows installer, installed and uninstalled silently under wine, as IT would deploy it:
#   1. a user whose PATH is a REG_EXPAND_SZ of more than 1024 characters (NSIS's string limit in
#      Debian's build) with a %USERPROFILE% entry and an empty one;
#   2. `setup.exe /S /ADDTOPATH` in Chinese: exactly the staged files in
#      %LOCALAPPDATA%\Programs\Dingbind (never the wine shim), 钉钉绑定向导.lnk in the Start menu
#      and on the desktop pointing at the app, the HKCU uninstall key (name, version, publisher,
#      icon, size, uninstall commands), the PATH grown by exactly our folder and still
#      REG_EXPAND_SZ; the installed CLI runs; installing again adds no second PATH entry;
#   3. `uninstall.exe /S`: the folder, the shortcuts and the key are gone, and PATH is byte for byte
#      what it was;
#   4. in English with /NODESKTOP: Dingbind.lnk in the Start menu only, removed again;
#   5. userpath.exe (the PATH helper) on its own: a Path that is not a string is left alone, a
#      missing one is created and removed again, a differently written entry for our folder counts.
# Usage: tests/windows/install-under-wine.sh SETUP_EXE STAGE_DIR USERPATH_EXE
#   (scripts/dist-windows.sh's outputs: STAGE_DIR is what the installer packs.)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
setup="$(realpath "${1:?usage: install-under-wine.sh SETUP_EXE STAGE_DIR USERPATH_EXE}")"
stage="$(realpath "${2:?STAGE_DIR}")"
userpath="$(realpath "${3:?USERPATH_EXE}")"
# shellcheck source=tests/windows/env.sh
source "$root/tests/windows/env.sh"
wine_prefix_ready
version="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$root/src-tauri/tauri.conf.json" | head -1)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
step="setup"
fail() { echo "install-under-wine [$step]: $*" >&2; exit 1; }

win_env() { LANG=C.UTF-8 "$wine" cmd /c "echo %$1%" | tr -d '\r'; }
local_appdata="$(win_env LOCALAPPDATA)"
install_dir="$local_appdata\\Programs\\Dingbind"
install_unix="$(wine_c "$install_dir")"
start_menu="$(wine_c "$(win_env APPDATA)\\Microsoft\\Windows\\Start Menu\\Programs")"
desktop="$(wine_c "$(win_env USERPROFILE)\\Desktop")"
key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Dingbind'

# value KEY NAME → "TYPE<TAB>VALUE", or nothing if the key or value is not there.
value() {
  rm -f "$scratch/export.reg"
  LANG=C.UTF-8 "$wine" reg export "$1" "$(winepath_of "$scratch/export.reg")" /y >/dev/null 2>&1 || return 0
  python3 "$root/tests/windows/regvalue.py" "$scratch/export.reg" "$2" || true
}
winepath_of() { printf 'Z:%s\n' "${1//\//\\}"; }
set_path() { LANG=C.UTF-8 "$wine" reg add 'HKCU\Environment' /v Path /t "$1" /d "$2" /f >/dev/null; }
run_wine() { # LANG, then the program and its arguments; waits for every process it started
  local lang="$1"; shift
  local rc=0
  LANG="$lang" LC_ALL="$lang" "$wine" "$@" || rc=$?
  "$wineserver" -w
  return "$rc"
}
lnk_target_ok() { # the shortcut exists and points at the installed app
  [ -f "$1" ] || fail "no shortcut $1"
  iconv -f UTF-16LE -t UTF-8 -c < "$1" | tr -d '\0' | grep -iF 'dingbind-app.exe' >/dev/null \
    || strings -a "$1" | grep -iF 'dingbind-app.exe' >/dev/null || fail "$1 does not point at dingbind-app.exe"
}
clean_slate() { # a previous run that failed half-way must not decide this one
  rm -rf "$install_unix"
  rm -f "$start_menu"/{钉钉绑定向导,Dingbind}.lnk "$desktop"/{钉钉绑定向导,Dingbind}.lnk
  LANG=C.UTF-8 "$wine" reg delete "$key" /f >/dev/null 2>&1 || true
}

# 1. A long PATH of the kind a developer has.
clean_slate
long="%USERPROFILE%\\bin;;$(for i in $(seq 1 90); do printf 'C:\\Tools\\tool-%03d\\bin;' "$i"; done)D:\\last"
[ ${#long} -gt 1024 ] || fail "the test PATH must exceed NSIS's 1024 characters"
set_path REG_EXPAND_SZ "$long"
before="$(value 'HKCU\Environment' Path)"
[ "$before" = "$(printf 'expand_sz\t%s' "$long")" ] || fail "could not set the test PATH"

# 2. Install, Chinese, with the PATH option.
step="install zh"
run_wine zh_CN.UTF-8 "$setup" /S /ADDTOPATH || fail "setup.exe /S exited with $?"
expected="$( (find "$stage" -mindepth 1 -maxdepth 1 -printf '%f\n' | grep -vx 'README.txt'; echo uninstall.exe) | sort | tr '\n' ' ')"
got="$(find "$install_unix" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort | tr '\n' ' ')"
[ "$got" = "$expected" ] || fail "installed [$got], expected [$expected]"
for f in "$stage"/*.exe "$stage"/*.dll; do
  [ -f "$f" ] || continue
  cmp -s "$f" "$install_unix/$(basename "$f")" || fail "$(basename "$f") differs from the staged one"
done
[ ! -e "$install_unix/bcryptprimitives.dll" ] || fail "the wine shim was installed"
lnk_target_ok "$start_menu/钉钉绑定向导.lnk"
lnk_target_ok "$desktop/钉钉绑定向导.lnk"
expect_value() { # KEY NAME "TYPE<TAB>VALUE"
  local got; got="$(value "$1" "$2")"
  [ "$got" = "$3" ] || fail "$2 is '$got', expected '$3'"
}
expect_value "$key" DisplayName "$(printf 'sz\t钉钉绑定向导 Dingbind')"
expect_value "$key" DisplayVersion "$(printf 'sz\t%s' "$version")"
expect_value "$key" Publisher "$(printf 'sz\tDingbind')"
expect_value "$key" DisplayIcon "$(printf 'sz\t%s\\dingbind-app.exe,0' "$install_dir")"
expect_value "$key" InstallLocation "$(printf 'sz\t%s' "$install_dir")"
expect_value "$key" UninstallString "$(printf 'sz\t"%s\\uninstall.exe"' "$install_dir")"
expect_value "$key" QuietUninstallString "$(printf 'sz\t"%s\\uninstall.exe" /S' "$install_dir")"
size_kb="$(value "$key" EstimatedSize | cut -f2)"
actual_kb=$(( $(du -sb "$install_unix" | cut -f1) / 1024 ))
[ -n "$size_kb" ] && [ "$size_kb" -ge $((actual_kb * 9 / 10)) ] && [ "$size_kb" -le $((actual_kb * 11 / 10 + 8)) ] \
  || fail "EstimatedSize is '$size_kb' KB, the folder holds $actual_kb KB"
expect_value 'HKCU\Environment' Path "$(printf 'expand_sz\t%s;%s' "$long" "$install_dir")"
out="$("$root/scripts/wine.sh" --dir "$wine_dir/run/installed-cli" "$install_unix/dingbind.exe" --version | tr -d '\r')" \
  || fail "the installed dingbind.exe --version failed"
[[ "$out" == *"$version"* ]] || fail "dingbind.exe --version says '$out'"

step="install again"
run_wine zh_CN.UTF-8 "$setup" /S /ADDTOPATH || fail "the second setup.exe /S exited with $?"
expect_value 'HKCU\Environment' Path "$(printf 'expand_sz\t%s;%s' "$long" "$install_dir")"

# 3. Uninstall: everything ours goes, PATH is as it was.
step="uninstall zh"
run_wine zh_CN.UTF-8 "$install_unix/uninstall.exe" /S || fail "uninstall.exe /S exited with $?"
[ ! -e "$install_unix" ] || fail "$install_unix is still there: $(ls "$install_unix")"
for l in "$start_menu/钉钉绑定向导.lnk" "$desktop/钉钉绑定向导.lnk"; do [ ! -e "$l" ] || fail "$l is still there"; done
[ -z "$(value "$key" DisplayName)" ] || fail "the uninstall key is still there"
[ "$(value 'HKCU\Environment' Path)" = "$before" ] || fail "PATH is not what it was: $(value 'HKCU\Environment' Path)"

# 4. English, no desktop shortcut, no PATH.
step="install en"
run_wine C.UTF-8 "$setup" /S /NODESKTOP || fail "setup.exe /S /NODESKTOP exited with $?"
lnk_target_ok "$start_menu/Dingbind.lnk"
[ ! -e "$desktop/Dingbind.lnk" ] || fail "/NODESKTOP still made a desktop shortcut"
[ "$(value 'HKCU\Environment' Path)" = "$before" ] || fail "PATH changed without /ADDTOPATH"
run_wine C.UTF-8 "$install_unix/uninstall.exe" /S || fail "uninstall.exe /S exited with $?"
[ ! -e "$install_unix" ] && [ ! -e "$start_menu/Dingbind.lnk" ] || fail "the English uninstall left files"

# 5. The PATH helper's edge cases.
step="userpath"
up() { local rc=0; LANG=C.UTF-8 "$wine" "$userpath" "$@" >/dev/null 2>&1 || rc=$?; echo "$rc"; }
LANG=C.UTF-8 "$wine" reg add 'HKCU\Environment' /v Path /t REG_DWORD /d 7 /f >/dev/null
[ "$(up add 'C:\Dingbind')" = 4 ] || fail "a REG_DWORD Path was not refused"
expect_value 'HKCU\Environment' Path "$(printf 'dword\t7')"
LANG=C.UTF-8 "$wine" reg delete 'HKCU\Environment' /v Path /f >/dev/null
[ "$(up add 'C:\Dingbind')" = 0 ] || fail "add to a missing Path failed"
expect_value 'HKCU\Environment' Path "$(printf 'expand_sz\tC:\\Dingbind')"
[ "$(up remove 'c:\dingbind\')" = 0 ] || fail "remove failed"
[ -z "$(value 'HKCU\Environment' Path)" ] || fail "removing our only entry left a Path value"
set_path REG_SZ 'C:\a;"%LOCALAPPDATA%\Programs\Dingbind\";C:\b'
[ "$(up has "$install_dir")" = 0 ] || fail "a quoted %LOCALAPPDATA% entry for our folder was not recognised"
[ "$(up add "$install_dir")" = 0 ] || fail "add failed"
expect_value 'HKCU\Environment' Path "$(printf 'sz\tC:\\a;"%%LOCALAPPDATA%%\\Programs\\Dingbind\\";C:\\b')"
[ "$(up remove "$install_dir")" = 0 ] || fail "remove failed"
expect_value 'HKCU\Environment' Path "$(printf 'sz\tC:\\a;C:\\b')"

set_path REG_EXPAND_SZ "$long"
echo "install-under-wine: install (zh, PATH), reinstall, uninstall, install (en, no desktop), uninstall and the PATH helper: all as expected"
