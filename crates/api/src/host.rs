//! What only the front can do: native dialogs, opening a file or a link with the system, and
//! hearing that the language changed. The desktop shell implements it with Tauri's dialog and
//! opener; the development bridge with a temporary folder and a queue of files the test chose;
//! the command line needs none of it.

use recap_core::Lang;
use std::path::{Path, PathBuf};

/// A file type a dialog offers: its label (in the user's language) and its extensions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFilter {
    pub label: String,
    pub extensions: Vec<String>,
}

/// A moment of the page's start, for the startup log (see the desktop shell).
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub name: String,
    /// Milliseconds since the Unix epoch.
    pub at: f64,
}

pub trait Host: Send + Sync {
    /// Where to save a file: the native save dialog, starting in `start` with `name`
    /// suggested; `None` when the user cancelled.
    fn pick_save_path(
        &self,
        name: &str,
        start: Option<&Path>,
        filter: &FileFilter,
    ) -> Option<PathBuf>;

    /// Which file to open: the native open dialog; `None` when the user cancelled.
    fn pick_open_path(&self, start: Option<&Path>, filter: &FileFilter) -> Option<PathBuf>;

    /// Which folder to open (a folder of daily notes): the native folder dialog; `None` when
    /// the user cancelled.
    fn pick_folder(&self, start: Option<&Path>) -> Option<PathBuf>;

    /// Opens an http(s) or mailto link in the system browser (the engine has checked it).
    fn open_url(&self, url: &str) -> Result<(), String>;

    /// Opens a file or folder with the system's program for it.
    fn open_path(&self, path: &Path) -> Result<(), String>;

    /// Shows a file in its folder.
    fn reveal_path(&self, path: &Path) -> Result<(), String>;

    /// The app's language changed (the shell relabels its menu).
    fn lang_changed(&self, _lang: Lang) {}

    /// The page's first screen answers input; `marks` are its moments of the start.
    fn ui_ready(&self, _marks: &[Mark]) {}
}

/// A front with no dialogs and no system to hand things to (the command line, tests): every
/// dialog is cancelled and every opening refused.
#[derive(Debug, Default)]
pub struct NoHost;

impl Host for NoHost {
    fn pick_save_path(&self, _: &str, _: Option<&Path>, _: &FileFilter) -> Option<PathBuf> {
        None
    }
    fn pick_open_path(&self, _: Option<&Path>, _: &FileFilter) -> Option<PathBuf> {
        None
    }
    fn pick_folder(&self, _: Option<&Path>) -> Option<PathBuf> {
        None
    }
    fn open_url(&self, url: &str) -> Result<(), String> {
        Err(format!("no browser to open {url}"))
    }
    fn open_path(&self, path: &Path) -> Result<(), String> {
        Err(format!("nothing to open {} with", path.display()))
    }
    fn reveal_path(&self, path: &Path) -> Result<(), String> {
        Err(format!("no file manager to show {}", path.display()))
    }
}
