//! IPC commands for exports. Each writes only to a path the user chose for that kind of file
//! (paths.rs). Long ones run off the UI thread on a second, read-only connection to the atlas
//! file (WAL lets it read while the app writes), hold a job ticket (so no reset replaces the
//! file meanwhile), report progress as `export-progress` events, and can be cancelled; a
//! cancelled export leaves no file.

use std::path::PathBuf;

use atlas_core::crs::Crs;
use atlas_core::error::{ErrorKind, ErrorReport};
use atlas_core::render::documents::HandoutCopy;
use atlas_core::render::jobs::{export_atlas_book, export_handout, export_sheet, BookKind, SheetJob};
use atlas_core::render::Lang;
use atlas_core::Atlas;
use serde::{Deserialize, Serialize};
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

/// What the data export writes: the whole atlas as a GeoPackage (WGS 84, as stored), or an
/// own layer or the plan as zipped Shapefiles or GeoJSON in a chosen CRS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DataFormat {
    Geopackage,
    ShapefileZip,
    Geojson,
}

/// The CRSs the export dialog offers: WGS 84, CGCS2000, and its Gauss–Krüger CM 117°E and
/// zone 39 (Tianjin's), which bureaus' systems take. Anything else from the page is refused.
pub const EXPORT_CRS: [u32; 4] = [4326, 4490, 4548, 4527];

fn invalid(message: String) -> ErrorReport {
    ErrorReport::new(ErrorKind::InvalidInput, message)
}

/// The export's CRS, if it is one the dialog offers (a GeoPackage is the atlas as stored: 4326).
fn export_crs(format: DataFormat, epsg: u32) -> CommandResult<Crs> {
    if !EXPORT_CRS.contains(&epsg) {
        return Err(invalid(format!("EPSG:{epsg} is not offered for exports; choose EPSG:4326, 4490, 4548 or 4527")));
    }
    if format == DataFormat::Geopackage && epsg != 4326 {
        return Err(invalid(format!("a GeoPackage export is the whole atlas as stored, in WGS 84 (EPSG:4326), not EPSG:{epsg}; choose Shapefile or GeoJSON for another CRS")));
    }
    Crs::from_epsg(epsg).map_err(invalid)
}

/// Exports an own layer (`layer_id`), or the plan's data (None), in `format` and `epsg`, to a
/// path the user chose for that format; the number of features written (None for a
/// GeoPackage, which holds everything).
#[tauri::command]
pub async fn export_data(
    app: AppHandle,
    layer_id: Option<String>,
    format: DataFormat,
    epsg: u32,
    path: PathBuf,
) -> CommandResult<Option<usize>> {
    let crs = export_crs(format, epsg)?;
    let kind = match format {
        DataFormat::Geopackage => ExportKind::Gpkg,
        DataFormat::ShapefileZip => ExportKind::Zip,
        DataFormat::Geojson => ExportKind::Geojson,
    };
    let path = chosen(&app, &path, Some(kind))?;
    run(app, "a data export", move |atlas, _| {
        let layer = layer_id.as_deref();
        Ok(match format {
            DataFormat::Geopackage => {
                atlas.export_geopackage(&path)?;
                None
            }
            DataFormat::ShapefileZip => Some(match layer {
                Some(l) => atlas.export_layer_shapefile(l, crs, &path)?.features,
                None => atlas.export_plan_shapefile(crs, &path)?.features,
            }),
            DataFormat::Geojson => Some(atlas.export_geojson_in(layer, crs, &path)?),
        })
    })
    .await
}

/// Asks the running import or export to stop at its next check.
#[tauri::command]
pub fn cancel_job(state: State<AtlasState>) {
    state.jobs.cancel();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_offered_crss_are_taken_from_the_page() {
        assert_eq!(export_crs(DataFormat::ShapefileZip, 4548).unwrap().epsg, 4548);
        assert_eq!(export_crs(DataFormat::Geojson, 4527).unwrap().epsg, 4527);
        assert_eq!(export_crs(DataFormat::Geopackage, 4326).unwrap().epsg, 4326);
        for (format, epsg) in
            [(DataFormat::Geojson, 3857), (DataFormat::ShapefileZip, 2436), (DataFormat::Geopackage, 4548)]
        {
            assert!(matches!(export_crs(format, epsg).unwrap_err().kind, ErrorKind::InvalidInput), "{format:?} {epsg}");
        }
    }
}
