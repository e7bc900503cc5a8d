// End-to-end: presenting in the room. At every stop of every default tour, once the map has
// flown there, the stop's element is on screen and not under the caption box; the counter is
// clear of the attribution; the rest of the map is veiled (focus mode); the presenter view's
// buttons speak the UI's language; and after Esc the presenter view closes.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { ROOT, shot, useApp } from "./harness.mjs";

const cli = (...args) => JSON.parse(execFileSync(join(ROOT, "target/release/atlas"), ["--json", ...args], { encoding: "utf8" }));

let app;
let mainHandle;

/** Where the stop's element is drawn and where the overlay is, in container px of #map. */
const layout = (id) =>
  app.browser.execute((id) => {
    const map = document.getElementById("map").getBoundingClientRect();
    const rel = (r) => ({ left: r.left - map.left, top: r.top - map.top, right: r.right - map.left, bottom: r.bottom - map.top });
    const veil = document.querySelector(".focus-veil");
    return {
      point: id ? window.atlasTest.screenPointOf(id) : null,
      caption: rel(document.getElementById("pres-caption-box").getBoundingClientRect()),
      counter: rel(document.getElementById("pres-counter").getBoundingClientRect()),
      attribution: rel(document.querySelector(".leaflet-control-attribution").getBoundingClientRect()),
      size: { x: map.width, y: map.height },
      veiled: !!veil && !veil.hidden && getComputedStyle(veil).backgroundColor !== "rgba(0, 0, 0, 0)",
      zoom: window.atlasTest.debugMap.map.getZoom(),
    };
  }, id);

const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

async function presenterWindow(fn) {
  const b = app.browser;
  const other = (await b.getWindowHandles()).find((h) => h !== mainHandle);
  if (!other) return null;
  await b.switchToWindow(other);
  try {
    return await b.execute(fn);
  } finally {
    await b.switchToWindow(mainHandle);
  }
}

/** Presents a tour: with F5 (and the presenter view), or with the tab's ▶ button and the
 * presenter view switched off (under Xvfb, with no window manager, that window would cover
 * the audience view in screenshots). */
async function presentTour(tour, shotPrefix, withPresenterView = true) {
  const b = app.browser;
  await b.$('.tabs button[data-tab="tours"]').click();
  await b.$(`button.tour-name[data-tour="${tour.id}"]`).click();
  await b.waitUntil(async () => (await b.$$(".stop-list .stop").length) === tour.stops.length, { timeout: 3000 });
  if (withPresenterView) await b.keys(["F5"]);
  else {
    const box = await b.$(".pv-toggle input");
    if (await box.isSelected()) await box.click();
    await b.$("#present").click();
  }
  const zooms = [];
  for (const [i, stop] of tour.stops.entries()) {
    const n = i + 1;
    if (i > 0) await b.keys(["PageDown"]);
    await b.waitUntil(async () => (await b.execute(() => document.body.dataset.framed ?? "")) === String(n), { timeout: 8000, timeoutMsg: `${tour.id}: stop ${n} was never framed` });
    // The symbols are laid out again after the move; one more frame for the canvas.
    await b.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
    const l = await layout(stop.element_id);
    zooms.push(l.zoom);
    const where = `${tour.id} stop ${n} (${stop.element_id ?? "view"})`;
    assert.ok(!overlaps(l.counter, l.attribution), `${where}: the counter ${JSON.stringify(l.counter)} is clear of the attribution ${JSON.stringify(l.attribution)}`);
    if (!stop.element_id) continue;
    const p = l.point;
    assert.ok(p, `${where}: the element is drawn`);
    assert.ok(p.x >= 0 && p.x <= l.size.x && p.y >= 0 && p.y <= l.size.y, `${where}: at ${p.x.toFixed(0)},${p.y.toFixed(0)}, inside the ${l.size.x}×${l.size.y} view`);
    const c = l.caption;
    const underCaption = p.x >= c.left && p.x <= c.right && p.y >= c.top && p.y <= c.bottom;
    assert.ok(!underCaption, `${where}: at ${p.x.toFixed(0)},${p.y.toFixed(0)}, under the caption ${JSON.stringify(c)}`);
    assert.ok(l.veiled, `${where}: the rest of the map is veiled`);
    if (shotPrefix && (n === 2 || n === tour.stops.length)) await shot(b, `${shotPrefix}-stop-${n}`);
  }
  return zooms;
}

async function endPresentation() {
  const b = app.browser;
  await b.keys(["Escape"]);
  await b.waitUntil(async () => !(await b.execute(() => document.body.classList.contains("presenting"))), { timeout: 4000 });
}

async function endAndExpectPresenterClosed() {
  const b = app.browser;
  await endPresentation();
  await b.waitUntil(async () => (await b.getWindowHandles()).length === 1, { timeout: 6000, timeoutMsg: "the presenter view closes after Esc" });
  assert.equal(await b.execute(() => document.querySelector(".focus-veil").hidden), true, "the veil is lifted");
}

describe("presenting: every stop framed clear of the caption", () => {
  useApp({}, (launched) => (app = launched));

  it("frames each stop of the landmark tour in Chinese, zooms in from the overview, and closes the presenter view after Esc", async () => {
    const b = app.browser;
    mainHandle = await b.getWindowHandle();
    const tour = cli("tours", "landmark-zones");
    await b.$('.tabs button[data-tab="tours"]').click();
    await b.$(`button.tour-name[data-tour="${tour.id}"]`).click();
    await b.keys(["F5"]);
    await b.waitUntil(async () => (await b.getWindowHandles()).length === 2, { timeout: 8000, timeoutMsg: "the presenter view opened" });
    const buttons = await presenterWindow(() => [...document.querySelectorAll(".pv-buttons button")].map((x) => x.textContent).join(" | "));
    assert.match(buttons, /上一站/);
    await shot(b, "40-presenting-zh-presenter-view");
    await endAndExpectPresenterClosed();
    // Again without the presenter view, to see (and screenshot) the audience's view alone.
    const zooms = await presentTour(tour, "40-presenting-zh", false);
    // The overview (stop 1) and a zone differ by at least two zoom levels.
    assert.ok(zooms[1] - zooms[0] >= 2, `zooms: ${zooms.join(", ")}`);
    await endPresentation();
  });

  it("frames every stop of every other default tour in English; the presenter view speaks English", async () => {
    const b = app.browser;
    await b.$("#lang-toggle").click();
    await b.waitUntil(async () => (await b.execute(() => document.body.dataset.lang)) === "en", { timeout: 3000 });
    const tours = cli("tours").filter((t) => t.origin === "default" && t.id !== "landmark-zones");
    assert.ok(tours.length >= 3);
    for (const [k, summary] of tours.entries()) {
      await presentTour(cli("tours", summary.id), k > 0 ? `41-presenting-en-${summary.id}` : null, k === 0);
      if (k > 0) {
        await endPresentation();
        continue;
      }
      await b.waitUntil(async () => (await b.getWindowHandles()).length === 2, { timeout: 8000 });
      await b.waitUntil(async () => (await presenterWindow(() => document.getElementById("pv-prev").textContent)) === "◀ Previous", { timeout: 4000, timeoutMsg: "the presenter view's buttons are in English" });
      const text = await presenterWindow(() => [...document.querySelectorAll(".pv-buttons button, .pv-label")].map((x) => x.textContent).join(" "));
      assert.doesNotMatch(text, /[\u3400-\u9fff]/, `presenter view chrome in English: ${text}`);
      await endAndExpectPresenterClosed();
    }
  });
});
