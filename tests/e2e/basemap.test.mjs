// End-to-end: a raster basemap from a bureau's offline tile package — an MBTiles file made
// here by GDAL from a generated raster over central Tianjin — added through the layer panel
// (the shell's file dialog answered by the test hook), drawn under the plan from tiles the core
// serves, its attribution listed, its opacity remembered in the atlas file; and a district's
// one-page brief exported from the district panel. Screenshots in both languages.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { shot, useApp } from "./harness.mjs";

/** A 512 px raster over 117.0–117.6 E, 38.8–39.3 N as MBTiles with lower zooms and an attribution. */
function tilePackage(dir) {
  const [w, h] = [512, 512];
  const header = Buffer.from(`P6 ${w} ${h} 255\n`);
  const pixels = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) pixels.set([x >> 1, y >> 1, 200], (y * w + x) * 3);
  writeFileSync(join(dir, "r.ppm"), Buffer.concat([header, pixels]));
  execFileSync("gdal_translate", ["-q", "-a_srs", "EPSG:4326", "-a_ullr", "117.0", "39.3", "117.6", "38.8", join(dir, "r.ppm"), join(dir, "r.tif")]);
  const out = join(dir, "bureau.mbtiles");
  execFileSync("gdal_translate", ["-q", "-of", "MBTILES", "-co", "NAME=测绘局街道图", join(dir, "r.tif"), out]);
  execFileSync("gdaladdo", ["-q", out, "2", "4", "8"]);
  execFileSync("sqlite3", [out, "INSERT INTO metadata (name, value) VALUES ('attribution', '© Survey Bureau 测绘局')"]);
  return out;
}

let app;
const db = () => join(app.dataDir, "atlas.gpkg");

describe("raster basemap and district brief", () => {
  useApp({}, (launched) => (app = launched));

  it("adds an MBTiles basemap under the plan, with its attribution and a remembered opacity", async () => {
    const b = app.browser;
    const tiles = tilePackage(mkdtempSync(join(tmpdir(), "atlas-tiles-")));
    await b.execute((p) => window.atlasTest.answerNextDialog([p]), tiles);
    await b.$(".add-basemap").click();
    await b.$("li[data-basemap]").waitForExist({ timeout: 10000, timeoutMsg: "the basemap is listed in the layer panel" });
    await b.waitUntil(async () => (await b.execute(() => document.querySelectorAll(".leaflet-raster-pane img[data-loaded]").length)) > 0, { timeout: 15000, timeoutMsg: "tiles are drawn from the package" });
    const row = await b.$("li[data-basemap]").getText();
    assert.match(row, /测绘局街道图/);
    assert.match(row, /© Survey Bureau 测绘局/);
    assert.match(await b.$(".leaflet-control-attribution").getText(), /Survey Bureau/);
    // Under the plan: the raster pane sits between the vector basemap and the plan.
    const z = await b.execute(() => [".leaflet-basemap-pane", ".leaflet-raster-pane", ".leaflet-plan-pane"].map((s) => Number(getComputedStyle(document.querySelector(s)).zIndex)));
    assert.ok(z[0] < z[1] && z[1] < z[2], `pane order ${z}`);
    await b.execute(() => {
      const s = document.querySelector("li[data-basemap] input[type=range]");
      s.value = "40";
      s.dispatchEvent(new Event("change"));
    });
    await b.waitUntil(async () => execFileSync("sqlite3", [db(), "SELECT opacity FROM user_basemaps"], { encoding: "utf8" }).trim() === "0.4", { timeout: 5000, timeoutMsg: "the opacity is kept in the atlas file" });
    await b.pause(600);
    await shot(b, "basemap-raster-zh");
    await b.$("#lang-toggle").click();
    await b.$(".basemap-section h3").waitUntil(async function () { return (await this.getText()) === "Raster basemaps"; }, { timeout: 5000 });
    await b.pause(600);
    await shot(b, "basemap-raster-en");
    await b.$("#lang-toggle").click();
  });

  it("keeps district names on when zoomed in to a few streets, away from their label points", async () => {
    const b = app.browser;
    // Zoom 15 (~5 m a pixel) in the east of 津南区, kilometres from its label point.
    await b.execute(() => void window.atlasTest.debugMap.map.setView([38.93, 117.48], 15, { animate: false }));
    await b.waitUntil(async () => (await b.execute(() => [...document.querySelectorAll(".label-district")].map((e) => e.textContent))).includes("津南区"), { timeout: 5000, timeoutMsg: "津南区 is named at zoom 15" });
    await b.pause(600);
    await shot(b, "district-name-zoom15-zh");
    await b.execute(() => void window.atlasTest.debugMap.map.setView([39.13, 117.2], 10, { animate: false }));
  });

  it("exports 津南区's one-page brief from the district panel", async () => {
    const b = app.browser;
    const pdf = join(app.dataDir, "jinnan-brief.pdf");
    await b.$('button[data-tab="districts"]').click();
    await b.$('.district-item[data-district="120112"]').click();
    const button = await b.$('[data-testid="export-brief"]');
    await button.waitForDisplayed({ timeout: 5000, timeoutMsg: "the district panel offers its brief" });
    await shot(b, "district-brief-button-zh");
    await b.execute((p) => window.atlasTest.answerNextDialog([p]), pdf);
    await button.click();
    await b.waitUntil(() => existsSync(pdf), { timeout: 20000, timeoutMsg: "the brief is written" });
    await b.pause(300);
    const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
    assert.match(info, /Pages:\s+1\n/);
    const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
    for (const name of ["津南区", "海河教育园区", "津城", "“科创中国”试点城市", "同样适用于本区"]) assert.ok(text.includes(name), `the brief names ${name}`);
  });

  it("the map export dialog says it exports the current view and names the file after it", async () => {
    const b = app.browser;
    const today = new Date();
    const date = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
    for (const [lang, what, file] of [["zh", "当前地图视图 — 津南区", `津南区-地图-${date}.pdf`], ["en", "The current map view — Jinnan", `Jinnan-map-${date}.pdf`]]) {
      await b.execute(() => window.__TAURI_INTERNALS__.invoke("plugin:event|emit", { event: "menu", payload: "export-sheet" }));
      const box = await b.$('[data-testid="export-what"]');
      await box.waitForDisplayed({ timeout: 5000, timeoutMsg: "the export dialog opens" });
      assert.match(await box.getText(), new RegExp(what));
      assert.match(await b.$('[data-testid="export-file-name"]').getText(), new RegExp(file.replace(/\./g, "\\.")));
      await b.pause(300);
      await shot(b, `export-dialog-${lang}`);
      await b.$(".modal-buttons button:not(.primary)").click();
      await b.waitUntil(async () => !(await b.$('[data-testid="export-what"]').isExisting()), { timeout: 3000, timeoutMsg: "Cancel closes the dialog" });
      if (lang === "zh") await b.$("#lang-toggle").click();
    }
    await b.$("#lang-toggle").click();
  });
});
