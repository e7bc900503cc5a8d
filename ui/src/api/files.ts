// Files in and out. Paths are decided by the shell: it opens the native dialog, enforces the
// extension and remembers what the user chose; the page only passes the chosen path back.

import { call, on } from "./call";
import type { BackupInfo, BookKind, ImportOptions, ImportPreview, ImportReport, SheetJob } from "./types";

export type ExportKind = "geojson" | "gpkg" | "csv" | "svg" | "png" | "pdf" | "zip";

/** The files the user picked in the shell's open dialog; empty when they cancelled. */
export const chooseImportFiles = (title: string) => call<string[]>("choose_import_files", { title });
/** Where the user wants an export written (extension enforced by the shell); null when cancelled. */
export const chooseExportPath = (kind: ExportKind, suggestedName: string, title: string) => call<string | null>("choose_export_path", { kind, suggestedName, title });

export const gpkgLayers = (path: string) => call<string[]>("gpkg_layers", { path });
export const importFile = (path: string, options: ImportOptions) => call<ImportReport>("import_file", { path, options });
/** Import options with the file's CRS (EPSG code) and attribute encoding chosen by the user. */
export type ImportChoices = ImportOptions & { source_epsg?: number | null; encoding?: string | null };
/** What importing the chosen file would bring in; writes nothing. */
export const previewImport = (path: string, options: ImportChoices) => call<ImportPreview>("preview_import", { path, options });
/** Files dropped on the window (the shell has already accepted them as chosen). */
export const onFilesDropped = (handler: (paths: string[]) => void) => on<string[]>("files-dropped", handler);
export const onImportProgress = (handler: (p: { done: number; total: number }) => void) => on<{ done: number; total: number }>("import-progress", handler);

export const exportPlanGeojson = (path: string) => call<number>("export_plan_geojson", { path });
export const exportLayerGeojson = (layerId: string, ids: number[] | null, path: string) => call<number>("export_layer_geojson", { layerId, ids, path });
export const exportGeopackage = (path: string) => call<void>("export_geopackage", { path });
/** What the data export writes; a GeoPackage is the whole atlas in WGS 84. */
export type DataFormat = "geopackage" | "shapefile_zip" | "geojson";
/** An own layer (or the plan's data, layerId null) in a format and CRS (EPSG code; the shell
 * accepts 4326, 4490, 4548 and 4527); the features written, null for a GeoPackage. */
export const exportData = (layerId: string | null, format: DataFormat, epsg: number, path: string) => call<number | null>("export_data", { layerId, format, epsg, path });
export const exportZonesCsv = (path: string) => call<number>("export_zones_csv", { path });
export const exportSheet = (job: SheetJob, path: string) => call<void>("export_sheet_file", { job, path });
/** `speakerCopy`: the speaker's copy, with each stop's notes; the audience's copy has none. */
export const exportHandout = (tourId: string, lang: "zh" | "en", path: string, speakerCopy = false) => call<number>("export_handout_file", { tourId, lang, path, speakerCopy });
export const exportAtlasBook = (kind: BookKind, lang: "zh" | "en", path: string) => call<number>("export_atlas_book_file", { kind, lang, path });
export const onExportProgress = (handler: (p: { done: number; total: number; stage: string }) => void) => on<{ done: number; total: number; stage: string }>("export-progress", handler);
/** Cancels the running import or export (it ends with an error of kind "cancelled"). */
export const cancelJob = () => call<void>("cancel_job");

export const resetToDefault = () => call<string>("reset_to_default");
export const listBackups = () => call<BackupInfo[]>("list_backups");
export const restoreBackup = (fileName: string) => call<unknown>("restore_backup", { fileName });
