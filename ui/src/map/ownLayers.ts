// The user's own layers on the map: drawn with Leaflet's canvas renderer from the core's
// features, created and edited with Leaflet-Geoman, every edit sent to the core and recorded
// for undo. A layer too large to send whole (over LARGE_LAYER features) is drawn a viewport
// at a time from the core instead (viewportLayer.ts), and clicked through the core's index.

import L from "leaflet";
import "@geoman-io/leaflet-geoman-free";
import "@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css";
import * as api from "../api";
import type { GeoJsonGeometry, UserFeature, UserLayer } from "../api";
import type { UndoStack } from "../undo";
import { h } from "../dom";
import { lang } from "../i18n";
import { userTextMarks } from "../langMarks";
import { layerColour, rememberColours } from "./ownColours";
import { ViewportLayer } from "./viewportLayer";

/** What the drawing tool draws with before a shape lands in its layer. */
const DRAWING_COLOUR = "#6d28d9";
/** Above this many features a layer is streamed by viewport rather than sent whole. Leaflet
 *  draws ~2,000 canvas paths in well under a frame; past that, pans start to stutter. */
export const LARGE_LAYER = 2000;
/** Click tolerance for streamed layers, in screen pixels. */
const HIT_PX = 5;

export class OwnLayers {
  private groups = new Map<string, L.GeoJSON>();
  private streamed = new Map<string, ViewportLayer>();
  /** A single feature of a streamed layer taken out for vertex editing. */
  private editing: L.GeoJSON | null = null;
  private visible = new Set<string>();
  private drawingInto: string | null = null;
  private renderer: L.Renderer;

  constructor(private map: L.Map, private undo: UndoStack, private onSelect: (feature: UserFeature) => void, private onDrawing: (on: boolean) => void) {
    this.map.createPane("own").style.zIndex = "420";
    this.renderer = L.canvas({ pane: "own", padding: 0.15, tolerance: 4 });
    // Geoman draws into our handler only; its own toolbar stays hidden (the layer list has the buttons).
    this.map.pm.setGlobalOptions({ layerGroup: undefined, snappable: true, pathOptions: { color: DRAWING_COLOUR } } as never);
    this.map.on("pm:create", (e: { layer: L.Layer }) => void this.created(e.layer));
    this.map.on("pm:drawstart", () => this.onDrawing(true));
    this.map.on("pm:drawend", () => this.onDrawing(false));
    // Vertex editing ends with Enter or Escape, or a click on the map away from the shape.
    this.map.on("click", () => this.finishEditing());
    document.addEventListener("keydown", (e) => (e.key === "Enter" || e.key === "Escape") && this.finishEditing());
  }

  async show(layer: UserLayer, on: boolean): Promise<void> {
    if (!on) {
      this.visible.delete(layer.id);
      this.groups.get(layer.id)?.remove();
      this.groups.delete(layer.id);
      this.streamed.get(layer.id)?.remove();
      this.streamed.delete(layer.id);
      return;
    }
    this.visible.add(layer.id);
    rememberColours([layer]);
    if (layer.feature_count > LARGE_LAYER) await this.stream(layer.id);
    else await this.reload(layer.id);
  }

  /** Shows a layer a viewport at a time; resolves once the first view is on screen. */
  private stream(layerId: string): Promise<number> {
    this.groups.get(layerId)?.remove();
    this.groups.delete(layerId);
    this.streamed.get(layerId)?.remove();
    const layer = new ViewportLayer({ fetch: (bbox, zoom, seq) => api.layerView(layerId, bbox, zoom, seq) }, layerColour(layerId));
    this.streamed.set(layerId, layer);
    const first = new Promise<number>((resolve) => (layer.onDrawn = (ms) => resolve(ms)));
    layer.addTo(this.map);
    return first;
  }

  /** The naive path, for the benchmark only: the whole layer as GeoJSON into one `L.geoJSON`
   *  on the canvas renderer, as a plain Leaflet app would do it. */
  async showNaive(layerId: string): Promise<void> {
    const features = await api.layerFeatures(layerId);
    const collection = { type: "FeatureCollection", features: features.map((f) => ({ type: "Feature", geometry: f.geometry, properties: { id: f.id } })) };
    const renderer = L.canvas({ pane: "own" });
    const group = L.geoJSON(collection as GeoJSON.FeatureCollection, {
      pane: "own",
      style: () => ({ color: layerColour(layerId), weight: 1, fillOpacity: 0.15, renderer }) as L.PathOptions,
      pointToLayer: (_f, latlng) => L.circleMarker(latlng, { radius: 3, color: layerColour(layerId), weight: 1, renderer, pane: "own" }),
    }).addTo(this.map);
    this.groups.set(layerId, group);
    this.visible.add(layerId);
  }

  /** Shows a layer streamed, whatever its size (for the benchmark); resolves at first draw. */
  showStreamed(layerId: string): Promise<number> {
    this.visible.add(layerId);
    return this.stream(layerId);
  }

  /** The streamed layer's drawing (for tests and the benchmark). */
  streamedLayer(layerId: string): ViewportLayer | undefined {
    return this.streamed.get(layerId);
  }

