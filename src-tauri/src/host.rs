//! What only the desktop can do for the engine: native dialogs, the system's opener, the menu
//! in the new language, the startup log.

use recap_api::{FileFilter, Host, Mark};
use recap_core::Lang;
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

/// Tests only: when set, the save dialog is not shown and exports go into this folder.
pub const TEST_EXPORT_DIR: &str = "RECAP_TEST_EXPORT_DIR";

pub struct TauriHost<R: Runtime> {
    pub app: AppHandle<R>,
    pub test_export_dir: Option<PathBuf>,
}

impl<R: Runtime> TauriHost<R> {
    pub fn new(app: AppHandle<R>) -> Self {
        TauriHost {
            app,
            test_export_dir: std::env::var_os(TEST_EXPORT_DIR).map(PathBuf::from),
        }
    }
}

impl<R: Runtime> Host for TauriHost<R> {
    // The engine calls these on a worker thread, never the window's: blocking there is what
    // the dialogs' blocking forms are for.
    fn pick_save_path(
        &self,
        name: &str,
        start: Option<&Path>,
        filter: &FileFilter,
    ) -> Option<PathBuf> {
        if let Some(dir) = &self.test_export_dir {
            return Some(dir.join(name));
        }
        let exts: Vec<&str> = filter.extensions.iter().map(String::as_str).collect();
        let mut dialog = self
            .app
            .dialog()
            .file()
            .set_file_name(name)
            .add_filter(&filter.label, &exts);
        if let Some(dir) = start {
            dialog = dialog.set_directory(dir);
        }
        dialog.blocking_save_file()?.into_path().ok()
    }

    fn pick_open_path(&self, start: Option<&Path>, filter: &FileFilter) -> Option<PathBuf> {
        let exts: Vec<&str> = filter.extensions.iter().map(String::as_str).collect();
        let mut dialog = self.app.dialog().file().add_filter(&filter.label, &exts);
        if let Some(dir) = start {
            dialog = dialog.set_directory(dir);
        }
        dialog.blocking_pick_file()?.into_path().ok()
    }

    fn pick_folder(&self, start: Option<&Path>) -> Option<PathBuf> {
        let mut dialog = self.app.dialog().file();
        if let Some(dir) = start {
            dialog = dialog.set_directory(dir);
        }
        dialog.blocking_pick_folder()?.into_path().ok()
    }

    fn open_url(&self, url: &str) -> Result<(), String> {
        tauri_plugin_opener::open_url(url, None::<&str>).map_err(|e| e.to_string())
    }

    fn open_path(&self, path: &Path) -> Result<(), String> {
        tauri_plugin_opener::open_path(path, None::<&str>).map_err(|e| e.to_string())
    }

    fn reveal_path(&self, path: &Path) -> Result<(), String> {
        tauri_plugin_opener::reveal_item_in_dir(path).map_err(|e| e.to_string())
    }

    fn lang_changed(&self, lang: Lang) {
        // The menu is a convenience: failing to relabel it must not fail the setting.
        if let Ok(menu) = crate::menu::build(&self.app, lang) {
            let _ = self.app.set_menu(menu);
        }
    }

    fn ui_ready(&self, marks: &[Mark]) {
        crate::startup::ready(marks);
    }
}
