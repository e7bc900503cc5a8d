#!/usr/bin/env bash
# Builds the UI bundle and the release binaries (app + CLI) with the UI embedded.
#   scripts/build.sh          what ships: no test hooks in the page, no scripted dialogs
#   scripts/build.sh --e2e    the test build: the page's window.atlasTest hooks (VITE_E2E=1) and
#                             dialogs the e2e tests answer (cargo feature tianjin-atlas/e2e)
# scripts/test.sh runs `cargo test` with the same feature set, so it reuses this build instead
# of compiling the dependency tree twice.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--e2e" ]; then
  npm run --silent build:ui:e2e
  cargo build --release --workspace --features tianjin-atlas/custom-protocol,tianjin-atlas/e2e
else
  npm run --silent build:ui
  cargo build --release --workspace --features tianjin-atlas/custom-protocol
fi
