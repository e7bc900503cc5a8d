// Where plan features overlap under the pointer (a zone drawn over its host district, two
// areas of one district), a click offers them as a short list instead of picking one: the
// elements, topmost first, and the district itself.

import L from "leaflet";
import * as api from "../api";
import type { Category, ElementSummary } from "../api";
import { h } from "../dom";
import { name, t } from "../i18n";
import { swatch } from "../panels/legend";
import type { Navigation } from "./navigation";

export class Chooser {
  private box: HTMLElement | null = null;

  constructor(private map: L.Map, private elements: Map<string, ElementSummary>, private categories: Map<string, Category>, private nav: Navigation) {
    map.on("movestart zoomstart", () => this.close());
    document.addEventListener("keydown", (e) => e.key === "Escape" && this.close());
  }

  async open(ids: string[], lon: number, lat: number): Promise<void> {
    this.close();
    const at = this.map.latLngToContainerPoint([lat, lon]);
    const district = await api.districtAt(lon, lat);
    const item = (content: (Node | string | null)[], go: () => void, data: Record<string, string>) =>
      h("li", {}, h("button", { type: "button", class: "link", ...data, onclick: () => (this.close(), go()) }, ...content));
    const box = h(
      "div",
      { class: "chooser", id: "chooser", role: "menu" },
      h("div", { class: "chooser-head" }, `${t("hereAre")} ${ids.length}`),
      h(
        "ul",
        {},
        ...ids.map((id) => {
          const e = this.elements.get(id);
          const c = e && this.categories.get(e.category);
          return item([c ? swatch(c, e.location_basis, 14) : null, e ? name(e) : id], () => this.nav.element(id, false), { "data-element": id });
        }),
        ...(district ? [item([`${t("districtLabel")}: `, name(district)], () => this.nav.district(district.adcode), { "data-district": district.adcode })] : []),
      ),
    );
    // Keep the list inside the map.
    const size = this.map.getSize();
    box.style.left = `${Math.min(at.x + 8, size.x - 260)}px`;
    box.style.top = `${Math.min(at.y + 8, size.y - 40 - 30 * (ids.length + 1))}px`;
    // Clicks in the list are the list's: not the map's (which would open the district).
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    this.map.getContainer().append(box);
    // Any click outside the list closes it (the click that opened it has already ended).
    setTimeout(() => document.addEventListener("click", this.outside, true));
    this.box = box;
  }

  private outside = (e: MouseEvent) => {
    if (this.box && !this.box.contains(e.target as Node)) this.close();
  };

  close(): void {
    document.removeEventListener("click", this.outside, true);
    this.box?.remove();
    this.box = null;
  }
}
