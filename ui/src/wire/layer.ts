// Decoder for the atlas's geometry wire format (crates/atlas-core/src/wire/layer.rs):
// "TJG1" | u32 json_len | json | pad to 4 | u32 count | features, all little-endian.
// Coordinates stay in Float32Arrays sliced from the buffer: no per-vertex objects.

export type WireGeometry =
  | { kind: "point"; lon: number; lat: number }
  | { kind: "line"; coords: Float32Array }
  | { kind: "multipolygon"; polygons: Float32Array[][] };

export interface WireLayer<P> {
  properties: P[];
  geometries: WireGeometry[];
}

export class WireError extends Error {}

export function decodeWire<P>(buffer: ArrayBuffer): WireLayer<P> {
  const view = new DataView(buffer);
  const magic = String.fromCharCode(view.getUint8(0), view.getUint8(1), view.getUint8(2), view.getUint8(3));
  if (magic !== "TJG1") throw new WireError(`not atlas geometry (magic ${JSON.stringify(magic)})`);
  const jsonLength = view.getUint32(4, true);
  const json = new TextDecoder().decode(new Uint8Array(buffer, 8, jsonLength));
  const properties = JSON.parse(json) as P[];
  let at = Math.ceil((8 + jsonLength) / 4) * 4;
  const u32 = () => {
    const v = view.getUint32(at, true);
    at += 4;
    return v;
  };
  // Float32Array needs 4-byte alignment, which the format guarantees.
  const coords = (n: number) => {
    const a = new Float32Array(buffer, at, n * 2);
    at += n * 8;
    return a;
  };
  const count = u32();
  if (count !== properties.length) throw new WireError(`${count} geometries for ${properties.length} properties`);
  const geometries: WireGeometry[] = [];
  for (let i = 0; i < count; i++) {
    const kind = u32();
    if (kind === 1) {
      const lon = view.getFloat32(at, true);
      const lat = view.getFloat32(at + 4, true);
      at += 8;
      geometries.push({ kind: "point", lon, lat });
    } else if (kind === 2) {
      geometries.push({ kind: "line", coords: coords(u32()) });
    } else if (kind === 3) {
      const polygons: Float32Array[][] = [];
      for (let p = u32(); p > 0; p--) {
        const rings: Float32Array[] = [];
        for (let r = u32(); r > 0; r--) rings.push(coords(u32()));
        polygons.push(rings);
      }
      geometries.push({ kind: "multipolygon", polygons });
    } else {
      throw new WireError(`unknown geometry kind ${kind} at feature ${i}`);
    }
  }
  return { properties, geometries };
}

/** [lat, lng] pairs for Leaflet from a flat lon/lat array. */
export function latLngs(coords: Float32Array): [number, number][] {
  const out: [number, number][] = new Array(coords.length / 2);
  for (let i = 0; i < coords.length; i += 2) out[i / 2] = [coords[i + 1], coords[i]];
  return out;
}
