import { describe, expect, it } from "vitest";
import { runMenuItem } from "./menu";

describe("runMenuItem", () => {
  it("runs the item's handler and ignores ids it does not know", async () => {
    const ran: string[] = [];
    const table = { "zoom-tianjin": () => ran.push("zoom") };
    expect(await runMenuItem(table, "zoom-tianjin", () => undefined)).toBe(true);
    expect(await runMenuItem(table, "toString", () => undefined)).toBe(false);
    expect(await runMenuItem(table, "nope", () => undefined)).toBe(false);
    expect(ran).toEqual(["zoom"]);
  });

  it("reports a failure by its message and a cancel not at all", async () => {
    const reported: string[] = [];
    const table = {
      "reset-default": async () => Promise.reject({ kind: "busy", message: "an import is running: wait for it or cancel it" }),
      "export-gpkg": async () => Promise.reject({ kind: "cancelled", message: "export cancelled" }),
    };
    await runMenuItem(table, "reset-default", (m) => reported.push(m));
    await runMenuItem(table, "export-gpkg", (m) => reported.push(m));
    expect(reported).toEqual(["an import is running: wait for it or cancel it"]);
  });
});
