// The only module that talks to Tauri. Types mirror atlas-core's serialised structs.

import { invoke } from "@tauri-apps/api/core";
import { emit, listen } from "@tauri-apps/api/event";
import { ask, message, save } from "@tauri-apps/plugin-dialog";
import { decodeWire, type WireLayer } from "./wire";

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
export interface SearchResults { query: string; elements: ElementHit[]; themes: ThemeHit[]; paragraphs: ParagraphHit[] }
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
