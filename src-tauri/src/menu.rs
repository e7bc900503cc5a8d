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
            &MenuItem::with_id(
                h,
                "export-gpkg",
                "导出 GeoPackage(含我的数据)… Export GeoPackage…",
                true,
                None::<&str>,
            )?,
            &MenuItem::with_id(h, "export-csv", "导出要素表 CSV… Export CSV…", true, None::<&str>)?,
            &PredefinedMenuItem::separator(h)?,
            &MenuItem::with_id(h, "reset-default", "恢复规划默认数据… Reset to plan default…", true, None::<&str>)?,
            &MenuItem::with_id(h, "restore-backup", "从备份恢复… Restore from backup…", true, None::<&str>)?,
            &PredefinedMenuItem::separator(h)?,
            &PredefinedMenuItem::quit(h, Some("退出 Quit"))?,
        ],
    )?;
    // Undo/redo carry no accelerator here: GTK would take Ctrl+Z from text fields too; the
    // page handles the keys itself outside text fields.
    let edit = Submenu::with_items(
        h,
        "编辑 Edit",
        true,
        &[
            &MenuItem::with_id(h, "undo", "撤销 Undo (Ctrl+Z)", true, None::<&str>)?,
            &MenuItem::with_id(h, "redo", "重做 Redo (Ctrl+Shift+Z)", true, None::<&str>)?,
            &PredefinedMenuItem::separator(h)?,
            &MenuItem::with_id(h, "import", "导入图层… Import layer…", true, Some("CmdOrCtrl+I"))?,
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
    let help = Submenu::with_items(
        h,
        "帮助 Help",
        true,
        &[&MenuItem::with_id(h, "about", "关于 About Tianjin Innovation Atlas", true, None::<&str>)?],
    )?;
    let menu = Menu::with_items(h, &[&file, &edit, &view, &help])?;
    app.set_menu(menu)?;
    app.on_menu_event(|app, event| {
        let _ = app.emit("menu", event.id().0.as_str());
    });
    Ok(())
}
