// Focus mode for presenting: a pale veil over the whole map (basemap and plan alike) and the
// element being presented drawn again above it, so the audience sees one thing at full
// strength. The veil is one huge rectangle in its own pane that moves with the map; the copy
// of the element has its own canvas, so the plan's canvas is left as it is.
// (Added by helper "room" for issue 15; the hooks are AtlasMap.setFocus and relayout.)

import L from "leaflet";
import type { AreaEntry, PointEntry } from "./planLayer";
import { SymbolMarker, type SymbolMarkerOptions } from "./symbols";

/** Far enough in every direction that no pan or zoom shows its edge. */
const VEIL_EXTENT = 100_000;

export class Focus {
  private veil: HTMLElement;
  private renderer: L.Renderer;
  private copies: L.Layer[] = [];
  private point: { entry: PointEntry; copy: L.CircleMarker; halo: L.CircleMarker } | null = null;
  id: string | null = null;

  constructor(private map: L.Map) {
    const veilPane = map.createPane("focus-veil");
    veilPane.style.zIndex = "420";
    veilPane.style.pointerEvents = "none";
    this.veil = L.DomUtil.create("div", "focus-veil", veilPane);
    Object.assign(this.veil.style, { position: "absolute", left: `${-VEIL_EXTENT}px`, top: `${-VEIL_EXTENT}px`, width: `${2 * VEIL_EXTENT}px`, height: `${2 * VEIL_EXTENT}px` });
    this.veil.hidden = true;
    const pane = map.createPane("focus");
    pane.style.zIndex = "430";
    pane.style.pointerEvents = "none";
    this.renderer = L.canvas({ pane: "focus", padding: 0.15 });
  }

  /** Veils the map and draws this element's areas and symbol above the veil; null lifts it. */
  show(id: string | null, areas: AreaEntry[], point: PointEntry | undefined): void {
    this.clear();
    this.id = id;
    if (!id) return;
    this.veil.hidden = false;
    this.map.getContainer().classList.add("focus-mode");
    for (const a of areas) {
      const options = { ...a.layer.options, renderer: this.renderer, pane: "focus", interactive: false, weight: a.style.weight + 2, color: "#e0a800" };
      const copy = a.layer instanceof L.Polygon ? L.polygon(a.layer.getLatLngs() as L.LatLng[][], options) : L.polyline(a.layer.getLatLngs() as L.LatLng[], options);
      this.copies.push(copy.addTo(this.map));
    }
    if (point) {
      const at = point.marker.getLatLng();
      const halo = L.circleMarker(at, { renderer: this.renderer, pane: "focus", radius: point.marker.getRadius() + 7, color: "#ffd400", weight: 4, fill: false, interactive: false }).addTo(this.map);
      const copy = new SymbolMarker(at, { ...(point.marker.options as SymbolMarkerOptions), renderer: this.renderer, pane: "focus", interactive: false }).addTo(this.map);
      this.copies.push(halo, copy);
      this.point = { entry: point, copy, halo };
    }
  }

  /** After symbols were displaced for a new view: the copy goes where the symbol is drawn now. */
  update(): void {
    if (!this.point) return;
    const at = this.point.entry.marker.getLatLng();
    this.point.copy.setLatLng(at);
    this.point.copy.setRadius(this.point.entry.marker.getRadius());
    this.point.halo.setLatLng(at);
  }

  private clear(): void {
    this.copies.forEach((l) => this.map.removeLayer(l));
    this.copies = [];
    this.point = null;
    this.id = null;
    this.veil.hidden = true;
    this.map.getContainer().classList.remove("focus-mode");
  }
}
