// The plan's features on one canvas: areas bottom to top by category order, lines, then
// symbols displaced where crowded (with leader lines to where they belong), and where the core
// groups a crowded cluster (symbolGroups.ts), one grouped symbol with its count instead. Every rule of how a
// feature looks, and what it is labelled, comes from the core (crates/atlas-core/src/style.rs).

import L from "leaflet";
import type { Category, DrawStyle, ElementSummary, LabelStyle, PlanFeatureProps, ZoomGroups } from "../api";
import { lang } from "../i18n";
import { latLngs, type WireLayer } from "../wire/layer";
import { displace } from "./displacement";
import { toPolygonLatLngs } from "./geometry";
import { distinctIds, polygonsContain } from "./hitTest";
import { groupsAt, shownGroups, type ShownGroup } from "./symbolGroups";
import { SymbolMarker } from "./symbols";

export const POINT_RADIUS = 7;

export interface PointEntry {
  id: string;
  latlng: L.LatLng;
  marker: L.CircleMarker;
  leader: L.Polyline;
  category: Category;
  label: LabelStyle | null;
}

export interface AreaEntry {
  id: string;
  layer: L.Polygon | L.Polyline;
  /** The area's rings as flat lon/lat arrays, for hit-testing; null for lines. */
  polygons: Float32Array[][] | null;
  category: Category;
  role: string;
  style: DrawStyle;
  label: LabelStyle | null;
}

/** A grouped symbol where it is drawn now (at its members' centroid), in container pixels. */
export interface PlacedGroup {
  members: string[];
  x: number;
  y: number;
  radius: number;
}

/** The grouped symbol's radius: room for a two-digit count. */
export const GROUP_RADIUS = 12;

/** A symbol where it is drawn now, in container pixels. */
export interface PlacedSymbol {
  id: string;
  x: number;
  y: number;
  entry: PointEntry;
}

const dashArray = (st: DrawStyle) => (st.dash.length ? st.dash.join(" ") : undefined);

export class PlanLayer {
  readonly points: PointEntry[] = [];
  readonly areas: AreaEntry[] = [];
  private hiddenCategories = new Set<string>();
  private themeFilter: Set<string> | null = null;
  /** The core's grouping of crowded symbols, by zoom (PlanCatalog.symbol_groups). */
  private groupTable: ZoomGroups[] = [];
  private groupMarkers: L.Marker[] = [];
  /** Grouped symbols drawn at the last layout. */
  groups: PlacedGroup[] = [];

  constructor(
    private map: L.Map,
    private renderer: L.Renderer,
    private categories: Map<string, Category>,
    private elements: Map<string, ElementSummary>,
    /** A click on the plan: every visible element under it, topmost first. */
    private onHit: (ids: string[], at: L.LatLng) => void,
    /** Elements drawn themselves even where their cluster groups (selected, presented). */
    private standsApart: (id: string) => boolean = () => false,
  ) {}

  setGroups(table: ZoomGroups[]): void {
    this.groupTable = table;
  }

  draw(layer: WireLayer<PlanFeatureProps>): void {
    // Areas go bottom to top by category order, so small areas are never buried under large ones.
    const order = layer.properties.map((_, i) => i).sort((a, b) => (this.categories.get(layer.properties[a].category)?.order ?? 0) - (this.categories.get(layer.properties[b].category)?.order ?? 0));
    for (const i of order) {
      const p = layer.properties[i];
      const g = layer.geometries[i];
      const category = this.categories.get(p.category);
      if (!category) continue;
      const st = p.style;
      const select = (e: L.LeafletEvent) => {
        const me = e as L.LeafletMouseEvent;
        L.DomEvent.stop(me);
        // The canvas hands the click to one feature; the others under it are found here.
        this.onHit(this.elementsAt(me.latlng, me.containerPoint, p.element_id), me.latlng);
      };
      if (g.kind === "multipolygon") {
        const polygon = L.polygon(toPolygonLatLngs(g), { renderer: this.renderer, pane: "plan", color: st.stroke, weight: st.weight, opacity: 0.9, fill: st.filled, fillColor: st.fill, fillOpacity: st.fill_opacity, dashArray: dashArray(st), lineJoin: "round" });
        polygon.on("click", select);
        const symbolLabel = p.label_style ? p.label : null;
        this.areas.push({ id: p.element_id, layer: polygon, polygons: g.polygons, category, role: p.role, style: st, label: p.label_style ? null : p.label });
        if (p.label_style) {
          const element = this.elements.get(p.element_id)!;
          this.addPoint(p.element_id, L.latLng(element.label[1], element.label[0]), category, p.label_style, symbolLabel);
        }
      } else if (g.kind === "line") {
        const line = L.polyline(latLngs(g.coords), { renderer: this.renderer, pane: "plan", color: st.stroke, weight: st.weight, opacity: 0.95, dashArray: dashArray(st), lineCap: "round" });
        line.on("click", select);
        this.areas.push({ id: p.element_id, layer: line, polygons: null, category, role: p.role, style: st, label: p.label });
      } else {
        this.addPoint(p.element_id, L.latLng(g.lat, g.lon), category, st, p.label);
      }
    }
  }

