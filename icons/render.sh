#!/bin/sh
# Regenerate every raster icon from icon.svg (>= 48 px) and icon-small.svg (16-32 px).
# Needs: rsvg-convert (librsvg2-bin), ImageMagick `convert`; optional png2icns (icnsutils).
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
r() { rsvg-convert -w "$2" -h "$2" "$1" -o "$3"; }   # svg size out.png  (RGBA)

r icon-small.svg 32  32x32.png
r icon.svg       128 128x128.png
r icon.svg       256 128x128@2x.png
r icon.svg       512 icon.png

for s in 16 24 32; do r icon-small.svg $s "$tmp/$s.png"; done
for s in 48 64 128 256 512; do r icon.svg $s "$tmp/$s.png"; done
convert "$tmp/16.png" "$tmp/24.png" "$tmp/32.png" "$tmp/48.png" "$tmp/64.png" "$tmp/256.png" icon.ico

if command -v png2icns >/dev/null 2>&1; then
  png2icns icon.icns "$tmp/16.png" "$tmp/32.png" "$tmp/48.png" "$tmp/128.png" "$tmp/256.png" "$tmp/512.png" >/dev/null
else
  echo "png2icns not found (apt-get install icnsutils); icon.icns left unchanged" >&2
fi
