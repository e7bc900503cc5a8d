// The user's own layers on the map: drawn with Leaflet's canvas renderer from the core's
// features, created and edited with Leaflet-Geoman, every edit sent to the core and recorded
// for undo. (Layers too large to send whole are the job of viewport streaming.)

import L from "leaflet";
import "@geoman-io/leaflet-geoman-free";
import "@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css";
import * as api from "../api";
import type { GeoJsonGeometry, UserFeature, UserLayer } from "../api";
import type { UndoStack } from "../undo";

const OWN_COLOUR = "#6d28d9";

export class OwnLayers {
  private groups = new Map<string, L.GeoJSON>();
  private visible = new Set<string>();
  private drawingInto: string | null = null;
  private renderer: L.Renderer;

  constructor(private map: L.Map, private undo: UndoStack, private onSelect: (feature: UserFeature) => void, private onDrawing: (on: boolean) => void) {
    this.map.createPane("own").style.zIndex = "420";
    this.renderer = L.canvas({ pane: "own", padding: 0.15, tolerance: 4 });
    // Geoman draws into our handler only; its own toolbar stays hidden (the layer list has the buttons).
    this.map.pm.setGlobalOptions({ layerGroup: undefined, snappable: true, pathOptions: { color: OWN_COLOUR } } as never);
    this.map.on("pm:create", (e: { layer: L.Layer }) => void this.created(e.layer));
    this.map.on("pm:drawstart", () => this.onDrawing(true));
    this.map.on("pm:drawend", () => this.onDrawing(false));
  }

  async show(layer: UserLayer, on: boolean): Promise<void> {
    if (!on) {
      this.visible.delete(layer.id);
      this.groups.get(layer.id)?.remove();
      return;
    }
    this.visible.add(layer.id);
    await this.reload(layer.id);
  }

  isShown(id: string): boolean {
    return this.visible.has(id);
  }

  /** Re-reads a layer's features from the core (after imports, undo, redo). */
  async reload(layerId: string): Promise<void> {
    if (!this.visible.has(layerId)) return;
    const features = await api.layerFeatures(layerId);
    this.groups.get(layerId)?.remove();
    const group = L.geoJSON(undefined, {
      pane: "own",
      style: () => ({ color: OWN_COLOUR, weight: 2, fillOpacity: 0.15, renderer: this.renderer }) as L.PathOptions,
      pointToLayer: (_f, latlng) => L.circleMarker(latlng, { radius: 6, color: OWN_COLOUR, weight: 2, fillColor: "#ede9fe", fillOpacity: 0.9, renderer: this.renderer, pane: "own" }),
    });
    for (const f of features) {
      const gj = L.geoJSON({ type: "Feature", geometry: f.geometry, properties: { id: f.id } } as GeoJSON.Feature, {
        pane: "own",
        style: () => ({ color: OWN_COLOUR, weight: 2, fillOpacity: 0.15, renderer: this.renderer }) as L.PathOptions,
        pointToLayer: (_f, latlng) => L.circleMarker(latlng, { radius: 6, color: OWN_COLOUR, weight: 2, fillColor: "#ede9fe", fillOpacity: 0.9, renderer: this.renderer, pane: "own" }),
      });
      gj.eachLayer((l) => {
        (l as L.Layer & { featureId?: number }).featureId = f.id;
        l.on("click", (e) => {
          L.DomEvent.stop(e as L.LeafletMouseEvent);
          this.onSelect(f);
        });
        l.on("pm:edit", () => void this.edited(f, l));
        group.addLayer(l);
      });
    }
    group.addTo(this.map);
    this.groups.set(layerId, group);
  }

  /** Starts drawing a shape into a layer. */
  draw(layerId: string, shape: "Marker" | "Line" | "Polygon"): void {
    this.drawingInto = layerId;
    this.map.pm.enableDraw(shape === "Marker" ? "CircleMarker" : shape, { continueDrawing: false });
  }

  /** Vertex editing of one feature on the map (Enter or a click elsewhere ends it). */
  editGeometry(featureId: number): void {
    for (const group of this.groups.values()) {
      group.eachLayer((l) => {
        if ((l as L.Layer & { featureId?: number }).featureId === featureId) (l as unknown as { pm: { enable: (o: object) => void } }).pm.enable({ allowSelfIntersection: false });
      });
    }
  }

  private async created(layer: L.Layer): Promise<void> {
    const target = this.drawingInto;
    this.drawingInto = null;
    layer.remove();
    if (!target) return;
    const geometry = (layer as L.Polyline).toGeoJSON().geometry as GeoJsonGeometry;
    const feature = await api.addFeature(target, geometry, { name_zh: "", name_en: "", category: "", description: "" });
    let current = feature;
    this.undo.push({
      label: "draw",
      undo: async () => void (await api.deleteFeature(current.id)),
      redo: async () => void (current = await api.restoreFeature(current)),
    });
    await this.reload(target);
    this.onSelect(feature);
  }

  private async edited(before: UserFeature, layer: L.Layer): Promise<void> {
    const geometry = (layer as L.Polyline).toGeoJSON().geometry as GeoJsonGeometry;
    const after = await api.updateFeatureGeometry(before.id, geometry);
    this.undo.push({
      label: "edit",
      undo: async () => void (await api.updateFeatureGeometry(before.id, before.geometry)),
      redo: async () => void (await api.updateFeatureGeometry(after.id, after.geometry)),
    });
  }

  async reloadAll(): Promise<void> {
    for (const id of this.visible) await this.reload(id);
  }

  featureCount(): number {
    let n = 0;
    this.groups.forEach((g) => (n += g.getLayers().length));
    return n;
  }
}
