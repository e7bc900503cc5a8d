#!/usr/bin/env bash
# Builds the UI bundle and the release binaries (app + CLI) with the UI embedded.
# The same cargo feature set is used here and by scripts/test.sh, so the test run reuses
# this build instead of compiling the dependency tree twice.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build:ui
cargo build --release --workspace --features tianjin-atlas/custom-protocol
