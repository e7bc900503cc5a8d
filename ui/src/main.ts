// Starts the atlas: loads the catalog and geometry from the core, draws the map, wires the
// panels, and marks the page ready (data-ready on <body>, performance mark "atlas-ready").

import "./styles.css";
import * as api from "./api";
import type { Category, ElementSummary, ImportReport, Note, PlanCatalog, Tour, UserFeature } from "./api";
import { h } from "./dom";
import { lang, name, onLangChange, setLang, t, type StringKey } from "./i18n";
import { AtlasMap, REGION_BOUNDS, TIANJIN_BOUNDS } from "./map/atlasMap";
import { renderDetail, type PanelLinks } from "./panels/detail";
import { renderDistrict } from "./panels/district";
import { renderDistrictList } from "./panels/districts";
import { renderLayers } from "./panels/layers";
import { setAreaCategories } from "./panels/legend";
import { PlanReader } from "./panels/reader";
import { SearchBox } from "./panels/search";
import { renderThemes } from "./panels/themes";
import { exportBookDialog, exportHandoutFlow, exportSheetDialog } from "./panels/exportDialog";
import { ToursPanel } from "./panels/tours";
import { Presentation } from "./presenter/presentation";
import L from "leaflet";
import { OwnLayers } from "./map/ownLayers";
import { renderFeaturePanel } from "./panels/featurePanel";
import { importDialog } from "./panels/importDialog";
import { notesSection, renderNotesView } from "./panels/notes";
import { OwnLayersPanel } from "./panels/ownLayersPanel";
import { UndoStack } from "./undo";

type Tab = "layers" | "districts" | "themes" | "tours" | "notesTab" | "plan";

