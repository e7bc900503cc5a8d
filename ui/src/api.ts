// The only module that talks to Tauri. Types mirror atlas-core's serialised structs.

import { invoke } from "@tauri-apps/api/core";
import { emit, listen } from "@tauri-apps/api/event";
import { ask, message, save } from "@tauri-apps/plugin-dialog";
import { decodeWire, type WireLayer } from "./wire";
import { decodeView, type ViewData } from "./map/viewWire";

export interface CategoryStyle { stroke: string; fill: string; fill_opacity: number; weight: number; symbol: string }
export interface Category { id: string; name_zh: string; name_en: string; description_zh: string; description_en: string; order: number; style: CategoryStyle }
export interface ElementSummary {
  id: string; name_zh: string; name_en: string; category: string; location_basis: Basis;
  districts: string[]; label: [number, number]; bbox: [number, number, number, number];
}
export type Basis = "boundary" | "site" | "schematic";
export interface DistrictRef { adcode: string; name_zh: string; name_en: string }
export interface DistrictEntry { district: DistrictRef; label: [number, number]; bbox: [number, number, number, number]; element_count: number }
export interface Quote { text: string; seed: "000" | "002"; section_id: string; section_path: string[]; paragraph_ord: number | null }
export interface Theme { id: string; name_zh: string; name_en: string; kind: "key_field" | "livelihood"; keywords: string[]; element_ids: string[]; quotes: Quote[] }
export interface ThemeRef { id: string; name_zh: string; name_en: string; kind: string }
export interface PlanCatalog { title: string; edition: string; categories: Category[]; elements: ElementSummary[]; themes: Theme[]; districts: DistrictEntry[]; area_categories: string[] }
export interface ElementDetail {
  summary: ElementSummary; category_name_zh: string; category_name_en: string; location_source: string;
  uncertainty_km: number | null; districts: DistrictRef[]; host: ElementSummary | null; host_text: string | null;
  hosted: ElementSummary[]; anchors: string[]; focus: string[]; note: string | null; themes: ThemeRef[];
  quotes: Quote[]; related: ElementSummary[];
}
export interface DistrictReport { district: DistrictRef; elements: ElementSummary[]; counts_by_category: [string, number][]; bbox: [number, number, number, number] }
export interface ElementHit { element: ElementSummary; score: number; matched: string }
export interface ThemeHit { id: string; name_zh: string; name_en: string; score: number }
export interface ParagraphHit { section_id: string; section_title: string; paragraph_ord: number; snippet: string; text: string; occurrences: number }
export interface SearchResults { query: string; elements: ElementHit[]; themes: ThemeHit[]; paragraphs: ParagraphHit[]; notes: Note[]; features: { id: number; layer_id: string; name: string }[] }
export interface SectionHeader { id: string; parent: string | null; kind: string; title_zh: string; title_en: string | null; seed: string; elided_in_plan: boolean; depth: number }
export interface ReaderParagraph { ord: number; kind: "body" | "heading"; seed: string; text: string; mentions: string[] }
export interface ReaderSection { header: SectionHeader; paragraphs: ReaderParagraph[] }
export interface AtlasInfo { path: string; edition: string | null; schema_version: number; elements: number; notice: string | null }
export interface BasemapProps { layer: "outline" | "context" | "tianjin"; adcode: string; name_zh: string; name_en: string; level: string }
export interface DrawStyle { stroke: string; weight: number; dash: number[]; filled: boolean; fill: string; fill_opacity: number; symbol: string; hollow: boolean; symbol_at_label: boolean }
export interface PlanFeatureProps { element_id: string; role: string; category: string; location_basis: Basis; style: DrawStyle; label_style: DrawStyle | null }

export const atlasInfo = () => invoke<AtlasInfo>("atlas_info");
export const planCatalog = () => invoke<PlanCatalog>("plan_catalog");
export const planGeometry = async (): Promise<WireLayer<PlanFeatureProps>> => decodeWire(await invoke<ArrayBuffer>("plan_geometry"));
export const basemapGeometry = async (): Promise<WireLayer<BasemapProps>> => decodeWire(await invoke<ArrayBuffer>("basemap_geometry"));
export const zoneDetail = (id: string) => invoke<ElementDetail>("zone_detail", { id });
export const search = (query: string, limit = 12) => invoke<SearchResults>("search", { query, limit });
export const districtAt = (lon: number, lat: number) => invoke<DistrictRef | null>("district_at", { lon, lat });
export const districtReport = (query: string) => invoke<DistrictReport>("district_report", { query });
export const planText = () => invoke<ReaderSection[]>("plan_text");
export const zonesNear = (id: string, radiusM: number) => invoke<{ element: ElementSummary; distance_m: number }[]>("zones_near", { id, radiusM });

