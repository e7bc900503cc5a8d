//! IPC commands for the Team panel: the bureau's shared atlas (crates/atlas-team). Each passes
//! one call to atlas-team on the app's atlas file; atlas-team opens its own connection (WAL lets
//! the app keep reading and writing meanwhile). A sync runs on a blocking thread, so the window
//! stays responsive, holding a job ticket so no reset or restore replaces the file under it.

use std::sync::atomic::{AtomicBool, Ordering};

use atlas_core::error::{ErrorKind, ErrorReport};
use atlas_team::conflicts::{self, Conflict, Keep};
use atlas_team::status::{self, TeamStatus};
use atlas_team::sync::SyncReport;
use atlas_team::TeamError;
use tauri::{AppHandle, Manager, State};

use crate::errors::{internal, CommandResult};
use crate::state::AtlasState;

/// One sync at a time: a second click while one runs is told so, not queued.
static SYNCING: AtomicBool = AtomicBool::new(false);

/// The page decides by kind; the message is the server's own words (a refusal, an unreachable
/// host) as atlas-team wrote it.
fn report(e: TeamError) -> ErrorReport {
    let kind = match &e {
        TeamError::Unreachable { .. } | TeamError::Local(_) => ErrorKind::Io,
        TeamError::Server(_) | TeamError::Invalid(_) => ErrorKind::InvalidInput,
    };
    ErrorReport::new(kind, e.to_string())
}

fn writable(state: &AtlasState) -> CommandResult<()> {
    match &state.read_only_reason {
        Some(why) => Err(ErrorReport::new(ErrorKind::NewerVersion, why.clone())),
        None => Ok(()),
    }
}

#[tauri::command]
pub fn team_status(state: State<AtlasState>) -> CommandResult<TeamStatus> {
    writable(&state)?;
    status::status(&state.path()).map_err(report)
}

/// Records the server's address (never a password: refused if it holds one).
#[tauri::command]
pub fn team_set_server(state: State<AtlasState>, address: String) -> CommandResult<TeamStatus> {
    writable(&state)?;
    status::set_server(&state.path(), &address).map_err(report)
}

/// Pushes this desktop's changes and pulls everyone else's, with the server chosen. Refused
/// changes come back in the report (`refused`, the server's words) and stay pending.
#[tauri::command]
pub async fn team_sync(app: AppHandle) -> CommandResult<SyncReport> {
    let state = app.state::<AtlasState>();
    writable(&state)?;
    let path = state.path();
    let server = status::status(&path).map_err(report)?.server.ok_or_else(|| {
        ErrorReport::new(ErrorKind::InvalidInput, "choose the team server first (its address, without a password)")
    })?;
    if SYNCING.swap(true, Ordering::SeqCst) {
        return Err(ErrorReport::new(ErrorKind::Busy, "a sync is already running; wait for it to finish"));
    }
    let ticket = state.jobs.start_job("the team sync").inspect_err(|_| SYNCING.store(false, Ordering::SeqCst))?;
    let done = tauri::async_runtime::spawn_blocking(move || {
        let _ticket = ticket;
        atlas_team::sync::sync(&path, &server).map_err(report)
    })
    .await;
    SYNCING.store(false, Ordering::SeqCst);
    done.map_err(|e| internal(format!("the sync stopped unexpectedly: {e}")))?
}

/// Every conflict this desktop knows of (open ones first).
#[tauri::command]
pub fn team_conflicts(state: State<AtlasState>) -> CommandResult<Vec<Conflict>> {
    writable(&state)?;
    conflicts::list(&state.path(), false).map_err(report)
}

/// Keep mine / theirs / both; the resolution is shared at the next sync.
#[tauri::command]
pub fn team_resolve(state: State<AtlasState>, id: i64, keep: Keep) -> CommandResult<Conflict> {
    writable(&state)?;
    conflicts::resolve(&state.path(), id, keep).map_err(report)
}
