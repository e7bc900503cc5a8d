#!/usr/bin/env bash
# Runs every test: Rust unit and integration tests (core, CLI, GDAL checks), UI unit tests, and
# end-to-end tests that drive the real release binary under Xvfb through WebDriver.
# Installs what is missing first. Screenshots and logs go to test-output/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
mkdir -p test-output
scripts/build.sh --e2e

echo "== Rust tests"
cargo test --release --workspace --features tianjin-atlas/custom-protocol,tianjin-atlas/e2e

echo "== UI unit tests"
npm run --silent test:ui

echo "== data integrity (atlas validate --data data)"
./target/release/atlas validate --data data

echo "== QGIS: the atlas opened by PyQGIS headless, default styles applied (tests/qgis/run.sh)"
tests/qgis/run.sh

echo "== end-to-end (real binary, Xvfb, tauri-driver + WebKitWebDriver)"
npm run --silent test:e2e
echo "== Debian package: build, install, upgrade, remove (tests/package/run.sh)" && tests/package/run.sh
echo "all tests passed"
