import { describe, expect, it } from "vitest";
import { toUnitMercator, unitToPixel } from "./mercator";

// Leaflet's EPSG3857 for reference: x = (R·λ)·(0.5/(πR)) + 0.5, y = -(R·ln tan(π/4+φ/2))·(0.5/(πR)) + 0.5, scaled by 256·2^z.
function leafletProject(lon: number, lat: number, zoom: number): [number, number] {
  const R = 6378137;
  const d = Math.PI / 180;
  const sin = Math.sin(lat * d);
  const x = R * lon * d;
  const y = (R * Math.log((1 + sin) / (1 - sin))) / 2;
  const scale = 256 * Math.pow(2, zoom);
  const k = 0.5 / (Math.PI * R);
  return [scale * (k * x + 0.5), scale * (-k * y + 0.5)];
}

describe("toUnitMercator", () => {
  it("matches Leaflet's projection to a hundredth of a pixel at street zoom", () => {
    const pts = new Float32Array([117.2, 39.13, 116.316, 39.983, 117.696, 39.022]);
    const unit = toUnitMercator(pts);
    for (let i = 0; i < pts.length; i += 2) {
      const [x, y] = leafletProject(pts[i], pts[i + 1], 14);
      expect(Math.abs(unitToPixel(unit[i], 14) - x)).toBeLessThan(0.01);
      expect(Math.abs(unitToPixel(unit[i + 1], 14) - y)).toBeLessThan(0.01);
    }
  });
});
