// Wire geometry as Leaflet coordinates.

import type L from "leaflet";
import { latLngs, type WireGeometry } from "../wire/layer";

export function toPolygonLatLngs(g: WireGeometry): L.LatLngExpression[][][] {
  if (g.kind !== "multipolygon") return [];
  return g.polygons.map((rings) => rings.map((r) => latLngs(r)));
}
