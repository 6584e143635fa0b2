# shellcheck shell=bash
# Sourced by the Windows tests under wine (app-under-wine.sh, install-under-wine.sh): one wine
# prefix of their own, whose home is a scratch folder, so the installer's desktop shortcut and
# wine's Desktop/Documents links never touch the real home, and no .desktop menu entries are made
# (winemenubuilder off). Created once (~20 s), kept in target/wine/ like scripts/wine.sh's.
# Needs $root (the repository). Exports WINEPREFIX, HOME, WINEDEBUG, WINEARCH, WINEDLLOVERRIDES,
# and defines $wine, wine_prefix_ready, wine_c (a C:\ path to its place under the prefix).
wine_dir="${DINGBIND_WINE_DIR:-$root/target/wine}"
export DINGBIND_WINE_DIR="$wine_dir"
export WINEPREFIX="$wine_dir/prefix-windows-tests"
export HOME="$wine_dir/home-windows-tests"
export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share" XDG_CACHE_HOME="$HOME/.cache"
export WINEDEBUG=-all WINEARCH=win64
export WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=;mshtml="
wine=/usr/lib/wine/wine64
wineserver=/usr/lib/wine/wineserver
mkdir -p "$HOME"

wine_prefix_ready() {
  [ -x "$wine" ] || { echo "no $wine: run scripts/setup.sh" >&2; return 1; }
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    echo "wine: creating the test prefix $WINEPREFIX"
    "$wine" wineboot --init >/dev/null 2>&1 || true
    "$wineserver" -w
  fi
}

# The Unix path of a path under the prefix's C: drive, e.g. wine_c 'C:\users' → .../drive_c/users.
wine_c() {
  local p="${1#[Cc]:}"
  printf '%s/drive_c%s\n' "$WINEPREFIX" "${p//\\//}"
}
