#!/usr/bin/env bash
# Runs the end-to-end journeys the way `cargo xtask test` should: builds the UI and the
# app in production mode, then, inside a private D-Bus session with a fresh
# gnome-keyring and a virtual X display, runs the journeys (tests/journeys, #[ignore]d
# in plain `cargo test` runs).
# Nothing touches your own keychain or screen. Extra arguments go to the test binary:
#   bash tests/e2e/scripts/run.sh                 # every journey
#   bash tests/e2e/scripts/run.sh tokens          # journeys whose name contains "tokens"
#   SAASIGNAL_E2E_NO_BUILD=1 bash tests/e2e/scripts/run.sh   # skip the two builds
set -euo pipefail
cd "$(dirname "$0")/../../.."
if [ -z "${SAASIGNAL_E2E_SESSION:-}" ]; then
  if [ -z "${SAASIGNAL_E2E_NO_BUILD:-}" ]; then
    (cd ui && npm run build)
    cargo build --locked --features saasignal-admin/custom-protocol --bin saasignal-admin
  fi
  if ! command -v tauri-driver >/dev/null && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]; then
    cargo install tauri-driver --version '^2' --locked
  fi
  exec env SAASIGNAL_E2E_SESSION=1 dbus-run-session -- \
    xvfb-run --auto-servernum --server-args='-screen 0 1440x900x24' bash "$0" "$@"
fi
home=$(mktemp -d /tmp/saasignal-e2e-keyring.XXXXXX)
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
# --workspace with the app's features: the same feature set (so the same compiled
# dependencies) as `cargo xtask test`'s other steps; --test picks the journeys alone.
cargo test --workspace --locked --features saasignal-admin/custom-protocol --test journeys \
  -- --ignored --test-threads=1 "$@"
