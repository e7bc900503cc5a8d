// What is selected: an element (its areas outlined in gold, its symbol ringed) or a district
// (its outline drawn above the plan's areas, which may cover it: 滨城 covers 滨海新区).

import L from "leaflet";
import type { WireGeometry } from "../wire/layer";
import { toPolygonLatLngs } from "./geometry";
import { POINT_RADIUS, type PlanLayer } from "./planLayer";

export class Selection {
  element: string | null = null;
  district: string | null = null;
  private halo: L.CircleMarker;
  private districtOutline: L.Polygon | null = null;

  constructor(private map: L.Map, private renderer: L.Renderer, private plan: PlanLayer) {
    this.halo = L.circleMarker([0, 0], { pane: "plan", radius: POINT_RADIUS + 7, color: "#ffd400", weight: 4, fill: false, interactive: false, renderer });
  }

  selectElement(id: string | null): void {
    for (const a of this.plan.areas) {
      if (a.id === this.element) a.layer.setStyle({ weight: a.style.weight, color: a.style.stroke });
    }
    this.element = id;
    if (!id) return;
    for (const a of this.plan.areas) {
      if (a.id === id) {
        a.layer.setStyle({ weight: a.style.weight + 2.5, color: "#e0a800" });
        a.layer.bringToFront();
      }
    }
  }

  selectDistrict(adcode: string | null, rings: WireGeometry | undefined): void {
    if (this.districtOutline) this.map.removeLayer(this.districtOutline);
    this.districtOutline = null;
    this.district = adcode;
    if (adcode && rings) {
      this.districtOutline = L.polygon(toPolygonLatLngs(rings), { renderer: this.renderer, pane: "plan", color: "#0b3d91", weight: 3.5, fill: false, interactive: false }).addTo(this.map);
    }
  }

  /** After the plan's layers were re-added: the district outline back on top. */
  raiseDistrict(): void {
    this.districtOutline?.bringToFront();
  }

  /** The ring around the selected element's symbol, where the symbol is drawn now. */
  updateHalo(): void {
    const p = this.plan.points.find((x) => x.id === this.element);
    if (p && this.plan.isVisible(p.id)) {
      this.halo.setLatLng(p.marker.getLatLng());
      this.halo.setStyle({ radius: POINT_RADIUS + 6 } as L.CircleMarkerOptions);
      if (!this.map.hasLayer(this.halo)) this.halo.addTo(this.map);
    } else if (this.map.hasLayer(this.halo)) {
      this.map.removeLayer(this.halo);
    }
  }
}
