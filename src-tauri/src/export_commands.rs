//! IPC commands for exports. Each writes only to a path the user chose for that kind of file
//! (paths.rs). Long ones run off the UI thread on a second, read-only connection to the atlas
//! file (WAL lets it read while the app writes), hold a job ticket (so no reset replaces the
//! file meanwhile), report progress as `export-progress` events, and can be cancelled; a
//! cancelled export leaves no file.

use std::path::PathBuf;

use atlas_core::render::documents::HandoutCopy;
use atlas_core::render::jobs::{export_atlas_book, export_handout, export_sheet, BookKind, SheetJob};
use atlas_core::render::Lang;
use atlas_core::Atlas;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};

use crate::commands::{with_atlas, CommandResult};
use crate::errors::internal;
use crate::paths::{ChosenPaths, ExportKind};
use crate::state::AtlasState;

#[derive(Serialize, Clone)]
struct ExportProgress<'a> {
    done: usize,
    total: usize,
    stage: &'a str,
}

/// Runs `job` on a blocking thread with its own connection to the atlas file.
async fn run<T: Send + 'static>(
    app: AppHandle,
    what: &str,
    job: impl FnOnce(&Atlas, &AppHandle) -> atlas_core::Result<T> + Send + 'static,
) -> CommandResult<T> {
    let state = app.state::<AtlasState>();
    let ticket = state.jobs.start_job(what)?;
    let path = state.path();
    tauri::async_runtime::spawn_blocking(move || {
        let _ticket = ticket;
        let atlas = Atlas::open_read_only(&path)?;
        job(&atlas, &app).map_err(Into::into)
    })
    .await
    .map_err(|e| internal(format!("the export stopped unexpectedly: {e}")))?
}

fn progress(app: &AppHandle) -> impl Fn(usize, usize, &str) -> bool + Sync + '_ {
    move |done, total, stage| {
        let _ = app.emit("export-progress", ExportProgress { done, total, stage });
        !app.state::<AtlasState>().jobs.is_cancelled()
    }
}

fn chosen(app: &AppHandle, path: &std::path::Path, kind: Option<ExportKind>) -> CommandResult<PathBuf> {
    let kind = kind.or_else(|| ExportKind::of_sheet(path)).ok_or_else(|| {
        atlas_core::error::ErrorReport::new(
            atlas_core::error::ErrorKind::InvalidInput,
            format!("{}: a map sheet is written as .svg, .png or .pdf", path.display()),
        )
    })?;
    app.state::<ChosenPaths>().writable(path, kind)
}

#[tauri::command]
pub async fn export_sheet_file(app: AppHandle, job: SheetJob, path: PathBuf) -> CommandResult<()> {
    let path = chosen(&app, &path, None)?;
    run(app, "a map export", move |atlas, _| export_sheet(atlas, &job, &path)).await
}

#[tauri::command]
pub async fn export_handout_file(
    app: AppHandle,
    tour_id: String,
    lang: Lang,
    speaker_copy: Option<bool>,
    path: PathBuf,
) -> CommandResult<usize> {
    let path = chosen(&app, &path, Some(ExportKind::Pdf))?;
    let copy = if speaker_copy == Some(true) { HandoutCopy::Speaker } else { HandoutCopy::Audience };
    run(app, "a handout export", move |atlas, app| export_handout(atlas, &tour_id, lang, copy, &path, &progress(app)))
        .await
}

#[tauri::command]
pub async fn export_atlas_book_file(app: AppHandle, kind: BookKind, lang: Lang, path: PathBuf) -> CommandResult<usize> {
    let path = chosen(&app, &path, Some(ExportKind::Pdf))?;
    run(app, "an atlas book export", move |atlas, app| export_atlas_book(atlas, &kind, lang, &path, &progress(app)))
        .await
}

#[tauri::command]
pub fn export_plan_geojson(app: AppHandle, state: State<AtlasState>, path: PathBuf) -> CommandResult<usize> {
    let path = chosen(&app, &path, Some(ExportKind::Geojson))?;
    with_atlas(&state, |a| a.export_plan_geojson(&path))
}

#[tauri::command]
pub fn export_layer_geojson(
    app: AppHandle,
    state: State<AtlasState>,
    layer_id: String,
    ids: Option<Vec<i64>>,
    path: PathBuf,
) -> CommandResult<usize> {
    let path = chosen(&app, &path, Some(ExportKind::Geojson))?;
    with_atlas(&state, |a| a.export_layer_geojson(&layer_id, ids.as_deref(), &path))
}

#[tauri::command]
pub fn export_geopackage(app: AppHandle, state: State<AtlasState>, path: PathBuf) -> CommandResult<()> {
    let path = chosen(&app, &path, Some(ExportKind::Gpkg))?;
    with_atlas(&state, |a| a.export_geopackage(&path))
}

#[tauri::command]
pub fn export_zones_csv(app: AppHandle, state: State<AtlasState>, path: PathBuf) -> CommandResult<usize> {
    let path = chosen(&app, &path, Some(ExportKind::Csv))?;
    with_atlas(&state, |a| a.export_zones_csv(&path))
}

/// Asks the running import or export to stop at its next check.
#[tauri::command]
pub fn cancel_job(state: State<AtlasState>) {
    state.jobs.cancel();
}
