// The basemap on one typed-array canvas, drawn in the order and palette the core sends
// (crates/atlas-core/src/style.rs: land, context units, Tianjin's districts, Tianjin's
// outline). Keeps Tianjin's district rings (for the district highlight) and the labels the
// core gave to districts, provinces and prefectures.

import L from "leaflet";
import type { BasemapProps, LabelStyle } from "../api";
import type { WireGeometry, WireLayer } from "../wire/layer";
import { toPolygonLatLngs } from "./geometry";
import { TypedCanvasLayer, type TypedFeature } from "./typedCanvasLayer";

export interface ContextLabel {
  latlng: L.LatLng;
  level: string;
  label: LabelStyle;
}

export class Basemap {
  /** Tianjin's districts by adcode: the outline drawn when one is selected. */
  readonly districtRings = new Map<string, WireGeometry>();
  /** The core's label for each district, by adcode (placed at the catalog's label point). */
  readonly districtLabels = new Map<string, LabelStyle>();
  /** Provinces and prefectures around Tianjin, named quietly. */
  readonly contextLabels: ContextLabel[] = [];

  draw(map: L.Map, layer: WireLayer<BasemapProps>, padding: number): void {
    const features: TypedFeature[] = [];
    layer.properties.forEach((p, i) => {
      const g = layer.geometries[i];
      const st = p.style;
      if (g.kind === "multipolygon") {
        features.push({ parts: g.polygons.flat(), closed: true, style: { stroke: st.stroke, weight: st.weight, ...(st.fill ? { fill: st.fill, fillOpacity: st.fill_opacity } : {}) } });
      }
      if (p.layer === "tianjin") {
        this.districtRings.set(p.adcode, g);
        if (p.label) this.districtLabels.set(p.adcode, p.label);
      } else if (p.label) {
        this.contextLabels.push({ latlng: labelPointOf(toPolygonLatLngs(g)), level: p.level, label: p.label });
      }
    });
    new TypedCanvasLayer("basemap", padding).setFeatures(features).addTo(map);
  }
}

/** The centre of the largest polygon's box: good enough for a context label. */
function labelPointOf(rings: L.LatLngExpression[][][]): L.LatLng {
  let best = rings[0];
  let bestSize = -1;
  for (const poly of rings) {
    const b = L.latLngBounds(poly[0] as L.LatLngExpression[]);
    const size = (b.getNorth() - b.getSouth()) * (b.getEast() - b.getWest());
    if (size > bestSize) [best, bestSize] = [poly, size];
  }
  return L.latLngBounds(best[0] as L.LatLngExpression[]).getCenter();
}
