// End-to-end: tours and presenter mode in the real app — the keys a clicker sends, the
// presenter view window following the audience window, and editing tours from the UI.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { launch, pageInvoke, ROOT, shot, waitReady } from "./harness.mjs";

const cli = (...args) => JSON.parse(execFileSync(join(ROOT, "target/release/atlas"), ["--json", ...args], { encoding: "utf8" }));

let app;
let mainHandle;

const caption = () => app.browser.execute(() => document.getElementById("pres-caption")?.textContent ?? null);
const stopNo = () => app.browser.execute(() => document.body.dataset.stop ?? null);

async function presenterCaption() {
  const b = app.browser;
  const handles = await b.getWindowHandles();
  const other = handles.find((h) => h !== mainHandle);
  if (!other) return null;
  await b.switchToWindow(other);
  const text = await b.execute(() => document.getElementById("pv-current")?.textContent ?? null);
  await b.switchToWindow(mainHandle);
  return text;
}

async function press(key, expectedStop) {
  await app.browser.keys([key]);
  await app.browser.waitUntil(async () => (await stopNo()) === String(expectedStop), { timeout: 4000, timeoutMsg: `${key} should lead to stop ${expectedStop}, at ${await stopNo()}` });
}

/** Selects an element through the search box, then adds it and the current view to the open tour. */
async function addSelectedAndView(query, id) {
  const b = app.browser;
  const input = await b.$("#search");
  await input.setValue(query);
  await b.waitUntil(async () => (await b.$$("#search-results .result-element").length) > 0, { timeout: 3000 });
  await b.keys(["Enter"]);
  await b.waitUntil(async () => (await b.execute(() => document.getElementById("panel").dataset.element)) === id, { timeout: 3000 });
  await b.$('.tabs button[data-tab="tours"]').click();
  await b.$("#add-selected").click();
  await b.$("#add-view").click();
  await b.waitUntil(async () => (await b.$$(".stop-list .stop").length) === 2, { timeout: 3000 });
}

