import { describe, expect, it } from "vitest";
import { keyToCommand, step } from "./keys";

describe("presentation keys", () => {
  it("understands what clickers and keyboards send", () => {
    for (const k of ["PageDown", "ArrowRight", " ", "ArrowDown"]) expect(keyToCommand(k, "").kind).toBe("next");
    for (const k of ["PageUp", "ArrowLeft", "ArrowUp"]) expect(keyToCommand(k, "").kind).toBe("prev");
    expect(keyToCommand("Home", "").kind).toBe("first");
    expect(keyToCommand("End", "").kind).toBe("last");
    expect(keyToCommand("Escape", "").kind).toBe("exit");
    expect(keyToCommand("7", "")).toEqual({ kind: "digit", digit: "7" });
    expect(keyToCommand("Enter", "12")).toEqual({ kind: "goto", stop: 12 });
    expect(keyToCommand("Enter", "").kind).toBe("next");
  });

  it("moves within the tour and never past its ends", () => {
    expect(step(0, 5, { kind: "prev" })).toBe(0);
    expect(step(4, 5, { kind: "next" })).toBe(4);
    expect(step(2, 5, { kind: "next" })).toBe(3);
    expect(step(2, 5, { kind: "last" })).toBe(4);
    expect(step(3, 5, { kind: "goto", stop: 1 })).toBe(0);
    expect(step(3, 5, { kind: "goto", stop: 9 })).toBe(3);
  });
});
