import { describe, expect, it } from "vitest";
import { shortcutFor, type KeyState } from "./shortcuts";

const idle: KeyState = { presenting: false, typing: false, searchFocused: false, panelOpen: false };
const key = (k: string, mods: { ctrl?: boolean; shift?: boolean; meta?: boolean } = {}) => ({ key: k, ctrlKey: !!mods.ctrl, metaKey: !!mods.meta, shiftKey: !!mods.shift });

describe("shortcutFor", () => {
  it("presents on F5 even while presenting", () => {
    expect(shortcutFor(key("F5"), idle)).toBe("present");
    expect(shortcutFor(key("F5"), { ...idle, presenting: true })).toBe("present");
  });
  it("undoes and redoes outside text fields only", () => {
    expect(shortcutFor(key("z", { ctrl: true }), idle)).toBe("undo");
    expect(shortcutFor(key("Z", { ctrl: true, shift: true }), idle)).toBe("redo");
    expect(shortcutFor(key("y", { meta: true }), idle)).toBe("redo");
    expect(shortcutFor(key("z", { ctrl: true }), { ...idle, typing: true })).toBe(null);
    expect(shortcutFor(key("z"), idle)).toBe(null);
  });
  it("leaves keys to the presentation while presenting", () => {
    expect(shortcutFor(key("z", { ctrl: true }), { ...idle, presenting: true })).toBe(null);
    expect(shortcutFor(key("Escape"), { ...idle, presenting: true, panelOpen: true })).toBe(null);
  });
  it("focuses search on / and closes an open panel on Escape, not from the search box", () => {
    expect(shortcutFor(key("/"), idle)).toBe("focusSearch");
    expect(shortcutFor(key("/"), { ...idle, searchFocused: true })).toBe(null);
    expect(shortcutFor(key("/"), { ...idle, typing: true })).toBe(null);
    expect(shortcutFor(key("Escape"), { ...idle, panelOpen: true })).toBe("closePanel");
    expect(shortcutFor(key("Escape"), idle)).toBe(null);
    expect(shortcutFor(key("Escape"), { ...idle, panelOpen: true, searchFocused: true })).toBe(null);
  });
});
