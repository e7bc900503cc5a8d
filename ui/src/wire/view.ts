// Decoder for a viewport of a large layer (crates/atlas-core/src/wire/view.rs, "TJV1"):
// coordinates are already pixels at the view's zoom, relative to its top-left.

export interface ViewData {
  originX: number;
  originY: number;
  zoom: number;
  inView: number;
  /** Size of the answer on the wire. */
  bytes: number;
  /** Areas and lines: kind 1 area, 2 line; parts as flat x,y arrays. */
  shapes: { area: boolean; parts: Float32Array[] }[];
  dots: Float32Array;
  clusters: { x: number; y: number; count: number }[];
  points: Float32Array;
}

export function decodeView(buffer: ArrayBuffer): ViewData {
  const view = new DataView(buffer);
  const magic = String.fromCharCode(...new Uint8Array(buffer, 0, 4));
  if (magic !== "TJV1") throw new Error(`not a layer view (magic ${JSON.stringify(magic)})`);
  const originX = view.getFloat64(8, true);
  const originY = view.getFloat64(16, true);
  const zoom = view.getFloat64(24, true);
  let at = 32;
  const u32 = () => {
    const v = view.getUint32(at, true);
    at += 4;
    return v;
  };
  const [nShapes, nDots, nClusters, nPoints, inView] = [u32(), u32(), u32(), u32(), u32()];
  const shapes: ViewData["shapes"] = new Array(nShapes);
  for (let i = 0; i < nShapes; i++) {
    const area = u32() === 1;
    const parts: Float32Array[] = new Array(u32());
    for (let p = 0; p < parts.length; p++) {
      const n = u32();
      parts[p] = new Float32Array(buffer, at, n * 2);
      at += n * 8;
    }
    shapes[i] = { area, parts };
  }
  const dots = new Float32Array(buffer, at, nDots * 2);
  at += nDots * 8;
  const clusters: ViewData["clusters"] = new Array(nClusters);
  for (let i = 0; i < nClusters; i++) {
    clusters[i] = { x: view.getFloat32(at, true), y: view.getFloat32(at + 4, true), count: view.getUint32(at + 8, true) };
    at += 12;
  }
  const points = new Float32Array(buffer, at, nPoints * 2);
  return { originX, originY, zoom, inView, bytes: buffer.byteLength, shapes, dots, clusters, points };
}
