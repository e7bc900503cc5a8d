// The top bar: title, search, zoom to Tianjin / the region, the language switch; and the
// map's attribution, which follows the language.

import type { Category } from "../api";
import { h } from "../dom";
import { lang, setLang, t } from "../i18n";
import { REGION_BOUNDS, TIANJIN_BOUNDS, type AtlasMap } from "../map/atlasMap";
import { SearchBox } from "../panels/search";
import type { Navigation } from "./navigation";

export const toggleLanguage = () => setLang(lang() === "zh" ? "en" : "zh");

export class Topbar {
  private title = h("h1", { class: "app-title" });
  private langButton = h("button", { class: "lang", type: "button", id: "lang-toggle", onclick: toggleLanguage });
  private zoomTianjin: HTMLButtonElement;
  private zoomRegion: HTMLButtonElement;
  readonly search: SearchBox;
  private attribution = "";

  constructor(root: HTMLElement, private map: AtlasMap, nav: Navigation, categories: Map<string, Category>, revealFeature: (id: number, layerId: string) => Promise<void>) {
    const searchHost = h("div", { class: "search-host" });
    this.zoomTianjin = h("button", { type: "button", class: "zoom-to", id: "zoom-tianjin", onclick: () => map.zoomTo(TIANJIN_BOUNDS) });
    this.zoomRegion = h("button", { type: "button", class: "zoom-to", id: "zoom-region", onclick: () => map.zoomTo(REGION_BOUNDS) });
    root.append(this.title, searchHost, h("div", { class: "top-actions" }, this.zoomTianjin, this.zoomRegion, this.langButton));
    this.search = new SearchBox(searchHost, {
      element: (id) => nav.element(id, true),
      district: (adcode) => nav.district(adcode),
      category: (id) => nav.category(id),
      tour: (id) => nav.tour(id),
      layer: (id) => nav.ownLayer(id),
      theme: (id) => nav.theme(id),
      paragraph: (sectionId, ord) => nav.reader(sectionId, ord),
      note: (n) => nav.note(n),
      feature: revealFeature,
      categories,
    });
  }

  relabel(): void {
    this.title.textContent = t("title");
    // The switch names the other language in that language: marked so, as a proper name.
    this.langButton.textContent = lang() === "zh" ? "EN" : "中文";
    this.langButton.lang = lang() === "zh" ? "en" : "zh-CN";
    this.langButton.dataset.otherLanguage = "";
    this.langButton.title = lang() === "zh" ? "Switch to English" : "切换到中文";
    this.zoomTianjin.textContent = t("zoomTianjin");
    this.zoomRegion.textContent = t("zoomRegion");
    const control = this.map.map.attributionControl;
    if (this.attribution) control.removeAttribution(this.attribution);
    control.remove();
    control.addTo(this.map.map);
    control.setPrefix(false);
    this.attribution = t("attribution");
    control.addAttribution(this.attribution);
    this.search.relabel();
  }
}
