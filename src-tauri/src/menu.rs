//! The window menu. Items that belong to the UI (zoom, language, dialogs) are forwarded to the
//! webview as a `menu` event carrying the item id; the UI's api.ts listens for it.

use tauri::menu::{Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{App, Emitter};

pub fn install(app: &mut App) -> tauri::Result<()> {
    let h = app.handle();
    let file = Submenu::with_items(
        h,
        "文件 File",
        true,
        &[
            &MenuItem::with_id(h, "export-sheet", "导出地图… Export map sheet…", true, Some("CmdOrCtrl+P"))?,
            &MenuItem::with_id(h, "export-book", "导出图集… Export atlas book…", true, None::<&str>)?,
            &MenuItem::with_id(h, "export-geojson", "导出 GeoJSON… Export GeoJSON…", true, Some("CmdOrCtrl+E"))?,
            &PredefinedMenuItem::separator(h)?,
            &MenuItem::with_id(h, "reset-default", "恢复规划默认数据… Reset to plan default…", true, None::<&str>)?,
            &PredefinedMenuItem::separator(h)?,
            &PredefinedMenuItem::quit(h, Some("退出 Quit"))?,
        ],
    )?;
    let view = Submenu::with_items(
        h,
        "视图 View",
        true,
        &[
            &MenuItem::with_id(h, "zoom-tianjin", "缩放至天津 Zoom to Tianjin", true, Some("CmdOrCtrl+1"))?,
            &MenuItem::with_id(h, "zoom-jjj", "缩放至京津冀 Zoom to Jing-Jin-Ji", true, Some("CmdOrCtrl+2"))?,
            &PredefinedMenuItem::separator(h)?,
            &MenuItem::with_id(h, "toggle-language", "中文 / English", true, Some("CmdOrCtrl+L"))?,
            &PredefinedMenuItem::fullscreen(h, Some("全屏 Full screen"))?,
            &PredefinedMenuItem::separator(h)?,
            &MenuItem::with_id(h, "present", "开始演示 Present tour", true, Some("F5"))?,
        ],
    )?;
    let menu = Menu::with_items(h, &[&file, &view])?;
    app.set_menu(menu)?;
    app.on_menu_event(|app, event| {
        let _ = app.emit("menu", event.id().0.as_str());
    });
    Ok(())
}