  /** The topmost streamed cluster under a map point (clicking one zooms in to expand it). */
  streamedClusterAt(latlng: L.LatLng): { latlng: L.LatLng; count: number } | null {
    for (const layer of [...this.streamed.values()].reverse()) {
      const hit = layer.clusterAt(latlng);
      if (hit) return hit;
    }
    return null;
  }

  /** The feature under a click in a streamed layer, found by the core's R-tree. */
  async streamedFeatureAt(latlng: L.LatLng): Promise<UserFeature | null> {
    if (!this.streamed.size) return null;
    // Metres per screen pixel at this latitude and zoom (Web Mercator).
    const metresPerPx = (40075016.686 * Math.cos((latlng.lat * Math.PI) / 180)) / (256 * Math.pow(2, this.map.getZoom()));
    for (const layerId of [...this.streamed.keys()].reverse()) {
      const id = await api.layerFeatureAt(layerId, latlng.lng, latlng.lat, HIT_PX * metresPerPx);
      if (id !== null) return api.userFeature(id);
    }
    return null;
  }

  /** Draws a shown layer again: after its colour changed, or the language (its labels). */
  async redraw(layerId: string): Promise<void> {
    if (!this.visible.has(layerId)) return;
    if (this.streamed.has(layerId)) await this.stream(layerId);
    else await this.reload(layerId);
  }

  redrawAll(): void {
    for (const id of this.visible) void this.redraw(id);
  }

  isShown(id: string): boolean {
    return this.visible.has(id);
  }

  /** Re-reads a layer's features from the core (after imports, undo, redo). */
  async reload(layerId: string): Promise<void> {
    if (!this.visible.has(layerId)) return;
    const streamed = this.streamed.get(layerId);
    if (streamed) {
      streamed.refresh();
      return;
    }
    const features = await api.layerFeatures(layerId);
    this.groups.get(layerId)?.remove();
    const colour = layerColour(layerId);
    const options: L.GeoJSONOptions = {
      pane: "own",
      style: () => ({ color: colour, weight: 2, fillOpacity: 0.15, renderer: this.renderer }) as L.PathOptions,
      pointToLayer: (_f, latlng) => L.circleMarker(latlng, { radius: 6, color: colour, weight: 2, fillColor: "#ffffff", fillOpacity: 0.9, renderer: this.renderer, pane: "own" }),
    };
    const group = L.geoJSON(undefined, options);
    for (const f of features) {
      const gj = L.geoJSON({ type: "Feature", geometry: f.geometry, properties: { id: f.id } } as GeoJSON.Feature, options);
      const label = featureLabel(f);
      gj.eachLayer((l) => {
        (l as L.Layer & { featureId?: number }).featureId = f.id;
        l.on("click", (e) => {
          L.DomEvent.stop(e as L.LeafletMouseEvent);
          this.onSelect(f);
        });
        l.on("pm:edit", () => void this.edited(f, l));
        // Own features are named on the map (in the current language where both names exist).
        if (label) l.bindTooltip(h("span", userTextMarks(label), label), { permanent: true, direction: "right", offset: [6, 0], className: "own-label" });
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
    let found = false;
    for (const group of this.groups.values()) {
      group.eachLayer((l) => {
        if ((l as L.Layer & { featureId?: number }).featureId === featureId) {
          found = true;
          (l as unknown as { pm: { enable: (o: object) => void } }).pm.enable({ allowSelfIntersection: false });
        }
      });
    }
    if (!found) void this.editStreamed(featureId);
  }

  finishEditing(): void {
    type Editable = L.Layer & { pm?: { enabled: () => boolean; disable: () => void } };
    for (const group of this.groups.values()) group.eachLayer((l) => (l as Editable).pm?.enabled() && (l as Editable).pm!.disable());
    this.editing?.remove();
    this.editing = null;
  }

  /** A feature of a streamed layer is lifted out as its own editable path until the next edit ends. */
  private async editStreamed(featureId: number): Promise<void> {
    const f = await api.userFeature(featureId);
    this.editing?.remove();
    const group = L.geoJSON({ type: "Feature", geometry: f.geometry, properties: {} } as GeoJSON.Feature, {
      pane: "own",
      style: () => ({ color: "#db2777", weight: 2, fillOpacity: 0.1 }),
      pointToLayer: (_f, latlng) => L.circleMarker(latlng, { radius: 7, color: "#db2777", pane: "own" }),
    }).addTo(this.map);
    this.editing = group;
    group.eachLayer((l) => {
      l.on("pm:edit", async () => {
        await this.edited(f, l);
        await this.reload(f.layer_id);
      });
      (l as unknown as { pm: { enable: (o: object) => void } }).pm.enable({ allowSelfIntersection: false });
    });
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
    this.streamed.forEach((v) => (n += v.heldFeatures()));
    return n;
  }
}

/** A feature's name for its map label: the current language's, else the other; none if unnamed. */
export function featureLabel(f: Pick<UserFeature, "attributes">): string {
  const { name_zh, name_en } = f.attributes;
  return (lang() === "en" ? name_en || name_zh : name_zh || name_en).trim();
}
