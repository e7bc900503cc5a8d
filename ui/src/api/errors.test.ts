import { describe, expect, it } from "vitest";
import { AtlasError, errorText, isCancel, toAtlasError } from "./errors";

describe("toAtlasError", () => {
  it("keeps the kind and the import's file, feature and field", () => {
    const e = toAtlasError({ kind: "import", message: "a.csv: feature 3: lon: not a number", file: "a.csv", feature: 3, field: "lon" });
    expect(e).toBeInstanceOf(AtlasError);
    expect(e.kind).toBe("import");
    expect([e.file, e.feature, e.field]).toEqual(["a.csv", 3, "lon"]);
    expect(String(e)).toBe("a.csv: feature 3: lon: not a number");
  });

  it("decides by kind, not by text", () => {
    expect(toAtlasError({ kind: "stale", message: "a newer view was asked for" }).kind).toBe("stale");
    expect(isCancel({ kind: "cancelled", message: "export cancelled" })).toBe(true);
    // A message that merely says "cancelled" is not a cancel.
    expect(isCancel({ kind: "io", message: "cancelled" })).toBe(false);
    expect(isCancel("cancelled")).toBe(false);
  });

  it("treats unknown kinds, plain strings and Errors as internal", () => {
    expect(toAtlasError({ kind: "from_the_future", message: "x" }).kind).toBe("internal");
    expect(toAtlasError("stale").kind).toBe("internal");
    const e = toAtlasError(new Error("boom"));
    expect([e.kind, e.message]).toEqual(["internal", "boom"]);
    expect(errorText({ kind: "busy", message: "an import is running" })).toBe("an import is running");
  });

  it("leaves absent optional fields absent", () => {
    const e = toAtlasError({ kind: "busy", message: "x", file: null, feature: null });
    expect("file" in e).toBe(false);
    expect("feature" in e).toBe(false);
  });
});
