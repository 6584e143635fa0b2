#!/usr/bin/env bash
# Runs a command the way the e2e tests and screenshots need the desktop: a private D-Bus session with
# an unlocked gnome-keyring (the real Secret Service) and an Xvfb display at 1280x800x24.
# Usage: scripts/headless.sh CMD [ARGS...]
set -euo pipefail
if [ -z "${DINGBIND_HEADLESS_INNER:-}" ]; then
  export DINGBIND_HEADLESS_INNER=1
  exec dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi
# The keyring's files live in a folder of this session only: two sessions on one machine (a
# developer's run beside CI) must not share, and so overwrite, one keyring file.
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
# A throwaway password: this keyring lives only as long as this D-Bus session.
eval "$(printf 'dingbind' | HOME="$keyring_home" XDG_DATA_HOME="$keyring_home/share" \
  gnome-keyring-daemon --unlock --components=secrets | sed 's/^/export /')"
"$@"