export async function exportPlanGeojson(title: string): Promise<string | null> {
  const path = await save({ title, defaultPath: "tianjin-plan.geojson", filters: [{ name: "GeoJSON", extensions: ["geojson", "json"] }] });
  if (!path) return null;
  await invoke<number>("export_plan_geojson", { path });
  return path;
}

export async function resetToDefault(question: string): Promise<string | null> {
  if (!(await ask(question, { kind: "warning" }))) return null;
  return invoke<string>("reset_to_default");
}

export const reportStartup = (page: string) => invoke<void>("report_startup", { page });
export const notify = (text: string) => message(text);

/** Menu items forwarded by the shell (src-tauri/src/menu.rs). */
export function onMenu(handler: (id: string) => void): void {
  void listen<string>("menu", (e) => handler(e.payload));
}

// ---- tours ------------------------------------------------------------------------------
export interface TourSummary { id: string; name_zh: string; name_en: string; origin: string; stop_count: number }
export interface TourStop { id: number; element_id: string | null; view: [number, number, number, number] | null; layers: string[]; caption_zh: string; caption_en: string; notes: string }
export interface Tour { id: string; name_zh: string; name_en: string; origin: string; stops: TourStop[] }
export type StopContent = Omit<TourStop, "id">;
export interface PreflightProblem { stop: number; message: string }

export const tours = () => invoke<TourSummary[]>("tours");
export const tour = (id: string) => invoke<Tour>("tour", { id });
export const createTour = (nameZh: string, nameEn: string) => invoke<Tour>("create_tour", { nameZh, nameEn });
export const renameTour = (id: string, nameZh: string, nameEn: string) => invoke<Tour>("rename_tour", { id, nameZh, nameEn });
export const duplicateTour = (id: string) => invoke<Tour>("duplicate_tour", { id });
export const deleteTour = (id: string) => invoke<void>("delete_tour", { id });
export const addStop = (tourId: string, stop: StopContent) => invoke<Tour>("add_stop", { tourId, stop });
export const updateStop = (stopId: number, stop: StopContent) => invoke<Tour>("update_stop", { stopId, stop });
export const moveStop = (stopId: number, to: number) => invoke<Tour>("move_stop", { stopId, to });
export const deleteStop = (stopId: number) => invoke<Tour>("delete_stop", { stopId });
export const tourPreflight = (id: string) => invoke<PreflightProblem[]>("tour_preflight", { id });
export const confirm = (text: string) => ask(text, { kind: "warning" });

// ---- presenting ---------------------------------------------------------------------------
export async function setFullscreen(on: boolean): Promise<void> {
  const { getCurrentWindow } = await import("@tauri-apps/api/window");
  await getCurrentWindow().setFullscreen(on);
}

/** Opens (or focuses) the presenter view window. */
export async function openPresenterWindow(title: string): Promise<void> {
  const { WebviewWindow } = await import("@tauri-apps/api/webviewWindow");
  const existing = await WebviewWindow.getByLabel("presenter");
  if (existing) {
    await existing.setFocus();
    return;
  }
  const w = new WebviewWindow("presenter", { url: "presenter.html", title, width: 900, height: 620 });
  await new Promise<void>((resolve, reject) => {
    void w.once("tauri://created", () => resolve());
    void w.once("tauri://error", (e) => reject(new Error(`the presenter view could not open: ${JSON.stringify(e.payload)}`)));
  });
}

export async function closePresenterWindow(): Promise<void> {
  const { WebviewWindow } = await import("@tauri-apps/api/webviewWindow");
  await (await WebviewWindow.getByLabel("presenter"))?.close();
}

export interface PresenterState {
  tour: string;
  index: number;
  total: number;
  current: { caption: string; caption_other: string; notes: string };
  next: { caption: string } | null;
  started_at: number;
  presenting: boolean;
}
export const broadcastPresenterState = (s: PresenterState) => emit("presenter-state", s);
export const onPresenterCommand = (handler: (command: string) => void) => listen<string>("presenter-command", (e) => handler(e.payload));

// ---- exports ----------------------------------------------------------------------------
export type PageFormat = "a4-portrait" | "a4-landscape" | "slide";
export type SheetSubject = { kind: "bbox"; value: [number, number, number, number] } | { kind: "element"; value: string } | { kind: "district"; value: string } | { kind: "named"; value: "tianjin" | "region" };
export interface SheetJob { subject: SheetSubject; format: PageFormat; lang: "zh" | "en"; title: string | null; layers: string[] | null; highlight: string | null }
export type BookKind = { kind: "elements"; value: string | null } | { kind: "districts" };

export async function chooseSavePath(title: string, defaultPath: string, extensions: string[]): Promise<string | null> {
  return save({ title, defaultPath, filters: [{ name: extensions.join(", ").toUpperCase(), extensions }] });
}
export const exportSheet = (job: SheetJob, path: string) => invoke<void>("export_sheet_file", { job, path });
export const exportHandout = (tourId: string, lang: "zh" | "en", path: string) => invoke<number>("export_handout_file", { tourId, lang, path });
export const exportAtlasBook = (kind: BookKind, lang: "zh" | "en", path: string) => invoke<number>("export_atlas_book_file", { kind, lang, path });
export const cancelExport = () => invoke<void>("cancel_export");
export const onExportProgress = (handler: (p: { done: number; total: number; stage: string }) => void) => listen<{ done: number; total: number; stage: string }>("export-progress", (e) => handler(e.payload));

