//! IPC commands for tours: each calls one atlas-core function on the user's atlas.

use atlas_core::user::tours::{PreflightProblem, StopContent, Tour, TourSummary};
use tauri::State;

use crate::commands::{with_atlas, CommandResult};
use crate::state::AtlasState;

#[tauri::command]
pub fn tours(state: State<AtlasState>) -> CommandResult<Vec<TourSummary>> {
    with_atlas(&state, |a| a.tours())
}

#[tauri::command]
pub fn tour(state: State<AtlasState>, id: String) -> CommandResult<Tour> {
    with_atlas(&state, |a| a.tour(&id))
}

#[tauri::command]
pub fn create_tour(state: State<AtlasState>, name_zh: String, name_en: String) -> CommandResult<Tour> {
    with_atlas(&state, |a| a.create_tour(&name_zh, &name_en))
}

#[tauri::command]
pub fn rename_tour(state: State<AtlasState>, id: String, name_zh: String, name_en: String) -> CommandResult<Tour> {
    with_atlas(&state, |a| a.rename_tour(&id, &name_zh, &name_en))
}

#[tauri::command]
pub fn duplicate_tour(state: State<AtlasState>, id: String) -> CommandResult<Tour> {
    with_atlas(&state, |a| a.duplicate_tour(&id))
}

#[tauri::command]
pub fn delete_tour(state: State<AtlasState>, id: String) -> CommandResult<()> {
    with_atlas(&state, |a| a.delete_tour(&id))
}

#[tauri::command]
pub fn add_stop(state: State<AtlasState>, tour_id: String, stop: StopContent) -> CommandResult<Tour> {
    with_atlas(&state, |a| a.add_stop(&tour_id, &stop))
}

#[tauri::command]
pub fn update_stop(state: State<AtlasState>, stop_id: i64, stop: StopContent) -> CommandResult<Tour> {
    with_atlas(&state, |a| a.update_stop(stop_id, &stop))
}

#[tauri::command]
pub fn move_stop(state: State<AtlasState>, stop_id: i64, to: usize) -> CommandResult<Tour> {
    with_atlas(&state, |a| a.move_stop(stop_id, to))
}

#[tauri::command]
pub fn delete_stop(state: State<AtlasState>, stop_id: i64) -> CommandResult<Tour> {
    with_atlas(&state, |a| a.delete_stop(stop_id))
}

/// The core's checks of the tour, plus whether a Chinese font is installed for exports.
#[tauri::command]
pub fn tour_preflight(state: State<AtlasState>, id: String) -> CommandResult<Vec<PreflightProblem>> {
    let mut problems = with_atlas(&state, |a| a.tour_preflight(&id))?;
    if !atlas_core::render::output::has_cjk_font() {
        problems.push(PreflightProblem { stop: 0, message: "no Chinese font (Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei or PingFang SC) is installed: Chinese text may show as boxes".into() });
    }
    Ok(problems)
}
