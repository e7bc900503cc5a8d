#!/usr/bin/env bash
# What each part of the Debian package weighs (figures for BENCHMARKS.md, not a test): the .deb,
# its large files installed, and each binary compressed alone with xz -9 (the package is one xz
# stream, so the two binaries' shared code is stored once there). Takes ~45 s of xz on 2 cores,
# which is why tests/package/run.sh does not do it.
#   tests/bench/package-size.sh [DEB]   (default: the one scripts/package.sh left)
set -euo pipefail
cd "$(dirname "$0")/../.."
deb=${1:-$(ls target/release/bundle/deb/*.deb | head -1)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "package $(basename "$deb"): $(stat -c %s "$deb") bytes"
dpkg-deb -c "$deb" | awk '$3 > 20000 { printf "  %10d  %s\n", $3, $6 }'
dpkg-deb -x "$deb" "$work"
for f in tianjin-atlas atlas; do echo "  xz -9 alone: $f $(xz -9c -T2 "$work/usr/bin/$f" | wc -c)"; done
