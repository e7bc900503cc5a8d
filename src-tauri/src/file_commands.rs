//! IPC commands that replace the atlas file: reset to the plan default, restore a backup,
//! and the list of backups. Each is refused while an import or export runs (the job's own
//! connection would otherwise commit into the replaced file and its work be lost).

use atlas_core::files::backups::BackupEntry;
use serde::Serialize;
use tauri::State;

use crate::commands::CommandResult;
use crate::state::AtlasState;
use crate::view_commands::ViewState;

#[derive(Serialize)]
pub struct Replaced {
    /// The copy of the file as it was before.
    pub backup: std::path::PathBuf,
    /// What the reopening did (migration, plan edition), for the user.
    pub notices: Vec<String>,
}

#[tauri::command]
pub fn reset_to_default(state: State<AtlasState>, views: State<ViewState>) -> CommandResult<std::path::PathBuf> {
    let _only_this = state.jobs.exclusive("reset to the plan default")?;
    let mut atlas = state.lock()?;
    // The view reader holds the old file open; it must not outlive the replacement.
    views.forget_reader();
    Ok(state.file.reset_to_default(&mut atlas)?)
}

#[tauri::command]
pub fn list_backups(state: State<AtlasState>) -> Vec<BackupEntry> {
    state.file.backups()
}

/// Restores the backup `file_name` (a bare name from `list_backups`; anything else is refused).
#[tauri::command]
pub fn restore_backup(state: State<AtlasState>, views: State<ViewState>, file_name: String) -> CommandResult<Replaced> {
    let _only_this = state.jobs.exclusive("restore a backup")?;
    let mut atlas = state.lock()?;
    views.forget_reader();
    let restored = state.file.restore(&mut atlas, &file_name)?;
    Ok(Replaced { backup: restored.safety_backup, notices: restored.notices })
}
