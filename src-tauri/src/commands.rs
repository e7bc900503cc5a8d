//! IPC commands. Each takes the open atlas, calls one atlas-core function, and returns typed
//! data (JSON) or, for geometry, raw bytes in the wire format (`atlas_core::wire`).
//! Errors cross as `{kind, message}` (see errors.rs).

use atlas_core::files::info::AtlasInfo;
use atlas_core::query::catalog::{PlanCatalog, Theme};
use atlas_core::query::detail::ElementDetail;
use atlas_core::query::districts::{DistrictRef, DistrictReport};
use atlas_core::query::nearby::Nearby;
use atlas_core::query::reader::ReaderSection;
use atlas_core::query::search::SearchResults;
use atlas_core::Atlas;
use tauri::ipc::Response;
use tauri::State;

pub use crate::errors::CommandResult;
use crate::state::AtlasState;

/// Runs one core call on the open atlas.
pub fn with_atlas<T>(state: &State<AtlasState>, f: impl FnOnce(&Atlas) -> atlas_core::Result<T>) -> CommandResult<T> {
    let atlas = state.lock()?;
    f(&atlas).map_err(Into::into)
}

#[tauri::command]
pub fn atlas_info(state: State<AtlasState>) -> CommandResult<AtlasInfo> {
    let notice = state.startup_notice.lock().ok().and_then(|mut n| n.take());
    with_atlas(&state, |a| AtlasInfo::of(a, state.path(), notice, state.read_only_reason.clone()))
}

#[tauri::command]
pub fn plan_catalog(state: State<AtlasState>) -> CommandResult<PlanCatalog> {
    with_atlas(&state, |a| a.plan_catalog())
}

#[tauri::command]
pub fn plan_geometry(state: State<AtlasState>) -> CommandResult<Response> {
    with_atlas(&state, |a| a.plan_wire()).map(Response::new)
}

#[tauri::command]
pub fn basemap_geometry(state: State<AtlasState>) -> CommandResult<Response> {
    with_atlas(&state, |a| a.basemap_wire()).map(Response::new)
}

#[tauri::command]
pub fn element_detail(state: State<AtlasState>, id: String) -> CommandResult<ElementDetail> {
    with_atlas(&state, |a| a.element_detail(&id))
}

#[tauri::command]
pub fn search(state: State<AtlasState>, query: String, limit: Option<usize>) -> CommandResult<SearchResults> {
    with_atlas(&state, |a| a.search(&query, limit.unwrap_or(20)))
}

#[tauri::command]
pub fn district_at(state: State<AtlasState>, lon: f64, lat: f64) -> CommandResult<Option<DistrictRef>> {
    with_atlas(&state, |a| Ok(a.district_at(lon, lat)))
}

#[tauri::command]
pub fn district_report(state: State<AtlasState>, query: String) -> CommandResult<DistrictReport> {
    with_atlas(&state, |a| a.district_report(&query))
}

#[tauri::command]
pub fn plan_text(state: State<AtlasState>) -> CommandResult<Vec<ReaderSection>> {
    with_atlas(&state, |a| a.plan_text())
}

#[tauri::command]
pub fn themes(state: State<AtlasState>) -> CommandResult<Vec<Theme>> {
    with_atlas(&state, |a| a.themes())
}

#[tauri::command]
pub fn elements_near(state: State<AtlasState>, id: String, radius_m: f64) -> CommandResult<Vec<Nearby>> {
    with_atlas(&state, |a| a.elements_near_element(&id, radius_m))
}

static PROCESS_START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Called first thing in main(), so startup is measured from process start.
pub fn mark_process_start() {
    PROCESS_START.get_or_init(std::time::Instant::now);
}

/// The page reports it is ready (every layer drawn). With TIANJIN_ATLAS_BENCH set, the shell
/// prints the time since process start for the startup benchmark; otherwise it does nothing.
#[tauri::command]
pub fn report_startup(page: String) {
    if std::env::var_os("TIANJIN_ATLAS_BENCH").is_some() {
        let ms = PROCESS_START.get().map(|t| t.elapsed().as_secs_f64() * 1e3).unwrap_or(f64::NAN);
        println!("atlas-ready {page} {ms:.1}");
    }
}
