#!/usr/bin/env bash
# Sizes for `make bench` (docs/benchmarks.md): the release app and CLI as built and stripped (a
# stripped copy; the build is left alone), the empty Tauri baseline, and whatever release files
# exist: the Windows installer, zip and exes (`make windows`/`make dist`), the .deb (`make dist`).
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

echo "Sizes (1 MB = 10^6 B)"
for pair in "dingbind-app:app:15" "dingbind:CLI:8" "empty-tauri:empty Tauri app (baseline):"; do
  IFS=: read -r bin label goal <<<"$pair"
  f="$target/release/$bin"
  if [ ! -f "$f" ]; then
    echo "  $label: $f is not built"
    continue
  fi
  row "$label, release" "$f"
  cp "$f" "$tmp/$bin" && strip "$tmp/$bin"
  row "$label, stripped" "$tmp/$bin" "$goal"
done
for f in "$target"/windows-out/*-setup.exe "$target"/windows-out/*-portable.zip \
  "$target"/dist-windows/x86_64-pc-windows-gnu/Dingbind/*.exe \
  "$root"/dist/*.exe "$root"/dist/*.zip "$root"/dist/*.deb "$target"/release/bundle/deb/*.deb; do
  [ -f "$f" ] && row "$(realpath --relative-to="$root" "$f" 2>/dev/null || echo "$f")" "$f"
done
exit 0
