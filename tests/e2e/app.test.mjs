// End-to-end: the real release binary, under Xvfb, driven through WebDriver like a user.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { ROOT, shot, useApp } from "./harness.mjs";

const ATLAS_CLI = join(ROOT, "target/release/atlas");
const cli = (...args) => JSON.parse(execFileSync(ATLAS_CLI, ["--json", ...args], { encoding: "utf8" }));

let app;

/** Clicks a point in #map with a real pointer action (canvas features have no DOM node). */
async function clickMap(x, y) {
  const map = await app.browser.$("#map");
  const size = await map.getSize();
  // Pointer origins are the element's centre in WebDriver.
  await app.browser
    .action("pointer")
    .move({ origin: map, x: Math.round(x - size.width / 2), y: Math.round(y - size.height / 2) })
    .down()
    .up()
    .perform();
}

async function panelElement() {
  return app.browser.execute(() => {
    const p = document.getElementById("panel");
    return p.hidden ? null : p.dataset.kind === "element" ? p.dataset.element : `district:${p.dataset.district}`;
  });
}

describe("the desktop atlas", () => {
  useApp({}, (launched) => (app = launched));

  it("opens, installs its atlas on first launch, and draws 16 districts and every plan layer", async () => {
    const b = app.browser;
    const counts = await b.execute(() => window.atlasTest.drawnCounts());
    assert.equal(counts.districts, 16);
    const expected = cli("categories").map((c) => c.id).sort();
    assert.deepEqual(counts.categories, expected, "every category is drawn");
    const zones = cli("zones");
    assert.ok(counts.points > 30 && counts.points + counts.areas >= zones.length, JSON.stringify(counts));
    assert.ok(existsSync(join(app.dataDir, "atlas.gpkg")), "first launch copied the default atlas into the data folder");
    const labels = await b.execute(() => window.atlasTest.visibleLabels());
    assert.ok(labels.includes("滨海新区") && labels.includes("津城"), `labels: ${labels.join(" ")}`);
    await shot(b, "01-start-zh");
  });

  it("clicking a landmark zone opens its panel with a verbatim quote read from the GeoPackage", async () => {
    const b = app.browser;
    await b.execute(() => window.atlasTest && document.getElementById("zoom-tianjin").click());
    await b.pause(1000);
    const at = await b.execute(() => window.atlasTest.screenPointOf("tcm-valley"));
    await clickMap(at.x, at.y);
    await b.waitUntil(async () => (await panelElement()) !== null, { timeout: 5000 });
    const opened = await panelElement();
    // The click lands on whatever symbol is drawn there; it must be 中医药谷 (静海, alone).
    assert.equal(opened, "tcm-valley");
    const quote = await b.$("#panel .quote blockquote").getText();
    const detail = cli("show", "tcm-valley");
    assert.equal(quote, detail.quotes[0].text);
    const seed = readFileSync(join(ROOT, "data/plan/seeds/002.txt"), "utf8") + readFileSync(join(ROOT, "data/plan/seeds/000.txt"), "utf8");
    assert.ok(seed.includes(quote), "the quote is verbatim plan text");
    const basis = await b.$("#panel .basis").getAttribute("data-basis");
    assert.equal(basis, detail.summary.location_basis);
    await shot(b, "02-detail-tcm-valley");
  });

  it("a quote's citation opens the plan reader at its paragraph, and the paragraph links back", async () => {
    const b = app.browser;
    await b.$("#panel .quote .cite").click();
    await b.waitUntil(async () => (await b.execute(() => document.getElementById("sidebar").dataset.tab)) === "plan", { timeout: 3000 });
    await b.waitUntil(async () => (await b.execute(() => document.querySelector(".tab-plan").dataset.shown || "")) !== "", { timeout: 3000 });
    const shown = await b.execute(() => document.querySelector(".tab-plan").dataset.shown);
    const detail = cli("show", "tcm-valley");
    assert.equal(shown, `${detail.quotes[0].section_id}:${detail.quotes[0].paragraph_ord ?? ""}`);
    const paragraph = await b.$(`#par-${detail.quotes[0].section_id}-${detail.quotes[0].paragraph_ord}`);
    assert.ok((await paragraph.getText()).includes(detail.quotes[0].text));
    await shot(b, "03-reader-at-quote");
    // Back: the paragraph's mention opens the element again.
    await paragraph.$('button.mention[data-element="tcm-valley"]').click();
    await b.waitUntil(async () => (await panelElement()) === "tcm-valley", { timeout: 3000 });
  });

  it("search 信创 finds 中国信创谷 first and Enter flies to it", async () => {
    const b = app.browser;
    const input = await b.$("#search");
    await input.click();
    await input.setValue("信创");
    await b.waitUntil(async () => (await b.$$("#search-results .result").length) > 0, { timeout: 3000 });
    const first = await b.$("#search-results .result-element").getAttribute("data-element");
    assert.equal(first, "xinchuang-valley");
    const groups = await b.$$("#search-results .result-group").map((g) => g.getText());
    assert.ok(groups.length >= 2, `grouped results: ${groups}`);
    await shot(b, "04-search-xinchuang");
    await b.keys("Enter");
    await b.waitUntil(async () => (await panelElement()) === "xinchuang-valley", { timeout: 3000 });
    await b.pause(1200); // the fly-to animation
    const centre = await b.execute(() => {
      const p = window.atlasTest.screenPointOf("xinchuang-valley");
      const m = document.getElementById("map").getBoundingClientRect();
      return { dx: Math.abs(p.x - m.width / 2), dy: Math.abs(p.y - m.height / 2), w: m.width, h: m.height };
    });
    assert.ok(centre.dx < centre.w * 0.25 && centre.dy < centre.h * 0.25, `flew near it: ${JSON.stringify(centre)}`);
    await shot(b, "05-flown-to-xinchuang");
  });

  it("the district view of 滨海新区 lists its elements with the core's counts", async () => {
    const b = app.browser;
    await b.$('.tabs button[data-tab="districts"]').click();
    await b.$('button.district-item[data-district="120116"]').click();
    await b.waitUntil(async () => (await panelElement()) === "district:120116", { timeout: 3000 });
    const report = cli("district", "120116");
    const listed = await b.$$("#panel .district-group .element-link").map((e) => e.getAttribute("data-element"));
    assert.deepEqual([...listed].sort(), report.elements.map((e) => e.id).sort());
    const bars = await b.$$("#panel .bar-chart .bar-value").map((e) => e.getText());
    assert.deepEqual(bars.map(Number), report.counts_by_category.map(([, n]) => n));
    await b.pause(1000);
    await shot(b, "06-district-binhai");
  });

  it("the language switch changes map labels and panels", async () => {
    const b = app.browser;
    await b.$("#lang-toggle").click();
    await b.waitUntil(async () => (await b.execute(() => document.body.dataset.lang)) === "en", { timeout: 3000 });
    await b.pause(300);
    const labels = await b.execute(() => window.atlasTest.visibleLabels());
    assert.ok(labels.includes("Binhai New Area"), `English district label: ${labels.join(" | ")}`);
    assert.ok(!labels.includes("滨海新区"));
    const heading = await b.$("#panel h2").getText();
    assert.equal(heading, "Binhai New Area");
    const tab = await b.$('.tabs button[data-tab="layers"]').getText();
    assert.equal(tab, "Layers");
    await shot(b, "07-english");
    await b.$("#lang-toggle").click();
    await b.waitUntil(async () => (await b.execute(() => document.body.dataset.lang)) === "zh", { timeout: 3000 });
  });

  it("theme filter shows only the elements serving a field", async () => {
    const b = app.browser;
    await b.$('.tabs button[data-tab="themes"]').click();
    await b.$('button.theme-name[data-theme="biotech-medicine"]').click();
    const themes = cli("--db", join(app.dataDir, "atlas.gpkg"), "zones"); // the app's own file opens in the CLI too
    assert.ok(themes.length > 0);
    const counts = await b.execute(() => window.atlasTest.drawnCounts());
    const catalog = await b.execute(() => window.atlasTest.catalog());
    const ids = catalog.themes.find((t) => t.id === "biotech-medicine").element_ids;
    assert.equal(counts.points + counts.areas >= ids.length && counts.points + counts.areas < catalog.elements.length, true);
    await shot(b, "08-theme-biotech");
    await b.$("button.clear-filter").click();
  });

  it("made no request that left the machine, and cannot make one", async () => {
    const b = app.browser;
    // Everything the page loaded: the document, scripts, stylesheets (and what they import),
    // images, and any resource timing entries WebKit recorded.
    const urls = await b.execute(() => {
      const out = [location.href];
      document.querySelectorAll("script[src]").forEach((s) => out.push(s.src));
      document.querySelectorAll("link[href]").forEach((l) => out.push(l.href));
      document.querySelectorAll("img[src]").forEach((i) => out.push(i.src));
      for (const sheet of document.styleSheets) {
        if (sheet.href) out.push(sheet.href);
        for (const rule of sheet.cssRules) {
          const m = rule.cssText.match(/url\(["']?([^"')]+)/g) || [];
          m.forEach((u) => out.push(new URL(u.replace(/^url\(["']?/, ""), sheet.href || location.href).href));
        }
      }
      performance.getEntriesByType("resource").forEach((r) => out.push(r.name));
      return out;
    });
    const local = /^(tauri:\/\/localhost|ipc:\/\/localhost|http:\/\/(ipc|tauri)\.localhost|data:|blob:)/;
    const nonLocal = urls.filter((u) => !local.test(u));
    assert.deepEqual(nonLocal, [], `non-local requests: ${nonLocal.join(", ")}`);
    assert.ok(urls.filter((u) => /\.js$/.test(u)).length >= 1 && urls.filter((u) => /\.css$/.test(u)).length >= 1, urls.join("\n"));
    // The content security policy refuses any remote origin.
    const outcome = await b.executeAsync((done) => {
      let violated = "";
      document.addEventListener("securitypolicyviolation", (e) => (violated = e.blockedURI), { once: true });
      fetch("https://example.com/probe")
        .then(() => done("fetched"))
        .catch(() => setTimeout(() => done(`blocked:${violated}`), 50));
    });
    assert.match(outcome, /^blocked:/, outcome);
  });
});
