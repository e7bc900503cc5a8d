//! What the shell holds while it runs: the open atlas, the file it came from, and the gate
//! that keeps long jobs and destructive acts apart. The file's lifecycle (install, open,
//! migrate, plan edition, reset, restore, backups) is the core's: `atlas_core::files`.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use atlas_core::error::{ErrorKind, ErrorReport};
use atlas_core::files::jobs::JobGate;
use atlas_core::files::lifecycle::AtlasFile;
use atlas_core::{Atlas, AtlasError};
use tauri::{AppHandle, Manager};

pub struct AtlasState {
    pub atlas: Mutex<Atlas>,
    pub file: AtlasFile,
    /// Imports and exports hold a ticket; reset and restore need the gate to themselves.
    pub jobs: JobGate,
    /// What happened at startup that the user should hear about (shown once by the UI).
    pub startup_notice: Mutex<Option<String>>,
    /// Why nothing can be saved, when the file could not be opened for writing (e.g. it was
    /// made by a newer version); the app then shows the plan the program carries.
    pub read_only_reason: Option<String>,
}

fn data_dir(app: &AppHandle) -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("TIANJIN_ATLAS_DATA_DIR") {
        return Ok(PathBuf::from(dir));
    }
    app.path().app_data_dir().map_err(|e| format!("no app data folder on this system: {e}"))
}

impl AtlasState {
    pub fn open_or_install(app: &AppHandle) -> Result<AtlasState, Box<dyn std::error::Error>> {
        let file = AtlasFile::in_folder(&data_dir(app)?, atlas_default::DEFAULT_ATLAS)?;
        let mut read_only_reason = None;
        let (atlas, notice) = match file.open_or_install() {
            Ok(opened) => (opened.atlas, Some(opened.notices.join(" ")).filter(|n| !n.is_empty())),
            // A file from a newer program stays as it is: the app shows the plan read-only
            // and says so; nothing the user does is written anywhere.
            Err(e @ AtlasError::NewerVersion { .. }) => {
                let plan = atlas_default::open()?;
                let reason = format!("{e} The plan is shown read-only; nothing you change now can be saved.");
                read_only_reason = Some(reason.clone());
                (plan, Some(reason))
            }
            Err(e) => return Err(e.into()),
        };
        Ok(AtlasState {
            atlas: Mutex::new(atlas),
            file,
            jobs: JobGate::default(),
            startup_notice: Mutex::new(notice),
            read_only_reason,
        })
    }

    pub fn path(&self) -> PathBuf {
        self.file.path().to_path_buf()
    }

    /// The open atlas, for one command's work.
    pub fn lock(&self) -> Result<MutexGuard<'_, Atlas>, ErrorReport> {
        self.atlas.lock().map_err(|_| {
            ErrorReport::new(ErrorKind::Internal, "the atlas is unavailable after an earlier failure; restart the app")
        })
    }
}
