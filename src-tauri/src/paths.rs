//! Which files the page may read or write: only those the user chose in a native dialog that
//! Rust opened (or, later, dropped on the window). The page gets the chosen path back to show
//! and to pass to an import or export command, and those commands refuse any other path — so
//! script running in the page (an XSS, a compromised dependency) cannot read `~/.ssh` or
//! overwrite `~/.bashrc`. The extension of an export is Rust's to enforce, and a chosen export
//! path is good for one write.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use atlas_core::error::{ErrorKind, ErrorReport};
use serde::Deserialize;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use crate::errors::{internal, CommandResult};

/// What an export writes; each has one extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    Geojson,
    Gpkg,
    Csv,
    Svg,
    Png,
    Pdf,
    /// Zipped Shapefiles.
    Zip,
}

impl ExportKind {
    pub fn extension(self) -> &'static str {
        match self {
            ExportKind::Geojson => "geojson",
            ExportKind::Gpkg => "gpkg",
            ExportKind::Csv => "csv",
            ExportKind::Svg => "svg",
            ExportKind::Png => "png",
            ExportKind::Pdf => "pdf",
            ExportKind::Zip => "zip",
        }
    }

    fn filter_name(self) -> &'static str {
        match self {
            ExportKind::Geojson => "GeoJSON",
            ExportKind::Gpkg => "GeoPackage",
            ExportKind::Csv => "CSV",
            ExportKind::Svg => "SVG",
            ExportKind::Png => "PNG",
            ExportKind::Pdf => "PDF",
            ExportKind::Zip => "Shapefile (.zip)",
        }
    }

    /// The kind a sheet export's path asks for (sheets may be SVG, PNG or PDF).
    pub fn of_sheet(path: &Path) -> Option<ExportKind> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "svg" => Some(ExportKind::Svg),
            "png" => Some(ExportKind::Png),
            "pdf" => Some(ExportKind::Pdf),
            _ => None,
        }
    }
}

/// File types the import dialog offers (the importer also sniffs the content).
const IMPORT_EXTENSIONS: [&str; 7] = ["geojson", "json", "gpkg", "csv", "txt", "shp", "zip"];

/// The paths the user chose in this session.
#[derive(Default)]
pub struct ChosenPaths {
    reads: Mutex<HashSet<PathBuf>>,
    writes: Mutex<HashMap<PathBuf, ExportKind>>,
    /// Test builds only: answers for the next dialogs, queued by the e2e tests.
    #[cfg_attr(not(feature = "e2e"), allow(dead_code))]
    scripted: Mutex<Vec<Vec<PathBuf>>>,
}

fn not_chosen(path: &Path, what: &str) -> ErrorReport {
    let mut r = ErrorReport::new(
        ErrorKind::PathNotChosen,
        format!("{} was not chosen in a {what} dialog in this session; choose it there", path.display()),
    );
    r.file = Some(path.into());
    r
}

/// The path with its folder resolved (symlinks and `..`), so two spellings of one file agree;
/// the file itself need not exist yet.
fn normalised(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = path.canonicalize() {
        return Some(p);
    }
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty())?.canonicalize().ok()?;
    Some(dir.join(path.file_name()?))
}

impl ChosenPaths {
    fn remember_reads(&self, paths: &[PathBuf]) {
        let mut reads = self.reads.lock().unwrap_or_else(|p| p.into_inner());
        reads.extend(paths.iter().filter_map(|p| normalised(p)));
    }

    /// Files dropped on the window count as chosen, like the open dialog's answer; returns
    /// those the importer reads (by extension), normalised.
    pub fn remember_dropped(&self, paths: &[PathBuf]) -> Vec<PathBuf> {
        let importable: Vec<PathBuf> = paths
            .iter()
            .filter(|p| {
                p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| IMPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
            })
            .filter_map(|p| normalised(p))
            .collect();
        self.remember_reads(&importable);
        importable
    }

    /// The path, if the user chose it to be read.
    pub fn readable(&self, path: &Path) -> CommandResult<PathBuf> {
        let n = normalised(path).ok_or_else(|| not_chosen(path, "file"))?;
        let reads = self.reads.lock().unwrap_or_else(|p| p.into_inner());
        if reads.contains(&n) {
            Ok(n)
        } else {
            Err(not_chosen(path, "file"))
        }
    }

    /// The path, if the user chose it for an export of `kind`; it is used up.
    pub fn writable(&self, path: &Path, kind: ExportKind) -> CommandResult<PathBuf> {
        let n = normalised(path).ok_or_else(|| not_chosen(path, "save"))?;
        let mut writes = self.writes.lock().unwrap_or_else(|p| p.into_inner());
        match writes.get(&n) {
            Some(k) if *k == kind => {
                writes.remove(&n);
                Ok(n)
            }
            Some(k) => Err(ErrorReport::new(
                ErrorKind::PathNotChosen,
                format!("{} was chosen for a {} file, not {}", path.display(), k.filter_name(), kind.filter_name()),
            )),
            None => Err(not_chosen(path, "save")),
        }
    }

    #[cfg(feature = "e2e")]
    fn scripted_answer(&self) -> Option<Vec<PathBuf>> {
        let mut s = self.scripted.lock().unwrap_or_else(|p| p.into_inner());
        (!s.is_empty()).then(|| s.remove(0))
    }

    #[cfg(not(feature = "e2e"))]
    fn scripted_answer(&self) -> Option<Vec<PathBuf>> {
        None
    }
}

/// `path` with the kind's extension (added if the user typed none or another).
fn with_extension(path: PathBuf, kind: ExportKind) -> PathBuf {
    let ok = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case(kind.extension()));
    if ok {
        path
    } else {
        let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        name.push(".");
        name.push(kind.extension());
        path.with_file_name(name)
    }
}

