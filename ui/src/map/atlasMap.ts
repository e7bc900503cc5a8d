// The map: a vector basemap from the atlas's boundaries and the plan's layers, all on Leaflet's
// canvas renderer, with symbol displacement, collision-free labels, selection and filters.

import L from "leaflet";
import "leaflet/dist/leaflet.css";
import type { BasemapProps, Category, DrawStyle, ElementSummary, PlanCatalog, PlanFeatureProps } from "../api";
import { lang, name } from "../i18n";
import type { WireGeometry, WireLayer } from "../wire";
import { latLngs } from "../wire";
import { displace } from "./displacement";
import { estimateTextWidth, placeLabels, type LabelBox, type LabelCandidate } from "./labels";
import { SymbolMarker } from "./symbols";
import { TypedCanvasLayer, type TypedFeature, type TypedStyle } from "./typedCanvasLayer";

export const TIANJIN_BOUNDS = L.latLngBounds([38.55, 116.7], [40.26, 118.06]);
export const REGION_BOUNDS = L.latLngBounds([38.0, 115.4], [40.7, 119.3]);

const SEA = "#cfe0ea";
/** How far beyond the view the canvases draw (fraction of its size): small keeps the bitmaps small. */
const CANVAS_PADDING = 0.15;
/** Where a centred label may move (px) when its own point is crowded, nearest first. */
const AREA_LABEL_SHIFTS: [number, number][] = [[0, 0], [0, -22], [0, 22], [-44, 0], [44, 0], [0, -44], [0, 44], [-44, -30], [44, 30], [44, -30], [-44, 30]];

/** True for elements the plan assigns to all of Tianjin (same rule as the core's style.rs). */
export function isCityWide(districts: string[]): boolean {
  return districts.includes("120000") || districts.filter((d) => d.startsWith("1201")).length >= 16;
}

const POINT_RADIUS = 7;

interface PointEntry {
  id: string;
  latlng: L.LatLng;
  marker: L.CircleMarker;
  leader: L.Polyline;
  category: Category;
}

interface AreaEntry {
  id: string;
  layer: L.Polygon | L.Polyline;
  category: Category;
  role: string;
  style: DrawStyle;
}

export interface AtlasMapEvents {
  onSelectElement: (id: string) => void;
  onMapClick: (lon: number, lat: number) => void;
  onCursor: (lon: number, lat: number) => void;
}

function toPolygonLatLngs(g: WireGeometry): L.LatLngExpression[][][] {
  if (g.kind !== "multipolygon") return [];
  return g.polygons.map((rings) => rings.map((r) => latLngs(r)));
}

export class AtlasMap {
  readonly map: L.Map;
  private catalog: PlanCatalog;
  private categories = new Map<string, Category>();
  private elements = new Map<string, ElementSummary>();
  private points: PointEntry[] = [];
  private areas: AreaEntry[] = [];
  private districtRings = new Map<string, WireGeometry>();
  private contextLabels: { latlng: L.LatLng; name_zh: string; name_en: string; level: string }[] = [];
  private hiddenCategories = new Set<string>();
  private themeFilter: Set<string> | null = null;
  private selected: string | null = null;
  private selectedDistrict: string | null = null;
  private drawing = false;
  private halo: L.CircleMarker;
  private districtHighlight: L.Polygon | null = null;
  private planRenderer: L.Renderer;
  private labelPane: HTMLElement;
  private events: AtlasMapEvents;

