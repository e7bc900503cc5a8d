// Large-layer benchmark, in the real app under Xvfb: a 100k-cell hex grid and 1M random points
// over Tianjin (generated here, nothing downloaded), each shown the atlas's way (streamed by
// viewport from the core) and the naive way (the whole layer as GeoJSON into one L.geoJSON on
// the canvas renderer), side by side in one run. Figures, not assertions.
//   node tests/bench/large-layers.mjs [--skip-naive-points] [--streamed-only]
//
// Per layer and path, in a fresh app: time from "layer on" to the first complete draw; frame
// times (requestAnimationFrame deltas) during a scripted pan (four 40-frame drags) and during
// zooms in and out; PSS of all the app's processes at rest and with the layer shown.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { APP, ROOT, launch, waitReady } from "../e2e/harness.mjs";

const ATLAS = join(ROOT, "target/release/atlas");
// Synthetic layers come from the developer tool, which is not shipped (crates/atlas-dev).
const ATLAS_DEV = join(ROOT, "target/release/atlas-dev");
const NAIVE_TIMEOUT_MS = 180_000;
const skipNaivePoints = process.argv.includes("--skip-naive-points");
const streamedOnly = process.argv.includes("--streamed-only"); // for quick iterations

// ---- the app's processes and their memory --------------------------------------------------
function processTable() {
  const rows = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      rows.push({ pid: Number(entry), ppid: Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) });
    } catch {}
  }
  return rows;
}

/** The app process started for this data folder, and everything under it (WebKit's processes). */
function appTree(dataDir) {
  const rows = processTable();
  const app = rows.find(({ pid }) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").startsWith(APP) && readFileSync(`/proc/${pid}/environ`, "utf8").includes(`TIANJIN_ATLAS_DATA_DIR=${dataDir}\0`);
    } catch {
      return false;
    }
  });
  if (!app) throw new Error("the app's process was not found");
  const out = [app.pid];
  for (let i = 0; i < out.length; i++) out.push(...rows.filter((r) => r.ppid === out[i]).map((r) => r.pid));
  return out;
}

function pssMiB(pids) {
  let kib = 0;
  for (const pid of pids) {
    try {
      kib += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
    } catch {}
  }
  return kib / 1024;
}

// ---- the data ---------------------------------------------------------------------------------
function prepare() {
  const dir = mkdtempSync(join(tmpdir(), "atlas-large-"));
  const db = join(dir, "atlas.gpkg");
  execFileSync(ATLAS, ["build", "--out", db, "--data", join(ROOT, "data")]);
  const layers = {};
  for (const [kind, count, name] of [["hex", 100_000, "hex grid 100k"], ["points", 1_000_000, "points 1M"]]) {
    const file = join(dir, `${kind}.geojson`);
    execFileSync(ATLAS_DEV, ["synth", kind, String(count), "--out", file]);
    const started = performance.now();
    const report = JSON.parse(execFileSync(ATLAS, ["--json", "--db", db, "import", file, "--layer", name], { encoding: "utf8" }));
    const wall = (performance.now() - started) / 1000;
    const mb = statSync(file).size / 1e6;
    layers[kind] = { id: report.layers[0], features: report.features, mb, importS: report.seconds, wallS: wall };
    rmSync(file);
  }
  return { dir, layers };
}

