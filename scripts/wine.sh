#!/usr/bin/env bash
# Runs a Windows exe built here under Debian's wine, for tests and benchmarks only.
#   scripts/wine.sh [--dir DIR] path/to/prog.exe [args...]
# The exe is copied into a scratch folder (default target/wine/run/<name>/, or DIR) together with
# any DLL beside it (e.g. WebView2Loader.dll) and the test-only ProcessPrng shim
# (tests/wine/processprng.c, built here with mingw): Rust's std calls ProcessPrng from
# bcryptprimitives.dll, which wine 8 lacks. The shim never goes near target/*/release or dist/.
# The wine prefix is kept in target/wine/prefix (created once, ~20 s), or $WINEPREFIX if set.
# The environment reaches the Windows program as it is (paths in it must be Windows paths, e.g.
# Z:\tmp\x for /tmp/x); stdin, stdout, stderr and the exit code are the program's own.
# Safe to run many at once (the tests do): the shim, the prefix and the copy are made under a
# lock, and the copy is replaced only when the exe changed (never under a running program).
# The wineserver is kept for $DINGBIND_WINE_PERSIST seconds (default 15) after the last program
# ends, so a series of runs pays its ~1.5 s start once (`wineserver -k` with the same WINEPREFIX
# ends it at once).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
wine_dir="${DINGBIND_WINE_DIR:-$root/target/wine}"
run_dir=""
if [ "${1:-}" = "--dir" ]; then run_dir="$2"; shift 2; fi
exe="${1:?usage: scripts/wine.sh [--dir DIR] prog.exe [args...]}"
shift
[ -f "$exe" ] || { echo "wine.sh: no such exe: $exe" >&2; exit 2; }
wine=/usr/lib/wine/wine64
wineserver=/usr/lib/wine/wineserver
[ -x "$wine" ] || { echo "wine.sh: $wine not found (apt-get install wine wine64, or scripts/setup.sh)" >&2; exit 2; }

export WINEPREFIX="${WINEPREFIX:-$wine_dir/prefix}"
export WINEDEBUG="${WINEDEBUG:--all}"
export WINEARCH=win64
# Our shim first, wine's builtin for everything else; no Mono/Gecko prompts.
# winemenubuilder would write menu entries for the prefix into this machine's ~/.local.
export WINEDLLOVERRIDES="bcryptprimitives=n,b;mscoree=;mshtml=;winemenubuilder.exe=d${WINEDLLOVERRIDES:+;$WINEDLLOVERRIDES}"

name="$(basename "$exe" .exe)"
run_dir="${run_dir:-$wine_dir/run/$name}"
shim="$wine_dir/shim/bcryptprimitives.dll"
src="$root/tests/wine/processprng.c"

# Copies $1 into $2/ unless an identical file is there; a new version replaces the old by rename,
# so a program still running from the old file keeps its own copy.
place() {
  local dest
  dest="$2/$(basename "$1")"
  cmp -s "$1" "$dest" 2>/dev/null && return 0
  cp -f "$1" "$dest.tmp.$$"
  mv -f "$dest.tmp.$$" "$dest"
}

mkdir -p "$wine_dir" "$run_dir"
{
  flock 9
  # The shim, rebuilt when its source changes.
  if [ ! -f "$shim" ] || [ "$src" -nt "$shim" ]; then
    mkdir -p "$wine_dir/shim"
    printf 'LIBRARY bcryptprimitives.dll\nEXPORTS\nProcessPrng\n' > "$wine_dir/shim/processprng.def"
    x86_64-w64-mingw32-gcc -shared -O2 -o "$shim.tmp" "$src" "$wine_dir/shim/processprng.def" -Wl,--kill-at
    mv "$shim.tmp" "$shim"
  fi
  place "$exe" "$run_dir"
  for dll in "$(dirname "$exe")"/*.dll; do
    if [ -f "$dll" ]; then place "$dll" "$run_dir"; fi
  done
  place "$shim" "$run_dir"
  # The wineserver (kept ${DINGBIND_WINE_PERSIST:-15} s after the last program) and the prefix's
  # services are started here, detached from our stdin/stdout/stderr and from the lock (9>&-):
  # they outlive this run, and a program started with the caller's pipe would hold it open, so a
  # test reading the output to its end would wait for them. `wineserver -p` says 2 when one runs.
  mkdir -p "$WINEPREFIX"
  if "$wineserver" -p"${DINGBIND_WINE_PERSIST:-15}" </dev/null >/dev/null 2>&1 9>&-; then
    "$wine" wineboot --init </dev/null >/dev/null 2>&1 9>&- || true
  fi
} 9>"$wine_dir/.lock"

exec "$wine" "$run_dir/$(basename "$exe")" "$@"