  constructor(container: HTMLElement, catalog: PlanCatalog, events: AtlasMapEvents) {
    this.catalog = catalog;
    this.events = events;
    catalog.categories.forEach((c) => this.categories.set(c.id, c));
    catalog.elements.forEach((e) => this.elements.set(e.id, e));
    container.style.background = SEA;
    this.map = L.map(container, {
      preferCanvas: true,
      zoomControl: true,
      attributionControl: true,
      zoomSnap: 0.25,
      zoomDelta: 0.5,
      wheelPxPerZoomLevel: 90,
      minZoom: 7,
      // 18 (~0.5 m a pixel here): planners inspect and edit parcels in their own layers.
      maxZoom: 18,
      maxBounds: REGION_BOUNDS.pad(0.6),
      maxBoundsViscosity: 0.8,
      worldCopyJump: false,
    });
    // Panes in drawing order, each with its own canvas.
    const pane = (name: string, z: number) => {
      const p = this.map.createPane(name);
      p.style.zIndex = String(z);
      return p;
    };
    pane("basemap", 200);
    pane("plan", 400);
    this.labelPane = pane("labels", 450);
    // Two canvases in all: the basemap's and the plan's. Each canvas costs a full-size bitmap
    // and a software redraw on every pan (WebKitGTK has no GPU under Xvfb), so the plan's
    // areas, lines and symbols share one, drawn in the order they are added.
    this.planRenderer = L.canvas({ pane: "plan", padding: CANVAS_PADDING, tolerance: 4 });
    this.labelPane.classList.add("label-pane");
    this.halo = L.circleMarker([0, 0], {
      pane: "plan",
      radius: POINT_RADIUS + 7,
      color: "#ffd400",
      weight: 4,
      fill: false,
      interactive: false,
      renderer: this.planRenderer,
    });
    this.map.attributionControl.setPrefix(false);
    L.control.scale({ metric: true, imperial: false, maxWidth: 140, position: "bottomleft" }).addTo(this.map);
    this.map.fitBounds(TIANJIN_BOUNDS, { animate: false });
    this.map.on("mousemove", (e: L.LeafletMouseEvent) => this.events.onCursor(e.latlng.lng, e.latlng.lat));
    this.map.on("zoomend moveend resize", () => this.relayout());
  }

  /** The basemap on one typed-array canvas: land (provinces), context units, Tianjin's
   * districts, then Tianjin's outline. Clicks on it go to the core's district index. */
  drawBasemap(layer: WireLayer<BasemapProps>): void {
    const features: TypedFeature[] = [];
    const rings = (i: number) => {
      const g = layer.geometries[i];
      return g.kind === "multipolygon" ? g.polygons.flat() : [];
    };
    const pass = (wanted: BasemapProps["layer"], style: (p: BasemapProps) => TypedStyle | null) =>
      layer.properties.forEach((p, i) => {
        if (p.layer !== wanted) return;
        const s = style(p);
        if (s) features.push({ parts: rings(i), closed: true, style: s });
      });
    pass("outline", (p) => (p.adcode === "120000" ? null : { fill: "#f3f0e8", fillOpacity: 1, stroke: "#b9b1a0", weight: 1 }));
    pass("context", () => ({ stroke: "#d6cfbf", weight: 0.7 }));
    pass("tianjin", () => ({ fill: "#ffffff", fillOpacity: 0.92, stroke: "#8f8a80", weight: 1.1 }));
    pass("outline", (p) => (p.adcode === "120000" ? { stroke: "#4d4a45", weight: 2 } : null));
    layer.properties.forEach((p, i) => {
      if (p.layer === "tianjin") this.districtRings.set(p.adcode, layer.geometries[i]);
      if (p.layer === "outline" && p.level === "province" && p.adcode !== "120000")
        this.contextLabels.push({ latlng: this.labelPointOf(toPolygonLatLngs(layer.geometries[i])), name_zh: p.name_zh, name_en: p.name_en, level: "province" });
      if (p.layer === "outline" && p.level === "city")
        this.contextLabels.push({ latlng: this.labelPointOf(toPolygonLatLngs(layer.geometries[i])), name_zh: p.name_zh, name_en: p.name_en, level: "city" });
    });
    new TypedCanvasLayer("basemap", CANVAS_PADDING).setFeatures(features).addTo(this.map);
    // Plan features stop their clicks; anything else on the map asks which district it hit.
    this.map.on("click", (e: L.LeafletMouseEvent) => {
      // While the user draws, a click places a vertex; it opens nothing.
      if (!this.drawing) this.events.onMapClick(e.latlng.lng, e.latlng.lat);
    });
  }

