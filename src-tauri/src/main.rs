//! The desktop shell: a window, a menu, and IPC commands that each call one atlas-core
//! function. All logic lives in atlas-core; nothing here computes geometry or formats HTML.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod menu;
mod state;

fn main() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let state = state::AtlasState::open_or_install(app.handle())?;
            app.manage(state);
            menu::install(app)?;
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::atlas_info,
            commands::plan_catalog,
            commands::plan_geometry,
            commands::basemap_geometry,
            commands::zone_detail,
            commands::search,
            commands::district_at,
            commands::district_report,
            commands::plan_text,
            commands::themes,
            commands::zones_near,
            commands::export_plan_geojson,
            commands::reset_to_default,
        ])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("error while running the Tianjin Innovation Atlas");
}

use tauri::Manager;
