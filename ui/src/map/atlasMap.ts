// The map: Leaflet set up for the atlas, with its parts — the basemap (basemap.ts), the plan's
// layers (planLayer.ts), the labels (labelLayer.ts) and the selection (selection.ts) — kept in
// step as the view changes. How anything looks is the core's decision (style.rs).

import L from "leaflet";
import "leaflet/dist/leaflet.css";
import type { BasemapProps, Category, ElementSummary, PlanCatalog, PlanFeatureProps } from "../api";
import { name } from "../i18n";
import type { WireLayer } from "../wire/layer";
import { Basemap } from "./basemap";
import { Focus } from "./focus";
import { LabelLayer } from "./labelLayer";
import { PlanLayer } from "./planLayer";
import { RasterBasemaps } from "./rasterBasemap";
import { Selection } from "./selection";

export const TIANJIN_BOUNDS = L.latLngBounds([38.55, 116.7], [40.26, 118.06]);
export const REGION_BOUNDS = L.latLngBounds([38.0, 115.4], [40.7, 119.3]);

/** How far beyond the view the canvases draw (fraction of its size): small keeps the bitmaps small. */
const CANVAS_PADDING = 0.15;

export interface AtlasMapEvents {
  onSelectElement: (id: string) => void;
  /** Several plan features overlap where the user clicked: offer them to choose from. */
  onChooseElement: (ids: string[], lon: number, lat: number) => void;
  onMapClick: (lon: number, lat: number) => void;
  onCursor: (lon: number, lat: number) => void;
}

export class AtlasMap {
  readonly map: L.Map;
  private catalog: PlanCatalog;
  private elements = new Map<string, ElementSummary>();
  private basemap = new Basemap();
  private plan: PlanLayer;
  private labels: LabelLayer;
  private selection: Selection;
  private focus: Focus;
  private drawing = false;
  /** The element being presented (focus mode), drawn apart from any group. */
  private focused: string | null = null;
  /** Raster basemaps the user added, under the plan. */
  readonly rasters: RasterBasemaps;

  constructor(container: HTMLElement, catalog: PlanCatalog, private events: AtlasMapEvents) {
    this.catalog = catalog;
    const categories = new Map<string, Category>(catalog.categories.map((c) => [c.id, c]));
    catalog.elements.forEach((e) => this.elements.set(e.id, e));
    container.style.background = catalog.map_style.sea;
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
    this.rasters = new RasterBasemaps(this.map);
    pane("plan", 400);
    const labelPane = pane("labels", 450);
    // Grouped symbols (planLayer.ts): above the labels, which keep clear of them.
    pane("groups", 455);
    // Two canvases in all: the basemap's and the plan's. Each canvas costs a full-size bitmap
    // and a software redraw on every pan (WebKitGTK has no GPU under Xvfb), so the plan's
    // areas, lines and symbols share one, drawn in the order they are added.
    const planRenderer = L.canvas({ pane: "plan", padding: CANVAS_PADDING, tolerance: 4 });
    const select = (id: string) => this.events.onSelectElement(id);
    this.plan = new PlanLayer(this.map, planRenderer, categories, this.elements, (ids, at) => {
      if (this.drawing) return;
      if (ids.length > 1) this.events.onChooseElement(ids, at.lng, at.lat);
      else this.events.onSelectElement(ids[0]);
    }, (id) => id === this.selection?.element || id === this.focused);
    this.plan.setGroups(catalog.symbol_groups);
    this.labels = new LabelLayer(this.map, labelPane, (id) => this.plan.isVisible(id), select, (id) => {
      const e = this.elements.get(id)!;
      return L.latLng(e.label[1], e.label[0]);
    });
    this.selection = new Selection(this.map, planRenderer, this.plan);
    this.focus = new Focus(this.map);
    this.map.attributionControl.setPrefix(false);
    L.control.scale({ metric: true, imperial: false, maxWidth: 140, position: "bottomleft" }).addTo(this.map);
    this.map.fitBounds(TIANJIN_BOUNDS, { animate: false });
    this.map.on("mousemove", (e: L.LeafletMouseEvent) => this.events.onCursor(e.latlng.lng, e.latlng.lat));
    this.map.on("zoomend moveend resize", () => this.relayout());
  }

  /** The basemap. Clicks that no plan feature takes go to the core's district index. */
  drawBasemap(layer: WireLayer<BasemapProps>): void {
    this.basemap.draw(this.map, layer, CANVAS_PADDING);
    this.map.on("click", (e: L.LeafletMouseEvent) => {
      // While the user draws, a click places a vertex; it opens nothing.
      if (!this.drawing) this.events.onMapClick(e.latlng.lng, e.latlng.lat);
    });
  }

  drawPlan(layer: WireLayer<PlanFeatureProps>): void {
    this.plan.draw(layer);
    this.applyVisibility();
  }

  isVisible(id: string): boolean {
    return this.plan.isVisible(id);
  }

  private applyVisibility(): void {
    this.plan.applyVisibility();
    this.selection.raiseDistrict();
    this.relayout();
  }

  setCategoryVisible(category: string, visible: boolean): void {
    this.plan.setCategoryVisible(category, visible);
    this.applyVisibility();
  }

  categoryVisible(category: string): boolean {
    return this.plan.categoryVisible(category);
  }

  /** Shows only these elements (a theme's), or everything again with null. */
  setThemeFilter(ids: string[] | null): void {
    this.plan.setThemeFilter(ids);
    this.applyVisibility();
  }

