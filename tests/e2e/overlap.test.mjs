// End-to-end: where plan features overlap under the pointer, a click offers them as a short
// list (issue 13). In 静海区 the district's micro-centre and the district as host both cover
// the district: a click inside it lists both (and the district itself), and each entry opens
// what it names. At the overview, crowded clusters (the 滨海 core) are one grouped symbol each
// (the core's rule, render/grouping.rs), and no two symbols on the map overlap (issue 15).

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { shot, useApp } from "./harness.mjs";

let app;

async function clickMap(x, y) {
  const map = await app.browser.$("#map");
  const size = await map.getSize();
  await app.browser.action("pointer").move({ origin: map, x: Math.round(x - size.width / 2), y: Math.round(y - size.height / 2) }).down().up().perform();
}

describe("overlapping features", () => {
  useApp({}, (launched) => (app = launched));

  it("a click in 静海区 offers the stacked areas and the district, and each opens", async () => {
    const b = app.browser;
    // Fly-free: fit 静海区 and find a spot inside it away from every symbol.
    const spot = await b.execute(() => {
      const d = window.atlasTest.catalog().districts.find((x) => x.district.name_zh === "静海区");
      const map = window.atlasTest.debugMap.map;
      map.fitBounds([[d.bbox[1], d.bbox[0]], [d.bbox[3], d.bbox[2]]], { animate: false });
      const c = map.latLngToContainerPoint([d.label[1], d.label[0]]);
      // Away from the district's own symbol and label (a symbol takes the click itself).
      for (let r = 40; r < 240; r += 10) {
        for (const [dx, dy] of [[r, 0], [-r, 0], [0, r], [0, -r], [r, r], [-r, -r]]) {
          const ids = window.atlasTest.elementsAt(c.x + dx, c.y + dy);
          const label = document.elementFromPoint(map.getContainer().getBoundingClientRect().left + c.x + dx, map.getContainer().getBoundingClientRect().top + c.y + dy);
          if (ids.length >= 2 && !label?.classList.contains("label")) return { x: c.x + dx, y: c.y + dy, ids };
        }
      }
      return null;
    });
    assert.ok(spot, "a spot in 静海区 where areas overlap");
    assert.ok(spot.ids.includes("micro-centre-jinghai") && spot.ids.includes("jinghai-district"), JSON.stringify(spot.ids));
    await b.pause(300);
    await clickMap(spot.x, spot.y);
    await b.$("#chooser").waitForDisplayed({ timeout: 3000, timeoutMsg: `the list of overlapping features opens (click at ${JSON.stringify(spot)})` });
    const offered = await b.execute(() => [...document.querySelectorAll("#chooser [data-element]")].map((el) => el.dataset.element));
    assert.deepEqual([...offered].sort(), [...spot.ids].sort());
    assert.equal(await b.execute(() => document.querySelector("#chooser [data-district]")?.dataset.district), "120118");
    assert.equal(await b.execute(() => document.getElementById("panel").hidden), true, "nothing was picked for the user");
    await shot(b, "60-overlap-chooser-jinghai");

    await b.$('#chooser [data-element="micro-centre-jinghai"]').click();
    await b.waitUntil(async () => (await b.execute(() => document.getElementById("panel").dataset.element)) === "micro-centre-jinghai", { timeout: 3000, timeoutMsg: "the chosen element's panel opens" });
    assert.equal(await b.execute(() => document.getElementById("chooser")), null, "the list closes");

    await clickMap(spot.x, spot.y);
    await b.$("#chooser").waitForDisplayed({ timeout: 3000 });
    await b.$("#chooser [data-district]").click();
    await b.waitUntil(async () => (await b.execute(() => document.getElementById("panel").dataset.kind)) === "district", { timeout: 3000, timeoutMsg: "the district opens from the list" });
    await b.keys(["Escape"]);
  });

  it("a click on a symbol opens it directly", async () => {
    const b = app.browser;
    await b.pause(1200); // the district's fly-to ends
    const p = await b.execute(() => window.atlasTest.screenPointOf("tcm-university"));
    await clickMap(p.x, p.y);
    await b.waitUntil(async () => (await b.execute(() => document.getElementById("panel").dataset.element)) === "tcm-university", { timeout: 3000, timeoutMsg: "the symbol's panel opens" });
    assert.equal(await b.execute(() => document.getElementById("chooser")), null);
  });
});

