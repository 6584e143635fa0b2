#!/usr/bin/env bash
# Runs a Windows exe built here under Debian's wine, for tests and benchmarks only.
#   scripts/wine.sh [--dir DIR] path/to/prog.exe [args...]
# The exe is copied into a scratch folder (default target/wine/run/<name>/, or DIR) together with
# any DLL beside it (e.g. WebView2Loader.dll) and the test-only ProcessPrng shim
# (tests/wine/processprng.c, built here with mingw): Rust's std calls ProcessPrng from
# bcryptprimitives.dll, which wine 8 lacks. The shim never goes near target/*/release or dist/.
# The wine prefix is kept in target/wine/prefix (created once, ~20 s), or $WINEPREFIX if set.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
wine_dir="${DINGBIND_WINE_DIR:-$root/target/wine}"
run_dir=""
if [ "${1:-}" = "--dir" ]; then run_dir="$2"; shift 2; fi
exe="${1:?usage: scripts/wine.sh [--dir DIR] prog.exe [args...]}"
shift
[ -f "$exe" ] || { echo "wine.sh: no such exe: $exe" >&2; exit 2; }
wine=/usr/lib/wine/wine64
[ -x "$wine" ] || { echo "wine.sh: $wine not found (apt-get install wine wine64; scripts/setup.sh --windows)" >&2; exit 2; }

# The shim, rebuilt when its source changes.
shim="$wine_dir/shim/bcryptprimitives.dll"
src="$root/tests/wine/processprng.c"
if [ ! -f "$shim" ] || [ "$src" -nt "$shim" ]; then
  mkdir -p "$wine_dir/shim"
  printf 'LIBRARY bcryptprimitives.dll\nEXPORTS\nProcessPrng\n' > "$wine_dir/shim/processprng.def"
  x86_64-w64-mingw32-gcc -shared -O2 -o "$shim.tmp" "$src" "$wine_dir/shim/processprng.def" -Wl,--kill-at
  mv "$shim.tmp" "$shim"
fi

name="$(basename "$exe" .exe)"
run_dir="${run_dir:-$wine_dir/run/$name}"
mkdir -p "$run_dir"
cp -f "$exe" "$run_dir/"
for dll in "$(dirname "$exe")"/*.dll; do [ -f "$dll" ] && cp -f "$dll" "$run_dir/"; done
cp -f "$shim" "$run_dir/"

export WINEPREFIX="${WINEPREFIX:-$wine_dir/prefix}"
export WINEDEBUG="${WINEDEBUG:--all}"
export WINEARCH=win64
# Our shim first, wine's builtin for everything else; no Mono/Gecko prompts.
export WINEDLLOVERRIDES="bcryptprimitives=n,b;mscoree=;mshtml=${WINEDLLOVERRIDES:+;$WINEDLLOVERRIDES}"
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  mkdir -p "$WINEPREFIX"
  "$wine" wineboot --init >/dev/null 2>&1 || true
  /usr/lib/wine/wineserver -w 2>/dev/null || true
fi
exec "$wine" "$run_dir/$(basename "$exe")" "$@"
