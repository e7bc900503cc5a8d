//! IPC commands for exports. They run off the UI thread on a second, read-only connection to
//! the atlas file (WAL lets it read while the app writes), report progress as
//! `export-progress` events, and can be cancelled; a cancelled export leaves no file.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use atlas_core::render::jobs::{export_atlas_book, export_handout, export_sheet, BookKind, SheetJob};
use atlas_core::render::Lang;
use atlas_core::Atlas;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};

use crate::commands::CommandResult;
use crate::state::AtlasState;

/// Set by `cancel_export`, read by the running export's progress callback.
#[derive(Default)]
pub struct ExportState {
    pub cancelled: AtomicBool,
}

#[derive(Serialize, Clone)]
struct ExportProgress<'a> {
    done: usize,
    total: usize,
    stage: &'a str,
}

/// Runs `job` on a blocking thread with its own connection to the atlas file.
async fn run<T: Send + 'static>(
    app: AppHandle,
    job: impl FnOnce(&Atlas, &AppHandle) -> atlas_core::Result<T> + Send + 'static,
) -> CommandResult<T> {
    let path = app.state::<AtlasState>().path.clone();
    app.state::<ExportState>().cancelled.store(false, Ordering::SeqCst);
    tauri::async_runtime::spawn_blocking(move || {
        let atlas = Atlas::open_read_only(&path).map_err(|e| e.to_string())?;
        job(&atlas, &app).map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| format!("the export stopped unexpectedly: {e}"))?
}

fn progress(app: &AppHandle) -> impl Fn(usize, usize, &str) -> bool + Sync + '_ {
    move |done, total, stage| {
        let _ = app.emit("export-progress", ExportProgress { done, total, stage });
        !app.state::<ExportState>().cancelled.load(Ordering::SeqCst)
    }
}

#[tauri::command]
pub async fn export_sheet_file(app: AppHandle, job: SheetJob, path: PathBuf) -> CommandResult<()> {
    run(app, move |atlas, _| export_sheet(atlas, &job, &path)).await
}

#[tauri::command]
pub async fn export_handout_file(app: AppHandle, tour_id: String, lang: Lang, path: PathBuf) -> CommandResult<usize> {
    run(app, move |atlas, app| export_handout(atlas, &tour_id, lang, &path, &progress(app))).await
}

#[tauri::command]
pub async fn export_atlas_book_file(app: AppHandle, kind: BookKind, lang: Lang, path: PathBuf) -> CommandResult<usize> {
    run(app, move |atlas, app| export_atlas_book(atlas, &kind, lang, &path, &progress(app))).await
}

#[tauri::command]
pub fn cancel_export(state: State<ExportState>) {
    state.cancelled.store(true, Ordering::SeqCst);
}
