// Where each district is named on screen. Its label point when that is in view; otherwise,
// zoomed in to a few streets of it, a point of a coarse grid over the view that lies inside
// it — so district names stay on at every zoom (issue 15: at 1–3 km the map was unlabelled).
// Pure, so it is unit-tested.

import type { WireGeometry } from "../wire/layer";
import { polygonsContain } from "./hitTest";

export interface ViewBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

const inView = (v: ViewBox, lon: number, lat: number) => lon >= v.west && lon <= v.east && lat >= v.south && lat <= v.north;

/** [lon, lat] to name each district at, for the districts in view. */
export function districtAnchors(districts: { adcode: string; label: [number, number] }[], rings: Map<string, WireGeometry>, view: ViewBox, cols = 5, rows = 4): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  const grid: [number, number][] = [];
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) grid.push([view.west + ((j + 0.5) / cols) * (view.east - view.west), view.north - ((i + 0.5) / rows) * (view.north - view.south)]);
  for (const d of districts) {
    if (inView(view, d.label[0], d.label[1])) {
      out.set(d.adcode, d.label);
      continue;
    }
    const g = rings.get(d.adcode);
    if (g?.kind !== "multipolygon") continue;
    const hit = grid.find(([lon, lat]) => polygonsContain(g.polygons, lon, lat));
    if (hit) out.set(d.adcode, hit);
  }
  return out;
}
