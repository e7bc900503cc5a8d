// End-to-end: a Shapefile as planners get it (CGCS2000 / 3-degree Gauss-Kruger CM 117E, GBK
// attributes, made here by ogr2ogr) imported in the real app: the import dialog shows the
// preview (format, CRS from the .prj, encoding from the .cpg, the first features with their
// Chinese names) before anything is written, and the import lands as a layer. Then the drop:
// WebDriver cannot drag files from outside the page, so the test build's hook runs the shell's
// own drop handler (the same function the window's DragDrop event calls: the paths join the
// chosen set and go to the page), and the same dialog opens for a .zip.
// Real: the app binary, the Rust preview and import, the page's dialog; simulated: only the
// OS drag gesture.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, pageInvoke, shot, useApp } from "./harness.mjs";

let app;
const db = () => join(app.dataDir, "atlas.gpkg");
const cli = (...args) => JSON.parse(execFileSync(join(ROOT, "target/release/atlas"), ["--json", "--db", db(), ...args], { encoding: "utf8" }));

/** parcels.shp (+ .shx .dbf .prj .cpg) in EPSG:4548 with GBK names; delivery.zip with the same in EPSG:4527, UTF-8. */
function fixtures() {
  const dir = mkdtempSync(join(tmpdir(), "atlas-e2e-import-"));
  const src = join(dir, "src.geojson");
  writeFileSync(src, JSON.stringify({ type: "FeatureCollection", features: [
    { type: "Feature", properties: { 名称: "滨海新区科技园", code: 7 }, geometry: { type: "Polygon", coordinates: [[[117.6, 39.0], [117.7, 39.0], [117.7, 39.08], [117.6, 39.08], [117.6, 39.0]]] } },
    { type: "Feature", properties: { 名称: "于家堡金融区", code: 8 }, geometry: { type: "Polygon", coordinates: [[[117.68, 38.98], [117.69, 38.98], [117.69, 38.99], [117.68, 38.99], [117.68, 38.98]]] } },
  ] }));
  execFileSync("ogr2ogr", ["-f", "ESRI Shapefile", "-t_srs", "EPSG:4548", "-lco", "ENCODING=CP936", join(dir, "parcels.shp"), src, "-nln", "parcels"]);
  execFileSync("ogr2ogr", ["-f", "ESRI Shapefile", "-t_srs", "EPSG:4527", "-lco", "ENCODING=UTF-8", join(dir, "delivered.shp"), src, "-nln", "delivered"]);
  execFileSync("zip", ["-qj", join(dir, "delivery.zip"), ...["shp", "shx", "dbf", "prj", "cpg"].map((e) => join(dir, `delivered.${e}`))]);
  // Two that cannot import as they stand: Beijing 1954 (refused: no official parameters), and
  // Gauss-Kruger metres without a .prj (the dialog's CRS choice fixes it).
  execFileSync("ogr2ogr", ["-f", "ESRI Shapefile", "-t_srs", "EPSG:2436", "-lco", "ENCODING=UTF-8", join(dir, "beijing.shp"), src, "-nln", "beijing"]);
  execFileSync("ogr2ogr", ["-f", "ESRI Shapefile", "-t_srs", "EPSG:4548", "-lco", "ENCODING=UTF-8", join(dir, "bare.shp"), src, "-nln", "bare"]);
  rmSync(join(dir, "bare.prj"));
  // Whole files it cannot read: a Word document, and a .zip of photos' notes with no Shapefile.
  writeFileSync(join(dir, "notes.docx"), "PK\x03\x04 a document, not a layer");
  writeFileSync(join(dir, "readme.txt"), "the parcels follow in another mail");
  execFileSync("zip", ["-qj", join(dir, "photos.zip"), join(dir, "readme.txt")]);
  // A GeoJSON edited by hand: a trailing comma on its second line.
  writeFileSync(join(dir, "broken.geojson"), '{"type":"FeatureCollection",\n"features":[{"type":"Feature","properties":{},"geometry":null,}]}');
  // One whose import fails after pressing Import: the sixth shape is null.
  const point = (x) => ({ type: "Feature", properties: { 名称: `站点${x}` }, geometry: { type: "Point", coordinates: [117.6 + x / 100, 39.0] } });
  writeFileSync(join(dir, "sites.geojson"), JSON.stringify({ type: "FeatureCollection", features: [...[1, 2, 3, 4, 5].map(point), { type: "Feature", properties: { 名称: "待定" }, geometry: null }] }));
  execFileSync("ogr2ogr", ["-f", "ESRI Shapefile", "-t_srs", "EPSG:4548", "-lco", "ENCODING=UTF-8", join(dir, "sites.shp"), join(dir, "sites.geojson"), "-nln", "sites"]);
  return dir;
}

