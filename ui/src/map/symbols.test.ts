import { describe, expect, it, vi } from "vitest";

// symbols.ts extends Leaflet on import; give it a minimal stand-in so the pure geometry can be
// tested in Node (Leaflet itself needs a browser window).
vi.mock("leaflet", () => ({ default: { CircleMarker: { extend: () => class {} }, Canvas: { include: () => {} } } }));
const { symbolVertices, symbolSvgPath } = await import("./symbols");

describe("symbolVertices", () => {
  it("draws each shape with its number of corners, centred", () => {
    const corners = { square: 4, diamond: 4, triangle: 3, hexagon: 6, star: 10, circle: 0 };
    for (const [name, n] of Object.entries(corners)) {
      const v = symbolVertices(name, 8);
      expect(v.length).toBe(n);
      if (n > 0 && name !== "triangle") {
        const cx = v.reduce((s, [x]) => s + x, 0) / n;
        const cy = v.reduce((s, [, y]) => s + y, 0) / n;
        expect(Math.abs(cx)).toBeLessThan(1e-9);
        expect(Math.abs(cy)).toBeLessThan(1e-9);
      }
    }
  });

  it("keeps every shape within about 1.5 radii, so hit-testing by radius stays fair", () => {
    for (const name of ["square", "diamond", "triangle", "hexagon", "star"]) {
      for (const [x, y] of symbolVertices(name, 10)) expect(Math.hypot(x, y)).toBeLessThanOrEqual(15.01);
    }
  });

  it("gives legends a closed SVG path", () => {
    expect(symbolSvgPath("diamond", 5, 10, 10)).toMatch(/^M .* Z$/);
  });
});
