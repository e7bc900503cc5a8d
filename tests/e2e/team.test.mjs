// End-to-end: the Team panel against a real PostgreSQL 15 + PostGIS server (a throwaway
// cluster, prepared by `atlas team init`). The app is pointed at it through the panel, a note
// made in the app goes up with Sync (pending → 0, the note on the server), a second desktop
// (another atlas file, driven by the CLI) edits the same note first, and the conflict this
// makes is resolved in the panel (keep mine) and synced back. The cluster is stopped at the
// end, also when a step fails. Screenshots: test-output/e2e/team-{zh,en}.png.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { ROOT, shot, useApp } from "./harness.mjs";
import { startCluster } from "./pgCluster.mjs";

const ATLAS = join(ROOT, "target/release/atlas");
const MINE = "团队同步的笔记 a note for the team";
const BOBS = "鲍勃改过 Bob changed it";
const MINE_AGAIN = "我的改动 my change";

let app;
let pg;
const appDb = () => join(app.dataDir, "atlas.gpkg");
const bobDb = () => join(app.dataDir, "bob.gpkg");
const atlas = (...args) => execFileSync(ATLAS, args, { encoding: "utf8", stdio: "pipe" });
const serverNotes = () => pg.sql("bureau", "SELECT text FROM atlas_team.notes ORDER BY text").split("\n").filter(Boolean);
const panelText = (b, sel) => b.$(sel).getText();
const pendingCount = (b) => b.execute(() => document.getElementById("team-pending")?.dataset.count ?? "");

/** Shows the Team tab afresh (the panel reads the status when shown). */
async function openTeamTab(b) {
  await b.$('nav.tabs button[data-tab="layers"]').click();
  await b.$('nav.tabs button[data-tab="teamTab"]').click();
  await b.$("#team-sync").waitForExist({ timeout: 5000, timeoutMsg: "the Team panel is drawn" });
}

async function syncInPanel(b) {
  await b.$("#team-sync").click();
  // The sync runs in the shell's background: the page says so and stays usable.
  await b.waitUntil(async () => (await b.$$("#team-outcome").length) === 1 && (await b.$$("#team-syncing").length) === 0, { timeout: 20000, timeoutMsg: "the sync finishes and says how it went" });
}

