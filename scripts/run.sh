#!/usr/bin/env bash
# Builds (if needed) and starts the atlas on its embedded default data.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display; starting under a virtual X server (xvfb-run)"
  exec xvfb-run -a -s '-screen 0 1280x800x24' ./target/release/tianjin-atlas "$@"
fi
exec ./target/release/tianjin-atlas "$@"