/// Opens the native open dialog; returns the chosen files (empty when cancelled) and
/// remembers them as readable.
#[tauri::command]
pub async fn choose_import_files(app: AppHandle, title: String) -> CommandResult<Vec<PathBuf>> {
    let chosen = app.state::<ChosenPaths>();
    let paths = match chosen.scripted_answer() {
        Some(p) => p,
        None => {
            let dialog =
                app.dialog().file().set_title(title).add_filter("GeoJSON, GeoPackage, CSV", &IMPORT_EXTENSIONS);
            let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_files())
                .await
                .map_err(internal)?
                .unwrap_or_default();
            picked.into_iter().filter_map(|p| p.into_path().ok()).collect()
        }
    };
    chosen.remember_reads(&paths);
    Ok(paths)
}

/// Tile sets a raster basemap is read from (MBTiles, GeoPackage tiles).
const BASEMAP_EXTENSIONS: [&str; 2] = ["mbtiles", "gpkg"];

/// Opens the native open dialog for one raster tile set; returns it (None when cancelled) and
/// remembers it as readable, for `add_basemap`.
#[tauri::command]
pub async fn choose_basemap_file(app: AppHandle, title: String) -> CommandResult<Option<PathBuf>> {
    let chosen = app.state::<ChosenPaths>();
    let path = match chosen.scripted_answer() {
        Some(p) => p.into_iter().next(),
        None => {
            let dialog = app.dialog().file().set_title(title).add_filter("MBTiles, GeoPackage", &BASEMAP_EXTENSIONS);
            tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_file())
                .await
                .map_err(internal)?
                .and_then(|p| p.into_path().ok())
        }
    };
    chosen.remember_reads(path.as_slice());
    Ok(path)
}

/// Opens the native save dialog for an export of `kind`; returns the path (with the kind's
/// extension) or None when cancelled, and remembers it for one write.
#[tauri::command]
pub async fn choose_export_path(
    app: AppHandle,
    kind: ExportKind,
    suggested_name: String,
    title: String,
) -> CommandResult<Option<PathBuf>> {
    let chosen = app.state::<ChosenPaths>();
    let path = match chosen.scripted_answer() {
        Some(p) => p.into_iter().next(),
        None => {
            // Only a file name is taken from the page as a suggestion, never a folder.
            let suggested = Path::new(&suggested_name).file_name().map(|n| n.to_string_lossy().into_owned());
            let mut dialog = app.dialog().file().set_title(title).add_filter(kind.filter_name(), &[kind.extension()]);
            if let Some(name) = suggested {
                dialog = dialog.set_file_name(name);
            }
            let picked =
                tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file()).await.map_err(internal)?;
            picked.and_then(|p| p.into_path().ok())
        }
    };
    let Some(path) = path.map(|p| with_extension(p, kind)) else { return Ok(None) };
    let n = normalised(&path)
        .ok_or_else(|| ErrorReport::new(ErrorKind::Io, format!("the folder of {} does not exist", path.display())))?;
    chosen.writes.lock().unwrap_or_else(|p| p.into_inner()).insert(n.clone(), kind);
    Ok(Some(n))
}

/// Test builds: the next dialog answers with `paths` instead of opening. In a release build
/// the command exists (the page's permissions are fixed at build time) but refuses.
#[tauri::command]
pub fn e2e_answer_next_dialog(state: State<ChosenPaths>, paths: Vec<PathBuf>) -> CommandResult<()> {
    #[cfg(feature = "e2e")]
    {
        state.scripted.lock().unwrap_or_else(|p| p.into_inner()).push(paths);
        Ok(())
    }
    #[cfg(not(feature = "e2e"))]
    {
        let _ = (state, paths);
        Err(ErrorReport::new(ErrorKind::InvalidInput, "scripted dialogs exist only in test builds"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_chosen_paths_pass_and_exports_are_used_up() {
        let dir = tempfile::tempdir().unwrap();
        let chosen = ChosenPaths::default();
        let a = dir.path().join("a.geojson");
        std::fs::write(&a, "{}").unwrap();
        assert_eq!(chosen.readable(&a).unwrap_err().kind, ErrorKind::PathNotChosen);
        chosen.remember_reads(std::slice::from_ref(&a));
        // Another spelling of the same file is the same file.
        let other = dir.path().join("x/../a.geojson");
        std::fs::create_dir(dir.path().join("x")).unwrap();
        assert!(chosen.readable(&other).is_ok());

        let out = dir.path().join("plan.geojson");
        chosen.writes.lock().unwrap().insert(normalised(&out).unwrap(), ExportKind::Geojson);
        assert_eq!(chosen.writable(&out, ExportKind::Csv).unwrap_err().kind, ErrorKind::PathNotChosen);
        assert!(chosen.writable(&out, ExportKind::Geojson).is_ok());
        assert!(chosen.writable(&out, ExportKind::Geojson).is_err(), "a chosen export path is good for one write");
        let bashrc = dir.path().join(".bashrc");
        assert!(chosen.writable(&bashrc, ExportKind::Geojson).is_err());
    }

    #[test]
    fn the_kind_decides_the_extension() {
        assert_eq!(with_extension("/t/plan".into(), ExportKind::Geojson), PathBuf::from("/t/plan.geojson"));
        assert_eq!(with_extension("/t/plan.GeoJSON".into(), ExportKind::Geojson), PathBuf::from("/t/plan.GeoJSON"));
        assert_eq!(with_extension("/t/.bashrc".into(), ExportKind::Csv), PathBuf::from("/t/.bashrc.csv"));
    }
}