// ---- in the page ------------------------------------------------------------------------------
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** rAF deltas while `script` runs in the page ("pan" or "zoom"). */
async function frames(browser, script) {
  return browser.executeAsync(async (script, done) => {
    const map = window.atlasTest.debugMap.map;
    const deltas = [];
    let running = true;
    let last = 0;
    const tick = (t) => {
      if (last) deltas.push(t - last);
      last = t;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const wait = (ms) => new Promise((r) => setTimeout(r, ms));
    if (script === "pan") {
      // Four drags of 40 frames at 8 px a frame (as a hand drags), each released, then a pause
      // for whatever the release triggers (a new view from the core, a redraw) to land.
      for (const [dx, dy] of [[8, 0], [0, 6], [-8, 0], [0, -6]]) {
        map.fire("movestart");
        for (let i = 0; i < 40; i++) {
          await frame();
          map._rawPanBy({ x: dx, y: dy });
          map.fire("move");
        }
        map.fire("moveend");
        await wait(600);
      }
    } else {
      // Animated zooms, in twice and out twice, about the centre.
      for (const step of [1, 1, -1, -1]) {
        const ended = new Promise((r) => map.once("zoomend", r));
        map.setZoom(map.getZoom() + step, { animate: true });
        await ended;
        await wait(700);
      }
    }
    running = false;
    done(deltas);
  }, script);
}

async function runOne(dataDir, layer, path) {
  const app = await launch({ dataDir });
  try {
    const b = app.browser;
    await waitReady(b);
    await b.setTimeout({ script: NAIVE_TIMEOUT_MS });
    await sleep(3000);
    const rest = pssMiB(appTree(dataDir));
    // The same view for both paths: the city centre at zoom 11 (cells ~8 px across), the
    // scale a planner reads a grid at. (The whole-city view is measured too, streamed only.)
    await b.execute(() => void window.atlasTest.debugMap.map.setView([39.12, 117.2], 11, { animate: false }));
    await sleep(500);
    let firstMs;
    try {
      firstMs = await b.executeAsync(
        (id, path, done) => {
          const run = path === "streamed" ? window.atlasTest.showStreamed(id) : window.atlasTest.showNaive(id);
          run.then(done, (e) => done(`error: ${e}`));
        },
        layer.id,
        path,
      );
    } catch (e) {
      return { path, error: `no first draw: ${String(e).split("\n")[0]}` };
    }
    if (typeof firstMs !== "number") return { path, error: firstMs };
    const view = path === "streamed" ? await b.execute((id) => window.atlasTest.streamedView(id), layer.id) : null;
    const pan = await frames(b, "pan");
    const zoom = await frames(b, "zoom");
    await sleep(2000);
    const shown = pssMiB(appTree(dataDir));
    return { path, firstMs, view, pan, zoom, rest, shown };
  } finally {
    await app.stop();
  }
}

/** Streamed only: "layer on" at the whole-city start view (every feature in view). */
async function wholeCity(dataDir, layer) {
  const app = await launch({ dataDir });
  try {
    const b = app.browser;
    await waitReady(b);
    await sleep(1000);
    const ms = await b.executeAsync((id, done) => void window.atlasTest.showStreamed(id).then(done), layer.id);
    const view = await b.execute((id) => window.atlasTest.streamedView(id), layer.id);
    const zoom = await b.execute(() => window.atlasTest.debugMap.map.getZoom());
    // Then the zooms in between, where a grid's cells are just big enough to be drawn as cells
    // (the most shapes a view holds): time from the move to the new view on screen.
    const between = [];
    for (const z of [9.5, 10, 10.5]) {
      const moveMs = await b.executeAsync((id, z, done) => void window.atlasTest.viewStreamedAt(id, [39.12, 117.3], z).then(done), layer.id, z);
      const v = await b.execute((id) => window.atlasTest.streamedView(id), layer.id);
      between.push({ zoom: z, ms: moveMs, shapes: v.shapes, dots: v.dots, clusters: v.clusters, inView: v.inView, timing: v.timing });
    }
    return { ms, view, zoom, between };
  } finally {
    await app.stop();
  }
}

function withTimeout(promise, ms, what) {
  return Promise.race([promise, sleep(ms).then(() => ({ error: `${what}: no first draw within ${ms / 1000} s` }))]);
}

const fmt = (x, d = 0) => (typeof x === "number" ? x.toFixed(d) : "—");

const { dir, layers } = prepare();
try {
  console.log("large layers (Xvfb 1280×800, release build; view: city centre at zoom 11 unless said)");
  for (const [kind, layer] of Object.entries(layers)) {
    console.log(`\n${kind}: ${layer.features} features, ${layer.mb.toFixed(1)} MB GeoJSON; import ${layer.importS.toFixed(2)} s = ${(layer.mb / layer.importS).toFixed(1)} MB/s (CLI wall ${layer.wallS.toFixed(2)} s)`);
    const city = await wholeCity(dir, layer);
    console.log(`  whole-city view (zoom ${city.zoom}), streamed: first draw ${fmt(city.ms)} ms; ${JSON.stringify(city.view)}`);
    for (const m of city.between) console.log(`    then zoom ${m.zoom}: new view on screen in ${fmt(m.ms)} ms; ${JSON.stringify(m)}`);
    const results = [await runOne(dir, layer, "streamed")];
    if (streamedOnly) results.push({ path: "naive", error: "skipped (--streamed-only)" });
    else if (kind === "points" && skipNaivePoints) results.push({ path: "naive", error: "skipped (--skip-naive-points)" });
    else results.push(await withTimeout(runOne(dir, layer, "naive"), NAIVE_TIMEOUT_MS + 60_000, "naive"));
    for (const r of results) {
      if (r.error) {
        console.log(`  ${r.path.padEnd(8)} ${r.error}`);
        continue;
      }
      console.log(
        `  ${r.path.padEnd(8)} first draw ${fmt(r.firstMs).padStart(6)} ms | pan p50 ${fmt(percentile(r.pan, 50), 1)} p95 ${fmt(percentile(r.pan, 95), 1)} max ${fmt(Math.max(...r.pan), 0)} ms (${r.pan.length} frames)` +
          ` | zoom p50 ${fmt(percentile(r.zoom, 50), 1)} p95 ${fmt(percentile(r.zoom, 95), 1)} max ${fmt(Math.max(...r.zoom), 0)} ms` +
          ` | PSS rest ${fmt(r.rest)} MiB, shown ${fmt(r.shown)} MiB (${(r.shown / r.rest).toFixed(2)}×)` +
          (r.view ? ` | view ${JSON.stringify(r.view)}` : ""),
      );
    }
    const [s, n] = results;
    if (!s.error && !n.error) console.log(`  first draw: streamed is ${(n.firstMs / s.firstMs).toFixed(0)}× faster than naive`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
