// End-to-end: the import and export dialogs in each language, and data out in a bureau's CRS.
// A GBK Shapefile in EPSG:4548 (made here by ogr2ogr) is previewed in Chinese and in English
// (the detections worded by the UI, no English in the Chinese dialog's notes); a point layer
// is imported and exported from its layer's button as zipped Shapefiles in EPSG:4548; GDAL
// (ogrinfo) reads the archive back and its coordinate agrees with PROJ (cs2cs) to 1 cm.
// Real: the app binary, the shell's export command and path check, GDAL and PROJ; simulated:
// only the native save dialog's answer (the test build's scripted dialog).

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pageInvoke, shot, useApp } from "./harness.mjs";

let app;
const LON = 117.65;
const LAT = 39.03;

function fixtures() {
  const dir = mkdtempSync(join(tmpdir(), "atlas-e2e-export-"));
  writeFileSync(join(dir, "site.geojson"), JSON.stringify({ type: "FeatureCollection", features: [{ type: "Feature", properties: { 名称: "测试点" }, geometry: { type: "Point", coordinates: [LON, LAT] } }] }));
  execFileSync("ogr2ogr", ["-f", "ESRI Shapefile", "-t_srs", "EPSG:4548", "-lco", "ENCODING=CP936", join(dir, "parcels.shp"), join(dir, "site.geojson"), "-nln", "parcels"]);
  return dir;
}

const setLang = async (b, want) => {
  if ((await b.execute(() => document.documentElement.lang)).startsWith(want)) return;
  await b.$("#lang-toggle").click();
  await b.waitUntil(async () => (await b.execute(() => document.documentElement.lang)).startsWith(want), { timeout: 5000 });
};
const cancelDialog = (b) => b.execute(() => [...document.querySelectorAll(".modal-buttons button:not(.primary)")].pop()?.click());
const dialogGone = (b) => b.waitUntil(async () => !(await b.execute(() => !!document.querySelector(".modal-backdrop, .modal"))), { timeout: 10000 });

async function previewIn(b, dir, lang) {
  await setLang(b, lang);
  await b.execute((p) => window.atlasTest.answerNextDialog([p]), join(dir, "parcels.shp"));
  await b.$("#import").click();
  const preview = await b.$("#import-preview");
  await preview.waitForDisplayed({ timeout: 10000, timeoutMsg: "the preview appears" });
  return preview.getText();
}

describe("the import and export dialogs speak the UI's language; data goes out in EPSG:4548", () => {
  useApp({}, (launched) => (app = launched));
  const dir = fixtures();

  it("words the import preview's detections in Chinese, then in English", async () => {
    const b = app.browser;
    const zh = await previewIn(b, dir, "zh");
    assert.match(zh, /据 \.prj 文件/);
    assert.match(zh, /属性编码 GB18030,据 \.cpg 文件/);
    assert.match(zh, /坐标按东坐标在前读取/);
    const crsSelect = await b.execute(() => [...document.querySelectorAll("#import-crs option, #import-encoding option, #import-datum option")].map((o) => o.textContent).join("\n"));
    assert.doesNotMatch(crsSelect, /detect|Mercator|Tencent|Baidu/i, "the Chinese selects have no English words");
    const notes = await b.execute(() => [...document.querySelectorAll("#import-preview .preview-note, #import-preview .preview-encoding")].map((e) => e.textContent).join("\n"));
    assert.doesNotMatch(notes, /\b(as|from|read|first|the|its)\b/, "no English prose in the Chinese notes");
    await shot(b, "62-import-dialog-zh");
    await cancelDialog(b);
    await dialogGone(b);

    const en = await previewIn(b, dir, "en");
    assert.match(en, /from its \.prj/);
    assert.match(en, /attributes GB18030, as its \.cpg says/);
    const enSelects = await b.execute(() => [...document.querySelectorAll("#import-crs option, #import-encoding option, #import-datum option")].map((o) => o.textContent).join("\n"));
    assert.doesNotMatch(enSelects, /[\u4e00-\u9fff]/, "the English selects have no Chinese");
    await shot(b, "63-import-dialog-en");
    await cancelDialog(b);
    await dialogGone(b);
  });

  it("exports an own layer as zipped Shapefiles in EPSG:4548 that GDAL reads where PROJ puts it", async () => {
    const b = app.browser;
    await b.execute((p) => window.atlasTest.answerNextDialog([p]), join(dir, "site.geojson"));
    await b.$("#import").click();
    await (await b.$("#import-preview")).waitForDisplayed({ timeout: 10000 });
    await b.$("#import-go").click();
    await dialogGone(b);
    const exportButton = () => b.execute(() => {
      const button = [...document.querySelectorAll("li[data-layer] .own-buttons button")].find((x) => x.textContent === "⤓");
      button?.click();
      return button ? "clicked" : "missing";
    });
    await b.waitUntil(async () => (await exportButton()) !== "missing", { timeout: 10000, timeoutMsg: "the new layer has an export button" });
    await (await b.$("#data-crs")).waitForDisplayed({ timeout: 5000 });
    await b.execute(() => {
      for (const [id, v] of [["data-format", "shapefile_zip"], ["data-crs", "4548"]]) {
        const s = document.getElementById(id);
        s.value = v;
        s.dispatchEvent(new Event("change"));
      }
    });
    assert.match(await b.$("[data-testid=export-file-name]").getText(), /EPSG4548.*\.zip/);
    await shot(b, "64-export-dialog-en");
    const out = join(dir, "site-4548.zip");
    await b.execute((p) => window.atlasTest.answerNextDialog([p]), out);
    await b.execute(() => document.querySelector(".modal-buttons button.primary").click());
    await b.waitUntil(async () => existsSync(out), { timeout: 15000, timeoutMsg: "the archive is written" });

    // GDAL reads it; its point agrees with PROJ's forward conversion to 1 cm.
    const info = execFileSync("ogrinfo", ["-ro", "-al", `/vsizip/${out}`], { encoding: "utf8" });
    assert.match(info, /CGCS2000|China_2000/, "the .prj names CGCS2000");
    const [, e, n] = info.match(/POINT \(([\d.]+) ([\d.]+)\)/).map(Number);
    const [pn, pe] = execFileSync("cs2cs", ["-f", "%.4f", "EPSG:4326", "EPSG:4548"], { input: `${LAT} ${LON}\n`, encoding: "utf8" }).trim().split(/\s+/).map(Number);
    assert.ok(Math.abs(e - pe) < 0.01 && Math.abs(n - pn) < 0.01, `GDAL reads (${e}, ${n}); PROJ says (${pe}, ${pn})`);
    assert.match(info, /测试点/, "the Chinese name survives (UTF-8 .cpg)");

    // The same dialog in Chinese; the shell refuses a CRS it does not offer.
    await setLang(b, "zh");
    await b.waitUntil(async () => (await exportButton()) !== "missing", { timeout: 10000 });
    await (await b.$("#data-crs")).waitForDisplayed({ timeout: 5000 });
    const labels = await b.execute(() => [...document.querySelectorAll("#data-format option, #data-crs option")].map((o) => o.textContent).join("\n"));
    assert.match(labels, /中央经线117°E/);
    assert.doesNotMatch(labels, /whole atlas|longitude|Gauss-Krüger/);
    await shot(b, "65-export-dialog-zh");
    await cancelDialog(b);
    const refused = await pageInvoke(b, "export_data", { layerId: null, format: "geojson", epsg: 3857, path: join(dir, "x.geojson") });
    assert.equal(refused.ok, false);
    assert.equal(refused.failure.kind, "invalid_input");
  });
});
