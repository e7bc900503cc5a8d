#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks for building, running and testing the atlas.
# Idempotent: installs only what is missing, so running it again costs a second or two.
#   scripts/setup.sh          build + run needs (system libraries, CJK fonts, npm packages)
#   scripts/setup.sh --test   also what the tests need (GDAL, poppler, Xvfb, WebDriver, tauri-driver)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential pkg-config libwebkit2gtk-4.1-dev fonts-noto-cjk xvfb xauth)
if [ "${1:-}" = "--test" ]; then
  packages+=(webkit2gtk-driver gdal-bin poppler-utils imagemagick sqlite3 lintian man-db)
  # PROJ's own tools (cs2cs, projinfo) check the atlas's coordinate systems (crates/atlas-core/tests/crs.rs);
  # zip packs Shapefile deliveries in tests/interop.rs.
  packages+=(proj-bin zip)
  # The team tests start a throwaway PostgreSQL 15 with PostGIS 3 (crates/atlas-team/tests).
  packages+=(postgresql-15-postgis-3)
  # PyQGIS opens the atlas headless and checks its layers and styles (tests/qgis/run.sh).
  packages+=(python3-qgis)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v cargo >/dev/null || { echo "setup: Rust (cargo) is needed: https://rustup.rs" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup: Node.js 20+ with npm is needed" >&2; exit 1; }

# npm packages from the lockfile; skipped when node_modules already matches it.
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.package-lock.json.stamp 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.package-lock.json.stamp
fi

if [ "${1:-}" = "--test" ] && ! command -v tauri-driver >/dev/null; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked --quiet
fi
