// Mirrors of atlas-core's serialised structs.

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

export interface TourSummary { id: string; name_zh: string; name_en: string; origin: string; stop_count: number }
export interface TourStop { id: number; element_id: string | null; view: [number, number, number, number] | null; layers: string[]; caption_zh: string; caption_en: string; notes: string }
export interface Tour { id: string; name_zh: string; name_en: string; origin: string; stops: TourStop[] }
export type StopContent = Omit<TourStop, "id">;
export interface PreflightProblem { stop: number; message: string }

export type PageFormat = "a4-portrait" | "a4-landscape" | "slide";
export type SheetSubject = { kind: "bbox"; value: [number, number, number, number] } | { kind: "element"; value: string } | { kind: "district"; value: string } | { kind: "named"; value: "tianjin" | "region" };
export interface SheetJob { subject: SheetSubject; format: PageFormat; lang: "zh" | "en"; title: string | null; layers: string[] | null; highlight: string | null }
export type BookKind = { kind: "elements"; value: string | null } | { kind: "districts" };

export type NoteKind = "element" | "district" | "paragraph" | "feature";
export interface Note { id: number; target_kind: NoteKind; target_id: string; text: string; created_at: string; updated_at: string }
export interface UserLayer { id: string; name: string; source: string; created_at: string; feature_count: number; bbox: [number, number, number, number] | null }
export interface FeatureAttributes { name_zh: string; name_en: string; category: string; description: string }
export interface GeoJsonGeometry { type: string; coordinates: unknown }
export interface UserFeature { id: number; layer_id: string; attributes: FeatureAttributes; properties: Record<string, unknown>; geometry: GeoJsonGeometry; created_at: string; updated_at: string }
export interface ImportOptions { layer_name: string | null; datum: "wgs84" | "gcj02" | "bd09"; lon_column: string | null; lat_column: string | null; gpkg_layers: string[] | null }
export interface ImportReport { file: string; layers: string[]; features: number; repaired: [number, string][]; bytes: number; seconds: number }

/** One backup of the atlas file (File → Restore from backup…). */
export interface BackupInfo { file_name: string; kind: string; created_unix: number; notes: number; own_features: number; tours: number; size_bytes: number }
