#!/usr/bin/env bash
# The atlas in QGIS: builds a default atlas with the CLI, imports an own layer, checks the file
# with GDAL (opens with no warning) and with PyQGIS (tests/qgis/check_atlas.py: layers valid with
# their fields and counts, the atlas's default styles applied, colours as the atlas's rules say),
# and checks that the check can fail: a copy with one category's colour changed in the points'
# style must be caught. Needs python3-qgis, gdal-bin, sqlite3 and target/release/atlas
# (scripts/build.sh). The map QGIS drew is test-output/qgis/atlas.png: look at it.
set -euo pipefail
cd "$(dirname "$0")/../.."
atlas=target/release/atlas
out=test-output/qgis
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
export QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$work"

"$atlas" build --out "$work/atlas.gpkg" >/dev/null
"$atlas" --db "$work/atlas.gpkg" import tests/qgis/parcels.geojson >/dev/null

warnings=$(ogrinfo -ro -so -al "$work/atlas.gpkg" 2>&1 >/dev/null || true)
if [ -n "$warnings" ]; then
  echo "qgis: ogrinfo says: $warnings" >&2
  exit 1
fi

/usr/bin/python3 tests/qgis/check_atlas.py "$work/atlas.gpkg" "$out/atlas.png"

# A wrong colour is caught: the stroke of the first point's category, replaced in the style.
cp "$work/atlas.gpkg" "$work/tampered.gpkg"
stroke=$(sqlite3 "$work/tampered.gpkg" \
  "SELECT stroke FROM plan_categories WHERE id = (SELECT category FROM plan_points ORDER BY fid LIMIT 1)")
rgb=$(printf '%d,%d,%d,' "0x${stroke:1:2}" "0x${stroke:3:2}" "0x${stroke:5:2}")
sqlite3 "$work/tampered.gpkg" \
  "UPDATE layer_styles SET styleQML = replace(styleQML, '$rgb', '1,2,3,') WHERE f_table_name = 'plan_points'"
if /usr/bin/python3 tests/qgis/check_atlas.py "$work/tampered.gpkg" "$work/tampered.png" 2>"$work/caught.txt" >/dev/null; then
  echo "qgis: a style with a wrong colour ($stroke → #010203 in plan_points) passed the check" >&2
  exit 1
fi
grep -q "want the category's $stroke" "$work/caught.txt" || { cat "$work/caught.txt" >&2; exit 1; }
echo "qgis: a wrong colour in a style is caught ($(wc -l <"$work/caught.txt") fault(s) reported)"
