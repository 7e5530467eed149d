//! The app menu. Its commands are the UI's own (new, save, export, search, log): a click or a
//! shortcut sends the command's id to the page as the `recap://menu` event, and the page runs
//! it exactly as its keyboard handler would.

use recap_core::Lang;
use tauri::menu::{Menu, MenuEvent, MenuItem, PredefinedMenuItem, Submenu};
use tauri::{AppHandle, Emitter, Runtime};

/// The event the page listens to.
pub const MENU_EVENT: &str = "recap://menu";

/// The page's commands, with their menu ids and shortcuts.
const COMMANDS: [(&str, [&str; 3], &str); 5] = [
    ("new", ["新建", "新增", "New"], "CmdOrCtrl+N"),
    ("save", ["保存", "儲存", "Save"], "CmdOrCtrl+S"),
    ("export", ["导出…", "匯出…", "Export…"], "CmdOrCtrl+E"),
    ("search", ["搜索", "搜尋", "Search"], "CmdOrCtrl+F"),
    (
        "log",
        ["记录今天的工作", "記錄今天的工作", "Log Today's Work"],
        "CmdOrCtrl+J",
    ),
];

fn pick(lang: Lang, words: [&str; 3]) -> &str {
    lang.pick(words[0], words[1], words[2])
}

pub fn build<R: Runtime>(app: &AppHandle<R>, lang: Lang) -> tauri::Result<Menu<R>> {
    let item = |i: usize| {
        let (id, words, accel) = COMMANDS[i];
        MenuItem::with_id(app, id, pick(lang, words), true, Some(accel))
    };
    let file = Submenu::with_items(
        app,
        pick(lang, ["文件", "檔案", "File"]),
        true,
        &[
            &item(0)?,
            &item(1)?,
            &item(2)?,
            &PredefinedMenuItem::separator(app)?,
            &item(4)?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::quit(app, Some(pick(lang, ["退出", "結束", "Quit"])))?,
        ],
    )?;
    let edit = Submenu::with_items(
        app,
        pick(lang, ["编辑", "編輯", "Edit"]),
        true,
        &[
            &PredefinedMenuItem::undo(app, Some(pick(lang, ["撤销", "復原", "Undo"])))?,
            &PredefinedMenuItem::redo(app, Some(pick(lang, ["重做", "重做", "Redo"])))?,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::cut(app, Some(pick(lang, ["剪切", "剪下", "Cut"])))?,
            &PredefinedMenuItem::copy(app, Some(pick(lang, ["复制", "複製", "Copy"])))?,
            &PredefinedMenuItem::paste(app, Some(pick(lang, ["粘贴", "貼上", "Paste"])))?,
            &PredefinedMenuItem::select_all(app, Some(pick(lang, ["全选", "全選", "Select All"])))?,
            &PredefinedMenuItem::separator(app)?,
            &item(3)?,
        ],
    )?;
    Menu::with_items(app, &[&file, &edit])
}

pub fn on_event<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    let id = event.id().as_ref();
    if COMMANDS.iter().any(|(known, _, _)| *known == id) {
        // A page that is gone (closing) simply misses the command.
        let _ = app.emit_to("main", MENU_EVENT, id);
    }
}