// ---- notes, own layers, imports ------------------------------------------------------------
export type NoteKind = "element" | "district" | "paragraph" | "feature";
export interface Note { id: number; target_kind: NoteKind; target_id: string; text: string; created_at: string; updated_at: string }
export interface UserLayer { id: string; name: string; source: string; created_at: string; feature_count: number; bbox: [number, number, number, number] | null }
export interface FeatureAttributes { name_zh: string; name_en: string; category: string; description: string }
export interface GeoJsonGeometry { type: string; coordinates: unknown }
export interface UserFeature { id: number; layer_id: string; attributes: FeatureAttributes; properties: Record<string, unknown>; geometry: GeoJsonGeometry; created_at: string; updated_at: string }
export interface ImportOptions { layer_name: string | null; datum: "wgs84" | "gcj02" | "bd09"; max_bytes: number; lon_column: string | null; lat_column: string | null; gpkg_layers: string[] | null }
export interface ImportReport { file: string; layers: string[]; features: number; repaired: [number, string][]; bytes: number; seconds: number }

export const notesFor = (kind: NoteKind, id: string) => invoke<Note[]>("notes_for", { kind, id });
export const allNotes = (query: string | null) => invoke<Note[]>("all_notes", { query });
export const addNote = (kind: NoteKind, id: string, text: string) => invoke<Note>("add_note", { kind, id, text });
export const updateNote = (id: number, text: string) => invoke<Note>("update_note", { id, text });
export const deleteNote = (id: number) => invoke<Note>("delete_note", { id });
export const restoreNote = (note: Note) => invoke<Note>("restore_note", { note });
export const userLayers = () => invoke<UserLayer[]>("user_layers");
export const createLayer = (name: string) => invoke<UserLayer>("create_layer", { name });
export const renameLayer = (id: string, name: string) => invoke<UserLayer>("rename_layer", { id, name });
export const deleteLayer = (id: string) => invoke<void>("delete_layer", { id });
export const userFeature = (id: number) => invoke<UserFeature>("user_feature", { id });
export const layerFeatures = (layerId: string) => invoke<UserFeature[]>("layer_features", { layerId });

/** One viewport of a large layer, drawn-ready; null when a newer request made it stale. */
export async function layerView(layerId: string, bbox: [number, number, number, number], zoom: number, seq: number): Promise<ViewData | null> {
  try {
    return decodeView(await invoke<ArrayBuffer>("layer_view", { layerId, bbox, zoom, seq }));
  } catch (e) {
    if (e === "stale") return null;
    throw e;
  }
}
/** The feature of a layer under a point (tolerance in metres), through the core's index. */
export const layerFeatureAt = (layerId: string, lon: number, lat: number, toleranceM: number) => invoke<number | null>("layer_feature_at", { layerId, lon, lat, toleranceM });
export const addFeature = (layerId: string, geometry: GeoJsonGeometry, attributes: FeatureAttributes) => invoke<UserFeature>("add_feature", { layerId, geometry, attributes });
export const updateFeatureGeometry = (id: number, geometry: GeoJsonGeometry) => invoke<UserFeature>("update_feature_geometry", { id, geometry });
export const updateFeatureAttributes = (id: number, attributes: FeatureAttributes) => invoke<UserFeature>("update_feature_attributes", { id, attributes });
export const deleteFeature = (id: number) => invoke<UserFeature>("delete_feature", { id });
export const restoreFeature = (feature: UserFeature) => invoke<UserFeature>("restore_feature", { feature });
export const gpkgLayers = (path: string) => invoke<string[]>("gpkg_layers", { path });
export const importFile = (path: string, options: ImportOptions) => invoke<ImportReport>("import_file", { path, options });
export const onImportProgress = (handler: (p: { done: number; total: number }) => void) => listen<{ done: number; total: number }>("import-progress", (e) => handler(e.payload));
export const exportLayerGeojson = (layerId: string, ids: number[] | null, path: string) => invoke<number>("export_layer_geojson", { layerId, ids, path });
export const exportGeopackage = (path: string) => invoke<void>("export_geopackage", { path });
export const exportZonesCsv = (path: string) => invoke<number>("export_zones_csv", { path });

export async function chooseOpenPath(title: string, extensions: string[]): Promise<string | null> {
  const { open } = await import("@tauri-apps/plugin-dialog");
  const picked = await open({ title, multiple: false, directory: false, filters: [{ name: extensions.join(", ").toUpperCase(), extensions }] });
  return typeof picked === "string" ? picked : null;
}
