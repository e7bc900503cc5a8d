// Raster basemaps: tile sets (MBTiles, GeoPackage tiles) the user chose in Rust's dialog, kept
// in the atlas file; their tiles come back as bytes, asked for by basemap id and z/x/y.

import { call } from "./call";
import type { SavedBasemap } from "./types";

/** Opens Rust's file dialog for a tile set; null when cancelled. */
export const chooseBasemapFile = (title: string) => call<string | null>("choose_basemap_file", { title });
export const addBasemap = (path: string) => call<SavedBasemap>("add_basemap", { path });
export const basemaps = () => call<SavedBasemap[]>("basemaps");
export const updateBasemap = (id: number, change: { opacity?: number; visible?: boolean }) => call<SavedBasemap>("update_basemap", { id, opacity: change.opacity ?? null, visible: change.visible ?? null });
export const removeBasemap = (id: number) => call<void>("remove_basemap", { id });
/** A tile's bytes; empty where the set has no tile there. */
export const basemapTile = (id: number, z: number, x: number, y: number) => call<ArrayBuffer>("basemap_tile", { id, z, x, y });
