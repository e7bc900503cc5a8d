// The only module that talks to Tauri. Types mirror atlas-core's serialised structs.

import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
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
