//! The bridge's stand-in for a desktop: a save dialog that answers with a file in the
//! session's export folder, an open dialog (file or folder) that answers with the next one a test queued (or
//! is cancelled when there is none), and an opener that records what it was asked to open.

use recap_api::{FileFilter, Host};
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

#[derive(Debug)]
pub struct BridgeHost {
    pub exports: PathBuf,
    picks: Mutex<VecDeque<PathBuf>>,
    opened: Mutex<Vec<(String, String)>>,
}

impl BridgeHost {
    pub fn new(exports: PathBuf) -> Self {
        BridgeHost {
            exports,
            picks: Mutex::new(VecDeque::new()),
            opened: Mutex::new(Vec::new()),
        }
    }

    /// The next open dialog answers with `path`.
    pub fn queue_pick(&self, path: PathBuf) {
        self.picks
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push_back(path);
    }

    /// What the app asked the system to open: `(how, what)`.
    pub fn opened(&self) -> Vec<(String, String)> {
        self.opened
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn record(&self, how: &str, what: String) -> Result<(), String> {
        self.opened
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((how.to_string(), what));
        Ok(())
    }
}

impl Host for BridgeHost {
    fn pick_save_path(&self, name: &str, _: Option<&Path>, _: &FileFilter) -> Option<PathBuf> {
        Some(self.exports.join(name))
    }

    fn pick_open_path(&self, _: Option<&Path>, _: &FileFilter) -> Option<PathBuf> {
        self.picks
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop_front()
    }

    // A folder is queued like a file (`next-open-folder`): one queue, in the order the test
    // chose.
    fn pick_folder(&self, _: Option<&Path>) -> Option<PathBuf> {
        self.picks
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop_front()
    }

    fn open_url(&self, url: &str) -> Result<(), String> {
        self.record("url", url.to_string())
    }

    fn open_path(&self, path: &Path) -> Result<(), String> {
        self.record("open", path.display().to_string())
    }

    fn reveal_path(&self, path: &Path) -> Result<(), String> {
        self.record("reveal", path.display().to_string())
    }
}
