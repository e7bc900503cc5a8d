// Starts the atlas: loads the catalog and geometry from the core, draws the map, puts the
// parts of the page together, and marks the page ready (data-ready on <body>, performance
// mark "atlas-ready"). Each part lives in its own module under app/.

import "./styles.css";
import * as api from "./api";
import type { Category, ElementSummary, Note } from "./api";
import { h } from "./dom";
import { lang, name, onLangChange, t } from "./i18n";
import { AtlasMap, REGION_BOUNDS, TIANJIN_BOUNDS } from "./map/atlasMap";
import { setCityWide, setLegend } from "./drawingRules";
import { ToursPanel } from "./panels/tours";
import { exportHandoutFlow } from "./panels/exportDialog";
import { aboutDialog } from "./panels/about";
import { UndoStack } from "./undo";
import { Chooser } from "./app/chooser";
import { createCursorReadout } from "./app/cursor";
import * as flows from "./app/exports";
import { runMenuItem, type MenuTable } from "./app/menu";
import { describeNoteTarget, type Navigation } from "./app/navigation";
import { OwnWork } from "./app/ownWork";
import { PanelController } from "./app/panel";
import { Presenting } from "./app/presenting";
import { goToNote, undoOrRedo } from "./app/routing";
import { installShortcuts } from "./app/shortcuts";
import { Sidebar } from "./app/sidebar";
import { toggleLanguage, Topbar } from "./app/topbar";

