// End-to-end: where plan features overlap under the pointer, a click offers them as a short
// list (issue 13). In 静海区 the district's micro-centre and the district as host both cover
// the district: a click inside it lists both (and the district itself), and each entry opens
// what it names.

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
