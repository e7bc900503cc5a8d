import { describe, expect, it } from "vitest";
import { distinctIds, polygonsContain } from "./hitTest";

const square = (x0: number, y0: number, s: number) => new Float32Array([x0, y0, x0 + s, y0, x0 + s, y0 + s, x0, y0 + s, x0, y0]);

describe("polygonsContain", () => {
  it("finds a point inside any polygon and not in a hole", () => {
    const withHole = [[square(0, 0, 10), square(4, 4, 2)]];
    expect(polygonsContain(withHole, 1, 1)).toBe(true);
    expect(polygonsContain(withHole, 5, 5)).toBe(false);
    expect(polygonsContain(withHole, 11, 5)).toBe(false);
    expect(polygonsContain([[square(0, 0, 1)], [square(20, 20, 1)]], 20.5, 20.5)).toBe(true);
  });
  it("keeps each element once, first place first", () => {
    expect(distinctIds(["a", "b", "a", "c"])).toEqual(["a", "b", "c"]);
  });
});
