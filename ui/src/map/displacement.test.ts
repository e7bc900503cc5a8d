import { describe, expect, it } from "vitest";
import { displace } from "./displacement";

describe("displace", () => {
  it("leaves points that do not collide where they are", () => {
    const out = displace([{ id: "a", x: 0, y: 0 }, { id: "b", x: 100, y: 0 }], 20);
    expect(out.map((p) => [p.x, p.y, p.anchor])).toEqual([[0, 0, null], [100, 0, null]]);
  });

  it("fans out a stack so that no two symbols are closer than the minimum", () => {
    const stack = Array.from({ length: 6 }, (_, i) => ({ id: `p${i}`, x: 50 + i * 0.5, y: 50 }));
    const out = displace(stack, 18);
    for (let i = 0; i < out.length; i++) {
      expect(out[i].anchor).toEqual({ x: stack[i].x, y: stack[i].y });
      for (let j = i + 1; j < out.length; j++) {
        expect(Math.hypot(out[i].x - out[j].x, out[i].y - out[j].y)).toBeGreaterThanOrEqual(17.99);
      }
    }
  });

  it("groups transitively (a chain is one group)", () => {
    const out = displace([{ id: "a", x: 0, y: 0 }, { id: "b", x: 15, y: 0 }, { id: "c", x: 30, y: 0 }], 20);
    expect(out.every((p) => p.anchor !== null)).toBe(true);
  });

  it("turns and widens a ring that would land on a lone symbol or an obstacle", () => {
    const pts = [{ id: "a", x: 0, y: 0 }, { id: "b", x: 1, y: 0 }, { id: "lone", x: 0.5, y: -22 }];
    const out = displace(pts, 20, [{ x: 0.5, y: 22, clearance: 25 }]);
    for (let i = 0; i < out.length; i++) {
      for (let j = i + 1; j < out.length; j++) expect(Math.hypot(out[i].x - out[j].x, out[i].y - out[j].y)).toBeGreaterThanOrEqual(19.99);
      expect(Math.hypot(out[i].x - 0.5, out[i].y - 22)).toBeGreaterThanOrEqual(i === 2 ? 0 : 24.99);
    }
    expect(out[2]).toEqual({ id: "lone", x: 0.5, y: -22, anchor: null });
  });
});