  /** Re-positions displaced symbols and labels for the current view. */
  relayout(): void {
    const symbols = this.plan.layoutSymbols();
    this.selection.updateHalo();
    this.focus.update();
    this.labels.draw({
      symbols,
      groups: this.plan.groups,
      areas: this.plan.areas,
      districts: this.catalog.districts,
      districtLabels: this.basemap.districtLabels,
      districtRings: this.basemap.districtRings,
      contextLabels: this.basemap.contextLabels,
      selectedElement: this.selection.element,
      selectedDistrict: this.selection.district,
    });
  }

  /** Highlights an element and brings it into view. */
  select(id: string | null, fly = true): void {
    this.selection.selectElement(id);
    const e = id ? this.elements.get(id) : undefined;
    if (e && fly) {
      if (e.bbox[2] - e.bbox[0] < 0.02 && e.bbox[3] - e.bbox[1] < 0.02) {
        this.map.flyTo([e.label[1], e.label[0]], Math.max(this.map.getZoom(), 10.5), { duration: 0.8 });
      } else {
        this.map.flyToBounds([[e.bbox[1], e.bbox[0]], [e.bbox[3], e.bbox[2]]], { padding: [40, 40], duration: 0.8, maxZoom: 11 });
      }
    }
    this.relayout();
  }

  /** Focus mode (presenting): everything but this element veiled; null lifts the veil. */
  setFocus(id: string | null): void {
    this.focused = id;
    this.relayout();
    this.focus.show(id, id ? this.plan.areas.filter((a) => a.id === id) : [], id ? this.plan.points.find((p) => p.id === id) : undefined);
  }

  /** Outlines a district and zooms to it. */
  selectDistrict(adcode: string | null, bbox?: [number, number, number, number]): void {
    this.selection.selectDistrict(adcode, adcode ? this.basemap.districtRings.get(adcode) : undefined);
    if (adcode && bbox) this.map.flyToBounds([[bbox[1], bbox[0]], [bbox[3], bbox[2]]], { padding: [30, 30], duration: 0.8 });
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
    return { bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], layers: this.catalog.categories.map((c) => c.id).filter((c) => this.plan.categoryVisible(c)) };
  }

  selectedId(): string | null {
    return this.selection.element;
  }

  /** What the view shows, by name, for an export's description and file name: the selected
   * element, else the selected district; and whether the view holds all of Tianjin. */
  viewSubject(): { subject: string | null; highlightName: string | null; layerTotal: number; wholeCity: boolean } {
    const e = this.selection.element ? this.elements.get(this.selection.element) : undefined;
    const d = this.selection.district ? this.catalog.districts.find((x) => x.district.adcode === this.selection.district) : undefined;
    return {
      subject: e ? name(e) : d ? name(d.district) : null,
      highlightName: e ? name(e) : null,
      layerTotal: this.catalog.categories.length,
      wholeCity: this.map.getBounds().contains(TIANJIN_BOUNDS.pad(-0.15)),
    };
  }

  /** Flies to [min_lon, min_lat, max_lon, max_lat]. */
  zoomToBox(b: [number, number, number, number]): void {
    this.zoomTo(L.latLngBounds([b[1], b[0]], [b[3], b[2]]));
  }

  zoomTo(bounds: L.LatLngBounds): void {
    this.map.flyToBounds(bounds, { duration: 0.8 });
  }

  /** Where an element's symbol or label point is drawn, in container pixels (for tests and panels). */
  screenPointOf(id: string): { x: number; y: number } | null {
    const p = this.plan.points.find((x) => x.id === id);
    const e = this.elements.get(id);
    if (!e) return null;
    const at = p ? p.marker.getLatLng() : L.latLng(e.label[1], e.label[0]);
    const c = this.map.latLngToContainerPoint(at);
    return { x: c.x, y: c.y };
  }

  /** Every symbol drawn now, each by itself or grouped, in container pixels with its radius
   * (for the tests: no two may overlap). */
  drawnSymbols(): { ids: string[]; x: number; y: number; radius: number }[] {
    const single = this.plan.points
      .filter((p) => this.map.hasLayer(p.marker))
      .map((p) => {
        const c = this.map.latLngToContainerPoint(p.marker.getLatLng());
        return { ids: [p.id], x: c.x, y: c.y, radius: p.marker.getRadius() };
      });
    return [...single, ...this.plan.groups.map((g) => ({ ids: g.members, x: g.x, y: g.y, radius: g.radius }))];
  }

  /** The elements a click at this container point would offer (for the tests). */
  elementsAt(x: number, y: number): string[] {
    return this.plan.elementsAt(this.map.containerPointToLatLng([x, y]), L.point(x, y), "");
  }

  /** Counts of what is drawn, for the ready mark and the tests. A point inside a grouped symbol
   * counts as drawn (the group shows it, with its count); `grouped` says how many are. */
  drawnCounts(): { districts: number; points: number; grouped: number; areas: number; categories: string[] } {
    const categories = new Set<string>();
    const inGroups = new Set(this.plan.groups.flatMap((g) => g.members));
    const drawn = this.plan.points.filter((p) => this.map.hasLayer(p.marker) || inGroups.has(p.id));
    this.plan.areas.forEach((a) => this.map.hasLayer(a.layer) && categories.add(a.category.id));
    drawn.forEach((p) => categories.add(p.category.id));
    return {
      districts: this.basemap.districtRings.size,
      points: drawn.length,
      grouped: drawn.filter((p) => inGroups.has(p.id)).length,
      areas: this.plan.areas.filter((a) => this.map.hasLayer(a.layer)).length,
      categories: [...categories].sort(),
    };
  }

  displayName(id: string): string {
    const e = this.elements.get(id);
    return e ? name(e) : id;
  }
}
