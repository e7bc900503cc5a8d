// End-to-end: what script running in the page (an XSS, a compromised dependency) can no longer
// do to the user's files, tried in the real app against its real IPC. Paths come only from the
// shell's own dialogs; the page cannot navigate away or open windows; a file from a newer
// version is shown read-only and left byte for byte.

import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pageInvoke, ROOT, shot, useApp } from "./harness.mjs";

describe("the page cannot reach the user's files", () => {
  const run = useApp();

  it("refuses exports and imports of paths the user never chose", async () => {
    const b = run.app.browser;
    const bashrc = join(run.app.dataDir, ".bashrc");
    writeFileSync(bashrc, "# the user's shell setup\n");
    for (const [command, args] of [
      ["export_geopackage", { path: bashrc }],
      ["export_plan_geojson", { path: bashrc }],
      ["export_zones_csv", { path: join(run.app.dataDir, "x.csv") }],
      ["export_layer_geojson", { layerId: "layer-1", ids: null, path: bashrc }],
      ["export_sheet_file", { job: { subject: { kind: "named", value: "tianjin" }, format: "slide", lang: "zh", title: null, layers: null, highlight: null }, path: join(run.app.dataDir, "m.pdf") }],
    ]) {
      const r = await pageInvoke(b, command, args);
      assert.equal(r.ok, false, `${command} must be refused`);
      assert.equal(r.failure.kind, "path_not_chosen", `${command}: ${JSON.stringify(r.failure)}`);
    }
    assert.equal(readFileSync(bashrc, "utf8"), "# the user's shell setup\n", "~/.bashrc is untouched");
    assert.ok(!existsSync(join(run.app.dataDir, "x.csv")) && !existsSync(join(run.app.dataDir, "m.pdf")));

    for (const [command, args] of [
      ["import_file", { path: "/etc/passwd", options: { layer_name: null, datum: "wgs84", lon_column: null, lat_column: null, gpkg_layers: null } }],
      ["gpkg_layers", { path: "/etc/passwd" }],
    ]) {
      const r = await pageInvoke(b, command, args);
      assert.equal(r.ok, false, `${command} must be refused`);
      assert.equal(r.failure.kind, "path_not_chosen", `${command}: ${JSON.stringify(r.failure)}`);
      assert.ok(!String(r.failure.message).includes("root:"), "no content of the file comes back");
    }
  });

  it("lets a chosen export path be written once, with the kind's extension", async () => {
    const b = run.app.browser;
    const target = join(run.app.dataDir, "plan-export");
    await b.execute((p) => window.atlasTest.answerNextDialog([p]), target);
    const chosen = await pageInvoke(b, "choose_export_path", { kind: "geojson", suggestedName: "x", title: "t" });
    assert.equal(chosen.ok, true, JSON.stringify(chosen));
    assert.ok(chosen.value.endsWith("plan-export.geojson"), chosen.value);
    const first = await pageInvoke(b, "export_plan_geojson", { path: chosen.value });
    assert.equal(first.ok, true, JSON.stringify(first));
    assert.ok(JSON.parse(readFileSync(chosen.value, "utf8")).features.length > 50);
    const again = await pageInvoke(b, "export_plan_geojson", { path: chosen.value });
    assert.equal(again.ok, false, "a chosen path is good for one write");
    const asCsv = await pageInvoke(b, "export_zones_csv", { path: chosen.value });
    assert.equal(asCsv.ok, false);
  });

  it("cannot navigate away, open windows or use the dialog plugin for paths", async () => {
    const b = run.app.browser;
    const before = await b.execute(() => location.href);
    await b.execute(() => {
      location.href = "https://example.com/";
    });
    await b.pause(500);
    await b.execute(() => {
      location.href = "file:///etc/passwd";
    });
    await b.pause(500);
    assert.equal(await b.execute(() => location.href), before, "the navigation guard keeps the app's page");
    const win = await pageInvoke(b, "plugin:webview|create_webview_window", { options: { label: "evil", url: "https://example.com/" } });
    assert.equal(win.ok, false, "the page may not create windows");
    const open = await pageInvoke(b, "plugin:dialog|open", { options: {} });
    assert.equal(open.ok, false, "the page may not open file dialogs itself");
    const limits = await pageInvoke(b, "import_file", { path: "/nope", options: { datum: "wgs84", limits: { max_bytes: 1e15 } } });
    assert.equal(limits.ok, false);
    await shot(b, "50-security-still-home");
  });
});

describe("a file from a newer version", () => {
  let dataDir;
  let before_;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), "atlas-e2e-newer-"));
    const path = join(dataDir, "atlas.gpkg");
    execFileSync(join(ROOT, "target/release/atlas"), ["build", "--out", path, "--data", join(ROOT, "data")]);
    execFileSync("sqlite3", [path, "UPDATE atlas_meta SET value = '99' WHERE key = 'schema_version'"]);
    before_ = createHash("sha256").update(readFileSync(path)).digest("hex");
  });
  const run = useApp(() => ({ dataDir }));

  it("is shown read-only with the reason and left byte for byte", async () => {
    const b = run.app.browser;
    const info = await pageInvoke(b, "atlas_info", {});
    assert.ok(info.ok);
    assert.match(String(info.value.read_only_reason), /newer version of the atlas.*update the atlas/);
    const note = await pageInvoke(b, "add_note", { kind: "element", id: "xinchuang-valley", text: "x" });
    assert.equal(note.ok, false, "nothing can be written");
    await shot(b, "51-newer-file-notice");
    await run.app.stop();
    run.app = null;
    const after_ = createHash("sha256").update(readFileSync(join(dataDir, "atlas.gpkg"))).digest("hex");
    assert.equal(after_, before_);
    assert.ok(!existsSync(join(dataDir, "backups")), "no backup, no migration");
  });
});