describe("the Team panel against a PostGIS server", () => {
  before(() => {
    pg = startCluster();
    pg.sql("postgres", "CREATE DATABASE bureau");
    atlas("team", "init", "--server", pg.url("postgres", "bureau"));
    pg.sql("bureau", "CREATE ROLE alice LOGIN; CREATE ROLE bob LOGIN;");
    for (const who of ["alice", "bob"]) atlas("team", "member", who, "--role", "editor", "--server", pg.url("postgres", "bureau"));
  });
  after(() => pg?.stop());
  useApp({}, (launched) => (app = launched));

  it("syncs a note made in the app, after the server is chosen in the panel", async () => {
    const b = app.browser;
    // The second desktop starts from the same plan: a copy of the app's atlas before it ever synced.
    execFileSync("sqlite3", [appDb(), `.backup '${bobDb()}'`]);

    await openTeamTab(b);
    assert.equal(await panelText(b, "#team-last-sync"), "从未同步");
    const refused = await b.$("#team-server");
    await refused.setValue("postgresql://alice:secret@localhost/bureau");
    await b.$("#team-server-save").click();
    await b.waitUntil(async () => (await panelText(b, ".team-server-said")).includes("pgpass"), { timeout: 3000, timeoutMsg: "an address with a password is refused, pointing to ~/.pgpass" });
    await b.$("#team-server").setValue(pg.url("alice", "bureau"));
    await b.$("#team-server-save").click();
    await b.waitUntil(async () => (await panelText(b, "#team-server-shown")) === pg.url("alice", "bureau"), { timeout: 3000 });

    // A note, made the user's way: search, the element's panel, the note box.
    await b.$("#search").setValue("中医药谷");
    await b.waitUntil(async () => (await b.$$("#search-results .result-element").length) > 0, { timeout: 3000 });
    await b.keys(["Enter"]);
    const box = '#panel section[data-notes="element:tcm-valley"]';
    await b.$(`${box} .note-input`).waitForExist({ timeout: 3000 });
    await b.$(`${box} .note-input`).setValue(MINE);
    await b.$(`${box} .add-note`).click();
    await b.waitUntil(async () => (await b.$$(`${box} .note`).length) === 1, { timeout: 3000 });

    await openTeamTab(b);
    assert.equal(await pendingCount(b), "1");
    assert.match(await panelText(b, "#team-pending"), /笔记 1/);
    await syncInPanel(b);
    await b.waitUntil(async () => (await pendingCount(b)) === "0", { timeout: 5000, timeoutMsg: "nothing pending after the sync" });
    assert.equal(await b.$("#team-outcome").getAttribute("data-ok"), "true");
    assert.equal(await b.$("#team-who").getAttribute("data-role"), "editor");
    assert.match(await panelText(b, "#team-who"), /alice/);
    assert.notEqual(await panelText(b, "#team-last-sync"), "从未同步");
    assert.deepEqual(serverNotes(), [MINE]);
    const stored = JSON.parse(atlas("--json", "--db", appDb(), "team", "status"));
    assert.equal(stored.server, pg.url("alice", "bureau"), "the atlas keeps the address, and no password");
  });

  it("shows a conflict with a second desktop and resolves it: keep mine", async () => {
    const b = app.browser;
    // Alice's laptop (a second atlas file, the same role: an editor may change only her own
    // notes) pulls the note, edits it (any program writing the file: sqlite3 here), syncs first.
    const bob = pg.url("alice", "bureau");
    atlas("--db", bobDb(), "sync", "--server", bob);
    assert.equal(execFileSync("sqlite3", [bobDb(), "SELECT text FROM user_notes"], { encoding: "utf8" }).trim(), MINE);
    execFileSync("sqlite3", [bobDb(), `UPDATE user_notes SET text = '${BOBS}', updated_at = '2026-11-30T10:00:00Z'`]);
    atlas("--db", bobDb(), "sync");
    assert.deepEqual(serverNotes(), [BOBS]);

    // Meanwhile the same note was changed here.
    const note = JSON.parse(atlas("--json", "--db", appDb(), "notes"))[0];
    await b.execute((id, text) => window.__TAURI_INTERNALS__.invoke("update_note", { id, text }), note.id, MINE_AGAIN);
    await openTeamTab(b);
    assert.equal(await pendingCount(b), "1");
    await syncInPanel(b);
    assert.match(await panelText(b, "#team-outcome"), /新冲突 1/);
    const row = await b.$("#team-conflict-list li[data-status=open]");
    await row.waitForExist({ timeout: 5000, timeoutMsg: "the conflict is listed" });
    assert.match(await row.$(".kept q").getText(), /Bob changed it/);
    assert.match(await row.$(".other q").getText(), /my change/);
    await shot(b, "team-zh");

    await row.$('button[data-keep="mine"]').click();
    await b.waitUntil(async () => (await b.$$("#team-conflict-list li[data-status=kept_mine]").length) === 1, { timeout: 5000, timeoutMsg: "the conflict shows as resolved" });
    await syncInPanel(b);
    await b.waitUntil(async () => (await pendingCount(b)) === "0", { timeout: 5000 });
    assert.deepEqual(serverNotes(), [MINE_AGAIN], "keep mine puts this desktop's version on the server");
    assert.equal(pg.sql("bureau", "SELECT status FROM atlas_team.conflicts"), "kept_mine");
    atlas("--db", bobDb(), "sync");
    assert.equal(execFileSync("sqlite3", [bobDb(), "SELECT text FROM user_notes"], { encoding: "utf8" }).trim(), MINE_AGAIN);

    // The same panel in English.
    await b.$("#lang-toggle").click();
    await openTeamTab(b);
    await b.waitUntil(async () => (await panelText(b, ".team-panel h3")) === "Shared team atlas", { timeout: 3000 });
    assert.match(await panelText(b, "#team-conflict-list"), /kept mine/);
    assert.match(await panelText(b, "#team-outcome"), /^Synced: pushed 1/, "the last outcome follows the language");
    await shot(b, "team-en");
  });

  it("keeps a refused change pending and shows the server's words", async () => {
    const b = app.browser;
    pg.sql("bureau", "REVOKE atlas_editor FROM alice; GRANT atlas_viewer TO alice;");
    await b.execute((text) => window.__TAURI_INTERNALS__.invoke("add_note", { kind: "element", id: "tcm-valley", text }), "只读时的笔记 written as a viewer");
    await openTeamTab(b);
    await syncInPanel(b);
    assert.equal(await b.$("#team-outcome").getAttribute("data-ok"), "false");
    assert.match(await panelText(b, "#team-outcome .server-words"), /refused/);
    assert.equal(await pendingCount(b), "1", "the refused note stays pending");
    assert.equal(await b.$("#team-who").getAttribute("data-role"), "viewer");
    await shot(b, "team-refused-en");
  });
});