  private labelPointOf(rings: L.LatLngExpression[][][]): L.LatLng {
    // The centre of the largest polygon's box: good enough for a context label.
    let best = rings[0];
    let bestSize = -1;
    for (const poly of rings) {
      const b = L.latLngBounds(poly[0] as L.LatLngExpression[]);
      const size = (b.getNorth() - b.getSouth()) * (b.getEast() - b.getWest());
      if (size > bestSize) [best, bestSize] = [poly, size];
    }
    return L.latLngBounds(best[0] as L.LatLngExpression[]).getCenter();
  }

  drawPlan(layer: WireLayer<PlanFeatureProps>): void {
    const renderer = this.planRenderer;
    // Areas go bottom to top by category order, so small areas are never buried under large ones.
    const order = layer.properties.map((_, i) => i).sort((a, b) => {
      const ca = this.categories.get(layer.properties[a].category)?.order ?? 0;
      const cb = this.categories.get(layer.properties[b].category)?.order ?? 0;
      return ca - cb;
    });
    for (const i of order) {
      const p = layer.properties[i];
      const g = layer.geometries[i];
      const category = this.categories.get(p.category);
      if (!category) continue;
      // Every rule of how a feature looks comes from the core (crates/atlas-core/src/style.rs).
      const st = p.style;
      const dash = st.dash.length ? st.dash.join(" ") : undefined;
      const select = (e: L.LeafletEvent) => {
        L.DomEvent.stop(e as L.LeafletMouseEvent);
        this.events.onSelectElement(p.element_id);
      };
      if (g.kind === "multipolygon") {
        const polygon = L.polygon(toPolygonLatLngs(g), {
          renderer,
          pane: "plan",
          color: st.stroke,
          weight: st.weight,
          opacity: 0.9,
          fill: st.filled,
          fillColor: st.fill,
          fillOpacity: st.fill_opacity,
          dashArray: dash,
          lineJoin: "round",
        });
        polygon.on("click", select);
        this.areas.push({ id: p.element_id, layer: polygon, category, role: p.role, style: st });
        if (p.label_style) {
          const element = this.elements.get(p.element_id)!;
          this.addPoint(p.element_id, L.latLng(element.label[1], element.label[0]), category, p.label_style, renderer);
        }
      } else if (g.kind === "line") {
        const line = L.polyline(latLngs(g.coords), { renderer, pane: "plan", color: st.stroke, weight: st.weight, opacity: 0.95, dashArray: dash, lineCap: "round" });
        line.on("click", select);
        this.areas.push({ id: p.element_id, layer: line, category, role: p.role, style: st });
      } else {
        this.addPoint(p.element_id, L.latLng(g.lat, g.lon), category, st, renderer);
      }
    }
    this.applyVisibility();
  }

  private addPoint(id: string, latlng: L.LatLng, category: Category, st: DrawStyle, renderer: L.Renderer): void {
    const marker = new SymbolMarker(latlng, {
      renderer,
      pane: "plan",
      symbol: st.symbol,
      radius: POINT_RADIUS,
      color: st.stroke,
      weight: st.weight,
      dashArray: st.dash.length ? st.dash.join(" ") : undefined,
      fillColor: st.hollow ? "#ffffff" : st.fill,
      fillOpacity: st.hollow ? 0.95 : st.fill_opacity,
    });
    marker.on("click", (e) => {
      L.DomEvent.stop(e);
      this.events.onSelectElement(id);
    });
    const leader = L.polyline([latlng, latlng], { renderer, pane: "plan", color: "#5b5b5b", weight: 1, opacity: 0.8, interactive: false });
    this.points.push({ id, latlng, marker, leader, category });
  }

  /** Which elements are visible now (category on, and passing the theme filter). */
  isVisible(id: string): boolean {
    const e = this.elements.get(id);
    if (!e || this.hiddenCategories.has(e.category)) return false;
    return this.themeFilter === null || this.themeFilter.has(id);
  }