/** Pairs of symbols drawn now (each alone or grouped) that overlap: closer than their radii. */
const overlapsNow = (b) =>
  b.execute(() => {
    const m = window.atlasTest.debugMap;
    const size = m.map.getSize();
    const all = m.drawnSymbols().filter((s) => s.x >= 0 && s.y >= 0 && s.x <= size.x && s.y <= size.y);
    const bad = [];
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const d = Math.hypot(all[i].x - all[j].x, all[i].y - all[j].y);
        if (d < all[i].radius + all[j].radius - 0.5) bad.push(`${all[i].ids.join("+")} / ${all[j].ids.join("+")}: ${d.toFixed(1)} px`);
      }
    }
    return { count: all.length, bad, groups: m.drawnSymbols().filter((s) => s.ids.length > 1).map((s) => s.ids) };
  });

describe("crowded clusters at the overview", () => {
  useApp({}, (launched) => (app = launched));

  for (const lang of ["zh", "en"]) {
    it(`are grouped, and no two symbols overlap (${lang})`, async () => {
      const b = app.browser;
      if (lang === "en") {
        await b.$("#lang-toggle").click();
        await b.waitUntil(async () => (await b.execute(() => document.documentElement.lang)).startsWith("en"), { timeout: 3000 });
      }
      await b.execute(() => {
        const m = window.atlasTest.debugMap;
        m.map.fitBounds([[38.55, 116.7], [40.26, 118.06]], { animate: false });
        m.relayout();
      });
      await b.pause(300);
      const now = await overlapsNow(b);
      await shot(b, `70-overview-grouped-${lang}`);
      assert.ok(now.count > 30, `the overview draws the plan's symbols (${now.count})`);
      assert.deepEqual(now.bad, [], "no two symbols overlap at the overview");
      // The 滨海 core (the 滨海高新区 and 中国信创谷 among others) is one grouped symbol.
      const binhai = now.groups.find((g) => g.includes("xinchuang-valley"));
      assert.ok(binhai && binhai.length >= 5, `the 滨海 core is grouped: ${JSON.stringify(now.groups)}`);
      const badge = await b.$(`.symbol-group[data-members~="xinchuang-valley"]`);
      assert.equal(await badge.getText(), String(binhai.length), "the grouped symbol shows its count");
      const title = await badge.getAttribute("title");
      assert.match(title, lang === "zh" ? /标于其重心/ : /at their centroid/, "the grouped symbol says where it stands, in the page's language");

      // Without the core's grouping the same check finds overlaps: it measures what it claims.
      const ungrouped = await b.execute(() => {
        const m = window.atlasTest.debugMap;
        const table = window.atlasTest.catalog().symbol_groups;
        m.plan.setGroups([]);
        m.relayout();
        return table.length;
      });
      assert.ok(ungrouped > 0);
      const before = await overlapsNow(b);
      await shot(b, `71-overview-ungrouped-${lang}`);
      await b.execute(() => {
        const m = window.atlasTest.debugMap;
        m.plan.setGroups(window.atlasTest.catalog().symbol_groups);
        m.relayout();
      });
      assert.ok(before.bad.length > 0, "leader lines alone leave symbols overlapping at the overview");
    });
  }

  it("a click on a grouped symbol lists its members, each with its basis; a double click zooms in to them", async () => {
    const b = app.browser;
    const badge = await b.$(`.symbol-group[data-members~="xinchuang-valley"]`);
    const members = (await badge.getAttribute("data-members")).split(" ");
    await badge.click();
    await b.$("#chooser").waitForDisplayed({ timeout: 3000, timeoutMsg: "the members' list opens" });
    const listed = await b.execute(() => [...document.querySelectorAll("#chooser [data-element]")].map((el) => el.dataset.element));
    assert.deepEqual([...listed].sort(), [...members].sort());
    await shot(b, "72-group-members-en");
    await b.keys(["Escape"]);
    const zoom = await b.execute(() => window.atlasTest.debugMap.map.getZoom());
    await badge.doubleClick();
    await b.waitUntil(async () => (await b.execute(() => window.atlasTest.debugMap.map.getZoom())) > zoom + 1, { timeout: 4000, timeoutMsg: "the map zooms in to the group" });
    await b.pause(1200);
    const after = await overlapsNow(b);
    assert.ok(!after.groups.some((g) => g.includes("xinchuang-valley")), `zoomed in, the members stand alone: ${JSON.stringify(after.groups)}`);
    assert.deepEqual(after.bad, []);
    await shot(b, "73-group-zoomed-en");
  });
});

