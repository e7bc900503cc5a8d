//! The window menu, in the page's language (one language at a time: the page calls
//! `set_menu_language` at startup and on every switch). Items that belong to the UI (zoom,
//! language, dialogs) are forwarded to the webview as a `menu` event carrying the item id; the
//! UI's menu table (ui/src/app/menu.ts) maps each id to its handler.

use atlas_core::render::Lang;
use tauri::menu::{IsMenuItem, Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{App, AppHandle, Emitter, Wry};

use crate::commands::CommandResult;
use crate::errors::internal;

/// One entry of a submenu.
enum Entry {
    /// Forwarded to the page as `menu` with this id: (id, Chinese, English, accelerator).
    Item(&'static str, &'static str, &'static str, Option<&'static str>),
    Separator,
    Quit,
    Fullscreen,
}
use Entry::*;

/// The menu: (Chinese title, English title, entries). Undo/redo carry no accelerator: GTK would
/// take Ctrl+Z from text fields too; the page handles the keys itself outside text fields.
const MENU: &[(&str, &str, &[Entry])] = &[
    (
        "文件",
        "File",
        &[
            Item("export-sheet", "导出地图…", "Export map sheet…", Some("CmdOrCtrl+P")),
            Item("export-book", "导出图集…", "Export atlas book…", None),
            Item("export-geojson", "导出 GeoJSON…", "Export GeoJSON…", Some("CmdOrCtrl+E")),
            Item("export-gpkg", "导出 GeoPackage(含我的数据)…", "Export GeoPackage (with my data)…", None),
            Item("export-csv", "导出要素表 CSV…", "Export element table (CSV)…", None),
            Separator,
            Item("reset-default", "恢复规划默认数据…", "Reset to plan default…", None),
            Item("restore-backup", "从备份恢复…", "Restore from backup…", None),
            Separator,
            Quit,
        ],
    ),
    (
        "编辑",
        "Edit",
        &[
            Item("undo", "撤销 (Ctrl+Z)", "Undo (Ctrl+Z)", None),
            Item("redo", "重做 (Ctrl+Shift+Z)", "Redo (Ctrl+Shift+Z)", None),
            Separator,
            Item("import", "导入图层…", "Import layer…", Some("CmdOrCtrl+I")),
        ],
    ),
    (
        "视图",
        "View",
        &[
            Item("zoom-tianjin", "缩放至天津", "Zoom to Tianjin", Some("CmdOrCtrl+1")),
            Item("zoom-jjj", "缩放至京津冀", "Zoom to Beijing–Tianjin–Hebei", Some("CmdOrCtrl+2")),
            Separator,
            // The switch names the language it switches to, in that language.
            Item("toggle-language", "English", "中文", Some("CmdOrCtrl+L")),
            Fullscreen,
            Separator,
            Item("present", "开始演示", "Present tour", Some("F5")),
        ],
    ),
    ("帮助", "Help", &[Item("about", "关于天津科技创新地图", "About Tianjin Innovation Atlas", None)]),
];

/// What an entry says in `lang`.
fn label(entry: &Entry, lang: Lang) -> Option<&'static str> {
    match entry {
        Item(_, zh, en, _) => Some(lang.pick(zh, en)),
        Separator => None,
        Quit => Some(lang.pick("退出", "Quit")),
        Fullscreen => Some(lang.pick("全屏", "Full screen")),
    }
}

fn build(h: &AppHandle, lang: Lang) -> tauri::Result<Menu<Wry>> {
    let mut submenus = Vec::new();
    for (zh, en, entries) in MENU {
        let mut items: Vec<Box<dyn IsMenuItem<Wry>>> = Vec::new();
        for entry in entries.iter() {
            let text = label(entry, lang);
            items.push(match entry {
                Item(id, _, _, accelerator) => {
                    Box::new(MenuItem::with_id(h, *id, text.unwrap_or(id), true, *accelerator)?)
                }
                Separator => Box::new(PredefinedMenuItem::separator(h)?),
                Quit => Box::new(PredefinedMenuItem::quit(h, text)?),
                Fullscreen => Box::new(PredefinedMenuItem::fullscreen(h, text)?),
            });
        }
        let refs: Vec<&dyn IsMenuItem<Wry>> = items.iter().map(|i| i.as_ref()).collect();
        submenus.push(Submenu::with_items(h, lang.pick(zh, en), true, &refs)?);
    }
    let refs: Vec<&dyn IsMenuItem<Wry>> = submenus.iter().map(|s| s as &dyn IsMenuItem<Wry>).collect();
    Menu::with_items(h, &refs)
}

pub fn install(app: &mut App) -> tauri::Result<()> {
    let menu = build(app.handle(), Lang::Zh)?;
    app.set_menu(menu)?;
    app.on_menu_event(|app, event| {
        let _ = app.emit("menu", event.id().0.as_str());
    });
    Ok(())
}

/// Rebuilds the window menu in `lang`.
#[tauri::command]
pub fn set_menu_language(app: AppHandle, lang: Lang) -> CommandResult<()> {
    app.set_menu(build(&app, lang).map_err(internal)?).map_err(internal)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_labels(lang: Lang) -> Vec<&'static str> {
        MENU.iter()
            .flat_map(|(zh, en, entries)| {
                std::iter::once(lang.pick(zh, en)).chain(entries.iter().filter_map(move |e| label(e, lang)))
            })
            .collect()
    }

    fn has_han(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn each_language_menu_speaks_only_that_language() {
        // The language switch names the other language in its own words: the one exception.
        for l in all_labels(Lang::En).into_iter().filter(|l| *l != "中文") {
            assert!(!has_han(l), "Chinese in the English menu: {l}");
        }
        // Chinese labels keep format names (GeoJSON, GeoPackage, CSV) and key names (Ctrl).
        let allowed = ["GeoJSON", "GeoPackage", "CSV", "Ctrl", "Shift", "Z", "English"];
        for l in all_labels(Lang::Zh) {
            let words = l.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty());
            for w in words {
                assert!(allowed.contains(&w), "English word {w:?} in the Chinese menu: {l}");
            }
            assert!(has_han(l) || l == "English", "no Chinese in {l}");
        }
    }
}