  /** Adds the visible plan layers in drawing order (a canvas draws in the order layers were
   * added, so they are all re-added: areas, lines, leader lines, symbols, then highlights). */
  private applyVisibility(): void {
    const all: L.Layer[] = [...this.areas.map((a) => a.layer), ...this.points.flatMap((p) => [p.leader, p.marker])];
    all.forEach((l) => this.map.hasLayer(l) && this.map.removeLayer(l));
    const ordered = [
      ...this.areas.filter((a) => a.role !== "centreline"),
      ...this.areas.filter((a) => a.role === "centreline"),
    ];
    ordered.forEach((a) => this.isVisible(a.id) && a.layer.addTo(this.map));
    this.points.forEach((p) => this.isVisible(p.id) && p.leader.addTo(this.map));
    this.points.forEach((p) => this.isVisible(p.id) && p.marker.addTo(this.map));
    this.districtHighlight?.bringToFront();
    this.relayout();
  }

  setCategoryVisible(category: string, visible: boolean): void {
    if (visible) this.hiddenCategories.delete(category);
    else this.hiddenCategories.add(category);
    this.applyVisibility();
  }

  categoryVisible(category: string): boolean {
    return !this.hiddenCategories.has(category);
  }

  /** Shows only these elements (a theme's), or everything again with null. */
  setThemeFilter(ids: string[] | null): void {
    this.themeFilter = ids ? new Set(ids) : null;
    this.applyVisibility();
  }

  /** Re-positions displaced symbols and labels for the current view. */
  relayout(): void {
    const visible = this.points.filter((p) => this.isVisible(p.id));
    const screen = visible.map((p) => {
      const c = this.map.latLngToContainerPoint(p.latlng);
      return { id: p.id, x: c.x, y: c.y };
    });
    // Smaller symbols when zoomed out, so a city's worth of them fits without a spider's web.
    const radius = this.map.getZoom() < 9 ? POINT_RADIUS - 1.5 : POINT_RADIUS;
    visible.forEach((p) => p.marker.setRadius(radius));
    const placed = displace(screen, radius * 2 + 3);
    placed.forEach((pl, i) => {
      const entry = visible[i];
      const drawnAt = pl.anchor ? this.map.containerPointToLatLng([pl.x, pl.y]) : entry.latlng;
      entry.marker.setLatLng(drawnAt);
      entry.leader.setLatLngs(pl.anchor ? [entry.latlng, drawnAt] : [entry.latlng, entry.latlng]);
      entry.leader.setStyle({ opacity: pl.anchor ? 0.8 : 0 });
    });
    this.updateHalo();
    this.drawLabels(placed);
  }

