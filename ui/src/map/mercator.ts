// Web Mercator on typed arrays: lon/lat → Leaflet's world pixels, without a LatLng object per
// vertex. Matches L.CRS.EPSG3857 (spherical Mercator, 256 px tiles): tested against it.

const MAX_LAT = 85.0511287798;

/** Normalised Mercator: x, y in [0, 1] (y down), from interleaved lon/lat. */
export function toUnitMercator(lonLat: Float32Array): Float64Array {
  const out = new Float64Array(lonLat.length);
  for (let i = 0; i < lonLat.length; i += 2) {
    const lat = Math.max(-MAX_LAT, Math.min(MAX_LAT, lonLat[i + 1]));
    const sin = Math.sin((lat * Math.PI) / 180);
    out[i] = 0.5 + lonLat[i] / 360;
    out[i + 1] = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
  }
  return out;
}

/** World pixel at `zoom` for a unit-Mercator coordinate (what map.project would return). */
export function unitToPixel(u: number, zoom: number): number {
  return u * 256 * Math.pow(2, zoom);
}
