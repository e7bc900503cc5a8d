//! The desktop shell: a window, a menu, and IPC commands that each call one atlas-core
//! function. All logic lives in atlas-core; nothing here computes geometry or formats HTML.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod about_command;
mod commands;
mod errors;
mod export_commands;
mod file_commands;
mod menu;
mod paths;
mod planner_commands;
mod state;
mod tour_commands;
mod view_commands;
mod windows;

fn main() {
    commands::mark_process_start();
    prefer_software_compositing();
    tauri::Builder::default()
        // One app per user: a second launch brings the first window forward instead of opening
        // the same atlas file twice.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(windows::navigation_guard())
        .setup(|app| {
            let state = state::AtlasState::open_or_install(app.handle())?;
            app.manage(state);
            app.manage(paths::ChosenPaths::default());
            app.manage(view_commands::ViewState::default());
            menu::install(app)?;
            // The startup benchmark compares the atlas with a bare page in the same shell.
            if let Ok(page) = std::env::var("TIANJIN_ATLAS_PAGE") {
                if let Some(window) = app.get_webview_window("main") {
                    let url = serde_json::to_string(&page)?;
                    window.eval(format!("location.replace({url})"))?;
                }
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            about_command::about,
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
            file_commands::reset_to_default,
            file_commands::list_backups,
            file_commands::restore_backup,
            paths::choose_import_files,
            paths::choose_export_path,
            paths::e2e_answer_next_dialog,
            windows::open_presenter_window,
            commands::report_startup,
            tour_commands::tours,
            tour_commands::tour,
            tour_commands::create_tour,
            tour_commands::rename_tour,
            tour_commands::duplicate_tour,
            tour_commands::delete_tour,
            tour_commands::add_stop,
            tour_commands::update_stop,
            tour_commands::move_stop,
            tour_commands::delete_stop,
            tour_commands::tour_preflight,
            export_commands::export_sheet_file,
            export_commands::export_handout_file,
            export_commands::export_atlas_book_file,
            export_commands::export_plan_geojson,
            export_commands::export_layer_geojson,
            export_commands::export_geopackage,
            export_commands::export_zones_csv,
            export_commands::cancel_job,
            planner_commands::notes_for,
            planner_commands::all_notes,
            planner_commands::add_note,
            planner_commands::update_note,
            planner_commands::delete_note,
            planner_commands::restore_note,
            planner_commands::user_layers,
            planner_commands::create_layer,
            planner_commands::rename_layer,
            planner_commands::delete_layer,
            planner_commands::layer_features,
            planner_commands::user_feature,
            planner_commands::add_feature,
            planner_commands::update_feature_geometry,
            planner_commands::update_feature_attributes,
            planner_commands::delete_feature,
            planner_commands::restore_feature,
            planner_commands::gpkg_layers,
            planner_commands::import_file,
            view_commands::layer_view,
            view_commands::layer_feature_at,
        ])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("error while running the Tianjin Innovation Atlas");
}

use tauri::Manager;

/// WebKitGTK composites through OpenGL by default; with no GPU (Mesa's llvmpipe, as under Xvfb
/// or in many VMs) that triples startup and frame times for this 2D canvas map and adds 170 MB
/// (measured: ready at 2.1 s vs 0.73 s, PSS 464 vs 297 MiB). The atlas draws on 2D canvases and
/// does not need GL compositing, so it turns it off unless the user has set the variable.
fn prefer_software_compositing() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // Safe: called first thing in main(), before any other thread exists.
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}