  private drawLabels(placedPoints: { id: string; x: number; y: number }[]): void {
    const size = this.map.getSize();
    const zoom = this.map.getZoom();
    const candidates: LabelCandidate[] = [];
    const text = new Map<string, { text: string; cls: string; id?: string; adcode?: string }>();
    const fontSize = 12;
    const labelOf = (x: { name_zh: string; name_en: string }) => (lang() === "zh" ? x.name_zh : x.name_en);
    // Elements drawn as points: beside their symbol.
    const districtNames = new Set(this.catalog.districts.flatMap((d) => [d.district.name_zh, d.district.name_en]));
    for (const p of placedPoints) {
      const e = this.elements.get(p.id)!;
      // A host that is a whole district already carries the district's label.
      if (districtNames.has(labelOf(e))) continue;
      const shortName = labelOf(e).replace(/^海河实验室:/, "").replace(/^Haihe Laboratory: /, "");
      const t = shortName.length > 18 && lang() === "zh" ? shortName.slice(0, 17) + "…" : shortName;
      const width = estimateTextWidth(t, fontSize) + 6;
      candidates.push({ id: `e:${p.id}`, x: p.x, y: p.y, width, height: 17, priority: 100 + (this.categories.get(e.category)?.order ?? 0), offset: POINT_RADIUS + 1, centred: false });
      text.set(`e:${p.id}`, { text: t, cls: "label label-element", id: p.id });
    }
    // Twin cities and the corridor: centred on their areas.
    for (const a of this.areas) {
      if (!this.isVisible(a.id) || !["twin_city", "corridor"].includes(a.category.id) || a.role === "centreline") continue;
      const e = this.elements.get(a.id)!;
      const c = this.map.latLngToContainerPoint(L.latLng(e.label[1], e.label[0]));
      const t = labelOf(e);
      candidates.push({ id: `a:${a.id}`, x: c.x, y: c.y, width: estimateTextWidth(t, 15) + 10, height: 21, priority: 300, offset: 0, centred: true, shifts: AREA_LABEL_SHIFTS });
      text.set(`a:${a.id}`, { text: t, cls: `label label-area label-${a.category.id}`, id: a.id });
    }
    // District names.
    if (zoom >= 8) {
      for (const d of this.catalog.districts) {
        const c = this.map.latLngToContainerPoint(L.latLng(d.label[1], d.label[0]));
        const t = labelOf(d.district);
        // District names outrank element names: they are how district staff find their way.
        candidates.push({ id: `d:${d.district.adcode}`, x: c.x, y: c.y, width: estimateTextWidth(t, 12) + 4, height: 16, priority: 200, offset: 0, centred: true, shifts: AREA_LABEL_SHIFTS });
        text.set(`d:${d.district.adcode}`, { text: t, cls: "label label-district", adcode: d.district.adcode });
      }
    }
    // Context: provinces and prefectures, quietly.
    for (const [i, c] of this.contextLabels.entries()) {
      if (c.level === "city" && zoom < 7.5) continue;
      const pt = this.map.latLngToContainerPoint(c.latlng);
      const t = labelOf(c);
      candidates.push({ id: `c:${i}`, x: pt.x, y: pt.y, width: estimateTextWidth(t, 13) + 4, height: 17, priority: 10, offset: 0, centred: true });
      text.set(`c:${i}`, { text: t, cls: "label label-context" });
    }
    const obstacles: LabelBox[] = placedPoints.map((p) => ({ id: `e:${p.id}`, left: p.x - POINT_RADIUS, top: p.y - POINT_RADIUS, width: 2 * POINT_RADIUS, height: 2 * POINT_RADIUS }));
    const boxes = placeLabels(candidates, size.x, size.y, obstacles);
    // Labels live in a pane that moves with the map; position them relative to it.
    const origin = this.map.containerPointToLayerPoint([0, 0]);
    const frag = document.createDocumentFragment();
    for (const b of boxes) {
      const info = text.get(b.id)!;
      const el = document.createElement("div");
      el.className = info.cls;
      el.textContent = info.text;
      el.style.transform = `translate(${Math.round(b.left + origin.x)}px, ${Math.round(b.top + origin.y)}px)`;
      if (info.id) {
        el.dataset.element = info.id;
        el.addEventListener("click", (ev) => {
          ev.stopPropagation();
          this.events.onSelectElement(info.id!);
        });
        if (info.id === this.selected) el.classList.add("selected");
      }
      if (info.adcode) {
        el.dataset.district = info.adcode;
        if (info.adcode === this.selectedDistrict) el.classList.add("selected");
      }
      frag.append(el);
    }
    this.labelPane.replaceChildren(frag);
    this.labelPane.dataset.count = String(boxes.length);
  }

  private updateHalo(): void {
    const p = this.points.find((x) => x.id === this.selected);
    if (p && this.isVisible(p.id)) {
      this.halo.setLatLng(p.marker.getLatLng());
      this.halo.setStyle({ radius: POINT_RADIUS + 6 } as L.CircleMarkerOptions);
      if (!this.map.hasLayer(this.halo)) this.halo.addTo(this.map);
    } else if (this.map.hasLayer(this.halo)) {
      this.map.removeLayer(this.halo);
    }
  }

