#!/usr/bin/env bash
# Builds the Debian package: target/release/bundle/deb/tianjin-innovation-atlas_<version>_amd64.deb
# with the app (/usr/bin/tianjin-atlas), the `atlas` command, a menu entry with icons, man pages
# and bash/zsh completions generated from the CLI's definition, copyright and changelog.
#
# What ships is built here without test hooks: the plain UI bundle (no window.atlasTest) and the
# app without the e2e feature, with the feature set of scripts/build.sh, so it reuses that build.
#   PACKAGE_VERSION=0.1.1   the package's version (default: the workspace's); the upgrade test
#                           builds a second package with it
#   PACKAGE_FAST=1          gzip -1 instead of xz -9 (45 s on 2 cores): only for a package that is
#                           installed by a test and never shipped (the upgrade test's second one)
# Tauri's bundler is @tauri-apps/cli from npm (pinned in package-lock.json): the same CLI that
# `cargo install tauri-cli` compiles from ~600 crates (10+ minutes on 2 cores), prebuilt. It
# writes gzip only; the package is recompressed with xz, Debian's default, to fit in 12 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

npm run --silent build:ui
if grep -rq atlasTest ui/dist; then
  echo "package: ui/dist carries the e2e test hooks (atlasTest); the package must not" >&2
  exit 1
fi
# Only what the package needs: the app, the CLI, and atlas-dev for cli-docs (not the workspace's
# benchmarks). Cargo resolves the same features for these three as for --workspace (checked with
# `cargo tree -e features`), so every dependency is shared with scripts/build.sh's build.
cargo build --release -p tianjin-atlas -p atlas-cli -p atlas-dev --features tianjin-atlas/custom-protocol

# Generated, never hand-written: man pages and completions from the clap definition.
out=target/package
rm -rf "$out" && mkdir -p "$out"
./target/release/atlas-dev cli-docs --out "$out" >/dev/null
gzip -9n "$out"/man1/*.1
gzip -9nc packaging/changelog >"$out/changelog.gz"
# Debug symbols stay out of the package (they are a third of the binaries). The bundler patches
# the app binary in place too; cargo still counts the build as fresh.
strip --strip-unneeded target/release/tianjin-atlas target/release/atlas

version=${PACKAGE_VERSION:-$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)}
# The C library the binaries need, from the newest GLIBC_ symbol version they import.
glibc=$(objdump -T target/release/tianjin-atlas target/release/atlas | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)

# The bundler reads its config beside the app's Cargo.toml (see packaging/bundle-config.mjs).
bundle_config=src-tauri/tauri.conf.json
stage=$out/stage
trap 'rm -f "$bundle_config"' EXIT
node packaging/bundle-config.mjs "$bundle_config" "$version" "libc6 (>= $glibc)"
rm -rf target/release/bundle/deb
TAURI_APP_PATH=src-tauri npx --no-install tauri bundle --bundles deb >"$out/bundler.log" 2>&1 || {
  cat "$out/bundler.log" >&2
  exit 1
}
rm -f "$bundle_config"

# Repack: the menu entry under the app's id (the bundler names it after the product, with
# spaces), checksums for the renamed file, xz instead of gzip.
built=$(ls target/release/bundle/deb/*.deb)
deb=target/release/bundle/deb/tianjin-innovation-atlas_${version}_amd64.deb
dpkg-deb -R "$built" "$stage"
mv "$stage/usr/share/applications/"*.desktop "$stage/usr/share/applications/cn.tianjin.innovation-atlas.desktop"
(cd "$stage" && find usr -type f -print0 | sort -z | xargs -0 md5sum) >"$stage/DEBIAN/md5sums"
rm -f "$built"
rm -rf target/release/bundle/deb/*/
compression=(-Zxz -z9)
[ "${PACKAGE_FAST:-}" = 1 ] && compression=(-Zgzip -z1)
dpkg-deb --root-owner-group "${compression[@]}" --build "$stage" "$deb" >/dev/null
rm -rf "$stage"
echo "$deb"