async function start(): Promise<void> {
  performance.mark("atlas-start");
  document.documentElement.lang = lang() === "zh" ? "zh-CN" : "en";
  const [catalog, basemap, plan, info] = await Promise.all([api.planCatalog(), api.basemapGeometry(), api.planGeometry(), api.atlasInfo()]);
  performance.mark("atlas-data");
  // Drawing rules the panels need too, as the core decided them.
  setLegend(catalog.map_style.legend);
  setCityWide(plan.properties.filter((p) => p.city_wide).map((p) => p.element_id));
  const categories = new Map<string, Category>(catalog.categories.map((c) => [c.id, c]));
  const elements = new Map<string, ElementSummary>(catalog.elements.map((e) => [e.id, e]));
  const mapEl = document.getElementById("map")!;
  const undo = new UndoStack();

  // Every part moves the user through this; the parts it names are made just below.
  const nav: Navigation = {
    element: (id, fly) => void panel.openElement(id, fly),
    district: (adcode) => void panel.openDistrict(adcode),
    feature: (f) => void panel.openFeature(f),
    reader: (sectionId, ord) => void sidebar.openReader(sectionId, ord),
    theme: (id) => sidebar.chooseTheme(id),
    note: (n) => goToNote(n, nav),
    category: (id) => sidebar.revealCategory(id),
    tour: (id) => void tours.load(id).then(() => sidebar.showTab("tours")),
    ownLayer: (id) => sidebar.revealOwnLayer(id),
  };

  const atlasMap = new AtlasMap(mapEl, catalog, {
    onSelectElement: (id) => nav.element(id, false),
    onChooseElement: (ids, lon, lat) => void chooser.open(ids, lon, lat),
    onMapClick: async (lon, lat) => {
      if (await own.clickAt(lon, lat, nav.feature)) return;
      const d = await api.districtAt(lon, lat);
      if (d) nav.district(d.adcode);
    },
    onCursor: (lon, lat) => cursor.update(lon, lat),
  });
  const cursor = createCursorReadout(mapEl);
  atlasMap.drawBasemap(basemap);
  performance.mark("atlas-basemap");
  atlasMap.drawPlan(plan);
  performance.mark("atlas-plan");

  const chooser = new Chooser(atlasMap.map, elements, categories, nav);
  const own = new OwnWork(atlasMap, undo, nav.feature);
  const panel = new PanelController(document.getElementById("panel")!, atlasMap, undo, nav, categories, {
    refresh: () => void own.refresh(),
    editGeometry: (id) => own.layers.editGeometry(id),
  });
  const presenting = new Presenting(atlasMap, catalog.categories.map((c) => c.id), elements, () => panel.close());
  const sidebar = new Sidebar(document.getElementById("sidebar")!, atlasMap, catalog, elements, nav);
  const tours = new ToursPanel(sidebar.body("tours"), {
    currentView: () => atlasMap.currentView(),
    selectedElement: () => atlasMap.selectedId(),
    elementName: (id) => (elements.has(id) ? name(elements.get(id)!) : id),
    element: (id) => elements.get(id),
    present: (tour, presenterView) => void presenting.present(tour, presenterView),
    exportHandout: (tour, speakerCopy) => void exportHandoutFlow(tour.id, name(tour), speakerCopy).then((p) => p && api.notify(`${t("exportDone")}: ${p}`)),
  });
  const districtName = (adcode: string) => {
    const d = catalog.districts.find((x) => x.district.adcode === adcode);
    return d ? name(d.district) : null;
  };
  sidebar.parts = {
    ownHost: own.host,
    renderOwn: () => own.panel.render(),
    afterTeamSync: () => void own.refresh(),
    loadTours: () => void tours.load(),
    describeNote: async (n: Note) => {
      // An own feature is named by its saved name (fetched: the notes tab lists few notes).
      const feature = n.target_kind === "feature" ? await api.userFeature(Number(n.target_id)).catch(() => null) : null;
      const featureName = feature ? (lang() === "zh" ? feature.attributes.name_zh || feature.attributes.name_en : feature.attributes.name_en || feature.attributes.name_zh) || null : null;
      return describeNoteTarget(n, {
        element: (id) => (elements.has(id) ? name(elements.get(id)!) : null),
        district: districtName,
        feature: () => featureName,
        kind: (k) => (k === "feature" ? t("ownFeature") : t("plan")),
      });
    },
    onParagraphNote: (sectionId, ord, text) => panel.openParagraph(sectionId, ord, text),
  };
  const topbar = new Topbar(document.getElementById("topbar")!, atlasMap, nav, categories, (id, layerId) => own.revealFeature(id, layerId, (f) => panel.openFeature(f)));

  const presentCurrent = async () => {
    const tour = await tours.tourToPresent();
    if (tour) await presenting.present(tour, true);
  };
  const menu: MenuTable = {
    "zoom-tianjin": () => atlasMap.zoomTo(TIANJIN_BOUNDS),
    "zoom-jjj": () => atlasMap.zoomTo(REGION_BOUNDS),
    "toggle-language": toggleLanguage,
    present: presentCurrent,
    import: () => own.runImport(),
    undo: () => undoOrRedo(undo, false),
    redo: () => undoOrRedo(undo, true),
    "export-gpkg": flows.exportGeopackageFlow,
    "export-csv": flows.exportCsvFlow,
    "export-sheet": () => flows.exportSheetFlow(atlasMap),
    "export-book": () => flows.exportBookFlow(catalog.categories),
    "export-geojson": flows.exportPlanGeojsonFlow,
    "reset-default": flows.resetFlow,
    "restore-backup": flows.restoreFlow,
    about: aboutDialog,
  };
  api.onMenu((id) => void runMenuItem(menu, id, api.notify));
  installShortcuts(
    () => ({
      presenting: presenting.active,
      typing: document.activeElement instanceof HTMLInputElement || document.activeElement instanceof HTMLTextAreaElement,
      searchFocused: document.activeElement === topbar.search.input,
      panelOpen: panel.isOpen,
    }),
    (s) => {
      if (s === "present") void presentCurrent();
      if (s === "undo" || s === "redo") void undoOrRedo(undo, s === "redo");
      if (s === "focusSearch") topbar.search.input.focus();
      if (s === "closePanel") panel.close();
    },
  );

  const relabel = () => {
    topbar.relabel();
    sidebar.relabel();
    tours.render();
    atlasMap.relayout();
    // The drawing tool's tooltips ("Click to place marker") follow the language too.
    (atlasMap.map as unknown as { pm?: { setLang: (l: "zh" | "en") => void } }).pm?.setLang(lang());
    document.body.dataset.lang = lang();
    void api.setMenuLanguage(lang());
  };
  onLangChange(() => {
    relabel();
    panel.relabel();
    own.layers.redrawAll();
  });
  relabel();
  void own.panel.load();
  performance.mark("atlas-relabel");
  sidebar.showTab("layers");
  if (info.notice) void api.notify(info.notice);
  // Test builds only: the bundler drops this branch, and the hooks' module, from a release build.
  if (import.meta.env.VITE_E2E === "1") (await import("./app/testHooks")).installTestHooks({ atlasMap, catalog, elements, ownLayers: own.layers });

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
}

start().catch((e) => {
  const text = api.errorText(e);
  document.body.dataset.error = text;
  document.body.append(h("pre", { class: "fatal" }, `The atlas could not start: ${text}`));
});
