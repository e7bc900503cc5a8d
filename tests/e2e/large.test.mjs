// End-to-end: large own layers in the real app — a 20k-cell grid and 50k points, imported
// with the CLI before launch, are drawn a viewport at a time from the core: every feature in
// view is a shape, a dot, a point or counted in a cluster; the webview holds only the view;
// a click finds the cell under it through the core's index; a click on a cluster zooms in;
// a burst of moves ends on the last one's answer.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, ROOT, shot, waitReady } from "./harness.mjs";

const ATLAS = join(ROOT, "target/release/atlas");
// Synthetic layers come from the developer tool, which is not shipped (crates/atlas-dev).
const ATLAS_DEV = join(ROOT, "target/release/atlas-dev");
const HEX_CELLS = 20_000;
const POINTS = 50_000;

let app;
let dataDir;
const layers = {};

/** Even-odd ray casting over a GeoJSON polygon's rings. */
function polygonContains(rings, [x, y]) {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

async function showLayer(id) {
  const b = app.browser;
  await b.execute((id) => document.querySelector(`input[data-own-layer="${id}"]`).click(), id);
  await b.waitUntil(async () => (await b.execute((id) => window.atlasTest.streamedView(id), id)) !== null, { timeout: 10000, timeoutMsg: `layer ${id} was not drawn from the core` });
}

/** Moves the map and waits for the streamed layer's answer for that view. */
async function viewAt(id, centre, zoom) {
  const b = app.browser;
  await b.execute((c, z) => void window.atlasTest.debugMap.map.setView(c, z, { animate: false }), centre, zoom);
  await b.waitUntil(async () => (await b.execute((id) => window.atlasTest.streamedView(id)?.zoom, id)) === zoom, { timeout: 10000, timeoutMsg: `no view at zoom ${zoom}` });
  return b.execute((id) => window.atlasTest.streamedView(id), id);
}

describe("large own layers", () => {
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "atlas-e2e-large-"));
    const db = join(dataDir, "atlas.gpkg");
    execFileSync(ATLAS, ["build", "--out", db, "--data", join(ROOT, "data")]);
    for (const [kind, count, name] of [["hex", HEX_CELLS, "网格"], ["points", POINTS, "企业点"]]) {
      const file = join(dataDir, `${kind}.geojson`);
      execFileSync(ATLAS_DEV, ["synth", kind, String(count), "--out", file]);
      const report = JSON.parse(execFileSync(ATLAS, ["--json", "--db", db, "import", file, "--layer", name], { encoding: "utf8" }));
      layers[kind] = { id: report.layers[0], features: report.features, file };
    }
    app = await launch({ dataDir });
    await waitReady(app.browser);
  });
  after(async () => {
    await app?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("draws the grid from the core: every cell in view is a shape or a dot, and only the view is held", async () => {
    const { id, features } = layers.hex;
    assert.ok(features > HEX_CELLS * 0.9, `the grid was imported (${features})`);
    await showLayer(id);
    const city = await app.browser.execute((id) => window.atlasTest.streamedView(id), id);
    assert.equal(city.shapes + city.dots, city.inView, `whole city: ${JSON.stringify(city)}`);
    assert.equal(city.inView, features, "the whole city shows every cell");
    await shot(app.browser, "40-large-grid-city");

    const near = await viewAt(id, [39.12, 117.2], 13);
    assert.equal(near.shapes + near.dots, near.inView, `zoom 13: ${JSON.stringify(near)}`);
    assert.equal(near.dots, 0, "at zoom 13 cells are drawn as cells");
    assert.ok(near.inView > 20 && near.inView < features / 20, `the webview holds the view, not the layer (${near.inView} of ${features})`);
    assert.ok(near.bytes < near.inView * 100, `compact bytes: ${near.bytes} for ${near.inView} cells`);
    await shot(app.browser, "41-large-grid-zoom13");
  });

  it("a click finds the cell under it through the core's index and opens it", async () => {
    const b = app.browser;
    const size = await (await b.$("#map")).getSize();
    // Near the map's centre, on a spot no plan label covers (a label takes its own clicks).
    const { dx, dy, centre } = await b.execute(() => {
      const map = window.atlasTest.debugMap.map;
      const box = map.getContainer().getBoundingClientRect();
      const size = map.getSize();
      for (let r = 0; r < 200; r += 8) {
        for (const [dx, dy] of [[0, r], [0, -r], [r, 0], [-r, 0]]) {
          const x = size.x / 2 + dx;
          const y = size.y / 2 + dy;
          if (document.elementFromPoint(box.left + x, box.top + y)?.closest(".label")) continue;
          const c = map.containerPointToLatLng([x, y]);
          return { dx, dy, centre: [c.lng, c.lat] };
        }
      }
      return null;
    });
    const map = await b.$("#map");
    await b.action("pointer").move({ origin: map, x: dx, y: dy }).down().up().perform();
    await b.waitUntil(async () => (await b.execute(() => document.getElementById("panel").dataset.kind)) === "feature", { timeout: 5000, timeoutMsg: "the cell's panel opens" });
    const name = await b.$("#panel h2").getText();
    assert.match(name, /^网格\d+$/);
    // The cell named is the one that contains the clicked point (checked against the file).
    const cell = JSON.parse(readFileSync(layers.hex.file, "utf8")).features.find((f) => f.properties.name === name);
    assert.ok(cell, `${name} is in the imported file`);
    assert.ok(polygonContains(cell.geometry.coordinates, centre), `${name} contains the click at ${centre} (map ${size.width}×${size.height})`);
    await b.keys(["Escape"]);
  });

  it("clusters 50k points whose counts add up, and expands them into points on zoom", async () => {
    const { id, features } = layers.points;
    await showLayer(id);
    const wide = await viewAt(id, [39.12, 117.2], 10);
    assert.equal(wide.clusterTotal + wide.points, wide.inView, `zoom 10: ${JSON.stringify(wide)}`);
    assert.ok(wide.clusters > 0 && wide.clusters < 2000, `zoomed out the points are clusters (${wide.clusters})`);
    assert.ok(wide.inView < features);
    await shot(app.browser, "42-large-points-zoom10");
    // A click on a cluster (a real pointer action) zooms in by two to take it apart.
    const b = app.browser;
    const size = await (await b.$("#map")).getSize();
    const clusters = await b.execute((id) => window.atlasTest.streamedClusters(id), id);
    const target = clusters
      .filter((c) => c.count > 1 && c.x > 100 && c.y > 100 && c.x < size.width - 100 && c.y < size.height - 100)
      // Towards the south-west, away from the plan's symbols in the city centre.
      .sort((p, q) => Math.hypot(p.x - size.width * 0.3, p.y - size.height * 0.8) - Math.hypot(q.x - size.width * 0.3, q.y - size.height * 0.8))[0];
    assert.ok(target, "a cluster is on screen");
    await b.execute(() => document.querySelector("#panel .panel-close")?.click());
    const map = await b.$("#map");
    await b.action("pointer").move({ origin: map, x: Math.round(target.x - size.width / 2), y: Math.round(target.y - size.height / 2) }).down().up().perform();
    await b.waitUntil(async () => (await b.execute(() => window.atlasTest.debugMap.map.getZoom())) === 12, { timeout: 5000, timeoutMsg: "clicking a cluster zooms in by two" });
    await b.pause(300);
    assert.equal(await b.execute(() => document.getElementById("panel").hidden), true, "a cluster click opens no panel (no single feature, no district)");
    const close = await viewAt(id, [39.12, 117.2], 15);
    assert.equal(close.clusterTotal + close.points, close.inView, `zoom 15: ${JSON.stringify(close)}`);
    assert.ok(close.points > close.clusters, `zoomed in, clusters expand into points (${JSON.stringify(close)})`);
  });

  it("a layer hidden and shown again is drawn at once (request numbers never restart)", async () => {
    const b = app.browser;
    const { id } = layers.hex;
    await b.execute((id) => document.querySelector(`input[data-own-layer="${id}"]`).click(), id);
    await b.waitUntil(async () => (await b.execute((id) => window.atlasTest.streamedView(id), id)) === null, { timeout: 5000, timeoutMsg: "hidden" });
    await showLayer(id);
    const zoom = await b.execute(() => window.atlasTest.debugMap.map.getZoom());
    assert.equal((await b.execute((id) => window.atlasTest.streamedView(id), id)).zoom, zoom);
  });

  it("a burst of moves ends on the answer for the last one", async () => {
    const b = app.browser;
    const { id } = layers.hex;
    const final = await b.executeAsync((id, done) => {
      const map = window.atlasTest.debugMap.map;
      for (let i = 0; i < 8; i++) map.setView([39.05 + i * 0.01, 117.15 + i * 0.01], 12 + (i % 2), { animate: false });
      map.setView([39.14, 117.22], 12, { animate: false });
      const p = map.project(map.getBounds().getNorthWest(), 12);
      setTimeout(() => done({ x: p.x, y: p.y }), 3000);
    }, id);
    const view = await b.execute((id) => {
      const d = window.atlasTest.streamedView(id);
      return d;
    }, id);
    assert.equal(view.zoom, 12);
    // The drawn view's origin is the last view's top-left less the margin, not an earlier one's.
    assert.ok(view.originX < final.x && final.x - view.originX < 1280 * 0.3, `origin ${view.originX} vs view ${final.x}`);
    assert.ok(view.originY < final.y && final.y - view.originY < 800 * 0.3, `origin ${view.originY} vs view ${final.y}`);
  });
});