  /** Highlights an element and brings it into view. */
  select(id: string | null, fly = true): void {
    for (const a of this.areas) {
      if (a.id === this.selected) a.layer.setStyle({ weight: a.style.weight, color: a.style.stroke });
    }
    this.selected = id;
    if (!id) {
      this.relayout();
      return;
    }
    for (const a of this.areas) {
      if (a.id === id) {
        a.layer.setStyle({ weight: a.style.weight + 2.5, color: "#e0a800" });
        a.layer.bringToFront();
      }
    }
    const e = this.elements.get(id);
    if (e && fly) {
      if (e.bbox[2] - e.bbox[0] < 0.02 && e.bbox[3] - e.bbox[1] < 0.02) {
        this.map.flyTo([e.label[1], e.label[0]], Math.max(this.map.getZoom(), 10.5), { duration: 0.8 });
      } else {
        this.map.flyToBounds([[e.bbox[1], e.bbox[0]], [e.bbox[3], e.bbox[2]]], { padding: [40, 40], duration: 0.8, maxZoom: 11 });
      }
    }
    this.relayout();
  }

  /** Outlines a district and zooms to it. */
  selectDistrict(adcode: string | null, bbox?: [number, number, number, number]): void {
    if (this.districtHighlight) this.map.removeLayer(this.districtHighlight);
    this.districtHighlight = null;
    this.selectedDistrict = adcode;
    if (adcode) {
      const geometry = this.districtRings.get(adcode);
      // Drawn above the plan's areas, which may cover the district (滨城 covers 滨海新区).
      if (geometry) {
        this.districtHighlight = L.polygon(toPolygonLatLngs(geometry), {
          renderer: this.planRenderer,
          pane: "plan",
          color: "#0b3d91",
          weight: 3.5,
          fill: false,
          interactive: false,
        }).addTo(this.map);
      }
      if (bbox) this.map.flyToBounds([[bbox[1], bbox[0]], [bbox[3], bbox[2]]], { padding: [30, 30], duration: 0.8 });
    }
    this.relayout();
  }

  /** While drawing, the plan's features and labels let clicks through to the drawing tool. */
  setDrawing(on: boolean): void {
    this.drawing = on;
    // Labels are clickable elements and the plan canvas listens itself: a class switches both off.
    this.map.getContainer().classList.toggle("drawing", on);
  }

  /** The view as [min_lon, min_lat, max_lon, max_lat] and the categories shown. */
  currentView(): { bbox: [number, number, number, number]; layers: string[] } {
    const b = this.map.getBounds();
    return { bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], layers: this.catalog.categories.map((c) => c.id).filter((c) => !this.hiddenCategories.has(c)) };
  }

  selectedId(): string | null {
    return this.selected;
  }

  zoomTo(bounds: L.LatLngBounds): void {
    this.map.flyToBounds(bounds, { duration: 0.8 });
  }

  /** Where an element's symbol or label point is drawn, in container pixels (for tests and panels). */
  screenPointOf(id: string): { x: number; y: number } | null {
    const p = this.points.find((x) => x.id === id);
    const e = this.elements.get(id);
    if (!e) return null;
    const at = p ? p.marker.getLatLng() : L.latLng(e.label[1], e.label[0]);
    const c = this.map.latLngToContainerPoint(at);
    return { x: c.x, y: c.y };
  }

  /** Counts of what is drawn, for the ready mark and the tests. */
  drawnCounts(): { districts: number; points: number; areas: number; categories: string[] } {
    const categories = new Set<string>();
    this.areas.forEach((a) => this.map.hasLayer(a.layer) && categories.add(a.category.id));
    this.points.forEach((p) => this.map.hasLayer(p.marker) && categories.add(p.category.id));
    return {
      districts: this.districtRings.size,
      points: this.points.filter((p) => this.map.hasLayer(p.marker)).length,
      areas: this.areas.filter((a) => this.map.hasLayer(a.layer)).length,
      categories: [...categories].sort(),
    };
  }

  displayName(id: string): string {
    const e = this.elements.get(id);
    return e ? name(e) : id;
  }
}