async function start(): Promise<void> {
  performance.mark("atlas-start");
  document.documentElement.lang = lang() === "zh" ? "zh-CN" : "en";
  const [catalog, basemap, plan, info] = await Promise.all([api.planCatalog(), api.basemapGeometry(), api.planGeometry(), api.atlasInfo()]);
  performance.mark("atlas-data");
  setAreaCategories(catalog.area_categories);
  const categories = new Map<string, Category>(catalog.categories.map((c) => [c.id, c]));
  const elements = new Map<string, ElementSummary>(catalog.elements.map((e) => [e.id, e]));

  const topbar = document.getElementById("topbar")!;
  const sidebar = document.getElementById("sidebar")!;
  const panel = document.getElementById("panel")!;
  const mapEl = document.getElementById("map")!;

  let activeTheme: string | null = null;
  const undo = new UndoStack();
  let current: { kind: "element"; id: string } | { kind: "district"; adcode: string } | null = null;

  const atlasMap = new AtlasMap(mapEl, catalog, {
    onSelectElement: (id) => void openElement(id, false),
    onMapClick: async (lon, lat) => {
      // Large own layers are not Leaflet paths. A click on a cluster zooms in until it comes
      // apart; on a feature, the feature is found through the core.
      const cluster = ownLayers.streamedClusterAt(L.latLng(lat, lon));
      if (cluster) {
        const map = atlasMap.map;
        return void map.setView(cluster.latlng, Math.min(map.getMaxZoom(), map.getZoom() + 2));
      }
      const f = await ownLayers.streamedFeatureAt(L.latLng(lat, lon));
      if (f) return void openFeature(f);
      const d = await api.districtAt(lon, lat);
      if (d) void openDistrict(d.adcode);
    },
    onCursor: (lon, lat) => cursor.update(lon, lat),
  });
  atlasMap.drawBasemap(basemap);
  performance.mark("atlas-basemap");
  atlasMap.drawPlan(plan);
  performance.mark("atlas-plan");

  // ---- panel (right) --------------------------------------------------------------------
  const panelBody = h("div", { class: "panel-body" });
  const closeButton = h("button", { class: "panel-close", type: "button", "aria-label": t("close"), onclick: () => closePanel() }, "×");
  panel.append(closeButton, panelBody);

  const links: PanelLinks = {
    element: (id) => void openElement(id, true),
    district: (adcode) => void openDistrict(adcode),
    quote: (sectionId, ord) => void openReader(sectionId, ord),
    theme: (id) => chooseTheme(id),
    categories,
  };

  async function openElement(id: string, fly: boolean): Promise<void> {
    const detail = await api.zoneDetail(id);
    current = { kind: "element", id };
    panel.hidden = false;
    panel.dataset.kind = "element";
    panel.dataset.element = id;
    renderDetail(panelBody, detail, links);
    void notesSection(panelBody, "element", id, undo);
    atlasMap.selectDistrict(null);
    atlasMap.select(id, fly);
    atlasMap.map.invalidateSize();
  }

  async function openDistrict(adcode: string): Promise<void> {
    const report = await api.districtReport(adcode);
    current = { kind: "district", adcode };
    panel.hidden = false;
    panel.dataset.kind = "district";
    panel.dataset.district = adcode;
    renderDistrict(panelBody, report, links);
    void notesSection(panelBody, "district", adcode, undo);
    atlasMap.select(null, false);
    atlasMap.map.invalidateSize();
    atlasMap.selectDistrict(adcode, report.bbox);
  }

  async function openFeature(f: UserFeature): Promise<void> {
    current = null;
    panel.hidden = false;
    panel.dataset.kind = "feature";
    panel.dataset.feature = String(f.id);
    atlasMap.select(null, false);
    await renderFeaturePanel(panelBody, f, undo, () => void refreshOwn(), () => ownLayers.editGeometry(f.id));
    atlasMap.map.invalidateSize();
    const bounds = L.geoJSON(f.geometry as GeoJSON.GeometryObject).getBounds();
    if (bounds.isValid() && !atlasMap.map.getBounds().contains(bounds)) atlasMap.map.flyToBounds(bounds, { maxZoom: 12, padding: [60, 60], duration: 0.8 });
  }

  function closePanel(): void {
    panel.hidden = true;
    current = null;
    atlasMap.select(null, false);
    atlasMap.selectDistrict(null);
    atlasMap.map.invalidateSize();
  }

  // ---- sidebar (left) -------------------------------------------------------------------
  const tabs: Tab[] = ["layers", "districts", "themes", "tours", "notesTab", "plan"];
  const tabBar = h("nav", { class: "tabs", role: "tablist" });
  const tabBodies = new Map<Tab, HTMLElement>(tabs.map((tab) => [tab, h("div", { class: `tab-body tab-${tab}`, role: "tabpanel", hidden: true })]));
  sidebar.append(tabBar, ...tabBodies.values());
  let activeTab: Tab = "layers";
  function showTab(tab: Tab): void {
    activeTab = tab;
    sidebar.dataset.tab = tab;
    tabBodies.forEach((body, key) => (body.hidden = key !== tab));
    tabBar.querySelectorAll("button").forEach((b) => b.classList.toggle("active", b.dataset.tab === tab));
    sidebar.classList.toggle("wide", tab === "plan");
    if (tab === "plan") void loadReader();
    if (tab === "tours") void toursPanel.load();
    if (tab === "notesTab") void renderNotesView(tabBodies.get("notesTab")!, "", openNote, describeNote);
    atlasMap.map.invalidateSize();
  }
  function renderTabs(): void {
    tabBar.replaceChildren(...tabs.map((tab) => h("button", { type: "button", role: "tab", "data-tab": tab, class: tab === activeTab ? "active" : "", onclick: () => showTab(tab) }, t(tab as StringKey))));
  }

  const reader = new PlanReader(tabBodies.get("plan")!, elements, (id) => void openElement(id, true));
  reader.onNote = (sectionId, ord, text) => {
    current = null;
    panel.hidden = false;
    panel.dataset.kind = "paragraph";
    panelBody.replaceChildren(h("header", { class: "detail-head" }, h("div", { class: "detail-category" }, t("plan")), h("blockquote", { class: "quote-para", lang: "zh-CN" }, text)));
    void notesSection(panelBody, "paragraph", `${sectionId}:${ord}`, undo);
    atlasMap.map.invalidateSize();
  };
  // The plan text is fetched when the reader is first opened, not at startup.
  let readerLoaded: Promise<void> | null = null;
  const loadReader = () => (readerLoaded ??= api.planText().then((sections) => reader.load(sections)));
  async function openReader(sectionId: string, ord: number | null): Promise<void> {
    showTab("plan");
    await loadReader();
    reader.show(sectionId, ord);
  }

  // ---- own layers, notes, imports, undo ---------------------------------------------------
  const ownLayers = new OwnLayers(atlasMap.map, undo, (f) => void openFeature(f), (on) => atlasMap.setDrawing(on));
  const ownHost = h("div", { class: "own-layers" });
  const ownPanel = new OwnLayersPanel(ownHost, ownLayers, {
    importFile: () => void runImport(),
    exportLayer: async (l) => {
      const path = await api.chooseSavePath(t("exportGeojson"), `${l.name}.geojson`, ["geojson"]);
      if (path) await api.notify(`${t("exportDone")}: ${await api.exportLayerGeojson(l.id, null, path)} → ${path}`);
    },
    zoomTo: (b) => atlasMap.zoomTo(L.latLngBounds([b[1], b[0]], [b[3], b[2]])),
  });
  async function refreshOwn(): Promise<void> {
    await ownPanel.load();
    await ownLayers.reloadAll();
  }
  async function runImport(path?: string): Promise<ImportReport | null> {
    const report = await importDialog(path);
    if (report) {
      const layers = await api.userLayers();
      for (const id of report.layers) {
        const l = layers.find((x) => x.id === id);
        if (l) await ownLayers.show(l, true);
      }
      await ownPanel.load();
    }
    return report;
  }
  undo.onChange(() => void refreshOwn());
  async function doUndo(redo: boolean): Promise<void> {
    try {
      const label = redo ? await undo.redo() : await undo.undo();
      if (label) document.body.dataset.lastUndo = `${redo ? "redo" : "undo"}:${label}`;
    } catch (e) {
      await api.notify(String(e));
    }
  }
  function openNote(n: Note): void {
    if (n.target_kind === "element") void openElement(n.target_id, true);
    if (n.target_kind === "district") void openDistrict(n.target_id);
    if (n.target_kind === "paragraph") {
      const [section, ord] = n.target_id.split(":");
      void openReader(section, Number(ord));
    }
    if (n.target_kind === "feature") void api.userFeature(Number(n.target_id)).then((f) => openFeature(f));
  }
  const describeNote = (n: Note) =>
    n.target_kind === "element" ? (elements.has(n.target_id) ? name(elements.get(n.target_id)!) : n.target_id) : n.target_kind === "district" ? (catalog.districts.find((d) => d.district.adcode === n.target_id) ? name(catalog.districts.find((d) => d.district.adcode === n.target_id)!.district) : n.target_id) : `${n.target_kind} ${n.target_id}`;

  // ---- tours, presenting, exports --------------------------------------------------------
  let presentation: Presentation | null = null;
  const toursPanel = new ToursPanel(tabBodies.get("tours")!, {
    currentView: () => atlasMap.currentView(),
    selectedElement: () => atlasMap.selectedId(),
    elementName: (id) => (elements.has(id) ? name(elements.get(id)!) : id),
    present: (tour, presenterView) => void present(tour, presenterView),
    exportHandout: (tour) => void exportHandoutFlow(tour.id, name(tour)).then((p) => p && api.notify(`${t("exportDone")}: ${p}`)),
  });
  async function present(tour: Tour, presenterView: boolean): Promise<void> {
    if (presentation || tour.stops.length === 0) return;
    const problems = await api.tourPreflight(tour.id);
    if (problems.length && !(await api.confirm(problems.map((p) => (p.stop ? `${t("stop")} ${p.stop}: ${p.message}` : p.message)).join("\n")))) return;
    closePanel();
    presentation = new Presentation(atlasMap, tour, catalog.categories.map((c) => c.id), () => (presentation = null));
    await presentation.start(presenterView);
  }
  async function presentCurrent(): Promise<void> {
    const tour = await toursPanel.tourToPresent();
    if (tour) await present(tour, true);
  }

  function chooseTheme(id: string | null): void {
    activeTheme = id;
    const theme = catalog.themes.find((th) => th.id === id);
    atlasMap.setThemeFilter(theme ? theme.element_ids : null);
    document.body.dataset.theme = id ?? "";
    renderSidebar();
    if (id) showTab("themes");
  }

  function renderSidebar(): void {
    const layersTab = tabBodies.get("layers")!;
    renderLayers(layersTab, catalog.categories, catalog.elements, (c) => atlasMap.categoryVisible(c), (c, on) => atlasMap.setCategoryVisible(c, on));
    layersTab.append(ownHost);
    ownPanel.render();
    renderDistrictList(tabBodies.get("districts")!, catalog.districts, (adcode) => void openDistrict(adcode));
    renderThemes(tabBodies.get("themes")!, catalog.themes, elements, activeTheme, chooseTheme, (id) => void openElement(id, true));
  }

  // ---- top bar --------------------------------------------------------------------------
  const title = h("h1", { class: "app-title" });
  const searchHost = h("div", { class: "search-host" });
  const langButton = h("button", { class: "lang", type: "button", id: "lang-toggle", onclick: () => setLang(lang() === "zh" ? "en" : "zh") });
  const zoomTianjin = h("button", { type: "button", class: "zoom-to", id: "zoom-tianjin", onclick: () => atlasMap.zoomTo(TIANJIN_BOUNDS) });
  const zoomRegion = h("button", { type: "button", class: "zoom-to", id: "zoom-region", onclick: () => atlasMap.zoomTo(REGION_BOUNDS) });
  topbar.append(title, searchHost, h("div", { class: "top-actions" }, zoomTianjin, zoomRegion, langButton));
  const searchBox = new SearchBox(searchHost, {
    element: (id) => void openElement(id, true),
    theme: (id) => chooseTheme(id),
    paragraph: (sectionId, ord) => void openReader(sectionId, ord),
    note: (n) => openNote(n),
    feature: async (id, layerId) => {
      const f = (await api.layerFeatures(layerId)).find((x) => x.id === id);
      if (!f) return;
      const l = (await api.userLayers()).find((x) => x.id === layerId);
      if (l && !ownLayers.isShown(l.id)) await ownLayers.show(l, true);
      await openFeature(f);
    },
    categories,
  });

  // ---- status line: cursor coordinates and the district under it ------------------------
  const cursor = createCursorReadout(mapEl);

  function relabel(): void {
    title.textContent = t("title");
    langButton.textContent = lang() === "zh" ? "EN" : "中文";
    langButton.title = lang() === "zh" ? "Switch to English" : "切换到中文";
    zoomTianjin.textContent = t("zoomTianjin");
    zoomRegion.textContent = t("zoomRegion");
    closeButton.setAttribute("aria-label", t("close"));
    atlasMap.map.attributionControl.remove();
    atlasMap.map.attributionControl.addTo(atlasMap.map);
    atlasMap.map.attributionControl.setPrefix(false);
    atlasMap.map.attributionControl.addAttribution(t("attribution"));
    searchBox.relabel();
    renderTabs();
    renderSidebar();
    reader.render();
    toursPanel.render();
    atlasMap.relayout();
    document.body.dataset.lang = lang();
  }
  let lastAttribution = "";
  onLangChange(() => {
    atlasMap.map.attributionControl.removeAttribution(lastAttribution);
    relabel();
    lastAttribution = t("attribution");
    if (current?.kind === "element") void openElement(current.id, false);
    if (current?.kind === "district") void openDistrict(current.adcode);
  });

  // ---- menu and keys -------------------------------------------------------------------
  api.onMenu(async (id) => {
    if (id === "zoom-tianjin") atlasMap.zoomTo(TIANJIN_BOUNDS);
    if (id === "zoom-jjj") atlasMap.zoomTo(REGION_BOUNDS);
    if (id === "toggle-language") setLang(lang() === "zh" ? "en" : "zh");
    if (id === "present") void presentCurrent();
    if (id === "import") void runImport();
    if (id === "undo") void doUndo(false);
    if (id === "redo") void doUndo(true);
    if (id === "export-gpkg") {
      const path = await api.chooseSavePath("GeoPackage", "tianjin-atlas.gpkg", ["gpkg"]);
      if (path) {
        await api.exportGeopackage(path);
        await api.notify(`${t("exportDone")}: ${path}`);
      }
    }
    if (id === "export-csv") {
      const path = await api.chooseSavePath("CSV", "tianjin-plan-zones.csv", ["csv"]);
      if (path) await api.notify(`${t("exportDone")}: ${await api.exportZonesCsv(path)} → ${path}`);
    }
    if (id === "export-sheet") {
      const v = atlasMap.currentView();
      const path = await exportSheetDialog({ ...v, highlight: atlasMap.selectedId() });
      if (path) await api.notify(`${t("exportDone")}: ${path}`);
    }
    if (id === "export-book") {
      const path = await exportBookDialog(catalog.categories);
      if (path) await api.notify(`${t("exportDone")}: ${path}`);
    }
    if (id === "export-geojson") {
      const path = await api.exportPlanGeojson(t("exportDone"));
      if (path) await api.notify(`${t("exportDone")}: ${path}`);
    }
    if (id === "reset-default") {
      const backup = await api.resetToDefault(t("resetConfirm"));
      if (backup) {
        await api.notify(`${t("resetDone")} ${backup}`);
        location.reload();
      }
    }
  });
  document.addEventListener("keydown", (e) => {
    // F5 presents (and never reloads the page, which would drop the user's place).
    if (e.key === "F5") {
      e.preventDefault();
      void presentCurrent();
      return;
    }
    if (presentation) return;
    const typing = document.activeElement instanceof HTMLInputElement || document.activeElement instanceof HTMLTextAreaElement;
    if ((e.ctrlKey || e.metaKey) && !typing && (e.key === "z" || e.key === "Z" || e.key === "y")) {
      e.preventDefault();
      void doUndo(e.key === "y" || e.shiftKey);
      return;
    }
    if (e.key === "/" && document.activeElement !== searchBox.input) {
      e.preventDefault();
      searchBox.input.focus();
    }
    if (e.key === "Escape" && !panel.hidden && document.activeElement !== searchBox.input) closePanel();
  });

  relabel();
  void ownPanel.load();
  performance.mark("atlas-relabel");
  lastAttribution = t("attribution");
  showTab("layers");
  if (info.notice) void api.notify(info.notice);

  // Ready: every layer drawn. Two animation frames so the canvas has painted.
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      performance.mark("atlas-ready");
      const counts = atlasMap.drawnCounts();
      document.body.dataset.ready = "1";
      document.body.dataset.districts = String(counts.districts);
      document.body.dataset.layers = counts.categories.join(",");
      const measure = performance.measure("atlas-startup", "atlas-start", "atlas-ready");
      document.body.dataset.readyMs = measure.duration.toFixed(1);
      void api.reportStartup("atlas");
    }),
  );

  // Read-only hooks for the end-to-end tests: where things are drawn, so a test can click
  // them like a user would. Nothing here changes state.
  (window as unknown as { atlasTest: unknown }).atlasTest = {
    screenPointOf: (id: string) => atlasMap.screenPointOf(id),
    debugMap: atlasMap,
    drawnCounts: () => atlasMap.drawnCounts(),
    visibleLabels: () => [...document.querySelectorAll(".label-pane .label")].map((el) => el.textContent),
    catalog: (): PlanCatalog => catalog,
    nameOf: (id: string) => name(elements.get(id)!),
    // The native file dialog cannot be driven by WebDriver; tests hand the path over here.
    importPath: (path: string) => runImport(path),
    ownFeatureCount: () => ownLayers.featureCount(),
    // Large-layer benchmark: first draw streamed (ms from request to paint) or whole.
    showStreamed: (layerId: string) => ownLayers.showStreamed(layerId),
    showNaive: async (layerId: string) => {
      const started = performance.now();
      await ownLayers.showNaive(layerId);
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      return performance.now() - started;
    },
    hideOwn: async (layerId: string) => {
      const l = (await api.userLayers()).find((x) => x.id === layerId);
      if (l) await ownLayers.show(l, false);
    },
    /** Moves the map and resolves with the streamed layer's request-to-paint time there. */
    viewStreamedAt: (layerId: string, centre: [number, number], zoom: number) =>
      new Promise<number | null>((resolve) => {
        const layer = ownLayers.streamedLayer(layerId);
        if (!layer) return resolve(null);
        layer.onDrawn = (ms) => resolve(ms);
        atlasMap.map.setView(centre, zoom, { animate: false });
      }),
    /** Where the streamed layer's clusters are on screen (container px) and their counts. */
    streamedClusters: (layerId: string) => {
      const d = ownLayers.streamedLayer(layerId)?.viewData();
      const map = atlasMap.map;
      return (d?.clusters ?? []).map((c) => {
        const p = map.latLngToContainerPoint(map.unproject(L.point(c.x + d!.originX, c.y + d!.originY), d!.zoom));
        return { x: p.x, y: p.y, count: c.count };
      });
    },
    streamedView: (layerId: string) => {
      const layer = ownLayers.streamedLayer(layerId);
      const d = layer?.viewData();
      return d && { timing: layer!.lastTiming, bytes: d.bytes, zoom: d.zoom, originX: d.originX, originY: d.originY, shapes: d.shapes.length, dots: d.dots.length / 2, clusters: d.clusters.length, points: d.points.length / 2, inView: d.inView, clusterTotal: d.clusters.reduce((n, c) => n + c.count, 0) };
    },
  };
}

function createCursorReadout(mapEl: HTMLElement) {
  const el = h("div", { class: "cursor-readout", id: "cursor" });
  mapEl.append(el);
  let pending: [number, number] | null = null;
  let busy = false;
  let district = "";
  const tick = async () => {
    if (!pending || busy) return;
    const [lon, lat] = pending;
    pending = null;
    busy = true;
    try {
      const d = await api.districtAt(lon, lat);
      district = d ? name(d) : "";
    } finally {
      busy = false;
    }
    el.textContent = `${lon.toFixed(4)}°E ${lat.toFixed(4)}°N${district ? " · " + district : ""}`;
  };
  return {
    update(lon: number, lat: number) {
      pending = [lon, lat];
      el.textContent = `${lon.toFixed(4)}°E ${lat.toFixed(4)}°N${district ? " · " + district : ""}`;
      void tick();
    },
  };
}

start().catch((e) => {
  document.body.dataset.error = String(e);
  document.body.append(h("pre", { class: "fatal" }, `The atlas could not start: ${e}`));
});
