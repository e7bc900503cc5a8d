//! The desktop shell: a window, a menu, and IPC commands that each call one atlas-core
//! function. All logic lives in atlas-core; nothing here computes geometry or formats HTML.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod about_command;
mod basemap_commands;
mod commands;
mod errors;
mod export_commands;
mod file_commands;
mod import_commands;
mod ipc;
mod menu;
mod paths;
mod planner_commands;
mod state;
mod team_commands;
mod tour_commands;
mod view_commands;
mod windows;

/// mimalloc, not glibc's malloc: why is said once, beside the dependency in the workspace Cargo.toml.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        .setup(setup)
        .invoke_handler(ipc::handler())
        .on_window_event(import_commands::on_window_event)
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("error while running the Tianjin Innovation Atlas");
}

use tauri::Manager;

/// Opens the atlas (the core decides how: atlas_core::files), holds the shell's state, and
/// installs the menu.
fn setup(app: &mut tauri::App) -> Result<(), Box<dyn std::error::Error>> {
    app.manage(state::AtlasState::open_or_install(app.handle())?);
    app.manage(paths::ChosenPaths::default());
    app.manage(basemap_commands::OpenTileSets::default());
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
}

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