  private addPoint(id: string, latlng: L.LatLng, category: Category, st: DrawStyle, label: LabelStyle | null): void {
    const marker = new SymbolMarker(latlng, {
      renderer: this.renderer,
      pane: "plan",
      symbol: st.symbol,
      radius: POINT_RADIUS,
      color: st.stroke,
      weight: st.weight,
      dashArray: dashArray(st),
      fillColor: st.hollow ? "#ffffff" : st.fill,
      fillOpacity: st.hollow ? 0.95 : st.fill_opacity,
    });
    marker.on("click", (e) => {
      L.DomEvent.stop(e);
      this.onHit(this.elementsAt(e.latlng, e.containerPoint, id), e.latlng);
    });
    const leader = L.polyline([latlng, latlng], { renderer: this.renderer, pane: "plan", color: "#5b5b5b", weight: 1, opacity: 0.8, interactive: false });
    this.points.push({ id, latlng, marker, leader, category, label });
  }

  /** The visible elements a click at this point means. A symbol is on top and small: a click
   * on one means it (or the symbols sharing its spot). Elsewhere every area containing the
   * point is meant, the last drawn (smallest, by category order) first. `clicked` is the
   * feature the canvas handed the click to. */
  elementsAt(at: L.LatLng, screen: L.Point, clicked: string): string[] {
    const symbols: string[] = [];
    for (const p of this.points) {
      if (!this.isVisible(p.id) || !this.map.hasLayer(p.marker)) continue;
      const c = this.map.latLngToContainerPoint(p.marker.getLatLng());
      if (c.distanceTo(screen) <= p.marker.getRadius() + 2) symbols.push(p.id);
    }
    if (symbols.length) return distinctIds(symbols.includes(clicked) ? [clicked, ...symbols] : symbols);
    const areas: string[] = [];
    for (let i = this.areas.length - 1; i >= 0; i--) {
      const a = this.areas[i];
      // An outline-only area (a city-wide one) is under the pointer only on its outline, which
      // the canvas reports as `clicked`.
      if (a.polygons && a.style.filled && this.isVisible(a.id) && this.map.hasLayer(a.layer) && polygonsContain(a.polygons, at.lng, at.lat)) areas.push(a.id);
    }
    return distinctIds(clicked ? [clicked, ...areas] : areas);
  }

  /** Which elements are visible now (category on, and passing the theme filter). */
  isVisible(id: string): boolean {
    const e = this.elements.get(id);
    if (!e || this.hiddenCategories.has(e.category)) return false;
    return this.themeFilter === null || this.themeFilter.has(id);
  }

  /** Adds the visible plan layers in drawing order (a canvas draws in the order layers were
   * added, so they are all re-added: areas, lines, leader lines, then symbols). */
  applyVisibility(): void {
    const all: L.Layer[] = [...this.areas.map((a) => a.layer), ...this.points.flatMap((p) => [p.leader, p.marker])];
    all.forEach((l) => this.map.hasLayer(l) && this.map.removeLayer(l));
    const ordered = [...this.areas.filter((a) => a.role !== "centreline"), ...this.areas.filter((a) => a.role === "centreline")];
    ordered.forEach((a) => this.isVisible(a.id) && a.layer.addTo(this.map));
    this.points.forEach((p) => this.isVisible(p.id) && p.leader.addTo(this.map));
    this.points.forEach((p) => this.isVisible(p.id) && p.marker.addTo(this.map));
  }

  setCategoryVisible(category: string, visible: boolean): void {
    if (visible) this.hiddenCategories.delete(category);
    else this.hiddenCategories.add(category);
  }

