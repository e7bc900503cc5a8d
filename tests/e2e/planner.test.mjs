// End-to-end: the planner's own work in the real app — a layer drawn by hand on the map,
// attributes edited, undo and redo, a note, an import (GCJ-02) and a refused import — each
// checked in the atlas file itself through the CLI.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { ROOT, shot, useApp } from "./harness.mjs";

let app;
const db = () => join(app.dataDir, "atlas.gpkg");
const cli = (...args) => JSON.parse(execFileSync(join(ROOT, "target/release/atlas"), ["--json", "--db", db(), ...args], { encoding: "utf8" }));
const layerGeojson = (layer) => {
  const out = join(app.dataDir, `${layer}.geojson`);
  execFileSync(join(ROOT, "target/release/atlas"), ["--db", db(), "export", "geojson", "--layer", layer, "--out", out]);
  return JSON.parse(execFileSync("cat", [out], { encoding: "utf8" }));
};

async function clickMap(x, y) {
  const map = await app.browser.$("#map");
  const size = await map.getSize();
  await app.browser.action("pointer").move({ origin: map, x: Math.round(x - size.width / 2), y: Math.round(y - size.height / 2) }).down().up().perform();
}

/** The user's way in: the Import button, the shell's file dialog (answered through the test
 * build's hook, as WebDriver cannot drive a native dialog), then the import dialog. */
async function importThroughDialog(b, path) {
  await b.execute((p) => window.atlasTest.answerNextDialog([p]), path);
  await b.$("#import").click();
  await b.$("#import-go").waitForDisplayed({ timeout: 5000, timeoutMsg: "the import dialog opens for the chosen file" });
}

