// Which plan features are under the pointer: symbols within their radius, areas containing the
// point (even-odd over every ring, holes included). Pure, so it is unit-tested.

/** True when (lon, lat) is inside the multipolygon (rings as flat lon/lat arrays). */
export function polygonsContain(polygons: Float32Array[][], lon: number, lat: number): boolean {
  for (const rings of polygons) {
    let inside = false;
    for (const r of rings) {
      for (let i = 0, j = r.length - 2; i < r.length; j = i, i += 2) {
        const [xi, yi, xj, yj] = [r[i], r[i + 1], r[j], r[j + 1]];
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    if (inside) return true;
  }
  return false;
}

/** Element ids in the order given, each once. */
export function distinctIds(ids: string[]): string[] {
  return [...new Set(ids)];
}
