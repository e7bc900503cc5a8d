// The planner's own work: notes, own layers and their features.

import { decodeView, type ViewData } from "../wire/view";
import { call } from "./call";
import { toAtlasError } from "./errors";
import type { FeatureAttributes, GeoJsonGeometry, Note, NoteKind, UserFeature, UserLayer } from "./types";

export const notesFor = (kind: NoteKind, id: string) => call<Note[]>("notes_for", { kind, id });
export const allNotes = (query: string | null) => call<Note[]>("all_notes", { query });
export const addNote = (kind: NoteKind, id: string, text: string) => call<Note>("add_note", { kind, id, text });
export const updateNote = (id: number, text: string) => call<Note>("update_note", { id, text });
export const deleteNote = (id: number) => call<Note>("delete_note", { id });
export const restoreNote = (note: Note) => call<Note>("restore_note", { note });
export const userLayers = () => call<UserLayer[]>("user_layers");
export const createLayer = (name: string) => call<UserLayer>("create_layer", { name });
export const renameLayer = (id: string, name: string) => call<UserLayer>("rename_layer", { id, name });
/** Keeps a layer's colour (#rrggbb) in the atlas file; its QGIS style follows. */
export const setLayerColour = (id: string, colour: string) => call<UserLayer>("set_layer_colour", { id, colour });
export const deleteLayer = (id: string) => call<void>("delete_layer", { id });
export const userFeature = (id: number) => call<UserFeature>("user_feature", { id });
export const layerFeatures = (layerId: string) => call<UserFeature[]>("layer_features", { layerId });

/** One viewport of a large layer, drawn-ready; null when a newer request made it stale. */
export async function layerView(layerId: string, bbox: [number, number, number, number], zoom: number, seq: number): Promise<ViewData | null> {
  try {
    return decodeView(await call<ArrayBuffer>("layer_view", { layerId, bbox, zoom, seq }));
  } catch (e) {
    if (toAtlasError(e).kind === "stale") return null;
    throw e;
  }
}
/** The feature of a layer under a point (tolerance in metres), through the core's index. */
export const layerFeatureAt = (layerId: string, lon: number, lat: number, toleranceM: number) => call<number | null>("layer_feature_at", { layerId, lon, lat, toleranceM });
export const addFeature = (layerId: string, geometry: GeoJsonGeometry, attributes: FeatureAttributes) => call<UserFeature>("add_feature", { layerId, geometry, attributes });
export const updateFeatureGeometry = (id: number, geometry: GeoJsonGeometry) => call<UserFeature>("update_feature_geometry", { id, geometry });
export const updateFeatureAttributes = (id: number, attributes: FeatureAttributes) => call<UserFeature>("update_feature_attributes", { id, attributes });
export const deleteFeature = (id: number) => call<UserFeature>("delete_feature", { id });
export const restoreFeature = (feature: UserFeature) => call<UserFeature>("restore_feature", { feature });
