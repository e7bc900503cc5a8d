import { describe, expect, it } from "vitest";
import { decodeWire, latLngs, WireError } from "./layer";

// Bytes laid out exactly as crates/atlas-core/src/wire.rs writes them (its test builds the same).
function encode(props: unknown[], build: (push: (v: number, f?: boolean) => void) => void): ArrayBuffer {
  const json = new TextEncoder().encode(JSON.stringify(props));
  const parts: number[] = [];
  const bytes: number[] = [...new TextEncoder().encode("TJG1")];
  const u32 = (v: number) => {
    const b = new DataView(new ArrayBuffer(4));
    b.setUint32(0, v, true);
    bytes.push(...new Uint8Array(b.buffer));
  };
  const f32 = (v: number) => {
    const b = new DataView(new ArrayBuffer(4));
    b.setFloat32(0, v, true);
    bytes.push(...new Uint8Array(b.buffer));
  };
  u32(json.length);
  bytes.push(...json);
  while (bytes.length % 4) bytes.push(0);
  u32(props.length);
  build((v, f) => (f ? f32(v) : u32(v)));
  void parts;
  return new Uint8Array(bytes).buffer;
}

describe("decodeWire", () => {
  it("reads points, lines and multipolygons with their properties", () => {
    const buf = encode([{ id: "a" }, { id: "b" }, { id: "c" }], (push) => {
      push(1); push(117.5, true); push(39, true);
      push(2); push(2); push(1, true); push(2, true); push(3, true); push(4, true);
      push(3); push(1); push(1); push(4);
      for (const v of [0, 0, 1, 0, 1, 1, 0, 0]) push(v, true);
    });
    const layer = decodeWire<{ id: string }>(buf);
    expect(layer.properties.map((p) => p.id)).toEqual(["a", "b", "c"]);
    expect(layer.geometries[0]).toEqual({ kind: "point", lon: 117.5, lat: 39 });
    const line = layer.geometries[1];
    expect(line.kind === "line" && latLngs(line.coords)).toEqual([[2, 1], [4, 3]]);
    const mp = layer.geometries[2];
    expect(mp.kind === "multipolygon" && mp.polygons[0][0].length).toBe(8);
  });

  it("refuses other bytes and mismatched counts", () => {
    expect(() => decodeWire(new TextEncoder().encode("NOPE0000").buffer)).toThrow(WireError);
    const short = encode([{}, {}], (push) => { push(1); push(0, true); push(0, true); });
    expect(() => decodeWire(new Uint8Array(short).buffer)).toThrow();
  });
});
