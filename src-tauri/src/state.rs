//! Where the user's atlas lives and how it is opened.
//!
//! First launch copies the embedded default atlas into the app data folder
//! (`$TIANJIN_ATLAS_DATA_DIR` if set, which the tests use, else the platform's app data dir);
//! later launches open that file. Resetting to the plan default backs the file up first and
//! keeps the last five backups.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use atlas_core::{Atlas, AtlasError};
use tauri::{AppHandle, Manager};

pub const ATLAS_FILE: &str = "atlas.gpkg";
const BACKUPS_KEPT: usize = 5;

pub struct AtlasState {
    pub atlas: Mutex<Atlas>,
    pub path: PathBuf,
    /// What happened at startup that the user should hear about (shown once by the UI).
    pub startup_notice: Mutex<Option<String>>,
}

fn data_dir(app: &AppHandle) -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("TIANJIN_ATLAS_DATA_DIR") {
        return Ok(PathBuf::from(dir));
    }
    app.path().app_data_dir().map_err(|e| format!("no app data folder on this system: {e}"))
}

/// Writes the embedded default atlas to `path` through a temporary file, so a crash never
/// leaves a half-written atlas.
fn install_default(path: &Path) -> Result<(), String> {
    let tmp = path.with_extension("gpkg.installing");
    std::fs::write(&tmp, atlas_default::DEFAULT_ATLAS).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("cannot move the new atlas into {}: {e}", path.display()))
}

fn timestamp() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    format!("{secs}")
}

/// Copies the atlas to `backups/atlas-<time>-<why>.gpkg` (with SQLite's backup API, so a file
/// open in WAL mode is copied whole) and deletes all but the newest few.
pub fn back_up(atlas: &Atlas, dir: &Path, why: &str) -> Result<PathBuf, String> {
    let backups = dir.join("backups");
    std::fs::create_dir_all(&backups).map_err(|e| format!("cannot create {}: {e}", backups.display()))?;
    let target = backups.join(format!("atlas-{}-{why}.gpkg", timestamp()));
    atlas.backup_to(&target).map_err(|e| e.to_string())?;
    let mut existing: Vec<PathBuf> = std::fs::read_dir(&backups)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "gpkg")).collect()
        })
        .unwrap_or_default();
    existing.sort();
    while existing.len() > BACKUPS_KEPT {
        let _ = std::fs::remove_file(existing.remove(0));
    }
    Ok(target)
}

impl AtlasState {
    pub fn open_or_install(app: &AppHandle) -> Result<AtlasState, Box<dyn std::error::Error>> {
        let dir = data_dir(app)?;
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let path = dir.join(ATLAS_FILE);
        let mut notice = None;
        if !path.exists() {
            install_default(&path)?;
        }
        let atlas = match Atlas::open(&path) {
            Ok(a) => a,
            Err(
                e @ (AtlasError::NotGeoPackage { .. }
                | AtlasError::NotAnAtlas { .. }
                | AtlasError::SchemaVersion { .. }),
            ) => {
                // Keep the unreadable file beside the new one: nothing of the user's is deleted.
                let kept = dir.join(format!("atlas-unreadable-{}.gpkg", timestamp()));
                std::fs::rename(&path, &kept)?;
                install_default(&path)?;
                notice = Some(format!("{e} It was kept as {} and the plan default was installed.", kept.display()));
                Atlas::open(&path)?
            }
            Err(e) => return Err(e.into()),
        };
        if let Some(b) = &atlas.migration_backup {
            notice = Some(format!(
                "The atlas was upgraded to schema {}; the previous file is kept at {}.",
                atlas.schema_version(),
                b.display()
            ));
        }
        // A newer app carries a newer edition of the plan data: install it, keeping the user's
        // tours, notes and own layers (the file is backed up first).
        let embedded_edition = atlas_default::open().ok().and_then(|a| a.meta("plan_edition").ok().flatten());
        let atlas = if embedded_edition.is_some() && atlas.meta("plan_edition").ok().flatten() != embedded_edition {
            drop(atlas);
            let incoming = dir.join("plan-edition.gpkg.incoming");
            std::fs::write(&incoming, atlas_default::DEFAULT_ATLAS)
                .map_err(|e| format!("cannot write {}: {e}", incoming.display()))?;
            let installed = atlas_core::store::edition::install_plan_edition(&path, &incoming);
            let _ = std::fs::remove_file(&incoming);
            if let Some(report) = installed? {
                notice = Some(format!(
                    "The plan data was updated (edition {} → {}); your tours, notes and own layers are kept. The previous file is at {}.",
                    report.from,
                    report.to,
                    report.backup.display()
                ));
            }
            Atlas::open(&path)?
        } else {
            atlas
        };
        Ok(AtlasState { atlas: Mutex::new(atlas), path, startup_notice: Mutex::new(notice) })
    }

    /// Replaces the user's atlas with the embedded default, after a backup.
    pub fn reset_to_default(&self) -> Result<PathBuf, String> {
        let mut guard = self.atlas.lock().map_err(|_| "the atlas is busy after an earlier failure; restart the app")?;
        let dir = self.path.parent().ok_or("the atlas file has no folder")?;
        let backup = back_up(&guard, dir, "before-reset")?;
        // Close the connection before replacing the file underneath it.
        let placeholder = atlas_default::open().map_err(|e| e.to_string())?;
        drop(std::mem::replace(&mut *guard, placeholder));
        let _ = std::fs::remove_file(self.path.with_extension("gpkg-wal"));
        let _ = std::fs::remove_file(self.path.with_extension("gpkg-shm"));
        install_default(&self.path)?;
        *guard = Atlas::open(&self.path).map_err(|e| e.to_string())?;
        Ok(backup)
    }
}
