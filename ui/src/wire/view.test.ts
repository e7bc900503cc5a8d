import { describe, expect, it } from "vitest";
import { decodeView } from "./view";

// The bytes crates/atlas-core/src/wire/view.rs `pack` writes for one triangle, one dot,
// one cluster of 5 and one point.
function sample(): ArrayBuffer {
  const b = new ArrayBuffer(8 + 24 + 20 + 12 + 24 + 8 + 12 + 8);
  const v = new DataView(b);
  new Uint8Array(b).set(new TextEncoder().encode("TJV1"));
  v.setFloat64(8, 1000, true);
  v.setFloat64(16, 2000, true);
  v.setFloat64(24, 11, true);
  [1, 1, 1, 1, 4].forEach((n, i) => v.setUint32(32 + 4 * i, n, true));
  let at = 52;
  for (const n of [1, 1, 3]) (v.setUint32(at, n, true), (at += 4));
  for (const f of [0, 0, 10, 0, 0, 10]) (v.setFloat32(at, f, true), (at += 4));
  for (const f of [5, 5]) (v.setFloat32(at, f, true), (at += 4));
  v.setFloat32(at, 20, true);
  v.setFloat32(at + 4, 30, true);
  v.setUint32(at + 8, 5, true);
  at += 12;
  v.setFloat32(at, 7, true);
  v.setFloat32(at + 4, 8, true);
  return b;
}

describe("decodeView", () => {
  it("reads every part of a view", () => {
    const d = decodeView(sample());
    expect([d.originX, d.originY, d.zoom, d.inView]).toEqual([1000, 2000, 11, 4]);
    expect(d.shapes[0].area).toBe(true);
    expect(Array.from(d.shapes[0].parts[0])).toEqual([0, 0, 10, 0, 0, 10]);
    expect(Array.from(d.dots)).toEqual([5, 5]);
    expect(d.clusters).toEqual([{ x: 20, y: 30, count: 5 }]);
    expect(Array.from(d.points)).toEqual([7, 8]);
  });

  it("refuses other bytes", () => {
    expect(() => decodeView(new ArrayBuffer(64))).toThrow();
  });
});
