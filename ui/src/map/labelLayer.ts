// Labels in a pane that moves with the map, placed without overlaps (labels.ts) each time the
// view changes. Text and priority come from the core (crates/atlas-core/src/style.rs); what is
// decided here is only screen layout: font sizes, the zooms a kind of label needs, and a
// length limit for Chinese names beside a symbol.

import L from "leaflet";
import type { DistrictEntry, LabelStyle } from "../api";
import { lang } from "../i18n";
import type { WireGeometry } from "../wire/layer";
import type { ContextLabel } from "./basemap";
import { districtAnchors } from "./districtAnchors";
import { besideText, estimateTextWidth, placeLabels, type LabelBox, type LabelCandidate } from "./labels";
import { POINT_RADIUS, type AreaEntry, type PlacedGroup, type PlacedSymbol } from "./planLayer";

/** Where a centred label may move (px) when its own point is crowded, nearest first. */
const AREA_LABEL_SHIFTS: [number, number][] = [[0, 0], [0, -22], [0, 22], [-44, 0], [44, 0], [0, -44], [0, 44], [-44, -30], [44, 30], [44, -30], [-44, 30]];
export const labelText = (l: LabelStyle): string | null => (lang() === "zh" ? l.text_zh : l.text_en);

export interface LabelSources {
  symbols: PlacedSymbol[];
  /** Grouped symbols: no label covers them. */
  groups: PlacedGroup[];
  areas: AreaEntry[];
  districts: DistrictEntry[];
  districtLabels: Map<string, LabelStyle>;
  /** Tianjin's districts' outlines, to keep each name on screen when zoomed in. */
  districtRings: Map<string, WireGeometry>;
  contextLabels: ContextLabel[];
  selectedElement: string | null;
  selectedDistrict: string | null;
}

interface Drawn {
  text: string;
  cls: string;
  id?: string;
  adcode?: string;
}

export class LabelLayer {
  constructor(
    private map: L.Map,
    private pane: HTMLElement,
    private isVisible: (id: string) => boolean,
    private onSelect: (id: string) => void,
    /** An element's label point (areas are named there). */
    private labelPointOf: (id: string) => L.LatLng,
  ) {
    pane.classList.add("label-pane");
  }

  draw(s: LabelSources): void {
    const size = this.map.getSize();
    const zoom = this.map.getZoom();
    const candidates: LabelCandidate[] = [];
    const drawn = new Map<string, Drawn>();
    const at = (ll: L.LatLngExpression) => this.map.latLngToContainerPoint(ll);
    // Elements drawn as symbols: beside their symbol.
    for (const p of s.symbols) {
      const text = p.entry.label && labelText(p.entry.label);
      if (!text) continue;
      const t = besideText(text, lang());
      candidates.push({ id: `e:${p.id}`, x: p.x, y: p.y, width: estimateTextWidth(t, 12) + 6, height: 17, priority: p.entry.label!.priority, offset: POINT_RADIUS + 1, centred: false });
      drawn.set(`e:${p.id}`, { text: t, cls: "label label-element", id: p.id });
    }
    // Areas named on themselves (twin cities, the corridor): centred on the element's label point.
    for (const a of s.areas) {
      if (!a.label || a.label.placement !== "centred" || !this.isVisible(a.id)) continue;
      const t = labelText(a.label);
      if (!t) continue;
      const c = at(this.labelPointOf(a.id));
      candidates.push({ id: `a:${a.id}`, x: c.x, y: c.y, width: estimateTextWidth(t, 15) + 10, height: 21, priority: a.label.priority, offset: 0, centred: true, shifts: AREA_LABEL_SHIFTS });
      drawn.set(`a:${a.id}`, { text: t, cls: `label label-area label-${a.category.id}`, id: a.id });
    }
    // District names, from zoom 8 and at every zoom after: zoomed in past a district's label
    // point, the name moves to a spot of the district in view (districtAnchors.ts).
    if (zoom >= 8) {
      const b = this.map.getBounds();
      const anchors = districtAnchors(
        s.districts.map((d) => ({ adcode: d.district.adcode, label: d.label })),
        s.districtRings,
        { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth() },
      );
      for (const d of s.districts) {
        const label = s.districtLabels.get(d.district.adcode);
        const t = label && labelText(label);
        const anchor = anchors.get(d.district.adcode);
        if (!label || !t || !anchor) continue;
        const c = at(L.latLng(anchor[1], anchor[0]));
        candidates.push({ id: `d:${d.district.adcode}`, x: c.x, y: c.y, width: estimateTextWidth(t, 12) + 4, height: 16, priority: label.priority, offset: 0, centred: true, shifts: AREA_LABEL_SHIFTS });
        drawn.set(`d:${d.district.adcode}`, { text: t, cls: "label label-district", adcode: d.district.adcode });
      }
    }
    // Context: provinces, and prefectures from zoom 7.5.
    for (const [i, c] of s.contextLabels.entries()) {
      if (c.level === "city" && zoom < 7.5) continue;
      const t = labelText(c.label);
      if (!t) continue;
      const pt = at(c.latlng);
      candidates.push({ id: `c:${i}`, x: pt.x, y: pt.y, width: estimateTextWidth(t, 13) + 4, height: 17, priority: c.label.priority, offset: 0, centred: true });
      drawn.set(`c:${i}`, { text: t, cls: "label label-context" });
    }
    const obstacles: LabelBox[] = [
      ...s.symbols.map((p) => ({ id: `e:${p.id}`, left: p.x - POINT_RADIUS, top: p.y - POINT_RADIUS, width: 2 * POINT_RADIUS, height: 2 * POINT_RADIUS })),
      ...s.groups.map((g, i) => ({ id: `g:${i}`, left: g.x - g.radius, top: g.y - g.radius, width: 2 * g.radius, height: 2 * g.radius })),
    ];
    const boxes = placeLabels(candidates, size.x, size.y, obstacles);
    // The pane moves with the map; position the labels relative to it.
    const origin = this.map.containerPointToLayerPoint([0, 0]);
    const frag = document.createDocumentFragment();
    for (const b of boxes) {
      const info = drawn.get(b.id)!;
      const el = document.createElement("div");
      el.className = info.cls;
      el.textContent = info.text;
      el.style.transform = `translate(${Math.round(b.left + origin.x)}px, ${Math.round(b.top + origin.y)}px)`;
      if (info.id) {
        el.dataset.element = info.id;
        el.addEventListener("click", (ev) => {
          ev.stopPropagation();
          this.onSelect(info.id!);
        });
        if (info.id === s.selectedElement) el.classList.add("selected");
      }
      if (info.adcode) {
        el.dataset.district = info.adcode;
        if (info.adcode === s.selectedDistrict) el.classList.add("selected");
      }
      frag.append(el);
    }
    this.pane.replaceChildren(frag);
    this.pane.dataset.count = String(boxes.length);
  }
}