  categoryVisible(category: string): boolean {
    return !this.hiddenCategories.has(category);
  }

  hiddenCategoryIds(): Set<string> {
    return this.hiddenCategories;
  }

  setThemeFilter(ids: string[] | null): void {
    this.themeFilter = ids ? new Set(ids) : null;
  }

  /** Groups crowded clusters as the core says for this zoom and moves the other crowded symbols
   * apart; returns where each visible symbol drawn by itself is. */
  layoutSymbols(): PlacedSymbol[] {
    const entry = groupsAt(this.groupTable, this.map.getZoom());
    const shown = shownGroups(entry, (id) => this.isVisible(id) && !this.standsApart(id));
    this.drawGroups(shown);
    const grouped = new Set(shown.flatMap((g) => g.members));
    for (const p of this.points) {
      const on = this.isVisible(p.id) && !grouped.has(p.id);
      if (!on && this.map.hasLayer(p.marker)) [p.leader, p.marker].forEach((l) => this.map.removeLayer(l));
      if (on && !this.map.hasLayer(p.marker)) [p.leader, p.marker].forEach((l) => l.addTo(this.map));
    }
    const visible = this.points.filter((p) => this.isVisible(p.id) && !grouped.has(p.id));
    const screen = visible.map((p) => {
      const c = this.map.latLngToContainerPoint(p.latlng);
      return { id: p.id, x: c.x, y: c.y };
    });
    // Smaller symbols when zoomed out (the core's size for this zoom), so a city's worth fits.
    const radius = entry?.symbol_radius ?? POINT_RADIUS;
    visible.forEach((p) => p.marker.setRadius(radius));
    // Rings keep clear of the grouped symbols too.
    const badges = this.groups.map((g) => ({ x: g.x, y: g.y, clearance: g.radius + radius + 2 }));
    const placed = displace(screen, radius * 2 + 3, badges);
    return placed.map((pl, i) => {
      const entry = visible[i];
      const drawnAt = pl.anchor ? this.map.containerPointToLatLng([pl.x, pl.y]) : entry.latlng;
      entry.marker.setLatLng(drawnAt);
      entry.leader.setLatLngs(pl.anchor ? [entry.latlng, drawnAt] : [entry.latlng, entry.latlng]);
      entry.leader.setStyle({ opacity: pl.anchor ? 0.8 : 0 });
      return { id: pl.id, x: pl.x, y: pl.y, entry };
    });
  }

  /** One grouped symbol per shown group, at its members' centroid, with their count. A click
   * lists the members (each opens and flies to its element); a double click zooms to them. */
  private drawGroups(shown: ShownGroup[]): void {
    this.groupMarkers.forEach((m) => m.remove());
    this.groupMarkers = [];
    this.groups = [];
    for (const g of shown) {
      const at = L.latLng(g.group.centroid[1], g.group.centroid[0]);
      const names = g.members.map((id) => {
        const e = this.elements.get(id);
        return e ? (lang() === "zh" ? e.name_zh : e.name_en) : id;
      });
      const title = lang() === "zh" ? `${g.members.length} 个要素,标于其重心(单击列出,双击放大):${names.join("、")}` : `${g.members.length} elements, shown at their centroid (click: list them; double-click: zoom in): ${names.join("; ")}`;
      const d = GROUP_RADIUS * 2;
      const icon = L.divIcon({
        className: "symbol-group",
        iconSize: [d, d],
        // Styled by .symbol-group in styles.css (the page's CSP allows no inline styles).
        html: `<div>${g.members.length}</div>`,
      });
      const marker = L.marker(at, { icon, pane: "groups", keyboard: true, title, riseOnHover: true });
      marker.on("click", (e) => {
        L.DomEvent.stop(e);
        this.onHit(g.members, at);
      });
      marker.on("dblclick", (e) => {
        L.DomEvent.stop(e);
        const b = g.group.bbox;
        this.map.flyToBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [80, 80], maxZoom: 15, duration: 0.8 });
      });
      marker.addTo(this.map);
      const el = marker.getElement();
      if (el) {
        el.dataset.members = g.members.join(" ");
        el.setAttribute("aria-label", title);
      }
      this.groupMarkers.push(marker);
      const c = this.map.latLngToContainerPoint(at);
      this.groups.push({ members: g.members, x: c.x, y: c.y, radius: GROUP_RADIUS });
    }
  }
}