describe("tours and presenter mode", () => {
  before(async () => {
    app = await launch();
    await waitReady(app.browser);
    mainHandle = await app.browser.getWindowHandle();
  });
  after(async () => {
    await app?.stop();
  });

  it("lists the default tours and presents one with F5 and a presenter view", async () => {
    const b = app.browser;
    await b.$('.tabs button[data-tab="tours"]').click();
    await b.$('button.tour-name[data-tour="landmark-zones"]').click();
    await b.waitUntil(async () => (await b.$$(".stop-list .stop").length) === 11, { timeout: 3000 });
    const tour = cli("tours", "landmark-zones");
    await b.keys(["F5"]);
    await b.waitUntil(async () => (await caption()) === tour.stops[0].caption_zh, { timeout: 5000, timeoutMsg: `caption of stop 1, got ${await caption()}` });
    assert.ok(await b.execute(() => document.body.classList.contains("presenting")));
    await b.waitUntil(async () => (await b.getWindowHandles()).length === 2, { timeout: 8000, timeoutMsg: "the presenter view window opened" });
    await b.waitUntil(async () => (await presenterCaption()) === tour.stops[0].caption_zh, { timeout: 5000, timeoutMsg: "the presenter view shows the current stop" });
    await shot(b, "10-presenting-stop-1");

    // What a presentation clicker sends.
    await press("PageDown", 2);
    assert.equal(await caption(), "中国信创谷");
    await b.waitUntil(async () => (await presenterCaption()) === "中国信创谷", { timeout: 5000, timeoutMsg: "the presenter view follows" });
    await b.pause(1300); // the fly-to
    await shot(b, "11-presenting-xinchuang");
    await press("PageUp", 1);
    await press("ArrowRight", 2);
    await press(" ", 3);
    await press("End", 11);
    await press("PageDown", 11); // never past the end
    await press("Home", 1);
    await b.keys(["5"]);
    await press("Enter", 5);
    assert.equal(await caption(), tour.stops[4].caption_zh);
  });

  it("Esc returns to the normal view", async () => {
    const b = app.browser;
    await b.keys(["Escape"]);
    await b.waitUntil(async () => !(await b.execute(() => document.body.classList.contains("presenting"))), { timeout: 4000 });
    assert.equal(await b.execute(() => document.getElementById("presentation")), null);
    assert.ok(await b.$("#topbar").isDisplayed());
    assert.equal(await b.execute(() => window.atlasTest.drawnCounts().categories.length), cli("categories").length, "every layer is back");
  });

  it("creates a tour, adds the selected zone and the view, reorders, and the file has it", async () => {
    const b = app.browser;
    const before = cli("--db", join(app.dataDir, "atlas.gpkg"), "tours").length;
    await b.$("#new-tour").click();
    await b.waitUntil(async () => cli("--db", join(app.dataDir, "atlas.gpkg"), "tours").length === before + 1, { timeout: 3000 });
    // Select a zone through search, then add it.
    await addSelectedAndView("氢能小镇", "hydrogen-town");
    // Reorder: the view first.
    const up = await b.$$(".stop-list .stop")[1].$("button[title]");
    await up.click();
    await b.waitUntil(async () => (await b.$(".stop-list .stop .stop-target").getText()) !== "氢能小镇", { timeout: 3000 });
    const tours = cli("--db", join(app.dataDir, "atlas.gpkg"), "tours");
    const mine = tours[tours.length - 1];
    const saved = cli("--db", join(app.dataDir, "atlas.gpkg"), "tours", mine.id);
    assert.deepEqual(saved.stops.map((s) => s.element_id), [null, "hydrogen-town"]);
    assert.ok(saved.stops[0].view.every(Number.isFinite));
    // Pre-flight passes for it.
    await b.$("#preflight").click();
    await b.waitUntil(async () => (await b.$$("#preflight-result").length) === 1, { timeout: 3000 });
    assert.equal(await b.$("#preflight-result").getAttribute("class"), "preflight ok");
    await shot(b, "12-tour-editing");
  });

  it("a tour made in English writes each language's fields in that language; the stop editor labels and shows them whole", async () => {
    const b = app.browser;
    // Read through the app's own commands (the file is the app's, open in it).
    const tours = async () => (await pageInvoke(b, "tours", {})).value;
    await b.$("#lang-toggle").click();
    await b.waitUntil(async () => (await b.execute(() => document.body.dataset.lang)) === "en", { timeout: 3000 });
    const before = (await tours()).length;
    await b.$('.tabs button[data-tab="tours"]').click();
    await b.$("#new-tour").click();
    await b.waitUntil(async () => (await tours()).length === before + 1, { timeout: 3000 });
    await addSelectedAndView("Xinchuang Valley", "xinchuang-valley");
    const list = await tours();
    const mine = (await pageInvoke(b, "tour", { id: list[list.length - 1].id })).value;
    assert.equal(mine.name_zh, "新路线");
    assert.equal(mine.name_en, "New tour");
    const element = await b.execute(() => window.atlasTest.catalog().elements.find((e) => e.id === "xinchuang-valley"));
    assert.equal(mine.stops[0].caption_zh, element.name_zh, "the Chinese caption is the element's Chinese name");
    assert.equal(mine.stops[0].caption_en, element.name_en);
    assert.equal(mine.stops[1].caption_zh, "保存的视图");
    assert.equal(mine.stops[1].caption_en, "Saved view");
    // Every field of the stop editor has a label, and none is cut off.
    const fields = await b.execute(() =>
      [...document.querySelectorAll(".stop-list .stop textarea")].map((el) => ({ label: el.closest("label")?.querySelector(".field-label")?.textContent ?? "", cut: el.scrollHeight > el.clientHeight + 2 || el.scrollWidth > el.clientWidth + 2 })),
    );
    assert.equal(fields.length, 6);
    assert.deepEqual(fields.map((f) => f.label).slice(0, 3), ["Caption (Chinese)", "Caption (English)", "Speaker notes"]);
    assert.ok(fields.every((f) => !f.cut), JSON.stringify(fields));
    await shot(b, "13-tour-editing-en");
    await b.$("#lang-toggle").click();
  });
});