describe("planner workflows", () => {
  useApp({}, (launched) => (app = launched));

  it("draws an area into a new layer, edits its attributes, undoes and redoes", async () => {
    const b = app.browser;
    await b.$("#new-layer").click();
    await b.waitUntil(async () => cli("layers").length === 1, { timeout: 3000 });
    const layer = cli("layers")[0].id;
    await b.keys(["Escape"]); // leave the name box as it is
    await b.$(`li[data-layer="${layer}"] button[data-draw="Polygon"]`).click();
    for (const [x, y] of [[400, 300], [500, 300], [500, 380], [400, 300]]) {
      await clickMap(x, y);
      await b.pause(150);
    }
    await b.waitUntil(async () => (await b.execute(() => document.getElementById("panel").dataset.kind)) === "feature", { timeout: 5000, timeoutMsg: "the new feature's panel opens" });
    let fc = layerGeojson(layer);
    assert.equal(fc.features.length, 1);
    assert.equal(fc.features[0].geometry.type, "Polygon");

    const nameBox = await b.$('#panel input[data-field="name_zh"]');
    await nameBox.setValue("新方案区");
    await b.$("#save-attributes").click();
    await b.waitUntil(async () => layerGeojson(layer).features[0].properties.name_zh === "新方案区", { timeout: 3000 });
    await shot(b, "20-drawn-feature");

    // Undo the attribute edit, then the drawing; redo both.
    await b.$("#topbar .app-title").click(); // focus out of the text field
    await b.keys(["Control", "z"]);
    await b.waitUntil(async () => layerGeojson(layer).features[0]?.properties.name_zh === "", { timeout: 3000, timeoutMsg: "undo reverts the attributes" });
    await b.keys(["Control", "z"]);
    await b.waitUntil(async () => layerGeojson(layer).features.length === 0, { timeout: 3000, timeoutMsg: "undo removes the drawing" });
    await b.keys(["Control", "Shift", "z"]);
    await b.waitUntil(async () => layerGeojson(layer).features.length === 1, { timeout: 3000, timeoutMsg: "redo draws it again" });
    await b.keys(["Control", "Shift", "z"]);
    await b.waitUntil(async () => layerGeojson(layer).features[0].properties.name_zh === "新方案区", { timeout: 3000, timeoutMsg: "redo puts the name back" });
  });

  it("notes a zone and finds the note by search", async () => {
    const b = app.browser;
    const input = await b.$("#search");
    await input.setValue("中医药谷");
    await b.waitUntil(async () => (await b.$$("#search-results .result-element").length) > 0, { timeout: 3000 });
    await b.keys(["Enter"]);
    await b.waitUntil(async () => (await b.$$('#panel section[data-notes="element:tcm-valley"] .note-input').length) === 1, { timeout: 3000 });
    await b.$('#panel section[data-notes="element:tcm-valley"] .note-input').setValue("调研:**团泊**大学城一带");
    await b.$('#panel section[data-notes="element:tcm-valley"] .add-note').click();
    await b.waitUntil(async () => cli("notes").length === 1, { timeout: 3000 });
    assert.equal(await b.$('#panel .note strong').getText(), "团泊");
    await input.setValue("大学城");
    await b.waitUntil(async () => (await b.$$("#search-results .result-note").length) === 1, { timeout: 3000 });
    await shot(b, "21-note-and-search");
    await b.keys(["Escape"]);
  });

  it("imports GCJ-02 data, converts it, and shows markup in values as text", async () => {
    const b = app.browser;
    const fixture = join(ROOT, "tests/fixtures/amap-sites-gcj02.geojson");
    await importThroughDialog(b, fixture);
    await b.$("#import-datum").selectByAttribute("value", "gcj02");
    await b.$("#import-go").click();
    await b.waitUntil(async () => cli("layers").length === 2, { timeout: 5000 });
    const layer = cli("layers")[1];
    assert.equal(layer.feature_count, 2);
    const fc = layerGeojson(layer.id);
    const [lon, lat] = fc.features[0].geometry.coordinates;
    // GCJ-02 → WGS84 moves central Tianjin about 0.5 km west-south-west.
    assert.ok(lon < 117.2061 - 0.004 && lon > 117.2061 - 0.008 && lat < 39.1321, `${lon}, ${lat}`);
    // The feature whose name is markup: its panel shows the characters, creates no element.
    const id = fc.features[1].id;
    await b.execute((id) => window.atlasTest && document.dispatchEvent(new CustomEvent("noop")), id);
    const input = await b.$("#search");
    await input.setValue("onerror");
    await b.waitUntil(async () => (await b.$$("#search-results .result-feature").length) === 1, { timeout: 3000 });
    await b.keys(["Enter"]);
    await b.waitUntil(async () => (await b.execute(() => document.getElementById("panel").dataset.kind)) === "feature", { timeout: 3000 });
    assert.equal(await b.$("#panel h2").getText(), "<img src=x onerror=alert(1)>");
    assert.equal(await b.execute(() => document.querySelectorAll("#panel img").length), 0);
    assert.equal(await b.execute(() => [...document.querySelectorAll("#panel td")].some((td) => td.textContent === "<b>not bold</b>")), true);
    await shot(b, "22-imported-markup-as-text");
  });

  it("refuses a bad import with the file, feature and field, importing nothing", async () => {
    const b = app.browser;
    const before = cli("layers").length;
    const fixture = join(ROOT, "tests/fixtures/bad-projected.geojson");
    await importThroughDialog(b, fixture);
    await b.$("#import-go").click();
    await b.waitUntil(async () => (await b.$$(".modal .status.error").length) === 1, { timeout: 5000 });
    const message = await b.$(".modal .status.error").getText();
    // The app opens in Chinese: the message names the file, the feature and what is wrong
    // with its coordinates, and says where to choose the CRS.
    assert.match(message, /bad-projected\.geojson:第 1 号要素:坐标 \[13046892, 4740263\] 超出 WGS84 经纬度范围.*“坐标参照系”/);
    assert.equal(cli("layers").length, before);
    await shot(b, "23-refused-import");
  });
});
