//! The import dialog's preview: what a chosen file would bring in (format, CRS and how it was
//! found, attribute encoding, axis assumption, fields, sample values, first features), with
//! the user's CRS/encoding choices applied, before anything is written.

use std::path::PathBuf;

use atlas_core::import::preview::ImportPreview;
use atlas_core::import::ImportOptions;
use tauri::{AppHandle, Manager};

use crate::errors::{internal, CommandResult};
use crate::paths::ChosenPaths;

/// Previews a file the user chose; reads the file only (a large one on a blocking thread).
#[tauri::command]
pub async fn preview_import(app: AppHandle, path: PathBuf, options: ImportOptions) -> CommandResult<ImportPreview> {
    let path = app.state::<ChosenPaths>().readable(&path)?;
    tauri::async_runtime::spawn_blocking(move || {
        atlas_core::import::preview::preview(&path, &options).map_err(Into::into)
    })
    .await
    .map_err(|e| internal(format!("the preview stopped unexpectedly: {e}")))?
}

/// Files dropped on the window: the user chose them by dropping, so they join the chosen paths
/// (those the importer can read: the same extensions as the open dialog) and go to the page,
/// which opens the import dialog for each, as after the open dialog.
pub fn on_window_event(window: &tauri::Window, event: &tauri::WindowEvent) {
    if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
        accept_dropped(window.app_handle(), paths);
    }
}

fn accept_dropped(app: &AppHandle, paths: &[PathBuf]) {
    use tauri::Emitter;
    let importable = app.state::<ChosenPaths>().remember_dropped(paths);
    if !importable.is_empty() {
        let _ = app.emit("files-dropped", importable);
    }
}

/// Test builds: runs the drop handler on `paths` as if they had been dropped on the window
/// (WebDriver cannot drag files from outside the page). Refused in a release build.
#[tauri::command]
pub fn e2e_drop_files(app: AppHandle, paths: Vec<PathBuf>) -> CommandResult<()> {
    if cfg!(feature = "e2e") {
        accept_dropped(&app, &paths);
        Ok(())
    } else {
        Err(atlas_core::error::ErrorReport::new(
            atlas_core::error::ErrorKind::InvalidInput,
            "simulated drops exist only in test builds",
        ))
    }
}
