#!/usr/bin/env bash
# Sizes for `make bench` (docs/benchmarks.md): the app and CLI as built and stripped (a stripped
# copy; the build is left alone) in the release profile and in the size profile they ship with
# (`[profile.dist]`, which the targets are about), the empty Tauri baseline (release), and whatever
# release files exist: the Windows installer, zip and exes (`make windows`/`make dist`), the .deb
# (`make dist`).
# Usage: scripts/bench-sizes.sh [TARGET_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:-${CARGO_TARGET_DIR:-$root/target}}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'; }
row() { # label file [target in MB]
  local size
  size=$(stat -c %s "$2")
  if [ -n "${3:-}" ]; then
    local verdict="met"
    [ "$size" -le $(( $3 * 1000000 )) ] || verdict="NOT met"
    printf '  %-44s %12s B  %9s   (target ≤ %s MB: %s)\n' "$1" "$size" "$(mb "$size")" "$3" "$verdict"
  else
    printf '  %-44s %12s B  %9s\n' "$1" "$size" "$(mb "$size")"
  fi
}

echo "Sizes (1 MB = 10^6 B); the targets are for what ships: the dist profile, stripped"
for spec in "release:dingbind-app:app:" "release:dingbind:CLI:" \
  "release:empty-tauri:empty Tauri app (baseline):" "dist:dingbind-app:app:15" "dist:dingbind:CLI:8"; do
  IFS=: read -r profile bin label goal <<<"$spec"
  f="$target/$profile/$bin"
  if [ ! -f "$f" ]; then
    echo "  $label ($profile profile): $f is not built"
    continue
  fi
  row "$label, $profile profile" "$f"
  cp "$f" "$tmp/$bin" && strip "$tmp/$bin"
  row "$label, $profile profile, stripped" "$tmp/$bin" "$goal"
done
for f in "$target"/windows-out/*-setup.exe "$target"/windows-out/*-portable.zip \
  "$target"/dist-windows/x86_64-pc-windows-gnu/Dingbind/*.exe \
  "$root"/dist/*.exe "$root"/dist/*.zip "$root"/dist/*.deb "$target"/dist/bundle/deb/*.deb; do
  [ -f "$f" ] && row "$(realpath --relative-to="$root" "$f" 2>/dev/null || echo "$f")" "$f"
done
exit 0
