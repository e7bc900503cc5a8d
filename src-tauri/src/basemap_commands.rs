//! IPC commands for raster basemaps: add a tile set the user chose in Rust's dialog, list them,
//! set opacity and visibility, remove one, and hand its tiles to the map as bytes. The page
//! names a basemap by id and a tile by z/x/y integers (range-checked by the core); it never
//! names a file. Open tile sets stay open (one read-only SQLite connection each).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

use atlas_core::basemap_tiles::{SavedBasemap, TileSet};
use tauri::ipc::Response;
use tauri::{AppHandle, Manager, State};

use crate::commands::{with_atlas, CommandResult};
use crate::errors::internal;
use crate::paths::ChosenPaths;
use crate::state::AtlasState;

/// The tile sets opened so far, by basemap id.
#[derive(Default)]
pub struct OpenTileSets(Mutex<HashMap<i64, TileSet>>);

#[tauri::command]
pub fn add_basemap(app: AppHandle, state: State<AtlasState>, path: PathBuf) -> CommandResult<SavedBasemap> {
    let path = app.state::<ChosenPaths>().readable(&path)?;
    with_atlas(&state, |a| a.add_basemap(&path))
}

#[tauri::command]
pub fn basemaps(state: State<AtlasState>) -> CommandResult<Vec<SavedBasemap>> {
    with_atlas(&state, |a| a.basemaps())
}

#[tauri::command]
pub fn update_basemap(
    state: State<AtlasState>,
    id: i64,
    opacity: Option<f64>,
    visible: Option<bool>,
) -> CommandResult<SavedBasemap> {
    with_atlas(&state, |a| a.update_basemap(id, opacity, visible))
}

#[tauri::command]
pub fn remove_basemap(state: State<AtlasState>, open: State<OpenTileSets>, id: i64) -> CommandResult<()> {
    open.0.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
    with_atlas(&state, |a| a.remove_basemap(id))
}

/// One tile's bytes (PNG, JPEG or WebP as stored); empty where the set has no tile.
#[tauri::command]
pub async fn basemap_tile(app: AppHandle, id: i64, z: u8, x: u32, y: u32) -> CommandResult<Response> {
    tauri::async_runtime::spawn_blocking(move || -> CommandResult<Response> {
        let open = app.state::<OpenTileSets>();
        let mut sets = open.0.lock().unwrap_or_else(|p| p.into_inner());
        if !sets.contains_key(&id) {
            let set = app.state::<AtlasState>().lock()?.open_basemap_tiles(id)?;
            sets.insert(id, set);
        }
        let bytes = sets[&id].tile(z, x, y)?.unwrap_or_default();
        Ok(Response::new(bytes))
    })
    .await
    .map_err(|e| internal(format!("reading a tile stopped unexpectedly: {e}")))?
}
