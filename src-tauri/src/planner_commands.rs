//! IPC commands for the planner's own work: notes, own layers and features, imports and
//! imports. Each calls one atlas-core function; imports run off the UI thread with progress.

use std::path::PathBuf;

use atlas_core::import::{ImportOptions, ImportReport};
use atlas_core::user::features::{FeatureAttributes, UserFeature, UserLayer};
use atlas_core::user::notes::{Note, NoteTarget};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};

use crate::commands::{with_atlas, CommandResult};
use crate::errors::internal;
use crate::paths::ChosenPaths;
use crate::state::AtlasState;

fn geometry(g: geojson::Geometry) -> CommandResult<geo::Geometry<f64>> {
    g.try_into().map_err(|e: geojson::Error| {
        atlas_core::error::ErrorReport::new(atlas_core::error::ErrorKind::InvalidInput, format!("geometry: {e}"))
    })
}

#[tauri::command]
pub fn notes_for(state: State<AtlasState>, kind: NoteTarget, id: String) -> CommandResult<Vec<Note>> {
    with_atlas(&state, |a| a.notes_for(kind, &id))
}

#[tauri::command]
pub fn all_notes(state: State<AtlasState>, query: Option<String>) -> CommandResult<Vec<Note>> {
    with_atlas(&state, |a| a.notes(query.as_deref()))
}

#[tauri::command]
pub fn add_note(state: State<AtlasState>, kind: NoteTarget, id: String, text: String) -> CommandResult<Note> {
    with_atlas(&state, |a| a.add_note(kind, &id, &text))
}

#[tauri::command]
pub fn update_note(state: State<AtlasState>, id: i64, text: String) -> CommandResult<Note> {
    with_atlas(&state, |a| a.update_note(id, &text))
}

#[tauri::command]
pub fn delete_note(state: State<AtlasState>, id: i64) -> CommandResult<Note> {
    with_atlas(&state, |a| a.delete_note(id))
}

#[tauri::command]
pub fn restore_note(state: State<AtlasState>, note: Note) -> CommandResult<Note> {
    with_atlas(&state, |a| a.restore_note(&note))
}

#[tauri::command]
pub fn user_layers(state: State<AtlasState>) -> CommandResult<Vec<UserLayer>> {
    with_atlas(&state, |a| a.user_layers())
}

#[tauri::command]
pub fn create_layer(state: State<AtlasState>, name: String) -> CommandResult<UserLayer> {
    with_atlas(&state, |a| a.create_layer(&name, "drawn"))
}

#[tauri::command]
pub fn rename_layer(state: State<AtlasState>, id: String, name: String) -> CommandResult<UserLayer> {
    with_atlas(&state, |a| a.rename_layer(&id, &name))
}

#[tauri::command]
pub fn set_layer_colour(state: State<AtlasState>, id: String, colour: String) -> CommandResult<UserLayer> {
    with_atlas(&state, |a| a.set_layer_colour(&id, &colour))
}

#[tauri::command]
pub fn delete_layer(state: State<AtlasState>, id: String) -> CommandResult<()> {
    with_atlas(&state, |a| a.delete_layer(&id))
}

#[tauri::command]
pub fn user_feature(state: State<AtlasState>, id: i64) -> CommandResult<UserFeature> {
    with_atlas(&state, |a| a.user_feature(id))
}

#[tauri::command]
pub fn layer_features(state: State<AtlasState>, layer_id: String) -> CommandResult<Vec<UserFeature>> {
    with_atlas(&state, |a| a.layer_features(&layer_id))
}

#[tauri::command]
pub fn add_feature(
    state: State<AtlasState>,
    layer_id: String,
    geometry: geojson::Geometry,
    attributes: FeatureAttributes,
) -> CommandResult<UserFeature> {
    let g = self::geometry(geometry)?;
    with_atlas(&state, |a| a.add_feature(&layer_id, &g, &attributes))
}

#[tauri::command]
pub fn update_feature_geometry(
    state: State<AtlasState>,
    id: i64,
    geometry: geojson::Geometry,
) -> CommandResult<UserFeature> {
    let g = self::geometry(geometry)?;
    with_atlas(&state, |a| a.update_feature_geometry(id, &g))
}

#[tauri::command]
pub fn update_feature_attributes(
    state: State<AtlasState>,
    id: i64,
    attributes: FeatureAttributes,
) -> CommandResult<UserFeature> {
    with_atlas(&state, |a| a.update_feature_attributes(id, &attributes))
}

#[tauri::command]
pub fn delete_feature(state: State<AtlasState>, id: i64) -> CommandResult<UserFeature> {
    with_atlas(&state, |a| a.delete_feature(id))
}

/// Undo of a delete: the feature as `delete_feature` returned it.
#[tauri::command]
pub fn restore_feature(state: State<AtlasState>, feature: FeatureRestore) -> CommandResult<UserFeature> {
    let f = UserFeature {
        id: feature.id,
        layer_id: feature.layer_id,
        attributes: feature.attributes,
        properties: feature.properties,
        geometry: feature.geometry,
        created_at: feature.created_at,
        updated_at: feature.updated_at,
    };
    with_atlas(&state, |a| a.restore_feature(&f))
}

#[derive(serde::Deserialize)]
pub struct FeatureRestore {
    id: i64,
    layer_id: String,
    attributes: FeatureAttributes,
    properties: serde_json::Map<String, serde_json::Value>,
    geometry: geojson::Geometry,
    created_at: String,
    updated_at: String,
}

/// The feature tables of a GeoPackage the user chose to import, to pick from.
#[tauri::command]
pub fn gpkg_layers(chosen: State<ChosenPaths>, path: PathBuf) -> CommandResult<Vec<String>> {
    let path = chosen.readable(&path)?;
    Ok(atlas_core::import::gpkg_file::layers(&path)?.into_iter().map(|l| l.table).collect())
}

#[derive(Serialize, Clone)]
struct ImportProgress {
    done: usize,
    total: usize,
}

/// Imports a file the user chose, on a blocking thread with its own connection (WAL: the app
/// keeps reading), with `import-progress` events; `cancel_job` stops it. The limits are the
/// core's defaults: the page cannot raise them.
#[tauri::command]
pub async fn import_file(app: AppHandle, path: PathBuf, options: ImportOptions) -> CommandResult<ImportReport> {
    let path = app.state::<ChosenPaths>().readable(&path)?;
    let state = app.state::<AtlasState>();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let ticket = state.jobs.start_job(&format!("the import of {name}"))?;
    let atlas_path = state.path();
    tauri::async_runtime::spawn_blocking(move || {
        let _ticket = ticket;
        let atlas = atlas_core::Atlas::open(&atlas_path)?;
        let progress = |done: usize, total: usize| {
            let _ = app.emit("import-progress", ImportProgress { done, total });
            !app.state::<AtlasState>().jobs.is_cancelled()
        };
        atlas.import_file(&path, &options, &progress).map_err(Into::into)
    })
    .await
    .map_err(|e| internal(format!("the import stopped unexpectedly: {e}")))?
}
