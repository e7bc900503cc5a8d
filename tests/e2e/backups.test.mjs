// End-to-end: a reset is undone from the backup it made — through the shell's commands as the
// page calls them — and File → Restore from backup… lists that backup with what it holds.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { pageInvoke, shot, useApp } from "./harness.mjs";

describe("backups and restore in the app", () => {
  const run = useApp();

  it("restores the note a reset removed, and lists the backup in the dialog", async () => {
    const b = run.app.browser;
    const note = await pageInvoke(b, "add_note", { kind: "element", id: "xinchuang-valley", text: "重置前的笔记 before the reset" });
    assert.ok(note.ok, JSON.stringify(note));
    const reset = await pageInvoke(b, "reset_to_default", {});
    assert.ok(reset.ok, JSON.stringify(reset));
    assert.equal((await pageInvoke(b, "all_notes", {})).value.length, 0, "the reset removed the note");

    const listed = (await pageInvoke(b, "list_backups", {})).value;
    const backup = listed.find((x) => x.kind === "reset");
    assert.ok(backup, JSON.stringify(listed));
    assert.equal(backup.notes, 1);

    // The dialog the menu opens lists it.
    await b.execute(() => window.__TAURI_INTERNALS__.invoke("plugin:event|emit", { event: "menu", payload: "restore-backup" }));
    const dialog = await b.$("#restore-dialog");
    await dialog.waitForDisplayed({ timeout: 5000, timeoutMsg: "File → Restore from backup… opens its dialog" });
    assert.ok(await b.$(`[data-backup="${backup.file_name}"]`).isExisting(), "the reset backup is listed");
    await shot(b, "52-restore-dialog");
    await b.execute(() => document.querySelector("#restore-dialog button:not(.primary)").click());

    const restored = await pageInvoke(b, "restore_backup", { fileName: backup.file_name });
    assert.ok(restored.ok, JSON.stringify(restored));
    const notes = (await pageInvoke(b, "all_notes", {})).value;
    assert.deepEqual(notes.map((n) => n.text), ["重置前的笔记 before the reset"]);
    const after_ = (await pageInvoke(b, "list_backups", {})).value;
    assert.ok(after_.some((x) => x.kind === "restore" && x.notes === 0), "the file before the restore is kept too");

    const refused = await pageInvoke(b, "restore_backup", { fileName: "../atlas.gpkg" });
    assert.equal(refused.ok, false);
    assert.equal(refused.failure.kind, "not_found");
  });
});