describe("importing planners' files", () => {
  useApp({}, (launched) => (app = launched));
  const dir = fixtures();
  // English words a Chinese sentence must not carry (proper names such as EPSG, .prj and
  // Beijing 1954 / 3-degree Gauss-Kruger may stand).
  const english = /\b(the|its|it|is|no|not|and|or|so|your|name|from|import|reproject|unknown|system|coordinates|format|archive|shape|empty|cannot)\b/i;
  /** Chooses `file` for import; the text of the error the dialog shows at `selector`. */
  const errorShownFor = async (file, selector) => {
    await app.browser.execute((p) => window.atlasTest.answerNextDialog([p]), join(dir, file));
    await app.browser.$("#import").click();
    const error = await app.browser.$(selector);
    await error.waitForDisplayed({ timeout: 10000, timeoutMsg: `the import dialog says why ${file} cannot be imported` });
    return error.getText();
  };
  const closeDialog = async () => {
    await app.browser.$(".modal-buttons button:not(.primary)").click();
    await app.browser.waitUntil(async () => !(await app.browser.$("#import-go").isExisting()), { timeout: 5000 });
  };

  it("shows a Shapefile's preview before writing, then imports it as a layer", async () => {
    const b = app.browser;
    await b.execute((p) => window.atlasTest.answerNextDialog([p]), join(dir, "parcels.shp"));
    await b.$("#import").click();
    const preview = await b.$("#import-preview");
    await preview.waitForDisplayed({ timeout: 10000, timeoutMsg: "the preview appears in the import dialog" });
    const text = await preview.getText();
    assert.match(text, /Shapefile/);
    assert.match(text, /EPSG:4548/);
    assert.match(text, /GB18030/);
    assert.match(text, /滨海新区科技园/, "the first features' Chinese names, decoded");
    assert.equal(cli("layers").length, 0, "nothing is written by the preview");
    await shot(b, "60-import-preview");
    await b.$("#import-go").click();
    await b.waitUntil(async () => cli("layers").length === 1, { timeout: 10000, timeoutMsg: "the Shapefile lands as a layer" });
    assert.equal(cli("layers")[0].name, "parcels");
    // The map says how many features arrived, flies to them, and names them.
    await b.waitUntil(async () => /2.*parcels/.test(await b.execute(() => document.getElementById("map-notice")?.textContent ?? "")), { timeout: 10000, timeoutMsg: "the map says how many features arrived" });
    const centre = () => b.execute(() => { const c = window.atlasTest.debugMap.map.getCenter(); return [c.lng, c.lat]; });
    await b.waitUntil(async () => { const [x, y] = await centre(); return Math.abs(x - 117.65) < 0.02 && Math.abs(y - 39.03) < 0.02; }, { timeout: 5000, timeoutMsg: "the map flies to the new layer" });
    const labels = () => b.execute(() => [...document.querySelectorAll(".own-label")].map((e) => e.textContent));
    await b.waitUntil(async () => (await labels()).includes("滨海新区科技园"), { timeout: 5000, timeoutMsg: "own features are labelled by name" });
    await b.pause(1000); // the flight's last frames, so the screenshot shows where it lands
    await shot(b, "61-import-landed");
  });

  it("a dropped .zip opens the same dialog (through the shell's drop handler)", async () => {
    const b = app.browser;
    await b.waitUntil(async () => !(await b.$("#import-go").isExisting()), { timeout: 10000 });
    const r = await pageInvoke(b, "e2e_drop_files", { paths: [join(dir, "delivery.zip"), join(dir, "notes.txt.exe")] });
    assert.ok(r.ok, JSON.stringify(r));
    const preview = await b.$("#import-preview");
    await preview.waitForDisplayed({ timeout: 10000, timeoutMsg: "the import dialog opens for the dropped archive" });
    assert.match(await preview.getText(), /Shapefile 压缩包|zipped Shapefiles/);
    await b.$("#import-go").click();
    await b.waitUntil(async () => cli("layers").length === 2, { timeout: 10000, timeoutMsg: "the dropped archive lands as a layer" });
    // Each own layer its own colour, shown (and changeable) in the layer list.
    await b.waitUntil(async () => (await b.$$("input[data-layer-colour]").length) === 2, { timeout: 5000 });
    const colours = await b.execute(() => [...document.querySelectorAll("input[data-layer-colour]")].map((e) => e.value));
    assert.notEqual(colours[0], colours[1], `two layers, two colours: ${colours}`);
    // A path that was neither chosen nor dropped is still refused.
    const refused = await pageInvoke(b, "preview_import", { path: join(dir, "src.geojson"), options: { layer_name: null, datum: "wgs84", lon_column: null, lat_column: null, gpkg_layers: null } });
    assert.equal(refused.ok, false);
    assert.equal(refused.failure.kind, "path_not_chosen");
  });

  it("a layer that cannot import says why and what to do in the dialog's language (Chinese)", async () => {
    const b = app.browser;
    await b.waitUntil(async () => !(await b.$("#import-go").isExisting()), { timeout: 10000 });
    const problemOf = (file) => errorShownFor(file, "#import-preview .status.error");
    const beijing = await problemOf("beijing.shp");
    assert.match(beijing, /北京1954/, beijing);
    assert.match(beijing, /CGCS2000/, `what to do: ${beijing}`);
    assert.doesNotMatch(beijing, english, beijing);
    await shot(b, "62-import-problem-beijing-zh");
    await closeDialog();
    const bare = await problemOf("bare.shp");
    assert.match(bare, /\.prj/, bare);
    assert.match(bare, /[\u4e00-\u9fff]/, bare);
    assert.doesNotMatch(bare, english, bare);
    await shot(b, "63-import-problem-no-prj-zh");
    // What it says to do works: choosing the CRS clears the problem.
    await b.execute(() => { const s = document.getElementById("import-crs"); s.value = "4548"; s.dispatchEvent(new Event("change")); });
    await b.waitUntil(async () => /EPSG:4548/.test(await b.$("#import-preview").getText()) && !(await b.$("#import-preview .status.error").isExisting()), { timeout: 10000, timeoutMsg: "the CRS choice fixes the layer" });
    assert.equal(cli("layers").length, 2, "nothing is written by the previews");
    await closeDialog();
  });

  it("a file it cannot read, and an import that fails, say why in the UI's language, naming the file", async () => {
    const b = app.browser;
    await b.waitUntil(async () => !(await b.$("#import-go").isExisting()), { timeout: 10000 });
    // Where the preview would be: the whole file's error.
    const fileError = (file) => errorShownFor(file, ".import-preview-box > p.status.error");
    // Pressing Import anyway on a file whose sixth shape is null (the preview says so too).
    const importError = async () => {
      await b.execute((p) => window.atlasTest.answerNextDialog([p]), join(dir, "sites.shp"));
      await b.$("#import").click();
      await (await b.$("#import-preview")).waitForDisplayed({ timeout: 10000, timeoutMsg: "the preview of sites.shp" });
      await b.$("#import-go").click();
      const status = await b.$(".modal > p.status.error");
      await status.waitForDisplayed({ timeout: 10000, timeoutMsg: "the failed import says why" });
      return status.getText();
    };
    const docx = await fileError("notes.docx");
    assert.equal(await b.$("#import-go").isEnabled(), false, "nothing in notes.docx can be imported: Import is off");
    assert.match(docx, /^无法导入 notes\.docx:不是图集能导入的格式\(扩展名 \.docx\);可导入 GeoJSON/, docx);
    assert.doesNotMatch(docx, english, docx);
    await shot(b, "64-import-unknown-format-zh");
    await closeDialog();
    const zip = await fileError("photos.zip");
    assert.match(zip, /^无法导入 photos\.zip:压缩包中没有 Shapefile\(\.shp\)/, zip);
    assert.doesNotMatch(zip, english, zip);
    await shot(b, "65-import-zip-without-shapefile-zh");
    await closeDialog();
    // Where the JSON breaks, in Chinese; the parser's own words quoted.
    const json = await fileError("broken.geojson");
    assert.match(json, /^无法导入 broken\.geojson:第 0 号要素:不是有效的 JSON\(第 2 行第 \d+ 列:“.+”\);请检查文件是否完整/, json);
    assert.doesNotMatch(json.replace(/“[^”]*”/g, "“”"), english, json);
    await shot(b, "69-import-geojson-syntax-zh");
    await closeDialog();
    const failed = await importError();
    assert.match(failed, /^无法导入 sites\.shp:第 5 号要素:图形为空/, failed);
    assert.doesNotMatch(failed, english, failed);
    await shot(b, "66-import-failed-zh");
    await closeDialog();
    assert.equal(cli("layers").length, 2, "nothing of the failed import was written");

    // The same in English, with no Chinese.
    await b.$("#lang-toggle").click();
    const docxEn = await fileError("notes.docx");
    assert.match(docxEn, /^Cannot import notes\.docx: unknown format \(\.docx\); import GeoJSON/, docxEn);
    assert.doesNotMatch(docxEn, /[\u4e00-\u9fff]/, docxEn);
    await shot(b, "67-import-unknown-format-en");
    await closeDialog();
    const failedEn = await importError();
    assert.match(failedEn, /^Cannot import sites\.shp: feature 5: the shape is empty/, failedEn);
    await shot(b, "68-import-failed-en");
    await closeDialog();
    await b.$("#lang-toggle").click();
  });
});
