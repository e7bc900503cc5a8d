// The sidebar on the left: tabs for layers, districts, themes, tours, notes and the plan text.
// The plan text is fetched when the reader is first opened, not at startup.

import * as api from "../api";
import type { Note, PlanCatalog, ElementSummary } from "../api";
import { h } from "../dom";
import { t, type StringKey } from "../i18n";
import type { AtlasMap } from "../map/atlasMap";
import { renderDistrictList } from "../panels/districts";
import { renderLayers } from "../panels/layers";
import { rasterBasemapSection } from "../panels/rasterBasemaps";
import { renderNotesView } from "../panels/notes";
import { PlanReader } from "../panels/reader";
import { renderTeamPanel } from "../panels/team";
import { renderThemes } from "../panels/themes";
import type { Navigation } from "./navigation";

export const TABS = ["layers", "districts", "themes", "tours", "notesTab", "plan", "teamTab"] as const;
export type Tab = (typeof TABS)[number];

export interface SidebarParts {
  /** Shown below the plan's layers: the user's own layers. */
  ownHost: HTMLElement;
  renderOwn: () => void;
  loadTours: () => void;
  describeNote: (n: Note) => string | Promise<string>;
  onParagraphNote: (sectionId: string, ord: number, text: string) => void;
  /** After a team sync or a conflict resolved: own layers may have changed. */
  afterTeamSync: () => void;
}

export class Sidebar {
  private tabBar = h("nav", { class: "tabs", role: "tablist" });
  readonly bodies = new Map<Tab, HTMLElement>(TABS.map((tab) => [tab, h("div", { class: `tab-body tab-${tab}`, role: "tabpanel", hidden: true })]));
  private active: Tab = "layers";
  private activeTheme: string | null = null;
  readonly reader: PlanReader;
  private readerLoaded: Promise<void> | null = null;
  parts!: SidebarParts;

  constructor(private root: HTMLElement, private map: AtlasMap, private catalog: PlanCatalog, private elements: Map<string, ElementSummary>, private nav: Navigation) {
    root.append(this.tabBar, ...this.bodies.values());
    this.reader = new PlanReader(this.body("plan"), elements, (id) => nav.element(id, true));
    this.reader.onNote = (sectionId, ord, text) => this.parts.onParagraphNote(sectionId, ord, text);
  }

  body(tab: Tab): HTMLElement {
    return this.bodies.get(tab)!;
  }

  showTab(tab: Tab): void {
    this.active = tab;
    this.root.dataset.tab = tab;
    this.bodies.forEach((body, key) => (body.hidden = key !== tab));
    this.tabBar.querySelectorAll("button").forEach((b) => b.classList.toggle("active", b.dataset.tab === tab));
    this.root.classList.toggle("wide", tab === "plan");
    if (tab === "plan") void this.loadReader();
    if (tab === "tours") this.parts.loadTours();
    if (tab === "notesTab") void renderNotesView(this.body("notesTab"), "", (n) => this.nav.note(n), this.parts.describeNote);
    if (tab === "teamTab") this.renderTeam();
    this.map.map.invalidateSize();
  }

  private loadReader(): Promise<void> {
    return (this.readerLoaded ??= api.planText().then((sections) => this.reader.load(sections)));
  }

  async openReader(sectionId: string, ord: number | null): Promise<void> {
    this.showTab("plan");
    await this.loadReader();
    this.reader.show(sectionId, ord);
  }

  /** Shows only a theme's elements (null: all again). */
  chooseTheme(id: string | null): void {
    this.activeTheme = id;
    const theme = this.catalog.themes.find((th) => th.id === id);
    this.map.setThemeFilter(theme ? theme.element_ids : null);
    document.body.dataset.theme = id ?? "";
    this.render();
    if (id) this.showTab("themes");
  }

  render(): void {
    const layersTab = this.body("layers");
    const { catalog, map } = this;
    renderLayers(layersTab, catalog.categories, catalog.elements, (c) => map.categoryVisible(c), (c, on) => map.setCategoryVisible(c, on), (id) => this.nav.element(id, true));
    layersTab.append(this.parts.ownHost, rasterBasemapSection(map.rasters, (b) => map.zoomToBox(b)));
    this.parts.renderOwn();
    renderDistrictList(this.body("districts"), catalog.districts, (adcode) => this.nav.district(adcode));
    renderThemes(this.body("themes"), catalog.themes, this.elements, this.activeTheme, (id) => this.chooseTheme(id), (id) => this.nav.element(id, true));
  }

  private renderTeam(): void {
    void renderTeamPanel(this.body("teamTab"), () => this.parts.afterTeamSync());
  }

  /** Shows a plan layer (category) and brings its row in the layers tab into view. */
  revealCategory(id: string): void {
    this.map.setCategoryVisible(id, true);
    this.showTab("layers");
    this.render();
    this.flash(this.body("layers").querySelector(`input[data-category="${CSS.escape(id)}"]`)?.closest("li") ?? null);
  }

  /** Brings an own layer's row into view (its name zooms the map to it). */
  revealOwnLayer(id: string): void {
    this.showTab("layers");
    const row = this.body("layers").querySelector<HTMLElement>(`[data-layer="${CSS.escape(id)}"]`);
    this.flash(row);
    row?.querySelector<HTMLButtonElement>("button.own-name")?.click();
  }

  private flash(row: Element | null): void {
    if (!row) return;
    row.scrollIntoView({ block: "nearest" });
    row.classList.add("found");
    setTimeout(() => row.classList.remove("found"), 2500);
  }

  /** After a language change: tab names, lists and the reader. */
  relabel(): void {
    this.tabBar.replaceChildren(...TABS.map((tab) => h("button", { type: "button", role: "tab", "data-tab": tab, class: tab === this.active ? "active" : "", onclick: () => this.showTab(tab) }, t(tab as StringKey))));
    this.render();
    this.reader.render();
    if (this.active === "teamTab") this.renderTeam();
  }
}
