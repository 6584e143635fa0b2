#!/usr/bin/env bash
# The Windows app, cross-built here, under wine + an X display (the Makefile runs this under
# xvfb-run): it starts, reaches the WebView2 check (wine has no WebView2 runtime) and shows *our*
# notice, not Tauri's English box, in the user's Windows language:
#   zh  (LANG=zh_CN.UTF-8): title 钉钉绑定向导 · 缺少 WebView2 运行时; Tab, Enter presses 退出
#       (wine's task dialog ignores Esc); no browser opens
#   en  (LANG=C.UTF-8, i.e. en-US): title Dingbind · WebView2 runtime missing; Enter presses the
#       default button, "Download", which must hand Microsoft's bootstrapper link to the browser
# and in both cases the app exits with code 3 (EXIT_NO_WEBVIEW2, src-tauri/src/webview2.rs).
# The browser is a recorder script registered as wine's browser (HKCU\Software\Wine\WineBrowser),
# so the test sees the link the app asked Windows to open. Screenshots of both notices go to
# SHOTS (default test-output/screenshots/windows-webview2-missing-{zh,en}.png).
# Usage: tests/windows/app-under-wine.sh path/to/dingbind-app.exe [SHOTS]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
app="${1:?usage: tests/windows/app-under-wine.sh dingbind-app.exe [SHOTS]}"
shots="${2:-$root/test-output/screenshots}"
[ -n "${DISPLAY:-}" ] || { echo "app-under-wine: needs an X display (run under xvfb-run)" >&2; exit 2; }
# shellcheck source=tests/windows/env.sh
source "$root/tests/windows/env.sh"
wine_prefix_ready
mkdir -p "$shots"

# These strings are the app's (src-tauri/src/webview2.rs; a unit test there keeps them equal).
TITLE_ZH='钉钉绑定向导 · 缺少 WebView2 运行时'
TITLE_EN='Dingbind · WebView2 runtime missing'
BOOTSTRAPPER_URL='https://go.microsoft.com/fwlink/p/?LinkId=2124703'
EXIT_NO_WEBVIEW2=3

if ! locale -a 2>/dev/null | grep -ix 'zh_CN.utf8' >/dev/null; then
  echo "app-under-wine: the zh_CN.UTF-8 locale is missing (wine takes the Windows language from it): run scripts/setup.sh" >&2
  exit 1
fi

scratch="$(mktemp -d)"
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

# Wine's browser is our recorder: it writes the URL it is given and opens nothing.
recorder="$scratch/browser"
urls="$scratch/urls"
printf '#!/bin/sh\nprintf "%%s\\n" "$1" >> %q\n' "$urls" > "$recorder"
chmod +x "$recorder"
"$wine" reg add 'HKCU\Software\Wine\WineBrowser' /v Browsers /t REG_SZ /d "$recorder" /f >/dev/null

fail() { echo "app-under-wine [$lang]: $*" >&2; exit 1; }

# Waits for the app's notice window to be on screen; sets $id to its X id.
await_notice() {
  local deadline=$((SECONDS + 180))
  while :; do
    id="$(xdotool search --onlyvisible --name 'WebView2' 2>/dev/null | head -1 || true)"
    [ -n "$id" ] && return 0
    if ! kill -0 "$app_pid" 2>/dev/null; then
      wait "$app_pid" && rc=0 || rc=$?
      app_pid=""
      fail "the app exited (code $rc) without showing the WebView2 notice"
    fi
    [ $SECONDS -lt $deadline ] || fail "no WebView2 notice within 180 s"
    sleep 0.5
  done
}

# A screenshot once the screen has stopped changing (the dialog paints after it maps).
screenshot() {
  local file="$1" prev="" now deadline=$((SECONDS + 30))
  while :; do
    now="$(import -window root rgb:- | md5sum)"
    [ "$now" = "$prev" ] && break
    [ $SECONDS -lt $deadline ] || break
    prev="$now"
    sleep 0.5
  done
  import -window root "$file"
}

# Waits for the app to exit; sets $rc to its exit code.
await_exit() {
  local deadline=$((SECONDS + 60))
  while kill -0 "$app_pid" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || fail "the app did not exit within 60 s after the notice was answered"
    sleep 0.2
  done
  wait "$app_pid" && rc=0 || rc=$?
  app_pid=""
}

for lang in zh en; do
  case "$lang" in
    zh) locale=zh_CN.UTF-8 title="$TITLE_ZH" keys="Tab Return" ;;
    en) locale=C.UTF-8 title="$TITLE_EN" keys="Return" ;;
  esac
  : > "$urls"
  LANG="$locale" LC_ALL="$locale" "$root/scripts/wine.sh" --dir "$wine_dir/run/app-under-wine" "$app" &
  app_pid=$!
  await_notice
  seen="$(LC_ALL=C.UTF-8 xdotool getwindowname "$id")"
  [ "$seen" = "$title" ] || fail "the notice's title is '$seen', expected '$title'"
  shot="$shots/windows-webview2-missing-$lang.png"
  screenshot "$shot"
  # Keyboard focus to the notice (there is no window manager), then answer it.
  # shellcheck disable=SC2086 # one key name per word
  timeout 30 xdotool windowfocus --sync "$id" key --delay 200 $keys || fail "could not focus the notice and press $keys"
  await_exit
  [ "$rc" = "$EXIT_NO_WEBVIEW2" ] || fail "exit code $rc, expected $EXIT_NO_WEBVIEW2"
  if [ "$lang" = en ]; then
    deadline=$((SECONDS + 30))
    until grep -qxF "$BOOTSTRAPPER_URL" "$urls"; do
      [ $SECONDS -lt $deadline ] || fail "Download did not open $BOOTSTRAPPER_URL (browser got: $(cat "$urls"))"
      sleep 0.2
    done
  else
    "$wineserver" -w
    [ ! -s "$urls" ] || fail "closing the notice opened a browser: $(cat "$urls")"
  fi
  echo "app-under-wine [$lang]: notice '$title' shown, answered with $keys, exit $rc; screenshot $shot"
done
"$wine" reg delete 'HKCU\Software\Wine\WineBrowser' /v Browsers /f >/dev/null
"$wineserver" -w
