//! The window menu. Items that belong to the UI (zoom, language, dialogs) are forwarded to the
//! webview as a `menu` event carrying the item id; the UI's menu table (ui/src/app/menu.ts)
//! maps each id to its handler.

use tauri::menu::{IsMenuItem, Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{App, AppHandle, Emitter, Wry};

type Item = Box<dyn IsMenuItem<Wry>>;

/// An item forwarded to the page as `menu` with this id.
fn item(h: &AppHandle, id: &str, label: &str, accelerator: Option<&str>) -> tauri::Result<Item> {
    Ok(Box::new(MenuItem::with_id(h, id, label, true, accelerator)?))
}

fn separator(h: &AppHandle) -> tauri::Result<Item> {
    Ok(Box::new(PredefinedMenuItem::separator(h)?))
}

fn submenu(h: &AppHandle, title: &str, items: Vec<Item>) -> tauri::Result<Submenu<Wry>> {
    let refs: Vec<&dyn IsMenuItem<Wry>> = items.iter().map(|i| i.as_ref()).collect();
    Submenu::with_items(h, title, true, &refs)
}

fn file_menu(h: &AppHandle) -> tauri::Result<Submenu<Wry>> {
    submenu(
        h,
        "文件 File",
        vec![
            item(h, "export-sheet", "导出地图… Export map sheet…", Some("CmdOrCtrl+P"))?,
            item(h, "export-book", "导出图集… Export atlas book…", None)?,
            item(h, "export-geojson", "导出 GeoJSON… Export GeoJSON…", Some("CmdOrCtrl+E"))?,
            item(h, "export-gpkg", "导出 GeoPackage(含我的数据)… Export GeoPackage…", None)?,
            item(h, "export-csv", "导出要素表 CSV… Export CSV…", None)?,
            separator(h)?,
            item(h, "reset-default", "恢复规划默认数据… Reset to plan default…", None)?,
            item(h, "restore-backup", "从备份恢复… Restore from backup…", None)?,
            separator(h)?,
            Box::new(PredefinedMenuItem::quit(h, Some("退出 Quit"))?),
        ],
    )
}

fn edit_menu(h: &AppHandle) -> tauri::Result<Submenu<Wry>> {
    // Undo/redo carry no accelerator here: GTK would take Ctrl+Z from text fields too; the
    // page handles the keys itself outside text fields.
    submenu(
        h,
        "编辑 Edit",
        vec![
            item(h, "undo", "撤销 Undo (Ctrl+Z)", None)?,
            item(h, "redo", "重做 Redo (Ctrl+Shift+Z)", None)?,
            separator(h)?,
            item(h, "import", "导入图层… Import layer…", Some("CmdOrCtrl+I"))?,
        ],
    )
}

fn view_menu(h: &AppHandle) -> tauri::Result<Submenu<Wry>> {
    submenu(
        h,
        "视图 View",
        vec![
            item(h, "zoom-tianjin", "缩放至天津 Zoom to Tianjin", Some("CmdOrCtrl+1"))?,
            item(h, "zoom-jjj", "缩放至京津冀 Zoom to Beijing–Tianjin–Hebei", Some("CmdOrCtrl+2"))?,
            separator(h)?,
            item(h, "toggle-language", "中文 / English", Some("CmdOrCtrl+L"))?,
            Box::new(PredefinedMenuItem::fullscreen(h, Some("全屏 Full screen"))?),
            separator(h)?,
            item(h, "present", "开始演示 Present tour", Some("F5"))?,
        ],
    )
}

fn help_menu(h: &AppHandle) -> tauri::Result<Submenu<Wry>> {
    submenu(h, "帮助 Help", vec![item(h, "about", "关于 About Tianjin Innovation Atlas", None)?])
}

pub fn install(app: &mut App) -> tauri::Result<()> {
    let h = app.handle();
    let menu = Menu::with_items(h, &[&file_menu(h)?, &edit_menu(h)?, &view_menu(h)?, &help_menu(h)?])?;
    app.set_menu(menu)?;
    app.on_menu_event(|app, event| {
        let _ = app.emit("menu", event.id().0.as_str());
    });
    Ok(())
}
