// Writes the configuration Tauri's bundler reads, for scripts/package.sh.
//
// The app's tauri.conf.json sits at the repository root, beside a workspace Cargo.toml without a
// [package]; the bundler insists that its config file sits beside the app's own Cargo.toml
// (src-tauri/). So the root config is copied there for the bundler's run, with its relative
// paths rebased onto src-tauri/ and the package version set. scripts/package.sh removes it after.
//   node packaging/bundle-config.mjs OUT VERSION [DEPENDS…]   (DEPENDS are added to bundle > linux > deb > depends)
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const [out, version, ...depends] = process.argv.slice(2);
const config = JSON.parse(readFileSync(join(root, "tauri.conf.json"), "utf8"));
const rebase = (p) => (isAbsolute(p) ? p : relative(dirname(resolve(out)), join(root, p)));

config.version = version;
config.build.frontendDist = rebase(config.build.frontendDist);
config.bundle.icon = config.bundle.icon.map(rebase);
const deb = config.bundle.linux.deb;
deb.desktopTemplate = rebase(deb.desktopTemplate);
deb.depends = [...depends, ...deb.depends];
deb.files = Object.fromEntries(Object.entries(deb.files).map(([to, from]) => [to, rebase(from)]));
writeFileSync(out, JSON.stringify(config, null, 2) + "\n");
