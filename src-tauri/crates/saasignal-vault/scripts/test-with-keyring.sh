#!/usr/bin/env bash
# Runs this crate's tests against a real Secret Service without touching your own:
# a private D-Bus session (dbus-run-session) with a fresh gnome-keyring whose files
# live in a throwaway folder. Extra arguments go to `cargo test`.
#   bash src-tauri/crates/saasignal-vault/scripts/test-with-keyring.sh [-- --nocapture]
set -euo pipefail
cd "$(dirname "$0")/../../../.."
if [ -z "${SAASIGNAL_KEYRING_SESSION:-}" ]; then
  exec env SAASIGNAL_KEYRING_SESSION=1 dbus-run-session -- bash "$0" "$@"
fi
home=$(mktemp -d /tmp/saasignal-keyring.XXXXXX)
trap 'rm -rf "$home"' EXIT
mkdir -p "$home/data"
# The daemon alone gets the throwaway HOME; cargo keeps the real one (and its caches).
printf 'saasignal-test-keyring' | HOME="$home" XDG_DATA_HOME="$home/data" \
  gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
for _ in $(seq 1 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
    break
  fi
  sleep 0.05
done
cargo test -p saasignal-vault "$@"
